//! The menu bar and the status bar around every screen.

use std::time::Instant;

use anyhow::Context as _;

use super::commands::{Menu, UiCommand};
use super::jobs::JobKind;
use super::notebook::{Notebook, SaveState};
use super::notifications::{Notifications, Severity};
use super::theme;
use super::views::{Action, Screen};

/// Closing the window while some words are not saved.
#[derive(Debug, Default)]
pub struct Quitting {
    /// The teacher chose to quit without the unsaved words.
    pub anyway: bool,
    /// Close once the notice on screen is read (after moving the notebook).
    pub after_notice: bool,
}

/// Everything around the screens: the menus, the status bar, the panels,
/// the keyboard's way around them, and what the window has said.
#[derive(Default)]
pub struct Chrome {
    /// What happened, newest last: the status bar shows the newest, the
    /// notifications panel all of them.
    pub notifications: Notifications,
    pub show_problems: bool,
    /// Larger text for showing the screen to a teacher in a session.
    pub presenting: bool,
    pub quitting: Quitting,
    /// F10 or Alt+F was pressed: open the File menu on the next frame.
    pub open_file_menu: bool,
    /// The widget that had the keyboard focus in the last frame.
    last_focused: Option<egui::Id>,
    /// Escape was pressed in the last frame.
    pub escape_pressed: bool,
    window_title: String,
    /// The save error last put into the notifications, so it is told once.
    told_save_error: Option<String>,
    /// The day (`YYYY-MM-DD`, as revisit dates are kept) of the last frame.
    day: Option<String>,
    /// Whether Edit > Undo and Edit > Redo have something to do on the screen in view.
    pub can_undo: bool,
    pub can_redo: bool,
}

pub fn open_in_file_manager(path: &std::path::Path) -> anyhow::Result<()> {
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
        .with_context(|| {
            format!(
                "Could not open {program} (the folder is {})",
                path.display()
            )
        })
}

impl Chrome {
    pub fn menu_bar(
        &mut self,
        ui: &mut egui::Ui,
        notebook: &Notebook,
        screen: Screen,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        let open_file_menu = std::mem::take(&mut self.open_file_menu);
        egui::MenuBar::new().ui(ui, |ui| {
            for (title, menu) in [
                ("File", Menu::File),
                ("Edit", Menu::Edit),
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
                            } else {
                                let enabled = match command {
                                    UiCommand::Undo => self.can_undo,
                                    UiCommand::Redo => self.can_redo,
                                    _ => true,
                                };
                                let clicked = ui
                                    .add_enabled_ui(enabled, |ui| command.menu_button(ui))
                                    .inner;
                                if clicked {
                                    actions.push(Action::Command(*command));
                                }
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
            let home = if notebook.is_coaching() {
                "Teachers"
            } else {
                "My reflections"
            };
            if screen != Screen::Home && screen != Screen::Welcome && ui.button(home).clicked() {
                actions.push(Action::Command(UiCommand::GoHome));
            }
        });
        actions
    }

    pub fn status_bar(
        &self,
        ui: &mut egui::Ui,
        notebook: &Notebook,
        conflict_count: usize,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            // The right-hand buttons first, so a long message never hides them.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if !notebook.problems.is_empty() && !self.show_problems {
                    let text = format!("Problems ({})", notebook.problems.len());
                    if ui
                        .button(text)
                        .on_hover_text(UiCommand::ShowProblems.tooltip())
                        .clicked()
                    {
                        actions.push(Action::Command(UiCommand::ShowProblems));
                    }
                }
                if conflict_count > 0 {
                    let text = format!("Sync conflicts ({conflict_count})");
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
                    match notebook.save_state() {
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
                    if let Some(name) = notebook.deleted_teacher_name() {
                        ui.separator();
                        ui.label(format!(
                            "Deleted teacher \"{}\".",
                            crate::words::teacher_name(name)
                        ));
                        if ui.button("Undo").clicked() {
                            actions.push(Action::UndoDeleteTeacher);
                        }
                    }
                    if let Some(last) = notebook.deleted.last() {
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
    pub fn notifications_panel(
        &self,
        ui: &mut egui::Ui,
        running: &[(JobKind, Instant)],
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            ui.strong("Notifications");
            if ui.button("Close").clicked() {
                actions.push(Action::ToggleNotifications);
            }
        });
        let now = Instant::now();
        for (kind, started) in running {
            let seconds = now.saturating_duration_since(*started).as_secs();
            ui.weak(format!("{}… ({seconds} s)", kind.doing()));
        }
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

    /// A new save error is told once, and so is its end.
    pub fn follow_save_state(&mut self, notebook: &Notebook) {
        match notebook.save_state() {
            SaveState::Failed(error) if self.told_save_error.as_ref() != Some(&error) => {
                self.notifications
                    .problem(format!("Not saved yet, will retry: {error}"));
                self.told_save_error = Some(error);
            }
            SaveState::Saved if self.told_save_error.take().is_some() => {
                self.notifications.done("Everything is saved again.");
            }
            _ => {}
        }
    }

    /// A widget that just took the keyboard focus (Tab, Shift+Tab) is
    /// scrolled into sight, as far as needed and no further.
    pub fn scroll_focus_into_view(&mut self, ctx: &egui::Context) {
        let focused = ctx.memory(egui::Memory::focused);
        if focused != self.last_focused {
            self.last_focused = focused;
            if let Some(response) = focused.and_then(|id| ctx.read_response(id)) {
                response.scroll_to_me(None);
            }
        }
    }

    /// Tells the window system the title when it changes.
    pub fn set_title(&mut self, ctx: &egui::Context, title: String) {
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// A next step that comes due while the window is open is told in the
    /// notifications; the day it is already due on at start, the home
    /// screen greets it instead. Returns how long until the next day.
    pub fn follow_day(&mut self, notebook: &Notebook) -> std::time::Duration {
        let today = crate::clock::today();
        if self.day.as_ref().is_some_and(|day| *day != today) {
            for what in super::views::due_steps::newly_due(notebook, &today) {
                self.notifications.done(format!(
                    "A next step is due today: {what}. See it on the home screen."
                ));
            }
        }
        self.day = Some(today);
        until_next_day()
    }
}

/// How long until the date changes (revisit dates are kept as UTC dates).
fn until_next_day() -> std::time::Duration {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    std::time::Duration::from_secs(86_400 - seconds % 86_400 + 1)
}
