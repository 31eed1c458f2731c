//! Moving all of one teacher's data to the trash: every reflection and every
//! coaching session, or nothing if any of them may not be moved.

use std::fmt;
use std::path::PathBuf;

use super::problems::ProblemKind;
use super::records::{Kind, Reflections, Sessions, load_folder};
use super::{DataProblem, Store, StoreError};

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

/// One of a teacher's files, as much of it as moving it needs.
struct OwnFile {
    id: String,
    path: PathBuf,
    read_only: Option<String>,
}

impl Store {
    /// Moves every reflection and session of a teacher to the trash, where each
    /// can be restored. The teacher stays in `teachers.json`: take them out with
    /// `coach::remove_teacher` and [`Store::save_teachers`] afterwards.
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
        let (reflections, reflection_problems) = self.teachers_files::<Reflections>(teacher_id);
        let (sessions, session_problems) = self.teachers_files::<Sessions>(teacher_id);
        let problems: Vec<&DataProblem> = reflection_problems
            .iter()
            .chain(&session_problems)
            .collect();
        for OwnFile {
            path, read_only, ..
        } in reflections.iter().chain(&sessions)
        {
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
        for OwnFile { id, .. } in &reflections {
            self.trash::<Reflections>(id).map_err(|e| fail(moved, e))?;
            moved.reflections += 1;
        }
        for OwnFile { id, .. } in &sessions {
            self.trash::<Sessions>(id).map_err(|e| fail(moved, e))?;
            moved.sessions += 1;
        }
        Ok(moved)
    }

    /// The id, file and read-only reason of each of the teacher's records of
    /// one kind, with the problems of that kind's folder.
    fn teachers_files<K: Kind>(&self, teacher_id: &str) -> (Vec<OwnFile>, Vec<DataProblem>) {
        let (stored, problems) = load_folder::<K>(&K::folder(self), self.seal());
        let mine = stored
            .iter()
            .filter(|s| K::teacher_id(K::record(s)) == teacher_id)
            .map(|s| OwnFile {
                id: K::id(K::record(s)).to_owned(),
                path: K::path(s).to_path_buf(),
                read_only: K::read_only(s).map(str::to_owned),
            })
            .collect();
        (mine, problems)
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
}
