//! Modal dialogs: which one is open, and the buttons they share. Each
//! family of dialogs is drawn in a file of its own.

mod calendar;
mod leaving;
mod palette;
mod protected_import;
mod reflections;
mod teachers;

use leaving::{bring_back, quit_unsaved};
use palette::command_palette;
pub use protected_import::protected_import;
use reflections::{NewReflectionChoices, confirm_delete, find_practice, new_reflection, rename};
pub use teachers::import_conflict;
use teachers::{add_teacher, confirm_delete_teacher, rename_teacher};

use egui::{RichText, Ui};

use crate::app::views::widgets::focus_first;

use super::Action;
use crate::app::notebook::Notebook;

/// Which dialog is open, with what the user has typed so far.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    NewReflection {
        teacher_id: Option<String>,
        guide_id: String,
        title: String,
        /// The grade band whose examples the reflection shows; the teacher's
        /// last choice to begin with.
        grade_band: Option<crate::guide::GradeBand>,
    },
    AddTeacher {
        name: String,
    },
    RenameTeacher {
        teacher_id: String,
        name: String,
    },
    ConfirmDeleteTeacher {
        teacher_id: String,
    },
    Rename {
        id: String,
        title: String,
    },
    ConfirmDelete {
        id: String,
    },
    FindPractice {
        reflection_id: String,
        query: String,
        /// The result the arrow keys are on; Enter jumps to it.
        chosen: usize,
    },
    /// The window was asked to close while some words are in no file.
    QuitUnsaved {
        what: String,
        reason: String,
    },
    /// Words kept elsewhere after failed saves, found on start.
    BringBack {
        what: Vec<String>,
        folder: std::path::PathBuf,
    },
    /// The version, the data folder, the licences.
    About,
    /// Every command by name: type to filter, arrows to choose, Enter to run.
    CommandPalette {
        query: String,
        chosen: usize,
    },
    /// What goes into the calendar file of next steps.
    Calendar {
        include_private: bool,
    },
    /// A message that needs an answer before going on, such as where a
    /// copy of unsaved words was kept.
    Notice {
        title: String,
        text: String,
    },
}

impl Dialog {
    pub fn add_teacher() -> Self {
        Dialog::AddTeacher {
            name: String::new(),
        }
    }

    /// "Find a practice…" in reflection `reflection_id`.
    pub fn find_practice(reflection_id: String) -> Self {
        Dialog::FindPractice {
            reflection_id,
            query: String::new(),
            chosen: 0,
        }
    }

    pub fn command_palette() -> Self {
        Dialog::CommandPalette {
            query: String::new(),
            chosen: 0,
        }
    }

    /// "New reflection…", for `teacher_id` (None: the notebook's own teacher).
    pub fn new_reflection(teacher_id: Option<String>) -> Self {
        Dialog::NewReflection {
            teacher_id,
            guide_id: crate::guide::DEFAULT_GUIDE_ID.to_owned(),
            title: String::new(),
            grade_band: None,
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, notebook: &Notebook) -> Vec<Action> {
        let mut actions = Vec::new();
        let body = |ui: &mut Ui| match self {
            Dialog::NewReflection {
                teacher_id,
                guide_id,
                title,
                grade_band,
            } => new_reflection(
                ui,
                notebook,
                NewReflectionChoices {
                    teacher_id,
                    guide_id,
                    title,
                    grade_band,
                },
                &mut actions,
            ),
            Dialog::AddTeacher { name } => add_teacher(ui, name, &mut actions),
            Dialog::RenameTeacher { teacher_id, name } => {
                rename_teacher(ui, teacher_id, name, &mut actions);
            }
            Dialog::ConfirmDeleteTeacher { teacher_id } => {
                confirm_delete_teacher(ui, notebook, teacher_id, &mut actions);
            }
            Dialog::Rename { id, title } => rename(ui, id, title, &mut actions),
            Dialog::ConfirmDelete { id } => confirm_delete(ui, notebook, id, &mut actions),
            Dialog::FindPractice {
                reflection_id,
                query,
                chosen,
            } => find_practice(ui, notebook, reflection_id, query, chosen, &mut actions),
            Dialog::About => {
                actions.extend(super::about::ui(ui, notebook.store.dir()));
                ui.add_space(8.0);
                if ui.button("Close").clicked() {
                    actions.push(Action::CloseDialog);
                }
            }
            Dialog::CommandPalette { query, chosen } => {
                command_palette(ui, query, chosen, &mut actions);
            }
            Dialog::QuitUnsaved { what, reason } => quit_unsaved(ui, what, reason, &mut actions),
            Dialog::BringBack { what, folder } => bring_back(ui, what, folder, &mut actions),
            Dialog::Calendar { include_private } => {
                calendar::calendar(ui, include_private, &mut actions);
            }
            Dialog::Notice { title, text } => {
                ui.heading(title.as_str());
                ui.label(text.as_str());
                ui.add_space(8.0);
                let ok = ui.button(RichText::new("OK").strong());
                focus_first(ui, &ok);
                if ok.clicked() {
                    actions.push(Action::CloseDialog);
                }
            }
        };
        let modal = crate::app::views::widgets::fitted_modal(ctx, "dialog", 460.0, body, |_| {});
        if modal.should_close() && actions.is_empty() {
            actions.push(Action::CloseDialog);
        }
        actions
    }
}

pub(super) fn buttons(ui: &mut Ui, confirm: &str, actions: &mut Vec<Action>) -> bool {
    let mut confirmed = false;
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        confirmed = ui.button(RichText::new(confirm).strong()).clicked();
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
    confirmed
}
