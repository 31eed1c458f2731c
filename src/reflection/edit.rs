//! Pure edit operations on a reflection, checked against its guide.
//!
//! The app and the CLI both express every change as an [`Edit`] and apply it
//! with [`apply`], so there is one place that decides what a valid change is.

use crate::clock::{Timestamp, is_valid_date};
use crate::guide::{GradeBand, Guide, Item};

use super::model::{Answer, CoachNote, NextStep, PlanAnswer, Reflection};

/// One change a teacher or coach makes to a reflection.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    SetTitle(String),
    SetText {
        item: String,
        text: String,
    },
    SetLevel {
        item: String,
        level: Option<String>,
    },
    SetNote {
        item: String,
        note: String,
    },
    SetAffirmed {
        item: String,
        affirmed: bool,
    },
    SetPrivate {
        item: String,
        private: bool,
    },
    /// Flags (or unflags) a practice as a next step the teacher wants to try.
    SetNextStepWanted {
        item: String,
        wanted: bool,
    },
    SetNextStepAction {
        item: String,
        action: String,
    },
    SetNextStepRevisit {
        item: String,
        revisit_on: Option<String>,
    },
    SetNextStepDone {
        item: String,
        done: bool,
    },
    /// The grade band whose examples the teacher sees; `None` for the general ones.
    SetGradeBand(Option<GradeBand>),
    /// Chooses (or clears) the practice of a plan section.
    SetPlanPractice {
        item: String,
        practice: Option<String>,
    },
    SetPlanDate {
        item: String,
        date: Option<String>,
    },
    SetPlanHowIWillKnow {
        item: String,
        text: String,
    },
    AddCoachNote {
        item: Option<String>,
        text: String,
    },
    RemoveCoachNote {
        id: String,
    },
}

