//! The window: [`ReflectApp`] is a few named parts, and this file wires
//! them. Each frame it takes in finished jobs, runs the commands pressed,
//! draws the chrome, the screen in view and any dialog, then applies what
//! the person asked for. The parts do the work; this file only routes.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::chrome::{Chrome, open_in_file_manager};
use super::commands::UiCommand;
use super::importing::{Importing, Picked};
use super::jobs::{Job, JobState, Jobs};
use super::notebook::{Notebook, SaveState};
use super::opening::{self, OpeningNotebook};
use super::overlays::Overlays;
use super::settings::{Place, Preferences};
use super::sharing::Sharing;
use super::views::dialogs::{self, Dialog};
use super::views::file_chooser::ChooserPurpose;
use super::views::{self, Action, RoomContext, Screen, Screens};
use super::{AppConfig, metrics, theme};
use crate::guide::DEFAULT_GUIDE_ID;
use crate::reflection::Edit;
use crate::store::Snapshot;

/// How long the window waits for the notebook before its first frame. A
/// notebook of a few hundred reflections is read in about 10 ms, while the
/// window is being made; only a very large one shows "Opening your notebook…".
const WAIT_FOR_NOTEBOOK: Duration = Duration::from_millis(150);

pub struct ReflectApp {
    notebook: Notebook,
    /// The notebook's files being read; until they arrive the window says it
    /// is opening the notebook and takes no commands.
    opening: Option<Job<Snapshot>>,
    config: AppConfig,
    prefs: Preferences,
    screens: Screens,
    jobs: Jobs,
    importing: Importing,
    sharing: Sharing,
    overlays: Overlays,
    chrome: Chrome,
    metrics: metrics::FrameMetrics,
}

impl ReflectApp {
    /// Opens the data folder and the window's state; the notebook is shown in
    /// the first frame unless it takes longer than [`WAIT_FOR_NOTEBOOK`] to read.
    pub fn new(ctx: &egui::Context, config: AppConfig) -> anyhow::Result<Self> {
        let opening = OpeningNotebook::start(&config)?;
        Ok(Self::with_opening(ctx, config, opening))
    }

    pub fn with_opening(ctx: &egui::Context, config: AppConfig, opening: OpeningNotebook) -> Self {
        let wake_ctx = ctx.clone();
        let notebook = Notebook::new(
            opening.library,
            opening.store,
            config.recovery_folder(),
            move || wake_ctx.request_repaint(),
        );
        let prefs = Preferences::load(&config.data_dir);
        theme::apply(ctx, prefs.settings.theme);
        ctx.set_zoom_factor(prefs.settings.zoom);
        let wake_ctx = ctx.clone();
        let mut app = ReflectApp {
            notebook,
            opening: Some(opening.snapshot),
            config,
            prefs,
            // Welcome or Home, once the notebook is read (`finish_opening`).
            screens: Screens::default(),
            jobs: Jobs::new(std::sync::Arc::new(move || wake_ctx.request_repaint())),
            importing: Importing::default(),
            sharing: Sharing::default(),
            overlays: Overlays::default(),
            chrome: Chrome::default(),
            metrics: metrics::FrameMetrics::from_env(),
        };
        app.finish_opening(WAIT_FOR_NOTEBOOK);
        app
    }

