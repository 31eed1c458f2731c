//! `pl-reflect teachers|new|answer|reflections|show|check`: the notebook from the command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::GlobalOptions;
use super::guides::guide_folders;
use super::output::{errln, outln};
use crate::clock::Timestamp;
use crate::guide::{DEFAULT_GUIDE_ID, GuideLibrary, Item};
use crate::reflection::{Edit, Reflection, Teacher, apply, orphaned_answers, progress};
use crate::store::{Access, Snapshot, Store};

#[derive(Debug, Subcommand)]
pub enum TeachersCommand {
    #[command(flatten)]
    Edit(super::coach::TeacherEditCommand),
    /// Add a teacher and print their id.
    Add { name: String },
    /// List teachers.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Teacher id or exact name; may be left out when there is one teacher.
    #[arg(long)]
    pub teacher: Option<String>,
    /// Guide id (see `guides list`).
    #[arg(long, default_value = DEFAULT_GUIDE_ID)]
    pub guide: String,
    /// An optional title such as "Fall check-in".
    #[arg(long, default_value = "")]
    pub title: String,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("change").multiple(true).required(true))]
pub struct AnswerArgs {
    pub reflection_id: String,
    /// The guide item's id (see `guides show GUIDE`).
    pub item_id: String,
    /// Free-text answer to a question.
    #[arg(long, group = "change")]
    pub text: Option<String>,
    /// Level id on the item's scale; an empty value clears it.
    #[arg(long, group = "change")]
    pub level: Option<String>,
    /// A note or evidence: what this looks like in my room.
    #[arg(long, group = "change")]
    pub note: Option<String>,
    /// Flag a practice as a next step, with a small action.
    #[arg(long, group = "change", value_name = "ACTION")]
    pub next_step: Option<String>,
    /// When to revisit the next step, YYYY-MM-DD.
    #[arg(long, group = "change", value_name = "DATE")]
    pub revisit: Option<String>,
    /// The practice id a plan section ("My next step") chooses; an empty value clears it.
    #[arg(long, group = "change", value_name = "PRACTICE-ID")]
    pub practice: Option<String>,
    /// When to try a plan, YYYY-MM-DD; an empty value clears it.
    #[arg(long, group = "change", value_name = "DATE")]
    pub date: Option<String>,
    /// How I will know a plan worked.
    #[arg(long, group = "change", value_name = "TEXT")]
    pub how_i_will_know: Option<String>,
    /// Affirm a statement.
    #[arg(long, group = "change")]
    pub affirm: bool,
    /// Keep this answer private: it stays on this computer and out of exports.
    #[arg(long, group = "change", conflicts_with = "shared")]
    pub private: bool,
    /// Make this answer part of exports again.
    #[arg(long, group = "change")]
    pub shared: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReflectionsCommand {
    /// List reflections with their progress.
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn data_dir(global: &GlobalOptions) -> anyhow::Result<PathBuf> {
    Ok(crate::store::resolve_data_dir(global.data_dir.clone())?)
}

fn open_for_writing(global: &GlobalOptions) -> anyhow::Result<Store> {
    let store = super::privacy::open_store(
        global,
        Access::Write {
            wait: super::privacy::LOCK_WAIT,
        },
    )?;
    // Says why (another window, a read-only file system, ...) and what to do.
    store.check_writable()?;
    Ok(store)
}

fn open_for_reading(global: &GlobalOptions) -> anyhow::Result<Store> {
    super::privacy::open_store(global, Access::ReadOnly)
}

/// Loads the notebook, reporting (but not failing on) files that could not be used.
fn load(store: &Store) -> Snapshot {
    let snapshot = store.load();
    for problem in &snapshot.problems {
        errln!("warning: {problem}");
    }
    snapshot
}

pub fn teachers(global: &GlobalOptions, command: TeachersCommand) -> anyhow::Result<ExitCode> {
    match command {
        TeachersCommand::Edit(command) => return super::coach::edit_teacher(global, command),
        TeachersCommand::Add { name } => {
            if name.trim().is_empty() {
                bail!("a teacher's name cannot be empty");
            }
            let store = open_for_writing(global)?;
            let mut teachers = load(&store).teachers;
            let teacher = Teacher::new(&name, Timestamp::now());
            let id = teacher.id.clone();
            teachers.push(teacher);
            store.save_teachers(&teachers)?;
            outln!("{id}");
        }
        TeachersCommand::List { json } => {
            let store = open_for_reading(global)?;
            let snapshot = load(&store);
            let mut out = super::output::stdout();
            if json {
                #[derive(Serialize)]
                struct Row<'a> {
                    id: &'a str,
                    name: &'a str,
                    archived: bool,
                    reflections: usize,
                }
                let rows: Vec<Row> = snapshot
                    .teachers
                    .iter()
                    .map(|t| Row {
                        id: &t.id,
                        name: &t.name,
                        archived: t.archived,
                        reflections: snapshot
                            .reflections
                            .iter()
                            .filter(|r| r.reflection.teacher_id == t.id)
                            .count(),
                    })
                    .collect();
                writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
            } else {
                for teacher in &snapshot.teachers {
                    let archived = if teacher.archived { " (archived)" } else { "" };
                    writeln!(out, "{}  {}{archived}", teacher.id, teacher.name)?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn find_teacher<'t>(teachers: &'t [Teacher], wanted: Option<&str>) -> anyhow::Result<&'t Teacher> {
    if let Some(wanted) = wanted {
        teachers
    .iter()
    .find(|t| t.id == wanted)
    .or_else(|| {
        let matches: Vec<&Teacher> = teachers.iter().filter(|t| t.name.eq_ignore_ascii_case(wanted.trim())).collect();
        (matches.len() == 1).then(|| matches[0])
    })
    .with_context(|| format!("no single teacher with the id or name \"{wanted}\"; see `pl-reflect teachers list`"))
    } else {
        let active: Vec<&Teacher> = teachers.iter().filter(|t| !t.archived).collect();
        match active.as_slice() {
            [only] => Ok(*only),
            [] => bail!("there are no teachers yet; add one with `pl-reflect teachers add NAME`"),
            _ => bail!(
                "there are {} teachers; say which with --teacher ID_OR_NAME",
                active.len()
            ),
        }
    }
}

pub fn new(global: &GlobalOptions, args: NewArgs) -> anyhow::Result<ExitCode> {
    let library = GuideLibrary::load(&guide_folders(global));
    let guide = super::output::find_guide(&library, &args.guide)?;
    let store = open_for_writing(global)?;
    let snapshot = load(&store);
    let teacher = find_teacher(&snapshot.teachers, args.teacher.as_deref())?;
    let reflection = Reflection::new(&teacher.id, guide, &args.title, Timestamp::now());
    store.save_reflection(&reflection)?;
    outln!("{}", reflection.id);
    Ok(ExitCode::SUCCESS)
}

pub fn answer(global: &GlobalOptions, args: AnswerArgs) -> anyhow::Result<ExitCode> {
    let library = GuideLibrary::load(&guide_folders(global));
    let store = open_for_writing(global)?;
    let mut stored = store.load_reflection(&args.reflection_id)?;
    if let Some(reason) = &stored.read_only {
        bail!("{}: {reason}; nothing was changed", stored.path.display());
    }
    let reflection = &mut stored.reflection;
    let guide = library.get(&reflection.guide_id).with_context(|| {
        format!(
            "the guide \"{}\" of this reflection is not available; add it with --guides DIR",
            reflection.guide_id
        )
    })?;
    let item = args.item_id.clone();
    let mut edits = Vec::new();
    if let Some(text) = args.text {
        edits.push(Edit::SetText {
            item: item.clone(),
            text,
        });
    }
    if let Some(level) = args.level {
        let level = (!level.is_empty()).then_some(level);
        edits.push(Edit::SetLevel {
            item: item.clone(),
            level,
        });
    }
    if let Some(note) = args.note {
        edits.push(Edit::SetNote {
            item: item.clone(),
            note,
        });
    }
    if let Some(action) = args.next_step {
        edits.push(Edit::SetNextStepWanted {
            item: item.clone(),
            wanted: true,
        });
        edits.push(Edit::SetNextStepAction {
            item: item.clone(),
            action,
        });
    }
    if let Some(date) = args.revisit {
        edits.push(Edit::SetNextStepRevisit {
            item: item.clone(),
            revisit_on: Some(date),
        });
    }
    if let Some(practice) = args.practice {
        edits.push(Edit::SetPlanPractice {
            item: item.clone(),
            practice: Some(practice),
        });
    }
    if let Some(date) = args.date {
        edits.push(Edit::SetPlanDate {
            item: item.clone(),
            date: Some(date),
        });
    }
    if let Some(text) = args.how_i_will_know {
        edits.push(Edit::SetPlanHowIWillKnow {
            item: item.clone(),
            text,
        });
    }
    if args.affirm {
        edits.push(Edit::SetAffirmed {
            item: item.clone(),
            affirmed: true,
        });
    }
    if args.private || args.shared {
        edits.push(Edit::SetPrivate {
            item: item.clone(),
            private: args.private,
        });
    }
    // Apply to a copy so that one bad option changes nothing at all.
    let mut changed = reflection.clone();
    for edit in edits {
        apply(&mut changed, guide, edit, Timestamp::now())?;
    }
    store.save_reflection(&changed)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct ReflectionRow {
    id: String,
    teacher_id: String,
    teacher: String,
    guide_id: String,
    guide_version: u32,
    title: String,
    updated: String,
    answered: usize,
    total: Option<usize>,
    read_only: bool,
}

pub fn reflections(
    global: &GlobalOptions,
    command: ReflectionsCommand,
) -> anyhow::Result<ExitCode> {
    let ReflectionsCommand::List { json } = command;
    let library = GuideLibrary::load(&guide_folders(global));
    let store = open_for_reading(global)?;
    let snapshot = load(&store);
    let mut rows: Vec<ReflectionRow> = snapshot
        .reflections
        .iter()
        .map(|stored| {
            let r = &stored.reflection;
            let teacher = snapshot
                .teachers
                .iter()
                .find(|t| t.id == r.teacher_id)
                .map(|t| t.name.clone())
                .unwrap_or_default();
            let (answered, total) = match library.get(&r.guide_id) {
                Some(guide) => {
                    let p = progress(guide, r);
                    (p.answered, Some(p.total))
                }
                None => (r.answers.values().filter(|a| a.is_answered()).count(), None),
            };
            ReflectionRow {
                id: r.id.clone(),
                teacher_id: r.teacher_id.clone(),
                teacher,
                guide_id: r.guide_id.clone(),
                guide_version: r.guide_version,
                title: r.title.clone(),
                updated: r.updated.0.clone(),
                answered,
                total,
                read_only: stored.read_only.is_some(),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.updated.cmp(&a.updated));
    let mut out = super::output::stdout();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
    } else {
        for row in &rows {
            let total = row.total.map_or_else(|| "?".to_owned(), |t| t.to_string());
            writeln!(
                out,
                "{}  {}  {}  {}  {}  {}/{}",
                row.id,
                row.teacher,
                row.guide_id,
                if row.title.is_empty() {
                    "(untitled)"
                } else {
                    &row.title
                },
                row.updated,
                row.answered,
                total
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn show(global: &GlobalOptions, id: &str) -> anyhow::Result<ExitCode> {
    let library = GuideLibrary::load(&guide_folders(global));
    let store = open_for_reading(global)?;
    let stored = store.load_reflection(id)?;
    let reflection = &stored.reflection;
    let mut out = super::output::stdout();
    writeln!(out, "{} [{}]", reflection.display_title(), reflection.id)?;
    writeln!(
        out,
        "Guide: {} version {}",
        reflection.guide_id, reflection.guide_version
    )?;
    writeln!(
        out,
        "Started {} · last changed {}",
        reflection.created, reflection.updated
    )?;
    if let Some(reason) = &stored.read_only {
        writeln!(out, "Read-only: {reason}")?;
    }
    let Some(guide) = library.get(&reflection.guide_id) else {
        writeln!(
            out,
            "\n(The guide is not available; answers are shown by item id.)"
        )?;
        for (item, answer) in &reflection.answers {
            writeln!(out, "\n[{item}] {}", serde_json::to_string(answer)?)?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    let p = progress(guide, reflection);
    writeln!(out, "Progress: {} of {} answered", p.answered, p.total)?;
    for section in &guide.sections {
        writeln!(out, "\n== {} ==", section.title())?;
        for item in section.items() {
            let Some(answer) = reflection.answer(item.id()) else {
                continue;
            };
            let private = if answer.private { " (private)" } else { "" };
            match item {
                Item::Statement(s) => {
                    let mark = if answer.affirmed { "[x]" } else { "[ ]" };
                    writeln!(out, "{mark} {}{private}", s.text)?;
                }
                Item::Question(q) => writeln!(out, "? {}{private}", q.prompt)?,
                Item::Practice { practice, .. } => writeln!(out, "- {}{private}", practice.name)?,
                Item::Plan(plan) => writeln!(out, "> {}{private}", plan.prompt)?,
            }
            if let Some(plan) = &answer.plan {
                for line in crate::reflection::plan_lines(guide, plan) {
                    writeln!(out, "    {line}")?;
                }
            }
            if let Some(level) = &answer.level {
                let label = guide
                    .level_of(&item, level)
                    .map_or(level.as_str(), |l| l.label.as_str());
                writeln!(out, "    Level: {label}")?;
            }
            if !answer.text.is_empty() {
                writeln!(out, "    {}", answer.text.replace('\n', "\n    "))?;
            }
            if !answer.note.is_empty() {
                writeln!(out, "    Note: {}", answer.note)?;
            }
            if let Some(step) = &answer.next_step {
                let revisit = step
                    .revisit_on
                    .as_deref()
                    .map(|d| format!(" (revisit {d})"))
                    .unwrap_or_default();
                let done = if step.done { " [done]" } else { "" };
                writeln!(out, "    Next step: {}{revisit}{done}", step.action)?;
            }
        }
    }
    let orphans = orphaned_answers(guide, reflection);
    if !orphans.is_empty() {
        writeln!(out, "\n== No longer in this guide ==")?;
        for (item, answer) in orphans {
            writeln!(out, "[{item}] {}", serde_json::to_string(answer)?)?;
        }
    }
    if !reflection.coach_notes.is_empty() {
        writeln!(out, "\n== Coach notes ==")?;
        for note in &reflection.coach_notes {
            writeln!(out, "{} {}", note.created.date(), note.text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn check(global: &GlobalOptions) -> anyhow::Result<ExitCode> {
    let store = open_for_reading(global)?;
    let (notes, problems): (Vec<_>, Vec<_>) =
        store.check().into_iter().partition(|p| p.kind.is_note());
    for note in &notes {
        errln!("note: {note}");
    }
    if problems.is_empty() {
        outln!("ok {}: no problems found", store.dir().display());
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &problems {
        errln!("{problem}");
    }
    errln!(
        "{} problem(s) in {}; nothing was changed",
        problems.len(),
        store.dir().display()
    );
    Ok(ExitCode::from(1))
}
