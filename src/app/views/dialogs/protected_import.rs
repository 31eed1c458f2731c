//! The passphrase of an export a teacher protected: asked for before
//! anything is imported; a wrong one says so.

use crate::app::importing::ProtectedImport;
use crate::app::views::Action;

/// Draws the dialog asking for a protected export's passphrase.
pub fn protected_import(ctx: &egui::Context, protected: &mut ProtectedImport) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut footer_actions = Vec::new();
    let ready = !protected.typed.is_empty();
    let modal = crate::app::views::widgets::fitted_modal(
        ctx,
        "protected-import",
        480.0,
        |ui| {
            ui.heading("This reflection is protected");
            ui.label(format!(
                "{} is protected with a passphrase. Type the passphrase the teacher gave you.",
                protected.label
            ));
            let name = "Passphrase of the file";
            let field = ui.add(
                egui::TextEdit::singleline(&mut protected.typed)
                    .password(true)
                    .hint_text(name),
            );
            crate::app::views::widgets::name_for_screen_readers(
                &field,
                egui::Role::PasswordInput,
                None,
                name,
            );
            if !field.has_focus() && protected.typed.is_empty() && protected.failed.is_none() {
                field.request_focus();
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if entered && !protected.typed.is_empty() {
                actions.push(Action::OpenProtectedImport);
            }
            if let Some(why) = &protected.failed {
                ui.colored_label(ui.visuals().error_fg_color, format!("{why}."));
            }
        },
        |ui| {
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.add_enabled(ready, egui::Button::new("Import")).clicked() {
                    footer_actions.push(Action::OpenProtectedImport);
                }
                if ui.button("Cancel").clicked() {
                    footer_actions.push(Action::CloseDialog);
                }
            });
        },
    );
    actions.extend(footer_actions);
    if modal.should_close() && actions.is_empty() {
        actions.push(Action::CloseDialog);
    }
    actions
}