impl Edit {
    /// The guide item the edit is about, if it is about one.
    pub fn item(&self) -> Option<&str> {
        match self {
            Edit::SetText { item, .. }
            | Edit::SetLevel { item, .. }
            | Edit::SetNote { item, .. }
            | Edit::SetAffirmed { item, .. }
            | Edit::SetPrivate { item, .. }
            | Edit::SetNextStepWanted { item, .. }
            | Edit::SetNextStepAction { item, .. }
            | Edit::SetNextStepRevisit { item, .. }
            | Edit::SetNextStepDone { item, .. }
            | Edit::SetPlanPractice { item, .. }
            | Edit::SetPlanDate { item, .. }
            | Edit::SetPlanHowIWillKnow { item, .. } => Some(item),
            Edit::AddCoachNote { item, .. } => item.as_deref(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("this guide has no item \"{item}\"; valid items are: {choices}")]
    UnknownItem { item: String, choices: String },
    #[error("\"{item}\" has no level scale, so it cannot take a level")]
    NoScale { item: String },
    #[error("\"{level}\" is not a level of \"{item}\"; valid levels are: {choices}")]
    UnknownLevel {
        item: String,
        level: String,
        choices: String,
    },
    #[error("{what} applies to {expected} only, and \"{item}\" is not one")]
    WrongKind {
        item: String,
        what: &'static str,
        expected: &'static str,
    },
    #[error("\"{0}\" is not a date; write it as YYYY-MM-DD, for example 2026-12-01")]
    BadDate(String),
    #[error("\"{practice}\" is not a practice of this guide; valid practices are: {choices}")]
    UnknownPractice { practice: String, choices: String },
    #[error("there is no coach note \"{0}\"")]
    UnknownCoachNote(String),
}

/// Applies one edit. On error the reflection is unchanged.
pub fn apply(
    reflection: &mut Reflection,
    guide: &Guide,
    edit: Edit,
    now: Timestamp,
) -> Result<(), EditError> {
    match edit {
        Edit::SetTitle(title) => reflection.title = title,
        Edit::SetText { item, text } => {
            let found = lookup(guide, &item)?;
            if !matches!(found, Item::Question(_)) {
                return Err(wrong_kind(item, "free text", "questions"));
            }
            answer_mut(reflection, &item).text = text;
        }
        Edit::SetLevel { item, level } => {
            let found = lookup(guide, &item)?;
            let scale = found
                .scale_id()
                .and_then(|id| guide.scale(id))
                .ok_or_else(|| EditError::NoScale { item: item.clone() })?;
            if let Some(level) = &level
                && scale.level(level).is_none()
            {
                let choices = scale
                    .levels
                    .iter()
                    .map(|l| l.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(EditError::UnknownLevel {
                    item,
                    level: level.clone(),
                    choices,
                });
            }
            answer_mut(reflection, &item).level = level;
        }
        Edit::SetNote { item, note } => {
            lookup(guide, &item)?;
            answer_mut(reflection, &item).note = note;
        }
        Edit::SetAffirmed { item, affirmed } => {
            if !matches!(lookup(guide, &item)?, Item::Statement(_)) {
                return Err(wrong_kind(item, "affirming", "statements"));
            }
            answer_mut(reflection, &item).affirmed = affirmed;
        }
        Edit::SetPrivate { item, private } => {
            // Privacy may be set on any answer the reflection holds, even one
            // whose item the guide no longer has, so that it can still be hidden.
            if !reflection.answers.contains_key(&item) {
                lookup(guide, &item)?;
            }
            answer_mut(reflection, &item).private = private;
        }
        Edit::SetNextStepWanted { item, wanted } => {
            practice(guide, &item)?;
            let answer = answer_mut(reflection, &item);
            match (wanted, answer.next_step.is_some()) {
                (true, false) => answer.next_step = Some(NextStep::default()),
                (false, true) => answer.next_step = None,
                _ => {}
            }
        }
        Edit::SetNextStepAction { item, action } => {
            practice(guide, &item)?;
            next_step_mut(reflection, &item).action = action;
        }
        Edit::SetNextStepRevisit { item, revisit_on } => {
            practice(guide, &item)?;
            let revisit_on = revisit_on
                .map(|d| d.trim().to_owned())
                .filter(|d| !d.is_empty());
            if let Some(date) = &revisit_on
                && !is_valid_date(date)
            {
                return Err(EditError::BadDate(date.clone()));
            }
            next_step_mut(reflection, &item).revisit_on = revisit_on;
        }
        Edit::SetNextStepDone { item, done } => {
            practice(guide, &item)?;
            next_step_mut(reflection, &item).done = done;
        }
        Edit::SetGradeBand(band) => reflection.grade_band = band,
        Edit::SetPlanPractice { item, practice } => {
            plan(guide, &item)?;
            let practice = practice
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty());
            if let Some(id) = &practice
                && !matches!(guide.item(id), Some(Item::Practice { .. }))
            {
                return Err(EditError::UnknownPractice {
                    practice: id.clone(),
                    choices: practice_ids(guide),
                });
            }
            plan_mut(reflection, &item).practice = practice;
        }
        Edit::SetPlanDate { item, date } => {
            plan(guide, &item)?;
            let date = date.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty());
            if let Some(date) = &date
                && !is_valid_date(date)
            {
                return Err(EditError::BadDate(date.clone()));
            }
            plan_mut(reflection, &item).date = date;
        }
        Edit::SetPlanHowIWillKnow { item, text } => {
            plan(guide, &item)?;
            plan_mut(reflection, &item).how_i_will_know = text;
        }
        Edit::AddCoachNote { item, text } => {
            if let Some(item) = &item {
                lookup(guide, item)?;
            }
            reflection.coach_notes.push(CoachNote {
                id: crate::clock::new_id("n"),
                item_id: item,
                text,
                created: now.clone(),
                extra: serde_json::Map::default(),
            });
        }
        Edit::RemoveCoachNote { id } => {
            let before = reflection.coach_notes.len();
            reflection.coach_notes.retain(|note| note.id != id);
            if reflection.coach_notes.len() == before {
                return Err(EditError::UnknownCoachNote(id));
            }
        }
    }
    prune_empty_answers(reflection);
    reflection.updated = now;
    Ok(())
}

fn lookup<'g>(guide: &'g Guide, item: &str) -> Result<Item<'g>, EditError> {
    guide.item(item).ok_or_else(|| EditError::UnknownItem {
        item: item.to_owned(),
        choices: guide
            .items()
            .map(|i| i.id().to_owned())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

fn practice(guide: &Guide, item: &str) -> Result<(), EditError> {
    match lookup(guide, item)? {
        Item::Practice { .. } => Ok(()),
        _ => Err(wrong_kind(item.to_owned(), "a next step", "practices")),
    }
}

fn plan(guide: &Guide, item: &str) -> Result<(), EditError> {
    match lookup(guide, item)? {
        Item::Plan(_) => Ok(()),
        _ => Err(wrong_kind(item.to_owned(), "a plan", "plan sections")),
    }
}

fn practice_ids(guide: &Guide) -> String {
    guide
        .items()
        .filter(|item| matches!(item, Item::Practice { .. }))
        .map(|item| item.id().to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

fn plan_mut<'r>(reflection: &'r mut Reflection, item: &str) -> &'r mut PlanAnswer {
    answer_mut(reflection, item)
        .plan
        .get_or_insert_with(PlanAnswer::default)
}

fn wrong_kind(item: String, what: &'static str, expected: &'static str) -> EditError {
    EditError::WrongKind {
        item,
        what,
        expected,
    }
}

fn answer_mut<'r>(reflection: &'r mut Reflection, item: &str) -> &'r mut Answer {
    reflection.answers.entry(item.to_owned()).or_default()
}

fn next_step_mut<'r>(reflection: &'r mut Reflection, item: &str) -> &'r mut NextStep {
    answer_mut(reflection, item)
        .next_step
        .get_or_insert_with(NextStep::default)
}

/// Drops answers that hold nothing at all, so that clearing a field leaves no trace.
/// Answers with unknown fields from a newer version are kept.
fn prune_empty_answers(reflection: &mut Reflection) {
    reflection.answers.retain(|_, answer| {
        if answer.plan.as_ref().is_some_and(PlanAnswer::is_empty) {
            answer.plan = None;
        }
        answer.is_answered()
            || answer.next_step.is_some()
            || answer.private
            || !answer.extra.is_empty()
    });
}

#[cfg(test)]
mod tests;
