//! `pl-reflect guides ...`: list, validate, show and print the schema.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use serde::Serialize;

use super::GlobalOptions;
use super::output::{errln, outln};
use crate::guide::{Guide, GuideLibrary, Origin, Section, read_guide_file};

#[derive(Debug, Subcommand)]
pub enum GuidesCommand {
    /// List every available guide: built in, from the user guides folder, and from --guides.
    List {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check guide files and report every mistake with its place in the file.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print a guide as readable text, for reviewing its content.
    Show { id: String },
    /// Print the JSON Schema of the guide format.
    Schema,
}

/// The folders guides are read from besides the built-in ones.
pub fn guide_folders(global: &GlobalOptions) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = crate::store::default_guides_dir().into_iter().collect();
    folders.extend(global.guide_dirs.iter().cloned());
    folders
}

pub fn run(global: &GlobalOptions, command: GuidesCommand) -> anyhow::Result<ExitCode> {
    match command {
        GuidesCommand::List { json } => list(global, json),
        GuidesCommand::Validate { files } => Ok(validate(&files)),
        GuidesCommand::Show { id } => show(global, &id),
        GuidesCommand::Schema => {
            outln!(
                "{}",
                serde_json::to_string_pretty(&crate::guide::guide_schema())?
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[derive(Serialize)]
struct GuideListing<'a> {
    id: &'a str,
    title: &'a str,
    version: u32,
    origin: String,
    language: &'a str,
    sections: usize,
    questions: usize,
    statements: usize,
    components: usize,
    practices: usize,
    /// Other copies with the same id that are not in use.
    shadowed: Vec<String>,
}

fn list(global: &GlobalOptions, json: bool) -> anyhow::Result<ExitCode> {
    let library = GuideLibrary::load(&guide_folders(global));
    let listings: Vec<GuideListing> = library
        .guides()
        .iter()
        .map(|loaded| {
            let counts = loaded.guide.counts();
            GuideListing {
                id: &loaded.guide.id,
                title: &loaded.guide.title,
                version: loaded.guide.version,
                origin: loaded.origin.to_string(),
                language: &loaded.guide.language,
                sections: counts.sections,
                questions: counts.questions,
                statements: counts.statements,
                components: counts.components,
                practices: counts.practices,
                shadowed: loaded
                    .shadowed
                    .iter()
                    .map(|(origin, version)| format!("{origin} (version {version})"))
                    .collect(),
            }
        })
        .collect();
    let mut out = super::output::stdout();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&listings)?)?;
    } else {
        writeln!(
            out,
            "{:<22} {:>3}  {:<40} {:>9} {:>10} {:>9} {:>10}  ORIGIN",
            "ID", "VER", "TITLE", "QUESTIONS", "STATEMENTS", "PRACTICES", "COMPONENTS"
        )?;
        for g in &listings {
            writeln!(
                out,
                "{:<22} {:>3}  {:<40} {:>9} {:>10} {:>9} {:>10}  {}",
                g.id,
                g.version,
                truncate(g.title, 40),
                g.questions,
                g.statements,
                g.practices,
                g.components,
                g.origin
            )?;
            for shadowed in &g.shadowed {
                writeln!(out, "{:<22}      not in use: {shadowed}", "")?;
            }
        }
    }
    // Broken user guides never hide the good ones, but they are reported.
    for problem in &library.problems {
        errln!("{problem}");
    }
    Ok(ExitCode::SUCCESS)
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let mut all_valid = true;
    for file in files {
        match read_guide_file(file) {
            Ok(_) => outln!("ok {}", file.display()),
            Err(errors) => {
                all_valid = false;
                errln!("{errors}");
            }
        }
    }
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn show(global: &GlobalOptions, id: &str) -> anyhow::Result<ExitCode> {
    let library = GuideLibrary::load(&guide_folders(global));
    let loaded = super::output::find_loaded(&library, id)?;
    outln!(
        "{}",
        render_guide(&loaded.guide, &loaded.origin).trim_end_matches('\n')
    );
    Ok(ExitCode::SUCCESS)
}

/// A guide as plain text, with item ids in brackets so they can be used with `answer`.
pub fn render_guide(guide: &Guide, origin: &Origin) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} [{}] version {}",
        guide.title, guide.id, guide.version
    );
    let _ = writeln!(out, "Origin: {origin}");
    let source = &guide.source;
    let _ = write!(out, "Source: {}, by {}", source.title, source.author);
    for part in [&source.publisher, &source.published, &source.url]
        .into_iter()
        .flatten()
    {
        let _ = write!(out, ", {part}");
    }
    let _ = writeln!(out);
    if let Some(note) = &source.note {
        let _ = writeln!(out, "        {note}");
    }
    let _ = writeln!(out, "\n{}\n", guide.description);
    if let Some(time) = &guide.time {
        let _ = writeln!(
            out,
            "Takes about {} minutes; come back to it {}.\n",
            time.minutes, time.come_back
        );
    }
    for scale in &guide.scales {
        let _ = writeln!(out, "Scale [{}] {}", scale.id, scale.title);
        for level in &scale.levels {
            let in_use = if level.in_use {
                " (counts as in use)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  - {} [{}]: {}{}",
                level.label, level.id, level.description, in_use
            );
        }
    }
    for (number, section) in guide.sections.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{}. {} [{}]",
            number + 1,
            section.title(),
            section.id()
        );
        if !section.intro().is_empty() {
            let _ = writeln!(out, "   {}", section.intro());
        }
        match section {
            Section::Statements(s) => {
                for statement in &s.statements {
                    let _ = writeln!(out, "   * {} [{}]", statement.text, statement.id);
                    if let Some(hint) = &statement.hint {
                        let _ = writeln!(out, "     note prompt: {hint}");
                    }
                }
            }
            Section::Questions(s) => {
                for question in &s.questions {
                    let _ = writeln!(out, "   ? {} [{}]", question.prompt, question.id);
                    if let Some(hint) = &question.hint {
                        let _ = writeln!(out, "     hint: {hint}");
                    }
                    if let Some(scale) = &question.scale {
                        let _ = writeln!(out, "     scale: {scale}");
                    }
                    if !question.earlier_scales.is_empty() {
                        let _ = writeln!(
                            out,
                            "     earlier scales: {}",
                            question.earlier_scales.join(", ")
                        );
                    }
                }
            }
            Section::Plan(s) => {
                let _ = writeln!(out, "   > {} [{}]", s.plan.prompt, s.plan.id);
                if let Some(hint) = &s.plan.hint {
                    let _ = writeln!(out, "     hint: {hint}");
                }
                let _ = writeln!(
                    out,
                    "     answer with: --practice PRACTICE-ID, --date YYYY-MM-DD, --how-i-will-know TEXT"
                );
            }
            Section::Checklist(s) => {
                for component in &s.components {
                    let _ = writeln!(out, "\n   {} [{}]", component.title, component.id);
                    let _ = writeln!(out, "   {}", component.description);
                    for practice in &component.practices {
                        let _ = writeln!(out, "   - {} [{}]", practice.name, practice.id);
                        let _ = writeln!(out, "     {}", practice.description);
                        let _ = writeln!(out, "     For example: {}", practice.example);
                        for (band, example) in practice.examples.iter() {
                            let _ = writeln!(out, "     For example ({}): {example}", band.label());
                        }
                        if let Some(step) = &practice.first_step {
                            let _ = writeln!(out, "     First step: {step}");
                        }
                        for evidence in &practice.evidence {
                            let _ = writeln!(out, "     What it looks like: {evidence}");
                        }
                        let tags: Vec<String> = practice
                            .tags
                            .iter()
                            .map(|tag| {
                                guide
                                    .tag_label(tag)
                                    .map_or_else(|| tag.clone(), |(_, e)| e.label.clone())
                            })
                            .collect();
                        if !tags.is_empty() {
                            let _ = writeln!(out, "     Aligns with: {}", tags.join(", "));
                        }
                    }
                }
            }
        }
    }
    if !guide.glossary.is_empty() {
        let _ = writeln!(out, "\nGlossary");
        for term in &guide.glossary {
            let _ = writeln!(out, "  {}: {}", term.term, term.definition);
        }
    }
    out
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}
