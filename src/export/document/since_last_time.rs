//! The part on what changed since the previous reflection.

use super::model::{Block, ListItem, Part, Quote, Span};
use super::phrases::shortened;
use crate::summary::{Direction, Summary};

pub(super) fn since_last_time(summary: &Summary) -> Option<Part> {
    let since = summary.since_last_time.as_ref()?;
    let mut blocks = vec![Block::Paragraph(vec![
        Span::plain("Compared with "),
        Span::strong(&since.previous_title),
        Span::plain(format!(" (last changed {}).", since.previous_date)),
    ])];
    if since.is_empty() {
        blocks.push(Block::Note("Nothing has changed since then.".to_owned()));
    }
    if !since.newly_in_use.is_empty() {
        blocks.push(Block::Subheading("Newly in your practice".to_owned()));
        blocks.push(Block::List {
            items: since
                .newly_in_use
                .iter()
                .map(|p| {
                    let was = since
                        .moved
                        .iter()
                        .find(|m| m.practice_id == p.practice_id)
                        .map(|m| format!("Was {}", m.from));
                    ListItem::new(vec![
                        Span::strong(&p.name),
                        Span::plain(format!(" · {}", p.level_label)),
                    ])
                    .detail(was.unwrap_or_default())
                })
                .collect(),
            compact: false,
        });
    }
    if !since.steps_done.is_empty() {
        blocks.push(Block::Subheading("Next steps taken".to_owned()));
        blocks.push(Block::List {
            items: since
                .steps_done
                .iter()
                .map(|step| {
                    let how = match (&step.level_label, step.marked_done) {
                        (_, true) => "marked done".to_owned(),
                        (Some(level), false) => format!("now {level}"),
                        (None, false) => String::new(),
                    };
                    ListItem::new(vec![
                        Span::strong(&step.name),
                        Span::plain(format!(" · {how}")),
                    ])
                    .detail(format!("Next step: {}", step.action))
                })
                .collect(),
            compact: false,
        });
    }
    // Practices newly in use are listed above, with where they were.
    let moved: Vec<_> = since
        .moved
        .iter()
        .filter(|m| {
            !since
                .newly_in_use
                .iter()
                .any(|p| p.practice_id == m.practice_id)
        })
        .collect();
    if !moved.is_empty() {
        blocks.push(Block::Subheading("Other levels that changed".to_owned()));
        blocks.push(Block::List {
            items: moved
                .iter()
                .map(|change| {
                    let way = match change.direction {
                        Direction::Up => "up",
                        Direction::Down => "down",
                    };
                    ListItem::new(vec![
                        Span::strong(&change.name),
                        Span::plain(format!(" · {way} from {} to {}", change.from, change.to)),
                    ])
                })
                .collect(),
            compact: false,
        });
    }
    if !since.changed_answers.is_empty() {
        blocks.push(Block::Subheading("Answers that changed".to_owned()));
        for change in &since.changed_answers {
            let with_level = |text: &str, level: &Option<String>| match (text.is_empty(), level) {
                (true, None) => "(no answer)".to_owned(),
                (true, Some(level)) => level.clone(),
                (false, None) => text.to_owned(),
                (false, Some(level)) => format!("{level}. {text}"),
            };
            // The answer as it is now is printed in full under the teacher's
            // own words; here a long one is shortened, so it is not printed twice.
            blocks.push(Block::Quote(Quote {
                about: vec![Span::strong(&change.prompt)],
                text: format!(
                    "Before: {}\nNow: {}",
                    shortened(&with_level(&change.before_text, &change.before_level)),
                    shortened(&with_level(&change.now_text, &change.now_level))
                ),
            }));
        }
    }
    Some(Part {
        id: "since-last-time",
        heading: "Since last time".to_owned(),
        blocks,
    })
}
