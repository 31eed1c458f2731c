//! The window's screens and the pieces they share. Each screen is one type
//! in its own file: its state, a `ui()` that returns what the person asked
//! for, and the small steps that change its own state. [`screens!`] below is
//! the one list of them: a new screen is a new file and one line there.
//!
//! Views never change the notebook themselves: they return [`Action`]s,
//! which the app applies after the frame.

pub mod about;
pub mod compare;
pub mod conflicts;
pub mod date_field;
pub mod dialogs;
pub mod due;
pub mod due_steps;
pub mod export_dialog;
pub mod file_chooser;
pub mod history;
pub mod home;
pub mod privacy;
pub mod problems;
pub mod reflect;
pub mod school;
pub mod session;
pub mod settings;
pub mod summary;
pub mod teachers;
pub mod trash;
pub mod unlock;
pub mod welcome;
pub mod widgets;

use std::path::Path;

use crate::reflection::Edit;

use super::commands::UiCommand;
use super::notebook::Notebook;
use super::settings::{Place, Settings};
use super::theme::ThemeChoice;
use dialogs::Dialog;

/// What a screen may read while it draws.
pub struct RoomContext<'a> {
    pub notebook: &'a Notebook,
    pub data_dir: &'a Path,
    /// The first folder of user guides, if any.
    pub guide_dir: Option<&'a Path>,
    pub settings: &'a Settings,
}

/// A screen of the window.
pub trait Room {
    /// Draws the screen into the central panel; returns what the person asked for.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &RoomContext<'_>) -> Vec<Action>;

    /// The reflection the screen is about, if any: the window's title, the
    /// summary, export and print commands use it.
    fn reflection_id(&self) -> Option<&str> {
        None
    }

    /// The reflection or session the screen is about, if any: Undo, Redo and
    /// History act on it.
    fn record_id(&self) -> Option<&str> {
        self.reflection_id()
    }

    /// A command meant for the screen in view (the next section, say).
    /// Returns whether the screen took it.
    fn run_command(&mut self, _command: UiCommand, _cx: &RoomContext<'_>) -> bool {
        false
    }
}

