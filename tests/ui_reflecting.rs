//! The teacher's workflow in the real app, driven through accessible labels.
//! Every test checks what reached the disk, not only what the widgets show.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod common;

use common::{
    begin, click, click_starting_with, find_practice, open_app, reflection_files,
    saved_reflections, type_into,
};
use egui::accesskit::Toggled;
use egui_kittest::kittest::{NodeT, Queryable};

const FIRST_QUESTION: &str =
    "Would I enjoy spending a whole day as a learner in my own class? What about just one hour?";

#[test]
fn first_start_creates_the_teacher_and_a_reflection_on_the_default_guide() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    harness.get_by_label_contains("Everything you write stays on this computer");
    begin(&mut harness, "Ms. Rivera");

    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0]["guide_id"], "where-to-begin");
    assert_eq!(saved[0]["format"], 1);
    let teachers: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("teachers.json")).expect("teachers saved"),
    )
    .expect("json");
    assert_eq!(teachers["teachers"][0]["name"], "Ms. Rivera");
    assert_eq!(saved[0]["teacher_id"], teachers["teachers"][0]["id"]);
}

#[test]
fn typing_an_answer_to_a_big_question_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click_starting_with(&mut harness, "Section 2: Big questions");
    type_into(
        &mut harness,
        FIRST_QUESTION,
        "Most days, yes. Fridays drag.",
    );

    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(
        saved[0]["answers"]["q-a-day-in-my-class"]["text"],
        "Most days, yes. Fridays drag."
    );
}

#[test]
fn practice_levels_next_steps_and_privacy_are_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click_starting_with(&mut harness, "Section 3: Practices I already use");

    click(&mut harness, "Small-group teaching: Regular practice");
    click(&mut harness, "Station rotation: Trying it");
    click(&mut harness, "Next step I want to try: Station rotation");
    type_into(
        &mut harness,
        "Small step for Station rotation",
        "Two stations on Friday",
    );
    common::type_keys(
        &mut harness,
        "Revisit date for Station rotation",
        "2026-12-04",
    );
    common::press(&mut harness, egui::Key::Enter);
    click(&mut harness, "Keep private: Station rotation");

    let saved = saved_reflections(&mut harness, dir.path());
    let answers = &saved[0]["answers"];
    assert_eq!(answers["small-group-instruction"]["level"], "regular");
    assert_eq!(answers["station-rotation"]["level"], "trying");
    assert_eq!(
        answers["station-rotation"]["next_step"]["action"],
        "Two stations on Friday"
    );
    assert_eq!(
        answers["station-rotation"]["next_step"]["revisit_on"],
        "2026-12-04"
    );
    assert_eq!(answers["station-rotation"]["private"], true);
    assert!(
        answers["small-group-instruction"].get("private").is_none(),
        "only the chosen answer is private"
    );

    // Clicking the chosen level again (a double-click) keeps it.
    click(&mut harness, "Small-group teaching: Regular practice");
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(
        saved[0]["answers"]["small-group-instruction"]["level"],
        "regular"
    );
    // Clearing is deliberate.
    click(&mut harness, "Clear the level of Small-group teaching");
    let saved = saved_reflections(&mut harness, dir.path());
    assert!(saved[0]["answers"].get("small-group-instruction").is_none());
}

#[test]
fn statements_are_affirmed_with_a_toggle() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click(&mut harness, "I care about the students I teach.");
    type_into(
        &mut harness,
        "Note on: I care about the students I teach.",
        "Lunch with Sam",
    );
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved[0]["answers"]["truth-i-care"]["affirmed"], true);
    assert_eq!(
        saved[0]["answers"]["truth-i-care"]["note"],
        "Lunch with Sam"
    );
}

