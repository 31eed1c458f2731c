//! What a summary may read of a reflection: its visible answers (private ones
//! removed unless included) and the guide's practices with their scales.

use std::collections::BTreeMap;

use crate::guide::{Component, Guide, Item, Level, Scale, Section};
use crate::reflection::{Answer, Reflection};

use super::model::PracticeLevel;

/// The answers a summary may use: private ones removed unless included.
pub(super) struct Visible<'r> {
    pub(super) answers: BTreeMap<&'r str, &'r Answer>,
    pub(super) hidden: usize,
}

impl<'r> Visible<'r> {
    pub(super) fn new(reflection: &'r Reflection, include_private: bool) -> Self {
        let mut answers = BTreeMap::new();
        let mut hidden = 0;
        for (id, answer) in &reflection.answers {
            if answer.private && !include_private {
                if answer.is_answered() || answer.next_step.is_some() {
                    hidden += 1;
                }
            } else {
                answers.insert(id.as_str(), answer);
            }
        }
        Visible { answers, hidden }
    }

    pub(super) fn get(&self, id: &str) -> Option<&'r Answer> {
        self.answers.get(id).copied()
    }

    pub(super) fn level(&self, id: &str) -> Option<&'r str> {
        self.get(id).and_then(|a| a.level.as_deref())
    }
}

/// A practice of the guide with its component and scale.
pub(super) struct PracticeRef<'g> {
    pub(super) component: &'g Component,
    pub(super) practice: &'g crate::guide::Practice,
    pub(super) scale: Option<&'g Scale>,
}

impl<'g> PracticeRef<'g> {
    pub(super) fn id(&self) -> &'g str {
        &self.practice.id
    }

    pub(super) fn level<'a>(&self, level_id: Option<&'a str>) -> Option<&'g Level> {
        self.scale.and_then(|scale| scale.level(level_id?))
    }

    pub(super) fn in_use(&self, level_id: Option<&str>) -> bool {
        self.level(level_id).is_some_and(|level| level.in_use)
    }

    pub(super) fn with_level(&self, level: &Level) -> PracticeLevel {
        PracticeLevel {
            practice_id: self.practice.id.clone(),
            name: self.practice.name.clone(),
            component_id: self.component.id.clone(),
            component_title: self.component.title.clone(),
            level_id: level.id.clone(),
            level_label: level.label.clone(),
        }
    }
}

pub(super) fn practices(guide: &Guide) -> Vec<PracticeRef<'_>> {
    guide
        .sections
        .iter()
        .filter_map(|section| match section {
            Section::Checklist(checklist) => Some(checklist),
            _ => None,
        })
        .flat_map(|checklist| {
            let scale = guide.scale(&checklist.scale);
            checklist.components.iter().flat_map(move |component| {
                component.practices.iter().map(move |practice| PracticeRef {
                    component,
                    practice,
                    scale,
                })
            })
        })
        .collect()
}

/// The label of a level on an item's scale, or the raw id if the scale does not know it.
pub(super) fn level_label(
    guide: &Guide,
    item: &Item<'_>,
    level_id: Option<&str>,
) -> Option<String> {
    let level_id = level_id?;
    let label = guide
        .level_of(item, level_id)
        .map_or(level_id, |level| level.label.as_str());
    Some(label.to_owned())
}
