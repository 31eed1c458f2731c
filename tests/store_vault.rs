//! An encrypted notebook: every file kind round trips, no sentence of the
//! notebook stays readable in any file of the data folder, a wrong
//! passphrase changes nothing, the recovery key and a new passphrase work,
//! a damaged encrypted file is reported and kept, and turning encryption on
//! or off can fail at any step of any file and still leave every file
//! readable, the next open finishing the job.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]
#![cfg(unix)]

#[path = "store_support.rs"]
mod support;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pl_reflect::clock::Timestamp;
use pl_reflect::coach::CoachSession;
use pl_reflect::store::vault::{VaultError, VaultFile, VaultState, Work, is_encrypted};
use pl_reflect::store::{Access, Disk, FaultPlan, ProblemKind, Snapshot, Step, Store, StoreError};
use secrecy::SecretString;
use support::{all_files, open, reflection, teacher};

const PASSPHRASE: &str = "our garden grows in spring";
/// Words that are in the notebook's files and must be in none once encrypted.
const SENTENCES: [&str; 4] = [
    "students choose",
    "Ms. Okafor",
    "Try exit tickets",
    "Evidence 1",
];

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

fn session() -> CoachSession {
    let mut session = CoachSession::new(
        "t-1",
        "2026-03-02",
        Timestamp("2026-03-01T10:00:00Z".into()),
    )
    .unwrap();
    session.id = "s-1".to_owned();
    session.title = Some("Evidence 1 of the spring visit".to_owned());
    session
}

/// A notebook with a file of every kind: teachers, reflections saved twice
/// (so with a `.bak`), one in the trash, a session, one in the trash, the
/// preferences, and a set-aside damaged file.
fn notebook(dir: &Path) {
    let store = open(dir);
    store
        .save_teachers(&[teacher("t-1", "Ms. Okafor")])
        .unwrap();
    for id in ["r-1", "r-2", "r-3"] {
        let mut r = reflection(id, "t-1", 6);
        store.save_reflection(&r).unwrap();
        r.title = format!("Again {id}");
        store.save_reflection(&r).unwrap();
    }
    store.delete_reflection("r-3").unwrap();
    store.save_session(&session()).unwrap();
    let mut gone = session();
    gone.id = "s-2".to_owned();
    store.save_session(&gone).unwrap();
    store.delete_session("s-2").unwrap();
    store
        .save_settings(&serde_json::json!({"theme": "dark"}))
        .unwrap();
    std::fs::write(
        dir.join("reflections/r-9.json.corrupt-20260101T000000Z"),
        "{\"answers\": \"students choose, cut off",
    )
    .unwrap();
}

/// What a teacher sees of the notebook, to compare before and after.
fn contents(snapshot: &Snapshot) -> String {
    format!(
        "{:?}\n{:?}\n{:?}",
        snapshot.teachers,
        snapshot
            .reflections
            .iter()
            .map(|r| &r.reflection)
            .collect::<Vec<_>>(),
        snapshot
            .sessions
            .iter()
            .map(|s| &s.session)
            .collect::<Vec<_>>()
    )
}

fn unlocked(dir: &Path, access: Access) -> Store {
    let store = Store::open(dir, access).unwrap();
    store.unlock(&secret(PASSPHRASE)).unwrap();
    store
}

fn write() -> Access {
    Access::Write {
        wait: Duration::ZERO,
    }
}

/// The files that hold a sentence of the notebook, named with the sentence.
fn readable_sentences(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut found = Vec::new();
    for (path, bytes) in all_files(dir) {
        for sentence in SENTENCES {
            if bytes
                .windows(sentence.len())
                .any(|w| w == sentence.as_bytes())
            {
                found.push((path.clone(), sentence));
            }
        }
    }
    found
}