#[test]
fn every_answer_is_found_again_after_closing_and_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut harness = open_app(dir.path());
        begin(&mut harness, "Ms. Rivera");
        click_starting_with(&mut harness, "Section 2: Big questions");
        type_into(&mut harness, FIRST_QUESTION, "Words worth keeping");
        find_practice(&mut harness, "Students set goals");
        click(&mut harness, "Students set goals: Could coach others");
        // Closing the window without waiting: dropping the app must flush.
    }
    let mut harness = open_app(dir.path());
    assert!(
        harness.query_by_label("Start reflecting").is_none(),
        "a returning teacher goes straight home"
    );
    click_starting_with(&mut harness, "Continue ");
    click_starting_with(&mut harness, "Section 2: Big questions");
    assert_eq!(
        harness.get_by_label(FIRST_QUESTION).value().as_deref(),
        Some("Words worth keeping")
    );
    find_practice(&mut harness, "Students set goals");
    let chosen = harness.get_by_label("Students set goals: Could coach others");
    assert_eq!(chosen.accesskit_node().toggled(), Some(Toggled::True));

    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(
        saved[0]["answers"]["q-a-day-in-my-class"]["text"],
        "Words worth keeping"
    );
    assert_eq!(saved[0]["answers"]["goal-setting"]["level"], "could-coach");
}

#[test]
fn a_deleted_reflection_can_be_restored_for_the_rest_of_the_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click_starting_with(&mut harness, "Section 2: Big questions");
    type_into(&mut harness, FIRST_QUESTION, "Keep me");
    click(&mut harness, "My reflections");
    click_starting_with(&mut harness, "Delete ");
    click(&mut harness, "Delete reflection");
    harness.state_mut().flush();
    assert!(
        reflection_files(dir.path()).is_empty(),
        "the file left the reflections folder"
    );
    assert!(harness.query_by_label_contains("Continue ").is_none());

    click(&mut harness, "Undo delete");
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved.len(), 1);
    assert_eq!(
        saved[0]["answers"]["q-a-day-in-my-class"]["text"],
        "Keep me"
    );
    harness.get_by_label_contains("Continue ");
}

#[test]
fn duplicating_a_reflection_starts_a_new_check_in_with_the_same_answers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    find_practice(&mut harness, "Exit tickets and quick checks");
    click(
        &mut harness,
        "Exit tickets and quick checks: Regular practice",
    );
    click(&mut harness, "My reflections");
    click_starting_with(&mut harness, "Duplicate ");
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved.len(), 2);
    assert!(
        saved
            .iter()
            .all(|r| r["answers"]["exit-tickets"]["level"] == "regular")
    );
    assert_ne!(saved[0]["id"], saved[1]["id"]);
}

#[test]
fn keyboard_shortcuts_move_between_sections_and_find_a_practice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::PageDown);
    harness.run();
    harness.get_by_label(FIRST_QUESTION);

    find_practice(&mut harness, "Badges for skills");
    click(&mut harness, "Badges for skills: Trying it");
    assert_eq!(
        harness
            .get_by_label("Badges for skills: Trying it")
            .accesskit_node()
            .toggled(),
        Some(Toggled::True)
    );
    assert_eq!(
        harness
            .get_by_label("Badges for skills: Not yet")
            .accesskit_node()
            .toggled(),
        Some(Toggled::False)
    );
    assert!(
        harness.query_by_label(FIRST_QUESTION).is_none(),
        "jumped to the checklist"
    );
}