    /// Whether the notebook's files are still being read.
    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// Takes in the notebook once it is read (waiting up to `wait`), and
    /// shows the first screen.
    fn finish_opening(&mut self, wait: Duration) {
        let Some(job) = &self.opening else {
            return;
        };
        let snapshot = match job.wait(wait) {
            JobState::Running => return,
            JobState::Done(snapshot) => snapshot,
            JobState::Failed(why) => {
                // Reading never fails by design; if it did, say so rather than
                // show an empty notebook as if it were all there is.
                self.opening = None;
                self.notebook.problems.insert(
                    0,
                    format!("Your notebook could not be read ({why}). Nothing was changed; close PL Reflect and open it again."),
                );
                self.chrome.show_problems = true;
                return;
            }
        };
        self.opening = None;
        self.notebook.fill(snapshot);
        // Versions past keeping go, off this thread, even of records not edited again.
        self.notebook.prune_history();
        let first = if self.notebook.teachers.is_empty() && self.notebook.entries.is_empty() {
            Screen::Welcome
        } else {
            Screen::Home
        };
        self.screens.go(first);
        self.chrome.show_problems = !self.notebook.problems.is_empty();
        let conflicts = self.notebook.conflict_copies;
        self.screens.rooms.conflicts.count = conflicts;
        let notifications = &mut self.chrome.notifications;
        if conflicts > 0 {
            notifications.problem(format!(
                "A synced folder left {} of your reflections or sessions; choose which answers to keep in Sync conflicts.",
                crate::words::plural(conflicts, "second copy", "second copies")
            ));
        }
        if let Some(reason) = &self.prefs.read_only {
            notifications.problem(format!(
                "Your preferences are not saved this time: {reason}."
            ));
        }
        // After a crash the teacher comes back to where they were; after a
        // normal close, to the home screen and its "Continue" button.
        if let Some(notice) = opening::note_unclean_exit(&mut self.notebook, &self.config.data_dir)
        {
            notifications.problem(notice);
            self.return_to_place();
        }
        if let Some((what, recovered)) = opening::recovered_to_offer(&mut self.notebook) {
            let folder = self
                .notebook
                .recovery()
                .map(|f| f.dir().to_path_buf())
                .unwrap_or_default();
            self.overlays.dialog = Some(Dialog::BringBack { what, folder });
            self.overlays.recovered = Some(recovered);
        }
        self.screens.settle();
        self.metrics.record_open();
    }

    /// Reopens the reflection the teacher had open, at its section and the
    /// item they changed last.
    fn return_to_place(&mut self) {
        let Some(place) = self.prefs.settings.place.clone() else {
            return;
        };
        if self.screens.current() != Screen::Home
            || self.notebook.entry(&place.reflection_id).is_none()
        {
            return;
        }
        self.screens.show_reflection(place.reflection_id.clone());
        self.screens
            .rooms
            .reflect
            .return_to(place.section, place.item);
        if place.summary {
            self.screens.show_summary(place.reflection_id);
        }
    }

    /// Where the teacher is now, as the settings keep it.
    fn current_place(&self) -> Option<Place> {
        let summary = match self.screens.current() {
            Screen::Reflect => false,
            Screen::Summary => true,
            _ => return None,
        };
        let reflect = &self.screens.rooms.reflect;
        Some(Place {
            reflection_id: self.screens.reflection_id()?.to_owned(),
            summary,
            section: reflect.section,
            item: reflect.last_item.clone(),
        })
    }

    /// Writes every pending edit and waits for the disk. Called on exit.
    pub fn flush(&mut self) {
        self.prefs.save_if_changed(&mut self.notebook);
        self.notebook.flush();
    }

    fn title(&self) -> String {
        match self
            .screens
            .reflection_id()
            .and_then(|id| self.notebook.entry(id))
        {
            Some(entry) => format!("PL Reflect — {}", entry.reflection.display_title()),
            None => "PL Reflect".to_owned(),
        }
    }

    fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
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

    fn run_command(&mut self, ctx: &egui::Context, command: UiCommand) {
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
                self.overlays.dialog = Some(Dialog::new_reflection(teacher));
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
    fn apply(&mut self, ctx: &egui::Context, action: Action) {
        if action.closes_dialog() {
            self.overlays.dialog = None;
        }
        let (notebook, chrome) = (&mut self.notebook, &mut self.chrome);
        match action {
            Action::Command(command) => self.run_command(ctx, command),
            Action::Go(screen) => self.screens.go(screen),
            Action::Ask(dialog) => self.overlays.dialog = Some(dialog),
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
            } => self.start_reflection(teacher_id.as_deref(), &guide_id, &title),
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
            Action::ToggleNotifications => chrome.notifications.toggle_panel(),
        }
    }

