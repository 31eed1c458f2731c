//! What changed between two versions of a coaching session, in the coach's
//! words, its parts as a history shows them, and bringing back one part or
//! a whole version. The session's counterpart of `crate::reflection::changes`.

use crate::clock::Timestamp;
use crate::reflection::changes::{Part, RestoreError, sentence};

use super::model::{AgendaItem, AgreedStep, CoachSession};

/// The parts of a session: its date, title, notes, each agenda point and each agreed step.
pub fn parts(session: &CoachSession) -> Vec<Part> {
    let mut parts = vec![Part {
        key: "date".to_owned(),
        label: "Date".to_owned(),
        lines: vec![session.date.clone()],
    }];
    if let Some(title) = session.title.as_deref().filter(|t| !t.trim().is_empty()) {
        parts.push(Part {
            key: "title".to_owned(),
            label: "Title".to_owned(),
            lines: vec![title.to_owned()],
        });
    }
    if !session.notes.is_empty() {
        parts.push(Part {
            key: "notes".to_owned(),
            label: "Session notes".to_owned(),
            lines: vec![session.notes.clone()],
        });
    }
    for (index, item) in session.agenda.iter().enumerate() {
        parts.push(agenda_part(index, item));
    }
    for (index, step) in session.next_steps.iter().enumerate() {
        parts.push(step_part(index, step));
    }
    parts
}

fn agenda_part(index: usize, item: &AgendaItem) -> Part {
    let mut lines = vec![item.text.clone()];
    if !item.notes.is_empty() {
        lines.push(format!("Notes: {}", item.notes));
    }
    Part {
        key: format!("agenda:{}", item.id),
        label: format!("Agenda point {}", index + 1),
        lines,
    }
}

fn step_part(index: usize, step: &AgreedStep) -> Part {
    let mut lines = vec![step.text.clone()];
    if let Some(date) = &step.revisit_on {
        lines.push(format!("Revisit on {date}"));
    }
    if step.done {
        lines.push("Done".to_owned());
    }
    Part {
        key: format!("step:{}", step.id),
        label: format!("Agreed step {}", index + 1),
        lines,
    }
}

/// What changed from `before` to `after`, as phrases, most telling first.
pub fn changes(before: &CoachSession, after: &CoachSession) -> Vec<String> {
    let plural = crate::words::plural;
    let mut phrases = Vec::new();
    if before.notes != after.notes {
        phrases.push("session notes changed".to_owned());
    }
    let find_agenda = |s: &CoachSession, id: &str| s.agenda.iter().find(|a| a.id == id).cloned();
    let added = after
        .agenda
        .iter()
        .filter(|a| find_agenda(before, &a.id).is_none())
        .count();
    let removed = before
        .agenda
        .iter()
        .filter(|a| find_agenda(after, &a.id).is_none())
        .count();
    let noted = after
        .agenda
        .iter()
        .filter(|a| find_agenda(before, &a.id).is_some_and(|b| b.notes != a.notes))
        .count();
    let reworded = after
        .agenda
        .iter()
        .filter(|a| find_agenda(before, &a.id).is_some_and(|b| b.text != a.text))
        .count();
    if noted > 0 {
        phrases.push(format!(
            "notes on {} changed",
            plural(noted, "agenda point", "agenda points")
        ));
    }
    for (count, one, many) in [
        (added, "agenda point added", "agenda points added"),
        (reworded, "agenda point reworded", "agenda points reworded"),
        (removed, "agenda point removed", "agenda points removed"),
    ] {
        if count > 0 {
            phrases.push(plural(count, one, many));
        }
    }
    let order = |s: &CoachSession, other: &CoachSession| {
        s.agenda
            .iter()
            .filter(|a| other.agenda.iter().any(|b| b.id == a.id))
            .map(|a| a.id.clone())
            .collect::<Vec<_>>()
    };
    if order(before, after) != order(after, before) {
        phrases.push("agenda reordered".to_owned());
    }
    let find_step = |s: &CoachSession, id: &str| s.next_steps.iter().find(|a| a.id == id).cloned();
    let (mut steps_added, mut steps_removed, mut steps_changed, mut steps_done) = (0, 0, 0, 0);
    for step in &after.next_steps {
        match find_step(before, &step.id) {
            None => steps_added += 1,
            Some(was) if !was.done && step.done => steps_done += 1,
            Some(was) if was != *step => steps_changed += 1,
            Some(_) => {}
        }
    }
    for step in &before.next_steps {
        if find_step(after, &step.id).is_none() {
            steps_removed += 1;
        }
    }
    for (count, one, many) in [
        (steps_added, "agreed step added", "agreed steps added"),
        (steps_changed, "agreed step changed", "agreed steps changed"),
        (steps_done, "agreed step done", "agreed steps done"),
        (steps_removed, "agreed step removed", "agreed steps removed"),
    ] {
        if count > 0 {
            phrases.push(plural(count, one, many));
        }
    }
    if before.date != after.date {
        phrases.push(format!("moved to {}", after.date));
    }
    if before.title != after.title {
        phrases.push("title changed".to_owned());
    }
    if before.reflection_id != after.reflection_id {
        phrases.push("now discusses another reflection".to_owned());
    }
    phrases
}

