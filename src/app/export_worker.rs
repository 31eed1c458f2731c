//! Saving an export without freezing the window: the native save dialog, the
//! rendering (a PDF can take a few hundred milliseconds) and the durable write
//! all happen on a worker thread; the UI polls for the outcome each frame.

use std::path::{Path, PathBuf};

use super::jobs::{Job, JobKind, Jobs};
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

/// Renders the export's bytes; runs on the worker thread.
pub type Render = Box<dyn FnOnce() -> Result<Vec<u8>, String> + Send>;

/// Renders and saves on a job of its own. Nothing is ever written inside
/// `data_dir` (the notebook's own files), whatever the destination.
pub fn start(
    jobs: &Jobs,
    kind: JobKind,
    data_dir: PathBuf,
    destination: Destination,
    file_name: String,
    render: Render,
) -> Job<ExportOutcome> {
    jobs.start(kind, move || {
        run(&data_dir, &destination, &file_name, render)
    })
}

fn run(
    data_dir: &Path,
    destination: &Destination,
    file_name: &str,
    render: Render,
) -> ExportOutcome {
    // `replace` is true only when the person chose the file in the system
    // dialog, which asks before replacing; in a folder the app chose, an
    // existing file is never replaced: the new one gets a free name.
    let (path, used_fallback, replace) = match destination {
        Destination::Folder(folder) => (folder.join(file_name), false, false),
        Destination::Ask { fallback_folder } => {
            let asked = Instant::now();
            let chosen = rfd::FileDialog::new().set_file_name(file_name).save_file();
            match chosen {
                Some(path) => (path, false, true),
                None if asked.elapsed() < NO_DIALOG_THRESHOLD => {
                    (fallback_folder.join(file_name), true, false)
                }
                None => return ExportOutcome::Cancelled,
            }
        }
    };
    if let Err(error) = crate::store::refuse_export_target(data_dir, &path) {
        return ExportOutcome::Failed(error.to_string());
    }
    let bytes = match render() {
        Ok(bytes) => bytes,
        Err(error) => return ExportOutcome::Failed(error),
    };
    if let Some(parent) = path.parent()
        && let Err(error) = crate::store::create_private_folder(parent)
    {
        return ExportOutcome::Failed(format!("could not create {}: {error}", parent.display()));
    }
    match write_export(&path, &bytes, replace) {
        Ok(path) => ExportOutcome::Saved {
            path,
            used_fallback,
        },
        Err(error) => ExportOutcome::Failed(format!("could not save {}: {error}", display(&path))),
    }
}

/// Writes an export durably (a temporary file in the same folder, flushed,
/// then put in place, then the folder flushed) and returns where it went.
/// Without `replace`, an existing file is kept and the export is named
/// "NAME (2).EXT", "NAME (3).EXT", … instead; the name is taken with a hard
/// link, which fails rather than replace a file made in the meantime.
pub fn write_export(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<PathBuf> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let temp = folder.join(format!(
        ".{}.export-{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&temp);
    let disk = crate::store::Disk::default();
    crate::store::atomic::write_new_file(&disk, &temp, bytes)?;
    let placed = if replace {
        std::fs::rename(&temp, path).map(|()| path.to_path_buf())
    } else {
        place_without_replacing(&temp, path)
    };
    let _ = std::fs::remove_file(&temp);
    let placed = placed?;
    disk.sync_dir(folder)?;
    Ok(placed)
}

fn place_without_replacing(temp: &Path, path: &Path) -> std::io::Result<PathBuf> {
    let stem = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    for n in 1..1000 {
        let candidate = if n == 1 {
            path.to_path_buf()
        } else {
            path.with_file_name(format!("{stem} ({n}){extension}"))
        };
        match std::fs::hard_link(temp, &candidate) {
            Ok(()) => return Ok(candidate),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            // No hard links here (some shared folders): check, then rename.
            Err(_) if !candidate.exists() => {
                std::fs::rename(temp, &candidate)?;
                return Ok(candidate);
            }
            Err(_) => {}
        }
    }
    Err(std::io::Error::other(
        "a thousand exports of this name are already there; choose another folder",
    ))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::super::jobs::{JobKind, JobState, Jobs};
    use super::{Destination, ExportOutcome, start, write_export};

    #[test]
    fn nothing_is_ever_exported_into_the_notebook() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        std::fs::create_dir_all(data.join("reflections")).expect("mkdir");
        let job = start(
            &Jobs::without_window(),
            JobKind::ExportSummary,
            data.clone(),
            Destination::Folder(data.join("reflections")),
            "r-1.json".to_owned(),
            Box::new(|| Ok(b"{}".to_vec())),
        );
        let JobState::Done(outcome) = job.wait(std::time::Duration::from_secs(10)) else {
            panic!("the export job did not finish");
        };
        match outcome {
            ExportOutcome::Failed(message) => assert!(message.contains("data folder"), "{message}"),
            other => panic!("exported into the notebook: {other:?}"),
        }
        assert!(!data.join("reflections/r-1.json").exists());
    }

    #[test]
    fn a_second_export_of_the_same_name_never_replaces_the_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("summary.html");
        assert_eq!(write_export(&path, b"named", false).expect("first"), path);
        let second = write_export(&path, b"anonymous", false).expect("second");
        assert_eq!(second, dir.path().join("summary (2).html"));
        assert_eq!(std::fs::read(&path).expect("read"), b"named");
        assert_eq!(std::fs::read(&second).expect("read"), b"anonymous");
        // Chosen in the system dialog, which asked: replaced, with no leftovers.
        assert_eq!(write_export(&path, b"again", true).expect("third"), path);
        assert_eq!(std::fs::read(&path).expect("read"), b"again");
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["summary (2).html", "summary.html"]);
    }
}
