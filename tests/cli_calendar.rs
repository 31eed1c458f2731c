//! `pl-reflect calendar` read back by an independent iCalendar parser
//! (Python's `icalendar`, installed by `scripts/setup-deps --test`).
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod cli_support;

use std::path::Path;
use std::process::Command;

use cli_support::{ok, pl_reflect, stderr};

/// The Debian python, which has the `icalendar` package.
fn python() -> &'static str {
    if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    }
}

/// Every event of the file, as the parser reads it: uid, summary,
/// description, start, end (dates as YYYY-MM-DD), sorted by uid.
fn events(ics: &Path) -> Vec<serde_json::Value> {
    let script = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for e in cal.walk('VEVENT'):
    out.append({
        'uid': str(e['UID']),
        'summary': str(e['SUMMARY']),
        'description': str(e['DESCRIPTION']),
        'start': e.decoded('DTSTART').isoformat(),
        'end': e.decoded('DTEND').isoformat(),
        'all_day': e['DTSTART'].params.get('VALUE') == 'DATE',
    })
print(json.dumps(sorted(out, key=lambda e: e['uid'])))
"#;
    let output = Command::new(python())
        .args(["-c", script])
        .arg(ics)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "the iCalendar parser refused the file: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("json")
}

fn notebook(data: &Path) -> String {
    ok(data, &["teachers", "add", "Ana Ruiz"]);
    let id = ok(data, &["new", "--title", "Autumn, term 1"])
        .trim()
        .to_owned();
    let id = id.as_str();
    ok(
        data,
        &[
            "answer",
            id,
            "station-rotation",
            "--next-step",
            "Two stations; Friday, 15 min",
        ],
    );
    ok(
        data,
        &["answer", id, "station-rotation", "--revisit", "2027-01-15"],
    );
    ok(
        data,
        &[
            "answer",
            id,
            "exit-tickets",
            "--next-step",
            "Ask one question at the door",
        ],
    );
    ok(
        data,
        &["answer", id, "exit-tickets", "--revisit", "2027-01-20"],
    );
    ok(data, &["answer", id, "exit-tickets", "--private"]);
    // A step with no date is not an event.
    ok(
        data,
        &[
            "answer",
            id,
            "small-group-instruction",
            "--next-step",
            "Someday",
        ],
    );
    id.to_owned()
}

#[test]
fn every_field_survives_an_independent_parser_and_private_steps_stay_out() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    notebook(&data);
    let ics = dir.path().join("steps.ics");
    let output = pl_reflect(&data, &["calendar", "--out", ics.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("1 private step(s) left out"),
        "{}",
        stderr(&output)
    );

    let events = events(&ics);
    assert_eq!(events.len(), 1, "{events:?}");
    let station = &events[0];
    assert_eq!(
        station["summary"],
        "Station rotation: Two stations; Friday, 15 min"
    );
    assert_eq!(station["start"], "2027-01-15");
    assert_eq!(station["end"], "2027-01-16");
    assert_eq!(station["all_day"], true);
    assert!(
        station["description"]
            .as_str()
            .unwrap()
            .starts_with("A next step from the reflection \"Autumn, term 1\""),
        "{station}"
    );
    assert!(
        station["uid"]
            .as_str()
            .unwrap()
            .ends_with("-station-rotation@pl-reflect")
    );
    assert!(
        !std::fs::read_to_string(&ics)
            .unwrap()
            .contains("Ask one question")
    );
}

#[test]
fn exporting_again_keeps_every_uid_and_private_steps_come_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = notebook(&data);
    let first = dir.path().join("first.ics");
    let second = dir.path().join("second.ics");
    ok(
        &data,
        &[
            "calendar",
            "--include-private",
            "--out",
            first.to_str().unwrap(),
        ],
    );
    // The teacher moves a date: the event is the same one, on a new day.
    ok(
        &data,
        &["answer", &id, "exit-tickets", "--revisit", "2027-02-01"],
    );
    ok(
        &data,
        &[
            "calendar",
            "--include-private",
            "--out",
            second.to_str().unwrap(),
        ],
    );
    let (first, second) = (events(&first), events(&second));
    assert_eq!(first.len(), 2);
    let uids = |events: &[serde_json::Value]| -> Vec<String> {
        events
            .iter()
            .map(|e| e["uid"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(uids(&first), uids(&second));
    let tickets = |events: &[serde_json::Value]| {
        events
            .iter()
            .find(|e| e["summary"].as_str().unwrap().starts_with("Exit tickets"))
            .unwrap()["start"]
            .clone()
    };
    assert_eq!(tickets(&first), "2027-01-20");
    assert_eq!(tickets(&second), "2027-02-01");
}

#[test]
fn an_unknown_teacher_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    notebook(&data);
    let ics = dir.path().join("steps.ics");
    let output = pl_reflect(
        &data,
        &[
            "calendar",
            "--teacher",
            "t-nobody",
            "--out",
            ics.to_str().unwrap(),
        ],
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("no teacher \"t-nobody\""),
        "{}",
        stderr(&output)
    );
    assert!(!ics.exists());
}
