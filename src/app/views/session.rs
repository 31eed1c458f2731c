//! A one-on-one coach session: an agenda to keep it on task, the coach's notes
//! (per item and for the whole session) and agreed next steps with revisit dates.
//! Everything here is the coach's, kept apart from the teacher's own answers.

use egui::{RichText, Ui};

use super::date_field::date_field;
use super::widgets::{
    labelled_line, labelled_text_area, name_for_screen_readers, reading_column, subheading,
};
use super::{Action, Room, RoomContext};
use crate::app::notebook::{Notebook, SessionEntry};
use crate::app::theme;
use crate::coach::{SessionEdit, suggested_agenda};

/// What the coach is typing before it becomes part of the session.
#[derive(Debug, Default, Clone)]
pub struct SessionDraft {
    pub agenda_text: String,
    pub step_text: String,
}

/// The session screen: which session, and the coach's typing in progress.
#[derive(Debug, Default)]
pub struct SessionScreen {
    pub session_id: String,
    pub draft: SessionDraft,
}

impl SessionScreen {
    pub fn new(session_id: String) -> Self {
        SessionScreen {
            session_id,
            draft: SessionDraft::default(),
        }
    }
}

impl Room for SessionScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        if let Some(entry) = cx.notebook.session(&self.session_id) {
            let editable = entry.read_only.is_none() && !cx.notebook.is_read_only();
            draw(ui, cx.notebook, entry, &mut self.draft, editable)
        } else {
            ui.label("This session is no longer available.");
            Vec::new()
        }
    }

    fn record_id(&self) -> Option<&str> {
        Some(self.session_id.as_str()).filter(|id| !id.is_empty())
    }
}

