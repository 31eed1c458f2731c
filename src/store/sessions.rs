//! Coaching sessions in the data folder, kept by the same rules as reflections:
//!
//! ```text
//! DATA/sessions/<id>.json          one session each
//! DATA/sessions/<id>.json.bak      the last good version
//! DATA/trash/sessions/<id>.json    deleted sessions, until restored
//! ```
//!
//! Saves are atomic and durable, a damaged file is reported and never
//! overwritten or moved, a file from a newer format is read-only, and deleting
//! moves to the trash. Deleted sessions live in their own folder inside the
//! trash so that the trash's reflection list never mistakes one for a damaged
//! reflection.
//!
//! Also here: moving all of one teacher's data to the trash.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::parse;
use super::parse::text;
use super::paths::create_private_dir;
use super::problems::{Failure, ProblemKind};
use super::read::{TeachersRead, json_files, par_map, read_only_state};
use super::write::{
    finish_restore, move_out_of_trash, move_to_trash, refuse_if_in_trash, refuse_newer_format,
    to_json, unsavable,
};
use super::{
    DataProblem, Record, Store, StoreError, TEACHERS_FILE, TRASH_DIR, atomic, file_name, migrate,
};
use crate::session::{CoachSession, SESSION_FORMAT};

/// The folder holding one file per coaching session; also the name of the
/// folder inside the trash that holds deleted sessions.
pub const SESSIONS_DIR: &str = "sessions";

/// A session as loaded, with where it lives.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSession {
    pub session: CoachSession,
    pub path: PathBuf,
    /// Why this file may not be saved, if it may not (for example, it was made
    /// by a newer version).
    pub read_only: Option<String>,
}

/// How many reflections and sessions belong to a teacher (or were moved to the trash with them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeletedCounts {
    pub reflections: usize,
    pub sessions: usize,
}

impl DeletedCounts {
    pub fn is_empty(&self) -> bool {
        self.reflections == 0 && self.sessions == 0
    }
}

/// "3 reflections and 1 session", "no reflections and no sessions".
impl fmt::Display for DeletedCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = |n: usize, one: &str, many: &str| match n {
            0 => format!("no {many}"),
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        write!(
            f,
            "{} and {}",
            count(self.reflections, "reflection", "reflections"),
            count(self.sessions, "session", "sessions")
        )
    }
}

/// Moving a teacher's data to the trash stopped part way (or never started).
#[derive(Debug, thiserror::Error)]
pub struct DeleteTeacherDataError {
    /// What had already been moved to the trash before the failure.
    pub moved: DeletedCounts,
    /// Why it stopped (its text is part of this error's message).
    pub error: StoreError,
}

impl fmt::Display for DeleteTeacherDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)?;
        if !self.moved.is_empty() {
            write!(
                f,
                " Before this, {} had been moved to the trash, where they can be restored; \
                 nothing else was moved.",
                self.moved
            )?;
        }
        Ok(())
    }
}

impl Store {
    /// `DATA/sessions`.
    pub fn sessions_dir(&self) -> PathBuf {
        self.dir.join(SESSIONS_DIR)
    }

