//! The card of a plan section ("My next step"): one practice, chosen from
//! those marked as next steps or from any in the guide, a date, and how the
//! teacher will know it worked.

use egui::{RichText, Role, Ui};

use super::{Context, ReflectScreen};
use crate::app::theme;
use crate::app::views::widgets::{labelled_line, name_for_screen_readers};
use crate::guide::{Item, PlanSection};
use crate::reflection::Edit;

impl ReflectScreen {
    pub(super) fn plan_ui(&mut self, ui: &mut Ui, cx: &mut Context<'_>, section: &PlanSection) {
        let plan = &section.plan;
        let answer = cx.answer(&plan.id);
        let chosen = answer.plan.clone().unwrap_or_default();
        let practices: Vec<(&str, &str, bool)> = cx
            .guide
            .items()
            .filter_map(|item| match item {
                Item::Practice { practice, .. } => Some((
                    practice.id.as_str(),
                    practice.name.as_str(),
                    cx.entry
                        .reflection
                        .answer(&practice.id)
                        .is_some_and(|a| a.next_step.is_some()),
                )),
                _ => None,
            })
            .collect();
        let response = theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&plan.prompt).strong());
            if let Some(hint) = &plan.hint {
                ui.weak(hint);
            }
            ui.add_space(theme::SMALL_GAP);
            let current = chosen
                .practice
                .as_deref()
                .map_or("Choose a practice…", |id| {
                    practices
                        .iter()
                        .find(|(pid, ..)| *pid == id)
                        .map_or(id, |(_, name, _)| name)
                });
            let mut picked: Option<Option<String>> = None;
            ui.horizontal(|ui| {
                ui.label("Practice:");
                let combo = ui.add_enabled_ui(cx.editable, |ui| {
                    egui::ComboBox::from_id_salt(("plan-practice", &plan.id))
                        .selected_text(current)
                        .width(ui.available_width().min(360.0))
                        .show_ui(ui, |ui| {
                            let marked: Vec<_> = practices.iter().filter(|p| p.2).collect();
                            if !marked.is_empty() {
                                ui.weak("Marked as next steps");
                                for (id, name, _) in &marked {
                                    if ui
                                        .selectable_label(
                                            chosen.practice.as_deref() == Some(*id),
                                            *name,
                                        )
                                        .clicked()
                                    {
                                        picked = Some(Some((*id).to_owned()));
                                    }
                                }
                                ui.separator();
                                ui.weak("Every practice");
                            }
                            for (id, name, _) in &practices {
                                if ui
                                    .selectable_label(
                                        chosen.practice.as_deref() == Some(*id),
                                        *name,
                                    )
                                    .clicked()
                                {
                                    picked = Some(Some((*id).to_owned()));
                                }
                            }
                        })
                        .response
                });
                name_for_screen_readers(
                    &combo.inner,
                    Role::ComboBox,
                    None,
                    &format!("Practice for: {}", plan.prompt),
                );
                if chosen.practice.is_some() {
                    let clear = ui.add_enabled(cx.editable, egui::Button::new("Clear").small());
                    name_for_screen_readers(
                        &clear,
                        Role::Button,
                        None,
                        &format!("Clear the practice of {}", plan.prompt),
                    );
                    if clear.clicked() {
                        picked = Some(None);
                    }
                }
            });
            if let Some(practice) = picked {
                cx.edit(Edit::SetPlanPractice {
                    item: plan.id.clone(),
                    practice,
                });
            }
            if let Some(Item::Practice { practice, .. }) =
                chosen.practice.as_deref().and_then(|id| cx.guide.item(id))
                && let Some(step) = &practice.first_step
            {
                ui.weak(format!("A first step from the guide: {step}"));
            }
            ui.horizontal(|ui| {
                ui.label("When:");
                if let Some(date) = crate::app::views::date_field::date_field(
                    ui,
                    ("plan-date", &cx.entry.reflection.id, &plan.id),
                    &format!("Date for: {}", plan.prompt),
                    chosen.date.as_deref(),
                    true,
                    cx.editable,
                ) {
                    cx.edit(Edit::SetPlanDate {
                        item: plan.id.clone(),
                        date,
                    });
                }
            });
            if let Some(text) = labelled_line(
                ui,
                "How I will know it worked:",
                &format!("How I will know it worked: {}", plan.prompt),
                &chosen.how_i_will_know,
                "What I will see or hear, e.g. most exit tickets right",
                cx.editable,
            ) {
                cx.edit(Edit::SetPlanHowIWillKnow {
                    item: plan.id.clone(),
                    text,
                });
            }
        });
        self.maybe_scroll(&response.response, &plan.id);
    }
}
