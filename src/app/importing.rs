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
            PickOutcome::Picked(file) => {
                let planned = crate::coach::plan_import(
                    &file.bytes,
                    &file.label,
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
