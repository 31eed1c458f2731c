//! The desktop window: an `eframe::App` that shows the notebook and turns the
//! user's actions into edits. All drawing lives here and in `views/`.

mod autosave;
mod commands;
mod export_worker;
mod file_pick;
pub mod metrics;
mod notebook;
mod settings;
mod theme;
mod views;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use commands::UiCommand;
pub use notebook::{Notebook, SaveState};
pub use settings::Settings;
pub use theme::ThemeChoice;

use crate::guide::{DEFAULT_GUIDE_ID, GuideLibrary};
use crate::reflection::Edit;
use crate::store::{Access, Store};
use export_worker::{Destination, ExportJob, ExportOutcome};
use views::Action;
use views::dialogs::Dialog;
use views::export_dialog::ExportChoices;
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
}

/// The export dialog, with the preview it shows and the save in progress.
struct ExportState {
    choices: ExportChoices,
    /// The choices the preview was made for.
    previewed: Option<ExportChoices>,
    preview: String,
    private_left_out: usize,
    job: Option<ExportJob>,
}

pub struct ReflectApp {
    pub notebook: Notebook,
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
    /// The last message for the user, such as an edit that could not be made.
    message: Option<String>,
    window_title: String,
    metrics: metrics::FrameMetrics,
    /// The summary on screen, with the state of the data it was made from.
    summary_cache: Option<(String, crate::summary::Summary)>,
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
}

