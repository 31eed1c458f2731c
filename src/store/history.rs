//! Every version of every reflection and coaching session, kept beside it.
//!
//! ```text
//! DATA/history/<id>/20261122T130700.123Z.json            one version: the record's file as it was saved
//! DATA/history/<id>/20261122T130700.123Z.imported.json   the version an import brought in
//! DATA/trash/history/<id>/                               the versions of a record in the trash
//! ```
//!
//! The rules:
//! - a version is recorded by the save itself, before the record's file is
//!   replaced, whenever the content changes (the time of the change alone is
//!   not a change); so the autosave, the command line and imports all record
//!   them, and a save whose version could not be kept is not made;
//! - each version is a file of its own, written atomically and durably like
//!   every data file ([`super::atomic`]), readable by its owner only, and never
//!   written again: it is a complete record file that could be copied back;
//! - every version of the last 24 hours is kept; after that, the last version
//!   of each editing session (edits less than 10 minutes apart) is kept for
//!   ever, and so is the version an import brought in ([`versions_to_keep`]);
//! - a version that cannot be read is reported and kept, never removed, and
//!   never stops the record from being opened or saved;
//! - a record's history goes to the trash with it and comes back with it.

// Milliseconds since 1970 fit a u64 for some 500 million years.
#![allow(clippy::cast_possible_truncation)]

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::folder::par_map;
use super::moves::{move_keeping_existing, sync_dirs};
use super::paths::{TRASH_DIR, create_private_dir};
use super::problems::{Failure, ProblemKind};
use super::records::{Kind, Reflections, Sessions};
use super::vault::Seal;
use super::{DataProblem, LOCK_FILE, Store, StoreError, atomic, lock, parse};
use crate::clock::Timestamp;
use crate::reflection::Reflection;
use crate::session::CoachSession;

/// The folder of histories, in the data folder and in its trash.
pub const HISTORY_DIR: &str = "history";
/// Every version younger than this is kept.
pub const KEEP_EVERY_VERSION_FOR: Duration = Duration::from_hours(24);
/// Edits closer together than this belong to one editing session, of which
/// at least the last version is kept for ever.
pub const EDITING_SESSION_GAP: Duration = Duration::from_mins(10);
/// How often one record's history is looked at for versions past keeping
/// while it is being saved.
const PRUNE_EVERY: Duration = Duration::from_hours(1);

/// A source of the time in milliseconds since 1970. The store uses the
/// system's; tests and measurements give their own ([`Store::with_clock`]).
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// The system's time, in milliseconds since 1970.
pub fn system_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// How a version came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A save of the record (by the window, the command line, a restore).
    Saved,
    /// The record as an import brought it in. Kept for ever.
    Imported,
}

/// One version file, known from its name alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    /// The version's stable name: its file name without `.json`, such as
    /// `20261122T130700.123Z` or `20261122T130700.123Z.imported`.
    pub id: String,
    /// When it was saved, in milliseconds since 1970 (UTC).
    pub millis: u64,
    pub origin: Origin,
    pub path: PathBuf,
}

impl VersionInfo {
    /// The file name of a version saved at `millis`.
    pub fn file_name(millis: u64, origin: Origin) -> String {
        let suffix = match origin {
            Origin::Saved => "",
            Origin::Imported => ".imported",
        };
        format!("{}{suffix}.json", stamp(millis))
    }

    /// The version a file holds, if its name is a version's name.
    pub fn from_path(path: &Path) -> Option<VersionInfo> {
        let name = path.file_name()?.to_str()?;
        let id = name.strip_suffix(".json")?;
        let (time, origin) = match id.strip_suffix(".imported") {
            Some(time) => (time, Origin::Imported),
            None => (id, Origin::Saved),
        };
        Some(VersionInfo {
            id: id.to_owned(),
            millis: parse_stamp(time)?,
            origin,
            path: path.to_path_buf(),
        })
    }

    /// When it was saved, to the second.
    pub fn time(&self) -> Timestamp {
        Timestamp::from_unix(self.millis / 1000)
    }
}

/// `20261122T130700.123Z`: sortable, readable, and safe in file names on every system.
fn stamp(millis: u64) -> String {
    let seconds: String = Timestamp::from_unix(millis / 1000)
        .0
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'T')
        .collect();
    format!("{seconds}.{:03}Z", millis % 1000)
}

