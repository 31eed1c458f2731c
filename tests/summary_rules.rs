//! The readiness summary's rules, one test each, on the built-in default guide.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "fixtures/export/sample.rs"]
mod sample;

use pl_reflect::summary::{Direction, ItemKind, SuggestionKind, Summary, summarize};
use sample::{
    affirmed, fall, guide, level, noted, options, private, reflection, spring, step, text,
};

fn spring_summary(include_private: bool, include_coach_notes: bool) -> Summary {
    summarize(
        &guide(),
        &spring(),
        Some(&fall()),
        &options(include_private, include_coach_notes),
    )
}

/// An untitled reflection of 5 January 2026 with just these answers.
fn answered(
    answers: Vec<(&str, pl_reflect::reflection::Answer)>,
) -> pl_reflect::reflection::Reflection {
    reflection(
        "r-x",
        "",
        "2026-01-05T10:00:00Z",
        "2026-01-05T10:00:00Z",
        answers,
    )
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|item| id(item).to_owned()).collect()
}

#[test]
fn header_names_the_guide_reflection_teacher_dates_and_source() {
    let summary = spring_summary(false, false);
    let header = &summary.header;
    assert_eq!(header.guide_id, "where-to-begin");
    assert_eq!(header.guide_version, 1);
    assert_eq!(header.reflection_title, "Spring check-in");
    assert_eq!(header.teacher_name.as_deref(), Some("Ana López"));
    assert_eq!(
        (header.started.as_str(), header.last_changed.as_str()),
        ("2026-02-02", "2026-03-10")
    );
    assert_eq!(header.prepared, "2026-03-12");
    assert_eq!(
        header.source.title,
        "Personalized Learning: Where to Begin?"
    );
}

#[test]
fn anonymous_means_no_name_and_a_blank_name_is_no_name() {
    let mut anonymous = options(false, false);
    anonymous.teacher_name = None;
    assert_eq!(
        summarize(&guide(), &spring(), None, &anonymous)
            .header
            .teacher_name,
        None
    );
    anonymous.teacher_name = Some("   ".to_owned());
    assert_eq!(
        summarize(&guide(), &spring(), None, &anonymous)
            .header
            .teacher_name,
        None
    );
}

#[test]
fn an_untitled_reflection_is_named_by_its_date() {
    let untitled = answered(vec![]);
    let summary = summarize(&guide(), &untitled, None, &options(false, false));
    assert_eq!(summary.header.reflection_title, "Reflection of 2026-01-05");
}

#[test]
fn progress_counts_answered_items_overall_and_per_section_without_private_ones() {
    let summary = spring_summary(false, false);
    // 35 answers to current items, 2 of them private; the orphan does not count.
    assert_eq!(
        (
            summary.progress.answered.count,
            summary.progress.answered.total
        ),
        (32, 43)
    );
    let sections: Vec<(String, usize, usize)> = summary
        .progress
        .sections
        .iter()
        .map(|s| (s.section_id.clone(), s.answered.count, s.answered.total))
        .collect();
    assert_eq!(
        sections,
        vec![
            ("truths".to_owned(), 4, 5),
            ("big-questions".to_owned(), 4, 7),
            ("practices".to_owned(), 24, 31)
        ]
    );
    let with_private = spring_summary(true, false);
    assert_eq!(with_private.progress.answered.count, 34);
}

#[test]
fn already_in_your_practice_lists_in_use_practices_by_component_with_counts() {
    let summary = spring_summary(false, false);
    let in_practice = &summary.in_practice;
    assert_eq!(
        (in_practice.overall.count, in_practice.overall.total),
        (16, 31)
    );
    let counts: Vec<(String, usize, usize)> = in_practice
        .components
        .iter()
        .map(|c| (c.component_id.clone(), c.in_use.count, c.in_use.total))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("targeted-instruction".to_owned(), 6, 8),
            ("data-driven-decisions".to_owned(), 3, 7),
            ("flexible-content-and-tools".to_owned(), 3, 8),
            ("student-reflection-and-ownership".to_owned(), 4, 8),
        ]
    );
    let targeted = &in_practice.components[0];
    assert_eq!(
        ids(&targeted.practices, |p| &p.practice_id),
        vec![
            "small-group-instruction",
            "station-rotation",
            "short-whole-class-teaching",
            "plan-for-mix-ups",
            "one-on-one-conferring",
            "try-first-then-support"
        ]
    );
    assert_eq!(targeted.practices[1].level_label, "Trying it");
    assert_eq!(targeted.practices[3].level_label, "Could coach others");
    assert_eq!(targeted.in_use.percent(), 75);
    // The private "Trying it" on students-as-lead-learners counts only when included.
    let with_private = spring_summary(true, false);
    assert_eq!(with_private.in_practice.overall.count, 17);
}

