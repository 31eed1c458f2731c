//! Where the data folder is, what lives in it, and which names are safe to use as file names.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

use super::StoreError;

/// The environment variable that names the data folder when `--data-dir` is not given.
pub const DATA_DIR_ENV: &str = "PL_REFLECT_DATA_DIR";
/// The teachers file, directly in the data folder.
pub const TEACHERS_FILE: &str = "teachers.json";
/// The folder holding one file per reflection.
pub const REFLECTIONS_DIR: &str = "reflections";
/// The folder deleted reflections are moved to.
pub const TRASH_DIR: &str = "trash";
/// The folder holding one file per coaching session; also the name of the
/// folder inside the trash that holds deleted sessions.
pub const SESSIONS_DIR: &str = "sessions";
/// The file locked by the one process that may write.
pub const LOCK_FILE: &str = ".lock";
/// The folder inside the data folder that exports may go into (where the app
/// saves them when the system has no Documents folder); nothing else of the
/// data folder may be an export's target.
pub const EXPORTS_DIR: &str = "exports";

/// Picks the data folder: the `--data-dir` value first, then `PL_REFLECT_DATA_DIR`
/// (if not empty), then the system's usual place for application data.
pub fn resolve_data_dir(cli: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    resolve_data_dir_from(cli, std::env::var_os(DATA_DIR_ENV))
}

/// [`resolve_data_dir`] with the environment value passed in, so it can be tested
/// without touching the process environment.
pub(crate) fn resolve_data_dir_from(
    cli: Option<PathBuf>,
    env: Option<OsString>,
) -> Result<PathBuf, StoreError> {
    resolve_data_dir_with(cli, env, data_folder_pointer())
}

/// [`resolve_data_dir_from`] with the moved-notebook pointer file passed in.
pub(crate) fn resolve_data_dir_with(
    cli: Option<PathBuf>,
    env: Option<OsString>,
    pointer: Option<PathBuf>,
) -> Result<PathBuf, StoreError> {
    let chosen = match (cli, env) {
        (Some(cli), _) if cli.as_os_str().is_empty() => return Err(StoreError::EmptyDataDir),
        (Some(cli), _) => cli,
        (None, Some(env)) if !env.is_empty() => PathBuf::from(env),
        _ => {
            let moved = pointer.and_then(|p| read_pointer(&p).map(|folder| (p, folder)));
            match moved {
                Some((_, folder)) if folder.is_dir() => folder,
                Some((pointer, folder)) => {
                    return Err(StoreError::MovedNotebookMissing { pointer, folder });
                }
                None => project_dirs()
                    .map(|dirs| dirs.data_dir().to_path_buf())
                    .ok_or(StoreError::NoDataDir)?,
            }
        }
    };
    // An absolute path keeps messages unambiguous; if that fails, the path is still usable as is.
    Ok(std::path::absolute(&chosen).unwrap_or(chosen))
}

/// The folder where the user's own guide files are looked for, if the system has one.
pub fn default_guides_dir() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().join("guides"))
}

/// The file, in the configuration folder, that names the notebook's folder
/// after a move (`store::relocate`). `--data-dir` and `PL_REFLECT_DATA_DIR`
/// still come first.
pub const DATA_FOLDER_POINTER: &str = "data-folder.txt";

/// The pointer file, where the platform has a configuration folder.
pub fn data_folder_pointer() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().join(DATA_FOLDER_POINTER))
}

/// The folder a pointer file names, if there is one.
pub fn read_pointer(pointer: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(pointer).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| PathBuf::from(line))
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "PL Reflect", "PL Reflect")
}

/// Where exports go when no save dialog can be shown: `PL Reflect exports`
/// in the user's Documents folder, or [`EXPORTS_DIR`] in the data folder when
/// the system has no Documents folder. Make it with [`create_private_folder`].
pub fn fallback_export_folder(data_dir: &Path) -> PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| dirs.document_dir().map(|d| d.join("PL Reflect exports")))
        .unwrap_or_else(|| data_dir.join(EXPORTS_DIR))
}

/// Refuses an export `target` inside the data folder `data_dir` (other than in
/// its [`EXPORTS_DIR`]), where it could replace the notebook's own files. Both
/// paths are compared after resolving symbolic links and `..`; a target that
/// does not exist yet is judged by the folder it would be made in.
pub fn refuse_export_target(data_dir: &Path, target: &Path) -> Result<(), StoreError> {
    let data = resolved(data_dir);
    let place = resolved(target);
    if place.starts_with(&data) && !place.starts_with(data.join(EXPORTS_DIR)) {
        return Err(StoreError::ExportIntoDataFolder {
            path: target.to_path_buf(),
            dir: data_dir.to_path_buf(),
        });
    }
    Ok(())
}

/// `path` made absolute with its symbolic links and `..` resolved: the longest
/// part that exists is resolved by the system, the rest (which cannot hold a
/// link, since it does not exist) by dropping `.` and applying `..`.
fn resolved(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let parts: Vec<Component> = absolute.components().collect();
    for known in (0..=parts.len()).rev() {
        let prefix: PathBuf = parts[..known].iter().collect();
        let Ok(mut place) = prefix.canonicalize() else {
            continue;
        };
        for part in &parts[known..] {
            match part {
                Component::ParentDir => {
                    place.pop();
                }
                Component::Normal(name) => place.push(name),
                Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
            }
        }
        return place;
    }
    absolute
}

