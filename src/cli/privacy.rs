//! An encrypted notebook from the command line: `encrypt`, `decrypt`,
//! `change-passphrase`, `new-recovery-key`, and the unlocking every other
//! command does first.
//!
//! A passphrase is never an argument (others could read it in the process
//! list): it comes from `--passphrase-file FILE` (`-` for standard input),
//! or is asked for on the terminal without being shown.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use age::secrecy::{ExposeSecret, SecretString};
use anyhow::{Context, bail};
use clap::Args;
use zeroize::Zeroizing;

use super::GlobalOptions;
use super::output::{errln, outln};
use crate::store::vault::{Work, strength};
use crate::store::{Access, Store};

/// Where a new passphrase comes from.
#[derive(Debug, Args)]
pub struct NewPassphraseArgs {
    /// Read the new passphrase from this file (`-`: standard input) instead
    /// of asking twice on the terminal.
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

/// How long a command waits for an open window or another command to let go of the data folder.
pub(super) const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Opens the data folder and, when it is encrypted, unlocks it with the
/// passphrase (from `--passphrase-file` or asked on the terminal). A
/// writable store then finishes an interrupted encryption or decryption.
pub fn open_store(global: &GlobalOptions, access: Access) -> anyhow::Result<Store> {
    let store = Store::open(super::data_dir(global)?, access)?;
    if store.is_encrypted() {
        let passphrase = passphrase(global, "Passphrase (or recovery key): ")?;
        store.unlock(&passphrase)?;
        if let Some(done) = store.finish_conversion()? {
            errln!(
                "note: finished the interrupted change of this notebook's encryption ({} file(s))",
                done.converted
            );
        }
    }
    Ok(store)
}

/// The passphrase of an encrypted notebook.
fn passphrase(global: &GlobalOptions, prompt: &str) -> anyhow::Result<SecretString> {
    match &global.passphrase_file {
        Some(file) => read_passphrase_file(file),
        None if std::io::stdin().is_terminal() => ask(prompt),
        None => bail!(
            "this notebook is encrypted: give its passphrase with --passphrase-file FILE \
             (- for standard input), or run the command on a terminal to be asked for it"
        ),
    }
}

/// The first line of `file` (or of standard input for `-`), without its line ending.
pub(super) fn read_passphrase_file(file: &Path) -> anyhow::Result<SecretString> {
    let mut text = Zeroizing::new(String::new());
    if file == Path::new("-") {
        std::io::stdin()
            .read_to_string(&mut text)
            .context("could not read the passphrase from standard input")?;
    } else {
        std::fs::File::open(file)
            .and_then(|mut f| f.read_to_string(&mut text))
            .with_context(|| format!("could not read the passphrase from {}", file.display()))?;
    }
    let line = text.lines().next().unwrap_or("");
    if line.is_empty() {
        bail!("{}: the passphrase file is empty", file.display());
    }
    Ok(SecretString::from(line.to_owned()))
}

pub(super) fn ask(prompt: &str) -> anyhow::Result<SecretString> {
    let typed = Zeroizing::new(
        rpassword::prompt_password(prompt).context("could not read the passphrase")?,
    );
    Ok(SecretString::from(typed.as_str().to_owned()))
}

/// A new passphrase: from the file, or typed twice on the terminal. Refused
/// if too weak; the hint is shown either way.
fn new_passphrase(args: &NewPassphraseArgs) -> anyhow::Result<SecretString> {
    let passphrase = match &args.new_passphrase_file {
        Some(file) => read_passphrase_file(file)?,
        None if std::io::stdin().is_terminal() => {
            let first = ask("New passphrase: ")?;
            let strength = strength(first.expose_secret());
            errln!("{}", strength.hint());
            if !strength.is_acceptable() {
                bail!("that passphrase is too weak; nothing was changed");
            }
            let second = ask("The same passphrase again: ")?;
            if first.expose_secret() != second.expose_secret() {
                bail!("the two passphrases differ; nothing was changed");
            }
            first
        }
        None => bail!(
            "give the new passphrase with --new-passphrase-file FILE (- for standard input), \
             or run the command on a terminal to be asked for it"
        ),
    };
    if !strength(passphrase.expose_secret()).is_acceptable() {
        bail!(
            "{}; nothing was changed",
            strength(passphrase.expose_secret()).hint()
        );
    }
    Ok(passphrase)
}

fn open_for_changing(global: &GlobalOptions) -> anyhow::Result<Store> {
    let store = open_store(global, Access::Write { wait: LOCK_WAIT })?;
    store.check_writable()?;
    Ok(store)
}

/// `pl-reflect encrypt`.
pub fn encrypt(global: &GlobalOptions, args: &NewPassphraseArgs) -> anyhow::Result<ExitCode> {
    let store = open_for_changing(global)?;
    if store.is_encrypted() {
        bail!("{} is already encrypted", store.dir().display());
    }
    errln!(
        "Without the passphrase or the recovery key, nothing in this notebook can be read again: \
         there is no other way in."
    );
    let passphrase = new_passphrase(args)?;
    let recovery = store.encrypt_notebook(&passphrase, Work::default())?;
    errln!(
        "The notebook in {} is encrypted. Its recovery key is below: print it or write it down, \
         and keep it apart from this computer. It is shown only this once.",
        store.dir().display()
    );
    outln!("{}", recovery.expose());
    errln!(
        "Copies made before now (backups, an SSD's spare blocks, synced folders) may still hold the notebook unencrypted."
    );
    Ok(ExitCode::SUCCESS)
}

/// `pl-reflect decrypt`.
pub fn decrypt(global: &GlobalOptions) -> anyhow::Result<ExitCode> {
    let store = open_for_changing(global)?;
    if !store.is_encrypted() {
        bail!("{} is not encrypted", store.dir().display());
    }
    let done = store.decrypt_notebook()?;
    outln!(
        "decrypted {} file(s); the notebook in {} is no longer encrypted",
        done.converted,
        store.dir().display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `pl-reflect change-passphrase`.
pub fn change_passphrase(
    global: &GlobalOptions,
    args: &NewPassphraseArgs,
) -> anyhow::Result<ExitCode> {
    let store = open_for_changing(global)?;
    if !store.is_encrypted() {
        bail!(
            "{} is not encrypted; turn encryption on with pl-reflect encrypt",
            store.dir().display()
        );
    }
    let passphrase = new_passphrase(args)?;
    store.change_passphrase(&passphrase, Work::default())?;
    outln!("the passphrase is changed; the recovery key still works");
    Ok(ExitCode::SUCCESS)
}

/// `pl-reflect new-recovery-key`.
pub fn new_recovery_key(global: &GlobalOptions) -> anyhow::Result<ExitCode> {
    let store = open_for_changing(global)?;
    if !store.is_encrypted() {
        bail!("{} is not encrypted", store.dir().display());
    }
    let recovery = store.new_recovery_key()?;
    errln!("The old recovery key no longer works. The new one, shown only this once:");
    outln!("{}", recovery.expose());
    Ok(ExitCode::SUCCESS)
}
