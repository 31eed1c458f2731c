//! One writer per data folder: an exclusive lock on `DATA/.lock`, held for as long as the store is open.
//!
//! `File::try_lock` is `flock` on Linux and `LockFileEx` on Windows. The lock
//! belongs to the open file, so two stores in one process exclude each other as
//! two processes do, and the system drops it when the process ends, even if it
//! is killed: a crash never leaves the folder locked.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// How often to try again while waiting for the lock.
const RETRY: Duration = Duration::from_millis(20);

/// Takes the lock, trying until `wait` has passed. `Ok(None)` means another
/// process (or another store in this one) holds it.
pub(crate) fn acquire(path: &Path, wait: Duration) -> io::Result<Option<File>> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    {
        // A lock file left by an older version or copied in may be open to others.
        use std::os::unix::fs::PermissionsExt;
        if file
            .metadata()
            .is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
        {
            let _ = file.set_permissions(std::fs::Permissions::from_mode(0o600));
        }
    }
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(error)) => return Err(error),
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        std::thread::sleep(RETRY.min(deadline - now));
    }
    // Who holds it, for a person looking at the folder. Nothing reads this back.
    let _ = file
        .set_len(0)
        .and_then(|()| writeln!(file, "{}", std::process::id()));
    Ok(Some(file))
}

/// Whether some other open file holds the lock right now, found without creating
/// the lock file or waiting. Taking the lock for that instant changes nothing on disk.
pub(crate) fn is_held_elsewhere(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    matches!(file.try_lock(), Err(TryLockError::WouldBlock))
    // Dropping `file` releases the lock if the probe took it.
}
