//! Sync conflicts: a second copy of a reflection left by a synced folder
//! (Dropbox, `OneDrive`, Nextcloud, Syncthing…). Each answer that differs is
//! shown side by side, and the teacher chooses which to keep, answer by
//! answer. Nothing is lost either way: the copy goes to the trash folder.

use egui::{RichText, Ui};

use super::widgets::{name_for_screen_readers, reading_column, subheading};
use super::{Action, Room, RoomContext};
use crate::app::notebook::{ConflictRead, Notebook};
use crate::app::theme;
use crate::guide::Guide;
use crate::reflection::{Answer, Reflection};
use crate::store::{AnswerDifference, ConflictCopy};

/// One conflict copy, read, with the teacher's choice per differing answer.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub copy: ConflictCopy,
    pub title: String,
    pub differences: Vec<AnswerDifference>,
    /// Per difference: keep the copy's answer instead of the notebook's.
    pub take_copy: Vec<bool>,
}

impl Conflict {
    pub fn new(copy: ConflictCopy, ours: &Reflection, theirs: &Reflection) -> Self {
        let differences = crate::store::answer_differences(ours, theirs);
        Conflict {
            copy,
            title: ours.display_title(),
            take_copy: vec![false; differences.len()],
            differences,
        }
    }
}

/// The conflicts found, and those that could not be read.
#[derive(Debug, Clone, Default)]
pub struct ConflictsScreen {
    pub conflicts: Vec<Conflict>,
    pub unreadable: Vec<String>,
    /// How many copies wait, as last counted (the status bar shows it).
    pub count: usize,
}

impl Room for ConflictsScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        let notebook = cx.notebook;
        let guide_of = |id: &str| {
            notebook
                .entry(id)
                .and_then(|e| notebook.guide(&e.reflection.guide_id))
                .cloned()
        };
        self.draw(ui, &guide_of)
    }
}

impl ConflictsScreen {
    /// Reads the copies again, with the answers that differ.
    pub fn read(&mut self, notebook: &Notebook) {
        self.conflicts.clear();
        self.unreadable.clear();
        for read in notebook.read_conflict_copies() {
            match read {
                ConflictRead::Reflection { copy, ours, theirs } => {
                    self.conflicts.push(Conflict::new(copy, &ours, &theirs));
                }
                ConflictRead::Unreadable(why) => self.unreadable.push(why),
            }
        }
        self.count = self.conflicts.len() + self.unreadable.len();
    }

    /// Keeps the answers the teacher chose for the conflict at `index`, puts
    /// the copy in the trash, and says what happened.
    pub fn resolve(&mut self, index: usize, notebook: &mut Notebook) -> anyhow::Result<String> {
        let Some(conflict) = self.conflicts.get(index).cloned() else {
            return Ok(String::new());
        };
        let chosen: Vec<(String, Option<Answer>)> = conflict
            .differences
            .iter()
            .zip(&conflict.take_copy)
            .filter(|(_, take)| **take)
            .map(|(d, _)| (d.item.clone(), d.theirs.clone()))
            .collect();
        let kept = chosen.len();
        let aside = notebook.settle_conflict(&conflict.copy, chosen)?;
        self.read(notebook);
        Ok(format!(
            "Kept {} from the copy in \"{}\"; the copy is now {}.",
            crate::words::plural(kept, "answer", "answers"),
            conflict.title,
            aside.display()
        ))
    }

    fn draw(
        &mut self,
        ui: &mut Ui,
        guide_of: &dyn Fn(&str) -> Option<std::sync::Arc<Guide>>,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::ScrollArea::vertical().id_salt("conflicts").show(ui, |ui| {
            reading_column(ui, |ui| {
                ui.add_space(theme::GAP);
                ui.heading("Copies from a synced folder");
                ui.label(
                    "A synced folder (Dropbox, OneDrive, Nextcloud, Syncthing…) left a second copy of these reflections, \
                     changed on another computer. Choose, answer by answer, which to keep. The copy then goes to the \
                     trash folder of your notebook, so nothing is lost either way.",
                );
                for problem in &self.unreadable {
                    ui.colored_label(theme::warning(ui.visuals()), problem);
                }
                if self.conflicts.is_empty() {
                    ui.add_space(theme::GAP);
                    ui.label("No copies are waiting.");
                }
                for (index, conflict) in self.conflicts.iter_mut().enumerate() {
                    ui.add_space(theme::GAP);
                    theme::card(ui).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        let file = conflict.copy.path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                        subheading(ui, &format!("\"{}\" and {file}", conflict.title));
                        let guide = guide_of(&conflict.copy.of);
                        if conflict.differences.is_empty() {
                            ui.label("The copy holds the same answers as your notebook.");
                        }
                        for (difference, take_copy) in conflict.differences.iter().zip(conflict.take_copy.iter_mut()) {
                            ui.add_space(theme::SMALL_GAP);
                            let item = guide
                                .as_ref()
                                .and_then(|g| g.item(&difference.item).map(|i| i.label().to_owned()))
                                .unwrap_or_else(|| difference.item.clone());
                            ui.label(RichText::new(&item).strong());
                            ui.columns(2, |columns| {
                                for (column, (side, answer, is_copy)) in [
                                    ("In your notebook", &difference.ours, false),
                                    ("In the copy", &difference.theirs, true),
                                ]
                                .into_iter()
                                .enumerate()
                                {
                                    let ui = &mut columns[column];
                                    let chosen = *take_copy == is_copy;
                                    let response = ui.radio(chosen, side);
                                    name_for_screen_readers(
                                        &response,
                                        egui::Role::RadioButton,
                                        Some(chosen),
                                        &format!("Keep {} for {item}", side.to_lowercase()),
                                    );
                                    if response.clicked() {
                                        *take_copy = is_copy;
                                    }
                                    ui.label(describe(answer.as_ref()));
                                }
                            });
                        }
                        ui.add_space(theme::SMALL_GAP);
                        let keep = ui.button(RichText::new("Keep these answers").strong());
                        name_for_screen_readers(
                            &keep,
                            egui::Role::Button,
                            None,
                            &format!("Keep these answers for {}", conflict.title),
                        );
                        if keep.clicked() {
                            actions.push(Action::ResolveConflict(index));
                        }
                    });
                }
            });
        });
        actions
    }
}

/// An answer in words: its level, its text, its note and next step.
fn describe(answer: Option<&Answer>) -> String {
    let Some(answer) = answer else {
        return "(no answer)".to_owned();
    };
    let mut parts = Vec::new();
    if let Some(level) = &answer.level {
        parts.push(format!("Level: {level}"));
    }
    if answer.affirmed {
        parts.push("Affirmed".to_owned());
    }
    if !answer.text.is_empty() {
        parts.push(answer.text.clone());
    }
    if !answer.note.is_empty() {
        parts.push(format!("In my room: {}", answer.note));
    }
    if let Some(step) = &answer.next_step {
        parts.push(format!("Next step: {}", step.action));
    }
    if answer.private {
        parts.push("(private)".to_owned());
    }
    if parts.is_empty() {
        "(empty)".to_owned()
    } else {
        parts.join("\n")
    }
}
