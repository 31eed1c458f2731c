//! Snapshots of every text format for one realistic reflection (fixed ids,
//! dates and export time). Read a changed snapshot as a teacher would before
//! accepting it.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "fixtures/export/sample.rs"]
mod sample;

use pl_reflect::clock::Timestamp;
use pl_reflect::export::{Export, Format, PdfOptions, render};

fn rendered(format: Format) -> String {
    let summary = sample::summary();
    let reflection = sample::spring();
    let exported = Timestamp(sample::EXPORTED.to_owned());
    let pdf = PdfOptions::default();
    let export = Export {
        summary: &summary,
        reflection: &reflection,
        exported: &exported,
        pdf: &pdf,
    };
    String::from_utf8(render(format, &export).expect("renders")).expect("text formats are UTF-8")
}

#[test]
fn markdown() {
    insta::assert_snapshot!("summary.md", rendered(Format::Markdown));
}

#[test]
fn html() {
    insta::assert_snapshot!("summary.html", rendered(Format::Html));
}

#[test]
fn csv() {
    // Show the line ends: RFC 4180 wants CRLF.
    insta::assert_snapshot!("summary.csv", rendered(Format::Csv).replace("\r\n", "⏎\n"));
}

#[test]
fn json() {
    insta::assert_snapshot!("summary.json", rendered(Format::Json));
}
