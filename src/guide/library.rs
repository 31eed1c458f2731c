//! The set of guides available to the app: the built-in guides compiled into
//! the binary, plus any guide files found in the user's guide folders.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::error::{GuideError, GuideErrors};
use super::load::parse_guide;
use super::model::Guide;

/// The guide a new teacher is offered first.
pub const DEFAULT_GUIDE_ID: &str = "where-to-begin";

/// The guides shipped inside the binary, as (file name, contents).
const BUILT_IN: &[(&str, &str)] = &[
    (
        "where-to-begin.json",
        include_str!("../../reflection_guides/where-to-begin.json"),
    ),
    (
        "overcoming-barriers.json",
        include_str!("../../reflection_guides/overcoming-barriers.json"),
    ),
    (
        "leading-change.json",
        include_str!("../../reflection_guides/leading-change.json"),
    ),
];

/// Where a loaded guide came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::BuiltIn => write!(f, "built in"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A guide that loaded, with where it came from and any copies it replaced or set aside.
#[derive(Debug, Clone)]
pub struct LoadedGuide {
    pub guide: Arc<Guide>,
    pub origin: Origin,
    /// Other copies with the same id that lost to this one, with why.
    pub shadowed: Vec<(Origin, u32)>,
}

/// Every guide the app can offer, plus the problems met while loading them.
#[derive(Debug, Clone, Default)]
pub struct GuideLibrary {
    guides: Vec<LoadedGuide>,
    /// One entry per guide file that could not be used.
    pub problems: Vec<GuideErrors>,
}

impl GuideLibrary {
    /// Only the guides compiled into the binary.
    pub fn built_in() -> Self {
        let mut library = GuideLibrary::default();
        for (name, text) in BUILT_IN {
            match parse_guide(&format!("built-in:{name}"), text.as_bytes()) {
                Ok(guide) => library.add(guide, Origin::BuiltIn),
                Err(errors) => library.problems.push(errors),
            }
        }
        library
    }

    /// Built-in guides plus every `*.json` guide in `folders`. A folder that
    /// does not exist is skipped silently; one bad file never stops the rest.
    pub fn load(folders: &[PathBuf]) -> Self {
        let mut library = Self::built_in();
        for folder in folders {
            library.load_folder(folder);
        }
        library
    }

    fn load_folder(&mut self, folder: &Path) {
        let entries = match std::fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return,
            Err(error) => {
                self.problems.push(GuideErrors(vec![GuideError::whole_file(
                    &folder.display().to_string(),
                    format!("could not read the guides folder: {error}"),
                )]));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| is_guide_file(path))
            .collect();
        paths.sort();
        for path in paths {
            match read_guide_file(&path) {
                Ok(guide) => self.add(guide, Origin::File(path)),
                Err(errors) => self.problems.push(errors),
            }
        }
    }

    /// Adds a guide; of two with the same id the higher version wins, and on a
    /// tie the copy loaded first (built-in before user folders) stays.
    fn add(&mut self, guide: Guide, origin: Origin) {
        let guide = Arc::new(guide);
        match self.guides.iter_mut().find(|g| g.guide.id == guide.id) {
            None => self.guides.push(LoadedGuide {
                guide,
                origin,
                shadowed: Vec::new(),
            }),
            Some(existing) if guide.version > existing.guide.version => {
                let mut shadowed = std::mem::take(&mut existing.shadowed);
                shadowed.push((existing.origin.clone(), existing.guide.version));
                *existing = LoadedGuide {
                    guide,
                    origin,
                    shadowed,
                };
            }
            Some(existing) => existing.shadowed.push((origin, guide.version)),
        }
    }

    pub fn guides(&self) -> &[LoadedGuide] {
        &self.guides
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Guide>> {
        self.find(id).map(|loaded| &loaded.guide)
    }

    pub fn find(&self, id: &str) -> Option<&LoadedGuide> {
        self.guides.iter().find(|loaded| loaded.guide.id == id)
    }

    pub fn default_guide(&self) -> Option<&Arc<Guide>> {
        self.get(DEFAULT_GUIDE_ID)
            .or_else(|| self.guides.first().map(|g| &g.guide))
    }
}

fn is_guide_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    path.is_file()
        && name.ends_with(".json")
        && !name.ends_with(".schema.json")
        && !name.starts_with('.')
}

/// Reads and validates one guide file from disk.
pub fn read_guide_file(path: &Path) -> Result<Guide, GuideErrors> {
    let file = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|error| {
        GuideErrors(vec![GuideError::whole_file(
            &file,
            format!("could not read the file: {error}"),
        )])
    })?;
    if metadata.len() > super::validate::MAX_FILE_BYTES as u64 {
        return Err(GuideErrors(vec![GuideError::whole_file(
            &file,
            format!(
                "the file is {} bytes; guides may be at most {} bytes",
                metadata.len(),
                super::validate::MAX_FILE_BYTES
            ),
        )]));
    }
    let bytes = std::fs::read(path).map_err(|error| {
        GuideErrors(vec![GuideError::whole_file(
            &file,
            format!("could not read the file: {error}"),
        )])
    })?;
    parse_guide(&file, &bytes)
}
