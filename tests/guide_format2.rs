//! Guide format 2: the shipped guides' first steps, evidence prompts, K-2
//! examples, glossaries and time; a format 1 guide still loading; old answers
//! on a changed scale staying readable; and the plan section from an edit to
//! every export.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::path::Path;

use pl_reflect::clock::Timestamp;
use pl_reflect::export::{Export, Format, pdf::PdfOptions, render};
use pl_reflect::guide::{GradeBand, Guide, GuideLibrary, Item, Section, read_guide_file};
use pl_reflect::reflection::{Answer, Edit, EditError, Reflection, apply};
use pl_reflect::summary::{SummaryOptions, summarize};

fn built_in(id: &str) -> Guide {
    let library = GuideLibrary::built_in();
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    (**library.get(id).expect("built in")).clone()
}

fn now() -> Timestamp {
    Timestamp("2026-03-01T09:00:00Z".to_owned())
}

fn practices(guide: &Guide) -> Vec<&pl_reflect::guide::Practice> {
    guide
        .items()
        .filter_map(|item| match item {
            Item::Practice { practice, .. } => Some(practice),
            _ => None,
        })
        .collect()
}

#[test]
fn every_where_to_begin_practice_has_a_first_step_evidence_and_a_k2_example() {
    let guide = built_in("where-to-begin");
    assert_eq!(guide.format, 2);
    for practice in practices(&guide) {
        assert!(practice.first_step.is_some(), "{}", practice.id);
        assert!(!practice.evidence.is_empty(), "{}", practice.id);
        assert!(
            practice.examples.get(GradeBand::K2).is_some(),
            "{}",
            practice.id
        );
        assert_ne!(
            practice.example_for(Some(GradeBand::K2)),
            practice.example,
            "{}",
            practice.id
        );
        assert_eq!(
            practice.example_for(Some(GradeBand::G9to12)),
            practice.example
        );
    }
    assert!(guide.term("exit tickets").is_some());
    assert!(
        guide
            .terms_in("Run a station rotation today")
            .iter()
            .any(|t| t.id == "station-rotation")
    );
    assert!(guide.terms_in("stationery").is_empty(), "whole words only");
}

#[test]
fn every_shipped_guide_has_first_steps_time_a_glossary_and_a_plan() {
    for id in ["where-to-begin", "overcoming-barriers", "leading-change"] {
        let guide = built_in(id);
        for practice in practices(&guide) {
            assert!(practice.first_step.is_some(), "{id}: {}", practice.id);
        }
        let time = guide.time.as_ref().expect("time and cadence");
        assert!(time.minutes > 0 && !time.come_back.is_empty());
        assert!(!guide.glossary.is_empty(), "{id}");
        assert!(
            guide.sections.iter().any(|s| matches!(s, Section::Plan(_))),
            "{id}"
        );
        assert!(!guide.source.author.contains("not named in"), "{id}");
    }
}

#[test]
fn no_big_question_is_offered_a_scale_that_does_not_fit_it() {
    let guide = built_in("where-to-begin");
    let Some(Item::Question(q)) = guide.item("q-my-own-child") else {
        panic!("question");
    };
    let scale = guide
        .scale(q.scale.as_deref().expect("a scale"))
        .expect("known");
    assert!(
        scale
            .levels
            .iter()
            .all(|l| !l.description.contains("for most of my students")),
        "{scale:?}"
    );
}

#[test]
fn a_format_1_guide_still_loads_and_a_format_2_fixture_loads_with_every_new_field() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guides");
    let old = read_guide_file(&root.join("valid-tiny.json")).expect("format 1 loads");
    assert_eq!(old.format, 1);
    assert!(old.glossary.is_empty() && old.time.is_none());
    let new = read_guide_file(&root.join("valid-format2.json")).expect("format 2 loads");
    assert_eq!(new.time.as_ref().map(|t| t.minutes), Some(10));
    assert!(matches!(new.item("my-next-step"), Some(Item::Plan(_))));
    assert_eq!(new.counts().items(), old.counts().items() + 1);
}

#[test]
fn an_answer_given_on_the_old_scale_is_still_shown_by_its_label() {
    let guide = built_in("where-to-begin");
    let mut reflection = Reflection::new("t-1", &guide, "Old", now());
    reflection.answers.insert(
        "q-my-own-child".to_owned(),
        Answer {
            text: "Mostly yes.".to_owned(),
            level: Some("most-days".to_owned()),
            ..Answer::default()
        },
    );
    let summary = summarize(&guide, &reflection, None, &SummaryOptions::default());
    let answer = summary
        .words
        .answers
        .iter()
        .find(|a| a.question_id == "q-my-own-child")
        .expect("kept");
    assert_eq!(answer.level_label.as_deref(), Some("Most days"));
    assert_eq!(answer.text, "Mostly yes.");
}

