//! Importing a reflection a teacher exported: the file is chosen and read
//! on a job, planned against the notebook, and, when it is already there,
//! waits for the coach to choose between keeping both and replacing.

use std::path::PathBuf;

use super::AppConfig;
use super::file_pick::{self, PickOutcome};
use super::jobs::{Job, JobState, Jobs};
use super::notebook::Notebook;
use super::notifications::Notifications;
use crate::coach::{ImportChoice, ImportPlan};

#[derive(Default)]
pub struct Importing {
    pick: Option<Job<PickOutcome>>,
    /// An import waiting for the coach to choose between keeping both and replacing.
    pub conflict: Option<ImportPlan>,
    /// An export protected with a passphrase, waiting for the coach to type it.
    pub protected: Option<ProtectedImport>,
}

/// A protected export read from disk, the passphrase being typed, and why
/// the last one did not open it.
pub struct ProtectedImport {
    pub label: String,
    bytes: Vec<u8>,
    pub typed: String,
    pub failed: Option<String>,
}

impl Drop for ProtectedImport {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.typed);
    }
}

/// What a finished pick asks of the window.
pub enum Picked {
    Nothing,
    /// No system dialog could be shown: open the app's own chooser.
    ShowChooser,
}

impl Importing {
    /// Asks for a file with the system dialog (or takes the one the
    /// configuration names).
    pub fn ask(&mut self, jobs: &Jobs, config: &AppConfig) {
        self.pick = Some(file_pick::start(
            jobs,
            config.import_file.clone(),
            config.system_dialogs,
        ));
    }

    /// Imports `path` (dropped onto the window, chosen, or given at start).
    pub fn file(&mut self, jobs: &Jobs, path: PathBuf) {
        self.pick = Some(file_pick::start(jobs, Some(path), false));
    }

    /// The coach chose how to import a reflection that is already here.
    pub fn resolve(&mut self, notebook: &mut Notebook, choice: ImportChoice) -> anyhow::Result<()> {
        match self.conflict.take() {
            Some(plan) => notebook.import(plan, Some(choice)),
            None => Ok(()),
        }
    }

    /// Tries the passphrase typed for a protected export: opened, it is
    /// imported like any other; a wrong passphrase says so and imports nothing.
    pub fn open_protected(&mut self, notebook: &mut Notebook, notifications: &mut Notifications) {
        let Some(protected) = self.protected.as_mut() else {
            return;
        };
        let passphrase = age::secrecy::SecretString::from(protected.typed.clone());
        zeroize::Zeroize::zeroize(&mut protected.typed);
        match crate::coach::open_protected(&protected.bytes, &protected.label, &passphrase) {
            Ok(plain) => {
                let label = protected.label.clone();
                self.protected = None;
                self.plan(notebook, notifications, &plain, &label);
            }
            Err(error) => protected.failed = Some(error.to_string()),
        }
    }

    fn plan(
        &mut self,
        notebook: &mut Notebook,
        notifications: &mut Notifications,
        bytes: &[u8],
        label: &str,
    ) {
        let planned = crate::coach::plan_import(
            bytes,
            label,
            notebook.entries.iter().map(|e| &e.reflection),
            &notebook.teachers,
            &notebook.library,
        );
        match planned {
            Ok(plan) if plan.conflict.is_some() => self.conflict = Some(plan),
            Ok(plan) => {
                if let Err(error) = notebook.import(plan, None) {
                    notifications.failed(&error);
                }
            }
            Err(error) => notifications.problem(format!("Nothing was imported: {error}")),
        }
    }

    /// Takes in a file once it is read, and plans its import.
    pub fn poll(&mut self, notebook: &mut Notebook, notifications: &mut Notifications) -> Picked {
        let Some(job) = &self.pick else {
            return Picked::Nothing;
        };
        let outcome = match job.poll() {
            JobState::Running => return Picked::Nothing,
            JobState::Done(outcome) => outcome,
            JobState::Failed(error) => PickOutcome::Failed(error),
        };
        self.pick = None;
        match outcome {
            PickOutcome::Picked(file) if crate::export::protected::is_protected(&file.bytes) => {
                self.protected = Some(ProtectedImport {
                    label: file.label,
                    bytes: file.bytes,
                    typed: String::new(),
                    failed: None,
                });
                Picked::Nothing
            }
            PickOutcome::Picked(file) => {
                self.plan(notebook, notifications, &file.bytes, &file.label);
                Picked::Nothing
            }
            PickOutcome::Cancelled => Picked::Nothing,
            PickOutcome::NoDialog => Picked::ShowChooser,
            PickOutcome::Failed(error) => {
                notifications.problem(format!("Nothing was imported: {error}"));
                Picked::Nothing
            }
        }
    }
}
