//! When edits are written: every edit waits a short rest (or at most
//! [`MAX_SAVE_WAIT`] while the teacher keeps typing), then goes to the saving
//! thread; failed saves are tried again. The queue knows ids, not records:
//! the notebook hands it the records to send.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::autosave::{Autosave, SaveJob, SaveOutcome, SavedThing};
use super::recovery::RecoveryFolder;
use crate::store::Store;

/// How long after the last keystroke an edit is written.
pub const SAVE_DELAY: Duration = Duration::from_millis(400);
/// The longest an edit waits while the teacher keeps typing: steady typing
/// never rests for [`SAVE_DELAY`], and a crash must not take more than this.
pub const MAX_SAVE_WAIT: Duration = Duration::from_millis(1500);
/// How long to wait before trying a failed save again.
pub const RETRY_DELAY: Duration = Duration::from_secs(5);

/// Whether the teacher's words are safely on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Saving,
    Failed(String),
}

/// An edit waiting to be written: when the first and the latest unsaved edit
/// were made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingSave {
    first: Instant,
    last: Instant,
}

impl PendingSave {
    pub fn new(at: Instant) -> Self {
        PendingSave {
            first: at,
            last: at,
        }
    }

    /// Another edit of the same thing, before the first was saved.
    pub fn touch(&mut self, at: Instant) {
        self.last = at;
    }

    /// When it should be written: after a short rest, or at the latest
    /// [`MAX_SAVE_WAIT`] after its first unsaved edit.
    pub fn due_at(&self) -> Instant {
        (self.last + SAVE_DELAY).min(self.first + MAX_SAVE_WAIT)
    }

    pub fn is_due(&self, now: Instant) -> bool {
        now >= self.due_at()
    }
}

/// What is due to be written now.
pub struct Due {
    pub teachers: bool,
    /// Reflections and sessions, by id.
    pub records: Vec<String>,
}

/// The edits waiting to be written, those on their way, and the thread that writes them.
pub struct SaveQueue {
    /// Edited reflections and sessions not yet sent to the worker.
    pending: BTreeMap<String, PendingSave>,
    teachers_pending: Option<PendingSave>,
    /// Sent to the worker, not yet confirmed.
    in_flight: usize,
    last_error: Option<String>,
    autosave: Autosave,
}

impl SaveQueue {
    /// Starts the saving thread; if it cannot start, every save fails and
    /// says why (the second value, for the notebook's problems).
    pub fn start(
        store: Arc<Store>,
        recovery: Option<RecoveryFolder>,
        wake: impl Fn() + Send + 'static,
    ) -> (Self, Option<String>) {
        let autosave = Autosave::start(store, recovery, wake);
        let start_error = autosave.start_error().map(|error| {
            format!("Nothing can be saved: {error}. Close PL Reflect and open it again.")
        });
        let queue = SaveQueue {
            pending: BTreeMap::new(),
            teachers_pending: None,
            in_flight: 0,
            last_error: start_error.clone(),
            autosave,
        };
        (queue, start_error)
    }

    /// Saves `id` soon (after the autosave delay).
    pub fn schedule(&mut self, id: &str, now: Instant) {
        self.pending
            .entry(id.to_owned())
            .and_modify(|p| p.touch(now))
            .or_insert(PendingSave::new(now));
    }

    /// Saves the teacher list soon.
    pub fn schedule_teachers(&mut self, now: Instant) {
        match &mut self.teachers_pending {
            Some(pending) => pending.touch(now),
            None => self.teachers_pending = Some(PendingSave::new(now)),
        }
    }

    pub fn is_pending(&self, id: &str) -> bool {
        self.pending.contains_key(id)
    }

    pub fn teachers_pending(&self) -> bool {
        self.teachers_pending.is_some()
    }

    /// Takes `id` out of the waiting edits, to send it at once; returns
    /// whether it was waiting.
    pub fn take(&mut self, id: &str) -> bool {
        self.pending.remove(id).is_some()
    }

