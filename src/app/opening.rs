//! Opening a notebook: the data folder is locked and its guides loaded, then
//! its files are read on a job while the window is made. Once they arrive,
//! the first screen learns what the last run left: a window that did not
//! close normally, words kept elsewhere after a failed save.

use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use super::AppConfig;
use super::jobs::{Job, JobKind, Jobs};
use super::local_time;
use super::notebook::{Notebook, kept_copy_is_new};
use super::recovery::Recovered;
use super::views::Screen;
use crate::guide::GuideLibrary;
use crate::store::{Access, Snapshot, Store};

/// A data folder that is open (and locked for writing), with its guides
/// loaded, whose files are not read yet.
pub struct FolderToOpen {
    store: Arc<Store>,
    library: GuideLibrary,
}

impl FolderToOpen {
    pub fn open(config: &AppConfig) -> anyhow::Result<Self> {
        let store = Arc::new(Store::open(
            &config.data_dir,
            Access::Write {
                wait: config.lock_wait,
            },
        )?);
        Ok(FolderToOpen {
            store,
            library: GuideLibrary::load(&config.guide_dirs),
        })
    }

    /// Starts reading the notebook's files on a job of its own.
    /// An encrypted notebook is not read until it is unlocked.
    pub fn start_reading(self) -> OpeningNotebook {
        let snapshot = if self.store.is_locked() {
            super::privacy::nothing_to_read()
        } else {
            Notebook::read_in_background(Arc::clone(&self.store), &Jobs::without_window())
        };
        OpeningNotebook {
            store: self.store,
            library: self.library,
            snapshot,
        }
    }
}

/// A data folder being opened: the store is open and its files are being
/// read. [`super::run`] starts this before the window exists, so that
/// reading the notebook and creating the window happen at the same time.
pub struct OpeningNotebook {
    pub(super) store: Arc<Store>,
    pub(super) library: GuideLibrary,
    pub(super) snapshot: Job<Snapshot>,
}

impl OpeningNotebook {
    /// Opens the data folder and starts reading it.
    pub fn start(config: &AppConfig) -> anyhow::Result<Self> {
        Ok(FolderToOpen::open(config)?.start_reading())
    }

    /// A data folder whose files arrive on `snapshot` whenever the caller
    /// sends them, to try a notebook that is slow to read.
    pub fn from_parts(
        store: Arc<Store>,
        library: GuideLibrary,
        snapshot: mpsc::Receiver<Snapshot>,
    ) -> Self {
        let snapshot = Job::from_receiver(JobKind::OpenNotebook, snapshot);
        OpeningNotebook {
            store,
            library,
            snapshot,
        }
    }
}

/// `DATA/.open`: there while a window has the notebook open. Found at start,
/// it means the last window did not close normally (a crash, a kill, a
/// power cut).
const OPEN_MARKER: &str = ".open";

/// Says whether the last window did not close normally, and how far its
/// words were kept; then marks the notebook as open.
fn note_unclean_exit(notebook: &mut Notebook, data_dir: &Path) -> Option<String> {
    if notebook.is_read_only() {
        return None;
    }
    let marker = data_dir.join(OPEN_MARKER);
    let notice = marker.exists().then(|| {
        let newest = notebook
            .entries
            .iter()
            .map(|e| &e.reflection.updated)
            .chain(notebook.sessions.iter().map(|e| &e.session.updated))
            .max();
        match newest {
            Some(updated) => format!(
                "PL Reflect did not close normally last time; everything up to {} was kept.",
                local_time::when(updated)
            ),
            None => "PL Reflect did not close normally last time.".to_owned(),
        }
    });
    let opened = format!(
        "{{\"pid\": {}, \"opened\": \"{}\"}}\n",
        std::process::id(),
        crate::clock::Timestamp::now()
    );
    notebook.mark_open(marker, opened.into_bytes());
    notice
}

