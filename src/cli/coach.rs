//! Coach mode from the command line:
//!
//! - `pl-reflect import FILE [--teacher ID_OR_NAME] [--replace|--keep-both]`:
//!   a teacher's exported reflection into the notebook; prints its id;
//! - `pl-reflect aggregate [--guide ID] [--min-group N] [--format md|html|csv|json] [--out FILE] [FILES...]`:
//!   the school-wide picture, from the data folder or from exported files;
//! - `pl-reflect teachers rename ID_OR_NAME NAME`, `teachers archive|unarchive ID_OR_NAME`.
//!
//! Exit codes as elsewhere: 0 success, 1 a data or validation error (nothing
//! was changed), 2 a usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};

use super::output::{errln, outln};
use super::{GlobalOptions, data_dir, guide_folders};
use crate::clock::{Timestamp, today};
use crate::coach::aggregate::render_picture;
use crate::coach::{
    DEFAULT_MIN_GROUP, ImportChoice, ImportError, aggregate as school_picture, apply_import,
    find_teacher, plan_import, rename_teacher, set_archived, teacher_from_arg,
};
use crate::export::{Format, parse_exported, slug};
use crate::guide::{DEFAULT_GUIDE_ID, GuideLibrary};
use crate::reflection::Reflection;
use crate::store::{Access, Snapshot, Store};

