//! The shape every human-readable format renders: parts of headings,
//! paragraphs, lists, quotes and bars.

use crate::summary::Count;

/// A run of text, optionally emphasized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            strong: false,
        }
    }

    pub fn strong(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            strong: true,
        }
    }
}

/// A line of mixed plain and strong text.
pub type Line = Vec<Span>;

/// One bar of a bar chart: practices in use in one component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub count: Count,
}

/// A teacher's own words under the thing they answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// What the words answer, for example a question prompt.
    pub about: Line,
    /// The teacher's words; may hold several lines.
    pub text: String,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading inside a section.
    Subheading(String),
    Paragraph(Line),
    /// Small, muted text, for example what was left out.
    Note(String),
    /// A bulleted list; each item is a main line and optional detail lines.
    /// A compact list is shown as small chips where the format can.
    List {
        items: Vec<ListItem>,
        compact: bool,
    },
    Bars(Vec<Bar>),
    /// A small table with a header row.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Quote(Quote),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub main: Line,
    pub details: Vec<String>,
}

impl ListItem {
    pub(super) fn new(main: Line) -> Self {
        ListItem {
            main,
            details: Vec::new(),
        }
    }

    pub(super) fn detail(mut self, detail: impl Into<String>) -> Self {
        let detail = detail.into();
        if !detail.trim().is_empty() {
            self.details.push(detail);
        }
        self
    }
}

/// A titled part of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// A stable id, used as an HTML anchor and class.
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// The whole document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    /// Short lines under the title: teacher, dates, progress, what is included.
    pub meta: Vec<String>,
    pub parts: Vec<Part>,
}
