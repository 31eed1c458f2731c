//! Every version kept, in the real app: the history screen, undo and redo,
//! and the trash, driven through accessible names. Every test checks what
//! reached the disk: the reflection's file, its history and the trash.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod common;

use common::{begin, click, click_starting_with, open_app, press, saved_reflections, type_into};
use egui_kittest::kittest::{NodeT, Queryable};

const FIRST_QUESTION: &str =
    "Would I enjoy spending a whole day as a learner in my own class? What about just one hour?";

type App = egui_kittest::Harness<'static, pl_reflect::app::ReflectApp>;

/// The saved answer to the first big question, if any.
fn saved_text(harness: &mut App, dir: &std::path::Path) -> Option<String> {
    let saved = saved_reflections(harness, dir);
    saved[0]["answers"]["q-a-day-in-my-class"]["text"]
        .as_str()
        .map(str::to_owned)
}

fn saved_level(harness: &mut App, dir: &std::path::Path, item: &str) -> Option<String> {
    let saved = saved_reflections(harness, dir);
    saved[0]["answers"][item]["level"]
        .as_str()
        .map(str::to_owned)
}

/// The version files of the only reflection.
fn versions(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let history = dir.join("history");
    let Some(folder) = common::files_in(&history).into_iter().next() else {
        return Vec::new();
    };
    let mut files = common::files_in(&folder);
    files.sort();
    files
}

fn ctrl(harness: &mut App, key: egui::Key) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, key);
    harness.run();
}

fn ctrl_shift(harness: &mut App, key: egui::Key) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, key);
    harness.run();
}

#[test]
fn an_answer_changed_three_times_comes_back_from_its_history_and_the_restore_can_be_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    // The new reflection is saved on its own: its first version holds no answer.
    harness.state_mut().flush();
    click_starting_with(&mut harness, "Section 2: Big questions");
    for words in ["Most days.", "Most days, yes.", "Not on Fridays."] {
        common::replace_text(&mut harness, FIRST_QUESTION, words);
        press(&mut harness, egui::Key::Escape);
        // Each change saved on its own: three versions.
        harness.state_mut().flush();
    }
    assert_eq!(
        saved_text(&mut harness, dir.path()).as_deref(),
        Some("Not on Fridays.")
    );
    let before = versions(dir.path()).len();
    assert_eq!(
        before,
        4,
        "the new reflection and three changes: {:?}",
        versions(dir.path())
    );

    click(&mut harness, "History");
    harness.get_by_label_contains("History of");
    // Newest first: now, the second change, the first change, the empty start.
    let rows: Vec<String> = harness
        .get_all_by_label_contains(", saved ")
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows[0].contains("as it is now"), "{rows:?}");
    assert!(rows[2].contains("1 answer changed"), "{rows:?}");
    assert!(rows[3].contains("First version"), "{rows:?}");
    click(&mut harness, &rows[2]);
    // The version opens read-only, its changed answer marked.
    harness.get_by_label_contains("Changed in this version");
    harness.get_by_label("Most days.");
    click(
        &mut harness,
        &format!("Bring back this answer: {FIRST_QUESTION}"),
    );
    assert_eq!(
        saved_text(&mut harness, dir.path()).as_deref(),
        Some("Most days.")
    );
    common::settle(&mut harness);
    assert_eq!(
        versions(dir.path()).len(),
        before + 1,
        "the restore is a version of its own"
    );

    // Undo the restore, from the history screen.
    ctrl(&mut harness, egui::Key::Z);
    assert_eq!(
        saved_text(&mut harness, dir.path()).as_deref(),
        Some("Not on Fridays.")
    );
    harness.get_by_label_contains("Undone: bringing back");
    // And make it again.
    ctrl_shift(&mut harness, egui::Key::Z);
    assert_eq!(
        saved_text(&mut harness, dir.path()).as_deref(),
        Some("Most days.")
    );
    common::settle(&mut harness);
    assert_eq!(versions(dir.path()).len(), before + 3);
    // The list follows: the restore and its undo and redo are versions there.
    assert_eq!(
        harness.get_all_by_label_contains(", saved ").count(),
        before + 3
    );

    // The whole first version (the empty start) comes back too.
    let first = harness
        .get_all_by_label_contains(", saved ")
        .last()
        .and_then(|n| n.accesskit_node().label())
        .unwrap_or_default();
    click(&mut harness, &first);
    click(&mut harness, "Restore this whole version");
    assert_eq!(saved_text(&mut harness, dir.path()), None);
}

