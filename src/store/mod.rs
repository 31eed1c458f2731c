//! Storage of teachers and reflections in a data folder of plain, pretty-printed JSON files.
//!
//! ```text
//! DATA/teachers.json              {"format": 1, "teachers": [...]}
//! DATA/reflections/<id>.json      one reflection each
//! DATA/trash/<id>.json            deleted reflections, until restored
//! DATA/sessions/<id>.json         one coaching session each (see [`sessions`])
//! DATA/trash/sessions/<id>.json   deleted sessions, until restored
//! DATA/history/<id>/<time>.json   earlier versions of each record (see [`history`])
//! DATA/trash/history/<id>/        the earlier versions of a record in the trash
//! DATA/settings.json              the window's preferences (see [`read_settings`])
//! DATA/exports/                   exports, when there is no Documents folder
//! DATA/vault.json                the wrapped key of an encrypted notebook (see [`vault`])
//! DATA/.lock                      held by the one process that may write (pid and host)
//! ```
//!
//! The rules that keep a teacher's words safe:
//! - every write is atomic and durable ([`atomic::write`]), and the previous good
//!   version of each file stays beside it as `NAME.bak`;
//! - a file that cannot be understood is reported as a [`DataProblem`] and never
//!   overwritten, moved or deleted, unless the user asks to [`Store::set_aside`] it;
//! - a file from a newer version is shown read-only and never rewritten;
//! - fields this version does not know are kept when a file is saved again;
//! - one process writes at a time; others open the folder read-only;
//! - every save that changes a record keeps the new content as a version in
//!   its history first, and the history goes to the trash with its record;
//! - deleting moves a reflection to the trash;
//! - every change to a file goes through one [`Disk`], so tests can make any
//!   step fail;
//! - a sync service's conflict copy is listed as a conflict of its record
//!   ([`Store::conflicts`]) and never loaded, changed or deleted;
//! - no export may be written inside the folder ([`refuse_export_target`]).

pub mod atomic;
mod conflicts;
pub mod disk;
mod error;
mod folder;
pub mod history;
mod lock;
pub mod migrate;
mod moves;
mod parse;
mod paths;
mod problems;
mod read;
mod records;
pub mod relocate;
mod sessions;
mod settings_file;
mod teacher_data;
mod trash;
pub mod vault;
mod write;

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

pub use conflicts::{AnswerDifference, ConflictCopy, answer_differences, conflict_copy_of};
pub use disk::{Disk, FaultPlan, Step};
pub use error::{Record, StoreError};
pub use history::{
    EDITING_SESSION_GAP, HISTORY_DIR, History, KEEP_EVERY_VERSION_FOR, Origin, Removed, Version,
    VersionInfo, versions_to_keep,
};
pub use paths::create_private_folder;
pub use paths::{
    DATA_DIR_ENV, EXPORTS_DIR, LOCK_FILE, REFLECTIONS_DIR, SESSIONS_DIR, TEACHERS_FILE, TRASH_DIR,
    backup_path, default_guides_dir, fallback_export_folder, refuse_export_target,
    resolve_data_dir,
};
// Id rules belong to the records; kept here for callers that name them through the store.
pub use crate::reflection::{MAX_REFLECTION_ID_CHARS, is_valid_reflection_id};
pub use problems::{DataProblem, ProblemKind};
pub use settings_file::{SETTINGS_FILE, SETTINGS_FORMAT, SettingsFile, read_settings};
pub use teacher_data::{DeleteTeacherDataError, DeletedCounts};
pub use trash::TrashContents;

use crate::clock::Timestamp;
use crate::reflection::{Reflection, Teacher};
use crate::session::CoachSession;

/// Why a store opened for writing is read-only: another process holds the lock.
pub const BUSY_REASON: &str =
    "another PL Reflect window or command is using this data folder; opened read-only";
/// How the reason begins when the lock is held by PL Reflect on another
/// computer (a network folder), as the lock file says.
pub const ELSEWHERE_REASON: &str = "PL Reflect on another computer";
/// Why a store opened for writing is read-only: the folder is on a file system
/// mounted read-only, so nothing can be saved there by anyone.
pub const READ_ONLY_FS_REASON: &str = "the data folder is on a read-only file system (EROFS), so nothing can be saved there; opened read-only";
/// Why a store opened with [`Access::ReadOnly`] is read-only.
pub const LOOKING_REASON: &str = "the data folder was opened only to look at it; opened read-only";

/// How to open a data folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Create the folder if needed and take the lock, waiting up to `wait` for
    /// another process to let go. If it does not, the store opens read-only.
    Write { wait: Duration },
    /// Only read. Takes no lock and creates nothing; the folder must exist.
    ReadOnly,
}

/// A reflection as loaded, with where it lives.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredReflection {
    pub reflection: Reflection,
    pub path: PathBuf,
    /// Why this file may not be saved, if it may not (for example, it was made by
    /// a newer version). The store's own read-only state is separate: see
    /// [`Store::read_only_reason`].
    pub read_only: Option<String>,
}

