//! Damaged, foreign and newer files: each is reported precisely, never changed,
//! and never stops the other files from loading.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "store_support.rs"]
mod support;

use std::fs;
use std::path::Path;

use pl_reflect::store::{Access, DataProblem, ProblemKind, Store, StoreError, backup_path};
use support::{all_files, open, reflection, teacher};

/// Damaged contents, and whether the problem can point at a line and column.
fn damaged_files() -> Vec<(&'static str, Vec<u8>, bool)> {
    let good = serde_json::to_vec_pretty(&reflection("r-bad-truncated", "t-1", 5)).unwrap();
    let mut rng = support::Rng(0x9E37_79B9_7F4A_7C15);
    let random: Vec<u8> = (0..512).map(|_| rng.below(256) as u8).collect();
    vec![
        ("r-bad-syntax", br#"{"format": 1, "id": "r-bad-syntax" "teacher_id": "t-1"}"#.to_vec(), true),
        ("r-bad-truncated", good[..good.len() / 2].to_vec(), true),
        ("r-bad-empty", Vec::new(), false),
        ("r-bad-blank", b"\n\n   \n".to_vec(), false),
        ("r-bad-nul", vec![0u8; 64], true),
        ("r-bad-random", random, true),
        ("r-bad-latin1", b"{\"format\": 1,\n \"title\": \"caf\xe9\"}".to_vec(), true),
        ("r-bad-list", b"[1, 2, 3]".to_vec(), true),
        ("r-bad-type", br#"{"format": 1, "id": "r-bad-type", "teacher_id": "t-1", "guide_id": "g", "guide_version": "one", "created": "x", "updated": "x"}"#.to_vec(), true),
        ("r-bad-missing", br#"{"format": 1, "id": "r-bad-missing"}"#.to_vec(), true),
        ("r-bad-answer", br#"{"format": 1, "id": "r-bad-answer", "teacher_id": "t-1", "guide_id": "g", "guide_version": 1, "created": "x", "updated": "x", "answers": {"q1": {"text": 5}}}"#.to_vec(), true),
        ("r-bad-format", br#"{"format": "1.0", "id": "r-bad-format"}"#.to_vec(), false),
    ]
}

fn problem_for<'a>(problems: &'a [DataProblem], path: &Path) -> &'a DataProblem {
    problems
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no problem reported for {}: {problems:?}", path.display()))
}

#[test]
fn damaged_reflections_are_reported_and_never_changed() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_teachers(&[teacher("t-1", "A")]).unwrap();
    let good = reflection("r-good", "t-1", 31);
    store.save_reflection(&good).unwrap();
    let folder = temp.path().join("reflections");
    let cases = damaged_files();
    for (id, bytes, _) in &cases {
        fs::write(folder.join(format!("{id}.json")), bytes).unwrap();
    }
    let before = all_files(temp.path());

    let snapshot = store.load();
    assert_eq!(snapshot.reflections.len(), 1, "the good file still loads");
    assert_eq!(snapshot.reflections[0].reflection, good);
    let (headers, list_problems) = store.list();
    assert_eq!(headers.len(), 1);
    for (id, _, has_position) in &cases {
        let path = folder.join(format!("{id}.json"));
        for problems in [&snapshot.problems, &list_problems] {
            let problem = problem_for(problems, &path);
            assert_eq!(problem.kind, ProblemKind::Unreadable, "{problem}");
            assert_eq!(problem.line.is_some(), *has_position, "{id}: {problem}");
            assert_eq!(problem.column.is_some(), *has_position, "{id}: {problem}");
            let text = problem.to_string();
            let expected_start = match (problem.line, problem.column) {
                (Some(line), Some(column)) => format!("{}:{line}:{column}: ", path.display()),
                _ => format!("{}: ", path.display()),
            };
            assert!(text.starts_with(&expected_start), "{text}");
            assert!(
                text.contains("has not changed, moved or deleted this file"),
                "{text}"
            );
        }
        // It is neither overwritten nor moved (a fresh store is tested below).
        let mut replacement = reflection(id, "t-1", 1);
        replacement.title = "This must not land on disk".into();
        for result in [
            store.save_reflection(&replacement),
            store.delete_reflection(id),
        ] {
            let error = result.unwrap_err();
            assert!(matches!(error, StoreError::Refused { .. }), "{id}: {error}");
            assert!(error.to_string().contains("Nothing was written"), "{error}");
        }
        assert!(matches!(
            store.load_reflection(id),
            Err(StoreError::Refused { .. })
        ));
    }
    assert_eq!(
        all_files(temp.path()),
        before,
        "no file was changed, added or removed"
    );

    // The message says what is wrong in the user's terms.
    let message = |id: &str| {
        problem_for(&snapshot.problems, &folder.join(format!("{id}.json")))
            .message
            .clone()
    };
    assert!(
        message("r-bad-truncated").contains("ends too early"),
        "{}",
        message("r-bad-truncated")
    );
    assert!(message("r-bad-empty").contains("empty"));
    assert!(message("r-bad-latin1").contains("not UTF-8"));
    assert!(message("r-bad-syntax").contains("not valid JSON"));
    assert!(
        message("r-bad-type").contains("guide_version"),
        "{}",
        message("r-bad-type")
    );
    assert!(
        message("r-bad-answer").contains("answers.q1.text"),
        "{}",
        message("r-bad-answer")
    );
    assert!(
        message("r-bad-missing").contains("teacher_id"),
        "{}",
        message("r-bad-missing")
    );
    assert!(
        message("r-bad-format").contains("whole number"),
        "{}",
        message("r-bad-format")
    );
    let latin1 = problem_for(&snapshot.problems, &folder.join("r-bad-latin1.json"));
    assert_eq!((latin1.line, latin1.column), (Some(2), Some(15)));
    let syntax = problem_for(&snapshot.problems, &folder.join("r-bad-syntax.json"));
    assert_eq!(syntax.line, Some(1));
}

#[test]
fn a_fresh_store_also_refuses_to_overwrite_damage() {
    // No load() first: the check happens against the file on disk at save time.
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("reflections/r-a.json");
    {
        let store = open(temp.path());
        store.save_reflection(&reflection("r-a", "t-1", 2)).unwrap();
    }
    fs::write(&path, b"{\"format\": 1, \"id\": ").unwrap();
    let store = open(temp.path());
    let error = store
        .save_reflection(&reflection("r-a", "t-1", 3))
        .unwrap_err();
    assert!(matches!(error, StoreError::Refused { .. }), "{error}");
    assert_eq!(fs::read(&path).unwrap(), b"{\"format\": 1, \"id\": ");
}

#[test]
fn the_backup_of_a_damaged_file_is_pointed_to_and_kept() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let mut r = reflection("r-a", "t-1", 4);
    store.save_reflection(&r).unwrap();
    r.title = "Later".into();
    store.save_reflection(&r).unwrap();
    let path = temp.path().join("reflections/r-a.json");
    let backup = backup_path(&path);
    let good_backup = fs::read(&backup).unwrap();
    let last = fs::read(&path).unwrap();
    fs::write(&path, &last[..last.len() - 20]).unwrap(); // cut short, as by a full disk

    let problems = store.load().problems;
    let problem = problem_for(&problems, &path);
    assert_eq!(problem.backup.as_deref(), Some(backup.as_path()));
    assert!(
        problem.to_string().contains(&format!(
            "A backup of the last good version is at {}.",
            backup.display()
        )),
        "{problem}"
    );
    assert!(store.save_reflection(&r).is_err());
    assert_eq!(
        fs::read(&backup).unwrap(),
        good_backup,
        "the backup is untouched"
    );
}

#[test]
fn a_damaged_teachers_file_blocks_only_the_teachers() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_teachers(&[teacher("t-1", "A")]).unwrap();
    store.save_reflection(&reflection("r-a", "t-1", 3)).unwrap();
    let teachers_path = temp.path().join("teachers.json");
    let damaged =
        b"{\n  \"format\": 1,\n  \"teachers\": [\n    {\"id\": \"t-1\", \"name\": \"A\"\n".to_vec();
    fs::write(&teachers_path, &damaged).unwrap();

    let snapshot = store.load();
    assert!(snapshot.teachers.is_empty());
    assert!(snapshot.teachers_read_only.is_some());
    assert_eq!(snapshot.reflections.len(), 1, "reflections still load");
    let problem = problem_for(&snapshot.problems, &teachers_path);
    assert_eq!(problem.kind, ProblemKind::Unreadable);
    assert!(problem.line.is_some());
    assert_eq!(
        snapshot.problems.len(),
        1,
        "no 'unknown teacher' noise: {:?}",
        snapshot.problems
    );

    let error = store.save_teachers(&[teacher("t-2", "B")]).unwrap_err();
    assert!(matches!(error, StoreError::Refused { .. }), "{error}");
    assert_eq!(fs::read(&teachers_path).unwrap(), damaged);
    let fresh_error = {
        drop(store);
        let store = open(temp.path());
        let error = store.save_teachers(&[teacher("t-2", "B")]).unwrap_err();
        (error, store)
    };
    assert!(matches!(fresh_error.0, StoreError::Refused { .. }));
    let store = fresh_error.1;
    assert_eq!(fs::read(&teachers_path).unwrap(), damaged);

    // The user chooses "move aside and start fresh".
    let aside = store.set_aside(&teachers_path).unwrap();
    assert!(
        aside
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("teachers.json.corrupt-")
    );
    assert_eq!(
        fs::read(&aside).unwrap(),
        damaged,
        "set aside, not destroyed"
    );
    store.save_teachers(&[teacher("t-1", "A again")]).unwrap();
    let snapshot = store.load();
    assert_eq!(snapshot.teachers[0].name, "A again");
    assert!(snapshot.problems.is_empty(), "{:?}", snapshot.problems);
}

