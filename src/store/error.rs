//! Errors from the store. Each says what happened, to which file, and what to do.

use std::io;
use std::path::PathBuf;

use super::DataProblem;

/// Why the store could not do what was asked. Nothing on disk was changed unless the message says so.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The system has no usual place for application data (no home folder).
    #[error(
        "no place for PL Reflect's data could be found on this system (is HOME set?); \
         choose a folder with --data-dir FOLDER or the PL_REFLECT_DATA_DIR environment variable"
    )]
    NoDataDir,

    /// The notebook was moved, and the folder it was moved to is not there
    /// (a USB stick that is not plugged in): never open an empty one instead.
    #[error(
        "your notebook was moved to {}, which is not there now (is the disk plugged in?). \
         Nothing was opened in its place. To open another folder, use --data-dir FOLDER; \
         to go back to the usual place, delete {}",
        .folder.display(),
        .pointer.display()
    )]
    MovedNotebookMissing { pointer: PathBuf, folder: PathBuf },

    /// `--data-dir` was given an empty value.
    #[error(
        "the folder given with --data-dir is empty; name a folder, for example --data-dir ~/pl-reflect-data"
    )]
    EmptyDataDir,

    /// A read-only open of a folder that does not exist.
    #[error("{}: there is no data folder here; check the path (nothing was created)", .dir.display())]
    MissingDataDir { dir: PathBuf },

    /// A file-system operation other than a save failed. The cause is part of
    /// the message (and not a separate error source), so that printing the
    /// whole chain does not say it twice.
    #[error("{}: could not {action}: {cause}; {}", .path.display(), io_advice(.cause))]
    Io {
        path: PathBuf,
        action: &'static str,
        cause: io::Error,
    },

    /// A save failed; the previous version is still on disk.
    #[error(
        "{}: could not save: {cause}. The previous version is still on disk (in the file or its .bak); \
         {}, then try again",
        .path.display(), save_advice(.cause)
    )]
    Write { path: PathBuf, cause: io::Error },

    /// The notebook's encryption: locked, a wrong passphrase, a damaged key file.
    #[error(transparent)]
    Vault(#[from] super::vault::VaultError),
    /// A save was not made because the version it would have kept in the
    /// record's history could not be written; the record is as it was.
    #[error(
        "{}: not saved, because this version could not be kept in its history ({}): {cause}. \
         The previous version is still on disk; {}, then try again",
        .record.display(), .path.display(), save_advice(.cause)
    )]
    History {
        /// The record's own file.
        record: PathBuf,
        /// The version file that could not be written.
        path: PathBuf,
        cause: io::Error,
    },

    /// The store is read-only (another process writes, or it was opened to look).
    #[error("{}: nothing was changed because {reason}.{}", .dir.display(), read_only_advice(.reason))]
    ReadOnly { dir: PathBuf, reason: String },

    /// The file on disk is damaged, newer, or misnamed, so it is left exactly as it is.
    #[error("{problem} Nothing was written, so the file is unchanged.")]
    Refused { problem: Box<DataProblem> },

    /// An id that is not a safe file name.
    #[error(
        "{id:?} is not a valid {what} id: an id has 1 to 80 characters among a-z, 0-9 and '-'; \
         nothing was read or written"
    )]
    InvalidId { what: Record, id: String },

    /// No such reflection or session (or no such file to set aside).
    #[error("{}: there is no such {what}; it may have been deleted or moved, so reload the list", .path.display())]
    NotFound { what: Record, path: PathBuf },

    /// Restoring would replace an existing reflection or session.
    #[error(
        "{}: a {what} with this id is already there, so nothing was moved; \
         move one of the two aside first",
        .path.display()
    )]
    AlreadyExists { what: Record, path: PathBuf },

    /// Saving a reflection or session that was deleted; restore it first.
    #[error("{}: this {what} is in the trash, so it was not saved; restore it first", .path.display())]
    InTrash { what: Record, path: PathBuf },

    /// An export was asked to go into the data folder, where it could replace
    /// the notebook's own files.
    #[error(
        "{}: this is inside the data folder {}, where PL Reflect keeps the notebook's own files, \
         so nothing was written; choose a file or folder outside it (or the folder {} made for exports)",
        .path.display(), .dir.display(), .dir.join(super::EXPORTS_DIR).display()
    )]
    ExportIntoDataFolder { path: PathBuf, dir: PathBuf },

    /// `set_aside` was given a path that is not one of the data files.
    #[error(
        "{}: only teachers.json and reflection files inside {} can be set aside; nothing was moved",
        .path.display(), .dir.display()
    )]
    NotADataFile { path: PathBuf, dir: PathBuf },
}

/// Which kind of data file an error is about, as its message names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Reflection,
    Session,
    /// Any data file, such as one to set aside.
    File,
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Record::Reflection => "reflection",
            Record::Session => "coach session",
            Record::File => "file",
        })
    }
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, action: &'static str, cause: io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            action,
            cause,
        }
    }

    /// The system's error behind this one, if there is one.
    pub fn io_cause(&self) -> Option<&io::Error> {
        match self {
            StoreError::Io { cause, .. }
            | StoreError::Write { cause, .. }
            | StoreError::History { cause, .. } => Some(cause),
            _ => None,
        }
    }

    pub(crate) fn refused(problem: DataProblem) -> Self {
        StoreError::Refused {
            problem: Box::new(problem),
        }
    }
}

/// What to do after a save failed, for the cause the system gave.
fn save_advice(cause: &io::Error) -> &'static str {
    use io::ErrorKind;
    match cause.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            "free some disk space (or ask for a larger quota)"
        }
        ErrorKind::ReadOnlyFilesystem => {
            "the folder is on a read-only file system: copy the data folder to a disk that can be written, or mount it for writing"
        }
        ErrorKind::PermissionDenied => "check that you may write to the folder",
        _ => "check the disk, free space and that you may write to the folder",
    }
}

/// What to do after another file operation failed.
fn io_advice(cause: &io::Error) -> &'static str {
    match cause.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "free some disk space, then try again"
        }
        io::ErrorKind::ReadOnlyFilesystem => {
            "the folder is on a read-only file system: copy the data folder to a disk that can be written, or mount it for writing"
        }
        _ => "check that it exists and that you may read and write it",
    }
}

/// What to do about a read-only store, when the reason does not already say.
fn read_only_advice(reason: &str) -> &'static str {
    match reason {
        super::BUSY_REASON => {
            " Close the other PL Reflect window or command, then open this data folder again"
        }
        super::LOOKING_REASON => " Open the data folder for writing to make changes",
        elsewhere if elsewhere.starts_with(super::ELSEWHERE_REASON) => {
            " Close PL Reflect on that computer and let the folder finish syncing, then open this data folder again"
        }
        super::READ_ONLY_FS_REASON => {
            " Copy the data folder to a disk that can be written, or mount it for writing, then open it again"
        }
        _ => "",
    }
}
