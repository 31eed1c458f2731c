//! Choosing and reading a file without freezing the window: the native open
//! dialog and the read run on a worker thread; the UI polls for the result.

use std::path::PathBuf;

use super::jobs::{Job, JobKind, Jobs};
use super::views::file_chooser::{ChooserPurpose, FileChooser, is_importable_name};

/// A file the user chose, read into memory.
pub struct PickedFile {
    pub label: String,
    pub bytes: Vec<u8>,
}

pub enum PickOutcome {
    Picked(PickedFile),
    Cancelled,
    /// No system dialog could be shown (it answered at once): the app shows its own.
    NoDialog,
    Failed(String),
}

/// A dialog that answers faster than this was never shown.
const NO_DIALOG_THRESHOLD: std::time::Duration = std::time::Duration::from_millis(150);

/// Largest file accepted for import; exported reflections are a few kilobytes.
const MAX_IMPORT_BYTES: u64 = 16 * 1024 * 1024;

/// Asks for a file to import with the system dialog (or reads `chosen`
/// when it is given: a dropped file, tests, scripted use), on a job of its own.
pub fn start(jobs: &Jobs, chosen: Option<PathBuf>, system_dialog: bool) -> Job<PickOutcome> {
    jobs.start(JobKind::ChooseFile, move || {
        let asked = std::time::Instant::now();
        let given = chosen.is_some();
        let path = chosen.or_else(|| {
            if !system_dialog {
                return None;
            }
            rfd::FileDialog::new()
                .add_filter("Exported reflection", &["plreflect", "json"])
                .pick_file()
        });
        match path {
            None if !given && (!system_dialog || asked.elapsed() < NO_DIALOG_THRESHOLD) => {
                PickOutcome::NoDialog
            }
            None => PickOutcome::Cancelled,
            Some(path) => read(&path),
        }
    })
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

/// The folder a path names: itself if it is a folder, else its parent.
pub fn folder_of(path: &std::path::Path) -> PathBuf {
    if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()
            .map_or_else(|| path.to_path_buf(), std::path::Path::to_path_buf)
    }
}

/// Lists a folder for the app's own file chooser: its folders (hidden ones
/// left out) and the files `keep` accepts, each sorted by name.
pub fn list_folder(
    folder: &std::path::Path,
    keep: impl Fn(&str) -> bool,
) -> super::views::file_chooser::Listing {
    let mut listing = super::views::file_chooser::Listing::default();
    match std::fs::read_dir(folder) {
        Ok(entries) => {
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue;
                }
                if entry.path().is_dir() {
                    listing.folders.push(name);
                } else if keep(&name) {
                    listing.files.push(name);
                }
            }
            listing.folders.sort_by_key(|n| n.to_lowercase());
            listing.files.sort_by_key(|n| n.to_lowercase());
        }
        Err(error) => {
            listing.problem = Some(format!("This folder could not be read: {error}"));
        }
    }
    listing
}

/// The person's home folder, where the app's own chooser starts.
/// Where a downloaded file usually is: Downloads, else home.
pub fn downloads_folder() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|d| d.download_dir().map(std::path::Path::to_path_buf))
        .or_else(|| directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// The app's own file chooser for `purpose`, showing `folder`.
pub fn chooser(purpose: ChooserPurpose, folder: PathBuf, why: Option<String>) -> FileChooser {
    let mut chooser = FileChooser::new(purpose, folder, why);
    chooser.places = usual_places();
    chooser.listing = list_folder(&chooser.folder, |name| {
        purpose == ChooserPurpose::Import && is_importable_name(name)
    });
    chooser
}

/// The chooser of `purpose` again, at `path`'s folder.
pub fn chooser_at(current: &FileChooser, path: &std::path::Path) -> FileChooser {
    chooser(current.purpose, folder_of(path), current.why.clone())
}

pub fn home_folder() -> PathBuf {
    directories::UserDirs::new().map_or_else(|| PathBuf::from("/"), |d| d.home_dir().to_path_buf())
}

/// The places people usually keep files, for the chooser's quick buttons.
pub fn usual_places() -> Vec<(String, PathBuf)> {
    let mut places = Vec::new();
    if let Some(dirs) = directories::UserDirs::new() {
        places.push(("Home".to_owned(), dirs.home_dir().to_path_buf()));
        for (name, dir) in [
            ("Documents", dirs.document_dir()),
            ("Downloads", dirs.download_dir()),
            ("Desktop", dirs.desktop_dir()),
        ] {
            if let Some(dir) = dir.filter(|d| d.is_dir()) {
                places.push((name.to_owned(), dir.to_path_buf()));
            }
        }
    }
    places
}
