//! A reflection for a coach protected with a passphrase: exported from the
//! dialog as an age file, and imported by the coach only with the passphrase.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod common;

use common::{begin, click, click_starting_with, open_app, open_app_importing, settle, type_keys};
use egui_kittest::kittest::Queryable;

const PASSPHRASE: &str = "kettle on the stove";
const FIELD: &str = "Passphrase of the file";

#[test]
fn a_protected_export_imports_with_its_passphrase_and_a_wrong_one_imports_nothing() {
    let teacher = tempfile::tempdir().unwrap();
    let mut harness = open_app(teacher.path());
    begin(&mut harness, "Ms. Rivera");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Station rotation: Trying it");
    click(&mut harness, "See my summary");
    click(&mut harness, "Export readiness summary…");
    click(&mut harness, "JSON (for your coach to import)");
    click(&mut harness, "Protect with a passphrase");
    type_keys(&mut harness, "Passphrase for this file", PASSPHRASE);
    type_keys(&mut harness, "The same passphrase again", "kettle on the");
    assert!(
        harness
            .query_by_label_contains("The two passphrases differ")
            .is_some(),
        "differing passphrases are shown"
    );
    common::clear_keys(&mut harness, "The same passphrase again");
    type_keys(&mut harness, "The same passphrase again", PASSPHRASE);
    // Saving shows a spinner while the passphrase work runs: step, not run.
    harness.get_by_label("Save…").click();
    for _ in 0..500 {
        harness.step();
        if !common::files_in(&common::export_dir(teacher.path())).is_empty()
            && harness.query_by_label("Saving…").is_none()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run();
    let files = common::files_in(&common::export_dir(teacher.path()));
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].extension().is_some_and(|e| e == "plreflect"));
    let bytes = std::fs::read(&files[0]).unwrap();
    assert!(pl_reflect::export::protected::is_protected(&bytes));
    assert!(!bytes.windows(6).any(|w| w == b"Rivera"), "nothing plain");
    drop(harness);

    let coach = tempfile::tempdir().unwrap();
    let mut harness = open_app_importing(coach.path(), &files[0]);
    click(&mut harness, "Look around first");
    click(&mut harness, "File");
    click(&mut harness, "Import a reflection…");
    settle(&mut harness);
    harness.get_by_label("This reflection is protected");
    type_keys(&mut harness, FIELD, "kettle on the hob");
    click(&mut harness, "Import");
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("that passphrase does not open this file")
            .is_some()
    );
    assert!(
        common::reflection_files(coach.path()).is_empty(),
        "a wrong passphrase imports nothing"
    );
    type_keys(&mut harness, FIELD, PASSPHRASE);
    click(&mut harness, "Import");
    settle(&mut harness);
    harness.get_by_label_contains("Imported ");
    assert!(
        harness
            .query_by_label("This reflection is protected")
            .is_none()
    );
    let saved = common::reflection_files(coach.path());
    assert_eq!(saved.len(), 1);
    let text = std::fs::read_to_string(&saved[0]).unwrap();
    assert!(text.contains("\"trying\""), "{text}");
}
