//! About PL Reflect: the version and commit, the data folder, the licences
//! and where to report a problem.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::Action;
use super::widgets::subheading;
use crate::app::theme;

/// "0.1.0 (commit 1a2b3c4)": the same as `pl-reflect --version` prints.
pub fn version_line() -> String {
    format!(
        "{} (commit {})",
        env!("CARGO_PKG_VERSION"),
        env!("PL_REFLECT_COMMIT")
    )
}

/// The folder with the licence texts of PL Reflect and of everything built
/// into it, when the program was installed from a package or the archive:
/// `PREFIX/share/doc/pl-reflect` next to `PREFIX/bin/pl-reflect`.
pub fn licences_folder() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    licences_folder_for(&exe)
}

fn licences_folder_for(exe: &Path) -> Option<PathBuf> {
    let prefix = exe.parent()?.parent()?;
    let folder = prefix.join("share").join("doc").join("pl-reflect");
    folder.join("copyright").is_file().then_some(folder)
}

/// The About window's content.
pub fn ui(ui: &mut Ui, data_dir: &Path) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.heading("PL Reflect");
    ui.label(format!("Version {}", version_line()));
    ui.label("A private notebook for reflecting on personalized learning.");
    ui.add_space(theme::GAP);

    subheading(ui, "Your notebook");
    ui.label("Kept in this folder on this computer, and nowhere else:");
    ui.monospace(data_dir.display().to_string());
    if ui.button("Open data folder").clicked() {
        actions.push(Action::OpenFolder(data_dir.to_path_buf()));
    }
    ui.weak("Installing, upgrading or removing PL Reflect never changes it.");
    ui.add_space(theme::GAP);

    subheading(ui, "Licences");
    ui.label(
        "PL Reflect is free software under the MIT or the Apache 2.0 licence, at your option.",
    );
    ui.label(
        "It is built with Rust libraries under their own open-source licences, and with the \
         fonts Ubuntu Light (Ubuntu Font Licence 1.0), Hack (MIT) and Noto Emoji (SIL Open \
         Font Licence 1.1).",
    );
    match licences_folder() {
        Some(folder) => {
            ui.label("Every licence text, and the list of libraries:");
            ui.monospace(folder.join("copyright").display().to_string());
            if ui.button("Open licences folder").clicked() {
                actions.push(Action::OpenFolder(folder));
            }
        }
        None => {
            ui.weak("The installed packages carry every licence text, in share/doc/pl-reflect/copyright.");
        }
    }
    ui.add_space(theme::GAP);

    subheading(ui, "Reporting a problem");
    ui.label(
        "Tell the person or team who gave you PL Reflect (your coach or your school's IT \
         support), with the version above and what you did just before.",
    );
    ui.weak(
        "`pl-reflect check` lists any problem in your notebook without changing it; \
         no reflection is ever sent anywhere.",
    );
    actions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_line_matches_the_command_line() {
        let line = version_line();
        assert!(line.starts_with(env!("CARGO_PKG_VERSION")), "{line}");
        assert!(line.contains("(commit "), "{line}");
    }

    #[test]
    fn the_licences_folder_is_found_next_to_an_installed_binary() {
        let prefix = tempfile::tempdir().unwrap();
        let exe = prefix.path().join("bin/pl-reflect");
        assert_eq!(licences_folder_for(&exe), None);
        let doc = prefix.path().join("share/doc/pl-reflect");
        std::fs::create_dir_all(&doc).unwrap();
        std::fs::write(doc.join("copyright"), "texts").unwrap();
        assert_eq!(licences_folder_for(&exe), Some(doc));
    }
}