    /// Takes in what finished off the UI thread: picked files, imports,
    /// exports, saves and moves.
    fn poll_jobs(&mut self) {
        let notifications = &mut self.chrome.notifications;
        self.sharing.poll(notifications);
        if let Picked::ShowChooser = self.importing.poll(&mut self.notebook, notifications) {
            self.overlays.choose(ChooserPurpose::Import);
        }
        for notice in self.notebook.take_notices() {
            notifications.problem(notice);
        }
        match self.notebook.take_import_outcome() {
            Some(Ok(id)) => {
                let entry = self.notebook.entry(&id);
                let title = entry.map(|e| e.reflection.display_title());
                if let Some(teacher) = entry.map(|e| e.reflection.teacher_id.clone()) {
                    self.screens.rooms.home.teachers.selected = Some(teacher);
                }
                self.screens.go(Screen::Home);
                self.screens.settle();
                notifications.done(format!("Imported \"{}\".", title.unwrap_or_default()));
            }
            Some(Err(error)) => notifications.problem(format!("Nothing was imported: {error}")),
            None => {}
        }
        self.chrome.follow_save_state(&self.notebook);
    }

    /// Keys that belong to the window, not to one widget.
    fn window_keys(&mut self, ctx: &egui::Context) {
        for command in UiCommand::pressed(ctx) {
            self.run_command(ctx, command);
        }
        let (f10, alt_f, escape) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::F10),
                i.modifiers.alt && i.key_pressed(egui::Key::F),
                i.key_pressed(egui::Key::Escape),
            )
        });
        if f10 || alt_f {
            self.chrome.open_file_menu = true;
        }
        // Escape leaves Settings (dialogs close on Escape by themselves).
        let no_dialog = self.overlays.dialog.is_none();
        if escape && no_dialog && self.screens.current() == Screen::Settings {
            self.screens.leave_settings();
        }
        // Escape in a field gives up its focus during the frame; on the next
        // one, the focus goes back to the page rather than to the menus,
        // where the next Tab would otherwise start.
        if std::mem::take(&mut self.chrome.escape_pressed)
            && self.screens.current() == Screen::Reflect
            && no_dialog
            && ctx.memory(|m| m.focused().is_none())
        {
            self.screens.rooms.reflect.refocus_content();
        }
        self.chrome.escape_pressed = escape;
        // A file dropped onto the window is imported, as if chosen.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        for path in dropped {
            self.apply(ctx, Action::ImportFile(path));
        }
    }

    /// Never quit with words that are in no file: stay open and say why,
    /// with a way to keep them elsewhere.
    fn hold_close_if_unsaved(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        self.flush();
        if self.notebook.has_unsaved() && !self.chrome.quitting.anyway {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.overlays.dialog = Some(Dialog::QuitUnsaved {
                what: self.notebook.unsaved_in_words(),
                reason: match self.notebook.save_state() {
                    SaveState::Failed(reason) => reason,
                    _ => "the disk did not confirm the save".to_owned(),
                },
            });
        }
    }

    /// The dialogs, the chooser and the export dialog, over the screen.
    fn overlays_ui(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = self.overlays.ui(ctx, &self.notebook);
        if let Some(plan) = &self.importing.conflict {
            actions.extend(dialogs::import_conflict(ctx, plan, &self.notebook));
        }
        actions.extend(self.sharing.dialog_ui(ctx, &self.notebook));
        actions
    }

    /// The window closed (or the app is dropped): the next start has
    /// nothing to report.
    fn closed_cleanly(&self) {
        if !self.is_opening() && !self.notebook.is_read_only() {
            opening::closed_cleanly(&self.config.data_dir);
        }
    }
}

