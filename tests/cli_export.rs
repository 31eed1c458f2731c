//! `pl-reflect export`, run as a real process on a data folder made with the
//! other commands.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

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
    assert!(md.contains("You already use **2 of 34 practices**"));
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
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = elsewhere.path().join("summary.pdf");
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
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = elsewhere.path().join("for-my-coach.json");
    ok(
        dir.path(),
        &["export", &id, "--out", out.to_str().expect("path")],
    );
    assert!(pl_reflect::export::parse_exported(&std::fs::read(&out).expect("written")).is_ok());
    let folder = elsewhere.path().join("shared");
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

/// Every file of the data folder, with its content, to see that nothing changed.
fn contents(data: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![data.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.file_name() != Some(std::ffi::OsStr::new(".lock")) {
                let bytes = std::fs::read(&path).expect("read");
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn an_export_into_the_data_folder_is_refused_and_changes_nothing() {
    let (dir, id) = notebook();
    let data = dir.path();
    let other = ok(data, &["new", "--title", "Another"]);
    let before = contents(data);
    let outside = tempfile::tempdir().expect("temp dir");
    let link = outside.path().join("link-to-data");
    #[cfg(unix)]
    std::os::unix::fs::symlink(data, &link).expect("symlink");
    let reflection = format!("reflections/{other}.json");
    let through_dots = outside
        .path()
        .join("..")
        .join(data.file_name().expect("name"))
        .join("teachers.json");
    let mut targets = vec![
        (data.join(&reflection), "json"),
        (data.join("teachers.json"), "md"),
        (data.join("reflections"), "md"),
        (data.to_path_buf(), "html"),
        (data.join("not-yet-there.md"), "md"),
        (data.join("reflections/not-yet-there.json"), "json"),
        (data.join("reflections/../teachers.json"), "md"),
        (data.join("exports/../teachers.json"), "md"),
        (through_dots, "md"),
    ];
    if cfg!(unix) {
        targets.push((link.join(&reflection), "json"));
        targets.push((link.join("new.csv"), "csv"));
    }
    for (target, format) in &targets {
        let target_arg = target.display().to_string();
        for _ in 0..2 {
            let output = pl_reflect(
                data,
                &["export", &id, "--format", format, "--out", &target_arg],
            );
            assert_eq!(
                output.status.code(),
                Some(1),
                "{target_arg}: {}",
                stderr(&output)
            );
            let message = stderr(&output);
            assert!(message.contains(&target_arg), "{message}");
            assert!(message.contains("inside the data folder"), "{message}");
            assert!(message.contains(&data.display().to_string()), "{message}");
        }
        let output = pl_reflect(data, &["aggregate", "--out", &target_arg]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{target_arg}: {}",
            stderr(&output)
        );
        assert!(stderr(&output).contains("inside the data folder"));
    }
    assert_eq!(contents(data), before, "the data folder changed");
    // Outside the folder, and in its exports folder, exports are written.
    let fine = outside.path().join("summary.md");
    ok(data, &["export", &id, "--out", &fine.display().to_string()]);
    assert!(fine.is_file());
    std::fs::create_dir(data.join("exports")).expect("exports folder");
    let fallback = data.join("exports/summary.md");
    ok(
        data,
        &["export", &id, "--out", &fallback.display().to_string()],
    );
    assert!(fallback.is_file());
}
