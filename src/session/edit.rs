//! Pure edit operations on a coaching session.
//!
//! The coach screens express every change as a [`SessionEdit`] and apply it
//! with [`apply_session_edit`], so there is one place that decides what a valid
//! change is. On error the session is unchanged.

use crate::clock::{Timestamp, is_valid_date};

use super::error::SessionEditError;
use super::model::{AgendaItem, AgreedStep, CoachSession};

/// One change a coach makes to a session.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionEdit {
    /// `YYYY-MM-DD`.
    SetDate(String),
    /// An empty title clears it.
    SetTitle(String),
    SetNotes(String),
    /// The reflection the session discusses; `None` for none.
    SetReflection(Option<String>),
    /// Adds a point at the end of the agenda. Its id is made here.
    AddAgendaItem {
        item_id: Option<String>,
        text: String,
    },
    SetAgendaText {
        id: String,
        text: String,
    },
    SetAgendaNotes {
        id: String,
        notes: String,
    },
    SetAgendaGuideItem {
        id: String,
        item_id: Option<String>,
    },
    /// Moves a point to position `to` (0 is first; past the end means last).
    MoveAgendaItem {
        id: String,
        to: usize,
    },
    RemoveAgendaItem {
        id: String,
    },
    /// Adds an agreed step. Its id is made here.
    AddStep {
        text: String,
        item_id: Option<String>,
        revisit_on: Option<String>,
    },
    SetStepText {
        id: String,
        text: String,
    },
    SetStepGuideItem {
        id: String,
        item_id: Option<String>,
    },
    /// `YYYY-MM-DD`; `None` or an empty value clears it.
    SetStepRevisit {
        id: String,
        revisit_on: Option<String>,
    },
    SetStepDone {
        id: String,
        done: bool,
    },
    RemoveStep {
        id: String,
    },
}

/// Applies one edit and sets `updated` to `now`. On error the session is unchanged.
pub fn apply_session_edit(
    session: &mut CoachSession,
    edit: SessionEdit,
    now: Timestamp,
) -> Result<(), SessionEditError> {
    match edit {
        SessionEdit::SetDate(date) => {
            let date = date.trim();
            if !is_valid_date(date) {
                return Err(SessionEditError::BadDate(date.to_owned()));
            }
            date.clone_into(&mut session.date);
        }
        SessionEdit::SetTitle(title) => session.title = non_empty(Some(title)),
        SessionEdit::SetNotes(notes) => session.notes = notes,
        SessionEdit::SetReflection(id) => session.reflection_id = non_empty(id),
        SessionEdit::AddAgendaItem { item_id, text } => session.agenda.push(AgendaItem {
            id: crate::clock::new_id("a"),
            item_id: non_empty(item_id),
            text,
            notes: String::new(),
            extra: serde_json::Map::default(),
        }),
        SessionEdit::SetAgendaText { id, text } => agenda_mut(session, &id)?.text = text,
        SessionEdit::SetAgendaNotes { id, notes } => agenda_mut(session, &id)?.notes = notes,
        SessionEdit::SetAgendaGuideItem { id, item_id } => {
            agenda_mut(session, &id)?.item_id = non_empty(item_id);
        }
        SessionEdit::MoveAgendaItem { id, to } => {
            let from = agenda_index(session, &id)?;
            let item = session.agenda.remove(from);
            let to = to.min(session.agenda.len());
            session.agenda.insert(to, item);
        }
        SessionEdit::RemoveAgendaItem { id } => {
            let index = agenda_index(session, &id)?;
            session.agenda.remove(index);
        }
        SessionEdit::AddStep {
            text,
            item_id,
            revisit_on,
        } => {
            let revisit_on = revisit_date(revisit_on)?;
            session.next_steps.push(AgreedStep {
                id: crate::clock::new_id("g"),
                text,
                item_id: non_empty(item_id),
                revisit_on,
                done: false,
                extra: serde_json::Map::default(),
            });
        }
        SessionEdit::SetStepText { id, text } => step_mut(session, &id)?.text = text,
        SessionEdit::SetStepGuideItem { id, item_id } => {
            step_mut(session, &id)?.item_id = non_empty(item_id);
        }
        SessionEdit::SetStepRevisit { id, revisit_on } => {
            let revisit_on = revisit_date(revisit_on)?;
            step_mut(session, &id)?.revisit_on = revisit_on;
        }
        SessionEdit::SetStepDone { id, done } => step_mut(session, &id)?.done = done,
        SessionEdit::RemoveStep { id } => {
            let before = session.next_steps.len();
            session.next_steps.retain(|step| step.id != id);
            if session.next_steps.len() == before {
                return Err(SessionEditError::UnknownStep(id));
            }
        }
    }
    session.updated = now;
    Ok(())
}