fn draw(
    ui: &mut Ui,
    notebook: &Notebook,
    entry: &SessionEntry,
    draft: &mut SessionDraft,
    editable: bool,
) -> Vec<Action> {
    let session = &entry.session;
    let mut actions = Vec::new();
    let mut open_history = false;
    let mut edit = |edit: SessionEdit| {
        actions.push(Action::EditSession {
            session_id: session.id.clone(),
            edit,
        });
    };
    let teacher = notebook
        .teacher(&session.teacher_id)
        .map_or("a teacher", |t| crate::words::teacher_name(&t.name));
    egui::ScrollArea::vertical().id_salt(("session", &session.id)).show(ui, |ui| {
        reading_column(ui, |ui| {
            ui.add_space(theme::GAP);
            ui.horizontal(|ui| {
                ui.heading(format!("Session with {teacher}"));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let history = ui.button("History").on_hover_text(crate::app::commands::UiCommand::ShowHistory.tooltip());
                    name_for_screen_readers(&history, egui::Role::Button, None, "History of this session");
                    if history.clicked() {
                        open_history = true;
                    }
                });
            });
            ui.label(RichText::new("Coach's notes: kept apart from the teacher's answers, and left out of exports unless chosen.").weak());
            if let Some(reason) = &entry.read_only {
                ui.colored_label(theme::warning(ui.visuals()), format!("Read-only: {reason}"));
            }
            ui.horizontal(|ui| {
                ui.label("Date:");
                if let Some(Some(date)) = date_field(ui, ("session-date", &session.id), "Session date", Some(&session.date), false, editable) {
                    edit(SessionEdit::SetDate(date));
                }
            });
            let reflection = session.reflection_id.as_deref().and_then(|id| notebook.entry(id));
            if let Some(reflection) = reflection {
                ui.weak(format!("Discussing: {}", reflection.reflection.display_title()));
            }
            ui.add_space(theme::GAP);

            theme::card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                subheading(ui, "Agenda");
                // Suggestions come first and stay where they are once added
                // (marked as added), so nothing moves under the pointer.
                let last_session = notebook
                    .sessions_of(&session.teacher_id)
                    .into_iter()
                    .map(|e| &e.session)
                    .find(|s| s.id != session.id && s.date <= session.date);
                let guide = reflection.and_then(|r| notebook.guide(&r.reflection.guide_id)).map(std::convert::AsRef::as_ref);
                let suggestions = suggested_agenda(guide, reflection.map(|r| &r.reflection), last_session);
                if editable && !suggestions.is_empty() {
                    ui.weak("Suggested from the teacher's next steps and the last session:");
                    for suggestion in suggestions {
                        let added = session.agenda.iter().any(|a| a.text == suggestion.text);
                        let text = if added {
                            format!("✔ On the agenda: {}", suggestion.text)
                        } else {
                            format!("Add: {}", suggestion.text)
                        };
                        let response = ui.add_enabled(!added, egui::Button::new(text)).on_hover_text(&suggestion.why);
                        if response.clicked() {
                            edit(suggestion.into_edit());
                        }
                    }
                    ui.add_space(theme::SMALL_GAP);
                }
                if session.agenda.is_empty() {
                    ui.label("A short agenda keeps the session on task. Add the items to discuss:");
                }
                for (index, item) in session.agenda.iter().enumerate() {
                    let number = index + 1;
                    ui.add_space(theme::SMALL_GAP);
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(format!("{number}. {}", item.text)).strong());
                        let remove = ui.add_enabled(editable, egui::Button::new("Remove").small());
                        name_for_screen_readers(&remove, egui::Role::Button, None, &format!("Remove agenda item {number}"));
                        if remove.clicked() {
                            edit(SessionEdit::RemoveAgendaItem { id: item.id.clone() });
                        }
                    });
                    if let Some(notes) = labelled_line(
                        ui,
                        "Notes:",
                        &format!("Coach notes on agenda item {number}"),
                        &item.notes,
                        "What came up",
                        editable,
                    ) {
                        edit(SessionEdit::SetAgendaNotes { id: item.id.clone(), notes });
                    }
                }
                ui.add_space(theme::SMALL_GAP);
                ui.horizontal(|ui| {
                    let field = ui.add_enabled(editable, egui::TextEdit::singleline(&mut draft.agenda_text).hint_text("Something to discuss"));
                    name_for_screen_readers(&field, egui::Role::TextInput, None, "New agenda item");
                    let entered = super::widgets::submitted(ui, &field);
                    let add = ui.add_enabled(editable && !draft.agenda_text.trim().is_empty(), egui::Button::new("Add to agenda"));
                    if (add.clicked() || entered) && !draft.agenda_text.trim().is_empty() {
                        edit(SessionEdit::AddAgendaItem {
                            item_id: None,
                            text: std::mem::take(&mut draft.agenda_text).trim().to_owned(),
                        });
                        if entered {
                            field.request_focus();
                        }
                    }
                });
            });
            ui.add_space(theme::GAP);

            theme::card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                if let Some(notes) = labelled_text_area(ui, "Session notes", &session.notes, 4, editable) {
                    edit(SessionEdit::SetNotes(notes));
                }
            });
            ui.add_space(theme::GAP);

            theme::card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                subheading(ui, "Agreed next steps");
                for (index, step) in session.next_steps.iter().enumerate() {
                    ui.add_space(theme::SMALL_GAP);
                    let number = index + 1;
                    if let Some(text) = labelled_line(ui, &format!("{number}."), &format!("Agreed step {number}"), &step.text, "", editable) {
                        edit(SessionEdit::SetStepText { id: step.id.clone(), text });
                    }
                    ui.horizontal(|ui| {
                        ui.label("Revisit on:");
                        if let Some(revisit_on) = date_field(
                            ui,
                            ("step-revisit", &session.id, &step.id),
                            &format!("Revisit date for agreed step {number}"),
                            step.revisit_on.as_deref(),
                            true,
                            editable,
                        ) {
                            edit(SessionEdit::SetStepRevisit { id: step.id.clone(), revisit_on });
                        }
                        let mut done = step.done;
                        let toggle = ui.add_enabled(editable, egui::Checkbox::new(&mut done, "Done"));
                        name_for_screen_readers(&toggle, egui::Role::CheckBox, Some(done), &format!("Agreed step {number} done"));
                        if toggle.changed() {
                            edit(SessionEdit::SetStepDone { id: step.id.clone(), done });
                        }
                        let remove = ui.add_enabled(editable, egui::Button::new("Remove").small());
                        name_for_screen_readers(&remove, egui::Role::Button, None, &format!("Remove agreed step {number}"));
                        if remove.clicked() {
                            edit(SessionEdit::RemoveStep { id: step.id.clone() });
                        }
                    });
                }
                ui.add_space(theme::SMALL_GAP);
                ui.horizontal(|ui| {
                    let field = ui.add_enabled(editable, egui::TextEdit::singleline(&mut draft.step_text).hint_text("A small step you agreed on"));
                    name_for_screen_readers(&field, egui::Role::TextInput, None, "New agreed step");
                    let entered = super::widgets::submitted(ui, &field);
                    let add = ui.add_enabled(editable && !draft.step_text.trim().is_empty(), egui::Button::new("Add step"));
                    if (add.clicked() || entered) && !draft.step_text.trim().is_empty() {
                        edit(SessionEdit::AddStep {
                            text: std::mem::take(&mut draft.step_text).trim().to_owned(),
                            item_id: None,
                            revisit_on: None,
                        });
                        if entered {
                            field.request_focus();
                        }
                    }
                });
            });
            ui.add_space(theme::GAP * 2.0);
        });
    });
    if open_history {
        actions.push(Action::OpenHistory(session.id.clone()));
    }
    actions
}