/// One line for a version in a session's history.
pub fn describe(before: Option<&CoachSession>, after: &CoachSession) -> String {
    match before {
        Some(before) => sentence(changes(before, after)),
        None => "First version".to_owned(),
    }
}

/// Brings back one part of an earlier `version` into `current`: `date`,
/// `title`, `notes`, `agenda:<id>` or `step:<id>` (or a bare agenda or step
/// id). A point or step the version did not have goes; one the version had
/// comes back where it was. Returns whether `current` changed.
pub fn restore_part(
    current: &mut CoachSession,
    version: &CoachSession,
    key: &str,
    now: Timestamp,
) -> Result<bool, RestoreError> {
    let before = current.clone();
    match key {
        "date" => current.date = version.date.clone(),
        "title" => current.title = version.title.clone(),
        "notes" => current.notes = version.notes.clone(),
        _ => {
            let id = key
                .strip_prefix("agenda:")
                .or_else(|| key.strip_prefix("step:"))
                .unwrap_or(key);
            let in_agenda = |s: &CoachSession| s.agenda.iter().position(|a| a.id == id);
            let in_steps = |s: &CoachSession| s.next_steps.iter().position(|a| a.id == id);
            if in_agenda(current).is_some() || in_agenda(version).is_some() {
                put_back(&mut current.agenda, &version.agenda, |a| a.id == id);
            } else if in_steps(current).is_some() || in_steps(version).is_some() {
                put_back(&mut current.next_steps, &version.next_steps, |a| a.id == id);
            } else {
                return Err(RestoreError::UnknownPart(key.to_owned()));
            }
        }
    }
    let changed = *current != before;
    if changed {
        current.updated = now;
    }
    Ok(changed)
}

/// Makes the element `is_it` of `current` what it is in `version`: replaced,
/// removed, or put back at its place then.
fn put_back<T: Clone>(current: &mut Vec<T>, version: &[T], is_it: impl Fn(&T) -> bool) {
    let then = version.iter().position(&is_it);
    let now = current.iter().position(&is_it);
    match (now, then) {
        (Some(now), Some(then)) => current[now] = version[then].clone(),
        (Some(now), None) => {
            current.remove(now);
        }
        (None, Some(then)) => current.insert(then.min(current.len()), version[then].clone()),
        (None, None) => {}
    }
}

