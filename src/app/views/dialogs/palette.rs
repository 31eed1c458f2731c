//! The command palette: every command by name.

use egui::Ui;

use crate::app::views::Action;

pub(super) fn command_palette(
    ui: &mut Ui,
    query: &mut String,
    chosen: &mut usize,
    actions: &mut Vec<Action>,
) {
    use crate::app::commands::UiCommand;
    ui.heading("All commands");
    let label = ui.label("Command");
    let field = ui
        .add(egui::TextEdit::singleline(query).hint_text("Type part of a name, e.g. export"))
        .labelled_by(label.id);
    field.request_focus();
    if field.changed() {
        *chosen = 0;
    }
    let matching = UiCommand::matching(query);
    let keys = arrow_choice(ui, chosen, matching.len());
    let enter = keys.enter;
    ui.add_space(4.0);
    if matching.is_empty() {
        ui.weak("No command has those words.");
    }
    for (index, command) in matching.iter().enumerate() {
        let shortcut = command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let text = if shortcut.is_empty() {
            command.label().to_owned()
        } else {
            format!("{}    {shortcut}", command.label())
        };
        let response = ui
            .selectable_label(index == *chosen, text)
            .on_hover_text(command.tooltip());
        crate::app::views::widgets::name_for_screen_readers(
            &response,
            egui::Role::Button,
            Some(index == *chosen),
            command.label(),
        );
        if response.clicked() || (enter && index == *chosen) {
            actions.push(Action::CloseDialog);
            actions.push(Action::Command(*command));
        }
    }
}

/// The keys of a list chosen from while typing: the arrows move `chosen`
/// through `len` entries, Enter takes it.
pub(super) struct ArrowChoice {
    pub(super) moved: bool,
    pub(super) enter: bool,
}

pub(super) fn arrow_choice(ui: &Ui, chosen: &mut usize, len: usize) -> ArrowChoice {
    let (down, up, enter) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::Enter),
        )
    });
    if down {
        *chosen = (*chosen + 1).min(len.saturating_sub(1));
    }
    if up {
        *chosen = chosen.saturating_sub(1);
    }
    ArrowChoice {
        moved: down || up,
        enter,
    }
}
