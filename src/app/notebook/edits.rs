//! Changing reflections and sessions: every change is in memory at once and
//! saved shortly after.

use super::undo::{self, RecordCopy};
use super::*;

impl Notebook {
    /// Starts a reflection on a guide for a teacher (the notebook's own teacher
    /// when `teacher_id` is None) and returns its id.
    pub fn start_reflection(
        &mut self,
        teacher_id: Option<&str>,
        guide_id: &str,
        title: &str,
    ) -> Option<String> {
        let teacher_id = match teacher_id.or_else(|| self.main_teacher().map(|t| t.id.as_str())) {
            Some(id) => id.to_owned(),
            None => self.add_teacher("").ok()?,
        };
        let guide = Arc::clone(self.guide(guide_id)?);
        let reflection = Reflection::new(&teacher_id, &guide, title, Timestamp::now());
        Some(self.insert(reflection))
    }

    /// Starts a coach session with a teacher, dated today, and returns its id.
    pub fn start_session(&mut self, teacher_id: &str) -> anyhow::Result<String> {
        let mut session =
            crate::coach::CoachSession::new(teacher_id, &crate::clock::today(), Timestamp::now())?;
        // The teacher's newest reflection is what a session usually discusses.
        session.reflection_id = self
            .reflections_of(teacher_id)
            .first()
            .map(|e| e.reflection.id.clone());
        let id = session.id.clone();
        self.sessions.push(SessionEntry {
            session,
            read_only: None,
        });
        self.schedule_save(&id);
        Ok(id)
    }

    /// Applies a coach's edit to a session and schedules its save.
    pub fn edit_session(
        &mut self,
        id: &str,
        edit: crate::coach::SessionEdit,
    ) -> anyhow::Result<()> {
        self.refuse_if_read_only()?;
        let entry = editable(&mut self.sessions, id)?;
        let before = entry.session.clone();
        let (what, group) = undo::session_edit_words(&edit);
        crate::coach::apply_session_edit(&mut entry.session, edit, Timestamp::now())?;
        if undo::session_differs(&before, &entry.session) {
            let before = RecordCopy::Session(Box::new(before));
            self.undo.record(id, before, what, group, Instant::now());
        }
        self.schedule_save(id);
        Ok(())
    }

    pub fn duplicate(&mut self, id: &str) -> Option<String> {
        let entry = self.entry(id)?;
        let guide = Arc::clone(self.guide(&entry.reflection.guide_id)?);
        let title = format!("{} (new check-in)", entry.reflection.display_title());
        let copy = entry.reflection.duplicate(&title, &guide, Timestamp::now());
        Some(self.insert(copy))
    }

    pub(super) fn insert(&mut self, reflection: Reflection) -> String {
        let id = reflection.id.clone();
        self.entries.push(Entry {
            reflection,
            read_only: None,
        });
        self.schedule_save(&id);
        id
    }

    /// Applies a teacher's edit in memory and schedules its save.
    pub fn edit(&mut self, id: &str, edit: Edit) -> anyhow::Result<()> {
        self.refuse_if_read_only()?;
        let entry = editable(&mut self.entries, id)?;
        let guide = self
            .library
            .get(&entry.reflection.guide_id)
            .with_context(|| {
                format!(
                    "The guide \"{}\" is not available, so this reflection cannot be changed.",
                    entry.reflection.guide_id
                )
            })?;
        let before = entry.reflection.clone();
        let (what, group) = undo::edit_words(&edit, guide);
        apply(&mut entry.reflection, guide, edit, Timestamp::now())?;
        if undo::reflection_differs(&before, &entry.reflection) {
            let before = RecordCopy::Reflection(Box::new(before));
            self.undo.record(id, before, what, group, Instant::now());
        }
        self.schedule_save(id);
        Ok(())
    }

    /// Puts whole answers in place (None removes one), as chosen from a sync
    /// conflict copy, and schedules the save.
    pub fn replace_answers(
        &mut self,
        id: &str,
        answers: Vec<(String, Option<crate::reflection::Answer>)>,
    ) -> anyhow::Result<()> {
        self.refuse_if_read_only()?;
        let entry = editable(&mut self.entries, id)?;
        let before = RecordCopy::Reflection(Box::new(entry.reflection.clone()));
        let what = "the answers chosen from the other copy".to_owned();
        self.undo.record(id, before, what, None, Instant::now());
        for (item, answer) in answers {
            match answer {
                Some(answer) => {
                    entry.reflection.answers.insert(item, answer);
                }
                None => {
                    entry.reflection.answers.remove(&item);
                }
            }
        }
        entry.reflection.updated = Timestamp::now();
        self.schedule_save(id);
        Ok(())
    }

    /// Deletes a reflection: it leaves the list at once and its file goes to
    /// the trash on the worker, after its pending save. It can be restored for
    /// the rest of the session.
    pub fn delete(&mut self, id: &str) -> anyhow::Result<()> {
        let index = self
            .entries
            .iter()
            .position(|e| e.reflection.id == id)
            .context("That reflection is already gone.")?;
        // Unsaved words go first, so the copy in the trash is complete.
        self.send_now(id);
        let entry = self.entries.remove(index);
        self.undo.forget(id);
        self.deleted.push(entry.reflection);
        self.send_move(Move::DeleteReflection(id.to_owned()));
        Ok(())
    }

    /// Brings back the reflection deleted last; its file returns from the trash on the worker.
    pub fn undo_delete(&mut self) -> Option<String> {
        let reflection = self.deleted.pop()?;
        let id = reflection.id.clone();
        self.entries.push(Entry {
            reflection,
            read_only: None,
        });
        self.send_move(Move::RestoreReflection(id.clone()));
        Some(id)
    }

    /// An edit cannot be kept when another window holds the notebook.
    pub(super) fn refuse_if_read_only(&self) -> anyhow::Result<()> {
        match self.store.read_only_reason() {
            Some(reason) => Err(anyhow::anyhow!("Not saved: {reason}")),
            None => Ok(()),
        }
    }
}
