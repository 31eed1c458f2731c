//! What the summary, school-wide and due screens show: each is computed from
//! the whole notebook, so it is made once per change (the notebook's revision)
//! and kept in a [`Memo`], not made again on every frame.

use super::ReflectApp;
use super::memo::Memo;
use super::views::due::DueRow;
use crate::coach::{DueRevisit, RevisitSource, SchoolPicture};
use crate::summary::Summary;

/// The screens' kept values.
#[derive(Default)]
pub(super) struct ScreenData {
    /// For (reflection id, notebook revision).
    pub(super) summary: Memo<(String, u64), Summary>,
    /// For (guide id, smallest group, notebook revision).
    pub(super) school: Memo<(String, usize, u64), SchoolPicture>,
    /// For (notebook revision, today).
    pub(super) due: Memo<(u64, String), Vec<DueRow>>,
}

impl ReflectApp {
    /// The summary for the summary screen, recomputed only when the data changed.
    pub(super) fn screen_summary(&mut self, id: &str) -> Option<&Summary> {
        let key = (id.to_owned(), self.notebook.revision());
        if self.screen_data.summary.get(&key).is_none() {
            let summary = self.summarize(id, true, true, true)?;
            self.screen_data.summary.set(key.clone(), summary);
        }
        self.screen_data.summary.get(&key)
    }

    /// Makes the school-wide picture for the screen if the guide, the smallest
    /// group or the data changed, and returns the key it is kept under.
    pub(super) fn refresh_school_picture(&mut self) -> (String, usize, u64) {
        let key = (
            self.school.guide_id.clone(),
            self.school.min_group,
            self.notebook.revision(),
        );
        if self.screen_data.school.get(&key).is_none() {
            match self.school_picture() {
                Some(picture) => self.screen_data.school.set(key.clone(), picture),
                None => self.screen_data.school.clear(),
            }
        }
        key
    }

    /// The next steps due for a revisit, recomputed when the data or the day changes.
    pub(super) fn screen_due(&mut self) -> &[DueRow] {
        let key = (self.notebook.revision(), crate::clock::today());
        if self.screen_data.due.get(&key).is_none() {
            let due = crate::coach::due_revisits(
                &self.notebook.teachers,
                self.notebook.entries.iter().map(|e| &e.reflection),
                self.notebook.sessions.iter().map(|e| &e.session),
                &key.1,
            );
            let rows = due
                .into_iter()
                .map(|revisit| DueRow {
                    about: self.what_a_revisit_is_about(&revisit),
                    revisit,
                })
                .collect();
            self.screen_data.due.set(key.clone(), rows);
        }
        self.screen_data.due.get(&key).map_or(&[], Vec::as_slice)
    }

    /// The practice a reflection's next step belongs to, or "Coach session".
    fn what_a_revisit_is_about(&self, revisit: &DueRevisit) -> String {
        match &revisit.source {
            RevisitSource::Session { .. } => "Coach session".to_owned(),
            RevisitSource::Reflection {
                reflection_id,
                item_id,
            } => self
                .notebook
                .entry(reflection_id)
                .and_then(|entry| self.notebook.guide(&entry.reflection.guide_id))
                .and_then(|guide| guide.item(item_id).map(|item| item.label().to_owned()))
                .unwrap_or_else(|| item_id.clone()),
        }
    }
}