fn parse_stamp(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        text.get(range.clone())
            .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
    };
    if b.len() != 20 || b[8] != b'T' || b[15] != b'.' || b[19] != b'Z' {
        return None;
    }
    let rfc3339 = format!(
        "{}-{}-{}T{}:{}:{}Z",
        digits(0..4)?,
        digits(4..6)?,
        digits(6..8)?,
        digits(9..11)?,
        digits(11..13)?,
        digits(13..15)?
    );
    let seconds = rfc3339.parse::<jiff::Timestamp>().ok()?.as_second();
    let millis: u64 = digits(16..19)?.parse().ok()?;
    u64::try_from(seconds).ok().map(|s| s * 1000 + millis)
}

/// Which versions to keep, for versions given oldest first as (time in
/// milliseconds, whether it is kept for ever), at `now`: every version
/// younger than [`KEEP_EVERY_VERSION_FOR`], every one kept for ever, and
/// the last version of each editing session (versions less than
/// [`EDITING_SESSION_GAP`] apart). Keeping only those never joins two
/// sessions into one, so the rule gives the same answer when applied again.
pub fn versions_to_keep(versions: &[(u64, bool)], now: u64) -> Vec<bool> {
    let keep_all = KEEP_EVERY_VERSION_FOR.as_millis() as u64;
    let gap = EDITING_SESSION_GAP.as_millis() as u64;
    versions
        .iter()
        .enumerate()
        .map(|(index, &(millis, pinned))| {
            let recent = now.saturating_sub(millis) < keep_all;
            let last_of_session = versions
                .get(index + 1)
                .is_none_or(|&(next, _)| next.saturating_sub(millis) >= gap);
            pinned || recent || last_of_session
        })
        .collect()
}

/// One earlier version of a record, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Version<R> {
    pub info: VersionInfo,
    pub record: R,
    /// Why this version may not be brought back, if it may not (it was made by
    /// a newer version of PL Reflect).
    pub read_only: Option<String>,
}

/// A record's history, oldest version first, with the version files that
/// could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct History<R> {
    pub dir: PathBuf,
    /// Whether the record, and so its history, is in the trash.
    pub in_trash: bool,
    pub versions: Vec<Version<R>>,
    /// Version files that could not be read: reported, and kept as they are.
    pub problems: Vec<DataProblem>,
    /// Every version file, read or not, oldest first.
    pub listed: Vec<VersionInfo>,
}

impl<R> History<R> {
    /// The version a person named: by its name (`20261122T130700.123Z`, with
    /// or without `.imported`), or by its number in the list (1 is the oldest).
    pub fn find(&self, wanted: &str) -> Option<&Version<R>> {
        let wanted = wanted.trim();
        if let Ok(number) = wanted.parse::<usize>() {
            return number.checked_sub(1).and_then(|i| self.versions.get(i));
        }
        let wanted = wanted.strip_suffix(".json").unwrap_or(wanted);
        self.versions
            .iter()
            .find(|v| v.info.id == wanted || v.info.id.strip_suffix(".imported") == Some(wanted))
    }
}

/// The reflections and sessions removed from the trash for good.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    pub reflections: usize,
    pub sessions: usize,
    /// Earlier versions that went with them.
    pub versions: usize,
    /// Other files the trash held (older copies replaced there, sync conflict copies).
    pub other_files: usize,
}

/// "2 reflections, 1 session and 37 earlier versions".
impl fmt::Display for Removed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = crate::words::plural;
        let mut parts = Vec::new();
        if self.reflections > 0 {
            parts.push(plural(self.reflections, "reflection", "reflections"));
        }
        if self.sessions > 0 {
            parts.push(plural(self.sessions, "session", "sessions"));
        }
        if self.versions > 0 {
            parts.push(plural(self.versions, "earlier version", "earlier versions"));
        }
        if self.other_files > 0 {
            parts.push(plural(self.other_files, "other file", "other files"));
        }
        match parts.len() {
            0 => f.write_str("nothing"),
            1 => f.write_str(&parts[0]),
            _ => {
                let last = parts.pop().unwrap_or_default();
                write!(f, "{} and {last}", parts.join(", "))
            }
        }
    }
}

/// What the store remembers of each record's newest version while it is open.
#[derive(Debug, Clone, Default)]
struct Latest {
    /// The newest version's content without its `updated` time, when it could be read.
    key: Option<Vec<u8>>,
    /// The newest version's time, so that the next one comes after it.
    millis: u64,
    /// Whether the history holds any version at all.
    any: bool,
    /// When versions past keeping were last looked for.
    pruned_at: Option<u64>,
}

