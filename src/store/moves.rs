//! Moving data files: into the trash, back out of it, and aside, never over
//! another file. Each move is made durable, or undone so that it can simply be
//! tried again.

use std::fs;
use std::path::{Path, PathBuf};

use super::paths::{backup_path, create_private_dir};
use super::{Disk, Record, StoreError};
use crate::clock::Timestamp;

/// Renames `from` to `to`; if `to` exists (an older copy in the trash), that copy
/// is first renamed to `NAME.replaced-<time>` rather than overwritten.
pub(super) fn move_keeping_existing(disk: &Disk, from: &Path, to: &Path) -> Result<(), StoreError> {
    if to.exists() {
        let older = free_name(to, &format!("replaced-{}", compact_now()));
        disk.move_file(to, &older)
            .map_err(|e| StoreError::io(to, "keep the older copy in the trash", e))?;
    }
    disk.move_file(from, to)
        .map_err(|e| StoreError::io(from, "move the file to the trash", e))
}

/// `NAME.<suffix>`, or `NAME.<suffix>-2`, `-3`, ... if that is taken.
pub(super) fn free_name(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut candidate = path.with_file_name(format!("{name}.{suffix}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.{suffix}-{n}"));
        n += 1;
    }
    candidate
}

/// The time as `20261122T130700Z`: sortable and safe in file names on every system.
pub(super) fn compact_now() -> String {
    Timestamp::now()
        .0
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .collect()
}

pub(super) fn sync_dirs(disk: &Disk, dirs: &[&Path]) -> Result<(), StoreError> {
    for dir in dirs {
        disk.sync_dir(dir)
            .map_err(|e| StoreError::io(*dir, "flush the folder to disk", e))?;
    }
    Ok(())
}

/// Moves a data file and its `.bak` into a trash folder, keeping anything
/// already there, then makes both folders durable. If the `.bak` cannot be
/// moved, the file is moved back, so that the move can simply be tried again.
pub(super) fn move_to_trash(
    disk: &Disk,
    path: &Path,
    trashed: &Path,
    trash_dir: &Path,
    from_dir: &Path,
) -> Result<(), StoreError> {
    create_private_dir(trash_dir)
        .map_err(|e| StoreError::io(trash_dir, "create the trash folder", e))?;
    move_keeping_existing(disk, path, trashed)?;
    let backup = backup_path(path);
    let moved_backup = backup.exists();
    if moved_backup && let Err(error) = move_keeping_existing(disk, &backup, &backup_path(trashed))
    {
        // Best effort: with the file back, nothing was moved at all.
        let _ = fs::rename(trashed, path);
        return Err(error);
    }
    if let Err(error) = sync_dirs(disk, &[trash_dir, from_dir]) {
        // The move may not be on the disk yet: undo it, so that the error means
        // "nothing was moved" and the move can simply be tried again.
        if moved_backup {
            let _ = fs::rename(backup_path(trashed), &backup);
        }
        let _ = fs::rename(trashed, path);
        return Err(named(error, path));
    }
    Ok(())
}

/// An error about flushing a folder, told about the file that was being moved.
fn named(error: StoreError, path: &Path) -> StoreError {
    match error {
        StoreError::Io { action, cause, .. } => StoreError::Io {
            path: path.to_path_buf(),
            action,
            cause,
        },
        other => other,
    }
}

/// Finishes a move out of the trash by flushing both folders; if that fails,
/// moves the file (and its `.bak`) back into the trash, so that nothing was
/// moved and the restore can be tried again.
pub(super) fn finish_restore(
    disk: &Disk,
    trashed: &Path,
    path: &Path,
    dirs: &[&Path],
) -> Result<(), StoreError> {
    if let Err(error) = sync_dirs(disk, dirs) {
        let (trashed_backup, backup) = (backup_path(trashed), backup_path(path));
        if backup.exists() && !trashed_backup.exists() {
            let _ = fs::rename(&backup, &trashed_backup);
        }
        let _ = fs::rename(path, trashed);
        return Err(named(error, path));
    }
    Ok(())
}

/// Moves a file (and its `.bak`) from the trash back to `path` in `dir`.
/// Refused if the file is not in the trash or `path` is taken. The caller
/// syncs both folders.
pub(super) fn move_out_of_trash(
    disk: &Disk,
    what: Record,
    trashed: &Path,
    path: &Path,
    dir: &Path,
) -> Result<(), StoreError> {
    if !trashed.exists() {
        return Err(StoreError::NotFound {
            what,
            path: trashed.to_path_buf(),
        });
    }
    if path.exists() {
        return Err(StoreError::AlreadyExists {
            what,
            path: path.to_path_buf(),
        });
    }
    create_private_dir(dir).map_err(|e| StoreError::io(dir, "create the folder", e))?;
    disk.move_file(trashed, path)
        .map_err(|e| StoreError::io(trashed, "move the file out of the trash", e))?;
    let (trashed_backup, backup) = (backup_path(trashed), backup_path(path));
    if trashed_backup.exists() && !backup.exists() {
        // Best effort: the file itself is back; a backup left in the trash is still safe there.
        let _ = fs::rename(&trashed_backup, &backup);
    }
    Ok(())
}

/// Refuses to save a file whose id is in the trash, so that a late autosave
/// cannot bring a deleted reflection or session back.
pub(super) fn refuse_if_in_trash(what: Record, trashed: PathBuf) -> Result<(), StoreError> {
    if trashed.exists() {
        Err(StoreError::InTrash {
            what,
            path: trashed,
        })
    } else {
        Ok(())
    }
}
