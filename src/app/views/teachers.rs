//! The coach's home: teachers with search, and the selected teacher's timeline.
//! Someone reflecting for themselves never sees this: with one teacher the
//! app keeps its simple private layout.

use egui::{RichText, Ui};

use super::dialogs::Dialog;
use super::widgets::{
    name_for_screen_readers, named_button, progress_line, reading_column, subheading,
};
use super::{Action, Screen};
use crate::app::notebook::Notebook;
use crate::app::theme;
use crate::reflection::progress;
use crate::words;

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
                        teachers.sort_by_key(|t| crate::words::name_sort_key(&t.name));
                        // One pass over the reflections, not one per teacher.
                        let mut counts: std::collections::HashMap<&str, usize> =
                            std::collections::HashMap::new();
                        for entry in &notebook.entries {
                            *counts
                                .entry(entry.reflection.teacher_id.as_str())
                                .or_default() += 1;
                        }
                        for teacher in teachers {
                            let count = counts.get(teacher.id.as_str()).copied().unwrap_or(0);
                            let archived = if teacher.archived { ", archived" } else { "" };
                            let text = format!(
                                "{}  ({count}{archived})",
                                words::teacher_name(&teacher.name)
                            );
                            let selected = self.selected.as_deref() == Some(teacher.id.as_str());
                            let response = ui.selectable_label(selected, text);
                            name_for_screen_readers(
                                &response,
                                egui::Role::Button,
                                Some(selected),
                                &format!("Show teacher {}", words::teacher_name(&teacher.name)),
                            );
                            if response.clicked() {
                                self.selected = Some(teacher.id.clone());
                            }
                        }
                    });
                ui.add_space(theme::SMALL_GAP);
                if ui.button("Add teacher…").clicked() {
                    actions.push(Action::Ask(Dialog::AddTeacher {
                        name: String::new(),
                    }));
                }
                if ui
                    .button("Import a reflection…")
                    .on_hover_text("Add a reflection a teacher exported as JSON")
                    .clicked()
                {
                    actions.push(Action::ImportReflection);
                }
                ui.separator();
                if ui
                    .button("Due for a revisit")
                    .on_hover_text("Next steps whose revisit date has come, across teachers")
                    .clicked()
                {
                    actions.push(Action::Go(Screen::Due));
                }
                if ui
                    .button("School-wide picture")
                    .on_hover_text("How many teachers use each practice; no names")
                    .clicked()
                {
                    actions.push(Action::Go(Screen::School));
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
                    ui.heading(words::teacher_name(&teacher.name));
                    if teacher.archived {
                        ui.colored_label(theme::warning(ui.visuals()), "Archived: hidden from the list and from revisits.");
                    }
                    ui.horizontal_wrapped(|ui| {
                        let name = words::teacher_name(&teacher.name);
                        if named_button(ui, "New reflection…", &format!("New reflection for {name}")).clicked() {
                            actions.push(Action::Ask(Dialog::new_reflection(Some(teacher.id.clone()))));
                        }
                        if named_button(ui, "New session", &format!("New session with {name}")).clicked() {
                            actions.push(Action::StartSession(teacher.id.clone()));
                        }
                        if notebook.reflections_of(&teacher.id).len() >= 2
                            && named_button(ui, "Compare reflections", &format!("Compare reflections of {name}")).clicked()
                        {
                            actions.push(Action::OpenCompare(teacher.id.clone()));
                        }
                        if named_button(ui, "Rename…", &format!("Rename teacher {name}")).clicked() {
                            actions.push(Action::Ask(Dialog::RenameTeacher { teacher_id: teacher.id.clone(), name: teacher.name.clone() }));
                        }
                        let (label, archived) = if teacher.archived { ("Unarchive", false) } else { ("Archive", true) };
                        if named_button(ui, label, &format!("{label} {name}")).clicked() {
                            actions.push(Action::SetArchived {
                                teacher_id: teacher.id.clone(),
                                archived,
                            });
                        }
                        if named_button(ui, "Delete…", &format!("Delete teacher {name}")).clicked() {
                            actions.push(Action::Ask(Dialog::ConfirmDeleteTeacher { teacher_id: teacher.id.clone() }));
                        }
                    });
                    growth_chart(ui, notebook, &teacher.id);
                    let sessions = notebook.sessions_of(&teacher.id);
                    if !sessions.is_empty() {
                        ui.add_space(theme::GAP);
                        subheading(ui, "Sessions");
                        for entry in sessions {
                            let session = &entry.session;
                            ui.horizontal(|ui| {
                                let title = session.display_title();
                                let open = session.open_steps().count();
                                ui.label(format!(
                                    "{title} · {} · {}",
                                    crate::words::plural(session.agenda.len(), "agenda item", "agenda items"),
                                    crate::words::plural(open, "open step", "open steps")
                                ));
                                if named_button(ui, "Open", &format!("Open session {title}")).clicked() {
                                    actions.push(Action::OpenSession(session.id.clone()));
                                }
                            });
                        }
                    }
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
                                if named_button(ui, "Open", &format!("Open {name}")).clicked() {
                                    actions.push(Action::OpenReflection(reflection.id.clone()));
                                }
                                if guide.is_some() && named_button(ui, "Summary", &format!("Summary of {name}")).clicked() {
                                    actions.push(Action::OpenSummary(reflection.id.clone()));
                                }
                                if guide.is_some()
                                    && named_button(ui, "Duplicate as new check-in", &format!("Duplicate as new check-in: {name}")).clicked()
                                {
                                    actions.push(Action::DuplicateReflection(reflection.id.clone()));
                                }
                                if named_button(ui, "Rename…", &format!("Rename {name}")).clicked() {
                                    actions.push(Action::Ask(Dialog::Rename { id: reflection.id.clone(), title: reflection.title.clone() }));
                                }
                                if named_button(ui, "Delete…", &format!("Delete {name}")).clicked() {
                                    actions.push(Action::Ask(Dialog::ConfirmDelete { id: reflection.id.clone() }));
                                }
                            });
                            if let Some(imported) = reflection.extra.get("imported") {
                                let file = imported["file"].as_str().unwrap_or("a shared file");
                                let at = imported["at"].as_str().map(|t| t.get(..10).unwrap_or(t)).unwrap_or_default();
                                ui.weak(format!("Brought in from {file} on {at}"));
                            }
                        });
                        ui.add_space(theme::SMALL_GAP);
                    }
                });
            });
        });
        actions
    }
}

