//! A one-on-one coaching session: what the coach and teacher meant to talk
//! about, what was said, and the small steps they agreed on.
//!
//! Stored as `DATA/sessions/<id>.json`, one session per file, with the same
//! safety rules as reflections (see `crate::store`). Like every stored
//! struct, each keeps fields it does not know in `extra`, so a file written by
//! a newer version loses nothing when this version saves it again.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::clock::{Timestamp, is_valid_date};

use super::error::SessionEditError;

/// The session file format this build writes.
pub const SESSION_FORMAT: u32 = 1;

/// One coaching session with one teacher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoachSession {
    pub format: u32,
    /// `s-…`: a safe file name, like a reflection id.
    pub id: String,
    pub teacher_id: String,
    /// The day of the session, `YYYY-MM-DD`.
    pub date: String,
    /// An optional name such as "Station rotation debrief".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the session means to cover, in order. An agenda keeps a session on task.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// The coach's notes on the whole session.
    #[serde(default)]
    pub notes: String,
    /// Steps the teacher and coach agreed on.
    #[serde(default)]
    pub next_steps: Vec<AgreedStep>,
    /// The reflection the session discussed, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflection_id: Option<String>,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One point on a session's agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: String,
    /// The guide item (usually a practice) this point is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    pub text: String,
    /// The coach's note on this point.
    #[serde(default)]
    pub notes: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A small step the teacher and coach agreed on, to look at again later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreedStep {
    pub id: String,
    pub text: String,
    /// The guide item (usually a practice) the step belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    /// When to look at it again, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revisit_on: Option<String>,
    #[serde(default)]
    pub done: bool,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CoachSession {
    /// A new, empty session with `teacher_id` on `date` (`YYYY-MM-DD`).
    pub fn new(teacher_id: &str, date: &str, now: Timestamp) -> Result<Self, SessionEditError> {
        let date = date.trim();
        if !is_valid_date(date) {
            return Err(SessionEditError::BadDate(date.to_owned()));
        }
        Ok(CoachSession {
            format: SESSION_FORMAT,
            id: crate::clock::new_id("s"),
            teacher_id: teacher_id.to_owned(),
            date: date.to_owned(),
            title: None,
            agenda: Vec::new(),
            notes: String::new(),
            next_steps: Vec::new(),
            reflection_id: None,
            created: now.clone(),
            updated: now,
            extra: Map::new(),
        })
    }

    /// A name to show for the session: its title, or "Session of DATE".
    pub fn display_title(&self) -> String {
        match self.title.as_deref().map(str::trim) {
            Some(title) if !title.is_empty() => title.to_owned(),
            _ => format!("Session of {}", self.date),
        }
    }

    /// Agreed steps not marked done.
    pub fn open_steps(&self) -> impl Iterator<Item = &AgreedStep> {
        self.next_steps.iter().filter(|step| !step.done)
    }
}

/// The teacher's sessions, newest first (by date, then when they were made).
pub fn sessions_of<'s>(
    sessions: impl IntoIterator<Item = &'s CoachSession>,
    teacher_id: &str,
) -> Vec<&'s CoachSession> {
    let mut mine: Vec<&CoachSession> = sessions
        .into_iter()
        .filter(|s| s.teacher_id == teacher_id)
        .collect();
    mine.sort_by(|a, b| (&b.date, &b.created, &b.id).cmp(&(&a.date, &a.created, &a.id)));
    mine
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str) -> Timestamp {
        Timestamp(format!("{date}T10:00:00Z"))
    }

    #[test]
    fn a_new_session_needs_a_real_date() {
        let session = CoachSession::new("t-1", " 2026-03-02 ", at("2026-03-01")).unwrap();
        assert_eq!(session.date, "2026-03-02");
        assert!(session.id.starts_with("s-"));
        assert!(crate::reflection::is_valid_reflection_id(&session.id));
        assert_eq!(session.display_title(), "Session of 2026-03-02");
        assert_eq!(
            CoachSession::new("t-1", "2026-02-30", at("2026-03-01")),
            Err(SessionEditError::BadDate("2026-02-30".to_owned()))
        );
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let text = r#"{"format":1,"id":"s-1","teacher_id":"t-1","date":"2026-03-02",
            "agenda":[{"id":"a-1","text":"Stations","mood":"good"}],
            "next_steps":[{"id":"g-1","text":"Try it","future":1}],
            "created":"2026-03-02T10:00:00Z","updated":"2026-03-02T10:00:00Z","room":"B12"}"#;
        let session: CoachSession = serde_json::from_str(text).unwrap();
        assert_eq!(session.extra["room"], "B12");
        assert_eq!(session.agenda[0].extra["mood"], "good");
        let again: CoachSession =
            serde_json::from_str(&serde_json::to_string(&session).unwrap()).unwrap();
        assert_eq!(again, session);
    }

    #[test]
    fn a_teachers_sessions_come_newest_first() {
        let mut a = CoachSession::new("t-1", "2026-01-10", at("2026-01-10")).unwrap();
        a.id = "s-a".into();
        let mut b = CoachSession::new("t-1", "2026-03-10", at("2026-03-10")).unwrap();
        b.id = "s-b".into();
        let mut other = CoachSession::new("t-2", "2026-04-10", at("2026-04-10")).unwrap();
        other.id = "s-c".into();
        let all = [a, other, b];
        let ids: Vec<&str> = sessions_of(&all, "t-1")
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(ids, ["s-b", "s-a"]);
    }
}
