//! Saving and loading: round trips, permissions, backups, unknown fields, the
//! trash, the quick list, and ids that could escape the data folder.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "store_support.rs"]
mod support;

use std::fs;

use pl_reflect::reflection::{Answer, Teacher};
use pl_reflect::store::{Access, ProblemKind, Store, StoreError, backup_path};
use serde_json::{Value, json};
use support::{open, reflection, teacher};

#[test]
fn saved_reflections_and_teachers_load_back_identical() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let teachers = vec![
        teacher("t-1", "Ms. Okafor"),
        teacher("t-2", "Mr. Lindqvist"),
    ];
    store.save_teachers(&teachers).unwrap();
    let a = reflection("r-a", "t-1", 31);
    let b = reflection("r-b", "t-2", 0);
    store.save_reflection(&a).unwrap();
    store.save_reflection(&b).unwrap();

    let snapshot = store.load();
    assert!(snapshot.problems.is_empty(), "{:?}", snapshot.problems);
    assert_eq!(snapshot.teachers, teachers);
    assert_eq!(snapshot.teachers_read_only, None);
    let loaded: Vec<_> = snapshot
        .reflections
        .iter()
        .map(|s| s.reflection.clone())
        .collect();
    assert_eq!(loaded, vec![a.clone(), b]);
    assert_eq!(
        snapshot.reflections[0].path,
        temp.path().join("reflections/r-a.json")
    );
    assert_eq!(snapshot.reflections[0].read_only, None);
    assert_eq!(store.load_reflection("r-a").unwrap().reflection, a);

    // Human-readable: pretty-printed, with the format number first.
    let text = fs::read_to_string(temp.path().join("reflections/r-a.json")).unwrap();
    assert!(
        text.starts_with("{\n  \"format\": 1,\n  \"id\": \"r-a\""),
        "{text}"
    );
    assert!(text.ends_with("}\n"));
    let teachers_text = fs::read_to_string(temp.path().join("teachers.json")).unwrap();
    assert!(
        teachers_text.starts_with("{\n  \"format\": 1,\n  \"teachers\": ["),
        "{teachers_text}"
    );
}

#[cfg(unix)]
#[test]
fn data_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("new/data");
    let store = open(&dir);
    store.save_teachers(&[teacher("t-1", "A")]).unwrap();
    store.save_reflection(&reflection("r-a", "t-1", 3)).unwrap();
    store.save_reflection(&reflection("r-a", "t-1", 4)).unwrap();
    let mode = |p: &str| fs::metadata(dir.join(p)).unwrap().permissions().mode() & 0o777;
    for folder in ["", "reflections", "trash"] {
        assert_eq!(mode(folder), 0o700, "folder {folder:?}");
    }
    for file in [
        "teachers.json",
        "reflections/r-a.json",
        "reflections/r-a.json.bak",
        ".lock",
    ] {
        assert_eq!(mode(file), 0o600, "file {file}");
    }
}

#[test]
fn backup_keeps_the_last_good_version() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let path = temp.path().join("reflections/r-a.json");
    let mut r = reflection("r-a", "t-1", 2);
    store.save_reflection(&r).unwrap();
    assert!(
        !backup_path(&path).exists(),
        "a first save has nothing to back up"
    );
    let first = fs::read(&path).unwrap();

    r.title = "Second".into();
    store.save_reflection(&r).unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), first);
    let second = fs::read(&path).unwrap();

    r.title = "Third".into();
    store.save_reflection(&r).unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), second);

    // Teachers get the same treatment.
    store.save_teachers(&[teacher("t-1", "A")]).unwrap();
    let teachers_v1 = fs::read(temp.path().join("teachers.json")).unwrap();
    store.save_teachers(&[teacher("t-1", "B")]).unwrap();
    assert_eq!(
        fs::read(temp.path().join("teachers.json.bak")).unwrap(),
        teachers_v1
    );
}

