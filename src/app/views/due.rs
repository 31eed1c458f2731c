//! Next steps whose revisit date has come, across teachers: whom to check in with.

use egui::Ui;

use super::widgets::{named_button, reading_column};
use super::{Action, Room, RoomContext};
use crate::app::memo::Memo;
use crate::app::notebook::Notebook;
use crate::app::theme;
use crate::coach::{DueRevisit, RevisitSource};

/// A revisit as the list shows it.
#[derive(Debug)]
pub struct DueRow {
    pub revisit: DueRevisit,
    /// The practice the step belongs to, or where it was agreed.
    pub about: String,
}

/// The due screen keeps its rows until the notebook or the day changes.
#[derive(Default)]
pub struct DueScreen {
    /// For (notebook revision, today).
    rows: Memo<(u64, String), Vec<DueRow>>,
}

impl Room for DueScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        let key = (cx.notebook.revision(), crate::clock::today());
        if self.rows.get(&key).is_none() {
            self.rows.set(key.clone(), due_rows(cx.notebook, &key.1));
        }
        draw(ui, self.rows.get(&key).map_or(&[], Vec::as_slice))
    }
}

/// The next steps due for a revisit on `today`, across teachers.
fn due_rows(notebook: &Notebook, today: &str) -> Vec<DueRow> {
    crate::coach::due_revisits(
        &notebook.teachers,
        notebook.entries.iter().map(|e| &e.reflection),
        notebook.sessions.iter().map(|e| &e.session),
        today,
    )
    .into_iter()
    .map(|revisit| DueRow {
        about: what_a_revisit_is_about(notebook, &revisit),
        revisit,
    })
    .collect()
}

/// The practice a reflection's next step belongs to, or "Coach session".
fn what_a_revisit_is_about(notebook: &Notebook, revisit: &DueRevisit) -> String {
    match &revisit.source {
        RevisitSource::Session { .. } => "Coach session".to_owned(),
        RevisitSource::Reflection {
            reflection_id,
            item_id,
        } => notebook
            .entry(reflection_id)
            .and_then(|entry| notebook.guide(&entry.reflection.guide_id))
            .and_then(|guide| guide.item(item_id).map(|item| item.label().to_owned()))
            .unwrap_or_else(|| item_id.clone()),
    }
}

fn draw(ui: &mut Ui, due: &[DueRow]) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::ScrollArea::vertical().id_salt("due").show(ui, |ui| {
        reading_column(ui, |ui| {
            ui.add_space(theme::GAP);
            ui.heading("Due for a revisit");
            if due.is_empty() {
                ui.label("Nothing is due. Next steps with a revisit date appear here once the date comes.");
                return;
            }
            ui.label("Next steps not yet done whose revisit date has come, oldest first: whom to check in with.");
            ui.add_space(theme::SMALL_GAP);
            egui::Grid::new("due").num_columns(5).striped(true).spacing([14.0, 6.0]).show(ui, |ui| {
                for heading in ["Revisit on", "Teacher", "Next step", "About", ""] {
                    ui.strong(heading);
                }
                ui.end_row();
                for DueRow { revisit, about } in due {
                    let teacher = crate::words::teacher_name(&revisit.teacher_name);
                    // A practice flagged without a written action is named by the practice.
                    let what = if revisit.what.is_empty() { about.as_str() } else { revisit.what.as_str() };
                    ui.label(&revisit.revisit_on);
                    ui.label(teacher);
                    ui.label(what);
                    ui.label(about);
                    let open = match &revisit.source {
                        RevisitSource::Reflection { reflection_id, .. } => Action::OpenReflection(reflection_id.clone()),
                        RevisitSource::Session { session_id, .. } => Action::OpenSession(session_id.clone()),
                    };
                    if named_button(ui, "Open", &format!("Open: {what} ({teacher})")).clicked() {
                        actions.push(open);
                    }
                    ui.end_row();
                }
            });
        });
    });
    actions
}
