//! The readiness summary: what the teacher already does, strengths to share,
//! where to begin, and the same practice seen through other frameworks.
//! It leads with strengths, never with a deficit score.

use egui::{Color32, RichText, Ui};

use super::widgets::{reading_column, subheading};
use super::{Action, Room, RoomContext};
use crate::app::memo::Memo;
use crate::app::theme;
use crate::summary::{Count, Direction, Summary};

/// Whom the summary speaks about: the teacher reading it ("You already
/// use…"), or, in a coach's notebook, the teacher by name ("Ms. Rivera
/// already uses…").
#[derive(Debug, Clone, Default)]
pub struct Voice {
    pub teacher: Option<String>,
}

impl Voice {
    fn already_use(&self, count: usize, total: usize) -> String {
        match &self.teacher {
            None => format!("You already use {count} of {total} practices."),
            Some(name) => format!("{name} already uses {count} of {total} practices."),
        }
    }
    fn practice(&self) -> String {
        match &self.teacher {
            None => "Already in your practice".to_owned(),
            Some(name) => format!("Already in {name}'s practice"),
        }
    }
    fn grows(&self) -> String {
        match &self.teacher {
            None => "Personalized learning grows from what you already do: align it, don't add it.".to_owned(),
            Some(_) => "Personalized learning grows from what a teacher already does: align it, don't add it.".to_owned(),
        }
    }
    fn could_lead(&self) -> String {
        match &self.teacher {
            None => "You could lead a short session for colleagues on these:".to_owned(),
            Some(name) => format!("{name} could lead a short session for colleagues on these:"),
        }
    }
    fn no_step_yet(&self) -> String {
        match &self.teacher {
            None => "You have not flagged a next step yet. Some good places to start:".to_owned(),
            Some(name) => {
                format!("{name} has not flagged a next step yet. Some good places to start:")
            }
        }
    }
    fn own_words(&self) -> String {
        match &self.teacher {
            None => "In your own words".to_owned(),
            Some(name) => format!("In {name}'s own words"),
        }
    }
}

/// The summary screen: which reflection, and its summary kept until the notebook changes.
#[derive(Default)]
pub struct SummaryScreen {
    pub reflection_id: String,
    /// For (reflection id, notebook revision).
    summary: Memo<(String, u64), Summary>,
}

impl Room for SummaryScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        let notebook = cx.notebook;
        let key = (self.reflection_id.clone(), notebook.revision());
        if self.summary.get(&key).is_none()
            && let Some(summary) = notebook.summarize(&self.reflection_id, true, true, true)
        {
            self.summary.set(key.clone(), summary);
        }
        // In a coach's notebook the summary is about a teacher.
        let voice = Voice {
            teacher: notebook
                .is_coaching()
                .then(|| {
                    notebook
                        .entry(&self.reflection_id)
                        .and_then(|e| notebook.teacher(&e.reflection.teacher_id))
                        .map(|t| crate::words::teacher_name(&t.name).to_owned())
                })
                .flatten(),
        };
        if let Some(summary) = self.summary.get(&key) {
            draw(ui, summary, &voice)
        } else {
            ui.label("This reflection or its guide is not available.");
            Vec::new()
        }
    }

    fn reflection_id(&self) -> Option<&str> {
        (!self.reflection_id.is_empty()).then_some(self.reflection_id.as_str())
    }
}

