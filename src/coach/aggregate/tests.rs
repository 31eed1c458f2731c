use super::*;
use crate::coach::test_support::{guide, level, reflection, step};
use crate::export::Format;
use crate::reflection::Answer;

/// Teacher `n`'s reflection: stations in use for everyone, groups at the top
/// for the first `top` teachers, tickets flagged as a next step by the first `flagged`.
fn teacher_reflection(n: usize, top: usize, flagged: usize) -> Reflection {
    let mut answers = vec![("stations", level("trying"))];
    answers.push((
        "groups",
        level(if n < top { "could-coach" } else { "not-yet" }),
    ));
    if n < flagged {
        answers.push(("tickets", step(level("not-yet"), "Fridays", None, false)));
    }
    if n == 0 {
        answers.push(("tracking", level("regular")));
    }
    reflection(
        &format!("r-{n}"),
        &format!("t-{n}"),
        "2026-03-01T10:00:00Z",
        answers,
    )
}

fn group(size: usize, top: usize, flagged: usize) -> Vec<Reflection> {
    (0..size)
        .map(|n| teacher_reflection(n, top, flagged))
        .collect()
}

fn picture_of(reflections: &[Reflection], min_group: usize) -> SchoolPicture {
    let refs: Vec<&Reflection> = reflections.iter().collect();
    aggregate(&guide(), &refs, min_group)
}

fn in_use(picture: &SchoolPicture) -> Vec<(&str, Shown)> {
    picture
        .components
        .iter()
        .flat_map(|c| &c.practices)
        .map(|p| (p.practice_id.as_str(), p.in_use))
        .collect()
}

#[test]
fn counts_teachers_per_practice_and_hides_counts_that_single_anyone_out() {
    let picture = picture_of(&group(7, 6, 2), 5);
    assert!(!picture.too_small);
    assert_eq!(picture.teachers, Shown::Count(7));
    assert_eq!(picture.practices, 5);
    assert_eq!(
        in_use(&picture),
        [
            ("stations", Shown::Count(7)),
            // "6 of 7" would single out the one who doesn't.
            ("groups", Shown::AllButFewerThan(5)),
            ("conferring", Shown::FewerThan(5)),
            ("tickets", Shown::FewerThan(5)),
            ("tracking", Shown::FewerThan(5)),
        ]
    );
    assert_eq!(picture.components[0].teachers_using_any, Shown::Count(7));
    assert_eq!(
        picture.components[1].teachers_using_any,
        Shown::FewerThan(5)
    );
    // Six teachers use 2 practices, one uses 3: the median is 2.
    assert_eq!(picture.median_in_use, Some(2));
    let strengths: Vec<(&str, Shown)> = picture
        .strengths
        .iter()
        .map(|s| (s.practice_id.as_str(), s.teachers))
        .collect();
    assert_eq!(strengths, [("groups", Shown::AllButFewerThan(5))]);
    // Two teachers flagged exit tickets: too few to list.
    assert!(picture.next_steps.is_empty());
}

#[test]
fn a_count_is_shown_only_when_both_it_and_the_rest_of_the_group_reach_the_minimum() {
    let groups_in_use = |size, top| {
        let picture = picture_of(&group(size, top, 0), 5);
        in_use(&picture)[1].1
    };
    assert_eq!(groups_in_use(12, 3), Shown::FewerThan(5));
    assert_eq!(groups_in_use(12, 5), Shown::Count(5));
    assert_eq!(groups_in_use(12, 7), Shown::Count(7));
    assert_eq!(groups_in_use(12, 8), Shown::AllButFewerThan(5));
    assert_eq!(groups_in_use(12, 11), Shown::AllButFewerThan(5));
    // Everyone: nobody is left to single out.
    assert_eq!(groups_in_use(12, 12), Shown::Count(12));
    let md = render_markdown(&picture_of(&group(12, 10, 0), 5));
    assert!(
        md.contains("| Small groups | all but fewer than 5 |"),
        "{md}"
    );
    assert!(md.contains("\"all but fewer than 5\""), "{md}");
}

#[test]
fn a_group_smaller_than_the_minimum_shows_no_counts_at_all() {
    let picture = picture_of(&group(4, 4, 4), 5);
    assert!(picture.too_small);
    assert_eq!(picture.teachers, Shown::FewerThan(5));
    assert!(picture.components.is_empty());
    assert!(picture.strengths.is_empty() && picture.next_steps.is_empty());
    assert_eq!(picture.median_in_use, None);
    let json = render_json(&picture).unwrap();
    assert!(!json.contains("\"count\""), "{json}");
    let md = render_markdown(&picture);
    assert!(md.contains("Not enough teachers yet"), "{md}");
    assert!(md.contains("Fewer than 5 teachers"), "{md}");
    assert!(!md.contains("Station rotation"), "{md}");
    let csv = render_csv(&picture);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    // A smaller minimum shows the same group.
    assert_eq!(picture_of(&group(4, 4, 4), 4).teachers, Shown::Count(4));
    // A minimum of 0 means 1.
    assert_eq!(picture_of(&group(1, 0, 0), 0).min_group, 1);
}

