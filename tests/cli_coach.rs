//! `pl-reflect import`, `aggregate` and `teachers rename|archive`, run as a real
//! process on exports made with the real exporter (`tests/fixtures/coach/`,
//! made by `make_fixtures.py` there).
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod cli_support;

use cli_support::{ok, pl_reflect, stderr, stdout};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/coach")
        .join(name)
        .display()
        .to_string()
}

/// The exported reflection's `reflection` object.
fn exported(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture");
    serde_json::from_str::<serde_json::Value>(&text).expect("JSON")["reflection"].clone()
}

fn saved(data: &Path, id: &str) -> serde_json::Value {
    let path = data.join("reflections").join(format!("{id}.json"));
    serde_json::from_slice(&std::fs::read(path).expect("saved reflection")).expect("JSON")
}

/// Every file under `dir` (but the lock file) with its bytes.
fn all_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if entry.file_name() != ".lock" {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// The six teachers' newest-and-older exports on the default guide, plus Gia's on its version 2.
const SCHOOL: [&str; 8] = [
    "ana-spring.json",
    "ana-fall.json",
    "ben-winter.json",
    "chen-winter.json",
    "dana-winter.json",
    "eli-winter.json",
    "fatima-winter.json",
    "gia-newer-guide.json",
];

fn temp_data() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    (dir, data)
}

