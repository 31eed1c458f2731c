//! The teachers of a coach's notebook: adding, renaming, archiving, deleting
//! (with undo), and imports of reflections teachers exported.

use super::*;

impl Notebook {
    pub fn add_teacher(&mut self, name: &str) -> anyhow::Result<String> {
        self.refuse_teacher_edit()?;
        // A teacher who gives no name stays nameless; summaries are then anonymous.
        let teacher = Teacher::new(name, Timestamp::now());
        let id = teacher.id.clone();
        self.teachers.push(teacher);
        self.touch_teachers();
        self.revision += 1;
        Ok(id)
    }

    /// The teacher list cannot be saved: refuse the edit now, say why.
    pub(super) fn refuse_teacher_edit(&self) -> anyhow::Result<()> {
        self.refuse_if_read_only()?;
        match &self.teachers_read_only {
            Some(reason) => Err(anyhow::anyhow!(
                "The teacher list cannot be changed: {reason}"
            )),
            None => Ok(()),
        }
    }

    pub fn rename_teacher(&mut self, id: &str, name: &str) -> anyhow::Result<()> {
        self.refuse_teacher_edit()?;
        if let Some(teacher) = self.teachers.iter_mut().find(|t| t.id == id) {
            name.trim().clone_into(&mut teacher.name);
            teacher.updated = Timestamp::now();
            self.touch_teachers();
            self.revision += 1;
        }
        Ok(())
    }

    pub fn set_archived(&mut self, id: &str, archived: bool) -> anyhow::Result<()> {
        self.refuse_teacher_edit()?;
        if let Some(teacher) = self.teachers.iter_mut().find(|t| t.id == id) {
            teacher.archived = archived;
            teacher.updated = Timestamp::now();
            self.touch_teachers();
            self.revision += 1;
        }
        Ok(())
    }

    /// Deletes a teacher with their reflections and sessions (to the trash,
    /// restorable by hand). If any file cannot be moved, nothing is, and the
    /// teacher comes back.
    pub fn delete_teacher(&mut self, teacher_id: &str) -> anyhow::Result<()> {
        self.refuse_teacher_edit()?;
        let index = self
            .teachers
            .iter()
            .position(|t| t.id == teacher_id)
            .context("That teacher is already gone.")?;
        let ids: Vec<String> = self
            .entries
            .iter()
            .filter(|e| e.reflection.teacher_id == teacher_id)
            .map(|e| e.reflection.id.clone())
            .chain(
                self.sessions
                    .iter()
                    .filter(|e| e.session.teacher_id == teacher_id)
                    .map(|e| e.session.id.clone()),
            )
            .collect();
        for id in &ids {
            self.send_now(id);
        }
        let (entries, kept): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|e| e.reflection.teacher_id == teacher_id);
        self.entries = kept;
        let (sessions, kept): (Vec<SessionEntry>, Vec<SessionEntry>) =
            std::mem::take(&mut self.sessions)
                .into_iter()
                .partition(|e| e.session.teacher_id == teacher_id);
        self.sessions = kept;
        let teacher = self.teachers.remove(index);
        self.removed_teachers.push(RemovedTeacher {
            teacher,
            entries,
            sessions,
        });
        self.touch_teachers();
        self.send_move(Move::DeleteTeacherData(teacher_id.to_owned()));
        Ok(())
    }

    /// The name of the teacher deleted last, while Undo can bring them back.
    pub fn deleted_teacher_name(&self) -> Option<&str> {
        self.deleted_teacher
            .as_ref()
            .map(|r| r.teacher.name.as_str())
    }

    /// Brings back the teacher deleted last, with their reflections and
    /// sessions; their files return from the trash on the worker.
    pub fn undo_delete_teacher(&mut self) -> anyhow::Result<()> {
        self.refuse_teacher_edit()?;
        let Some(removed) = self.deleted_teacher.take() else {
            anyhow::bail!("There is no deleted teacher to bring back.");
        };
        let reflections: Vec<String> = removed
            .entries
            .iter()
            .map(|e| e.reflection.id.clone())
            .collect();
        let sessions: Vec<String> = removed
            .sessions
            .iter()
            .map(|e| e.session.id.clone())
            .collect();
        self.teachers.push(removed.teacher);
        self.entries.extend(removed.entries);
        self.sessions.extend(removed.sessions);
        self.touch_teachers();
        self.send_move(Move::RestoreTeacherData {
            reflections,
            sessions,
        });
        Ok(())
    }

    /// Queues an import behind every pending save; the result arrives in `tick`.
    pub fn import(
        &mut self,
        plan: crate::coach::ImportPlan,
        choice: Option<crate::coach::ImportChoice>,
    ) -> anyhow::Result<()> {
        if let Some(reason) = self.store.read_only_reason() {
            return Err(anyhow::anyhow!("Not imported: {reason}"));
        }
        let teacher = plan.default_teacher()?;
        self.send_due(Instant::now(), true);
        self.saves.send(SaveJob::Import {
            plan: Box::new(plan),
            choice,
            teacher,
        });
        Ok(())
    }

    pub(super) fn finish_import(
        &mut self,
        result: anyhow::Result<(Box<Reflection>, Vec<Teacher>)>,
    ) {
        match result {
            Ok((reflection, teachers)) => {
                let id = reflection.id.clone();
                self.entries.retain(|e| e.reflection.id != id);
                self.undo.forget(&id);
                self.entries.push(Entry {
                    reflection: *reflection,
                    read_only: None,
                });
                // Only teachers the import added are new here; in-memory edits stay.
                for teacher in teachers {
                    if !self.teachers.iter().any(|t| t.id == teacher.id) {
                        self.teachers.push(teacher);
                    }
                }
                self.last_import = Some(Ok(id));
            }
            Err(error) => self.last_import = Some(Err(error)),
        }
        self.revision += 1;
    }

    /// The outcome of the last import, once, for the window to report.
    pub fn take_import_outcome(&mut self) -> Option<anyhow::Result<String>> {
        self.last_import.take()
    }
}
