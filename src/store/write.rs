//! Changing the data folder: saving, deleting to the trash, restoring, and setting a damaged file aside.
//!
//! Every change first checks that the store may write and that the file on disk
//! is one this version understands; a damaged or newer file is never replaced.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use super::moves::{compact_now, free_name, sync_dirs};
use super::parse;
use super::paths::backup_path;
use super::records::{Reflections, checked_bytes, refuse_newer_format, to_json, unsavable};
use super::{Origin, Record, Store, StoreError, atomic};
use crate::reflection::{REFLECTION_FORMAT, Reflection, TEACHERS_FORMAT, Teacher};

/// How `teachers.json` is written: borrowed, so saving copies nothing.
#[derive(Serialize)]
struct TeachersOut<'a> {
    format: u32,
    teachers: &'a [Teacher],
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

impl Store {
    /// Saves a reflection to `reflections/<id>.json`, durably, keeping the
    /// previous version as `.bak`. Refused if the store is read-only, the id is
    /// not a safe file name, the reflection is in the trash, or the file on disk
    /// is damaged, from a newer version, or holds another id.
    ///
    /// When the content changed, the new version is first kept in the
    /// reflection's history (`history/<id>/`); if it cannot be, nothing is saved.
    pub fn save_reflection(&self, reflection: &Reflection) -> Result<(), StoreError> {
        self.save_reflection_as(reflection, Origin::Saved)
    }

    /// Saves a reflection an import brought in, as [`Store::save_reflection`]
    /// does, keeping this version in its history for ever.
    pub fn save_imported_reflection(&self, reflection: &Reflection) -> Result<(), StoreError> {
        self.save_reflection_as(reflection, Origin::Imported)
    }

    fn save_reflection_as(
        &self,
        reflection: &Reflection,
        origin: Origin,
    ) -> Result<(), StoreError> {
        let path = self.save_target::<Reflections>(reflection, "this reflection")?;
        let bytes = reflection_bytes(reflection, &path)?;
        self.record_version::<Reflections>(&reflection.id, &bytes, &path, origin)?;
        atomic::write_on(self.disk(), &path, &bytes)
            .map_err(|cause| StoreError::Write { path, cause })
    }

    /// Puts `reflection` in the place of the stored reflection with the same id
    /// (an imported newer version, say), after moving the stored one and its
    /// `.bak` to the trash, where it can be recovered. Returns where the old
    /// version went. Refused, changing nothing, if there is no such reflection,
    /// if the store is read-only, or if the file on disk is damaged, from a newer
    /// version, or holds another id.
    ///
    /// While the new version is in place, the old one cannot be restored from
    /// the trash ([`StoreError::AlreadyExists`]); delete the new one first.
    pub fn replace_reflection(&self, reflection: &Reflection) -> Result<PathBuf, StoreError> {
        self.writable()?;
        let path = self.reflection_path(&reflection.id)?;
        refuse_newer_format(
            &path,
            "the new version",
            reflection.format,
            REFLECTION_FORMAT,
        )?;
        // Everything that could refuse is checked before anything moves.
        self.can_replace_reflection(&reflection.id)?;
        let bytes = reflection_bytes(reflection, &path)?;
        self.delete_reflection(&reflection.id)?;
        let trashed = self.trashed_path(&reflection.id)?;
        // The old version's history went to the trash with it; the new one
        // begins with the imported version, kept for ever.
        let saved = self
            .record_version::<Reflections>(&reflection.id, &bytes, &path, Origin::Imported)
            .and_then(|()| {
                atomic::write_on(self.disk(), &path, &bytes).map_err(|cause| StoreError::Write {
                    path: path.clone(),
                    cause,
                })
            });
        if let Err(error) = saved {
            // Best effort: put the old version (and its history) back where it was.
            let _ = fs::rename(&trashed, &path);
            let _ = fs::rename(backup_path(&trashed), backup_path(&path));
            if let (Ok(live), Ok(old)) = (
                self.history_dir(&reflection.id),
                self.trashed_history_dir(&reflection.id),
            ) && old.is_dir()
            {
                let _ = self.remove_tree(&live);
                let _ = fs::rename(&old, &live);
            }
            self.forget_history(&reflection.id);
            return Err(error);
        }
        Ok(trashed)
    }

