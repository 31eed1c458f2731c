//! The card of each item: a statement, a question, a component's heading,
//! and a practice with its level, note, next step and private flag.

use egui::{RichText, Role, Ui};

use super::{Context, ReflectScreen};
use crate::app::theme;
use crate::app::views::widgets::{
    labelled_line, labelled_text_area, name_for_screen_readers, subheading,
};
use crate::guide::{Component, Practice, Question, Scale, Statement};
use crate::reflection::{Answer, Edit};

impl ReflectScreen {
    pub(super) fn statement_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Context<'_>,
        statement: &Statement,
    ) {
        let answer = cx.answer(&statement.id);
        let response = theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut affirmed = answer.affirmed;
            let toggle = ui.add_enabled(
                cx.editable,
                egui::Checkbox::new(&mut affirmed, RichText::new(&statement.text).strong()),
            );
            if toggle.changed() {
                cx.edit(Edit::SetAffirmed {
                    item: statement.id.clone(),
                    affirmed,
                });
            }
            let hint = statement
                .hint
                .as_deref()
                .unwrap_or("A moment that shows it");
            if let Some(note) = labelled_line(
                ui,
                "Note:",
                &format!("Note on: {}", statement.text),
                &answer.note,
                hint,
                cx.editable,
            ) {
                cx.edit(Edit::SetNote {
                    item: statement.id.clone(),
                    note,
                });
            }
            let words = format!(
                "{} {}",
                statement.text,
                statement.hint.as_deref().unwrap_or("")
            );
            self.terms_ui(ui, cx.guide, &statement.id, &words);
            private_toggle(ui, cx, &statement.id, &answer, &statement.text);
        });
        self.maybe_scroll(&response.response, &statement.id);
    }

    pub(super) fn question_ui(&mut self, ui: &mut Ui, cx: &mut Context<'_>, question: &Question) {
        let answer = cx.answer(&question.id);
        let response = theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(text) =
                labelled_text_area(ui, &question.prompt, &answer.text, 5, cx.editable)
            {
                cx.edit(Edit::SetText {
                    item: question.id.clone(),
                    text,
                });
            }
            if let Some(hint) = &question.hint {
                ui.weak(hint);
            }
            let words = format!(
                "{} {}",
                question.prompt,
                question.hint.as_deref().unwrap_or("")
            );
            self.terms_ui(ui, cx.guide, &question.id, &words);
            // A level given on a scale the question no longer offers stays readable.
            if let Some(level) = answer.level.as_deref()
                && question
                    .scale
                    .as_deref()
                    .and_then(|id| cx.guide.scale(id))
                    .and_then(|s| s.level(level))
                    .is_none()
            {
                let label = cx
                    .guide
                    .level_of(&crate::guide::Item::Question(question), level)
                    .map_or(level, |l| l.label.as_str());
                ui.weak(format!("Earlier answer on a scale: {label}"));
            }
            if let Some(scale) = question.scale.as_deref().and_then(|id| cx.guide.scale(id)) {
                ui.add_space(theme::SMALL_GAP);
                level_picker(
                    ui,
                    cx,
                    &question.id,
                    &question.prompt,
                    scale,
                    answer.level.as_deref(),
                );
            }
            private_toggle(ui, cx, &question.id, &answer, &question.prompt);
        });
        self.maybe_scroll(&response.response, &question.id);
    }

    pub(super) fn component_header_ui(
        ui: &mut Ui,
        cx: &mut Context<'_>,
        component: &Component,
        scale: &Scale,
    ) {
        let in_use = component
            .practices
            .iter()
            .filter(|p| {
                cx.entry
                    .reflection
                    .answer(&p.id)
                    .and_then(|a| a.level.as_deref())
                    .and_then(|l| scale.level(l))
                    .is_some_and(|l| l.in_use)
            })
            .count();
        ui.add_space(theme::SMALL_GAP);
        subheading(ui, &component.title);
        ui.label(&component.description);
        ui.weak(format!(
            "Already in use: {in_use} of {}",
            component.practices.len()
        ));
        ui.add_space(theme::SMALL_GAP);
    }

    pub(super) fn practice_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Context<'_>,
        practice: &Practice,
        scale: &Scale,
    ) {
        let answer = cx.answer(&practice.id);
        let take_focus = self.focus_item.as_deref() == Some(practice.id.as_str());
        let response = theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            // The name can hold the keyboard focus, so Find lands on the practice.
            let name = ui.add(
                egui::Label::new(RichText::new(&practice.name).strong())
                    .sense(egui::Sense::focusable_noninteractive()),
            );
            name_for_screen_readers(&name, Role::Heading, None, &practice.name);
            if take_focus {
                name.request_focus();
            }
            ui.label(&practice.description);
            self.practice_aids_ui(ui, cx, practice);
            ui.add_space(theme::SMALL_GAP);
            level_picker(
                ui,
                cx,
                &practice.id,
                &practice.name,
                scale,
                answer.level.as_deref(),
            );

            ui.horizontal(|ui| {
                let mut wanted = answer.next_step.is_some();
                let toggle = ui.add_enabled(
                    cx.editable,
                    egui::Checkbox::new(&mut wanted, "Next step I want to try"),
                );
                name_for_screen_readers(
                    &toggle,
                    Role::CheckBox,
                    Some(wanted),
                    &format!("Next step I want to try: {}", practice.name),
                );
                if toggle.changed() {
                    cx.edit(Edit::SetNextStepWanted {
                        item: practice.id.clone(),
                        wanted,
                    });
                }
            });
            if let Some(step) = &answer.next_step {
                ui.indent(("step", &practice.id), |ui| {
                    if let Some(action) = labelled_line(
                        ui,
                        "Small step:",
                        &format!("Small step for {}", practice.name),
                        &step.action,
                        "One small thing to try, e.g. on Friday",
                        cx.editable,
                    ) {
                        cx.edit(Edit::SetNextStepAction {
                            item: practice.id.clone(),
                            action,
                        });
                    }
                    revisit_field(
                        ui,
                        cx,
                        &practice.id,
                        &practice.name,
                        step.revisit_on.as_deref(),
                    );
                    let mut done = step.done;
                    let toggle =
                        ui.add_enabled(cx.editable, egui::Checkbox::new(&mut done, "Done"));
                    name_for_screen_readers(
                        &toggle,
                        Role::CheckBox,
                        Some(done),
                        &format!("Next step done: {}", practice.name),
                    );
                    if toggle.changed() {
                        cx.edit(Edit::SetNextStepDone {
                            item: practice.id.clone(),
                            done,
                        });
                    }
                });
            }
            if let Some(note) = labelled_line(
                ui,
                "In my room:",
                &format!("What {} looks like in my room", practice.name),
                &answer.note,
                "What this looks like in my room (optional)",
                cx.editable,
            ) {
                cx.edit(Edit::SetNote {
                    item: practice.id.clone(),
                    note,
                });
            }
            private_toggle(ui, cx, &practice.id, &answer, &practice.name);
        });
        if take_focus {
            self.focus_item = None;
        }
        self.maybe_scroll(&response.response, &practice.id);
    }
}

