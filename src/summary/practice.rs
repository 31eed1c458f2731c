//! Where the teacher stands: answered items, practices in use, strengths,
//! the frameworks' lenses, and one row for every item of the guide.

use crate::guide::{Guide, Item};
use crate::reflection::Answer;

use super::model::{
    ComponentInPractice, Count, InPractice, ItemKind, ItemRow, Lens, LensElement, PracticeLevel,
    ProgressSummary, SectionProgress,
};
use super::visible::{PracticeRef, Visible, level_label};
use super::words::orphans;

pub(super) fn progress(guide: &Guide, visible: &Visible<'_>) -> ProgressSummary {
    let mut answered = Count { count: 0, total: 0 };
    let sections = guide
        .sections
        .iter()
        .map(|section| {
            let items = section.items();
            let count = items
                .iter()
                .filter(|item| visible.get(item.id()).is_some_and(Answer::is_answered))
                .count();
            answered.count += count;
            answered.total += items.len();
            SectionProgress {
                section_id: section.id().to_owned(),
                title: section.title().to_owned(),
                answered: Count {
                    count,
                    total: items.len(),
                },
            }
        })
        .collect();
    ProgressSummary { answered, sections }
}

pub(super) fn in_practice(
    guide: &Guide,
    practices: &[PracticeRef<'_>],
    visible: &Visible<'_>,
) -> InPractice {
    let mut overall = Count { count: 0, total: 0 };
    let components = guide
        .components()
        .map(|component| {
            let mine: Vec<&PracticeRef<'_>> = practices
                .iter()
                .filter(|p| std::ptr::eq(p.component, component))
                .collect();
            let in_use: Vec<PracticeLevel> = mine
                .iter()
                .filter_map(|p| {
                    p.level(visible.level(p.id()))
                        .filter(|level| level.in_use)
                        .map(|level| p.with_level(level))
                })
                .collect();
            overall.count += in_use.len();
            overall.total += mine.len();
            ComponentInPractice {
                component_id: component.id.clone(),
                title: component.title.clone(),
                in_use: Count {
                    count: in_use.len(),
                    total: mine.len(),
                },
                practices: in_use,
            }
        })
        .collect();
    InPractice {
        overall,
        components,
    }
}

pub(super) fn strengths(
    practices: &[PracticeRef<'_>],
    visible: &Visible<'_>,
) -> Vec<PracticeLevel> {
    practices
        .iter()
        .filter_map(|p| {
            let level = p.level(visible.level(p.id()))?;
            let top = p.scale?.top()?;
            (level.id == top.id && level.in_use).then(|| p.with_level(level))
        })
        .collect()
}

pub(super) fn lenses(
    guide: &Guide,
    practices: &[PracticeRef<'_>],
    visible: &Visible<'_>,
) -> Vec<Lens> {
    guide
        .frameworks
        .iter()
        .map(|framework| Lens {
            framework_id: framework.id.clone(),
            title: framework.title.clone(),
            elements: framework
                .elements
                .iter()
                .map(|element| {
                    let tag = format!("{}:{}", framework.id, element.id);
                    let tagged: Vec<&PracticeRef<'_>> = practices
                        .iter()
                        .filter(|p| p.practice.tags.contains(&tag))
                        .collect();
                    LensElement {
                        element_id: element.id.clone(),
                        label: element.label.clone(),
                        in_use: Count {
                            count: tagged
                                .iter()
                                .filter(|p| p.in_use(visible.level(p.id())))
                                .count(),
                            total: tagged.len(),
                        },
                    }
                })
                .collect(),
        })
        .collect()
}

pub(super) fn item_rows(guide: &Guide, visible: &Visible<'_>) -> Vec<ItemRow> {
    let mut rows = Vec::new();
    for section in &guide.sections {
        for item in section.items() {
            let answer = visible.get(item.id());
            let (kind, component) = match item {
                Item::Statement(_) => (ItemKind::Statement, String::new()),
                Item::Question(_) => (ItemKind::Question, String::new()),
                Item::Practice { component, .. } => (ItemKind::Practice, component.title.clone()),
                Item::Plan(_) => (ItemKind::Plan, String::new()),
            };
            let level_id = answer.and_then(|a| a.level.as_deref());
            let level = level_id.and_then(|id| guide.level_of(&item, id));
            let step = answer.and_then(|a| a.next_step.as_ref());
            // A plan fills the next-step columns: the practice, its date, and
            // in "Text" how the teacher will know it worked.
            if let Some(plan) = answer.and_then(|a| a.plan.as_ref()) {
                rows.push(ItemRow {
                    section: section.title().to_owned(),
                    component: String::new(),
                    item_id: item.id().to_owned(),
                    kind,
                    item: item.label().to_owned(),
                    level_label: None,
                    in_use: None,
                    affirmed: false,
                    next_step: crate::reflection::plan_practice_name(guide, plan)
                        .map(str::to_owned),
                    revisit_on: plan.date.clone(),
                    next_step_done: false,
                    note: String::new(),
                    text: plan.how_i_will_know.trim().to_owned(),
                    private: answer.is_some_and(|a| a.private),
                });
                continue;
            }
            rows.push(ItemRow {
                section: section.title().to_owned(),
                component,
                item_id: item.id().to_owned(),
                kind,
                item: item.label().to_owned(),
                level_label: level_label(guide, &item, level_id),
                in_use: (kind == ItemKind::Practice)
                    .then(|| level.is_some_and(|level| level.in_use))
                    .filter(|_| level_id.is_some()),
                affirmed: answer.is_some_and(|a| a.affirmed),
                next_step: step.map(|s| s.action.clone()),
                revisit_on: step.and_then(|s| s.revisit_on.clone()),
                next_step_done: step.is_some_and(|s| s.done),
                note: answer.map(|a| a.note.trim().to_owned()).unwrap_or_default(),
                text: answer.map(|a| a.text.trim().to_owned()).unwrap_or_default(),
                private: answer.is_some_and(|a| a.private),
            });
        }
    }
    for orphan in orphans(guide, visible) {
        rows.push(ItemRow {
            section: "No longer in this guide".to_owned(),
            component: String::new(),
            kind: ItemKind::NoLongerInGuide,
            item: orphan.item_id.clone(),
            level_label: orphan.level.clone(),
            in_use: None,
            affirmed: orphan.affirmed,
            next_step: orphan.next_step.clone(),
            revisit_on: None,
            next_step_done: false,
            note: orphan.note,
            text: orphan.text,
            private: orphan.private,
            item_id: orphan.item_id,
        });
    }
    rows
}
