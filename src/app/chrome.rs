//! The menu bar and the status bar around every screen.

use super::commands::{Menu, UiCommand};
use super::notebook::SaveState;
use super::notifications::Severity;
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
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        let open_file_menu = std::mem::take(&mut self.open_file_menu);
        egui::MenuBar::new().ui(ui, |ui| {
            for (title, menu) in [
                ("File", Menu::File),
                ("Go", Menu::Go),
                ("View", Menu::View),
                ("Help", Menu::Help),
            ] {
                let response = ui
                    .menu_button(title, |ui| {
                        for command in UiCommand::ALL.iter().filter(|c| c.menu() == menu) {
                            if *command == UiCommand::Presenting {
                                let mut presenting = self.presenting;
                                if ui
                                    .checkbox(&mut presenting, command.label())
                                    .on_hover_text(command.tooltip())
                                    .clicked()
                                {
                                    actions.push(Action::Command(*command));
                                    ui.close();
                                }
                            } else if command.menu_button(ui) {
                                actions.push(Action::Command(*command));
                            }
                        }
                    })
                    .response;
                if open_file_menu && menu == Menu::File {
                    // F10 or Alt+F: the File menu opens with the keyboard on it.
                    response.request_focus();
                    egui::Popup::open_id(ui.ctx(), egui::Popup::default_response_id(&response));
                }
            }
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
            // The right-hand buttons first, so a long message never hides them.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if !self.notebook.problems.is_empty() && !self.show_problems {
                    let text = format!("Problems ({})", self.notebook.problems.len());
                    if ui
                        .button(text)
                        .on_hover_text(UiCommand::ShowProblems.tooltip())
                        .clicked()
                    {
                        actions.push(Action::Command(UiCommand::ShowProblems));
                    }
                }
                if self.conflict_count > 0 {
                    let text = format!("Sync conflicts ({})", self.conflict_count);
                    if ui
                        .button(text)
                        .on_hover_text("Copies a synced folder left: choose which answers to keep")
                        .clicked()
                    {
                        actions.push(Action::OpenConflicts);
                    }
                }
                if !self.notifications.is_empty() {
                    let text = format!("Notifications ({})", self.notifications.len());
                    if ui
                        .button(text)
                        .on_hover_text("Everything that happened since PL Reflect opened")
                        .clicked()
                    {
                        actions.push(Action::ToggleNotifications);
                    }
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
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
                                "Not saved yet — will retry",
                            )
                            .on_hover_text(&error);
                            if ui.small_button("Why?").clicked() {
                                actions.push(Action::ToggleNotifications);
                            }
                        }
                    }
                    if let Some(name) = self.notebook.deleted_teacher_name() {
                        ui.separator();
                        ui.label(format!(
                            "Deleted teacher \"{}\".",
                            super::views::teachers::display_name(name)
                        ));
                        if ui.button("Undo").clicked() {
                            actions.push(Action::UndoDeleteTeacher);
                        }
                    }
                    if let Some(last) = self.notebook.deleted.last() {
                        ui.separator();
                        ui.label(format!("Deleted \"{}\".", last.display_title()));
                        if ui.button("Undo delete").clicked() {
                            actions.push(Action::UndoDelete);
                        }
                    }
                    if let Some(latest) = self.notifications.latest() {
                        ui.separator();
                        let text = egui::RichText::new(&latest.text);
                        let text = match latest.severity {
                            Severity::Problem => text.color(theme::warning(ui.visuals())),
                            Severity::Done => text,
                        };
                        ui.add(egui::Label::new(text).truncate())
                            .on_hover_text(&latest.text);
                    }
                });
            });
        });
        actions
    }

    /// Every notification of this run, newest first, with a way to open the
    /// folder a saved file went to.
    pub(super) fn notifications_panel(&self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            ui.strong("Notifications");
            if ui.button("Close").clicked() {
                actions.push(Action::ToggleNotifications);
            }
        });
        let now = std::time::Instant::now();
        egui::ScrollArea::vertical()
            .id_salt("notifications")
            .max_height(180.0)
            .show(ui, |ui| {
                for (index, notification) in self.notifications.newest_first().enumerate() {
                    ui.horizontal_wrapped(|ui| {
                        ui.weak(notification.age(now));
                        let text = egui::RichText::new(&notification.text);
                        match notification.severity {
                            Severity::Problem => {
                                ui.colored_label(theme::warning(ui.visuals()), text);
                            }
                            Severity::Done => {
                                ui.label(text);
                            }
                        }
                        if let Some(folder) = &notification.folder {
                            let response = ui.small_button("Open the folder");
                            super::views::widgets::name_for_screen_readers(
                                &response,
                                egui::Role::Button,
                                None,
                                &format!("Open the folder {}", folder.display()),
                            );
                            if response.clicked() {
                                actions.push(Action::OpenFolder(folder.clone()));
                            }
                        }
                    });
                    if index == 0 {
                        ui.separator();
                    }
                }
            });
        actions
    }
}
