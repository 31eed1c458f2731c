//! Where PL Reflect keeps things on this computer, by platform convention.

use std::path::PathBuf;

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "PL_REFLECT_DATA_DIR";

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "PL Reflect", "PL Reflect")
}

/// The folder user guides are read from, for example `~/.config/pl-reflect/guides` on Linux.
pub fn default_guides_dir() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().join("guides"))
}

/// The usual data folder, for example `~/.local/share/plreflect` on Linux.
pub fn default_data_dir() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.data_dir().to_path_buf())
}

/// The data folder to use: `--data-dir`, else `PL_REFLECT_DATA_DIR`, else the platform's.
pub fn resolve_data_dir(from_command_line: Option<PathBuf>) -> Option<PathBuf> {
    from_command_line
        .or_else(|| std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(default_data_dir)
}
