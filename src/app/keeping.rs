//! Keeping the notebook's words somewhere else: a copy of unsaved words in a
//! folder the teacher chooses (when the disk says no on quit), and moving
//! the whole notebook to another folder.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::AppConfig;
use super::notebook::Notebook;

/// Writes every reflection and session with unsaved words into `folder`,
/// reflections as exported reflections (which import back). Returns how
/// many files were written.
pub fn save_unsaved_copies(notebook: &Notebook, folder: &Path) -> anyhow::Result<usize> {
    let (reflections, sessions) = notebook.unsaved();
    let stamp = crate::clock::Timestamp::now().0.replace(':', "-");
    let mut written = 0;
    for reflection in reflections {
        let teacher = notebook
            .teacher(&reflection.teacher_id)
            .map(|t| t.name.as_str());
        let export = super::recovery::as_export(reflection, teacher);
        let bytes = serde_json::to_vec_pretty(&export)?;
        let name = format!(
            "{}-unsaved-{stamp}.plreflect",
            crate::export::slug(&reflection.display_title())
        );
        write_copy(&folder.join(name), &bytes)?;
        written += 1;
    }
    for session in sessions {
        let bytes = serde_json::to_vec_pretty(session)?;
        write_copy(
            &folder.join(format!("session-{}-unsaved-{stamp}.json", session.date)),
            &bytes,
        )?;
        written += 1;
    }
    Ok(written)
}

fn write_copy(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::store::atomic::write(path, bytes)
        .with_context(|| format!("The copy could not be written to {}", path.display()))
}

/// Moves the notebook into `chosen` once everything is saved, checks the
/// copy, and remembers the new place; returns the new folder.
pub fn move_notebook(
    notebook: &mut Notebook,
    config: &AppConfig,
    chosen: &Path,
) -> anyhow::Result<PathBuf> {
    if notebook.is_read_only() {
        bail!("The notebook is open read-only, so it cannot be moved from here.");
    }
    notebook.flush();
    if notebook.has_unsaved() {
        bail!(
            "Some words are not saved yet, so the notebook was not moved; try again once they are."
        );
    }
    let pointer = config
        .data_folder_pointer
        .clone()
        .or_else(crate::store::relocate::data_folder_pointer)
        .context("This system has no settings folder to remember the new place in.")?;
    crate::store::relocate::move_notebook(&config.data_dir, chosen, &pointer)
        .context("The notebook was not moved")
}
