//! Coach mode in the real app: several teachers, each with a timeline.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod common;

use common::{
    begin, click, click_starting_with, open_app, replace_text, saved_reflections, type_into,
};
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
    replace_text(&mut harness, "Teacher's name", "Dr. Ada Okafor");
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
    replace_text(&mut harness, "Search teachers", "");
    click(&mut harness, "Show teacher Ms. Rivera");
    click(&mut harness, "Delete teacher Ms. Rivera");
    harness.get_by_label_contains("1 reflection go with them");
    click(&mut harness, "Delete teacher");
    harness.state_mut().flush();
    assert!(common::reflection_files(dir.path()).is_empty());
    assert_eq!(
        common::files_in(&dir.path().join("trash"))
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .count(),
        1,
        "the reflection is in the trash, not destroyed"
    );
    assert!(
        dir.path().join("trash/history").is_dir(),
        "its history went with it"
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

fn coach_with_two_teachers(
    harness: &mut egui_kittest::Harness<'static, pl_reflect::app::ReflectApp>,
) {
    begin(harness, "Ms. Rivera");
    add_teacher(harness, "Mr. Chen");
}

fn saved_sessions(dir: &std::path::Path) -> Vec<serde_json::Value> {
    common::files_in(&dir.join("sessions"))
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| serde_json::from_slice(&std::fs::read(p).expect("read")).expect("json"))
        .collect()
}

#[test]
fn a_session_keeps_an_agenda_coach_notes_and_agreed_steps_apart_from_the_teachers_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    coach_with_two_teachers(&mut harness);
    click(&mut harness, "New session with Mr. Chen");
    type_into(&mut harness, "New agenda item", "Station rotation pilot");
    click(&mut harness, "Add to agenda");
    type_into(
        &mut harness,
        "Coach notes on agenda item 1",
        "Tried it twice; timing is the hard part",
    );
    type_into(
        &mut harness,
        "Session notes",
        "Energised; wants to visit Ms. Rivera's room",
    );
    type_into(
        &mut harness,
        "New agreed step",
        "Run a two-station rotation on Friday",
    );
    click(&mut harness, "Add step");
    common::type_keys(&mut harness, "Revisit date for agreed step 1", "2026-12-04");
    common::press(&mut harness, egui::Key::Enter);
    harness.state_mut().flush();

    let sessions = saved_sessions(dir.path());
    assert_eq!(sessions.len(), 1);
    let session = &sessions[0];
    assert_eq!(session["agenda"][0]["text"], "Station rotation pilot");
    assert_eq!(
        session["agenda"][0]["notes"],
        "Tried it twice; timing is the hard part"
    );
    assert_eq!(
        session["notes"],
        "Energised; wants to visit Ms. Rivera's room"
    );
    assert_eq!(
        session["next_steps"][0]["text"],
        "Run a two-station rotation on Friday"
    );
    assert_eq!(session["next_steps"][0]["revisit_on"], "2026-12-04");
    // The coach's words never land in a reflection file.
    for reflection in common::reflection_files(dir.path()) {
        let text = std::fs::read_to_string(reflection).expect("read");
        assert!(!text.contains("timing is the hard part"));
    }
}

#[test]
fn two_reflections_of_a_teacher_are_compared_practice_by_practice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    coach_with_two_teachers(&mut harness);
    click(&mut harness, "New reflection for Mr. Chen");
    click(&mut harness, "Start");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Small-group teaching: Trying it");
    click(&mut harness, "Teachers");
    click(&mut harness, "Show teacher Mr. Chen");
    click(&mut harness, "New reflection for Mr. Chen");
    type_into(&mut harness, "Title (optional)", "Spring");
    click(&mut harness, "Start");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Small-group teaching: Regular practice");
    click(&mut harness, "Station rotation: Trying it");
    click(&mut harness, "Teachers");
    click(&mut harness, "Show teacher Mr. Chen");
    click(&mut harness, "Compare reflections of Mr. Chen");
    harness.get_by_label("In use: 1 then, 2 now (of 34).");
    harness.get_by_label("newly in use");
    harness.get_by_label("up");
}

#[test]
fn importing_the_same_reflection_twice_asks_to_keep_both_or_replace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coach/ana-fall.json");
    let mut harness = common::open_app_importing(dir.path(), &file);
    click(&mut harness, "Look around first");
    click(&mut harness, "File");
    click(&mut harness, "Import a reflection…");
    common::settle(&mut harness);
    assert_eq!(
        common::reflection_files(dir.path()).len(),
        1,
        "the first import needs no choice"
    );
    harness.get_by_label_contains("Imported ");

    // Two teachers now (the notebook's own and the imported one): the coach's
    // home has its own import button.
    click(&mut harness, "Import a reflection…");
    common::settle(&mut harness);
    harness.get_by_label("This reflection is already here");
    assert_eq!(
        common::reflection_files(dir.path()).len(),
        1,
        "nothing changes before the choice"
    );
    click(&mut harness, "Keep both");
    common::settle(&mut harness);
    assert_eq!(common::reflection_files(dir.path()).len(), 2);
}

