//! The desktop window: an `eframe::App` that shows the notebook and turns the
//! user's actions into edits. All drawing lives here and in `views/`.

mod actions;
mod autosave;
mod chrome;
mod commands;
mod export_worker;
mod file_pick;
mod launch;
mod local_time;
mod memo;
pub mod metrics;
mod notebook;
mod notifications;
mod recovery;
mod screen_data;
mod settings;
mod sharing;
mod theme;
mod views;

use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

pub use commands::UiCommand;
pub use launch::run;
pub use notebook::{Notebook, SaveState};
pub use settings::Settings;
pub use theme::ThemeChoice;

use crate::guide::GuideLibrary;
use crate::store::{Access, Store};
use export_worker::ExportJob;
use sharing::ExportState;
use views::dialogs::Dialog;
use views::reflect::ReflectView;
use views::teachers::TeachersView;
use views::welcome::WelcomeView;

/// What the window needs to know to open a notebook.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub data_dir: PathBuf,
    /// Folders of user guides, read besides the built-in ones.
    pub guide_dirs: Vec<PathBuf>,
    /// How long to wait for another PL Reflect process to let go of the data folder.
    pub lock_wait: Duration,
    /// Save exports straight into this folder instead of asking with a dialog.
    pub export_folder: Option<PathBuf>,
    /// Import this file instead of asking with a dialog (for scripted use and tests).
    pub import_file: Option<PathBuf>,
    /// Where words that cannot be saved into the data folder are kept as
    /// well; None for the platform's usual place (its state or cache folder).
    pub recovery_dir: Option<PathBuf>,
    /// Whether to ask with the system's file dialogs; without them the app
    /// uses its own chooser (as on a desktop that has none).
    pub system_dialogs: bool,
    /// A file given on the command line (`pl-reflect FILE`, as a double
    /// click does): imported once the notebook is open.
    pub open_file: Option<PathBuf>,
    /// Where a moved notebook's new folder is remembered; None for the
    /// platform's configuration folder.
    pub data_folder_pointer: Option<PathBuf>,
}

impl AppConfig {
    fn recovery_folder(&self) -> Option<recovery::RecoveryFolder> {
        match &self.recovery_dir {
            Some(dir) => Some(recovery::RecoveryFolder::new(dir.clone())),
            None => recovery::RecoveryFolder::for_data_dir(&self.data_dir),
        }
    }
}

/// Closing the window while some words are not saved.
#[derive(Debug, Default)]
struct Quitting {
    /// The teacher chose to quit without the unsaved words.
    anyway: bool,
    /// Close once the notice on screen is read (after moving the notebook).
    after_notice: bool,
}

/// Which screen fills the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Welcome,
    Home,
    Reflect(String),
    Summary(String),
    Session(String),
    Compare,
    Due,
    School,
    Settings,
    /// Copies of reflections that a synced folder left.
    Conflicts,
}

