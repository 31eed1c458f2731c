//! What changed between two versions of a reflection, in the teacher's
//! words ("3 answers changed, Station rotation moved from Trying it to
//! Regular practice, 1 next step added"), the parts of a version as a
//! history shows them, and bringing back one answer or a whole version.
//!
//! Pure functions: the store keeps the versions, the window and the command
//! line show them.

use crate::clock::Timestamp;
use crate::guide::{Guide, Item};

use super::model::{Answer, Reflection};

/// One part of a record as a history shows it: for a reflection an answer,
/// its title or the coach's notes; for a session its notes, an agenda point
/// or an agreed step (`crate::session::changes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// What [`restore_part`] takes: `item:<id>`, `title` or `coach-notes`.
    pub key: String,
    /// What it is, as the teacher knows it: "Station rotation", "Title".
    pub label: String,
    /// Its content, a line per field: "Level: Regular practice", the text, "Private".
    pub lines: Vec<String>,
}

/// The keys of the parts that differ between two lists of parts (one part
/// missing from a list differs from any part that is there), in the order of
/// `after` and then of those only in `before`.
pub fn changed_parts(before: &[Part], after: &[Part]) -> Vec<String> {
    let lines_before: std::collections::HashMap<&str, &Vec<String>> =
        before.iter().map(|p| (p.key.as_str(), &p.lines)).collect();
    let keys_after: std::collections::HashSet<&str> =
        after.iter().map(|p| p.key.as_str()).collect();
    let mut changed: Vec<String> = after
        .iter()
        .filter(|part| lines_before.get(part.key.as_str()) != Some(&&part.lines))
        .map(|part| part.key.clone())
        .collect();
    changed.extend(
        before
            .iter()
            .filter(|part| !keys_after.contains(part.key.as_str()))
            .map(|part| part.key.clone()),
    );
    changed
}

/// What one version of a history holds and what it changed since the one before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionChanges {
    /// What changed, in words ([`describe`]); for the first version, what it holds.
    pub summary: String,
    /// What the version holds, part by part.
    pub parts: Vec<Part>,
    /// The keys of the parts it changed ([`changed_parts`]).
    pub changed: Vec<String>,
    /// The parts the version before had and this one has not.
    pub removed: Vec<Part>,
}

/// What each version of a history (oldest first) changed, as the history
/// screen and `pl-reflect history` show it. Generic over the record, so that
/// sessions use it too, with their own `describe` and `parts`.
pub fn history_changes<'r, R: 'r>(
    versions: impl IntoIterator<Item = &'r R>,
    describe: impl Fn(Option<&R>, &R) -> String,
    parts: impl Fn(&R) -> Vec<Part>,
) -> Vec<VersionChanges> {
    history_changes_after(None, versions, describe, parts)
}

/// [`history_changes`] of versions that come after `previous` (a version and
/// its parts, already described): what a history read again adds.
pub fn history_changes_after<'r, R: 'r>(
    previous: Option<(&'r R, &[Part])>,
    versions: impl IntoIterator<Item = &'r R>,
    describe: impl Fn(Option<&R>, &R) -> String,
    parts: impl Fn(&R) -> Vec<Part>,
) -> Vec<VersionChanges> {
    let mut all: Vec<VersionChanges> = Vec::new();
    let mut before: Option<&'r R> = previous.map(|(r, _)| r);
    for version in versions {
        let these = parts(version);
        let before_parts = match all.last() {
            Some(last) => Some(last.parts.as_slice()),
            None => previous.map(|(_, p)| p),
        };
        let (changed, removed) = match before_parts {
            Some(before_parts) => {
                let now: std::collections::HashSet<&str> =
                    these.iter().map(|p| p.key.as_str()).collect();
                (
                    changed_parts(before_parts, &these),
                    before_parts
                        .iter()
                        .filter(|p| !now.contains(p.key.as_str()))
                        .cloned()
                        .collect(),
                )
            }
            None => (Vec::new(), Vec::new()),
        };
        all.push(VersionChanges {
            summary: describe(before, version),
            parts: these,
            changed,
            removed,
        });
        before = Some(version);
    }
    all
}

/// The key of an item's answer among a reflection's parts.
pub fn item_key(item_id: &str) -> String {
    format!("item:{item_id}")
}

/// What can be brought back from an earlier version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestoreError {
    #[error(
        "\"{0}\" is not part of this record; name an item id (or title, coach-notes for a reflection; date, title, notes or an agenda or step id for a session)"
    )]
    UnknownPart(String),
}

