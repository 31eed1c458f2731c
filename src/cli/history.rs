//! Earlier versions and the trash from the command line:
//!
//! - `pl-reflect history ID [--json]`: every kept version of a reflection or
//!   session, with its time and what changed;
//! - `pl-reflect restore ID --version V [--item ITEM]`: brings back one
//!   answer (or part of a session) or a whole earlier version, as a new version;
//! - `pl-reflect trash list [--json]|restore ID|remove ID|empty`.
//!
//! Exit codes as elsewhere: 0 success, 1 a data error (nothing was changed), 2 a usage error.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::output::{errln, outln};
use super::{GlobalOptions, data_dir, guide_folders};
use crate::clock::Timestamp;
use crate::coach::CoachSession;
use crate::guide::GuideLibrary;
use crate::reflection::Reflection;
use crate::reflection::changes::{self, Part};
use crate::session::changes as session_changes;
use crate::store::{Access, History, Origin, Store, Version};

/// How long a command waits for an open window or another command to let go of the data folder.
const LOCK_WAIT: Duration = Duration::from_secs(5);

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// A reflection's or a session's id.
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A reflection's or a session's id.
    pub id: String,
    /// The version to bring back: its number in `pl-reflect history ID`
    /// (1 is the oldest) or its name, such as 20261122T130700.123Z.
    #[arg(long, value_name = "V")]
    pub version: String,
    /// Bring back only this item's answer (a guide item id); for a session,
    /// `notes`, `date`, `title`, or an agenda point's or agreed step's id.
    /// Without it, the whole version comes back.
    #[arg(long)]
    pub item: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TrashCommand {
    /// List the reflections and sessions in the trash.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Bring a reflection or session (and its earlier versions) back from the trash.
    Restore { id: String },
    /// Remove one reflection or session in the trash for good, with its earlier versions.
    Remove { id: String },
    /// Remove everything in the trash for good.
    Empty,
}

fn open_for_writing(global: &GlobalOptions) -> anyhow::Result<Store> {
    let store = Store::open(data_dir(global)?, Access::Write { wait: LOCK_WAIT })?;
    store.check_writable()?;
    Ok(store)
}

fn open_for_reading(global: &GlobalOptions) -> anyhow::Result<Store> {
    Ok(Store::open(data_dir(global)?, Access::ReadOnly)?)
}

/// A record by id: a reflection, or else a session.
enum Found {
    Reflection(Box<Reflection>, Option<String>),
    Session(Box<CoachSession>, Option<String>),
    /// In the trash: its history is there too.
    Trashed(bool),
}

fn find(store: &Store, id: &str) -> anyhow::Result<Found> {
    if let Ok(stored) = store.load_reflection(id) {
        return Ok(Found::Reflection(
            Box::new(stored.reflection),
            stored.read_only,
        ));
    }
    if let Ok(stored) = store.load_session(id) {
        return Ok(Found::Session(Box::new(stored.session), stored.read_only));
    }
    if store.trashed_path(id)?.exists() {
        return Ok(Found::Trashed(false));
    }
    if store.trashed_session_path(id)?.exists() {
        return Ok(Found::Trashed(true));
    }
    // A damaged file says what is wrong with it.
    for error in [
        store.load_reflection(id).err(),
        store.load_session(id).err(),
    ] {
        match error {
            Some(crate::store::StoreError::NotFound { .. }) | None => {}
            Some(error) => return Err(error.into()),
        }
    }
    bail!("there is no reflection or session \"{id}\"; see `pl-reflect reflections list`")
}

#[derive(Serialize)]
struct VersionRow {
    number: usize,
    version: String,
    time: String,
    origin: &'static str,
    summary: String,
    /// The parts that changed since the version before: `item:<id>`, `title`, `notes`, …
    changed: Vec<String>,
}

#[derive(Serialize)]
struct HistoryOut {
    id: String,
    kind: &'static str,
    title: String,
    in_trash: bool,
    versions: Vec<VersionRow>,
    /// Version files that could not be read, each with why; they are kept.
    problems: Vec<String>,
}

