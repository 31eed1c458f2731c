//! Dialogs about a coach's teachers, and the import of a reflection already here.

use egui::Ui;

use super::buttons;
use crate::app::notebook::Notebook;
use crate::app::views::Action;
use crate::app::views::widgets::focus_first;
use crate::words::plural;

pub(super) fn add_teacher(ui: &mut Ui, name: &mut String, actions: &mut Vec<Action>) {
    ui.heading("Add a teacher");
    ui.label("Keep reflections for several teachers, for example as an instructional coach.");
    if let Some(name) = teacher_name(ui, name, "Add teacher", actions) {
        actions.push(Action::AddTeacher(name));
    }
}

pub(super) fn rename_teacher(
    ui: &mut Ui,
    teacher_id: &str,
    name: &mut String,
    actions: &mut Vec<Action>,
) {
    ui.heading("Rename teacher");
    if let Some(name) = teacher_name(ui, name, "Rename", actions) {
        actions.push(Action::RenameTeacher {
            teacher_id: teacher_id.to_owned(),
            name,
        });
    }
}

/// The name field of the teacher dialogs, with its buttons: the name,
/// trimmed, once it is confirmed (by the button or Enter) and not empty.
fn teacher_name(
    ui: &mut Ui,
    name: &mut String,
    confirm: &str,
    actions: &mut Vec<Action>,
) -> Option<String> {
    let label = ui.label("Teacher's name");
    let field = ui
        .add(egui::TextEdit::singleline(name))
        .labelled_by(label.id);
    focus_first(ui, &field);
    let confirmed =
        buttons(ui, confirm, actions) || crate::app::views::widgets::submitted(ui, &field);
    (confirmed && !name.trim().is_empty()).then(|| name.trim().to_owned())
}

pub(super) fn confirm_delete_teacher(
    ui: &mut Ui,
    notebook: &Notebook,
    teacher_id: &str,
    actions: &mut Vec<Action>,
) {
    let name = notebook
        .teacher(teacher_id)
        .map_or("this teacher", |t| crate::words::teacher_name(&t.name));
    let reflections = notebook.reflections_of(teacher_id).len();
    let sessions = match notebook.sessions_of(teacher_id).len() {
        0 => String::new(),
        n => format!(
            ", along with {}",
            plural(n, "coach session", "coach sessions")
        ),
    };
    ui.heading(format!("Delete {name}?"));
    ui.label(format!(
        "{name} and {} go with them{sessions}. The files are moved to the trash folder of your notebook, not destroyed.",
        plural(reflections, "reflection", "reflections")
    ));
    ui.weak("To keep their history but hide them, archive them instead.");
    if buttons(ui, "Delete teacher", actions) {
        actions.push(Action::DeleteTeacher(teacher_id.to_owned()));
    }
}

/// An import whose reflection is already in the notebook: never overwritten silently.
pub fn import_conflict(
    ctx: &egui::Context,
    plan: &crate::coach::ImportPlan,
    notebook: &Notebook,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let existing = plan
        .conflict
        .as_deref()
        .and_then(|id| notebook.entry(id))
        .map_or_else(
            || "a reflection".to_owned(),
            |e| format!("\"{}\"", e.reflection.display_title()),
        );
    let modal = crate::app::views::widgets::fitted_modal(
        ctx,
        "import-conflict",
        480.0,
        |ui| {
            ui.heading("This reflection is already here");
            ui.label(format!(
                "{} holds {existing} with the same id.",
                plan.file_label
            ));
            for note in plan.notes() {
                ui.weak(note);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Keep both")
                    .on_hover_text("Import it as a separate reflection")
                    .clicked()
                {
                    actions.push(Action::ResolveImport(crate::coach::ImportChoice::KeepBoth));
                }
                if ui
                    .button("Replace")
                    .on_hover_text(
                        "Use the imported version; the current one is kept in the trash folder",
                    )
                    .clicked()
                {
                    actions.push(Action::ResolveImport(crate::coach::ImportChoice::Replace));
                }
                if ui.button("Cancel").clicked() {
                    actions.push(Action::CloseDialog);
                }
            });
        },
        |_| {},
    );
    if modal.should_close() && actions.is_empty() {
        actions.push(Action::CloseDialog);
    }
    actions
}
