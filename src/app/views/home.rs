//! Home: the teacher's reflections, newest first, and the guides to start from.

use egui::{RichText, Ui};

use super::dialogs::Dialog;
use super::due_steps::DueGreeting;
use super::teachers::TeachersView;
use super::widgets::{LazyRows, named_button, progress_line, reading_column, subheading};
use super::{Action, Room, RoomContext};
use crate::app::commands::UiCommand;
use crate::app::notebook::Notebook;
use crate::app::theme;
use crate::reflection::progress;

/// Home: a teacher's own reflections, or, in a coach's notebook, the teachers.
#[derive(Default)]
pub struct HomeScreen {
    pub teachers: TeachersView,
    /// Next steps whose date has come, at the top of a teacher's home.
    greeting: DueGreeting,
}

impl Room for HomeScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        if cx.notebook.is_coaching() {
            self.teachers.ui(ui, cx.notebook)
        } else {
            own_reflections(ui, cx.notebook, &mut self.greeting)
        }
    }
}

fn own_reflections(ui: &mut Ui, notebook: &Notebook, greeting: &mut DueGreeting) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::ScrollArea::vertical().id_salt("home").show_viewport(ui, |ui, viewport| {
        let content_top = ui.max_rect().top();
        reading_column(ui, |ui| {
            ui.add_space(theme::GAP);
            ui.horizontal(|ui| {
                ui.heading("My reflections");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(UiCommand::NewReflection.label()).on_hover_text(UiCommand::NewReflection.tooltip()).clicked() {
                        actions.push(Action::Command(UiCommand::NewReflection));
                    }
                });
            });
            ui.add_space(theme::SMALL_GAP);
            actions.extend(greeting.ui(ui, notebook));
            let entries = notebook.newest_first();
            if entries.is_empty() {
                ui.label("No reflections yet. Pick a guide below to begin; each says about how long it takes, and you can stop at any time.");
            }
            // A notebook of many years holds hundreds of reflections: only the
            // cards near the view are drawn, each standing in at the last card height.
            let height_id = egui::Id::unique("home-card-height");
            let card_height: f32 = ui.data(|d| d.get_temp(height_id)).unwrap_or(150.0);
            let mut rows = LazyRows::new(ui, content_top, viewport.y_range());
            for entry in entries {
                if !rows.is_near(card_height) {
                    rows.skip(card_height);
                    continue;
                }
                let measured = rows.draw(ui, |ui| {
                let reflection = &entry.reflection;
                let guide = notebook.guide(&reflection.guide_id);
                theme::card(ui).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(reflection.display_title()).text_style(theme::subheading()).strong());
                    let guide_title = guide.map_or_else(|| format!("guide \"{}\" (not available)", reflection.guide_id), |g| g.title.clone());
                    ui.weak(format!("{guide_title} · last changed {}", reflection.updated.date()));
                    if let Some(guide) = guide {
                        let p = progress(guide, reflection);
                        progress_line(ui, p.answered, p.total);
                    }
                    if let Some(reason) = &entry.read_only {
                        ui.colored_label(theme::warning(ui.visuals()), format!("Read-only: {reason}"));
                    }
                    ui.horizontal(|ui| {
                        let name = reflection.display_title();
                        let open_label = if entry.read_only.is_some() { "Open" } else { "Continue" };
                        if named_button(ui, open_label, &format!("{open_label} {name}")).clicked() {
                            actions.push(Action::OpenReflection(reflection.id.clone()));
                        }
                        if guide.is_some() && named_button(ui, "Summary", &format!("Summary of {name}")).clicked() {
                            actions.push(Action::OpenSummary(reflection.id.clone()));
                        }
                        if guide.is_some() && named_button(ui, "Duplicate as new check-in", &format!("Duplicate {name} as a new check-in")).clicked() {
                            actions.push(Action::DuplicateReflection(reflection.id.clone()));
                        }
                        if entry.read_only.is_none() {
                            if named_button(ui, "Rename", &format!("Rename {name}")).clicked() {
                                actions.push(Action::Ask(Dialog::Rename { id: reflection.id.clone(), title: reflection.title.clone() }));
                            }
                            if named_button(ui, "Delete", &format!("Delete {name}")).clicked() {
                                actions.push(Action::Ask(Dialog::ConfirmDelete { id: reflection.id.clone() }));
                            }
                        }
                    });
                });
                ui.add_space(theme::SMALL_GAP);
                });
                ui.data_mut(|d| d.insert_temp(height_id, measured));
            }
            rows.finish(ui);
            ui.add_space(theme::GAP);
            subheading(ui, "Start a new reflection");
            ui.add_space(theme::SMALL_GAP);
            for loaded in notebook.library.guides() {
                let guide = &loaded.guide;
                theme::card(ui).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(&guide.title).strong());
                    ui.label(&guide.description);
                    let counts = guide.counts();
                    ui.weak(format!(
                        "{} big questions · {} practices · based on {}",
                        counts.questions, counts.practices, guide.source.title
                    ));
                    if let Some(line) = crate::words::time_and_cadence(guide) {
                        ui.weak(line);
                    }
                    if named_button(ui, "Start", &format!("Start {}", guide.title)).clicked() {
                        // The grade band chosen last carries on.
                        let grade_band = notebook
                            .newest_first()
                            .into_iter()
                            .find_map(|e| e.reflection.grade_band);
                        actions.push(Action::StartReflection {
                            teacher_id: None,
                            guide_id: guide.id.clone(),
                            title: String::new(),
                            grade_band,
                        });
                    }
                });
                ui.add_space(theme::SMALL_GAP);
            }
        });
    });
    actions
}
