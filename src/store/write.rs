//! Changing the data folder: saving, deleting to the trash, restoring, and setting a damaged file aside.
//!
//! Every change first checks that the store may write and that the file on disk
//! is one this version understands; a damaged or newer file is never replaced.

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use super::parse;
use super::paths::{backup_path, create_private_dir};
use super::problems::Failure;
use super::read::read_only_state;
use super::{DataProblem, Disk, ProblemKind, Record, Store, StoreError, atomic};
use crate::clock::Timestamp;
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
    pub fn save_reflection(&self, reflection: &Reflection) -> Result<(), StoreError> {
        self.writable()?;
        let path = self.reflection_path(&reflection.id)?;
        refuse_newer_format(
            &path,
            "this reflection",
            reflection.format,
            REFLECTION_FORMAT,
        )?;
        self.check_not_refused(&path)?;
        if !self.guard_reflection_file(&path, &reflection.id)? {
            refuse_if_in_trash(Record::Reflection, self.trashed_path(&reflection.id)?)?;
        }
        let bytes = reflection_bytes(reflection, &path)?;
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
        if let Err(cause) = atomic::write_on(self.disk(), &path, &bytes) {
            // Best effort: put the old version back where it was.
            let _ = fs::rename(&trashed, &path);
            let _ = fs::rename(backup_path(&trashed), backup_path(&path));
            return Err(StoreError::Write { path, cause });
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
        let path = self.movable_reflection_file(id)?;
        let trashed = self.trashed_path(id)?;
        move_to_trash(
            self.disk(),
            &path,
            &trashed,
            &self.trash_dir(),
            &self.reflections_dir(),
        )
    }

    /// Whether [`Store::replace_reflection`] would replace the reflection `id`:
    /// an error saying why not, found without changing anything.
    pub fn can_replace_reflection(&self, id: &str) -> Result<(), StoreError> {
        self.movable_reflection_file(id).map(|_| ())
    }

    /// The file of reflection `id`, if it may be moved or replaced: the store
    /// is writable and the file is there, readable, current and holds `id`.
    fn movable_reflection_file(&self, id: &str) -> Result<PathBuf, StoreError> {
        self.writable()?;
        let path = self.reflection_path(id)?;
        self.check_not_refused(&path)?;
        if !self.guard_reflection_file(&path, id)? {
            return Err(StoreError::NotFound {
                what: Record::Reflection,
                path,
            });
        }
        Ok(path)
    }

    /// Moves a reflection back from the trash. Refused if a reflection with the same id exists.
    pub fn restore_reflection(&self, id: &str) -> Result<(), StoreError> {
        self.writable()?;
        let path = self.reflection_path(id)?;
        let (dir, trash_dir) = (self.reflections_dir(), self.trash_dir());
        let trashed = self.trashed_path(id)?;
        move_out_of_trash(self.disk(), Record::Reflection, &trashed, &path, &dir)?;
        self.remember(|p| p == path, &[]);
        finish_restore(self.disk(), &trashed, &path, &[&dir, &trash_dir])
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

    /// Checks the reflection file already at `path` before it is replaced or
    /// moved: see [`Store::guard_existing_file`].
    fn guard_reflection_file(&self, path: &Path, id: &str) -> Result<bool, StoreError> {
        self.guard_existing_file(path, id, |bytes| {
            parse::reflection(bytes).map(|parsed| (parsed.reflection.id, parsed.newer))
        })
    }

    /// Checks the data file already at `path` before it is replaced or moved;
    /// `read` parses it to the id it holds and its format if newer.
    /// `Ok(false)` if there is none; an error if it is damaged, from a newer
    /// version, or holds another id.
    pub(super) fn guard_existing_file(
        &self,
        path: &Path,
        id: &str,
        read: impl FnOnce(&[u8]) -> Result<(String, Option<u64>), Failure>,
    ) -> Result<bool, StoreError> {
        let problem = match parse::read(path) {
            Ok(None) => return Ok(false),
            Ok(Some(bytes)) => match read(&bytes) {
                Ok((held_id, newer)) => read_only_state(path, &held_id, newer).1,
                Err(failure) => Some(failure.into_problem(path)),
            },
            // The disk did not answer (EIO, a folder that is not there): nothing
            // is known of the content, so the file is not marked as refused and
            // the next save tries again once the disk answers.
            Err(failure) => return Err(StoreError::refused(failure.into_problem(path))),
        };
        // The id given was checked to match the file name, so a mismatch shows up as NameMismatch.
        debug_assert!(path.file_stem().is_some_and(|stem| stem == id));
        match problem {
            None => Ok(true),
            Some(problem) => {
                self.remember(|p| p == path, std::slice::from_ref(&problem));
                Err(StoreError::refused(problem))
            }
        }
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
    let bytes = to_json(&*reflection, path)?;
    // Never write what could not be read back (for example, an `extra` field
    // that repeats a known field's name would make the file unreadable).
    match parse::reflection(&bytes) {
        Ok(parsed) if parsed.reflection == *reflection => Ok(bytes),
        Ok(_) => Err(unsavable(path, "it reads back differently")),
        Err(failure) => Err(unsavable(path, &failure.message)),
    }
}

pub(super) fn to_json(value: &impl Serialize, path: &Path) -> Result<Vec<u8>, StoreError> {
    let mut bytes =
        serde_json::to_vec_pretty(value).map_err(|e| unsavable(path, &e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

pub(super) fn unsavable(path: &Path, why: &str) -> StoreError {
    StoreError::Write {
        path: path.to_path_buf(),
        cause: io::Error::other(format!(
            "the new content would not read back correctly ({why}), which is a bug in PL Reflect; please report it"
        )),
    }
}

/// Renames `from` to `to`; if `to` exists (an older copy in the trash), that copy
/// is first renamed to `NAME.replaced-<time>` rather than overwritten.
pub(super) fn move_keeping_existing(disk: &Disk, from: &Path, to: &Path) -> Result<(), StoreError> {
    if to.exists() {
        let older = free_name(to, &format!("replaced-{}", compact_now()));
        disk.move_file(to, &older)
            .map_err(|e| StoreError::io(to, "keep the older copy in the trash", e))?;
    }
    disk.move_file(from, to)
        .map_err(|e| StoreError::io(from, "move the file to the trash", e))
}

/// `NAME.<suffix>`, or `NAME.<suffix>-2`, `-3`, ... if that is taken.
fn free_name(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut candidate = path.with_file_name(format!("{name}.{suffix}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.{suffix}-{n}"));
        n += 1;
    }
    candidate
}

/// The time as `20261122T130700Z`: sortable and safe in file names on every system.
fn compact_now() -> String {
    Timestamp::now()
        .0
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .collect()
}

fn same_dir(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

pub(super) fn sync_dirs(disk: &Disk, dirs: &[&Path]) -> Result<(), StoreError> {
    for dir in dirs {
        disk.sync_dir(dir)
            .map_err(|e| StoreError::io(*dir, "flush the folder to disk", e))?;
    }
    Ok(())
}

/// Moves a data file and its `.bak` into a trash folder, keeping anything
/// already there, then makes both folders durable. If the `.bak` cannot be
/// moved, the file is moved back, so that the move can simply be tried again.
pub(super) fn move_to_trash(
    disk: &Disk,
    path: &Path,
    trashed: &Path,
    trash_dir: &Path,
    from_dir: &Path,
) -> Result<(), StoreError> {
    create_private_dir(trash_dir)
        .map_err(|e| StoreError::io(trash_dir, "create the trash folder", e))?;
    move_keeping_existing(disk, path, trashed)?;
    let backup = backup_path(path);
    let moved_backup = backup.exists();
    if moved_backup && let Err(error) = move_keeping_existing(disk, &backup, &backup_path(trashed))
    {
        // Best effort: with the file back, nothing was moved at all.
        let _ = fs::rename(trashed, path);
        return Err(error);
    }
    if let Err(error) = sync_dirs(disk, &[trash_dir, from_dir]) {
        // The move may not be on the disk yet: undo it, so that the error means
        // "nothing was moved" and the move can simply be tried again.
        if moved_backup {
            let _ = fs::rename(backup_path(trashed), &backup);
        }
        let _ = fs::rename(trashed, path);
        return Err(named(error, path));
    }
    Ok(())
}

/// An error about flushing a folder, told about the file that was being moved.
fn named(error: StoreError, path: &Path) -> StoreError {
    match error {
        StoreError::Io { action, cause, .. } => StoreError::Io {
            path: path.to_path_buf(),
            action,
            cause,
        },
        other => other,
    }
}

/// Finishes a move out of the trash by flushing both folders; if that fails,
/// moves the file (and its `.bak`) back into the trash, so that nothing was
/// moved and the restore can be tried again.
pub(super) fn finish_restore(
    disk: &Disk,
    trashed: &Path,
    path: &Path,
    dirs: &[&Path],
) -> Result<(), StoreError> {
    if let Err(error) = sync_dirs(disk, dirs) {
        let (trashed_backup, backup) = (backup_path(trashed), backup_path(path));
        if backup.exists() && !trashed_backup.exists() {
            let _ = fs::rename(&backup, &trashed_backup);
        }
        let _ = fs::rename(path, trashed);
        return Err(named(error, path));
    }
    Ok(())
}

/// Moves a file (and its `.bak`) from the trash back to `path` in `dir`.
/// Refused if the file is not in the trash or `path` is taken. The caller
/// syncs both folders.
pub(super) fn move_out_of_trash(
    disk: &Disk,
    what: Record,
    trashed: &Path,
    path: &Path,
    dir: &Path,
) -> Result<(), StoreError> {
    if !trashed.exists() {
        return Err(StoreError::NotFound {
            what,
            path: trashed.to_path_buf(),
        });
    }
    if path.exists() {
        return Err(StoreError::AlreadyExists {
            what,
            path: path.to_path_buf(),
        });
    }
    create_private_dir(dir).map_err(|e| StoreError::io(dir, "create the folder", e))?;
    disk.move_file(trashed, path)
        .map_err(|e| StoreError::io(trashed, "move the file out of the trash", e))?;
    let (trashed_backup, backup) = (backup_path(trashed), backup_path(path));
    if trashed_backup.exists() && !backup.exists() {
        // Best effort: the file itself is back; a backup left in the trash is still safe there.
        let _ = fs::rename(&trashed_backup, &backup);
    }
    Ok(())
}

/// Refuses to save something made by a newer version of the app, which this
/// version could only write back with parts missing.
pub(super) fn refuse_newer_format(
    path: &Path,
    what: &str,
    format: u32,
    known: u32,
) -> Result<(), StoreError> {
    if format <= known {
        return Ok(());
    }
    let message = format!(
        "{what} was made by a newer version of PL Reflect (format {format}), so this version does not save it"
    );
    Err(StoreError::refused(DataProblem::new(
        path,
        ProblemKind::NewerFormat,
        message,
    )))
}

/// Refuses to save a file whose id is in the trash, so that a late autosave
/// cannot bring a deleted reflection or session back.
pub(super) fn refuse_if_in_trash(what: Record, trashed: PathBuf) -> Result<(), StoreError> {
    if trashed.exists() {
        Err(StoreError::InTrash {
            what,
            path: trashed,
        })
    } else {
        Ok(())
    }
}
