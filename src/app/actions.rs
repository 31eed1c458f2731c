//! Applying what the user asked for: commands from menus and shortcuts, and
//! the actions views return after each frame.

use super::chrome::open_in_file_manager;
use super::commands::UiCommand;
use super::sharing::ExportState;
use super::views::Action;
use super::views::dialogs::Dialog;
use super::views::export_dialog::ExportChoices;
use super::views::file_chooser::{ChooserPurpose, FileChooser, is_importable_name};
use super::views::reflect::ReflectView;
use super::{ReflectApp, Screen, file_pick, theme, views};
use crate::guide::DEFAULT_GUIDE_ID;
use crate::reflection::Edit;
use std::path::PathBuf;

impl ReflectApp {
    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: UiCommand) {
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
                        chosen: 0,
                    });
                }
            }
            UiCommand::ShowProblems => self.show_problems = !self.show_problems,
            UiCommand::ShowNotifications => {
                self.notifications.panel_open = !self.notifications.panel_open;
            }
            UiCommand::OpenSettings => {
                if self.screen != Screen::Settings {
                    self.before_settings = Some(self.screen.clone());
                }
                self.screen = Screen::Settings;
            }
            UiCommand::AddTeacher => self.apply(ctx, Action::AskAddTeacher),
            UiCommand::ImportReflection => self.apply(ctx, Action::ImportReflection),
            UiCommand::Presenting => self.apply(ctx, Action::TogglePresenting),
            UiCommand::ShowSummary => match self.open_reflection_id() {
                Some(id) => self.screen = Screen::Summary(id.to_owned()),
                None => self.notify_problem("Open a reflection first, then its summary."),
            },
            UiCommand::ExportSummary => match self.open_reflection_id() {
                Some(id) => {
                    let id = id.to_owned();
                    self.apply(ctx, Action::OpenExport(id));
                }
                None => self.notify_problem("Open a reflection first, then export its summary."),
            },
            UiCommand::Print => match self.open_reflection_id() {
                Some(id) => {
                    let id = id.to_owned();
                    self.print(ctx, &id);
                }
                None => self.notify_problem("Open a reflection first, then print its summary."),
            },
            UiCommand::SwitchPane => self.reflect.switch_pane = true,
            UiCommand::About => self.dialog = Some(Dialog::About),
            UiCommand::CommandPalette => {
                self.dialog = Some(Dialog::CommandPalette {
                    query: String::new(),
                    chosen: 0,
                });
            }
            UiCommand::ZoomIn => self.set_zoom(ctx, self.settings.zoom + 0.1),
            UiCommand::ZoomOut => self.set_zoom(ctx, self.settings.zoom - 0.1),
            UiCommand::ZoomReset => self.set_zoom(ctx, 1.0),
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    pub(super) fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
        let zoom = ((zoom * 10.0).round() / 10.0).clamp(theme::MIN_ZOOM, theme::MAX_ZOOM);
        self.settings.zoom = zoom;
        ctx.set_zoom_factor(zoom);
    }

    pub(super) fn apply(&mut self, ctx: &egui::Context, action: Action) {
        let result: Result<(), String> = match action {
            Action::Command(command) => {
                self.run_command(ctx, command);
                Ok(())
            }
            Action::Begin {
                name,
                start_default_guide,
            } => self.notebook.add_teacher(&name).map(|_| {
                if start_default_guide {
                    self.start(None, DEFAULT_GUIDE_ID, "");
                } else {
                    self.screen = Screen::Home;
                }
            }),
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
                    self.config.system_dialogs,
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
                self.notebook.add_teacher(&name).map(|id| {
                    self.teachers.selected = Some(id);
                    self.screen = Screen::Home;
                })
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
                self.notebook.rename_teacher(&teacher_id, &name)
            }
            Action::SetArchived {
                teacher_id,
                archived,
            } => self.notebook.set_archived(&teacher_id, archived),
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
            Action::UndoDelete => {
                self.notebook.undo_delete();
                Ok(())
            }
            Action::Edit {
                reflection_id,
                edit,
            } => {
                if let Some(item) = edit.item() {
                    self.reflect.last_item = Some(item.to_owned());
                }
                self.notebook.edit(&reflection_id, edit)
            }
            Action::JumpTo { section, item_id } => {
                self.dialog = None;
                self.reflect.section = section;
                self.reflect.focus_item = Some(item_id.clone());
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
                if std::mem::take(&mut self.quitting.after_notice) {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
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
                    preview_is_exact: false,
                    private_left_out: 0,
                    job: None,
                });
                Ok(())
            }
            Action::SaveExport => {
                self.save_export(ctx);
                Ok(())
            }
            Action::ImportFile(path) => {
                self.chooser = None;
                let wake = ctx.clone();
                self.import_pick = Some(file_pick::PickJob::start(Some(path), false, move || {
                    wake.request_repaint()
                }));
                Ok(())
            }
            Action::ChooserGo(path) => {
                self.chooser_go(ctx, &path);
                Ok(())
            }
            Action::ChooserChoose(path) => self.chooser_choose(ctx, path),
            Action::ChooserCancel => {
                self.chooser = None;
                Ok(())
            }
            Action::RetrySaveAndQuit => {
                self.dialog = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                Ok(())
            }
            Action::SaveUnsavedCopy => {
                self.dialog = None;
                let start = file_pick::home_folder();
                self.open_chooser(
                    ChooserPurpose::SaveUnsavedCopy,
                    start,
                    Some("Choose a folder on another disk if this one is full: a USB stick, for example.".to_owned()),
                );
                Ok(())
            }
            Action::QuitAnyway => {
                self.dialog = None;
                self.quitting.anyway = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                Ok(())
            }
            Action::BringBackRecovered => {
                self.dialog = None;
                if let Some(recovered) = self.recovered.take() {
                    let count = self.notebook.bring_back(recovered);
                    self.notify_done(format!(
                        "Brought back {}; it is being saved into your notebook.",
                        crate::words::plural(count, "record", "records")
                    ));
                }
                Ok(())
            }
            Action::UndoDeleteTeacher => self.notebook.undo_delete_teacher(),
            Action::AskMoveNotebook => {
                let start = file_pick::home_folder();
                self.open_chooser(
                    ChooserPurpose::MoveNotebook,
                    start,
                    Some(
                        "A folder named \"PL Reflect notebook\" is made inside the one you choose."
                            .to_owned(),
                    ),
                );
                Ok(())
            }
            Action::OpenConflicts => {
                self.read_conflicts();
                self.screen = Screen::Conflicts;
                Ok(())
            }
            Action::ResolveConflict(index) => self.resolve_conflict(index),
            Action::LeaveSettings => {
                self.leave_settings();
                Ok(())
            }
            Action::ToggleNotifications => {
                self.notifications.panel_open = !self.notifications.panel_open;
                Ok(())
            }
            Action::KeepRecoveredForLater => {
                self.dialog = None;
                self.recovered = None;
                Ok(())
            }
        };
        if let Err(message) = result {
            self.notify_problem(message);
        }
    }

    pub(super) fn open_chooser(
        &mut self,
        purpose: ChooserPurpose,
        folder: PathBuf,
        why: Option<String>,
    ) {
        let mut chooser = FileChooser::new(purpose, folder, why);
        chooser.places = file_pick::usual_places();
        chooser.listing = file_pick::list_folder(&chooser.folder, |name| {
            purpose == ChooserPurpose::Import && is_importable_name(name)
        });
        self.chooser = Some(chooser);
    }

    fn chooser_go(&mut self, ctx: &egui::Context, path: &std::path::Path) {
        let Some(purpose) = self.chooser.as_ref().map(|c| c.purpose) else {
            return;
        };
        if purpose == ChooserPurpose::Import && path.is_file() {
            self.apply(ctx, Action::ImportFile(path.to_path_buf()));
            return;
        }
        let folder = file_pick::folder_of(path);
        let why = self.chooser.as_ref().and_then(|c| c.why.clone());
        self.open_chooser(purpose, folder, why);
    }

    fn chooser_choose(&mut self, ctx: &egui::Context, path: PathBuf) -> Result<(), String> {
        let Some(purpose) = self.chooser.as_ref().map(|c| c.purpose) else {
            return Ok(());
        };
        match purpose {
            ChooserPurpose::Import => {
                self.apply(ctx, Action::ImportFile(path));
                Ok(())
            }
            ChooserPurpose::MoveNotebook => {
                self.chooser = None;
                self.move_notebook(&path)
            }
            ChooserPurpose::SaveUnsavedCopy => {
                self.chooser = None;
                let written = self.save_unsaved_copies(&path)?;
                self.dialog = Some(Dialog::Notice {
                    title: "A copy of your words is kept".to_owned(),
                    text: format!(
                        "Saved {} in {}. A reflection's copy can be imported back with File > Import a reflection…. PL Reflect stays open; quit when you are ready.",
                        crate::words::plural(written, "file", "files"),
                        path.display()
                    ),
                });
                self.quitting.anyway = true;
                Ok(())
            }
        }
    }

    /// Writes every reflection and session with unsaved words into `folder`,
    /// reflections as exported reflections (which import back).
    fn save_unsaved_copies(&self, folder: &std::path::Path) -> Result<usize, String> {
        let (reflections, sessions) = self.notebook.unsaved();
        let stamp = crate::clock::Timestamp::now().0.replace(':', "-");
        let mut written = 0;
        for reflection in reflections {
            let teacher = self
                .notebook
                .teacher(&reflection.teacher_id)
                .map(|t| t.name.as_str());
            let export = super::recovery::as_export(reflection, teacher);
            let bytes = serde_json::to_vec_pretty(&export).map_err(|e| e.to_string())?;
            let name = format!(
                "{}-unsaved-{stamp}.plreflect",
                crate::export::slug(&reflection.display_title())
            );
            write_copy(&folder.join(name), &bytes)?;
            written += 1;
        }
        for session in sessions {
            let bytes = serde_json::to_vec_pretty(session).map_err(|e| e.to_string())?;
            write_copy(
                &folder.join(format!("session-{}-unsaved-{stamp}.json", session.date)),
                &bytes,
            )?;
            written += 1;
        }
        Ok(written)
    }

    /// Moves the notebook into `chosen`: everything is saved first, the copy
    /// is checked, and PL Reflect then closes, to open the new place next time.
    fn move_notebook(&mut self, chosen: &std::path::Path) -> Result<(), String> {
        if self.notebook.is_read_only() {
            return Err(
                "The notebook is open read-only, so it cannot be moved from here.".to_owned(),
            );
        }
        self.flush();
        if self.notebook.has_unsaved() {
            return Err("Some words are not saved yet, so the notebook was not moved; try again once they are.".to_owned());
        }
        let pointer = self
            .config
            .data_folder_pointer
            .clone()
            .or_else(crate::store::relocate::data_folder_pointer)
            .ok_or_else(|| {
                "This system has no settings folder to remember the new place in.".to_owned()
            })?;
        let new = crate::store::relocate::move_notebook(&self.config.data_dir, chosen, &pointer)
            .map_err(|e| format!("The notebook was not moved: {e}"))?;
        self.dialog = Some(Dialog::Notice {
            title: "Your notebook has moved".to_owned(),
            text: format!(
                "It is now in {}, checked file by file. PL Reflect closes now and opens it there next time. The old folder, {}, is kept as it was, with a note saying where the notebook went.",
                new.display(),
                self.config.data_dir.display()
            ),
        });
        self.quitting.after_notice = true;
        Ok(())
    }

    /// Reads the conflict copies of reflections, with the answers that differ.
    fn read_conflicts(&mut self) {
        let mut view = views::conflicts::ConflictsView::default();
        for copy in self.notebook.store.conflicts() {
            if copy.record != crate::store::Record::Reflection {
                view.unreadable.push(format!(
                    "{} is a second copy of a coach session; it is kept where it is. Compare it with {} in a text editor.",
                    copy.path.display(),
                    copy.original.display()
                ));
                continue;
            }
            let Some(ours) = self.notebook.entry(&copy.of).map(|e| e.reflection.clone()) else {
                view.unreadable.push(format!(
                    "{} is a copy of a reflection that is not open here; it is kept where it is.",
                    copy.path.display()
                ));
                continue;
            };
            match self.notebook.store.load_conflict(&copy) {
                Ok(theirs) => view
                    .conflicts
                    .push(views::conflicts::Conflict::new(copy, &ours, &theirs)),
                Err(error) => view.unreadable.push(error.to_string()),
            }
        }
        self.conflict_count = view.conflicts.len() + view.unreadable.len();
        self.conflicts = view;
    }

    /// Keeps the answers the teacher chose, then puts the copy in the trash.
    fn resolve_conflict(&mut self, index: usize) -> Result<(), String> {
        let Some(conflict) = self.conflicts.conflicts.get(index).cloned() else {
            return Ok(());
        };
        let chosen: Vec<(String, Option<crate::reflection::Answer>)> = conflict
            .differences
            .iter()
            .zip(&conflict.take_copy)
            .filter(|(_, take)| **take)
            .map(|(d, _)| (d.item.clone(), d.theirs.clone()))
            .collect();
        let kept = chosen.len();
        self.notebook.replace_answers(&conflict.copy.of, chosen)?;
        self.notebook.flush();
        let aside = self
            .notebook
            .store
            .set_conflict_aside(&conflict.copy)
            .map_err(|e| e.to_string())?;
        self.notify_done(format!(
            "Kept {} from the copy in \"{}\"; the copy is now {}.",
            crate::words::plural(kept, "answer", "answers"),
            conflict.title,
            aside.display()
        ));
        self.read_conflicts();
        Ok(())
    }

    /// Shows a reflection; coming back to the same one keeps its section and scroll.
    pub(super) fn show_reflection(&mut self, id: String) {
        if self.reflect_for.as_deref() != Some(id.as_str()) {
            self.reflect = ReflectView::default();
            self.reflect_for = Some(id.clone());
        }
        self.screen = Screen::Reflect(id);
    }

    pub(super) fn start(&mut self, teacher_id: Option<&str>, guide_id: &str, title: &str) {
        match self.notebook.start_reflection(teacher_id, guide_id, title) {
            Some(id) => self.show_reflection(id),
            None => self.notify_problem(format!("The guide \"{guide_id}\" is not available.")),
        }
    }
}

fn write_copy(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    crate::store::atomic::write(path, bytes).map_err(|error| {
        format!(
            "The copy could not be written to {}: {error}",
            path.display()
        )
    })
}
