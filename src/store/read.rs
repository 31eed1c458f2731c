//! Reading the data folder: the full snapshot, the quick list, one reflection, and `check`.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::parse::{self, Header};
use super::problems::Failure;
use super::sessions::{load_session_folder, unknown_session_teachers};
use super::{
    DataProblem, LOCK_FILE, ProblemKind, Record, ReflectionHeader, Snapshot, Store, StoreError,
    StoredReflection, TEACHERS_FILE, atomic, lock,
};
use crate::reflection::Teacher;

/// What `teachers.json` held.
pub(super) struct TeachersRead {
    pub teachers: Vec<Teacher>,
    pub extra: Map<String, Value>,
    pub read_only: Option<String>,
    pub problem: Option<DataProblem>,
}

impl Store {
    /// Reads everything: teachers, every reflection in full, every coaching
    /// session, and every problem with those files (including reflections and
    /// sessions whose teacher is unknown).
    /// Changes nothing on disk.
    pub fn load(&self) -> Snapshot {
        let teachers = self.read_teachers();
        let (reflections, mut problems) = self.load_folder(&self.reflections_dir());
        let (sessions, session_problems) = load_session_folder(&self.sessions_dir());
        problems.extend(session_problems);
        problems.extend(teachers.problem.clone());
        problems.extend(unknown_teachers(&teachers, &reflections));
        problems.extend(unknown_session_teachers(&teachers, &sessions));
        problems.extend(self.conflicts().iter().map(|copy| copy.problem()));
        problems.sort_by(|a, b| (&a.path, a.kind).cmp(&(&b.path, b.kind)));
        let teachers_path = self.teachers_path();
        let reflections_dir = self.reflections_dir();
        let sessions_dir = self.sessions_dir();
        self.remember(
            |path| {
                path == teachers_path
                    || path.parent() == Some(&reflections_dir)
                    || path.parent() == Some(&sessions_dir)
            },
            &problems,
        );
        Snapshot {
            teachers: teachers.teachers,
            teachers_read_only: teachers.read_only,
            reflections,
            sessions,
            problems,
        }
    }

    /// Reads `teachers.json` only. With a problem, the list may be empty (the file
    /// could not be read) or read-only (a newer format).
    pub fn load_teachers(&self) -> (Vec<Teacher>, Option<DataProblem>) {
        let read = self.read_teachers();
        let path = self.teachers_path();
        self.remember(|p| p == path, read.problem.as_slice());
        (read.teachers, read.problem)
    }

    /// Lists the reflections quickly, without keeping their answers' text.
    /// Problems are those of the files that could not be listed; a file that
    /// lists may still fail [`Store::load_reflection`] if an answer is malformed.
    pub fn list(&self) -> (Vec<ReflectionHeader>, Vec<DataProblem>) {
        let dir = self.reflections_dir();
        let result = list_folder(&dir);
        self.remember(|path| path.parent() == Some(&dir), &result.1);
        result
    }

    /// Lists the reflections in the trash, as [`Store::list`] does.
    pub fn list_trash(&self) -> (Vec<ReflectionHeader>, Vec<DataProblem>) {
        list_folder(&self.trash_dir())
    }

    /// Reads one reflection in full. A file from a newer version loads with
    /// `read_only` set; a damaged one is an error that says what is wrong.
    pub fn load_reflection(&self, id: &str) -> Result<StoredReflection, StoreError> {
        let path = self.reflection_path(id)?;
        let (stored, problem) = load_file(&path);
        self.remember(|p| p == path, problem.as_slice());
        match (stored, problem) {
            (Some(stored), _) => Ok(stored),
            (None, Some(problem)) => Err(StoreError::refused(problem)),
            (None, None) => Err(StoreError::NotFound {
                what: Record::Reflection,
                path,
            }),
        }
    }

