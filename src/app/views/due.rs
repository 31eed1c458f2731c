//! Next steps whose revisit date has come, across teachers: whom to check in with.

use egui::Ui;

use super::Action;
use super::widgets::reading_column;
use crate::app::notebook::Notebook;
use crate::app::theme;
use crate::coach::{RevisitSource, due_revisits};

pub fn ui(ui: &mut Ui, notebook: &Notebook) -> Vec<Action> {
    let mut actions = Vec::new();
    let due = due_revisits(
        &notebook.teachers,
        notebook.entries.iter().map(|e| &e.reflection),
        notebook.sessions.iter().map(|e| &e.session),
        &crate::clock::today(),
    );
    egui::ScrollArea::vertical().id_salt("due").show(ui, |ui| {
        reading_column(ui, |ui| {
            ui.add_space(theme::GAP);
            ui.heading("Due for a revisit");
            if due.is_empty() {
                ui.label("Nothing is due. Next steps with a revisit date appear here once the date comes.");
            }
            egui::Grid::new("due").num_columns(4).striped(true).spacing([14.0, 6.0]).show(ui, |ui| {
                for revisit in &due {
                    ui.label(&revisit.revisit_on);
                    ui.label(super::teachers::display_name(&revisit.teacher_name));
                    let what = if revisit.what.is_empty() {
                        revisit.item_id.clone().unwrap_or_default()
                    } else {
                        revisit.what.clone()
                    };
                    ui.label(what);
                    let open = match &revisit.source {
                        RevisitSource::Reflection { reflection_id, .. } => Action::OpenReflection(reflection_id.clone()),
                        RevisitSource::Session { session_id, .. } => Action::OpenSession(session_id.clone()),
                    };
                    if ui.button("Open").clicked() {
                        actions.push(open);
                    }
                    ui.end_row();
                }
            });
        });
    });
    actions
}
