//! Undo and redo across a reflection or a session. Every change made in
//! memory (an edit of any kind, answers chosen from a conflict copy,
//! something brought back from the history) keeps the record as it was
//! before, so Ctrl+Z puts it back; typing in one field is one step until the
//! teacher pauses or moves on. Undoing is itself saved, and so kept in the
//! history like any change.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::bail;

use super::{Entry, Notebook, SessionEntry, editable};
use crate::clock::Timestamp;
use crate::coach::{CoachSession, SessionEdit};
use crate::guide::Guide;
use crate::reflection::changes::item_name;
use crate::reflection::{Edit, Reflection};

/// A whole reflection or session, as it was at one moment: what an undo puts
/// back, or an earlier version to bring back from the history.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordCopy {
    Reflection(Box<Reflection>),
    Session(Box<CoachSession>),
}

/// Steps kept per record; older ones are forgotten (the history keeps them).
const MAX_STEPS: usize = 200;
/// Typing in one field with pauses shorter than this is one step.
const TYPING_RUN: Duration = Duration::from_secs(2);

struct Step {
    before: RecordCopy,
    /// What the change was, for "Undone: the level of Station rotation".
    what: String,
    /// Changes of one group (typing in one field) in a run are one step.
    group: Option<String>,
    at: Instant,
}

#[derive(Default)]
struct Stacks {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

/// Each open record's steps to undo and redo.
#[derive(Default)]
pub(super) struct UndoHistory {
    stacks: HashMap<String, Stacks>,
}

impl UndoHistory {
    /// Keeps `before`, the record `id` as it was before a change, unless the
    /// change continues a run of typing in the same field. Forgets what could
    /// be redone: a new change starts a new branch.
    pub(super) fn record(
        &mut self,
        id: &str,
        before: RecordCopy,
        what: String,
        group: Option<String>,
        now: Instant,
    ) {
        let stacks = self.stacks.entry(id.to_owned()).or_default();
        stacks.redo.clear();
        if let Some(top) = stacks.undo.last_mut()
            && group.is_some()
            && top.group == group
            && now.saturating_duration_since(top.at) < TYPING_RUN
        {
            top.at = now;
            return;
        }
        stacks.undo.push(Step {
            before,
            what,
            group,
            at: now,
        });
        if stacks.undo.len() > MAX_STEPS {
            stacks.undo.remove(0);
        }
    }

    pub(super) fn can_undo(&self, id: &str) -> bool {
        self.stacks.get(id).is_some_and(|s| !s.undo.is_empty())
    }

    pub(super) fn can_redo(&self, id: &str) -> bool {
        self.stacks.get(id).is_some_and(|s| !s.redo.is_empty())
    }

    /// Forgets record `id`'s steps (it was deleted, or replaced from elsewhere).
    pub(super) fn forget(&mut self, id: &str) {
        self.stacks.remove(id);
    }