/// The history part of a [`Store`]: its clock and what it remembers of each
/// record's newest version.
pub(super) struct HistoryState {
    clock: Clock,
    latest: Mutex<HashMap<String, Latest>>,
}

impl Default for HistoryState {
    fn default() -> Self {
        HistoryState {
            clock: Arc::new(system_millis),
            latest: Mutex::new(HashMap::new()),
        }
    }
}

impl fmt::Debug for HistoryState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HistoryState").finish_non_exhaustive()
    }
}

impl HistoryState {
    fn latest(&self) -> MutexGuard<'_, HashMap<String, Latest>> {
        self.latest.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Forgets what was known of a record's history (it moved, or went).
    fn forget(&self, id: &str) {
        self.latest().remove(id);
    }
}

/// A record's content without its top-level `updated` line, so that a save
/// that changes only the time is no change. Record files are written
/// pretty-printed, where a top-level key is indented by exactly two spaces.
fn content_key(bytes: &[u8]) -> Vec<u8> {
    const NEEDLE: &[u8] = b"\n  \"updated\": ";
    let Some(start) = bytes.windows(NEEDLE.len()).position(|w| w == NEEDLE) else {
        return bytes.to_vec();
    };
    let end = bytes[start + 1..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |n| start + 1 + n);
    let mut key = bytes[..start].to_vec();
    key.extend_from_slice(&bytes[end..]);
    key
}

/// The version files in `dir`, oldest first. A missing folder has none.
fn version_files(dir: &Path) -> Result<Vec<VersionInfo>, DataProblem> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(Failure::unreadable(format!(
                "this history folder could not be read ({error})"
            ))
            .into_problem(dir));
        }
    };
    let mut found: Vec<VersionInfo> = entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| VersionInfo::from_path(&entry.path()))
        .collect();
    found.sort_by(|a, b| (a.millis, &a.id).cmp(&(b.millis, &b.id)));
    Ok(found)
}

/// Reads one version of record `id`.
fn read_version<K: Kind>(
    info: &VersionInfo,
    id: &str,
    seal: &Seal,
) -> Result<Version<K::Record>, DataProblem> {
    let bytes = match parse::read(&info.path, seal) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(DataProblem::new(
                &info.path,
                ProblemKind::Unreadable,
                "this earlier version went while it was being read",
            ));
        }
        Err(failure) => return Err(history_problem(failure, &info.path)),
    };
    let (record, newer) = K::parse(&bytes).map_err(|f| history_problem(f, &info.path))?;
    if K::id(&record) != id {
        return Err(DataProblem::new(
            &info.path,
            ProblemKind::NameMismatch,
            format!(
                "this earlier version is kept with {id:?} but holds {:?}",
                K::id(&record)
            ),
        ));
    }
    Ok(Version {
        info: info.clone(),
        record,
        read_only: newer.map(parse::newer_reason),
    })
}

/// A problem with a version file, which says that it is kept.
fn history_problem(failure: Failure, path: &Path) -> DataProblem {
    let mut problem = failure.into_problem(path);
    // A version has no .bak: it is never written over.
    problem.backup = None;
    if problem.kind == ProblemKind::Unreadable {
        problem.message = format!(
            "this earlier version could not be read ({}); it is kept as it is, and the reflection or session itself is not affected",
            problem.message
        );
    }
    problem
}

/// Whether a history belongs to a session: its record is a session, or, with
/// no record beside it, its id says so.
fn is_session_history(store: &Store, id: &str) -> bool {
    let exists = |path: Result<PathBuf, StoreError>| path.is_ok_and(|p| p.exists());
    if exists(store.reflection_path(id)) || exists(store.trashed_path(id)) {
        return false;
    }
    exists(store.session_path(id)) || exists(store.trashed_session_path(id)) || id.starts_with("s-")
}

impl Store {
    /// This store, with `clock` (milliseconds since 1970) telling the time of
    /// each version, so that tests and measurements can play days and years.
    #[must_use]
    pub fn with_clock(mut self, clock: Clock) -> Store {
        self.history.clock = clock;
        self
    }

    /// Forgets what is known of record `id`'s newest version, so that the next
    /// save reads its history from the disk again.
    pub(super) fn forget_history(&self, id: &str) {
        self.history.forget(id);
    }

    fn now_millis(&self) -> u64 {
        (self.history.clock)()
    }

    /// `DATA/history`.
    pub fn history_root(&self) -> PathBuf {
        self.dir.join(HISTORY_DIR)
    }

    /// `DATA/trash/history`.
    pub fn trashed_history_root(&self) -> PathBuf {
        self.dir.join(TRASH_DIR).join(HISTORY_DIR)
    }