/// The formats `aggregate` writes, for messages.
const PICTURE_FORMATS: &str = "md, html, csv, json";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An exported reflection, as made by `pl-reflect export ID --format json`.
    pub file: PathBuf,
    /// The teacher it belongs to, by id or name (a name no teacher has adds a
    /// teacher). Without it, the exported name is matched, ignoring case, or a
    /// teacher with that name is added.
    #[arg(long, value_name = "ID_OR_NAME")]
    pub teacher: Option<String>,
    /// If a reflection with the same id is already here, move that one to the
    /// trash and put the imported one in its place.
    #[arg(long, conflicts_with = "keep_both")]
    pub replace: bool,
    /// If a reflection with the same id is already here, import a copy with a
    /// new id and " (imported)" after its title.
    #[arg(long)]
    pub keep_both: bool,
    /// For an export protected with a passphrase: read the passphrase the
    /// teacher gave from this file (`-`: standard input) instead of asking.
    /// (`--passphrase-file` is the notebook's own, if it is encrypted.)
    #[arg(long, value_name = "FILE")]
    pub export_passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AggregateArgs {
    /// Exported reflections (JSON) to use instead of the data folder's reflections.
    #[arg(value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// The guide to picture (see `guides list`).
    #[arg(long, default_value = DEFAULT_GUIDE_ID)]
    pub guide: String,
    /// Counts below this, or short of the whole group by fewer than this, are hidden;
    /// a smaller group of teachers shows no counts.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MIN_GROUP as u32,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub min_group: u32,
    /// md, html, csv or json; md when left out, unless --out ends in one of these.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write to this file (or into this folder, with a default name) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `teachers rename|archive|unarchive`, meant to be flattened into `teachers`.
#[derive(Debug, Subcommand)]
pub enum TeacherEditCommand {
    /// Give a teacher a new name.
    Rename {
        /// The teacher's id or current name.
        teacher: String,
        name: String,
    },
    /// Archive a teacher: their reflections and sessions are kept, but they
    /// leave the lists and the revisits that are due.
    Archive {
        /// The teacher's id or name.
        teacher: String,
    },
    /// Bring an archived teacher back.
    Unarchive {
        /// The teacher's id or name.
        teacher: String,
    },
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

/// Loads the notebook, reporting (but not failing on) files that could not be used.
fn load(store: &Store) -> Snapshot {
    let snapshot = store.load();
    for problem in &snapshot.problems {
        errln!("warning: {problem}");
    }
    snapshot
}

/// The export itself: a file protected with a passphrase is opened with the
/// one from `--export-passphrase-file`, or asked for on a terminal.
fn opened_export(bytes: Vec<u8>, label: &str, args: &ImportArgs) -> anyhow::Result<Vec<u8>> {
    if !crate::export::protected::is_protected(&bytes) {
        return Ok(bytes);
    }
    let passphrase = match &args.export_passphrase_file {
        Some(file) => super::privacy::read_passphrase_file(file)?,
        None if std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
            super::privacy::ask(&format!("Passphrase of {label}: "))?
        }
        None => bail!(ImportError::NeedsPassphrase {
            file: label.to_owned()
        }),
    };
    let plain = crate::coach::open_protected(&bytes, label, &passphrase)?;
    Ok(plain)
}

pub fn import(global: &GlobalOptions, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let label = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("{label}: could not read the file; nothing was imported"))?;
    let bytes = opened_export(bytes, &label, &args)?;
    // Check the file fully before the data folder is opened (or created).
    if let Err(problem) = parse_exported(&bytes) {
        bail!(ImportError::Unreadable {
            file: label,
            problem
        });
    }
    let library = GuideLibrary::load(&guide_folders(global));
    let store = open_for_writing(global)?;
    let snapshot = load(&store);
    let plan = plan_import(
        &bytes,
        &label,
        snapshot.reflections.iter().map(|s| &s.reflection),
        &snapshot.teachers,
        &library,
    )?;
    let teacher = match &args.teacher {
        Some(wanted) => teacher_from_arg(&snapshot.teachers, wanted)?,
        None => plan.default_teacher().map_err(|error| match error {
            ImportError::Anonymous { file } => anyhow::anyhow!(
                "{file}: this export is anonymous, so it cannot be matched to a teacher; nothing was \
                 imported. Say which teacher it belongs to with --teacher ID_OR_NAME"
            ),
            ImportError::AmbiguousTeacher { file, name } => anyhow::anyhow!(
                "{file}: more than one teacher is called \"{name}\"; nothing was imported. Say which \
                 one with --teacher ID (see `pl-reflect teachers list`)"
            ),
            other => other.into(),
        })?,
    };
    let choice = match (args.replace, args.keep_both) {
        (true, _) => Some(ImportChoice::Replace),
        (_, true) => Some(ImportChoice::KeepBoth),
        _ => None,
    };
    if let (Some(id), None) = (&plan.conflict, choice) {
        let here = snapshot
            .reflections
            .iter()
            .find(|s| &s.reflection.id == id)
            .map(|s| describe(&s.reflection, &snapshot))
            .unwrap_or_default();
        bail!(
            "{label}: a reflection with the id {id} is already in this notebook{here}; nothing was imported. \
             Choose --replace to put the imported version in its place (the one here goes to the trash) \
             or --keep-both to import it as a copy"
        );
    }
    for note in plan.notes() {
        if plan.conflict.is_none() || !note.starts_with("A reflection with the id") {
            errln!("note: {note}");
        }
    }
    let result = apply_import(&plan, choice, &teacher, &store)?;
    if result.created_teacher {
        errln!(
            "note: added the teacher {}",
            teacher_name(&store, &result.teacher_id)
        );
    }
    if let Some(old) = &result.replaced_copy {
        errln!(
            "note: the version that was here is in the trash: {}",
            old.display()
        );
    }
    if result.new_id {
        errln!(
            "note: imported with a new id, {}, so that the reflection with its old id stays as it is",
            result.reflection_id
        );
    }
    outln!("{}", result.reflection_id);
    Ok(ExitCode::SUCCESS)
}

/// ` ("Spring check-in", Ana López)` for a message.
fn describe(reflection: &Reflection, snapshot: &Snapshot) -> String {
    let teacher = snapshot
        .teachers
        .iter()
        .find(|t| t.id == reflection.teacher_id)
        .map_or("an unknown teacher", |t| t.name.as_str());
    format!(" (\"{}\", {teacher})", reflection.display_title())
}

fn teacher_name(store: &Store, id: &str) -> String {
    store
        .load_teachers()
        .0
        .into_iter()
        .find(|t| t.id == id)
        .map_or_else(|| id.to_owned(), |t| format!("\"{}\" ({id})", t.name))
}