    /// Saves the list of teachers to `teachers.json`, keeping top-level fields
    /// this version does not know. Refused if the store is read-only or the file
    /// on disk is damaged or from a newer version (see [`Store::set_aside`]).
    pub fn save_teachers(&self, teachers: &[Teacher]) -> Result<(), StoreError> {
        self.writable()?;
        let path = self.teachers_path();
        self.check_not_refused(&path)?;
        let current = self.read_teachers();
        if let Some(problem) = current.problem {
            self.remember(|p| p == path, std::slice::from_ref(&problem));
            return Err(StoreError::refused(problem));
        }
        let out = TeachersOut {
            format: TEACHERS_FORMAT,
            teachers,
            extra: &current.extra,
        };
        let bytes = to_json(&out, &path)?;
        match parse::teachers(&bytes) {
            Ok(parsed) if parsed.file.teachers == teachers => {}
            Ok(_) => return Err(unsavable(&path, "it reads back differently")),
            Err(failure) => return Err(unsavable(&path, &failure.message)),
        }
        atomic::write_on(self.disk(), &path, &bytes)
            .map_err(|cause| StoreError::Write { path, cause })
    }

    /// Moves a reflection (and its `.bak`) to the trash. Nothing is destroyed:
    /// [`Store::restore_reflection`] brings it back. A damaged or newer file is
    /// not moved; it can be set aside instead.
    pub fn delete_reflection(&self, id: &str) -> Result<(), StoreError> {
        self.trash::<Reflections>(id)
    }

    /// Whether [`Store::replace_reflection`] would replace the reflection `id`:
    /// an error saying why not, found without changing anything.
    pub fn can_replace_reflection(&self, id: &str) -> Result<(), StoreError> {
        self.movable_file::<Reflections>(id).map(|_| ())
    }

    /// Moves a reflection back from the trash. Refused if a reflection with the same id exists.
    pub fn restore_reflection(&self, id: &str) -> Result<(), StoreError> {
        self.restore::<Reflections>(id)
    }

    /// Renames a data file (typically a damaged one) to `NAME.corrupt-<time>` beside
    /// it, so the app can start fresh without destroying anything. Returns the new
    /// path. Only `teachers.json` and files in `reflections/`, `sessions/`, `trash/`
    /// or `trash/sessions/` qualify.
    pub fn set_aside(&self, path: &Path) -> Result<PathBuf, StoreError> {
        self.writable()?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let parent = path.parent().unwrap_or(Path::new(""));
        let is_data_file = (same_dir(parent, &self.dir) && name == super::TEACHERS_FILE)
            || ((same_dir(parent, &self.reflections_dir())
                || same_dir(parent, &self.trash_dir())
                || same_dir(parent, &self.sessions_dir())
                || same_dir(parent, &self.trashed_sessions_dir()))
                && name.ends_with(".json")
                && !name.starts_with('.'));
        if !is_data_file {
            return Err(StoreError::NotADataFile {
                path: path.to_path_buf(),
                dir: self.dir.clone(),
            });
        }
        if !path.is_file() {
            return Err(StoreError::NotFound {
                what: Record::File,
                path: path.to_path_buf(),
            });
        }
        let target = free_name(path, &format!("corrupt-{}", compact_now()));
        self.disk()
            .move_file(path, &target)
            .map_err(|e| StoreError::io(path, "move the file aside", e))?;
        self.remember(|p| p == path, &[]);
        sync_dirs(self.disk(), &[parent])?;
        Ok(target)
    }
}

/// The bytes to save for a reflection, checked to read back as the same reflection.
fn reflection_bytes(reflection: &Reflection, path: &Path) -> Result<Vec<u8>, StoreError> {
    // The model already has the current shape; only the number may be old.
    let reflection = if reflection.format == REFLECTION_FORMAT {
        Cow::Borrowed(reflection)
    } else {
        let mut upgraded = reflection.clone();
        upgraded.format = REFLECTION_FORMAT;
        Cow::Owned(upgraded)
    };
    checked_bytes::<Reflections>(&reflection, path)
}

fn same_dir(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}
