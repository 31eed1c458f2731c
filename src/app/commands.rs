//! The one list of commands that menus and keyboard shortcuts both read from,
//! so that a menu entry and its shortcut can never disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiCommand {
    NewReflection,
    GoHome,
    PreviousSection,
    NextSection,
    JumpToPractice,
    ShowProblems,
    OpenSettings,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Quit,
}

impl UiCommand {
    pub const ALL: [UiCommand; 11] = [
        UiCommand::NewReflection,
        UiCommand::GoHome,
        UiCommand::PreviousSection,
        UiCommand::NextSection,
        UiCommand::JumpToPractice,
        UiCommand::ShowProblems,
        UiCommand::OpenSettings,
        UiCommand::ZoomIn,
        UiCommand::ZoomOut,
        UiCommand::ZoomReset,
        UiCommand::Quit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            UiCommand::NewReflection => "New reflection…",
            UiCommand::GoHome => "My reflections",
            UiCommand::PreviousSection => "Previous section",
            UiCommand::NextSection => "Next section",
            UiCommand::JumpToPractice => "Find a practice…",
            UiCommand::ShowProblems => "Problems",
            UiCommand::OpenSettings => "Settings",
            UiCommand::ZoomIn => "Zoom in",
            UiCommand::ZoomOut => "Zoom out",
            UiCommand::ZoomReset => "Actual size",
            UiCommand::Quit => "Quit",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            UiCommand::NewReflection => "Start a new reflection from any guide",
            UiCommand::GoHome => "Back to the list of your reflections",
            UiCommand::PreviousSection => "Go to the previous section of this reflection",
            UiCommand::NextSection => "Go to the next section of this reflection",
            UiCommand::JumpToPractice => "Search the practices of this guide and jump to one",
            UiCommand::ShowProblems => "Files that could not be read, and what to do about them",
            UiCommand::OpenSettings => "Theme, text size and where your notebook is kept",
            UiCommand::ZoomIn => "Make everything larger",
            UiCommand::ZoomOut => "Make everything smaller",
            UiCommand::ZoomReset => "Back to the normal size",
            UiCommand::Quit => "Save everything and close PL Reflect",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let command = Modifiers::COMMAND;
        let key = match self {
            UiCommand::NewReflection => Key::N,
            UiCommand::GoHome => Key::H,
            UiCommand::PreviousSection => Key::PageUp,
            UiCommand::NextSection => Key::PageDown,
            UiCommand::JumpToPractice => Key::F,
            UiCommand::ShowProblems => Key::P,
            UiCommand::OpenSettings => Key::Comma,
            UiCommand::ZoomIn => Key::Plus,
            UiCommand::ZoomOut => Key::Minus,
            UiCommand::ZoomReset => Key::Num0,
            UiCommand::Quit => Key::Q,
        };
        Some(KeyboardShortcut::new(command, key))
    }

    /// Reads this frame's key presses and returns the commands they trigger.
    pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
        let mut pressed = Vec::new();
        ctx.input_mut(|input| {
            for command in UiCommand::ALL {
                if let Some(shortcut) = command.shortcut()
                    && input.consume_shortcut(&shortcut)
                {
                    pressed.push(command);
                }
            }
            // Ctrl+= is where most keyboards put "+".
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals)) {
                pressed.push(UiCommand::ZoomIn);
            }
        });
        pressed
    }

    /// A menu entry for this command, showing its shortcut. Returns true when clicked.
    pub fn menu_button(self, ui: &mut egui::Ui) -> bool {
        let mut button = egui::Button::new(self.label());
        if let Some(shortcut) = self.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        let clicked = ui.add(button).on_hover_text(self.tooltip()).clicked();
        if clicked {
            ui.close();
        }
        clicked
    }
}
