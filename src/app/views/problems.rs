//! The problems panel: files that could not be used, and what to do about them.

use egui::Ui;

use super::Action;
use super::widgets::reading_column;
use crate::app::theme;

pub fn ui(ui: &mut Ui, problems: &[String], data_dir: &std::path::Path) -> Vec<Action> {
    let mut actions = Vec::new();
    reading_column(ui, |ui| {
        ui.add_space(theme::SMALL_GAP);
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(format!("Problems ({})", problems.len())).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Hide problems").clicked() {
                    actions.push(Action::Command(
                        crate::app::commands::UiCommand::ShowProblems,
                    ));
                }
                if ui.button("Open data folder").clicked() {
                    actions.push(Action::OpenFolder(data_dir.to_path_buf()));
                }
            });
        });
        ui.label(
            "PL Reflect still runs with everything that loaded. Files below were left exactly as they \
             are: nothing was overwritten or deleted. Fix a file in a text editor, or restore its .bak copy, \
             then restart the app.",
        );
        egui::ScrollArea::vertical()
            .max_height(220.0)
            .show(ui, |ui| {
                for problem in problems {
                    ui.separator();
                    ui.label(problem);
                    ui.add_space(theme::SMALL_GAP);
                }
            });
    });
    actions
}
