//! Suggested agenda points for a new session, so that it starts on task: what
//! was agreed last time, then the next steps the teacher picked, and, when
//! there are none, a strength to build from ("align it, don't add it").

use crate::guide::{Guide, Item};
use crate::reflection::Reflection;
use crate::session::{CoachSession, SessionEdit};

/// At most this many points are suggested; an agenda is short.
pub const MAX_AGENDA_SUGGESTIONS: usize = 5;

/// A point the coach may put on the agenda, with why it is offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaSuggestion {
    pub item_id: Option<String>,
    pub text: String,
    pub why: String,
}

impl AgendaSuggestion {
    /// The edit that puts this point on a session's agenda.
    pub fn into_edit(self) -> SessionEdit {
        SessionEdit::AddAgendaItem {
            item_id: self.item_id,
            text: self.text,
        }
    }
}

/// Points for a new session with a teacher: the open steps agreed in the
/// teacher's latest earlier session, then the open next steps of the reflection
/// to discuss (in guide order), then, if the reflection has no open next step,
/// its first strength. Private answers are never suggested.
pub fn suggested_agenda(
    guide: Option<&Guide>,
    reflection: Option<&Reflection>,
    last_session: Option<&CoachSession>,
) -> Vec<AgendaSuggestion> {
    let mut out = Vec::new();
    if let Some(session) = last_session {
        for step in session.open_steps() {
            out.push(AgendaSuggestion {
                item_id: step.item_id.clone(),
                text: format!("Look back at: {}", step.text.trim()),
                why: format!("Agreed in the session of {}", session.date),
            });
        }
    }
    if let (Some(guide), Some(reflection)) = (guide, reflection) {
        let mut picked = false;
        for item in guide.items() {
            let Some(answer) = reflection.answer(item.id()).filter(|a| !a.private) else {
                continue;
            };
            let Some(step) = answer.next_step.as_ref().filter(|s| !s.done) else {
                continue;
            };
            picked = true;
            let text = if step.action.trim().is_empty() {
                item.label().to_owned()
            } else {
                format!("{}: {}", item.label(), step.action.trim())
            };
            out.push(AgendaSuggestion {
                item_id: Some(item.id().to_owned()),
                text,
                why: "The teacher picked this as a next step".to_owned(),
            });
        }
        if !picked && let Some((id, name)) = first_strength(guide, reflection) {
            out.push(AgendaSuggestion {
                item_id: Some(id),
                text: format!("Start from a strength: {name}"),
                why: "Personalized learning grows from what the teacher already does".to_owned(),
            });
        }
    }
    out.truncate(MAX_AGENDA_SUGGESTIONS);
    out
}

/// The first practice, in guide order, rated at the top of its scale.
fn first_strength(guide: &Guide, reflection: &Reflection) -> Option<(String, String)> {
    guide.items().find_map(|item| {
        let Item::Practice {
            practice, scale, ..
        } = item
        else {
            return None;
        };
        let answer = reflection.answer(&practice.id).filter(|a| !a.private)?;
        let top = guide.scale(scale)?.top()?;
        (answer.level.as_deref() == Some(top.id.as_str()) && top.in_use)
            .then(|| (practice.id.clone(), practice.name.clone()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coach::test_support::{guide, level, reflection, step};
    use crate::coach::{SessionEdit, apply_session_edit};
    use crate::reflection::Answer;

    #[test]
    fn last_sessions_open_steps_come_first_then_next_steps_in_guide_order() {
        let guide = guide();
        let mut last = CoachSession::new("t-1", "2026-02-01", crate::clock::Timestamp::now())
            .expect("session");
        for (text, done) in [("Two stations", false), ("Old thing", true)] {
            apply_session_edit(
                &mut last,
                SessionEdit::AddStep {
                    text: text.into(),
                    item_id: Some("stations".into()),
                    revisit_on: None,
                },
                crate::clock::Timestamp::now(),
            )
            .expect("add");
            let id = last.next_steps.last().expect("step").id.clone();
            apply_session_edit(
                &mut last,
                SessionEdit::SetStepDone { id, done },
                crate::clock::Timestamp::now(),
            )
            .expect("done");
        }
        let r = reflection(
            "r-1",
            "t-1",
            "2026-02-20T10:00:00Z",
            vec![
                ("tickets", step(level("trying"), "Fridays", None, false)),
                ("stations", step(level("not-yet"), "", None, false)),
                (
                    "conferring",
                    step(level("regular"), "Done already", None, true),
                ),
                (
                    "groups",
                    Answer {
                        private: true,
                        ..step(level("trying"), "Secret", None, false)
                    },
                ),
            ],
        );
        let texts: Vec<String> = suggested_agenda(Some(&guide), Some(&r), Some(&last))
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(
            texts,
            [
                "Look back at: Two stations",
                "Station rotation",
                "Exit tickets: Fridays"
            ]
        );
    }

    #[test]
    fn with_no_next_step_a_strength_is_offered() {
        let r = reflection(
            "r-1",
            "t-1",
            "2026-02-20T10:00:00Z",
            vec![
                ("stations", level("trying")),
                ("tickets", level("could-coach")),
            ],
        );
        let suggestions = suggested_agenda(Some(&guide()), Some(&r), None);
        assert_eq!(suggestions.len(), 1);
        assert_eq!(suggestions[0].text, "Start from a strength: Exit tickets");
        assert_eq!(
            suggestions[0].clone().into_edit(),
            SessionEdit::AddAgendaItem {
                item_id: Some("tickets".into()),
                text: "Start from a strength: Exit tickets".into()
            }
        );
        assert!(suggested_agenda(None, None, None).is_empty());
    }
}
