//! The autosave worker: a thread that writes reflections and teachers to the
//! store, so that no frame ever waits on the disk.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use super::jobs::{JobKind, Jobs};
use super::recovery::RecoveryFolder;
use crate::reflection::{Reflection, Teacher};
use crate::store::Store;

/// What the worker is asked to write.
pub enum SaveJob {
    Reflection(Box<Reflection>),
    Session(Box<crate::coach::CoachSession>),
    Teachers(Vec<Teacher>),
    /// The window's preferences (`settings.json`).
    Settings(serde_json::Value),
    /// `DATA/.open`, written while a window has the notebook open.
    OpenMarker {
        path: std::path::PathBuf,
        bytes: Vec<u8>,
    },
    /// Imports a reflection a teacher exported, after every save queued before it.
    Import {
        plan: Box<crate::coach::ImportPlan>,
        choice: Option<crate::coach::ImportChoice>,
        teacher: crate::coach::TeacherChoice,
    },
    /// Moves files to or from the trash, after every save queued before it.
    Move(Move),
    /// Removes the earlier versions past keeping from every history, once
    /// after the notebook opens.
    PruneHistory,
    /// Replies once every job sent before it has been written.
    Flush(Sender<()>),
}

/// What became of one write.
#[derive(Debug)]
pub enum SaveOutcome {
    Saved,
    Failed {
        what: SavedThing,
        error: String,
    },
    /// The imported reflection and the teachers as they now are on disk.
    Imported(anyhow::Result<(Box<Reflection>, Vec<Teacher>)>),
    Moved {
        job: Move,
        result: anyhow::Result<()>,
    },
}

