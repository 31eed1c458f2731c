//! Two reflections of one teacher side by side, practice by practice.

use egui::{RichText, Ui};

use super::widgets::{reading_column, subheading};
use super::{Action, Room, RoomContext};
use crate::app::notebook::Notebook;
use crate::app::theme;
use crate::coach::{Change, compare};

#[derive(Debug, Clone, Default)]
pub struct CompareScreen {
    pub teacher_id: String,
    pub older: Option<String>,
    pub newer: Option<String>,
}

pub fn change_words(change: Change) -> &'static str {
    match change {
        Change::Up => "up",
        Change::Down => "down",
        Change::Same => "same",
        Change::NewlyInUse => "newly in use",
        Change::NoLongerInUse => "no longer in use",
        Change::Unrated => "",
    }
}

impl CompareScreen {
    pub fn new(teacher_id: String) -> Self {
        CompareScreen {
            teacher_id,
            ..Default::default()
        }
    }
}

impl Room for CompareScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        self.draw(ui, cx.notebook)
    }
}

impl CompareScreen {
    fn draw(&mut self, ui: &mut Ui, notebook: &Notebook) -> Vec<Action> {
        let actions = Vec::new();
        let reflections = notebook.reflections_of(&self.teacher_id);
        // Oldest first reads like a timeline.
        let mut choices: Vec<_> = reflections.iter().map(|e| &e.reflection).collect();
        choices.reverse();
        if self.older.is_none() && choices.len() >= 2 {
            self.older = choices.get(choices.len() - 2).map(|r| r.id.clone());
            self.newer = choices.last().map(|r| r.id.clone());
        }
        egui::ScrollArea::vertical().id_salt("compare").show(ui, |ui| {
            reading_column(ui, |ui| {
                ui.add_space(theme::GAP);
                ui.heading("Compare two reflections");
                // One row per choice, so neither is cut off in a narrow window.
                egui::Grid::new("compare-choices").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
                    for (label, slot) in [("Earlier", &mut self.older), ("Later", &mut self.newer)] {
                        ui.label(label);
                        let current = slot.as_deref().and_then(|id| choices.iter().find(|r| r.id == id)).map_or("Choose…".to_owned(), |r| {
                            format!("{} ({})", r.display_title(), r.created.date())
                        });
                        egui::ComboBox::from_id_salt(("compare-choice", label))
                            .selected_text(current)
                            .width((ui.available_width() - 20.0).clamp(160.0, 420.0))
                            .show_ui(ui, |ui| {
                                for reflection in &choices {
                                    let text = format!("{} ({})", reflection.display_title(), reflection.created.date());
                                    ui.selectable_value(slot, Some(reflection.id.clone()), text);
                                }
                            })
                            .response
                            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
                        ui.end_row();
                    }
                });
                let older = self.older.as_deref().and_then(|id| notebook.entry(id)).map(|e| &e.reflection);
                let newer = self.newer.as_deref().and_then(|id| notebook.entry(id)).map(|e| &e.reflection);
                let (Some(older), Some(newer)) = (older, newer) else {
                    ui.label("Choose two reflections of this teacher.");
                    return;
                };
                if older.guide_id != newer.guide_id {
                    ui.label("These two reflections use different guides; choose two on the same guide.");
                    return;
                }
                let Some(guide) = notebook.guide(&newer.guide_id) else {
                    ui.label("The guide of these reflections is not available.");
                    return;
                };
                let comparison = compare(guide, older, newer);
                ui.add_space(theme::SMALL_GAP);
                ui.label(
                    RichText::new(format!(
                        "In use: {} then, {} now (of {}).",
                        comparison.in_use_before.count, comparison.in_use_after.count, comparison.in_use_after.total
                    ))
                    .text_style(theme::subheading()),
                );
                for component in &comparison.components {
                    ui.add_space(theme::GAP);
                    subheading(ui, &format!("{}: {} then, {} now", component.title, component.in_use_before.count, component.in_use_after.count));
                    // The same column widths in every table, so they line up.
                    let width = ui.available_width() - 3.0 * 14.0;
                    let columns = [width * 0.4, width * 0.2, width * 0.2, width * 0.2];
                    let cell = |ui: &mut Ui, column: usize, text: RichText| {
                        ui.allocate_ui(egui::vec2(columns[column], 0.0), |ui| {
                            ui.set_width(columns[column]);
                            ui.add(egui::Label::new(text).wrap());
                        });
                    };
                    egui::Grid::new(("compare", &component.component_id)).num_columns(4).striped(true).spacing([14.0, 6.0]).show(ui, |ui| {
                        for (column, title) in ["Practice", "Then", "Now", "Change"].into_iter().enumerate() {
                            cell(ui, column, RichText::new(title).strong());
                        }
                        ui.end_row();
                        for practice in &component.practices {
                            cell(ui, 0, RichText::new(&practice.name));
                            cell(ui, 1, RichText::new(practice.before.as_deref().unwrap_or("—")));
                            cell(ui, 2, RichText::new(practice.after.as_deref().unwrap_or("—")));
                            let words = RichText::new(change_words(practice.change));
                            let words = match practice.change {
                                Change::Up | Change::NewlyInUse => words.color(theme::accent(ui.visuals())),
                                Change::Down | Change::NoLongerInUse => words.color(theme::warning(ui.visuals())),
                                _ => words,
                            };
                            cell(ui, 3, words);
                            ui.end_row();
                        }
                    });
                }
                if !comparison.steps_done.is_empty() {
                    ui.add_space(theme::GAP);
                    subheading(ui, "Next steps done");
                    for step in &comparison.steps_done {
                        ui.label(format!("{}: {}", step.name, step.action));
                    }
                }
                if !comparison.changed_answers.is_empty() {
                    ui.add_space(theme::GAP);
                    subheading(ui, "Changed answers to the big questions");
                    for answer in &comparison.changed_answers {
                        ui.label(RichText::new(&answer.prompt).strong());
                        ui.label(format!("Then: {}", answer.before_text));
                        ui.label(format!("Now: {}", answer.now_text));
                    }
                }
                ui.add_space(theme::GAP * 2.0);
            });
        });
        actions
    }
}