/// The window closed normally: the next start has nothing to report.
pub fn closed_cleanly(data_dir: &Path) {
    let marker = data_dir.join(OPEN_MARKER);
    let _ = std::fs::remove_file(&marker);
    let _ = std::fs::remove_file(crate::store::backup_path(&marker));
}

/// Words that could not be saved last time were kept elsewhere: what of
/// them the notebook does not have, in words, to offer back. When the
/// notebook has all of it, it is tidied away and nothing is offered.
fn recovered_to_offer(notebook: &mut Notebook) -> Option<(Vec<String>, Recovered)> {
    if notebook.is_read_only() {
        return None;
    }
    let folder = notebook.recovery().cloned()?;
    let recovered = folder.read();
    notebook.problems.extend(recovered.problems.iter().cloned());
    let mut what: Vec<String> = recovered
        .reflections
        .iter()
        .filter(|r| {
            kept_copy_is_new(*r, notebook.entry(&r.id).map(|e| &e.reflection), |r| {
                &r.updated
            })
        })
        .map(|r| format!("\"{}\" (changed {})", r.display_title(), r.updated))
        .collect();
    what.extend(
        recovered
            .sessions
            .iter()
            .filter(|s| {
                kept_copy_is_new(*s, notebook.session(&s.id).map(|e| &e.session), |s| {
                    &s.updated
                })
            })
            .map(|s| format!("the coach session of {} (changed {})", s.date, s.updated)),
    );
    if what.is_empty() {
        notebook.bring_back(recovered);
        return None;
    }
    Some((what, recovered))
}

/// What the first screen learns once the notebook is read.
pub struct Arrival {
    pub first: Screen,
    /// What the start has to tell, in the order to tell it.
    pub notices: Vec<String>,
    /// The last window did not close normally.
    pub unclean_exit: bool,
    pub recovered: Option<RecoveredOffer>,
}

/// Words kept elsewhere after failed saves that the notebook does not have.
pub struct RecoveredOffer {
    /// In words, one line a record.
    pub what: Vec<String>,
    pub folder: PathBuf,
    pub recovered: Recovered,
}

/// Takes the notebook in (or the reason it could not be read) and works out
/// the first screen and what to say on it.
pub fn arrive(
    notebook: &mut Notebook,
    snapshot: Result<Snapshot, String>,
    data_dir: &Path,
) -> Arrival {
    let snapshot = match snapshot {
        Ok(snapshot) => snapshot,
        Err(why) => {
            // Reading never fails by design; if it did, say so rather than
            // show an empty notebook as if it were all there is.
            notebook.problems.insert(
                0,
                format!("Your notebook could not be read ({why}). Nothing was changed; close PL Reflect and open it again."),
            );
            return Arrival {
                first: Screen::Home,
                notices: Vec::new(),
                unclean_exit: false,
                recovered: None,
            };
        }
    };
    notebook.fill(snapshot);
    // Versions past keeping go, off this thread, even of records not edited again.
    notebook.prune_history();
    let first = if notebook.teachers.is_empty() && notebook.entries.is_empty() {
        Screen::Welcome
    } else {
        Screen::Home
    };
    let mut notices = Vec::new();
    let conflicts = notebook.conflict_copies;
    if conflicts > 0 {
        notices.push(format!(
            "A synced folder left {} of your reflections or sessions; choose which answers to keep in Sync conflicts.",
            crate::words::plural(conflicts, "second copy", "second copies")
        ));
    }
    let unclean = note_unclean_exit(notebook, data_dir);
    let unclean_exit = unclean.is_some();
    notices.extend(unclean);
    let recovered = recovered_to_offer(notebook).map(|(what, recovered)| RecoveredOffer {
        what,
        folder: notebook
            .recovery()
            .map(|f| f.dir().to_path_buf())
            .unwrap_or_default(),
        recovered,
    });
    Arrival {
        first,
        notices,
        unclean_exit,
        recovered,
    }
}
