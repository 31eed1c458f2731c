//! The one list of commands that menus, keyboard shortcuts and the command
//! palette all read from, so that they can never disagree. The list is made
//! by the same macro that makes the enum: a new command cannot be left out.

use egui::{Key, KeyboardShortcut, Modifiers};

macro_rules! commands {
    ($($command:ident),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum UiCommand {
            $($command),*
        }

        impl UiCommand {
            /// Every command, in menu order.
            pub const ALL: &'static [UiCommand] = &[$(UiCommand::$command),*];
        }
    };
}

commands! {
    NewReflection,
    GoHome,
    AddTeacher,
    ImportReflection,
    OpenTrash,
    ShowSummary,
    ExportSummary,
    Print,
    AddToCalendar,
    OpenSettings,
    Lock,
    Quit,
    Undo,
    Redo,
    ShowHistory,
    PreviousSection,
    NextSection,
    JumpToPractice,
    SwitchPane,
    CommandPalette,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Presenting,
    ShowProblems,
    ShowNotifications,
    About,
}

/// Which menu a command sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Go,
    View,
    Help,
}

impl UiCommand {
    pub fn label(self) -> &'static str {
        match self {
            UiCommand::NewReflection => "New reflection…",
            UiCommand::GoHome => "My reflections",
            UiCommand::AddTeacher => "Add a teacher…",
            UiCommand::ImportReflection => "Import a reflection…",
            UiCommand::OpenTrash => "Trash",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::ShowHistory => "History of this reflection…",
            UiCommand::ShowSummary => "See the summary",
            UiCommand::ExportSummary => "Export readiness summary…",
            UiCommand::Print => "Print the summary…",
            UiCommand::AddToCalendar => "Add my next steps to my calendar…",
            UiCommand::OpenSettings => "Settings",
            UiCommand::Lock => "Lock the notebook",
            UiCommand::Quit => "Quit",
            UiCommand::PreviousSection => "Previous section",
            UiCommand::NextSection => "Next section",
            UiCommand::JumpToPractice => "Find a practice…",
            UiCommand::SwitchPane => "Move between the section list and the page",
            UiCommand::CommandPalette => "All commands…",
            UiCommand::ZoomIn => "Zoom in",
            UiCommand::ZoomOut => "Zoom out",
            UiCommand::ZoomReset => "Actual size",
            UiCommand::Presenting => "Presenting (larger text)",
            UiCommand::ShowProblems => "Problems",
            UiCommand::ShowNotifications => "Notifications",
            UiCommand::About => "About PL Reflect",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            UiCommand::NewReflection => "Start a new reflection from any guide",
            UiCommand::GoHome => "Back to the list of your reflections",
            UiCommand::AddTeacher => "Keep reflections for several teachers, as a coach",
            UiCommand::ImportReflection => "Add a reflection a teacher exported as JSON",
            UiCommand::OpenTrash => {
                "Deleted reflections and sessions: look at them, bring them back, or remove them for good"
            }
            UiCommand::Undo => {
                "Take back the last change to this reflection or session (in a text field, its typing first)"
            }
            UiCommand::Redo => "Make again the change just undone",
            UiCommand::ShowHistory => {
                "Every earlier version of this reflection or session: look back and bring back any of it"
            }
            UiCommand::ShowSummary => {
                "What the open reflection shows: strengths and where to begin"
            }
            UiCommand::ExportSummary => {
                "Save the open reflection's summary as PDF, HTML, Markdown, CSV or JSON"
            }
            UiCommand::AddToCalendar => {
                "Save the next steps that have a revisit date as a calendar file for Google, Outlook or Apple Calendar"
            }
            UiCommand::Print => {
                "Make a PDF of the summary and open it in the system's viewer to print"
            }
            UiCommand::OpenSettings => "Theme, text size and where your notebook is kept",
            UiCommand::Lock => {
                "Save everything and show only the unlock screen (an encrypted notebook)"
            }
            UiCommand::Quit => "Save everything and close PL Reflect",
            UiCommand::PreviousSection => "Go to the previous section of this reflection",
            UiCommand::NextSection => "Go to the next section of this reflection",
            UiCommand::JumpToPractice => "Search the practices of this guide and jump to one",
            UiCommand::SwitchPane => {
                "Move the keyboard focus between the list on the left and the page"
            }
            UiCommand::CommandPalette => "Type to find any command, then press Enter",
            UiCommand::ZoomIn => "Make everything larger",
            UiCommand::ZoomOut => "Make everything smaller",
            UiCommand::ZoomReset => "Back to the normal size",
            UiCommand::Presenting => {
                "Larger text, for showing the screen to a teacher in a session"
            }
            UiCommand::ShowProblems => "Files that could not be read, and what to do about them",
            UiCommand::ShowNotifications => "Everything that happened since PL Reflect opened",
            UiCommand::About => {
                "The version, where your notebook is kept, the licences, and where to report a problem"
            }
        }
    }

    pub fn menu(self) -> Menu {
        match self {
            UiCommand::NewReflection
            | UiCommand::GoHome
            | UiCommand::AddTeacher
            | UiCommand::ImportReflection
            | UiCommand::OpenTrash
            | UiCommand::ShowSummary
            | UiCommand::ExportSummary
            | UiCommand::Print
            | UiCommand::AddToCalendar
            | UiCommand::OpenSettings
            | UiCommand::Lock
            | UiCommand::Quit => Menu::File,
            UiCommand::Undo | UiCommand::Redo | UiCommand::ShowHistory => Menu::Edit,
            UiCommand::PreviousSection
            | UiCommand::NextSection
            | UiCommand::JumpToPractice
            | UiCommand::SwitchPane
            | UiCommand::CommandPalette => Menu::Go,
            UiCommand::ZoomIn
            | UiCommand::ZoomOut
            | UiCommand::ZoomReset
            | UiCommand::Presenting
            | UiCommand::ShowProblems
            | UiCommand::ShowNotifications => Menu::View,
            UiCommand::About => Menu::Help,
        }
    }

    /// Every shortcut of the command; the first is the one menus show.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const fn command(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND, key)
        }
        const fn shift_command(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(
                Modifiers {
                    alt: false,
                    ctrl: false,
                    shift: true,
                    mac_cmd: false,
                    command: true,
                },
                key,
            )
        }
        const fn plain(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::NONE, key)
        }
        match self {
            UiCommand::NewReflection => const { &[command(Key::N)] },
            UiCommand::GoHome => const { &[command(Key::H)] },
            UiCommand::AddTeacher => &[],
            UiCommand::ImportReflection => const { &[command(Key::O)] },
            UiCommand::OpenTrash => &[],
            UiCommand::Undo => const { &[command(Key::Z)] },
            // Ctrl+Y is where Windows puts it.
            UiCommand::Redo => const { &[shift_command(Key::Z), command(Key::Y)] },
            UiCommand::ShowHistory => &[],
            UiCommand::ShowSummary => const { &[shift_command(Key::S)] },
            UiCommand::ExportSummary => const { &[command(Key::E)] },
            UiCommand::Print => const { &[shift_command(Key::P)] },
            UiCommand::AddToCalendar => &[],
            UiCommand::OpenSettings => const { &[command(Key::Comma)] },
            UiCommand::Lock => const { &[command(Key::L)] },
            UiCommand::Quit => const { &[command(Key::Q)] },
            UiCommand::PreviousSection => const { &[command(Key::PageUp)] },
            UiCommand::NextSection => const { &[command(Key::PageDown)] },
            UiCommand::JumpToPractice => const { &[command(Key::F)] },
            UiCommand::SwitchPane => const { &[plain(Key::F6)] },
            UiCommand::CommandPalette => const { &[command(Key::K)] },
            // Ctrl+= is where most keyboards put "+".
            UiCommand::ZoomIn => const { &[command(Key::Plus), command(Key::Equals)] },
            UiCommand::ZoomOut => const { &[command(Key::Minus)] },
            UiCommand::ZoomReset => const { &[command(Key::Num0)] },
            UiCommand::Presenting => &[],
            UiCommand::ShowProblems => const { &[command(Key::P)] },
            UiCommand::ShowNotifications => const { &[shift_command(Key::N)] },
            UiCommand::About => &[],
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Whether a text field that has the keyboard focus takes this
    /// command's keys first: Ctrl+Z there undoes the field's own typing.
    pub fn yields_to_text_fields(self) -> bool {
        matches!(self, UiCommand::Undo | UiCommand::Redo)
    }

    /// Reads this frame's key presses and returns the commands they trigger.
    /// Shortcuts with Shift come first, so Ctrl+Shift+N is never read as Ctrl+N.
    /// While a text field has the keyboard focus, the keys of commands that
    /// [yield to it](UiCommand::yields_to_text_fields) are left to the field.
    pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
        let mut pressed = Vec::new();
        let typing = ctx.text_edit_focused();
        let mut all: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
            .iter()
            .filter(|command| !(typing && command.yields_to_text_fields()))
            .flat_map(|command| command.shortcuts().iter().map(move |s| (*command, *s)))
            .collect();
        all.sort_by_key(|(_, shortcut)| !shortcut.modifiers.shift);
        ctx.input_mut(|input| {
            for (command, shortcut) in all {
                if input.consume_shortcut(&shortcut) && !pressed.contains(&command) {
                    pressed.push(command);
                }
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
        let response = ui.add(button).on_hover_text(self.tooltip());
        // Its name is the command's, without the shortcut drawn beside it.
        let enabled = response.enabled();
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, self.label()));
        let clicked = response.clicked();
        if clicked {
            ui.close();
        }
        clicked
    }

    /// Commands whose label or tooltip holds every word of `query`; those
    /// whose label holds them come first.
    pub fn matching(query: &str) -> Vec<UiCommand> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let holds = |text: String| words.iter().all(|w| text.contains(w.as_str()));
        let mut found: Vec<(bool, UiCommand)> = UiCommand::ALL
            .iter()
            .copied()
            .filter(|c| *c != UiCommand::CommandPalette)
            .filter(|c| holds(format!("{} {}", c.label(), c.tooltip()).to_lowercase()))
            .map(|c| (!holds(c.label().to_lowercase()), c))
            .collect();
        found.sort_by_key(|(by_tooltip, _)| *by_tooltip);
        found.into_iter().map(|(_, c)| c).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, UiCommand)> = Vec::new();
        for command in UiCommand::ALL {
            for shortcut in command.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(s, _)| s == shortcut) {
                    panic!("{command:?} and {other:?} share {shortcut:?}");
                }
                seen.push((*shortcut, *command));
            }
        }
    }

    #[test]
    fn every_command_has_words_for_menus_and_the_palette() {
        for command in UiCommand::ALL {
            assert!(!command.label().is_empty(), "{command:?}");
            assert!(!command.tooltip().is_empty(), "{command:?}");
        }
        assert_eq!(UiCommand::matching("export")[0], UiCommand::ExportSummary);
        assert!(UiCommand::matching("zoom").contains(&UiCommand::ZoomIn));
        assert!(UiCommand::matching("").len() == UiCommand::ALL.len() - 1);
    }

    #[test]
    fn shortcuts_that_are_plain_keys_do_not_collide_with_typing() {
        // A shortcut without a modifier must be a key that types nothing.
        for command in UiCommand::ALL {
            for shortcut in command.shortcuts() {
                if shortcut.modifiers.is_none() {
                    assert!(
                        matches!(
                            shortcut.logical_key,
                            Key::F1 | Key::F6 | Key::F10 | Key::Escape
                        ),
                        "{command:?} takes a typing key"
                    );
                }
            }
        }
    }
}
