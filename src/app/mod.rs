//! The desktop window: an `eframe::App` that shows the notebook and turns the
//! user's actions into edits. All drawing lives here and in `views/`;
//! `window.rs` wires the parts (docs/architecture.md has the map).

mod autosave;
mod chrome;
mod commands;
mod export_worker;
mod file_pick;
mod idle;
mod importing;
mod jobs;
mod keeping;
mod launch;
mod local_time;
mod memo;
pub mod metrics;
mod notebook;
mod notifications;
mod opening;
mod overlays;
mod privacy;
mod recovery;
mod save_queue;
mod settings;
mod sharing;
mod theme;
mod views;
mod window;

use std::path::PathBuf;
use std::time::Duration;

pub use commands::UiCommand;
pub use idle::{Clock, ManualClock};
pub use launch::run;
pub use notebook::{Notebook, SaveState};
pub use opening::{FolderToOpen, OpeningNotebook};
pub use settings::Settings;
pub use theme::ThemeChoice;
pub use window::ReflectApp;

/// What the window needs to know to open a notebook.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub data_dir: PathBuf,
    /// Folders of user guides, read besides the built-in ones.
    pub guide_dirs: Vec<PathBuf>,
    /// How long to wait for another PL Reflect process to let go of the data folder.
    pub lock_wait: Duration,
    /// Save exports straight into this folder instead of asking with a dialog.
    pub export_folder: Option<PathBuf>,
    /// Import this file instead of asking with a dialog (for scripted use and tests).
    pub import_file: Option<PathBuf>,
    /// Where words that cannot be saved into the data folder are kept as
    /// well; None for the platform's usual place (its state or cache folder).
    pub recovery_dir: Option<PathBuf>,
    /// Whether to ask with the system's file dialogs; without them the app
    /// uses its own chooser (as on a desktop that has none).
    pub system_dialogs: bool,
    /// A file given on the command line (`pl-reflect FILE`, as a double
    /// click does): imported once the notebook is open.
    pub open_file: Option<PathBuf>,
    /// Where a moved notebook's new folder is remembered; None for the
    /// platform's configuration folder.
    pub data_folder_pointer: Option<PathBuf>,
}

impl AppConfig {
    fn recovery_folder(&self) -> Option<recovery::RecoveryFolder> {
        match &self.recovery_dir {
            Some(dir) => Some(recovery::RecoveryFolder::new(dir.clone())),
            None => recovery::RecoveryFolder::for_data_dir(&self.data_dir),
        }
    }
}