    /// Every problem in the data folder, changing nothing: files that cannot be
    /// read, files from a newer version, misnamed files, reflections and
    /// coaching sessions whose teacher is unknown, damaged files in the trash,
    /// temporary files left by interrupted saves, and backups with no main file.
    pub fn check(&self) -> Vec<DataProblem> {
        let teachers = self.read_teachers();
        let (reflections, mut problems) = self.load_folder(&self.reflections_dir());
        problems.extend(teachers.problem.clone());
        problems.extend(unknown_teachers(&teachers, &reflections));
        problems.extend(self.load_folder(&self.trash_dir()).1);
        let (sessions, session_problems) = load_session_folder(&self.sessions_dir());
        problems.extend(session_problems);
        problems.extend(unknown_session_teachers(&teachers, &sessions));
        problems.extend(load_session_folder(&self.trashed_sessions_dir()).1);
        problems.extend(self.conflicts().iter().map(|copy| copy.problem()));
        let writer_elsewhere =
            !self.holds_lock() && lock::is_held_elsewhere(&self.dir.join(LOCK_FILE));
        for folder in [
            self.dir.clone(),
            self.reflections_dir(),
            self.trash_dir(),
            self.sessions_dir(),
            self.trashed_sessions_dir(),
        ] {
            // While another process writes, its temporary files may be saves in
            // progress, not leftovers; and this store's own autosave may be mid-save.
            let in_progress = |temp: &PathBuf| {
                writer_elsewhere || (self.holds_lock() && atomic::is_own_temp(temp))
            };
            let temps = atomic::temp_files(&folder)
                .into_iter()
                .filter(|temp| !in_progress(temp));
            for temp in temps {
                problems.push(DataProblem::new(
                    &temp,
                    ProblemKind::StrayTempFile,
                    "this is a temporary file from a save that was interrupted",
                ));
            }
            problems.extend(orphan_backups(&folder));
        }
        problems.sort_by(|a, b| (&a.path, a.kind).cmp(&(&b.path, b.kind)));
        problems
    }

    pub(super) fn read_teachers(&self) -> TeachersRead {
        let path = self.teachers_path();
        let mut read = TeachersRead {
            teachers: Vec::new(),
            extra: Map::new(),
            read_only: None,
            problem: None,
        };
        match parse::read(&path).and_then(|bytes| bytes.map(|b| parse::teachers(&b)).transpose()) {
            Ok(None) => {}
            Ok(Some(parsed)) => {
                read.teachers = parsed.file.teachers;
                read.extra = parsed.file.extra;
                if let Some(format) = parsed.newer {
                    let reason = parse::newer_reason(format);
                    read.problem = Some(DataProblem::new(
                        &path,
                        ProblemKind::NewerFormat,
                        reason.clone(),
                    ));
                    read.read_only = Some(reason);
                }
            }
            Err(failure) => {
                let problem = failure.into_problem(&path);
                read.read_only = Some(format!(
                    "{TEACHERS_FILE} could not be read, so it is not changed"
                ));
                read.problem = Some(problem);
            }
        }
        read
    }

    pub(super) fn load_folder(&self, dir: &Path) -> (Vec<StoredReflection>, Vec<DataProblem>) {
        let files = match json_files(dir) {
            Ok(files) => files,
            Err(problem) => return (Vec::new(), vec![problem]),
        };
        let mut reflections = Vec::with_capacity(files.len());
        let mut problems = Vec::new();
        for (stored, problem) in par_map(&files, |path| load_file(path)) {
            reflections.extend(stored);
            problems.extend(problem);
        }
        (reflections, problems)
    }
}

/// One reflection file: the reflection if it could be read, and a problem if it has one.
/// Both come back for a file that is readable but may not be written.
fn load_file(path: &Path) -> (Option<StoredReflection>, Option<DataProblem>) {
    let parsed = match parse::read(path) {
        Ok(None) => return (None, None),
        Ok(Some(bytes)) => parse::reflection(&bytes),
        Err(failure) => Err(failure),
    };
    match parsed {
        Ok(parsed) => {
            let (read_only, problem) = read_only_state(path, &parsed.reflection.id, parsed.newer);
            let stored = StoredReflection {
                reflection: parsed.reflection,
                path: path.to_path_buf(),
                read_only,
            };
            (Some(stored), problem)
        }
        Err(failure) => (None, Some(failure.into_problem(path))),
    }
}

