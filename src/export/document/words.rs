//! The parts in other voices: the teacher's own words, coach notes, answers
//! to items the guide no longer has, and where the guide's ideas come from.

use super::model::{Block, ListItem, Part, Quote, Span};
use super::phrases::private_mark;
use crate::summary::Summary;

pub(super) fn words(summary: &Summary) -> Part {
    let words = &summary.words;
    let mut blocks = Vec::new();
    if !words.statements.is_empty() {
        blocks.push(Block::Subheading("What I know to be true".to_owned()));
        blocks.push(Block::List {
            items: words
                .statements
                .iter()
                .map(|s| {
                    let mark = if s.affirmed { "" } else { " (not affirmed)" };
                    ListItem::new(vec![
                        Span::strong(&s.text),
                        Span::plain(format!("{mark}{}", private_mark(s.private))),
                    ])
                    .detail(&s.note)
                })
                .collect(),
            compact: false,
        });
    }
    if !words.answers.is_empty() {
        blocks.push(Block::Subheading("Big questions".to_owned()));
        for answer in &words.answers {
            let mut about = vec![Span::strong(&answer.prompt)];
            if let Some(level) = &answer.level_label {
                about.push(Span::plain(format!(" · {level}")));
            }
            if answer.private {
                about.push(Span::plain(" (private)"));
            }
            blocks.push(Block::Quote(Quote {
                about,
                text: answer.text.clone(),
            }));
        }
    }
    if !words.practice_notes.is_empty() {
        blocks.push(Block::Subheading("Notes on practices".to_owned()));
        for note in &words.practice_notes {
            let mut about = vec![Span::strong(&note.name)];
            if let Some(level) = &note.level_label {
                about.push(Span::plain(format!(" · {level}")));
            }
            if note.private {
                about.push(Span::plain(" (private)"));
            }
            blocks.push(Block::Quote(Quote {
                about,
                text: note.note.clone(),
            }));
        }
    }
    if blocks.is_empty() {
        blocks.push(Block::Note("No written answers yet.".to_owned()));
    }
    match words.private_left_out {
        0 => {}
        1 => blocks.push(Block::Note("1 private answer is not included.".to_owned())),
        n => blocks.push(Block::Note(format!(
            "{n} private answers are not included."
        ))),
    }
    Part {
        id: "words",
        heading: "In your own words".to_owned(),
        blocks,
    }
}

pub(super) fn coach_notes(summary: &Summary) -> Part {
    let blocks = if summary.coach_notes.is_empty() {
        vec![Block::Note("No coach notes yet.".to_owned())]
    } else {
        summary
            .coach_notes
            .iter()
            .map(|note| {
                let about = match (&note.item, &note.item_id) {
                    (Some(item), _) => format!("{} · on {item}", note.date),
                    (None, Some(id)) => format!("{} · on {id}", note.date),
                    (None, None) => note.date.clone(),
                };
                Block::Quote(Quote {
                    about: vec![Span::plain(about)],
                    text: note.text.clone(),
                })
            })
            .collect()
    };
    Part {
        id: "coach-notes",
        heading: "Coach notes".to_owned(),
        blocks,
    }
}

pub(super) fn no_longer_in_guide(summary: &Summary) -> Part {
    let items = summary
        .no_longer_in_guide
        .iter()
        .map(|orphan| {
            let mut item = ListItem::new(vec![
                Span::strong(&orphan.item_id),
                Span::plain(private_mark(orphan.private)),
            ]);
            if let Some(level) = &orphan.level {
                item = item.detail(format!("Level: {level}"));
            }
            if orphan.affirmed {
                item = item.detail("Affirmed");
            }
            item = item.detail(&orphan.text).detail(&orphan.note);
            if let Some(step) = &orphan.next_step {
                item = item.detail(format!("Next step: {step}"));
            }
            item
        })
        .collect();
    Part {
        id: "no-longer-in-guide",
        heading: "No longer in this guide".to_owned(),
        blocks: vec![
            Block::Paragraph(vec![Span::plain(
                "These answers belong to items this version of the guide no longer has. They are kept, not lost.",
            )]),
            Block::List {
                items,
                compact: false,
            },
        ],
    }
}

pub(super) fn about(summary: &Summary) -> Part {
    let header = &summary.header;
    let source = &header.source;
    let mut guide = format!(
        "{} (guide {}, version {}",
        header.guide_title, header.guide_id, header.guide_version
    );
    if header.reflection_guide_version != header.guide_version {
        guide.push_str(&format!(
            "; this reflection was started on version {}",
            header.reflection_guide_version
        ));
    }
    guide.push(')');
    let mut credit = source.title.clone();
    if !source.author.trim().is_empty() {
        credit.push_str(&format!(", by {}", source.author));
    }
    for extra in [&source.publisher, &source.published].into_iter().flatten() {
        credit.push_str(&format!(", {extra}"));
    }
    let mut blocks = vec![
        Block::Paragraph(vec![Span::strong("Guide: "), Span::plain(guide)]),
        Block::Paragraph(vec![Span::strong("Source: "), Span::plain(credit)]),
    ];
    if let Some(note) = &source.note {
        blocks.push(Block::Note(note.clone()));
    }
    if let Some(url) = &source.url {
        blocks.push(Block::Note(url.clone()));
    }
    blocks.push(Block::Note(format!(
        "Reflection {} · made with PL Reflect",
        header.reflection_id
    )));
    Part {
        id: "about",
        heading: "About this summary".to_owned(),
        blocks,
    }
}
