//! Running the real `pl-reflect` binary on a data folder, for the CLI tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `pl-reflect ARGS --data-dir DATA`, away from the user's own folders.
pub fn pl_reflect(data: &Path, args: &[&str]) -> Output {
    // Guides are looked up in the config folder; point it at one that never exists.
    let elsewhere = data.join(".no-home");
    Command::new(env!("CARGO_BIN_EXE_pl-reflect"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env_remove("PL_REFLECT_DATA_DIR")
        .env("HOME", &elsewhere)
        .env("XDG_CONFIG_HOME", elsewhere.join("config"))
        .output()
        .expect("run pl-reflect")
}

/// Runs a command that must succeed and returns its standard output, trimmed.
pub fn ok(data: &Path, args: &[&str]) -> String {
    let output = pl_reflect(data, args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        stderr(&output)
    );
    stdout(&output).trim().to_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
