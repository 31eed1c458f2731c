//! Views: each draws one part of the window and returns the actions the user
//! took, which the app applies after the frame.

pub mod about;
pub mod compare;
pub mod conflicts;
pub mod date_field;
pub mod dialogs;
pub mod due;
pub mod export_dialog;
pub mod file_chooser;
pub mod home;
pub mod problems;
pub mod reflect;
pub mod school;
pub mod session;
pub mod settings;
pub mod summary;
pub mod teachers;
pub mod welcome;
pub mod widgets;

use crate::reflection::Edit;

use super::commands::UiCommand;
use super::theme::ThemeChoice;

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
    },
    OpenReflection(String),
    OpenSection(usize),
    DuplicateReflection(String),
    AskRename(String),
    Rename {
        id: String,
        title: String,
    },
    AskDelete(String),
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
    OpenDue,
    OpenSchool,
    ExportSchool(crate::export::Format),
    ImportReflection,
    ResolveImport(crate::coach::ImportChoice),
    TogglePresenting,
    AskAddTeacher,
    AddTeacher(String),
    AskNewReflectionFor(String),
    AskRenameTeacher(String),
    RenameTeacher {
        teacher_id: String,
        name: String,
    },
    SetArchived {
        teacher_id: String,
        archived: bool,
    },
    AskDeleteTeacher(String),
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
    /// Back from Settings to where the person was.
    LeaveSettings,
}
