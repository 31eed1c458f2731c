//! What the store does alike for every kind of record it keeps one file each
//! of (reflections and coaching sessions): reading a folder of them, reading
//! one, checking the file on disk before it is replaced or moved, refusing to
//! save a newer format, and moving to and from the trash.
//!
//! Each kind says only where its files live and how its bytes are read
//! ([`Kind`]); the rules that keep a file safe are written once, here.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::conflicts::record_files;
use super::folder::par_map;
use super::moves::{finish_restore, move_out_of_trash, move_to_trash, refuse_if_in_trash};
use super::parse;
use super::problems::{Failure, ProblemKind};
use super::vault::Seal;
use super::{DataProblem, Record, Store, StoreError, StoredReflection, StoredSession};
use crate::reflection::{REFLECTION_FORMAT, Reflection};
use crate::session::{CoachSession, SESSION_FORMAT};

/// A kind of record kept as `<folder>/<id>.json`, with its deleted ones in a
/// folder of the trash.
pub(super) trait Kind {
    type Record: Serialize + PartialEq + Send;
    /// The record as loaded, with where it lives and whether it may be saved.
    type Stored: Send;
    /// How errors name this kind.
    const RECORD: Record;
    /// How problem messages name one record: "this {WHAT} belongs to ...".
    const WHAT: &'static str;
    /// The format this build writes.
    const FORMAT: u32;

    fn folder(store: &Store) -> PathBuf;
    fn trash_folder(store: &Store) -> PathBuf;
    /// `<folder>/<id>.json`, once the id is known to be a safe file name.
    fn file(store: &Store, id: &str) -> Result<PathBuf, StoreError>;
    /// Where record `id` goes in the trash, once the id is known to be a safe file name.
    fn trashed_file(store: &Store, id: &str) -> Result<PathBuf, StoreError>;
    /// The record in a file, and the file's format if it is newer than [`Kind::FORMAT`].
    fn parse(bytes: &[u8]) -> Result<(Self::Record, Option<u64>), Failure>;
    fn id(record: &Self::Record) -> &str;
    fn teacher_id(record: &Self::Record) -> &str;
    fn format(record: &Self::Record) -> u32;
    fn stored(record: Self::Record, path: PathBuf, read_only: Option<String>) -> Self::Stored;
    fn record(stored: &Self::Stored) -> &Self::Record;
    fn path(stored: &Self::Stored) -> &Path;
    fn read_only(stored: &Self::Stored) -> Option<&str>;
}

/// `DATA/reflections/`, deleted ones in `DATA/trash/`.
pub(super) struct Reflections;

/// `DATA/sessions/`, deleted ones in `DATA/trash/sessions/`.
pub(super) struct Sessions;

impl Kind for Reflections {
    type Record = Reflection;
    type Stored = StoredReflection;
    const RECORD: Record = Record::Reflection;
    const WHAT: &'static str = "reflection";
    const FORMAT: u32 = REFLECTION_FORMAT;

    fn folder(store: &Store) -> PathBuf {
        store.reflections_dir()
    }
    fn trash_folder(store: &Store) -> PathBuf {
        store.trash_dir()
    }
    fn file(store: &Store, id: &str) -> Result<PathBuf, StoreError> {
        store.reflection_path(id)
    }
    fn trashed_file(store: &Store, id: &str) -> Result<PathBuf, StoreError> {
        store.trashed_path(id)
    }
    fn parse(bytes: &[u8]) -> Result<(Reflection, Option<u64>), Failure> {
        parse::reflection(bytes).map(|parsed| (parsed.reflection, parsed.newer))
    }
    fn id(record: &Reflection) -> &str {
        &record.id
    }
    fn teacher_id(record: &Reflection) -> &str {
        &record.teacher_id
    }
    fn format(record: &Reflection) -> u32 {
        record.format
    }
    fn stored(
        reflection: Reflection,
        path: PathBuf,
        read_only: Option<String>,
    ) -> StoredReflection {
        StoredReflection {
            reflection,
            path,
            read_only,
        }
    }
    fn record(stored: &StoredReflection) -> &Reflection {
        &stored.reflection
    }
    fn path(stored: &StoredReflection) -> &Path {
        &stored.path
    }
    fn read_only(stored: &StoredReflection) -> Option<&str> {
        stored.read_only.as_deref()
    }
}