#[test]
fn import_matches_or_adds_the_teacher_and_prints_the_id() {
    let (_dir, data) = temp_data();
    ok(&data, &["teachers", "add", "ana lópez"]);
    let output = pl_reflect(&data, &["import", &fixture("ana-spring.json")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let id = stdout(&output).trim().to_owned();
    assert_eq!(id, exported("ana-spring.json")["id"]);
    assert!(
        !stderr(&output).contains("added the teacher"),
        "{}",
        stderr(&output)
    );

    let output = pl_reflect(&data, &["import", &fixture("ben-winter.json")]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("added the teacher \"Ben Okafor\""),
        "{}",
        stderr(&output)
    );

    let teachers: serde_json::Value =
        serde_json::from_str(&ok(&data, &["teachers", "list", "--json"])).unwrap();
    let names: Vec<&str> = teachers
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ana lópez", "Ben Okafor"]);
    // The reflection now belongs to the coach's teacher, not the teacher's own id.
    assert_eq!(saved(&data, &id)["teacher_id"], teachers[0]["id"]);
    assert_eq!(
        saved(&data, &id)["answers"],
        exported("ana-spring.json")["answers"]
    );
    assert!(ok(&data, &["check"]).starts_with("ok "));
}

#[test]
fn an_invalid_file_changes_nothing() {
    let (_dir, data) = temp_data();
    for name in [
        "invalid-truncated.json",
        "not-an-export.json",
        "no-such-file.json",
    ] {
        let output = pl_reflect(&data, &["import", &fixture(name)]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let message = stderr(&output);
        assert!(message.starts_with("error: "), "{message}");
        assert!(message.contains(name), "{message}");
        assert!(message.contains("othing was imported"), "{message}");
        assert!(!data.exists(), "no data folder is made for an invalid file");
    }
    let truncated = stderr(&pl_reflect(
        &data,
        &["import", &fixture("invalid-truncated.json")],
    ));
    assert!(truncated.contains("line "), "{truncated}");

    ok(&data, &["import", &fixture("ben-winter.json")]);
    let before = all_files(&data);
    let output = pl_reflect(&data, &["import", &fixture("invalid-truncated.json")]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(all_files(&data), before);
}

#[test]
fn a_conflict_needs_a_choice_and_never_overwrites_silently() {
    let (_dir, data) = temp_data();
    let id = ok(&data, &["import", &fixture("ana-spring.json")]);
    let before = all_files(&data);

    let output = pl_reflect(&data, &["import", &fixture("ana-spring-v2.json")]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains(&id), "{message}");
    assert!(
        message.contains("--replace") && message.contains("--keep-both"),
        "{message}"
    );
    assert!(message.contains("Spring check-in"), "{message}");
    assert_eq!(all_files(&data), before, "nothing changed");

    let copy = ok(
        &data,
        &["import", &fixture("ana-spring-v2.json"), "--keep-both"],
    );
    assert_ne!(copy, id);
    assert_eq!(saved(&data, &copy)["title"], "Spring check-in (imported)");
    assert_eq!(saved(&data, &id), before_json(&before, &data, &id));

    let output = pl_reflect(
        &data,
        &["import", &fixture("ana-spring-v2.json"), "--replace"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), id);
    assert!(stderr(&output).contains("trash"), "{}", stderr(&output));
    assert_eq!(
        saved(&data, &id)["answers"],
        exported("ana-spring-v2.json")["answers"]
    );
    let trashed = data.join("trash").join(format!("{id}.json"));
    let old: serde_json::Value = serde_json::from_slice(&std::fs::read(trashed).unwrap()).unwrap();
    assert_eq!(old["answers"], exported("ana-spring.json")["answers"]);
    // One teacher, however many imports.
    assert_eq!(ok(&data, &["teachers", "list"]).lines().count(), 1);

    let output = pl_reflect(
        &data,
        &[
            "import",
            &fixture("ana-spring.json"),
            "--replace",
            "--keep-both",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "a usage error");
}

fn before_json(before: &BTreeMap<PathBuf, Vec<u8>>, data: &Path, id: &str) -> serde_json::Value {
    let path = data.join("reflections").join(format!("{id}.json"));
    serde_json::from_slice(&before[&path]).unwrap()
}

#[test]
fn an_anonymous_export_needs_a_teacher() {
    let (_dir, data) = temp_data();
    ok(&data, &["teachers", "add", "Eli Haddad"]);
    let output = pl_reflect(&data, &["import", &fixture("eli-anonymous.json")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--teacher"), "{}", stderr(&output));
    let output = pl_reflect(
        &data,
        &[
            "import",
            &fixture("eli-anonymous.json"),
            "--teacher",
            "t-nobody",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "an unknown id is not a new name"
    );
    assert!(!data.join("reflections").read_dir().unwrap().any(|_| true));

    let id = ok(
        &data,
        &[
            "import",
            &fixture("eli-anonymous.json"),
            "--teacher",
            "ELI HADDAD",
        ],
    );
    let teachers: serde_json::Value =
        serde_json::from_str(&ok(&data, &["teachers", "list", "--json"])).unwrap();
    assert_eq!(saved(&data, &id)["teacher_id"], teachers[0]["id"]);
    // --teacher overrides the exported name, and a new name adds a teacher.
    ok(
        &data,
        &[
            "import",
            &fixture("ben-winter.json"),
            "--teacher",
            "Mr. B. Okafor",
        ],
    );
    assert!(ok(&data, &["teachers", "list"]).contains("Mr. B. Okafor"));
}

#[test]
fn a_newer_guide_version_keeps_every_answer() {
    let (_dir, data) = temp_data();
    let output = pl_reflect(&data, &["import", &fixture("gia-newer-guide.json")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let notes = stderr(&output);
    assert!(notes.contains("version 9"), "{notes}");
    assert!(notes.contains("peer-tutoring-circles"), "{notes}");
    let id = stdout(&output).trim().to_owned();
    assert_eq!(
        saved(&data, &id)["answers"],
        exported("gia-newer-guide.json")["answers"]
    );
    let shown = ok(&data, &["show", &id]);
    assert!(shown.contains("No longer in this guide"), "{shown}");
    assert!(shown.contains("peer-tutoring-circles"), "{shown}");
}

#[test]
fn an_unknown_guide_is_imported_and_flagged() {
    let (_dir, data) = temp_data();
    let output = pl_reflect(&data, &["import", &fixture("hal-unknown-guide.json")]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("\"team-huddle\" is not installed"),
        "{}",
        stderr(&output)
    );
    let id = stdout(&output).trim().to_owned();
    assert_eq!(saved(&data, &id)["guide_id"], "team-huddle");
}

fn aggregate_files(data: &Path, files: &[&str], extra: &[&str]) -> Output {
    let paths: Vec<String> = files.iter().map(|f| fixture(f)).collect();
    let mut args = vec!["aggregate"];
    args.extend(extra);
    args.extend(paths.iter().map(String::as_str));
    pl_reflect(data, &args)
}

#[test]
fn aggregate_of_files_counts_each_teacher_once_and_names_no_one() {
    let (_dir, data) = temp_data();
    let output = aggregate_files(&data, &SCHOOL, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let md = stdout(&output);
    assert!(md.contains("**7 teachers** are in this picture"), "{md}");
    // 6 of 7 would single out the one teacher without it.
    assert!(
        md.contains("| Station rotation | all but fewer than 5 |"),
        "{md}"
    );
    assert!(
        md.contains("| Exit tickets and quick checks | fewer than 5 |"),
        "{md}"
    );
    assert!(
        md.contains("**Students set goals** · all but fewer than 5 teachers"),
        "{md}"
    );
    // With every count shown: Ana's spring reflection counts, not her fall one
    // (station rotation "not yet").
    let every_count = stdout(&aggregate_files(&data, &SCHOOL, &["--min-group", "1"]));
    assert!(
        every_count.contains("| Station rotation | 6 of 7 |"),
        "{every_count}"
    );
    for name in SCHOOL {
        let reflection = exported(name);
        for secret in [
            &reflection["id"],
            &reflection["teacher_id"],
            &reflection["title"],
        ] {
            let secret = secret.as_str().unwrap();
            assert!(!md.contains(secret), "{secret} in the picture");
        }
    }
    for secret in [
        "Ana",
        "López",
        "Okafor",
        "Words only",
        "Not every day",
        "Weekly goal cards",
    ] {
        assert!(!md.contains(secret), "{secret} in the picture");
    }
    assert!(!data.exists(), "files need no data folder");
}

#[test]
fn a_group_smaller_than_the_minimum_shows_no_counts() {
    let (_dir, data) = temp_data();
    let small = ["ana-spring.json", "ben-winter.json", "chen-winter.json"];
    let output = aggregate_files(&data, &small, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let md = stdout(&output);
    assert!(md.contains("Not enough teachers yet"), "{md}");
    assert!(md.contains("Fewer than 5 teachers"), "{md}");
    assert!(!md.contains(" of 3"), "{md}");
    assert!(!md.contains("Station rotation"), "{md}");
    assert!(
        stderr(&output).contains("fewer than 5 teachers"),
        "{}",
        stderr(&output)
    );
    let json = stdout(&aggregate_files(&data, &small, &["--format", "json"]));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["too_small"], true);
    assert_eq!(value["teachers"], serde_json::json!({"fewer_than": 5}));

    let md = stdout(&aggregate_files(&data, &small, &["--min-group", "3"]));
    assert!(md.contains("| Station rotation | 3 of 3 |"), "{md}");
    let zero = aggregate_files(&data, &small, &["--min-group", "0"]);
    assert_eq!(zero.status.code(), Some(2));
}

#[test]
fn files_and_the_data_folder_give_the_same_picture() {
    let (_dir, data) = temp_data();
    for name in SCHOOL {
        ok(&data, &["import", &fixture(name)]);
    }
    let without_date = |text: String| -> String {
        text.lines()
            .filter(|l| !l.starts_with("Prepared "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let from_files = without_date(stdout(&aggregate_files(&data, &SCHOOL, &[])));
    let from_folder = without_date(ok(&data, &["aggregate"]));
    assert_eq!(from_folder, from_files.trim_end());

    // An archived teacher leaves the picture.
    ok(&data, &["teachers", "archive", "Dana Ruiz"]);
    let md = ok(&data, &["aggregate"]);
    assert!(md.contains("**6 teachers** are in this picture"), "{md}");
    ok(&data, &["teachers", "unarchive", "Dana Ruiz"]);
    assert!(ok(&data, &["aggregate"]).contains("**7 teachers**"));
}

#[test]
fn an_invalid_file_in_the_group_is_named_and_nothing_is_written() {
    let (dir, data) = temp_data();
    let out = dir.path().join("picture.md");
    let out_arg = out.display().to_string();
    let mut files = SCHOOL.to_vec();
    files.insert(3, "invalid-truncated.json");
    let output = aggregate_files(&data, &files, &["--out", &out_arg]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("invalid-truncated.json"), "{message}");
    assert!(message.contains("othing was written"), "{message}");
    assert!(!out.exists());
}

#[test]
fn aggregate_writes_every_format_and_refuses_unknown_ones() {
    let (dir, data) = temp_data();
    let csv = dir.path().join("picture.csv");
    let csv_arg = csv.display().to_string();
    let output = aggregate_files(&data, &SCHOOL, &["--out", &csv_arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("\u{FEFF}Kind,Component,Practice id,Practice,Teachers,Out of,Note\r\n")
    );
    assert!(
        text.contains(
            "practice,Targeted instruction,station-rotation,Station rotation,all but fewer than 5,7,\r\n"
        ),
        "{text}"
    );

    let html = stdout(&aggregate_files(&data, &SCHOOL, &["--format", "html"]));
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<td>all but fewer than 5</td>"),
        "{html}"
    );
    let json = stdout(&aggregate_files(&data, &SCHOOL, &["--format", "json"]));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["kind"], "pl-reflect-school-picture");
    assert_eq!(value["teachers"]["count"], 7);

    let other = stdout(&aggregate_files(
        &data,
        &["hal-unknown-guide.json"],
        &["--guide", "where-to-begin"],
    ));
    assert!(other.contains("Not enough teachers yet"), "{other}");
    assert_eq!(
        aggregate_files(&data, &SCHOOL, &["--format", "pdf"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        aggregate_files(&data, &SCHOOL, &["--format", "docx"])
            .status
            .code(),
        Some(2)
    );
    let unknown = aggregate_files(&data, &SCHOOL, &["--guide", "no-such-guide"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("where-to-begin"),
        "{}",
        stderr(&unknown)
    );
    // With no files and no data folder there is nothing to read.
    assert_eq!(pl_reflect(&data, &["aggregate"]).status.code(), Some(1));
}

#[test]
fn teachers_can_be_renamed_and_archived() {
    let (_dir, data) = temp_data();
    let ana = ok(&data, &["teachers", "add", "Ana"]);
    ok(&data, &["teachers", "add", "Ben"]);
    ok(&data, &["teachers", "rename", &ana, "Ana López"]);
    ok(&data, &["teachers", "archive", "ana lópez"]);
    let list = ok(&data, &["teachers", "list"]);
    assert!(
        list.contains(&format!("{ana}  Ana López (archived)")),
        "{list}"
    );
    ok(&data, &["teachers", "unarchive", &ana]);
    assert!(!ok(&data, &["teachers", "list"]).contains("archived"));

    let taken = pl_reflect(&data, &["teachers", "rename", &ana, "BEN"]);
    assert_eq!(taken.status.code(), Some(1));
    assert!(
        stderr(&taken).contains("already called \"Ben\""),
        "{}",
        stderr(&taken)
    );
    let nobody = pl_reflect(&data, &["teachers", "archive", "Cy"]);
    assert_eq!(nobody.status.code(), Some(1));
}