/// Trims; a blank value is no value.
fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn revisit_date(date: Option<String>) -> Result<Option<String>, SessionEditError> {
    match non_empty(date) {
        Some(date) if !is_valid_date(&date) => Err(SessionEditError::BadDate(date)),
        date => Ok(date),
    }
}

fn agenda_index(session: &CoachSession, id: &str) -> Result<usize, SessionEditError> {
    session
        .agenda
        .iter()
        .position(|item| item.id == id)
        .ok_or_else(|| SessionEditError::UnknownAgendaItem(id.to_owned()))
}

fn agenda_mut<'s>(
    session: &'s mut CoachSession,
    id: &str,
) -> Result<&'s mut AgendaItem, SessionEditError> {
    let index = agenda_index(session, id)?;
    Ok(&mut session.agenda[index])
}

fn step_mut<'s>(
    session: &'s mut CoachSession,
    id: &str,
) -> Result<&'s mut AgreedStep, SessionEditError> {
    session
        .next_steps
        .iter_mut()
        .find(|step| step.id == id)
        .ok_or_else(|| SessionEditError::UnknownStep(id.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now(n: u32) -> Timestamp {
        Timestamp(format!("2026-03-02T10:00:{n:02}Z"))
    }

    fn session() -> CoachSession {
        CoachSession::new("t-1", "2026-03-02", now(0)).unwrap()
    }

    fn apply(session: &mut CoachSession, edit: SessionEdit) -> Result<(), SessionEditError> {
        apply_session_edit(session, edit, now(9))
    }

    #[test]
    fn dates_are_checked_and_trimmed() {
        let mut s = session();
        apply(&mut s, SessionEdit::SetDate(" 2026-04-01 ".into())).unwrap();
        assert_eq!(s.date, "2026-04-01");
        assert_eq!(s.updated, now(9));
        let before = s.clone();
        for bad in ["2026-4-1", "tomorrow", "", "2026-02-29"] {
            assert!(matches!(
                apply(&mut s, SessionEdit::SetDate(bad.into())),
                Err(SessionEditError::BadDate(_))
            ));
        }
        assert_eq!(s, before, "a refused edit changes nothing");
    }

    #[test]
    fn title_reflection_and_notes() {
        let mut s = session();
        apply(&mut s, SessionEdit::SetTitle("  Stations debrief ".into())).unwrap();
        assert_eq!(s.title.as_deref(), Some("Stations debrief"));
        apply(&mut s, SessionEdit::SetTitle("   ".into())).unwrap();
        assert_eq!(s.title, None);
        apply(&mut s, SessionEdit::SetReflection(Some("r-1".into()))).unwrap();
        assert_eq!(s.reflection_id.as_deref(), Some("r-1"));
        apply(&mut s, SessionEdit::SetReflection(Some(" ".into()))).unwrap();
        assert_eq!(s.reflection_id, None);
        apply(&mut s, SessionEdit::SetNotes("Went well.\n".into())).unwrap();
        assert_eq!(s.notes, "Went well.\n", "notes are kept exactly as typed");
    }

    #[test]
    fn agenda_points_are_added_edited_moved_and_removed() {
        let mut s = session();
        for text in ["Stations", "Exit tickets", "Goal cards"] {
            let item_id = (text == "Stations").then(|| "station-rotation".to_owned());
            apply(
                &mut s,
                SessionEdit::AddAgendaItem {
                    item_id,
                    text: text.into(),
                },
            )
            .unwrap();
        }
        let ids: Vec<String> = s.agenda.iter().map(|a| a.id.clone()).collect();
        assert!(ids.iter().all(|id| id.starts_with("a-")));
        assert_eq!(s.agenda[0].item_id.as_deref(), Some("station-rotation"));
        apply(
            &mut s,
            SessionEdit::SetAgendaNotes {
                id: ids[1].clone(),
                notes: "She uses sticky notes".into(),
            },
        )
        .unwrap();
        apply(
            &mut s,
            SessionEdit::SetAgendaText {
                id: ids[1].clone(),
                text: "Exit tickets on Fridays".into(),
            },
        )
        .unwrap();
        apply(
            &mut s,
            SessionEdit::SetAgendaGuideItem {
                id: ids[1].clone(),
                item_id: Some("exit-tickets".into()),
            },
        )
        .unwrap();
        assert_eq!(s.agenda[1].notes, "She uses sticky notes");
        assert_eq!(s.agenda[1].text, "Exit tickets on Fridays");
        assert_eq!(s.agenda[1].item_id.as_deref(), Some("exit-tickets"));

        apply(
            &mut s,
            SessionEdit::MoveAgendaItem {
                id: ids[2].clone(),
                to: 0,
            },
        )
        .unwrap();
        apply(
            &mut s,
            SessionEdit::MoveAgendaItem {
                id: ids[1].clone(),
                to: 99,
            },
        )
        .unwrap();
        let order: Vec<&str> = s.agenda.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(order, ["Goal cards", "Stations", "Exit tickets on Fridays"]);

        apply(&mut s, SessionEdit::RemoveAgendaItem { id: ids[0].clone() }).unwrap();
        assert_eq!(s.agenda.len(), 2);
        let before = s.clone();
        assert_eq!(
            apply(&mut s, SessionEdit::RemoveAgendaItem { id: ids[0].clone() }),
            Err(SessionEditError::UnknownAgendaItem(ids[0].clone()))
        );
        assert_eq!(
            apply(
                &mut s,
                SessionEdit::SetAgendaNotes {
                    id: "a-gone".into(),
                    notes: String::new()
                }
            ),
            Err(SessionEditError::UnknownAgendaItem("a-gone".into()))
        );
        assert_eq!(s, before);
    }

    #[test]
    fn agreed_steps_take_valid_revisit_dates() {
        let mut s = session();
        apply(
            &mut s,
            SessionEdit::AddStep {
                text: "Two stations on Friday".into(),
                item_id: Some("station-rotation".into()),
                revisit_on: Some("2026-03-20".into()),
            },
        )
        .unwrap();
        let id = s.next_steps[0].id.clone();
        assert!(id.starts_with("g-"));
        assert_eq!(s.next_steps[0].revisit_on.as_deref(), Some("2026-03-20"));
        assert!(!s.next_steps[0].done);

        let before = s.clone();
        assert_eq!(
            apply(
                &mut s,
                SessionEdit::AddStep {
                    text: "x".into(),
                    item_id: None,
                    revisit_on: Some("next week".into()),
                }
            ),
            Err(SessionEditError::BadDate("next week".into()))
        );
        assert_eq!(
            apply(
                &mut s,
                SessionEdit::SetStepRevisit {
                    id: id.clone(),
                    revisit_on: Some("2026-13-01".into()),
                }
            ),
            Err(SessionEditError::BadDate("2026-13-01".into()))
        );
        assert_eq!(s, before);

        apply(
            &mut s,
            SessionEdit::SetStepRevisit {
                id: id.clone(),
                revisit_on: Some(String::new()),
            },
        )
        .unwrap();
        assert_eq!(s.next_steps[0].revisit_on, None);
        apply(
            &mut s,
            SessionEdit::SetStepDone {
                id: id.clone(),
                done: true,
            },
        )
        .unwrap();
        apply(
            &mut s,
            SessionEdit::SetStepText {
                id: id.clone(),
                text: "Three stations".into(),
            },
        )
        .unwrap();
        apply(
            &mut s,
            SessionEdit::SetStepGuideItem {
                id: id.clone(),
                item_id: None,
            },
        )
        .unwrap();
        assert!(s.next_steps[0].done);
        assert_eq!(s.next_steps[0].text, "Three stations");
        assert_eq!(s.next_steps[0].item_id, None);
        assert_eq!(s.open_steps().count(), 0);

        apply(&mut s, SessionEdit::RemoveStep { id: id.clone() }).unwrap();
        assert!(s.next_steps.is_empty());
        assert_eq!(
            apply(&mut s, SessionEdit::RemoveStep { id: id.clone() }),
            Err(SessionEditError::UnknownStep(id))
        );
    }
}