#[test]
fn a_damaged_file_never_replaces_a_good_backup() {
    use pl_reflect::store::atomic;
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("notes.json");
    atomic::write(&path, b"{\"v\": 1}").unwrap();
    atomic::write(&path, b"{\"v\": 2}").unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), b"{\"v\": 1}");
    // Damage the main file behind the writer's back, then write again.
    fs::write(&path, b"{\"v\": 2, tru").unwrap();
    atomic::write(&path, b"{\"v\": 3}").unwrap();
    assert_eq!(
        fs::read(backup_path(&path)).unwrap(),
        b"{\"v\": 1}",
        "the good backup stays"
    );
    assert_eq!(fs::read(&path).unwrap(), b"{\"v\": 3}");
    let leftovers: Vec<_> = fs::read_dir(temp.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left behind");
}

#[test]
fn unknown_fields_survive_load_and_save() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let reflections = temp.path().join("reflections");
    // Written by hand, as a newer minor version (same format) might write it.
    let original = json!({
        "format": 1,
        "id": "r-x",
        "teacher_id": "t-1",
        "guide_id": "where-to-begin",
        "guide_version": 1,
        "title": "Hand-made",
        "created": "2026-01-01T00:00:00Z",
        "updated": "2026-01-01T00:00:00Z",
        "answers": {
            "q1": {
                "text": "Mine",
                "audio": {"file": "a.ogg", "seconds": 12.5},
                "next_step": {"action": "Try it", "reminder": "weekly"}
            }
        },
        "coach_notes": [{"id": "c1", "text": "Nice", "created": "2026-01-02T00:00:00Z", "color": "green"}],
        "tags": ["fall", "math"],
        "sharing": {"with": ["coach"]}
    });
    fs::write(
        reflections.join("r-x.json"),
        serde_json::to_vec(&original).unwrap(),
    )
    .unwrap();
    fs::write(
        temp.path().join("teachers.json"),
        serde_json::to_vec(&json!({
            "format": 1,
            "teachers": [{"id": "t-1", "name": "A", "created": "2026-01-01T00:00:00Z",
                          "updated": "2026-01-01T00:00:00Z", "pronouns": "she/her"}],
            "school": "Lincoln Elementary"
        }))
        .unwrap(),
    )
    .unwrap();

    let snapshot = store.load();
    assert!(snapshot.problems.is_empty(), "{:?}", snapshot.problems);
    let mut r = snapshot.reflections[0].reflection.clone();
    r.answers.get_mut("q1").unwrap().text = "Mine, edited".into();
    store.save_reflection(&r).unwrap();
    let mut teachers = snapshot.teachers.clone();
    teachers.push(teacher("t-2", "B"));
    store.save_teachers(&teachers).unwrap();

    let saved: Value =
        serde_json::from_slice(&fs::read(reflections.join("r-x.json")).unwrap()).unwrap();
    let mut expected = original.clone();
    expected["answers"]["q1"]["text"] = json!("Mine, edited");
    assert_eq!(saved, expected, "everything but the edit is as it was");

    let saved: Value =
        serde_json::from_slice(&fs::read(temp.path().join("teachers.json")).unwrap()).unwrap();
    assert_eq!(saved["school"], "Lincoln Elementary");
    assert_eq!(saved["teachers"][0]["pronouns"], "she/her");
    assert_eq!(saved["teachers"][1]["name"], "B");
}

#[test]
fn the_quick_list_agrees_with_the_full_load() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    for (i, answered) in [0, 1, 5, 31].into_iter().enumerate() {
        let mut r = reflection(&format!("r-{i}"), "t-1", answered);
        r.answers.insert(
            "level-only".into(),
            Answer {
                level: Some("x".into()),
                ..Answer::default()
            },
        );
        r.answers.insert(
            "note-blank".into(),
            Answer {
                note: " \n".into(),
                ..Answer::default()
            },
        );
        store.save_reflection(&r).unwrap();
    }
    fs::copy(
        support::fixture("format0-reflection.json"),
        temp.path().join("reflections/r-old-0001.json"),
    )
    .unwrap();
    let (headers, problems) = store.list();
    assert!(problems.is_empty(), "{problems:?}");
    let snapshot = store.load();
    assert_eq!(headers.len(), snapshot.reflections.len());
    for (header, stored) in headers.iter().zip(&snapshot.reflections) {
        let r = &stored.reflection;
        let answered: Vec<String> = r
            .answers
            .iter()
            .filter(|(_, a)| a.is_answered())
            .map(|(k, _)| k.clone())
            .collect();
        assert_eq!(header.answered_ids, answered, "{}", r.id);
        assert_eq!(
            (
                &header.id,
                &header.teacher_id,
                &header.guide_id,
                header.guide_version
            ),
            (&r.id, &r.teacher_id, &r.guide_id, r.guide_version)
        );
        assert_eq!(
            (&header.title, &header.created, &header.updated),
            (&r.title, &r.created, &r.updated)
        );
        assert_eq!(header.path, stored.path);
        assert_eq!(header.read_only, None);
    }
}

