//! Importing exported reflections into a real data folder: plan, then apply.
//! The files in `tests/fixtures/coach/` were made by the real exporter.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "store_support.rs"]
mod support;

use std::path::Path;

use pl_reflect::coach::{
    ImportChoice, ImportError, ImportPlan, TeacherChoice, apply_import, plan_import,
};
use pl_reflect::guide::GuideLibrary;
use pl_reflect::store::{Access, Store, StoreError};
use support::{all_files, open, teacher};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/coach")
        .join(name);
    std::fs::read(path).expect("fixture")
}

fn plan(store: &Store, name: &str) -> ImportPlan {
    let snapshot = store.load();
    plan_import(
        &fixture(name),
        name,
        snapshot.reflections.iter().map(|s| &s.reflection),
        &snapshot.teachers,
        &GuideLibrary::built_in(),
    )
    .expect("a valid export")
}

#[test]
fn a_new_teacher_is_added_and_the_reflection_saved_under_its_id() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let plan = plan(&store, "ana-spring.json");
    let teacher = plan.default_teacher().unwrap();
    assert_eq!(teacher, TeacherChoice::New("Ana López".into()));
    let result = apply_import(&plan, None, &teacher, &store).unwrap();
    assert!(result.created_teacher && !result.new_id);
    assert_eq!(result.reflection_id, plan.export.reflection.id);
    assert_eq!(result.replaced_copy, None);
    let snapshot = store.load();
    assert!(snapshot.problems.is_empty(), "{:?}", snapshot.problems);
    assert_eq!(snapshot.teachers[0].name, "Ana López");
    let saved = &snapshot.reflections[0].reflection;
    assert_eq!(saved.teacher_id, result.teacher_id);
    assert_eq!(saved.answers, plan.export.reflection.answers);
    assert_eq!(saved.title, "Spring check-in");
    // Its history begins with the imported file's version, kept for ever.
    let history = store.reflection_history(&result.reflection_id).unwrap();
    assert_eq!(history.versions.len(), 1);
    assert_eq!(
        history.versions[0].info.origin,
        pl_reflect::store::Origin::Imported
    );
    assert_eq!(history.versions[0].record, *saved);
}

#[test]
fn a_conflict_is_never_overwritten_silently() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store
        .save_teachers(&[teacher("t-ana", "Ana López")])
        .unwrap();
    let first = plan(&store, "ana-spring.json");
    let ana = TeacherChoice::Existing("t-ana".into());
    apply_import(&first, None, &ana, &store).unwrap();
    let id = first.export.reflection.id.clone();

    let newer = plan(&store, "ana-spring-v2.json");
    assert_eq!(newer.conflict.as_deref(), Some(id.as_str()));
    let before = all_files(temp.path());
    assert!(matches!(
        apply_import(&newer, None, &ana, &store),
        Err(ImportError::ConflictNeedsChoice { .. })
    ));
    assert_eq!(all_files(temp.path()), before);

    let copy = apply_import(&newer, Some(ImportChoice::KeepBoth), &ana, &store).unwrap();
    assert!(copy.new_id);
    assert_ne!(copy.reflection_id, id);
    let kept = store
        .load_reflection(&copy.reflection_id)
        .unwrap()
        .reflection;
    assert_eq!(kept.title, "Spring check-in (imported)");
    assert_eq!(
        store.load_reflection(&id).unwrap().reflection.answers,
        first.export.reflection.answers
    );

    let replaced = apply_import(&newer, Some(ImportChoice::Replace), &ana, &store).unwrap();
    assert_eq!(replaced.reflection_id, id);
    let old = replaced.replaced_copy.expect("the old version's place");
    assert_eq!(old, temp.path().join("trash").join(format!("{id}.json")));
    assert_eq!(
        store.load_reflection(&id).unwrap().reflection.answers,
        newer.export.reflection.answers
    );
    let (trashed, _) = store.list_trash();
    assert_eq!(trashed.len(), 1);
    assert_eq!(trashed[0].id, id);
    assert_eq!(store.load().teachers.len(), 1, "no teacher was added");
}

#[test]
fn an_id_in_the_trash_stays_restorable() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let plan = plan(&store, "ben-winter.json");
    let first = apply_import(&plan, None, &plan.default_teacher().unwrap(), &store).unwrap();
    store.delete_reflection(&first.reflection_id).unwrap();
    let again = self::plan(&store, "ben-winter.json");
    assert_eq!(again.conflict, None);
    let ben = TeacherChoice::Existing(first.teacher_id.clone());
    let second = apply_import(&again, None, &ben, &store).unwrap();
    assert!(second.new_id);
    assert_ne!(second.reflection_id, first.reflection_id);
    store.restore_reflection(&first.reflection_id).unwrap();
    assert_eq!(store.load().reflections.len(), 2);
}

#[test]
fn a_failed_import_changes_nothing_not_even_the_teachers() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store.save_teachers(&[teacher("t-1", "Someone")]).unwrap();
    let plan = plan(&store, "chen-winter.json");
    // A damaged file holds the reflection's place: it may not be replaced.
    let place = temp
        .path()
        .join("reflections")
        .join(format!("{}.json", plan.export.reflection.id));
    std::fs::write(&place, "{ damaged").unwrap();
    let before = all_files(temp.path());
    let result = apply_import(
        &plan,
        Some(ImportChoice::Replace),
        &TeacherChoice::New("Chen Wei".into()),
        &store,
    );
    assert!(
        matches!(result, Err(ImportError::Store(StoreError::Refused { .. }))),
        "{result:?}"
    );
    assert_eq!(all_files(temp.path()), before);

    assert!(matches!(
        apply_import(
            &plan,
            None,
            &TeacherChoice::Existing("t-gone".into()),
            &store
        ),
        Err(ImportError::UnknownTeacher(_))
    ));
    assert!(matches!(
        apply_import(&plan, None, &TeacherChoice::New("SOMEONE".into()), &store),
        Err(ImportError::Teacher(_))
    ));
    assert_eq!(all_files(temp.path()), before);

    let looking = Store::open(temp.path(), Access::ReadOnly).unwrap();
    assert!(matches!(
        apply_import(
            &plan,
            None,
            &TeacherChoice::Existing("t-1".into()),
            &looking
        ),
        Err(ImportError::Store(StoreError::ReadOnly { .. }))
    ));
    assert_eq!(all_files(temp.path()), before);
}

#[test]
fn a_reflection_on_a_newer_guide_version_keeps_every_answer() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let plan = plan(&store, "gia-newer-guide.json");
    assert_eq!(plan.unknown_items, ["peer-tutoring-circles"]);
    let result = apply_import(&plan, None, &plan.default_teacher().unwrap(), &store).unwrap();
    let saved = store
        .load_reflection(&result.reflection_id)
        .unwrap()
        .reflection;
    assert_eq!(saved.guide_version, 9);
    assert_eq!(
        saved.answers["peer-tutoring-circles"].level.as_deref(),
        Some("regular")
    );
    // Saved and read back by this version without losing the unknown item.
    store.save_reflection(&saved).unwrap();
    assert_eq!(
        store
            .load_reflection(&result.reflection_id)
            .unwrap()
            .reflection,
        saved
    );
}