#[test]
fn every_file_kind_round_trips_and_no_sentence_stays_readable_in_the_folder() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    notebook(dir);
    let before = contents(&open(dir).load());
    assert!(
        !readable_sentences(dir).is_empty(),
        "the test must find them plain first"
    );

    let store = open(dir);
    let recovery = store
        .encrypt_notebook(&secret(PASSPHRASE), Work::FAST_FOR_TESTS)
        .unwrap();
    assert!(!recovery.expose().is_empty());
    // Saves go on encrypted, and keep an encrypted .bak.
    let mut r = store.load_reflection("r-1").unwrap().reflection;
    r.title = "Third students choose".to_owned();
    store.save_reflection(&r).unwrap();
    drop(store);
    assert_eq!(readable_sentences(dir), Vec::new());
    for (path, bytes) in all_files(dir) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("vault.json") && !name.starts_with("settings.json") {
            assert!(is_encrypted(&bytes), "{} is not encrypted", path.display());
        }
    }
    // The preferences stay plain, as the README says.
    let settings = std::fs::read_to_string(dir.join("settings.json")).unwrap();
    assert!(settings.contains("dark"));

    let store = unlocked(dir, write());
    let snapshot = store.load();
    let mut expected = before.clone();
    expected = expected.replacen(
        "title: \"Again r-1\"",
        "title: \"Third students choose\"",
        1,
    );
    assert_eq!(contents(&snapshot), expected);
    assert_eq!(snapshot.problems, Vec::new());
    assert_eq!(store.list_trash().0.len(), 1);
    assert_eq!(store.list_trashed_sessions().0.len(), 1);

    let done = store.decrypt_notebook().unwrap();
    assert!(done.converted >= 10, "{done:?}");
    assert!(!store.is_encrypted());
    drop(store);
    assert!(!dir.join("vault.json").exists() && !dir.join("vault.json.bak").exists());
    for (path, bytes) in all_files(dir) {
        assert!(
            !is_encrypted(&bytes),
            "{} is still encrypted",
            path.display()
        );
    }
    let snapshot = open(dir).load();
    assert_eq!(contents(&snapshot), expected);
    assert_eq!(snapshot.problems, Vec::new());
}

#[test]
fn a_locked_notebook_reads_nothing_and_saves_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    notebook(dir);
    open(dir)
        .encrypt_notebook(&secret(PASSPHRASE), Work::FAST_FOR_TESTS)
        .unwrap();
    let files = all_files(dir);
    let store = open(dir);
    assert!(store.is_locked());
    let snapshot = store.load();
    assert!(snapshot.reflections.is_empty());
    assert!(
        snapshot
            .problems
            .iter()
            .any(|p| p.message.contains("locked")),
        "{:?}",
        snapshot.problems
    );
    assert!(store.save_reflection(&reflection("r-1", "t-1", 2)).is_err());
    assert!(store.save_teachers(&[teacher("t-1", "plain")]).is_err());
    assert_eq!(all_files(dir), files, "nothing was written");
    store.unlock(&secret(PASSPHRASE)).unwrap();
    assert_eq!(store.load().reflections.len(), 2);
    store.lock_notebook();
    assert!(store.is_locked());
    assert!(store.load().reflections.is_empty());
}

#[test]
fn a_wrong_passphrase_changes_nothing_and_the_recovery_key_and_a_new_passphrase_open() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    notebook(dir);
    let recovery = open(dir)
        .encrypt_notebook(&secret(PASSPHRASE), Work::FAST_FOR_TESTS)
        .unwrap();
    let files = all_files(dir);
    let store = open(dir);
    assert!(matches!(
        store.unlock(&secret("our garden grows in summer")),
        Err(StoreError::Vault(VaultError::WrongPassphrase))
    ));
    assert!(store.is_locked());
    assert_eq!(all_files(dir), files);

    store.unlock(&secret(recovery.expose())).unwrap();
    store
        .change_passphrase(&secret("a new term begins"), Work::FAST_FOR_TESTS)
        .unwrap();
    drop(store);
    let after = all_files(dir);
    let data_files_unchanged = files
        .iter()
        .filter(|(p, _)| !p.to_string_lossy().contains("vault.json"))
        .all(|(p, bytes)| after.get(p) == Some(bytes));
    assert!(
        data_files_unchanged,
        "changing the passphrase rewraps the key only"
    );

    let store = open(dir);
    assert!(
        store.unlock(&secret(PASSPHRASE)).is_err(),
        "the old passphrase no longer opens, not even from the .bak"
    );
    store.unlock(&secret("a new term begins")).unwrap();
    assert_eq!(store.load().reflections.len(), 2);
    let store = open_again(store, dir);
    store.unlock(&secret(recovery.expose())).unwrap();
    assert_eq!(store.load().reflections.len(), 2);
}