    /// `DATA/history/<id>`, once the id is known to be a safe file name.
    pub fn history_dir(&self, id: &str) -> Result<PathBuf, StoreError> {
        check_id(id)?;
        Ok(self.history_root().join(id))
    }

    /// `DATA/trash/history/<id>`, once the id is known to be a safe file name.
    pub fn trashed_history_dir(&self, id: &str) -> Result<PathBuf, StoreError> {
        check_id(id)?;
        Ok(self.trashed_history_root().join(id))
    }

    /// Every version of reflection `id`, oldest first; from the trash if the
    /// reflection is there. Version files that cannot be read are in
    /// [`History::problems`]; they never stop the others from being read.
    pub fn reflection_history(&self, id: &str) -> Result<History<Reflection>, StoreError> {
        self.read_history::<Reflections>(id, |_| false)
    }

    /// Every version of session `id`, as [`Store::reflection_history`] reads a reflection's.
    pub fn session_history(&self, id: &str) -> Result<History<CoachSession>, StoreError> {
        self.read_history::<Sessions>(id, |_| false)
    }

    /// [`Store::reflection_history`], reading only the versions whose names
    /// `known` does not hold (a version file never changes, so one read
    /// before need not be read again). [`History::listed`] names them all.
    pub fn reflection_history_since(
        &self,
        id: &str,
        known: &std::collections::HashSet<String>,
    ) -> Result<History<Reflection>, StoreError> {
        self.read_history::<Reflections>(id, |info| known.contains(&info.id))
    }

    /// [`Store::session_history`], reading only the versions `known` does not name.
    pub fn session_history_since(
        &self,
        id: &str,
        known: &std::collections::HashSet<String>,
    ) -> Result<History<CoachSession>, StoreError> {
        self.read_history::<Sessions>(id, |info| known.contains(&info.id))
    }

    /// How many versions record `id` has (in the trash, if it is there).
    pub fn version_count(&self, id: &str) -> usize {
        let count = |dir: Result<PathBuf, StoreError>| {
            dir.ok()
                .and_then(|d| version_files(&d).ok())
                .map_or(0, |v| v.len())
        };
        match count(self.history_dir(id)) {
            0 => count(self.trashed_history_dir(id)),
            n => n,
        }
    }

    fn read_history<K: Kind>(
        &self,
        id: &str,
        known: impl Fn(&VersionInfo) -> bool,
    ) -> Result<History<K::Record>, StoreError> {
        let live = self.history_dir(id)?;
        let trashed = self.trashed_history_dir(id)?;
        let in_trash = !live.is_dir() && trashed.is_dir();
        let dir = if in_trash { trashed } else { live };
        let (infos, mut problems) = match version_files(&dir) {
            Ok(infos) => (infos, Vec::new()),
            Err(problem) => (Vec::new(), vec![problem]),
        };
        let unread: Vec<VersionInfo> = infos.iter().filter(|i| !known(i)).cloned().collect();
        let mut versions = Vec::with_capacity(unread.len());
        for read in par_map(&unread, |info| read_version::<K>(info, id, self.seal())) {
            match read {
                Ok(version) => versions.push(version),
                Err(problem) => problems.push(problem),
            }
        }
        Ok(History {
            dir,
            in_trash,
            versions,
            problems,
            listed: infos,
        })
    }

