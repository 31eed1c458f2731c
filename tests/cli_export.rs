//! `pl-reflect export`, run as a real process on a data folder made with the
//! other commands.

mod cli_support;

use cli_support::{ok, pl_reflect, stderr};
use std::path::Path;

/// Moves a reflection's start back in time, so that "earlier" does not depend
/// on two commands running in different seconds.
fn set_created(data: &Path, id: &str, created: &str) {
    let path = data.join("reflections").join(format!("{id}.json"));
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("JSON");
    value["created"] = created.into();
    std::fs::write(&path, serde_json::to_vec_pretty(&value).expect("JSON")).expect("write");
}

/// A teacher with a fall and a spring reflection; returns (data folder, spring id).
fn notebook() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path();
    ok(data, &["teachers", "add", "Ana López"]);
    let fall = ok(
        data,
        &[
            "new",
            "--guide",
            "where-to-begin",
            "--title",
            "Fall check-in",
        ],
    );
    ok(
        data,
        &["answer", &fall, "station-rotation", "--level", "not-yet"],
    );
    ok(
        data,
        &[
            "answer",
            &fall,
            "exit-tickets",
            "--level",
            "not-yet",
            "--next-step",
            "Try exit tickets",
        ],
    );
    set_created(data, &fall, "2025-09-15T14:00:00Z");
    let spring = ok(
        data,
        &[
            "new",
            "--guide",
            "where-to-begin",
            "--title",
            "Spring check-in",
        ],
    );
    ok(
        data,
        &["answer", &spring, "station-rotation", "--level", "regular"],
    );
    ok(
        data,
        &[
            "answer",
            &spring,
            "exit-tickets",
            "--level",
            "could-coach",
            "--note",
            "Sticky notes on the door",
        ],
    );
    ok(data, &["answer", &spring, "truth-i-care", "--affirm"]);
    ok(
        data,
        &[
            "answer",
            &spring,
            "q-little-impact",
            "--text",
            "The weekly packet.",
        ],
    );
    ok(
        data,
        &[
            "answer",
            &spring,
            "q-my-own-child",
            "--text",
            "Words only I should read",
            "--private",
        ],
    );
    (dir, spring)
}

#[test]
fn markdown_goes_to_stdout_with_strengths_changes_and_no_private_words() {
    let (dir, id) = notebook();
    let output = pl_reflect(dir.path(), &["export", &id, "--format", "md"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let md = String::from_utf8(output.stdout.clone()).expect("UTF-8");
    assert!(md.starts_with("# Spring check-in"), "{md}");
    assert!(md.contains("Teacher: Ana López"));
    assert!(md.contains("You already use **2 of 31 practices**"));
    assert!(md.contains("## Strengths to share"));
    assert!(
        md.contains("## Since last time"),
        "the fall reflection is the previous one"
    );
    assert!(md.contains("Compared with **Fall check-in**"));
    assert!(
        md.contains("**Exit tickets and quick checks** · now Could coach others"),
        "{md}"
    );
    assert!(!md.contains("Words only I should read"));
    assert!(md.contains("1 private answer is not included"));
    assert!(stderr(&output).contains("--include-private"));
}

#[test]
fn include_private_and_anonymous() {
    let (dir, id) = notebook();
    let md = ok(
        dir.path(),
        &[
            "export",
            &id,
            "--format",
            "md",
            "--include-private",
            "--anonymous",
        ],
    );
    assert!(md.contains("Words only I should read"));
    assert!(!md.contains("Ana López"), "anonymous exports carry no name");
}

#[test]
fn every_text_format_works_on_stdout() {
    let (dir, id) = notebook();
    let html = ok(dir.path(), &["export", &id, "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Ana López"));
    let csv = ok(dir.path(), &["export", &id, "--format", "CSV"]);
    assert!(csv.starts_with("\u{FEFF}Section,Component,Item id"));
    let json = ok(dir.path(), &["export", &id, "--format", "json"]);
    let parsed =
        pl_reflect::export::parse_exported(json.as_bytes()).expect("the JSON export imports");
    assert_eq!(parsed.reflection.id, id);
    assert!(!parsed.reflection.answers.contains_key("q-my-own-child"));
}

#[test]
fn pdf_needs_out_and_writes_a_pdf_file() {
    let (dir, id) = notebook();
    let output = pl_reflect(dir.path(), &["export", &id, "--format", "pdf"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "a PDF without --out is a usage error"
    );
    assert!(stderr(&output).contains("--out"));
    assert!(
        output.stdout.is_empty(),
        "nothing binary reaches the terminal"
    );
    let out = dir.path().join("summary.pdf");
    let output = pl_reflect(
        dir.path(),
        &[
            "export",
            &id,
            "--format",
            "pdf",
            "--page",
            "letter",
            "--out",
            out.to_str().expect("path"),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = std::fs::read(&out).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("parses");
    assert!(text.contains("Spring check-in"));
}

#[test]
fn the_format_can_come_from_the_out_file_and_a_folder_gets_a_default_name() {
    let (dir, id) = notebook();
    let out = dir.path().join("for-my-coach.json");
    ok(
        dir.path(),
        &["export", &id, "--out", out.to_str().expect("path")],
    );
    assert!(pl_reflect::export::parse_exported(&std::fs::read(&out).expect("written")).is_ok());
    let folder = dir.path().join("exports");
    std::fs::create_dir(&folder).expect("folder");
    ok(
        dir.path(),
        &[
            "export",
            &id,
            "--format",
            "html",
            "--out",
            folder.to_str().expect("path"),
        ],
    );
    let names: Vec<String> = std::fs::read_dir(&folder)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1);
    assert!(
        names[0].starts_with("pl-reflect-spring-check-in-") && names[0].ends_with(".html"),
        "{names:?}"
    );
}

#[test]
fn an_unknown_format_or_reflection_is_exit_1_with_a_clear_message() {
    let (dir, id) = notebook();
    let output = pl_reflect(dir.path(), &["export", &id, "--format", "docx"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("unknown format \"docx\"; choose one of md, html, pdf, csv, json"),
        "{}",
        stderr(&output)
    );
    let output = pl_reflect(
        dir.path(),
        &["export", "r-does-not-exist", "--format", "md"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(!stderr(&output).is_empty());
    let output = pl_reflect(dir.path(), &["export", &id]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--format"));
}
