//! Settings: where the notebook lives, theme, text size and guide folder.

use std::path::Path;

use egui::Ui;

use super::widgets::{reading_column, subheading};
use super::{Action, Room, RoomContext};
use crate::app::theme::{self, ThemeChoice};

/// Settings: where the notebook lives, theme, text size and guide folder.
#[derive(Default)]
pub struct SettingsScreen {
    pub privacy: super::privacy::PrivacyForm,
}

impl Room for SettingsScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        let store = &cx.notebook.store;
        let privacy = &mut self.privacy;
        draw(
            ui,
            cx.data_dir,
            cx.guide_dir,
            cx.settings.theme,
            cx.settings.zoom,
            |ui| {
                let lock_after = cx.settings.lock_after_minutes;
                privacy.ui(ui, store.is_encrypted(), store.is_read_only(), lock_after)
            },
        )
    }
}

fn draw(
    ui: &mut Ui,
    data_dir: &Path,
    guides_dir: Option<&Path>,
    theme_choice: ThemeChoice,
    zoom: f32,
    privacy: impl FnOnce(&mut Ui) -> Vec<Action>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::ScrollArea::vertical().id_salt("settings").show(ui, |ui| {
        reading_column(ui, |ui| {
            ui.add_space(theme::GAP);
            ui.horizontal(|ui| {
                let back = ui.button("⬅ Back").on_hover_text("Back to where you were (Escape)");
                super::widgets::name_for_screen_readers(&back, egui::Role::Button, None, "Back from Settings");
                if back.clicked() {
                    actions.push(Action::LeaveSettings);
                }
                ui.heading("Settings");
            });
            ui.add_space(theme::GAP);

            subheading(ui, "Your notebook");
            ui.label("Every reflection is kept as a readable file in this folder on this computer:");
            ui.monospace(data_dir.display().to_string());
            if ui.button("Open data folder").clicked() {
                actions.push(Action::OpenFolder(data_dir.to_path_buf()));
            }
            if ui
                .button("Move my notebook…")
                .on_hover_text("Copy the notebook to another folder (a USB stick, say), check the copy, and open it from there from now on; this folder is kept as it is")
                .clicked()
            {
                actions.push(Action::AskMoveNotebook);
            }
            ui.weak("The copy is checked file by file before PL Reflect uses it, and this folder is kept as it was.");
            ui.add_space(theme::GAP);

            actions.extend(privacy(ui));

            subheading(ui, "Theme");
            ui.horizontal(|ui| {
                for choice in ThemeChoice::ALL {
                    if ui.radio(theme_choice == choice, choice.label()).clicked() {
                        actions.push(Action::SetTheme(choice));
                    }
                }
            });
            ui.add_space(theme::GAP);

            subheading(ui, "Text size");
            ui.horizontal(|ui| {
                let mut percent = (zoom * 100.0).round();
                let slider = ui.add(
                    egui::Slider::new(&mut percent, (theme::MIN_ZOOM * 100.0)..=(theme::MAX_ZOOM * 100.0))
                        .step_by(10.0)
                        .suffix(" %")
                        .text("Text size"),
                );
                if slider.drag_stopped() || (slider.changed() && !slider.dragged()) {
                    actions.push(Action::SetZoom(percent / 100.0));
                }
                if ui.button("Actual size").clicked() {
                    actions.push(Action::SetZoom(1.0));
                }
            });
            ui.weak("Ctrl + and Ctrl − also change the size, and Ctrl 0 resets it.");
            ui.add_space(theme::GAP);

            subheading(ui, "Guides");
            match guides_dir {
                Some(dir) => {
                    ui.label("Guide files (.json) placed in this folder appear next to the built-in guides:");
                    ui.monospace(dir.display().to_string());
                    if ui.button("Open guides folder").clicked() {
                        actions.push(Action::OpenFolder(dir.to_path_buf()));
                    }
                }
                None => {
                    ui.label("No guides folder is known on this system; use --guides FOLDER.");
                }
            }
        });
    });
    actions
}
