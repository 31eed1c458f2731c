//! Work the window hands to other threads and collects again: the readiness
//! summary and its export, imports, and the school-wide picture.

use std::path::PathBuf;

use super::export_worker::{self, Destination, ExportJob, ExportOutcome};
use super::views::export_dialog::ExportChoices;
use super::{ReflectApp, Screen, file_pick, views};

/// Renders a summary in `format`, on the worker that saves it.
fn summary_render(
    summary: crate::summary::Summary,
    reflection: crate::reflection::Reflection,
    format: crate::export::Format,
    paper: crate::export::PageSize,
) -> export_worker::Render {
    let pdf = crate::export::pdf::PdfOptions {
        page: paper,
        ..Default::default()
    };
    Box::new(move || {
        let export = crate::export::Export {
            summary: &summary,
            reflection: &reflection,
            exported: &crate::clock::Timestamp::now(),
            pdf: &pdf,
        };
        crate::export::render(format, &export).map_err(|e| e.to_string())
    })
}

/// The export dialog, with the preview it shows and the save in progress.
pub(super) struct ExportState {
    pub(super) choices: ExportChoices,
    /// The choices the preview was made for.
    pub(super) previewed: Option<ExportChoices>,
    pub(super) preview: String,
    /// Whether `preview` is the saved file itself (text formats) or the
    /// content in Markdown, shown laid out (PDF, HTML).
    pub(super) preview_is_exact: bool,
    pub(super) private_left_out: usize,
    pub(super) job: Option<ExportJob>,
}

