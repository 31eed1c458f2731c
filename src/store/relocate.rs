//! Moving the notebook to another folder (a USB stick, a synced folder),
//! safely: every file is copied durably, the copy is read back and compared
//! byte for byte, and only then do later starts open the new place. The old
//! folder is kept exactly as it was, with a note saying where the notebook
//! went, so nothing can be lost by a move that goes wrong halfway.

use std::io;
use std::path::{Path, PathBuf};

use super::atomic;
use super::disk::Disk;
pub use super::paths::{DATA_FOLDER_POINTER, data_folder_pointer, read_pointer};
use super::paths::{LOCK_FILE, create_private_folder};

/// The note left in the old folder.
pub const MOVED_NOTE: &str = "MOVED.txt";
/// The name of the notebook's folder inside the folder the teacher chose.
pub const MOVED_FOLDER_NAME: &str = "PL Reflect notebook";

/// Why the notebook was not moved. Nothing was changed in the old folder.
#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    #[error("{0} already exists; choose another folder, or move that one aside first")]
    TargetExists(PathBuf),
    #[error("the new place {new} is inside the notebook {old} (or the other way round)")]
    Nested { old: PathBuf, new: PathBuf },
    #[error("{path}: {cause}. The notebook stays where it was, unchanged")]
    Io { path: PathBuf, cause: io::Error },
    #[error(
        "the copy of {0} does not read back the same; the notebook stays where it was, unchanged"
    )]
    Differs(PathBuf),
}

/// Copies the notebook in `old` into `chosen/PL Reflect notebook`, checks the
/// copy, then writes `pointer` so that later starts open the new folder, and
/// leaves a note in the old one. Returns the new data folder.
pub fn move_notebook(old: &Path, chosen: &Path, pointer: &Path) -> Result<PathBuf, MoveError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |cause| MoveError::Io {
            path: path.clone(),
            cause,
        }
    };
    let new = chosen.join(MOVED_FOLDER_NAME);
    if new.exists() {
        return Err(MoveError::TargetExists(new));
    }
    let old_full = std::fs::canonicalize(old).map_err(io(old))?;
    let chosen_full = std::fs::canonicalize(chosen).map_err(io(chosen))?;
    if chosen_full.starts_with(&old_full)
        || old_full.starts_with(chosen_full.join(MOVED_FOLDER_NAME))
    {
        return Err(MoveError::Nested { old: old_full, new });
    }
    let disk = Disk::default();
    let files = notebook_files(&old_full).map_err(io(&old_full))?;
    create_private_folder(&new).map_err(io(&new))?;
    for relative in &files {
        let from = old_full.join(relative);
        let to = new.join(relative);
        if let Some(parent) = to.parent() {
            create_private_folder(parent).map_err(io(parent))?;
        }
        let bytes = std::fs::read(&from).map_err(io(&from))?;
        atomic::write_new_file(&disk, &to, &bytes).map_err(io(&to))?;
    }
    for relative in &files {
        if let Some(parent) = new.join(relative).parent() {
            disk.sync_dir(parent).map_err(io(parent))?;
        }
    }
    // Read back: every file the same, byte for byte.
    for relative in &files {
        let (from, to) = (old_full.join(relative), new.join(relative));
        let same =
            std::fs::read(&from).map_err(io(&from))? == std::fs::read(&to).map_err(io(&to))?;
        if !same {
            return Err(MoveError::Differs(to));
        }
    }
    if let Some(parent) = pointer.parent() {
        create_private_folder(parent).map_err(io(parent))?;
    }
    let line = format!("{}\n", new.display());
    atomic::write(pointer, line.as_bytes()).map_err(io(pointer))?;
    let note = format!(
        "This notebook was moved to {} on {}.\n\
         PL Reflect now opens the notebook there. This folder is kept exactly as it was,\n\
         so nothing is lost; once the new place works, it may be deleted.\n",
        new.display(),
        crate::clock::Timestamp::now()
    );
    // The move is done; a missing note only makes the old folder less clear.
    let _ = atomic::write(&old_full.join(MOVED_NOTE), note.as_bytes());
    Ok(new)
}

/// Every file of the notebook, relative to its folder: not the lock, the
/// open-window marker, temporary files or an earlier move's note.
fn notebook_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(relative) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&relative))? {
            let entry = entry?;
            let name = entry.file_name();
            let name_text = name.to_string_lossy();
            if relative.as_os_str().is_empty()
                && (name_text == LOCK_FILE || name_text == ".open" || name_text == MOVED_NOTE)
            {
                continue;
            }
            if atomic::is_temp_name(&name_text) {
                continue;
            }
            let path = relative.join(&name);
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notebook_is_copied_checked_and_pointed_to_and_the_old_folder_kept() {
        let root = tempfile::tempdir().expect("tempdir");
        let old = root.path().join("data");
        std::fs::create_dir_all(old.join("reflections")).expect("mkdir");
        std::fs::write(
            old.join("teachers.json"),
            b"{\"format\": 1, \"teachers\": []}",
        )
        .expect("w");
        std::fs::write(old.join("reflections/r-1.json"), b"{\"words\": \"kept\"}").expect("w");
        std::fs::write(old.join(LOCK_FILE), b"").expect("w");
        let stick = root.path().join("stick");
        std::fs::create_dir_all(&stick).expect("mkdir");
        let pointer = root.path().join("config").join(DATA_FOLDER_POINTER);

        let new = move_notebook(&old, &stick, &pointer).expect("moved");
        assert_eq!(new, stick.join(MOVED_FOLDER_NAME));
        assert_eq!(
            std::fs::read(new.join("reflections/r-1.json")).expect("r"),
            b"{\"words\": \"kept\"}"
        );
        assert!(!new.join(LOCK_FILE).exists(), "the lock is not copied");
        assert_eq!(read_pointer(&pointer), Some(new.clone()));
        // The old folder is as it was, with a note.
        assert_eq!(
            std::fs::read(old.join("reflections/r-1.json")).expect("r"),
            b"{\"words\": \"kept\"}"
        );
        assert!(
            std::fs::read_to_string(old.join(MOVED_NOTE))
                .expect("note")
                .contains("moved to")
        );

        // A second move onto the same place is refused, and changes nothing.
        assert!(matches!(
            move_notebook(&old, &stick, &pointer),
            Err(MoveError::TargetExists(_))
        ));
        // So is a move into the notebook itself.
        assert!(matches!(
            move_notebook(&old, &old.join("reflections"), &pointer),
            Err(MoveError::Nested { .. })
        ));
    }
}
