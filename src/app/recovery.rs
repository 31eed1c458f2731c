//! Words that could not be saved into the notebook are kept in a second
//! place as well: a recovery folder outside the data folder (the platform's
//! state or cache folder), so that a full or read-only data folder does not
//! take them with it. The next start offers to bring them back.
//!
//! A reflection is kept as an exported reflection (the file a coach
//! imports), so the same file can also be imported by hand; a session is kept
//! as its own JSON. Files are written atomically and only by their owner.

use std::path::{Path, PathBuf};

use crate::clock::Timestamp;
use crate::coach::CoachSession;
use crate::export::json::{
    EXPORT_FORMAT, EXPORT_KIND, ExportedGuide, ExportedReflection, ExportedTeacher,
};
use crate::reflection::Reflection;

/// A folder of words kept after a save into the notebook failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryFolder {
    dir: PathBuf,
}

/// What a recovery folder holds.
#[derive(Debug, Default)]
pub struct Recovered {
    pub reflections: Vec<Reflection>,
    pub sessions: Vec<CoachSession>,
    /// Files that could not be read: kept, and named here.
    pub problems: Vec<String>,
}

impl Recovered {
    pub fn is_empty(&self) -> bool {
        self.reflections.is_empty() && self.sessions.is_empty()
    }
}

impl RecoveryFolder {
    pub fn new(dir: PathBuf) -> Self {
        RecoveryFolder { dir }
    }

    /// The recovery folder of a data folder: under the platform's state
    /// folder (cache folder where there is none), one per data folder.
    pub fn for_data_dir(data_dir: &Path) -> Option<Self> {
        let dirs = directories::ProjectDirs::from("org", "PL Reflect", "PL Reflect")?;
        let base = dirs
            .state_dir()
            .map_or_else(|| dirs.cache_dir().to_path_buf(), Path::to_path_buf);
        let data_dir = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
        Some(RecoveryFolder {
            dir: base
                .join("recovery")
                .join(format!("{:016x}", stable_hash(&data_dir.to_string_lossy()))),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Keeps a reflection that could not be saved; returns where.
    pub fn keep_reflection(
        &self,
        reflection: &Reflection,
        teacher_name: Option<&str>,
    ) -> std::io::Result<PathBuf> {
        let bytes = serde_json::to_vec_pretty(&as_export(reflection, teacher_name))?;
        self.keep(&format!("{}.json", reflection.id), &bytes)
    }

    /// Keeps a coach session that could not be saved; returns where.
    pub fn keep_session(&self, session: &CoachSession) -> std::io::Result<PathBuf> {
        let bytes = serde_json::to_vec_pretty(session)?;
        self.keep(&format!("{}.json", session.id), &bytes)
    }

    fn keep(&self, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        crate::store::create_private_folder(&self.dir)?;
        let path = self.dir.join(name);
        crate::store::atomic::write(&path, bytes)?;
        Ok(path)
    }

    /// Forgets what was kept for `id`, once it is safely in the notebook.
    pub fn forget(&self, id: &str) {
        // Nothing kept is the usual case; any other failure leaves a file
        // that the next start offers again, which loses nothing.
        let _ = std::fs::remove_file(self.dir.join(format!("{id}.json")));
        let _ = std::fs::remove_file(self.dir.join(format!("{id}.json.bak")));
    }

    /// Reads everything kept. Files it cannot read are left alone and named.
    pub fn read(&self) -> Recovered {
        let mut recovered = Recovered::default();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return recovered;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let bytes = match std::fs::read(&path) {
                Ok(bytes) => bytes,
                Err(error) => {
                    recovered
                        .problems
                        .push(format!("{}: could not be read: {error}", path.display()));
                    continue;
                }
            };
            if let Ok(export) = serde_json::from_slice::<ExportedReflection>(&bytes) {
                recovered.reflections.push(export.reflection);
            } else if let Ok(session) = serde_json::from_slice::<CoachSession>(&bytes) {
                recovered.sessions.push(session);
            } else {
                recovered.problems.push(format!(
                    "{}: is not a kept reflection or session; it was left where it is",
                    path.display()
                ));
            }
        }
        recovered
    }
}

/// A reflection as an exported reflection, which the app can import back.
pub fn as_export(reflection: &Reflection, teacher_name: Option<&str>) -> ExportedReflection {
    ExportedReflection {
        format: EXPORT_FORMAT,
        kind: EXPORT_KIND.to_owned(),
        exported: Timestamp::now(),
        guide: ExportedGuide {
            id: reflection.guide_id.clone(),
            version: reflection.guide_version,
            title: reflection.guide_id.clone(),
        },
        teacher: teacher_name
            .filter(|name| !name.trim().is_empty())
            .map(|name| ExportedTeacher {
                name: name.to_owned(),
            }),
        reflection: reflection.clone(),
    }
}

/// FNV-1a: the same folder gets the same name on every start and platform.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_words_are_read_back_and_forgotten_once_saved() {
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = RecoveryFolder::new(dir.path().join("recovery"));
        let guide = crate::guide::GuideLibrary::load(&[]);
        let guide = guide
            .get(crate::guide::DEFAULT_GUIDE_ID)
            .expect("default guide");
        let mut reflection = Reflection::new("t-1", guide, "Fall", Timestamp::now());
        reflection.title = "Words that matter".to_owned();
        let path = folder
            .keep_reflection(&reflection, Some("Ms. Rivera"))
            .expect("kept");
        assert!(path.starts_with(folder.dir()));
        let session = CoachSession::new("t-1", "2026-12-01", Timestamp::now()).expect("session");
        folder.keep_session(&session).expect("kept");
        std::fs::write(folder.dir().join("odd.json"), b"{").expect("write");

        let recovered = folder.read();
        assert_eq!(recovered.reflections, vec![reflection.clone()]);
        assert_eq!(recovered.sessions, vec![session.clone()]);
        assert_eq!(recovered.problems.len(), 1, "{:?}", recovered.problems);
        // What was kept imports like any exported reflection.
        let bytes = std::fs::read(&path).expect("read");
        crate::export::json::parse_exported(&bytes).expect("importable");

        folder.forget(&reflection.id);
        folder.forget(&session.id);
        assert!(folder.read().is_empty());
        assert!(
            folder.dir().join("odd.json").exists(),
            "unreadable files stay"
        );
    }

    #[test]
    fn each_data_folder_has_its_own_recovery_folder() {
        let a = RecoveryFolder::for_data_dir(Path::new("/tmp/a"));
        let b = RecoveryFolder::for_data_dir(Path::new("/tmp/b"));
        assert_ne!(a, b);
        assert_eq!(a, RecoveryFolder::for_data_dir(Path::new("/tmp/a")));
    }
}