/// The parts of a reflection, in the guide's order: the title, each answer,
/// answers to items the guide no longer has, and the coach's notes.
pub fn parts(guide: Option<&Guide>, reflection: &Reflection) -> Vec<Part> {
    let mut parts = Vec::new();
    if !reflection.title.trim().is_empty() {
        parts.push(Part {
            key: "title".to_owned(),
            label: "Title".to_owned(),
            lines: vec![reflection.title.clone()],
        });
    }
    let mut shown = std::collections::HashSet::new();
    if let Some(guide) = guide {
        for item in guide.items() {
            if let Some(answer) = reflection.answers.get(item.id()) {
                shown.insert(item.id());
                parts.push(Part {
                    key: item_key(item.id()),
                    label: item_label(&item),
                    lines: answer_lines(guide_level(guide, &item), answer),
                });
            }
        }
    }
    for (id, answer) in &reflection.answers {
        if !shown.contains(id.as_str()) {
            let label = if guide.is_some() {
                format!("{id} (no longer in this guide)")
            } else {
                id.clone()
            };
            parts.push(Part {
                key: item_key(id),
                label,
                lines: answer_lines(
                    |level: &str| {
                        guide.map_or_else(|| level.to_owned(), |g| level_label(Some(g), id, level))
                    },
                    answer,
                ),
            });
        }
    }
    if !reflection.coach_notes.is_empty() {
        let lines = reflection
            .coach_notes
            .iter()
            .map(|note| {
                let about = note
                    .item_id
                    .as_deref()
                    .map(|id| format!(" (on {})", item_name(guide, id)))
                    .unwrap_or_default();
                format!("{}{about}: {}", note.created.date(), note.text)
            })
            .collect();
        parts.push(Part {
            key: "coach-notes".to_owned(),
            label: "Coach notes".to_owned(),
            lines,
        });
    }
    parts
}

/// An answer as lines a person reads.
fn answer_lines(label: impl Fn(&str) -> String, answer: &Answer) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(level) = &answer.level {
        lines.push(format!("Level: {}", label(level)));
    }
    if answer.affirmed {
        lines.push("Affirmed".to_owned());
    }
    if !answer.text.is_empty() {
        lines.push(answer.text.clone());
    }
    if !answer.note.is_empty() {
        lines.push(format!("Note: {}", answer.note));
    }
    if let Some(step) = &answer.next_step {
        let mut line = if step.action.trim().is_empty() {
            "Next step: (no action written yet)".to_owned()
        } else {
            format!("Next step: {}", step.action)
        };
        if let Some(date) = &step.revisit_on {
            line.push_str(&format!(" (revisit {date})"));
        }
        if step.done {
            line.push_str(", done");
        }
        lines.push(line);
    }
    if answer.private {
        lines.push("Private".to_owned());
    }
    if lines.is_empty() {
        lines.push("(no answer)".to_owned());
    }
    lines
}

/// How the teacher knows an item: a practice's name, a question's prompt,
/// a statement's words.
fn item_label(item: &Item<'_>) -> String {
    match item {
        Item::Statement(s) => s.text.clone(),
        Item::Question(q) => q.prompt.clone(),
        Item::Practice { practice, .. } => practice.name.clone(),
        Item::Plan(plan) => plan.prompt.clone(),
    }
}