    /// Sends a job whose outcome the queue waits for (a save, an import, a move).
    pub fn send(&mut self, job: SaveJob) {
        // Counted even when the worker is gone and nothing will answer: the
        // words stay "not saved", so quitting offers to keep a copy.
        self.in_flight += 1;
        self.autosave.send(job);
    }

    /// Sends a job with no outcome to wait for (the open marker, preferences).
    pub fn send_unwatched(&self, job: SaveJob) {
        self.autosave.send(job);
    }

    /// Takes out what is due now (or everything), to send.
    pub fn take_due(&mut self, now: Instant, everything: bool) -> Due {
        let due = |pending: &PendingSave| everything || pending.is_due(now);
        let teachers = self.teachers_pending.as_ref().is_some_and(due);
        if teachers {
            self.teachers_pending = None;
        }
        let records: Vec<String> = self
            .pending
            .iter()
            .filter(|(_, pending)| due(pending))
            .map(|(id, _)| id.clone())
            .collect();
        for id in &records {
            self.pending.remove(id);
        }
        Due { teachers, records }
    }

    /// Outcomes that arrived since the last call.
    pub fn outcomes(&mut self) -> Vec<SaveOutcome> {
        let outcomes = self.autosave.outcomes();
        self.in_flight = self.in_flight.saturating_sub(outcomes.len());
        outcomes
    }

    /// A save failed: the edit stays in memory and is tried again later.
    pub fn retry_later(&mut self, what: SavedThing, error: String, now: Instant) {
        let again = PendingSave::new(now + RETRY_DELAY.saturating_sub(SAVE_DELAY));
        match what {
            SavedThing::Reflection { id, .. } | SavedThing::Session { id } => {
                self.pending.entry(id).or_insert(again);
            }
            SavedThing::Teachers => {
                self.teachers_pending.get_or_insert(again);
            }
        }
        self.last_error = Some(error);
    }

    /// Once everything is written again, the last error is over.
    pub fn settle(&mut self) {
        if self.last_error.is_some() && !self.has_unsaved() && self.autosave.start_error().is_none()
        {
            self.last_error = None;
        }
    }

    /// How long until something is due, if anything waits.
    pub fn next_due(&self, now: Instant) -> Option<Duration> {
        self.pending
            .values()
            .chain(&self.teachers_pending)
            .map(PendingSave::due_at)
            .min()
            .map(|due| {
                due.saturating_duration_since(now)
                    .max(Duration::from_millis(20))
            })
    }

    /// Blocks until every job sent so far is written.
    pub fn wait_until_written(&self) {
        self.autosave.wait_until_written();
    }

    /// Whether any edit is not yet safely on disk.
    pub fn has_unsaved(&self) -> bool {
        !self.pending.is_empty() || self.teachers_pending.is_some() || self.in_flight > 0
    }

    pub fn save_state(&self) -> SaveState {
        if let Some(error) = &self.last_error {
            SaveState::Failed(error.clone())
        } else if self.has_unsaved() {
            SaveState::Saving
        } else {
            SaveState::Saved
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_is_saved_after_a_rest() {
        let start = Instant::now();
        let pending = PendingSave::new(start);
        assert!(!pending.is_due(start + Duration::from_millis(399)));
        assert!(pending.is_due(start + SAVE_DELAY));
    }

    #[test]
    fn steady_typing_is_saved_at_least_every_two_seconds() {
        // Keys every 250 ms for 5 s never rest for SAVE_DELAY.
        let start = Instant::now();
        let mut pending = PendingSave::new(start);
        let mut saved_at = None;
        for key in 1..=20u64 {
            let now = start + Duration::from_millis(250 * key);
            if pending.is_due(now) {
                saved_at = Some(now);
                break;
            }
            pending.touch(now);
        }
        let saved_at = saved_at.expect("saved while the typing went on");
        assert!(saved_at - start <= Duration::from_secs(2));
        assert!(pending.due_at() - start <= MAX_SAVE_WAIT);
    }
}
