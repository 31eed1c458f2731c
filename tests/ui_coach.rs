//! Coach mode in the real app: several teachers, each with a timeline.

mod common;

use common::{begin, click, click_starting_with, open_app, saved_reflections, type_into};
use egui_kittest::kittest::Queryable;

fn teachers_file(dir: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("teachers.json")).expect("teachers saved"))
        .expect("json")
}

fn add_teacher(
    harness: &mut egui_kittest::Harness<'static, pl_reflect::app::ReflectApp>,
    name: &str,
) {
    click(harness, "File");
    click(harness, "Add a teacher…");
    type_into(harness, "Teacher's name", name);
    click(harness, "Add teacher");
}

#[test]
fn a_private_notebook_stays_simple_until_a_second_teacher_is_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "Ms. Rivera");
    click(&mut harness, "My reflections");
    assert!(
        harness.query_by_label("Search teachers").is_none(),
        "one teacher: the private layout"
    );

    add_teacher(&mut harness, "Mr. Chen");
    harness.get_by_label("Search teachers");
    harness.get_by_label("Show teacher Mr. Chen");
    harness.get_by_label("Show teacher Ms. Rivera");
    harness.state_mut().flush();
    let names: Vec<String> = teachers_file(dir.path())["teachers"]
        .as_array()
        .expect("list")
        .iter()
        .map(|t| t["name"].as_str().expect("name").to_owned())
        .collect();
    assert_eq!(names, ["Ms. Rivera", "Mr. Chen"]);
}

#[test]
fn a_coach_starts_a_reflection_for_the_chosen_teacher() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "Ms. Rivera");
    add_teacher(&mut harness, "Mr. Chen");
    click(&mut harness, "New reflection for Mr. Chen");
    click(&mut harness, "Start");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Small-group teaching: Trying it");

    let saved = saved_reflections(&mut harness, dir.path());
    let chen = teachers_file(dir.path())["teachers"]
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["name"] == "Mr. Chen")
        .expect("Chen saved")["id"]
        .clone();
    let his: Vec<&serde_json::Value> = saved.iter().filter(|r| r["teacher_id"] == chen).collect();
    assert_eq!(his.len(), 1);
    assert_eq!(
        his[0]["answers"]["small-group-instruction"]["level"],
        "trying"
    );
}

#[test]
fn teachers_can_be_searched_renamed_archived_and_deleted_with_confirmation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "Ms. Rivera");
    add_teacher(&mut harness, "Mr. Chen");
    add_teacher(&mut harness, "Dr. Okafor");

    type_into(&mut harness, "Search teachers", "oka");
    assert!(harness.query_by_label("Show teacher Mr. Chen").is_none());
    click(&mut harness, "Show teacher Dr. Okafor");

    click(&mut harness, "Rename teacher Dr. Okafor");
    harness.get_by_label("Teacher's name").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Teacher's name")
        .type_text("Dr. Ada Okafor");
    harness.run();
    click(&mut harness, "Rename");
    harness.get_by_label("Archive Dr. Ada Okafor").click();
    harness.run();
    harness.state_mut().flush();
    let teachers = teachers_file(dir.path());
    let okafor = teachers["teachers"]
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["name"] == "Dr. Ada Okafor")
        .expect("renamed");
    assert_eq!(okafor["archived"], true);

    // Ms. Rivera has one reflection: deleting her says so, and moves it to the trash.
    harness.get_by_label("Search teachers").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    click(&mut harness, "Show teacher Ms. Rivera");
    click(&mut harness, "Delete teacher Ms. Rivera");
    harness.get_by_label_contains("1 reflection(s) go with them");
    click(&mut harness, "Delete teacher");
    harness.state_mut().flush();
    assert!(common::reflection_files(dir.path()).is_empty());
    assert_eq!(
        common::files_in(&dir.path().join("trash")).len(),
        1,
        "the reflection is in the trash, not destroyed"
    );
    let teachers = teachers_file(dir.path());
    let names: Vec<&str> = teachers["teachers"]
        .as_array()
        .expect("list")
        .iter()
        .map(|t| t["name"].as_str().expect("name"))
        .collect();
    assert!(!names.contains(&"Ms. Rivera"));
}
