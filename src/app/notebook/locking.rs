//! Locking an encrypted notebook: what is in memory is let go.

use super::Notebook;

impl Notebook {
    /// Whether every edit made is in a file (nothing waits or failed).
    pub fn all_saved(&self) -> bool {
        matches!(self.save_state(), crate::app::save_queue::SaveState::Saved)
    }

    /// Lets go of everything read from the notebook's files, as when it is
    /// locked: the window shows nothing of it until it is read again.
    pub fn forget(&mut self) {
        self.teachers.clear();
        self.entries.clear();
        self.sessions.clear();
        self.problems.clear();
        self.deleted.clear();
        self.conflict_copies = 0;
        self.removed_teachers.clear();
        self.deleted_teacher = None;
        self.notices.clear();
        self.last_import = None;
        self.revision += 1;
    }
}
