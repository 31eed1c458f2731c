//! Wires the parts together: no command opens the window, a subcommand runs headless.

use std::process::ExitCode;
use std::time::Duration;

use clap::FromArgMatches;
use pl_reflect::app::{AppConfig, run as run_window};
use pl_reflect::cli::{
    Cli, GENERATE_DOCS, command_line, data_dir, generate_docs, guide_folders, run,
};

fn main() -> ExitCode {
    pl_reflect::app::metrics::mark_process_start();
    let data_folder = pl_reflect::store::resolve_data_dir(None).map_or_else(
        |_| "unknown (give --data-dir)".to_owned(),
        |p| p.display().to_string(),
    );
    let note = format!(
        "Data folder: {data_folder}\n(change it with --data-dir DIR or PL_REFLECT_DATA_DIR)"
    );
    let matches = command_line(&note).get_matches();
    if let Some(docs) = matches.subcommand_matches(GENERATE_DOCS) {
        return generate_docs(docs);
    }
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    if let Some(command) = cli.command {
        return run(&cli.global, command);
    }
    let config = match data_dir(&cli.global) {
        Ok(data_dir) => AppConfig {
            data_dir,
            guide_dirs: guide_folders(&cli.global),
            lock_wait: Duration::from_millis(500),
            export_folder: None,
            import_file: None,
            recovery_dir: None,
            system_dialogs: true,
            open_file: cli.file.clone(),
            data_folder_pointer: None,
        },
        Err(error) => {
            eprintln!("error: {error:#}");
            return ExitCode::from(1);
        }
    };
    match run_window(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(1)
        }
    }
}