/// `NAME.json` becomes `NAME.json.bak`: the last good version, kept beside the file.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Creates a folder (and any missing parents) that only the owner may enter
/// (0700 on Unix), or makes an existing one so. For the folders of the data
/// folder and for the folder exports fall back to (`DATA/exports`).
pub fn create_private_folder(path: &Path) -> io::Result<()> {
    create_private_dir(path)?;
    tighten_dir(path);
    Ok(())
}

/// Takes away others' access to an existing folder (on Unix, keeping only the owner's
/// bits), if it has any. Best effort: a folder the user does not own stays as it is.
pub(crate) fn tighten_dir(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::symlink_metadata(path)
            && meta.is_dir()
            && meta.permissions().mode() & 0o077 != 0
        {
            let owner_only = meta.permissions().mode() & 0o700;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(owner_only));
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
    }
}

/// Creates a folder (and any missing parents) that only the owner may enter (0700 on Unix).
pub(crate) fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_wins_then_environment_then_system() {
        let cli = resolve_data_dir_from(Some("/a/cli".into()), Some("/b/env".into())).unwrap();
        assert_eq!(cli, PathBuf::from("/a/cli"));
        let env = resolve_data_dir_from(None, Some("/b/env".into())).unwrap();
        assert_eq!(env, PathBuf::from("/b/env"));
        // An empty environment value is ignored, not taken as the current folder.
        if let Ok(system) = resolve_data_dir_from(None, Some("".into())) {
            assert!(system.is_absolute());
            assert_ne!(system, std::env::current_dir().unwrap());
        }
        assert!(matches!(
            resolve_data_dir_from(Some("".into()), None),
            Err(StoreError::EmptyDataDir)
        ));
    }

    #[test]
    fn relative_paths_become_absolute() {
        let dir = resolve_data_dir_from(Some("some/where".into()), None).unwrap();
        assert!(dir.is_absolute());
        assert!(dir.ends_with("some/where"));
    }

    #[test]
    fn the_fallback_export_folder_is_documents_or_the_exports_folder_and_may_be_written() {
        let data = Path::new("/d/data");
        let folder = fallback_export_folder(data);
        assert!(
            folder == data.join(EXPORTS_DIR) || folder.ends_with("PL Reflect exports"),
            "{}",
            folder.display()
        );
        assert!(refuse_export_target(data, &folder.join("summary.md")).is_ok());
    }

    #[test]
    fn export_targets_inside_the_data_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(data.join("reflections")).unwrap();
        std::fs::write(data.join("teachers.json"), "{}").unwrap();
        for inside in [
            data.clone(),
            data.join("teachers.json"),
            data.join("reflections/r-1.json"),
            data.join("new/deeper/file.md"),
            data.join("exports/../teachers.json"),
            dir.path().join("elsewhere/../data/teachers.json"),
        ] {
            let error = refuse_export_target(&data, &inside).unwrap_err();
            let message = error.to_string();
            assert!(message.contains(&inside.display().to_string()), "{message}");
            assert!(message.contains("inside the data folder"), "{message}");
        }
        for outside in [
            dir.path().join("summary.md"),
            dir.path().join("data-other/x.md"),
            data.join("exports/summary.md"),
            data.join("exports"),
        ] {
            assert!(
                refuse_export_target(&data, &outside).is_ok(),
                "{}",
                outside.display()
            );
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&data, &link).unwrap();
            assert!(refuse_export_target(&data, &link.join("teachers.json")).is_err());
            assert!(refuse_export_target(&link, &data.join("x.md")).is_err());
        }
    }

    #[test]
    fn backup_sits_beside_the_file() {
        assert_eq!(
            backup_path(Path::new("/d/r/x.json")),
            PathBuf::from("/d/r/x.json.bak")
        );
    }

    #[test]
    fn a_moved_notebook_is_opened_where_it_went_and_never_replaced_by_an_empty_one() {
        let root = tempfile::tempdir().unwrap();
        let pointer = root.path().join("data-folder.txt");
        let moved = root.path().join("stick");
        std::fs::create_dir_all(&moved).unwrap();
        std::fs::write(&pointer, format!("{}\n", moved.display())).unwrap();
        let found = resolve_data_dir_with(None, None, Some(pointer.clone())).unwrap();
        assert_eq!(found, moved);
        // --data-dir still comes first.
        let cli =
            resolve_data_dir_with(Some("/a/cli".into()), None, Some(pointer.clone())).unwrap();
        assert_eq!(cli, PathBuf::from("/a/cli"));
        // The stick is unplugged: an error naming it, not the usual (empty) place.
        std::fs::remove_dir(&moved).unwrap();
        let missing = resolve_data_dir_with(None, None, Some(pointer)).unwrap_err();
        assert!(
            matches!(missing, StoreError::MovedNotebookMissing { .. }),
            "{missing}"
        );
        assert!(missing.to_string().contains("not there now"), "{missing}");
    }
}
