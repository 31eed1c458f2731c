//! What a teacher can answer in a guide, borrowed from it, and how many
//! things of each kind a guide holds.

use serde::Serialize;

use super::model::{Component, Guide, Level, Plan, Practice, Question, Section, Statement};

/// Anything a teacher can answer, borrowed from a guide.
#[derive(Debug, Clone, Copy)]
pub enum Item<'g> {
    Statement(&'g Statement),
    Question(&'g Question),
    Practice {
        component: &'g Component,
        practice: &'g Practice,
        scale: &'g str,
    },
    Plan(&'g Plan),
}

impl<'g> Item<'g> {
    pub fn id(&self) -> &'g str {
        match self {
            Item::Statement(s) => &s.id,
            Item::Question(q) => &q.id,
            Item::Practice { practice, .. } => &practice.id,
            Item::Plan(p) => &p.id,
        }
    }

    /// A short human name for the item, used in lists and exports.
    pub fn label(&self) -> &'g str {
        match self {
            Item::Statement(s) => &s.text,
            Item::Question(q) => &q.prompt,
            Item::Practice { practice, .. } => &practice.name,
            Item::Plan(p) => &p.prompt,
        }
    }

    /// The scale the item is answered on, if any.
    pub fn scale_id(&self) -> Option<&str> {
        match self {
            Item::Statement(_) | Item::Plan(_) => None,
            Item::Question(q) => q.scale.as_deref(),
            Item::Practice { scale, .. } => Some(scale),
        }
    }
}

/// How many things of each kind a guide holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GuideCounts {
    pub sections: usize,
    pub plans: usize,
    pub questions: usize,
    pub statements: usize,
    pub components: usize,
    pub practices: usize,
}

impl GuideCounts {
    pub fn items(&self) -> usize {
        self.questions + self.statements + self.practices + self.plans
    }
}

impl Guide {
    /// Every answerable item in the guide, in reading order.
    pub fn items(&self) -> impl Iterator<Item = Item<'_>> {
        self.sections.iter().flat_map(Section::items)
    }

    /// The ids of every answerable item: one set to check many answers
    /// against, so that the check stays linear in long guides.
    pub fn item_ids(&self) -> std::collections::HashSet<&str> {
        self.items().map(|item| item.id()).collect()
    }

    /// The item with this id. Walks the guide without allocating, since it is
    /// called for every answer on every frame.
    pub fn item(&self, id: &str) -> Option<Item<'_>> {
        for section in &self.sections {
            let found = match section {
                Section::Statements(s) => s
                    .statements
                    .iter()
                    .find(|x| x.id == id)
                    .map(Item::Statement),
                Section::Questions(s) => {
                    s.questions.iter().find(|x| x.id == id).map(Item::Question)
                }
                Section::Checklist(s) => s.components.iter().find_map(|component| {
                    component
                        .practices
                        .iter()
                        .find(|p| p.id == id)
                        .map(|practice| Item::Practice {
                            component,
                            practice,
                            scale: &s.scale,
                        })
                }),
                Section::Plan(s) => (s.plan.id == id).then_some(Item::Plan(&s.plan)),
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The section that holds the item with this id.
    pub fn section_of(&self, item_id: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|section| section.items().iter().any(|item| item.id() == item_id))
    }

    /// The level `level_id` of `item`: on the item's scale, or for a question
    /// whose scale changed, on one it was answered on before.
    pub fn level_of(&self, item: &Item<'_>, level_id: &str) -> Option<&Level> {
        let earlier = match item {
            Item::Question(q) => q.earlier_scales.as_slice(),
            _ => &[],
        };
        item.scale_id()
            .into_iter()
            .chain(earlier.iter().map(String::as_str))
            .filter_map(|id| self.scale(id))
            .find_map(|scale| scale.level(level_id))
    }
}

impl Section {
    /// Every answerable item in this section, in order.
    pub fn items(&self) -> Vec<Item<'_>> {
        match self {
            Section::Statements(s) => s.statements.iter().map(Item::Statement).collect(),
            Section::Questions(s) => s.questions.iter().map(Item::Question).collect(),
            Section::Checklist(s) => s
                .components
                .iter()
                .flat_map(|component| {
                    component
                        .practices
                        .iter()
                        .map(move |practice| Item::Practice {
                            component,
                            practice,
                            scale: &s.scale,
                        })
                })
                .collect(),
            Section::Plan(s) => vec![Item::Plan(&s.plan)],
        }
    }
}

impl Guide {
    /// How many sections, statements, questions, components, practices and plans.
    pub fn counts(&self) -> GuideCounts {
        let mut counts = GuideCounts {
            sections: self.sections.len(),
            ..GuideCounts::default()
        };
        for section in &self.sections {
            match section {
                Section::Statements(s) => counts.statements += s.statements.len(),
                Section::Questions(s) => counts.questions += s.questions.len(),
                Section::Checklist(s) => {
                    counts.components += s.components.len();
                    counts.practices += s
                        .components
                        .iter()
                        .map(|c| c.practices.len())
                        .sum::<usize>();
                }
                Section::Plan(_) => counts.plans += 1,
            }
        }
        counts
    }
}
