use super::*;
use crate::guide::GuideLibrary;

fn setup() -> (std::sync::Arc<Guide>, Reflection) {
    let library = GuideLibrary::built_in();
    let guide = std::sync::Arc::clone(library.default_guide().expect("default guide"));
    let reflection = Reflection::new(
        "t-1",
        &guide,
        "Fall",
        Timestamp("2026-09-01T10:00:00Z".into()),
    );
    (guide, reflection)
}

fn at(n: u32) -> Timestamp {
    Timestamp(format!("2026-09-01T10:{n:02}:00Z"))
}

#[test]
fn answers_are_keyed_by_item_id_and_update_the_time() {
    let (guide, mut r) = setup();
    let edit = Edit::SetLevel {
        item: "station-rotation".into(),
        level: Some("trying".into()),
    };
    apply(&mut r, &guide, edit, at(5)).expect("valid");
    assert_eq!(
        r.answers["station-rotation"].level.as_deref(),
        Some("trying")
    );
    assert_eq!(r.updated, at(5));
}

#[test]
fn an_unknown_item_or_level_is_refused_with_the_valid_choices() {
    let (guide, mut r) = setup();
    let before = r.clone();
    let error = apply(
        &mut r,
        &guide,
        Edit::SetNote {
            item: "nope".into(),
            note: "x".into(),
        },
        at(1),
    )
    .expect_err("unknown");
    assert!(error.to_string().contains("station-rotation"), "{error}");
    let error = apply(
        &mut r,
        &guide,
        Edit::SetLevel {
            item: "station-rotation".into(),
            level: Some("great".into()),
        },
        at(1),
    )
    .expect_err("unknown level");
    assert!(
        error
            .to_string()
            .contains("not-yet, trying, regular, could-coach"),
        "{error}"
    );
    assert_eq!(r, before, "a refused edit changes nothing");
}

#[test]
fn each_kind_of_item_takes_only_its_own_answers() {
    let (guide, mut r) = setup();
    let text_on_practice = Edit::SetText {
        item: "station-rotation".into(),
        text: "x".into(),
    };
    assert!(matches!(
        apply(&mut r, &guide, text_on_practice, at(1)),
        Err(EditError::WrongKind { .. })
    ));
    let step_on_question = Edit::SetNextStepWanted {
        item: "q-would-they-come".into(),
        wanted: true,
    };
    assert!(matches!(
        apply(&mut r, &guide, step_on_question, at(1)),
        Err(EditError::WrongKind { .. })
    ));
    let affirm_practice = Edit::SetAffirmed {
        item: "station-rotation".into(),
        affirmed: true,
    };
    assert!(matches!(
        apply(&mut r, &guide, affirm_practice, at(1)),
        Err(EditError::WrongKind { .. })
    ));
    let level_on_statement = Edit::SetLevel {
        item: "truth-i-care".into(),
        level: Some("trying".into()),
    };
    assert!(matches!(
        apply(&mut r, &guide, level_on_statement, at(1)),
        Err(EditError::NoScale { .. })
    ));
}

#[test]
fn a_next_step_holds_a_small_action_a_revisit_date_and_done() {
    let (guide, mut r) = setup();
    let item = || "exit-tickets".to_owned();
    apply(
        &mut r,
        &guide,
        Edit::SetNextStepWanted {
            item: item(),
            wanted: true,
        },
        at(1),
    )
    .expect("flag");
    apply(
        &mut r,
        &guide,
        Edit::SetNextStepAction {
            item: item(),
            action: "Fridays".into(),
        },
        at(2),
    )
    .expect("action");
    let bad = apply(
        &mut r,
        &guide,
        Edit::SetNextStepRevisit {
            item: item(),
            revisit_on: Some("2026-02-30".into()),
        },
        at(3),
    );
    assert_eq!(bad, Err(EditError::BadDate("2026-02-30".into())));
    apply(
        &mut r,
        &guide,
        Edit::SetNextStepRevisit {
            item: item(),
            revisit_on: Some("2026-12-04".into()),
        },
        at(3),
    )
    .expect("date");
    apply(
        &mut r,
        &guide,
        Edit::SetNextStepDone {
            item: item(),
            done: true,
        },
        at(4),
    )
    .expect("done");
    let step = r.answers["exit-tickets"].next_step.clone().expect("step");
    assert_eq!(
        (step.action.as_str(), step.revisit_on.as_deref(), step.done),
        ("Fridays", Some("2026-12-04"), true)
    );
    apply(
        &mut r,
        &guide,
        Edit::SetNextStepWanted {
            item: item(),
            wanted: false,
        },
        at(5),
    )
    .expect("unflag");
    assert!(
        !r.answers.contains_key("exit-tickets"),
        "an answer with nothing left is dropped"
    );
}

#[test]
fn an_answer_the_guide_no_longer_has_is_kept_and_can_still_be_made_private() {
    let (guide, mut r) = setup();
    r.answers.insert(
        "retired-practice".into(),
        Answer {
            note: "my words".into(),
            ..Answer::default()
        },
    );
    apply(
        &mut r,
        &guide,
        Edit::SetText {
            item: "q-would-they-come".into(),
            text: "Yes".into(),
        },
        at(1),
    )
    .expect("edit");
    assert_eq!(r.answers["retired-practice"].note, "my words");
    apply(
        &mut r,
        &guide,
        Edit::SetPrivate {
            item: "retired-practice".into(),
            private: true,
        },
        at(2),
    )
    .expect("private");
    assert!(r.answers["retired-practice"].private);
    assert_eq!(crate::reflection::orphaned_answers(&guide, &r).len(), 1);
}

#[test]
fn coach_notes_stay_apart_from_the_teachers_answers() {
    let (guide, mut r) = setup();
    apply(
        &mut r,
        &guide,
        Edit::AddCoachNote {
            item: Some("station-rotation".into()),
            text: "Ask about timing".into(),
        },
        at(1),
    )
    .expect("note");
    assert!(r.answers.is_empty());
    assert_eq!(r.coach_notes.len(), 1);
    let id = r.coach_notes[0].id.clone();
    apply(
        &mut r,
        &guide,
        Edit::RemoveCoachNote { id: id.clone() },
        at(2),
    )
    .expect("remove");
    assert_eq!(
        apply(
            &mut r,
            &guide,
            Edit::RemoveCoachNote { id: id.clone() },
            at(3)
        ),
        Err(EditError::UnknownCoachNote(id))
    );
}