/// The rows of a history: what each version changed since the one before.
fn rows<R>(
    history: &History<R>,
    describe: impl Fn(Option<&R>, &R) -> String,
    parts: impl Fn(&R) -> Vec<Part>,
) -> Vec<VersionRow> {
    let described =
        changes::history_changes(history.versions.iter().map(|v| &v.record), describe, parts);
    history
        .versions
        .iter()
        .zip(described)
        .enumerate()
        .map(|(index, (version, change))| VersionRow {
            number: index + 1,
            version: version.info.id.clone(),
            time: version.info.time().0,
            origin: match version.info.origin {
                Origin::Saved => "saved",
                Origin::Imported => "imported",
            },
            summary: match version.info.origin {
                Origin::Imported => format!("Imported: {}", change.summary),
                Origin::Saved => change.summary,
            },
            changed: change.changed,
        })
        .collect()
}

pub fn history(global: &GlobalOptions, args: HistoryArgs) -> anyhow::Result<ExitCode> {
    let library = GuideLibrary::load(&guide_folders(global));
    let store = open_for_reading(global)?;
    let out = match find(&store, &args.id)? {
        Found::Session(session, _) => session_out(&store, &session.display_title(), &args.id)?,
        Found::Trashed(true) => session_out(&store, "(in the trash)", &args.id)?,
        Found::Reflection(reflection, _) => {
            reflection_out(&store, &library, &reflection.display_title(), &args.id)?
        }
        Found::Trashed(false) => reflection_out(&store, &library, "(in the trash)", &args.id)?,
    };
    for problem in &out.problems {
        errln!("warning: {problem}");
    }
    let mut stdout = super::output::stdout();
    if args.json {
        writeln!(stdout, "{}", serde_json::to_string_pretty(&out)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let trash = if out.in_trash { ", in the trash" } else { "" };
    writeln!(
        stdout,
        "History of {} \"{}\" [{}]{trash}: {}, oldest first",
        out.kind,
        out.title,
        out.id,
        crate::words::plural(out.versions.len(), "version", "versions")
    )?;
    for row in &out.versions {
        writeln!(
            stdout,
            "{:>3}  {}  {}  {}",
            row.number, row.time, row.version, row.summary
        )?;
    }
    if out.versions.is_empty() {
        writeln!(
            stdout,
            "No earlier versions are kept yet: one is kept each time a change is saved."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn reflection_out(
    store: &Store,
    library: &GuideLibrary,
    title: &str,
    id: &str,
) -> anyhow::Result<HistoryOut> {
    let history = store.reflection_history(id)?;
    let guide_id = history.versions.last().map(|v| v.record.guide_id.clone());
    let guide = guide_id.and_then(|g| library.get(&g).cloned());
    let guide = guide.as_deref();
    let title = history
        .versions
        .last()
        .filter(|_| title.starts_with('('))
        .map_or_else(|| title.to_owned(), |v| v.record.display_title());
    Ok(HistoryOut {
        id: id.to_owned(),
        kind: "reflection",
        title,
        in_trash: history.in_trash,
        versions: rows(
            &history,
            |before, after| changes::describe(guide, before, after),
            |r| changes::parts(guide, r),
        ),
        problems: history.problems.iter().map(ToString::to_string).collect(),
    })
}

fn session_out(store: &Store, title: &str, id: &str) -> anyhow::Result<HistoryOut> {
    let history = store.session_history(id)?;
    let title = history
        .versions
        .last()
        .filter(|_| title.starts_with('('))
        .map_or_else(|| title.to_owned(), |v| v.record.display_title());
    Ok(HistoryOut {
        id: id.to_owned(),
        kind: "session",
        title,
        in_trash: history.in_trash,
        versions: rows(&history, session_changes::describe, session_changes::parts),
        problems: history.problems.iter().map(ToString::to_string).collect(),
    })
}

/// The version named, or an error that says which there are.
fn chosen<'h, R>(
    history: &'h History<R>,
    wanted: &str,
    id: &str,
) -> anyhow::Result<&'h Version<R>> {
    let version = history.find(wanted).with_context(|| {
        format!(
            "\"{id}\" has no version \"{wanted}\" ({} kept); see `pl-reflect history {id}`",
            history.versions.len()
        )
    })?;
    if let Some(reason) = &version.read_only {
        bail!(
            "version {} cannot be brought back: {reason}",
            version.info.id
        );
    }
    Ok(version)
}

pub fn restore(global: &GlobalOptions, args: RestoreArgs) -> anyhow::Result<ExitCode> {
    let store = open_for_writing(global)?;
    let now = Timestamp::now();
    let what = args.item.as_deref();
    let (changed, version) = match find(&store, &args.id)? {
        Found::Trashed(_) => bail!(
            "\"{}\" is in the trash; bring it back first with `pl-reflect trash restore {}`",
            args.id,
            args.id
        ),
        Found::Reflection(_, Some(reason)) | Found::Session(_, Some(reason)) => {
            bail!(
                "\"{}\" is read-only: {reason}; nothing was changed",
                args.id
            )
        }
        Found::Reflection(mut current, None) => {
            let history = store.reflection_history(&args.id)?;
            let version = chosen(&history, &args.version, &args.id)?;
            let changed = match what {
                Some(item) => changes::restore_part(&mut current, &version.record, item, now)?,
                None => changes::restore_all(&mut current, &version.record, now),
            };
            if changed {
                store.save_reflection(&current)?;
            }
            (changed, version.info.id.clone())
        }
        Found::Session(mut current, None) => {
            let history = store.session_history(&args.id)?;
            let version = chosen(&history, &args.version, &args.id)?;
            let changed = match what {
                Some(part) => {
                    session_changes::restore_part(&mut current, &version.record, part, now)?
                }
                None => session_changes::restore_all(&mut current, &version.record, now),
            };
            if changed {
                store.save_session(&current)?;
            }
            (changed, version.info.id.clone())
        }
    };
    let part = what.map_or_else(|| "everything".to_owned(), |item| format!("\"{item}\""));
    if changed {
        outln!("brought back {part} from version {version}; this is kept as a new version");
    } else {
        outln!("nothing to bring back: {part} is already as it was in version {version}");
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct TrashRow {
    id: String,
    kind: &'static str,
    title: String,
    teacher_id: String,
    updated: String,
    versions: usize,
}

pub fn trash(global: &GlobalOptions, command: TrashCommand) -> anyhow::Result<ExitCode> {
    match command {
        TrashCommand::List { json } => {
            let store = open_for_reading(global)?;
            let contents = store.trash_contents();
            for problem in &contents.problems {
                errln!("warning: {problem}");
            }
            let versions = |id: &str| contents.versions.get(id).copied().unwrap_or(0);
            let mut rows: Vec<TrashRow> = contents
                .reflections
                .iter()
                .map(|h| TrashRow {
                    id: h.id.clone(),
                    kind: "reflection",
                    title: if h.title.trim().is_empty() {
                        format!("Reflection of {}", h.created.date())
                    } else {
                        h.title.clone()
                    },
                    teacher_id: h.teacher_id.clone(),
                    updated: h.updated.0.clone(),
                    versions: versions(&h.id),
                })
                .collect();
            rows.extend(contents.sessions.iter().map(|s| TrashRow {
                id: s.session.id.clone(),
                kind: "session",
                title: s.session.display_title(),
                teacher_id: s.session.teacher_id.clone(),
                updated: s.session.updated.0.clone(),
                versions: versions(&s.session.id),
            }));
            let mut out = super::output::stdout();
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
            } else if rows.is_empty() {
                writeln!(out, "The trash is empty.")?;
            } else {
                for row in &rows {
                    writeln!(
                        out,
                        "{}  {}  {}  last changed {}  {}",
                        row.id,
                        row.kind,
                        row.title,
                        row.updated,
                        crate::words::plural(row.versions, "earlier version", "earlier versions")
                    )?;
                }
                writeln!(out, "In all: {}", contents.everything)?;
            }
        }
        TrashCommand::Restore { id } => {
            let store = open_for_writing(global)?;
            if store.trashed_session_path(&id)?.exists() && !store.trashed_path(&id)?.exists() {
                store.restore_session(&id)?;
            } else {
                store.restore_reflection(&id)?;
            }
            outln!(
                "restored {id}, with {}",
                versions_in_words(store.version_count(&id))
            );
        }
        TrashCommand::Remove { id } => {
            let store = open_for_writing(global)?;
            let removed = if store.trashed_session_path(&id)?.exists()
                && !store.trashed_path(&id)?.exists()
            {
                store.remove_session_for_good(&id)?
            } else {
                store.remove_reflection_for_good(&id)?
            };
            outln!("removed for good: {removed}");
        }
        TrashCommand::Empty => {
            let store = open_for_writing(global)?;
            let removed = store.empty_trash()?;
            outln!("removed for good: {removed}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn versions_in_words(count: usize) -> String {
    crate::words::plural(count, "earlier version", "earlier versions")
}
