//! Routing: each command and each action goes to the part of the window
//! it belongs to. Every arm is a hand-off; the work is in the parts.

use super::ReflectApp;
use crate::app::chrome::{Chrome, open_in_file_manager};
use crate::app::commands::UiCommand;
use crate::app::privacy;
use crate::app::theme;
use crate::app::views::dialogs::Dialog;
use crate::app::views::file_chooser::ChooserPurpose;
use crate::app::views::{Action, RoomContext, Screen};
use crate::guide::DEFAULT_GUIDE_ID;
use crate::reflection::Edit;

impl ReflectApp {
    pub(super) fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
        let zoom = ((zoom * 10.0).round() / 10.0).clamp(theme::MIN_ZOOM, theme::MAX_ZOOM);
        self.prefs.settings.zoom = zoom;
        ctx.set_zoom_factor(zoom);
    }

    /// The reflection a command is about, or a notification saying to open one.
    fn reflection_for(&mut self, then: &str) -> Option<String> {
        let id = self.screens.reflection_id().map(str::to_owned);
        if id.is_none() {
            self.chrome
                .notifications
                .problem(format!("Open a reflection first, then {then}."));
        }
        id
    }

    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        let cx = RoomContext {
            notebook: &self.notebook,
            data_dir: &self.config.data_dir,
            guide_dir: None,
            settings: &self.prefs.settings,
        };
        if self.screens.in_view().run_command(command, &cx) {
            return;
        }
        let zoom = self.prefs.settings.zoom;
        match command {
            UiCommand::NewReflection => {
                let teacher = self.screens.rooms.home.teachers.selected.clone();
                let teacher = teacher.filter(|_| self.notebook.is_coaching());
                let dialog = remember_band(Dialog::new_reflection(teacher), &self.notebook);
                self.overlays.dialog = Some(dialog);
            }
            UiCommand::GoHome => self.screens.go(Screen::Home),
            UiCommand::JumpToPractice => {
                if let Some(id) = self.screens.reflection_id() {
                    self.overlays.dialog = Some(Dialog::find_practice(id.to_owned()));
                }
            }
            UiCommand::ShowProblems => self.chrome.show_problems = !self.chrome.show_problems,
            UiCommand::ShowNotifications => self.chrome.notifications.toggle_panel(),
            UiCommand::OpenSettings => self.screens.go(Screen::Settings),
            UiCommand::Lock => privacy::lock(
                &mut self.notebook,
                &mut self.screens,
                &mut self.chrome.notifications,
            ),
            UiCommand::AddTeacher => self.overlays.dialog = Some(Dialog::add_teacher()),
            UiCommand::ImportReflection => self.importing.ask(&self.jobs, &self.config),
            UiCommand::Presenting => self.toggle_presenting(ctx),
            UiCommand::ShowSummary => {
                if let Some(id) = self.reflection_for("its summary") {
                    self.screens.show_summary(id);
                }
            }
            UiCommand::ExportSummary => {
                if let Some(id) = self.reflection_for("export its summary") {
                    self.sharing.open_export(id);
                }
            }
            UiCommand::Print => {
                if let Some(id) = self.reflection_for("print its summary") {
                    let printed = self
                        .sharing
                        .print(&self.notebook, &self.jobs, &self.config, &id);
                    report(&mut self.chrome, printed);
                }
            }
            UiCommand::AddToCalendar => {
                self.overlays.dialog = Some(Dialog::Calendar {
                    include_private: false,
                });
            }
            UiCommand::Undo | UiCommand::Redo => self.undo_or_redo(command),
            UiCommand::ShowHistory => match self.screens.record_id() {
                Some(id) => self.screens.show_history(id.to_owned()),
                None => self
                    .chrome
                    .notifications
                    .problem("Open a reflection or a session first, then its history."),
            },
            UiCommand::OpenTrash => self.screens.go(Screen::Trash),
            UiCommand::About => self.overlays.dialog = Some(Dialog::About),
            UiCommand::CommandPalette => self.overlays.dialog = Some(Dialog::command_palette()),
            UiCommand::ZoomIn => self.set_zoom(ctx, zoom + 0.1),
            UiCommand::ZoomOut => self.set_zoom(ctx, zoom - 0.1),
            UiCommand::ZoomReset => self.set_zoom(ctx, 1.0),
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            // Commands of a screen not in view do nothing.
            UiCommand::PreviousSection | UiCommand::NextSection | UiCommand::SwitchPane => {}
        }
    }

    /// Edit > Undo or Redo, for the reflection or session on screen.
    fn undo_or_redo(&mut self, command: UiCommand) {
        let Some(id) = self.screens.record_id().map(str::to_owned) else {
            self.chrome
                .notifications
                .problem("Open a reflection or a session first: Undo works on what is on screen.");
            return;
        };
        let done = if command == UiCommand::Undo {
            self.notebook.undo(&id)
        } else {
            self.notebook.redo(&id)
        };
        if let Some(done) = report(&mut self.chrome, done) {
            self.chrome.notifications.done(done);
        }
    }

    fn toggle_presenting(&mut self, ctx: &egui::Context) {
        self.chrome.presenting = !self.chrome.presenting;
        let zoom = if self.chrome.presenting {
            self.prefs.settings.zoom * 1.5
        } else {
            self.prefs.settings.zoom
        };
        ctx.set_zoom_factor(zoom.clamp(theme::MIN_ZOOM, theme::MAX_ZOOM * 1.5));
    }

    fn start_reflection(&mut self, teacher_id: Option<&str>, guide_id: &str, title: &str) {
        match self.notebook.start_reflection(teacher_id, guide_id, title) {
            Some(id) => self.screens.show_reflection(id),
            None => self
                .chrome
                .notifications
                .problem(format!("The guide \"{guide_id}\" is not available.")),
        }
    }

    /// Applies what the person asked for. Each arm hands the work to the
    /// part it belongs to; what fails is told in the notifications.
    pub(super) fn apply(&mut self, ctx: &egui::Context, action: Action) {
        if action.closes_dialog() {
            self.overlays.dialog = None;
        }
        let (notebook, chrome) = (&mut self.notebook, &mut self.chrome);
        match action {
            Action::Command(command) => self.run_command(ctx, command),
            Action::Go(screen) => self.screens.go(screen),
            Action::Ask(dialog) => self.overlays.dialog = Some(remember_band(dialog, notebook)),
            Action::Begin {
                name,
                start_default_guide,
            } => {
                if report(chrome, notebook.add_teacher(&name)).is_some() {
                    if start_default_guide {
                        self.start_reflection(None, DEFAULT_GUIDE_ID, "");
                    } else {
                        self.screens.go(Screen::Home);
                    }
                }
            }
            Action::StartReflection {
                teacher_id,
                guide_id,
                title,
                grade_band,
            } => {
                self.start_reflection(teacher_id.as_deref(), &guide_id, &title);
                if let Some(id) = self.screens.reflection_id().map(str::to_owned)
                    && grade_band.is_some()
                {
                    let chosen = self.notebook.edit(&id, Edit::SetGradeBand(grade_band));
                    report(&mut self.chrome, chosen);
                }
            }
            Action::StartSession(teacher_id) => {
                if let Some(id) = report(chrome, notebook.start_session(&teacher_id)) {
                    self.screens.show_session(id);
                }
            }
            Action::OpenSession(id) => self.screens.show_session(id),
            Action::EditSession { session_id, edit } => {
                report(chrome, notebook.edit_session(&session_id, edit));
            }
            Action::OpenCompare(teacher_id) => self.screens.show_compare(teacher_id),
            Action::ExportSchool(format) => {
                let picture = self.screens.rooms.school.picture(notebook);
                let started =
                    self.sharing
                        .export_school(picture, notebook, &self.jobs, &self.config, format);
                report(chrome, started);
            }
            Action::ImportReflection => self.importing.ask(&self.jobs, &self.config),
            Action::ResolveImport(choice) => {
                report(chrome, self.importing.resolve(notebook, choice));
            }
            Action::AddTeacher(name) => {
                if let Some(id) = report(chrome, notebook.add_teacher(&name)) {
                    self.screens.rooms.home.teachers.selected = Some(id);
                    self.screens.go(Screen::Home);
                }
            }
            Action::RenameTeacher { teacher_id, name } => {
                report(chrome, notebook.rename_teacher(&teacher_id, &name));
            }
            Action::SetArchived {
                teacher_id,
                archived,
            } => {
                report(chrome, notebook.set_archived(&teacher_id, archived));
            }
            Action::DeleteTeacher(teacher_id) => {
                report(chrome, notebook.delete_teacher(&teacher_id));
            }
            Action::UndoDeleteTeacher => {
                report(chrome, notebook.undo_delete_teacher());
            }
            Action::OpenReflection(id) => self.screens.show_reflection(id),
            Action::DuplicateReflection(id) => match notebook.duplicate(&id) {
                Some(copy) => self.screens.show_reflection(copy),
                None => chrome.notifications.problem(
                    "This reflection's guide is not available, so it cannot be duplicated.",
                ),
            },
            Action::Rename { id, title } => {
                let title = Edit::SetTitle(title.trim().to_owned());
                report(chrome, notebook.edit(&id, title));
            }
            Action::Delete(id) => {
                if self.screens.reflection_id() == Some(id.as_str()) {
                    self.screens.go(Screen::Home);
                }
                report(chrome, notebook.delete(&id));
            }
            Action::UndoDelete => {
                notebook.undo_delete();
            }
            Action::Edit {
                reflection_id,
                edit,
            } => {
                if let Some(item) = edit.item() {
                    self.screens.rooms.reflect.last_item = Some(item.to_owned());
                }
                report(chrome, notebook.edit(&reflection_id, edit));
            }
            Action::JumpTo { section, item_id } => {
                self.screens.rooms.reflect.jump_to(section, item_id);
            }
            Action::SetTheme(choice) => {
                self.prefs.settings.theme = choice;
                theme::apply(ctx, choice);
            }
            Action::SetZoom(zoom) => self.set_zoom(ctx, zoom),
            Action::OpenFolder(path) => {
                report(chrome, open_in_file_manager(&path));
            }
            Action::CloseDialog => {
                if std::mem::take(&mut chrome.quitting.after_notice) {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
                self.importing.conflict = None;
                self.importing.protected = None;
                self.sharing.close_export();
            }
            Action::OpenSummary(id) => self.screens.show_summary(id),
            Action::OpenExport(id) => self.sharing.open_export(id),
            Action::SaveExport => {
                let started = self.sharing.save_export(notebook, &self.jobs, &self.config);
                report(chrome, started);
            }
            Action::ImportFile(path) => {
                self.overlays.chooser = None;
                self.importing.file(&self.jobs, path);
            }
            Action::ChooserGo(path) => {
                if let Some(then) = self.overlays.chooser_go(&path) {
                    self.apply(ctx, then);
                }
            }
            Action::ChooserChoose(path) => {
                let chosen = self.overlays.chooser_choose(
                    path,
                    notebook,
                    &self.config,
                    &mut chrome.quitting,
                );
                if let Some(Some(then)) = report(chrome, chosen) {
                    self.apply(ctx, then);
                }
            }
            Action::ChooserCancel => self.overlays.chooser = None,
            Action::RetrySaveAndQuit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::SaveUnsavedCopy => self.overlays.choose(ChooserPurpose::SaveUnsavedCopy),
            Action::QuitAnyway => {
                chrome.quitting.anyway = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Action::BringBackRecovered => {
                if let Some(recovered) = self.overlays.recovered.take() {
                    let count = notebook.bring_back(recovered);
                    chrome.notifications.done(format!(
                        "Brought back {}; it is being saved into your notebook.",
                        crate::words::plural(count, "record", "records")
                    ));
                }
            }
            Action::KeepRecoveredForLater => self.overlays.recovered = None,
            Action::AskMoveNotebook => self.overlays.choose(ChooserPurpose::MoveNotebook),
            Action::OpenConflicts => {
                self.screens.rooms.conflicts.read(notebook);
                self.screens.go(Screen::Conflicts);
            }
            Action::ResolveConflict(index) => {
                let resolved = self.screens.rooms.conflicts.resolve(index, notebook);
                if let Some(done) = report(chrome, resolved) {
                    chrome.notifications.done(done);
                }
            }
            Action::SaveCalendar { include_private } => {
                let (steps, private_left_out) = self.sharing.export_calendar(
                    notebook,
                    &self.jobs,
                    &self.config,
                    include_private,
                );
                let mut text = format!(
                    "Saving {} with a revisit date as a calendar file",
                    crate::words::plural(steps, "next step", "next steps")
                );
                if private_left_out > 0 {
                    text.push_str(&format!(
                        " ({} left out)",
                        crate::words::plural(private_left_out, "private step", "private steps")
                    ));
                }
                chrome.notifications.done(text);
            }
            Action::LeaveSettings => self.screens.leave_settings(),
            Action::OpenHistory(id) => self.screens.show_history(id),
            Action::RestoreVersion {
                record_id,
                version,
                part,
                label,
            } => {
                let restored =
                    notebook.restore_version(&record_id, &version, part.as_deref(), &label);
                if let Some(done) = report(chrome, restored) {
                    chrome.notifications.done(done);
                }
            }
            Action::RestoreFromTrash { id, session } => {
                if let Some(done) = report(chrome, notebook.restore_from_trash(&id, session)) {
                    chrome.notifications.done(done);
                }
            }
            Action::RemoveForGood { id, session } => {
                if report(chrome, notebook.remove_for_good(&id, session)).is_some() {
                    chrome.notifications.done("Removed for good.");
                }
            }
            Action::EmptyTrash => {
                if report(chrome, notebook.empty_trash()).is_some() {
                    chrome.notifications.done("The trash is empty.");
                }
            }
            Action::Unlock => {
                self.opening = privacy::unlock(
                    &self.notebook,
                    &mut self.screens,
                    &self.jobs,
                    &mut self.chrome.notifications,
                );
            }
            Action::EncryptNotebook => privacy::encrypt(&mut self.notebook, &mut self.screens),
            Action::PrintRecoveryKey => {
                if let Some(key) = self.screens.rooms.settings.privacy.recovery_key.clone() {
                    self.sharing
                        .print_recovery_key(&self.jobs, &self.config, key);
                }
            }
            Action::RecoveryKeyKept => self.screens.rooms.settings.privacy.recovery_key = None,
            Action::OpenProtectedImport => {
                self.importing
                    .open_protected(notebook, &mut chrome.notifications);
            }
            Action::SetLockAfter(minutes) => self.prefs.settings.lock_after_minutes = minutes,
            Action::ToggleNotifications => chrome.notifications.toggle_panel(),
        }
    }
}

/// Tells a failure in the notifications; the value, if it worked.
fn report<T>(chrome: &mut Chrome, result: anyhow::Result<T>) -> Option<T> {
    result
        .map_err(|error| chrome.notifications.failed(&error))
        .ok()
}

/// A new reflection starts with the grade band the teacher chose last.
fn remember_band(dialog: Dialog, notebook: &crate::app::notebook::Notebook) -> Dialog {
    match dialog {
        Dialog::NewReflection {
            teacher_id,
            guide_id,
            title,
            grade_band: None,
        } => {
            let teacher = teacher_id
                .clone()
                .or_else(|| notebook.main_teacher().map(|t| t.id.clone()));
            let grade_band = notebook
                .newest_first()
                .into_iter()
                .filter(|e| Some(&e.reflection.teacher_id) == teacher.as_ref())
                .find_map(|e| e.reflection.grade_band);
            Dialog::NewReflection {
                teacher_id,
                guide_id,
                title,
                grade_band,
            }
        }
        other => other,
    }
}
