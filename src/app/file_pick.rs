//! Choosing and reading a file without freezing the window: the native open
//! dialog and the read run on a worker thread; the UI polls for the result.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A file the user chose, read into memory.
pub struct PickedFile {
    pub label: String,
    pub bytes: Vec<u8>,
}

pub enum PickOutcome {
    Picked(PickedFile),
    Cancelled,
    Failed(String),
}

/// Largest file accepted for import; exported reflections are a few kilobytes.
const MAX_IMPORT_BYTES: u64 = 16 * 1024 * 1024;

pub struct PickJob {
    outcome: Receiver<PickOutcome>,
}

impl PickJob {
    /// Asks for a JSON file, or reads `chosen` when it is given (tests, scripted use).
    pub fn start(chosen: Option<PathBuf>, wake: impl Fn() + Send + 'static) -> Self {
        let (send, outcome) = channel();
        let spawned = std::thread::Builder::new()
            .name("open-file".into())
            .spawn(move || {
                let path = chosen.or_else(|| {
                    rfd::FileDialog::new()
                        .add_filter("Exported reflection (JSON)", &["json"])
                        .pick_file()
                });
                let result = match path {
                    None => PickOutcome::Cancelled,
                    Some(path) => read(&path),
                };
                let _ = send.send(result);
                wake();
            });
        if let Err(error) = spawned {
            let (send, outcome) = channel();
            let _ = send.send(PickOutcome::Failed(format!(
                "could not open a file: {error}"
            )));
            return PickJob { outcome };
        }
        PickJob { outcome }
    }

    pub fn poll(&self) -> Option<PickOutcome> {
        match self.outcome.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(PickOutcome::Failed(
                "reading the file stopped unexpectedly".to_owned(),
            )),
        }
    }
}

fn read(path: &std::path::Path) -> PickOutcome {
    let label = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_IMPORT_BYTES => {
            return PickOutcome::Failed(format!(
                "{label}: the file is {} bytes, too large to be an exported reflection",
                meta.len()
            ));
        }
        Err(error) => {
            return PickOutcome::Failed(format!("{label}: could not read the file: {error}"));
        }
        Ok(_) => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => PickOutcome::Picked(PickedFile { label, bytes }),
        Err(error) => PickOutcome::Failed(format!("{label}: could not read the file: {error}")),
    }
}
