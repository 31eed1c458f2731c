//! What format 2 guides add to the reflecting screen, driven through
//! accessible labels: choosing a grade band, making a plan ("My next step"),
//! and opening a glossary term. Each test checks what reached the disk.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod common;

use common::{begin, click, click_starting_with, open_app, saved_reflections, type_into};
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn choosing_a_grade_band_is_saved_and_shows_the_examples_for_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click(&mut harness, "Examples for grade band");
    click(&mut harness, "Grades K\u{2013}2");
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved[0]["grade_band"], "k-2");
    click_starting_with(&mut harness, "Section 3: Practices I already use");
    harness.get_by_label_contains("For example (K\u{2013}2): While the class is at centres");
    harness.get_by_label_contains("A first step this week: Next week, pull one group of four");
}

#[test]
fn a_plan_takes_a_practice_a_date_and_how_i_will_know() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click_starting_with(&mut harness, "Section 4: My next step");
    click(&mut harness, "Practice for: My next step");
    click(&mut harness, "Exit tickets and quick checks");
    common::type_keys(&mut harness, "Date for: My next step", "2026-12-04");
    common::press(&mut harness, egui::Key::Enter);
    type_into(
        &mut harness,
        "How I will know it worked: My next step",
        "I regroup from the slips twice",
    );
    let saved = saved_reflections(&mut harness, dir.path());
    let plan = &saved[0]["answers"]["my-next-step"]["plan"];
    assert_eq!(plan["practice"], "exit-tickets");
    assert_eq!(plan["date"], "2026-12-04");
    assert_eq!(plan["how_i_will_know"], "I regroup from the slips twice");
    harness.get_by_label_contains("A first step from the guide: End three lessons this week");
}

#[test]
fn a_glossary_term_opens_where_it_appears() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "");
    click_starting_with(&mut harness, "Section 3: Practices I already use");
    assert!(
        harness
            .query_by_label_contains("Station rotation: Students move between")
            .is_none(),
        "closed until asked for"
    );
    let first = || "What is station rotation?";
    harness
        .get_all_by_label(first())
        .next()
        .expect("an i button")
        .scroll_to_me();
    harness.run();
    harness
        .get_all_by_label(first())
        .next()
        .expect("an i button")
        .click();
    harness.run();
    harness.get_by_label_contains("Station rotation: Students move between a few stations");
}

#[test]
fn the_grade_band_is_chosen_when_a_reflection_starts_and_remembered_for_the_next() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "Ms. Rivera");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    click(&mut harness, "Grades K\u{2013}2");
    click(&mut harness, "Start");
    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved.len(), 2);
    assert!(
        saved.iter().any(|r| r["grade_band"] == "k-2"),
        "the new reflection keeps the band chosen in the dialog"
    );
    // The next new reflection starts with the band chosen last.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    assert_eq!(
        harness
            .get_by_label("Grades K\u{2013}2")
            .accesskit_node()
            .toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}