/// Makes [`Screen`], naming each screen, and [`Rooms`], holding the state of
/// each, from one list.
macro_rules! screens {
    ($($(#[$doc:meta])* $screen:ident => $field:ident: $room:ty),* $(,)?) => {
        /// Which screen fills the window.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Screen {
            $($(#[$doc])* $screen),*
        }

        impl Screen {
            /// Every screen, in the order of the list.
            #[cfg_attr(not(test), expect(dead_code, reason = "the registry test walks it"))]
            pub const ALL: &'static [Screen] = &[$(Screen::$screen),*];
        }

        /// Every screen's state, kept while the person is elsewhere.
        #[derive(Default)]
        pub struct Rooms {
            $(pub $field: $room),*
        }

        impl Rooms {
            pub fn room(&self, screen: Screen) -> &dyn Room {
                match screen {
                    $(Screen::$screen => &self.$field),*
                }
            }

            pub fn room_mut(&mut self, screen: Screen) -> &mut dyn Room {
                match screen {
                    $(Screen::$screen => &mut self.$field),*
                }
            }
        }
    };
}

screens! {
    /// First start: what the app is for, and a name.
    Welcome => welcome: welcome::WelcomeScreen,
    /// The teacher's reflections, or a coach's teachers.
    Home => home: home::HomeScreen,
    Reflect => reflect: reflect::ReflectScreen,
    Summary => summary: summary::SummaryScreen,
    /// A coach's one-on-one session with a teacher.
    Session => session: session::SessionScreen,
    /// A teacher's reflections side by side over time.
    Compare => compare: compare::CompareScreen,
    /// Next steps whose revisit date has come.
    Due => due: due::DueScreen,
    /// Every teacher's newest reflection, counted together.
    School => school: school::SchoolScreen,
    Settings => settings: settings::SettingsScreen,
    /// Copies of reflections that a synced folder left.
    Conflicts => conflicts: conflicts::ConflictsScreen,
    /// An encrypted notebook, locked: only its passphrase is asked for.
    Unlock => unlock: unlock::UnlockScreen,
    /// Every earlier version of a reflection or session.
    History => history: history::HistoryScreen,
    /// Deleted reflections and sessions.
    Trash => trash: trash::TrashScreen,
}

/// Where the person is, and where they came from.
pub struct Screens {
    current: Screen,
    /// The screen of the last frame (and its reflection), to tell when the
    /// person moved on.
    shown: (Screen, Option<String>),
    /// The screen Settings was opened from, for its Back button and Escape.
    before_settings: Option<Screen>,
    pub rooms: Rooms,
}

impl Default for Screens {
    fn default() -> Self {
        Screens {
            current: Screen::Home,
            shown: (Screen::Home, None),
            before_settings: None,
            rooms: Rooms::default(),
        }
    }
}

impl Screens {
    pub fn current(&self) -> Screen {
        self.current
    }

    pub fn go(&mut self, screen: Screen) {
        if screen == Screen::Settings && self.current != Screen::Settings {
            self.before_settings = Some(self.current);
        }
        self.current = screen;
    }

    /// Back to the screen Settings was opened from.
    pub fn leave_settings(&mut self) {
        self.current = self.before_settings.take().unwrap_or(Screen::Home);
    }

    pub fn in_view(&mut self) -> &mut dyn Room {
        self.rooms.room_mut(self.current)
    }

    /// The reflection the screen in view is about.
    pub fn reflection_id(&self) -> Option<&str> {
        self.rooms.room(self.current).reflection_id()
    }

    /// The reflection or session the screen in view is about.
    pub fn record_id(&self) -> Option<&str> {
        self.rooms.room(self.current).record_id()
    }

    /// Shows the history of reflection or session `id`, coming back to where the person was.
    pub fn show_history(&mut self, id: String) {
        let back = self.current;
        self.rooms.history = history::HistoryScreen::new(id, back);
        self.go(Screen::History);
    }

    /// Whether the person went to another screen (or reflection) since the
    /// last call.
    pub fn moved_on(&mut self) -> bool {
        let now = (self.current, self.reflection_id().map(str::to_owned));
        if now == self.shown {
            return false;
        }
        self.shown = now;
        true
    }

    /// What was said at start stays on the first screen.
    pub fn settle(&mut self) {
        self.moved_on();
    }

    /// Where the teacher is, as the settings keep it: a reflection or its
    /// summary, and the section and item in it.
    pub fn place(&self) -> Option<Place> {
        let summary = match self.current {
            Screen::Reflect => false,
            Screen::Summary => true,
            _ => return None,
        };
        let reflect = &self.rooms.reflect;
        Some(Place {
            reflection_id: self.reflection_id()?.to_owned(),
            summary,
            section: reflect.section,
            item: reflect.last_item.clone(),
        })
    }

    /// Reopens the reflection of `place` at its section and the item
    /// changed last, if the home screen is showing and the reflection is there.
    pub fn return_to(&mut self, place: &Place, notebook: &Notebook) {
        if self.current != Screen::Home || notebook.entry(&place.reflection_id).is_none() {
            return;
        }
        self.show_reflection(place.reflection_id.clone());
        self.rooms
            .reflect
            .return_to(place.section, place.item.clone());
        if place.summary {
            self.show_summary(place.reflection_id.clone());
        }
    }

    /// Shows a reflection; coming back to the same one keeps its section and scroll.
    pub fn show_reflection(&mut self, id: String) {
        self.rooms.reflect.show(id);
        self.go(Screen::Reflect);
    }

    pub fn show_summary(&mut self, id: String) {
        self.rooms.summary.reflection_id = id;
        self.go(Screen::Summary);
    }

    pub fn show_session(&mut self, id: String) {
        self.rooms.session = session::SessionScreen::new(id);
        self.go(Screen::Session);
    }

    pub fn show_compare(&mut self, teacher_id: String) {
        self.rooms.compare = compare::CompareScreen::new(teacher_id);
        self.go(Screen::Compare);
    }
}

/// Something the user asked for. Views never change the notebook themselves.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum Action {
    Command(UiCommand),
    /// First start: create the teacher and, if asked, start the default guide.
    Begin {
        name: String,
        start_default_guide: bool,
    },
    /// Starts a reflection; `teacher_id` None means the notebook's own teacher.
    StartReflection {
        teacher_id: Option<String>,
        guide_id: String,
        title: String,
        grade_band: Option<crate::guide::GradeBand>,
    },
    OpenReflection(String),
    DuplicateReflection(String),
    Rename {
        id: String,
        title: String,
    },
    Delete(String),
    UndoDelete,
    Edit {
        reflection_id: String,
        edit: Edit,
    },
    JumpTo {
        section: usize,
        item_id: String,
    },
    SetTheme(ThemeChoice),
    SetZoom(f32),
    OpenFolder(std::path::PathBuf),
    OpenSummary(String),
    OpenExport(String),
    SaveExport,
    StartSession(String),
    OpenSession(String),
    EditSession {
        session_id: String,
        edit: crate::coach::SessionEdit,
    },
    OpenCompare(String),
    /// Goes to a screen that needs nothing more to open.
    Go(Screen),
    /// Opens a dialog.
    Ask(Dialog),
    ExportSchool(crate::export::Format),
    ImportReflection,
    ResolveImport(crate::coach::ImportChoice),
    AddTeacher(String),
    RenameTeacher {
        teacher_id: String,
        name: String,
    },
    SetArchived {
        teacher_id: String,
        archived: bool,
    },
    DeleteTeacher(String),
    CloseDialog,
    /// The app's own file chooser: show this folder (or take this file).
    ChooserGo(std::path::PathBuf),
    /// The app's own file chooser: this file or folder is the choice.
    ChooserChoose(std::path::PathBuf),
    ChooserCancel,
    /// Import this file (dropped onto the window, or chosen).
    ImportFile(std::path::PathBuf),
    /// Quitting with unsaved words: try to save them once more.
    RetrySaveAndQuit,
    /// Quitting with unsaved words: keep a copy in a folder of the teacher's choice.
    SaveUnsavedCopy,
    /// Quitting with unsaved words: quit without them.
    QuitAnyway,
    /// Words kept after a failed save: put them back into the notebook.
    BringBackRecovered,
    /// Words kept after a failed save: leave them where they are for now.
    KeepRecoveredForLater,
    /// Show or hide the list of notifications.
    ToggleNotifications,
    /// Choose a folder to move the notebook into.
    AskMoveNotebook,
    /// Shows the copies a synced folder left, to choose answers from.
    OpenConflicts,
    /// Keeps the chosen answers of the conflict at this index; the copy goes to the trash.
    ResolveConflict(usize),
    /// Brings back the teacher deleted last.
    UndoDeleteTeacher,
    /// Prints the recovery key shown once after encrypting.
    PrintRecoveryKey,
    /// Saves the calendar file of next steps.
    SaveCalendar {
        include_private: bool,
    },
    /// Back from Settings to where the person was.
    LeaveSettings,
    /// Unlock the notebook with what was typed on the unlock screen.
    Unlock,
    /// Encrypt the notebook with the passphrase typed in Settings > Privacy.
    EncryptNotebook,
    /// The recovery key was written down: stop showing it.
    RecoveryKeyKept,
    /// Lock an encrypted notebook after this many minutes without use (None: never).
    SetLockAfter(Option<u32>),
    /// Open the protected export being imported with the passphrase typed.
    OpenProtectedImport,
    /// Shows the history of a reflection or session.
    OpenHistory(String),
    /// Brings back part of an earlier version (a part's key), or all of it.
    RestoreVersion {
        record_id: String,
        version: crate::app::notebook::RecordCopy,
        part: Option<String>,
        /// What the part is, as the person knows it: "the answer to Station rotation".
        label: String,
    },
    /// Brings a reflection or session back from the trash.
    RestoreFromTrash {
        id: String,
        session: bool,
    },
    /// Removes a reflection or session in the trash for good (confirmed).
    RemoveForGood {
        id: String,
        session: bool,
    },
    /// Removes everything in the trash for good (confirmed).
    EmptyTrash,
}

impl Action {
    /// Whether taking this action closes the dialog it came from.
    pub fn closes_dialog(&self) -> bool {
        matches!(
            self,
            Action::StartReflection { .. }
                | Action::AddTeacher(_)
                | Action::RenameTeacher { .. }
                | Action::DeleteTeacher(_)
                | Action::Rename { .. }
                | Action::Delete(_)
                | Action::JumpTo { .. }
                | Action::CloseDialog
                | Action::RetrySaveAndQuit
                | Action::SaveUnsavedCopy
                | Action::QuitAnyway
                | Action::BringBackRecovered
                | Action::KeepRecoveredForLater
                | Action::SaveCalendar { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_in_the_list_has_a_room_and_can_be_gone_to() {
        let mut screens = Screens::default();
        assert!(Screen::ALL.len() >= 10);
        for &screen in Screen::ALL {
            screens.go(screen);
            assert_eq!(screens.current(), screen);
            // A screen about no reflection yet names none.
            assert_eq!(screens.rooms.room(screen).reflection_id(), None);
        }
    }

    #[test]
    fn settings_goes_back_to_where_the_person_was() {
        let mut screens = Screens::default();
        screens.go(Screen::Due);
        screens.go(Screen::Settings);
        screens.go(Screen::Settings);
        screens.leave_settings();
        assert_eq!(screens.current(), Screen::Due);
        screens.go(Screen::Settings);
        screens.leave_settings();
        screens.leave_settings();
        assert_eq!(screens.current(), Screen::Home);
    }

    #[test]
    fn moving_on_is_told_once_per_change_of_screen_or_reflection() {
        let mut screens = Screens::default();
        assert!(!screens.moved_on());
        screens.show_reflection("r1".to_owned());
        assert!(screens.moved_on());
        assert!(!screens.moved_on());
        screens.show_reflection("r2".to_owned());
        assert!(screens.moved_on());
    }
}
