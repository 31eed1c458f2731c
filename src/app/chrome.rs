//! The menu bar and the status bar around every screen.

use super::commands::UiCommand;
use super::notebook::SaveState;
use super::views::Action;
use super::{ReflectApp, Screen, theme};

pub(super) fn open_in_file_manager(path: &std::path::Path) -> Result<(), String> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(path)
        .spawn()
        .map(|_| ())
        .map_err(|error| {
            format!(
                "Could not open {}: {error}. The folder is {}",
                program,
                path.display()
            )
        })
}

impl ReflectApp {
    pub(super) fn menu_bar(&self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in [UiCommand::NewReflection, UiCommand::GoHome] {
                    if command.menu_button(ui) {
                        actions.push(Action::Command(command));
                    }
                }
                if ui
                    .button("Add a teacher…")
                    .on_hover_text("Keep reflections for several teachers, as a coach")
                    .clicked()
                {
                    actions.push(Action::AskAddTeacher);
                    ui.close();
                }
                if ui
                    .button("Import a reflection…")
                    .on_hover_text("Add a reflection a teacher exported as JSON")
                    .clicked()
                {
                    actions.push(Action::ImportReflection);
                    ui.close();
                }
                for command in [UiCommand::OpenSettings, UiCommand::Quit] {
                    if command.menu_button(ui) {
                        actions.push(Action::Command(command));
                    }
                }
            });
            ui.menu_button("Go", |ui| {
                for command in [
                    UiCommand::PreviousSection,
                    UiCommand::NextSection,
                    UiCommand::JumpToPractice,
                ] {
                    if command.menu_button(ui) {
                        actions.push(Action::Command(command));
                    }
                }
            });
            ui.menu_button("View", |ui| {
                for command in [
                    UiCommand::ZoomIn,
                    UiCommand::ZoomOut,
                    UiCommand::ZoomReset,
                    UiCommand::ShowProblems,
                ] {
                    if command.menu_button(ui) {
                        actions.push(Action::Command(command));
                    }
                }
                let mut presenting = self.presenting;
                if ui
                    .checkbox(&mut presenting, "Presenting (larger text)")
                    .on_hover_text("Larger text, for showing the screen to a teacher in a session")
                    .clicked()
                {
                    actions.push(Action::TogglePresenting);
                    ui.close();
                }
            });
            let home = if self.notebook.is_coaching() {
                "Teachers"
            } else {
                "My reflections"
            };
            if self.screen != Screen::Home
                && self.screen != Screen::Welcome
                && ui.button(home).clicked()
            {
                actions.push(Action::Command(UiCommand::GoHome));
            }
        });
        actions
    }

    pub(super) fn status_bar(&self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            match self.notebook.save_state() {
                SaveState::Saved => {
                    ui.weak("All changes saved");
                }
                SaveState::Saving => {
                    ui.weak("Saving…");
                }
                SaveState::Failed(error) => {
                    ui.colored_label(
                        theme::warning(ui.visuals()),
                        format!("Not saved yet — will retry: {error}"),
                    );
                }
            }
            if let Some(last) = self.notebook.deleted.last() {
                ui.separator();
                ui.label(format!("Deleted \"{}\".", last.display_title()));
                if ui.button("Undo delete").clicked() {
                    actions.push(Action::UndoDelete);
                }
            }
            if let Some(message) = &self.message {
                ui.separator();
                ui.colored_label(theme::warning(ui.visuals()), message);
            }
            if !self.notebook.problems.is_empty() && !self.show_problems {
                ui.separator();
                let text = format!("Problems ({})", self.notebook.problems.len());
                if ui
                    .button(text)
                    .on_hover_text(UiCommand::ShowProblems.tooltip())
                    .clicked()
                {
                    actions.push(Action::Command(UiCommand::ShowProblems));
                }
            }
        });
        actions
    }
}
