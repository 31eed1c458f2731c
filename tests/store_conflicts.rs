//! Notebooks kept in Dropbox, `OneDrive`, Google Drive, Nextcloud or Syncthing
//! folders: the copies those services make when two computers change a file
//! at once are recognised as conflicts of the record they copy, listed, and
//! never deleted; the lock says which computer holds it.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "store_support.rs"]
mod support;

use std::fs;

use pl_reflect::clock::Timestamp;
use pl_reflect::coach::CoachSession;
use pl_reflect::reflection::Answer;
use pl_reflect::store::{Access, ProblemKind, Record, Store, answer_differences, conflict_copy_of};
use support::{open, reflection, teacher};

#[test]
fn conflict_copy_names_are_recognised_only_where_they_fit() {
    let known = |id: &str| id == "r-abc" || id == "s-xyz";
    for (name, of) in [
        ("r-abc (conflicted copy 2026-12-01).json", Some("r-abc")),
        (
            "r-abc (Ana's conflicted copy 2026-12-01).json",
            Some("r-abc"),
        ),
        (
            "r-abc (conflicted copy 2026-12-01 101112).json",
            Some("r-abc"),
        ),
        ("r-abc-DESKTOP-ABC.json", Some("r-abc")),
        ("r-abc-LAPTOP7.json", Some("r-abc")),
        (
            "r-abc.sync-conflict-20261201-123456-ABCDEF.json",
            Some("r-abc"),
        ),
        ("s-xyz.sync-conflict-20261201-123456.json", Some("s-xyz")),
        // An unknown id with a host-like suffix is not taken for a copy.
        ("r-zzz-DESKTOP-ABC.json", None),
        // Lowercase suffixes are ids of their own, not hosts.
        ("r-abc-desktop.json", None),
        ("r-abc.json", None),
        ("r-abc (1).json", None),
        ("r-abc (conflicted copy 2026-12-01).txt", None),
        ("notes.sync-conflict-x.json", None),
    ] {
        assert_eq!(conflict_copy_of(name, known).as_deref(), of, "{name}");
    }
}

fn session(id: &str, title: &str) -> CoachSession {
    let mut session = CoachSession::new(
        "t-1",
        "2026-03-02",
        Timestamp("2026-03-01T10:00:00Z".into()),
    )
    .unwrap();
    session.id = id.to_owned();
    session.title = Some(title.to_owned());
    session
}