#[test]
fn strengths_are_practices_at_the_top_of_their_scale() {
    let summary = spring_summary(false, false);
    assert_eq!(
        ids(&summary.strengths, |p| &p.practice_id),
        vec![
            "plan-for-mix-ups",
            "personalizing-without-devices",
            "families-in-the-loop"
        ]
    );
    assert!(
        summary
            .strengths
            .iter()
            .all(|p| p.level_label == "Could coach others")
    );
}

#[test]
fn where_to_begin_shows_flagged_next_steps_done_or_not_and_no_suggestions() {
    let summary = spring_summary(false, false);
    let steps = &summary.where_to_begin.next_steps;
    assert_eq!(
        ids(steps, |s| &s.item_id),
        vec!["exit-tickets", "students-track-progress"]
    );
    assert!(steps[0].done);
    assert_eq!(steps[0].action, "Try exit tickets on Fridays");
    assert_eq!(steps[1].revisit_on.as_deref(), Some("2026-04-15"));
    assert!(!steps[1].done);
    assert_eq!(steps[1].level_label.as_deref(), Some("Not yet"));
    assert!(
        summary.where_to_begin.suggestions.is_empty(),
        "an open next step needs no suggestions"
    );
}

/// Trying-it practices come first, in guide order, even when not-yet practices
/// come earlier in the guide; then not-yet practices in the strongest component.
#[test]
fn without_next_steps_suggestions_start_with_trying_it_then_build_on_the_strongest_area() {
    let r = answered(vec![
        ("small-group-instruction", level("not-yet")),
        ("exit-tickets", level("regular")),
        ("catch-up-time", level("not-yet")),
        ("goal-setting", level("regular")),
        ("student-reflection", level("regular")),
        ("families-in-the-loop", level("could-coach")),
        ("life-outside-school-talks", level("not-yet")),
        ("students-make-connections", level("not-yet")),
        ("student-led-conferences", level("trying")),
    ]);
    let summary = summarize(&guide(), &r, None, &options(false, false));
    let suggestions = &summary.where_to_begin.suggestions;
    assert_eq!(
        ids(suggestions, |s| &s.practice_id),
        vec![
            "student-led-conferences",
            "life-outside-school-talks",
            "students-make-connections"
        ]
    );
    assert_eq!(suggestions[0].kind, SuggestionKind::AlreadyStarted);
    assert_eq!(suggestions[0].reason, "You've already started this.");
    assert_eq!(suggestions[0].level_label.as_deref(), Some("Trying it"));
    assert_eq!(suggestions[1].kind, SuggestionKind::BuildsOnStrength);
    assert_eq!(
        suggestions[1].reason,
        "Your strongest area is Student reflection and ownership, so this builds on it."
    );
}

#[test]
fn several_trying_it_practices_fill_the_suggestions_first_and_there_are_at_most_three() {
    let r = answered(vec![
        ("goal-setting", level("regular")),
        ("life-outside-school-talks", level("not-yet")),
        ("station-rotation", level("trying")),
        ("exit-tickets", level("trying")),
        ("flipped-introductions", level("trying")),
        ("families-in-the-loop", level("trying")),
    ]);
    let summary = summarize(&guide(), &r, None, &options(false, false));
    assert_eq!(
        ids(&summary.where_to_begin.suggestions, |s| &s.practice_id),
        vec!["station-rotation", "exit-tickets", "flipped-introductions"]
    );
}

#[test]
fn when_every_next_step_is_done_suggestions_come_back() {
    let r = answered(vec![
        (
            "exit-tickets",
            step(level("regular"), "Fridays", None, true),
        ),
        ("station-rotation", level("trying")),
    ]);
    let summary = summarize(&guide(), &r, None, &options(false, false));
    assert_eq!(summary.where_to_begin.next_steps.len(), 1);
    assert_eq!(
        ids(&summary.where_to_begin.suggestions, |s| &s.practice_id)[0],
        "station-rotation"
    );
}

