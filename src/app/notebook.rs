//! Everything the window knows about the teacher's notebook: guides, teachers,
//! reflections, problems, and which edits still wait to be saved.
//!
//! Edits change memory at once and are saved by the autosave worker shortly
//! after; this module decides when. It draws nothing.

use std::collections::BTreeMap;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::clock::Timestamp;
use crate::guide::{Guide, GuideLibrary};
use crate::reflection::{Edit, Reflection, Teacher, apply};
use crate::store::{Snapshot, Store};

use super::autosave::{Autosave, Move, SaveJob, SaveOutcome, SavedThing};
use super::recovery::RecoveryFolder;

/// How long after the last keystroke an edit is written.
pub const SAVE_DELAY: Duration = Duration::from_millis(400);
/// The longest an edit waits while the teacher keeps typing: steady typing
/// never rests for [`SAVE_DELAY`], and a crash must not take more than this.
pub const MAX_SAVE_WAIT: Duration = Duration::from_millis(1500);
/// How long to wait before trying a failed save again.
pub const RETRY_DELAY: Duration = Duration::from_secs(5);

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
fn editable<'r, T: OpenRecord>(records: &'r mut [T], id: &str) -> Result<&'r mut T, String> {
    let record = records
        .iter_mut()
        .find(|r| r.id() == id)
        .ok_or_else(|| format!("That {} is no longer open.", T::WHAT))?;
    match record.read_only() {
        Some(reason) => Err(format!("This {} is read-only: {reason}", T::WHAT)),
        None => Ok(record),
    }
}

/// An edit waiting to be saved: when the first unsaved edit and the latest
/// one were made.
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

