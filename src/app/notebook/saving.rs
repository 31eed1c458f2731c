//! Handing changes to the saving thread and settling what it reports:
//! failed saves, moves to and from the trash, words kept elsewhere.

use super::{
    Duration, Entry, Instant, Move, Notebook, RecoveryFolder, Reflection, SaveJob, SaveOutcome,
    SessionEntry, kept_copy_is_new,
};

impl Notebook {
    /// Sends one item's pending save now, ahead of a move that depends on it.
    pub(super) fn send_now(&mut self, id: &str) {
        if self.saves.take(id) {
            self.send_record(id);
        }
    }

    /// Sends the reflection or session `id` as it is in memory to be written.
    pub(super) fn send_record(&mut self, id: &str) {
        if let Some(entry) = self.entries.iter().find(|e| e.reflection.id == id) {
            let job = SaveJob::Reflection(Box::new(entry.reflection.clone()));
            self.saves.send(job);
        } else if let Some(entry) = self.sessions.iter().find(|e| e.session.id == id) {
            let job = SaveJob::Session(Box::new(entry.session.clone()));
            self.saves.send(job);
        }
    }

    pub(super) fn send_move(&mut self, job: Move) {
        self.revision += 1;
        self.saves.send(SaveJob::Move(job));
    }

    /// Settles a move the worker finished: on failure, memory goes back to
    /// match the disk, and the reason is kept for the window to show.
    pub(super) fn finish_move(&mut self, job: Move, result: anyhow::Result<()>) {
        match (job, result) {
            (Move::DeleteTeacherData(id), Ok(())) => {
                if let Some(index) = self
                    .removed_teachers
                    .iter()
                    .position(|r| r.teacher.id == id)
                {
                    self.deleted_teacher = Some(self.removed_teachers.remove(index));
                }
            }
            (Move::RestoreTeacherData { .. }, Err(error)) => {
                self.notices.push(format!(
                    "Not everything came back from the trash: {error}. The files that did not are still in the trash folder of your notebook."
                ));
            }
            (_, Ok(())) => {}
            (Move::DeleteReflection(id), Err(error)) => {
                if let Some(index) = self.deleted.iter().rposition(|r| r.id == id) {
                    let reflection = self.deleted.remove(index);
                    self.entries.push(Entry {
                        reflection,
                        read_only: None,
                    });
                }
                self.notices
                    .push(format!("The reflection was not deleted: {error}"));
            }
            (Move::RestoreSession(id), Err(error)) => {
                self.sessions.retain(|e| e.session.id != id);
                self.notices
                    .push(format!("The session was not restored: {error}"));
            }
            (Move::RemoveForGood { .. }, Err(error)) => {
                self.notices.push(format!(
                    "It was not removed: {error}. It is still in the trash."
                ));
            }
            (Move::EmptyTrash, Err(error)) => {
                self.notices.push(format!(
                    "The trash was not emptied completely: {error}. What is left is still in the trash."
                ));
            }
            (Move::RestoreReflection(id), Err(error)) => {
                if let Some(index) = self.entries.iter().position(|e| e.reflection.id == id) {
                    let entry = self.entries.remove(index);
                    self.deleted.push(entry.reflection);
                }
                self.notices
                    .push(format!("The reflection was not restored: {error}"));
            }
            (Move::DeleteTeacherData(id), Err(error)) => {
                if let Some(index) = self
                    .removed_teachers
                    .iter()
                    .position(|r| r.teacher.id == id)
                {
                    let removed = self.removed_teachers.remove(index);
                    self.teachers.push(removed.teacher);
                    self.entries.extend(removed.entries);
                    self.sessions.extend(removed.sessions);
                    self.touch_teachers();
                }
                self.notices.push(format!(
                    "The teacher was not deleted, and nothing was moved: {error}"
                ));
            }
        }
        self.revision += 1;
    }

    /// Sends edits that have rested long enough to the worker and collects
    /// results. Returns how long until it should be called again, if ever.
    pub fn tick(&mut self, now: Instant) -> Option<Duration> {
        for outcome in self.saves.outcomes() {
            match outcome {
                SaveOutcome::Saved => {}
                SaveOutcome::Imported(result) => self.finish_import(result),
                SaveOutcome::Moved { job, result } => self.finish_move(job, result),
                // Kept in memory and tried again later.
                SaveOutcome::Failed { what, error } => self.saves.retry_later(what, error, now),
            }
        }
        self.send_due(now, false);
        self.saves.next_due(now)
    }