#[test]
fn nothing_rated_means_no_suggestions_rather_than_guesses() {
    let r = answered(vec![]);
    let summary = summarize(&guide(), &r, None, &options(false, false));
    assert!(summary.where_to_begin.suggestions.is_empty());
    assert_eq!(summary.in_practice.overall.count, 0);
    assert!(summary.strengths.is_empty());
}

#[test]
fn lenses_count_practices_in_use_per_framework_element() {
    let summary = spring_summary(false, false);
    let core_four = summary
        .lenses
        .iter()
        .find(|l| l.framework_id == "core-four")
        .expect("core four");
    let counts: Vec<(String, usize, usize)> = core_four
        .elements
        .iter()
        .map(|e| (e.label.clone(), e.in_use.count, e.in_use.total))
        .collect();
    assert_eq!(counts[0], ("Targeted Instruction".to_owned(), 6, 8));
    assert_eq!(
        counts[3],
        ("Student Reflection and Ownership".to_owned(), 4, 8)
    );
    let leap = summary
        .lenses
        .iter()
        .find(|l| l.framework_id == "leap")
        .expect("leap");
    let g = guide();
    for element in &leap.elements {
        let tag = format!("leap:{}", element.element_id);
        let tagged = g
            .components()
            .flat_map(|c| &c.practices)
            .filter(|p| p.tags.contains(&tag))
            .count();
        assert_eq!(element.in_use.total, tagged, "{tag}");
        assert!(element.in_use.count <= element.in_use.total);
    }
}

#[test]
fn since_last_time_reports_moves_new_practices_steps_done_and_changed_answers() {
    let summary = spring_summary(false, false);
    let since = summary
        .since_last_time
        .as_ref()
        .expect("a previous reflection was given");
    assert_eq!(since.previous_title, "Fall check-in");
    assert_eq!(since.previous_date, "2025-10-01");
    let moved: Vec<(String, String, String, Direction)> = since
        .moved
        .iter()
        .map(|m| {
            (
                m.practice_id.clone(),
                m.from.clone(),
                m.to.clone(),
                m.direction,
            )
        })
        .collect();
    assert!(moved.contains(&(
        "station-rotation".to_owned(),
        "Not yet".to_owned(),
        "Trying it".to_owned(),
        Direction::Up
    )));
    assert!(moved.contains(&(
        "one-on-one-conferring".to_owned(),
        "Could coach others".to_owned(),
        "Regular practice".to_owned(),
        Direction::Down
    )));
    assert!(
        !moved.iter().any(|m| m.0 == "families-in-the-loop"),
        "unchanged levels are not moves"
    );
    let newly = ids(&since.newly_in_use, |p| &p.practice_id);
    assert!(newly.contains(&"station-rotation".to_owned()));
    assert!(
        newly.contains(&"personalizing-without-devices".to_owned()),
        "unanswered before, in use now"
    );
    assert!(
        !newly.contains(&"small-group-instruction".to_owned()),
        "already in use before"
    );
    let done: Vec<(String, bool)> = since
        .steps_done
        .iter()
        .map(|s| (s.practice_id.clone(), s.marked_done))
        .collect();
    assert_eq!(
        done,
        vec![
            ("exit-tickets".to_owned(), true),
            ("goal-setting".to_owned(), false)
        ]
    );
    assert_eq!(
        since.steps_done[1].level_label.as_deref(),
        Some("Regular practice")
    );
    assert_eq!(
        ids(&since.changed_answers, |c| &c.question_id),
        vec![
            "q-a-day-in-my-class",
            "q-would-they-come",
            "q-less-whole-class",
            "q-little-impact"
        ]
    );
    let first = &since.changed_answers[0];
    assert_eq!(first.before_level.as_deref(), Some("Some days"));
    assert_eq!(first.now_level.as_deref(), Some("Most days"));
    assert_eq!(first.before_text, "Some of it. The mornings drag.");
}

#[test]
fn no_previous_reflection_means_no_since_last_time() {
    let summary = summarize(&guide(), &spring(), None, &options(false, false));
    assert!(summary.since_last_time.is_none());
}

