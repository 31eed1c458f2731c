//! Coaching sessions in the data folder, kept by the same rules as reflections
//! (see [`super::records`]):
//!
//! ```text
//! DATA/sessions/<id>.json          one session each
//! DATA/sessions/<id>.json.bak      the last good version
//! DATA/trash/sessions/<id>.json    deleted sessions, until restored
//! ```
//!
//! Saves are atomic and durable, a damaged file is reported and never
//! overwritten or moved, a file from a newer format is read-only, and deleting
//! moves to the trash. Deleted sessions live in their own folder inside the
//! trash so that the trash's reflection list never mistakes one for a damaged
//! reflection.

use super::paths::create_private_dir;
use super::records::{Sessions, checked_bytes, load_folder};
use super::{DataProblem, Origin, Store, StoreError, StoredSession, atomic};
use crate::session::CoachSession;

impl Store {
    /// Reads every session, and every problem with those files. Changes nothing on disk.
    /// [`Store::load`] reads them too, into [`super::Snapshot::sessions`].
    pub fn load_sessions(&self) -> (Vec<StoredSession>, Vec<DataProblem>) {
        self.load_all::<Sessions>()
    }

    /// Lists the sessions in the trash.
    pub fn list_trashed_sessions(&self) -> (Vec<StoredSession>, Vec<DataProblem>) {
        load_folder::<Sessions>(&self.trashed_sessions_dir(), self.seal())
    }

    /// Reads one session. A file from a newer version loads with `read_only`
    /// set; a damaged one is an error that says what is wrong.
    pub fn load_session(&self, id: &str) -> Result<StoredSession, StoreError> {
        self.load_one::<Sessions>(id)
    }

    /// Saves a session to `sessions/<id>.json`, durably, keeping the previous
    /// version as `.bak`. Refused if the store is read-only, the id is not a
    /// safe file name, the session is in the trash, or the file on disk is
    /// damaged, from a newer version, or holds another id. When the content
    /// changed, the new version is first kept in the session's history.
    pub fn save_session(&self, session: &CoachSession) -> Result<(), StoreError> {
        let path = self.save_target::<Sessions>(session, "this session")?;
        let bytes = checked_bytes::<Sessions>(session, &path)?;
        self.record_version::<Sessions>(&session.id, &bytes, &path, Origin::Saved)?;
        // Unlike `reflections/`, this folder is made only when the first session is saved.
        let dir = self.sessions_dir();
        if !dir.is_dir() {
            create_private_dir(&dir).map_err(|e| StoreError::io(&dir, "create the folder", e))?;
            let _ = self.disk().sync_dir(&self.dir);
        }
        atomic::write_on(self.disk(), &path, &bytes)
            .map_err(|cause| StoreError::Write { path, cause })
    }

    /// Moves a session (and its `.bak`) to the trash; [`Store::restore_session`]
    /// brings it back. A damaged or newer file is not moved.
    pub fn delete_session(&self, id: &str) -> Result<(), StoreError> {
        self.trash::<Sessions>(id)
    }

    /// Moves a session back from the trash. Refused if a session with the same id exists.
    pub fn restore_session(&self, id: &str) -> Result<(), StoreError> {
        self.restore::<Sessions>(id)
    }
}