    /// Keeps `bytes`, the new content of record `id` about to be saved to
    /// `main`, as a version in its history, unless it holds what the newest
    /// version holds. Called by every save before the record's file is
    /// replaced: if the version cannot be kept, the save is not made.
    ///
    /// A record that has no history yet first gets the file as it is on disk
    /// (its state before history was kept) as its first version.
    pub(super) fn record_version<K: Kind>(
        &self,
        id: &str,
        bytes: &[u8],
        main: &Path,
        origin: Origin,
    ) -> Result<(), StoreError> {
        let dir = self.history_dir(id)?;
        let now = self.now_millis();
        let mut known = self.history.latest();
        let latest = match known.get(id) {
            Some(latest) => latest.clone(),
            None => read_latest(&dir, self.seal()),
        };
        let key = content_key(bytes);
        if origin == Origin::Saved && latest.key.as_deref() == Some(key.as_slice()) {
            return Ok(());
        }
        let failed = |path: &Path, cause: io::Error| StoreError::History {
            record: main.to_path_buf(),
            path: path.to_path_buf(),
            cause,
        };
        self.make_history_dir(&dir)
            .map_err(|cause| failed(&dir, cause))?;
        let mut last = latest.millis;
        if !latest.any
            && let Ok(Some(found)) = parse::read(main, self.seal())
            && content_key(&found) != key
        {
            // The record as it was before its history began: when its file was last written.
            let written = std::fs::metadata(main)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(now, |d| d.as_millis() as u64);
            let (path, millis) =
                free_version_path(&dir, written.min(now.saturating_sub(1)), Origin::Saved);
            if let Err(cause) = atomic::write_on(self.disk(), &path, &found) {
                known.remove(id);
                return Err(failed(&path, cause));
            }
            last = last.max(millis);
        }
        let (path, millis) = free_version_path(&dir, now.max(last + 1), origin);
        if let Err(cause) = atomic::write_on(self.disk(), &path, bytes) {
            // What is on disk is no longer known for sure: read it next time.
            known.remove(id);
            return Err(failed(&path, cause));
        }
        let prune_every = PRUNE_EVERY.as_millis() as u64;
        let prune = latest
            .pruned_at
            .is_none_or(|at| now.saturating_sub(at) >= prune_every);
        known.insert(
            id.to_owned(),
            Latest {
                key: Some(key),
                millis,
                any: true,
                pruned_at: if prune { Some(now) } else { latest.pruned_at },
            },
        );
        drop(known);
        if prune {
            // Best effort: a version that could not be removed is simply kept.
            self.prune_dir::<K>(&dir, now);
        }
        Ok(())
    }

    /// Makes `DATA/history/<id>` if it is not there, durably.
    fn make_history_dir(&self, dir: &Path) -> io::Result<()> {
        if dir.is_dir() {
            return Ok(());
        }
        let root = self.history_root();
        let root_is_new = !root.is_dir();
        create_private_dir(dir)?;
        if root_is_new {
            self.disk().sync_dir(&self.dir)?;
        }
        self.disk().sync_dir(&root)
    }

    /// Removes the versions of one history that are past keeping
    /// ([`versions_to_keep`]) and temporary files left by interrupted saves.
    /// A version that cannot be read is kept. Returns how many were removed.
    fn prune_dir<K: Kind>(&self, dir: &Path, now: u64) -> usize {
        if self.writable().is_err() {
            return 0;
        }
        // Only the lock holder saves, and its saves into this folder happen
        // one after another: any other temporary file is a leftover.
        for temp in atomic::temp_files(dir) {
            if !atomic::is_own_temp(&temp) {
                let _ = std::fs::remove_file(temp);
            }
        }
        let Ok(infos) = version_files(dir) else {
            return 0;
        };
        let times: Vec<(u64, bool)> = infos
            .iter()
            .map(|v| (v.millis, v.origin == Origin::Imported))
            .collect();
        let keep = versions_to_keep(&times, now);
        let mut removed = 0;
        for (info, keep) in infos.iter().zip(keep) {
            let readable = matches!(parse::read(&info.path, self.seal()), Ok(Some(bytes)) if K::parse(&bytes).is_ok());
            if !keep && readable && self.disk().remove_file(&info.path).is_ok() {
                removed += 1;
            }
        }
        if removed > 0 {
            let _ = self.disk().sync_dir(dir);
        }
        removed
    }

    /// Removes the versions past keeping from every history in the data
    /// folder (not the trash's), as [`Store::record_version`] does for the
    /// record it saves. Returns how many were removed. The window does this
    /// once after opening, off its thread, so a record not edited again
    /// still loses the versions past keeping.
    pub fn prune_history(&self) -> usize {
        if self.writable().is_err() {
            return 0;
        }
        let now = self.now_millis();
        let Ok(entries) = std::fs::read_dir(self.history_root()) else {
            return 0;
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let Some(id) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            let Ok(dir) = self.history_dir(&id) else {
                continue;
            };
            if !dir.is_dir() {
                continue;
            }
            removed += if is_session_history(self, &id) {
                self.prune_dir::<Sessions>(&dir, now)
            } else {
                self.prune_dir::<Reflections>(&dir, now)
            };
            if let Some(latest) = self.history.latest().get_mut(&id) {
                latest.pruned_at = Some(now);
            }
        }
        removed
    }

