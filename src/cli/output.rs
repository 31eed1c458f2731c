//! Pieces every subcommand that reads guides or writes a document shares.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};

use crate::guide::{Guide, GuideLibrary, LoadedGuide};

/// The guide with this id, or an error that lists the available ones.
pub fn find_guide<'l>(library: &'l GuideLibrary, id: &str) -> anyhow::Result<&'l Arc<Guide>> {
    find_loaded(library, id).map(|loaded| &loaded.guide)
}

/// The guide with this id and where it came from, or an error that lists the available ones.
pub fn find_loaded<'l>(library: &'l GuideLibrary, id: &str) -> anyhow::Result<&'l LoadedGuide> {
    match library.find(id) {
        Some(loaded) => Ok(loaded),
        None => {
            let known: Vec<&str> = library
                .guides()
                .iter()
                .map(|g| g.guide.id.as_str())
                .collect();
            bail!(
                "no guide with id \"{id}\"; available guides: {}",
                known.join(", ")
            )
        }
    }
}

/// Writes a document to `out` (a file, or a folder that gets `default_name`)
/// durably, or to standard output when `out` is None.
pub fn write_document(
    out: Option<&Path>,
    default_name: impl FnOnce() -> String,
    bytes: &[u8],
) -> anyhow::Result<()> {
    match out {
        Some(out) => {
            let path = if out.is_dir() {
                out.join(default_name())
            } else {
                out.to_path_buf()
            };
            crate::store::atomic::write(&path, bytes)
                .with_context(|| format!("could not write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                Ok(()) => {}
                // A reader that stops early (`| head`) is not an error.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(error) => return Err(error).context("could not write to standard output"),
            }
        }
    }
    Ok(())
}
