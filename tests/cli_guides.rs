//! The `pl-reflect guides` commands, run as a real process.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::path::Path;
use std::process::{Command, Output};

fn pl_reflect(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pl-reflect"))
        .args(args)
        .env(
            "PL_REFLECT_DATA_DIR",
            std::env::temp_dir().join("pl-reflect-cli-guides-unused"),
        )
        .env(
            "HOME",
            std::env::temp_dir().join("pl-reflect-cli-guides-home"),
        )
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("pl-reflect-cli-guides-home/config"),
        )
        .output()
        .expect("run pl-reflect")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/guides")
        .join(name)
        .display()
        .to_string()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn list_json_shows_every_built_in_guide_with_counts() {
    let output = pl_reflect(&["guides", "list", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let listing: Vec<serde_json::Value> =
        serde_json::from_slice(&output.stdout).expect("JSON array");
    let default = listing
        .iter()
        .find(|g| g["id"] == "where-to-begin")
        .expect("default guide listed");
    assert_eq!(default["origin"], "built in");
    assert_eq!(default["questions"], 7);
    assert_eq!(default["statements"], 5);
    assert!(default["components"].as_u64() >= Some(4));
    assert!(default["practices"].as_u64() >= Some(28));
    for id in ["overcoming-barriers", "leading-change"] {
        let guide = listing
            .iter()
            .find(|g| g["id"] == id)
            .unwrap_or_else(|| panic!("{id} listed"));
        for field in [
            "title",
            "version",
            "questions",
            "components",
            "practices",
            "statements",
        ] {
            assert!(!guide[field].is_null(), "{id} lacks {field}");
        }
    }
}

#[test]
fn list_shows_a_user_guide_from_a_guides_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        fixture("multilingual.json"),
        dir.path().join("multilingual.json"),
    )
    .expect("copy");
    let output = pl_reflect(&[
        "guides",
        "list",
        "--guides",
        &dir.path().display().to_string(),
    ]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("multilingual-sample"), "{text}");
    assert!(
        text.contains(&dir.path().join("multilingual.json").display().to_string()),
        "origin is the file path"
    );
}

#[test]
fn validate_accepts_good_files_and_reports_bad_ones() {
    let good = pl_reflect(&[
        "guides",
        "validate",
        "reflection_guides/where-to-begin.json",
        &fixture("valid-tiny.json"),
    ]);
    assert_eq!(good.status.code(), Some(0), "{}", stderr(&good));
    assert!(stdout(&good).contains("ok reflection_guides/where-to-begin.json"));

    let bad_file = fixture("bad/duplicate-id.json");
    let mixed = pl_reflect(&["guides", "validate", &fixture("valid-tiny.json"), &bad_file]);
    assert_eq!(mixed.status.code(), Some(1));
    assert!(
        stdout(&mixed).contains("ok "),
        "the good file is still reported"
    );
    let errors = stderr(&mixed);
    assert!(
        errors.contains(&format!("{bad_file}:"))
            && errors.contains(": /sections/1/components/0/practices/1/id: duplicate id"),
        "{errors}"
    );
}

#[test]
fn validate_reports_syntax_errors_with_line_and_column() {
    let file = fixture("bad/syntax-error.json");
    let output = pl_reflect(&["guides", "validate", &file]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!("{file}:4:3: ")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn validate_treats_an_unreadable_file_as_an_error_and_no_file_as_usage() {
    let missing = pl_reflect(&["guides", "validate", "/no/such/guide.json"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("/no/such/guide.json: could not read the file"));

    let usage = pl_reflect(&["guides", "validate"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn show_prints_a_readable_guide_and_rejects_unknown_ids() {
    let output = pl_reflect(&["guides", "show", "where-to-begin"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("Targeted Instruction"), "{text}");
    assert!(text.contains("For example:"));

    let unknown = pl_reflect(&["guides", "show", "nope"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("available guides: where-to-begin"));
}

#[test]
fn version_and_help_follow_conventions() {
    let version = pl_reflect(&["--version"]);
    assert!(version.status.success());
    assert!(stdout(&version).starts_with("pl-reflect "));
    let help = pl_reflect(&["--help"]);
    assert!(help.status.success());
    assert!(
        stdout(&help).contains("Data folder:"),
        "help shows the data folder"
    );
    assert!(stdout(&help).contains("pl-reflect-cli-guides-unused"));
}