    /// `DATA/trash/sessions`.
    pub fn trashed_sessions_dir(&self) -> PathBuf {
        self.dir.join(TRASH_DIR).join(SESSIONS_DIR)
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

    /// Reads every session, and every problem with those files. Changes nothing on disk.
    /// [`Store::load`] reads them too, into [`super::Snapshot::sessions`].
    pub fn load_sessions(&self) -> (Vec<StoredSession>, Vec<DataProblem>) {
        let dir = self.sessions_dir();
        let result = load_session_folder(&dir);
        self.remember(|path| path.parent() == Some(&dir), &result.1);
        result
    }

    /// Lists the sessions in the trash.
    pub fn list_trashed_sessions(&self) -> (Vec<StoredSession>, Vec<DataProblem>) {
        load_session_folder(&self.trashed_sessions_dir())
    }

    /// Reads one session. A file from a newer version loads with `read_only`
    /// set; a damaged one is an error that says what is wrong.
    pub fn load_session(&self, id: &str) -> Result<StoredSession, StoreError> {
        let path = self.session_path(id)?;
        let (stored, problem) = load_session_file(&path);
        self.remember(|p| p == path, problem.as_slice());
        match (stored, problem) {
            (Some(stored), _) => Ok(stored),
            (None, Some(problem)) => Err(StoreError::refused(problem)),
            (None, None) => Err(StoreError::NotFound {
                what: Record::Session,
                path,
            }),
        }
    }

    /// Saves a session to `sessions/<id>.json`, durably, keeping the previous
    /// version as `.bak`. Refused if the store is read-only, the id is not a
    /// safe file name, the session is in the trash, or the file on disk is
    /// damaged, from a newer version, or holds another id.
    pub fn save_session(&self, session: &CoachSession) -> Result<(), StoreError> {
        self.writable()?;
        let path = self.session_path(&session.id)?;
        refuse_newer_format(&path, "this session", session.format, SESSION_FORMAT)?;
        self.check_not_refused(&path)?;
        if !self.guard_session_file(&path, &session.id)? {
            refuse_if_in_trash(Record::Session, self.trashed_session_path(&session.id)?)?;
        }
        let bytes = to_json(session, &path)?;
        // Never write what could not be read back.
        match parse_session(&bytes) {
            Ok((parsed, _)) if parsed == *session => {}
            Ok(_) => return Err(unsavable(&path, "it reads back differently")),
            Err(failure) => return Err(unsavable(&path, &failure.message)),
        }
        let dir = self.sessions_dir();
        if !dir.is_dir() {
            create_private_dir(&dir).map_err(|e| StoreError::io(&dir, "create the folder", e))?;
            let _ = self.disk().sync_dir(&self.dir);
        }
        atomic::write_on(self.disk(), &path, &bytes)
            .map_err(|cause| StoreError::Write { path, cause })
    }

    /// Moves a session (and its `.bak`) to the trash; [`Store::restore_session`]
    /// brings it back. A damaged or newer file is not moved.
    pub fn delete_session(&self, id: &str) -> Result<(), StoreError> {
        self.writable()?;
        let path = self.session_path(id)?;
        self.check_not_refused(&path)?;
        if !self.guard_session_file(&path, id)? {
            return Err(StoreError::NotFound {
                what: Record::Session,
                path,
            });
        }
        let trashed = self.trashed_session_path(id)?;
        move_to_trash(
            self.disk(),
            &path,
            &trashed,
            &self.trashed_sessions_dir(),
            &self.sessions_dir(),
        )
    }

    /// Moves a session back from the trash. Refused if a session with the same id exists.
    pub fn restore_session(&self, id: &str) -> Result<(), StoreError> {
        self.writable()?;
        let path = self.session_path(id)?;
        let (dir, trash_dir) = (self.sessions_dir(), self.trashed_sessions_dir());
        let trashed = self.trashed_session_path(id)?;
        move_out_of_trash(self.disk(), Record::Session, &trashed, &path, &dir)?;
        self.remember(|p| p == path, &[]);
        finish_restore(self.disk(), &trashed, &path, &[&dir, &trash_dir])
    }

    /// Moves every reflection and session of a teacher to the trash, where each
    /// can be restored. The teacher stays in `teachers.json`: take them out with
    /// [`crate::coach::remove_teacher`] and [`Store::save_teachers`] afterwards.
    ///
    /// Checks first and moves nothing if any of the teacher's files may not be
    /// moved (from a newer version, or misnamed). Files that cannot be read at
    /// all are never moved; whose they are cannot be known.
    pub fn delete_teacher_data(
        &self,
        teacher_id: &str,
    ) -> Result<DeletedCounts, DeleteTeacherDataError> {
        let mut moved = DeletedCounts::default();
        let fail =
            |moved: DeletedCounts, error: StoreError| DeleteTeacherDataError { moved, error };
        self.writable().map_err(|e| fail(moved, e))?;
        let (reflections, reflection_problems) = self.load_folder(&self.reflections_dir());
        let (sessions, session_problems) = load_session_folder(&self.sessions_dir());
        let reflections: Vec<_> = reflections
            .into_iter()
            .filter(|s| s.reflection.teacher_id == teacher_id)
            .map(|s| (s.reflection.id, s.path, s.read_only))
            .collect();
        let sessions: Vec<_> = sessions
            .into_iter()
            .filter(|s| s.session.teacher_id == teacher_id)
            .map(|s| (s.session.id, s.path, s.read_only))
            .collect();
        let problems: Vec<&DataProblem> = reflection_problems
            .iter()
            .chain(&session_problems)
            .collect();
        for (_, path, read_only) in reflections.iter().chain(&sessions) {
            if read_only.is_some() {
                let problem = problems.iter().find(|p| p.path == *path).map_or_else(
                    || {
                        DataProblem::new(
                            path,
                            ProblemKind::NewerFormat,
                            read_only.clone().unwrap_or_default(),
                        )
                    },
                    |p| (*p).clone(),
                );
                return Err(fail(moved, StoreError::refused(problem)));
            }
        }
        for (id, _, _) in &reflections {
            self.delete_reflection(id).map_err(|e| fail(moved, e))?;
            moved.reflections += 1;
        }
        for (id, _, _) in &sessions {
            self.delete_session(id).map_err(|e| fail(moved, e))?;
            moved.sessions += 1;
        }
        Ok(moved)
    }

    /// Checks the session file already at `path` before it is replaced or
    /// moved: see [`Store::guard_existing_file`].
    fn guard_session_file(&self, path: &Path, id: &str) -> Result<bool, StoreError> {
        self.guard_existing_file(path, id, |bytes| {
            parse_session(bytes).map(|(session, newer)| (session.id, newer))
        })
    }
}

/// Every session file in `dir`, with the problems of those that cannot be used. A missing folder has none.
pub(super) fn load_session_folder(dir: &Path) -> (Vec<StoredSession>, Vec<DataProblem>) {
    let files = match json_files(dir) {
        Ok(files) => files,
        Err(problem) => return (Vec::new(), vec![problem]),
    };
    let mut sessions = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for (stored, problem) in par_map(&files, |path| load_session_file(path)) {
        sessions.extend(stored);
        problems.extend(problem);
    }
    (sessions, problems)
}

/// Sessions whose teacher is not in `teachers.json`. Not checked when that
/// file could not be read: then every session would look orphaned.
pub(super) fn unknown_session_teachers(
    teachers: &TeachersRead,
    sessions: &[StoredSession],
) -> Vec<DataProblem> {
    if teachers
        .problem
        .as_ref()
        .is_some_and(|p| p.kind == ProblemKind::Unreadable)
    {
        return Vec::new();
    }
    sessions
        .iter()
        .filter(|s| !teachers.teachers.iter().any(|t| t.id == s.session.teacher_id))
        .map(|s| {
            DataProblem::new(
                &s.path,
                ProblemKind::UnknownTeacher,
                format!(
                    "this coaching session belongs to teacher id {:?}, who is not in {TEACHERS_FILE}",
                    s.session.teacher_id
                ),
            )
        })
        .collect()
}

fn load_session_file(path: &Path) -> (Option<StoredSession>, Option<DataProblem>) {
    let parsed = match parse::read(path) {
        Ok(None) => return (None, None),
        Ok(Some(bytes)) => parse_session(&bytes),
        Err(failure) => Err(failure),
    };
    match parsed {
        Ok((session, newer)) => {
            let (read_only, problem) = read_only_state(path, &session.id, newer);
            let stored = StoredSession {
                session,
                path: path.to_path_buf(),
                read_only,
            };
            (Some(stored), problem)
        }
        Err(failure) => (None, Some(failure.into_problem(path))),
    }
}

const A_SESSION: &str = "a coaching session";

/// Parses a session file, with the format of a file from a newer version. A
/// newer file is read as well as this version can, to be shown read-only.
fn parse_session(bytes: &[u8]) -> Result<(CoachSession, Option<u64>), Failure> {
    let text = text(bytes)?;
    let current = u64::from(SESSION_FORMAT);
    // Fast path, one pass: nearly every file is a well-formed current one.
    if let Ok(session) = serde_json::from_str::<CoachSession>(text) {
        let format = u64::from(session.format);
        if format >= current {
            return Ok((session, (format > current).then_some(format)));
        }
    }
    let value: Value =
        serde_json::from_str(text).map_err(|error| Failure::from_json(&error, A_SESSION))?;
    if !value.is_object() {
        return Err(Failure::unreadable(format!(
            "this is JSON but not {A_SESSION}: it should be one object {{ ... }}"
        ))
        .at(1, 1));
    }
    let format = migrate::format_of(&value).map_err(Failure::unreadable)?;
    if format < current {
        return Err(Failure::unreadable(format!(
            "this is not {A_SESSION}: its \"format\" is {format}, and session files start at format {current}"
        )));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, CoachSession>(&mut deserializer) {
        Ok(session) => Ok((session, (format > current).then_some(format))),
        Err(_) if format > current => Err(Failure {
            kind: ProblemKind::NewerFormat,
            message: format!(
                "this coaching session was made by a newer version of PL Reflect (format {format}; \
                 this version knows format {SESSION_FORMAT}) and this version cannot show it"
            ),
            line: None,
            column: None,
        }),
        Err(error) => Err(Failure::from_json_path(&error, A_SESSION)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_words() {
        let counts = |reflections, sessions| DeletedCounts {
            reflections,
            sessions,
        };
        assert_eq!(counts(3, 2).to_string(), "3 reflections and 2 sessions");
        assert_eq!(counts(1, 0).to_string(), "1 reflection and no sessions");
        assert!(counts(0, 0).is_empty());
    }

    #[test]
    fn parse_explains_what_is_wrong() {
        let ok = br#"{"format":1,"id":"s-1","teacher_id":"t-1","date":"2026-03-02",
            "created":"2026-03-02T10:00:00Z","updated":"2026-03-02T10:00:00Z"}"#;
        let (session, newer) = parse_session(ok).unwrap();
        assert_eq!((session.id.as_str(), newer), ("s-1", None));

        let newer_file = br#"{"format":3,"id":"s-1","teacher_id":"t-1","date":"2026-03-02",
            "created":"2026-03-02T10:00:00Z","updated":"2026-03-02T10:00:00Z"}"#;
        assert_eq!(parse_session(newer_file).unwrap().1, Some(3));
        let newer_unknown = br#"{"format":3,"id":"s-1","agenda":"changed shape"}"#;
        assert_eq!(
            parse_session(newer_unknown).unwrap_err().kind,
            ProblemKind::NewerFormat
        );

        let truncated = &ok[..40];
        let failure = parse_session(truncated).unwrap_err();
        assert_eq!(failure.kind, ProblemKind::Unreadable);
        assert!(
            failure.message.contains("ends too early"),
            "{}",
            failure.message
        );
        assert!(parse_session(b"  ").unwrap_err().message.contains("empty"));
        assert!(
            parse_session(b"[1]")
                .unwrap_err()
                .message
                .contains("one object")
        );
        let wrong = br#"{"format":1,"id":"s-1","teacher_id":"t-1","date":7,
            "created":"2026-03-02T10:00:00Z","updated":"2026-03-02T10:00:00Z"}"#;
        let failure = parse_session(wrong).unwrap_err();
        assert!(failure.message.contains("at date"), "{}", failure.message);
        assert!(failure.line.is_some());
        let no_format = br#"{"id":"s-1"}"#;
        assert!(
            parse_session(no_format)
                .unwrap_err()
                .message
                .contains("format")
        );
    }
}
