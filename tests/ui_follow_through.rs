//! Follow-through in the real app: a next step whose date has come greets
//! the teacher on the home screen, and the next steps go to a calendar file.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod common;

use common::{begin, click, click_starting_with, open_app, saved_reflections, type_into};
use egui_kittest::kittest::Queryable;

fn day(offset_days: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset_days))
        .format("%Y-%m-%d")
        .to_string()
}

/// Ms. Rivera flags station rotation with a small step due `revisit_on`.
fn a_step_due(
    harness: &mut egui_kittest::Harness<'static, pl_reflect::app::ReflectApp>,
    revisit_on: &str,
) {
    begin(harness, "Ms. Rivera");
    click_starting_with(harness, "Section 3: Practices");
    click(harness, "Next step I want to try: Station rotation");
    type_into(
        harness,
        "Small step for Station rotation",
        "Two stations on Friday",
    );
    common::type_keys(harness, "Revisit date for Station rotation", revisit_on);
    common::press(harness, egui::Key::Enter);
}

#[test]
fn a_step_due_yesterday_greets_the_teacher_and_still_trying_moves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(dir.path());
    a_step_due(&mut harness, &day(-1));
    click(&mut harness, "My reflections");
    harness.get_by_label("Time to look again");
    harness.get_by_label("Station rotation: Two stations on Friday");

    // Still trying, with a new date: the step moves and the greeting goes.
    click(
        &mut harness,
        "Still trying: Station rotation: Two stations on Friday",
    );
    let later = day(14);
    common::type_keys(
        &mut harness,
        "New revisit date for Station rotation: Two stations on Friday",
        &later,
    );
    common::press(&mut harness, egui::Key::Enter);
    assert!(harness.query_by_label("Time to look again").is_none());
    let saved = saved_reflections(&mut harness, dir.path());
    let step = &saved[0]["answers"]["station-rotation"]["next_step"];
    assert_eq!(step["revisit_on"], later.as_str());
    assert_eq!(step["action"], "Two stations on Friday");
    assert_ne!(step["done"], true);
}

#[test]
fn done_and_not_for_me_now_are_edits_that_keep_the_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(dir.path());
    a_step_due(&mut harness, &day(0));
    click(&mut harness, "My reflections");
    click(
        &mut harness,
        "Not for me now: Station rotation: Two stations on Friday",
    );
    assert!(harness.query_by_label("Time to look again").is_none());
    let saved = saved_reflections(&mut harness, dir.path());
    let step = &saved[0]["answers"]["station-rotation"]["next_step"];
    assert_eq!(step["action"], "Two stations on Friday", "the words stay");
    assert!(step.get("revisit_on").is_none(), "{step}");
}

#[test]
fn done_marks_the_step_done() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(dir.path());
    a_step_due(&mut harness, &day(-2));
    click(&mut harness, "My reflections");
    click(
        &mut harness,
        "Done: Station rotation: Two stations on Friday",
    );
    assert!(harness.query_by_label("Time to look again").is_none());
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(
        saved[0]["answers"]["station-rotation"]["next_step"]["done"],
        true
    );
}

#[test]
fn a_step_not_yet_due_does_not_greet() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(dir.path());
    a_step_due(&mut harness, &day(3));
    click(&mut harness, "My reflections");
    assert!(harness.query_by_label("Time to look again").is_none());
}

#[test]
fn the_calendar_file_holds_the_steps_with_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(dir.path());
    a_step_due(&mut harness, "2027-01-15");
    // From the command palette, as from the File menu.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    harness.run();
    type_into(&mut harness, "Command", "calendar");
    common::press(&mut harness, egui::Key::Enter);
    harness.get_by_label("Add my next steps to my calendar");
    click(&mut harness, "Save…");
    let files = common::wait_for_export(&mut harness, dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].to_string_lossy().ends_with(".ics"), "{files:?}");
    let ics = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        ics.contains("SUMMARY:Station rotation: Two stations on Friday\r\n"),
        "{ics}"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20270115\r\n"), "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
}
