//! Importing a reflection a teacher exported as JSON into the coach's notebook.
//!
//! Two steps, so that nothing changes until everything is known:
//! [`plan_import`] reads and checks the file fully and says what would happen
//! (which guide, which teacher, whether a reflection with the same id is
//! already here); [`apply_import`] then does it. An invalid file changes
//! nothing, and an existing reflection is never overwritten silently: with a
//! conflict the coach chooses to keep both or to replace, and a replaced
//! version goes to the trash.
//!
//! Answers are keyed by item id and every one is kept, even when the installed
//! guide lacks the item (the reflection was made with a newer version of the
//! guide, or with a guide not installed here): the app shows such answers under
//! "No longer in this guide".

use std::path::PathBuf;

use crate::clock::Timestamp;
use crate::export::{ExportedReflection, parse_exported};
use crate::guide::GuideLibrary;
use crate::reflection::{Reflection, Teacher, is_valid_reflection_id};
use crate::store::StoreError;

use super::teachers::{TeacherError, add_teacher, same_name};

/// What is added to a copy's title when both versions are kept.
pub const IMPORTED_SUFFIX: &str = " (imported)";

/// How the reflection's guide compares with the guides installed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuideCheck {
    /// The guide is installed, at the version the reflection was made with or a later one.
    Installed { version: u32 },
    /// Made with a newer version of the guide than the one installed. Every
    /// answer is kept; those to items the installed version lacks are shown apart.
    NewerThanInstalled {
        installed_version: u32,
        exported_version: u32,
    },
    /// No guide with this id is installed. The reflection is kept, and shown by
    /// item id until the guide is added.
    Unknown,
}

/// Which teacher an imported reflection belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeacherChoice {
    /// A teacher already in the notebook, by id.
    Existing(String),
    /// A new teacher with this name.
    New(String),
}

/// What to do when a reflection with the same id is already in the notebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportChoice {
    /// Import a copy with a new id and " (imported)" after its title.
    KeepBoth,
    /// Move the existing reflection to the trash, then put the imported one in its place.
    Replace,
}

/// What importing a file would do, found without changing anything.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// How the file was named to the user, for messages.
    pub file_label: String,
    /// The file's content, fully checked.
    pub export: ExportedReflection,
    pub guide: GuideCheck,
    /// Answer keys the installed guide has no item for (every answer when the
    /// guide is unknown). They are imported all the same.
    pub unknown_items: Vec<String>,
    /// The id of the reflection already in the notebook with the same id, if any.
    pub conflict: Option<String>,
    /// The teacher's name as exported; `None` for an anonymous export.
    pub exported_teacher: Option<String>,
    /// The teacher to use unless told otherwise: the one teacher whose name
    /// matches the exported name (ignoring case), else a new teacher with that
    /// name. `None` when the export is anonymous or several teachers have the name.
    pub suggested_teacher: Option<TeacherChoice>,
}

/// What importing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportResult {
    /// The id the reflection was saved under.
    pub reflection_id: String,
    pub teacher_id: String,
    /// Whether a new teacher was added for it.
    pub created_teacher: bool,
    /// Where the replaced version went in the trash, when it was replaced.
    pub replaced_copy: Option<PathBuf>,
    /// Whether the reflection was given a new id: both versions were kept, or
    /// one with the same id was in the trash.
    pub new_id: bool,
}

