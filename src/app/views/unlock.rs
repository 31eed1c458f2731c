//! The unlock screen: an encrypted notebook opens here, and a locked window
//! shows only this. Nothing of the notebook is drawn: it is not in memory.

use egui::Ui;
use zeroize::Zeroize;

use super::widgets::reading_column;
use super::{Action, Room, RoomContext};
use crate::app::theme;

/// What the teacher types to unlock, and why the last try failed.
#[derive(Default)]
pub struct UnlockScreen {
    typed: String,
    /// Why the last try did not unlock (a wrong passphrase, say).
    pub failed: Option<String>,
}

impl UnlockScreen {
    /// The last try did not unlock: say why (the field takes the keyboard
    /// again, as Enter left it).
    pub fn refused(&mut self, why: String) {
        let mut chars = why.chars();
        let why = chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or(why);
        self.failed = Some(why);
    }

    /// What was typed, taken out of the screen (the field is wiped).
    pub fn take_typed(&mut self) -> age::secrecy::SecretString {
        let typed = age::secrecy::SecretString::from(self.typed.clone());
        self.typed.zeroize();
        typed
    }
}

impl Drop for UnlockScreen {
    fn drop(&mut self) {
        self.typed.zeroize();
    }
}

impl Room for UnlockScreen {
    fn ui(&mut self, ui: &mut Ui, _cx: &RoomContext<'_>) -> Vec<Action> {
        let mut actions = Vec::new();
        reading_column(ui, |ui| {
            ui.add_space(theme::GAP * 3.0);
            ui.heading("🔒 This notebook is locked");
            ui.add_space(theme::GAP);
            ui.label("Type its passphrase, or its recovery key, to open it.");
            ui.add_space(theme::GAP);
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.typed)
                    .password(true)
                    .hint_text("Passphrase or recovery key")
                    .desired_width(f32::INFINITY),
            );
            super::widgets::name_for_screen_readers(
                &field,
                egui::Role::PasswordInput,
                None,
                "Passphrase or recovery key",
            );
            // Read before the field asks for the keyboard again, which undoes its losing it.
            let entered = super::widgets::submitted(ui, &field);
            // The field takes the keyboard when nothing else has it, as every
            // first field does: asking every frame would redraw without end
            // while the window is not the active one.
            super::widgets::focus_first(ui, &field);
            ui.add_space(theme::GAP);
            let unlock = ui.add_enabled(!self.typed.is_empty(), egui::Button::new("Unlock"));
            if (unlock.clicked() || entered) && !self.typed.is_empty() {
                actions.push(Action::Unlock);
            }
            if let Some(why) = &self.failed {
                ui.add_space(theme::GAP);
                ui.colored_label(ui.visuals().error_fg_color, why);
            }
            ui.add_space(theme::GAP);
            ui.weak(
                "Without the passphrase or the recovery key, nothing in this notebook can be read.",
            );
        });
        actions
    }
}
