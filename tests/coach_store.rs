//! Coaching sessions in the data folder: round trips, damaged and newer files
//! left untouched, the trash, moving a teacher's data to the trash, and
//! replacing a reflection with an imported version.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "store_support.rs"]
mod support;

use std::fs;
use std::path::Path;

use pl_reflect::clock::Timestamp;
use pl_reflect::coach::{CoachSession, SessionEdit, apply_session_edit, count_teacher_data};
use pl_reflect::store::{Access, DeletedCounts, ProblemKind, Record, Store, StoreError};
use support::{all_files, open, reflection, teacher};

fn session(id: &str, teacher_id: &str) -> CoachSession {
    let now = Timestamp("2026-03-02T10:00:00Z".into());
    let mut session = CoachSession::new(teacher_id, "2026-03-02", now.clone()).unwrap();
    session.id = id.to_owned();
    for edit in [
        SessionEdit::SetTitle("Stations debrief".into()),
        SessionEdit::AddAgendaItem {
            item_id: Some("station-rotation".into()),
            text: "How did Friday go?".into(),
        },
        SessionEdit::AddStep {
            text: "Two stations on Friday".into(),
            item_id: Some("station-rotation".into()),
            revisit_on: Some("2026-03-20".into()),
        },
        SessionEdit::SetNotes("She wants to co-plan — \"soon\".\nSecond line.".into()),
    ] {
        apply_session_edit(&mut session, edit, now.clone()).unwrap();
    }
    session
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn sessions_round_trip_with_backups_and_unknown_fields() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_teachers(&[teacher("t-1", "Ana")]).unwrap();
    let mut first = session("s-one", "t-1");
    first.extra.insert(
        "room".into(),
        serde_json::json!("B12 (from a newer version)"),
    );
    store.save_session(&first).unwrap();
    store.save_session(&session("s-two", "t-1")).unwrap();

    let snapshot = store.load();
    assert!(snapshot.problems.is_empty(), "{:?}", snapshot.problems);
    let ids: Vec<&str> = snapshot
        .sessions
        .iter()
        .map(|s| s.session.id.as_str())
        .collect();
    assert_eq!(ids, ["s-one", "s-two"]);
    assert_eq!(snapshot.sessions[0].session, first);
    assert_eq!(
        snapshot.sessions[0].path,
        temp.path().join("sessions/s-one.json")
    );
    assert_eq!(snapshot.sessions[0].read_only, None);
    assert_eq!(store.load_session("s-one").unwrap().session, first);
    assert_eq!(store.load_sessions().0.len(), 2);

    let text = fs::read_to_string(temp.path().join("sessions/s-one.json")).unwrap();
    assert!(
        text.starts_with("{\n  \"format\": 1,\n  \"id\": \"s-one\""),
        "{text}"
    );
    assert!(text.contains("\"room\": \"B12 (from a newer version)\""));

    // Saving again keeps the previous version as .bak.
    let mut changed = first.clone();
    changed.notes = "Changed".into();
    store.save_session(&changed).unwrap();
    let backup = fs::read_to_string(temp.path().join("sessions/s-one.json.bak")).unwrap();
    assert_eq!(backup, text);
    assert!(store.check().is_empty(), "{:?}", store.check());
}

#[cfg(unix)]
#[test]
fn session_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_session(&session("s-one", "t-1")).unwrap();
    let mode = |p: &str| {
        fs::metadata(temp.path().join(p))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("sessions"), 0o700);
    assert_eq!(mode("sessions/s-one.json"), 0o600);
}

#[test]
fn a_damaged_session_is_reported_and_never_touched() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_teachers(&[teacher("t-1", "Ana")]).unwrap();
    store.save_session(&session("s-good", "t-1")).unwrap();
    let damaged = temp.path().join("sessions/s-bad.json");
    write(
        &damaged,
        "{\"format\": 1, \"id\": \"s-bad\", \"teacher_id\": ",
    );
    let before = all_files(temp.path());

    let snapshot = store.load();
    assert_eq!(snapshot.sessions.len(), 1);
    let problem = snapshot
        .problems
        .iter()
        .find(|p| p.path == damaged)
        .expect("the damaged session is reported");
    assert_eq!(problem.kind, ProblemKind::Unreadable);
    assert!(
        problem.message.contains("ends too early"),
        "{}",
        problem.message
    );
    assert!(store.check().iter().any(|p| p.path == damaged));

    let mut over = session("s-bad", "t-1");
    over.notes = "would overwrite".into();
    assert!(matches!(
        store.save_session(&over),
        Err(StoreError::Refused { .. })
    ));
    assert!(matches!(
        store.delete_session("s-bad"),
        Err(StoreError::Refused { .. })
    ));
    assert!(matches!(
        store.load_session("s-bad"),
        Err(StoreError::Refused { .. })
    ));
    assert_eq!(all_files(temp.path()), before, "nothing changed on disk");

    // The user may move it aside.
    let aside = store.set_aside(&damaged).unwrap();
    assert!(aside.exists() && !damaged.exists());
}

