//! Headless subcommands over the same core the window uses.
//!
//! Exit codes: 0 success, 1 a data or validation error (explained on stderr),
//! 2 a usage error (clap's own exit code for bad arguments).

mod calendar;
mod coach;
mod docs;
mod export;
mod guides;
mod history;
mod notebook;
mod output;
mod privacy;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use output::errln;

/// Where to look for guides and data, shared by every subcommand.
#[derive(Debug, Clone, Args, Default)]
pub struct GlobalOptions {
    /// Data folder to use instead of the usual one (also `PL_REFLECT_DATA_DIR`).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Extra folder of guide files to read; may be given more than once.
    #[arg(long = "guides", global = true, value_name = "DIR")]
    pub guide_dirs: Vec<PathBuf>,
    /// For an encrypted notebook: read its passphrase (or recovery key) from
    /// this file, `-` for standard input. Without it, it is asked for on the terminal.
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Parser)]
#[command(
    name = "pl-reflect",
    override_usage = "pl-reflect [OPTIONS] [FILE]\n       pl-reflect [OPTIONS] <COMMAND>",
    // The version and the commit it was built from (build.rs).
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("PL_REFLECT_COMMIT"), ")"),
    about = "A private notebook for reflecting on personalized learning.",
    long_about = "A private notebook for reflecting on personalized learning.\n\nRun with no command to open the window. Everything stays on this computer."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOptions,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A reflection shared as a file (.plreflect or .json) to import: opens
    /// the window and starts the import.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, check and read reflection guides.
    #[command(subcommand)]
    Guides(guides::GuidesCommand),
    /// Add and list teachers.
    #[command(subcommand)]
    Teachers(notebook::TeachersCommand),
    /// Start a new reflection and print its id.
    New(notebook::NewArgs),
    /// Set one answer of a reflection.
    Answer(notebook::AnswerArgs),
    /// List reflections.
    #[command(subcommand)]
    Reflections(notebook::ReflectionsCommand),
    /// Print a reflection as readable text.
    Show { reflection_id: String },
    /// Report every problem in the data folder; changes nothing.
    Check,
    /// Export a reflection's readiness summary as md, html, pdf, csv or json.
    Export(export::ExportArgs),
    /// Import a reflection a teacher exported as JSON; prints its id.
    Import(coach::ImportArgs),
    /// The school-wide picture of a guide: how many teachers use each practice, with no names.
    Aggregate(coach::AggregateArgs),
    /// Next steps with a revisit date as an iCalendar (.ics) file for a calendar app.
    Calendar(calendar::CalendarArgs),
    /// Encrypt the notebook under a passphrase; prints its recovery key.
    Encrypt(privacy::NewPassphraseArgs),
    /// Decrypt an encrypted notebook: its files are plain again.
    Decrypt,
    /// Change an encrypted notebook's passphrase (the recovery key stays).
    ChangePassphrase(privacy::NewPassphraseArgs),
    /// Make a new recovery key for an encrypted notebook; the old one stops working.
    NewRecoveryKey,
    /// Every kept version of a reflection or session, with what changed.
    History(history::HistoryArgs),
    /// Bring back one answer, or a whole earlier version, as a new version.
    Restore(history::RestoreArgs),
    /// Deleted reflections and sessions: list, restore, remove for good.
    #[command(subcommand)]
    Trash(history::TrashCommand),
}

/// Builds the argument parser, with the data folder in use shown in `--help`.
pub fn command_line(data_folder_note: &str) -> clap::Command {
    use clap::CommandFactory;
    Cli::command()
        .after_help(data_folder_note.to_owned())
        .subcommand(docs::subcommand())
}

pub use docs::{GENERATE_DOCS, run as generate_docs};
pub use guides::guide_folders;
pub use notebook::data_dir;

/// Runs one subcommand and returns the process exit code.
pub fn run(global: &GlobalOptions, command: Command) -> ExitCode {
    let result = match command {
        Command::Guides(command) => guides::run(global, command),
        Command::Teachers(command) => notebook::teachers(global, command),
        Command::New(args) => notebook::new(global, args),
        Command::Answer(args) => notebook::answer(global, args),
        Command::Reflections(command) => notebook::reflections(global, command),
        Command::Show { reflection_id } => notebook::show(global, &reflection_id),
        Command::Check => notebook::check(global),
        Command::Export(args) => export::export(global, args),
        Command::Import(args) => coach::import(global, args),
        Command::Aggregate(args) => coach::aggregate(global, args),
        Command::Calendar(args) => calendar::calendar(global, args),
        Command::Encrypt(args) => privacy::encrypt(global, &args),
        Command::Decrypt => privacy::decrypt(global),
        Command::ChangePassphrase(args) => privacy::change_passphrase(global, &args),
        Command::NewRecoveryKey => privacy::new_recovery_key(global),
        Command::History(args) => history::history(global, args),
        Command::Restore(args) => history::restore(global, args),
        Command::Trash(command) => history::trash(global, command),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            errln!("error: {error:#}");
            ExitCode::from(1)
        }
    }
}
