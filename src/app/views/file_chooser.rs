//! PL Reflect's own way to choose a file or a folder, for desktops where no
//! system file dialog can be shown (no portal or zenity): a path that can be
//! typed, the places people keep files, and the folder's contents as a list.
//! The folder is read by the app, not here; this only draws and asks.

use std::path::PathBuf;

use egui::{RichText, Role, Ui};

use super::Action;
use super::widgets::{fitted_modal, focus_first, name_for_screen_readers};

/// What the chosen path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChooserPurpose {
    /// A reflection a teacher exported, to import.
    Import,
    /// A folder for a copy of words that could not be saved.
    SaveUnsavedCopy,
    /// A folder to move the notebook into.
    MoveNotebook,
}

/// One folder's contents, as the chooser lists them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    pub folders: Vec<String>,
    /// Only the files the purpose can use (exported reflections for an import).
    pub files: Vec<String>,
    /// Why the folder could not be read, if it could not.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FileChooser {
    pub purpose: ChooserPurpose,
    pub folder: PathBuf,
    pub typed: String,
    pub listing: Listing,
    /// Why PL Reflect shows its own chooser, said once at the top.
    pub why: Option<String>,
    /// The places people keep files (Home, Documents…), for quick buttons;
    /// found by the app when the chooser opens.
    pub places: Vec<(String, PathBuf)>,
}

impl FileChooser {
    pub fn new(purpose: ChooserPurpose, folder: PathBuf, why: Option<String>) -> Self {
        FileChooser {
            purpose,
            typed: folder.display().to_string(),
            folder,
            listing: Listing::default(),
            why,
            places: Vec::new(),
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        let purpose = self.purpose;
        let body = |ui: &mut Ui| {
            ui.heading(match purpose {
                ChooserPurpose::Import => "Choose a reflection to import",
                ChooserPurpose::SaveUnsavedCopy => "Choose a folder for a copy of your words",
                ChooserPurpose::MoveNotebook => "Choose where your notebook should live",
            });
            if let Some(why) = &self.why {
                ui.weak(why);
            }
            ui.add_space(6.0);
            let label = ui.label("File or folder");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.typed)
                        .desired_width(f32::INFINITY)
                        .hint_text("Type a path, then press Enter"),
                )
                .labelled_by(label.id);
            focus_first(ui, &field);
            if super::widgets::submitted(ui, &field) {
                actions.push(Action::ChooserGo(PathBuf::from(self.typed.trim())));
            }
            ui.horizontal_wrapped(|ui| {
                if let Some(parent) = self.folder.parent() {
                    let up = ui.button("⬆ Up");
                    name_for_screen_readers(&up, Role::Button, None, "Up to the folder above");
                    if up.clicked() {
                        actions.push(Action::ChooserGo(parent.to_path_buf()));
                    }
                }
                for (name, path) in &self.places {
                    if ui
                        .button(name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        actions.push(Action::ChooserGo(path.clone()));
                    }
                }
            });
            ui.add_space(6.0);
            ui.label(RichText::new(format!("In {}", self.folder.display())).strong());
            if let Some(problem) = &self.listing.problem {
                ui.colored_label(crate::app::theme::warning(ui.visuals()), problem);
            }
            for folder in &self.listing.folders {
                let response = ui.button(format!("📁 {folder}"));
                name_for_screen_readers(
                    &response,
                    Role::Button,
                    None,
                    &format!("Open folder {folder}"),
                );
                if response.clicked() {
                    actions.push(Action::ChooserGo(self.folder.join(folder)));
                }
            }
            if purpose == ChooserPurpose::Import {
                if self.listing.files.is_empty() && self.listing.problem.is_none() {
                    ui.weak("No exported reflections (.plreflect or .json files) in this folder.");
                }
                for file in &self.listing.files {
                    let response = ui.button(format!("📄 {file}"));
                    name_for_screen_readers(
                        &response,
                        Role::Button,
                        None,
                        &format!("Import {file}"),
                    );
                    if response.clicked() {
                        actions.push(Action::ChooserChoose(self.folder.join(file)));
                    }
                }
            }
        };
        let mut chosen = Vec::new();
        let folder = self.folder.clone();
        let footer = |ui: &mut Ui| {
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                // Choosing a folder: the folder shown is the choice.
                let take_folder = match purpose {
                    ChooserPurpose::Import => None,
                    ChooserPurpose::SaveUnsavedCopy => Some("Save the copy here"),
                    ChooserPurpose::MoveNotebook => Some("Move my notebook here"),
                };
                if let Some(label) = take_folder
                    && ui.button(RichText::new(label).strong()).clicked()
                {
                    chosen.push(Action::ChooserChoose(folder.clone()));
                }
                if ui.button("Cancel").clicked() {
                    chosen.push(Action::ChooserCancel);
                }
            });
        };
        let modal = fitted_modal(ctx, "file-chooser", 560.0, body, footer);
        actions.extend(chosen);
        if modal.should_close() && actions.is_empty() {
            actions.push(Action::ChooserCancel);
        }
        actions
    }
}

/// Whether a file can be an exported reflection, by its name.
pub fn is_importable_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".json") || lower.ends_with(".plreflect")
}
