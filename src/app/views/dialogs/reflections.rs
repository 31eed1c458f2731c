//! Dialogs about one reflection: start one, rename it, delete it, find a practice in it.

use egui::Ui;

use super::buttons;
use super::palette::arrow_choice;
use crate::app::notebook::Notebook;
use crate::app::views::Action;
use crate::app::views::widgets::focus_first;
use crate::guide::Section;

/// What the new-reflection dialog has chosen so far.
pub(super) struct NewReflectionChoices<'d> {
    pub(super) teacher_id: &'d mut Option<String>,
    pub(super) guide_id: &'d mut String,
    pub(super) title: &'d mut String,
    pub(super) grade_band: &'d mut Option<crate::guide::GradeBand>,
}

pub(super) fn new_reflection(
    ui: &mut Ui,
    notebook: &Notebook,
    choices: NewReflectionChoices<'_>,
    actions: &mut Vec<Action>,
) {
    let NewReflectionChoices {
        teacher_id,
        guide_id,
        title,
        grade_band,
    } = choices;
    ui.heading("New reflection");
    if notebook.is_coaching() {
        let current = teacher_id
            .as_deref()
            .and_then(|id| notebook.teacher(id))
            .map_or("Choose a teacher", |t| crate::words::teacher_name(&t.name));
        egui::ComboBox::from_label("Teacher")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for teacher in notebook.teachers.iter().filter(|t| !t.archived) {
                    ui.selectable_value(
                        teacher_id,
                        Some(teacher.id.clone()),
                        crate::words::teacher_name(&teacher.name),
                    );
                }
            });
    }
    ui.label("Choose a guide:");
    for loaded in notebook.library.guides() {
        let guide = &loaded.guide;
        ui.radio_value(guide_id, guide.id.clone(), &guide.title)
            .on_hover_text(&guide.description);
    }
    if let Some(guide) = notebook.guide(guide_id) {
        ui.weak(&guide.description);
        ui.weak(format!(
            "Source: {} ({})",
            guide.source.title, guide.source.author
        ));
        let has_bands = guide
            .components()
            .any(|c| c.practices.iter().any(|p| !p.examples.is_empty()));
        if has_bands {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.label("Examples for:");
                ui.radio_value(grade_band, None, "Any grade");
                for band in crate::guide::GradeBand::ALL {
                    ui.radio_value(grade_band, Some(band), format!("Grades {}", band.label()));
                }
            });
        }
    }
    ui.add_space(8.0);
    let label = ui.label("Title (optional)");
    let field = ui.add(egui::TextEdit::singleline(title).hint_text("For example, Fall check-in"));
    let field = field.labelled_by(label.id);
    focus_first(ui, &field);
    if buttons(ui, "Start", actions) || (crate::app::views::widgets::submitted(ui, &field)) {
        actions.push(Action::StartReflection {
            teacher_id: teacher_id.clone(),
            guide_id: guide_id.clone(),
            title: title.clone(),
            grade_band: *grade_band,
        });
    }
}

pub(super) fn rename(ui: &mut Ui, id: &str, title: &mut String, actions: &mut Vec<Action>) {
    ui.heading("Rename reflection");
    let label = ui.label("New title");
    let field = ui.add(egui::TextEdit::singleline(title));
    let field = field.labelled_by(label.id);
    focus_first(ui, &field);
    if buttons(ui, "Rename", actions) || (crate::app::views::widgets::submitted(ui, &field)) {
        actions.push(Action::Rename {
            id: id.to_owned(),
            title: title.clone(),
        });
    }
}

pub(super) fn confirm_delete(
    ui: &mut Ui,
    notebook: &Notebook,
    id: &str,
    actions: &mut Vec<Action>,
) {
    let name = notebook
        .entry(id)
        .map_or_else(|| id.to_owned(), |e| e.reflection.display_title());
    ui.heading("Delete this reflection?");
    ui.label(format!("\"{name}\" will be removed from your list."));
    ui.weak("It goes to the trash (File > Trash) with its earlier versions, and stays there until you remove it for good.");
    if buttons(ui, "Delete reflection", actions) {
        actions.push(Action::Delete(id.to_owned()));
    }
}

pub(super) fn find_practice(
    ui: &mut Ui,
    notebook: &Notebook,
    reflection_id: &str,
    query: &mut String,
    chosen: &mut usize,
    actions: &mut Vec<Action>,
) {
    ui.heading("Find a practice");
    let label = ui.label("Search");
    let field = ui.add(egui::TextEdit::singleline(query).hint_text("For example, station"));
    let field = field.labelled_by(label.id);
    field.request_focus();
    if field.changed() {
        *chosen = 0;
    }
    let Some(guide) = notebook
        .entry(reflection_id)
        .and_then(|e| notebook.guide(&e.reflection.guide_id))
    else {
        return;
    };
    let needle = query.to_lowercase();
    let mut results = Vec::new();
    for (section_index, section) in guide.sections.iter().enumerate() {
        let Section::Checklist(checklist) = section else {
            continue;
        };
        for component in &checklist.components {
            for practice in &component.practices {
                // The id's words help too: "goal setting" finds "Students set goals".
                let haystack = format!(
                    "{} {} {} {}",
                    practice.name,
                    practice.id.replace('-', " "),
                    practice.description,
                    component.title
                )
                .to_lowercase();
                if needle.is_empty() || haystack.contains(&needle) {
                    results.push((section_index, practice, component));
                }
            }
        }
    }
    // The arrow keys move through the results while typing goes on in the field.
    let keys = arrow_choice(ui, chosen, results.len());
    let enter = keys.enter;
    if results.is_empty() {
        ui.weak("No practice has those words.");
    }
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            for (index, (section, practice, component)) in results.iter().enumerate() {
                let jump = Action::JumpTo {
                    section: *section,
                    item_id: practice.id.clone(),
                };
                let response = ui
                    .selectable_label(index == *chosen, &practice.name)
                    .on_hover_text(&component.title);
                crate::app::views::widgets::name_for_screen_readers(
                    &response,
                    egui::Role::Button,
                    Some(index == *chosen),
                    &practice.name,
                );
                if index == *chosen && keys.moved {
                    response.scroll_to_me(None);
                }
                if response.clicked() || (enter && index == *chosen) {
                    actions.push(jump);
                }
            }
        });
    if ui.button("Close").clicked() {
        actions.push(Action::CloseDialog);
    }
}
