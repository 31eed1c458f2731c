//! `pl-reflect history`, `restore` and `trash`, run as a real process.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod cli_support;

use cli_support::{ok, pl_reflect, stderr};
use pl_reflect::store::{Access, Store};

/// A reflection whose first question was answered three times over.
fn reflection_with_changes(d: &std::path::Path) -> String {
    ok(d, &["teachers", "add", "Ms. Rivera"]);
    let id = ok(d, &["new", "--title", "Fall check-in"]);
    for text in ["Most days.", "Most days, yes.", "Not on Fridays."] {
        ok(d, &["answer", &id, "q-a-day-in-my-class", "--text", text]);
    }
    ok(d, &["answer", &id, "station-rotation", "--level", "trying"]);
    id
}

fn history(d: &std::path::Path, id: &str) -> serde_json::Value {
    serde_json::from_str(&ok(d, &["history", id, "--json"])).expect("json")
}

#[test]
fn history_lists_every_version_with_what_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let id = reflection_with_changes(d);
    let shown = ok(d, &["history", &id]);
    assert!(
        shown.starts_with("History of reflection \"Fall check-in\""),
        "{shown}"
    );
    assert!(shown.contains("5 versions, oldest first"), "{shown}");
    assert!(shown.contains("  1  "), "{shown}");
    assert!(shown.contains("First version"), "{shown}");
    assert!(
        shown.contains("Station rotation set to Trying it"),
        "{shown}"
    );

    let json = history(d, &id);
    let versions = json["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 5);
    assert_eq!(versions[1]["summary"], "1 answer changed");
    assert_eq!(versions[1]["changed"][0], "item:q-a-day-in-my-class");
    assert_eq!(versions[1]["origin"], "saved");
    assert_eq!(versions[4]["number"], 5);
    assert!(versions[4]["version"].as_str().unwrap().ends_with('Z'));
    assert_eq!(json["problems"].as_array().unwrap().len(), 0);

    let none = pl_reflect(d, &["history", "r-nothing-here"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).contains("no reflection or session"),
        "{}",
        stderr(&none)
    );
}

#[test]
fn restore_brings_back_one_answer_or_a_whole_version_as_a_new_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let id = reflection_with_changes(d);
    // By number: version 2 holds the first answer.
    let said = ok(
        d,
        &[
            "restore",
            &id,
            "--version",
            "2",
            "--item",
            "q-a-day-in-my-class",
        ],
    );
    assert!(said.contains("brought back"), "{said}");
    let shown = ok(d, &["show", &id]);
    assert!(shown.contains("Most days."), "{shown}");
    assert!(
        shown.contains("Level: Trying it"),
        "the rest stays: {shown}"
    );
    let json = history(d, &id);
    assert_eq!(json["versions"].as_array().unwrap().len(), 6);

    // By name: the very first version, all of it.
    let first = json["versions"][0]["version"].as_str().unwrap().to_owned();
    ok(d, &["restore", &id, "--version", &first]);
    let shown = ok(d, &["show", &id]);
    assert!(!shown.contains("Most days"), "{shown}");
    assert!(!shown.contains("Trying it"), "{shown}");
    assert_eq!(history(d, &id)["versions"].as_array().unwrap().len(), 7);
    // Again: nothing to bring back, and no new version.
    let again = ok(d, &["restore", &id, "--version", &first]);
    assert!(again.contains("nothing to bring back"), "{again}");
    assert_eq!(history(d, &id)["versions"].as_array().unwrap().len(), 7);

    for (args, expected) in [
        (vec!["--version", "99"], "has no version \"99\""),
        (
            vec!["--version", "2", "--item", "no-such-item"],
            "is not part of this record",
        ),
    ] {
        let mut all = vec!["restore", id.as_str()];
        all.extend(args);
        let output = pl_reflect(d, &all);
        assert_eq!(output.status.code(), Some(1));
        assert!(stderr(&output).contains(expected), "{}", stderr(&output));
    }
}

#[test]
fn the_trash_is_listed_restored_and_emptied_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let id = reflection_with_changes(d);
    let other = ok(d, &["new", "--title", "Winter check-in"]);
    {
        // The command line has no delete: the window's is the store's.
        let store = Store::open(
            d,
            Access::Write {
                wait: std::time::Duration::from_secs(5),
            },
        )
        .unwrap();
        store.delete_reflection(&id).unwrap();
        store.delete_reflection(&other).unwrap();
    }
    let listed = ok(d, &["trash", "list"]);
    assert!(listed.contains("Fall check-in"), "{listed}");
    assert!(listed.contains("5 earlier versions"), "{listed}");
    assert!(
        listed.contains("In all: 2 reflections and 6 earlier versions"),
        "{listed}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["trash", "list", "--json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    // The history of a reflection in the trash can still be read, and says so.
    assert_eq!(history(d, &id)["in_trash"], true);
    let refused = pl_reflect(d, &["restore", &id, "--version", "1"]);
    assert!(
        stderr(&refused).contains("is in the trash"),
        "{}",
        stderr(&refused)
    );

    let restored = ok(d, &["trash", "restore", &id]);
    assert!(restored.contains("with 5 earlier versions"), "{restored}");
    assert_eq!(history(d, &id)["in_trash"], false);
    assert!(ok(d, &["show", &id]).contains("Not on Fridays."));

    let emptied = ok(d, &["trash", "empty"]);
    assert_eq!(
        emptied,
        "removed for good: 1 reflection and 1 earlier version"
    );
    assert_eq!(ok(d, &["trash", "list"]), "The trash is empty.");
    let gone = pl_reflect(d, &["trash", "restore", &other]);
    assert_eq!(gone.status.code(), Some(1));
    // What was restored is untouched by emptying the trash.
    assert!(ok(d, &["show", &id]).contains("Not on Fridays."));
    assert!(ok(d, &["check"]).contains("no problems found"));
}

#[test]
fn check_reports_an_unreadable_version_and_the_reflection_still_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let id = reflection_with_changes(d);
    let folder = d.join("history").join(&id);
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    std::fs::write(&files[1], b"{ cut sh").unwrap();
    let checked = pl_reflect(d, &["check"]);
    assert_eq!(checked.status.code(), Some(1));
    let said = stderr(&checked);
    assert!(said.contains(&files[1].display().to_string()), "{said}");
    assert!(said.contains("kept as it is"), "{said}");
    // The history shows the rest and warns; the reflection is changed as ever.
    let output = pl_reflect(d, &["history", &id]);
    assert!(output.status.success());
    assert!(stderr(&output).contains("warning:"), "{}", stderr(&output));
    ok(
        d,
        &["answer", &id, "q-a-day-in-my-class", "--text", "Still fine"],
    );
    assert_eq!(history(d, &id)["versions"].as_array().unwrap().len(), 5);
}