    /// Moves record `id`'s history to the trash, ahead of the record itself.
    /// Returns where it went, to put it back if the record cannot follow.
    /// Errors name `record`, the record's own file.
    pub(super) fn history_to_trash(
        &self,
        id: &str,
        record: &Path,
    ) -> Result<Option<(PathBuf, PathBuf)>, StoreError> {
        let from = self.history_dir(id)?;
        if !from.is_dir() {
            return Ok(None);
        }
        let to = self.trashed_history_dir(id)?;
        let root = self.trashed_history_root();
        self.move_history(
            &from,
            &to,
            &root,
            record,
            "move its earlier versions to the trash",
        )
    }

    /// Moves record `id`'s history back from the trash, ahead of the record.
    /// A history already in its place is left alone, and so is this one then.
    pub(super) fn history_from_trash(
        &self,
        id: &str,
        record: &Path,
    ) -> Result<Option<(PathBuf, PathBuf)>, StoreError> {
        let from = self.trashed_history_dir(id)?;
        let to = self.history_dir(id)?;
        if !from.is_dir() || to.exists() {
            return Ok(None);
        }
        let root = self.history_root();
        self.move_history(
            &from,
            &to,
            &root,
            record,
            "bring its earlier versions back from the trash",
        )
    }

    fn move_history(
        &self,
        from: &Path,
        to: &Path,
        to_root: &Path,
        record: &Path,
        action: &'static str,
    ) -> Result<Option<(PathBuf, PathBuf)>, StoreError> {
        let named = |cause| StoreError::io(record, action, cause);
        create_private_dir(to_root).map_err(named)?;
        move_keeping_existing(self.disk(), from, to).map_err(|error| match error {
            StoreError::Io { cause, .. } => named(cause),
            other => other,
        })?;
        if let Some(id) = to.file_name().and_then(|n| n.to_str()) {
            self.history.forget(id);
        }
        let from_root = from.parent().unwrap_or(from);
        if let Err(error) = sync_dirs(self.disk(), &[to_root, from_root]) {
            let _ = std::fs::rename(to, from);
            return Err(match error {
                StoreError::Io { cause, .. } => named(cause),
                other => other,
            });
        }
        Ok(Some((from.to_path_buf(), to.to_path_buf())))
    }

    /// Puts back a history moved by [`Store::history_to_trash`] or
    /// [`Store::history_from_trash`], when its record could not follow. Best effort.
    pub(super) fn put_history_back(&self, moved: Option<(PathBuf, PathBuf)>) {
        if let Some((from, to)) = moved {
            let _ = std::fs::rename(&to, &from);
            if let Some(id) = from.file_name().and_then(|n| n.to_str()) {
                self.history.forget(id);
            }
        }
    }

    /// Removes a folder of earlier versions and everything in it, for good.
    /// Returns how many versions went.
    pub(super) fn remove_history_dir(
        &self,
        dir: &Path,
        record: &Path,
    ) -> Result<usize, StoreError> {
        if !dir.is_dir() {
            return Ok(0);
        }
        let named = |cause| StoreError::io(record, "remove its earlier versions", cause);
        let versions = version_files(dir).map_or(0, |v| v.len());
        for entry in std::fs::read_dir(dir).map_err(named)?.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                self.remove_tree(&path).map_err(named)?;
            } else {
                self.disk().remove_file(&path).map_err(named)?;
            }
        }
        self.disk().remove_dir(dir).map_err(named)?;
        if let Some(id) = dir.file_name().and_then(|n| n.to_str()) {
            self.history.forget(id);
        }
        Ok(versions)
    }

    /// Removes a folder and everything in it, each file through the disk.
    pub(super) fn remove_tree(&self, dir: &Path) -> io::Result<()> {
        for entry in std::fs::read_dir(dir)?.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                self.remove_tree(&path)?;
            } else {
                self.disk().remove_file(&path)?;
            }
        }
        self.disk().remove_dir(dir)
    }

    /// Every problem with the histories, in the data folder and its trash:
    /// versions that cannot be read, from a newer version, or holding another
    /// record, and temporary files left by interrupted saves. Part of [`Store::check`].
    pub(super) fn history_problems(&self) -> Vec<DataProblem> {
        let writer_elsewhere =
            !self.holds_lock() && lock::is_held_elsewhere(&self.dir.join(LOCK_FILE));
        let mut problems = Vec::new();
        for root in [self.history_root(), self.trashed_history_root()] {
            let Ok(entries) = std::fs::read_dir(&root) else {
                continue;
            };
            let mut dirs: Vec<PathBuf> = entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path())
                .collect();
            dirs.sort();
            for dir in dirs {
                let Some(id) = dir.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
                    continue;
                };
                let infos = match version_files(&dir) {
                    Ok(infos) => infos,
                    Err(problem) => {
                        problems.push(problem);
                        continue;
                    }
                };
                let session = is_session_history(self, &id);
                let found = par_map(&infos, |info| {
                    let (problem, newer) = if session {
                        match read_version::<Sessions>(info, &id, self.seal()) {
                            Ok(v) => (None, v.read_only),
                            Err(p) => (Some(p), None),
                        }
                    } else {
                        match read_version::<Reflections>(info, &id, self.seal()) {
                            Ok(v) => (None, v.read_only),
                            Err(p) => (Some(p), None),
                        }
                    };
                    problem.or_else(|| {
                        newer.map(|reason| {
                            DataProblem::new(&info.path, ProblemKind::NewerFormat, reason)
                        })
                    })
                });
                problems.extend(found.into_iter().flatten());
                let in_progress = |temp: &PathBuf| {
                    writer_elsewhere || (self.holds_lock() && atomic::is_own_temp(temp))
                };
                for temp in atomic::temp_files(&dir) {
                    if !in_progress(&temp) {
                        problems.push(DataProblem::new(
                            &temp,
                            ProblemKind::StrayTempFile,
                            "this is a temporary file from a save that was interrupted",
                        ));
                    }
                }
            }
        }
        problems
    }
}

