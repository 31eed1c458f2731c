//! Words are never lost at quit: when the notebook cannot take a save, the
//! window stays open, says why, keeps a copy outside the data folder, and the
//! next start brings the words back.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod common;

use common::{begin, click, click_starting_with, open_app, recovery_dir};

use egui_kittest::kittest::Queryable;

/// Makes every save of a reflection fail, as a full or broken disk does:
/// the reflections folder becomes a plain file.
fn break_reflections_folder(data_dir: &std::path::Path) {
    std::fs::rename(
        data_dir.join("reflections"),
        data_dir.join("reflections-away"),
    )
    .expect("move away");
    std::fs::write(data_dir.join("reflections"), b"not a folder").expect("block");
}

fn mend_reflections_folder(data_dir: &std::path::Path) {
    std::fs::remove_file(data_dir.join("reflections")).expect("unblock");
    std::fs::rename(
        data_dir.join("reflections-away"),
        data_dir.join("reflections"),
    )
    .expect("move back");
}

type App = egui_kittest::Harness<'static, pl_reflect::app::ReflectApp>;

/// Asks the window to close, as the close button, Ctrl+Q or the window
/// manager do. Returns whether the app cancelled the close.
fn request_close(harness: &mut App) -> bool {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    let cancelled = sent(harness, &egui::ViewportCommand::CancelClose);
    harness.run();
    cancelled
}

/// Whether the last frame sent this command to the window.
fn sent(harness: &App, command: &egui::ViewportCommand) -> bool {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(command))
}

/// Clicks a button and returns whether that frame asked the window to close.
fn click_and_see_close(harness: &mut App, label: &str) -> bool {
    harness.get_by_label(label).click();
    harness.step();
    let closing = sent(harness, &egui::ViewportCommand::Close);
    harness.run();
    closing
}

fn saved_level(data_dir: &std::path::Path) -> Option<String> {
    let files = common::reflection_files(data_dir);
    let file = files.first()?;
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
    json["answers"]["station-rotation"]["level"]
        .as_str()
        .map(str::to_owned)
}

#[test]
fn quitting_with_words_the_disk_refused_keeps_the_window_open_until_they_are_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "Ms. Rivera");
    click_starting_with(&mut harness, "Section 3: Practices");
    harness.state_mut().flush();

    break_reflections_folder(dir.path());
    click(&mut harness, "Station rotation: Regular practice");
    assert!(request_close(&mut harness), "the window must not close");
    harness.get_by_label("Your latest words are not saved yet");
    // A copy is kept outside the data folder as well.
    let kept = common::files_in(&recovery_dir(dir.path()));
    assert_eq!(kept.len(), 1, "{kept:?}");
    let kept_text = std::fs::read_to_string(&kept[0]).expect("read copy");
    assert!(kept_text.contains("\"regular\""), "{kept_text}");

    // Once the folder takes saves again, "Try again" saves and lets it close.
    mend_reflections_folder(dir.path());
    assert!(click_and_see_close(&mut harness, "Try again"));
    let still = request_close(&mut harness);
    assert!(!still, "everything saved: the window closes");
    assert_eq!(saved_level(dir.path()).as_deref(), Some("regular"));
    assert!(
        common::files_in(&recovery_dir(dir.path())).is_empty(),
        "the copy is forgotten once saved"
    );
}

#[test]
fn words_kept_after_a_failed_save_are_offered_back_on_the_next_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut harness = open_app(dir.path());
        begin(&mut harness, "Ms. Rivera");
        click_starting_with(&mut harness, "Section 3: Practices");
        harness.state_mut().flush();
        break_reflections_folder(dir.path());
        click(&mut harness, "Station rotation: Trying it");
        assert!(request_close(&mut harness));
        assert!(
            click_and_see_close(&mut harness, "Quit without saving"),
            "Quit without saving closes the window"
        );
        assert!(
            !request_close(&mut harness),
            "and the close is not cancelled"
        );
    }
    mend_reflections_folder(dir.path());
    assert_eq!(saved_level(dir.path()), None, "the disk never had it");

    let mut harness = open_app(dir.path());
    harness.get_by_label("Words from last time were kept");
    click(&mut harness, "Bring them back");
    harness.state_mut().flush();
    assert_eq!(saved_level(dir.path()).as_deref(), Some("trying"));
    assert!(common::files_in(&recovery_dir(dir.path())).is_empty());
}

#[test]
fn a_copy_of_unsaved_words_can_be_saved_elsewhere_and_imported_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = tempfile::tempdir().expect("elsewhere");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "Ms. Rivera");
    click_starting_with(&mut harness, "Section 3: Practices");
    harness.state_mut().flush();
    break_reflections_folder(dir.path());
    click(&mut harness, "Station rotation: Regular practice");
    assert!(request_close(&mut harness));
    click(&mut harness, "Save a copy elsewhere…");
    // The app's own chooser: type the folder, press Enter, save there.
    common::go_to_in_chooser(&mut harness, elsewhere.path());
    click(&mut harness, "Save the copy here");
    harness.get_by_label("A copy of your words is kept");
    let copies = common::files_in(elsewhere.path());
    assert_eq!(copies.len(), 1, "{copies:?}");
    let bytes = std::fs::read(&copies[0]).expect("copy");
    let export = pl_reflect::export::json::parse_exported(&bytes).expect("imports back");
    assert_eq!(
        export.reflection.answers["station-rotation"]
            .level
            .as_deref(),
        Some("regular")
    );
}