/// Whether the teacher's words are safely on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Saving,
    Failed(String),
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
    /// Edited reflections and sessions not yet sent to the worker.
    pending: BTreeMap<String, PendingSave>,
    teachers_pending: Option<PendingSave>,
    /// Sent to the worker, not yet confirmed.
    in_flight: usize,
    last_error: Option<String>,
    autosave: Autosave,
    /// Where words that cannot be saved into the notebook are kept as well.
    recovery: Option<RecoveryFolder>,
    /// Why the teacher list may not be changed (a newer format, or a damaged
    /// file), if it may not: such edits are refused at once, never accepted
    /// and then dropped.
    teachers_read_only: Option<String>,
    /// Goes up with every change in memory, so views can tell when to recompute.
    revision: u64,
    last_import: Option<Result<String, String>>,
    /// Teachers being deleted, kept until the worker confirms, to put back on failure.
    removed_teachers: Vec<RemovedTeacher>,
    /// The teacher deleted last, with their reflections and sessions, while
    /// their files wait in the trash: Undo brings all of it back.
    deleted_teacher: Option<RemovedTeacher>,
    notices: Vec<String>,
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
        let autosave = Autosave::start(Arc::clone(&store), recovery.clone(), wake);
        let last_error = autosave.start_error().map(|error| {
            let message =
                format!("Nothing can be saved: {error}. Close PL Reflect and open it again.");
            problems.push(message.clone());
            message
        });
        Notebook {
            library,
            store,
            teachers: Vec::new(),
            entries: Vec::new(),
            sessions: Vec::new(),
            problems,
            conflict_copies: 0,
            deleted: Vec::new(),
            pending: BTreeMap::new(),
            teachers_pending: None,
            in_flight: 0,
            last_error,
            autosave,
            recovery,
            teachers_read_only: None,
            revision: 0,
            last_import: None,
            removed_teachers: Vec::new(),
            deleted_teacher: None,
            notices: Vec::new(),
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

    /// Reads `store` in full on another thread; the snapshot arrives on the
    /// returned channel.
    pub fn read_in_background(store: Arc<Store>) -> std::io::Result<mpsc::Receiver<Snapshot>> {
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("open-notebook".to_owned())
            .spawn(move || {
                // The window may have closed meanwhile; then nobody is waiting.
                let _ = sender.send(store.load());
            })?;
        Ok(receiver)
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

    pub fn add_teacher(&mut self, name: &str) -> Result<String, String> {
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
    fn refuse_teacher_edit(&self) -> Result<(), String> {
        self.refuse_if_read_only()?;
        match &self.teachers_read_only {
            Some(reason) => Err(format!("The teacher list cannot be changed: {reason}")),
            None => Ok(()),
        }
    }

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
    pub fn start_session(&mut self, teacher_id: &str) -> Result<String, String> {
        let mut session =
            crate::coach::CoachSession::new(teacher_id, &crate::clock::today(), Timestamp::now())
                .map_err(|e| e.to_string())?;
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

    /// Applies a coach's edit to a session and schedules its save.
    pub fn edit_session(
        &mut self,
        id: &str,
        edit: crate::coach::SessionEdit,
    ) -> Result<(), String> {
        self.refuse_if_read_only()?;
        let entry = editable(&mut self.sessions, id)?;
        crate::coach::apply_session_edit(&mut entry.session, edit, Timestamp::now())
            .map_err(|e| e.to_string())?;
        self.schedule_save(id);
        Ok(())
    }

    /// Queues an import behind every pending save; the result arrives in `tick`.
    pub fn import(
        &mut self,
        plan: crate::coach::ImportPlan,
        choice: Option<crate::coach::ImportChoice>,
    ) -> Result<(), String> {
        if let Some(reason) = self.store.read_only_reason() {
            return Err(format!("Not imported: {reason}"));
        }
        let teacher = plan.default_teacher().map_err(|e| e.to_string())?;
        self.send_due(Instant::now(), true);
        self.in_flight += 1;
        self.autosave.send(SaveJob::Import {
            plan: Box::new(plan),
            choice,
            teacher,
        });
        Ok(())
    }

    fn finish_import(&mut self, result: Result<(Box<Reflection>, Vec<Teacher>), String>) {
        match result {
            Ok((reflection, teachers)) => {
                let id = reflection.id.clone();
                self.entries.retain(|e| e.reflection.id != id);
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
    pub fn take_import_outcome(&mut self) -> Option<Result<String, String>> {
        self.last_import.take()
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

    pub fn rename_teacher(&mut self, id: &str, name: &str) -> Result<(), String> {
        self.refuse_teacher_edit()?;
        if let Some(teacher) = self.teachers.iter_mut().find(|t| t.id == id) {
            teacher.name = name.trim().to_owned();
            teacher.updated = Timestamp::now();
            self.touch_teachers();
            self.revision += 1;
        }
        Ok(())
    }

    pub fn set_archived(&mut self, id: &str, archived: bool) -> Result<(), String> {
        self.refuse_teacher_edit()?;
        if let Some(teacher) = self.teachers.iter_mut().find(|t| t.id == id) {
            teacher.archived = archived;
            teacher.updated = Timestamp::now();
            self.touch_teachers();
            self.revision += 1;
        }
        Ok(())
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

    pub fn duplicate(&mut self, id: &str) -> Option<String> {
        let entry = self.entry(id)?;
        let guide = Arc::clone(self.guide(&entry.reflection.guide_id)?);
        let title = format!("{} (new check-in)", entry.reflection.display_title());
        let copy = entry.reflection.duplicate(&title, &guide, Timestamp::now());
        Some(self.insert(copy))
    }

    fn insert(&mut self, reflection: Reflection) -> String {
        let id = reflection.id.clone();
        self.entries.push(Entry {
            reflection,
            read_only: None,
        });
        self.schedule_save(&id);
        id
    }

    /// Applies a teacher's edit in memory and schedules its save.
    pub fn edit(&mut self, id: &str, edit: Edit) -> Result<(), String> {
        self.refuse_if_read_only()?;
        let entry = editable(&mut self.entries, id)?;
        let guide = self
            .library
            .get(&entry.reflection.guide_id)
            .ok_or_else(|| {
                format!(
                    "The guide \"{}\" is not available, so this reflection cannot be changed.",
                    entry.reflection.guide_id
                )
            })?;
        apply(&mut entry.reflection, guide, edit, Timestamp::now()).map_err(|e| e.to_string())?;
        self.schedule_save(id);
        Ok(())
    }

    /// Puts whole answers in place (None removes one), as chosen from a sync
    /// conflict copy, and schedules the save.
    pub fn replace_answers(
        &mut self,
        id: &str,
        answers: Vec<(String, Option<crate::reflection::Answer>)>,
    ) -> Result<(), String> {
        self.refuse_if_read_only()?;
        let entry = editable(&mut self.entries, id)?;
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
    pub fn delete(&mut self, id: &str) -> Result<(), String> {
        let index = self
            .entries
            .iter()
            .position(|e| e.reflection.id == id)
            .ok_or_else(|| "That reflection is already gone.".to_owned())?;
        // Unsaved words go first, so the copy in the trash is complete.
        self.send_now(id);
        let entry = self.entries.remove(index);
        self.deleted.push(entry.reflection);
        self.send_move(Move::DeleteReflection(id.to_owned()));
        Ok(())
    }

    /// Deletes a teacher with their reflections and sessions (to the trash,
    /// restorable by hand). If any file cannot be moved, nothing is, and the
    /// teacher comes back.
    pub fn delete_teacher(&mut self, teacher_id: &str) -> Result<(), String> {
        self.refuse_teacher_edit()?;
        let index = self
            .teachers
            .iter()
            .position(|t| t.id == teacher_id)
            .ok_or_else(|| "That teacher is already gone.".to_owned())?;
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
    pub fn undo_delete_teacher(&mut self) -> Result<(), String> {
        self.refuse_teacher_edit()?;
        let Some(removed) = self.deleted_teacher.take() else {
            return Err("There is no deleted teacher to bring back.".to_owned());
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

    /// Sends one item's pending save now, ahead of a move that depends on it.
    fn send_now(&mut self, id: &str) {
        if self.pending.remove(id).is_some() {
            if let Some(entry) = self.entries.iter().find(|e| e.reflection.id == id) {
                self.in_flight += 1;
                self.autosave
                    .send(SaveJob::Reflection(Box::new(entry.reflection.clone())));
            } else if let Some(entry) = self.sessions.iter().find(|e| e.session.id == id) {
                self.in_flight += 1;
                self.autosave
                    .send(SaveJob::Session(Box::new(entry.session.clone())));
            }
        }
    }

    fn send_move(&mut self, job: Move) {
        self.in_flight += 1;
        self.revision += 1;
        self.autosave.send(SaveJob::Move(job));
    }

    /// Settles a move the worker finished: on failure, memory goes back to
    /// match the disk, and the reason is kept for the window to show.
    fn finish_move(&mut self, job: Move, result: Result<(), String>) {
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

    /// Messages for the window about work that did not go through, once each.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// Sends edits that have rested long enough to the worker and collects
    /// results. Returns how long until it should be called again, if ever.
    pub fn tick(&mut self, now: Instant) -> Option<Duration> {
        for outcome in self.autosave.outcomes() {
            self.in_flight = self.in_flight.saturating_sub(1);
            match outcome {
                SaveOutcome::Saved => {}
                SaveOutcome::Imported(result) => self.finish_import(result),
                SaveOutcome::Moved { job, result } => self.finish_move(job, result),
                SaveOutcome::Failed { what, error } => {
                    // Keep the edit in memory and try again later.
                    match what {
                        SavedThing::Reflection { id, .. } | SavedThing::Session { id } => {
                            self.pending
                                .entry(id)
                                .or_insert(PendingSave::new(now + RETRY_DELAY - SAVE_DELAY));
                        }
                        SavedThing::Teachers => {
                            self.teachers_pending
                                .get_or_insert(PendingSave::new(now + RETRY_DELAY - SAVE_DELAY));
                        }
                    }
                    self.last_error = Some(error);
                }
            }
        }
        self.send_due(now, false);
        let next = self
            .pending
            .values()
            .chain(&self.teachers_pending)
            .map(PendingSave::due_at)
            .min();
        next.map(|due| {
            due.saturating_duration_since(now)
                .max(Duration::from_millis(20))
        })
    }

    fn send_due(&mut self, now: Instant, everything: bool) {
        let due = |pending: &PendingSave| everything || pending.is_due(now);
        if self.teachers_pending.as_ref().is_some_and(due) {
            self.teachers_pending = None;
            self.in_flight += 1;
            self.autosave.send(SaveJob::Teachers(self.teachers.clone()));
        }
        let ready: Vec<String> = self
            .pending
            .iter()
            .filter(|(_, t)| due(t))
            .map(|(id, _)| id.clone())
            .collect();
        for id in ready {
            self.pending.remove(&id);
            if let Some(entry) = self.entries.iter().find(|e| e.reflection.id == id) {
                self.in_flight += 1;
                self.autosave
                    .send(SaveJob::Reflection(Box::new(entry.reflection.clone())));
            } else if let Some(entry) = self.sessions.iter().find(|e| e.session.id == id) {
                self.in_flight += 1;
                self.autosave
                    .send(SaveJob::Session(Box::new(entry.session.clone())));
            }
        }
        if self.last_error.is_some()
            && self.pending.is_empty()
            && self.teachers_pending.is_none()
            && self.in_flight == 0
        {
            self.last_error = None;
        }
    }

    /// Writes everything now and waits for it. Used on exit.
    pub fn flush(&mut self) {
        self.send_due(Instant::now(), true);
        self.autosave.wait_until_written();
        self.tick(Instant::now());
    }

    /// Saves `id` soon (after the autosave delay) and tells views it changed.
    fn schedule_save(&mut self, id: &str) {
        let now = Instant::now();
        self.pending
            .entry(id.to_owned())
            .and_modify(|p| p.touch(now))
            .or_insert(PendingSave::new(now));
        self.revision += 1;
    }

    fn touch_teachers(&mut self) {
        let now = Instant::now();
        match &mut self.teachers_pending {
            Some(pending) => pending.touch(now),
            None => self.teachers_pending = Some(PendingSave::new(now)),
        }
    }

    /// An edit cannot be kept when another window holds the notebook.
    fn refuse_if_read_only(&self) -> Result<(), String> {
        match self.store.read_only_reason() {
            Some(reason) => Err(format!("Not saved: {reason}")),
            None => Ok(()),
        }
    }

    /// Whether any edit is not yet safely on disk.
    pub fn has_unsaved(&self) -> bool {
        !self.pending.is_empty() || self.teachers_pending.is_some() || self.in_flight > 0
    }

    /// The reflections and sessions whose latest edits are not on disk.
    pub fn unsaved(&self) -> (Vec<&Reflection>, Vec<&crate::coach::CoachSession>) {
        let reflections = self
            .entries
            .iter()
            .filter(|e| self.pending.contains_key(&e.reflection.id))
            .map(|e| &e.reflection)
            .collect();
        let sessions = self
            .sessions
            .iter()
            .filter(|e| self.pending.contains_key(&e.session.id))
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
        if self.teachers_pending.is_some() {
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
    pub fn bring_back(&mut self, recovered: super::recovery::Recovered) -> usize {
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

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn save_state(&self) -> SaveState {
        if let Some(error) = &self.last_error {
            SaveState::Failed(error.clone())
        } else if self.pending.is_empty() && self.teachers_pending.is_none() && self.in_flight == 0
        {
            SaveState::Saved
        } else {
            SaveState::Saving
        }
    }
}

impl Notebook {
    /// Marks the notebook as open (`DATA/.open`) through the worker, so the
    /// first frame does not wait for the disk.
    pub fn mark_open(&mut self, path: std::path::PathBuf, bytes: Vec<u8>) {
        self.autosave.send(SaveJob::OpenMarker { path, bytes });
    }

    /// Saves the window preferences through the worker, off the UI thread;
    /// the store keeps the fields of the file this version does not know.
    pub fn save_settings(&mut self, settings: &super::settings::Settings) {
        if let Ok(value) = serde_json::to_value(settings) {
            self.autosave.send(SaveJob::Settings(value));
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
