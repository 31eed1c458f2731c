//! The summary as a simple document of headings, paragraphs, lists and bars.
//!
//! Markdown, HTML and PDF all render this one document, so they say exactly the
//! same thing in the same order. The words here are the product's voice: they
//! lead with what the teacher already does and never with a deficit.

use crate::summary::{Count, Direction, SuggestionKind, Summary};

/// A run of text, optionally emphasized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            strong: false,
        }
    }

    pub fn strong(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            strong: true,
        }
    }
}

/// A line of mixed plain and strong text.
pub type Line = Vec<Span>;

/// One bar of a bar chart: practices in use in one component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub count: Count,
}

/// A teacher's own words under the thing they answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// What the words answer, for example a question prompt.
    pub about: Line,
    /// The teacher's words; may hold several lines.
    pub text: String,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading inside a section.
    Subheading(String),
    Paragraph(Line),
    /// Small, muted text, for example what was left out.
    Note(String),
    /// A bulleted list; each item is a main line and optional detail lines.
    /// A compact list is shown as small chips where the format can.
    List {
        items: Vec<ListItem>,
        compact: bool,
    },
    Bars(Vec<Bar>),
    /// A small table with a header row.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Quote(Quote),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub main: Line,
    pub details: Vec<String>,
}

impl ListItem {
    fn new(main: Line) -> Self {
        ListItem {
            main,
            details: Vec::new(),
        }
    }

    fn detail(mut self, detail: impl Into<String>) -> Self {
        let detail = detail.into();
        if !detail.trim().is_empty() {
            self.details.push(detail);
        }
        self
    }
}

/// A titled part of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// A stable id, used as an HTML anchor and class.
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// The whole document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    /// Short lines under the title: teacher, dates, progress, what is included.
    pub meta: Vec<String>,
    pub parts: Vec<Part>,
}

/// "1 practice" or "3 practices".
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

fn of(count: Count) -> String {
    format!("{} of {}", count.count, count.total)
}

/// Builds the document every human-readable format renders.
pub fn document(summary: &Summary) -> Document {
    let header = &summary.header;
    let mut meta = Vec::new();
    if let Some(name) = &header.teacher_name {
        meta.push(format!("Teacher: {name}"));
    }
    meta.push(format!(
        "Started {} · last changed {} · prepared {}",
        header.started, header.last_changed, header.prepared
    ));
    let sections: Vec<String> = summary
        .progress
        .sections
        .iter()
        .map(|s| format!("{} {}", s.title, of(s.answered)))
        .collect();
    meta.push(format!(
        "Answered {} items ({})",
        of(summary.progress.answered),
        sections.join("; ")
    ));
    meta.push(included_line(summary));
    let mut parts = vec![
        in_practice(summary),
        strengths(summary),
        where_to_begin(summary),
    ];
    if let Some(part) = since_last_time(summary) {
        parts.push(part);
    }
    parts.push(lenses(summary));
    parts.push(words(summary));
    if summary.included.coach_notes {
        parts.push(coach_notes(summary));
    }
    if !summary.no_longer_in_guide.is_empty() {
        parts.push(no_longer_in_guide(summary));
    }
    parts.push(about(summary));
    Document {
        title: header.reflection_title.clone(),
        subtitle: format!("{} · readiness summary", header.guide_title),
        meta,
        parts,
    }
}

fn included_line(summary: &Summary) -> String {
    let private = if summary.included.private_answers {
        "Private answers are included".to_owned()
    } else {
        match summary.words.private_left_out {
            0 => "No private answers".to_owned(),
            1 => "1 private answer is not included".to_owned(),
            n => format!("{n} private answers are not included"),
        }
    };
    let coach = if summary.included.coach_notes {
        "coach notes are included"
    } else {
        "coach notes are not included"
    };
    format!("{private}; {coach}.")
}

fn in_practice(summary: &Summary) -> Part {
    let overall = summary.in_practice.overall;
    let mut blocks = vec![Block::Paragraph(vec![
        Span::plain("You already use "),
        Span::strong(format!("{} of {} practices", overall.count, overall.total)),
        Span::plain(" in this guide. Personalized learning grows from what you already do."),
    ])];
    blocks.push(Block::Bars(
        summary
            .in_practice
            .components
            .iter()
            .map(|c| Bar {
                label: c.title.clone(),
                count: c.in_use,
            })
            .collect(),
    ));
    for component in &summary.in_practice.components {
        blocks.push(Block::Subheading(format!(
            "{}: {}",
            component.title,
            of(component.in_use)
        )));
        if component.practices.is_empty() {
            blocks.push(Block::Note("None marked as in use yet.".to_owned()));
        } else {
            blocks.push(Block::List {
                items: component
                    .practices
                    .iter()
                    .map(|p| {
                        ListItem::new(vec![
                            Span::strong(&p.name),
                            Span::plain(format!(" · {}", p.level_label)),
                        ])
                    })
                    .collect(),
                compact: true,
            });
        }
    }
    Part {
        id: "in-practice",
        heading: "Already in your practice".to_owned(),
        blocks,
    }
}