fn draw(ui: &mut Ui, summary: &Summary, voice: &Voice) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::ScrollArea::vertical().id_salt("summary").show(ui, |ui| {
        reading_column(ui, |ui| {
            ui.add_space(theme::GAP);
            ui.horizontal(|ui| {
                ui.heading("Readiness summary");
                // Beside the heading, left to right: Tab meets them in reading order.
                ui.add_space(theme::GAP);
                if ui.button("Back to reflecting").clicked() {
                    actions.push(Action::OpenReflection(summary.header.reflection_id.clone()));
                }
                if ui
                    .button(RichText::new("Export readiness summary…").strong())
                    .on_hover_text("Choose what to include, then save a PDF, web page, Markdown, CSV or JSON file")
                    .clicked()
                {
                    actions.push(Action::OpenExport(summary.header.reflection_id.clone()));
                }
            });
            ui.weak(format!(
                "{} · {} · last changed {}",
                summary.header.reflection_title, summary.header.guide_title, summary.header.last_changed
            ));
            ui.add_space(theme::GAP);
            headline(ui, summary, voice);
            ui.add_space(theme::GAP);
            strengths(ui, summary, voice);
            where_to_begin(ui, summary, voice);
            lenses(ui, summary);
            since_last_time(ui, summary);
            words(ui, summary, voice);
            progress(ui, summary);
            if !summary.no_longer_in_guide.is_empty() {
                section(ui, "No longer in this guide", |ui| {
                    ui.label("Kept word for word from an earlier version of the guide:");
                    for orphan in &summary.no_longer_in_guide {
                        ui.label(format!("{}: {}", orphan.item_id, orphan.text));
                    }
                });
            }
            ui.add_space(theme::GAP * 2.0);
        });
    });
    actions
}

fn section(ui: &mut Ui, title: &str, add: impl FnOnce(&mut Ui)) {
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        subheading(ui, title);
        ui.add_space(theme::SMALL_GAP);
        add(ui);
    });
    ui.add_space(theme::GAP);
}

fn headline(ui: &mut Ui, summary: &Summary, voice: &Voice) {
    let overall = &summary.in_practice.overall;
    section(ui, &voice.practice(), |ui| {
        ui.label(
            RichText::new(voice.already_use(overall.count, overall.total))
                .text_style(theme::subheading())
                .color(theme::accent(ui.visuals())),
        );
        ui.label(voice.grows());
        ui.add_space(theme::SMALL_GAP);
        egui::Grid::new("components-in-use")
            .num_columns(3)
            .spacing([16.0, 8.0])
            .show(ui, |ui| {
                for component in &summary.in_practice.components {
                    bar_row(ui, &component.title, &component.in_use);
                }
            });
        for component in &summary.in_practice.components {
            if component.practices.is_empty() {
                continue;
            }
            ui.add_space(theme::SMALL_GAP);
            ui.label(RichText::new(&component.title).strong());
            for practice in &component.practices {
                ui.label(format!("{} ({})", practice.name, practice.level_label));
            }
        }
    });
}

/// A horizontal bar: filled share of `count` in `total`.
/// One row of a bar chart grid: the label, the bar, and "3 of 7".
fn bar_row(ui: &mut Ui, label: &str, count: &Count) {
    ui.label(label);
    bar(ui, count);
    ui.label(format!("{} of {}", count.count, count.total));
    ui.end_row();
}

fn bar(ui: &mut Ui, count: &Count) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(220.0, 14.0), egui::Sense::hover());
    let visuals = ui.visuals();
    let track = if visuals.dark_mode {
        Color32::from_gray(50)
    } else {
        Color32::from_gray(225)
    };
    ui.painter().rect_filled(rect, 4.0, track);
    let share = if count.total == 0 {
        0.0
    } else {
        count.count as f32 / count.total as f32
    };
    let mut filled = rect;
    filled.set_width(rect.width() * share);
    ui.painter()
        .rect_filled(filled, 4.0, theme::accent(visuals));
    response.on_hover_text(format!(
        "{} of {} in use ({}%)",
        count.count,
        count.total,
        count.percent()
    ));
}

fn strengths(ui: &mut Ui, summary: &Summary, voice: &Voice) {
    if summary.strengths.is_empty() {
        return;
    }
    section(ui, "Strengths to share", |ui| {
        ui.label(voice.could_lead());
        for practice in &summary.strengths {
            ui.label(format!("{} — {}", practice.name, practice.component_title));
        }
    });
}

fn where_to_begin(ui: &mut Ui, summary: &Summary, voice: &Voice) {
    let begin = &summary.where_to_begin;
    section(ui, "Where to begin", |ui| {
        if begin.next_steps.is_empty() && begin.suggestions.is_empty() {
            ui.label("Rate a few practices, or flag one as a next step, and ideas for where to begin will appear here.");
        }
        for step in &begin.next_steps {
            let mut line = step.item.clone();
            if !step.action.is_empty() {
                line.push_str(&format!(": {}", step.action));
            }
            if let Some(date) = &step.revisit_on {
                line.push_str(&format!(" (revisit {date})"));
            }
            if step.done {
                line.push_str(" — done");
            }
            ui.label(line);
        }
        if !begin.suggestions.is_empty() {
            ui.label(voice.no_step_yet());
            for suggestion in &begin.suggestions {
                ui.label(RichText::new(&suggestion.name).strong());
                ui.weak(&suggestion.reason);
            }
        }
    });
}

