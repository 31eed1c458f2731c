//! Two reflections of one teacher side by side, practice by practice.
//!
//! The changes the readiness summary calls "since last time" (levels that
//! moved, practices newly in use, next steps taken, answers that changed) come
//! from [`crate::summary::compare_reflections`], so the coach and the teacher
//! see the same rules. What this adds is every practice of the guide, in order
//! and grouped by component, with its level before and after.

use serde::Serialize;

use crate::guide::{Guide, Level};
use crate::reflection::Reflection;
use crate::summary::{AnswerChange, Count, PracticeLevel, StepDone, compare_reflections};

/// How one practice changed from the older reflection to the newer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A higher level, in use before and after (or not in use before and after).
    Up,
    /// A lower level, in use before and after (or not in use before and after).
    Down,
    /// The same level.
    Same,
    /// In use now, and not in use (or not rated) before.
    NewlyInUse,
    /// Not in use now, though it was before.
    NoLongerInUse,
    /// Not rated in the newer reflection, or not rated before and still not in
    /// use: no direction can be told.
    Unrated,
}

/// One practice, before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeComparison {
    pub practice_id: String,
    pub name: String,
    /// The older reflection's level label (or the raw level id if the guide does not know it).
    pub before: Option<String>,
    pub after: Option<String>,
    pub change: Change,
}

/// One component's practices, before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentComparison {
    pub component_id: String,
    pub title: String,
    pub in_use_before: Count,
    pub in_use_after: Count,
    /// Every practice of the component, in guide order.
    pub practices: Vec<PracticeComparison>,
}

/// Which reflection is which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReflectionRef {
    pub id: String,
    /// The title, or "Reflection of DATE".
    pub title: String,
    /// When it was started, `YYYY-MM-DD`.
    pub started: String,
    pub guide_version: u32,
}

/// Two reflections compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub guide_id: String,
    pub older: ReflectionRef,
    pub newer: ReflectionRef,
    pub in_use_before: Count,
    pub in_use_after: Count,
    /// Every component of the guide, in order.
    pub components: Vec<ComponentComparison>,
    /// Practices in use now that were not before, in guide order.
    pub newly_in_use: Vec<PracticeLevel>,
    /// Next steps open in the older reflection that are done in the newer one,
    /// or whose practice moved up into use.
    pub steps_done: Vec<StepDone>,
    /// Big-question answers whose text or level changed.
    pub changed_answers: Vec<AnswerChange>,
}

/// Compares `older` with `newer`, two reflections on `guide` (the caller puts
/// them in order). Private answers are included: this is the coach's own view
/// on their own computer, never an export.
pub fn compare(guide: &Guide, older: &Reflection, newer: &Reflection) -> Comparison {
    let since = compare_reflections(guide, older, newer, true);
    let mut in_use_before = Count { count: 0, total: 0 };
    let mut in_use_after = Count { count: 0, total: 0 };
    let components: Vec<ComponentComparison> = checklist_components(guide)
        .map(|(component, scale_id)| {
            let scale = guide.scale(scale_id);
            let level_of = |reflection: &Reflection, id: &str| {
                let level_id = reflection.answer(id)?.level.as_deref()?;
                Some(match scale.and_then(|s| s.level(level_id)) {
                    Some(level) => Rated::Known(level),
                    None => Rated::Unknown(level_id.to_owned()),
                })
            };
            let mut before_in_use = 0;
            let mut after_in_use = 0;
            let practices: Vec<PracticeComparison> = component
                .practices
                .iter()
                .map(|practice| {
                    let before = level_of(older, &practice.id);
                    let after = level_of(newer, &practice.id);
                    let rank = |level: &Level| scale.and_then(|s| s.rank(&level.id));
                    let before_known = known(before.as_ref()).map(|l| (l.in_use, rank(l)));
                    let after_known = known(after.as_ref()).map(|l| (l.in_use, rank(l)));
                    before_in_use += usize::from(before_known.is_some_and(|(in_use, _)| in_use));
                    after_in_use += usize::from(after_known.is_some_and(|(in_use, _)| in_use));
                    PracticeComparison {
                        practice_id: practice.id.clone(),
                        name: practice.name.clone(),
                        change: change(before_known, after_known),
                        before: before.as_ref().map(Rated::label),
                        after: after.as_ref().map(Rated::label),
                    }
                })
                .collect();
            let total = practices.len();
            in_use_before.count += before_in_use;
            in_use_after.count += after_in_use;
            in_use_before.total += total;
            in_use_after.total += total;
            ComponentComparison {
                component_id: component.id.clone(),
                title: component.title.clone(),
                in_use_before: Count {
                    count: before_in_use,
                    total,
                },
                in_use_after: Count {
                    count: after_in_use,
                    total,
                },
                practices,
            }
        })
        .collect();
    Comparison {
        guide_id: guide.id.clone(),
        older: reference(older),
        newer: reference(newer),
        in_use_before,
        in_use_after,
        components,
        newly_in_use: since.newly_in_use,
        steps_done: since.steps_done,
        changed_answers: since.changed_answers,
    }
}

