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

/// Opens the encrypted notebook in `dir` with a clock the test moves on by
/// hand, unlocks it, and chooses "Lock after 15 minutes" in Settings.
fn unlocked_with_idle_lock(dir: &Path) -> (App, pl_reflect::app::ManualClock) {
    let mut harness = open_app(dir);
    let clock = pl_reflect::app::ManualClock::default();
    harness
        .state_mut()
        .set_clock(std::sync::Arc::new(clock.clone()));
    type_keys(&mut harness, FIELD, PASSPHRASE);
    click(&mut harness, "Unlock");
    wait_until_open(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
    harness.run();
    click(&mut harness, "Lock after 15 minutes without use");
    harness.key_press(egui::Key::Escape);
    harness.run();
    settle(&mut harness);
    (harness, clock)
}

fn move_pointer(harness: &mut App) {
    harness
        .input_mut()
        .events
        .push(egui::Event::PointerMoved(egui::pos2(400.0, 300.0)));
    harness.run();
}

const MINUTE: Duration = Duration::from_mins(1);

#[test]
fn the_window_locks_after_the_chosen_time_without_use_and_input_keeps_it_open() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let title = encrypted_notebook(dir);
    let (mut harness, clock) = unlocked_with_idle_lock(dir);
    let prefs = std::fs::read_to_string(dir.join("settings.json")).unwrap();
    assert!(prefs.contains("\"lock_after_minutes\": 15"), "{prefs}");
    assert!(shows(&harness, &title));

    clock.advance(14 * MINUTE);
    harness.run();
    assert!(shows(&harness, &title), "not yet: 14 of 15 minutes");
    move_pointer(&mut harness);
    clock.advance(14 * MINUTE);
    harness.run();
    assert!(
        harness.query_by_label(FIELD).is_none(),
        "the pointer moved 14 minutes ago: still open"
    );
    assert!(shows(&harness, &title));

    clock.advance(2 * MINUTE);
    harness.run();
    assert!(harness.query_by_label(FIELD).is_some(), "locked by itself");
    assert!(!shows(&harness, &title), "nothing of the notebook is shown");
    assert!(!shows(&harness, "Okafor"));
    assert!(!files_hold(dir, "Okafor"), "nothing was written plain");

    // Unlocked again, the count starts afresh: the time locked is not counted.
    clock.advance(60 * MINUTE);
    type_keys(&mut harness, FIELD, PASSPHRASE);
    click(&mut harness, "Unlock");
    wait_until_open(&mut harness);
    assert!(shows(&harness, &title));
    clock.advance(MINUTE);
    harness.run();
    assert!(harness.query_by_label(FIELD).is_none());
}

#[test]
fn the_idle_lock_waits_for_words_that_could_not_be_saved_and_says_why_once() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let title = encrypted_notebook(dir);
    let (mut harness, clock) = unlocked_with_idle_lock(dir);
    click(&mut harness, &format!("Continue {title}"));
    common::click_starting_with(&mut harness, "Section 3: Practices");
    harness.state_mut().flush();
    // The reflections folder becomes a file: no reflection can be saved.
    std::fs::rename(dir.join("reflections"), dir.join("reflections-away")).unwrap();
    std::fs::write(dir.join("reflections"), b"not a folder").unwrap();
    click(&mut harness, "Station rotation: Trying it");
    settle(&mut harness);

    const WHY: &str = "The notebook was not locked";
    clock.advance(16 * MINUTE);
    harness.run();
    assert!(harness.query_by_label(FIELD).is_none(), "not locked");
    assert!(shows(&harness, WHY), "and it says why");
    let told = harness.query_all_by_label_contains(WHY).count();
    clock.advance(16 * MINUTE);
    harness.run();
    clock.advance(16 * MINUTE);
    harness.run();
    assert!(harness.query_by_label(FIELD).is_none());
    assert_eq!(
        harness.query_all_by_label_contains(WHY).count(),
        told,
        "said once, not again each time"
    );

    // Mended, the words are saved and the next idle time locks.
    std::fs::remove_file(dir.join("reflections")).unwrap();
    std::fs::rename(dir.join("reflections-away"), dir.join("reflections")).unwrap();
    clock.advance(16 * MINUTE);
    harness.run();
    settle(&mut harness);
    assert!(harness.query_by_label(FIELD).is_some(), "locked once saved");
    assert!(!files_hold(dir, "Okafor"));
}
