//! A whole reflection with the keyboard alone: Tab, Shift+Tab, the arrows,
//! Space and Enter, and typed text. No click, no focus set by the test: the
//! focus goes only where the keys take it, and what was done is read back
//! from the saved file.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod common;

use common::{open_app, saved_reflections};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use pl_reflect::app::ReflectApp;

type App = Harness<'static, ReflectApp>;

/// The label of the control that has the keyboard focus, if any.
fn focused(harness: &App) -> Option<String> {
    harness
        .query_by(|node| node.is_focused())
        .map(|node| node.accesskit_node().label().unwrap_or_default())
}

fn key(harness: &mut App, key: Key, modifiers: egui::Modifiers) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// Presses Tab until the focus is on the control named `label`; fails if it
/// is not reached within `limit` presses, naming where the focus went.
fn tab_to(harness: &mut App, label: &str, limit: usize) {
    let mut seen = Vec::new();
    for _ in 0..limit {
        if focused(harness).as_deref() == Some(label) {
            return;
        }
        key(harness, Key::Tab, egui::Modifiers::NONE);
        seen.extend(focused(harness));
    }
    assert_eq!(
        focused(harness).as_deref(),
        Some(label),
        "Tab never reached {label:?}; it went through {seen:?}"
    );
}

/// Shift+Tab until the focus is on `label`.
fn tab_back_to(harness: &mut App, label: &str, limit: usize) {
    for _ in 0..limit {
        if focused(harness).as_deref() == Some(label) {
            return;
        }
        key(harness, Key::Tab, egui::Modifiers::SHIFT);
    }
    assert_eq!(focused(harness).as_deref(), Some(label));
}

fn type_text(harness: &mut App, text: &str) {
    for ch in text.chars() {
        harness.event(egui::Event::Text(ch.to_string()));
        harness.step();
    }
    harness.run();
}

fn press(harness: &mut App, pressed: Key) {
    key(harness, pressed, egui::Modifiers::NONE);
}

#[test]
fn a_whole_reflection_is_done_with_the_keyboard_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());

    // Welcome: the name field has the focus; Enter starts the guide.
    type_text(&mut harness, "Ms. Rivera");
    press(&mut harness, Key::Enter);
    assert_eq!(focused(&harness).as_deref(), Some("What I know to be true"));

    // Truths: Space ticks the first statement, its note takes typing.
    tab_to(&mut harness, "I care about the students I teach.", 10);
    press(&mut harness, Key::Space);
    tab_to(
        &mut harness,
        "Note on: I care about the students I teach.",
        5,
    );
    type_text(&mut harness, "Morning check-ins");
    tab_to(&mut harness, "Next section", 80);
    press(&mut harness, Key::Enter);
    assert_eq!(focused(&harness).as_deref(), Some("Big questions"));

    // A big question: words, then a level, reached by Tab and taken with Space.
    let question = "Would I enjoy spending a whole day as a learner in my own class? What about just one hour?";
    tab_to(&mut harness, question, 10);
    type_text(&mut harness, "An hour, yes");
    tab_to(&mut harness, &format!("{question}: An hour"), 10);
    press(&mut harness, Key::Space);
    // Shift+Tab goes back the way it came: to the words just typed.
    tab_back_to(&mut harness, question, 10);
    tab_to(&mut harness, &format!("Keep private: {question}"), 10);
    press(&mut harness, Key::Space);
    tab_to(&mut harness, "Next section", 80);
    press(&mut harness, Key::Enter);
    assert_eq!(
        focused(&harness).as_deref(),
        Some("Practices I already use")
    );

    // A practice: a level, and a next step with a date typed in the field.
    tab_to(&mut harness, "Station rotation: Regular practice", 40);
    press(&mut harness, Key::Enter);
    tab_to(
        &mut harness,
        "Next step I want to try: Station rotation",
        10,
    );
    press(&mut harness, Key::Space);
    tab_to(&mut harness, "Small step for Station rotation", 5);
    type_text(&mut harness, "Two stations on Friday");
    tab_to(&mut harness, "Revisit date for Station rotation", 5);
    type_text(&mut harness, "2027-01-15");
    // Leaving the field reads the date.
    press(&mut harness, Key::Tab);

    // The summary, then its export preview, by the palette (Ctrl+K is a
    // key like the others) and Enter.
    key(&mut harness, Key::K, egui::Modifiers::COMMAND);
    type_text(&mut harness, "See the summary");
    press(&mut harness, Key::Enter);
    harness.get_by_label("Readiness summary");
    tab_to(&mut harness, "Export readiness summary…", 20);
    press(&mut harness, Key::Enter);
    harness.get_by_label_contains("Preview:");
    press(&mut harness, Key::Escape);

    let saved = saved_reflections(&mut harness, dir.path());
    assert_eq!(saved.len(), 1, "one reflection");
    let answers = &saved[0]["answers"];
    assert_eq!(answers["truth-i-care"]["affirmed"], true);
    assert_eq!(answers["truth-i-care"]["note"], "Morning check-ins");
    assert_eq!(answers["q-a-day-in-my-class"]["text"], "An hour, yes");
    assert_eq!(answers["q-a-day-in-my-class"]["level"], "day-an-hour");
    assert_eq!(answers["q-a-day-in-my-class"]["private"], true);
    let station = &answers["station-rotation"];
    assert_eq!(station["level"], "regular");
    assert_eq!(station["next_step"]["action"], "Two stations on Friday");
    assert_eq!(station["next_step"]["revisit_on"], "2027-01-15");
}