/// One click picks a level; every level shows its label, with its description as a tooltip,
/// and the chosen level's description is shown inline.
fn level_picker(
    ui: &mut Ui,
    cx: &mut Context<'_>,
    item_id: &str,
    item_name: &str,
    scale: &Scale,
    current: Option<&str>,
) {
    if !scale.title.is_empty() {
        ui.weak(&scale.title);
    }
    ui.horizontal_wrapped(|ui| {
        for level in &scale.levels {
            let selected = current == Some(level.id.as_str());
            let button = egui::Button::new(&level.label)
                .selected(selected)
                .frame(true)
                .min_size(egui::vec2(0.0, 30.0));
            let response = ui
                .add_enabled(cx.editable, button)
                .on_hover_text(&level.description);
            // One choice of several: a screen reader says "radio button, 2 of 4".
            name_for_screen_readers(
                &response,
                Role::RadioButton,
                Some(selected),
                &format!("{item_name}: {}", level.label),
            );
            // Clicking the chosen level again keeps it: a double-click must
            // not leave the practice unrated without notice. Clearing is the
            // separate button below.
            if response.clicked() && !selected {
                cx.edit(Edit::SetLevel {
                    item: item_id.to_owned(),
                    level: Some(level.id.clone()),
                });
            }
        }
        if current.is_some() {
            let clear = ui
                .add_enabled(cx.editable, egui::Button::new("Clear").small())
                .on_hover_text("Leave this practice without a level");
            name_for_screen_readers(
                &clear,
                Role::Button,
                None,
                &format!("Clear the level of {item_name}"),
            );
            if clear.clicked() {
                cx.edit(Edit::SetLevel {
                    item: item_id.to_owned(),
                    level: None,
                });
            }
        }
    });
    if let Some(level) = current.and_then(|id| scale.level(id)) {
        ui.weak(&level.description);
    }
}

fn private_toggle(
    ui: &mut Ui,
    cx: &mut Context<'_>,
    item_id: &str,
    answer: &Answer,
    item_name: &str,
) {
    let mut private = answer.private;
    let toggle = ui
        .add_enabled(cx.editable, egui::Checkbox::new(&mut private, "Private"))
        .on_hover_text("A private answer stays on this computer and is left out of exports unless you include it.");
    name_for_screen_readers(
        &toggle,
        Role::CheckBox,
        Some(private),
        &format!("Keep private: {item_name}"),
    );
    if toggle.changed() {
        cx.edit(Edit::SetPrivate {
            item: item_id.to_owned(),
            private,
        });
    }
}

/// The revisit date of a next step, read once the field is left.
fn revisit_field(
    ui: &mut Ui,
    cx: &mut Context<'_>,
    item_id: &str,
    item_name: &str,
    saved: Option<&str>,
) {
    ui.horizontal(|ui| {
        ui.label("Revisit on:");
        if let Some(revisit_on) = crate::app::views::date_field::date_field(
            ui,
            ("revisit", &cx.entry.reflection.id, item_id),
            &format!("Revisit date for {item_name}"),
            saved,
            true,
            cx.editable,
        ) {
            cx.edit(Edit::SetNextStepRevisit {
                item: item_id.to_owned(),
                revisit_on,
            });
        }
    });
}

pub(super) fn orphans_ui(ui: &mut Ui, orphans: &[(&String, &Answer)]) {
    ui.heading("No longer in this guide");
    ui.label(
        "These answers belong to items that a newer version of the guide no longer has. \
         They are kept, word for word, so nothing you wrote is lost.",
    );
    ui.add_space(theme::GAP);
    for (id, answer) in orphans {
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(id.as_str()).monospace());
            for text in [&answer.text, &answer.note] {
                if !text.is_empty() {
                    ui.label(text.as_str());
                }
            }
            if let Some(level) = &answer.level {
                ui.weak(format!("Level: {level}"));
            }
        });
        ui.add_space(theme::SMALL_GAP);
    }
}
