//! "Export readiness summary…": choose what to include, see exactly what will
//! be shared, then save.

use egui::{Id, Modal, RichText, Ui};

use super::Action;
use crate::export::Format;

/// What the teacher has chosen so far.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportChoices {
    pub reflection_id: String,
    pub format: Format,
    pub include_private: bool,
    pub include_coach_notes: bool,
    pub include_name: bool,
}

impl ExportChoices {
    pub fn new(reflection_id: String) -> Self {
        ExportChoices {
            reflection_id,
            format: Format::Pdf,
            include_private: false,
            include_coach_notes: false,
            include_name: true,
        }
    }
}

pub fn format_label(format: Format) -> &'static str {
    match format {
        Format::Pdf => "PDF (to print or share)",
        Format::Html => "Web page (HTML)",
        Format::Markdown => "Markdown (for email or notes)",
        Format::Csv => "Spreadsheet (CSV)",
        Format::Json => "JSON (for your coach to import)",
    }
}

/// Draws the dialog. `preview` is the summary as it will be shared, in Markdown;
/// `private_left_out` says how many private answers the current choice leaves out.
pub fn ui(
    ctx: &egui::Context,
    choices: &mut ExportChoices,
    preview: &str,
    private_left_out: usize,
    busy: bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let modal = Modal::new(Id::unique("export-dialog")).show(ctx, |ui: &mut Ui| {
        ui.set_width(620.0);
        ui.heading("Export readiness summary");
        ui.label("You decide what leaves this computer. The preview below is exactly what will be saved.");
        ui.add_space(8.0);
        ui.checkbox(&mut choices.include_private, "Include private answers");
        if !choices.include_private && private_left_out > 0 {
            ui.weak(format!("{private_left_out} private answer(s) will be left out."));
        }
        ui.checkbox(&mut choices.include_coach_notes, "Include coach notes");
        ui.checkbox(&mut choices.include_name, "Include my name (off: anonymous)");
        ui.add_space(8.0);
        ui.label(RichText::new("Format").strong());
        for format in Format::ALL {
            ui.radio_value(&mut choices.format, format, format_label(format));
        }
        ui.add_space(8.0);
        let label = ui.label(RichText::new("Preview").strong());
        egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
            // Read-only, but selectable so it can be copied.
            let mut text = preview;
            ui.add(egui::TextEdit::multiline(&mut text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let save = ui.add_enabled(!busy, egui::Button::new(RichText::new("Save…").strong()));
            if save.clicked() {
                actions.push(Action::SaveExport);
            }
            if busy {
                ui.spinner();
                ui.label("Saving…");
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CloseDialog);
            }
        });
    });
    if modal.should_close() && actions.is_empty() && !busy {
        actions.push(Action::CloseDialog);
    }
    actions
}
