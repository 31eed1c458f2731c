//! An encrypted notebook in the window: it opens to the unlock screen and
//! shows nothing of the notebook there; a wrong passphrase says so; the right
//! one opens it; Ctrl+L locks it again; and encryption is turned on from
//! Settings > Privacy, which shows the recovery key once.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{begin, click, open_app, settle, type_keys};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pl_reflect::app::ReflectApp;
use pl_reflect::store::vault::{Work, is_encrypted};
use pl_reflect::store::{Access, Store};
use secrecy::SecretString;

type App = Harness<'static, ReflectApp>;

const PASSPHRASE: &str = "window seat by the door";
const FIELD: &str = "Passphrase or recovery key";

fn wait_until_open(harness: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while harness.state().is_opening() {
        assert!(Instant::now() < deadline, "the notebook did not open");
        std::thread::sleep(Duration::from_millis(2));
        harness.step();
    }
    harness.run();
}

/// Whether any node's name contains `text`.
fn shows(harness: &App, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

fn files_hold(dir: &Path, text: &str) -> bool {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                let bytes = std::fs::read(entry.path()).unwrap();
                if bytes.windows(text.len()).any(|w| w == text.as_bytes()) {
                    return true;
                }
            }
        }
    }
    false
}

/// A notebook with one reflection, encrypted; returns the reflection's title.
fn encrypted_notebook(dir: &Path) -> String {
    let mut harness = open_app(dir);
    begin(&mut harness, "Ms. Okafor");
    settle(&mut harness);
    drop(harness);
    let store = Store::open(
        dir,
        Access::Write {
            wait: Duration::ZERO,
        },
    )
    .unwrap();
    let title = store.load().reflections[0].reflection.display_title();
    store
        .encrypt_notebook(
            &SecretString::from(PASSPHRASE.to_owned()),
            Work::FAST_FOR_TESTS,
        )
        .unwrap();
    assert!(!files_hold(dir, "Okafor"));
    title
}

#[test]
fn a_locked_notebook_shows_nothing_and_a_wrong_then_the_right_passphrase_opens_it() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let title = encrypted_notebook(dir);

    let mut harness = open_app(dir);
    assert!(
        harness.query_by_label(FIELD).is_some(),
        "opens to the unlock screen"
    );
    assert!(!shows(&harness, "Okafor"));
    assert!(!shows(&harness, &title));

    type_keys(&mut harness, FIELD, "window seat by the wall");
    click(&mut harness, "Unlock");
    assert!(shows(&harness, "does not open this notebook"));
    assert!(!shows(&harness, "Okafor"));

    type_keys(&mut harness, FIELD, PASSPHRASE);
    click(&mut harness, "Unlock");
    wait_until_open(&mut harness);
    assert!(harness.query_by_label(FIELD).is_none());
    assert!(shows(&harness, &title), "the notebook is shown");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.run();
    assert!(harness.query_by_label(FIELD).is_some(), "Ctrl+L locks");
    assert!(!shows(&harness, &title));
    assert!(!harness.state().is_opening());
    assert!(!files_hold(dir, "Okafor"), "nothing was written plain");
}

#[test]
fn encryption_is_turned_on_in_settings_and_the_recovery_key_shown_once() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let mut harness = open_app(dir);
    begin(&mut harness, "Ms. Okafor");
    settle(&mut harness);
    assert!(files_hold(dir, "Okafor"));

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
    harness.run();
    type_keys(&mut harness, "New passphrase", PASSPHRASE);
    assert!(shows(&harness, "Strong"));
    type_keys(&mut harness, "The same passphrase again", PASSPHRASE);
    click(
        &mut harness,
        "I understand: without this passphrase or the recovery key, nothing in this notebook can be read again, by me or anyone.",
    );
    click(&mut harness, "Encrypt my notebook");
    settle(&mut harness);
    assert!(
        harness
            .query_by_label("I have kept the recovery key")
            .is_some()
    );
    assert!(!files_hold(dir, "Okafor"), "every file is encrypted");
    let reflections: Vec<_> = std::fs::read_dir(dir.join("reflections"))
        .unwrap()
        .flatten()
        .collect();
    assert!(!reflections.is_empty());
    for entry in reflections {
        assert!(is_encrypted(&std::fs::read(entry.path()).unwrap()));
    }
    click(&mut harness, "I have kept the recovery key");
    assert!(
        harness
            .query_by_label("I have kept the recovery key")
            .is_none()
    );
    assert!(harness.query_by_label("Lock now").is_some());
    click(&mut harness, "Lock now");
    assert!(harness.query_by_label(FIELD).is_some());
}
