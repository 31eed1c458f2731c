//! Wires the parts together: no command opens the window, a subcommand runs headless.

use std::process::ExitCode;

use clap::FromArgMatches;
use pl_reflect::cli::{Cli, command_line, run};
use pl_reflect::paths::resolve_data_dir;

fn main() -> ExitCode {
    let data_folder = resolve_data_dir(None)
        .map_or_else(|| "unknown (give --data-dir)".to_owned(), |p| p.display().to_string());
    let note = format!("Data folder: {data_folder}\n(change it with --data-dir DIR or PL_REFLECT_DATA_DIR)");
    let matches = command_line(&note).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    match cli.command {
        Some(command) => run(&cli.global, command),
        None => {
            eprintln!("The window is not built yet.");
            ExitCode::from(1)
        }
    }
}