fn open_again(store: Store, dir: &Path) -> Store {
    drop(store);
    open(dir)
}

#[test]
fn a_damaged_encrypted_file_is_reported_and_kept_and_decrypting_stops_before_losing_it() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    notebook(dir);
    open(dir)
        .encrypt_notebook(&secret(PASSPHRASE), Work::FAST_FOR_TESTS)
        .unwrap();
    let path = dir.join("reflections/r-2.json");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.len() - 10;
    bytes[at] ^= 0x40;
    std::fs::write(&path, &bytes).unwrap();

    let store = unlocked(dir, write());
    let snapshot = store.load();
    assert_eq!(snapshot.reflections.len(), 1);
    let problem = snapshot
        .problems
        .iter()
        .find(|p| p.path == path)
        .expect("the damaged file is reported");
    assert_eq!(problem.kind, ProblemKind::Unreadable);
    assert!(problem.message.contains("damaged or changed"), "{problem}");
    // Never overwritten by a save of the same id.
    assert!(store.save_reflection(&reflection("r-2", "t-1", 1)).is_err());
    assert!(matches!(
        store.decrypt_notebook(),
        Err(StoreError::Vault(VaultError::DamagedFile { .. }))
    ));
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "kept as it was");
    assert!(
        store.is_encrypted(),
        "the key stays, or the other files could not be read"
    );
    assert_eq!(
        VaultFile::read(dir).unwrap().unwrap().state,
        VaultState::Decrypting
    );
}

/// Fails the `n`-th change step (counting every step), once.
#[derive(Debug, Default)]
struct FailNth {
    state: Mutex<(usize, Option<usize>)>,
}

impl FailNth {
    fn arm(n: usize) -> Arc<FailNth> {
        Arc::new(FailNth {
            state: Mutex::new((0, Some(n))),
        })
    }

    fn count(&self) -> usize {
        self.state.lock().unwrap().0
    }
}

impl FaultPlan for FailNth {
    fn before(&self, step: Step, _path: &Path) -> io::Result<()> {
        if step == Step::OpenLock {
            return Ok(());
        }
        let mut state = self.state.lock().unwrap();
        state.0 += 1;
        if state.1 == Some(state.0) {
            state.1 = None;
            return Err(io::Error::from_raw_os_error(28));
        }
        Ok(())
    }
}

/// Every file of the folder reads (with the key where it is encrypted) and
/// the notebook is as it was.
fn assert_all_readable(dir: &Path, expected: &str, round: &str) {
    let store = Store::open(dir, Access::ReadOnly).unwrap();
    if store.is_encrypted() {
        store.unlock(&secret(PASSPHRASE)).unwrap();
    }
    let snapshot = store.load();
    assert_eq!(snapshot.problems, Vec::new(), "{round}");
    assert_eq!(contents(&snapshot), expected, "{round}");
    assert_eq!(store.list_trash().0.len(), 1, "{round}");
    assert_eq!(store.list_trashed_sessions().0.len(), 1, "{round}");
}

fn modes(dir: &Path) -> BTreeMap<PathBuf, bool> {
    all_files(dir)
        .into_iter()
        .map(|(p, b)| (p, is_encrypted(&b)))
        .collect()
}

