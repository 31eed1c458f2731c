//! Private answers stay out of every format unless the teacher includes them,
//! and the same goes for coach notes.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "fixtures/export/sample.rs"]
mod sample;

use pl_reflect::clock::Timestamp;
use pl_reflect::export::{Export, Format, PdfOptions, render};
use pl_reflect::summary::summarize;

/// Words that appear only in the sample's private answers.
const PRIVATE_WORDS: &[&str] = &["more room for questions", "second period"];
const COACH_WORDS: &str = "co-plan the next one";

fn text_of(format: Format, include_private: bool, include_coach_notes: bool) -> String {
    let reflection = sample::spring();
    let summary = summarize(
        &sample::guide(),
        &reflection,
        Some(&sample::fall()),
        &sample::options(include_private, include_coach_notes),
    );
    let exported = Timestamp(sample::EXPORTED.to_owned());
    let pdf = PdfOptions::default();
    let bytes = render(
        format,
        &Export {
            summary: &summary,
            reflection: &reflection,
            exported: &exported,
            pdf: &pdf,
        },
    )
    .expect("renders");
    let text = if format == Format::Pdf {
        pdf_extract::extract_text_from_mem(&bytes).expect("the PDF parses")
    } else {
        String::from_utf8(bytes).expect("UTF-8")
    };
    // PDF text comes back with its own line breaks: compare words only.
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn private_answers_are_absent_by_default_in_every_format() {
    for format in Format::ALL {
        let text = text_of(format, false, false);
        for words in PRIVATE_WORDS {
            assert!(
                !text.contains(words),
                "{format}: private words \"{words}\" leaked"
            );
        }
        assert!(!text.contains(COACH_WORDS), "{format}: coach notes leaked");
        assert!(
            text.contains("Maya stayed after class"),
            "{format}: shared words missing"
        );
    }
}

#[test]
fn the_human_formats_say_how_many_private_answers_were_left_out() {
    for format in [Format::Markdown, Format::Html, Format::Pdf] {
        assert!(
            text_of(format, false, false).contains("2 private answers are not included"),
            "{format}"
        );
    }
}

#[test]
fn private_answers_and_coach_notes_are_present_when_included_in_every_format() {
    for format in Format::ALL {
        let text = text_of(format, true, true);
        for words in PRIVATE_WORDS {
            assert!(
                text.contains(words),
                "{format}: included private words \"{words}\" missing"
            );
        }
        assert!(
            text.contains(COACH_WORDS),
            "{format}: included coach notes missing"
        );
    }
}

#[test]
fn the_json_marks_included_private_answers_as_private() {
    let text = text_of(Format::Json, true, false);
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        value["reflection"]["answers"]["q-my-own-child"]["private"],
        true
    );
    assert!(value["reflection"].get("coach_notes").is_none());
}
