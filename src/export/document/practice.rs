//! The parts on the teacher's practice: practices in use, strengths, where
//! to begin, and the frameworks' lenses.

use super::model::{Bar, Block, ListItem, Part, Span};
use super::phrases::{of, plural};
use crate::summary::{SuggestionKind, Summary};

pub(super) fn in_practice(summary: &Summary) -> Part {
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

pub(super) fn strengths(summary: &Summary) -> Part {
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

pub(super) fn where_to_begin(summary: &Summary) -> Part {
    let begin = &summary.where_to_begin;
    let mut blocks = Vec::new();
    for plan in &begin.plans {
        blocks.push(Block::Subheading(plan.prompt.clone()));
        let practice = plan.practice.as_deref().unwrap_or("No practice chosen yet");
        let mut main = vec![Span::strong(practice)];
        if plan.private {
            main.push(Span::plain(" · private"));
        }
        let mut item = ListItem::new(main);
        if let Some(date) = &plan.date {
            item = item.detail(format!("When: {date}"));
        }
        if !plan.how_i_will_know.is_empty() {
            item = item.detail(format!(
                "How I will know it worked: {}",
                plan.how_i_will_know
            ));
        }
        if let Some(step) = &plan.first_step {
            item = item.detail(format!("A first step from the guide: {step}"));
        }
        blocks.push(Block::List {
            items: vec![item],
            compact: false,
        });
    }
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
                    let action = match (step.action.trim().is_empty(), &step.first_step) {
                        (false, _) => step.action.clone(),
                        (true, Some(first)) => {
                            format!("No action written yet; the guide suggests: {first}")
                        }
                        (true, None) => "No action written yet".to_owned(),
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
                    let mut item = ListItem::new(main).detail(&s.reason);
                    if let Some(step) = &s.first_step {
                        item = item.detail(format!("A first step this week: {step}"));
                    }
                    if !s.evidence.is_empty() {
                        item =
                            item.detail(format!("What it looks like: {}", s.evidence.join("; ")));
                    }
                    item.detail(&s.component_title)
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

pub(super) fn lenses(summary: &Summary) -> Part {
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
