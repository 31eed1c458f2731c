//! `pl-reflect export REFLECTION_ID --format md|html|pdf|csv|json`: the
//! readiness summary (or, for JSON, the reflection itself) for sharing.
//!
//! Text formats go to standard output unless `--out FILE` is given. A PDF is
//! binary and needs `--out`: without it the command stops with exit code 2, a
//! usage error. An unknown reflection or format is exit code 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::GlobalOptions;
use super::output::errln;
use crate::clock::{Timestamp, today};
use crate::export::{Export, Format, PageSize, PdfOptions, default_file_name, render};
use crate::guide::GuideLibrary;
use crate::store::Access;
use crate::summary::{SummaryOptions, summarize};

/// The names `--format` accepts, for messages.
const FORMAT_NAMES: &str = "md, html, pdf, csv, json";

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The reflection to export (see `reflections list`).
    pub reflection_id: String,
    /// md, html, pdf, csv or json. May be left out when --out ends in one of these.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write to this file (or into this folder, with a default name) instead of
    /// standard output. Required for pdf.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Include answers marked private.
    #[arg(long)]
    pub include_private: bool,
    /// Include the coach's notes.
    #[arg(long)]
    pub include_coach_notes: bool,
    /// Leave the teacher's name out.
    #[arg(long)]
    pub anonymous: bool,
    /// Paper size for pdf.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub page: Paper,
}

/// Paper sizes for `--page`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Paper {
    A4,
    Letter,
}

fn format_of(args: &ExportArgs) -> anyhow::Result<Format> {
    if let Some(name) = &args.format {
        return Format::from_name(name)
            .with_context(|| format!("unknown format \"{name}\"; choose one of {FORMAT_NAMES}"));
    }
    let from_out = args
        .out
        .as_deref()
        .and_then(Path::extension)
        .and_then(|ext| ext.to_str())
        .and_then(Format::from_name);
    from_out.with_context(|| format!("say which format with --format ({FORMAT_NAMES})"))
}

pub fn export(global: &GlobalOptions, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let format = format_of(&args)?;
    if format == Format::Pdf && args.out.is_none() {
        errln!(
            "error: a PDF is not text; give --out FILE to write it, for example --out summary.pdf"
        );
        return Ok(ExitCode::from(2));
    }
    let library = GuideLibrary::load(&super::guide_folders(global));
    let store = super::privacy::open_store(global, Access::ReadOnly)?;
    let stored = store.load_reflection(&args.reflection_id)?;
    let reflection = &stored.reflection;
    let guide = library.get(&reflection.guide_id).with_context(|| {
        format!(
            "the guide \"{}\" of this reflection is not available; add it with --guides DIR",
            reflection.guide_id
        )
    })?;
    let snapshot = store.load();
    for problem in &snapshot.problems {
        errln!("warning: {problem}");
    }
    let teacher_name = if args.anonymous {
        None
    } else {
        snapshot
            .teachers
            .iter()
            .find(|t| t.id == reflection.teacher_id)
            .map(|t| t.name.clone())
    };
    let options = SummaryOptions {
        include_private: args.include_private,
        include_coach_notes: args.include_coach_notes,
        teacher_name,
        today: today(),
    };
    let summary = summarize(
        guide,
        reflection,
        crate::reflection::previous_reflection(
            snapshot.reflections.iter().map(|s| &s.reflection),
            reflection,
        ),
        &options,
    );
    let pdf = PdfOptions {
        page: match args.page {
            Paper::A4 => PageSize::A4,
            Paper::Letter => PageSize::Letter,
        },
        ..PdfOptions::default()
    };
    let exported = Timestamp::now();
    let bytes = render(
        format,
        &Export {
            summary: &summary,
            reflection,
            exported: &exported,
            pdf: &pdf,
        },
    )?;
    super::output::write_document(
        args.out.as_deref(),
        Some(store.dir()),
        || default_file_name(&summary, format),
        &bytes,
    )?;
    if summary.words.private_left_out > 0 {
        errln!(
            "note: {} private answer(s) left out; add --include-private to include them",
            summary.words.private_left_out
        );
    }
    Ok(ExitCode::SUCCESS)
}