pub struct ReflectApp {
    pub notebook: Notebook,
    /// The notebook's files being read on another thread; until they arrive
    /// the window says it is opening the notebook and takes no commands.
    opening: Option<mpsc::Receiver<crate::store::Snapshot>>,
    config: AppConfig,
    settings: Settings,
    settings_saved: Settings,
    pub screen: Screen,
    welcome: WelcomeView,
    reflect: ReflectView,
    teachers: TeachersView,
    /// The reflection `reflect` was last used for.
    reflect_for: Option<String>,
    dialog: Option<Dialog>,
    show_problems: bool,
    /// What happened, newest last: the status bar shows the newest, the
    /// notifications panel all of them.
    notifications: notifications::Notifications,
    /// The screen of the last frame, to tell when the person moved on.
    last_screen: Screen,
    /// The save error last put into the notifications, so it is told once.
    told_save_error: Option<String>,
    window_title: String,
    metrics: metrics::FrameMetrics,
    /// The summary, school-wide picture and revisits due, kept until the data changes.
    screen_data: screen_data::ScreenData,
    export: Option<ExportState>,
    session_draft: views::session::SessionDraft,
    compare: views::compare::CompareView,
    school: views::school::SchoolView,
    /// A school-wide picture being saved.
    school_export: Option<ExportJob>,
    import_pick: Option<file_pick::PickJob>,
    /// An import waiting for the coach to choose between keeping both and replacing.
    import_conflict: Option<crate::coach::ImportPlan>,
    /// Larger text for showing the screen to a teacher in a session.
    presenting: bool,
    quitting: Quitting,
    /// F10 or Alt+F was pressed: open the File menu on the next frame.
    open_file_menu: bool,
    /// The widget that had the keyboard focus in the last frame.
    last_focused: Option<egui::Id>,
    /// Escape was pressed in the last frame.
    escape_pressed: bool,
    /// Why the settings file is not rewritten, if it is not (said once).
    settings_read_only: Option<String>,
    /// The screen Settings was opened from, for its Back button and Escape.
    before_settings: Option<Screen>,
    /// A PDF being made to print.
    print_job: Option<ExportJob>,
    /// Sync conflict copies, read when their screen opens.
    conflicts: views::conflicts::ConflictsView,
    /// How many sync conflict copies wait, as last counted.
    conflict_count: usize,
    /// The app's own file chooser, where no system dialog can be shown.
    chooser: Option<views::file_chooser::FileChooser>,
    /// Words kept after failed saves, found on start, waiting for the
    /// teacher to bring them back.
    recovered: Option<recovery::Recovered>,
}

/// A data folder that is open (and locked for writing), with its guides
/// loaded, whose files are not read yet.
pub struct FolderToOpen {
    store: Arc<Store>,
    library: GuideLibrary,
}

impl FolderToOpen {
    pub fn open(config: &AppConfig) -> anyhow::Result<Self> {
        let store = Arc::new(Store::open(
            &config.data_dir,
            Access::Write {
                wait: config.lock_wait,
            },
        )?);
        Ok(FolderToOpen {
            store,
            library: GuideLibrary::load(&config.guide_dirs),
        })
    }

    /// Starts reading the notebook's files on another thread.
    pub fn start_reading(self) -> std::io::Result<OpeningNotebook> {
        let snapshot = Notebook::read_in_background(Arc::clone(&self.store))?;
        Ok(OpeningNotebook {
            store: self.store,
            library: self.library,
            snapshot,
        })
    }
}

/// A data folder being opened: the store is open and its files are being read
/// on another thread. [`run`] starts this before the window exists, so that
/// reading the notebook and creating the window happen at the same time.
pub struct OpeningNotebook {
    store: Arc<Store>,
    library: GuideLibrary,
    snapshot: mpsc::Receiver<crate::store::Snapshot>,
}

impl OpeningNotebook {
    /// Opens the data folder and starts reading it on another thread.
    pub fn start(config: &AppConfig) -> anyhow::Result<Self> {
        Ok(FolderToOpen::open(config)?.start_reading()?)
    }

    /// A data folder whose files arrive on `snapshot` whenever the caller
    /// sends them, to try a notebook that is slow to read.
    pub fn from_parts(
        store: Arc<Store>,
        library: GuideLibrary,
        snapshot: mpsc::Receiver<crate::store::Snapshot>,
    ) -> Self {
        OpeningNotebook {
            store,
            library,
            snapshot,
        }
    }
}

