//! `DATA/settings.json`: the window's preferences (theme, text size), which
//! belong to this computer and hold nothing of a teacher's.
//!
//! The store knows the file, not its fields: the window owns its settings type
//! and hands it in. The same promises as for the data files hold:
//! - a file from a newer format is used read-only: the window gets its
//!   defaults in memory, the file is never rewritten, and the reason is given
//!   once ([`SettingsFile::read_only`]);
//! - fields this version does not know survive every save;
//! - a file that cannot be read is left as it is (defaults in memory).

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::problems::ProblemKind;
use super::{DataProblem, Store, StoreError, atomic, parse};

/// The preferences file, directly in the data folder.
pub const SETTINGS_FILE: &str = "settings.json";
/// The settings format this build writes.
pub const SETTINGS_FORMAT: u32 = 1;

/// `settings.json` as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SettingsFile {
    pub path: PathBuf,
    /// Every top-level field of the file as it was read, known or not.
    pub fields: Map<String, Value>,
    /// Why the file is not rewritten, if it is not: made by a newer version,
    /// or not readable. Show it once; the settings are then the defaults.
    pub read_only: Option<String>,
}

/// Reads `DATA/settings.json`. A missing file is an empty, writable one.
pub fn read_settings(data_dir: &Path) -> SettingsFile {
    let path = data_dir.join(SETTINGS_FILE);
    let mut file = SettingsFile {
        path: path.clone(),
        ..SettingsFile::default()
    };
    let problem = // The preferences are never encrypted: they are read before unlocking.
    match parse::read(&path, &super::vault::Seal::default()) {
        Ok(None) => return file,
        Ok(Some(bytes)) => match parse::json_object(&bytes) {
            Ok(fields) => match fields.get("format").map(Value::as_u64) {
                None | Some(Some(0..=1)) => {
                    file.fields = fields;
                    return file;
                }
                Some(Some(format)) => DataProblem::new(
                    &path,
                    ProblemKind::NewerFormat,
                    format!(
                        "the preferences were saved by a newer version of PL Reflect (format {format}); \
                         this version uses its own defaults and leaves the file as it is"
                    ),
                ),
                Some(None) => DataProblem::new(
                    &path,
                    ProblemKind::Unreadable,
                    "the preferences could not be read (\"format\" is not a number); \
                     the defaults are used and the file is left as it is",
                ),
            },
            Err(failure) => failure.into_problem(&path),
        },
        Err(failure) => failure.into_problem(&path),
    };
    file.read_only = Some(match problem.kind {
        ProblemKind::NewerFormat => problem.message,
        _ => format!(
            "the preferences could not be read ({problem}); the defaults are used and the file is left as it is"
        ),
    });
    file
}

impl SettingsFile {
    /// The settings, or the defaults where the file says nothing or may not be used.
    pub fn settings<T: DeserializeOwned + Default>(&self) -> T {
        if self.read_only.is_some() {
            return T::default();
        }
        serde_json::from_value(Value::Object(self.fields.clone())).unwrap_or_default()
    }

    /// The bytes to save for `settings`: this file's fields, with those of
    /// `settings` put over them and the current format. Refused for a file
    /// that may not be rewritten.
    pub fn bytes_for<T: Serialize>(&self, settings: &T) -> Result<Vec<u8>, StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::refused(DataProblem::new(
                &self.path,
                ProblemKind::NewerFormat,
                reason.clone(),
            )));
        }
        let mut fields = self.fields.clone();
        match serde_json::to_value(settings) {
            Ok(Value::Object(known)) => fields.extend(known),
            Ok(_) => {
                return Err(super::records::unsavable(
                    &self.path,
                    "they are not an object",
                ));
            }
            Err(error) => return Err(super::records::unsavable(&self.path, &error.to_string())),
        }
        fields.insert("format".to_owned(), SETTINGS_FORMAT.into());
        super::records::to_json(&Value::Object(fields), &self.path)
    }
}

impl Store {
    /// `DATA/settings.json`.
    pub fn settings_path(&self) -> PathBuf {
        self.dir().join(SETTINGS_FILE)
    }

    /// Saves the window's preferences to `settings.json`, durably, keeping the
    /// fields this version does not know. Refused if the store is read-only
    /// or the file on disk is from a newer version or cannot be read.
    pub fn save_settings<T: Serialize>(&self, settings: &T) -> Result<(), StoreError> {
        self.check_writable()?;
        let path = self.settings_path();
        let bytes = read_settings(self.dir()).bytes_for(settings)?;
        // Plain even in an encrypted notebook: theme and zoom are needed
        // before unlocking, and the file holds none of a teacher's words.
        atomic::write_on(&self.disk().plain(), &path, &bytes)
            .map_err(|cause| StoreError::Write { path, cause })
    }
}
