//! The readiness summary: what a reflection shows about a teacher's practice,
//! as plain data that every export format renders the same way.
//!
//! The message is "align it, don't add it": personalized learning grows out of
//! what a teacher already does. So the summary leads with strengths and one
//! small next step, never with a deficit score, and it is transparent: counts
//! and named practices, not an opaque number.
//!
//! [`summarize`] is a pure function of the guide, the reflection, an optional
//! earlier reflection and [`SummaryOptions`]; it reads no clock and no files.
//! Private answers are removed before anything is counted (unless
//! [`SummaryOptions::include_private`]), so no part of the summary can leak them.
//!
//! The parts: [`model`] holds the types; each other file builds one concern
//! of the summary from the visible answers ([`visible`]).

mod model;
mod practice;
mod since_last_time;
mod suggestions;
mod visible;
mod words;

pub use model::{
    AnswerChange, CoachNoteView, ComponentInPractice, Count, Direction, GlossaryEntry, Header,
    InPractice, Included, ItemKind, ItemRow, Lens, LensElement, LevelChange, NextStepView,
    OrphanAnswer, PlanView, PracticeLevel, PracticeNote, ProgressSummary, QuestionAnswer,
    SectionProgress, SinceLastTime, SourceCredit, StatementAnswer, StepDone, Suggestion,
    SuggestionKind, Summary, SummaryOptions, TeacherWords, WhereToBegin,
};
pub use suggestions::MAX_SUGGESTIONS;

use crate::guide::Guide;
use crate::reflection::Reflection;

use practice::{in_practice, item_rows, lenses, progress, strengths};
use since_last_time::since_last_time;
use suggestions::where_to_begin;
use visible::{Visible, practices};
use words::{coach_notes, orphans, words};

/// Builds the readiness summary of `reflection` on `guide`.
///
/// `previous`, when given, is the same teacher's earlier reflection on the same
/// guide; its private answers are filtered by the same rule.
pub fn summarize(
    guide: &Guide,
    reflection: &Reflection,
    previous: Option<&Reflection>,
    options: &SummaryOptions,
) -> Summary {
    let visible = Visible::new(reflection, options.include_private);
    let practices = practices(guide);
    let in_practice = in_practice(guide, &practices, &visible);
    Summary {
        header: header(guide, reflection, options),
        included: Included {
            private_answers: options.include_private,
            coach_notes: options.include_coach_notes,
        },
        progress: progress(guide, &visible),
        strengths: strengths(&practices, &visible),
        where_to_begin: where_to_begin(guide, &practices, &visible, &in_practice),
        lenses: lenses(guide, &practices, &visible),
        since_last_time: previous.map(|previous| {
            since_last_time(
                guide,
                &practices,
                &visible,
                &Visible::new(previous, options.include_private),
                previous,
            )
        }),
        words: words(guide, &visible),
        coach_notes: if options.include_coach_notes {
            coach_notes(guide, reflection)
        } else {
            Vec::new()
        },
        no_longer_in_guide: orphans(guide, &visible),
        items: item_rows(guide, &visible),
        glossary: guide
            .glossary
            .iter()
            .map(|term| GlossaryEntry {
                term: term.term.clone(),
                definition: term.definition.clone(),
            })
            .collect(),
        in_practice,
    }
}

/// What changed from `older` to `newer` (two reflections on `guide`), by the
/// same rules as the summary's "since last time": levels that moved, practices
/// newly in use, next steps taken, and big-question answers that changed.
/// Private answers are left out of both unless `include_private`.
pub fn compare_reflections(
    guide: &Guide,
    older: &Reflection,
    newer: &Reflection,
    include_private: bool,
) -> SinceLastTime {
    since_last_time(
        guide,
        &practices(guide),
        &Visible::new(newer, include_private),
        &Visible::new(older, include_private),
        older,
    )
}

fn header(guide: &Guide, reflection: &Reflection, options: &SummaryOptions) -> Header {
    let source = &guide.source;
    Header {
        guide_id: guide.id.clone(),
        guide_title: guide.title.clone(),
        guide_language: guide.language.clone(),
        guide_version: guide.version,
        reflection_guide_version: reflection.guide_version,
        reflection_id: reflection.id.clone(),
        reflection_title: reflection.display_title(),
        teacher_name: options
            .teacher_name
            .as_ref()
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty()),
        started: reflection.created.date().to_owned(),
        last_changed: reflection.updated.date().to_owned(),
        prepared: options.today.clone(),
        source: SourceCredit {
            title: source.title.clone(),
            author: source.author.clone(),
            publisher: source.publisher.clone(),
            published: source.published.clone(),
            url: source.url.clone(),
            note: source.note.clone(),
        },
    }
}
