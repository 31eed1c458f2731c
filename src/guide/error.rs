//! Errors found in a guide file, each tied to a place in that file.

use std::fmt;

/// Where in a guide file a problem sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole (unreadable, too large, ...).
    File,
    /// A line and column, both counted from 1. Used for JSON syntax errors.
    LineColumn { line: usize, column: usize },
    /// A JSON Pointer such as `/sections/2/practices/5/id`.
    Pointer(String),
}

/// One problem in one guide file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideError {
    /// The file as the user named it, or `built-in:ID` for a compiled-in guide.
    pub file: String,
    pub location: Location,
    /// For a [`Location::Pointer`], the line and column (from 1) where the
    /// value it points at starts in the file, when the text is at hand.
    pub line_column: Option<(usize, usize)>,
    pub message: String,
}

impl GuideError {
    pub fn at_pointer(file: &str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        GuideError {
            file: file.to_owned(),
            location: Location::Pointer(pointer.into()),
            line_column: None,
            message: message.into(),
        }
    }

    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        GuideError {
            file: file.to_owned(),
            location: Location::File,
            line_column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for GuideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Location::Pointer(pointer), Some((line, column))) =
            (&self.location, self.line_column)
        {
            let pointer = if pointer.is_empty() { "/" } else { pointer };
            return write!(
                f,
                "{}:{line}:{column}: {pointer}: {}",
                self.file, self.message
            );
        }
        match &self.location {
            Location::File => write!(f, "{}: {}", self.file, self.message),
            Location::LineColumn { line, column } => {
                write!(f, "{}:{}:{}: {}", self.file, line, column, self.message)
            }
            Location::Pointer(pointer) if pointer.is_empty() => {
                write!(f, "{}: /: {}", self.file, self.message)
            }
            Location::Pointer(pointer) => write!(f, "{}: {}: {}", self.file, pointer, self.message),
        }
    }
}

/// Every problem found in one guide file. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideErrors(pub Vec<GuideError>);

impl fmt::Display for GuideErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GuideErrors {}