#[test]
fn a_step_counts_as_taken_only_if_done_or_moved_up_into_use() {
    let before = reflection(
        "r-a",
        "",
        "2025-01-01T00:00:00Z",
        "2025-01-01T00:00:00Z",
        vec![
            ("exit-tickets", step(level("not-yet"), "A", None, false)),
            ("station-rotation", step(level("trying"), "B", None, false)),
            ("goal-setting", step(level("regular"), "C", None, false)),
        ],
    );
    let now = reflection(
        "r-b",
        "",
        "2025-02-01T00:00:00Z",
        "2025-02-01T00:00:00Z",
        vec![
            ("exit-tickets", step(level("trying"), "A", None, false)),
            ("station-rotation", step(level("trying"), "B", None, false)),
            ("goal-setting", step(level("trying"), "C", None, false)),
        ],
    );
    let summary = summarize(&guide(), &now, Some(&before), &options(false, false));
    let since = summary.since_last_time.expect("since");
    assert_eq!(
        ids(&since.steps_done, |s| &s.practice_id),
        vec!["exit-tickets"]
    );
    assert!(!since.steps_done[0].marked_done);
}

#[test]
fn private_answers_are_left_out_everywhere_and_counted() {
    let summary = spring_summary(false, false);
    assert_eq!(summary.words.private_left_out, 2);
    assert!(
        !summary
            .words
            .answers
            .iter()
            .any(|a| a.question_id == "q-my-own-child")
    );
    assert!(
        !summary
            .words
            .practice_notes
            .iter()
            .any(|n| n.practice_id == "students-as-lead-learners")
    );
    let json = serde_json::to_string(&summary).expect("serialize");
    assert!(
        !json.contains("more room for questions"),
        "private text leaked: {json}"
    );
    assert!(!json.contains("second period"), "private note leaked");
    let row = summary
        .items
        .iter()
        .find(|r| r.item_id == "q-my-own-child")
        .expect("the item keeps its row");
    assert!(row.text.is_empty() && row.level_label.is_none() && !row.private);
}

#[test]
fn private_answers_are_included_and_marked_when_asked() {
    let summary = spring_summary(true, false);
    assert_eq!(summary.words.private_left_out, 0);
    let answer = summary
        .words
        .answers
        .iter()
        .find(|a| a.question_id == "q-my-own-child")
        .expect("private answer");
    assert!(answer.private);
    assert_eq!(answer.level_label.as_deref(), Some("Some days"));
    let note = summary
        .words
        .practice_notes
        .iter()
        .find(|n| n.practice_id == "students-as-lead-learners")
        .expect("private note");
    assert!(note.private);
    let since = summary.since_last_time.expect("since");
    assert!(
        since
            .changed_answers
            .iter()
            .any(|c| c.question_id == "q-my-own-child")
    );
}

#[test]
fn private_answers_of_the_previous_reflection_do_not_leak_into_since_last_time() {
    let before = reflection(
        "r-a",
        "",
        "2025-01-01T00:00:00Z",
        "2025-01-01T00:00:00Z",
        vec![(
            "q-my-own-child",
            private(text("A secret from last time", None)),
        )],
    );
    let now = reflection(
        "r-b",
        "",
        "2025-02-01T00:00:00Z",
        "2025-02-01T00:00:00Z",
        vec![],
    );
    let summary = summarize(&guide(), &now, Some(&before), &options(false, false));
    let json = serde_json::to_string(&summary).expect("serialize");
    assert!(!json.contains("secret"), "{json}");
}

#[test]
fn the_teachers_words_hold_answers_statements_and_practice_notes_in_guide_order() {
    let summary = spring_summary(false, false);
    let words = &summary.words;
    assert_eq!(
        ids(&words.answers, |a| &a.question_id),
        vec![
            "q-a-day-in-my-class",
            "q-would-they-come",
            "q-less-whole-class",
            "q-little-impact"
        ]
    );
    assert_eq!(words.answers[0].level_label.as_deref(), Some("Most days"));
    assert_eq!(words.answers[2].level_label, None);
    assert!(
        words.answers[2].text.contains("\n\n"),
        "line breaks are kept"
    );
    assert_eq!(words.statements.len(), 4);
    assert!(words.statements.iter().all(|s| s.affirmed));
    assert_eq!(
        words.statements[0].note,
        "Maya stayed after class to show me her comic, and I made time for it."
    );
    assert_eq!(
        ids(&words.practice_notes, |n| &n.practice_id),
        vec![
            "small-group-instruction",
            "exit-tickets",
            "personalizing-without-devices"
        ]
    );
    assert_eq!(
        words.practice_notes[0].level_label.as_deref(),
        Some("Regular practice")
    );
}

#[test]
fn a_note_on_an_unaffirmed_statement_is_kept() {
    let mut note = affirmed("Not this week.");
    note.affirmed = false;
    let r = answered(vec![("truth-proud-to-teach", note)]);
    let summary = summarize(&guide(), &r, None, &options(false, false));
    assert_eq!(summary.words.statements.len(), 1);
    assert!(!summary.words.statements[0].affirmed);
}