fn strengths(summary: &Summary) -> Part {
    let blocks = if summary.strengths.is_empty() {
        vec![Block::Note(
            "When a practice is second nature to you, rate it at the top of the scale and it will show here as a strength to share."
                .to_owned(),
        )]
    } else {
        vec![
            Block::Paragraph(vec![Span::plain(format!(
                "You rated {} at the top of the scale. You could lead a short session for colleagues on {}.",
                plural(summary.strengths.len(), "practice", "practices"),
                if summary.strengths.len() == 1 {
                    "it"
                } else {
                    "any of them"
                }
            ))]),
            Block::List {
                items: summary
                    .strengths
                    .iter()
                    .map(|p| {
                        ListItem::new(vec![
                            Span::strong(&p.name),
                            Span::plain(format!(" · {}", p.level_label)),
                        ])
                        .detail(&p.component_title)
                    })
                    .collect(),
                compact: false,
            },
        ]
    };
    Part {
        id: "strengths",
        heading: "Strengths to share".to_owned(),
        blocks,
    }
}

fn where_to_begin(summary: &Summary) -> Part {
    let begin = &summary.where_to_begin;
    let mut blocks = Vec::new();
    if !begin.next_steps.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::plain(
            "The next steps you picked:",
        )]));
        blocks.push(Block::List {
            items: begin
                .next_steps
                .iter()
                .map(|step| {
                    let mut main = vec![Span::strong(&step.item)];
                    if step.done {
                        main.push(Span::plain(" · done"));
                    }
                    let action = if step.action.trim().is_empty() {
                        "No action written yet".to_owned()
                    } else {
                        step.action.clone()
                    };
                    let mut item = ListItem::new(main).detail(format!("Next step: {action}"));
                    if let Some(date) = &step.revisit_on {
                        item = item.detail(format!("Revisit on {date}"));
                    }
                    let mut context = Vec::new();
                    if let Some(component) = &step.component_title {
                        context.push(component.clone());
                    }
                    if let Some(level) = &step.level_label {
                        context.push(format!("now: {level}"));
                    }
                    item.detail(context.join(" · "))
                })
                .collect(),
            compact: false,
        });
    }
    if !begin.suggestions.is_empty() {
        let intro = if begin.next_steps.is_empty() {
            "You haven't picked a next step yet. A few small places to begin:"
        } else {
            "Every next step you picked is done. A few places to go on from here:"
        };
        blocks.push(Block::Paragraph(vec![Span::plain(intro)]));
        blocks.push(Block::List {
            items: begin
                .suggestions
                .iter()
                .map(|s| {
                    let mut main = vec![Span::strong(&s.name)];
                    if let (SuggestionKind::AlreadyStarted, Some(level)) = (s.kind, &s.level_label)
                    {
                        main.push(Span::plain(format!(" · {level}")));
                    }
                    ListItem::new(main)
                        .detail(&s.reason)
                        .detail(&s.component_title)
                })
                .collect(),
            compact: false,
        });
    }
    if blocks.is_empty() {
        blocks.push(Block::Note(
            "Rate a few practices, or flag one as a next step, and a small place to begin will show here.".to_owned(),
        ));
    }
    Part {
        id: "where-to-begin",
        heading: "Where to begin".to_owned(),
        blocks,
    }
}

fn since_last_time(summary: &Summary) -> Option<Part> {
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

/// Text of at most 280 characters, cut at a word, with "…" where it was cut.
fn shortened(text: &str) -> String {
    const MOST: usize = 280;
    if text.chars().count() <= MOST {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MOST).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}… (in full under the teacher's own words)")
}

fn lenses(summary: &Summary) -> Part {
    let mut blocks = vec![Block::Paragraph(vec![Span::plain(
        "The same practices, counted by the public frameworks they align with.",
    )])];
    let components = &summary.in_practice.components;
    let shown: Vec<_> = summary
        .lenses
        .iter()
        .filter(|l| !l.repeats(components))
        .collect();
    for lens in summary.lenses.iter().filter(|l| l.repeats(components)) {
        blocks.push(Block::Paragraph(vec![Span::plain(format!(
            "The components above are the elements of {}, with the same counts.",
            lens.title
        ))]));
    }
    for lens in &shown {
        blocks.push(Block::Subheading(lens.title.clone()));
        blocks.push(Block::Table {
            header: vec!["Element".to_owned(), "Practices in use".to_owned()],
            rows: lens
                .elements
                .iter()
                .map(|e| vec![e.label.clone(), of(e.in_use)])
                .collect(),
        });
    }
    if summary.lenses.is_empty() {
        blocks = vec![Block::Note("This guide names no frameworks.".to_owned())];
    } else if shown.is_empty() {
        blocks = vec![Block::Note(
            "The guide's components are its framework's elements, so the counts above are the same."
                .to_owned(),
        )];
    }
    Part {
        id: "lenses",
        heading: "Through other lenses".to_owned(),
        blocks,
    }
}

fn private_mark(private: bool) -> &'static str {
    if private { " (private)" } else { "" }
}

fn words(summary: &Summary) -> Part {
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

fn coach_notes(summary: &Summary) -> Part {
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

fn no_longer_in_guide(summary: &Summary) -> Part {
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

fn about(summary: &Summary) -> Part {
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

#[cfg(test)]
mod tests {
    use super::shortened;

    #[test]
    fn a_long_changed_answer_is_shortened_so_it_is_not_printed_twice() {
        let long = "word ".repeat(1000);
        let short = shortened(&long);
        assert!(short.chars().count() < 340, "{}", short.len());
        assert!(short.ends_with("(in full under the teacher's own words)"));
        assert_eq!(
            shortened("Two stations on Friday"),
            "Two stations on Friday"
        );
    }
}
