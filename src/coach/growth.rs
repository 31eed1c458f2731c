//! A teacher's practices in use over time: the data for a chart with one point
//! per reflection on one guide.

use serde::Serialize;

use crate::guide::Guide;
use crate::reflection::Reflection;
use crate::summary::Count;

use super::compare::checklist_components;

/// One reflection's practices in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GrowthPoint {
    pub reflection_id: String,
    /// The title, or "Reflection of DATE".
    pub title: String,
    /// When the reflection was started, `YYYY-MM-DD`: the point's place on the time axis.
    pub date: String,
    /// Practices in use out of every practice in the guide.
    pub overall: Count,
    /// Practices in use per component, in the order of [`Growth::components`].
    pub components: Vec<Count>,
}

/// A component of the guide, naming a series of the chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GrowthSeries {
    pub component_id: String,
    pub title: String,
}

/// Practices in use over time, for one teacher and one guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Growth {
    pub guide_id: String,
    pub components: Vec<GrowthSeries>,
    /// One point per reflection, oldest first (by when it was started).
    pub points: Vec<GrowthPoint>,
}

/// Counts practices in use in each of `reflections` (a teacher's reflections;
/// those on another guide are left out), oldest first. Private answers count:
/// this is the coach's own view, never an export.
pub fn growth(guide: &Guide, reflections: &[&Reflection]) -> Growth {
    let components: Vec<_> = checklist_components(guide)
        .map(|(component, scale_id)| (component, guide.scale(scale_id)))
        .collect();
    let mut mine: Vec<&Reflection> = reflections
        .iter()
        .copied()
        .filter(|r| r.guide_id == guide.id)
        .collect();
    mine.sort_by(|a, b| (&a.created, &a.updated, &a.id).cmp(&(&b.created, &b.updated, &b.id)));
    let points = mine
        .into_iter()
        .map(|reflection| {
            let counts: Vec<Count> = components
                .iter()
                .map(|(component, scale)| Count {
                    count: component
                        .practices
                        .iter()
                        .filter(|practice| {
                            let level = reflection
                                .answer(&practice.id)
                                .and_then(|a| a.level.as_deref());
                            level
                                .and_then(|id| scale.and_then(|s| s.level(id)))
                                .is_some_and(|level| level.in_use)
                        })
                        .count(),
                    total: component.practices.len(),
                })
                .collect();
            GrowthPoint {
                reflection_id: reflection.id.clone(),
                title: reflection.display_title(),
                date: reflection.created.date().to_owned(),
                overall: Count {
                    count: counts.iter().map(|c| c.count).sum(),
                    total: counts.iter().map(|c| c.total).sum(),
                },
                components: counts,
            }
        })
        .collect();
    Growth {
        guide_id: guide.id.clone(),
        components: components
            .iter()
            .map(|(component, _)| GrowthSeries {
                component_id: component.id.clone(),
                title: component.title.clone(),
            })
            .collect(),
        points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coach::test_support::{guide, level, reflection};
    use crate::reflection::Answer;

    fn count(count: usize, total: usize) -> Count {
        Count { count, total }
    }

    #[test]
    fn one_point_per_reflection_oldest_first_with_counts_per_component() {
        let guide = guide();
        let spring = reflection(
            "r-spring",
            "t-1",
            "2026-03-01T10:00:00Z",
            vec![
                ("stations", level("regular")),
                ("groups", level("trying")),
                ("conferring", level("not-yet")),
                (
                    "tickets",
                    Answer {
                        private: true,
                        ..level("could-coach")
                    },
                ),
                ("tracking", level("no-such-level")),
            ],
        );
        let fall = reflection(
            "r-fall",
            "t-1",
            "2025-10-01T10:00:00Z",
            vec![("stations", level("trying"))],
        );
        let mut other_guide = fall.clone();
        other_guide.id = "r-other".into();
        other_guide.guide_id = "another".into();
        let growth = growth(&guide, &[&spring, &other_guide, &fall]);
        assert_eq!(growth.guide_id, "tiny");
        let titles: Vec<&str> = growth.components.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["Targeted instruction", "Data-driven decisions"]);
        let ids: Vec<&str> = growth
            .points
            .iter()
            .map(|p| p.reflection_id.as_str())
            .collect();
        assert_eq!(ids, ["r-fall", "r-spring"]);
        assert_eq!(growth.points[0].date, "2025-10-01");
        assert_eq!(growth.points[0].overall, count(1, 5));
        assert_eq!(growth.points[0].components, [count(1, 3), count(0, 2)]);
        // Private answers count on the coach's own screen; unknown levels do not.
        assert_eq!(growth.points[1].overall, count(3, 5));
        assert_eq!(growth.points[1].components, [count(2, 3), count(1, 2)]);
    }

    #[test]
    fn no_reflections_no_points() {
        let growth = growth(&guide(), &[]);
        assert!(growth.points.is_empty());
        assert_eq!(growth.components.len(), 2);
    }
}
