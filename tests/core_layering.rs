//! The core (guides, reflections, coaching sessions, the store, the summary, exports, coach mode
//! and the command line) never reaches for the window: no egui, eframe, winit
//! or rfd, and nothing from `crate::app`.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::path::{Path, PathBuf};

const CORE: &[&str] = &[
    "src/guide",
    "src/reflection",
    "src/session",
    "src/store",
    "src/summary",
    "src/export",
    "src/coach",
    "src/cli",
    "src/plain_text.rs",
    "src/strict_json.rs",
    "src/text_position.rs",
    "src/clock.rs",
];

const UI: &[&str] = &[
    "egui",
    "eframe",
    "winit",
    "rfd::",
    "crate::app",
    "pl_reflect::app",
];

fn rust_files(path: &Path, found: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("list") {
            rust_files(&entry.expect("entry").path(), found);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        found.push(path.to_path_buf());
    }
}

#[test]
fn no_core_module_uses_the_window() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for part in CORE {
        rust_files(&root.join(part), &mut files);
    }
    assert!(files.len() > 40, "only {} files found", files.len());
    let mut offences = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if let Some(name) = UI.iter().find(|name| code.contains(*name)) {
                offences.push(format!("{}:{}: {name}", file.display(), number + 1));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "the core uses the window:\n{}",
        offences.join("\n")
    );
}

#[test]
fn no_core_module_uses_the_command_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    // Everything in the core but the command line itself.
    for part in CORE.iter().filter(|part| **part != "src/cli") {
        rust_files(&root.join(part), &mut files);
    }
    assert!(files.len() > 40, "only {} files found", files.len());
    let mut offences = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if code.contains("crate::cli") || code.contains("super::cli") {
                offences.push(format!("{}:{}", file.display(), number + 1));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "the core uses the command line:\n{}",
        offences.join("\n")
    );
}