#[test]
fn an_invalid_import_is_rejected_with_a_clear_error_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/coach/invalid-truncated.json");
    let mut harness = common::open_app_importing(dir.path(), &file);
    click(&mut harness, "Look around first");
    click(&mut harness, "File");
    click(&mut harness, "Import a reflection…");
    common::settle(&mut harness);
    harness.get_by_label_contains("Nothing was imported");
    assert!(common::reflection_files(dir.path()).is_empty());
}

#[test]
fn the_school_wide_picture_shows_counts_only_and_hides_small_groups() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    // Both teachers use station rotation; only Mr. Chen uses small groups.
    begin(&mut harness, "Ms. Rivera");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Station rotation: Regular practice");
    add_teacher(&mut harness, "Mr. Chen");
    click(&mut harness, "New reflection for Mr. Chen");
    click(&mut harness, "Start");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Station rotation: Trying it");
    click(&mut harness, "Small-group teaching: Trying it");
    click(&mut harness, "Teachers");
    click(&mut harness, "School-wide picture");
    harness.get_by_label_contains("Fewer than 5 teachers have reflected on this guide");
    assert!(
        harness.query_by_label_contains("Ms. Rivera").is_none(),
        "no names in the picture"
    );
    click(&mut harness, "Export as CSV");
    let files = common::wait_for_export(&mut harness, dir.path());
    assert_eq!(files.len(), 1);
    let csv = std::fs::read_to_string(&files[0]).expect("csv");
    assert!(!csv.contains("Rivera"));

    // A smaller group shows counts, in the exported picture's words.
    replace_text(&mut harness, "Smallest group shown", "2");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("2 teachers");
    harness.get_by_label("Station rotation");
    harness.get_by_label("2 of 2");
    // One of two would single out Mr. Chen (and "all but one" Ms. Rivera).
    assert!(harness.query_by_label("1 of 2").is_none());
    assert!(harness.query_all_by_label("fewer than 2").count() >= 30);
}

#[test]
fn a_step_whose_revisit_date_has_come_is_listed_as_due_until_its_date_moves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    // Ms. Rivera flags a practice with a revisit date but writes no action.
    begin(&mut harness, "Ms. Rivera");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Next step I want to try: Station rotation");
    type_into(
        &mut harness,
        "Revisit date for Station rotation",
        "2026-02-01",
    );
    add_teacher(&mut harness, "Mr. Chen");
    click(&mut harness, "New session with Mr. Chen");
    for (n, (step, date)) in [
        ("Visit a station rotation", "2026-01-05"),
        ("Try exit tickets", "2999-01-01"),
    ]
    .into_iter()
    .enumerate()
    {
        type_into(&mut harness, "New agreed step", step);
        click(&mut harness, "Add step");
        type_into(
            &mut harness,
            &format!("Revisit date for agreed step {}", n + 1),
            date,
        );
    }
    click(&mut harness, "Teachers");
    click(&mut harness, "Due for a revisit");
    harness.get_by_label("Visit a station rotation");
    harness.get_by_label("Coach session");
    assert!(
        harness.query_by_label("Try exit tickets").is_none(),
        "a step revisited in the future is not due"
    );
    // The practice names a step that has no written action.
    assert_eq!(harness.query_all_by_label("Station rotation").count(), 2);
    harness.get_by_label("Open: Station rotation (Ms. Rivera)");

    // Open goes to the session, where the date moves on; the list follows.
    click(&mut harness, "Open: Visit a station rotation (Mr. Chen)");
    replace_text(&mut harness, "Revisit date for agreed step 1", "2999-02-01");
    click(&mut harness, "Teachers");
    click(&mut harness, "Due for a revisit");
    assert!(harness.query_by_label("Visit a station rotation").is_none());
    harness.get_by_label("Open: Station rotation (Ms. Rivera)");
    harness.state_mut().flush();
    assert_eq!(
        saved_sessions(dir.path())[0]["next_steps"][0]["revisit_on"],
        "2999-02-01"
    );
}

