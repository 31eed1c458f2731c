//! The man pages and shell completions, made from the same clap definitions
//! the program parses with, by a hidden subcommand that packaging runs on the
//! binary it ships: `pl-reflect generate-docs DIR` writes
//!
//! ```text
//! DIR/man/pl-reflect.1, DIR/man/pl-reflect-<subcommand>.1, ...
//! DIR/completions/pl-reflect.bash, _pl-reflect (zsh), pl-reflect.fish
//! ```
//!
//! The subcommand is added to the parser apart from [`super::Cli`], so it
//! appears in none of the pages or completions it writes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Arg, ArgMatches, CommandFactory, value_parser};
use clap_complete::Shell;

/// The hidden subcommand's name.
pub const GENERATE_DOCS: &str = "generate-docs";

/// What the pages say about the data folder, for every user rather than the
/// one who built the package (the parser's own note names the folder in use).
const DATA_FOLDER_NOTE: &str = "The notebook is kept in ~/.local/share/plreflect \
(or $XDG_DATA_HOME/plreflect); user guides are read from ~/.config/plreflect/guides. \
--data-dir DIR or PL_REFLECT_DATA_DIR uses another data folder.";

/// The hidden subcommand, for [`super::command_line`].
pub fn subcommand() -> clap::Command {
    clap::Command::new(GENERATE_DOCS)
        .hide(true)
        .about("Write the man pages and shell completions into a folder (for packaging).")
        .arg(
            Arg::new("dir")
                .value_name("DIR")
                .required(true)
                .value_parser(value_parser!(PathBuf)),
        )
}

/// Runs the hidden subcommand.
pub fn run(matches: &ArgMatches) -> ExitCode {
    let Some(dir) = matches.get_one::<PathBuf>("dir") else {
        eprintln!("error: {GENERATE_DOCS} needs a folder");
        return ExitCode::from(2);
    };
    match generate(dir) {
        Ok(written) => {
            for path in written {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(1)
        }
    }
}

/// The command line as the pages describe it.
fn documented_command() -> clap::Command {
    super::Cli::command().after_help(DATA_FOLDER_NOTE)
}

/// Writes the man pages into `dir/man` and the completions into
/// `dir/completions`; returns the files written.
pub fn generate(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let man_dir = dir.join("man");
    let completions_dir = dir.join("completions");
    for folder in [&man_dir, &completions_dir] {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("could not make the folder {}", folder.display()))?;
    }
    let mut command = documented_command().disable_help_subcommand(true);
    command.build();
    write_man_pages(command, &man_dir)
        .with_context(|| format!("could not write the man pages into {}", man_dir.display()))?;
    let mut written = files_in(&man_dir)?;
    let mut command = documented_command();
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        let path = clap_complete::generate_to(shell, &mut command, "pl-reflect", &completions_dir)
            .with_context(|| {
                format!(
                    "could not write the {shell} completions into {}",
                    completions_dir.display()
                )
            })?;
        written.push(path);
    }
    Ok(written)
}

/// One page for the command and one for each subcommand, as
/// `clap_mangen::generate_to` writes them, each footed with the version.
fn write_man_pages(command: clap::Command, dir: &Path) -> std::io::Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_man_pages(sub.clone(), dir)?;
    }
    // .TH wants a date before the source; an empty one would shift them.
    let date = match env!("PL_REFLECT_COMMIT_DATE") {
        "" => "undated",
        date => date,
    };
    clap_mangen::Man::new(command)
        .date(date)
        .source(format!("PL Reflect {}", env!("CARGO_PKG_VERSION")))
        .manual("PL Reflect Manual")
        .generate_to(dir)?;
    Ok(())
}

fn files_in(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in
        std::fs::read_dir(dir).with_context(|| format!("could not read {}", dir.display()))?
    {
        files.push(entry?.path());
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_man_pages_and_completions_without_the_hidden_subcommand() {
        let dir = tempfile::tempdir().unwrap();
        let written = generate(dir.path()).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        for expected in [
            "pl-reflect.1",
            "pl-reflect-export.1",
            "pl-reflect-guides-validate.1",
            "pl-reflect.bash",
            "_pl-reflect",
            "pl-reflect.fish",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} in {names:?}"
            );
        }
        let page = std::fs::read_to_string(dir.path().join("man/pl-reflect.1")).unwrap();
        assert!(page.contains(".TH pl-reflect 1"), "{page}");
        let export = std::fs::read_to_string(dir.path().join("man/pl-reflect-export.1")).unwrap();
        assert!(
            export.contains(&format!("PL Reflect {}", env!("CARGO_PKG_VERSION"))),
            "{export}"
        );
        assert!(page.contains("teachers"), "{page}");
        assert!(page.contains("plreflect"), "the data folder is named");
        for written in &written {
            let text = std::fs::read_to_string(written).unwrap();
            assert!(
                !text.contains(GENERATE_DOCS),
                "{} names it",
                written.display()
            );
        }
        let bash = std::fs::read_to_string(dir.path().join("completions/pl-reflect.bash")).unwrap();
        assert!(bash.contains("aggregate"), "subcommands are completed");
    }

    #[test]
    fn the_parser_accepts_the_hidden_subcommand_and_help_does_not_list_it() {
        let mut command = super::super::command_line("note");
        let matches = command
            .clone()
            .try_get_matches_from(["pl-reflect", GENERATE_DOCS, "/tmp/x"])
            .unwrap();
        assert!(matches.subcommand_matches(GENERATE_DOCS).is_some());
        assert!(!command.render_help().to_string().contains(GENERATE_DOCS));
    }
}
