//! Next steps whose revisit date has come: what a coach should look at again
//! with whom, across every teacher.

use std::collections::HashMap;

use serde::Serialize;

use crate::clock::is_valid_date;
use crate::reflection::{Reflection, Teacher};
use crate::session::CoachSession;

/// Where a next step was written down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RevisitSource {
    /// A practice's next step in a teacher's reflection.
    Reflection {
        reflection_id: String,
        item_id: String,
    },
    /// A step agreed in a coaching session.
    Session { session_id: String, step_id: String },
}

/// A next step to look at again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueRevisit {
    pub teacher_id: String,
    pub teacher_name: String,
    /// The step as written (may be empty when the teacher flagged a practice
    /// without writing an action; show the practice's name then).
    pub what: String,
    /// The guide item the step belongs to, if any, for its name.
    pub item_id: Option<String>,
    /// `YYYY-MM-DD`, on or before today.
    pub revisit_on: String,
    pub source: RevisitSource,
}

/// Every next step not done whose revisit date is on or before `today`
/// (`YYYY-MM-DD`), for teachers who are not archived, oldest date first (then
/// by teacher name, then by what).
///
/// From reflections, only each teacher's newest reflection on each guide
/// counts: a new check-in carries its open next steps over from the last one,
/// so older reflections hold the same steps again, or steps since left behind.
/// From sessions, every agreed step counts. Steps with no revisit date, or a
/// date that is not `YYYY-MM-DD`, are never due.
pub fn due_revisits<'r, 's>(
    teachers: &[Teacher],
    reflections: impl IntoIterator<Item = &'r Reflection>,
    sessions: impl IntoIterator<Item = &'s CoachSession>,
    today: &str,
) -> Vec<DueRevisit> {
    let active: HashMap<&str, &Teacher> = teachers
        .iter()
        .filter(|t| !t.archived)
        .map(|t| (t.id.as_str(), t))
        .collect();
    let is_due = |date: Option<&str>| {
        date.filter(|d| is_valid_date(d) && *d <= today)
            .map(str::to_owned)
    };
    let mut due = Vec::new();
    for reflection in newest_per_teacher_and_guide(reflections) {
        let Some(teacher) = active.get(reflection.teacher_id.as_str()) else {
            continue;
        };
        for (item_id, answer) in &reflection.answers {
            let Some(step) = answer.next_step.as_ref().filter(|s| !s.done) else {
                continue;
            };
            if let Some(revisit_on) = is_due(step.revisit_on.as_deref()) {
                due.push(DueRevisit {
                    teacher_id: teacher.id.clone(),
                    teacher_name: teacher.name.clone(),
                    what: step.action.trim().to_owned(),
                    item_id: Some(item_id.clone()),
                    revisit_on,
                    source: RevisitSource::Reflection {
                        reflection_id: reflection.id.clone(),
                        item_id: item_id.clone(),
                    },
                });
            }
        }
    }
    for session in sessions {
        let Some(teacher) = active.get(session.teacher_id.as_str()) else {
            continue;
        };
        for step in session.open_steps() {
            if let Some(revisit_on) = is_due(step.revisit_on.as_deref()) {
                due.push(DueRevisit {
                    teacher_id: teacher.id.clone(),
                    teacher_name: teacher.name.clone(),
                    what: step.text.trim().to_owned(),
                    item_id: step.item_id.clone(),
                    revisit_on,
                    source: RevisitSource::Session {
                        session_id: session.id.clone(),
                        step_id: step.id.clone(),
                    },
                });
            }
        }
    }
    due.sort_by(|a, b| {
        (&a.revisit_on, &a.teacher_name, &a.what, &a.teacher_id).cmp(&(
            &b.revisit_on,
            &b.teacher_name,
            &b.what,
            &b.teacher_id,
        ))
    });
    due
}