/// Why a reflection could not be imported. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "{file}: {problem}. Nothing was imported; ask for the reflection to be exported again as JSON from PL Reflect"
    )]
    Unreadable {
        file: String,
        /// What is wrong with the file (its text already says so; not a separate cause).
        problem: crate::export::ImportError,
    },
    #[error(
        "{file}: a reflection with the id {id} is already in this notebook; choose to replace it \
         (the one here goes to the trash) or to keep both (the import becomes a copy). Nothing was imported"
    )]
    ConflictNeedsChoice { file: String, id: String },
    #[error(
        "{file}: this export is anonymous, so it cannot be matched to a teacher; say which teacher it \
         belongs to. Nothing was imported"
    )]
    Anonymous { file: String },
    #[error(
        "{file}: more than one teacher is called \"{name}\"; say which one it belongs to by id. Nothing was imported"
    )]
    AmbiguousTeacher { file: String, name: String },
    #[error(
        "there is no teacher with the id \"{0}\" in this notebook; see the list of teachers. Nothing was imported"
    )]
    UnknownTeacher(String),
    #[error("{0}. Nothing was imported")]
    Teacher(TeacherError),
    #[error(
        "{file}: this export is protected with a passphrase; give the passphrase the teacher told you. Nothing was imported"
    )]
    NeedsPassphrase { file: String },
    #[error("{file}: {problem}. Nothing was imported")]
    Protected {
        file: String,
        problem: crate::export::protected::ProtectError,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The exported reflection inside a file protected with a passphrase (a
/// plain file is returned as it is). A wrong passphrase says so.
pub fn open_protected(
    bytes: &[u8],
    file_label: &str,
    passphrase: &age::secrecy::SecretString,
) -> Result<Vec<u8>, ImportError> {
    if !crate::export::protected::is_protected(bytes) {
        return Ok(bytes.to_vec());
    }
    crate::export::protected::unprotect(bytes, passphrase).map_err(|problem| {
        ImportError::Protected {
            file: file_label.to_owned(),
            problem,
        }
    })
}

/// Reads and checks an exported reflection and works out what importing it
/// would do. Changes nothing. `existing` are the reflections in the notebook.
pub fn plan_import<'r>(
    bytes: &[u8],
    file_label: &str,
    existing: impl IntoIterator<Item = &'r Reflection>,
    teachers: &[Teacher],
    library: &GuideLibrary,
) -> Result<ImportPlan, ImportError> {
    if crate::export::protected::is_protected(bytes) {
        return Err(ImportError::NeedsPassphrase {
            file: file_label.to_owned(),
        });
    }
    let export = parse_exported(bytes).map_err(|problem| ImportError::Unreadable {
        file: file_label.to_owned(),
        problem,
    })?;
    let reflection = &export.reflection;
    let installed = library.get(&reflection.guide_id);
    let exported_version = export.guide.version.max(reflection.guide_version);
    let guide = match installed {
        None => GuideCheck::Unknown,
        Some(g) if exported_version > g.version => GuideCheck::NewerThanInstalled {
            installed_version: g.version,
            exported_version,
        },
        Some(g) => GuideCheck::Installed { version: g.version },
    };
    let unknown_items = reflection
        .answers
        .keys()
        .filter(|id| installed.is_none_or(|g| g.item(id).is_none()))
        .cloned()
        .collect();
    let conflict = existing
        .into_iter()
        .find(|r| r.id == reflection.id)
        .map(|r| r.id.clone());
    let exported_teacher = export.teacher.as_ref().map(|t| t.name.trim().to_owned());
    let suggested_teacher = exported_teacher.as_deref().and_then(|name| {
        let mut named = teachers.iter().filter(|t| same_name(&t.name, name));
        match (named.next(), named.next()) {
            (Some(one), None) => Some(TeacherChoice::Existing(one.id.clone())),
            (None, _) => Some(TeacherChoice::New(name.to_owned())),
            (Some(_), Some(_)) => None,
        }
    });
    Ok(ImportPlan {
        file_label: file_label.to_owned(),
        export,
        guide,
        unknown_items,
        conflict,
        exported_teacher,
        suggested_teacher,
    })
}

impl ImportPlan {
    /// The teacher to use when the user did not say: the suggestion, or an
    /// error saying why there is none.
    pub fn default_teacher(&self) -> Result<TeacherChoice, ImportError> {
        match (&self.suggested_teacher, &self.exported_teacher) {
            (Some(choice), _) => Ok(choice.clone()),
            (None, Some(name)) => Err(ImportError::AmbiguousTeacher {
                file: self.file_label.clone(),
                name: name.clone(),
            }),
            (None, None) => Err(ImportError::Anonymous {
                file: self.file_label.clone(),
            }),
        }
    }

    /// Plain sentences about what is unusual in this import, for the user.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        let guide_id = &self.export.reflection.guide_id;
        match self.guide {
            GuideCheck::Installed { .. } => {}
            GuideCheck::NewerThanInstalled {
                installed_version,
                exported_version,
            } => notes.push(format!(
                "It was made with version {exported_version} of the guide \"{guide_id}\"; version \
                 {installed_version} is installed here. Every answer is kept."
            )),
            GuideCheck::Unknown => notes.push(format!(
                "The guide \"{guide_id}\" is not installed here. The reflection is kept and its \
                 answers are shown by item id until the guide is added."
            )),
        }
        if !self.unknown_items.is_empty() && self.guide != GuideCheck::Unknown {
            notes.push(format!(
                "{} to items the installed guide does not have ({}); they are kept \
                 and shown under \"No longer in this guide\".",
                crate::words::plural(self.unknown_items.len(), "answer is", "answers are"),
                self.unknown_items.join(", ")
            ));
        }
        if let Some(id) = &self.conflict {
            notes.push(format!(
                "A reflection with the id {id} is already in this notebook."
            ));
        }
        notes
    }
}

