//! Saving an export without freezing the window: the native save dialog, the
//! rendering (a PDF can take a few hundred milliseconds) and the durable write
//! all happen on a worker thread; the UI polls for the outcome each frame.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// A dialog that answers faster than this was never shown: there is no dialog
/// backend (no portal or zenity on a bare Linux desktop), so the export goes
/// to the fallback folder instead of being treated as a cancel.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(150);

/// Where an export should go.
#[derive(Debug, Clone)]
pub enum Destination {
    /// Ask with the native save dialog; if none can be shown, use the fallback folder.
    Ask { fallback_folder: PathBuf },
    /// Save straight into this folder (set with `--export-dir`, and used by tests).
    Folder(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    Saved { path: PathBuf, used_fallback: bool },
    Cancelled,
    Failed(String),
}

/// One export in progress.
pub struct ExportJob {
    outcome: Receiver<ExportOutcome>,
}

/// Renders the export's bytes; runs on the worker thread.
pub type Render = Box<dyn FnOnce() -> Result<Vec<u8>, String> + Send>;

impl ExportJob {
    pub fn start(
        destination: Destination,
        file_name: String,
        render: Render,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let (send, outcome) = channel();
        let spawned = std::thread::Builder::new()
            .name("export".into())
            .spawn(move || {
                let result = run(&destination, &file_name, render);
                let _ = send.send(result);
                wake();
            });
        if let Err(error) = spawned {
            let (send, outcome) = channel();
            let _ = send.send(ExportOutcome::Failed(format!(
                "could not start saving: {error}"
            )));
            return ExportJob { outcome };
        }
        ExportJob { outcome }
    }

    /// The outcome, once the worker is done.
    pub fn poll(&self) -> Option<ExportOutcome> {
        match self.outcome.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(ExportOutcome::Failed(
                "saving stopped unexpectedly".to_owned(),
            )),
        }
    }
}

fn run(destination: &Destination, file_name: &str, render: Render) -> ExportOutcome {
    let (path, used_fallback) = match destination {
        Destination::Folder(folder) => (folder.join(file_name), false),
        Destination::Ask { fallback_folder } => {
            let asked = Instant::now();
            let chosen = rfd::FileDialog::new().set_file_name(file_name).save_file();
            match chosen {
                Some(path) => (path, false),
                None if asked.elapsed() < NO_DIALOG_THRESHOLD => {
                    (fallback_folder.join(file_name), true)
                }
                None => return ExportOutcome::Cancelled,
            }
        }
    };
    let bytes = match render() {
        Ok(bytes) => bytes,
        Err(error) => return ExportOutcome::Failed(error),
    };
    if let Some(parent) = path.parent()
        && let Err(error) = std::fs::create_dir_all(parent)
    {
        return ExportOutcome::Failed(format!("could not create {}: {error}", parent.display()));
    }
    match crate::store::atomic::write(&path, &bytes) {
        Ok(()) => ExportOutcome::Saved {
            path,
            used_fallback,
        },
        Err(error) => ExportOutcome::Failed(format!("could not save {}: {error}", display(&path))),
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