/// Brings back a whole earlier `version` into `current`, keeping the
/// session itself: its id, teacher, when it was made, fields of newer versions.
pub fn restore_all(current: &mut CoachSession, version: &CoachSession, now: Timestamp) -> bool {
    let before = current.clone();
    current.date = version.date.clone();
    current.title = version.title.clone();
    current.agenda = version.agenda.clone();
    current.notes = version.notes.clone();
    current.next_steps = version.next_steps.clone();
    current.reflection_id = version.reflection_id.clone();
    let changed = *current != before;
    if changed {
        current.updated = now;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{SessionEdit, apply_session_edit};

    fn at(minute: u32) -> Timestamp {
        Timestamp(format!("2026-03-02T10:{minute:02}:00Z"))
    }

    fn session() -> CoachSession {
        let mut s = CoachSession::new("t-1", "2026-03-02", at(0)).unwrap();
        s.id = "s-1".into();
        s
    }

    fn edit(s: &mut CoachSession, edit: SessionEdit) {
        apply_session_edit(s, edit, at(1)).unwrap();
    }

    #[test]
    fn a_sessions_changes_are_told_in_the_coachs_words() {
        let mut before = session();
        edit(
            &mut before,
            SessionEdit::AddAgendaItem {
                item_id: None,
                text: "Stations".into(),
            },
        );
        let mut after = before.clone();
        let point = after.agenda[0].id.clone();
        edit(&mut after, SessionEdit::SetNotes("Went well".into()));
        edit(
            &mut after,
            SessionEdit::SetAgendaNotes {
                id: point,
                notes: "Two groups".into(),
            },
        );
        edit(
            &mut after,
            SessionEdit::AddStep {
                text: "Try three stations".into(),
                item_id: None,
                revisit_on: Some("2026-04-01".into()),
            },
        );
        assert_eq!(
            describe(Some(&before), &after),
            "Session notes changed, notes on 1 agenda point changed, 1 agreed step added"
        );
        assert_eq!(describe(None, &after), "First version");
        let changed = crate::reflection::changes::changed_parts(&parts(&before), &parts(&after));
        assert_eq!(changed.len(), 3, "{changed:?}");
    }

    #[test]
    fn one_part_or_the_whole_session_comes_back() {
        let mut old = session();
        edit(&mut old, SessionEdit::SetNotes("First notes".into()));
        for text in ["One", "Two"] {
            edit(
                &mut old,
                SessionEdit::AddAgendaItem {
                    item_id: None,
                    text: text.into(),
                },
            );
        }
        let (one, two) = (old.agenda[0].id.clone(), old.agenda[1].id.clone());
        let mut current = old.clone();
        edit(&mut current, SessionEdit::SetNotes("Overwritten".into()));
        edit(
            &mut current,
            SessionEdit::RemoveAgendaItem { id: one.clone() },
        );
        edit(
            &mut current,
            SessionEdit::SetAgendaText {
                id: two.clone(),
                text: "Two, reworded".into(),
            },
        );
        let now = at(30);
        let mut back = current.clone();
        assert_eq!(
            restore_part(&mut back, &old, "notes", now.clone()),
            Ok(true)
        );
        assert_eq!(back.notes, "First notes");
        assert_eq!(back.agenda.len(), 1);
        // A removed point comes back where it was.
        assert_eq!(
            restore_part(&mut back, &old, &format!("agenda:{one}"), now.clone()),
            Ok(true)
        );
        assert_eq!(back.agenda[0].id, one);
        assert_eq!(back.agenda[1].text, "Two, reworded");
        assert_eq!(restore_part(&mut back, &old, &two, now.clone()), Ok(true));
        assert_eq!(back.agenda, old.agenda);
        assert!(restore_part(&mut back, &old, "nothing", now.clone()).is_err());

        let mut all = current.clone();
        assert!(restore_all(&mut all, &old, now.clone()));
        assert_eq!(
            (all.notes.as_str(), all.agenda.clone()),
            ("First notes", old.agenda.clone())
        );
        assert_eq!(all.id, current.id);
        assert_eq!(all.updated, now);
    }
}
