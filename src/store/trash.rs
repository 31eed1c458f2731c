//! The trash as a place of its own: what it holds, a record read back from
//! it, and removing for good, which is the one change the store makes that
//! cannot be undone, and so is only ever made when the person asks for it.
//!
//! ```text
//! DATA/trash/<id>.json              deleted reflections (and their .bak)
//! DATA/trash/sessions/<id>.json     deleted sessions
//! DATA/trash/history/<id>/          the earlier versions of each
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::conflicts::record_files;
use super::history::Removed;
use super::paths::backup_path;
use super::records::{Kind, Reflections, Sessions, load_trashed_file};
use super::{
    DataProblem, Record, ReflectionHeader, Store, StoreError, StoredReflection, StoredSession,
};

/// What the trash holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrashContents {
    /// Deleted reflections, as listed (without their answers' text).
    pub reflections: Vec<ReflectionHeader>,
    /// Deleted sessions.
    pub sessions: Vec<StoredSession>,
    /// Files in the trash that could not be read: kept, and removed only by emptying it.
    pub problems: Vec<DataProblem>,
    /// How many earlier versions each record in the trash has, by id.
    pub versions: HashMap<String, usize>,
    /// Everything emptying the trash would remove.
    pub everything: Removed,
}

impl Store {
    /// What the trash holds. Changes nothing.
    pub fn trash_contents(&self) -> TrashContents {
        let (reflections, mut problems) = self.list_trash();
        let (sessions, session_problems) = self.list_trashed_sessions();
        problems.extend(session_problems);
        let ids = reflections
            .iter()
            .map(|h| h.id.as_str())
            .chain(sessions.iter().map(|s| s.session.id.as_str()));
        let versions = ids
            .map(|id| {
                let count = self
                    .trashed_history_dir(id)
                    .map_or(0, |dir| count_files(&dir));
                (id.to_owned(), count)
            })
            .collect();
        TrashContents {
            reflections,
            sessions,
            problems,
            versions,
            everything: self.tally_trash(),
        }
    }

    /// Reads one reflection in the trash, to look at it before restoring it.
    pub fn load_trashed_reflection(&self, id: &str) -> Result<StoredReflection, StoreError> {
        load_trashed_file::<Reflections>(self, id)
    }

    /// Reads one session in the trash.
    pub fn load_trashed_session(&self, id: &str) -> Result<StoredSession, StoreError> {
        load_trashed_file::<Sessions>(self, id)
    }

    /// Removes a reflection in the trash for good: its file, its `.bak` and its
    /// earlier versions. This cannot be undone. Refused if it is not in the trash.
    pub fn remove_reflection_for_good(&self, id: &str) -> Result<Removed, StoreError> {
        self.remove_for_good::<Reflections>(id)
    }

    /// Removes a session in the trash for good, as [`Store::remove_reflection_for_good`] does.
    pub fn remove_session_for_good(&self, id: &str) -> Result<Removed, StoreError> {
        self.remove_for_good::<Sessions>(id)
    }

    /// Removes everything in the trash for good: every deleted reflection and
    /// session with its earlier versions, older copies replaced there, and
    /// sync conflict copies put there. This cannot be undone.
    pub fn empty_trash(&self) -> Result<Removed, StoreError> {
        self.writable()?;
        let mut removed = Removed::default();
        for (folder, session) in [
            (self.trash_dir(), false),
            (self.trashed_sessions_dir(), true),
        ] {
            let files = record_files(&folder).map_err(StoreError::refused)?;
            for file in files {
                let id = file
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .filter(|id| crate::reflection::is_valid_reflection_id(id));
                let Some(id) = id else {
                    continue;
                };
                let one = if session {
                    self.remove_for_good::<Sessions>(id)?
                } else {
                    self.remove_for_good::<Reflections>(id)?
                };
                add(&mut removed, one);
            }
        }
        // What is left: older copies, conflict copies, histories of records
        // no longer there, files of other names.
        let rest = self.tally_trash();
        let trash = self.trash_dir();
        let entries = std::fs::read_dir(&trash)
            .map_err(|e| StoreError::io(&trash, "read the trash folder", e))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let result = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                self.remove_tree(&path)
            } else {
                self.disk().remove_file(&path)
            };
            result.map_err(|e| StoreError::io(&path, "remove it from the trash for good", e))?;
        }
        add(&mut removed, rest);
        Ok(removed)
    }

    fn remove_for_good<K: Kind>(&self, id: &str) -> Result<Removed, StoreError> {
        self.writable()?;
        let trashed = K::trashed_file(self, id)?;
        if !trashed.exists() {
            return Err(StoreError::NotFound {
                what: K::RECORD,
                path: trashed,
            });
        }
        let named = |e| StoreError::io(&trashed, "remove it from the trash for good", e);
        // The earlier versions first, the record last: until it goes, the
        // record is still there to be restored or removed again.
        let versions = self.remove_history_dir(&self.trashed_history_dir(id)?, &trashed)?;
        let backup = backup_path(&trashed);
        if backup.exists() {
            self.disk().remove_file(&backup).map_err(named)?;
        }
        self.disk().remove_file(&trashed).map_err(named)?;
        // Not flushed: a removal lost in a power cut leaves the file in the
        // trash, which holds nothing anyone needs to be safe.
        let (reflections, sessions) = match K::RECORD {
            Record::Session => (0, 1),
            _ => (1, 0),
        };
        Ok(Removed {
            reflections,
            sessions,
            versions,
            other_files: 0,
        })
    }

    /// Counts what the trash holds, as emptying it would remove it.
    fn tally_trash(&self) -> Removed {
        let trash = self.trash_dir();
        let records = |dir: &Path| record_files(dir).map_or(0, |f| f.len());
        let reflections = records(&trash);
        let sessions = records(&self.trashed_sessions_dir());
        let history = self.trashed_history_root();
        let versions = count_files(&history);
        let all = count_files(&trash);
        let backups = |dir: &Path| {
            std::fs::read_dir(dir).map_or(0, |entries| {
                entries
                    .flatten()
                    .filter(|e| {
                        let name = e.file_name();
                        let name = name.to_string_lossy();
                        name.ends_with(".json.bak")
                            && dir.join(name.trim_end_matches(".bak")).exists()
                    })
                    .count()
            })
        };
        let bak = backups(&trash) + backups(&self.trashed_sessions_dir());
        Removed {
            reflections,
            sessions,
            versions,
            other_files: all.saturating_sub(reflections + sessions + versions + bak),
        }
    }
}

fn add(total: &mut Removed, more: Removed) {
    total.reflections += more.reflections;
    total.sessions += more.sessions;
    total.versions += more.versions;
    total.other_files += more.other_files;
}

/// Every file in a folder and the folders in it. A missing folder has none.
fn count_files(dir: &Path) -> usize {
    let mut count = 0;
    let mut folders: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                folders.push(entry.path());
            } else {
                count += 1;
            }
        }
    }
    count
}
