use super::*;
use crate::clock::Timestamp;
use crate::coach::test_support::{GUIDE, level, reflection, step, teacher};
use crate::coach::{SessionEdit, apply_session_edit};

fn library() -> (tempfile::TempDir, GuideLibrary) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tiny.json"), GUIDE).unwrap();
    let library = GuideLibrary::load(&[dir.path().to_path_buf()]);
    assert!(library.get("tiny").is_some(), "{:?}", library.problems);
    (dir, library)
}

fn stamp() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc)
}

#[test]
fn a_step_with_a_date_is_an_all_day_event_named_by_its_practice() {
    let (_dir, library) = library();
    let teachers = vec![teacher("t-1", "Ana Ruiz")];
    let mut ana = reflection(
        "r-1",
        "t-1",
        "2026-02-01T10:00:00Z",
        vec![
            (
                "stations",
                step(
                    level("trying"),
                    "Two stations, Friday; 15 min",
                    Some("2026-03-10"),
                    false,
                ),
            ),
            ("tickets", step(level("trying"), "No date", None, false)),
            (
                "groups",
                step(level("trying"), "Bad date", Some("soon"), false),
            ),
        ],
    );
    ana.title = "Autumn".into();
    let (steps, left_out) =
        calendar_steps(&library, &teachers, [&ana], [], &CalendarChoices::default());
    assert_eq!(left_out, 0);
    assert_eq!(steps.len(), 1, "{steps:?}");
    let stations = &steps[0];
    assert_eq!(stations.date, "2026-03-10");
    assert!(
        stations.title.ends_with(": Two stations, Friday; 15 min"),
        "{}",
        stations.title
    );
    assert!(stations.description.contains("\"Autumn\""));
    assert!(stations.description.contains("Ana Ruiz"));

    let ics = render_calendar(&steps, stamp());
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20260310\r\n"), "{ics}");
    assert!(ics.contains("DTEND;VALUE=DATE:20260311\r\n"), "{ics}");
    // Commas and semicolons are escaped as RFC 5545 says.
    assert!(ics.contains(r"Two stations\, Friday\; 15 min"), "{ics}");
    assert!(ics.contains(&format!("UID:{}\r\n", stations.uid)));
}

#[test]
fn the_uid_stays_the_same_across_exports_and_check_ins() {
    let (_dir, library) = library();
    let teachers = vec![teacher("t-1", "Ana")];
    let first = reflection(
        "r-1",
        "t-1",
        "2026-02-01T10:00:00Z",
        vec![(
            "stations",
            step(level("trying"), "Try it", Some("2026-03-10"), false),
        )],
    );
    // A later check-in carries the step over with a new date.
    let later = reflection(
        "r-2",
        "t-1",
        "2026-03-01T10:00:00Z",
        vec![(
            "stations",
            step(level("regular"), "Try it", Some("2026-04-01"), false),
        )],
    );
    let choices = CalendarChoices::default();
    let (before, _) = calendar_steps(&library, &teachers, [&first], [], &choices);
    let (after, _) = calendar_steps(&library, &teachers, [&first, &later], [], &choices);
    assert_eq!(after.len(), 1, "only the newest check-in counts: {after:?}");
    assert_eq!(before[0].uid, after[0].uid);
    assert_eq!(after[0].date, "2026-04-01");
    let again = calendar_steps(&library, &teachers, [&first, &later], [], &choices).0;
    assert_eq!(
        render_calendar(&after, stamp()),
        render_calendar(&again, stamp())
    );
}

#[test]
fn private_steps_stay_out_unless_chosen_and_done_ones_are_marked() {
    let (_dir, library) = library();
    let teachers = vec![teacher("t-1", "Ana")];
    let mut private = step(level("trying"), "Secret", Some("2026-03-10"), false);
    private.private = true;
    let r = reflection(
        "r-1",
        "t-1",
        "2026-02-01T10:00:00Z",
        vec![
            ("stations", private),
            (
                "tickets",
                step(level("trying"), "Fridays", Some("2026-03-11"), true),
            ),
        ],
    );
    let (steps, left_out) =
        calendar_steps(&library, &teachers, [&r], [], &CalendarChoices::default());
    assert_eq!(left_out, 1);
    assert_eq!(steps.len(), 1);
    assert!(steps[0].done);
    assert!(render_calendar(&steps, stamp()).contains("SUMMARY:Done: "));
    assert!(!render_calendar(&steps, stamp()).contains("Secret"));
    let with_private = CalendarChoices {
        include_private: true,
        ..CalendarChoices::default()
    };
    let (steps, left_out) = calendar_steps(&library, &teachers, [&r], [], &with_private);
    assert_eq!((steps.len(), left_out), (2, 0));
}

#[test]
fn agreed_steps_of_sessions_and_one_teacher_only() {
    let (_dir, library) = library();
    let teachers = vec![teacher("t-1", "Ana"), teacher("t-2", "Ben")];
    let now = Timestamp("2026-02-01T10:00:00Z".into());
    let mut session = CoachSession::new("t-2", "2026-02-01", now.clone()).unwrap();
    apply_session_edit(
        &mut session,
        SessionEdit::AddStep {
            text: "Visit Ana's stations".into(),
            item_id: None,
            revisit_on: Some("2026-03-05".into()),
        },
        now,
    )
    .unwrap();
    let ana = reflection(
        "r-1",
        "t-1",
        "2026-02-01T10:00:00Z",
        vec![(
            "stations",
            step(level("trying"), "Try it", Some("2026-03-10"), false),
        )],
    );
    let all = calendar_steps(
        &library,
        &teachers,
        [&ana],
        [&session],
        &CalendarChoices::default(),
    )
    .0;
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].title, "Agreed step: Visit Ana's stations");
    assert!(
        all[0]
            .description
            .contains("coach session of 2026-02-01 with Ben")
    );
    let ben_only = CalendarChoices {
        teacher_id: Some("t-2".into()),
        ..CalendarChoices::default()
    };
    let ben = calendar_steps(&library, &teachers, [&ana], [&session], &ben_only).0;
    assert_eq!(ben.len(), 1);
}

#[test]
fn control_characters_never_reach_the_file() {
    let steps = vec![CalendarStep {
        uid: "u@pl-reflect".into(),
        date: "2026-03-10".into(),
        title: "Bell\u{7} and\r carriage".into(),
        description: "Two\nlines".into(),
        done: false,
    }];
    let ics = render_calendar(&steps, stamp());
    assert!(!ics.contains('\u{7}'));
    assert!(ics.contains("SUMMARY:Bell  and  carriage\r\n"), "{ics}");
    assert!(ics.contains(r"DESCRIPTION:Two\nlines"), "{ics}");
}
