//! The school-wide picture: how many teachers already use each practice of a
//! guide, for a coach or school leader to share.
//!
//! It is made so that no one can be singled out:
//! - it holds counts and the guide's own words only: never a teacher's name,
//!   id, title, answer or note;
//! - each teacher counts once, by their newest reflection on the guide;
//! - private answers are left out, as in every export;
//! - any count below the minimum group size is hidden ("fewer than 5"), and a
//!   group of teachers smaller than that shows no counts at all;
//! - so is any count that falls short of the whole group by fewer than the
//!   minimum ("all but fewer than 5"): "38 of 40" would single out the two who
//!   don't as surely as "2 of 40" singles out the two who do.

mod render;

use std::collections::HashMap;

use serde::Serialize;

use crate::guide::{Guide, Level};
use crate::reflection::Reflection;
use crate::summary::Count;

use super::compare::checklist_components;

pub use render::{
    PICTURE_FORMAT, PICTURE_KIND, PictureRenderError, picture_document, render_csv, render_html,
    render_json, render_markdown, render_pdf, render_picture,
};

/// The smallest group whose counts are shown, unless told otherwise.
pub const DEFAULT_MIN_GROUP: usize = 5;
/// How many most-common strengths and next steps are listed at most.
pub const MAX_COMMON: usize = 5;

/// A count of teachers, or the fact that it is too small to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    Count(usize),
    /// Fewer than this many: hidden, so that no one can be singled out.
    FewerThan(usize),
    /// All of the group but fewer than this many: hidden, so that the few
    /// who are not counted can't be singled out either.
    AllButFewerThan(usize),
}

impl Shown {
    /// How `count` teachers out of a group of `group` may be shown.
    fn of(count: usize, group: usize, min_group: usize) -> Shown {
        if count < min_group {
            Shown::FewerThan(min_group)
        } else if count < group && group - count < min_group {
            Shown::AllButFewerThan(min_group)
        } else {
            Shown::Count(count)
        }
    }

    /// The count, when it may be shown.
    pub fn count(self) -> Option<usize> {
        match self {
            Shown::Count(n) => Some(n),
            Shown::FewerThan(_) | Shown::AllButFewerThan(_) => None,
        }
    }
}

/// "12", "fewer than 5" or "all but fewer than 5".
impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Shown::Count(n) => write!(f, "{n}"),
            Shown::FewerThan(n) => write!(f, "fewer than {n}"),
            Shown::AllButFewerThan(n) => write!(f, "all but fewer than {n}"),
        }
    }
}

/// The school-wide picture of one guide.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolPicture {
    pub guide_id: String,
    pub guide_title: String,
    pub guide_version: u32,
    /// Counts below this are hidden.
    pub min_group: usize,
    /// When the picture was made, `YYYY-MM-DD`, if the caller says (it is printed).
    pub prepared: Option<String>,
    /// How many teachers are in the picture, each counted once.
    pub teachers: Shown,
    /// Whether the group is smaller than `min_group`: then the picture shows no
    /// counts at all, and everything below is empty.
    pub too_small: bool,
    /// Every practice of the guide is in `components`; this many in all.
    pub practices: usize,
    /// Half the teachers use this many practices or more (the median).
    pub median_in_use: Option<usize>,
    /// Every component of the guide, in order.
    pub components: Vec<ComponentPicture>,
    /// Practices most often rated at the top of the scale: strengths to share.
    /// Only counts that may be shown; at most [`MAX_COMMON`].
    pub strengths: Vec<CommonPractice>,
    /// Practices most often flagged as a next step (not yet done). Only counts
    /// that may be shown; at most [`MAX_COMMON`].
    pub next_steps: Vec<CommonPractice>,
}

/// One component: its practices, and how many teachers use at least one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentPicture {
    pub component_id: String,
    pub title: String,
    pub teachers_using_any: Shown,
    /// Every practice of the component, in guide order.
    pub practices: Vec<PracticePicture>,
}

/// One practice: how many teachers have it in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticePicture {
    pub practice_id: String,
    pub name: String,
    pub in_use: Shown,
}

/// A practice many teachers have in common.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommonPractice {
    pub practice_id: String,
    pub name: String,
    pub component_title: String,
    pub teachers: Shown,
}