#[test]
fn a_corrupt_file_is_shown_as_a_problem_and_the_rest_still_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut harness = open_app(dir.path());
        begin(&mut harness, "");
        click_starting_with(&mut harness, "Section 2: Big questions");
        type_into(&mut harness, FIRST_QUESTION, "Still here");
    }
    let broken = dir.path().join("reflections/r-broken-000000.json");
    std::fs::write(
        &broken,
        b"{\n  \"format\": 1,\n  \"id\": \"r-broken-000000\",\n  oops\n}\n",
    )
    .expect("write corrupt file");

    let mut harness = open_app(dir.path());
    let problem = harness.get_by_label_contains("r-broken-000000.json");
    let text = problem
        .value()
        .or_else(|| problem.accesskit_node().label())
        .unwrap_or_default();
    assert!(
        text.contains(":4:3"),
        "the problem names line and column: {text}"
    );
    click_starting_with(&mut harness, "Continue ");
    click_starting_with(&mut harness, "Section 2: Big questions");
    assert_eq!(
        harness.get_by_label(FIRST_QUESTION).value().as_deref(),
        Some("Still here")
    );
    harness.state_mut().flush();
    assert_eq!(
        std::fs::read(&broken).expect("still there"),
        b"{\n  \"format\": 1,\n  \"id\": \"r-broken-000000\",\n  oops\n}\n",
        "the corrupt file was not touched"
    );
}

#[test]
fn theme_and_zoom_are_remembered() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut harness = open_app(dir.path());
        begin(&mut harness, "");
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
        harness.run();
        click(&mut harness, "Dark");
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
        harness.run();
    }
    let settings: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("settings.json")).expect("settings saved"),
    )
    .expect("json");
    assert_eq!(settings["theme"], "dark");
    assert!((settings["zoom"].as_f64().expect("zoom") - 1.1).abs() < 1e-6);
    let harness = open_app(dir.path());
    assert!((harness.ctx.zoom_factor() - 1.1).abs() < 1e-6);
}

#[test]
fn the_last_practice_of_a_thousand_practice_guide_can_be_reached_and_answered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let guides = tempfile::tempdir().expect("tempdir");
    common::write_stress_guide(guides.path(), 1000);
    let mut harness = common::open_app_with_guides(dir.path(), guides.path());
    click(&mut harness, "Look around first");
    click(&mut harness, "Start Stress guide");
    // Far rows are not drawn, so they are not on screen yet.
    assert!(
        harness
            .query_by_label("Practice number 999: Regular")
            .is_none()
    );
    find_practice(&mut harness, "Practice number 999");
    click(&mut harness, "Practice number 999: Regular");
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved[0]["guide_id"], "stress");
    assert_eq!(saved[0]["answers"]["practice-999"]["level"], "regular");
}

#[test]
fn a_delete_the_disk_refuses_puts_the_reflection_back_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click_starting_with(&mut harness, "Section 2: Big questions");
    type_into(&mut harness, FIRST_QUESTION, "Mine");
    click(&mut harness, "My reflections");
    harness.state_mut().flush();
    // Something outside the app damages the file; the store will not move a damaged file.
    let file = reflection_files(dir.path()).pop().expect("saved");
    std::fs::write(&file, b"{ damaged").expect("damage");
    click_starting_with(&mut harness, "Delete ");
    click(&mut harness, "Delete reflection");
    harness.state_mut().flush();
    harness.run();
    harness.get_by_label_contains("The reflection was not deleted");
    harness.get_by_label_contains("Continue ");
    assert_eq!(std::fs::read(&file).expect("still there"), b"{ damaged");
}

/// The app on `dir` whose notebook arrives only when the test sends it.
fn open_app_reading_slowly(
    dir: &std::path::Path,
) -> (
    egui_kittest::Harness<'static, pl_reflect::app::ReflectApp>,
    std::sync::Arc<pl_reflect::store::Store>,
    std::sync::mpsc::Sender<pl_reflect::store::Snapshot>,
) {
    let config = common::config(dir);
    let store = std::sync::Arc::new(
        pl_reflect::store::Store::open(
            dir,
            pl_reflect::store::Access::Write {
                wait: config.lock_wait,
            },
        )
        .expect("store"),
    );
    let (sender, receiver) = std::sync::mpsc::channel();
    let opening = pl_reflect::app::OpeningNotebook::from_parts(
        std::sync::Arc::clone(&store),
        pl_reflect::guide::GuideLibrary::load(&[]),
        receiver,
    );
    let harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            pl_reflect::app::ReflectApp::with_opening(&cc.egui_ctx, config, opening)
        });
    (harness, store, sender)
}

