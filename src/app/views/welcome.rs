//! First start: what the app is for, where things are kept, and a name; and
//! the moment the window opens, while the notebook is read.

use egui::{RichText, Ui};

use super::widgets::reading_column;
use super::{Action, Room, RoomContext};
use crate::app::theme;

#[derive(Default)]
pub struct WelcomeScreen {
    pub name: String,
}

impl WelcomeScreen {
    fn draw(&mut self, ui: &mut Ui, data_dir: &std::path::Path) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::ScrollArea::vertical().show(ui, |ui| {
            reading_column(ui, |ui| {
                ui.add_space(theme::GAP * 2.0);
                ui.heading("Welcome to PL Reflect");
                ui.add_space(theme::SMALL_GAP);
                ui.label(
                    "A quiet notebook for thinking about personalized learning. Work through a short \
                     reflection guide: a few big questions and a checklist of practices. Then see how \
                     much of personalized learning is already part of your teaching.",
                );
                ui.add_space(theme::SMALL_GAP);
                ui.label(RichText::new("Align it, don't add it: personalized learning grows from what you already do.").italics());
                ui.add_space(theme::GAP);
                theme::card(ui).show(ui, |ui| {
                    ui.label(RichText::new("Private by design").strong());
                    ui.label("Everything you write stays on this computer. Nothing is sent anywhere. Your notebook is kept here:");
                    ui.monospace(data_dir.display().to_string());
                    ui.weak("You decide what to share, by exporting a summary.");
                });
                ui.add_space(theme::GAP);
                let label = ui.label("Your name (optional)");
                let field = ui.add(egui::TextEdit::singleline(&mut self.name).hint_text("For example, Ms. Rivera").desired_width(320.0));
                let field = field.labelled_by(label.id);
                // Typing goes straight into the name; Enter starts the guide.
                super::widgets::focus_first(ui, &field);
                let entered = super::widgets::submitted(ui, &field);
                ui.weak("It only appears on summaries you choose to export.");
                ui.add_space(theme::GAP);
                ui.horizontal(|ui| {
                    let start = ui.add(egui::Button::new(RichText::new("Start reflecting").strong()).min_size(egui::vec2(160.0, 34.0)));
                    if start.on_hover_text("Begin the guide \"Personalized Learning: Where to Begin\"").clicked() || entered {
                        actions.push(Action::Begin {
                            name: self.name.clone(),
                            start_default_guide: true,
                        });
                    }
                    if ui.button("Look around first").clicked() {
                        actions.push(Action::Begin {
                            name: self.name.clone(),
                            start_default_guide: false,
                        });
                    }
                });
            });
        });
        actions
    }
}

/// What the window shows for the moment it takes to read the notebook's files.
impl Room for WelcomeScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        self.draw(ui, cx.data_dir)
    }
}

pub fn opening(ui: &mut Ui) {
    reading_column(ui, |ui| {
        ui.add_space(theme::GAP * 4.0);
        ui.weak("Opening your notebook…");
    });
}