fn planned() -> (Guide, Reflection) {
    let guide = built_in("where-to-begin");
    let mut reflection = Reflection::new("t-1", &guide, "Spring", now());
    for edit in [
        Edit::SetLevel {
            item: "station-rotation".to_owned(),
            level: Some("trying".to_owned()),
        },
        Edit::SetPlanPractice {
            item: "my-next-step".to_owned(),
            practice: Some("exit-tickets".to_owned()),
        },
        Edit::SetPlanDate {
            item: "my-next-step".to_owned(),
            date: Some("2026-03-13".to_owned()),
        },
        Edit::SetPlanHowIWillKnow {
            item: "my-next-step".to_owned(),
            text: "Tomorrow's groups <come> from the slips".to_owned(),
        },
        Edit::SetGradeBand(Some(GradeBand::K2)),
    ] {
        apply(&mut reflection, &guide, edit, now()).expect("valid edit");
    }
    (guide, reflection)
}

#[test]
fn a_plan_takes_a_practice_of_the_guide_and_a_real_date_only() {
    let (guide, mut reflection) = planned();
    let before = reflection.clone();
    let bad_practice = apply(
        &mut reflection,
        &guide,
        Edit::SetPlanPractice {
            item: "my-next-step".to_owned(),
            practice: Some("q-my-own-child".to_owned()),
        },
        now(),
    );
    assert!(matches!(
        bad_practice,
        Err(EditError::UnknownPractice { .. })
    ));
    let bad_date = apply(
        &mut reflection,
        &guide,
        Edit::SetPlanDate {
            item: "my-next-step".to_owned(),
            date: Some("13 March".to_owned()),
        },
        now(),
    );
    assert!(matches!(bad_date, Err(EditError::BadDate(_))));
    let not_a_plan = apply(
        &mut reflection,
        &guide,
        Edit::SetPlanDate {
            item: "exit-tickets".to_owned(),
            date: None,
        },
        now(),
    );
    assert!(matches!(not_a_plan, Err(EditError::WrongKind { .. })));
    assert_eq!(reflection, before);
    // The file keeps the plan and the band, and reads back the same.
    let text = serde_json::to_string(&reflection).expect("json");
    assert!(text.contains("\"grade_band\":\"k-2\"") && text.contains("\"how_i_will_know\""));
    let back: Reflection = serde_json::from_str(&text).expect("reads back");
    assert_eq!(back, reflection);
}

#[test]
fn the_plan_first_steps_and_glossary_reach_every_export() {
    let (guide, reflection) = planned();
    let summary = summarize(&guide, &reflection, None, &SummaryOptions::default());
    let plan = &summary.where_to_begin.plans[0];
    assert_eq!(
        plan.practice.as_deref(),
        Some("Exit tickets and quick checks")
    );
    assert!(plan.first_step.is_some());
    let suggestion = &summary.where_to_begin.suggestions[0];
    assert_eq!(suggestion.practice_id, "station-rotation");
    assert!(
        suggestion
            .first_step
            .as_deref()
            .is_some_and(|s| s.contains("two stations"))
    );
    let pdf = PdfOptions::default();
    let exported = now();
    let export = Export {
        summary: &summary,
        reflection: &reflection,
        exported: &exported,
        pdf: &pdf,
    };
    let text =
        |format| String::from_utf8(render(format, &export).expect("renders")).expect("utf-8");
    let md = text(Format::Markdown);
    assert!(
        md.contains("My next step") && md.contains("When: 2026-03-13"),
        "{md}"
    );
    assert!(
        md.contains("A first step this week: Next Friday, run two stations"),
        "{md}"
    );
    let html = text(Format::Html);
    assert!(
        html.contains("Tomorrow&#39;s groups &lt;come&gt; from the slips")
            || html.contains("Tomorrow's groups &lt;come&gt; from the slips"),
        "escaped"
    );
    assert!(html.contains("Appendix: words used in this guide") && html.contains("Exit ticket"));
    let csv = text(Format::Csv);
    assert!(csv.contains("my-next-step,plan,My next step"), "{csv}");
    assert!(
        csv.contains("Exit tickets and quick checks,2026-03-13"),
        "{csv}"
    );
    let json = text(Format::Json);
    assert!(
        json.contains("\"practice\": \"exit-tickets\"") && json.contains("\"grade_band\": \"k-2\"")
    );
    let back = pl_reflect::export::json::parse_exported(json.as_bytes()).expect("imports back");
    assert_eq!(back.reflection.answers, reflection.answers);
    let pdf = render(Format::Pdf, &export).expect("passes PDF/UA-1 validation");
    assert!(pdf.starts_with(b"%PDF"));
}