#[test]
fn ctrl_z_takes_back_a_level_change_and_a_text_field_keeps_its_own_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click_starting_with(&mut harness, "Section 3: Practices I already use");
    click(&mut harness, "Station rotation: Trying it");
    click(&mut harness, "Station rotation: Regular practice");
    assert_eq!(
        saved_level(&mut harness, dir.path(), "station-rotation").as_deref(),
        Some("regular")
    );

    ctrl(&mut harness, egui::Key::Z);
    assert_eq!(
        saved_level(&mut harness, dir.path(), "station-rotation").as_deref(),
        Some("trying")
    );
    harness.get_by_label_contains("Undone: the level of Station rotation");
    ctrl(&mut harness, egui::Key::Z);
    assert_eq!(
        saved_level(&mut harness, dir.path(), "station-rotation"),
        None
    );
    ctrl_shift(&mut harness, egui::Key::Z);
    ctrl_shift(&mut harness, egui::Key::Z);
    assert_eq!(
        saved_level(&mut harness, dir.path(), "station-rotation").as_deref(),
        Some("regular")
    );

    // Typing in a field: Ctrl+Z there is the field's own, and leaves the level alone.
    type_into(
        &mut harness,
        "What Station rotation looks like in my room",
        "Two groups",
    );
    ctrl(&mut harness, egui::Key::Z);
    assert_eq!(
        saved_level(&mut harness, dir.path(), "station-rotation").as_deref(),
        Some("regular")
    );
    // Out of the field, Ctrl+Z takes back the typing as one step, then the level.
    press(&mut harness, egui::Key::Escape);
    ctrl(&mut harness, egui::Key::Z);
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved[0]["answers"]["station-rotation"].get("note"), None);
    assert_eq!(saved[0]["answers"]["station-rotation"]["level"], "regular");
    ctrl(&mut harness, egui::Key::Z);
    assert_eq!(
        saved_level(&mut harness, dir.path(), "station-rotation").as_deref(),
        Some("trying")
    );

    // The Edit menu does the same.
    click(&mut harness, "Edit");
    click(&mut harness, "Redo");
    assert_eq!(
        saved_level(&mut harness, dir.path(), "station-rotation").as_deref(),
        Some("regular")
    );
    click(&mut harness, "Edit");
    click(&mut harness, "Undo");
    assert_eq!(
        saved_level(&mut harness, dir.path(), "station-rotation").as_deref(),
        Some("trying")
    );
}

#[test]
fn a_private_flag_a_next_step_and_a_statement_are_undone_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click(&mut harness, "I care about the students I teach.");
    click(
        &mut harness,
        "Keep private: I care about the students I teach.",
    );
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved[0]["answers"]["truth-i-care"]["private"], true);
    ctrl(&mut harness, egui::Key::Z);
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved[0]["answers"]["truth-i-care"].get("private"), None);
    assert_eq!(saved[0]["answers"]["truth-i-care"]["affirmed"], true);
    ctrl(&mut harness, egui::Key::Z);
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved[0]["answers"].get("truth-i-care"), None);

    click_starting_with(&mut harness, "Section 3: Practices I already use");
    click(&mut harness, "Next step I want to try: Station rotation");
    let saved = saved_reflections(&mut harness, dir.path());
    assert!(saved[0]["answers"]["station-rotation"]["next_step"].is_object());
    ctrl(&mut harness, egui::Key::Z);
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved[0]["answers"].get("station-rotation"), None);
}

#[test]
fn a_deleted_reflection_is_found_in_the_trash_and_restored_with_its_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    // The new reflection is saved on its own: its first version holds no answer.
    harness.state_mut().flush();
    click_starting_with(&mut harness, "Section 2: Big questions");
    type_into(&mut harness, FIRST_QUESTION, "Most days.");
    press(&mut harness, egui::Key::Escape);
    harness.state_mut().flush();
    let id = saved_reflections(&mut harness, dir.path())[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let kept = versions(dir.path()).len();
    assert!(kept >= 2);

    click(&mut harness, "My reflections");
    let title = harness
        .get_by_label_contains("Delete ")
        .accesskit_node()
        .label()
        .unwrap_or_default()
        .trim_start_matches("Delete ")
        .to_owned();
    click(&mut harness, &format!("Delete {title}"));
    click(&mut harness, "Delete reflection");
    harness.state_mut().flush();
    assert!(dir.path().join("trash").join(format!("{id}.json")).exists());
    assert!(
        dir.path().join("trash/history").join(&id).is_dir(),
        "the history went with it"
    );

    click(&mut harness, "File");
    click(&mut harness, "Trash");
    common::settle(&mut harness);
    harness.get_by_label_contains(&format!("{kept} earlier versions"));
    click(&mut harness, &format!("Open \"{title}\" from the trash"));
    harness.get_by_label("Most days.");
    click(&mut harness, &format!("Restore \"{title}\""));
    harness.state_mut().flush();
    assert!(
        dir.path()
            .join("reflections")
            .join(format!("{id}.json"))
            .exists()
    );
    assert!(!dir.path().join("trash").join(format!("{id}.json")).exists());
    assert_eq!(
        versions(dir.path()).len(),
        kept,
        "its history came back with it"
    );
    common::settle(&mut harness);
    harness.get_by_label("The trash is empty.");
    assert_eq!(
        saved_text(&mut harness, dir.path()).as_deref(),
        Some("Most days.")
    );
}

