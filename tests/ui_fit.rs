//! Every screen and dialog fits the window at 800×600, in both themes, and
//! at 200% zoom: each control can be scrolled fully into the window, and no
//! two controls sit on top of each other. The check walks the accessibility
//! tree, the same one screen readers read.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod common;

use common::{begin, click, click_starting_with};
use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use pl_reflect::app::ReflectApp;

type App = Harness<'static, ReflectApp>;

fn is_control(role: egui::Role) -> bool {
    use egui::Role;
    matches!(
        role,
        Role::Button
            | Role::CheckBox
            | Role::RadioButton
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::ComboBox
            | Role::Slider
            | Role::SpinButton
            | Role::Link
    )
}

struct Control {
    id: String,
    name: String,
    rect: Rect,
    /// In a dialog (a modal window): while one is open, what is behind it
    /// cannot be reached, so only the dialog's controls count.
    in_dialog: bool,
}

fn in_dialog(node: &egui_kittest::kittest::AccessKitNode<'_>) -> bool {
    let mut current = node.parent();
    while let Some(parent) = current {
        if matches!(parent.role(), egui::Role::Dialog | egui::Role::AlertDialog) {
            return true;
        }
        current = parent.parent();
    }
    false
}

fn controls(harness: &App) -> Vec<Control> {
    harness
        .query_all(By::new().predicate(|node| {
            is_control(node.role()) && !node.is_hidden() && node.bounding_box().is_some()
        }))
        .map(|node| Control {
            id: format!("{:?}", node.accesskit_node().id()),
            name: node
                .accesskit_node()
                .label()
                .or_else(|| node.accesskit_node().value())
                .unwrap_or_default(),
            rect: node.rect(),
            in_dialog: in_dialog(&node.accesskit_node()),
        })
        .collect()
}

fn window(harness: &App) -> Rect {
    harness.ctx.content_rect()
}

/// Checks the screen as it is now; `what` names it in failures.
fn check_fits(harness: &mut App, what: &str) {
    let screen = window(harness);
    let mut problems = Vec::new();
    let mut all = controls(harness);
    if all.iter().any(|c| c.in_dialog) {
        all.retain(|c| c.in_dialog);
    }
    for control in &all {
        let rect = control.rect;
        if rect.width() > screen.width() + 1.0 || rect.height() > screen.height() + 1.0 {
            problems.push(format!(
                "{:?} is larger than the window ({rect:?})",
                control.name
            ));
            continue;
        }
        let inside = |r: Rect| {
            r.min.x >= screen.min.x - 1.0
                && r.max.x <= screen.max.x + 1.0
                && r.min.y >= screen.min.y - 1.0
                && r.max.y <= screen.max.y + 1.0
        };
        if inside(rect) {
            continue;
        }
        // Out of sight: a person scrolls to it. It must then be wholly inside.
        let id = control.id.clone();
        let by_id = |h: &App| {
            h.query_by(|n| format!("{:?}", n.id()) == id && n.bounding_box().is_some())
                .map(|n| n.rect())
        };
        if let Some(node) = harness.query_by(|n| format!("{:?}", n.id()) == control.id) {
            node.scroll_to_me();
        }
        harness.run();
        match by_id(harness) {
            Some(moved) if inside(moved) => {}
            Some(moved) => problems.push(format!(
                "{:?} cannot be scrolled fully into the window: {moved:?} in {screen:?}",
                control.name
            )),
            // Drawn only near the visible part (long lists); it is reachable.
            None => {}
        }
    }
    let on_screen: Vec<&Control> = all
        .iter()
        .filter(|c| screen.contains_rect(c.rect.shrink(1.0)))
        .collect();
    for (i, a) in on_screen.iter().enumerate() {
        for b in &on_screen[i + 1..] {
            let overlap = a.rect.intersect(b.rect);
            let contains = a.rect.contains_rect(b.rect) || b.rect.contains_rect(a.rect);
            if overlap.is_positive() && overlap.area() > 4.0 && !contains {
                problems.push(format!(
                    "{:?} {:?} and {:?} {:?} overlap",
                    a.name, a.rect, b.name, b.rect
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The window sizes, zooms and themes people use.
const LOOKS: [(f32, f32, f32, &str); 4] = [
    (800.0, 600.0, 1.0, "dark"),
    (800.0, 600.0, 1.0, "light"),
    (1280.0, 800.0, 2.0, "light"),
    (1280.0, 800.0, 2.0, "dark"),
];

fn open(dir: &std::path::Path, look: (f32, f32, f32, &str)) -> App {
    let (width, height, zoom, theme) = look;
    std::fs::write(
        dir.join("settings.json"),
        format!(r#"{{"format": 1, "theme": "{theme}", "zoom": {zoom}}}"#),
    )
    .expect("settings");
    let mut harness = common::open_app(dir);
    harness.set_size(egui::vec2(width, height));
    harness.run();
    harness
}

fn each_look(journey: impl Fn(&mut App, &dyn Fn(&mut App, &str))) {
    for look in LOOKS {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut harness = open(dir.path(), look);
        let label = format!(
            "{}×{} at {}× zoom, {} theme",
            look.0, look.1, look.2, look.3
        );
        journey(&mut harness, &|h: &mut App, screen: &str| {
            check_fits(h, &format!("{screen} ({label})"));
        });
    }
}

#[test]
fn a_teachers_screens_and_dialogs_fit_every_window() {
    each_look(|harness, fits| {
        fits(harness, "welcome");
        begin(harness, "Ms. Rivera");
        fits(harness, "first section");
        click_starting_with(harness, "Section 2: Big questions");
        fits(harness, "big questions");
        click_starting_with(harness, "Section 3: Practices");
        click(harness, "Station rotation: Trying it");
        click(harness, "Next step I want to try: Station rotation");
        fits(harness, "practices");
        click(harness, "History");
        fits(harness, "history");
        click(harness, "Back to the reflection");
        click(harness, "See my summary");
        fits(harness, "summary");
        click(harness, "Export readiness summary…");
        fits(harness, "export dialog");
        click(harness, "Cancel");
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
        harness.run();
        fits(harness, "command palette");
        harness.key_press(egui::Key::Escape);
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
        harness.run();
        fits(harness, "settings");
        click(harness, "Back from Settings");
        click(harness, "My reflections");
        let delete = harness
            .get_by_label_contains("Delete ")
            .accesskit_node()
            .label()
            .unwrap_or_default()
            .to_string();
        click(harness, &delete);
        click(harness, "Delete reflection");
        harness.state_mut().flush();
        click(harness, "File");
        click(harness, "Trash");
        common::settle(harness);
        click_starting_with(harness, "Remove \"");
        fits(harness, "trash, asking before removing for good");
    });
}

#[test]
fn a_coachs_screens_and_dialogs_fit_every_window() {
    each_look(|harness, fits| {
        begin(harness, "Ms. Rivera");
        click(harness, "File");
        click(harness, "Add a teacher…");
        fits(harness, "add a teacher");
        common::type_into(harness, "Teacher's name", "Mr. Chen");
        click(harness, "Add teacher");
        fits(harness, "teachers");
        click(harness, "New session with Mr. Chen");
        common::type_into(harness, "New agreed step", "Visit a station rotation");
        click(harness, "Add step");
        fits(harness, "session");
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
        harness.run();
        common::settle(harness);
        fits(harness, "the app's own file chooser");
    });
}
