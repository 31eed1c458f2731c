//! The window's side of an encrypted notebook: unlocking it, locking it
//! (pending saves written first, the key and everything read let go), and
//! turning encryption on from Settings > Privacy.

use std::sync::{Arc, mpsc};
use std::time::Duration;

use super::idle::{Idle, IdleLock};

use super::jobs::{Job, JobKind, Jobs};
use super::notebook::Notebook;
use super::notifications::Notifications;
use super::views::{Screen, Screens};
use crate::store::Snapshot;
use crate::store::vault::Work;

/// A job that never delivers: the notebook of a locked window is not read.
pub fn nothing_to_read() -> Job<Snapshot> {
    let (_, receiver) = mpsc::channel();
    Job::from_receiver(JobKind::OpenNotebook, receiver)
}

/// Tries what was typed on the unlock screen. Unlocked, the notebook's files
/// are read on a job (as when a window opens); otherwise the screen says why.
pub fn unlock(
    notebook: &Notebook,
    screens: &mut Screens,
    jobs: &Jobs,
    notifications: &mut Notifications,
) -> Option<Job<Snapshot>> {
    let typed = screens.rooms.unlock.take_typed();
    if let Err(error) = notebook.store.unlock(&typed) {
        screens.rooms.unlock.refused(error.to_string());
        return None;
    }
    screens.rooms.unlock.failed = None;
    match notebook.store.finish_conversion() {
        Ok(Some(done)) => notifications.problem(format!(
            "The change to this notebook's encryption that was interrupted is finished ({} files).",
            done.converted
        )),
        Ok(None) => {}
        Err(error) => notifications.problem(format!(
            "The interrupted change to this notebook's encryption could not be finished: {error}"
        )),
    }
    Some(Notebook::read_in_background(
        Arc::clone(&notebook.store),
        jobs,
    ))
}

/// Locks the window: writes what is pending, forgets the key and everything
/// read, and shows only the unlock screen. Refused (saying why) for a plain
/// notebook, or while words could not be saved, which locking would lose.
pub fn lock(notebook: &mut Notebook, screens: &mut Screens, notifications: &mut Notifications) {
    if let Err(why) = try_lock(notebook, screens) {
        notifications.problem(why);
    }
}

fn try_lock(notebook: &mut Notebook, screens: &mut Screens) -> Result<(), &'static str> {
    if !notebook.store.is_encrypted() {
        return Err(
            "This notebook is not encrypted, so it cannot be locked; turn encryption on in Settings > Privacy.",
        );
    }
    notebook.flush();
    if !notebook.all_saved() {
        return Err(
            "The notebook was not locked: some words could not be saved yet, and locking would lose them.",
        );
    }
    notebook.store.lock_notebook();
    notebook.forget();
    *screens = Screens::default();
    screens.go(Screen::Unlock);
    Ok(())
}

/// Locks an encrypted notebook once the time chosen in Settings > Privacy
/// has passed without input, as Ctrl+L does. If words could not be saved it
/// stays open and says why once (not again until the window is used).
/// Returns when to look again, if the window should wake up by itself.
pub fn lock_if_idle(
    ctx: &egui::Context,
    idle: &mut IdleLock,
    notebook: &mut Notebook,
    screens: &mut Screens,
    notifications: &mut Notifications,
    after_minutes: Option<u32>,
) -> Option<Duration> {
    match idle.frame(ctx, after_minutes, notebook.store.is_encrypted()) {
        Idle::Wait(wait) => wait,
        Idle::Lock => {
            let told = idle.refused;
            match try_lock(notebook, screens) {
                Ok(()) => idle.restart(),
                Err(why) => {
                    if !told {
                        notifications.problem(why);
                    }
                    idle.refuse();
                }
            }
            None
        }
    }
}

/// Encrypts the notebook with the passphrase typed in Settings > Privacy,
/// after writing what is pending; shows the recovery key, or why not.
pub fn encrypt(notebook: &mut Notebook, screens: &mut Screens) {
    notebook.flush();
    let form = &mut screens.rooms.settings.privacy;
    let passphrase = form.take_passphrase();
    match notebook
        .store
        .encrypt_notebook(&passphrase, Work::default())
    {
        Ok(recovery) => {
            form.failed = None;
            form.recovery_key = Some(recovery.expose().to_owned());
        }
        Err(error) => form.failed = Some(format!("The notebook was not encrypted: {error}")),
    }
}