#[test]
fn a_damaged_reflection_can_be_set_aside() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let path = temp.path().join("reflections/r-a.json");
    fs::write(&path, b"\x00\x01garbage").unwrap();
    assert_eq!(store.load().problems.len(), 1);
    let aside = store.set_aside(&path).unwrap();
    assert_eq!(aside.parent(), path.parent());
    assert_eq!(fs::read(&aside).unwrap(), b"\x00\x01garbage");
    store.save_reflection(&reflection("r-a", "t-1", 1)).unwrap();
    assert_eq!(store.load().reflections.len(), 1);
}

#[test]
fn newer_files_are_read_only_and_never_rewritten() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_teachers(&[teacher("t-old-0001", "A")]).unwrap();
    let path = temp.path().join("reflections/r-future-0001.json");
    fs::copy(support::fixture("newer-format-reflection.json"), &path).unwrap();
    // Newer and in a shape this version cannot read at all.
    let unreadable_future = temp.path().join("reflections/r-future-0002.json");
    fs::write(
        &unreadable_future,
        br#"{"format": 9, "id": "r-future-0002", "answers": [1]}"#,
    )
    .unwrap();
    let before = all_files(temp.path());

    let snapshot = store.load();
    let stored = &snapshot.reflections[0];
    let reason = "made by a newer version of PL Reflect (format 7); opened read-only";
    assert_eq!(stored.read_only.as_deref(), Some(reason));
    assert_eq!(stored.reflection.format, 7);
    assert!(stored.reflection.extra.contains_key("sharing"));
    assert!(
        stored.reflection.answers["q-a-day-in-my-class"]
            .extra
            .contains_key("audio_note")
    );
    assert_eq!(
        problem_for(&snapshot.problems, &path).kind,
        ProblemKind::NewerFormat
    );
    let future = problem_for(&snapshot.problems, &unreadable_future);
    assert_eq!(future.kind, ProblemKind::NewerFormat);
    assert!(future.message.contains("format 9"), "{future}");
    let (headers, _) = store.list();
    assert_eq!(headers[0].read_only.as_deref(), Some(reason));
    assert_eq!(
        store
            .load_reflection("r-future-0001")
            .unwrap()
            .read_only
            .as_deref(),
        Some(reason)
    );

    let mut edited = stored.reflection.clone();
    edited.title = "Edited by an old version".into();
    assert!(matches!(
        store.save_reflection(&edited),
        Err(StoreError::Refused { .. })
    ));
    // Even claiming the current format does not let an old version write over it.
    edited.format = 1;
    assert!(matches!(
        store.save_reflection(&edited),
        Err(StoreError::Refused { .. })
    ));
    let fresh = {
        drop(store);
        open(temp.path())
    };
    assert!(matches!(
        fresh.save_reflection(&edited),
        Err(StoreError::Refused { .. })
    ));
    assert!(matches!(
        fresh.delete_reflection("r-future-0001"),
        Err(StoreError::Refused { .. })
    ));
    assert_eq!(all_files(temp.path()), before);
}

