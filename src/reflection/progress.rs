//! How far a reflection has come through its guide.

use crate::guide::Guide;

use super::model::{Answer, Reflection};

/// Answered items out of total, for one section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionProgress {
    pub section_id: String,
    pub title: String,
    pub answered: usize,
    pub total: usize,
}

/// Answered items out of total, overall and per section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    pub answered: usize,
    pub total: usize,
    pub sections: Vec<SectionProgress>,
}

impl Progress {
    /// Whole percent, rounded down, so that 100 means truly done.
    pub fn percent(&self) -> usize {
        (self.answered * 100).checked_div(self.total).unwrap_or(0)
    }
}

pub fn progress(guide: &Guide, reflection: &Reflection) -> Progress {
    let mut overall = Progress::default();
    for section in &guide.sections {
        let items = section.items();
        let answered = items
            .iter()
            .filter(|item| {
                reflection
                    .answer(item.id())
                    .is_some_and(Answer::is_answered)
            })
            .count();
        overall.answered += answered;
        overall.total += items.len();
        overall.sections.push(SectionProgress {
            section_id: section.id().to_owned(),
            title: section.title().to_owned(),
            answered,
            total: items.len(),
        });
    }
    overall
}

/// Answers whose item the guide no longer has. They are kept and shown as
/// "no longer in this guide", never dropped.
pub fn orphaned_answers<'r>(
    guide: &Guide,
    reflection: &'r Reflection,
) -> Vec<(&'r String, &'r Answer)> {
    let ids = guide.item_ids();
    reflection
        .answers
        .iter()
        .filter(|(id, _)| !ids.contains(id.as_str()))
        .collect()
}