#[test]
fn each_teacher_counts_once_by_their_newest_reflection() {
    let mut reflections = group(5, 0, 5);
    // Teacher 0 reflected three times: only the newest (stations not yet) counts.
    let mut older = teacher_reflection(0, 0, 0);
    older.id = "r-0-old".into();
    older.created = crate::clock::Timestamp("2025-09-01T10:00:00Z".into());
    let mut newest = teacher_reflection(0, 0, 5);
    newest.id = "r-0-new".into();
    newest.created = crate::clock::Timestamp("2026-05-01T10:00:00Z".into());
    newest.answers.insert("stations".into(), level("not-yet"));
    reflections.push(older.clone());
    reflections.push(newest);
    // Another guide's reflection is not counted.
    let mut elsewhere = teacher_reflection(9, 0, 0);
    elsewhere.guide_id = "another-guide".into();
    reflections.push(elsewhere);
    // A minimum group of 1 shows every count, so the counting itself is seen.
    let picture = picture_of(&reflections, 1);
    assert_eq!(picture.teachers, Shown::Count(5));
    assert_eq!(in_use(&picture)[0], ("stations", Shown::Count(4)));
    let next: Vec<(&str, Shown)> = picture
        .next_steps
        .iter()
        .map(|s| (s.practice_id.as_str(), s.teachers))
        .collect();
    assert_eq!(next, [("tickets", Shown::Count(5))]);
}

#[test]
fn private_answers_and_done_steps_are_not_counted() {
    let mut reflections = group(5, 0, 5);
    reflections[0].answers.insert(
        "stations".into(),
        Answer {
            private: true,
            ..level("regular")
        },
    );
    reflections[1]
        .answers
        .insert("tickets".into(), step(level("trying"), "Done", None, true));
    let picture = picture_of(&reflections, 1);
    assert_eq!(in_use(&picture)[0], ("stations", Shown::Count(4)));
    assert_eq!(picture.next_steps[0].teachers, Shown::Count(4));
}

#[test]
fn most_common_lists_are_capped_and_sorted() {
    let mut reflections = Vec::new();
    for n in 0..8 {
        let answers: Vec<(&str, Answer)> =
            ["stations", "groups", "conferring", "tickets", "tracking"]
                .into_iter()
                .enumerate()
                // Practice i is at the top for 8 - i teachers.
                .map(|(i, id)| (id, level(if n + i < 8 { "could-coach" } else { "trying" })))
                .collect();
        reflections.push(reflection(
            &format!("r-{n}"),
            &format!("t-{n}"),
            "2026-01-01T00:00:00Z",
            answers,
        ));
    }
    let picture = picture_of(&reflections, 5);
    let strengths: Vec<(&str, Shown)> = picture
        .strengths
        .iter()
        .map(|s| (s.practice_id.as_str(), s.teachers))
        .collect();
    // Ordered by the real counts (8, 7, 6, 5), though only 8 of 8 may be shown.
    let hidden = Shown::AllButFewerThan(5);
    assert_eq!(
        strengths,
        [
            ("stations", Shown::Count(8)),
            ("groups", hidden),
            ("conferring", hidden),
            ("tickets", hidden)
        ]
    );
    assert!(picture.strengths.len() <= MAX_COMMON);
}

#[test]
fn no_names_ids_or_words_in_any_format() {
    let mut reflections = group(6, 6, 6);
    for r in &mut reflections {
        r.title = "Ms. Secret's check-in".into();
        r.teacher_id = format!("{}-secret", r.teacher_id);
        r.answers.insert(
            "q-come".into(),
            crate::coach::test_support::text("My secret words", None),
        );
        if let Some(answer) = r.answers.get_mut("stations") {
            answer.note = "secret note".into();
        }
    }
    let picture = picture_of(&reflections, 5);
    for format in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
        let bytes = render_picture(&picture, format, "en").unwrap();
        let text = String::from_utf8(bytes).unwrap();
        for secret in ["secret", "Secret", "r-0", "t-0"] {
            assert!(!text.contains(secret), "{format}: {secret} in {text}");
        }
        assert!(text.contains("Station rotation"), "{format}");
    }
    let pdf = render_picture(&picture, Format::Pdf, "en").unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn renderers_show_hidden_counts_as_fewer_than() {
    let picture = picture_of(&group(7, 6, 2), 5);
    let md = render_markdown(&picture);
    assert!(md.contains("| Station rotation | 7 of 7 |"), "{md}");
    assert!(md.contains("| Conferring | fewer than 5 |"), "{md}");
    assert!(md.contains("**7 teachers** are in this picture"), "{md}");
    assert!(
        md.contains("Fewer than 5 teachers use any practice of: Data-driven decisions._"),
        "{md}"
    );
    let html = render_html(&picture, "en");
    assert!(html.contains("<td>fewer than 5</td>"), "{html}");
    assert!(html.contains("Content-Security-Policy"));
    assert!(!html.contains("<script"));
    let csv = render_csv(&picture);
    assert!(
        csv.starts_with("\u{FEFF}Kind,Component,Practice id,Practice,Teachers,Out of,Note\r\n")
    );
    assert!(
        csv.contains("practice,Targeted instruction,conferring,Conferring,fewer than 5,7,\r\n"),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&render_json(&picture).unwrap()).unwrap();
    assert_eq!(json["kind"], PICTURE_KIND);
    assert_eq!(json["teachers"], serde_json::json!({"count": 7}));
    assert_eq!(
        json["components"][0]["practices"][2]["in_use"],
        serde_json::json!({"fewer_than": 5})
    );
}

#[test]
fn guide_text_is_escaped_and_csv_defused() {
    let mut guide = guide();
    if let crate::guide::Section::Checklist(checklist) = &mut guide.sections[1] {
        checklist.components[0].practices[0].name = "=HYPERLINK(\"x\") <b>|*".into();
    }
    let reflections = group(5, 0, 0);
    let refs: Vec<&Reflection> = reflections.iter().collect();
    let picture = aggregate(&guide, &refs, 5);
    let csv = render_csv(&picture);
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\") <b>|*\""), "{csv}");
    let html = render_html(&picture, "en");
    assert!(
        html.contains("=HYPERLINK(&quot;x&quot;) &lt;b&gt;|*"),
        "{html}"
    );
    let md = render_markdown(&picture);
    assert!(md.contains("\\<b\\>\\|\\*"), "{md}");
}