#[test]
fn a_newer_teachers_file_is_read_only() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let path = temp.path().join("teachers.json");
    let bytes = br#"{"format": 3, "teachers": [{"id": "t-1", "name": "A", "created": "x", "updated": "x", "badge": 1}], "school": "X"}"#;
    fs::write(&path, bytes).unwrap();
    let snapshot = store.load();
    assert_eq!(snapshot.teachers.len(), 1);
    assert!(
        snapshot
            .teachers_read_only
            .as_deref()
            .unwrap()
            .contains("format 3")
    );
    assert_eq!(
        problem_for(&snapshot.problems, &path).kind,
        ProblemKind::NewerFormat
    );
    assert!(store.save_teachers(&snapshot.teachers).is_err());
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn check_finds_every_problem_and_changes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    {
        let store = open(temp.path());
        store.save_teachers(&[teacher("t-1", "A")]).unwrap();
        store
            .save_reflection(&reflection("r-good", "t-1", 3))
            .unwrap();
        store
            .save_reflection(&reflection("r-stranger", "t-nobody", 3))
            .unwrap();
        store
            .save_reflection(&reflection("r-gone", "t-1", 3))
            .unwrap();
        store
            .save_reflection(&reflection("r-gone", "t-1", 3))
            .unwrap();
    }
    let dir = temp.path();
    fs::remove_file(dir.join("reflections/r-gone.json")).unwrap(); // leaves r-gone.json.bak behind
    fs::write(dir.join("reflections/r-broken.json"), b"{").unwrap();
    fs::write(
        dir.join("reflections/.r-good.json.tmp-4242-7"),
        b"{\"half\": ",
    )
    .unwrap();
    fs::write(dir.join(".teachers.json.tmp-4242-8"), b"").unwrap();
    fs::write(dir.join("trash/r-old.json"), b"not json").unwrap();
    fs::write(dir.join("reflections/.notes.tmp"), b"someone else's file").unwrap();
    let before = all_files(dir);

    let store = Store::open(dir, Access::ReadOnly).unwrap();
    let problems = store.check();
    let kinds: Vec<(String, ProblemKind)> = problems
        .iter()
        .map(|p| {
            (
                p.path.strip_prefix(dir).unwrap().display().to_string(),
                p.kind,
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            (
                ".teachers.json.tmp-4242-8".to_owned(),
                ProblemKind::StrayTempFile
            ),
            (
                "reflections/.r-good.json.tmp-4242-7".to_owned(),
                ProblemKind::StrayTempFile
            ),
            (
                "reflections/r-broken.json".to_owned(),
                ProblemKind::Unreadable
            ),
            (
                "reflections/r-gone.json.bak".to_owned(),
                ProblemKind::OrphanBackup
            ),
            (
                "reflections/r-stranger.json".to_owned(),
                ProblemKind::UnknownTeacher
            ),
            ("trash/r-old.json".to_owned(), ProblemKind::Unreadable),
        ]
    );
    assert!(
        problems[3].to_string().contains("rename it to r-gone.json"),
        "{}",
        problems[3]
    );
    assert_eq!(all_files(dir), before, "check changes nothing");
    drop(store);

    // Opening for writing removes only our own leftover temporary files.
    let store = open(dir);
    assert!(!dir.join("reflections/.r-good.json.tmp-4242-7").exists());
    assert!(!dir.join(".teachers.json.tmp-4242-8").exists());
    assert!(dir.join("reflections/.notes.tmp").exists());
    assert_eq!(store.check().len(), 4);

    // A save in progress is not a leftover: this process's own temporary files
    // are skipped by a writable store, and a look from outside skips them all
    // while a writer holds the folder.
    let own = format!("reflections/.r-good.json.tmp-{}-999", std::process::id());
    fs::write(dir.join(&own), b"{").unwrap();
    fs::write(dir.join("reflections/.r-good.json.tmp-1-1"), b"{").unwrap();
    let strays: Vec<_> = store
        .check()
        .into_iter()
        .filter(|p| p.kind == ProblemKind::StrayTempFile)
        .map(|p| p.path)
        .collect();
    assert_eq!(strays, vec![dir.join("reflections/.r-good.json.tmp-1-1")]);
    let outside = Store::open(dir, Access::ReadOnly).unwrap();
    assert!(
        outside
            .check()
            .iter()
            .all(|p| p.kind != ProblemKind::StrayTempFile)
    );
    drop(store);
    assert_eq!(
        outside
            .check()
            .iter()
            .filter(|p| p.kind == ProblemKind::StrayTempFile)
            .count(),
        2,
        "with no writer, they are leftovers"
    );
}