impl eframe::App for ReflectApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.finish_opening(Duration::ZERO);
        if self.is_opening() {
            // Look again soon: the reading job wakes no window made after it started.
            ctx.request_repaint_after(Duration::from_millis(16));
            return;
        }
        if self.screens.moved_on() {
            // Going to another screen takes the newest message off the status bar.
            self.chrome.notifications.moved_on();
        }
        if let Some(file) = self.config.open_file.take() {
            if self.notebook.is_read_only() {
                self.chrome.notifications.problem(format!(
                    "{} was not imported: another PL Reflect window has this notebook open. Import it from that window (File > Import a reflection…).",
                    file.display()
                ));
            } else {
                self.apply(ctx, Action::ImportFile(file));
            }
        }
        self.window_keys(ctx);
        let place = self.current_place();
        if place != self.prefs.settings.place {
            self.prefs.settings.place = place;
        }
        self.prefs.save_if_changed(&mut self.notebook);
        self.poll_jobs();
        if let Some(wait) = self.notebook.tick(Instant::now()) {
            ctx.request_repaint_after(wait);
        }
        self.chrome.set_title(ctx, self.title());
        self.hold_close_if_unsaved(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let started = Instant::now();
        // A clicked control takes the keyboard focus, so Tab goes on from
        // where the person is, not from the top of the window.
        let ctx = ui.ctx().clone();
        if let Some(clicked) = ctx.interaction_snapshot(|snap| snap.clicked)
            && ctx.memory(|m| m.focused()) != Some(clicked)
        {
            ctx.memory_mut(|m| m.request_focus(clicked));
        }
        self.chrome.scroll_focus_into_view(&ctx);
        if self.is_opening() {
            egui::CentralPanel::default().show(ui, views::welcome::opening);
            self.metrics.record_frame(started);
            return;
        }
        let mut actions = Vec::new();
        let screen = self.screens.current();
        let record = self.screens.record_id();
        self.chrome.can_undo = record.is_some_and(|id| self.notebook.can_undo(id));
        self.chrome.can_redo = record.is_some_and(|id| self.notebook.can_redo(id));
        egui::Panel::top("menu").show(ui, |ui| {
            actions.extend(self.chrome.menu_bar(ui, &self.notebook, screen));
        });
        let conflicts = self.screens.rooms.conflicts.count;
        egui::Panel::bottom("status").show(ui, |ui| {
            actions.extend(self.chrome.status_bar(ui, &self.notebook, conflicts));
        });
        if self.chrome.notifications.panel_open {
            let running = self.jobs.running();
            egui::Panel::bottom("notifications").show(ui, |ui| {
                actions.extend(self.chrome.notifications_panel(ui, &running));
            });
        }
        if self.chrome.show_problems && !self.notebook.problems.is_empty() {
            egui::Panel::bottom("problems").show(ui, |ui| {
                actions.extend(views::problems::ui(
                    ui,
                    &self.notebook.problems,
                    &self.config.data_dir,
                ));
            });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let cx = RoomContext {
                notebook: &self.notebook,
                data_dir: &self.config.data_dir,
                guide_dir: self.config.guide_dirs.first().map(PathBuf::as_path),
                settings: &self.prefs.settings,
            };
            actions.extend(self.screens.rooms.room_mut(screen).ui(ui, &cx));
        });
        actions.extend(self.overlays_ui(&ctx));
        for action in actions {
            self.apply(&ctx, action);
        }
        self.metrics.record_frame(started);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush();
        self.closed_cleanly();
        self.metrics.write();
    }
}

impl Drop for ReflectApp {
    fn drop(&mut self) {
        self.flush();
        // Unwinding from a panic is not a normal close: the next start says so.
        if !std::thread::panicking() {
            self.closed_cleanly();
        }
    }
}

/// Tells a failure in the notifications; the value, if it worked.
fn report<T>(chrome: &mut Chrome, result: anyhow::Result<T>) -> Option<T> {
    result
        .map_err(|error| chrome.notifications.failed(&error))
        .ok()
}
