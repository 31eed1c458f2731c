//! Preferences that belong to this computer, not to any reflection: theme and zoom.
//! Kept as `settings.json` in the data folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::theme::{MAX_ZOOM, MIN_ZOOM, ThemeChoice};

pub const SETTINGS_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub format: u32,
    pub theme: ThemeChoice,
    pub zoom: f32,
    /// Where the teacher was, to reopen there next time.
    pub place: Option<Place>,
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
        }
    }
}

impl Settings {
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join("settings.json")
    }

    /// Reads the settings; a missing or unreadable file gives the defaults,
    /// since nothing of the teacher's is in it.
    pub fn load(data_dir: &Path) -> Self {
        std::fs::read(Self::path(data_dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Settings>(&bytes).ok())
            .map(Settings::clamped)
            .unwrap_or_default()
    }

    pub fn clamped(mut self) -> Self {
        if !self.zoom.is_finite() {
            self.zoom = 1.0;
        }
        self.zoom = self.zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        self
    }
}
