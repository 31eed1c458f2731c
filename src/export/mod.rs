//! Exports of the readiness summary: Markdown, HTML, PDF, CSV and JSON.
//!
//! Each format is a pure function of the [`Summary`] (and, for JSON, the
//! reflection it summarizes), so every format says the same thing. All text is
//! escaped for its format: a teacher's words can never break the document or
//! run as code.

pub mod csv;
pub mod document;
pub mod html;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod protected;

use crate::clock::Timestamp;
use crate::reflection::Reflection;
use crate::summary::Summary;

pub use json::{ExportedReflection, ImportError, export_schema, parse_exported};
pub use pdf::{PageSize, PdfOptions};

/// A file format a summary can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Html,
    Pdf,
    Csv,
    Json,
}

impl Format {
    /// Every format, in the order they are offered.
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Html,
        Format::Pdf,
        Format::Csv,
        Format::Json,
    ];

    /// The format with this name or extension, ignoring case: `md` (or
    /// `markdown`), `html` (or `htm`), `pdf`, `csv`, `json`.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The file extension, without a dot; also the format's short name.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// The media type, for example for a save dialog or an email attachment.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Pdf => "application/pdf",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }

    /// Whether the output is binary (and so not for a terminal).
    pub fn is_binary(self) -> bool {
        self == Format::Pdf
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.extension())
    }
}

/// What to export: the summary, the reflection it summarizes, and the few
/// things a format needs beyond them.
#[derive(Debug, Clone, Copy)]
pub struct Export<'a> {
    pub summary: &'a Summary,
    /// The reflection the summary was made from; JSON exports it (filtered as
    /// the summary's options say).
    pub reflection: &'a Reflection,
    /// The moment of export, written in the JSON.
    pub exported: &'a Timestamp,
    pub pdf: &'a PdfOptions,
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    #[error("the JSON could not be written: {0}")]
    Json(#[from] serde_json::Error),
}

/// Renders the export in `format`.
pub fn render(format: Format, export: &Export<'_>) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Markdown => markdown::render(export.summary).into_bytes(),
        Format::Html => html::render(export.summary).into_bytes(),
        Format::Csv => csv::render(export.summary).into_bytes(),
        Format::Json => {
            json::render(export.summary, export.reflection, export.exported)?.into_bytes()
        }
        Format::Pdf => pdf::render(export.summary, export.pdf)?,
    })
}

/// A sensible file name: `pl-reflect-<title or guide>-<date>.<ext>`, slugified.
pub fn default_file_name(summary: &Summary, format: Format) -> String {
    let header = &summary.header;
    let mut name = slug(&header.reflection_title);
    // An untitled reflection's display title is "Reflection of DATE": the guide says more.
    if name.is_empty() || header.reflection_title.starts_with("Reflection of ") {
        name = slug(&header.guide_title);
    }
    if name.is_empty() {
        name = slug(&header.guide_id);
    }
    let date = slug(&header.prepared);
    let mut parts = vec!["pl-reflect".to_owned()];
    parts.extend([name, date].into_iter().filter(|part| !part.is_empty()));
    format!("{}.{}", parts.join("-"), format.extension())
}

/// Lowercase ASCII letters and digits joined by single dashes, at most 60 characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > 60 {
        out.truncate(60);
    }
    out.trim_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.extension()), Some(format));
        }
        assert_eq!(Format::from_name("Markdown"), Some(Format::Markdown));
        assert_eq!(Format::from_name("docx"), None);
    }

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(slug("Fall check-in: 2025/26!"), "fall-check-in-2025-26");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("学习"), "");
        assert!(slug(&"a".repeat(100)).len() <= 60);
    }
}
