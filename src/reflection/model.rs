//! Teachers, reflections and answers: the teacher's own words, as plain data.
//!
//! Every struct keeps fields it does not know in `extra`, so a file written by
//! a newer version of the app loses nothing when this version saves it again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::clock::Timestamp;

/// The reflection file format this build writes.
pub const REFLECTION_FORMAT: u32 = 1;
/// The teachers file format this build writes.
pub const TEACHERS_FORMAT: u32 = 1;

/// Someone who reflects. A teacher reflecting privately has exactly one; a coach has many.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Teacher {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One pass through one guide by one teacher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reflection {
    pub format: u32,
    pub id: String,
    pub teacher_id: String,
    pub guide_id: String,
    /// The guide's content version when the reflection was started.
    pub guide_version: u32,
    /// An optional name such as "Fall check-in".
    #[serde(default)]
    pub title: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// Answers keyed by the guide item's stable id, never by position.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// The grade band the teacher chose, so examples fit their students.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade_band: Option<crate::guide::GradeBand>,
    /// The coach's notes, kept apart from the teacher's own words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coach_notes: Vec<CoachNote>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A teacher's answer to one guide item. Which fields matter depends on the item:
/// questions use `text` (and `level` if they have a scale), practices use
/// `level`, `note` and `next_step`, statements use `affirmed` and `note`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Evidence or a note: "what this looks like in my room".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<NextStep>,
    /// The answer to a plan section: "My next step".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanAnswer>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub affirmed: bool,
    /// A private answer stays on this machine and is left out of exports unless asked for.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A practice the teacher wants to try next, with one small action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NextStep {
    /// A small, concrete action, for example "Try exit tickets on Fridays".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    /// When to look at it again, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revisit_on: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// "My next step": one practice, a date, and how the teacher will know it worked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanAnswer {
    /// The id of the chosen practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice: Option<String>,
    /// When the teacher will try it, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// How I will know it worked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how_i_will_know: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PlanAnswer {
    pub fn is_empty(&self) -> bool {
        self.practice.is_none()
            && self.date.is_none()
            && self.how_i_will_know.trim().is_empty()
            && self.extra.is_empty()
    }
}

/// A note written by a coach, on the whole reflection or on one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoachNote {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    pub text: String,
    pub created: Timestamp,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Answer {
    /// Whether the teacher has said anything for this item yet.
    pub fn is_answered(&self) -> bool {
        !self.text.trim().is_empty()
            || self.level.is_some()
            || self.affirmed
            || !self.note.trim().is_empty()
            || self.plan.as_ref().is_some_and(|plan| !plan.is_empty())
    }

    pub fn wants_next_step(&self) -> bool {
        self.next_step.is_some()
    }
}

impl Teacher {
    pub fn new(name: &str, now: Timestamp) -> Self {
        Teacher {
            id: crate::clock::new_id("t"),
            name: name.trim().to_owned(),
            notes: String::new(),
            created: now.clone(),
            updated: now,
            archived: false,
            extra: Map::new(),
        }
    }
}

impl Reflection {
    pub fn new(teacher_id: &str, guide: &crate::guide::Guide, title: &str, now: Timestamp) -> Self {
        Reflection {
            format: REFLECTION_FORMAT,
            id: crate::clock::new_id("r"),
            teacher_id: teacher_id.to_owned(),
            guide_id: guide.id.clone(),
            guide_version: guide.version,
            title: title.trim().to_owned(),
            created: now.clone(),
            updated: now,
            answers: BTreeMap::new(),
            grade_band: None,
            coach_notes: Vec::new(),
            extra: Map::new(),
        }
    }

    pub fn answer(&self, item_id: &str) -> Option<&Answer> {
        self.answers.get(item_id)
    }

    /// A name to show for the reflection: its title, or the date it was started.
    pub fn display_title(&self) -> String {
        if self.title.trim().is_empty() {
            format!("Reflection of {}", self.created.date())
        } else {
            self.title.clone()
        }
    }