/// An item's name as the teacher knows it, shortened for a summary line;
/// its id when the guide does not have it.
pub fn item_name(guide: Option<&Guide>, item_id: &str) -> String {
    let full = guide
        .and_then(|g| g.item(item_id))
        .map_or_else(|| item_id.to_owned(), |item| item_label(&item));
    shorten(&full, 48)
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// How an item's levels read, for an item already found in its guide.
fn guide_level<'g>(guide: &'g Guide, item: &Item<'g>) -> impl Fn(&str) -> String + 'g {
    let scale = item.scale_id().and_then(|id| guide.scale(id));
    move |level: &str| {
        scale
            .and_then(|s| s.level(level))
            .map_or_else(|| level.to_owned(), |l| l.label.clone())
    }
}

fn level_label(guide: Option<&Guide>, item_id: &str, level: &str) -> String {
    guide
        .and_then(|g| {
            let item = g.item(item_id)?;
            let scale = g.scale(item.scale_id()?)?;
            scale.level(level).map(|l| l.label.clone())
        })
        .unwrap_or_else(|| level.to_owned())
}

/// What changed from `before` to `after`, as phrases in the teacher's words,
/// most telling first. Empty when nothing a teacher would see changed.
pub fn changes(guide: Option<&Guide>, before: &Reflection, after: &Reflection) -> Vec<String> {
    let plural = crate::words::plural;
    let empty = Answer::default();
    let mut ids: Vec<&String> = before.answers.keys().chain(after.answers.keys()).collect();
    ids.sort();
    ids.dedup();
    let (mut written, mut affirmed, mut unaffirmed) = (0, 0, 0);
    let (mut steps_added, mut steps_removed, mut steps_changed, mut steps_done) = (0, 0, 0, 0);
    let (mut made_private, mut shared) = (0, 0);
    let mut levels = Vec::new();
    for id in ids {
        let was = before.answers.get(id).unwrap_or(&empty);
        let now = after.answers.get(id).unwrap_or(&empty);
        if was.text != now.text || was.note != now.note {
            written += 1;
        }
        match (was.affirmed, now.affirmed) {
            (false, true) => affirmed += 1,
            (true, false) => unaffirmed += 1,
            _ => {}
        }
        if was.level != now.level {
            levels.push((id, was.level.as_deref(), now.level.as_deref()));
        }
        match (&was.next_step, &now.next_step) {
            (None, Some(_)) => steps_added += 1,
            (Some(_), None) => steps_removed += 1,
            (Some(a), Some(b)) => {
                if !a.done && b.done {
                    steps_done += 1;
                } else if a != b {
                    steps_changed += 1;
                }
            }
            (None, None) => {}
        }
        match (was.private, now.private) {
            (false, true) => made_private += 1,
            (true, false) => shared += 1,
            _ => {}
        }
    }
    let mut phrases = Vec::new();
    if written > 0 {
        phrases.push(format!("{} changed", plural(written, "answer", "answers")));
    }
    if levels.len() > 3 {
        phrases.push(format!("{} levels changed", levels.len()));
    } else {
        for (id, was, now) in levels {
            let name = item_name(guide, id);
            let label = |level: &str| level_label(guide, id, level);
            phrases.push(match (was, now) {
                (None, Some(now)) => format!("{name} set to {}", label(now)),
                (Some(was), Some(now)) => {
                    format!("{name} moved from {} to {}", label(was), label(now))
                }
                (Some(was), None) => format!("{name} no longer at {}", label(was)),
                (None, None) => continue,
            });
        }
    }
    for (count, one, many) in [
        (affirmed, "statement affirmed", "statements affirmed"),
        (
            unaffirmed,
            "statement no longer affirmed",
            "statements no longer affirmed",
        ),
        (steps_added, "next step added", "next steps added"),
        (steps_changed, "next step changed", "next steps changed"),
        (steps_done, "next step done", "next steps done"),
        (steps_removed, "next step removed", "next steps removed"),
        (made_private, "answer made private", "answers made private"),
        (
            shared,
            "answer no longer private",
            "answers no longer private",
        ),
    ] {
        if count > 0 {
            phrases.push(plural(count, one, many));
        }
    }
    if before.title != after.title {
        phrases.push(if after.title.trim().is_empty() {
            "title removed".to_owned()
        } else {
            format!("renamed \"{}\"", shorten(&after.title, 48))
        });
    }
    let note_ids = |r: &Reflection| {
        r.coach_notes
            .iter()
            .map(|n| n.id.clone())
            .collect::<std::collections::HashSet<_>>()
    };
    let (was_notes, now_notes) = (note_ids(before), note_ids(after));
    let notes_added = now_notes.difference(&was_notes).count();
    let notes_removed = was_notes.difference(&now_notes).count();
    if notes_added > 0 {
        phrases.push(format!(
            "{} added",
            plural(notes_added, "coach note", "coach notes")
        ));
    }
    if notes_removed > 0 {
        phrases.push(format!(
            "{} removed",
            plural(notes_removed, "coach note", "coach notes")
        ));
    }
    phrases
}

/// One line for a version in a history: what changed since the version
/// before it, or, for the first, what it holds.
pub fn describe(guide: Option<&Guide>, before: Option<&Reflection>, after: &Reflection) -> String {
    if let Some(before) = before {
        sentence(changes(guide, before, after))
    } else {
        let answered = after.answers.values().filter(|a| a.is_answered()).count();
        match answered {
            0 => "First version".to_owned(),
            n => format!(
                "First version, with {}",
                crate::words::plural(n, "answer", "answers")
            ),
        }
    }
}

/// Phrases as one line, capitalised: "3 answers changed, 1 next step added".
pub fn sentence(phrases: Vec<String>) -> String {
    if phrases.is_empty() {
        return "No change a teacher would see".to_owned();
    }
    let text = phrases.join(", ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// Brings back one part of an earlier `version` into `current`: an answer as
/// it was then (an item the version had no answer for loses its answer),
/// the title, or the coach's notes. `key` is a part's key, or a bare item id.
/// Returns whether `current` changed.
pub fn restore_part(
    current: &mut Reflection,
    version: &Reflection,
    key: &str,
    now: Timestamp,
) -> Result<bool, RestoreError> {
    let before = current.clone();
    match key {
        "title" => current.title = version.title.clone(),
        "coach-notes" => current.coach_notes = version.coach_notes.clone(),
        _ => {
            let item = key.strip_prefix("item:").unwrap_or(key);
            if !current.answers.contains_key(item) && !version.answers.contains_key(item) {
                return Err(RestoreError::UnknownPart(key.to_owned()));
            }
            match version.answers.get(item) {
                Some(answer) => {
                    current.answers.insert(item.to_owned(), answer.clone());
                }
                None => {
                    current.answers.remove(item);
                }
            }
        }
    }
    let changed = *current != before;
    if changed {
        current.updated = now;
    }
    Ok(changed)
}

/// Brings back a whole earlier `version` into `current`: its title, answers,
/// grade band and coach notes. The reflection stays itself: its id, teacher, guide, when
/// it was started, and fields of newer versions are kept. Returns whether
/// `current` changed.
pub fn restore_all(current: &mut Reflection, version: &Reflection, now: Timestamp) -> bool {
    let before = current.clone();
    current.title = version.title.clone();
    current.answers = version.answers.clone();
    current.grade_band = version.grade_band;
    current.coach_notes = version.coach_notes.clone();
    let changed = *current != before;
    if changed {
        current.updated = now;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::GuideLibrary;
    use crate::reflection::{NextStep, REFLECTION_FORMAT};

    fn guide() -> std::sync::Arc<Guide> {
        let library = GuideLibrary::load(&[]);
        std::sync::Arc::clone(library.get(crate::guide::DEFAULT_GUIDE_ID).unwrap())
    }

    fn reflection() -> Reflection {
        Reflection {
            format: REFLECTION_FORMAT,
            id: "r-1".into(),
            teacher_id: "t-1".into(),
            guide_id: crate::guide::DEFAULT_GUIDE_ID.into(),
            guide_version: 1,
            title: "Fall check-in".into(),
            created: Timestamp("2026-09-01T10:00:00Z".into()),
            updated: Timestamp("2026-09-01T10:00:00Z".into()),
            grade_band: None,
            answers: std::collections::BTreeMap::default(),
            coach_notes: Vec::new(),
            extra: serde_json::Map::default(),
        }
    }

    fn answer(text: &str) -> Answer {
        Answer {
            text: text.into(),
            ..Answer::default()
        }
    }

    fn level(level: &str) -> Answer {
        Answer {
            level: Some(level.into()),
            ..Answer::default()
        }
    }

    #[test]
    fn changes_are_told_in_the_teachers_words() {
        let guide = guide();
        let mut before = reflection();
        before
            .answers
            .insert("q-a-day-in-my-class".into(), answer("Most days."));
        before
            .answers
            .insert("station-rotation".into(), level("trying"));
        let mut after = before.clone();
        after
            .answers
            .insert("q-a-day-in-my-class".into(), answer("Most days, yes."));
        after
            .answers
            .insert("q-would-they-come".into(), answer("Some would."));
        after.answers.insert(
            "q-my-own-child".into(),
            answer("They choose the order of tasks."),
        );
        let station = after.answers.get_mut("station-rotation").unwrap();
        station.level = Some("regular".into());
        station.next_step = Some(NextStep {
            action: "Two stations on Friday".into(),
            ..NextStep::default()
        });
        assert_eq!(
            describe(Some(&guide), Some(&before), &after),
            "3 answers changed, Station rotation moved from Trying it to Regular practice, 1 next step added"
        );
    }

    #[test]
    fn levels_set_and_cleared_privacy_statements_and_titles() {
        let guide = guide();
        let mut before = reflection();
        before
            .answers
            .insert("small-group-instruction".into(), level("regular"));
        let mut after = before.clone();
        after.answers.remove("small-group-instruction");
        after
            .answers
            .insert("station-rotation".into(), level("could-coach"));
        after.answers.insert(
            "truth-i-care".into(),
            Answer {
                affirmed: true,
                private: true,
                ..Answer::default()
            },
        );
        after.title = "Winter check-in".into();
        let phrases = changes(Some(&guide), &before, &after);
        assert!(
            phrases.contains(&"Small-group teaching no longer at Regular practice".to_owned()),
            "{phrases:?}"
        );
        assert!(
            phrases
                .iter()
                .any(|p| p.starts_with("Station rotation set to ")),
            "{phrases:?}"
        );
        assert!(
            phrases.contains(&"1 statement affirmed".to_owned()),
            "{phrases:?}"
        );
        assert!(
            phrases.contains(&"1 answer made private".to_owned()),
            "{phrases:?}"
        );
        assert!(
            phrases.contains(&"renamed \"Winter check-in\"".to_owned()),
            "{phrases:?}"
        );
        // Only the time changed: nothing a teacher would see.
        let mut later = after.clone();
        later.updated = Timestamp("2027-01-01T00:00:00Z".into());
        assert_eq!(
            describe(Some(&guide), Some(&after), &later),
            "No change a teacher would see"
        );
        // Many levels at once are counted, not listed.
        let mut many = reflection();
        for id in [
            "station-rotation",
            "small-group-instruction",
            "exit-tickets",
            "goal-setting",
        ] {
            many.answers.insert(id.into(), level("trying"));
        }
        assert_eq!(
            describe(Some(&guide), Some(&reflection()), &many),
            "4 levels changed"
        );
    }

    #[test]
    fn the_first_version_says_what_it_holds() {
        let mut first = reflection();
        assert_eq!(describe(None, None, &first), "First version");
        first.answers.insert("x".into(), answer("words"));
        assert_eq!(describe(None, None, &first), "First version, with 1 answer");
    }

    #[test]
    fn parts_follow_the_guide_and_mark_what_changed() {
        let guide = guide();
        let mut before = reflection();
        before
            .answers
            .insert("station-rotation".into(), level("trying"));
        before.answers.insert("gone-item".into(), answer("kept"));
        let mut after = before.clone();
        after.answers.get_mut("station-rotation").unwrap().private = true;
        let before_parts = parts(Some(&guide), &before);
        let after_parts = parts(Some(&guide), &after);
        assert_eq!(before_parts[0].key, "title");
        let station = after_parts
            .iter()
            .find(|p| p.key == "item:station-rotation")
            .unwrap();
        assert_eq!(station.label, "Station rotation");
        assert_eq!(station.lines, ["Level: Trying it", "Private"]);
        assert_eq!(
            after_parts.last().unwrap().label,
            "gone-item (no longer in this guide)"
        );
        assert_eq!(
            changed_parts(&before_parts, &after_parts),
            ["item:station-rotation"]
        );
        let mut fewer = after.clone();
        fewer.answers.remove("gone-item");
        assert_eq!(
            changed_parts(&after_parts, &parts(Some(&guide), &fewer)),
            ["item:gone-item"]
        );
    }

    #[test]
    fn one_answer_or_the_whole_version_comes_back() {
        let now = Timestamp("2026-10-01T10:00:00Z".into());
        let mut old = reflection();
        old.answers.insert("q-1".into(), answer("first words"));
        old.answers.insert("q-2".into(), answer("kept words"));
        let mut current = old.clone();
        current.answers.insert("q-1".into(), answer("overwritten"));
        current.answers.remove("q-2");
        current.answers.insert("q-3".into(), answer("new since"));
        current.title = "Renamed".into();

        // One answer: only it changes.
        let mut one = current.clone();
        assert_eq!(
            restore_part(&mut one, &old, "item:q-1", now.clone()),
            Ok(true)
        );
        assert_eq!(one.answers["q-1"].text, "first words");
        assert!(!one.answers.contains_key("q-2"));
        assert_eq!(one.answers["q-3"].text, "new since");
        assert_eq!(one.title, "Renamed");
        assert_eq!(one.updated, now);
        // A bare item id works too; bringing back what is there changes nothing.
        assert_eq!(restore_part(&mut one, &old, "q-1", now.clone()), Ok(false));
        // An answer the version did not have goes.
        assert_eq!(restore_part(&mut one, &old, "q-3", now.clone()), Ok(true));
        assert!(!one.answers.contains_key("q-3"));
        assert_eq!(
            restore_part(&mut one, &old, "no such thing!", now.clone()),
            Err(RestoreError::UnknownPart("no such thing!".into()))
        );

        // All of it: the answers and title of then, the reflection still itself.
        let mut all = current.clone();
        all.extra.insert("newer".into(), serde_json::json!(1));
        assert!(restore_all(&mut all, &old, now.clone()));
        assert_eq!(all.answers, old.answers);
        assert_eq!(all.title, old.title);
        assert_eq!(all.id, current.id);
        assert_eq!(all.created, current.created);
        assert_eq!(all.extra["newer"], 1);
        assert!(!restore_all(&mut all, &old, now));
    }
}
