//! `pl-reflect import` of an export protected with a passphrase: the right
//! passphrase (from --export-passphrase-file) imports it; a wrong one, or
//! none, says so and imports nothing.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod cli_support;

use std::path::{Path, PathBuf};

use cli_support::{pl_reflect, stderr, stdout};
use pl_reflect::export::protected::{Work, protect};
use secrecy::SecretString;

const PASSPHRASE: &str = "kettle on the stove";

/// The coach fixture `ana-spring.json`, protected with [`PASSPHRASE`].
fn protected_export(dir: &Path) -> PathBuf {
    let plain = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coach/ana-spring.json"),
    )
    .unwrap();
    let sealed = protect(
        &plain,
        &SecretString::from(PASSPHRASE.to_owned()),
        Work::FAST_FOR_TESTS,
    )
    .unwrap();
    let path = dir.join("ana-spring.plreflect");
    std::fs::write(&path, sealed).unwrap();
    path
}

fn reflections_in(data: &Path) -> usize {
    std::fs::read_dir(data.join("reflections")).map_or(0, |d| d.flatten().count())
}

#[test]
fn a_protected_export_imports_with_its_passphrase_and_not_without() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = protected_export(dir.path());
    let file = file.to_str().unwrap();

    let none = pl_reflect(&data, &["import", file]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).contains("protected with a passphrase"),
        "{}",
        stderr(&none)
    );
    assert_eq!(reflections_in(&data), 0, "nothing was imported");

    let wrong = dir.path().join("wrong.txt");
    std::fs::write(&wrong, "kettle on the hob\n").unwrap();
    let output = pl_reflect(
        &data,
        &[
            "import",
            file,
            "--export-passphrase-file",
            wrong.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("that passphrase does not open this file"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("Nothing was imported"));
    assert_eq!(reflections_in(&data), 0, "nothing was imported");

    let right = dir.path().join("right.txt");
    std::fs::write(&right, format!("{PASSPHRASE}\n")).unwrap();
    let output = pl_reflect(
        &data,
        &[
            "import",
            file,
            "--export-passphrase-file",
            right.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let id = stdout(&output).trim().to_owned();
    let saved: serde_json::Value = serde_json::from_slice(
        &std::fs::read(data.join("reflections").join(format!("{id}.json"))).unwrap(),
    )
    .unwrap();
    let fixture: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coach/ana-spring.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(saved["answers"], fixture["reflection"]["answers"]);
    assert_eq!(reflections_in(&data), 1);
}
