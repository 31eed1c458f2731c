//! One writer per data folder, within a process and across processes.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "store_support.rs"]
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pl_reflect::store::{Access, BUSY_REASON, Store, StoreError};
use support::{open, reflection, teacher};

const CHILD_ENV: &str = "PL_REFLECT_LOCK_CHILD";

fn write_access(wait_ms: u64) -> Access {
    Access::Write {
        wait: Duration::from_millis(wait_ms),
    }
}

#[test]
fn a_second_store_in_the_same_process_is_read_only() {
    // std's File::lock is flock on Linux: it belongs to the open file, so a
    // second open in the same process conflicts just as another process would.
    let temp = tempfile::tempdir().unwrap();
    let first = open(temp.path());
    first.save_reflection(&reflection("r-a", "t-1", 2)).unwrap();

    let started = Instant::now();
    let second = Store::open(temp.path(), write_access(150)).unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "it waited before giving up"
    );
    assert_eq!(second.read_only_reason(), Some(BUSY_REASON));
    assert_eq!(
        BUSY_REASON,
        "another PL Reflect window or command is using this data folder; opened read-only"
    );
    // It can still show everything.
    assert_eq!(second.load().reflections.len(), 1);
    // And it refuses every write, clearly.
    let r = reflection("r-b", "t-1", 1);
    let results = [
        second.save_reflection(&r),
        second.save_teachers(&[teacher("t-1", "A")]),
        second.delete_reflection("r-a"),
        second.restore_reflection("r-a"),
        second
            .set_aside(&temp.path().join("reflections/r-a.json"))
            .map(|_| ()),
    ];
    for result in results {
        let error = result.unwrap_err();
        assert!(matches!(error, StoreError::ReadOnly { .. }), "{error}");
        assert!(
            error
                .to_string()
                .contains("Close the other PL Reflect window"),
            "{error}"
        );
    }
    assert!(!temp.path().join("reflections/r-b.json").exists());

    // Once the first lets go, a new store may write.
    drop(first);
    let third = open(temp.path());
    third.save_reflection(&r).unwrap();
}

#[test]
fn a_waiting_store_gets_the_lock_when_it_is_released() {
    let temp = tempfile::tempdir().unwrap();
    let first = open(temp.path());
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        drop(first);
    });
    let started = Instant::now();
    let second = Store::open(temp.path(), write_access(10_000)).unwrap();
    assert_eq!(second.read_only_reason(), None);
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert!(started.elapsed() < Duration::from_secs(5));
    releaser.join().unwrap();
}

#[test]
fn another_process_holding_the_folder_makes_this_one_read_only() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        hold_lock_until_stdin_closes(PathBuf::from(dir));
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "another_process_holding_the_folder_makes_this_one_read_only",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, temp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("LOCKED") {
        line.clear();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "the child ended before taking the lock"
        );
    }

    let blocked = Store::open(temp.path(), write_access(100)).unwrap();
    assert_eq!(blocked.read_only_reason(), Some(BUSY_REASON));
    assert!(matches!(
        blocked.save_reflection(&reflection("r-mine", "t-1", 1)),
        Err(StoreError::ReadOnly { .. })
    ));
    drop(blocked);

    // The child lets go when its stdin closes; a store that waits then gets the lock.
    drop(child.stdin.take());
    let waiting = Store::open(temp.path(), write_access(10_000)).unwrap();
    assert_eq!(waiting.read_only_reason(), None);
    waiting
        .save_reflection(&reflection("r-mine", "t-1", 1))
        .unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(
        waiting.load().reflections.len(),
        2,
        "the child's save and ours"
    );
}

/// The child side: write something, report, and hold the lock until told to stop.
fn hold_lock_until_stdin_closes(dir: PathBuf) {
    let store = open(&dir);
    store
        .save_reflection(&reflection("r-child", "t-1", 1))
        .unwrap();
    println!("LOCKED");
    std::io::stdout().flush().unwrap();
    let mut sink = Vec::new();
    std::io::stdin().read_to_end(&mut sink).unwrap();
    drop(store);
}
