//! `pl-reflect calendar`: the next steps with a revisit date as an
//! iCalendar file, to import into Google, Outlook or Apple Calendar.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::errln;
use crate::coach::calendar::{CalendarChoices, FILE_NAME, calendar_steps, render_calendar};
use crate::guide::GuideLibrary;
use crate::store::Access;

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Only this teacher's steps (see `teachers list`); every teacher's by default.
    #[arg(long, value_name = "ID")]
    pub teacher: Option<String>,
    /// Include the steps of answers marked private.
    #[arg(long)]
    pub include_private: bool,
    /// Write to this file (or into this folder, as pl-reflect-next-steps.ics)
    /// instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn calendar(global: &super::GlobalOptions, args: CalendarArgs) -> anyhow::Result<ExitCode> {
    let library = GuideLibrary::load(&super::guide_folders(global));
    let store = super::privacy::open_store(global, Access::ReadOnly)?;
    let snapshot = store.load();
    for problem in &snapshot.problems {
        errln!("warning: {problem}");
    }
    if let Some(id) = &args.teacher
        && !snapshot.teachers.iter().any(|t| &t.id == id)
    {
        anyhow::bail!("there is no teacher \"{id}\"; see `pl-reflect teachers list`");
    }
    let choices = CalendarChoices {
        teacher_id: args.teacher.clone(),
        include_private: args.include_private,
    };
    let (steps, private_left_out) = calendar_steps(
        &library,
        &snapshot.teachers,
        snapshot.reflections.iter().map(|s| &s.reflection),
        snapshot.sessions.iter().map(|s| &s.session),
        &choices,
    );
    let ics = render_calendar(&steps, chrono::Utc::now());
    super::output::write_document(
        args.out.as_deref(),
        Some(store.dir()),
        || FILE_NAME.to_owned(),
        ics.as_bytes(),
    )?;
    errln!("{} next step(s) with a revisit date", steps.len());
    if private_left_out > 0 {
        errln!(
            "note: {private_left_out} private step(s) left out; add --include-private to include them"
        );
    }
    Ok(ExitCode::SUCCESS)
}