    /// Takes the step to undo (`undo`) or redo, and keeps `current` on the
    /// other stack, so the step can be gone back over.
    fn take(&mut self, id: &str, undo: bool, current: RecordCopy) -> Option<(RecordCopy, String)> {
        let stacks = self.stacks.get_mut(id)?;
        let (from, to) = if undo {
            (&mut stacks.undo, &mut stacks.redo)
        } else {
            (&mut stacks.redo, &mut stacks.undo)
        };
        let step = from.pop()?;
        to.push(Step {
            before: current,
            what: step.what.clone(),
            group: None,
            at: Instant::now(),
        });
        Some((step.before, step.what))
    }
}

/// Whether a reflection changed in more than when it was changed.
pub(super) fn reflection_differs(before: &Reflection, after: &Reflection) -> bool {
    let mut probe = before.clone();
    probe.updated = after.updated.clone();
    probe != *after
}

/// Whether a session changed in more than when it was changed.
pub(super) fn session_differs(before: &CoachSession, after: &CoachSession) -> bool {
    let mut probe = before.clone();
    probe.updated = after.updated.clone();
    probe != *after
}

/// What an edit changes, in words, and the run of typing it belongs to.
pub(super) fn edit_words(edit: &Edit, guide: &Guide) -> (String, Option<String>) {
    let name = |item: &str| item_name(Some(guide), item);
    match edit {
        Edit::SetTitle(_) => ("the title".to_owned(), Some("title".to_owned())),
        Edit::SetText { item, .. } => (
            format!("typing in \"{}\"", name(item)),
            Some(format!("text:{item}")),
        ),
        Edit::SetNote { item, .. } => (
            format!("the note on {}", name(item)),
            Some(format!("note:{item}")),
        ),
        Edit::SetLevel { item, .. } => (format!("the level of {}", name(item)), None),
        Edit::SetAffirmed { item, .. } => (format!("affirming \"{}\"", name(item)), None),
        Edit::SetPrivate { item, private } => (
            if *private {
                format!("making {} private", name(item))
            } else {
                format!("sharing {} again", name(item))
            },
            None,
        ),
        Edit::SetNextStepWanted { item, .. } => (format!("the next step for {}", name(item)), None),
        Edit::SetNextStepAction { item, .. } => (
            format!("the small step for {}", name(item)),
            Some(format!("step:{item}")),
        ),
        Edit::SetNextStepRevisit { item, .. } => {
            (format!("the revisit date for {}", name(item)), None)
        }
        Edit::SetNextStepDone { item, .. } => {
            (format!("the next step for {} done", name(item)), None)
        }
        Edit::SetGradeBand(_) => ("the grade band of the examples".to_owned(), None),
        Edit::SetPlanPractice { item, .. } => (format!("the practice of {}", name(item)), None),
        Edit::SetPlanDate { item, .. } => (format!("the date of {}", name(item)), None),
        Edit::SetPlanHowIWillKnow { item, .. } => (
            format!("how I will know, in {}", name(item)),
            Some(format!("plan:{item}")),
        ),
        Edit::AddCoachNote { .. } => ("the new coach note".to_owned(), None),
        Edit::RemoveCoachNote { .. } => ("removing a coach note".to_owned(), None),
    }
}

/// What a session edit changes, in words, and the run of typing it belongs to.
pub(super) fn session_edit_words(edit: &SessionEdit) -> (String, Option<String>) {
    let typing = |what: &str, group: String| (what.to_owned(), Some(group));
    let one = |what: &str| (what.to_owned(), None);
    match edit {
        SessionEdit::SetDate(_) => one("the session's date"),
        SessionEdit::SetTitle(_) => typing("the session's title", "title".to_owned()),
        SessionEdit::SetNotes(_) => typing("typing in the session notes", "notes".to_owned()),
        SessionEdit::SetReflection(_) => one("the reflection discussed"),
        SessionEdit::AddAgendaItem { .. } => one("adding an agenda point"),
        SessionEdit::SetAgendaText { id, .. } => {
            typing("rewording an agenda point", format!("agenda-text:{id}"))
        }
        SessionEdit::SetAgendaNotes { id, .. } => {
            typing("the notes on an agenda point", format!("agenda-notes:{id}"))
        }
        SessionEdit::SetAgendaGuideItem { .. } => one("the practice of an agenda point"),
        SessionEdit::MoveAgendaItem { .. } => one("moving an agenda point"),
        SessionEdit::RemoveAgendaItem { .. } => one("removing an agenda point"),
        SessionEdit::AddStep { .. } => one("adding an agreed step"),
        SessionEdit::SetStepText { id, .. } => {
            typing("rewording an agreed step", format!("step-text:{id}"))
        }
        SessionEdit::SetStepGuideItem { .. } => one("the practice of an agreed step"),
        SessionEdit::SetStepRevisit { .. } => one("the revisit date of an agreed step"),
        SessionEdit::SetStepDone { .. } => one("marking an agreed step done"),
        SessionEdit::RemoveStep { .. } => one("removing an agreed step"),
    }
}

impl Notebook {
    /// Whether record `id` has a change to undo.
    pub fn can_undo(&self, id: &str) -> bool {
        self.undo.can_undo(id)
    }

    /// Whether record `id` has an undone change to make again.
    pub fn can_redo(&self, id: &str) -> bool {
        self.undo.can_redo(id)
    }

    /// Takes back the last change to record `id`; says what it was.
    pub fn undo(&mut self, id: &str) -> anyhow::Result<String> {
        self.step(id, true).map(|what| format!("Undone: {what}."))
    }

