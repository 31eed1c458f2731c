//! Looking into one folder of the data folder: which files are there, and
//! reading many of them at once.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::DataProblem;
use super::problems::Failure;

/// Every `.json` file in `dir` that is not hidden, sorted.
pub(super) fn all_json_files(dir: &Path) -> Result<Vec<PathBuf>, DataProblem> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            let failure = Failure::unreadable(format!("the folder could not be read ({error})"));
            return Err(failure.into_problem(dir));
        }
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.ends_with(".json")
                && !name.starts_with('.')
                && !entry.file_type().is_ok_and(|t| t.is_dir())
        })
        .map(|entry| entry.path())
        .collect();
    files.sort();
    Ok(files)
}

/// Maps over the items on a few threads: reading 2,000 files is mostly parsing,
/// and parsing spreads well over cores. Keeps the order of `items`.
pub(super) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    const MIN_PER_THREAD: usize = 32;
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(8)
        .min(items.len() / MIN_PER_THREAD);
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}