fn lenses(ui: &mut Ui, summary: &Summary) {
    let components = &summary.in_practice.components;
    for lens in summary.lenses.iter().filter(|l| l.repeats(components)) {
        ui.weak(format!(
            "The components above are the elements of {}, with the same counts.",
            lens.title
        ));
        ui.add_space(theme::SMALL_GAP);
    }
    for lens in summary.lenses.iter().filter(|l| !l.repeats(components)) {
        section(ui, &format!("Through another lens: {}", lens.title), |ui| {
            egui::Grid::new(("lens", &lens.framework_id))
                .num_columns(3)
                .spacing([16.0, 6.0])
                .show(ui, |ui| {
                    for element in &lens.elements {
                        bar_row(ui, &element.label, &element.in_use);
                    }
                });
        });
    }
}

fn since_last_time(ui: &mut Ui, summary: &Summary) {
    let Some(since) = &summary.since_last_time else {
        return;
    };
    section(ui, "Since last time", |ui| {
        // The title may already be "Reflection of DATE": say the date once.
        if since.previous_title.contains(&since.previous_date) {
            ui.weak(format!("Compared with {}", since.previous_title));
        } else {
            ui.weak(format!(
                "Compared with {} (last changed {})",
                since.previous_title, since.previous_date
            ));
        }
        if since.is_empty() {
            ui.label("No changes in levels or next steps since then.");
        }
        for practice in &since.newly_in_use {
            let was = since
                .moved
                .iter()
                .find(|m| m.practice_id == practice.practice_id)
                .map(|m| format!(", was {}", m.from))
                .unwrap_or_default();
            ui.label(format!(
                "Now in practice: {} ({}{was})",
                practice.name, practice.level_label
            ));
        }
        // A practice newly in use is said once, above, with where it was.
        for change in since.moved.iter().filter(|m| {
            !since
                .newly_in_use
                .iter()
                .any(|p| p.practice_id == m.practice_id)
        }) {
            let word = match change.direction {
                Direction::Up => "Up",
                Direction::Down => "Down",
            };
            ui.label(format!(
                "{word}: {} — {} to {}",
                change.name, change.from, change.to
            ));
        }
        for step in &since.steps_done {
            ui.label(format!("Next step done: {} ({})", step.name, step.action));
        }
        for answer in &since.changed_answers {
            ui.label(format!("Answer changed: {}", answer.prompt));
        }
    });
}

fn words(ui: &mut Ui, summary: &Summary, voice: &Voice) {
    let words = &summary.words;
    if words.answers.is_empty() && words.statements.is_empty() && words.practice_notes.is_empty() {
        return;
    }
    section(ui, &voice.own_words(), |ui| {
        for answer in &words.answers {
            ui.label(RichText::new(&answer.prompt).strong());
            if let Some(level) = &answer.level_label {
                ui.weak(level);
            }
            if !answer.text.is_empty() {
                ui.label(&answer.text);
            }
            if answer.private {
                ui.weak("Private: left out of exports unless you include it.");
            }
            ui.add_space(theme::SMALL_GAP);
        }
        for statement in words.statements.iter().filter(|s| s.affirmed) {
            ui.label(format!("I affirm: {}", statement.text));
            if !statement.note.is_empty() {
                ui.weak(&statement.note);
            }
        }
        for note in &words.practice_notes {
            ui.label(format!("{}: {}", note.name, note.note));
        }
    });
}

fn progress(ui: &mut Ui, summary: &Summary) {
    section(ui, "Progress", |ui| {
        for section in &summary.progress.sections {
            ui.label(format!(
                "{}: {} of {} answered",
                section.title, section.answered.count, section.answered.total
            ));
        }
    });
}