/// Each teacher's newest reflection on each guide (by start, then last change, then id).
pub(super) fn newest_per_teacher_and_guide<'r>(
    reflections: impl IntoIterator<Item = &'r Reflection>,
) -> Vec<&'r Reflection> {
    let mut newest: HashMap<(&str, &str), &Reflection> = HashMap::new();
    for reflection in reflections {
        let key = (reflection.teacher_id.as_str(), reflection.guide_id.as_str());
        if newest
            .get(&key)
            .is_none_or(|kept| super::is_newer(reflection, kept))
        {
            newest.insert(key, reflection);
        }
    }
    newest.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Timestamp;
    use crate::coach::test_support::{level, reflection, step, teacher};
    use crate::coach::{SessionEdit, apply_session_edit};

    const TODAY: &str = "2026-03-10";

    fn session_with_steps(
        id: &str,
        teacher_id: &str,
        steps: &[(&str, Option<&str>, bool)],
    ) -> CoachSession {
        let now = Timestamp("2026-02-01T10:00:00Z".into());
        let mut session = CoachSession::new(teacher_id, "2026-02-01", now.clone()).unwrap();
        session.id = id.to_owned();
        for (text, revisit, done) in steps {
            apply_session_edit(
                &mut session,
                SessionEdit::AddStep {
                    text: (*text).to_owned(),
                    item_id: None,
                    revisit_on: revisit.map(str::to_owned),
                },
                now.clone(),
            )
            .unwrap();
            let id = session.next_steps.last().unwrap().id.clone();
            apply_session_edit(
                &mut session,
                SessionEdit::SetStepDone { id, done: *done },
                now.clone(),
            )
            .unwrap();
        }
        session
    }

    #[test]
    fn due_on_or_before_today_not_done_sorted_by_date() {
        let teachers = vec![teacher("t-1", "Ana"), teacher("t-2", "Ben")];
        let ana = reflection(
            "r-ana",
            "t-1",
            "2026-02-01T10:00:00Z",
            vec![
                (
                    "stations",
                    step(level("trying"), "Two stations", Some("2026-03-10"), false),
                ),
                (
                    "tickets",
                    step(level("trying"), "Fridays", Some("2026-03-11"), false),
                ),
                (
                    "groups",
                    step(level("trying"), "Done", Some("2026-01-01"), true),
                ),
                ("tracking", step(level("trying"), "No date", None, false)),
                (
                    "conferring",
                    step(level("trying"), "Bad date", Some("soon"), false),
                ),
            ],
        );
        let ben_session = session_with_steps(
            "s-ben",
            "t-2",
            &[
                ("Co-plan", Some("2026-02-20"), false),
                ("Old", Some("2026-02-01"), true),
            ],
        );
        let due = due_revisits(&teachers, [&ana], [&ben_session], TODAY);
        let seen: Vec<(&str, &str, &str)> = due
            .iter()
            .map(|d| {
                (
                    d.revisit_on.as_str(),
                    d.teacher_name.as_str(),
                    d.what.as_str(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("2026-02-20", "Ben", "Co-plan"),
                ("2026-03-10", "Ana", "Two stations")
            ]
        );
        assert!(matches!(
            &due[0].source,
            RevisitSource::Session { session_id, .. } if session_id == "s-ben"
        ));
        assert_eq!(
            due[1].source,
            RevisitSource::Reflection {
                reflection_id: "r-ana".into(),
                item_id: "stations".into()
            }
        );
        assert_eq!(due[1].item_id.as_deref(), Some("stations"));
    }

    #[test]
    fn archived_and_unknown_teachers_are_skipped() {
        let mut teachers = vec![teacher("t-1", "Ana"), teacher("t-2", "Ben")];
        teachers[1].archived = true;
        let due_step = |id: &str, teacher: &str| {
            reflection(
                id,
                teacher,
                "2026-02-01T10:00:00Z",
                vec![(
                    "stations",
                    step(level("trying"), "x", Some("2026-03-01"), false),
                )],
            )
        };
        let (ana, ben, ghost) = (
            due_step("r-1", "t-1"),
            due_step("r-2", "t-2"),
            due_step("r-3", "t-9"),
        );
        let due = due_revisits(&teachers, [&ana, &ben, &ghost], [], TODAY);
        let who: Vec<&str> = due.iter().map(|d| d.teacher_id.as_str()).collect();
        assert_eq!(who, ["t-1"]);
    }

    #[test]
    fn only_the_newest_reflection_per_teacher_and_guide_counts() {
        let teachers = vec![teacher("t-1", "Ana")];
        let carried = || step(level("trying"), "Two stations", Some("2026-03-01"), false);
        let fall = reflection(
            "r-fall",
            "t-1",
            "2025-10-01T10:00:00Z",
            vec![
                ("stations", carried()),
                (
                    "tickets",
                    step(level("trying"), "Left behind", Some("2025-11-01"), false),
                ),
            ],
        );
        let spring = reflection(
            "r-spring",
            "t-1",
            "2026-02-01T10:00:00Z",
            vec![("stations", carried())],
        );
        let mut other_guide = fall.clone();
        other_guide.id = "r-other".into();
        other_guide.guide_id = "other-guide".into();
        let due = due_revisits(&teachers, [&fall, &spring, &other_guide], [], TODAY);
        let sources: Vec<&RevisitSource> = due.iter().map(|d| &d.source).collect();
        assert_eq!(due.len(), 3, "{due:?}");
        assert!(sources.iter().all(|s| !matches!(s, RevisitSource::Reflection { reflection_id, .. } if reflection_id == "r-fall")));
    }
}
