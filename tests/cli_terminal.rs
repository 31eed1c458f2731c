//! Nothing a teacher, an imported file or a guide holds can drive the terminal:
//! control characters and bidirectional overrides are printed visibly, on
//! standard output and on standard error alike.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod cli_support;

use cli_support::{ok, pl_reflect, stderr};
use std::path::Path;

/// A name that would set the terminal's title and turn the rest of it red.
const HOSTILE: &str = "a\u{1b}]0;pwned\u{7}\u{1b}[31mRED\u{85}\u{9b}\u{202e}\u{2066}z";

/// The characters a terminal acts on or that reorder what it shows.
fn hidden_in(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| pl_reflect::plain_text::is_hidden(c) && c != '\r')
        .collect()
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let found = hidden_in(bytes);
    assert!(
        found.is_empty(),
        "{what} printed {found:?} raw:\n{}",
        String::from_utf8_lossy(bytes)
    );
}

/// A data folder with a hostile teacher name, title, answer and note.
fn hostile_notebook() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path();
    ok(data, &["teachers", "add", HOSTILE]);
    let id = ok(data, &["new", "--title", HOSTILE]);
    ok(
        data,
        &[
            "answer",
            &id,
            "station-rotation",
            "--level",
            "trying",
            "--note",
            HOSTILE,
        ],
    );
    ok(
        data,
        &["answer", &id, "q-would-they-come", "--text", HOSTILE],
    );
    (dir, id)
}

#[test]
fn notebook_commands_print_hostile_text_visibly() {
    let (dir, id) = hostile_notebook();
    let data = dir.path();
    for args in [
        vec!["teachers", "list"],
        vec!["teachers", "list", "--json"],
        vec!["reflections", "list"],
        vec!["reflections", "list", "--json"],
        vec!["show", &id],
        vec!["export", &id, "--format", "md"],
        vec!["export", &id, "--format", "csv"],
        vec!["export", &id, "--format", "html"],
        vec!["export", &id, "--format", "json"],
    ] {
        let output = pl_reflect(data, &args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert_clean(&format!("{args:?} (stdout)"), &output.stdout);
        assert_clean(&format!("{args:?} (stderr)"), &output.stderr);
    }
    let listed = ok(data, &["teachers", "list"]);
    assert!(
        listed.contains("a\\u001b]0;pwned\\u0007\\u001b[31mRED"),
        "{listed}"
    );
    assert!(listed.contains("\\u202e\\u2066z"), "{listed}");
}

#[test]
fn json_printed_to_the_terminal_still_reads_back_the_same() {
    let (dir, _) = hostile_notebook();
    let output = pl_reflect(dir.path(), &["teachers", "list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(rows[0]["name"], HOSTILE);
}

#[test]
fn errors_print_hostile_text_visibly() {
    let (dir, _) = hostile_notebook();
    let data = dir.path();
    let missing = format!("nobody {HOSTILE}");
    let output = pl_reflect(data, &["new", "--teacher", &missing]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_clean("the error", &output.stderr);
    assert!(
        stderr(&output).contains("\\u001b]0;pwned"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn guides_show_prints_nul_and_overrides_visibly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let guides = dir.path().join("guides");
    std::fs::create_dir(&guides).expect("guides folder");
    let tiny = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guides/valid-tiny.json");
    let text = std::fs::read_to_string(tiny)
        .expect("fixture")
        .replace(
            "A guide for tests.",
            "A guide\\u0000 for \\u202etests\\u001b[2J.",
        )
        .replace("Be honest.", "Be \\u0085honest\\u2066.");
    std::fs::write(guides.join("tiny.json"), text).expect("write guide");
    let output = pl_reflect(
        dir.path(),
        &[
            "guides",
            "show",
            "tiny",
            "--guides",
            &guides.display().to_string(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_clean("guides show", &output.stdout);
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        shown.contains("A guide\\u0000 for \\u202etests\\u001b[2J."),
        "{shown}"
    );
}