    /// Makes again the change to record `id` undone last; says what it was.
    pub fn redo(&mut self, id: &str) -> anyhow::Result<String> {
        self.step(id, false)
            .map(|what| format!("Made again: {what}."))
    }

    fn step(&mut self, id: &str, undo: bool) -> anyhow::Result<String> {
        self.refuse_if_read_only()?;
        let current = self.copy_of(id)?;
        let Some((back, what)) = self.undo.take(id, undo, current) else {
            if undo {
                bail!("There is nothing to undo here.");
            }
            bail!("There is nothing to redo here.");
        };
        let now = Timestamp::now();
        match back {
            RecordCopy::Reflection(mut reflection) => {
                reflection.updated = now;
                editable::<Entry>(&mut self.entries, id)?.reflection = *reflection;
            }
            RecordCopy::Session(mut session) => {
                session.updated = now;
                editable::<SessionEntry>(&mut self.sessions, id)?.session = *session;
            }
        }
        self.schedule_save(id);
        Ok(what)
    }

    /// Record `id` as it is now in memory, if it may be changed.
    fn copy_of(&mut self, id: &str) -> anyhow::Result<RecordCopy> {
        if self.entries.iter().any(|e| e.reflection.id == id) {
            let entry = editable(&mut self.entries, id)?;
            return Ok(RecordCopy::Reflection(Box::new(entry.reflection.clone())));
        }
        let entry = editable(&mut self.sessions, id)?;
        Ok(RecordCopy::Session(Box::new(entry.session.clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(title: &str) -> RecordCopy {
        let mut r: Reflection = serde_json::from_value(serde_json::json!({
            "format": 1, "id": "r-1", "teacher_id": "t-1", "guide_id": "g", "guide_version": 1,
            "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"
        }))
        .unwrap();
        r.title = title.to_owned();
        RecordCopy::Reflection(Box::new(r))
    }

    #[test]
    fn typing_in_one_field_is_one_step_until_a_pause_or_another_change() {
        let mut history = UndoHistory::default();
        let start = Instant::now();
        let typing = Some("text:q".to_owned());
        history.record("r-1", copy("a"), "typing".into(), typing.clone(), start);
        history.record(
            "r-1",
            copy("ab"),
            "typing".into(),
            typing.clone(),
            start + Duration::from_millis(500),
        );
        history.record(
            "r-1",
            copy("abc"),
            "typing".into(),
            typing.clone(),
            start + Duration::from_millis(1800),
        );
        assert_eq!(history.stacks["r-1"].undo.len(), 1, "one run of typing");
        // A pause makes a new step; so does a change of another kind.
        history.record(
            "r-1",
            copy("x"),
            "typing".into(),
            typing.clone(),
            start + Duration::from_secs(5),
        );
        history.record(
            "r-1",
            copy("y"),
            "level".into(),
            None,
            start + Duration::from_secs(5),
        );
        history.record(
            "r-1",
            copy("z"),
            "level".into(),
            None,
            start + Duration::from_secs(5),
        );
        assert_eq!(history.stacks["r-1"].undo.len(), 4);
        assert!(history.can_undo("r-1") && !history.can_redo("r-1"));
        // Undo puts back what was before, and keeps the present to redo.
        let (back, what) = history.take("r-1", true, copy("now")).unwrap();
        assert_eq!((back, what.as_str()), (copy("z"), "level"));
        assert!(history.can_redo("r-1"));
        let (again, _) = history.take("r-1", false, copy("z")).unwrap();
        assert_eq!(again, copy("now"));
        // A new change forgets what could be redone.
        history.take("r-1", true, copy("now")).unwrap();
        history.record(
            "r-1",
            copy("z"),
            "other".into(),
            None,
            start + Duration::from_secs(9),
        );
        assert!(!history.can_redo("r-1"));
        assert!(!history.can_undo("r-2"));
    }

    #[test]
    fn only_so_many_steps_are_kept() {
        let mut history = UndoHistory::default();
        let now = Instant::now();
        for n in 0..(MAX_STEPS + 10) {
            history.record("r-1", copy(&n.to_string()), "x".into(), None, now);
        }
        assert_eq!(history.stacks["r-1"].undo.len(), MAX_STEPS);
        assert_eq!(history.stacks["r-1"].undo[0].before, copy("10"));
    }
}