#[test]
fn removing_for_good_asks_first_and_names_what_goes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    harness.state_mut().flush();
    let id = saved_reflections(&mut harness, dir.path())[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    click(&mut harness, "My reflections");
    let title = harness
        .get_by_label_contains("Delete ")
        .accesskit_node()
        .label()
        .unwrap_or_default()
        .trim_start_matches("Delete ")
        .to_owned();
    click(&mut harness, &format!("Delete {title}"));
    click(&mut harness, "Delete reflection");
    harness.state_mut().flush();

    click(&mut harness, "File");
    click(&mut harness, "Trash");
    common::settle(&mut harness);
    click(&mut harness, &format!("Remove \"{title}\" for good"));
    harness.get_by_label_contains("and its 1 earlier version will be gone");
    click(&mut harness, "No, keep it");
    assert!(dir.path().join("trash").join(format!("{id}.json")).exists());
    click(&mut harness, &format!("Remove \"{title}\" for good"));
    click(&mut harness, "Yes, remove it for good");
    harness.state_mut().flush();
    assert!(!dir.path().join("trash").join(format!("{id}.json")).exists());
    assert!(!dir.path().join("trash/history").join(&id).exists());
    common::settle(&mut harness);
    harness.get_by_label("The trash is empty.");
}

fn saved_session(harness: &mut App, dir: &std::path::Path) -> serde_json::Value {
    harness.state_mut().flush();
    let file = common::files_in(&dir.join("sessions"))
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a session file");
    serde_json::from_slice(&std::fs::read(file).expect("read")).expect("json")
}

#[test]
fn a_coach_sessions_notes_are_undone_and_brought_back_from_its_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "Ms. Rivera");
    click(&mut harness, "File");
    click(&mut harness, "Add a teacher…");
    type_into(&mut harness, "Teacher's name", "Mr. Chen");
    click(&mut harness, "Add teacher");
    click(&mut harness, "New session with Mr. Chen");
    harness.state_mut().flush();
    for notes in ["Wants to visit a station", "Rewritten later"] {
        common::replace_text(&mut harness, "Session notes", notes);
        press(&mut harness, egui::Key::Escape);
        harness.state_mut().flush();
        // A pause, as a person makes: typing with pauses under 2 s is one step to undo.
        std::thread::sleep(std::time::Duration::from_millis(2100));
    }
    type_into(&mut harness, "New agreed step", "Two stations on Friday");
    click(&mut harness, "Add step");
    harness.state_mut().flush();
    assert_eq!(
        saved_session(&mut harness, dir.path())["next_steps"][0]["text"],
        "Two stations on Friday"
    );

    // Ctrl+Z: the step goes, then the rewrite.
    ctrl(&mut harness, egui::Key::Z);
    assert_eq!(
        saved_session(&mut harness, dir.path())["next_steps"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    ctrl(&mut harness, egui::Key::Z);
    harness.state_mut().flush();
    assert_eq!(
        saved_session(&mut harness, dir.path())["notes"],
        "Wants to visit a station"
    );
    ctrl_shift(&mut harness, egui::Key::Z);
    harness.state_mut().flush();
    assert_eq!(
        saved_session(&mut harness, dir.path())["notes"],
        "Rewritten later"
    );

    // From the session's history, the first notes come back.
    click(&mut harness, "History of this session");
    common::settle(&mut harness);
    let rows: Vec<String> = harness
        .get_all_by_label_contains(", saved ")
        .map(|n| n.accesskit_node().label().unwrap_or_default().clone())
        .collect();
    let first_notes = rows
        .iter()
        .rev()
        .find(|r| r.contains("Session notes changed"))
        .expect("the version that wrote the notes")
        .clone();
    click(&mut harness, &first_notes);
    click(&mut harness, "Bring back this part: Session notes");
    harness.state_mut().flush();
    let session = saved_session(&mut harness, dir.path());
    assert_eq!(session["notes"], "Wants to visit a station");
    // Only the notes came back: the step undone above stays undone.
    assert_eq!(session["next_steps"].as_array().map(Vec::len), Some(0));
}
