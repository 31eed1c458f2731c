//! What changed since the previous reflection: levels that moved, practices
//! newly in use, next steps taken, and big-question answers that changed.

use crate::guide::{Guide, Item, Level};
use crate::reflection::{Answer, Reflection};

use super::model::{AnswerChange, Direction, LevelChange, SinceLastTime, StepDone};
use super::visible::{PracticeRef, Visible, level_label};

pub(super) fn since_last_time(
    guide: &Guide,
    practices: &[PracticeRef<'_>],
    now: &Visible<'_>,
    before: &Visible<'_>,
    previous: &Reflection,
) -> SinceLastTime {
    let mut moved = Vec::new();
    let mut newly_in_use = Vec::new();
    let mut steps_done = Vec::new();
    for p in practices {
        let Some(scale) = p.scale else { continue };
        let level_now = p.level(now.level(p.id()));
        let level_before = p.level(before.level(p.id()));
        let rank = |level: Option<&Level>| level.and_then(|level| scale.rank(&level.id));
        if let (Some(from), Some(to)) = (level_before, level_now)
            && from.id != to.id
        {
            moved.push(LevelChange {
                practice_id: p.practice.id.clone(),
                name: p.practice.name.clone(),
                component_title: p.component.title.clone(),
                from: from.label.clone(),
                to: to.label.clone(),
                direction: if rank(level_now) > rank(level_before) {
                    Direction::Up
                } else {
                    Direction::Down
                },
            });
        }
        if let Some(to) = level_now.filter(|level| level.in_use)
            && !level_before.is_some_and(|level| level.in_use)
        {
            newly_in_use.push(p.with_level(to));
        }
        let step_before = before
            .get(p.id())
            .and_then(|a| a.next_step.as_ref())
            .filter(|step| !step.done);
        if let Some(step_before) = step_before {
            let marked_done = now
                .get(p.id())
                .and_then(|a| a.next_step.as_ref())
                .is_some_and(|step| step.done);
            let moved_into_use =
                level_now.is_some_and(|level| level.in_use) && rank(level_now) > rank(level_before);
            if marked_done || moved_into_use {
                steps_done.push(StepDone {
                    practice_id: p.practice.id.clone(),
                    name: p.practice.name.clone(),
                    action: step_before.action.clone(),
                    marked_done,
                    level_label: level_now.map(|level| level.label.clone()),
                });
            }
        }
    }
    let changed_answers = guide
        .items()
        .filter_map(|item| {
            let Item::Question(question) = item else {
                return None;
            };
            let (a, b) = (before.get(&question.id), now.get(&question.id));
            let text = |answer: Option<&Answer>| {
                answer.map(|a| a.text.trim().to_owned()).unwrap_or_default()
            };
            let level = |answer: Option<&Answer>| {
                level_label(guide, &item, answer.and_then(|a| a.level.as_deref()))
            };
            let change = AnswerChange {
                question_id: question.id.clone(),
                prompt: question.prompt.clone(),
                before_text: text(a),
                before_level: level(a),
                now_text: text(b),
                now_level: level(b),
            };
            (change.before_text != change.now_text || change.before_level != change.now_level)
                .then_some(change)
        })
        .collect();
    SinceLastTime {
        previous_id: previous.id.clone(),
        previous_title: previous.display_title(),
        previous_date: previous.updated.date().to_owned(),
        moved,
        newly_in_use,
        steps_done,
        changed_answers,
    }
}
