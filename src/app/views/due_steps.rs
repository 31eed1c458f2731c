//! Next steps whose revisit date has come, greeting the teacher at the top
//! of the home screen, each with three answers: done, still trying (with a
//! new date), or not for me now. Each answer is an ordinary edit of the
//! reflection, saved like any other.

use egui::{RichText, Ui};

use super::Action;
use super::date_field::date_field;
use super::widgets::{named_button, subheading};
use crate::app::memo::Memo;
use crate::app::notebook::Notebook;
use crate::app::theme;
use crate::coach::{DueRevisit, RevisitSource};
use crate::reflection::Edit;

/// A step due, as the greeting shows it.
#[derive(Debug, Clone)]
struct DueStep {
    reflection_id: String,
    item_id: String,
    /// "Station rotation: Two stations on Friday".
    what: String,
    revisit_on: String,
}

/// The greeting's state: the steps due, kept until the notebook or the day
/// changes, and the step whose new date is being chosen.
#[derive(Default)]
pub struct DueGreeting {
    /// For (notebook revision, today).
    steps: Memo<(u64, String), Vec<DueStep>>,
    choosing_date_for: Option<(String, String)>,
}

impl DueGreeting {
    pub fn ui(&mut self, ui: &mut Ui, notebook: &Notebook) -> Vec<Action> {
        let key = (notebook.revision(), crate::clock::today());
        if self.steps.get(&key).is_none() {
            self.steps.set(key.clone(), due_steps(notebook, &key.1));
        }
        let Some(steps) = self.steps.get(&key).filter(|s| !s.is_empty()).cloned() else {
            return Vec::new();
        };
        let mut actions = Vec::new();
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            subheading(ui, "Time to look again");
            ui.label(match steps.len() {
                1 => "A next step you chose has come round. How is it going?".to_owned(),
                n => format!("{n} next steps you chose have come round. How are they going?"),
            });
            for step in &steps {
                ui.add_space(theme::SMALL_GAP);
                ui.label(RichText::new(&step.what).strong());
                ui.weak(format!("Revisit on {}", step.revisit_on));
                let edit = |edit: Edit| Action::Edit {
                    reflection_id: step.reflection_id.clone(),
                    edit,
                };
                let this = (step.reflection_id.clone(), step.item_id.clone());
                ui.horizontal_wrapped(|ui| {
                    if named_button(ui, "Done", &format!("Done: {}", step.what)).clicked() {
                        actions.push(edit(Edit::SetNextStepDone {
                            item: step.item_id.clone(),
                            done: true,
                        }));
                    }
                    if named_button(ui, "Still trying", &format!("Still trying: {}", step.what))
                        .clicked()
                    {
                        self.choosing_date_for = Some(this.clone());
                    }
                    let later = named_button(
                        ui,
                        "Not for me now",
                        &format!("Not for me now: {}", step.what),
                    )
                    .on_hover_text("The step stays in the reflection, without a date");
                    if later.clicked() {
                        actions.push(edit(Edit::SetNextStepRevisit {
                            item: step.item_id.clone(),
                            revisit_on: None,
                        }));
                    }
                });
                if self.choosing_date_for.as_ref() == Some(&this) {
                    ui.horizontal(|ui| {
                        ui.label("Look again on:");
                        let name = format!("New revisit date for {}", step.what);
                        if let Some(Some(date)) =
                            date_field(ui, ("due-again", &this), &name, None, false, true)
                        {
                            self.choosing_date_for = None;
                            actions.push(edit(Edit::SetNextStepRevisit {
                                item: step.item_id.clone(),
                                revisit_on: Some(date),
                            }));
                        }
                    });
                }
            }
        });
        ui.add_space(theme::GAP);
        actions
    }
}

/// The teacher's next steps due on or before `today`, oldest first.
fn due_steps(notebook: &Notebook, today: &str) -> Vec<DueStep> {
    crate::coach::due_revisits(
        &notebook.teachers,
        notebook.entries.iter().map(|e| &e.reflection),
        [],
        today,
    )
    .into_iter()
    .filter_map(|revisit| due_step(notebook, revisit))
    .collect()
}

fn due_step(notebook: &Notebook, revisit: DueRevisit) -> Option<DueStep> {
    let RevisitSource::Reflection {
        reflection_id,
        item_id,
    } = revisit.source
    else {
        return None;
    };
    let practice = notebook
        .entry(&reflection_id)
        .and_then(|e| notebook.guide(&e.reflection.guide_id))
        .and_then(|g| g.item(&item_id).map(|item| item.label().to_owned()))
        .unwrap_or_else(|| item_id.clone());
    let what = if revisit.what.is_empty() {
        practice
    } else {
        format!("{practice}: {}", revisit.what)
    };
    Some(DueStep {
        reflection_id,
        item_id,
        what,
        revisit_on: revisit.revisit_on,
    })
}

/// How many of the teacher's steps fall due on `day` exactly: told once
/// when the day comes while the window is open.
pub fn newly_due(notebook: &Notebook, day: &str) -> Vec<String> {
    due_steps(notebook, day)
        .into_iter()
        .filter(|step| step.revisit_on == day)
        .map(|step| step.what)
        .collect()
}
