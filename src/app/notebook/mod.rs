//! Everything the window knows about the teacher's notebook: guides, teachers,
//! reflections, problems, and which edits still wait to be saved.
//!
//! Edits change memory at once and are saved by the autosave worker shortly
//! after; this module decides when. It draws nothing.

mod locking;
use std::sync::Arc;

use anyhow::Context as _;
use std::time::{Duration, Instant};

use crate::clock::Timestamp;
use crate::guide::{Guide, GuideLibrary};
use crate::reflection::{Edit, Reflection, Teacher, apply};
use crate::store::{Snapshot, Store};

use super::autosave::{Move, SaveJob, SaveOutcome};
use super::jobs::{Job, JobKind, Jobs};
use super::recovery::RecoveryFolder;
use super::save_queue::SaveQueue;
pub use super::save_queue::SaveState;

mod conflicts;
mod edits;
mod saving;
mod teachers;
mod undo;
mod versions;

pub use conflicts::ConflictRead;
pub use undo::RecordCopy;

/// A reflection in memory, with why it may not be changed, if it may not.
pub struct Entry {
    pub reflection: Reflection,
    pub read_only: Option<String>,
}

/// A coach session in memory, with why it may not be changed, if it may not.
pub struct SessionEntry {
    pub session: crate::coach::CoachSession,
    pub read_only: Option<String>,
}

/// A reflection or a session held in memory, as edits find it.
trait OpenRecord {
    /// "reflection" or "session", as messages name it.
    const WHAT: &'static str;
    fn id(&self) -> &str;
    fn read_only(&self) -> Option<&str>;
}

impl OpenRecord for Entry {
    const WHAT: &'static str = "reflection";
    fn id(&self) -> &str {
        &self.reflection.id
    }
    fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }
}

impl OpenRecord for SessionEntry {
    const WHAT: &'static str = "session";
    fn id(&self) -> &str {
        &self.session.id
    }
    fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }
}

/// The open record `id`, if it may be changed; otherwise why not.
fn editable<'r, T: OpenRecord>(records: &'r mut [T], id: &str) -> anyhow::Result<&'r mut T> {
    let record = records
        .iter_mut()
        .find(|r| r.id() == id)
        .with_context(|| format!("That {} is no longer open.", T::WHAT))?;
    match record.read_only() {
        Some(reason) => Err(anyhow::anyhow!("This {} is read-only: {reason}", T::WHAT)),
        None => Ok(record),
    }
}

/// Whether a copy kept after a failed save holds something the notebook
/// does not: the notebook has no such record, or its record differs and is
/// not newer. Times have one-second steps, so a same-second edit counts.
pub fn kept_copy_is_new<T: PartialEq>(
    kept: &T,
    saved: Option<&T>,
    updated: impl Fn(&T) -> &Timestamp,
) -> bool {
    saved.is_none_or(|saved| saved != kept && updated(saved) <= updated(kept))
}

pub struct Notebook {
    pub library: GuideLibrary,
    pub store: Arc<Store>,
    pub teachers: Vec<Teacher>,
    pub entries: Vec<Entry>,
    pub sessions: Vec<SessionEntry>,
    /// Readable descriptions of files that could not be used.
    pub problems: Vec<String>,
    /// How many sync conflict copies the notebook's folders held when read.
    pub conflict_copies: usize,
    /// Reflections deleted in this session, newest last, so they can be restored.
    pub deleted: Vec<Reflection>,
    /// Edits waiting to be written, and the thread that writes them.
    saves: SaveQueue,
    /// Where words that cannot be saved into the notebook are kept as well.
    recovery: Option<RecoveryFolder>,
    /// Why the teacher list may not be changed (a newer format, or a damaged
    /// file), if it may not: such edits are refused at once, never accepted
    /// and then dropped.
    teachers_read_only: Option<String>,
    /// Goes up with every change in memory, so views can tell when to recompute.
    revision: u64,
    last_import: Option<anyhow::Result<String>>,
    /// Teachers being deleted, kept until the worker confirms, to put back on failure.
    removed_teachers: Vec<RemovedTeacher>,
    /// The teacher deleted last, with their reflections and sessions, while
    /// their files wait in the trash: Undo brings all of it back.
    deleted_teacher: Option<RemovedTeacher>,
    notices: Vec<String>,
    /// What Ctrl+Z puts back, for each open record.
    undo: undo::UndoHistory,
}

/// A teacher and their data, out of the list while the worker moves their files.
struct RemovedTeacher {
    teacher: Teacher,
    entries: Vec<Entry>,
    sessions: Vec<SessionEntry>,
}

