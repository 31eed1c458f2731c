//! Dialogs about words not in the notebook: unsaved on quit, kept after a failed save.

use egui::{RichText, Ui};

use crate::app::views::Action;
use crate::app::views::widgets::focus_first;

pub(super) fn quit_unsaved(ui: &mut Ui, what: &str, reason: &str, actions: &mut Vec<Action>) {
    ui.heading("Your latest words are not saved yet");
    ui.label(format!(
        "PL Reflect could not save {what} into your notebook: {reason}."
    ));
    ui.label("The window stays open, so nothing is lost. Free some space or fix the folder and try again, or keep a copy somewhere else (a USB stick, another folder); a reflection's copy can be imported back later.");
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        let retry = ui.button(RichText::new("Try again").strong());
        focus_first(ui, &retry);
        if retry.clicked() {
            actions.push(Action::RetrySaveAndQuit);
        }
        if ui
            .button("Save a copy elsewhere…")
            .on_hover_text("Keep the unsaved words as files in a folder you choose, then quit")
            .clicked()
        {
            actions.push(Action::SaveUnsavedCopy);
        }
        if ui.button("Keep working").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
    ui.add_space(8.0);
    ui.separator();
    ui.colored_label(
        crate::app::theme::warning(ui.visuals()),
        "Quitting anyway loses the words typed since the last save, unless the copy kept outside the notebook (named in the message above) was written.",
    );
    if ui.button("Quit without saving").clicked() {
        actions.push(Action::QuitAnyway);
    }
}

pub(super) fn bring_back(
    ui: &mut Ui,
    what: &[String],
    folder: &std::path::Path,
    actions: &mut Vec<Action>,
) {
    ui.heading("Words from last time were kept");
    ui.label("Last time, these could not be saved into your notebook, so PL Reflect kept a copy elsewhere:");
    for item in what {
        ui.label(format!("•  {item}"));
    }
    ui.weak(format!("The copies are in {}", folder.display()));
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        let back = ui.button(RichText::new("Bring them back").strong());
        focus_first(ui, &back);
        if back.clicked() {
            actions.push(Action::BringBackRecovered);
        }
        if ui
            .button("Not now")
            .on_hover_text("Leave the copies where they are; PL Reflect asks again next time")
            .clicked()
        {
            actions.push(Action::KeepRecoveredForLater);
        }
    });
}