/// Whether a readable reflection file may be written, and the problem if not.
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

fn list_folder(dir: &Path) -> (Vec<ReflectionHeader>, Vec<DataProblem>) {
    let files = match json_files(dir) {
        Ok(files) => files,
        Err(problem) => return (Vec::new(), vec![problem]),
    };
    let mut headers = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for (header, problem) in par_map(&files, |path| header_file(path)) {
        headers.extend(header);
        problems.extend(problem);
    }
    (headers, problems)
}

fn header_file(path: &Path) -> (Option<ReflectionHeader>, Option<DataProblem>) {
    let header = match parse::read(path) {
        Ok(None) => return (None, None),
        Ok(Some(bytes)) => parse::header(&bytes),
        Err(failure) => Err(failure),
    };
    match header {
        Ok(header) => {
            let (read_only, problem) = read_only_state(path, &header.id, header.newer);
            (Some(into_header(header, path, read_only)), problem)
        }
        Err(failure) => (None, Some(failure.into_problem(path))),
    }
}

fn into_header(header: Header, path: &Path, read_only: Option<String>) -> ReflectionHeader {
    ReflectionHeader {
        id: header.id,
        teacher_id: header.teacher_id,
        guide_id: header.guide_id,
        guide_version: header.guide_version,
        title: header.title,
        created: header.created,
        updated: header.updated,
        answered_ids: header.answered_ids,
        path: path.to_path_buf(),
        read_only,
    }
}

/// Reflections whose teacher is not in `teachers.json`. Not checked when that
/// file could not be read: then every reflection would look orphaned.
fn unknown_teachers(teachers: &TeachersRead, reflections: &[StoredReflection]) -> Vec<DataProblem> {
    if teachers
        .problem
        .as_ref()
        .is_some_and(|p| p.kind == ProblemKind::Unreadable)
    {
        return Vec::new();
    }
    let known: HashSet<&str> = teachers.teachers.iter().map(|t| t.id.as_str()).collect();
    reflections
        .iter()
        .filter(|stored| !known.contains(stored.reflection.teacher_id.as_str()))
        .map(|stored| {
            DataProblem::new(
                &stored.path,
                ProblemKind::UnknownTeacher,
                format!(
                    "this reflection belongs to teacher id {:?}, who is not in {TEACHERS_FILE}",
                    stored.reflection.teacher_id
                ),
            )
        })
        .collect()
}

/// `NAME.json.bak` files with no `NAME.json` beside them.
fn orphan_backups(dir: &Path) -> Vec<DataProblem> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<DataProblem> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let main = name
                .strip_suffix(".bak")
                .filter(|main| main.ends_with(".json"))?;
            let main_path = dir.join(main);
            (!main_path.exists()).then(|| {
                DataProblem::new(
                    &entry.path(),
                    ProblemKind::OrphanBackup,
                    format!("this backup has no {main} beside it"),
                )
            })
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// The `*.json` files of a folder, sorted. A missing folder has none.
/// The record files in `dir`: its `.json` files other than sync conflict
/// copies (see [`super::conflicts`]).
pub(super) fn json_files(dir: &Path) -> Result<Vec<PathBuf>, DataProblem> {
    let files = all_json_files(dir)?;
    Ok(super::conflicts::split_conflicts(files, super::Record::File).0)
}

/// Every `.json` file in `dir` that is not hidden, sorted.
pub(super) fn all_json_files(dir: &Path) -> Result<Vec<PathBuf>, DataProblem> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            let failure = Failure::unreadable(format!("the folder could not be read ({error})"));
            return Err(failure.into_problem(dir));
        }
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.ends_with(".json")
                && !name.starts_with('.')
                && !entry.file_type().is_ok_and(|t| t.is_dir())
        })
        .map(|entry| entry.path())
        .collect();
    files.sort();
    Ok(files)
}

/// Maps over the items on a few threads: reading 2,000 files is mostly parsing,
/// and parsing spreads well over cores. Keeps the order of `items`.
pub(super) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    const MIN_PER_THREAD: usize = 32;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(items.len() / MIN_PER_THREAD);
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}