/// A level as rated: one the scale knows, or an id it does not (kept as it is).
enum Rated<'g> {
    Known(&'g Level),
    Unknown(String),
}

impl Rated<'_> {
    fn label(&self) -> String {
        match self {
            Rated::Known(level) => level.label.clone(),
            Rated::Unknown(id) => id.clone(),
        }
    }
}

fn known<'g>(rated: Option<&Rated<'g>>) -> Option<&'g Level> {
    match rated {
        Some(Rated::Known(level)) => Some(level),
        _ => None,
    }
}

/// The change from `before` to `after`, each `(in use, rank on the scale)` when rated.
fn change(before: Option<(bool, Option<usize>)>, after: Option<(bool, Option<usize>)>) -> Change {
    match (before, after) {
        (_, None) => Change::Unrated,
        (None, Some((true, _))) => Change::NewlyInUse,
        (None, Some((false, _))) => Change::Unrated,
        (Some((false, _)), Some((true, _))) => Change::NewlyInUse,
        (Some((true, _)), Some((false, _))) => Change::NoLongerInUse,
        (Some((_, from)), Some((_, to))) => match to.cmp(&from) {
            std::cmp::Ordering::Greater => Change::Up,
            std::cmp::Ordering::Less => Change::Down,
            std::cmp::Ordering::Equal => Change::Same,
        },
    }
}

/// Every component of every checklist, with the checklist's scale id.
pub(crate) fn checklist_components(
    guide: &Guide,
) -> impl Iterator<Item = (&crate::guide::Component, &str)> {
    guide.sections.iter().flat_map(|section| match section {
        crate::guide::Section::Checklist(checklist) => checklist
            .components
            .iter()
            .map(|component| (component, checklist.scale.as_str()))
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    })
}

