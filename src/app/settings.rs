//! Preferences that belong to this computer, not to any reflection: theme,
//! zoom, where the teacher was, and the idle lock.
//! Kept as `settings.json` in the data folder.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::theme::{MAX_ZOOM, MIN_ZOOM, ThemeChoice};

pub use crate::store::SETTINGS_FORMAT;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub format: u32,
    pub theme: ThemeChoice,
    pub zoom: f32,
    /// Where the teacher was, to reopen there next time.
    pub place: Option<Place>,
    /// Lock an encrypted notebook after this many minutes without use;
    /// None: only when asked (Ctrl+L). Absent from older files: never.
    pub lock_after_minutes: Option<u32>,
}

/// The reflection a teacher had open, and where in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub reflection_id: String,
    /// Its summary rather than its sections.
    #[serde(default)]
    pub summary: bool,
    #[serde(default)]
    pub section: usize,
    /// The item last changed, scrolled into view on return.
    #[serde(default)]
    pub item: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            format: SETTINGS_FORMAT,
            theme: ThemeChoice::System,
            zoom: 1.0,
            place: None,
            lock_after_minutes: None,
        }
    }
}

impl Settings {
    /// Reads the settings, with why the file may not be rewritten, if it may
    /// not (from a newer version, or unreadable: the defaults are then used
    /// in memory and the file is left alone). Fields this version does not
    /// know are kept by the store when the settings are saved.
    pub fn load(data_dir: &Path) -> (Self, Option<String>) {
        let file = crate::store::read_settings(data_dir);
        (file.settings::<Settings>().clamped(), file.read_only)
    }

    #[must_use]
    pub fn clamped(mut self) -> Self {
        if !self.zoom.is_finite() {
            self.zoom = 1.0;
        }
        self.zoom = self.zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        // Zero minutes would lock at once, every time: read as "never".
        self.lock_after_minutes = self.lock_after_minutes.filter(|&m| m > 0);
        self
    }
}

/// The preferences in use, the ones last handed to the disk, and why they
/// are not written, if they are not.
pub struct Preferences {
    pub settings: Settings,
    saved: Settings,
    /// Why the settings file is not rewritten (said once at start).
    pub read_only: Option<String>,
}

impl Preferences {
    pub fn load(data_dir: &Path) -> Self {
        let (settings, read_only) = Settings::load(data_dir);
        Preferences {
            saved: settings.clone(),
            settings,
            read_only,
        }
    }

    /// Hands changed preferences to the saving thread.
    pub fn save_if_changed(&mut self, notebook: &mut super::notebook::Notebook) {
        if self.read_only.is_none() && self.settings != self.saved {
            self.saved = self.settings.clone();
            notebook.save_settings(&self.settings);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_from_before_the_idle_lock_load_as_never_and_zero_means_never() {
        let old: Settings = serde_json::from_str(r#"{"format": 1, "zoom": 1.2}"#).unwrap();
        assert_eq!(old.lock_after_minutes, None);
        assert!((old.zoom - 1.2).abs() < f32::EPSILON);
        let chosen: Settings = serde_json::from_str(r#"{"lock_after_minutes": 15}"#).unwrap();
        assert_eq!(chosen.clamped().lock_after_minutes, Some(15));
        let zero: Settings = serde_json::from_str(r#"{"lock_after_minutes": 0}"#).unwrap();
        assert_eq!(zero.clamped().lock_after_minutes, None);
    }
}
