//! An encrypted notebook from the command line: `encrypt` prints the recovery
//! key, every command that reads the notebook needs the passphrase (from a
//! file or standard input, never an argument), `check` works, a wrong
//! passphrase changes nothing, `change-passphrase` and `decrypt` work.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod cli_support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use cli_support::{ok, pl_reflect, stderr, stdout};

const SENTENCE: &str = "Students pick their station by the window";

fn with_stdin(data: &Path, args: &[&str], input: &str) -> Output {
    let elsewhere = data.join(".no-home");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pl-reflect"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env_remove("PL_REFLECT_DATA_DIR")
        .env("HOME", &elsewhere)
        .env("XDG_CONFIG_HOME", elsewhere.join("config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn files_hold(dir: &Path, text: &str) -> bool {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                let bytes = std::fs::read(entry.path()).unwrap();
                if bytes.windows(text.len()).any(|w| w == text.as_bytes()) {
                    return true;
                }
            }
        }
    }
    false
}

#[test]
fn an_encrypted_notebook_works_headless_with_its_passphrase_and_only_with_it() {
    let temp = tempfile::tempdir().unwrap();
    let d = temp.path().join("data");
    let secrets = temp.path().join("secrets");
    std::fs::create_dir_all(&secrets).unwrap();
    let pass = secrets.join("pass.txt");
    std::fs::write(&pass, "the river bends twice\n").unwrap();
    let pass = pass.to_str().unwrap();

    ok(&d, &["teachers", "add", "Ms. Rivera"]);
    let id = ok(&d, &["new", "--guide", "where-to-begin", "--title", "Fall"]);
    ok(
        &d,
        &[
            "answer",
            &id,
            "station-rotation",
            "--level",
            "trying",
            "--note",
            SENTENCE,
        ],
    );
    assert!(files_hold(&d, SENTENCE));

    let encrypted = pl_reflect(&d, &["encrypt", "--new-passphrase-file", pass]);
    assert!(encrypted.status.success(), "{}", stderr(&encrypted));
    let recovery = stdout(&encrypted).trim().to_owned();
    assert_eq!(recovery.split('-').count(), 6, "{recovery}");
    assert!(stderr(&encrypted).contains("nothing in this notebook can be read again"));
    assert!(!files_hold(&d, SENTENCE), "no file holds the words plain");

    // Without the passphrase: exit 1, and why.
    let refused = pl_reflect(&d, &["show", &id]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("--passphrase-file"),
        "{}",
        stderr(&refused)
    );

    // With it, before or after the subcommand, or on standard input.
    assert!(ok(&d, &["show", &id, "--passphrase-file", pass]).contains(SENTENCE));
    assert!(ok(&d, &["--passphrase-file", pass, "reflections", "list"]).contains("Fall"));
    let piped = with_stdin(
        &d,
        &["show", &id, "--passphrase-file", "-"],
        "the river bends twice\n",
    );
    assert!(stdout(&piped).contains(SENTENCE), "{}", stderr(&piped));
    assert!(ok(&d, &["check", "--passphrase-file", pass]).starts_with("ok"));

    // A wrong one says so.
    let wrong = with_stdin(
        &d,
        &["show", &id, "--passphrase-file", "-"],
        "the river bends once\n",
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("does not open"),
        "{}",
        stderr(&wrong)
    );

    // The recovery key opens it; the passphrase can be changed with it.
    let by_recovery = with_stdin(
        &d,
        &[
            "change-passphrase",
            "--passphrase-file",
            "-",
            "--new-passphrase-file",
            pass,
        ],
        &format!("{recovery}\n"),
    );
    assert!(by_recovery.status.success(), "{}", stderr(&by_recovery));

    // An edit while encrypted stays encrypted.
    ok(
        &d,
        &[
            "answer",
            &id,
            "station-rotation",
            "--note",
            "A second sentence, private",
            "--passphrase-file",
            pass,
        ],
    );
    assert!(!files_hold(&d, "A second sentence"));

    let decrypted = pl_reflect(&d, &["decrypt", "--passphrase-file", pass]);
    assert!(decrypted.status.success(), "{}", stderr(&decrypted));
    assert!(!d.join("vault.json").exists());
    assert!(ok(&d, &["show", &id]).contains("A second sentence"));
}

#[test]
fn a_weak_passphrase_is_refused_and_nothing_is_encrypted() {
    let temp = tempfile::tempdir().unwrap();
    let d = temp.path().join("data");
    ok(&d, &["teachers", "add", "Ms. Rivera"]);
    let weak = with_stdin(&d, &["encrypt", "--new-passphrase-file", "-"], "short\n");
    assert_eq!(weak.status.code(), Some(1));
    assert!(stderr(&weak).contains("Too weak"), "{}", stderr(&weak));
    assert!(!d.join("vault.json").exists());
    let no_source = pl_reflect(&d, &["encrypt"]);
    assert_eq!(no_source.status.code(), Some(1));
    assert!(!d.join("vault.json").exists());
}