/// A coaching session as loaded, with where it lives.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSession {
    pub session: CoachSession,
    pub path: PathBuf,
    /// Why this file may not be saved, if it may not (for example, it was made
    /// by a newer version).
    pub read_only: Option<String>,
}

/// What a list of reflections needs, read without the answers' text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReflectionHeader {
    pub id: String,
    pub teacher_id: String,
    pub guide_id: String,
    pub guide_version: u32,
    pub title: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// The items that have an answer, as [`crate::reflection::Answer::is_answered`] decides.
    pub answered_ids: Vec<String>,
    pub path: PathBuf,
    /// Why this file may not be saved, if it may not.
    pub read_only: Option<String>,
}

/// Everything in the data folder that could be read, and what could not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub teachers: Vec<Teacher>,
    /// Why the teachers may not be saved, if they may not (newer format, or a damaged file).
    pub teachers_read_only: Option<String>,
    /// Sorted by file name.
    pub reflections: Vec<StoredReflection>,
    /// Coaching sessions, sorted by file name.
    pub sessions: Vec<StoredSession>,
    /// Sorted by file.
    pub problems: Vec<DataProblem>,
}

/// An open data folder. While a writable store exists, it holds the folder's lock.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    read_only: Option<String>,
    /// Held for the store's lifetime: dropping the store releases the lock.
    lock: Option<File>,
    /// Files found damaged, newer or misnamed by the last look at them: saves to
    /// them are refused even before the file is read again.
    refused: Mutex<HashMap<PathBuf, DataProblem>>,
    /// Every change to a file goes through here.
    disk: Disk,
    /// The clock versions are timed by, and what is known of each record's newest version.
    history: history::HistoryState,
}

impl Store {
    /// Opens the data folder `dir`.
    ///
    /// With [`Access::Write`], the folder and its subfolders are created (0700 on
    /// Unix) if missing, and temporary files left by interrupted saves are
    /// removed. If another process holds the lock, the store opens read-only
    /// with [`BUSY_REASON`]; this is not an error, so the app can still show the words.
    pub fn open(dir: impl Into<PathBuf>, access: Access) -> Result<Store, StoreError> {
        Store::open_on(dir, access, Disk::default())
    }