#[test]
fn a_newer_session_is_read_only() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let path = temp.path().join("sessions/s-new.json");
    write(
        &path,
        r#"{"format": 2, "id": "s-new", "teacher_id": "t-1", "date": "2026-03-02",
            "created": "2026-03-02T10:00:00Z", "updated": "2026-03-02T10:00:00Z", "mood": "new"}"#,
    );
    let before = fs::read(&path).unwrap();
    let (sessions, problems) = store.load_sessions();
    assert!(sessions[0].read_only.is_some());
    assert_eq!(problems[0].kind, ProblemKind::NewerFormat);
    let mut edited = sessions[0].session.clone();
    edited.notes = "edit".into();
    assert!(matches!(
        store.save_session(&edited),
        Err(StoreError::Refused { .. })
    ));
    assert!(store.delete_session("s-new").is_err());
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn deleted_sessions_go_to_their_own_trash_folder_and_come_back() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_teachers(&[teacher("t-1", "Ana")]).unwrap();
    let s = session("s-one", "t-1");
    store.save_session(&s).unwrap();
    store.save_session(&s).unwrap();
    store.delete_session("s-one").unwrap();
    assert!(!temp.path().join("sessions/s-one.json").exists());
    assert!(temp.path().join("trash/sessions/s-one.json").exists());
    assert!(temp.path().join("trash/sessions/s-one.json.bak").exists());
    assert!(store.load().sessions.is_empty());
    assert_eq!(store.list_trashed_sessions().0[0].session, s);
    // The reflections' trash list does not mistake it for a damaged reflection.
    let (trashed, problems) = store.list_trash();
    assert!(trashed.is_empty() && problems.is_empty(), "{problems:?}");
    assert!(store.check().is_empty(), "{:?}", store.check());

    let in_trash = store.save_session(&s).unwrap_err();
    assert!(
        matches!(
            in_trash,
            StoreError::InTrash {
                what: Record::Session,
                ..
            }
        ),
        "{in_trash:?}"
    );
    assert!(
        in_trash
            .to_string()
            .contains("this coach session is in the trash"),
        "{in_trash}"
    );
    let missing = store.delete_session("s-one").unwrap_err();
    assert!(
        missing
            .to_string()
            .contains("there is no such coach session"),
        "{missing}"
    );
    store.restore_session("s-one").unwrap();
    assert_eq!(store.load_session("s-one").unwrap().session, s);
    assert!(temp.path().join("sessions/s-one.json.bak").exists());
    assert!(matches!(
        store.restore_session("s-one"),
        Err(StoreError::NotFound { .. })
    ));
    let invalid = store.save_session(&session("../x", "t-1")).unwrap_err();
    assert!(
        invalid
            .to_string()
            .contains("is not a valid coach session id"),
        "{invalid}"
    );
}

#[test]
fn sessions_of_an_unknown_teacher_and_stray_temps_are_reported() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_teachers(&[teacher("t-1", "Ana")]).unwrap();
    store.save_session(&session("s-ghost", "t-gone")).unwrap();
    let problems = store.load().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::UnknownTeacher);
    assert!(problems[0].message.contains("coaching session"));

    let stray = temp.path().join("sessions/.s-ghost.json.tmp-1-1");
    write(&stray, "{");
    drop(store);
    let looking = Store::open(temp.path(), Access::ReadOnly).unwrap();
    assert!(
        looking
            .check()
            .iter()
            .any(|p| p.path == stray && p.kind == ProblemKind::StrayTempFile)
    );
    drop(looking);
    let _writer = open(temp.path());
    assert!(!stray.exists(), "opening for writing removes leftovers");
}