#[test]
fn delete_moves_to_the_trash_and_restore_brings_it_back() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_teachers(&[teacher("t-1", "A")]).unwrap();
    let r = reflection("r-a", "t-1", 3);
    store.save_reflection(&r).unwrap();
    store.save_reflection(&r).unwrap(); // now there is a .bak too
    let main = temp.path().join("reflections/r-a.json");
    let bytes = fs::read(&main).unwrap();

    store.delete_reflection("r-a").unwrap();
    assert!(!main.exists() && !backup_path(&main).exists());
    assert_eq!(
        fs::read(temp.path().join("trash/r-a.json")).unwrap(),
        bytes,
        "the words are kept"
    );
    assert!(temp.path().join("trash/r-a.json.bak").exists());
    assert!(store.load().reflections.is_empty());
    let (trashed, problems) = store.list_trash();
    assert!(problems.is_empty());
    assert_eq!(trashed[0].id, "r-a");
    assert!(matches!(
        store.delete_reflection("r-a"),
        Err(StoreError::NotFound { .. })
    ));
    // A late autosave must not bring a deleted reflection back behind the user's back.
    assert!(matches!(
        store.save_reflection(&r),
        Err(StoreError::InTrash { .. })
    ));

    store.restore_reflection("r-a").unwrap();
    assert_eq!(fs::read(&main).unwrap(), bytes);
    assert!(backup_path(&main).exists());
    assert_eq!(store.load_reflection("r-a").unwrap().reflection, r);
    assert!(matches!(
        store.restore_reflection("r-a"),
        Err(StoreError::NotFound { .. })
    ));
    assert!(store.check().is_empty(), "{:?}", store.check());
}

#[test]
fn deleting_again_keeps_the_older_copy_in_the_trash() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let mut r = reflection("r-a", "t-1", 1);
    store.save_reflection(&r).unwrap();
    store.delete_reflection("r-a").unwrap();
    let first = fs::read(temp.path().join("trash/r-a.json")).unwrap();
    // Something (another tool, a copy from a backup) put the same id back.
    r.title = "Second life".into();
    fs::write(
        temp.path().join("reflections/r-a.json"),
        serde_json::to_vec(&r).unwrap(),
    )
    .unwrap();
    store.delete_reflection("r-a").unwrap();
    let kept: Vec<Vec<u8>> = fs::read_dir(temp.path().join("trash"))
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("r-a.json.replaced-")
        })
        .map(|e| fs::read(e.path()).unwrap())
        .collect();
    assert_eq!(kept, vec![first]);
    // And restoring over an existing reflection is refused.
    store.save_reflection(&reflection("r-b", "t-1", 1)).unwrap();
    store.delete_reflection("r-b").unwrap();
    fs::write(temp.path().join("reflections/r-b.json"), b"{}").unwrap();
    assert!(matches!(
        store.restore_reflection("r-b"),
        Err(StoreError::AlreadyExists { .. })
    ));
    assert_eq!(
        fs::read(temp.path().join("reflections/r-b.json")).unwrap(),
        b"{}"
    );
}

