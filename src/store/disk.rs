//! The one way the store changes files: every step of a save or a move goes
//! through [`Disk`], so that a test can make any single step fail, as a full
//! disk, a failing drive or a read-only mount would.
//!
//! In normal use a `Disk` has no [`FaultPlan`] and each step is the system
//! call itself after one check of an empty `Option`: nothing measurable next
//! to the call.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use super::vault::Seal;

/// One step of changing a data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// Opening the lock file when a data folder is opened for writing.
    OpenLock,
    /// Creating the temporary file a save writes first.
    CreateTemp,
    /// Writing the new content into it.
    Write,
    /// Flushing it to the disk (fsync).
    Sync,
    /// Keeping the current version as `NAME.bak` (a hard link or a copy).
    Backup,
    /// Renaming the temporary file over the data file.
    Rename,
    /// Flushing the folder's entries to the disk.
    SyncFolder,
    /// Moving a file (or its `.bak`) into or out of the trash.
    MoveToTrash,
    /// Removing a file or an empty folder for good: an earlier version past
    /// keeping, or something in the trash the person chose to remove.
    Remove,
}

impl Step {
    /// Every step of a save or a move (the lock is opened only once, on open).
    pub const CHANGES: [Step; 8] = [
        Step::CreateTemp,
        Step::Write,
        Step::Sync,
        Step::Backup,
        Step::Rename,
        Step::SyncFolder,
        Step::MoveToTrash,
        Step::Remove,
    ];
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::OpenLock => "open the lock file",
            Step::CreateTemp => "create the temporary file",
            Step::Write => "write",
            Step::Sync => "flush the file to disk",
            Step::Backup => "keep the previous version as .bak",
            Step::Rename => "rename the temporary file into place",
            Step::SyncFolder => "flush the folder to disk",
            Step::MoveToTrash => "move the file",
            Step::Remove => "remove the file",
        })
    }
}

/// Decides, before each step, whether it fails. Used by tests to play a full
/// disk, a read-only mount or a failing drive at any one step.
pub trait FaultPlan: Send + Sync + fmt::Debug {
    /// `Err` makes the step fail with that error before it touches anything
    /// (a failing [`Step::Write`] writes half of the bytes first, as a disk
    /// that fills up mid-write does).
    fn before(&self, step: Step, path: &Path) -> io::Result<()>;
}

/// The file operations of a store. [`Disk::default`] is the real disk.
///
/// It carries the store's [`Seal`]: what is written through
/// [`super::atomic`] is encrypted when the notebook is, and clones share
/// it, so locking the store locks every clone.
#[derive(Debug, Clone, Default)]
pub struct Disk {
    faults: Option<Arc<dyn FaultPlan>>,
    seal: Seal,
}

impl Disk {
    /// A disk on which `plan` decides which steps fail.
    pub fn with_faults(plan: Arc<dyn FaultPlan>) -> Disk {
        Disk {
            faults: Some(plan),
            seal: Seal::default(),
        }
    }

    /// What this disk does to the bytes of data files.
    pub fn seal(&self) -> &Seal {
        &self.seal
    }

    /// The same disk, writing bytes as they are given: for the files that
    /// stay plain in an encrypted notebook (its key file, the preferences).
    pub(crate) fn plain(&self) -> Disk {
        Disk {
            faults: self.faults.clone(),
            seal: Seal::default(),
        }
    }

    pub(crate) fn check(&self, step: Step, path: &Path) -> io::Result<()> {
        match &self.faults {
            None => Ok(()),
            Some(plan) => plan.before(step, path),
        }
    }

    /// Creates a new file only the owner may read (0600 on Unix).
    pub(crate) fn create_new(&self, path: &Path) -> io::Result<File> {
        self.check(Step::CreateTemp, path)?;
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        options.open(path)
    }

    pub(crate) fn write_all(&self, file: &mut File, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if let Err(error) = self.check(Step::Write, path) {
            let _ = file.write_all(&bytes[..bytes.len() / 2]);
            return Err(error);
        }
        file.write_all(bytes)
    }

    pub(crate) fn sync(&self, file: &File, path: &Path) -> io::Result<()> {
        self.check(Step::Sync, path)?;
        file.sync_all()
    }

    pub(crate) fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.check(Step::Rename, to)?;
        fs::rename(from, to)
    }

    /// Flushes a folder's entries (renames, new files) to disk. On systems where a folder
    /// cannot be opened as a file (Windows), renames are already durable enough.
    pub(crate) fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        self.check(Step::SyncFolder, dir)?;
        #[cfg(unix)]
        {
            File::open(dir)?.sync_all()
        }
        #[cfg(not(unix))]
        {
            Ok(())
        }
    }

    /// Moves a file into or out of the trash, or aside.
    pub(crate) fn move_file(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.check(Step::MoveToTrash, from)?;
        fs::rename(from, to)
    }

    /// Removes a file for good.
    pub(crate) fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.check(Step::Remove, path)?;
        fs::remove_file(path)
    }

    /// Removes an empty folder.
    pub(crate) fn remove_dir(&self, path: &Path) -> io::Result<()> {
        self.check(Step::Remove, path)?;
        fs::remove_dir(path)
    }
}