impl Notebook {
    /// A notebook on `store` with nothing read yet: [`Notebook::fill`] adds
    /// what [`Store::load`] read, which the window does on another thread so
    /// that it can show its first frame at once.
    pub fn new(
        library: GuideLibrary,
        store: Arc<Store>,
        recovery: Option<RecoveryFolder>,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let mut problems = Vec::new();
        if let Some(reason) = store.read_only_reason() {
            problems.push(if reason == crate::store::BUSY_REASON {
                format!("Your notebook is open read-only: {reason}. Close the other window to make changes.")
            } else {
                format!("Your notebook is open read-only: {reason}.")
            });
        }
        problems.extend(library.problems.iter().map(ToString::to_string));
        let (saves, start_error) = SaveQueue::start(Arc::clone(&store), recovery.clone(), wake);
        problems.extend(start_error);
        Notebook {
            library,
            store,
            teachers: Vec::new(),
            entries: Vec::new(),
            sessions: Vec::new(),
            problems,
            conflict_copies: 0,
            deleted: Vec::new(),
            saves,
            recovery,
            teachers_read_only: None,
            revision: 0,
            last_import: None,
            removed_teachers: Vec::new(),
            deleted_teacher: None,
            notices: Vec::new(),
            undo: undo::UndoHistory::default(),
        }
    }

    /// Adds what was read from the store. Called once, before any edit.
    pub fn fill(&mut self, snapshot: Snapshot) {
        // The reading thread already found the sync conflict copies.
        self.conflict_copies = snapshot
            .problems
            .iter()
            .filter(|p| p.kind == crate::store::ProblemKind::ConflictCopy)
            .count();
        self.problems
            .extend(snapshot.problems.iter().map(ToString::to_string));
        self.teachers = snapshot.teachers;
        self.teachers_read_only = snapshot.teachers_read_only;
        self.entries = snapshot
            .reflections
            .into_iter()
            .map(|stored| Entry {
                reflection: stored.reflection,
                read_only: stored.read_only,
            })
            .collect();
        self.sessions = snapshot
            .sessions
            .into_iter()
            .map(|stored| SessionEntry {
                session: stored.session,
                read_only: stored.read_only,
            })
            .collect();
        self.revision += 1;
    }

    /// Reads `store` in full on a job of its own.
    pub fn read_in_background(store: Arc<Store>, jobs: &Jobs) -> Job<Snapshot> {
        jobs.start(JobKind::OpenNotebook, move || store.load())
    }

    /// The readiness summary of a reflection, compared with the teacher's previous one.
    pub fn summarize(
        &self,
        id: &str,
        include_private: bool,
        include_coach_notes: bool,
        include_name: bool,
    ) -> Option<crate::summary::Summary> {
        let entry = self.entry(id)?;
        let guide = self.guide(&entry.reflection.guide_id)?;
        let previous = crate::reflection::previous_reflection(
            self.entries.iter().map(|e| &e.reflection),
            &entry.reflection,
        );
        let teacher_name = self
            .teacher(&entry.reflection.teacher_id)
            .map(|t| t.name.clone())
            .filter(|name| include_name && !name.trim().is_empty());
        let options = crate::summary::SummaryOptions {
            include_private,
            include_coach_notes,
            teacher_name,
            today: crate::clock::today(),
        };
        Some(crate::summary::summarize(
            guide,
            &entry.reflection,
            previous,
            &options,
        ))
    }

    pub fn guide(&self, id: &str) -> Option<&Arc<Guide>> {
        self.library.get(id)
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.reflection.id == id)
    }

    /// Reflections, most recently changed first.
    pub fn newest_first(&self) -> Vec<&Entry> {
        let mut entries: Vec<&Entry> = self.entries.iter().collect();
        entries.sort_by(|a, b| b.reflection.updated.cmp(&a.reflection.updated));
        entries
    }

    /// The teacher a private notebook belongs to.
    pub fn main_teacher(&self) -> Option<&Teacher> {
        self.teachers.iter().find(|t| !t.archived)
    }

    pub fn is_read_only(&self) -> bool {
        self.store.read_only_reason().is_some()
    }

    pub fn session(&self, id: &str) -> Option<&SessionEntry> {
        self.sessions.iter().find(|e| e.session.id == id)
    }

    /// A teacher's sessions, newest first.
    pub fn sessions_of(&self, teacher_id: &str) -> Vec<&SessionEntry> {
        let mut sessions: Vec<&SessionEntry> = self
            .sessions
            .iter()
            .filter(|e| e.session.teacher_id == teacher_id)
            .collect();
        sessions.sort_by(|a, b| {
            b.session
                .date
                .cmp(&a.session.date)
                .then_with(|| b.session.created.cmp(&a.session.created))
        });
        sessions
    }

    /// Whether the notebook is a coach's: more than one teacher, archived
    /// ones included, so archiving all but one never hides the teacher list
    /// (and the way to unarchive).
    pub fn is_coaching(&self) -> bool {
        self.teachers.len() > 1
    }

    pub fn teacher(&self, id: &str) -> Option<&Teacher> {
        self.teachers.iter().find(|t| t.id == id)
    }

    /// A teacher's reflections, newest first. Reflections started in the same
    /// second keep the order they were made in (later ones first).
    pub fn reflections_of(&self, teacher_id: &str) -> Vec<&Entry> {
        let mut entries: Vec<&Entry> = self
            .entries
            .iter()
            .rev()
            .filter(|e| e.reflection.teacher_id == teacher_id)
            .collect();
        // Newest first; the id tells apart check-ins started in the same second.
        entries.sort_by(|a, b| {
            (&b.reflection.created, &b.reflection.id)
                .cmp(&(&a.reflection.created, &a.reflection.id))
        });
        entries
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn save_state(&self) -> SaveState {
        self.saves.save_state()
    }

    /// Messages for the window about work that did not go through, once each.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }
}