#[test]
fn ids_that_could_leave_the_data_folder_are_refused() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("data");
    let store = open(&dir);
    let outside = temp.path().join("outside.json");
    fs::write(&outside, b"precious").unwrap();
    for id in [
        "../outside",
        "../../etc/passwd",
        "/tmp/x",
        "a/b",
        "..",
        "",
        "R-UPPER",
        "a.b",
        "a\0b",
        "a\\b",
    ] {
        let mut r = reflection("r-ok", "t-1", 1);
        r.id = id.to_owned();
        for result in [
            store.save_reflection(&r),
            store.delete_reflection(id),
            store.restore_reflection(id),
            store.load_reflection(id).map(|_| ()),
        ] {
            assert!(
                matches!(result, Err(StoreError::InvalidId { .. })),
                "{id:?}: {result:?}"
            );
        }
    }
    let long = "a".repeat(81);
    assert!(matches!(
        store.load_reflection(&long),
        Err(StoreError::InvalidId { .. })
    ));
    assert_eq!(fs::read(&outside).unwrap(), b"precious");
    assert_eq!(fs::read_dir(dir.join("reflections")).unwrap().count(), 0);
    let message = store
        .delete_reflection("../outside")
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("\"../outside\" is not a valid reflection id"),
        "{message}"
    );
}

#[test]
fn set_aside_only_touches_data_files() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let elsewhere = temp.path().join("elsewhere.json");
    fs::write(&elsewhere, b"{}").unwrap();
    assert!(matches!(
        store.set_aside(&elsewhere),
        Err(StoreError::NotADataFile { .. })
    ));
    assert!(matches!(
        store.set_aside(&temp.path().join(".lock")),
        Err(StoreError::NotADataFile { .. })
    ));
    let missing = temp.path().join("reflections/r-none.json");
    assert!(matches!(
        store.set_aside(&missing),
        Err(StoreError::NotFound { .. })
    ));
    assert!(elsewhere.exists());
}

#[test]
fn a_read_only_look_creates_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let missing = temp.path().join("nothing-here");
    assert!(matches!(
        Store::open(&missing, Access::ReadOnly),
        Err(StoreError::MissingDataDir { .. })
    ));
    assert!(!missing.exists());
    let store = Store::open(temp.path(), Access::ReadOnly).unwrap();
    assert!(store.is_read_only());
    let snapshot = store.load();
    assert!(
        snapshot.teachers.is_empty()
            && snapshot.reflections.is_empty()
            && snapshot.problems.is_empty()
    );
    let error = store.save_teachers(&[teacher("t-1", "A")]).unwrap_err();
    assert!(matches!(error, StoreError::ReadOnly { .. }));
    assert_eq!(
        fs::read_dir(temp.path()).unwrap().count(),
        0,
        "nothing was created"
    );
}

#[test]
fn a_reflection_whose_extra_fields_would_not_read_back_is_not_written() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let good = reflection("r-a", "t-1", 2);
    store.save_reflection(&good).unwrap();
    let before = fs::read(temp.path().join("reflections/r-a.json")).unwrap();
    // A bug elsewhere puts a known field's name into `extra`: the JSON would repeat "title".
    let mut bad = good.clone();
    bad.extra.insert("title".into(), json!("duplicate"));
    let error = store.save_reflection(&bad).unwrap_err();
    assert!(error.to_string().contains("would not read back"), "{error}");
    assert_eq!(
        fs::read(temp.path().join("reflections/r-a.json")).unwrap(),
        before
    );
    let mut bad_teacher: Teacher = teacher("t-1", "A");
    bad_teacher.extra.insert("name".into(), json!("again"));
    assert!(store.save_teachers(&[bad_teacher]).is_err());
    assert!(!temp.path().join("teachers.json").exists());
}

#[test]
fn misnamed_files_are_shown_read_only() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_reflection(&reflection("r-a", "t-1", 2)).unwrap();
    fs::copy(
        temp.path().join("reflections/r-a.json"),
        temp.path().join("reflections/copy of r-a.json"),
    )
    .unwrap();
    let snapshot = store.load();
    let copy = snapshot
        .reflections
        .iter()
        .find(|s| s.path.ends_with("copy of r-a.json"))
        .unwrap();
    assert!(
        copy.read_only
            .as_deref()
            .unwrap()
            .contains("does not match")
    );
    assert!(
        snapshot
            .problems
            .iter()
            .any(|p| p.kind == ProblemKind::NameMismatch)
    );
}
