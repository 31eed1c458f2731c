//! The summary as a simple document of headings, paragraphs, lists and bars.
//!
//! Markdown, HTML and PDF all render this one document, so they say exactly the
//! same thing in the same order. The words here are the product's voice: they
//! lead with what the teacher already does and never with a deficit.

mod model;
mod phrases;
mod practice;
mod since_last_time;
mod words;

pub use model::{Bar, Block, Document, Line, ListItem, Part, Quote, Span};

use crate::summary::Summary;

use phrases::of;
use practice::{in_practice, lenses, strengths, where_to_begin};
use since_last_time::since_last_time;
use words::{about, coach_notes, no_longer_in_guide, words};

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
    if !summary.glossary.is_empty() {
        parts.push(glossary(summary));
    }
    Document {
        title: header.reflection_title.clone(),
        subtitle: format!("{} · readiness summary", header.guide_title),
        meta,
        parts,
    }
}

/// The appendix: the guide's words explained.
fn glossary(summary: &Summary) -> Part {
    Part {
        id: "glossary",
        heading: "Appendix: words used in this guide".to_owned(),
        blocks: vec![Block::List {
            items: summary
                .glossary
                .iter()
                .map(|entry| {
                    ListItem::new(vec![Span::strong(&entry.term)]).detail(&entry.definition)
                })
                .collect(),
            compact: false,
        }],
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

#[cfg(test)]
mod tests;
