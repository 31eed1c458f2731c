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
    // Who holds it: for a person looking at the folder, and for another
    // computer that finds the lock taken (see [`holder`]).
    let _ = file
        .set_len(0)
        .and_then(|()| write!(file, "pid {}\nhost {}\n", std::process::id(), this_host()));
    Ok(Some(file))
}

/// Who holds a lock, as its file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Holder {
    pub pid: String,
    pub host: String,
}

/// Who holds the lock at `path`, if its file says (older versions wrote only the process id).
pub(crate) fn holder(path: &Path) -> Option<Holder> {
    let text = std::fs::read_to_string(path).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(' '))
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    Some(Holder {
        pid: field("pid")?,
        host: field("host")?,
    })
}

/// This computer's name, as far as it can be found; never empty.
pub(crate) fn this_host() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_default();
    let name: String = name
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(255)
        .collect();
    if name.is_empty() {
        "unknown".to_owned()
    } else {
        name
    }
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