#[test]
fn dates_are_typed_key_by_key_and_checked_when_the_field_is_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    coach_with_two_teachers(&mut harness);
    click(&mut harness, "New session with Mr. Chen");
    common::type_keys(&mut harness, "New agreed step", "Visit a station rotation");
    common::press(&mut harness, egui::Key::Enter);
    harness.get_by_label("Agreed step 1");

    // A date that does not exist is not saved, and the problem is said beside it.
    common::clear_keys(&mut harness, "Session date");
    common::type_keys(&mut harness, "Session date", "2026-11-31");
    common::press(&mut harness, egui::Key::Tab);
    harness.get_by_label_contains("there is no day 31 in month 11");
    harness.state_mut().flush();
    let today = pl_reflect::clock::today();
    assert_eq!(saved_sessions(dir.path())[0]["date"], today.as_str());

    // Backspace works, and a corrected date is saved once the field is left.
    common::clear_keys(&mut harness, "Session date");
    common::type_keys(&mut harness, "Session date", "2026-11-30");
    common::press(&mut harness, egui::Key::Enter);
    assert!(harness.query_by_label_contains("there is no day").is_none());
    common::type_keys(&mut harness, "Revisit date for agreed step 1", "2026-12-04");
    common::press(&mut harness, egui::Key::Tab);
    harness.state_mut().flush();
    let session = &saved_sessions(dir.path())[0];
    assert_eq!(session["date"], "2026-11-30");
    assert_eq!(session["next_steps"][0]["revisit_on"], "2026-12-04");
    assert_eq!(session["next_steps"][0]["text"], "Visit a station rotation");
}

#[test]
fn a_day_is_picked_from_the_calendar_beside_a_date_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    coach_with_two_teachers(&mut harness);
    click(&mut harness, "New session with Mr. Chen");
    type_into(&mut harness, "New agreed step", "Try exit tickets");
    click(&mut harness, "Add step");
    common::type_keys(&mut harness, "Revisit date for agreed step 1", "2026-12-04");
    common::press(&mut harness, egui::Key::Enter);
    click(&mut harness, "Calendar: Revisit date for agreed step 1");
    click(&mut harness, "Next month");
    click(&mut harness, "Friday 8 January 2027");
    harness.state_mut().flush();
    assert_eq!(
        saved_sessions(dir.path())[0]["next_steps"][0]["revisit_on"],
        "2027-01-08"
    );
}

#[test]
fn enter_adds_agenda_items_and_steps_and_either_can_be_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    coach_with_two_teachers(&mut harness);
    click(&mut harness, "New session with Mr. Chen");
    for item in ["Exit tickets", "Seating plan"] {
        common::type_keys(&mut harness, "New agenda item", item);
        common::press(&mut harness, egui::Key::Enter);
    }
    common::type_keys(&mut harness, "New agreed step", "Try one exit ticket");
    common::press(&mut harness, egui::Key::Enter);
    harness.state_mut().flush();
    let session = &saved_sessions(dir.path())[0];
    assert_eq!(session["agenda"].as_array().map(Vec::len), Some(2));
    assert_eq!(session["next_steps"][0]["text"], "Try one exit ticket");

    click(&mut harness, "Remove agenda item 1");
    click(&mut harness, "Remove agreed step 1");
    harness.state_mut().flush();
    let session = &saved_sessions(dir.path())[0];
    let agenda: Vec<&str> = session["agenda"]
        .as_array()
        .expect("agenda")
        .iter()
        .filter_map(|a| a["text"].as_str())
        .collect();
    assert_eq!(agenda, ["Seating plan"]);
    assert_eq!(session["next_steps"].as_array().map(Vec::len), Some(0));
}

#[test]
fn without_a_system_file_dialog_the_app_offers_its_own_chooser() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coach");
    let mut harness = open_app(dir.path());
    click(&mut harness, "Look around first");
    click(&mut harness, "File");
    click(&mut harness, "Import a reflection…");
    common::settle(&mut harness);
    harness.get_by_label("Choose a reflection to import");
    harness.get_by_label_contains("No system file dialog could be shown");
    // Type the folder, then pick the file from the list.
    common::go_to_in_chooser(&mut harness, &fixtures);
    click(&mut harness, "Import ana-fall.json");
    common::settle(&mut harness);
    harness.get_by_label_contains("Imported ");
    assert_eq!(common::reflection_files(dir.path()).len(), 1);
}

#[test]
fn a_file_dropped_onto_the_window_is_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coach/ana-fall.json");
    let mut harness = open_app(dir.path());
    click(&mut harness, "Look around first");
    common::drop_file(&mut harness, &file);
    harness.get_by_label_contains("Imported ");
    assert_eq!(common::reflection_files(dir.path()).len(), 1);
    // A file that is not an export says so, and changes nothing.
    common::drop_file(&mut harness, &dir.path().join("teachers.json"));
    harness.get_by_label_contains("Nothing was imported");
    assert_eq!(common::reflection_files(dir.path()).len(), 1);
}