pub fn aggregate(global: &GlobalOptions, args: AggregateArgs) -> anyhow::Result<ExitCode> {
    let format = match picture_format(&args) {
        Ok(format) => format,
        Err(message) => {
            errln!("error: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    if format.is_binary() && args.out.is_none() {
        errln!(
            "error: a PDF is not text; give --out FILE to write it, for example --out picture.pdf"
        );
        return Ok(ExitCode::from(2));
    }
    let library = GuideLibrary::load(&guide_folders(global));
    let guide = super::output::find_guide(&library, &args.guide)?;
    let reflections = if args.files.is_empty() {
        from_data_folder(global)?
    } else {
        from_files(&args.files, &guide.id)?
    };
    let refs: Vec<&Reflection> = reflections.iter().collect();
    let min_group = usize::try_from(args.min_group).unwrap_or(DEFAULT_MIN_GROUP);
    let mut picture = school_picture(guide, &refs, min_group);
    picture.prepared = Some(today());
    if picture.too_small {
        errln!(
            "note: fewer than {min_group} teachers have reflected on \"{}\", so the picture shows no counts",
            guide.id
        );
    }
    let bytes = render_picture(&picture, format, &guide.language)?;
    // With no data folder at all there is nothing of the notebook's to overwrite.
    let data_folder = data_dir(global).ok();
    super::output::write_document(
        args.out.as_deref(),
        data_folder.as_deref(),
        || {
            format!(
                "pl-reflect-school-picture-{}-{}.{}",
                slug(&guide.id),
                today(),
                format.extension()
            )
        },
        &bytes,
    )?;
    Ok(ExitCode::SUCCESS)
}

fn picture_format(args: &AggregateArgs) -> Result<Format, String> {
    let named = match &args.format {
        Some(name) => Some(Format::from_name(name).ok_or_else(|| {
            format!("unknown format \"{name}\"; choose one of {PICTURE_FORMATS}")
        })?),
        None => args
            .out
            .as_deref()
            .and_then(Path::extension)
            .and_then(|ext| ext.to_str())
            .and_then(Format::from_name),
    };
    Ok(named.unwrap_or(Format::Markdown))
}

/// The data folder's reflections, leaving out those of archived teachers.
fn from_data_folder(global: &GlobalOptions) -> anyhow::Result<Vec<Reflection>> {
    let store = super::privacy::open_store(global, Access::ReadOnly)?;
    let snapshot = load(&store);
    let archived: Vec<&str> = snapshot
        .teachers
        .iter()
        .filter(|t| t.archived)
        .map(|t| t.id.as_str())
        .collect();
    Ok(snapshot
        .reflections
        .into_iter()
        .map(|s| s.reflection)
        .filter(|r| !archived.contains(&r.teacher_id.as_str()))
        .collect())
}

/// The reflections in exported files, each checked fully; one bad file stops everything.
fn from_files(files: &[PathBuf], guide_id: &str) -> anyhow::Result<Vec<Reflection>> {
    let mut reflections = Vec::with_capacity(files.len());
    let mut elsewhere = 0;
    for file in files {
        let label = file.display();
        let bytes = std::fs::read(file)
            .with_context(|| format!("{label}: could not read the file; nothing was written"))?;
        let export = parse_exported(&bytes).map_err(|error| {
            anyhow::anyhow!(
                "{label}: {error}. Nothing was written; leave this file out or ask for it to be exported again"
            )
        })?;
        if export.reflection.guide_id == guide_id {
            reflections.push(export.reflection);
        } else {
            elsewhere += 1;
        }
    }
    if elsewhere > 0 {
        errln!(
            "note: {elsewhere} file(s) answer another guide than \"{guide_id}\" and are left out (choose one with --guide)"
        );
    }
    Ok(reflections)
}

/// `teachers rename|archive|unarchive`.
pub fn edit_teacher(
    global: &GlobalOptions,
    command: TeacherEditCommand,
) -> anyhow::Result<ExitCode> {
    let store = open_for_writing(global)?;
    let mut teachers = load(&store).teachers;
    let wanted = match &command {
        TeacherEditCommand::Rename { teacher, .. }
        | TeacherEditCommand::Archive { teacher }
        | TeacherEditCommand::Unarchive { teacher } => teacher,
    };
    let id = find_teacher(&teachers, wanted)
        .map(|t| t.id.clone())
        .with_context(|| {
            format!(
                "no single teacher with the id or name \"{wanted}\"; see `pl-reflect teachers list`. Nothing was changed"
            )
        })?;
    let now = Timestamp::now();
    match command {
        TeacherEditCommand::Rename { name, .. } => rename_teacher(&mut teachers, &id, &name, now)?,
        TeacherEditCommand::Archive { .. } => set_archived(&mut teachers, &id, true, now)?,
        TeacherEditCommand::Unarchive { .. } => set_archived(&mut teachers, &id, false, now)?,
    }
    store.save_teachers(&teachers)?;
    Ok(ExitCode::SUCCESS)
}
