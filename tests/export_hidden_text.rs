//! Control characters and bidirectional overrides in a teacher's words never
//! reach an export unseen: HTML isolates the text they are in, Markdown and
//! CSV show them visibly, and a CSV cell cannot start a formula with a
//! full-width sign either.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "fixtures/export/sample.rs"]
mod sample;

use pl_reflect::clock::Timestamp;
use pl_reflect::export::{Export, Format, PdfOptions, render};
use pl_reflect::plain_text::{is_bidi_control, is_hidden};
use pl_reflect::reflection::Reflection;
use pl_reflect::summary::summarize;

/// Every kind of hidden character, in a name, a title, an answer and a note.
const HIDDEN: &str =
    "A\u{1}B\u{7}C\u{8}D\u{1b}[31mE\u{7f}F\u{85}G\u{9b}H\u{202e}reversed\u{2066}isolated";

fn reflection() -> Reflection {
    let mut r = sample::hostile();
    r.title = format!("Title {HIDDEN}");
    r.answers.insert(
        "q-my-own-child".to_owned(),
        sample::text(&format!("Answer {HIDDEN}"), None),
    );
    r.answers.insert(
        "station-rotation".to_owned(),
        sample::noted("regular", &format!("Note {HIDDEN}")),
    );
    r.answers.insert(
        "q-finding-answers".to_owned(),
        sample::text("＝HYPERLINK(\"http://evil\")", None),
    );
    r.answers
        .insert("q-own-connections".to_owned(), sample::text("＋1", None));
    r.answers.insert(
        "q-little-impact".to_owned(),
        sample::text("＠SUM(A1)", None),
    );
    r.answers
        .insert("q-less-whole-class".to_owned(), sample::text("－2", None));
    r
}

fn text(format: Format) -> String {
    let reflection = reflection();
    let mut options = sample::options(true, true);
    options.teacher_name = Some(format!("Name {HIDDEN}"));
    let summary = summarize(&sample::guide(), &reflection, None, &options);
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
    String::from_utf8(bytes).expect("UTF-8")
}

fn raw_hidden(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| is_hidden(c) && c != '\r')
        .collect()
}

#[test]
fn markdown_shows_every_hidden_character_visibly() {
    let md = text(Format::Markdown);
    assert_eq!(raw_hidden(&md), Vec::<char>::new(), "{md}");
    assert!(
        md.contains(r"Answer A\u0001B\u0007C\u0008D\u001b\[31mE\u007fF\u0085G\u009bH\u202ereversed\u2066isolated"),
        "{md}"
    );
    assert!(md.contains(r"Name A\u0001B"), "{md}");
    assert!(md.contains(r"Title A\u0001B"), "{md}");
}

#[test]
fn csv_shows_every_hidden_character_visibly_and_defuses_full_width_signs() {
    let csv = text(Format::Csv);
    assert_eq!(raw_hidden(&csv), Vec::<char>::new(), "{csv}");
    assert!(
        csv.contains(r"Answer A\u0001B\u0007C\u0008D\u001b[31mE\u007fF\u0085G\u009bH\u202ereversed\u2066isolated"),
        "{csv}"
    );
    for sign in ['＝', '＋', '－', '＠'] {
        let defused = format!("'{sign}");
        assert!(csv.contains(&defused), "{sign} not defused:\n{csv}");
        for line in csv.lines() {
            for cell in line.split(',') {
                assert!(
                    !cell.trim_start_matches('"').starts_with(sign),
                    "live formula {cell:?}"
                );
            }
        }
    }
}

#[test]
fn html_isolates_text_with_bidirectional_controls() {
    let html = text(Format::Html);
    // No invisible character is left in the file: controls are not allowed in
    // HTML text and are replaced; overrides are kept as character references.
    assert_eq!(raw_hidden(&html), Vec::<char>::new());
    // An override stays inside the text it came with: every one sits in a <bdi>.
    let mut seen = 0;
    for (at, _) in html.match_indices("&#x2") {
        let reference = &html[at..html[at..].find(';').map_or(html.len(), |end| at + end + 1)];
        let code = u32::from_str_radix(&reference[3..reference.len() - 1], 16).expect("hex");
        if !char::from_u32(code).is_some_and(is_bidi_control) {
            continue;
        }
        seen += 1;
        let before = &html[..at];
        let open = before.rfind("<bdi>").expect("an opening <bdi>");
        assert!(
            before.rfind("</bdi>").is_none_or(|close| close < open),
            "{reference} outside <bdi> at byte {at}"
        );
        assert!(html[at..].contains("</bdi>"));
    }
    assert!(seen >= 6, "the overrides were dropped instead of isolated");
    assert!(html.contains("&#x202E;reversed&#x2066;isolated"), "{html}");
    // Nothing is isolated where no override is: the page is unchanged for everyone else.
    assert!(html.matches("<bdi>").count() <= seen);
    // The title element holds text only, so an override there is replaced.
    let title = &html[html.find("<title>").unwrap()..html.find("</title>").unwrap()];
    assert!(!title.contains("&#x202E;"), "{title}");
}
