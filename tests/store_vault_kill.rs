//! Turning encryption on and off, killed (SIGKILL) at moments spread over
//! the whole conversion: every time, the next open with the passphrase
//! finishes the job, every reflection is there as it was, and once
//! encrypted no sentence of the notebook is readable in any file.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]
#![cfg(unix)]

#[path = "store_support.rs"]
mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pl_reflect::store::{Access, Store};
use secrecy::SecretString;
use support::{all_files, open, reflection, teacher};

const PASSPHRASE: &str = "our garden grows in spring";
/// In every reflection's answers (see `support::reflection`).
const SENTENCE: &str = "students choose";
const REFLECTIONS: usize = 250;

fn notebook(dir: &Path) -> Vec<String> {
    let store = open(dir);
    store
        .save_teachers(&[teacher("t-1", "Ms. Okafor")])
        .unwrap();
    let mut contents = Vec::new();
    for n in 0..REFLECTIONS {
        let r = reflection(&format!("r-{n}"), "t-1", 6);
        store.save_reflection(&r).unwrap();
        contents.push(format!("{:?}", r.answers));
    }
    contents.sort();
    contents
}

/// Runs `pl-reflect ARGS` on `dir` with the passphrase on standard input,
/// killed after `after` (or left to finish when None). Returns how long it ran.
fn run(dir: &Path, args: &[&str], after: Option<Duration>) -> Duration {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pl-reflect"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    // The passphrase, for the files that read it from standard input.
    let _ = child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSPHRASE}\n").as_bytes());
    match after {
        Some(after) => {
            while started.elapsed() < after {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
        }
        None => assert!(child.wait().unwrap().success(), "{args:?} failed"),
    }
    started.elapsed()
}

/// The next start: opens the notebook for writing, unlocks it if it is
/// encrypted, finishes an interrupted conversion, and reads everything.
/// Also says whether there was an interrupted conversion to finish.
fn reopen(dir: &Path) -> (Store, Vec<String>, bool) {
    let store = Store::open(
        dir,
        Access::Write {
            wait: Duration::from_secs(5),
        },
    )
    .unwrap();
    let mut finished = false;
    if store.is_encrypted() {
        store
            .unlock(&SecretString::from(PASSPHRASE.to_owned()))
            .unwrap();
        finished = store.finish_conversion().unwrap().is_some();
    }
    let snapshot = store.load();
    assert!(
        snapshot.problems.is_empty(),
        "problems after the next open: {:?}",
        snapshot.problems
    );
    let mut contents: Vec<String> = snapshot
        .reflections
        .iter()
        .map(|s| format!("{:?}", s.reflection.answers))
        .collect();
    contents.sort();
    (store, contents, finished)
}

fn sentence_in_files(dir: &Path) -> Vec<String> {
    all_files(dir)
        .into_iter()
        .filter(|(_, bytes)| {
            bytes
                .windows(SENTENCE.len())
                .any(|w| w == SENTENCE.as_bytes())
        })
        .map(|(path, _)| path.display().to_string())
        .collect()
}

/// Kill times spread over a run that takes `whole`: before it starts
/// converting, during, and just at the end.
fn moments(whole: Duration) -> Vec<Duration> {
    [0.05, 0.4, 0.6, 0.7, 0.8, 0.88, 0.94, 0.98]
        .iter()
        .map(|share| whole.mul_f64(*share))
        .collect()
}

#[test]
fn encrypting_killed_at_any_moment_is_finished_by_the_next_open() {
    // How long a whole run takes here, to spread the kills over it.
    let timing = tempfile::tempdir().unwrap();
    notebook(timing.path());
    let whole = run(
        timing.path(),
        &["encrypt", "--new-passphrase-file", "-"],
        None,
    );
    let mut interrupted = 0;
    for (round, after) in moments(whole).into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let before = notebook(dir.path());
        run(
            dir.path(),
            &["encrypt", "--new-passphrase-file", "-"],
            Some(after),
        );
        let (store, after_reopen, finished) = reopen(dir.path());
        interrupted += usize::from(finished);
        assert_eq!(
            after_reopen, before,
            "round {round} ({after:?}): a reflection changed"
        );
        if store.is_encrypted() {
            assert_eq!(
                sentence_in_files(dir.path()),
                Vec::<String>::new(),
                "round {round} ({after:?}): plain words left once encrypted"
            );
        }
    }
    // Some kill must have landed in the middle of the files, or the test
    // tried nothing.
    assert!(interrupted > 0, "no kill landed during the conversion");
}

#[test]
fn decrypting_killed_at_any_moment_is_finished_by_the_next_open() {
    let timing = tempfile::tempdir().unwrap();
    notebook(timing.path());
    run(
        timing.path(),
        &["encrypt", "--new-passphrase-file", "-"],
        None,
    );
    let whole = run(timing.path(), &["decrypt", "--passphrase-file", "-"], None);
    let mut interrupted = 0;
    for (round, after) in moments(whole).into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let before = notebook(dir.path());
        run(dir.path(), &["encrypt", "--new-passphrase-file", "-"], None);
        run(
            dir.path(),
            &["decrypt", "--passphrase-file", "-"],
            Some(after),
        );
        let (store, after_reopen, finished) = reopen(dir.path());
        interrupted += usize::from(finished);
        assert_eq!(
            after_reopen, before,
            "round {round} ({after:?}): a reflection changed"
        );
        drop(store);
    }
    assert!(interrupted > 0, "no kill landed during the conversion");
}