/// A trash operation, done by the worker so that no frame waits on the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move {
    DeleteReflection(String),
    RestoreReflection(String),
    /// A session back from the trash (it went there with its teacher).
    RestoreSession(String),
    /// A reflection or session in the trash, removed for good with its history.
    RemoveForGood {
        id: String,
        session: bool,
    },
    /// Everything in the trash, removed for good.
    EmptyTrash,
    /// A teacher's reflections and sessions, all or nothing.
    DeleteTeacherData(String),
    /// A deleted teacher's reflections and sessions, back from the trash.
    RestoreTeacherData {
        reflections: Vec<String>,
        sessions: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedThing {
    Reflection { id: String, updated: String },
    Session { id: String },
    Teachers,
}

pub struct Autosave {
    jobs: Option<Sender<SaveJob>>,
    outcomes: Receiver<SaveOutcome>,
    worker: Option<JoinHandle<()>>,
    /// Why the worker could not be started, if it could not.
    start_error: Option<String>,
}

/// Adds where the words were kept as well to the reason a save failed.
fn kept_elsewhere(error: String, kept: Option<std::io::Result<std::path::PathBuf>>) -> String {
    match kept {
        Some(Ok(path)) => format!(
            "{error}. Your words are kept in {} until they can be saved",
            path.display()
        ),
        Some(Err(kept_error)) => {
            format!("{error}. They could not be kept elsewhere either ({kept_error})")
        }
        None => error,
    }
}

impl Autosave {
    /// Starts the worker. `wake` is called after each write so the UI can
    /// show the result. A reflection or session that cannot be saved is kept
    /// in `recovery` as well.
    pub fn start(
        store: Arc<Store>,
        recovery: Option<RecoveryFolder>,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let (jobs, job_rx) = channel::<SaveJob>();
        let (outcome_tx, outcomes) = channel();
        let worker = Jobs::start_worker(JobKind::Saving, move || {
            while let Ok(job) = job_rx.recv() {
                let outcome = match job {
                    SaveJob::Reflection(reflection) => {
                        let what = SavedThing::Reflection {
                            id: reflection.id.clone(),
                            updated: reflection.updated.0.clone(),
                        };
                        match store.save_reflection(&reflection) {
                            Ok(()) => {
                                if let Some(recovery) = &recovery {
                                    recovery.forget(&reflection.id);
                                }
                                SaveOutcome::Saved
                            }
                            Err(error) => SaveOutcome::Failed {
                                what,
                                error: kept_elsewhere(
                                    error.to_string(),
                                    recovery
                                        .as_ref()
                                        .map(|r| r.keep_reflection(&reflection, None)),
                                ),
                            },
                        }
                    }
                    SaveJob::Session(session) => {
                        let what = SavedThing::Session {
                            id: session.id.clone(),
                        };
                        match store.save_session(&session) {
                            Ok(()) => {
                                if let Some(recovery) = &recovery {
                                    recovery.forget(&session.id);
                                }
                                SaveOutcome::Saved
                            }
                            Err(error) => SaveOutcome::Failed {
                                what,
                                error: kept_elsewhere(
                                    error.to_string(),
                                    recovery.as_ref().map(|r| r.keep_session(&session)),
                                ),
                            },
                        }
                    }
                    SaveJob::Teachers(teachers) => match store.save_teachers(&teachers) {
                        Ok(()) => SaveOutcome::Saved,
                        Err(error) => SaveOutcome::Failed {
                            what: SavedThing::Teachers,
                            error: error.to_string(),
                        },
                    },
                    SaveJob::OpenMarker { path, bytes } => {
                        // Only the message after a crash depends on it.
                        let _ = crate::store::atomic::write(&path, &bytes);
                        continue;
                    }
                    SaveJob::Settings(settings) => {
                        // Preferences only: a failure is not worth interrupting the teacher for.
                        let _ = store.save_settings(&settings);
                        continue;
                    }
                    SaveJob::Move(job) => {
                        let result = match &job {
                            Move::DeleteReflection(id) => {
                                store.delete_reflection(id).map_err(anyhow::Error::from)
                            }
                            Move::RestoreReflection(id) => {
                                store.restore_reflection(id).map_err(anyhow::Error::from)
                            }
                            Move::RestoreSession(id) => {
                                store.restore_session(id).map_err(anyhow::Error::from)
                            }
                            Move::RemoveForGood { id, session } => if *session {
                                store.remove_session_for_good(id)
                            } else {
                                store.remove_reflection_for_good(id)
                            }
                            .map(|_| ())
                            .map_err(anyhow::Error::from),
                            Move::EmptyTrash => {
                                store.empty_trash().map(|_| ()).map_err(anyhow::Error::from)
                            }
                            Move::RestoreTeacherData {
                                reflections,
                                sessions,
                            } => reflections
                                .iter()
                                .try_for_each(|id| store.restore_reflection(id))
                                .and_then(|()| {
                                    sessions.iter().try_for_each(|id| store.restore_session(id))
                                })
                                .map_err(anyhow::Error::from),
                            Move::DeleteTeacherData(id) => store
                                .delete_teacher_data(id)
                                .map(|_| ())
                                .map_err(anyhow::Error::from),
                        };
                        SaveOutcome::Moved { job, result }
                    }
                    SaveJob::Import {
                        plan,
                        choice,
                        teacher,
                    } => {
                        let imported = crate::coach::apply_import(&plan, choice, &teacher, &store)
                            .map_err(anyhow::Error::from)
                            .and_then(|result| {
                                let stored = store.load_reflection(&result.reflection_id)?;
                                let (teachers, problem) = store.load_teachers();
                                match problem {
                                    Some(problem) => Err(anyhow::anyhow!(problem.to_string())),
                                    None => Ok((Box::new(stored.reflection), teachers)),
                                }
                            });
                        SaveOutcome::Imported(imported)
                    }
                    SaveJob::PruneHistory => {
                        // Versions past keeping only: nothing the teacher needs hangs on it.
                        store.prune_history();
                        continue;
                    }
                    SaveJob::Flush(done) => {
                        let _ = done.send(());
                        continue;
                    }
                };
                let _ = outcome_tx.send(outcome);
                wake();
            }
        });
        let (worker, start_error) = match worker {
            Ok(worker) => (Some(worker), None),
            Err(error) => (None, Some(error)),
        };
        Autosave {
            jobs: Some(jobs),
            outcomes,
            worker,
            start_error,
        }
    }

    /// Why nothing can be saved, if the worker could not start.
    pub fn start_error(&self) -> Option<&str> {
        self.start_error.as_deref()
    }

    pub fn send(&self, job: SaveJob) -> bool {
        self.worker.is_some()
            && self
                .jobs
                .as_ref()
                .is_some_and(|jobs| jobs.send(job).is_ok())
    }

    /// Outcomes that arrived since the last call.
    pub fn outcomes(&self) -> Vec<SaveOutcome> {
        self.outcomes.try_iter().collect()
    }

    /// Blocks until every job sent so far is written. Used on exit and in tests.
    pub fn wait_until_written(&self) {
        let (done, wait) = channel();
        if self.send(SaveJob::Flush(done)) {
            let _ = wait.recv();
        }
    }
}

impl Drop for Autosave {
    fn drop(&mut self) {
        // Closing the channel ends the worker after it has written everything queued.
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}
