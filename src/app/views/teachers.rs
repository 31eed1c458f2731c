//! The coach's home: teachers with search, and the selected teacher's timeline.
//! Someone reflecting for themselves never sees this: with one teacher the
//! app keeps its simple private layout.

use egui::{RichText, Ui};

use super::Action;
use super::widgets::{name_for_screen_readers, progress_line, reading_column, subheading};
use crate::app::notebook::Notebook;
use crate::app::theme;
use crate::reflection::progress;

#[derive(Debug, Default, Clone)]
pub struct TeachersView {
    pub search: String,
    pub show_archived: bool,
    pub selected: Option<String>,
}

impl TeachersView {
    pub fn ui(&mut self, ui: &mut Ui, notebook: &Notebook) -> Vec<Action> {
        let mut actions = Vec::new();
        if self
            .selected
            .as_deref()
            .is_none_or(|id| notebook.teacher(id).is_none())
        {
            self.selected = notebook
                .teachers
                .iter()
                .find(|t| !t.archived)
                .map(|t| t.id.clone());
        }
        egui::Panel::left("teachers")
            .resizable(false)
            .default_size(260.0)
            .show(ui, |ui| {
                ui.add_space(theme::GAP);
                subheading(ui, "Teachers");
                let label = ui.label("Search teachers");
                ui.add(egui::TextEdit::singleline(&mut self.search).hint_text("Name"))
                    .labelled_by(label.id);
                ui.checkbox(&mut self.show_archived, "Show archived");
                ui.add_space(theme::SMALL_GAP);
                let needle = self.search.trim().to_lowercase();
                egui::ScrollArea::vertical()
                    .id_salt("teacher-list")
                    .max_height(ui.available_height() - 170.0)
                    .show(ui, |ui| {
                        let mut teachers: Vec<_> = notebook
                            .teachers
                            .iter()
                            .filter(|t| self.show_archived || !t.archived)
                            .filter(|t| {
                                needle.is_empty() || t.name.to_lowercase().contains(&needle)
                            })
                            .collect();
                        teachers.sort_by_key(|t| t.name.to_lowercase());
                        for teacher in teachers {
                            let count = notebook.reflections_of(&teacher.id).len();
                            let archived = if teacher.archived { ", archived" } else { "" };
                            let text =
                                format!("{}  ({count}{archived})", display_name(&teacher.name));
                            let selected = self.selected.as_deref() == Some(teacher.id.as_str());
                            let response = ui.selectable_label(selected, text);
                            name_for_screen_readers(
                                &response,
                                egui::Role::Button,
                                Some(selected),
                                &format!("Show teacher {}", display_name(&teacher.name)),
                            );
                            if response.clicked() {
                                self.selected = Some(teacher.id.clone());
                            }
                        }
                    });
                ui.add_space(theme::SMALL_GAP);
                if ui.button("Add teacher…").clicked() {
                    actions.push(Action::AskAddTeacher);
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(teacher) = self.selected.as_deref().and_then(|id| notebook.teacher(id)) else {
                ui.label("Add a teacher to begin.");
                return;
            };
            egui::ScrollArea::vertical().id_salt(("timeline", &teacher.id)).show(ui, |ui| {
                reading_column(ui, |ui| {
                    ui.add_space(theme::GAP);
                    ui.heading(display_name(&teacher.name));
                    if teacher.archived {
                        ui.colored_label(theme::warning(ui.visuals()), "Archived: hidden from the list and from revisits.");
                    }
                    ui.horizontal_wrapped(|ui| {
                        let name = display_name(&teacher.name);
                        if named(ui, "New reflection…", &format!("New reflection for {name}")).clicked() {
                            actions.push(Action::AskNewReflectionFor(teacher.id.clone()));
                        }
                        if named(ui, "Rename…", &format!("Rename teacher {name}")).clicked() {
                            actions.push(Action::AskRenameTeacher(teacher.id.clone()));
                        }
                        let (label, archived) = if teacher.archived { ("Unarchive", false) } else { ("Archive", true) };
                        if named(ui, label, &format!("{label} {name}")).clicked() {
                            actions.push(Action::SetArchived {
                                teacher_id: teacher.id.clone(),
                                archived,
                            });
                        }
                        if named(ui, "Delete…", &format!("Delete teacher {name}")).clicked() {
                            actions.push(Action::AskDeleteTeacher(teacher.id.clone()));
                        }
                    });
                    ui.add_space(theme::GAP);
                    subheading(ui, "Timeline");
                    let reflections = notebook.reflections_of(&teacher.id);
                    if reflections.is_empty() {
                        ui.label("No reflections yet. Start one together, or import one the teacher exported.");
                    }
                    for entry in reflections {
                        let reflection = &entry.reflection;
                        theme::card(ui).show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.label(RichText::new(reflection.display_title()).strong());
                            let guide = notebook.guide(&reflection.guide_id);
                            ui.weak(format!(
                                "{} · started {}",
                                guide.map_or(reflection.guide_id.as_str(), |g| g.title.as_str()),
                                reflection.created.date()
                            ));
                            if let Some(guide) = guide {
                                let p = progress(guide, reflection);
                                progress_line(ui, p.answered, p.total);
                            }
                            ui.horizontal(|ui| {
                                let name = reflection.display_title();
                                if named(ui, "Open", &format!("Open {name}")).clicked() {
                                    actions.push(Action::OpenReflection(reflection.id.clone()));
                                }
                                if guide.is_some() && named(ui, "Summary", &format!("Summary of {name}")).clicked() {
                                    actions.push(Action::OpenSummary(reflection.id.clone()));
                                }
                            });
                        });
                        ui.add_space(theme::SMALL_GAP);
                    }
                });
            });
        });
        actions
    }
}

/// A teacher who gave no name is still someone.
pub fn display_name(name: &str) -> &str {
    if name.trim().is_empty() {
        "Unnamed teacher"
    } else {
        name
    }
}

fn named(ui: &mut Ui, text: &str, name: &str) -> egui::Response {
    let response = ui.button(text);
    name_for_screen_readers(&response, egui::Role::Button, None, name);
    response
}