#[test]
fn encrypting_can_fail_at_every_step_and_the_next_open_finishes() {
    let temp = tempfile::tempdir().unwrap();
    let template = temp.path().join("template");
    notebook(&template);
    let expected = contents(&open(&template).load());
    let copy = |n: usize| {
        let dir = temp.path().join(format!("round-{n}"));
        copy_dir(&template, &dir);
        dir
    };
    let counting = FailNth::arm(usize::MAX);
    let dir = copy(0);
    let store = Store::open_on(&dir, write(), Disk::with_faults(counting.clone())).unwrap();
    store
        .encrypt_notebook(&secret(PASSPHRASE), Work::FAST_FOR_TESTS)
        .unwrap();
    let steps = counting.count();
    assert!(steps > 50, "{steps} steps");
    for n in 1..=steps {
        let dir = copy(n);
        let round = format!("failing step {n} of {steps}");
        let store = Store::open_on(&dir, write(), Disk::with_faults(FailNth::arm(n))).unwrap();
        assert!(
            store
                .encrypt_notebook(&secret(PASSPHRASE), Work::FAST_FOR_TESTS)
                .is_err(),
            "{round}"
        );
        drop(store);
        assert_all_readable(&dir, &expected, &round);
        let store = Store::open(&dir, write()).unwrap();
        if store.is_encrypted() {
            store.unlock(&secret(PASSPHRASE)).unwrap();
            store.finish_conversion().unwrap();
            assert_eq!(
                store.vault().unwrap().unwrap().state,
                VaultState::On,
                "{round}"
            );
            for (path, encrypted) in modes(&dir) {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let plain_by_design =
                    name.starts_with("vault.json") || name.starts_with("settings.json");
                assert_eq!(encrypted, !plain_by_design, "{round}: {}", path.display());
            }
            assert_eq!(readable_sentences(&dir), Vec::new(), "{round}");
        } else {
            // The key file itself was not written: nothing was encrypted.
            assert!(modes(&dir).values().all(|e| !e), "{round}");
        }
        drop(store);
        assert_all_readable(&dir, &expected, &round);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn decrypting_can_fail_at_every_step_and_the_next_open_finishes() {
    let temp = tempfile::tempdir().unwrap();
    let template = temp.path().join("template");
    notebook(&template);
    let expected = contents(&open(&template).load());
    open(&template)
        .encrypt_notebook(&secret(PASSPHRASE), Work::FAST_FOR_TESTS)
        .unwrap();
    let copy = |n: usize| {
        let dir = temp.path().join(format!("round-{n}"));
        copy_dir(&template, &dir);
        dir
    };
    let counting = FailNth::arm(usize::MAX);
    let dir = copy(0);
    let store = Store::open_on(&dir, write(), Disk::with_faults(counting.clone())).unwrap();
    store.unlock(&secret(PASSPHRASE)).unwrap();
    store.decrypt_notebook().unwrap();
    let steps = counting.count();
    assert!(steps > 50, "{steps} steps");
    for n in 1..=steps {
        let dir = copy(n);
        let round = format!("failing step {n} of {steps}");
        let store = Store::open_on(&dir, write(), Disk::with_faults(FailNth::arm(n))).unwrap();
        store.unlock(&secret(PASSPHRASE)).unwrap();
        let failed = store.decrypt_notebook().is_err();
        drop(store);
        assert_all_readable(&dir, &expected, &round);
        let store = Store::open(&dir, write()).unwrap();
        if store
            .vault()
            .unwrap()
            .is_some_and(|v| v.state == VaultState::On)
        {
            // Failed before decrypting began: still encrypted, to be tried again.
            assert!(failed, "{round}");
            assert_eq!(readable_sentences(&dir), Vec::new(), "{round}");
        } else {
            if store.is_encrypted() {
                assert!(failed, "{round}");
                store.unlock(&secret(PASSPHRASE)).unwrap();
                store.finish_conversion().unwrap();
            }
            assert!(!store.is_encrypted(), "{round}");
            assert!(modes(&dir).values().all(|e| !e), "{round}");
        }
        drop(store);
        assert_all_readable(&dir, &expected, &round);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != ".lock" {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