fn reference(reflection: &Reflection) -> ReflectionRef {
    ReflectionRef {
        id: reflection.id.clone(),
        title: reflection.display_title(),
        started: reflection.created.date().to_owned(),
        guide_version: reflection.guide_version,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coach::test_support::{guide, level, reflection, step, text};
    use crate::reflection::Answer;

    fn fall() -> Reflection {
        reflection(
            "r-fall",
            "t-1",
            "2025-10-01T10:00:00Z",
            vec![
                ("q-day", text("Some of it.", Some("some-days"))),
                ("q-come", text("Maybe.", None)),
                ("stations", level("not-yet")),
                ("groups", level("trying")),
                ("conferring", level("regular")),
                ("tickets", step(level("not-yet"), "Fridays", None, false)),
                ("tracking", level("regular")),
            ],
        )
    }

    fn spring() -> Reflection {
        reflection(
            "r-spring",
            "t-1",
            "2026-03-01T10:00:00Z",
            vec![
                ("q-day", text("Most of it.", Some("most-days"))),
                ("q-come", text("Maybe.", None)),
                ("stations", level("trying")),
                ("groups", level("regular")),
                ("conferring", level("regular")),
                ("tickets", step(level("trying"), "Fridays", None, true)),
                ("tracking", level("not-yet")),
            ],
        )
    }

    fn changes(comparison: &Comparison) -> Vec<(&str, Change)> {
        comparison
            .components
            .iter()
            .flat_map(|c| &c.practices)
            .map(|p| (p.practice_id.as_str(), p.change))
            .collect()
    }

    #[test]
    fn every_practice_in_guide_order_grouped_by_component() {
        let comparison = compare(&guide(), &fall(), &spring());
        assert_eq!(comparison.older.id, "r-fall");
        assert_eq!(comparison.newer.title, "Reflection of 2026-03-01");
        let components: Vec<(&str, usize)> = comparison
            .components
            .iter()
            .map(|c| (c.component_id.as_str(), c.practices.len()))
            .collect();
        assert_eq!(components, [("targeted", 3), ("data", 2)]);
        assert_eq!(
            changes(&comparison),
            [
                ("stations", Change::NewlyInUse),
                ("groups", Change::Up),
                ("conferring", Change::Same),
                ("tickets", Change::NewlyInUse),
                ("tracking", Change::NoLongerInUse),
            ]
        );
        let stations = &comparison.components[0].practices[0];
        assert_eq!(stations.before.as_deref(), Some("Not yet"));
        assert_eq!(stations.after.as_deref(), Some("Trying it"));
        assert_eq!(comparison.in_use_before, Count { count: 3, total: 5 });
        assert_eq!(comparison.in_use_after, Count { count: 4, total: 5 });
        assert_eq!(
            comparison.components[1].in_use_before,
            Count { count: 1, total: 2 }
        );
        assert_eq!(
            comparison.components[1].in_use_after,
            Count { count: 1, total: 2 }
        );
    }

    #[test]
    fn down_and_unrated() {
        let older = reflection(
            "r-1",
            "t-1",
            "2025-10-01T10:00:00Z",
            vec![
                ("stations", level("could-coach")),
                ("groups", level("regular")),
                ("tickets", level("made-up-level")),
            ],
        );
        let newer = reflection(
            "r-2",
            "t-1",
            "2026-03-01T10:00:00Z",
            vec![
                ("stations", level("trying")),
                ("conferring", level("not-yet")),
                ("tickets", level("regular")),
            ],
        );
        let comparison = compare(&guide(), &older, &newer);
        assert_eq!(
            changes(&comparison),
            [
                ("stations", Change::Down),
                // Rated before, not now: no direction can be told.
                ("groups", Change::Unrated),
                // Not rated before, and not in use now.
                ("conferring", Change::Unrated),
                // A level the guide does not know counts as not rated, but is shown as it is.
                ("tickets", Change::NewlyInUse),
                ("tracking", Change::Unrated),
            ]
        );
        let tickets = &comparison.components[1].practices[0];
        assert_eq!(tickets.before.as_deref(), Some("made-up-level"));
    }

    #[test]
    fn newly_in_use_steps_done_and_answers_come_from_the_summary_rules() {
        let comparison = compare(&guide(), &fall(), &spring());
        let newly: Vec<&str> = comparison
            .newly_in_use
            .iter()
            .map(|p| p.practice_id.as_str())
            .collect();
        assert_eq!(newly, ["stations", "tickets"]);
        assert_eq!(comparison.steps_done.len(), 1);
        assert_eq!(comparison.steps_done[0].practice_id, "tickets");
        assert!(comparison.steps_done[0].marked_done);
        assert_eq!(comparison.changed_answers.len(), 1);
        let change = &comparison.changed_answers[0];
        assert_eq!(change.question_id, "q-day");
        assert_eq!(
            (change.before_text.as_str(), change.before_level.as_deref()),
            ("Some of it.", Some("Some days"))
        );
        assert_eq!(
            (change.now_text.as_str(), change.now_level.as_deref()),
            ("Most of it.", Some("Most days"))
        );
    }

    #[test]
    fn private_answers_are_compared_on_the_coachs_own_screen() {
        let mut newer = spring();
        newer.answers.insert(
            "tracking".into(),
            Answer {
                private: true,
                ..level("regular")
            },
        );
        let comparison = compare(&guide(), &fall(), &newer);
        assert_eq!(changes(&comparison)[4], ("tracking", Change::Same));
    }
}
