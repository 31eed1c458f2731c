//! The window: [`ReflectApp`] is a few named parts, and this file wires
//! them. Each frame it takes in finished jobs, runs the commands pressed,
//! draws the chrome, the screen in view and any dialog, then applies what
//! the person asked for. The parts do the work; `route.rs` hands each
//! command and action to the part it belongs to.

mod route;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::chrome::Chrome;
use super::commands::UiCommand;
use super::idle::IdleLock;
use super::importing::{Importing, Picked};
use super::jobs::{Job, JobState, Jobs};
use super::notebook::{Notebook, SaveState};
use super::opening::{self, OpeningNotebook};
use super::overlays::Overlays;
use super::privacy;
use super::settings::Preferences;
use super::sharing::Sharing;
use super::views::dialogs::{self, Dialog};
use super::views::file_chooser::ChooserPurpose;
use super::views::{self, Action, RoomContext, Screen, Screens};
use super::{AppConfig, metrics, theme};
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
    /// When the window was last used, for the idle lock.
    idle: IdleLock,
}

impl ReflectApp {
    /// Opens the data folder and the window's state; the notebook is shown in
    /// the first frame unless it takes longer than [`WAIT_FOR_NOTEBOOK`] to read.
    pub fn new(ctx: &egui::Context, config: AppConfig) -> anyhow::Result<Self> {
        let opening = OpeningNotebook::start(&config)?;
        Ok(Self::with_opening(ctx, config, opening))
    }

    pub fn with_opening(ctx: &egui::Context, config: AppConfig, opening: OpeningNotebook) -> Self {
        let locked = opening.store.is_locked();
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
            opening: (!locked).then_some(opening.snapshot),
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
            idle: IdleLock::default(),
        };
        if locked {
            app.screens.go(Screen::Unlock);
        }
        app.finish_opening(WAIT_FOR_NOTEBOOK);
        app
    }

    /// Reads "now" from `clock` for the idle lock (tests move it on by hand).
    pub fn set_clock(&mut self, clock: std::sync::Arc<dyn super::Clock>) {
        self.idle = IdleLock::with_clock(clock);
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
            JobState::Done(snapshot) => Ok(snapshot),
            JobState::Failed(why) => Err(why),
        };
        self.opening = None;
        let arrival = opening::arrive(&mut self.notebook, snapshot, &self.config.data_dir);
        self.chrome.show_problems = !self.notebook.problems.is_empty();
        self.screens.go(arrival.first);
        self.screens.rooms.conflicts.count = self.notebook.conflict_copies;
        for notice in arrival.notices {
            self.chrome.notifications.problem(notice);
        }
        if let Some(reason) = &self.prefs.read_only {
            let notice = format!("Your preferences are not saved this time: {reason}.");
            self.chrome.notifications.problem(notice);
        }
        // After a crash the teacher comes back to where they were; after a
        // normal close, to the home screen and its "Continue" button.
        if arrival.unclean_exit
            && let Some(place) = &self.prefs.settings.place
        {
            self.screens.return_to(place, &self.notebook);
        }
        if let Some(offer) = arrival.recovered {
            self.overlays.dialog = Some(Dialog::BringBack {
                what: offer.what,
                folder: offer.folder,
            });
            self.overlays.recovered = Some(offer.recovered);
        }
        self.screens.settle();
        self.metrics.record_open();
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
        if let Some(protected) = &mut self.importing.protected {
            actions.extend(dialogs::protected_import(ctx, protected));
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
        if self.is_opening() || self.screens.current() == Screen::Unlock {
            // Time spent locked or opening is not time without use.
            self.idle.restart();
            if !self.is_opening() {
                // Locked: nothing is saved, ticked or shown but the unlock screen.
                return;
            }
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
        let place = self.screens.place();
        if place != self.prefs.settings.place {
            self.prefs.settings.place = place;
        }
        self.prefs.save_if_changed(&mut self.notebook);
        let (notebook, screens) = (&mut self.notebook, &mut self.screens);
        let after = self.prefs.settings.lock_after_minutes;
        let n = &mut self.chrome.notifications;
        if let Some(wait) = privacy::lock_if_idle(ctx, &mut self.idle, notebook, screens, n, after)
        {
            ctx.request_repaint_after(wait);
        }
        self.poll_jobs();
        if let Some(wait) = self.notebook.tick(Instant::now()) {
            ctx.request_repaint_after(wait);
        }
        // Wake at the change of day, to tell the steps that come due.
        ctx.request_repaint_after(self.chrome.follow_day(&self.notebook));
        self.chrome.set_title(ctx, self.title());
        self.hold_close_if_unsaved(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let started = Instant::now();
        // A clicked control takes the keyboard focus, so Tab goes on from
        // where the person is, not from the top of the window.
        let ctx = ui.ctx().clone();
        if let Some(clicked) = ctx.interaction_snapshot(|snap| snap.clicked)
            && ctx.memory(egui::Memory::focused) != Some(clicked)
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
        if screen == Screen::Unlock {
            // Locked: no menus, no status, no dialogs; nothing of the notebook.
            egui::CentralPanel::default().show(ui, |ui| {
                let cx = RoomContext {
                    notebook: &self.notebook,
                    data_dir: &self.config.data_dir,
                    guide_dir: None,
                    settings: &self.prefs.settings,
                };
                actions.extend(self.screens.rooms.room_mut(Screen::Unlock).ui(ui, &cx));
            });
            for action in actions {
                self.apply(&ctx, action);
            }
            return;
        }
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
        // What was made to print (a summary, a recovery key) goes with the window.
        let _ = std::fs::remove_dir_all(super::sharing::print_folder());
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