/// How long the window waits for the notebook before its first frame. A
/// notebook of a few hundred reflections is read in about 10 ms, while the
/// window is being made; only a very large one shows "Opening your notebook…".
const WAIT_FOR_NOTEBOOK: Duration = Duration::from_millis(150);

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
        let (settings, settings_read_only) = Settings::load(&config.data_dir);
        theme::apply(ctx, settings.theme);
        ctx.set_zoom_factor(settings.zoom);
        let mut app = ReflectApp {
            notebook,
            opening: Some(opening.snapshot),
            config,
            settings_saved: settings.clone(),
            settings,
            // Welcome or Home, once the notebook is read (`finish_opening`).
            screen: Screen::Home,
            welcome: WelcomeView::default(),
            reflect: ReflectView::default(),
            teachers: TeachersView::default(),
            reflect_for: None,
            dialog: None,
            show_problems: false,
            notifications: Default::default(),
            last_screen: Screen::Home,
            told_save_error: None,
            window_title: String::new(),
            metrics: metrics::FrameMetrics::from_env(),
            screen_data: Default::default(),
            export: None,
            session_draft: Default::default(),
            compare: Default::default(),
            school: Default::default(),
            school_export: None,
            import_pick: None,
            import_conflict: None,
            presenting: false,
            quitting: Quitting::default(),
            open_file_menu: false,
            last_focused: None,
            escape_pressed: false,
            before_settings: None,
            settings_read_only,
            print_job: None,
            conflicts: Default::default(),
            conflict_count: 0,
            chooser: None,
            recovered: None,
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
        let Some(receiver) = &self.opening else {
            return;
        };
        let snapshot = match receiver.recv_timeout(wait) {
            Ok(snapshot) => snapshot,
            Err(mpsc::RecvTimeoutError::Timeout) => return,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                // Reading never panics by design; if it did, say so rather than
                // show an empty notebook as if it were all there is.
                self.opening = None;
                self.notebook.problems.insert(
                    0,
                    "Your notebook could not be read (the reading stopped unexpectedly). Nothing was changed; close PL Reflect and open it again.".to_owned(),
                );
                self.show_problems = true;
                return;
            }
        };
        self.opening = None;
        self.notebook.fill(snapshot);
        self.screen = if self.notebook.teachers.is_empty() && self.notebook.entries.is_empty() {
            Screen::Welcome
        } else {
            Screen::Home
        };
        self.show_problems = !self.notebook.problems.is_empty();
        self.conflict_count = self.notebook.conflict_copies;
        if self.conflict_count > 0 {
            self.notify_problem(format!(
                "A synced folder left {} of your reflections or sessions; choose which answers to keep in Sync conflicts.",
                crate::words::plural(self.conflict_count, "second copy", "second copies")
            ));
        }
        if let Some(reason) = self.settings_read_only.clone() {
            self.notify_problem(format!(
                "Your preferences are not saved this time: {reason}."
            ));
        }
        // After a crash the teacher comes back to where they were; after a
        // normal close, to the home screen and its "Continue" button.
        if self.note_unclean_exit() {
            self.return_to_place();
        }
        self.offer_recovered();
        // What the start had to say stays on the first screen.
        self.last_screen = self.screen.clone();
        self.metrics.record_open();
    }

    /// Says when the last window did not close normally, and how far its
    /// words were kept; then marks the notebook as open. Returns whether the
    /// last window did not close normally.
    fn note_unclean_exit(&mut self) -> bool {
        if self.notebook.is_read_only() {
            return false;
        }
        let marker = self.config.data_dir.join(OPEN_MARKER);
        let unclean = marker.exists();
        if unclean {
            let newest = self
                .notebook
                .entries
                .iter()
                .map(|e| &e.reflection.updated)
                .chain(self.notebook.sessions.iter().map(|e| &e.session.updated))
                .max()
                .cloned();
            self.notify_problem(match newest {
                Some(updated) => format!(
                    "PL Reflect did not close normally last time; everything up to {} was kept.",
                    local_time::when(&updated)
                ),
                None => "PL Reflect did not close normally last time.".to_owned(),
            });
        }
        let opened = format!(
            "{{\"pid\": {}, \"opened\": \"{}\"}}\n",
            std::process::id(),
            crate::clock::Timestamp::now()
        );
        self.notebook.mark_open(marker, opened.into_bytes());
        unclean
    }

    /// The window closed normally: the next start has nothing to report.
    fn closed_cleanly(&mut self) {
        if !self.is_opening() && !self.notebook.is_read_only() {
            let marker = self.config.data_dir.join(OPEN_MARKER);
            let _ = std::fs::remove_file(&marker);
            let _ = std::fs::remove_file(crate::store::backup_path(&marker));
        }
    }

    /// Reopens the reflection the teacher had open, at its section and the
    /// item they changed last.
    fn return_to_place(&mut self) {
        let Some(place) = self.settings.place.clone() else {
            return;
        };
        if self.screen != Screen::Home || self.notebook.entry(&place.reflection_id).is_none() {
            return;
        }
        self.show_reflection(place.reflection_id.clone());
        self.reflect.section = place.section;
        self.reflect.scroll_to = place.item.clone();
        self.reflect.last_item = place.item;
        if place.summary {
            self.screen = Screen::Summary(place.reflection_id);
        }
    }

    /// Where the teacher is now, as the settings keep it.
    fn current_place(&self) -> Option<settings::Place> {
        let (id, summary) = match &self.screen {
            Screen::Reflect(id) => (id, false),
            Screen::Summary(id) => (id, true),
            _ => return None,
        };
        Some(settings::Place {
            reflection_id: id.clone(),
            summary,
            section: self.reflect.section,
            item: self.reflect.last_item.clone(),
        })
    }

    /// Words that could not be saved last time were kept elsewhere: offer
    /// them back, unless the notebook already has them.
    fn offer_recovered(&mut self) {
        if self.notebook.is_read_only() {
            return;
        }
        let Some(folder) = self.notebook.recovery().cloned() else {
            return;
        };
        let recovered = folder.read();
        self.notebook
            .problems
            .extend(recovered.problems.iter().cloned());
        let mut what: Vec<String> = recovered
            .reflections
            .iter()
            .filter(|r| {
                notebook::kept_copy_is_new(
                    *r,
                    self.notebook.entry(&r.id).map(|e| &e.reflection),
                    |r| &r.updated,
                )
            })
            .map(|r| format!("\"{}\" (changed {})", r.display_title(), r.updated))
            .collect();
        what.extend(
            recovered
                .sessions
                .iter()
                .filter(|s| {
                    notebook::kept_copy_is_new(
                        *s,
                        self.notebook.session(&s.id).map(|e| &e.session),
                        |s| &s.updated,
                    )
                })
                .map(|s| format!("the coach session of {} (changed {})", s.date, s.updated)),
        );
        if what.is_empty() {
            // Everything kept is already in the notebook: nothing to offer.
            self.notebook.bring_back(recovered);
            return;
        }
        self.dialog = Some(Dialog::BringBack {
            what,
            folder: folder.dir().to_path_buf(),
        });
        self.recovered = Some(recovered);
    }

    /// Writes every pending edit and waits for the disk. Called on exit.
    pub fn flush(&mut self) {
        self.save_settings_if_changed();
        self.notebook.flush();
    }

    fn open_reflection_id(&self) -> Option<&str> {
        match &self.screen {
            Screen::Reflect(id) | Screen::Summary(id) => Some(id),
            _ => None,
        }
    }

    fn title(&self) -> String {
        match self
            .open_reflection_id()
            .and_then(|id| self.notebook.entry(id))
        {
            Some(entry) => format!("PL Reflect — {}", entry.reflection.display_title()),
            None => "PL Reflect".to_owned(),
        }
    }

    /// A widget that just took the keyboard focus (Tab, Shift+Tab) is
    /// scrolled into sight, as far as needed and no further.
    fn scroll_focus_into_view(&mut self, ctx: &egui::Context) {
        let focused = ctx.memory(|m| m.focused());
        if focused != self.last_focused {
            self.last_focused = focused;
            if let Some(response) = focused.and_then(|id| ctx.read_response(id)) {
                response.scroll_to_me(None);
            }
        }
    }

    /// Back to the screen Settings was opened from.
    fn leave_settings(&mut self) {
        self.screen = self.before_settings.take().unwrap_or(Screen::Home);
    }

    fn notify_done(&mut self, text: impl Into<String>) {
        self.notifications
            .push(notifications::Severity::Done, text, None);
    }

    fn notify_problem(&mut self, text: impl Into<String>) {
        self.notifications
            .push(notifications::Severity::Problem, text, None);
    }

    /// A file was saved: the notification offers to open its folder.
    fn notify_saved(&mut self, text: String, path: &std::path::Path) {
        self.notifications.push(
            notifications::Severity::Done,
            text,
            path.parent().map(std::path::Path::to_path_buf),
        );
    }

    /// Going to another screen takes the newest message off the status bar.
    fn notice_screen_change(&mut self) {
        if self.screen != self.last_screen {
            self.notifications.moved_on();
            self.last_screen = self.screen.clone();
        }
    }

    /// A new save error is told once, and so is its end.
    fn follow_notifications(&mut self) {
        match self.notebook.save_state() {
            SaveState::Failed(error) if self.told_save_error.as_ref() != Some(&error) => {
                self.notify_problem(format!("Not saved yet, will retry: {error}"));
                self.told_save_error = Some(error);
            }
            SaveState::Saved if self.told_save_error.take().is_some() => {
                self.notify_done("Everything is saved again.");
            }
            _ => {}
        }
    }

    fn save_settings_if_changed(&mut self) {
        if self.settings_read_only.is_some() {
            return;
        }
        if self.settings != self.settings_saved {
            self.settings_saved = self.settings.clone();
            self.notebook.save_settings(&self.settings);
        }
    }
}