/// Practices in use per component across a teacher's reflections on each
/// guide, oldest first: one row per component, one bar per reflection.
fn growth_chart(ui: &mut Ui, notebook: &Notebook, teacher_id: &str) {
    let reflections = notebook.reflections_of(teacher_id);
    let mut guide_ids: Vec<&str> = reflections
        .iter()
        .map(|e| e.reflection.guide_id.as_str())
        .collect();
    guide_ids.sort_unstable();
    guide_ids.dedup();
    for guide_id in guide_ids {
        let Some(guide) = notebook.guide(guide_id) else {
            continue;
        };
        let mut on_guide: Vec<&crate::reflection::Reflection> = reflections
            .iter()
            .map(|e| &e.reflection)
            .filter(|r| r.guide_id == guide_id)
            .collect();
        if on_guide.len() < 2 {
            continue;
        }
        on_guide.reverse();
        let growth = crate::coach::growth(guide, &on_guide);
        ui.add_space(theme::GAP);
        subheading(ui, &format!("Growth: {}", guide.title));
        egui::Grid::new(("growth", guide_id))
            .num_columns(growth.points.len() + 1)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label("");
                for (index, point) in growth.points.iter().enumerate() {
                    // Two check-ins on one day are told apart by their titles.
                    let same_day = growth
                        .points
                        .iter()
                        .enumerate()
                        .any(|(other, p)| other != index && p.date == point.date);
                    if same_day {
                        ui.weak(format!("{}\n{}", point.date, point.title));
                    } else {
                        ui.weak(&point.date);
                    }
                }
                ui.end_row();
                for (index, series) in growth.components.iter().enumerate() {
                    ui.label(&series.title);
                    for point in &growth.points {
                        if let Some(count) = point.components.get(index) {
                            growth_bar(ui, count);
                        }
                    }
                    ui.end_row();
                }
                ui.label(RichText::new("All practices").strong());
                for point in &growth.points {
                    growth_bar(ui, &point.overall);
                }
                ui.end_row();
            });
    }
}

fn growth_bar(ui: &mut Ui, count: &crate::summary::Count) {
    ui.horizontal(|ui| growth_bar_with_count(ui, count));
}

/// A bar with its count beside it, never drawn over the bar's colours.
fn growth_bar_with_count(ui: &mut Ui, count: &crate::summary::Count) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(70.0, 14.0), egui::Sense::hover());
    let share = if count.total == 0 {
        0.0
    } else {
        count.count as f32 / count.total as f32
    };
    let track = if ui.visuals().dark_mode {
        egui::Color32::from_gray(50)
    } else {
        egui::Color32::from_gray(225)
    };
    ui.painter().rect_filled(rect, 3.0, track);
    let mut filled = rect;
    filled.set_width(rect.width() * share);
    ui.painter()
        .rect_filled(filled, 3.0, theme::accent(ui.visuals()));
    ui.label(format!("{} of {}", count.count, count.total));
    response.on_hover_text(format!(
        "{} of {} practices in use",
        count.count, count.total
    ));
}