impl Kind for Sessions {
    type Record = CoachSession;
    type Stored = StoredSession;
    const RECORD: Record = Record::Session;
    const WHAT: &'static str = "coaching session";
    const FORMAT: u32 = SESSION_FORMAT;

    fn folder(store: &Store) -> PathBuf {
        store.sessions_dir()
    }
    fn trash_folder(store: &Store) -> PathBuf {
        store.trashed_sessions_dir()
    }
    fn file(store: &Store, id: &str) -> Result<PathBuf, StoreError> {
        store.session_path(id)
    }
    fn trashed_file(store: &Store, id: &str) -> Result<PathBuf, StoreError> {
        store.trashed_session_path(id)
    }
    fn parse(bytes: &[u8]) -> Result<(CoachSession, Option<u64>), Failure> {
        parse::session(bytes)
    }
    fn id(record: &CoachSession) -> &str {
        &record.id
    }
    fn teacher_id(record: &CoachSession) -> &str {
        &record.teacher_id
    }
    fn format(record: &CoachSession) -> u32 {
        record.format
    }
    fn stored(session: CoachSession, path: PathBuf, read_only: Option<String>) -> StoredSession {
        StoredSession {
            session,
            path,
            read_only,
        }
    }
    fn record(stored: &StoredSession) -> &CoachSession {
        &stored.session
    }
    fn path(stored: &StoredSession) -> &Path {
        &stored.path
    }
    fn read_only(stored: &StoredSession) -> Option<&str> {
        stored.read_only.as_deref()
    }
}

impl Store {
    /// Reads one record. A file from a newer version loads read-only; a
    /// damaged one is an error that says what is wrong.
    pub(super) fn load_one<K: Kind>(&self, id: &str) -> Result<K::Stored, StoreError> {
        let path = K::file(self, id)?;
        let (stored, problem) = load_file::<K>(&path, self.seal());
        self.remember(|p| p == path, problem.as_slice());
        match (stored, problem) {
            (Some(stored), _) => Ok(stored),
            (None, Some(problem)) => Err(StoreError::refused(problem)),
            (None, None) => Err(StoreError::NotFound {
                what: K::RECORD,
                path,
            }),
        }
    }

    /// Every record in the kind's folder, remembering which may not be written.
    pub(super) fn load_all<K: Kind>(&self) -> (Vec<K::Stored>, Vec<DataProblem>) {
        let dir = K::folder(self);
        let result = load_folder::<K>(&dir, self.seal());
        self.remember(|path| path.parent() == Some(&dir), &result.1);
        result
    }

    /// Where `record` is saved, once every check before a save has passed: the
    /// store is writable, the id is a safe file name, the record is not from a
    /// newer version (`what` names it in that refusal), the file on disk is
    /// current, readable and holds the same id, and a new record is not in the trash.
    pub(super) fn save_target<K: Kind>(
        &self,
        record: &K::Record,
        what: &str,
    ) -> Result<PathBuf, StoreError> {
        self.writable()?;
        let id = K::id(record);
        let path = K::file(self, id)?;
        refuse_newer_format(&path, what, K::format(record), K::FORMAT)?;
        self.check_not_refused(&path)?;
        if !self.guard_file::<K>(&path, id)? {
            refuse_if_in_trash(K::RECORD, K::trashed_file(self, id)?)?;
        }
        Ok(path)
    }