#[test]
fn a_notebook_slow_to_read_shows_that_it_is_opening_then_shows_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut harness = open_app(dir.path());
        begin(&mut harness, "Ms. Rivera");
        harness.state_mut().flush();
    }
    let (mut harness, store, sender) = open_app_reading_slowly(dir.path());
    harness.step();
    harness.get_by_label("Opening your notebook…");
    assert!(harness.state().is_opening());
    // Nothing can be started while the notebook is not there.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.step();
    assert!(harness.query_by_label("Start").is_none());

    sender.send(store.load()).expect("send");
    for _ in 0..5 {
        harness.step();
    }
    assert!(!harness.state().is_opening());
    assert!(harness.query_by_label("Opening your notebook…").is_none());
    harness.get_by_label_contains("Continue");
}

#[test]
fn a_notebook_that_cannot_be_read_says_so_instead_of_showing_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut harness, _store, sender) = open_app_reading_slowly(dir.path());
    drop(sender);
    for _ in 0..5 {
        harness.step();
    }
    assert!(!harness.state().is_opening());
    harness.get_by_label_contains("Your notebook could not be read");
}

#[test]
fn the_keyboard_reaches_everything_from_the_palette_and_focus_starts_on_the_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    // The welcome screen takes typing at once; Enter starts the guide.
    for ch in "Ms. Rivera".chars() {
        harness.event(egui::Event::Text(ch.to_string()));
        harness.step();
    }
    common::press(&mut harness, egui::Key::Enter);
    // The section opens with the focus on its heading, not on the menus.
    let heading = harness.get_by_label("What I know to be true");
    assert!(heading.is_focused(), "{heading:?}");

    // Ctrl+K: type part of a command's name, Enter runs it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    harness.run();
    for ch in "summary".chars() {
        harness.event(egui::Event::Text(ch.to_string()));
        harness.step();
    }
    common::press(&mut harness, egui::Key::Enter);
    harness.get_by_label("Export readiness summary…");

    // Settings has a way back, and Escape leaves it too.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
    harness.run();
    click(&mut harness, "Back from Settings");
    harness.get_by_label("Export readiness summary…");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
    harness.run();
    common::press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label("Back from Settings").is_none());
    harness.state_mut().flush();
    let teachers: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("teachers.json")).expect("teachers"))
            .expect("json");
    assert_eq!(teachers["teachers"][0]["name"], "Ms. Rivera");
}

#[test]
fn find_a_practice_works_from_the_keyboard_and_lands_on_the_practice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    for ch in "station".chars() {
        harness.event(egui::Event::Text(ch.to_string()));
        harness.step();
    }
    harness.run();
    // The results are reachable with the arrow keys while the field keeps the typing.
    common::press(&mut harness, egui::Key::ArrowDown);
    common::press(&mut harness, egui::Key::ArrowUp);
    common::press(&mut harness, egui::Key::Enter);
    let landed = harness
        .query_all(egui_kittest::kittest::By::new().predicate(|n| n.is_focused()))
        .filter_map(|n| n.accesskit_node().label())
        .collect::<Vec<_>>();
    assert_eq!(
        landed,
        ["Station rotation"],
        "the focus is on the chosen practice"
    );
}

#[test]
fn a_clicked_button_takes_the_keyboard_focus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Station rotation: Trying it");
    assert!(
        harness
            .get_by_label("Station rotation: Trying it")
            .is_focused()
    );
}

#[test]
fn escape_in_a_field_puts_the_focus_back_on_the_page_not_the_menus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click_starting_with(&mut harness, "Section 2: Big questions");
    type_into(&mut harness, FIRST_QUESTION, "A few words");
    common::press(&mut harness, egui::Key::Escape);
    assert!(harness.get_by_label("Big questions").is_focused());
}
