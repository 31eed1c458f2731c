//! Sharing: the export dialog with its preview, saving a summary, printing,
//! and saving the school-wide picture. Rendering and writing run as jobs;
//! what they report ends up in the notifications.

use super::AppConfig;
use super::export_worker::{self, Destination, ExportOutcome};
use super::jobs::{Job, JobKind, JobState, Jobs};
use super::notebook::Notebook;
use super::notifications::Notifications;
use super::views::Action;
use super::views::export_dialog::{self, ExportChoices};
use crate::export::Format;

/// Renders a summary in `format`, on the job that saves it.
fn summary_render(
    summary: crate::summary::Summary,
    reflection: crate::reflection::Reflection,
    format: Format,
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

/// `render`, then encrypted under `passphrase` (on the saving job: the
/// passphrase work takes about a second).
fn protected_render(
    render: export_worker::Render,
    passphrase: age::secrecy::SecretString,
) -> export_worker::Render {
    use crate::export::protected::{Work, protect};
    Box::new(move || {
        let plain = zeroize::Zeroizing::new(render()?);
        protect(&plain, &passphrase, Work::default()).map_err(|e| e.to_string())
    })
}

/// The export dialog, with the preview it shows and the save in progress.
pub struct ExportState {
    pub choices: ExportChoices,
    /// The choices the preview was made for.
    previewed: Option<ExportChoices>,
    preview: String,
    /// Whether `preview` is the saved file itself (text formats) or the
    /// content in Markdown, shown laid out (PDF, HTML).
    preview_is_exact: bool,
    private_left_out: usize,
    job: Option<Job<ExportOutcome>>,
    /// "Protect with a passphrase" (JSON only).
    protection: export_dialog::Protection,
}

/// What is being shared, or is about to be.
#[derive(Default)]
pub struct Sharing {
    export: Option<ExportState>,
    /// A PDF being made to print, and what it is ("The summary").
    print: Option<(Job<ExportOutcome>, &'static str)>,
    school: Option<Job<ExportOutcome>>,
    calendar: Option<Job<ExportOutcome>>,
}

/// The summary as the export dialog's choices ask for it, with how many
/// private answers they leave out. The document mentions the left-out
/// answers only when the teacher chose to say so.
fn export_summary(
    notebook: &Notebook,
    choices: &ExportChoices,
) -> Option<(crate::summary::Summary, usize)> {
    let mut summary = notebook.summarize(
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

/// Where an export goes: the folder given on the command line, or where the
/// teacher chooses (with a fallback folder where no dialog can be shown).
fn destination(config: &AppConfig) -> Destination {
    match &config.export_folder {
        Some(folder) => Destination::Folder(folder.clone()),
        None => Destination::Ask {
            fallback_folder: crate::store::fallback_export_folder(&config.data_dir),
        },
    }
}

impl Sharing {
    pub fn open_export(&mut self, reflection_id: String) {
        self.export = Some(ExportState {
            choices: ExportChoices::new(reflection_id),
            previewed: None,
            preview: String::new(),
            preview_is_exact: false,
            private_left_out: 0,
            job: None,
            protection: export_dialog::Protection::default(),
        });
    }

    /// Closes the export dialog, unless it is saving.
    pub fn close_export(&mut self) {
        if self.export.as_ref().is_some_and(|e| e.job.is_none()) {
            self.export = None;
        }
    }

    /// Draws the export dialog, if it is open.
    pub fn dialog_ui(&mut self, ctx: &egui::Context, notebook: &Notebook) -> Vec<Action> {
        self.refresh_preview(notebook);
        let Some(export) = self.export.as_mut() else {
            return Vec::new();
        };
        let busy = export.job.is_some();
        let preview = if export.preview_is_exact {
            export_dialog::Preview::Exact(&export.preview)
        } else {
            export_dialog::Preview::Content(&export.preview)
        };
        export_dialog::ui(
            ctx,
            &mut export.choices,
            &preview,
            export.private_left_out,
            busy,
            &mut export.protection,
        )
    }

    /// Keeps the export preview in step with the choices.
    fn refresh_preview(&mut self, notebook: &Notebook) {
        let Some(export) = self.export.as_mut() else {
            return;
        };
        if export.previewed.as_ref() == Some(&export.choices) {
            return;
        }
        let choices = export.choices.clone();
        let exact = !matches!(choices.format, Format::Pdf | Format::Html);
        let (preview, left_out) = match export_summary(notebook, &choices) {
            Some((summary, left_out)) => {
                let format = if exact {
                    choices.format
                } else {
                    Format::Markdown
                };
                let text = notebook
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
        export.preview = preview;
        export.preview_is_exact = exact;
        export.private_left_out = left_out;
        export.previewed = Some(choices);
    }

    /// Starts saving the export the dialog's choices describe.
    pub fn save_export(
        &mut self,
        notebook: &Notebook,
        jobs: &Jobs,
        config: &AppConfig,
    ) -> anyhow::Result<()> {
        let Some(export) = self.export.as_mut() else {
            return Ok(());
        };
        let choices = export.choices.clone();
        let (summary, _) = export_summary(notebook, &choices)
            .ok_or_else(|| anyhow::anyhow!("This reflection or its guide is not available."))?;
        let Some(reflection) = notebook
            .entry(&choices.reflection_id)
            .map(|e| e.reflection.clone())
        else {
            return Ok(());
        };
        let mut file_name = crate::export::default_file_name(&summary, choices.format);
        if choices.format == Format::Json {
            // A reflection for a coach has a file type of its own, which opens
            // PL Reflect's import on a double click; .json imports as well.
            file_name = format!(
                "{}.plreflect",
                file_name.strip_suffix(".json").unwrap_or(&file_name)
            );
        }
        let mut render = summary_render(summary, reflection, choices.format, choices.paper);
        if choices.format == Format::Json && export.protection.on {
            let passphrase = export.protection.passphrase().ok_or_else(|| {
                anyhow::anyhow!("Type the same passphrase twice to protect the file.")
            })?;
            render = protected_render(render, passphrase);
        }
        export.job = Some(export_worker::start(
            jobs,
            JobKind::ExportSummary,
            config.data_dir.clone(),
            destination(config),
            file_name,
            render,
        ));
        Ok(())
    }

    /// Makes a PDF of the reflection's summary (as the export dialog's
    /// defaults have it: no private answers, no coach notes) in a private
    /// temporary folder, to open in the system's viewer and print.
    pub fn print(
        &mut self,
        notebook: &Notebook,
        jobs: &Jobs,
        config: &AppConfig,
        id: &str,
    ) -> anyhow::Result<()> {
        let choices = ExportChoices::new(id.to_owned());
        let (summary, _) = export_summary(notebook, &choices)
            .ok_or_else(|| anyhow::anyhow!("This reflection or its guide is not available."))?;
        let Some(reflection) = notebook.entry(id).map(|e| e.reflection.clone()) else {
            return Ok(());
        };
        let file_name = crate::export::default_file_name(&summary, Format::Pdf);
        let render = summary_render(summary, reflection, Format::Pdf, choices.paper);
        self.print = Some((
            export_worker::start(
                jobs,
                JobKind::Print,
                config.data_dir.clone(),
                Destination::Folder(print_folder()),
                file_name,
                render,
            ),
            "The summary",
        ));
        Ok(())
    }

    /// A page with the notebook's recovery key, made as a PDF in the
    /// private print folder (removed when PL Reflect closes) and opened in
    /// the system's viewer to print. No other copy of the key is written.
    pub fn print_recovery_key(&mut self, jobs: &Jobs, config: &AppConfig, key: String) {
        let render: export_worker::Render = Box::new(move || {
            crate::export::pdf::render_recovery_key(&key).map_err(|e| e.to_string())
        });
        self.print = Some((
            export_worker::start(
                jobs,
                JobKind::Print,
                config.data_dir.clone(),
                Destination::Folder(print_folder()),
                "pl-reflect-recovery-key.pdf".to_owned(),
                render,
            ),
            "The recovery key",
        ));
    }

    /// Starts saving the school-wide picture in `format`.
    pub fn export_school(
        &mut self,
        picture: Option<crate::coach::SchoolPicture>,
        notebook: &Notebook,
        jobs: &Jobs,
        config: &AppConfig,
        format: Format,
    ) -> anyhow::Result<()> {
        let picture = picture.ok_or_else(|| anyhow::anyhow!("That guide is not available."))?;
        let language = notebook
            .guide(&picture.guide_id)
            .map(|g| g.language.clone())
            .unwrap_or_default();
        let file_name = format!(
            "pl-reflect-school-picture-{}-{}.{}",
            picture.guide_id,
            crate::clock::today(),
            format.extension()
        );
        let render: export_worker::Render = Box::new(move || {
            crate::coach::aggregate::render_picture(&picture, format, &language)
                .map_err(|e| e.to_string())
        });
        self.school = Some(export_worker::start(
            jobs,
            JobKind::ExportSchoolPicture,
            config.data_dir.clone(),
            destination(config),
            file_name,
            render,
        ));
        Ok(())
    }

    /// Starts saving the calendar file of next steps: every teacher's in a
    /// coach's notebook, the teacher's own otherwise. Says how many steps
    /// go, and how many private ones were left out.
    pub fn export_calendar(
        &mut self,
        notebook: &Notebook,
        jobs: &Jobs,
        config: &AppConfig,
        include_private: bool,
    ) -> (usize, usize) {
        let choices = crate::coach::calendar::CalendarChoices {
            teacher_id: None,
            include_private,
        };
        let (steps, private_left_out) = crate::coach::calendar::calendar_steps(
            &notebook.library,
            &notebook.teachers,
            notebook.entries.iter().map(|e| &e.reflection),
            notebook.sessions.iter().map(|e| &e.session),
            &choices,
        );
        let count = steps.len();
        let render: export_worker::Render = Box::new(move || {
            Ok(crate::coach::calendar::render_calendar(&steps, chrono::Utc::now()).into_bytes())
        });
        self.calendar = Some(export_worker::start(
            jobs,
            JobKind::ExportCalendar,
            config.data_dir.clone(),
            destination(config),
            crate::coach::calendar::FILE_NAME.to_owned(),
            render,
        ));
        (count, private_left_out)
    }

    /// Collects what the sharing jobs report.
    pub fn poll(&mut self, notifications: &mut Notifications) {
        self.poll_export(notifications);
        let printed = self.print.as_ref().and_then(|(job, what)| {
            let outcome = match job.poll() {
                JobState::Running => return None,
                JobState::Done(outcome) => outcome,
                JobState::Failed(error) => ExportOutcome::Failed(error),
            };
            Some((outcome, *what))
        });
        if let Some((outcome, what)) = printed {
            self.print = None;
            match outcome {
                ExportOutcome::Saved { path, .. } => {
                    match super::chrome::open_in_file_manager(&path) {
                        Ok(()) => notifications.done(format!(
                            "{what} opens in your PDF viewer to print ({}).",
                            path.display()
                        )),
                        Err(error) => notifications.failed(&error),
                    }
                }
                ExportOutcome::Cancelled => {}
                ExportOutcome::Failed(error) => {
                    notifications
                        .problem(format!("{what} could not be made for printing: {error}"));
                }
            }
        }
        if let Some(outcome) = finished(&mut self.calendar) {
            match outcome {
                ExportOutcome::Saved { path, .. } => notifications.saved(
                    format!(
                        "Next steps saved to {}: import it into your calendar app",
                        path.display()
                    ),
                    &path,
                ),
                ExportOutcome::Cancelled => {}
                ExportOutcome::Failed(error) => {
                    notifications.problem(format!("The calendar file was not saved: {error}"));
                }
            }
        }
        if let Some(outcome) = finished(&mut self.school) {
            match outcome {
                ExportOutcome::Saved { path, .. } => notifications.saved(
                    format!("School-wide picture saved to {}", path.display()),
                    &path,
                ),
                ExportOutcome::Cancelled => {}
                ExportOutcome::Failed(error) => {
                    notifications.problem(format!("The picture was not saved: {error}"));
                }
            }
        }
    }

    fn poll_export(&mut self, notifications: &mut Notifications) {
        let Some(export) = self.export.as_mut() else {
            return;
        };
        let Some(outcome) = finished(&mut export.job) else {
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
                notifications.saved(text, &path);
            }
            ExportOutcome::Cancelled => {}
            ExportOutcome::Failed(error) => {
                notifications.problem(format!("The summary was not saved: {error}"));
            }
        }
    }
}

/// The outcome of a finished export job, which is then let go.
fn finished(job: &mut Option<Job<ExportOutcome>>) -> Option<ExportOutcome> {
    let outcome = match job.as_ref()?.poll() {
        JobState::Running => return None,
        JobState::Done(outcome) => outcome,
        JobState::Failed(error) => ExportOutcome::Failed(error),
    };
    *job = None;
    Some(outcome)
}

/// The private folder prints are made in, one a run of PL Reflect.
pub fn print_folder() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("pl-reflect-print-{}", std::process::id()))
}