    /// A copy to start a new check-in from: the same answers, a new id and times.
    /// Coach notes and "done" next steps are not carried over.
    #[must_use]
    pub fn duplicate(&self, title: &str, guide: &crate::guide::Guide, now: Timestamp) -> Self {
        let mut copy = Reflection::new(&self.teacher_id, guide, title, now);
        copy.answers = self.answers.clone();
        copy.grade_band = self.grade_band;
        for answer in copy.answers.values_mut() {
            if answer.next_step.as_ref().is_some_and(|step| step.done) {
                answer.next_step = None;
            }
        }
        copy
    }
}

/// The reflection a summary compares with: the same teacher's newest
/// reflection on the same guide that was started before `current`.
///
/// Start times have one-second resolution, so two check-ins started in the
/// same second are told apart by their ids, which begin with the millisecond
/// they were made. Of any two reflections, exactly one is started before the
/// other, so they never each call the other "previous".
pub fn previous_reflection<'r>(
    all: impl IntoIterator<Item = &'r Reflection>,
    current: &Reflection,
) -> Option<&'r Reflection> {
    let started = |r: &'r Reflection| (&r.created, &r.id);
    all.into_iter()
        .filter(|r| {
            r.teacher_id == current.teacher_id
                && r.guide_id == current.guide_id
                && (&r.created, &r.id) < (&current.created, &current.id)
        })
        .max_by_key(|r| started(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reflection(id: &str, teacher: &str, guide: &str, created: &str) -> Reflection {
        Reflection {
            format: REFLECTION_FORMAT,
            id: id.into(),
            teacher_id: teacher.into(),
            guide_id: guide.into(),
            guide_version: 1,
            title: String::new(),
            created: Timestamp(created.into()),
            updated: Timestamp(created.into()),
            answers: BTreeMap::new(),
            grade_band: None,
            coach_notes: Vec::new(),
            extra: Map::new(),
        }
    }

    fn previous_id<'a>(all: &'a [Reflection], current: &str) -> Option<&'a str> {
        let current = all.iter().find(|r| r.id == current).expect("current");
        previous_reflection(all, current).map(|r| r.id.as_str())
    }

    #[test]
    fn the_previous_reflection_is_the_newest_earlier_one_of_the_same_teacher_and_guide() {
        let all = [
            reflection("r-a", "t-1", "g", "2025-09-01T10:00:00Z"),
            reflection("r-b", "t-1", "g", "2026-01-10T10:00:00Z"),
            reflection("r-c", "t-1", "g", "2026-05-01T10:00:00Z"),
            reflection("r-other-teacher", "t-2", "g", "2026-04-01T10:00:00Z"),
            reflection("r-other-guide", "t-1", "h", "2026-04-01T10:00:00Z"),
        ];
        assert_eq!(previous_id(&all, "r-c"), Some("r-b"));
        assert_eq!(previous_id(&all, "r-b"), Some("r-a"));
        assert_eq!(previous_id(&all, "r-a"), None);
        assert_eq!(previous_id(&all, "r-other-teacher"), None);
    }

    #[test]
    fn check_ins_started_in_the_same_second_are_ordered_by_id() {
        let second = "2026-05-01T10:00:00Z";
        let all = [
            reflection("r-mabc0001-aaaaaa", "t-1", "g", second),
            reflection("r-mabc0002-aaaaaa", "t-1", "g", second),
            reflection("r-mabc0003-aaaaaa", "t-1", "g", second),
        ];
        assert_eq!(
            previous_id(&all, "r-mabc0003-aaaaaa"),
            Some("r-mabc0002-aaaaaa")
        );
        assert_eq!(
            previous_id(&all, "r-mabc0002-aaaaaa"),
            Some("r-mabc0001-aaaaaa")
        );
        assert_eq!(previous_id(&all, "r-mabc0001-aaaaaa"), None);
    }

    #[test]
    fn ids_begin_with_the_millisecond_so_later_ids_sort_later() {
        let first = crate::clock::new_id("r");
        std::thread::sleep(std::time::Duration::from_millis(3));
        let second = crate::clock::new_id("r");
        assert!(first < second, "{first} then {second}");
    }
}
