//! The notebook commands (teachers, new, answer, reflections, show, check), run as a real process.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod cli_support;

use cli_support::{ok, pl_reflect, stderr};

use std::process::Command;

#[test]
fn a_teacher_reflection_and_answers_are_made_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let teacher = ok(d, &["teachers", "add", "Ms. Rivera"]);
    assert!(teacher.starts_with("t-"));
    // With a single teacher, --teacher may be left out.
    let id = ok(
        d,
        &[
            "new",
            "--guide",
            "where-to-begin",
            "--title",
            "Fall check-in",
        ],
    );
    ok(
        d,
        &[
            "answer",
            &id,
            "station-rotation",
            "--level",
            "trying",
            "--next-step",
            "Two stations",
            "--revisit",
            "2026-12-04",
        ],
    );
    ok(
        d,
        &[
            "answer",
            &id,
            "q-would-they-come",
            "--text",
            "Most days",
            "--private",
        ],
    );

    let listing: serde_json::Value =
        serde_json::from_str(&ok(d, &["reflections", "list", "--json"])).expect("json");
    assert_eq!(listing[0]["id"], id.as_str());
    assert_eq!(listing[0]["teacher"], "Ms. Rivera");
    assert_eq!(listing[0]["answered"], 2);
    assert_eq!(listing[0]["total"], 47);
    let shown = ok(d, &["show", &id]);
    assert!(
        shown.contains("Station rotation")
            && shown.contains("Next step: Two stations (revisit 2026-12-04)"),
        "{shown}"
    );
    assert!(shown.contains("(private)"));
    let teachers: serde_json::Value =
        serde_json::from_str(&ok(d, &["teachers", "list", "--json"])).expect("json");
    assert_eq!(teachers[0]["reflections"], 1);
}

#[test]
fn an_unknown_item_or_level_is_an_error_that_names_the_valid_choices() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(d, &["teachers", "add", "Ms. Rivera"]);
    let id = ok(d, &["new"]);
    let unknown_item = pl_reflect(d, &["answer", &id, "no-such-item", "--note", "x"]);
    assert_eq!(unknown_item.status.code(), Some(1));
    assert!(
        stderr(&unknown_item).contains("station-rotation"),
        "{}",
        stderr(&unknown_item)
    );
    let unknown_level = pl_reflect(d, &["answer", &id, "station-rotation", "--level", "great"]);
    assert_eq!(unknown_level.status.code(), Some(1));
    assert!(stderr(&unknown_level).contains("not-yet, trying, regular, could-coach"));
    let nothing_to_set = pl_reflect(d, &["answer", &id, "station-rotation"]);
    assert_eq!(nothing_to_set.status.code(), Some(2), "a usage error");
    let unknown_reflection = pl_reflect(d, &["show", "r-none"]);
    assert_eq!(unknown_reflection.status.code(), Some(1));
}

#[test]
fn data_dir_is_accepted_before_or_after_the_subcommand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().join("notebook");
    let path = d.display().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_pl-reflect"))
        .args(["teachers", "add", "Ana", "--data-dir", &path])
        .env_remove("PL_REFLECT_DATA_DIR")
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", stderr(&output));
    let output = Command::new(env!("CARGO_BIN_EXE_pl-reflect"))
        .args(["--data-dir", &path, "teachers", "list"])
        .env_remove("PL_REFLECT_DATA_DIR")
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Ana"));
    // The environment variable names the folder too.
    let output = Command::new(env!("CARGO_BIN_EXE_pl-reflect"))
        .args(["teachers", "list"])
        .env("PL_REFLECT_DATA_DIR", &path)
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Ana"));
}

#[test]
fn check_reports_a_damaged_file_with_line_and_column_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(d, &["teachers", "add", "Ms. Rivera"]);
    let id = ok(d, &["new"]);
    assert!(ok(d, &["check"]).starts_with("ok "));
    let path = d.join("reflections").join(format!("{id}.json"));
    let damaged = b"{\n  \"format\": 1,\n  oops\n}\n";
    std::fs::write(&path, damaged).expect("damage");
    let output = pl_reflect(d, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!("{}:3:3", path.display())),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&path).expect("still there"), damaged);
    // Writing to it is refused too.
    let refused = pl_reflect(d, &["answer", &id, "station-rotation", "--level", "trying"]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(std::fs::read(&path).expect("still there"), damaged);
}

#[test]
fn check_notes_a_leftover_temporary_file_without_failing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(d, &["teachers", "add", "Ms. Rivera"]);
    let id = ok(d, &["new"]);
    let leftover = d
        .join("reflections")
        .join(format!(".{id}.json.bak.tmp-4242-1"));
    std::fs::write(&leftover, b"{}").expect("leftover");
    let output = pl_reflect(d, &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(said.contains("note:"), "{said}");
    assert!(said.contains(&leftover.display().to_string()), "{said}");
    assert!(leftover.exists(), "check changes nothing");
    // With a real problem beside it, check still fails.
    std::fs::write(d.join("reflections").join(format!("{id}.json")), b"{").expect("damage");
    assert_eq!(pl_reflect(d, &["check"]).status.code(), Some(1));
    // The next open for writing removes the leftover.
    ok(d, &["teachers", "add", "Mr. Lee"]);
    assert!(!leftover.exists());
}

#[test]
fn check_lists_a_sync_conflict_copy_and_keeps_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(d, &["teachers", "add", "Ms. Rivera"]);
    let id = ok(d, &["new"]);
    let original = d.join("reflections").join(format!("{id}.json"));
    let copy = d
        .join("reflections")
        .join(format!("{id} (conflicted copy 2026-12-01).json"));
    std::fs::copy(&original, &copy).expect("copy");
    let output = pl_reflect(d, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(said.contains(&copy.display().to_string()), "{said}");
    assert!(said.contains("sync conflict"), "{said}");
    assert!(said.contains(&id), "{said}");
    // The copy is not a second reflection, and it is still there.
    let listed = ok(d, &["reflections", "list"]);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(copy.exists());
}
