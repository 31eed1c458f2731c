//! Records the commit the program is built from, for `pl-reflect --version`
//! and the About window: `PL_REFLECT_COMMIT` when it is set (a build from a
//! source archive can name its commit that way), else `git rev-parse --short
//! HEAD`, else "unknown"; and the commit's date, for the man pages. Never
//! fails: outside a git checkout, or without git, they are simply unknown.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-env-changed=PL_REFLECT_COMMIT");
    let commit = std::env::var("PL_REFLECT_COMMIT")
        .ok()
        .filter(|commit| !commit.trim().is_empty())
        .or_else(git_commit)
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo::rustc-env=PL_REFLECT_COMMIT={}", commit.trim());
    // The commit's date (YYYY-MM-DD) dates the man pages; empty if unknown.
    let date = git(&["log", "-1", "--format=%cs", "HEAD"]).unwrap_or_default();
    println!("cargo::rustc-env=PL_REFLECT_COMMIT_DATE={date}");
}

/// The short hash of HEAD, and tells cargo to look again when HEAD moves.
fn git_commit() -> Option<String> {
    let commit = git(&["rev-parse", "--short", "HEAD"])?;
    // HEAD names the branch; the branch's reflog changes on every commit,
    // checkout and reset (in a linked worktree too, where both live in its
    // own git folder).
    if let Some(git_dir) = git(&["rev-parse", "--git-dir"]) {
        let git_dir = PathBuf::from(git_dir);
        for file in ["HEAD", "logs/HEAD"] {
            let path = git_dir.join(file);
            if path.exists() {
                println!("cargo::rerun-if-changed={}", path.display());
            }
        }
    }
    Some(commit)
}

/// One line of git's output, or None if git is missing or fails.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let line = text.trim();
    (!line.is_empty()).then(|| line.to_owned())
}