#[test]
fn a_coach_can_duplicate_rename_and_delete_from_the_timeline_and_see_what_was_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coach/ana-fall.json");
    let mut harness = open_app(dir.path());
    coach_with_two_teachers(&mut harness);
    common::drop_file(&mut harness, &file);
    harness.get_by_label_contains("Brought in from ana-fall.json");
    let title = "Fall check-in";
    click(&mut harness, &format!("Duplicate as new check-in: {title}"));
    click(&mut harness, "Teachers");
    click(&mut harness, &format!("Rename {title} (new check-in)"));
    common::replace_text(&mut harness, "New title", "Winter check-in");
    click(&mut harness, "Rename");
    click(&mut harness, &format!("Delete {title}"));
    click(&mut harness, "Delete reflection");
    harness.state_mut().flush();
    let saved = saved_reflections(&mut harness, dir.path());
    // Ms. Rivera's own reflection (no title) and the renamed copy remain.
    let titles: Vec<&str> = saved.iter().filter_map(|r| r["title"].as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"Winter check-in"), "{titles:?}");
    assert!(!titles.contains(&title), "{titles:?}");
}

#[test]
fn archiving_all_but_one_teacher_keeps_the_list_and_the_way_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    coach_with_two_teachers(&mut harness);
    click(&mut harness, "Archive Mr. Chen");
    click(&mut harness, "Show archived");
    click(&mut harness, "Show teacher Mr. Chen");
    click(&mut harness, "Unarchive Mr. Chen");
    harness.state_mut().flush();
    let chen = teachers_file(dir.path())["teachers"]
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["name"] == "Mr. Chen")
        .cloned()
        .expect("Chen");
    assert_ne!(chen["archived"], true);
}

#[test]
fn a_file_given_on_the_command_line_is_imported_once_the_notebook_is_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coach/ana-fall.json");
    let mut harness = common::open_app_opening(dir.path(), &file);
    common::settle(&mut harness);
    harness.get_by_label_contains("Imported ");
    assert_eq!(common::reflection_files(dir.path()).len(), 1);
    // About says which version and where the notebook is.
    click(&mut harness, "Help");
    click(&mut harness, "About PL Reflect");
    harness.get_by_label_contains("Version ");
    harness.get_by_label(&dir.path().display().to_string());
}

#[test]
fn a_json_export_for_the_coach_gets_its_own_file_type() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "Ms. Rivera");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Station rotation: Trying it");
    click(&mut harness, "See my summary");
    click(&mut harness, "Export readiness summary…");
    click(&mut harness, "JSON (for your coach to import)");
    click(&mut harness, "Save…");
    let files = common::wait_for_export(&mut harness, dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(
        files[0].extension().is_some_and(|e| e == "plreflect"),
        "{files:?}"
    );
    let bytes = std::fs::read(&files[0]).expect("read");
    pl_reflect::export::json::parse_exported(&bytes).expect("imports back");
}

#[test]
fn in_a_coachs_notebook_the_summary_speaks_about_the_teacher() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    coach_with_two_teachers(&mut harness);
    click(&mut harness, "New reflection for Mr. Chen");
    click(&mut harness, "Start");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Small-group teaching: Trying it");
    click(&mut harness, "See my summary");
    harness.get_by_label("Mr. Chen already uses 1 of 34 practices.");
    assert!(harness.query_by_label_contains("You already use").is_none());
}

#[test]
fn deleting_a_teacher_can_be_undone_with_every_reflection_and_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    coach_with_two_teachers(&mut harness);
    click(&mut harness, "New reflection for Mr. Chen");
    click(&mut harness, "Start");
    click(&mut harness, "Teachers");
    click(&mut harness, "Show teacher Mr. Chen");
    click(&mut harness, "New session with Mr. Chen");
    click(&mut harness, "Teachers");
    click(&mut harness, "Show teacher Mr. Chen");
    click(&mut harness, "Delete teacher Mr. Chen");
    click(&mut harness, "Delete teacher");
    harness.state_mut().flush();
    common::settle(&mut harness);
    assert_eq!(
        common::reflection_files(dir.path()).len(),
        1,
        "Ms. Rivera's only"
    );
    assert!(saved_sessions(dir.path()).is_empty());

    click(&mut harness, "Undo");
    harness.state_mut().flush();
    common::settle(&mut harness);
    harness.get_by_label("Show teacher Mr. Chen");
    assert_eq!(common::reflection_files(dir.path()).len(), 2);
    assert_eq!(saved_sessions(dir.path()).len(), 1);
    let names: Vec<String> = teachers_file(dir.path())["teachers"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|t| t["name"].as_str().map(str::to_owned))
        .collect();
    assert!(names.contains(&"Mr. Chen".to_owned()), "{names:?}");
}
