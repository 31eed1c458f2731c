//! Old files load, upgraded step by step, and are written in the current format
//! only when saved, with the original kept as `.bak`.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "store_support.rs"]
mod support;

use std::fs;

use pl_reflect::reflection::{REFLECTION_FORMAT, TEACHERS_FORMAT};
use pl_reflect::store::migrate::LEFTOVER_ANSWERS_FIELD;
use pl_reflect::store::{backup_path, is_valid_reflection_id};
use serde_json::{Value, json};
use support::{all_files, fixture, open};

fn folder_with_format0_files() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    fs::create_dir(temp.path().join("reflections")).unwrap();
    fs::copy(
        fixture("format0-teachers.json"),
        temp.path().join("teachers.json"),
    )
    .unwrap();
    fs::copy(
        fixture("format0-reflection.json"),
        temp.path().join("reflections/r-old-0001.json"),
    )
    .unwrap();
    temp
}

#[test]
fn format0_files_load_in_the_current_shape_without_being_rewritten() {
    let temp = folder_with_format0_files();
    let before = all_files(temp.path());
    let store = open(temp.path());
    let snapshot = store.load();
    assert!(snapshot.problems.is_empty(), "{:?}", snapshot.problems);
    assert_eq!(all_files(temp.path()), before, "loading never writes");

    let teachers = &snapshot.teachers;
    assert_eq!(teachers.len(), 2);
    assert_eq!(teachers[0].name, "Ms. Okafor");
    assert_eq!(teachers[0].notes, "Grade 5, room 12");
    assert_eq!(teachers[0].extra["pronouns"], "she/her");
    assert!(teachers[1].archived);

    let r = &snapshot.reflections[0].reflection;
    assert!(is_valid_reflection_id(&r.id));
    assert_eq!(r.format, REFLECTION_FORMAT);
    assert_eq!(r.guide_id, "where-to-begin");
    assert_eq!(r.guide_version, 1);
    assert_eq!(r.answers.len(), 3);
    assert!(r.answers["truth-i-care"].affirmed);
    assert_eq!(
        r.answers["truth-i-care"].note,
        "Every morning I greet each student at the door."
    );
    assert!(r.answers["q-a-day-in-my-class"].text.contains("good chaos"));
    assert!(r.answers["q-a-day-in-my-class"].private);
    let practice = &r.answers["small-group-instruction"];
    assert_eq!(practice.level.as_deref(), Some("trying"));
    assert_eq!(
        practice.next_step.as_ref().unwrap().action,
        "Try exit tickets on Fridays"
    );
    assert_eq!(
        practice.extra["highlight"], "yellow",
        "unknown answer fields survive the upgrade"
    );
    assert!(!practice.extra.contains_key("item"));
    assert_eq!(r.extra["mood"], "hopeful");
    assert!(!r.extra.contains_key("guide"));

    let (headers, problems) = store.list();
    assert!(problems.is_empty());
    assert_eq!(headers[0].guide_id, "where-to-begin");
    assert_eq!(headers[0].answered_ids.len(), 3);
}

#[test]
fn saving_writes_the_current_format_and_keeps_the_original_as_backup() {
    let temp = folder_with_format0_files();
    let store = open(temp.path());
    let snapshot = store.load();
    let mut r = snapshot.reflections[0].reflection.clone();
    r.answers
        .get_mut("q-a-day-in-my-class")
        .unwrap()
        .text
        .push_str("\nEdited after the upgrade.");
    store.save_reflection(&r).unwrap();
    store.save_teachers(&snapshot.teachers).unwrap();

    let path = temp.path().join("reflections/r-old-0001.json");
    let saved: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["format"], json!(REFLECTION_FORMAT));
    assert_eq!(saved["guide_id"], "where-to-begin");
    assert!(saved["answers"].is_object());
    assert_eq!(
        saved["answers"]["small-group-instruction"]["highlight"],
        "yellow"
    );
    assert_eq!(
        fs::read(backup_path(&path)).unwrap(),
        fs::read(fixture("format0-reflection.json")).unwrap(),
        "the .bak is the original format 0 file"
    );

    let teachers_path = temp.path().join("teachers.json");
    let saved: Value = serde_json::from_slice(&fs::read(&teachers_path).unwrap()).unwrap();
    assert_eq!(saved["format"], json!(TEACHERS_FORMAT));
    assert_eq!(saved["teachers"][0]["pronouns"], "she/her");
    assert_eq!(
        fs::read(backup_path(&teachers_path)).unwrap(),
        fs::read(fixture("format0-teachers.json")).unwrap()
    );

    let reloaded = store.load();
    assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
    assert_eq!(reloaded.reflections[0].reflection, r);
    assert_eq!(reloaded.teachers, snapshot.teachers);
}

#[test]
fn a_format0_file_with_explicit_zero_and_repeated_answers_loses_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let old = json!({
        "format": 0,
        "id": "r-zero",
        "teacher_id": "t-1",
        "guide": "where-to-begin",
        "created": "2025-01-01T00:00:00Z",
        "updated": "2025-01-01T00:00:00Z",
        "answers": [
            {"item": "q1", "text": "first words"},
            {"item": "q1", "text": "second words"},
            {"text": "words without an item"}
        ]
    });
    fs::write(
        temp.path().join("reflections/r-zero.json"),
        serde_json::to_vec(&old).unwrap(),
    )
    .unwrap();
    let r = store.load_reflection("r-zero").unwrap().reflection;
    assert_eq!(r.answers["q1"].text, "first words");
    let leftovers = r.extra[LEFTOVER_ANSWERS_FIELD].as_array().unwrap();
    assert_eq!(leftovers[0]["text"], "second words");
    assert_eq!(leftovers[1]["text"], "words without an item");
    store.save_reflection(&r).unwrap();
    assert_eq!(store.load_reflection("r-zero").unwrap().reflection, r);
}
