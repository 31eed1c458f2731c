//! Settings > Privacy: turning encryption on (a passphrase typed twice, its
//! strength, what it means, agreed before anything happens), the recovery
//! key shown once, locking now.

use egui::Ui;
use zeroize::Zeroize;

use super::Action;
use super::widgets::subheading;
use crate::app::theme;
use crate::store::vault::strength;

/// The Privacy part of Settings.
#[derive(Default)]
pub struct PrivacyForm {
    first: String,
    second: String,
    agreed: bool,
    /// The recovery key just made, shown until the teacher says it is kept.
    pub recovery_key: Option<String>,
    /// Why turning encryption on did not work, if it did not.
    pub failed: Option<String>,
}

impl Drop for PrivacyForm {
    fn drop(&mut self) {
        self.clear();
        if let Some(key) = &mut self.recovery_key {
            key.zeroize();
        }
    }
}

impl PrivacyForm {
    /// The new passphrase, taken out of the form (both fields are wiped).
    pub fn take_passphrase(&mut self) -> age::secrecy::SecretString {
        let passphrase = age::secrecy::SecretString::from(self.first.clone());
        self.clear();
        passphrase
    }

    fn clear(&mut self) {
        self.first.zeroize();
        self.second.zeroize();
        self.agreed = false;
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        encrypted: bool,
        read_only: bool,
        lock_after: Option<u32>,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        subheading(ui, "Privacy");
        if let Some(key) = &self.recovery_key {
            ui.label("Your notebook is encrypted. This is its recovery key: write it down or print it (Print recovery key…), and keep it apart from this computer. It is shown only now.");
            ui.add(
                egui::Label::new(egui::RichText::new(key.as_str()).monospace().size(22.0))
                    .selectable(true),
            );
            ui.label("If you forget your passphrase, the recovery key opens the notebook.");
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Print recovery key…")
                    .on_hover_text("A page with the key opens in your PDF viewer; its file is removed when PL Reflect closes")
                    .clicked()
                {
                    actions.push(Action::PrintRecoveryKey);
                }
                if ui.button("I have kept the recovery key").clicked() {
                    actions.push(Action::RecoveryKeyKept);
                }
            });
            ui.add_space(theme::GAP);
            return actions;
        }
        if encrypted {
            ui.label("This notebook is encrypted: its files can be read only with your passphrase or recovery key.");
            if ui
                .button("Lock now")
                .on_hover_text(
                    "Save everything, forget the key, and show only the unlock screen (Ctrl+L)",
                )
                .clicked()
            {
                actions.push(Action::Command(crate::app::commands::UiCommand::Lock));
            }
            actions.extend(lock_after_choice(ui, lock_after));
            ui.weak("To change the passphrase or turn encryption off, use pl-reflect change-passphrase or pl-reflect decrypt.");
            ui.add_space(theme::GAP);
            return actions;
        }
        ui.label("Encrypt this notebook so that its files cannot be read without a passphrase: for a shared or lost laptop.");
        let first = ui.add(
            egui::TextEdit::singleline(&mut self.first)
                .password(true)
                .hint_text("New passphrase"),
        );
        super::widgets::name_for_screen_readers(
            &first,
            egui::Role::PasswordInput,
            None,
            "New passphrase",
        );
        let strength = strength(&self.first);
        if !self.first.is_empty() {
            ui.weak(strength.hint());
        }
        let second = ui.add(
            egui::TextEdit::singleline(&mut self.second)
                .password(true)
                .hint_text("The same passphrase again"),
        );
        super::widgets::name_for_screen_readers(
            &second,
            egui::Role::PasswordInput,
            None,
            "The same passphrase again",
        );
        let same = self.first == self.second;
        if !self.second.is_empty() && !same {
            ui.colored_label(ui.visuals().error_fg_color, "The two passphrases differ.");
        }
        ui.checkbox(
            &mut self.agreed,
            "I understand: without this passphrase or the recovery key, nothing in this notebook can be read again, by me or anyone.",
        );
        ui.weak("Copies made before now (backups, synced folders, an SSD's spare blocks) may still hold the notebook unencrypted. Exports stay plain files.");
        let ready = strength.is_acceptable() && same && self.agreed && !read_only;
        if ui
            .add_enabled(ready, egui::Button::new("Encrypt my notebook"))
            .clicked()
        {
            actions.push(Action::EncryptNotebook);
        }
        if let Some(why) = &self.failed {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        ui.add_space(theme::GAP);
        actions
    }
}

/// "Lock after: never / 5 / 15 / 30 minutes without use".
fn lock_after_choice(ui: &mut Ui, chosen: Option<u32>) -> Option<Action> {
    let mut picked = None;
    ui.horizontal(|ui| {
        ui.label("Lock after:");
        for choice in crate::app::idle::CHOICES {
            let (text, name) = match choice {
                None => ("never".to_owned(), "Never lock by itself".to_owned()),
                Some(minutes) => (
                    format!("{minutes} minutes"),
                    format!("Lock after {minutes} minutes without use"),
                ),
            };
            let radio = ui.radio(chosen == choice, text).on_hover_text(&name);
            super::widgets::name_for_screen_readers(
                &radio,
                egui::Role::RadioButton,
                Some(chosen == choice),
                &name,
            );
            if radio.clicked() && chosen != choice {
                picked = Some(Action::SetLockAfter(choice));
            }
        }
        ui.label("without use");
    });
    ui.weak("When the time passes with no key pressed and no pointer moved, the window locks as Ctrl+L does: everything is saved first.");
    picked
}