    pub(super) fn send_due(&mut self, now: Instant, everything: bool) {
        let due = self.saves.take_due(now, everything);
        if due.teachers {
            self.saves.send(SaveJob::Teachers(self.teachers.clone()));
        }
        for id in due.records {
            self.send_record(&id);
        }
        self.saves.settle();
    }

    /// Writes everything now and waits for it. Used on exit.
    pub fn flush(&mut self) {
        self.send_due(Instant::now(), true);
        self.saves.wait_until_written();
        self.tick(Instant::now());
    }

    /// Saves `id` soon (after the autosave delay) and tells views it changed.
    pub(super) fn schedule_save(&mut self, id: &str) {
        self.saves.schedule(id, Instant::now());
        self.revision += 1;
    }

    pub(super) fn touch_teachers(&mut self) {
        self.saves.schedule_teachers(Instant::now());
    }

    /// Whether any edit is not yet safely on disk.
    pub fn has_unsaved(&self) -> bool {
        self.saves.has_unsaved()
    }

    /// The reflections and sessions whose latest edits are not on disk.
    pub fn unsaved(&self) -> (Vec<&Reflection>, Vec<&crate::coach::CoachSession>) {
        let reflections = self
            .entries
            .iter()
            .filter(|e| self.saves.is_pending(&e.reflection.id))
            .map(|e| &e.reflection)
            .collect();
        let sessions = self
            .sessions
            .iter()
            .filter(|e| self.saves.is_pending(&e.session.id))
            .map(|e| &e.session)
            .collect();
        (reflections, sessions)
    }

    /// In words, what is not saved: "Fall check-in, the session of 2026-12-01 and the teacher list".
    pub fn unsaved_in_words(&self) -> String {
        let (reflections, sessions) = self.unsaved();
        let mut names: Vec<String> = reflections
            .iter()
            .map(|r| format!("\"{}\"", r.display_title()))
            .chain(
                sessions
                    .iter()
                    .map(|s| format!("the session of {}", s.date)),
            )
            .collect();
        if self.saves.teachers_pending() {
            names.push("the teacher list".to_owned());
        }
        match names.len() {
            0 => "your latest changes".to_owned(),
            1 => names.remove(0),
            _ => {
                let last = names.pop().unwrap_or_default();
                format!("{} and {last}", names.join(", "))
            }
        }
    }

    /// Where words that could not be saved are kept as well.
    pub fn recovery(&self) -> Option<&RecoveryFolder> {
        self.recovery.as_ref()
    }

    /// Puts back words kept after a failed save, when they are newer than
    /// what the notebook holds (or it holds nothing of them), and saves them.
    /// Returns how many records came back.
    pub fn bring_back(&mut self, recovered: crate::app::recovery::Recovered) -> usize {
        let mut count = 0;
        for reflection in recovered.reflections {
            let newer = kept_copy_is_new(
                &reflection,
                self.entry(&reflection.id).map(|e| &e.reflection),
                |r| &r.updated,
            );
            if newer && self.guide(&reflection.guide_id).is_some() {
                let id = reflection.id.clone();
                self.entries.retain(|e| e.reflection.id != id);
                self.undo.forget(&id);
                self.entries.push(Entry {
                    reflection,
                    read_only: None,
                });
                self.schedule_save(&id);
                count += 1;
            } else if let Some(recovery) = &self.recovery
                && !newer
            {
                recovery.forget(&reflection.id);
            }
        }
        for session in recovered.sessions {
            let newer = kept_copy_is_new(
                &session,
                self.session(&session.id).map(|e| &e.session),
                |s| &s.updated,
            );
            if newer {
                let id = session.id.clone();
                self.sessions.retain(|e| e.session.id != id);
                self.undo.forget(&id);
                self.sessions.push(SessionEntry {
                    session,
                    read_only: None,
                });
                self.schedule_save(&id);
                count += 1;
            } else if let Some(recovery) = &self.recovery {
                recovery.forget(&session.id);
            }
        }
        count
    }

    /// Marks the notebook as open (`DATA/.open`) through the worker, so the
    /// first frame does not wait for the disk.
    pub fn mark_open(&mut self, path: std::path::PathBuf, bytes: Vec<u8>) {
        self.saves
            .send_unwatched(SaveJob::OpenMarker { path, bytes });
    }

    /// Saves the window preferences through the worker, off the UI thread;
    /// the store keeps the fields of the file this version does not know.
    pub fn save_settings(&mut self, settings: &crate::app::settings::Settings) {
        if let Ok(value) = serde_json::to_value(settings) {
            self.saves.send_unwatched(SaveJob::Settings(value));
        }
    }
}