    /// The file of record `id`, if it may be moved or replaced: the store is
    /// writable and the file is there, readable, current and holds `id`.
    pub(super) fn movable_file<K: Kind>(&self, id: &str) -> Result<PathBuf, StoreError> {
        self.writable()?;
        let path = K::file(self, id)?;
        self.check_not_refused(&path)?;
        if !self.guard_file::<K>(&path, id)? {
            return Err(StoreError::NotFound {
                what: K::RECORD,
                path,
            });
        }
        Ok(path)
    }

    /// Moves record `id` (and its `.bak` and history) to the trash. A damaged
    /// or newer file is not moved.
    pub(super) fn trash<K: Kind>(&self, id: &str) -> Result<(), StoreError> {
        let path = self.movable_file::<K>(id)?;
        let trashed = K::trashed_file(self, id)?;
        // The history goes first: it is one folder, easily put back if the record cannot follow.
        let history = self.history_to_trash(id, &path)?;
        let moved = move_to_trash(
            self.disk(),
            &path,
            &trashed,
            &K::trash_folder(self),
            &K::folder(self),
        );
        if moved.is_err() {
            self.put_history_back(history);
        }
        moved
    }

    /// Moves record `id` (and its `.bak` and history) back from the trash.
    /// Refused if one with the same id exists.
    pub(super) fn restore<K: Kind>(&self, id: &str) -> Result<(), StoreError> {
        self.writable()?;
        let path = K::file(self, id)?;
        let (dir, trash_dir) = (K::folder(self), K::trash_folder(self));
        let trashed = K::trashed_file(self, id)?;
        // Refused before anything moves, the history included.
        if !trashed.exists() {
            return Err(StoreError::NotFound {
                what: K::RECORD,
                path: trashed,
            });
        }
        if path.exists() {
            return Err(StoreError::AlreadyExists {
                what: K::RECORD,
                path,
            });
        }
        let history = self.history_from_trash(id, &path)?;
        let restored =
            move_out_of_trash(self.disk(), K::RECORD, &trashed, &path, &dir).and_then(|()| {
                self.remember(|p| p == path, &[]);
                finish_restore(self.disk(), &trashed, &path, &[&dir, &trash_dir])
            });
        if restored.is_err() {
            self.put_history_back(history);
        }
        restored
    }

    /// Checks the file already at `path` before it is replaced or moved.
    /// `Ok(false)` if there is none; an error if it is damaged, from a newer
    /// version, or holds another id.
    pub(super) fn guard_file<K: Kind>(&self, path: &Path, id: &str) -> Result<bool, StoreError> {
        let problem = match parse::read(path, self.seal()) {
            Ok(None) => return Ok(false),
            Ok(Some(bytes)) => match K::parse(&bytes) {
                Ok((held, newer)) => read_only_state(path, K::id(&held), newer).1,
                Err(failure) => Some(failure.into_problem(path)),
            },
            // The disk did not answer (EIO, a folder that is not there): nothing
            // is known of the content, so the file is not marked as refused and
            // the next save tries again once the disk answers.
            Err(failure) => return Err(StoreError::refused(failure.into_problem(path))),
        };
        // The id given was checked to match the file name, so a mismatch shows up as NameMismatch.
        debug_assert!(path.file_stem().is_some_and(|stem| stem == id));
        match problem {
            None => Ok(true),
            Some(problem) => {
                self.remember(|p| p == path, std::slice::from_ref(&problem));
                Err(StoreError::refused(problem))
            }
        }
    }
}

/// Every record file in `dir`, with the problems of those that cannot be used. A missing folder has none.
pub(super) fn load_folder<K: Kind>(dir: &Path, seal: &Seal) -> (Vec<K::Stored>, Vec<DataProblem>) {
    let files = match record_files(dir) {
        Ok(files) => files,
        Err(problem) => return (Vec::new(), vec![problem]),
    };
    let mut records = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for (stored, problem) in par_map(&files, |path| load_file::<K>(path, seal)) {
        records.extend(stored);
        problems.extend(problem);
    }
    (records, problems)
}