impl ReflectApp {
    pub fn new(ctx: &egui::Context, config: AppConfig) -> anyhow::Result<Self> {
        let store = Store::open(
            &config.data_dir,
            Access::Write {
                wait: config.lock_wait,
            },
        )?;
        let library = GuideLibrary::load(&config.guide_dirs);
        let wake_ctx = ctx.clone();
        let notebook = Notebook::open(library, Arc::new(store), move || wake_ctx.request_repaint());
        let settings = Settings::load(&config.data_dir);
        theme::apply(ctx, settings.theme);
        ctx.set_zoom_factor(settings.zoom);
        let screen = if notebook.teachers.is_empty() && notebook.entries.is_empty() {
            Screen::Welcome
        } else {
            Screen::Home
        };
        let show_problems = !notebook.problems.is_empty();
        Ok(ReflectApp {
            notebook,
            config,
            settings_saved: settings.clone(),
            settings,
            screen,
            welcome: WelcomeView::default(),
            reflect: ReflectView::default(),
            teachers: TeachersView::default(),
            reflect_for: None,
            dialog: None,
            show_problems,
            message: None,
            window_title: String::new(),
            metrics: metrics::FrameMetrics::from_env(),
            summary_cache: None,
            export: None,
            session_draft: Default::default(),
            compare: Default::default(),
            school: Default::default(),
            school_export: None,
            import_pick: None,
            import_conflict: None,
            presenting: false,
        })
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

    /// The readiness summary of a reflection, compared with the teacher's previous one.
    fn summarize(
        &self,
        id: &str,
        include_private: bool,
        include_coach_notes: bool,
        include_name: bool,
    ) -> Option<crate::summary::Summary> {
        let entry = self.notebook.entry(id)?;
        let guide = self.notebook.guide(&entry.reflection.guide_id)?;
        let previous = crate::reflection::previous_reflection(
            self.notebook.entries.iter().map(|e| &e.reflection),
            &entry.reflection,
        );
        let teacher_name = self
            .notebook
            .teachers
            .iter()
            .find(|t| t.id == entry.reflection.teacher_id)
            .map(|t| t.name.clone())
            .filter(|name| include_name && !name.trim().is_empty());
        let options = crate::summary::SummaryOptions {
            include_private,
            include_coach_notes,
            teacher_name,
            today: crate::clock::today(),
        };
        Some(crate::summary::summarize(
            guide,
            &entry.reflection,
            previous,
            &options,
        ))
    }

    /// The summary for the summary screen, recomputed only when the data changed.
    fn screen_summary(&mut self, id: &str) -> Option<&crate::summary::Summary> {
        let key = format!("{id}|{}", self.notebook.revision());
        if self
            .summary_cache
            .as_ref()
            .is_none_or(|(cached, _)| *cached != key)
        {
            let summary = self.summarize(id, true, true, true)?;
            self.summary_cache = Some((key, summary));
        }
        self.summary_cache.as_ref().map(|(_, summary)| summary)
    }

    /// Keeps the export preview in step with the choices.
    fn refresh_export_preview(&mut self) {
        let Some(choices) = self.export.as_ref().map(|e| e.choices.clone()) else {
            return;
        };
        if self.export.as_ref().and_then(|e| e.previewed.as_ref()) == Some(&choices) {
            return;
        }
        let (preview, left_out) = match self.summarize(
            &choices.reflection_id,
            choices.include_private,
            choices.include_coach_notes,
            choices.include_name,
        ) {
            Some(summary) => {
                let left_out = summary.words.private_left_out;
                let text = self
                    .notebook
                    .entry(&choices.reflection_id)
                    .and_then(|entry| {
                        let export = crate::export::Export {
                            summary: &summary,
                            reflection: &entry.reflection,
                            exported: &crate::clock::Timestamp::now(),
                            pdf: &crate::export::pdf::PdfOptions::default(),
                        };
                        crate::export::render(crate::export::Format::Markdown, &export).ok()
                    })
                    .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                    .unwrap_or_default();
                (text, left_out)
            }
            None => (
                "This reflection or its guide is not available.".to_owned(),
                0,
            ),
        };
        if let Some(export) = self.export.as_mut() {
            export.preview = preview;
            export.private_left_out = left_out;
            export.previewed = Some(choices);
        }
    }

    /// Starts saving the export on a worker thread.
    fn save_export(&mut self, ctx: &egui::Context) {
        let Some(choices) = self.export.as_ref().map(|e| e.choices.clone()) else {
            return;
        };
        let Some(summary) = self.summarize(
            &choices.reflection_id,
            choices.include_private,
            choices.include_coach_notes,
            choices.include_name,
        ) else {
            self.message = Some("This reflection or its guide is not available.".to_owned());
            return;
        };
        let Some(reflection) = self
            .notebook
            .entry(&choices.reflection_id)
            .map(|e| e.reflection.clone())
        else {
            return;
        };
        let file_name = crate::export::default_file_name(&summary, choices.format);
        let destination = match &self.config.export_folder {
            Some(folder) => Destination::Folder(folder.clone()),
            None => Destination::Ask {
                fallback_folder: fallback_export_folder(&self.config.data_dir),
            },
        };
        let format = choices.format;
        let render: export_worker::Render = Box::new(move || {
            let export = crate::export::Export {
                summary: &summary,
                reflection: &reflection,
                exported: &crate::clock::Timestamp::now(),
                pdf: &crate::export::pdf::PdfOptions::default(),
            };
            crate::export::render(format, &export).map_err(|e| e.to_string())
        });
        let wake = ctx.clone();
        let job = ExportJob::start(destination, file_name, render, move || {
            wake.request_repaint()
        });
        if let Some(export) = self.export.as_mut() {
            export.job = Some(job);
        }
    }

    /// The school-wide picture of the chosen guide, from every teacher's newest reflection.
    fn school_picture(&self) -> Option<crate::coach::SchoolPicture> {
        let guide = self.notebook.guide(&self.school.guide_id)?;
        let archived: Vec<&str> = self
            .notebook
            .teachers
            .iter()
            .filter(|t| t.archived)
            .map(|t| t.id.as_str())
            .collect();
        let reflections: Vec<&crate::reflection::Reflection> = self
            .notebook
            .entries
            .iter()
            .map(|e| &e.reflection)
            .filter(|r| r.guide_id == guide.id && !archived.contains(&r.teacher_id.as_str()))
            .collect();
        Some(crate::coach::aggregate(
            guide,
            &reflections,
            self.school.min_group,
        ))
    }

    fn export_school(&mut self, ctx: &egui::Context, format: crate::export::Format) {
        let Some(picture) = self.school_picture() else {
            self.message = Some("That guide is not available.".to_owned());
            return;
        };
        let language = self
            .notebook
            .guide(&picture.guide_id)
            .map(|g| g.language.clone())
            .unwrap_or_default();
        let file_name = format!(
            "pl-reflect-school-picture-{}-{}.{}",
            picture.guide_id,
            crate::clock::today(),
            format.extension()
        );
        let destination = match &self.config.export_folder {
            Some(folder) => Destination::Folder(folder.clone()),
            None => Destination::Ask {
                fallback_folder: fallback_export_folder(&self.config.data_dir),
            },
        };
        let render: export_worker::Render = Box::new(move || {
            crate::coach::aggregate::render_picture(&picture, format, &language)
                .map_err(|e| e.to_string())
        });
        let wake = ctx.clone();
        self.school_export = Some(ExportJob::start(
            destination,
            file_name,
            render,
            move || wake.request_repaint(),
        ));
    }

    /// Collects results of work done off the UI thread: picked files, imports, school exports.
    fn poll_background(&mut self) {
        if let Some(outcome) = self.import_pick.as_ref().and_then(file_pick::PickJob::poll) {
            self.import_pick = None;
            match outcome {
                file_pick::PickOutcome::Picked(file) => {
                    let planned = crate::coach::plan_import(
                        &file.bytes,
                        &file.label,
                        self.notebook.entries.iter().map(|e| &e.reflection),
                        &self.notebook.teachers,
                        &self.notebook.library,
                    );
                    match planned {
                        Ok(plan) if plan.conflict.is_some() => self.import_conflict = Some(plan),
                        Ok(plan) => {
                            if let Err(error) = self.notebook.import(plan, None) {
                                self.message = Some(error);
                            }
                        }
                        Err(error) => self.message = Some(format!("Nothing was imported: {error}")),
                    }
                }
                file_pick::PickOutcome::Cancelled => {}
                file_pick::PickOutcome::Failed(error) => {
                    self.message = Some(format!("Nothing was imported: {error}"))
                }
            }
        }
        match self.notebook.take_import_outcome() {
            Some(Ok(id)) => {
                let title = self
                    .notebook
                    .entry(&id)
                    .map(|e| e.reflection.display_title())
                    .unwrap_or_default();
                if let Some(teacher) = self
                    .notebook
                    .entry(&id)
                    .map(|e| e.reflection.teacher_id.clone())
                {
                    self.teachers.selected = Some(teacher);
                }
                self.message = Some(format!("Imported \"{title}\"."));
                self.screen = Screen::Home;
            }
            Some(Err(error)) => self.message = Some(format!("Nothing was imported: {error}")),
            None => {}
        }
        if let Some(outcome) = self.school_export.as_ref().and_then(ExportJob::poll) {
            self.school_export = None;
            self.message = Some(match outcome {
                ExportOutcome::Saved { path, .. } => {
                    format!("School-wide picture saved to {}", path.display())
                }
                ExportOutcome::Cancelled => return,
                ExportOutcome::Failed(error) => format!("The picture was not saved: {error}"),
            });
        }
    }

    fn poll_export(&mut self) {
        let Some(outcome) = self
            .export
            .as_ref()
            .and_then(|e| e.job.as_ref())
            .and_then(ExportJob::poll)
        else {
            return;
        };
        match outcome {
            ExportOutcome::Saved {
                path,
                used_fallback,
            } => {
                self.export = None;
                self.message = Some(if used_fallback {
                    format!(
                        "No save dialog is available here, so the summary was saved to {}",
                        path.display()
                    )
                } else {
                    format!("Summary saved to {}", path.display())
                });
            }
            ExportOutcome::Cancelled => {
                if let Some(export) = self.export.as_mut() {
                    export.job = None;
                }
            }
            ExportOutcome::Failed(error) => {
                if let Some(export) = self.export.as_mut() {
                    export.job = None;
                }
                self.message = Some(format!("The summary was not saved: {error}"));
            }
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

    fn save_settings_if_changed(&mut self) {
        if self.settings != self.settings_saved {
            self.settings_saved = self.settings.clone();
            self.notebook
                .save_settings(&self.config.data_dir, &self.settings);
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::NewReflection => {
                self.dialog = Some(Dialog::NewReflection {
                    teacher_id: self
                        .teachers
                        .selected
                        .clone()
                        .filter(|_| self.notebook.is_coaching()),
                    guide_id: DEFAULT_GUIDE_ID.to_owned(),
                    title: String::new(),
                });
            }
            UiCommand::GoHome => self.screen = Screen::Home,
            UiCommand::PreviousSection => {
                self.reflect.section = self.reflect.section.saturating_sub(1)
            }
            UiCommand::NextSection => {
                if let Some(entry) = self
                    .open_reflection_id()
                    .and_then(|id| self.notebook.entry(id))
                    && let Some(guide) = self.notebook.guide(&entry.reflection.guide_id)
                {
                    let orphans = usize::from(
                        !crate::reflection::orphaned_answers(guide, &entry.reflection).is_empty(),
                    );
                    let last = (guide.sections.len() + orphans).saturating_sub(1);
                    self.reflect.section = (self.reflect.section + 1).min(last);
                }
            }
            UiCommand::JumpToPractice => {
                if let Some(id) = self.open_reflection_id() {
                    self.dialog = Some(Dialog::FindPractice {
                        reflection_id: id.to_owned(),
                        query: String::new(),
                    });
                }
            }
            UiCommand::ShowProblems => self.show_problems = !self.show_problems,
            UiCommand::OpenSettings => self.screen = Screen::Settings,
            UiCommand::ZoomIn => self.set_zoom(ctx, self.settings.zoom + 0.1),
            UiCommand::ZoomOut => self.set_zoom(ctx, self.settings.zoom - 0.1),
            UiCommand::ZoomReset => self.set_zoom(ctx, 1.0),
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
        let zoom = ((zoom * 10.0).round() / 10.0).clamp(theme::MIN_ZOOM, theme::MAX_ZOOM);
        self.settings.zoom = zoom;
        ctx.set_zoom_factor(zoom);
    }

    fn apply(&mut self, ctx: &egui::Context, action: Action) {
        let result: Result<(), String> = match action {
            Action::Command(command) => {
                self.run_command(ctx, command);
                Ok(())
            }
            Action::Begin {
                name,
                start_default_guide,
            } => {
                self.notebook.add_teacher(&name);
                if start_default_guide {
                    self.start(None, DEFAULT_GUIDE_ID, "");
                } else {
                    self.screen = Screen::Home;
                }
                Ok(())
            }
            Action::StartReflection {
                teacher_id,
                guide_id,
                title,
            } => {
                self.dialog = None;
                self.start(teacher_id.as_deref(), &guide_id, &title);
                Ok(())
            }
            Action::StartSession(teacher_id) => {
                self.notebook.start_session(&teacher_id).map(|id| {
                    self.session_draft = Default::default();
                    self.screen = Screen::Session(id);
                })
            }
            Action::OpenSession(id) => {
                self.session_draft = Default::default();
                self.screen = Screen::Session(id);
                Ok(())
            }
            Action::EditSession { session_id, edit } => {
                self.notebook.edit_session(&session_id, edit)
            }
            Action::OpenCompare(teacher_id) => {
                self.compare = views::compare::CompareView {
                    teacher_id,
                    ..Default::default()
                };
                self.screen = Screen::Compare;
                Ok(())
            }
            Action::OpenDue => {
                self.screen = Screen::Due;
                Ok(())
            }
            Action::OpenSchool => {
                self.screen = Screen::School;
                Ok(())
            }
            Action::ExportSchool(format) => {
                self.export_school(ctx, format);
                Ok(())
            }
            Action::ImportReflection => {
                let wake = ctx.clone();
                self.import_pick = Some(file_pick::PickJob::start(
                    self.config.import_file.clone(),
                    move || wake.request_repaint(),
                ));
                Ok(())
            }
            Action::ResolveImport(choice) => match self.import_conflict.take() {
                Some(plan) => self.notebook.import(plan, Some(choice)),
                None => Ok(()),
            },
            Action::TogglePresenting => {
                self.presenting = !self.presenting;
                let zoom = if self.presenting {
                    self.settings.zoom * 1.5
                } else {
                    self.settings.zoom
                };
                ctx.set_zoom_factor(zoom.clamp(theme::MIN_ZOOM, theme::MAX_ZOOM * 1.5));
                Ok(())
            }
            Action::AskAddTeacher => {
                self.dialog = Some(Dialog::AddTeacher {
                    name: String::new(),
                });
                Ok(())
            }
            Action::AddTeacher(name) => {
                self.dialog = None;
                let id = self.notebook.add_teacher(&name);
                self.teachers.selected = Some(id);
                self.screen = Screen::Home;
                Ok(())
            }
            Action::AskNewReflectionFor(teacher_id) => {
                self.dialog = Some(Dialog::NewReflection {
                    teacher_id: Some(teacher_id),
                    guide_id: DEFAULT_GUIDE_ID.to_owned(),
                    title: String::new(),
                });
                Ok(())
            }
            Action::AskRenameTeacher(teacher_id) => {
                let name = self
                    .notebook
                    .teacher(&teacher_id)
                    .map(|t| t.name.clone())
                    .unwrap_or_default();
                self.dialog = Some(Dialog::RenameTeacher { teacher_id, name });
                Ok(())
            }
            Action::RenameTeacher { teacher_id, name } => {
                self.dialog = None;
                self.notebook.rename_teacher(&teacher_id, &name);
                Ok(())
            }
            Action::SetArchived {
                teacher_id,
                archived,
            } => {
                self.notebook.set_archived(&teacher_id, archived);
                Ok(())
            }
            Action::AskDeleteTeacher(teacher_id) => {
                self.dialog = Some(Dialog::ConfirmDeleteTeacher { teacher_id });
                Ok(())
            }
            Action::DeleteTeacher(teacher_id) => {
                self.dialog = None;
                self.notebook.delete_teacher(&teacher_id)
            }
            Action::OpenReflection(id) => {
                self.show_reflection(id);
                Ok(())
            }
            Action::OpenSection(index) => {
                self.reflect.section = index;
                Ok(())
            }
            Action::DuplicateReflection(id) => match self.notebook.duplicate(&id) {
                Some(copy) => {
                    self.show_reflection(copy);
                    Ok(())
                }
                None => Err(
                    "This reflection's guide is not available, so it cannot be duplicated."
                        .to_owned(),
                ),
            },
            Action::AskRename(id) => {
                let title = self
                    .notebook
                    .entry(&id)
                    .map(|e| e.reflection.title.clone())
                    .unwrap_or_default();
                self.dialog = Some(Dialog::Rename { id, title });
                Ok(())
            }
            Action::Rename { id, title } => {
                self.dialog = None;
                self.notebook
                    .edit(&id, Edit::SetTitle(title.trim().to_owned()))
            }
            Action::AskDelete(id) => {
                self.dialog = Some(Dialog::ConfirmDelete { id });
                Ok(())
            }
            Action::Delete(id) => {
                self.dialog = None;
                if self.open_reflection_id() == Some(id.as_str()) {
                    self.screen = Screen::Home;
                }
                self.notebook.delete(&id)
            }
            Action::UndoDelete => self.notebook.undo_delete().map(|_| ()),
            Action::Edit {
                reflection_id,
                edit,
            } => self.notebook.edit(&reflection_id, edit),
            Action::JumpTo { section, item_id } => {
                self.dialog = None;
                self.reflect.section = section;
                self.reflect.scroll_to = Some(item_id);
                Ok(())
            }
            Action::SetTheme(choice) => {
                self.settings.theme = choice;
                theme::apply(ctx, choice);
                Ok(())
            }
            Action::SetZoom(zoom) => {
                self.set_zoom(ctx, zoom);
                Ok(())
            }
            Action::OpenFolder(path) => open_in_file_manager(&path),
            Action::CloseDialog => {
                self.dialog = None;
                self.import_conflict = None;
                if self.export.as_ref().is_some_and(|e| e.job.is_none()) {
                    self.export = None;
                }
                Ok(())
            }
            Action::OpenSummary(id) => {
                self.screen = Screen::Summary(id);
                Ok(())
            }
            Action::OpenExport(id) => {
                self.export = Some(ExportState {
                    choices: ExportChoices::new(id),
                    previewed: None,
                    preview: String::new(),
                    private_left_out: 0,
                    job: None,
                });
                Ok(())
            }
            Action::SaveExport => {
                self.save_export(ctx);
                Ok(())
            }
        };
        if let Err(message) = result {
            self.message = Some(message);
        }
    }

    /// Shows a reflection; coming back to the same one keeps its section and scroll.
    fn show_reflection(&mut self, id: String) {
        if self.reflect_for.as_deref() != Some(id.as_str()) {
            self.reflect = ReflectView::default();
            self.reflect_for = Some(id.clone());
        }
        self.screen = Screen::Reflect(id);
    }

    fn start(&mut self, teacher_id: Option<&str>, guide_id: &str, title: &str) {
        match self.notebook.start_reflection(teacher_id, guide_id, title) {
            Some(id) => self.show_reflection(id),
            None => self.message = Some(format!("The guide \"{guide_id}\" is not available.")),
        }
    }

    fn menu_bar(&self, ui: &mut egui::Ui) -> Vec<Action> {
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

    fn status_bar(&self, ui: &mut egui::Ui) -> Vec<Action> {
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

impl eframe::App for ReflectApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        for command in UiCommand::pressed(ctx) {
            self.run_command(ctx, command);
        }
        self.save_settings_if_changed();
        self.poll_export();
        self.poll_background();
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
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let started = Instant::now();
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();
        egui::Panel::top("menu").show(ui, |ui| actions.extend(self.menu_bar(ui)));
        egui::Panel::bottom("status").show(ui, |ui| actions.extend(self.status_bar(ui)));
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
                Screen::Due => actions.extend(views::due::ui(ui, &self.notebook)),
                Screen::School => {
                    let guides: Vec<(String, String)> = self
                        .notebook
                        .library
                        .guides()
                        .iter()
                        .map(|g| (g.guide.id.clone(), g.guide.title.clone()))
                        .collect();
                    if let Some(picture) = self.school_picture() {
                        actions.extend(self.school.ui(ui, &guides, &picture));
                    }
                }
                Screen::Summary(id) => match self.screen_summary(&id) {
                    Some(summary) => actions.extend(views::summary::ui(ui, summary)),
                    None => {
                        ui.label("This reflection or its guide is not available.");
                    }
                },
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
        if let Some(plan) = &self.import_conflict {
            actions.extend(views::dialogs::import_conflict(&ctx, plan, &self.notebook));
        }
        self.refresh_export_preview();
        if let Some(export) = self.export.as_mut() {
            let busy = export.job.is_some();
            actions.extend(views::export_dialog::ui(
                &ctx,
                &mut export.choices,
                &export.preview,
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
        self.metrics.write();
    }
}

impl Drop for ReflectApp {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Where exports go when no save dialog can be shown: the user's Documents
/// folder if there is one, else an `exports` folder beside the notebook.
fn fallback_export_folder(data_dir: &std::path::Path) -> PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| dirs.document_dir().map(|d| d.join("PL Reflect exports")))
        .unwrap_or_else(|| data_dir.join("exports"))
}

fn open_in_file_manager(path: &std::path::Path) -> Result<(), String> {
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

/// Opens the window and runs until it is closed.
pub fn run(config: AppConfig) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("PL Reflect")
            .with_app_id("pl-reflect")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "PL Reflect",
        options,
        Box::new(move |cc| {
            let app = ReflectApp::new(&cc.egui_ctx, config)
                .map_err(|e| -> Box<dyn std::error::Error + Send + Sync> { e.into() })?;
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| anyhow::anyhow!("could not open the window: {error}"))
}