#[test]
fn a_teachers_data_goes_to_the_trash_together_and_can_come_back() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store
        .save_teachers(&[teacher("t-1", "Ana"), teacher("t-2", "Ben")])
        .unwrap();
    for (id, who) in [
        ("r-a1", "t-1"),
        ("r-a2", "t-1"),
        ("r-a3", "t-1"),
        ("r-b1", "t-2"),
    ] {
        store.save_reflection(&reflection(id, who, 3)).unwrap();
    }
    for (id, who) in [("s-a1", "t-1"), ("s-a2", "t-1"), ("s-b1", "t-2")] {
        store.save_session(&session(id, who)).unwrap();
    }
    let expected = DeletedCounts {
        reflections: 3,
        sessions: 2,
    };
    assert_eq!(count_teacher_data(&store.load(), "t-1"), expected);
    assert_eq!(expected.to_string(), "3 reflections and 2 sessions");

    assert_eq!(store.delete_teacher_data("t-1").unwrap(), expected);
    let snapshot = store.load();
    let left: Vec<&str> = snapshot
        .reflections
        .iter()
        .map(|s| s.reflection.id.as_str())
        .collect();
    assert_eq!(left, ["r-b1"]);
    let left: Vec<&str> = snapshot
        .sessions
        .iter()
        .map(|s| s.session.id.as_str())
        .collect();
    assert_eq!(left, ["s-b1"]);
    assert_eq!(store.list_trash().0.len(), 3);
    assert_eq!(store.list_trashed_sessions().0.len(), 2);
    assert_eq!(
        store.delete_teacher_data("t-1").unwrap(),
        DeletedCounts::default()
    );

    store.restore_reflection("r-a2").unwrap();
    store.restore_session("s-a1").unwrap();
    assert_eq!(
        count_teacher_data(&store.load(), "t-1"),
        DeletedCounts {
            reflections: 1,
            sessions: 1
        }
    );
}

#[test]
fn nothing_moves_if_one_of_the_teachers_files_may_not_be() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_teachers(&[teacher("t-1", "Ana")]).unwrap();
    store
        .save_reflection(&reflection("r-a1", "t-1", 3))
        .unwrap();
    store.save_session(&session("s-a1", "t-1")).unwrap();
    write(
        &temp.path().join("sessions/s-new.json"),
        r#"{"format": 9, "id": "s-new", "teacher_id": "t-1", "date": "2026-03-02",
            "created": "2026-03-02T10:00:00Z", "updated": "2026-03-02T10:00:00Z"}"#,
    );
    let before = all_files(temp.path());
    let error = store.delete_teacher_data("t-1").unwrap_err();
    assert_eq!(error.moved, DeletedCounts::default());
    assert!(error.to_string().contains("s-new.json"), "{error}");
    assert_eq!(all_files(temp.path()), before);

    let looking = Store::open(temp.path(), Access::ReadOnly).unwrap();
    assert!(matches!(
        looking.delete_teacher_data("t-1").unwrap_err().error,
        StoreError::ReadOnly { .. }
    ));
}

#[test]
fn replacing_a_reflection_moves_the_old_version_to_the_trash() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let old = reflection("r-a1", "t-1", 3);
    store.save_reflection(&old).unwrap();
    store.save_reflection(&old).unwrap();
    let mut new = reflection("r-a1", "t-1", 6);
    new.title = "Newer".into();
    let trashed = store.replace_reflection(&new).unwrap();
    assert_eq!(trashed, temp.path().join("trash/r-a1.json"));
    assert_eq!(store.load_reflection("r-a1").unwrap().reflection, new);
    assert_eq!(store.list_trash().0[0].title, old.title);
    // The new version saves normally from now on.
    store.save_reflection(&new).unwrap();
    // The old one cannot come back over the new one.
    assert!(matches!(
        store.restore_reflection("r-a1"),
        Err(StoreError::AlreadyExists { .. })
    ));
    assert!(matches!(
        store.replace_reflection(&reflection("r-none", "t-1", 1)),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn a_damaged_reflection_is_not_replaced() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let path = temp.path().join("reflections/r-a1.json");
    write(&path, "{ not json");
    let before = all_files(temp.path());
    assert!(matches!(
        store.replace_reflection(&reflection("r-a1", "t-1", 3)),
        Err(StoreError::Refused { .. })
    ));
    assert_eq!(all_files(temp.path()), before);
}