#[test]
fn check_lists_conflict_copies_as_conflicts_of_their_record_and_deletes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store
        .save_teachers(&[teacher("t-1", "Ms. Okafor")])
        .unwrap();
    let ours = reflection("r-abc", "t-1", 4);
    store.save_reflection(&ours).unwrap();
    store.save_session(&session("s-xyz", "ours")).unwrap();

    // The other computer changed one answer, added one, and removed one.
    let mut theirs = ours.clone();
    let first = theirs.answers.keys().next().unwrap().clone();
    let last = theirs.answers.keys().last().unwrap().clone();
    theirs.answers.get_mut(&first).unwrap().note = "Written on the other computer".to_owned();
    theirs.answers.remove(&last);
    theirs.answers.insert(
        "q-new".to_owned(),
        Answer {
            text: "Only there".to_owned(),
            ..Answer::default()
        },
    );
    let reflections = store.reflections_dir();
    let copies = [
        reflections.join("r-abc (conflicted copy 2026-12-01).json"),
        reflections.join("r-abc-DESKTOP-ABC.json"),
        reflections.join("r-abc.sync-conflict-20261201-123456-ABCDEF.json"),
    ];
    for copy in &copies {
        fs::write(copy, serde_json::to_vec_pretty(&theirs).unwrap()).unwrap();
    }
    let session_copy = store
        .sessions_dir()
        .join("s-xyz (conflicted copy 2026-12-01).json");
    fs::write(
        &session_copy,
        serde_json::to_vec_pretty(&session("s-xyz", "theirs")).unwrap(),
    )
    .unwrap();

    let conflicts = store.conflicts();
    assert_eq!(conflicts.len(), 4, "{conflicts:?}");
    for conflict in &conflicts {
        assert!(conflict.path.exists());
    }
    let of_reflection: Vec<_> = conflicts
        .iter()
        .filter(|c| c.record == Record::Reflection)
        .collect();
    assert_eq!(of_reflection.len(), 3);
    assert!(of_reflection.iter().all(|c| c.of == "r-abc"));
    assert!(
        of_reflection
            .iter()
            .all(|c| c.original == reflections.join("r-abc.json"))
    );
    let of_session: Vec<_> = conflicts
        .iter()
        .filter(|c| c.record == Record::Session)
        .collect();
    assert_eq!(of_session.len(), 1);
    assert_eq!(of_session[0].of, "s-xyz");

    // The copies are not reflections or sessions of their own.
    let snapshot = store.load();
    assert_eq!(snapshot.reflections.len(), 1);
    assert_eq!(snapshot.sessions.len(), 1);
    assert_eq!(store.list().0.len(), 1);
    let problems = store.check();
    for copy in copies.iter().chain([&session_copy]) {
        let problem = problems
            .iter()
            .find(|p| &p.path == copy)
            .unwrap_or_else(|| panic!("{} not in {problems:?}", copy.display()));
        assert_eq!(problem.kind, ProblemKind::ConflictCopy);
        assert!(!problem.kind.is_note());
        let text = problem.to_string();
        assert!(text.contains("conflict"), "{text}");
        assert!(
            text.contains(if copy == &session_copy {
                "s-xyz"
            } else {
                "r-abc"
            }),
            "{text}"
        );
        assert!(copy.exists(), "nothing is deleted");
    }
    assert!(
        problems.iter().all(|p| p.kind != ProblemKind::NameMismatch),
        "{problems:?}"
    );

    // Side by side, answer by answer.
    let copy = store.load_conflict(of_reflection[0]).unwrap();
    assert_eq!(copy, theirs);
    let differences = answer_differences(&ours, &copy);
    let items: Vec<&str> = differences.iter().map(|d| d.item.as_str()).collect();
    let mut expected = vec![first.as_str(), last.as_str(), "q-new"];
    expected.sort_unstable();
    assert_eq!(items, expected);
    let changed = differences.iter().find(|d| d.item == first).unwrap();
    assert_eq!(changed.ours.as_ref(), ours.answers.get(&first));
    assert_eq!(changed.theirs.as_ref(), theirs.answers.get(&first));
    let gone = differences.iter().find(|d| d.item == last).unwrap();
    assert!(gone.ours.is_some() && gone.theirs.is_none());
    let added = differences.iter().find(|d| d.item == "q-new").unwrap();
    assert!(added.ours.is_none() && added.theirs.is_some());
    assert!(answer_differences(&ours, &ours).is_empty());
}

#[test]
fn a_lock_held_on_another_computer_says_so() {
    let temp = tempfile::tempdir().unwrap();
    let first = open(temp.path());
    let lock = temp.path().join(".lock");
    let recorded = fs::read_to_string(&lock).unwrap();
    assert!(
        recorded.contains(&format!("pid {}", std::process::id())),
        "{recorded}"
    );
    assert!(recorded.contains("host "), "{recorded}");

    // As a network folder shows it when another computer holds the lock.
    fs::write(&lock, "pid 4242\nhost SCHOOL-PC-7\n").unwrap();
    let second = Store::open(
        temp.path(),
        Access::Write {
            wait: std::time::Duration::ZERO,
        },
    )
    .unwrap();
    let reason = second.read_only_reason().unwrap().to_owned();
    assert!(reason.contains("another computer"), "{reason}");
    assert!(reason.contains("SCHOOL-PC-7"), "{reason}");
    assert!(reason.contains("4242"), "{reason}");
    let message = second.check_writable().unwrap_err().to_string();
    assert!(message.contains("SCHOOL-PC-7"), "{message}");
    assert!(
        !message.contains("Close the other PL Reflect window"),
        "{message}"
    );
    drop(first);
}