/// Reads record `id` in the trash: a damaged one is an error that says what is wrong.
pub(super) fn load_trashed_file<K: Kind>(store: &Store, id: &str) -> Result<K::Stored, StoreError> {
    let path = K::trashed_file(store, id)?;
    match load_file::<K>(&path, store.seal()) {
        (Some(stored), _) => Ok(stored),
        (None, Some(problem)) => Err(StoreError::refused(problem)),
        (None, None) => Err(StoreError::NotFound {
            what: K::RECORD,
            path,
        }),
    }
}

/// One record file: the record if it could be read, and a problem if it has one.
/// Both come back for a file that is readable but may not be written.
fn load_file<K: Kind>(path: &Path, seal: &Seal) -> (Option<K::Stored>, Option<DataProblem>) {
    let parsed = match parse::read(path, seal) {
        Ok(None) => return (None, None),
        Ok(Some(bytes)) => K::parse(&bytes),
        Err(failure) => Err(failure),
    };
    match parsed {
        Ok((record, newer)) => {
            let (read_only, problem) = read_only_state(path, K::id(&record), newer);
            (
                Some(K::stored(record, path.to_path_buf(), read_only)),
                problem,
            )
        }
        Err(failure) => (None, Some(failure.into_problem(path))),
    }
}

/// Whether a readable record file may be written, and the problem if not.
pub(super) fn read_only_state(
    path: &Path,
    id: &str,
    newer: Option<u64>,
) -> (Option<String>, Option<DataProblem>) {
    if let Some(format) = newer {
        let reason = parse::newer_reason(format);
        return (
            Some(reason.clone()),
            Some(DataProblem::new(path, ProblemKind::NewerFormat, reason)),
        );
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy());
    if stem.as_deref() != Some(id) {
        let message = format!(
            "the file name says {:?} but the id inside it is {id:?}",
            stem.unwrap_or_default()
        );
        let reason = "its file name does not match the id inside it; opened read-only".to_owned();
        return (
            Some(reason),
            Some(DataProblem::new(path, ProblemKind::NameMismatch, message)),
        );
    }
    (None, None)
}

/// The bytes to save for `record`, checked to read back as the same record.
pub(super) fn checked_bytes<K: Kind>(
    record: &K::Record,
    path: &Path,
) -> Result<Vec<u8>, StoreError> {
    let bytes = to_json(record, path)?;
    // Never write what could not be read back (for example, an `extra` field
    // that repeats a known field's name would make the file unreadable).
    match K::parse(&bytes) {
        Ok((parsed, _)) if parsed == *record => Ok(bytes),
        Ok(_) => Err(unsavable(path, "it reads back differently")),
        Err(failure) => Err(unsavable(path, &failure.message)),
    }
}

pub(super) fn to_json(value: &impl Serialize, path: &Path) -> Result<Vec<u8>, StoreError> {
    let mut bytes =
        serde_json::to_vec_pretty(value).map_err(|e| unsavable(path, &e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

pub(super) fn unsavable(path: &Path, why: &str) -> StoreError {
    StoreError::Write {
        path: path.to_path_buf(),
        cause: io::Error::other(format!(
            "the new content would not read back correctly ({why}), which is a bug in PL Reflect; please report it"
        )),
    }
}

/// Refuses to save something made by a newer version of the app, which this
/// version could only write back with parts missing.
pub(super) fn refuse_newer_format(
    path: &Path,
    what: &str,
    format: u32,
    known: u32,
) -> Result<(), StoreError> {
    if format <= known {
        return Ok(());
    }
    let message = format!(
        "{what} was made by a newer version of PL Reflect (format {format}), so this version does not save it"
    );
    Err(StoreError::refused(DataProblem::new(
        path,
        ProblemKind::NewerFormat,
        message,
    )))
}
