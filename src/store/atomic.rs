//! Durable, all-or-nothing file writes.
//!
//! A file is never written in place. The new content goes to a temporary file in
//! the same folder, is flushed to the disk, and is then renamed over the old
//! file: a reader, a crash or a power cut sees either the whole old version or
//! the whole new one. The old version, if it is valid JSON, is kept beside the
//! file as `NAME.bak`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::paths::backup_path;

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
    let temp = temp_path(path);
    let result = write_new_file(&temp, bytes)
        .and_then(|()| keep_backup(path))
        .and_then(|()| fs::rename(&temp, path))
        .and_then(|()| sync_dir(parent_dir(path)));
    if result.is_err() {
        // Best effort: the temporary file is useless now, and a leftover is cleaned on the next open.
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Makes `NAME.bak` hold the current content of `path`, if that content is valid JSON.
fn keep_backup(path: &Path) -> io::Result<()> {
    let current = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error),
    };
    if serde_json::from_slice::<serde::de::IgnoredAny>(&current).is_err() {
        return Ok(());
    }
    let backup = backup_path(path);
    let temp = temp_path(&backup);
    // A hard link costs no copy and no extra flush: the old file is never written
    // again (saves replace it by rename), so the link keeps the old content. Some
    // file systems (FAT, some network shares) have no hard links; copy there.
    if fs::hard_link(path, &temp).is_err() {
        write_new_file(&temp, &current)?;
    }
    fs::rename(&temp, &backup).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

/// Creates a new file that only the owner may read (0600 on Unix), writes it and flushes it to disk.
pub(crate) fn write_new_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Flushes a folder's entries (renames, new files) to disk. On systems where a folder
/// cannot be opened as a file (Windows), renames are already durable enough.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
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