#[test]
fn a_teacher_list_from_a_newer_version_refuses_a_rename_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut harness = open_app(dir.path());
        begin(&mut harness, "Ms. Rivera");
        harness.state_mut().flush();
    }
    let path = dir.path().join("teachers.json");
    let mut teachers: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("teachers")).expect("json");
    teachers["format"] = serde_json::json!(99);
    std::fs::write(&path, serde_json::to_vec_pretty(&teachers).expect("json")).expect("write");
    let before = std::fs::read(&path).expect("read");

    let mut harness = open_app(dir.path());
    click(&mut harness, "File");
    click(&mut harness, "Add a teacher…");
    common::type_keys(&mut harness, "Teacher's name", "Mr. Chen");
    click(&mut harness, "Add teacher");
    harness.get_by_label_contains("The teacher list cannot be changed");
    assert!(
        !request_close(&mut harness),
        "nothing was accepted, so nothing is pending"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn after_a_crash_the_next_start_says_so_and_reopens_where_the_teacher_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let crashed = tempfile::tempdir().expect("tempdir");
    {
        let mut harness = open_app(dir.path());
        begin(&mut harness, "Ms. Rivera");
        common::find_practice(&mut harness, "Students set goals");
        click(&mut harness, "Students set goals: Could coach others");
        harness.state_mut().flush();
        // A crash leaves the folder as it is while the window is open.
        copy_folder(dir.path(), crashed.path());
    }
    let harness = open_app(crashed.path());
    harness.get_by_label_contains("PL Reflect did not close normally last time");
    harness.get_by_label_contains("was kept");
    // Back on the practices, at the practice last changed.
    harness.get_by_label("Clear the level of Students set goals");

    // A normal close leaves nothing to report.
    drop(harness);
    let harness = open_app(crashed.path());
    assert!(
        harness
            .query_by_label_contains("did not close normally")
            .is_none()
    );
    // And the window that closed normally had nothing to report either.
    let harness = open_app(dir.path());
    assert!(
        harness
            .query_by_label_contains("did not close normally")
            .is_none()
    );
}

fn copy_folder(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn a_copy_left_by_a_synced_folder_is_shown_side_by_side_and_chosen_answer_by_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut harness = open_app(dir.path());
        begin(&mut harness, "Ms. Rivera");
        click_starting_with(&mut harness, "Section 2: Big questions");
        common::type_into(
            &mut harness,
            "Would I enjoy spending a whole day as a learner in my own class? What about just one hour?",
            "Written here",
        );
        harness.state_mut().flush();
    }
    // Another computer changed the same reflection; the sync service kept both.
    let file = common::reflection_files(dir.path()).pop().expect("saved");
    let mut other: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
    other["answers"]["q-a-day-in-my-class"]["text"] = serde_json::json!("Written on the laptop");
    let stem = file
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    let copy = file.with_file_name(format!("{stem} (conflicted copy 2026-12-01).json"));
    std::fs::write(&copy, serde_json::to_vec_pretty(&other).expect("json")).expect("write copy");

    let mut harness = open_app(dir.path());
    click(&mut harness, "Sync conflicts (1)");
    harness.get_by_label("Copies from a synced folder");
    harness.get_by_label_contains("Written here");
    harness.get_by_label_contains("Written on the laptop");
    click_starting_with(&mut harness, "Keep in the copy for");
    click_starting_with(&mut harness, "Keep these answers for");
    harness.state_mut().flush();
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
    assert_eq!(
        saved["answers"]["q-a-day-in-my-class"]["text"],
        "Written on the laptop"
    );
    assert!(!copy.exists(), "the copy left the reflections folder");
    let aside = common::files_in(&dir.path().join("trash").join("conflicts"));
    assert_eq!(aside.len(), 1, "and waits in the trash: {aside:?}");
    harness.get_by_label("No copies are waiting.");
}

#[test]
fn the_notebook_moves_to_another_folder_checked_and_the_old_one_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let stick = tempfile::tempdir().expect("stick");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "Ms. Rivera");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Station rotation: Trying it");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
    harness.run();
    click(&mut harness, "Move my notebook…");
    common::go_to_in_chooser(&mut harness, stick.path());
    click(&mut harness, "Move my notebook here");
    harness.get_by_label("Your notebook has moved");
    let new = stick.path().join("PL Reflect notebook");
    let moved = common::reflection_files(&new);
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert!(
        std::fs::read_to_string(&moved[0])
            .expect("read")
            .contains("\"trying\"")
    );
    // Later starts open the new place; the old folder is as it was, with a note.
    let pointer = std::fs::read_to_string(common::pointer_file(dir.path())).expect("pointer");
    assert_eq!(pointer.trim(), new.display().to_string());
    assert_eq!(common::reflection_files(dir.path()).len(), 1);
    assert!(dir.path().join("MOVED.txt").exists());
    assert!(
        click_and_see_close(&mut harness, "OK"),
        "PL Reflect closes to reopen there"
    );
}
