//! Reading the data folder: the full snapshot, the quick list, one reflection, and `check`.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::conflicts::record_files;
use super::folder::par_map;
use super::parse;
use super::records::{Kind, Reflections, Sessions, load_folder, read_only_state};
use super::vault::Seal;
use super::{
    DataProblem, LOCK_FILE, ProblemKind, ReflectionHeader, Snapshot, Store, StoreError,
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
        let (reflections, mut problems) =
            load_folder::<Reflections>(&self.reflections_dir(), self.seal());
        let (sessions, session_problems) =
            load_folder::<Sessions>(&self.sessions_dir(), self.seal());
        problems.extend(session_problems);
        problems.extend(teachers.problem.clone());
        problems.extend(unknown_teachers::<Reflections>(&teachers, &reflections));
        problems.extend(unknown_teachers::<Sessions>(&teachers, &sessions));
        problems.extend(
            self.conflicts()
                .iter()
                .map(super::conflicts::ConflictCopy::problem),
        );
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
        let result = list_folder(&dir, self.seal());
        self.remember(|path| path.parent() == Some(&dir), &result.1);
        result
    }

    /// Lists the reflections in the trash, as [`Store::list`] does.
    pub fn list_trash(&self) -> (Vec<ReflectionHeader>, Vec<DataProblem>) {
        list_folder(&self.trash_dir(), self.seal())
    }

    /// Reads one reflection in full. A file from a newer version loads with
    /// `read_only` set; a damaged one is an error that says what is wrong.
    pub fn load_reflection(&self, id: &str) -> Result<StoredReflection, StoreError> {
        self.load_one::<Reflections>(id)
    }

    /// Every problem in the data folder, changing nothing: files that cannot be
    /// read, files from a newer version, misnamed files, reflections and
    /// coaching sessions whose teacher is unknown, damaged files in the trash,
    /// earlier versions that cannot be read (in `history/` and the trash's),
    /// temporary files left by interrupted saves, and backups with no main file.
    pub fn check(&self) -> Vec<DataProblem> {
        let teachers = self.read_teachers();
        let (reflections, mut problems) =
            load_folder::<Reflections>(&self.reflections_dir(), self.seal());
        problems.extend(teachers.problem.clone());
        problems.extend(unknown_teachers::<Reflections>(&teachers, &reflections));
        problems.extend(load_folder::<Reflections>(&self.trash_dir(), self.seal()).1);
        let (sessions, session_problems) =
            load_folder::<Sessions>(&self.sessions_dir(), self.seal());
        problems.extend(session_problems);
        problems.extend(unknown_teachers::<Sessions>(&teachers, &sessions));
        problems.extend(load_folder::<Sessions>(&self.trashed_sessions_dir(), self.seal()).1);
        problems.extend(
            self.conflicts()
                .iter()
                .map(super::conflicts::ConflictCopy::problem),
        );
        problems.extend(self.history_problems());
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
        match parse::read(&path, self.seal())
            .and_then(|bytes| bytes.map(|b| parse::teachers(&b)).transpose())
        {
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
}

fn list_folder(dir: &Path, seal: &Seal) -> (Vec<ReflectionHeader>, Vec<DataProblem>) {
    let files = match record_files(dir) {
        Ok(files) => files,
        Err(problem) => return (Vec::new(), vec![problem]),
    };
    let mut headers = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for (header, problem) in par_map(&files, |path| header_file(path, seal)) {
        headers.extend(header);
        problems.extend(problem);
    }
    (headers, problems)
}

fn header_file(path: &Path, seal: &Seal) -> (Option<ReflectionHeader>, Option<DataProblem>) {
    let header = match parse::read(path, seal) {
        Ok(None) => return (None, None),
        Ok(Some(bytes)) => parse::header(&bytes, path),
        Err(failure) => Err(failure),
    };
    match header {
        Ok((mut header, newer)) => {
            let (read_only, problem) = read_only_state(path, &header.id, newer);
            header.read_only = read_only;
            (Some(header), problem)
        }
        Err(failure) => (None, Some(failure.into_problem(path))),
    }
}

/// Records whose teacher is not in `teachers.json`. Not checked when that
/// file could not be read: then every record would look orphaned.
fn unknown_teachers<K: Kind>(teachers: &TeachersRead, stored: &[K::Stored]) -> Vec<DataProblem> {
    if teachers
        .problem
        .as_ref()
        .is_some_and(|p| p.kind == ProblemKind::Unreadable)
    {
        return Vec::new();
    }
    let known: HashSet<&str> = teachers.teachers.iter().map(|t| t.id.as_str()).collect();
    stored
        .iter()
        .filter(|stored| !known.contains(K::teacher_id(K::record(stored))))
        .map(|stored| {
            DataProblem::new(
                K::path(stored),
                ProblemKind::UnknownTeacher,
                format!(
                    "this {} belongs to teacher id {:?}, who is not in {TEACHERS_FILE}",
                    K::WHAT,
                    K::teacher_id(K::record(stored))
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