/// What is known of the newest version in `dir`, read from the disk.
fn read_latest(dir: &Path, seal: &Seal) -> Latest {
    let infos = version_files(dir).unwrap_or_default();
    let Some(newest) = infos.last() else {
        return Latest::default();
    };
    let key = match parse::read(&newest.path, seal) {
        Ok(Some(bytes)) => Some(content_key(&bytes)),
        _ => None,
    };
    Latest {
        key,
        millis: newest.millis,
        any: true,
        pruned_at: None,
    }
}

/// A version file's path for a save at `millis` (or the first free
/// millisecond after it), with the millisecond taken.
fn free_version_path(dir: &Path, mut millis: u64, origin: Origin) -> (PathBuf, u64) {
    loop {
        let taken = [Origin::Saved, Origin::Imported]
            .iter()
            .any(|o| dir.join(VersionInfo::file_name(millis, *o)).exists());
        if !taken {
            return (dir.join(VersionInfo::file_name(millis, origin)), millis);
        }
        millis += 1;
    }
}

fn check_id(id: &str) -> Result<(), StoreError> {
    if crate::reflection::is_valid_reflection_id(id) {
        Ok(())
    } else {
        Err(StoreError::InvalidId {
            what: super::Record::File,
            id: id.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: u64 = 60 * 1000;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;

    #[test]
    fn version_names_sort_by_time_and_read_back() {
        let millis = 1_795_352_820_123; // 2026-11-22T13:07:00.123Z
        let name = VersionInfo::file_name(millis, Origin::Saved);
        assert_eq!(name, "20261122T130700.123Z.json");
        let info = VersionInfo::from_path(Path::new(&name)).unwrap();
        assert_eq!((info.millis, info.origin), (millis, Origin::Saved));
        assert_eq!(info.id, "20261122T130700.123Z");
        assert_eq!(info.time().0, "2026-11-22T13:07:00Z");
        let imported = VersionInfo::file_name(millis + 1, Origin::Imported);
        assert_eq!(imported, "20261122T130700.124Z.imported.json");
        let info = VersionInfo::from_path(Path::new(&imported)).unwrap();
        assert_eq!((info.millis, info.origin), (millis + 1, Origin::Imported));
        assert!(name < imported);
        for other in [
            "20261122T130700.123Z",
            "r-1.json",
            "20261122T130700Z.json",
            "20261322T130700.123Z.json",
            "2026112xT130700.123Z.json",
            ".20261122T130700.123Z.json.tmp-1-2",
        ] {
            assert_eq!(VersionInfo::from_path(Path::new(other)), None, "{other}");
        }
    }

    /// The versions kept of `times` (minutes from the start) at `now`.
    fn kept(times: &[u64], pinned: &[u64], now: u64) -> Vec<u64> {
        let versions: Vec<(u64, bool)> = times
            .iter()
            .map(|t| (t * MINUTE, pinned.contains(t)))
            .collect();
        versions_to_keep(&versions, now)
            .into_iter()
            .zip(times)
            .filter_map(|(keep, t)| keep.then_some(*t))
            .collect()
    }

    #[test]
    fn everything_of_the_last_day_is_kept() {
        let times: Vec<u64> = (0..60).collect();
        assert_eq!(kept(&times, &[], 60 * MINUTE), times);
        assert_eq!(
            kept(&times, &[], DAY - 1),
            times,
            "the oldest is not quite a day old"
        );
        // A day on, the first goes: the next came a minute after it, in the same session.
        assert_eq!(kept(&times, &[], DAY), times[1..]);
    }

    #[test]
    fn after_a_day_the_last_version_of_each_editing_session_is_kept_for_ever() {
        // Monday: 9:00 to 9:30 every 3 minutes; a pause; 11:00 to 11:20 every 5.
        // Tuesday 8:00: two edits 9 minutes apart (one session).
        let monday_a: Vec<u64> = (0..=10).map(|i| 9 * 60 + i * 3).collect();
        let monday_b: Vec<u64> = (0..=4).map(|i| 11 * 60 + i * 5).collect();
        let tuesday = [24 * 60 + 8 * 60, 24 * 60 + 8 * 60 + 9];
        let times: Vec<u64> = monday_a
            .iter()
            .chain(&monday_b)
            .chain(&tuesday)
            .copied()
            .collect();
        // Tuesday noon: Monday is more than a day old, Tuesday is not.
        let now = (24 * 60 + 12 * 60) * MINUTE;
        let mut expected = vec![9 * 60 + 30, 11 * 60 + 20];
        expected.extend(tuesday);
        assert_eq!(kept(&times, &[], now), expected);
        // A year later, still one version per session.
        let later = now + 365 * DAY;
        assert_eq!(
            kept(&times, &[], later),
            vec![9 * 60 + 30, 11 * 60 + 20, 24 * 60 + 8 * 60 + 9]
        );
        // Applying the rule again to what it kept keeps all of it.
        let once = kept(&times, &[], later);
        assert_eq!(kept(&once, &[], later + DAY), once);
    }

    #[test]
    fn an_imported_version_is_kept_for_ever() {
        let times = [0, 1, 2, 3];
        assert_eq!(kept(&times, &[0], 10 * DAY), vec![0, 3]);
    }

    #[test]
    fn versions_are_pruned_day_by_day_and_the_sessions_survive() {
        // Thirty days; on each, one session of 40 edits a minute apart at 16:00.
        let mut versions: Vec<u64> = Vec::new();
        for day in 0..30u64 {
            for minute in 0..40 {
                versions.push((day * 24 * 60 + 16 * 60 + minute) * MINUTE);
                // The rule is applied after every save, as the store does.
                let now = *versions.last().unwrap();
                let with_pins: Vec<(u64, bool)> = versions.iter().map(|&t| (t, false)).collect();
                let keep = versions_to_keep(&with_pins, now);
                versions = versions
                    .iter()
                    .zip(keep)
                    .filter_map(|(t, k)| k.then_some(*t))
                    .collect();
            }
        }
        // The last day whole, and the last edit of each of the 29 days before.
        assert_eq!(versions.len(), 29 + 40);
        for day in 0..29u64 {
            assert!(versions.contains(&((day * 24 * 60 + 16 * 60 + 39) * MINUTE)));
        }
    }

    #[test]
    fn a_version_from_the_future_is_kept() {
        assert_eq!(kept(&[0, 1, 5000], &[], 10 * MINUTE), vec![0, 1, 5000]);
    }

    #[test]
    fn the_content_key_leaves_out_only_the_top_level_updated_time() {
        let a = b"{\n  \"id\": \"r-1\",\n  \"updated\": \"2026-01-01T00:00:00Z\",\n  \"answers\": {\n    \"x\": {\n      \"updated\": 1\n    }\n  }\n}\n";
        let b = b"{\n  \"id\": \"r-1\",\n  \"updated\": \"2026-02-02T00:00:00Z\",\n  \"answers\": {\n    \"x\": {\n      \"updated\": 1\n    }\n  }\n}\n";
        let c = b"{\n  \"id\": \"r-1\",\n  \"updated\": \"2026-02-02T00:00:00Z\",\n  \"answers\": {\n    \"x\": {\n      \"updated\": 2\n    }\n  }\n}\n";
        assert_eq!(content_key(a), content_key(b));
        assert_ne!(content_key(b), content_key(c));
        assert_eq!(content_key(b"{}"), b"{}");
    }

    #[test]
    fn removed_counts_read_as_words() {
        let removed = Removed {
            reflections: 2,
            sessions: 1,
            versions: 37,
            other_files: 0,
        };
        assert_eq!(
            removed.to_string(),
            "2 reflections, 1 session and 37 earlier versions"
        );
        assert_eq!(Removed::default().to_string(), "nothing");
    }
}