impl ReflectApp {
    /// The readiness summary of a reflection, compared with the teacher's previous one.
    pub(super) fn summarize(
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

    /// The summary as the export dialog's choices ask for it, with how many
    /// private answers they leave out. The document mentions the left-out
    /// answers only when the teacher chose to say so.
    fn export_summary(&self, choices: &ExportChoices) -> Option<(crate::summary::Summary, usize)> {
        let mut summary = self.summarize(
            &choices.reflection_id,
            choices.include_private,
            choices.include_coach_notes,
            choices.include_name,
        )?;
        let left_out = summary.words.private_left_out;
        if !choices.mention_left_out {
            summary.words.private_left_out = 0;
        }
        Some((summary, left_out))
    }

    /// Keeps the export preview in step with the choices.
    pub(super) fn refresh_export_preview(&mut self) {
        let Some(choices) = self.export.as_ref().map(|e| e.choices.clone()) else {
            return;
        };
        if self.export.as_ref().and_then(|e| e.previewed.as_ref()) == Some(&choices) {
            return;
        }
        let exact = !matches!(
            choices.format,
            crate::export::Format::Pdf | crate::export::Format::Html
        );
        let (preview, left_out) = match self.export_summary(&choices) {
            Some((summary, left_out)) => {
                let format = if exact {
                    choices.format
                } else {
                    crate::export::Format::Markdown
                };
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
                        crate::export::render(format, &export).ok()
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
            export.preview_is_exact = exact;
            export.private_left_out = left_out;
            export.previewed = Some(choices);
        }
    }

    /// Starts saving the export on a worker thread.
    pub(super) fn save_export(&mut self, ctx: &egui::Context) {
        let Some(choices) = self.export.as_ref().map(|e| e.choices.clone()) else {
            return;
        };
        let Some((summary, _)) = self.export_summary(&choices) else {
            self.notify_problem("This reflection or its guide is not available.".to_owned());
            return;
        };
        let Some(reflection) = self
            .notebook
            .entry(&choices.reflection_id)
            .map(|e| e.reflection.clone())
        else {
            return;
        };
        let mut file_name = crate::export::default_file_name(&summary, choices.format);
        if choices.format == crate::export::Format::Json {
            // A reflection for a coach has a file type of its own, which opens
            // PL Reflect's import on a double click; .json imports as well.
            file_name = format!(
                "{}.plreflect",
                file_name.strip_suffix(".json").unwrap_or(&file_name)
            );
        }
        let destination = match &self.config.export_folder {
            Some(folder) => Destination::Folder(folder.clone()),
            None => Destination::Ask {
                fallback_folder: crate::store::fallback_export_folder(&self.config.data_dir),
            },
        };
        let render = summary_render(summary, reflection, choices.format, choices.paper);
        let wake = ctx.clone();
        let job = ExportJob::start(
            self.config.data_dir.clone(),
            destination,
            file_name,
            render,
            move || wake.request_repaint(),
        );
        if let Some(export) = self.export.as_mut() {
            export.job = Some(job);
        }
    }

    /// Makes a PDF of the reflection's summary (as the export dialog's
    /// defaults have it: no private answers, no coach notes) in a private
    /// temporary folder and opens it in the system's viewer to print.
    pub(super) fn print(&mut self, ctx: &egui::Context, id: &str) {
        let choices = ExportChoices::new(id.to_owned());
        let Some((summary, _)) = self.export_summary(&choices) else {
            self.notify_problem("This reflection or its guide is not available.");
            return;
        };
        let Some(reflection) = self.notebook.entry(id).map(|e| e.reflection.clone()) else {
            return;
        };
        let file_name = crate::export::default_file_name(&summary, crate::export::Format::Pdf);
        let render = summary_render(
            summary,
            reflection,
            crate::export::Format::Pdf,
            choices.paper,
        );
        let folder = std::env::temp_dir().join(format!("pl-reflect-print-{}", std::process::id()));
        let wake = ctx.clone();
        self.print_job = Some(ExportJob::start(
            self.config.data_dir.clone(),
            Destination::Folder(folder),
            file_name,
            render,
            move || wake.request_repaint(),
        ));
    }

    /// The school-wide picture of the chosen guide, from every teacher's newest reflection.
    pub(super) fn school_picture(&self) -> Option<crate::coach::SchoolPicture> {
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

    pub(super) fn export_school(&mut self, ctx: &egui::Context, format: crate::export::Format) {
        let Some(picture) = self.school_picture() else {
            self.notify_problem("That guide is not available.".to_owned());
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
                fallback_folder: crate::store::fallback_export_folder(&self.config.data_dir),
            },
        };
        let render: export_worker::Render = Box::new(move || {
            crate::coach::aggregate::render_picture(&picture, format, &language)
                .map_err(|e| e.to_string())
        });
        let wake = ctx.clone();
        self.school_export = Some(ExportJob::start(
            self.config.data_dir.clone(),
            destination,
            file_name,
            render,
            move || wake.request_repaint(),
        ));
    }

    /// Collects results of work done off the UI thread: picked files, imports, school exports.
    pub(super) fn poll_background(&mut self) {
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
                                self.notify_problem(error);
                            }
                        }
                        Err(error) => self.notify_problem(format!("Nothing was imported: {error}")),
                    }
                }
                file_pick::PickOutcome::Cancelled => {}
                file_pick::PickOutcome::NoDialog => {
                    let start = directories::UserDirs::new()
                        .and_then(|d| d.download_dir().map(std::path::Path::to_path_buf))
                        .or_else(|| {
                            directories::UserDirs::new().map(|d| d.home_dir().to_path_buf())
                        })
                        .unwrap_or_else(|| PathBuf::from("/"));
                    self.open_chooser(
                        views::file_chooser::ChooserPurpose::Import,
                        start,
                        Some("No system file dialog could be shown here, so PL Reflect shows its own. You can also drop a file onto the window.".to_owned()),
                    );
                }
                file_pick::PickOutcome::Failed(error) => {
                    self.notify_problem(format!("Nothing was imported: {error}"))
                }
            }
        }
        let notices = self.notebook.take_notices();
        if !notices.is_empty() {
            for notice in notices {
                self.notify_problem(notice);
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
                self.screen = Screen::Home;
                self.last_screen = Screen::Home;
                self.notify_done(format!("Imported \"{title}\"."));
            }
            Some(Err(error)) => self.notify_problem(format!("Nothing was imported: {error}")),
            None => {}
        }
        if let Some(outcome) = self.print_job.as_ref().and_then(ExportJob::poll) {
            self.print_job = None;
            match outcome {
                ExportOutcome::Saved { path, .. } => {
                    match super::chrome::open_in_file_manager(&path) {
                        Ok(()) => self.notify_done(format!(
                            "The summary opens in your PDF viewer to print ({}).",
                            path.display()
                        )),
                        Err(error) => self.notify_problem(error),
                    }
                }
                ExportOutcome::Cancelled => {}
                ExportOutcome::Failed(error) => {
                    self.notify_problem(format!(
                        "The summary could not be made for printing: {error}"
                    ));
                }
            }
        }
        if let Some(outcome) = self.school_export.as_ref().and_then(ExportJob::poll) {
            self.school_export = None;
            match outcome {
                ExportOutcome::Saved { path, .. } => self.notify_saved(
                    format!("School-wide picture saved to {}", path.display()),
                    &path,
                ),
                ExportOutcome::Cancelled => {}
                ExportOutcome::Failed(error) => {
                    self.notify_problem(format!("The picture was not saved: {error}"));
                }
            }
        }
    }

    pub(super) fn poll_export(&mut self) {
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
                let text = if used_fallback {
                    format!(
                        "No save dialog is available here, so the summary was saved to {}",
                        path.display()
                    )
                } else {
                    format!("Summary saved to {}", path.display())
                };
                self.notify_saved(text, &path);
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
                self.notify_problem(format!("The summary was not saved: {error}"));
            }
        }
    }
}
