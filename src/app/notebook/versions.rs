//! Bringing back earlier versions from the history, and the trash: what
//! the history and trash screens ask of the notebook. A restore changes the
//! record in memory like any edit (so Ctrl+Z undoes it) and is saved, and so
//! kept as a new version; moves in and out of the trash go to the worker.

use anyhow::{Context as _, bail};

use super::undo::RecordCopy;
use super::*;
use crate::reflection::changes;
use crate::session::changes as session_changes;

impl Notebook {
    /// Brings back part `part` (a part's key, see `reflection::changes::Part`)
    /// of an earlier version of record `id`, or the whole version when `part`
    /// is None. Says what was done.
    pub fn restore_version(
        &mut self,
        id: &str,
        version: &RecordCopy,
        part: Option<&str>,
        label: &str,
    ) -> anyhow::Result<String> {
        self.refuse_if_read_only()?;
        let now = Timestamp::now();
        let what = match part {
            Some(_) => format!("bringing back {label}"),
            None => "restoring an earlier version".to_owned(),
        };
        let before = match version {
            RecordCopy::Reflection(version) => {
                let entry = editable(&mut self.entries, id)?;
                let before = entry.reflection.clone();
                let changed = match part {
                    Some(key) => changes::restore_part(&mut entry.reflection, version, key, now)?,
                    None => changes::restore_all(&mut entry.reflection, version, now),
                };
                changed.then(|| RecordCopy::Reflection(Box::new(before)))
            }
            RecordCopy::Session(version) => {
                let entry = editable(&mut self.sessions, id)?;
                let before = entry.session.clone();
                let changed = match part {
                    Some(key) => {
                        session_changes::restore_part(&mut entry.session, version, key, now)?
                    }
                    None => session_changes::restore_all(&mut entry.session, version, now),
                };
                changed.then(|| RecordCopy::Session(Box::new(before)))
            }
        };
        let Some(before) = before else {
            return Ok("Nothing to bring back: it is already as it was then.".to_owned());
        };
        self.undo
            .record(id, before, what, None, std::time::Instant::now());
        self.schedule_save(id);
        Ok(match part {
            Some(_) => format!("Brought back {label}. Ctrl+Z takes it back."),
            None => "Brought back the whole version. Ctrl+Z takes it back.".to_owned(),
        })
    }

    /// Brings a reflection or session back from the trash, with its earlier
    /// versions; its files move on the worker. Says what came back.
    pub fn restore_from_trash(&mut self, id: &str, session: bool) -> anyhow::Result<String> {
        self.refuse_if_read_only()?;
        if session {
            if self.session(id).is_some() {
                bail!("That session is already in your notebook.");
            }
            let stored = self.store.load_trashed_session(id)?;
            self.refuse_unknown_teacher(&stored.session.teacher_id)?;
            let title = stored.session.display_title();
            self.sessions.push(SessionEntry {
                session: stored.session,
                read_only: stored.read_only,
            });
            self.send_move(Move::RestoreSession(id.to_owned()));
            return Ok(format!("Restored \"{title}\" from the trash."));
        }
        if self.entry(id).is_some() {
            bail!("That reflection is already in your notebook.");
        }
        let stored = self.store.load_trashed_reflection(id)?;
        self.refuse_unknown_teacher(&stored.reflection.teacher_id)?;
        let title = stored.reflection.display_title();
        self.deleted.retain(|r| r.id != id);
        self.entries.push(Entry {
            reflection: stored.reflection,
            read_only: stored.read_only,
        });
        self.send_move(Move::RestoreReflection(id.to_owned()));
        Ok(format!("Restored \"{title}\" from the trash."))
    }

    fn refuse_unknown_teacher(&self, teacher_id: &str) -> anyhow::Result<()> {
        self.teacher(teacher_id).map(|_| ()).context(
            "Its teacher is no longer in this notebook, so it cannot come back on its own. \
             Bring the teacher back first (Undo, just after deleting them).",
        )
    }

    /// Removes a reflection or session in the trash for good, with its
    /// earlier versions. The person has confirmed it: this cannot be undone.
    pub fn remove_for_good(&mut self, id: &str, session: bool) -> anyhow::Result<()> {
        self.refuse_if_read_only()?;
        self.deleted.retain(|r| r.id != id);
        self.send_move(Move::RemoveForGood {
            id: id.to_owned(),
            session,
        });
        Ok(())
    }

    /// Removes everything in the trash for good. The person has confirmed it.
    pub fn empty_trash(&mut self) -> anyhow::Result<()> {
        self.refuse_if_read_only()?;
        self.deleted.clear();
        // Their files are gone: there is nothing for Undo to bring back.
        self.deleted_teacher = None;
        self.send_move(Move::EmptyTrash);
        Ok(())
    }

    /// Asks the worker to remove the earlier versions past keeping, off the
    /// window's thread. Done once after the notebook opens.
    pub fn prune_history(&mut self) {
        if !self.is_read_only() {
            self.saves.send_unwatched(SaveJob::PruneHistory);
        }
    }
}
