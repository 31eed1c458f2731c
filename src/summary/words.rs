//! The teacher's own words: answers to questions and statements, notes on
//! practices, coach notes, and answers to items the guide no longer has.

use crate::guide::{Guide, Item};
use crate::reflection::Reflection;

use super::model::{
    CoachNoteView, OrphanAnswer, PracticeNote, QuestionAnswer, StatementAnswer, TeacherWords,
};
use super::visible::{Visible, level_label};

pub(super) fn words(guide: &Guide, visible: &Visible<'_>) -> TeacherWords {
    let mut words = TeacherWords {
        answers: Vec::new(),
        statements: Vec::new(),
        practice_notes: Vec::new(),
        private_left_out: visible.hidden,
    };
    for item in guide.items() {
        let Some(answer) = visible.get(item.id()) else {
            continue;
        };
        match item {
            // A plan is shown under "Where to begin", not among the words.
            Item::Plan(_) => {}
            Item::Question(question) => {
                let level = level_label(guide, &item, answer.level.as_deref());
                if !answer.text.trim().is_empty() || level.is_some() {
                    words.answers.push(QuestionAnswer {
                        question_id: question.id.clone(),
                        prompt: question.prompt.clone(),
                        text: answer.text.trim().to_owned(),
                        level_label: level,
                        private: answer.private,
                    });
                }
            }
            Item::Statement(statement) => {
                if answer.affirmed || !answer.note.trim().is_empty() {
                    words.statements.push(StatementAnswer {
                        statement_id: statement.id.clone(),
                        text: statement.text.clone(),
                        affirmed: answer.affirmed,
                        note: answer.note.trim().to_owned(),
                        private: answer.private,
                    });
                }
            }
            Item::Practice {
                component,
                practice,
                ..
            } => {
                if !answer.note.trim().is_empty() {
                    words.practice_notes.push(PracticeNote {
                        practice_id: practice.id.clone(),
                        name: practice.name.clone(),
                        component_title: component.title.clone(),
                        level_label: level_label(guide, &item, answer.level.as_deref()),
                        note: answer.note.trim().to_owned(),
                        private: answer.private,
                    });
                }
            }
        }
    }
    words
}

pub(super) fn coach_notes(guide: &Guide, reflection: &Reflection) -> Vec<CoachNoteView> {
    reflection
        .coach_notes
        .iter()
        .map(|note| CoachNoteView {
            item_id: note.item_id.clone(),
            item: note
                .item_id
                .as_deref()
                .and_then(|id| guide.item(id))
                .map(|item| item.label().to_owned()),
            text: note.text.trim().to_owned(),
            date: note.created.date().to_owned(),
        })
        .collect()
}

pub(super) fn orphans(guide: &Guide, visible: &Visible<'_>) -> Vec<OrphanAnswer> {
    let ids = guide.item_ids();
    visible
        .answers
        .iter()
        .filter(|(id, _)| !ids.contains(&**id))
        .map(|(id, answer)| OrphanAnswer {
            item_id: (*id).to_owned(),
            text: answer.text.trim().to_owned(),
            level: answer.level.clone(),
            note: answer.note.trim().to_owned(),
            affirmed: answer.affirmed,
            next_step: answer.next_step.as_ref().map(|step| step.action.clone()),
            private: answer.private,
        })
        .collect()
}
