//! Second copies a synced folder left: read with the answers that differ,
//! and settled by keeping the answers the teacher chose.

use std::path::PathBuf;

use anyhow::Context as _;

use super::Notebook;
use crate::reflection::{Answer, Reflection};
use crate::store::ConflictCopy;

/// A second copy, as the conflicts screen needs it.
pub enum ConflictRead {
    /// A copy of a reflection open here: ours and theirs.
    Reflection {
        copy: ConflictCopy,
        ours: Box<Reflection>,
        theirs: Box<Reflection>,
    },
    /// A copy that cannot be compared here, and why.
    Unreadable(String),
}

impl Notebook {
    /// Reads the conflict copies in the notebook's folders.
    pub fn read_conflict_copies(&self) -> Vec<ConflictRead> {
        self.store
            .conflicts()
            .into_iter()
            .map(|copy| {
                if copy.record != crate::store::Record::Reflection {
                    return ConflictRead::Unreadable(format!(
                        "{} is a second copy of a coach session; it is kept where it is. Compare it with {} in a text editor.",
                        copy.path.display(),
                        copy.original.display()
                    ));
                }
                let Some(ours) = self.entry(&copy.of).map(|e| e.reflection.clone()) else {
                    return ConflictRead::Unreadable(format!(
                        "{} is a copy of a reflection that is not open here; it is kept where it is.",
                        copy.path.display()
                    ));
                };
                match self.store.load_conflict(&copy) {
                    Ok(theirs) => ConflictRead::Reflection {
                        copy,
                        ours: Box::new(ours),
                        theirs: Box::new(theirs),
                    },
                    Err(error) => ConflictRead::Unreadable(error.to_string()),
                }
            })
            .collect()
    }

    /// Keeps `chosen` answers from the copy, writes the reflection, then
    /// puts the copy in the trash; returns where the copy went.
    pub fn settle_conflict(
        &mut self,
        copy: &ConflictCopy,
        chosen: Vec<(String, Option<Answer>)>,
    ) -> anyhow::Result<PathBuf> {
        self.replace_answers(&copy.of, chosen)?;
        self.flush();
        self.store
            .set_conflict_aside(copy)
            .with_context(|| format!("the copy {} was kept where it is", copy.path.display()))
    }
}
