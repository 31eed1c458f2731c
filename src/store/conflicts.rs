//! Copies that sync services make when two computers change a file at once.
//!
//! A notebook kept in a Dropbox, `OneDrive`, Google Drive, Nextcloud or
//! Syncthing folder can end up with both versions of a reflection side by
//! side: `R.json` and, say, `R (conflicted copy 2026-12-01).json`. Such a copy
//! is not a reflection of its own: it is a conflict of `R`, listed by
//! [`Store::conflicts`] and `check`, and never changed, moved or deleted. The
//! teacher compares the two answer by answer ([`answer_differences`]) and
//! keeps what they want.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use super::folder::all_json_files;
use super::problems::ProblemKind;
use super::{DataProblem, Record, Store, StoreError, parse};
use crate::reflection::{Answer, Reflection, is_valid_reflection_id};

/// A sync service's copy of a reflection or session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictCopy {
    /// The id of the reflection or session it is a copy of.
    pub of: String,
    pub record: Record,
    /// The copy.
    pub path: PathBuf,
    /// The file it is a copy of (which may be missing).
    pub original: PathBuf,
}

impl ConflictCopy {
    pub(crate) fn problem(&self) -> DataProblem {
        let what = match self.record {
            Record::Session => "coaching session",
            _ => "reflection",
        };
        DataProblem::new(
            &self.path,
            ProblemKind::ConflictCopy,
            format!(
                "this is a sync conflict of the {what} {:?} ({}): a copy a sync service made when two \
                 computers changed it at once",
                self.of,
                self.original.display()
            ),
        )
    }
}

/// One answer that differs between a reflection and a copy of it.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerDifference {
    /// The guide item's id.
    pub item: String,
    /// The answer in the reflection, if it has one.
    pub ours: Option<Answer>,
    /// The answer in the copy, if it has one.
    pub theirs: Option<Answer>,
}

/// Every item whose answer differs between `ours` and `theirs` (a conflict
/// copy, or any other version of the same reflection), sorted by item id.
pub fn answer_differences(ours: &Reflection, theirs: &Reflection) -> Vec<AnswerDifference> {
    let items: BTreeSet<&String> = ours.answers.keys().chain(theirs.answers.keys()).collect();
    items
        .into_iter()
        .filter_map(|item| {
            let (a, b) = (ours.answers.get(item), theirs.answers.get(item));
            (a != b).then(|| AnswerDifference {
                item: item.clone(),
                ours: a.cloned(),
                theirs: b.cloned(),
            })
        })
        .collect()
}