#[test]
fn coach_notes_only_when_asked() {
    assert!(spring_summary(false, false).coach_notes.is_empty());
    let with_notes = spring_summary(false, true);
    assert_eq!(with_notes.coach_notes.len(), 1);
    assert_eq!(
        with_notes.coach_notes[0].item.as_deref(),
        Some("Station rotation")
    );
    assert_eq!(with_notes.coach_notes[0].date, "2026-03-11");
}

#[test]
fn answers_to_items_the_guide_no_longer_has_are_listed_apart() {
    let summary = spring_summary(false, false);
    assert_eq!(
        ids(&summary.no_longer_in_guide, |o| &o.item_id),
        vec!["homework-menus"]
    );
    assert_eq!(
        summary.no_longer_in_guide[0].level.as_deref(),
        Some("regular")
    );
    assert_eq!(
        summary.no_longer_in_guide[0].note,
        "Three homework choices each week."
    );
    let last = summary.items.last().expect("rows");
    assert_eq!(
        (last.item_id.as_str(), last.kind),
        ("homework-menus", ItemKind::NoLongerInGuide)
    );
    // It never counts towards progress or practices in use.
    assert_eq!(summary.progress.answered.total, 43);
}

#[test]
fn private_answers_to_removed_items_respect_include_private() {
    let r = answered(vec![
        ("old-private", private(noted("regular", "hidden words"))),
        ("old-shared", noted("regular", "shared words")),
    ]);
    let hidden = summarize(&guide(), &r, None, &options(false, false));
    assert_eq!(
        ids(&hidden.no_longer_in_guide, |o| &o.item_id),
        vec!["old-shared"]
    );
    assert_eq!(hidden.words.private_left_out, 1);
    let shown = summarize(&guide(), &r, None, &options(true, false));
    assert_eq!(
        ids(&shown.no_longer_in_guide, |o| &o.item_id),
        vec!["old-private", "old-shared"]
    );
    assert!(shown.no_longer_in_guide[0].private);
}

#[test]
fn item_rows_cover_every_item_in_guide_order() {
    let summary = spring_summary(false, false);
    let g = guide();
    let expected: Vec<String> = g
        .items()
        .map(|item| item.id().to_owned())
        .chain(["homework-menus".to_owned()])
        .collect();
    assert_eq!(ids(&summary.items, |r| &r.item_id), expected);
    let exit = summary
        .items
        .iter()
        .find(|r| r.item_id == "exit-tickets")
        .expect("row");
    assert_eq!(exit.component, "Data-driven decisions");
    assert_eq!(exit.in_use, Some(true));
    assert_eq!(
        exit.next_step.as_deref(),
        Some("Try exit tickets on Fridays")
    );
    assert!(exit.next_step_done);
    let unanswered = summary
        .items
        .iter()
        .find(|r| r.item_id == "badges-for-skills")
        .expect("row");
    assert_eq!(unanswered.in_use, None);
}

#[test]
fn the_summary_is_deterministic() {
    assert_eq!(spring_summary(false, true), spring_summary(false, true));
}

#[test]
fn when_rated_practices_give_fewer_than_two_unrated_ones_in_the_strongest_area_fill_in() {
    let r = answered(vec![("station-rotation", level("could-coach"))]);
    let summary = summarize(&guide(), &r, None, &options(false, false));
    let suggestions = &summary.where_to_begin.suggestions;
    assert_eq!(
        ids(suggestions, |s| &s.practice_id),
        vec![
            "small-group-instruction",
            "short-whole-class-teaching",
            "mastery-workshops"
        ]
    );
    assert!(
        suggestions
            .iter()
            .all(|s| s.level_label.is_none() && s.kind == SuggestionKind::BuildsOnStrength)
    );
    assert_eq!(
        suggestions[0].reason,
        "Your strongest area is Targeted instruction, so this builds on it."
    );
}

#[test]
fn a_lens_that_counts_exactly_the_components_is_known_as_a_repeat() {
    let summary = spring_summary(false, false);
    let components = &summary.in_practice.components;
    let lens = |id: &str| {
        summary
            .lenses
            .iter()
            .find(|l| l.framework_id == id)
            .expect("lens")
    };
    // The guide's components are the Core Four: the same chart twice.
    assert!(lens("core-four").repeats(components));
    assert!(!lens("leap").repeats(components));
}
