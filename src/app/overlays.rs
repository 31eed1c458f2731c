//! What is drawn over the screen: a dialog, the app's own file chooser, and
//! words found on start waiting for an answer. The chooser's choices are
//! carried out here: importing, moving the notebook, keeping a copy of
//! unsaved words.

use std::path::{Path, PathBuf};

use super::chrome::Quitting;
use super::notebook::Notebook;
use super::recovery::Recovered;
use super::views::Action;
use super::views::dialogs::Dialog;
use super::views::file_chooser::{ChooserPurpose, FileChooser};
use super::{AppConfig, file_pick, keeping};

#[derive(Default)]
pub struct Overlays {
    pub dialog: Option<Dialog>,
    pub chooser: Option<FileChooser>,
    /// Words kept after failed saves, found on start, waiting for the
    /// teacher to bring them back.
    pub recovered: Option<Recovered>,
}

impl Overlays {
    /// Opens the app's own chooser for `purpose`.
    pub fn choose(&mut self, purpose: ChooserPurpose) {
        let (folder, why) = match purpose {
            ChooserPurpose::Import => (
                file_pick::downloads_folder(),
                "No system file dialog could be shown here, so PL Reflect shows its own. You can also drop a file onto the window.",
            ),
            ChooserPurpose::SaveUnsavedCopy => (
                file_pick::home_folder(),
                "Choose a folder on another disk if this one is full: a USB stick, for example.",
            ),
            ChooserPurpose::MoveNotebook => (
                file_pick::home_folder(),
                "A folder named \"PL Reflect notebook\" is made inside the one you choose.",
            ),
        };
        self.chooser = Some(file_pick::chooser(purpose, folder, Some(why.to_owned())));
    }

    /// The chooser goes to `path`; a file to import is taken at once.
    pub fn chooser_go(&mut self, path: &Path) -> Option<Action> {
        let chooser = self.chooser.as_ref()?;
        if chooser.purpose == ChooserPurpose::Import && path.is_file() {
            return Some(Action::ImportFile(path.to_path_buf()));
        }
        self.chooser = Some(file_pick::chooser_at(chooser, path));
        None
    }

    /// Carries out what the chooser was opened for, with `path` chosen; an
    /// import comes back as the action to take.
    pub fn chooser_choose(
        &mut self,
        path: PathBuf,
        notebook: &mut Notebook,
        config: &AppConfig,
        quitting: &mut Quitting,
    ) -> anyhow::Result<Option<Action>> {
        let Some(purpose) = self.chooser.as_ref().map(|c| c.purpose) else {
            return Ok(None);
        };
        if purpose == ChooserPurpose::Import {
            return Ok(Some(Action::ImportFile(path)));
        }
        self.chooser = None;
        let (title, text) = if purpose == ChooserPurpose::MoveNotebook {
            let new = keeping::move_notebook(notebook, config, &path)?;
            quitting.after_notice = true;
            (
                "Your notebook has moved",
                format!(
                    "It is now in {}, checked file by file. PL Reflect closes now and opens it there next time. The old folder, {}, is kept as it was, with a note saying where the notebook went.",
                    new.display(),
                    config.data_dir.display()
                ),
            )
        } else {
            let written = keeping::save_unsaved_copies(notebook, &path)?;
            quitting.anyway = true;
            (
                "A copy of your words is kept",
                format!(
                    "Saved {} in {}. A reflection's copy can be imported back with File > Import a reflection…. PL Reflect stays open; quit when you are ready.",
                    crate::words::plural(written, "file", "files"),
                    path.display()
                ),
            )
        };
        self.dialog = Some(Dialog::Notice {
            title: title.to_owned(),
            text,
        });
        Ok(None)
    }

    /// The dialog and the chooser, if open.
    pub fn ui(&mut self, ctx: &egui::Context, notebook: &Notebook) -> Vec<Action> {
        let mut actions = Vec::new();
        if let Some(dialog) = self.dialog.as_mut() {
            actions.extend(dialog.ui(ctx, notebook));
        }
        if let Some(chooser) = self.chooser.as_mut() {
            actions.extend(chooser.ui(ctx));
        }
        actions
    }
}