/// Builds the school-wide picture of `guide` from `reflections` (those on other
/// guides are left out). Each teacher counts once, by their newest reflection
/// on the guide (by start, then last change). A `min_group` of 0 is taken as 1.
pub fn aggregate(guide: &Guide, reflections: &[&Reflection], min_group: usize) -> SchoolPicture {
    let min_group = min_group.max(1);
    let newest = newest_per_teacher(guide, reflections);
    let teachers = newest.len();
    let too_small = teachers < min_group;
    let mut picture = SchoolPicture {
        guide_id: guide.id.clone(),
        guide_title: guide.title.clone(),
        guide_version: guide.version,
        min_group,
        prepared: None,
        teachers: Shown::of(teachers, teachers, min_group),
        too_small,
        practices: guide.counts().practices,
        median_in_use: None,
        components: Vec::new(),
        strengths: Vec::new(),
        next_steps: Vec::new(),
    };
    if too_small {
        return picture;
    }
    let mut in_use_per_teacher = vec![0usize; teachers];
    let mut strengths = Vec::new();
    let mut next_steps = Vec::new();
    for (component, scale_id) in checklist_components(guide) {
        let scale = guide.scale(scale_id);
        let top = scale.and_then(|s| s.top()).filter(|top| top.in_use);
        let mut using_any = vec![false; teachers];
        let mut practices = Vec::with_capacity(component.practices.len());
        for practice in &component.practices {
            let (mut in_use, mut at_top, mut flagged) = (0, 0, 0);
            for (index, reflection) in newest.iter().enumerate() {
                // Private answers are the teacher's own: never counted.
                let Some(answer) = reflection.answer(&practice.id).filter(|a| !a.private) else {
                    continue;
                };
                let level: Option<&Level> = answer
                    .level
                    .as_deref()
                    .and_then(|id| scale.and_then(|s| s.level(id)));
                if level.is_some_and(|l| l.in_use) {
                    in_use += 1;
                    using_any[index] = true;
                    in_use_per_teacher[index] += 1;
                }
                if level.zip(top).is_some_and(|(l, top)| l.id == top.id) {
                    at_top += 1;
                }
                if answer.next_step.as_ref().is_some_and(|s| !s.done) {
                    flagged += 1;
                }
            }
            let common = |count| {
                let practice = CommonPractice {
                    practice_id: practice.id.clone(),
                    name: practice.name.clone(),
                    component_title: component.title.clone(),
                    teachers: Shown::of(count, teachers, min_group),
                };
                (count, practice)
            };
            strengths.push(common(at_top));
            next_steps.push(common(flagged));
            practices.push(PracticePicture {
                practice_id: practice.id.clone(),
                name: practice.name.clone(),
                in_use: Shown::of(in_use, teachers, min_group),
            });
        }
        picture.components.push(ComponentPicture {
            component_id: component.id.clone(),
            title: component.title.clone(),
            teachers_using_any: Shown::of(
                using_any.iter().filter(|u| **u).count(),
                teachers,
                min_group,
            ),
            practices,
        });
    }
    in_use_per_teacher.sort_unstable();
    picture.median_in_use = in_use_per_teacher.get(teachers / 2).copied();
    picture.strengths = most_common(strengths, min_group);
    picture.next_steps = most_common(next_steps, min_group);
    picture
}

/// The practices with the most teachers, at least `min_group`, most first
/// (ties in guide order), at most [`MAX_COMMON`]. Each comes with its count,
/// which is used for the order only: what is shown is its [`Shown`].
fn most_common(mut all: Vec<(usize, CommonPractice)>, min_group: usize) -> Vec<CommonPractice> {
    all.retain(|(count, _)| *count >= min_group);
    // A stable sort keeps guide order among equal counts.
    all.sort_by_key(|(count, _)| std::cmp::Reverse(*count));
    all.truncate(MAX_COMMON);
    all.into_iter().map(|(_, practice)| practice).collect()
}

/// Each teacher's newest reflection on the guide.
fn newest_per_teacher<'r>(guide: &Guide, reflections: &[&'r Reflection]) -> Vec<&'r Reflection> {
    let mut newest: HashMap<&str, &Reflection> = HashMap::new();
    for reflection in reflections.iter().filter(|r| r.guide_id == guide.id) {
        if newest
            .get(reflection.teacher_id.as_str())
            .is_none_or(|kept| super::is_newer(reflection, kept))
        {
            newest.insert(&reflection.teacher_id, reflection);
        }
    }
    let mut list: Vec<&Reflection> = newest.into_values().collect();
    // A fixed order, so the median and counts never depend on hashing.
    list.sort_by(|a, b| a.teacher_id.cmp(&b.teacher_id));
    list
}

/// The share of teachers as a [`Count`], when the count may be shown.
pub fn share(shown: Shown, teachers: Shown) -> Option<Count> {
    Some(Count {
        count: shown.count()?,
        total: teachers.count()?,
    })
}

#[cfg(test)]
mod tests;