/// The id `file_name` is a sync conflict copy of, if it is one:
/// - `R (conflicted copy 2026-12-01).json`, `R (Ana's conflicted copy ...)` (Dropbox, Nextcloud);
/// - `R.sync-conflict-20261201-123456-ABCDEF.json` (Syncthing);
/// - `R-DESKTOP-ABC.json` (`OneDrive`, Google Drive: the computer's name added),
///   only when `is_known(R)` and the suffix looks like a computer's name (it
///   holds a capital letter, so it cannot be part of an id).
pub fn conflict_copy_of(file_name: &str, is_known: impl Fn(&str) -> bool) -> Option<String> {
    let stem = file_name.strip_suffix(".json")?;
    if let Some((id, rest)) = stem.split_once(".sync-conflict-") {
        let digits = |s: &str| s.len() >= 6 && s.bytes().all(|b| b.is_ascii_digit());
        let mut parts = rest.split('-');
        let stamped = parts.next().is_some_and(digits) && parts.next().is_some_and(digits);
        return (stamped && is_valid_reflection_id(id)).then(|| id.to_owned());
    }
    if let Some((id, note)) = stem.split_once(" (")
        && note.ends_with(')')
        && note.to_lowercase().contains("conflicted copy")
    {
        return is_valid_reflection_id(id).then(|| id.to_owned());
    }
    // `R-HOST`: try each place the id could end, longest first.
    let looks_like_host = |s: &str| {
        !s.is_empty()
            && s.len() <= 63
            && s.bytes().any(|b| b.is_ascii_uppercase())
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    stem.rmatch_indices('-')
        .map(|(at, _)| (&stem[..at], &stem[at + 1..]))
        .find(|(id, host)| is_valid_reflection_id(id) && looks_like_host(host) && is_known(id))
        .map(|(id, _)| id.to_owned())
}

/// The record files in `dir`, sorted: its `.json` files other than sync
/// conflict copies. A missing folder has none.
pub(super) fn record_files(dir: &Path) -> Result<Vec<PathBuf>, DataProblem> {
    let files = all_json_files(dir)?;
    Ok(split_conflicts(files, Record::File).0)
}

/// Splits the `.json` files of a folder into those that are records and the
/// conflict copies among them.
fn split_conflicts(files: Vec<PathBuf>, record: Record) -> (Vec<PathBuf>, Vec<ConflictCopy>) {
    let name = |path: &Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let known: HashSet<String> = files
        .iter()
        .filter_map(|path| name(path).strip_suffix(".json").map(str::to_owned))
        .filter(|stem| is_valid_reflection_id(stem))
        .collect();
    let mut records = Vec::with_capacity(files.len());
    let mut copies = Vec::new();
    for path in files {
        let file_name = name(&path);
        if known.contains(file_name.trim_end_matches(".json")) {
            records.push(path);
            continue;
        }
        match conflict_copy_of(&file_name, |id| known.contains(id)) {
            Some(of) => {
                let original = path.with_file_name(format!("{of}.json"));
                copies.push(ConflictCopy {
                    of,
                    record,
                    path,
                    original,
                });
            }
            None => records.push(path),
        }
    }
    (records, copies)
}

impl Store {
    /// Every sync conflict copy in `reflections/` and `sessions/`, found
    /// without reading them. Nothing is changed.
    pub fn conflicts(&self) -> Vec<ConflictCopy> {
        let mut copies = Vec::new();
        for (dir, record) in [
            (self.reflections_dir(), Record::Reflection),
            (self.sessions_dir(), Record::Session),
        ] {
            if let Ok(files) = all_json_files(&dir) {
                copies.extend(split_conflicts(files, record).1);
            }
        }
        copies
    }

    /// Reads the reflection in a conflict copy, to put beside the stored one.
    /// Puts a conflict copy whose answers were looked at into the trash
    /// (`trash/conflicts/`), under its own name: it is no longer reported,
    /// and nothing of it is lost.
    pub fn set_conflict_aside(&self, copy: &ConflictCopy) -> Result<PathBuf, StoreError> {
        self.check_writable()?;
        let folder = self.trash_dir().join("conflicts");
        super::paths::create_private_folder(&folder).map_err(|cause| StoreError::Write {
            path: folder.clone(),
            cause,
        })?;
        let name = copy.path.file_name().unwrap_or_default();
        let mut target = folder.join(name);
        let mut n = 2;
        while target.exists() {
            target = folder.join(format!("{} ({n})", name.to_string_lossy()));
            n += 1;
        }
        let write_error = |cause| StoreError::Write {
            path: copy.path.clone(),
            cause,
        };
        self.disk()
            .move_file(&copy.path, &target)
            .map_err(write_error)?;
        if let Some(parent) = copy.path.parent() {
            self.disk().sync_dir(parent).map_err(write_error)?;
        }
        self.disk().sync_dir(&folder).map_err(write_error)?;
        Ok(target)
    }

    pub fn load_conflict(&self, copy: &ConflictCopy) -> Result<Reflection, StoreError> {
        let refused = |failure: super::problems::Failure| {
            StoreError::refused(failure.into_problem(&copy.path))
        };
        match parse::read(&copy.path, self.seal()).map_err(refused)? {
            Some(bytes) => Ok(parse::reflection(&bytes).map_err(refused)?.reflection),
            None => Err(StoreError::NotFound {
                what: Record::File,
                path: copy.path.clone(),
            }),
        }
    }
}
