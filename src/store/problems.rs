//! Problems found in the data folder, each tied to one file and, where JSON
//! syntax is at fault, to a line and column in it.

pub(crate) use crate::text_position::line_column;
use crate::text_position::without_position;
use std::fmt;
use std::path::{Path, PathBuf};

use super::paths::backup_path;

/// What kind of problem a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    /// The file cannot be used: corrupt, cut short, empty, binary, not UTF-8 text,
    /// or JSON of the wrong shape. It is never changed, moved or deleted by the app.
    Unreadable,
    /// The file was written by a newer PL Reflect. It is shown read-only if its
    /// content can be understood, and never rewritten by this version.
    NewerFormat,
    /// A reflection file whose name does not match the id inside it. Shown read-only.
    NameMismatch,
    /// A temporary file left behind by an interrupted save.
    StrayTempFile,
    /// A `.bak` file with no main file beside it.
    OrphanBackup,
    /// A reflection whose teacher is not in `teachers.json`.
    UnknownTeacher,
    /// A copy a sync service made of a reflection or session when two
    /// computers changed it at once. Never changed, moved or deleted.
    ConflictCopy,
}

impl ProblemKind {
    /// Whether this is only worth a note: nothing is wrong with the notebook
    /// (a temporary file left by an interrupted save holds nothing that is not
    /// also in the file it was for).
    pub fn is_note(self) -> bool {
        self == ProblemKind::StrayTempFile
    }
}

/// One problem with one file in the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataProblem {
    pub path: PathBuf,
    pub kind: ProblemKind,
    /// What is wrong, as one sentence without a final period.
    pub message: String,
    /// Line and column (from 1) where the file stops making sense, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The last good version of the file (`NAME.bak`), if one exists and is valid JSON.
    pub backup: Option<PathBuf>,
}

impl DataProblem {
    /// A problem with the file as a whole (no line or column).
    pub fn new(path: &Path, kind: ProblemKind, message: impl Into<String>) -> Self {
        DataProblem {
            path: path.to_path_buf(),
            kind,
            message: message.into(),
            line: None,
            column: None,
            backup: None,
        }
    }

    /// What the user can do about it.
    pub fn advice(&self) -> String {
        match self.kind {
            ProblemKind::Unreadable if self.backup.is_some() => "PL Reflect has not changed, moved or deleted this file. \
                 Fix it in a text editor, copy the backup over it, or move it aside to start fresh"
                .to_owned(),
            ProblemKind::Unreadable => "PL Reflect has not changed, moved or deleted this file. \
                 Fix it in a text editor, or move it aside to start fresh"
                .to_owned(),
            ProblemKind::NewerFormat => {
                "PL Reflect will not change this file; open it with a newer version of PL Reflect to edit it".to_owned()
            }
            ProblemKind::NameMismatch => {
                "It is shown read-only; rename the file to match the id inside it, or move it aside".to_owned()
            }
            ProblemKind::StrayTempFile => "It is left over from a save that was interrupted and is not needed; \
                 PL Reflect removes it the next time it opens this folder for writing"
                .to_owned(),
            ProblemKind::OrphanBackup => {
                let main = self.path.with_extension("");
                format!(
                    "To bring this version back, rename it to {}",
                    main.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                )
            }
            ProblemKind::ConflictCopy => "PL Reflect has not changed, moved or deleted either file. \
                 Compare the two answer by answer, keep what you want in the original, then move the copy \
                 out of the data folder"
                .to_owned(),
            ProblemKind::UnknownTeacher => {
                "The reflection is kept as it is; add the teacher again or check teachers.json".to_owned()
            }
        }
    }

    /// Attaches `NAME.bak` if it exists and is at least valid JSON: a backup
    /// that is itself damaged is not worth pointing the user to.
    pub(crate) fn with_backup_if_any(mut self) -> Self {
        let backup = backup_path(&self.path);
        if let Ok(bytes) = std::fs::read(&backup)
            && (super::vault::is_encrypted(&bytes)
                || serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_ok())
        {
            self.backup = Some(backup);
        }
        self
    }
}

impl fmt::Display for DataProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}.", self.message)?;
        if let Some(backup) = &self.backup {
            write!(
                f,
                " A backup of the last good version is at {}.",
                backup.display()
            )?;
        }
        write!(f, " {}.", self.advice())
    }
}

/// Why one file could not be used, before it is tied to a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub kind: ProblemKind,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Failure {
    /// An old file that could not be brought to the current format.
    pub fn from_migrate(error: super::migrate::MigrateError) -> Self {
        Failure::unreadable(error.to_string())
    }

    pub fn unreadable(message: impl Into<String>) -> Self {
        Failure {
            kind: ProblemKind::Unreadable,
            message: message.into(),
            line: None,
            column: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        // serde_json reports 0 when it has no position (for example, errors from a `Value`).
        if line > 0 {
            self.line = Some(line);
            self.column = (column > 0).then_some(column);
        }
        self
    }

    /// Explains a `serde_json` error in the user's terms; `what` names the expected content.
    pub fn from_json(error: &serde_json::Error, what: &str) -> Self {
        use serde_json::error::Category;
        let detail = without_position(error);
        let message = match error.classify() {
            Category::Eof => {
                "the file ends too early; it may have been cut short while being saved or copied"
                    .to_owned()
            }
            Category::Syntax => format!("this is not valid JSON ({detail})"),
            Category::Data => format!("this is JSON but not {what} ({detail})"),
            Category::Io => format!("the file could not be read ({detail})"),
        };
        Failure::unreadable(message).at(error.line(), error.column())
    }

    /// Like [`Failure::from_json`], adding where in the document the bad value sits.
    pub fn from_json_path(
        error: &serde_path_to_error::Error<serde_json::Error>,
        what: &str,
    ) -> Self {
        let mut failure = Failure::from_json(error.inner(), what);
        let path = error.path().to_string();
        if error.inner().is_data() && path != "." {
            failure.message = format!("{}, at {path}", failure.message.trim_end_matches(')'));
            failure.message.push(')');
        }
        failure
    }

    pub fn into_problem(self, path: &Path) -> DataProblem {
        let problem = DataProblem {
            path: path.to_path_buf(),
            kind: self.kind,
            message: self.message,
            line: self.line,
            column: self.column,
            backup: None,
        };
        if problem.kind == ProblemKind::Unreadable {
            problem.with_backup_if_any()
        } else {
            problem
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_place_backup_and_advice() {
        let problem = DataProblem {
            path: "/d/reflections/r-1.json".into(),
            kind: ProblemKind::Unreadable,
            message: "the file ends too early".into(),
            line: Some(3),
            column: Some(7),
            backup: Some("/d/reflections/r-1.json.bak".into()),
        };
        let text = problem.to_string();
        assert!(
            text.starts_with("/d/reflections/r-1.json:3:7: the file ends too early. "),
            "{text}"
        );
        assert!(
            text.contains("A backup of the last good version is at /d/reflections/r-1.json.bak.")
        );
        assert!(text.contains("move it aside"));
    }
}