    /// [`Store::open`], with every change to a file going through `disk` (a
    /// [`Disk::with_faults`] in tests).
    pub fn open_on(
        dir: impl Into<PathBuf>,
        access: Access,
        disk: Disk,
    ) -> Result<Store, StoreError> {
        let dir = dir.into();
        let store = |read_only: Option<String>, lock: Option<File>| {
            // An encrypted notebook opens locked: no file is read or written
            // until it is unlocked, and nothing is ever written plain into it.
            vault::seal_for_folder(&dir, disk.seal());
            Store {
                dir: dir.clone(),
                read_only,
                lock,
                refused: Mutex::new(HashMap::new()),
                disk: disk.clone(),
                history: history::HistoryState::default(),
            }
        };
        let Access::Write { wait } = access else {
            if !dir.is_dir() {
                return Err(StoreError::MissingDataDir { dir });
            }
            return Ok(store(Some(LOOKING_REASON.to_owned()), None));
        };
        // Folders this open creates must be made durable; existing ones already are,
        // and syncing them anyway costs start-up time on every launch.
        let mut created = !dir.is_dir();
        paths::create_private_dir(&dir)
            .map_err(|e| StoreError::io(&dir, "create the data folder", e))?;
        let lock_path = dir.join(LOCK_FILE);
        let held = match disk
            .check(Step::OpenLock, &lock_path)
            .and_then(|()| lock::acquire(&lock_path, wait))
        {
            Ok(Some(held)) => held,
            Ok(None) => {
                let reason = match lock::holder(&lock_path) {
                    Some(holder) if holder.host != lock::this_host() => format!(
                        "{ELSEWHERE_REASON} ({}, process {}) is using this data folder; opened read-only",
                        holder.host, holder.pid
                    ),
                    _ => BUSY_REASON.to_owned(),
                };
                return Ok(store(Some(reason), None));
            }
            Err(error) if error.kind() == std::io::ErrorKind::ReadOnlyFilesystem => {
                return Ok(store(Some(READ_ONLY_FS_REASON.to_owned()), None));
            }
            Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(StoreError::io(lock_path, "open the lock file", error));
            }
            Err(error) => {
                // Some network file systems cannot lock. Writing without the lock
                // could let two windows overwrite each other, so only read.
                let reason = format!(
                    "the data folder could not be locked ({error}); opened read-only. \
                     A folder on a local disk avoids this"
                );
                return Ok(store(Some(reason), None));
            }
        };
        for sub in [REFLECTIONS_DIR, TRASH_DIR] {
            let path = dir.join(sub);
            created |= !path.is_dir();
            paths::create_private_dir(&path)
                .map_err(|e| StoreError::io(&path, "create the folder", e))?;
        }
        // Folders made before this version, or by hand, may be open to others.
        for folder in [
            dir.clone(),
            dir.join(REFLECTIONS_DIR),
            dir.join(TRASH_DIR),
            dir.join(SESSIONS_DIR),
            dir.join(TRASH_DIR).join(SESSIONS_DIR),
            dir.join(EXPORTS_DIR),
        ] {
            paths::tighten_dir(&folder);
        }
        // New folder entries must survive a power cut along with the files saved into them.
        if created {
            let _ = disk.sync_dir(&dir);
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                let _ = disk.sync_dir(parent);
            }
        }
        // Safe only because we hold the lock: no other process can be mid-save.
        for folder in [
            dir.clone(),
            dir.join(REFLECTIONS_DIR),
            dir.join(TRASH_DIR),
            dir.join(SESSIONS_DIR),
            dir.join(TRASH_DIR).join(SESSIONS_DIR),
        ] {
            atomic::remove_stale_temps(&folder);
        }
        Ok(store(None, Some(held)))
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Refuses an export target inside this data folder (other than its
    /// `exports` folder): see [`refuse_export_target`].
    pub fn refuse_export_target(&self, target: &Path) -> Result<(), StoreError> {
        refuse_export_target(&self.dir, target)
    }

    /// Whether every write will be refused.
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Why every write will be refused, if it will: for example [`BUSY_REASON`].
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// `DATA/teachers.json`.
    pub fn teachers_path(&self) -> PathBuf {
        self.dir.join(TEACHERS_FILE)
    }

    /// `DATA/reflections`.
    pub fn reflections_dir(&self) -> PathBuf {
        self.dir.join(REFLECTIONS_DIR)
    }

    /// `DATA/trash`.
    pub fn trash_dir(&self) -> PathBuf {
        self.dir.join(TRASH_DIR)
    }

    /// `DATA/sessions`.
    pub fn sessions_dir(&self) -> PathBuf {
        self.dir.join(SESSIONS_DIR)
    }

    /// `DATA/trash/sessions`.
    pub fn trashed_sessions_dir(&self) -> PathBuf {
        self.dir.join(TRASH_DIR).join(SESSIONS_DIR)
    }

    /// `DATA/reflections/<id>.json`, once the id is known to be a safe file name.
    pub fn reflection_path(&self, id: &str) -> Result<PathBuf, StoreError> {
        Ok(self
            .reflections_dir()
            .join(file_name(Record::Reflection, id)?))
    }

    /// `DATA/trash/<id>.json`, once the id is known to be a safe file name.
    pub fn trashed_path(&self, id: &str) -> Result<PathBuf, StoreError> {
        Ok(self.trash_dir().join(file_name(Record::Reflection, id)?))
    }

    /// `DATA/sessions/<id>.json`, once the id is known to be a safe file name.
    pub fn session_path(&self, id: &str) -> Result<PathBuf, StoreError> {
        Ok(self.sessions_dir().join(file_name(Record::Session, id)?))
    }

    /// `DATA/trash/sessions/<id>.json`, once the id is known to be a safe file name.
    pub fn trashed_session_path(&self, id: &str) -> Result<PathBuf, StoreError> {
        Ok(self
            .trashed_sessions_dir()
            .join(file_name(Record::Session, id)?))
    }

    fn holds_lock(&self) -> bool {
        self.lock.is_some()
    }

    /// An error saying why nothing can be changed, if nothing can: see
    /// [`Store::read_only_reason`]. Its message says what to do.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        self.writable()
    }

    /// How this store changes files.
    pub(crate) fn disk(&self) -> &Disk {
        &self.disk
    }

    /// What this store does to the bytes of its files (see [`vault`]).
    pub(crate) fn seal(&self) -> &vault::Seal {
        self.disk.seal()
    }

    fn writable(&self) -> Result<(), StoreError> {
        match &self.read_only {
            Some(reason) => Err(StoreError::ReadOnly {
                dir: self.dir.clone(),
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }

    fn refused(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, DataProblem>> {
        // A panic elsewhere while holding the guard leaves a map that is still consistent.
        self.refused.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Remembers which files in the scanned scope must not be written.
    fn remember(&self, in_scope: impl Fn(&Path) -> bool, problems: &[DataProblem]) {
        let mut refused = self.refused();
        refused.retain(|path, _| !in_scope(path));
        for problem in problems
            .iter()
            .filter(|p| blocks_writes(p.kind) && in_scope(&p.path))
        {
            refused.insert(problem.path.clone(), problem.clone());
        }
    }

    fn check_not_refused(&self, path: &Path) -> Result<(), StoreError> {
        match self.refused().get(path) {
            Some(problem) => Err(StoreError::refused(problem.clone())),
            None => Ok(()),
        }
    }
}

// The app shares one store between the UI and its autosave thread.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Store>();
};

/// Problems that make a file unsafe to write over.
fn blocks_writes(kind: ProblemKind) -> bool {
    matches!(
        kind,
        ProblemKind::Unreadable | ProblemKind::NewerFormat | ProblemKind::NameMismatch
    )
}

/// `<id>.json`, once `id` is known to be a safe file name.
fn file_name(what: Record, id: &str) -> Result<String, StoreError> {
    if is_valid_reflection_id(id) {
        Ok(format!("{id}.json"))
    } else {
        Err(StoreError::InvalidId {
            what,
            id: id.to_owned(),
        })
    }
}