impl eframe::App for ReflectApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.finish_opening(Duration::ZERO);
        if self.is_opening() {
            // Look again soon: the reading thread has no way to wake the window.
            ctx.request_repaint_after(Duration::from_millis(16));
            return;
        }
        self.notice_screen_change();
        if let Some(file) = self.config.open_file.take() {
            if self.notebook.is_read_only() {
                self.notify_problem(format!(
                    "{} was not imported: another PL Reflect window has this notebook open. Import it from that window (File > Import a reflection…).",
                    file.display()
                ));
            } else {
                self.apply(ctx, views::Action::ImportFile(file));
            }
        }
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
            self.open_file_menu = true;
        }
        // Escape leaves Settings (dialogs close on Escape by themselves). On
        // the reflecting screen it puts the focus back on the page, not on
        // the menus where the next Tab would otherwise start.
        if escape && self.dialog.is_none() && self.screen == Screen::Settings {
            self.leave_settings();
        }
        // Escape in a field gives up its focus during the frame; on the next
        // one, the focus goes back to the page rather than to the menus.
        if std::mem::take(&mut self.escape_pressed)
            && matches!(self.screen, Screen::Reflect(_))
            && self.dialog.is_none()
            && ctx.memory(|m| m.focused().is_none())
        {
            self.reflect.refocus_content();
        }
        self.escape_pressed = escape;
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
            self.apply(ctx, views::Action::ImportFile(path));
        }
        let place = self.current_place();
        if place != self.settings.place {
            self.settings.place = place;
        }
        self.save_settings_if_changed();
        self.poll_export();
        self.poll_background();
        self.follow_notifications();
        if let Some(wait) = self.notebook.tick(Instant::now()) {
            ctx.request_repaint_after(wait);
        }
        let title = self.title();
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            self.flush();
            if self.notebook.has_unsaved() && !self.quitting.anyway {
                // Never quit with words that are in no file: stay open and
                // say why, with a way to keep them elsewhere.
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::QuitUnsaved {
                    what: self.notebook.unsaved_in_words(),
                    reason: match self.notebook.save_state() {
                        SaveState::Failed(reason) => reason,
                        _ => "the disk did not confirm the save".to_owned(),
                    },
                });
            }
        }
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
        self.scroll_focus_into_view(ui.ctx());
        if self.is_opening() {
            egui::CentralPanel::default().show(ui, views::welcome::opening);
            self.metrics.record_frame(started);
            return;
        }
        let mut actions = Vec::new();
        egui::Panel::top("menu").show(ui, |ui| actions.extend(self.menu_bar(ui)));
        egui::Panel::bottom("status").show(ui, |ui| actions.extend(self.status_bar(ui)));
        if self.notifications.panel_open {
            egui::Panel::bottom("notifications").show(ui, |ui| {
                actions.extend(self.notifications_panel(ui));
            });
        }
        if self.show_problems && !self.notebook.problems.is_empty() {
            egui::Panel::bottom("problems").show(ui, |ui| {
                actions.extend(views::problems::ui(
                    ui,
                    &self.notebook.problems,
                    &self.config.data_dir,
                ));
            });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let screen = self.screen.clone();
            match screen {
                Screen::Welcome => actions.extend(self.welcome.ui(ui, &self.config.data_dir)),
                Screen::Home if self.notebook.is_coaching() => {
                    actions.extend(self.teachers.ui(ui, &self.notebook))
                }
                Screen::Home => actions.extend(views::home::ui(ui, &self.notebook)),
                Screen::Settings => actions.extend(views::settings::ui(
                    ui,
                    &self.config.data_dir,
                    self.config.guide_dirs.first().map(PathBuf::as_path),
                    self.settings.theme,
                    self.settings.zoom,
                )),
                Screen::Session(id) => match self.notebook.session(&id) {
                    Some(entry) => {
                        let editable = entry.read_only.is_none() && !self.notebook.is_read_only();
                        actions.extend(views::session::ui(
                            ui,
                            &self.notebook,
                            entry,
                            &mut self.session_draft,
                            editable,
                        ));
                    }
                    None => {
                        ui.label("This session is no longer available.");
                    }
                },
                Screen::Compare => actions.extend(self.compare.ui(ui, &self.notebook)),
                Screen::Conflicts => {
                    let notebook = &self.notebook;
                    let guide_of = |id: &str| {
                        notebook
                            .entry(id)
                            .and_then(|e| notebook.guide(&e.reflection.guide_id))
                            .cloned()
                    };
                    actions.extend(self.conflicts.ui(ui, &guide_of));
                }
                Screen::Due => actions.extend(views::due::ui(ui, self.screen_due())),
                Screen::School => {
                    let guides: Vec<(String, String)> = self
                        .notebook
                        .library
                        .guides()
                        .iter()
                        .map(|g| (g.guide.id.clone(), g.guide.title.clone()))
                        .collect();
                    let key = self.refresh_school_picture();
                    if let Some(picture) = self.screen_data.school.get(&key) {
                        actions.extend(self.school.ui(ui, &guides, picture));
                    }
                }
                Screen::Summary(id) => {
                    // In a coach's notebook the summary is about a teacher.
                    let voice = views::summary::Voice {
                        teacher: self
                            .notebook
                            .is_coaching()
                            .then(|| {
                                self.notebook
                                    .entry(&id)
                                    .and_then(|e| self.notebook.teacher(&e.reflection.teacher_id))
                                    .map(|t| views::teachers::display_name(&t.name).to_owned())
                            })
                            .flatten(),
                    };
                    match self.screen_summary(&id) {
                        Some(summary) => actions.extend(views::summary::ui(ui, summary, &voice)),
                        None => {
                            ui.label("This reflection or its guide is not available.");
                        }
                    }
                }
                Screen::Reflect(id) => {
                    let entry = self.notebook.entry(&id);
                    let guide = entry.and_then(|e| self.notebook.guide(&e.reflection.guide_id));
                    match (entry, guide) {
                        (Some(entry), Some(guide)) => {
                            let editable =
                                entry.read_only.is_none() && !self.notebook.is_read_only();
                            let guide = Arc::clone(guide);
                            actions.extend(self.reflect.ui(ui, &guide, entry, editable));
                        }
                        _ => {
                            ui.label("This reflection or its guide is not available.");
                        }
                    }
                }
            }
        });
        if let Some(dialog) = self.dialog.as_mut() {
            actions.extend(dialog.ui(&ctx, &self.notebook));
        }
        if let Some(chooser) = self.chooser.as_mut() {
            actions.extend(chooser.ui(&ctx));
        }
        if let Some(plan) = &self.import_conflict {
            actions.extend(views::dialogs::import_conflict(&ctx, plan, &self.notebook));
        }
        self.refresh_export_preview();
        if let Some(export) = self.export.as_mut() {
            let busy = export.job.is_some();
            let preview = if export.preview_is_exact {
                views::export_dialog::Preview::Exact(&export.preview)
            } else {
                views::export_dialog::Preview::Content(&export.preview)
            };
            actions.extend(views::export_dialog::ui(
                &ctx,
                &mut export.choices,
                &preview,
                export.private_left_out,
                busy,
            ));
        }
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

/// `DATA/.open`: there while a window has the notebook open. Found at start,
/// it means the last window did not close normally (a crash, a kill, a
/// power cut).
const OPEN_MARKER: &str = ".open";
