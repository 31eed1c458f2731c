//! Durable, all-or-nothing file writes.
//!
//! A file is never written in place. The new content goes to a temporary file in
//! the same folder, is flushed to the disk, and is then renamed over the old
//! file: a reader, a crash or a power cut sees either the whole old version or
//! the whole new one. The old version, if it is valid JSON, is kept beside the
//! file as `NAME.bak`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::disk::{Disk, Step};
use super::paths::backup_path;
use super::vault::is_encrypted;

/// Counts temporary files made by this process, so that names never collide.
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `bytes`, durably and atomically, creating the file
/// (mode 0600 on Unix) if needed.
///
/// If the current file is valid JSON it becomes `NAME.bak` first; if it is not,
/// the existing `.bak` is left alone, since a damaged file must never push out
/// the last good version. This function does not refuse to replace a damaged
/// file: callers that must protect one (the [`Store`](super::Store)) check first.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_on(&Disk::default(), path, bytes)
}

/// [`write`], each step through `disk`, encrypted when `disk`'s seal says
/// so (the one place data files are written). On failure no temporary file is left.
pub(crate) fn write_on(disk: &Disk, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let bytes = disk.seal().seal(bytes)?;
    let temp = temp_path(path);
    let result = write_new_file(disk, &temp, &bytes)
        .and_then(|()| keep_backup(disk, path))
        .and_then(|()| disk.rename(&temp, path))
        .and_then(|()| disk.sync_dir(parent_dir(path)));
    if result.is_err() {
        // The temporary file is useless now; a leftover would be cleaned on the next open.
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Replaces `path` with exactly `bytes` (no seal, no `.bak`), durably and
/// atomically, each step through `disk`: for turning a file from plain to
/// encrypted or back, where the old version must not linger as a `.bak`,
/// and for the notebook's key file.
pub(crate) fn replace_on(disk: &Disk, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temp_path(path);
    let result = write_new_file(disk, &temp, bytes)
        .and_then(|()| disk.rename(&temp, path))
        .and_then(|()| disk.sync_dir(parent_dir(path)));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Makes `NAME.bak` hold the current content of `path`, if that content is
/// valid JSON. The `.bak` is always a regular file of its own in the folder,
/// readable by its owner only (0600), even when `path` is a symbolic link, is
/// linked elsewhere, or was placed with wider permissions.
fn keep_backup(disk: &Disk, path: &Path) -> io::Result<()> {
    let current = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error),
    };
    // An encrypted version is checked as what it holds; one that cannot be
    // decrypted is as damaged as invalid JSON.
    let valid = if is_encrypted(&current) {
        disk.seal()
            .open(current.clone())
            .is_ok_and(|plain| serde_json::from_slice::<serde::de::IgnoredAny>(&plain).is_ok())
    } else {
        serde_json::from_slice::<serde::de::IgnoredAny>(&current).is_ok()
    };
    if !valid {
        return Ok(());
    }
    let backup = backup_path(path);
    disk.check(Step::Backup, &backup)?;
    let temp = temp_path(&backup);
    // A hard link costs no copy and no extra flush: the old file is never written
    // again (saves replace it by rename), so the link keeps the old content. Only
    // a private file with no other link qualifies; anything else (a symbolic
    // link, a file already linked to the .bak, a file others may read, a file
    // system without hard links) is copied into a fresh file.
    let linked = is_private_single_file(path) && fs::hard_link(path, &temp).is_ok();
    let result = if linked {
        Ok(())
    } else {
        write_new_file(disk, &temp, &current)
    }
    .and_then(|()| disk.rename(&temp, &backup));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Whether `path` is itself a regular file (not a symbolic link) with one
/// link and, on Unix, mode 0600: a file a hard link may safely keep as it is.
fn is_private_single_file(path: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.is_file() && meta.nlink() == 1 && meta.mode() & 0o777 == 0o600
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Creates a new file that only the owner may read (0600 on Unix), writes it and flushes it to disk.
pub(crate) fn write_new_file(disk: &Disk, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = disk.create_new(path)?;
    disk.write_all(&mut file, path, bytes)?;
    disk.sync(&file, path)
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// `DIR/NAME` becomes `DIR/.NAME.tmp-PID-N`: hidden, in the same folder (so the
/// rename stays on one file system), and unique to this process and write.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let n = NEXT_TEMP.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

/// Whether a file name has the shape of one of our temporary files.
pub(crate) fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let Some((_, suffix)) = rest.rsplit_once(".tmp-") else {
        return false;
    };
    let Some((pid, n)) = suffix.split_once('-') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(pid) && digits(n)
}

/// Whether a temporary file was made by this process (its name carries our process id).
pub(crate) fn is_own_temp(path: &Path) -> bool {
    let own = format!(".tmp-{}-", std::process::id());
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|name| name.contains(&own))
}

/// Our temporary files in `dir`. A folder that does not exist has none.
pub(crate) fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| entry.file_name().to_str().is_some_and(is_temp_name))
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .map(|entry| entry.path())
        .collect();
    found.sort();
    found
}

/// Removes temporary files left by interrupted saves. Only call this while holding
/// the data folder's lock: then no other process can be in the middle of a save.
/// A leftover never holds the only copy of anything: until the rename, the
/// target still holds its previous version.
pub(crate) fn remove_stale_temps(dir: &Path) {
    for path in temp_files(dir) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_only_our_temp_names() {
        let made = temp_path(Path::new("/d/x.json"));
        assert!(is_temp_name(made.file_name().unwrap().to_str().unwrap()));
        assert!(is_temp_name(".x.json.bak.tmp-12-0"));
        for other in [
            "x.json",
            ".x.json",
            ".x.tmp-",
            ".x.tmp-1-",
            ".x.tmp-a-1",
            "x.json.tmp-1-2",
            ".lock",
        ] {
            assert!(!is_temp_name(other), "{other}");
        }
    }
}
