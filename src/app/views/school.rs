//! The school-wide picture for a personalized-learning council: how many
//! teachers use each practice, with no names and no words, and counts below
//! the minimum group hidden so no one can be singled out.

use egui::{RichText, Ui};

use super::widgets::{reading_column, subheading};
use super::{Action, Room, RoomContext};
use crate::app::memo::Memo;
use crate::app::notebook::Notebook;
use crate::app::theme;
use crate::coach::{SchoolPicture, Shown};
use crate::export::Format;

pub struct SchoolScreen {
    pub guide_id: String,
    pub min_group: usize,
    /// For (guide id, smallest group, notebook revision): the picture is
    /// made from the whole notebook, once per change, not every frame.
    picture: Memo<(String, usize, u64), SchoolPicture>,
}

impl Default for SchoolScreen {
    fn default() -> Self {
        SchoolScreen {
            guide_id: crate::guide::DEFAULT_GUIDE_ID.to_owned(),
            min_group: 5,
            picture: Memo::default(),
        }
    }
}

impl Room for SchoolScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        let guides: Vec<(String, String)> = cx
            .notebook
            .library
            .guides()
            .iter()
            .map(|g| (g.guide.id.clone(), g.guide.title.clone()))
            .collect();
        let key = (
            self.guide_id.clone(),
            self.min_group,
            cx.notebook.revision(),
        );
        if self.picture.get(&key).is_none() {
            match self.picture(cx.notebook) {
                Some(picture) => self.picture.set(key.clone(), picture),
                None => self.picture.clear(),
            }
        }
        // Drawing may change the choices; the picture for them comes next frame.
        let memo = std::mem::take(&mut self.picture);
        let actions = match memo.get(&key) {
            Some(picture) => self.draw(ui, &guides, picture),
            None => Vec::new(),
        };
        self.picture = memo;
        actions
    }
}

impl SchoolScreen {
    /// The school-wide picture of the chosen guide, from every teacher's newest reflection.
    pub fn picture(&self, notebook: &Notebook) -> Option<SchoolPicture> {
        let guide = notebook.guide(&self.guide_id)?;
        let archived: Vec<&str> = notebook
            .teachers
            .iter()
            .filter(|t| t.archived)
            .map(|t| t.id.as_str())
            .collect();
        let reflections: Vec<&crate::reflection::Reflection> = notebook
            .entries
            .iter()
            .map(|e| &e.reflection)
            .filter(|r| r.guide_id == guide.id && !archived.contains(&r.teacher_id.as_str()))
            .collect();
        Some(crate::coach::aggregate(guide, &reflections, self.min_group))
    }

    fn draw(
        &mut self,
        ui: &mut Ui,
        guides: &[(String, String)],
        picture: &SchoolPicture,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::ScrollArea::vertical().id_salt("school").show(ui, |ui| {
            reading_column(ui, |ui| {
                ui.add_space(theme::GAP);
                ui.heading("School-wide picture");
                ui.label("Counts only: no names and none of the teachers' words. Each teacher counts once, by their newest reflection.");
                ui.horizontal(|ui| {
                    let current = guides.iter().find(|(id, _)| *id == self.guide_id).map_or(self.guide_id.as_str(), |(_, t)| t.as_str());
                    egui::ComboBox::from_label("Guide").selected_text(current).show_ui(ui, |ui| {
                        for (id, title) in guides {
                            ui.selectable_value(&mut self.guide_id, id.clone(), title);
                        }
                    });
                    let response = ui.add(egui::DragValue::new(&mut self.min_group).range(2..=50).prefix("Smallest group shown: "));
                    let (enabled, value) = (response.enabled(), self.min_group as f64);
                    response.widget_info(|| {
                        let mut info = egui::WidgetInfo::drag_value(enabled, value);
                        info.label = Some("Smallest group shown".to_owned());
                        info
                    });
                });
                ui.add_space(theme::SMALL_GAP);
                if picture.too_small {
                    ui.colored_label(
                        theme::warning(ui.visuals()),
                        format!(
                            "Fewer than {} teachers have reflected on this guide, so no counts are shown: any one teacher could be singled out.",
                            picture.min_group
                        ),
                    );
                } else {
                    ui.label(RichText::new(format!("{} teachers", picture.teachers)).text_style(theme::subheading()));
                }
                for component in &picture.components {
                    ui.add_space(theme::GAP);
                    subheading(ui, &component.title);
                    egui::Grid::new(("school", &component.component_id)).num_columns(2).striped(true).spacing([14.0, 6.0]).show(ui, |ui| {
                        ui.strong("Practice");
                        ui.strong("Teachers using it");
                        ui.end_row();
                        for practice in &component.practices {
                            ui.label(&practice.name);
                            // The same wording as the exported picture.
                            ui.label(match practice.in_use {
                                Shown::Count(n) => format!("{n} of {}", picture.teachers),
                                hidden => hidden.to_string(),
                            });
                            ui.end_row();
                        }
                    });
                }
                if !picture.strengths.is_empty() {
                    ui.add_space(theme::GAP);
                    subheading(ui, "Most common strengths");
                    for practice in &picture.strengths {
                        ui.label(format!("{} ({} teachers)", practice.name, practice.teachers));
                    }
                }
                if !picture.next_steps.is_empty() {
                    ui.add_space(theme::GAP);
                    subheading(ui, "Most common next steps");
                    for practice in &picture.next_steps {
                        ui.label(format!("{} ({} teachers)", practice.name, practice.teachers));
                    }
                }
                ui.add_space(theme::GAP);
                ui.horizontal(|ui| {
                    for (format, label) in [
                        (Format::Pdf, "Export as PDF"),
                        (Format::Html, "Export as web page"),
                        (Format::Csv, "Export as CSV"),
                        (Format::Markdown, "Export as Markdown"),
                    ] {
                        if ui.button(label).clicked() {
                            actions.push(Action::ExportSchool(format));
                        }
                    }
                });
                ui.add_space(theme::GAP * 2.0);
            });
        });
        actions
    }
}
