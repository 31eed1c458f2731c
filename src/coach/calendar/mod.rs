//! Next steps in the teacher's own calendar: one all-day event per next step
//! or agreed step that has a revisit date, as an iCalendar file (RFC 5545).
//!
//! Each event's UID stays the same from one export to the next (and from
//! one check-in to the next, which carries its open steps over), so
//! importing the file again updates the events instead of adding them twice.

use chrono::NaiveDate;
use icalendar::{Calendar, Component, DatePerhapsTime, Event, EventLike};

use super::due::newest_per_teacher_and_guide;
use crate::clock::is_valid_date;
use crate::guide::GuideLibrary;
use crate::reflection::{Reflection, Teacher};
use crate::session::CoachSession;

/// The calendar file's usual name.
pub const FILE_NAME: &str = "pl-reflect-next-steps.ics";

/// Which steps go into the calendar.
#[derive(Debug, Clone, Default)]
pub struct CalendarChoices {
    /// Only this teacher's steps; all teachers' when None.
    pub teacher_id: Option<String>,
    /// Steps of answers the teacher marked private.
    pub include_private: bool,
}

/// One step, as its event says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarStep {
    pub uid: String,
    /// `YYYY-MM-DD`: the event is on that day.
    pub date: String,
    pub title: String,
    pub description: String,
    pub done: bool,
}

/// The steps with a revisit date, by date then title. Archived teachers'
/// steps stay out; done steps are in, marked done, so that importing again
/// updates an event the teacher already has.
pub fn calendar_steps<'r, 's>(
    library: &GuideLibrary,
    teachers: &[Teacher],
    reflections: impl IntoIterator<Item = &'r Reflection>,
    sessions: impl IntoIterator<Item = &'s CoachSession>,
    choices: &CalendarChoices,
) -> (Vec<CalendarStep>, usize) {
    let wanted = |teacher_id: &str| {
        choices
            .teacher_id
            .as_deref()
            .is_none_or(|id| id == teacher_id)
            && teachers.iter().any(|t| t.id == teacher_id && !t.archived)
    };
    let name_of = |teacher_id: &str| {
        teachers
            .iter()
            .find(|t| t.id == teacher_id)
            .map(|t| t.name.trim())
            .filter(|name| !name.is_empty())
    };
    let mut steps = Vec::new();
    let mut private_left_out = 0;
    for reflection in newest_per_teacher_and_guide(reflections) {
        if !wanted(&reflection.teacher_id) {
            continue;
        }
        let guide = library.get(&reflection.guide_id);
        for (item_id, answer) in &reflection.answers {
            let Some(step) = &answer.next_step else {
                continue;
            };
            let Some(date) = step.revisit_on.as_deref().filter(|d| is_valid_date(d)) else {
                continue;
            };
            if answer.private && !choices.include_private {
                private_left_out += 1;
                continue;
            }
            let practice = guide
                .and_then(|g| g.item(item_id).map(|item| item.label().to_owned()))
                .unwrap_or_else(|| item_id.clone());
            let mut description = format!(
                "A next step from the reflection \"{}\"",
                reflection.display_title()
            );
            if let Some(guide) = guide {
                description.push_str(&format!(" ({})", guide.title));
            }
            if let Some(name) = name_of(&reflection.teacher_id) {
                description.push_str(&format!(", {name}"));
            }
            description.push_str(". Kept in PL Reflect.");
            steps.push(CalendarStep {
                // Teacher, guide and practice: a new check-in on the same
                // guide carries the step over under the same UID.
                uid: format!(
                    "step-{}-{}-{item_id}@pl-reflect",
                    reflection.teacher_id, reflection.guide_id
                ),
                date: date.to_owned(),
                title: title(&practice, &step.action),
                description,
                done: step.done,
            });
        }
    }
    for session in sessions {
        if !wanted(&session.teacher_id) {
            continue;
        }
        for step in &session.next_steps {
            let Some(date) = step.revisit_on.as_deref().filter(|d| is_valid_date(d)) else {
                continue;
            };
            let with =
                name_of(&session.teacher_id).map_or_else(String::new, |n| format!(" with {n}"));
            steps.push(CalendarStep {
                uid: format!("session-{}-{}@pl-reflect", session.id, step.id),
                date: date.to_owned(),
                title: title("Agreed step", &step.text),
                description: format!(
                    "Agreed in the coach session of {}{with}. Kept in PL Reflect.",
                    session.date
                ),
                done: step.done,
            });
        }
    }
    steps.sort_by(|a, b| (&a.date, &a.title, &a.uid).cmp(&(&b.date, &b.title, &b.uid)));
    (steps, private_left_out)
}

/// "Station rotation: Two stations on Friday", or the practice alone.
fn title(what: &str, action: &str) -> String {
    let action = action.trim();
    if action.is_empty() {
        format!("{what}: next step")
    } else {
        format!("{what}: {action}")
    }
}

/// The steps as an iCalendar file; `stamp` is when it was made (DTSTAMP).
pub fn render_calendar(steps: &[CalendarStep], stamp: chrono::DateTime<chrono::Utc>) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//PL Reflect//Next steps//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name("PL Reflect next steps");
    for step in steps {
        let Ok(day) = NaiveDate::parse_from_str(&step.date, "%Y-%m-%d") else {
            continue;
        };
        let mut event = Event::new();
        let summary = if step.done {
            format!("Done: {}", step.title)
        } else {
            step.title.clone()
        };
        event
            .uid(&step.uid)
            .summary(&plain(&summary))
            .description(&plain(&step.description))
            .timestamp(stamp)
            // An all-day event ends (exclusively) on the next day.
            .starts(DatePerhapsTime::Date(day))
            .ends(DatePerhapsTime::Date(day.succ_opt().unwrap_or(day)))
            .add_property("TRANSP", "TRANSPARENT");
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

/// Text a calendar can hold: control characters (other than new lines,
/// which the format escapes) become spaces.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests;