/// Resolves what a user typed to name a teacher: an id, or a name. A name no
/// teacher has means a new teacher; an unknown id is an error.
pub fn teacher_from_arg(
    teachers: &[Teacher],
    id_or_name: &str,
) -> Result<TeacherChoice, ImportError> {
    let wanted = id_or_name.trim();
    if teachers.iter().any(|t| t.id == wanted) {
        return Ok(TeacherChoice::Existing(wanted.to_owned()));
    }
    let named: Vec<&Teacher> = teachers
        .iter()
        .filter(|t| same_name(&t.name, wanted))
        .collect();
    match named.as_slice() {
        [one] => Ok(TeacherChoice::Existing(one.id.clone())),
        [_, _, ..] => Err(ImportError::AmbiguousTeacher {
            file: "--teacher".to_owned(),
            name: wanted.to_owned(),
        }),
        [] if wanted.starts_with("t-") && is_valid_reflection_id(wanted) => {
            Err(ImportError::UnknownTeacher(wanted.to_owned()))
        }
        [] if wanted.is_empty() => Err(ImportError::Teacher(TeacherError::EmptyName)),
        [] => Ok(TeacherChoice::New(wanted.to_owned())),
    }
}

/// Imports the planned reflection for `teacher`. `choice` is needed only when a
/// reflection with the same id is in the notebook (checked again now, on disk);
/// without one the import is refused. A new teacher is added first and taken
/// out again if the reflection cannot be saved.
pub fn apply_import(
    plan: &ImportPlan,
    choice: Option<ImportChoice>,
    teacher: &TeacherChoice,
    store: &crate::store::Store,
) -> Result<ImportResult, ImportError> {
    if let Some(reason) = store.read_only_reason() {
        return Err(StoreError::ReadOnly {
            dir: store.dir().to_path_buf(),
            reason: reason.to_owned(),
        }
        .into());
    }
    let (mut teachers, problem) = store.load_teachers();
    if let Some(problem) = problem {
        // The list could not be read, or is from a newer version: it cannot be
        // trusted to find the teacher, nor saved with a new one.
        return Err(StoreError::Refused {
            problem: Box::new(problem),
        }
        .into());
    }
    let original_teachers = teachers.clone();
    let now = Timestamp::now();
    let (teacher_id, created_teacher) = match teacher {
        TeacherChoice::Existing(id) => {
            if !teachers.iter().any(|t| &t.id == id) {
                return Err(ImportError::UnknownTeacher(id.clone()));
            }
            (id.clone(), false)
        }
        TeacherChoice::New(name) => (
            add_teacher(&mut teachers, name, now.clone()).map_err(ImportError::Teacher)?,
            true,
        ),
    };

    let mut reflection = plan.export.reflection.clone();
    reflection.teacher_id.clone_from(&teacher_id);
    // Marked, so the coach can tell an imported reflection from one made
    // here. Only the file's name is kept, never the folder it came from.
    let file_name = std::path::Path::new(&plan.file_label)
        .file_name()
        .map_or_else(
            || plan.file_label.clone(),
            |n| n.to_string_lossy().into_owned(),
        );
    reflection.extra.insert(
        "imported".to_owned(),
        serde_json::json!({ "at": crate::clock::Timestamp::now(), "file": file_name }),
    );
    let here = store.reflection_path(&reflection.id)?.exists();
    let in_trash = store.trashed_path(&reflection.id)?.exists();
    let mut new_id = false;
    let mut replace = false;
    match (here, choice) {
        (true, None) => {
            return Err(ImportError::ConflictNeedsChoice {
                file: plan.file_label.clone(),
                id: reflection.id.clone(),
            });
        }
        (true, Some(ImportChoice::KeepBoth)) => {
            reflection.title = format!("{}{IMPORTED_SUFFIX}", reflection.display_title());
            reflection.id = crate::clock::new_id("r");
            new_id = true;
        }
        (true, Some(ImportChoice::Replace)) => {
            // Refused now, before a new teacher is saved, if it would be refused later.
            store.can_replace_reflection(&reflection.id)?;
            replace = true;
        }
        // A deleted reflection with this id stays restorable: the import takes a new id.
        (false, _) if in_trash => {
            reflection.id = crate::clock::new_id("r");
            new_id = true;
        }
        (false, _) => {}
    }

    if created_teacher {
        store.save_teachers(&teachers)?;
    }
    let saved = if replace {
        store.replace_reflection(&reflection).map(Some)
    } else {
        // Its history begins with the version the file brought, kept for ever.
        store.save_imported_reflection(&reflection).map(|()| None)
    };
    match saved {
        Ok(replaced_copy) => Ok(ImportResult {
            reflection_id: reflection.id,
            teacher_id,
            created_teacher,
            replaced_copy,
            new_id,
        }),
        Err(error) => {
            if created_teacher {
                // Best effort: the teacher was added only for this reflection.
                let _ = store.save_teachers(&original_teachers);
            }
            Err(error.into())
        }
    }
}

#[cfg(test)]
mod tests;
