//! Turning encryption on and off, file by file, so that an interruption at
//! any moment leaves every file readable, plain or with the key, and the
//! next open finishes the job ([`Store::finish_conversion`]).
//!
//! Each file is replaced whole through [`atomic::replace_on`]: a temporary
//! file in the same folder, flushed, renamed over the old one, the folder
//! flushed. The old version is not kept as a `.bak` (that would be a plain
//! copy); the `.bak` files are converted in their own turn.

use std::fs;
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;

use super::{
    NotebookKey, RecoveryKey, Seal, VAULT_FILE, VaultError, VaultFile, VaultState, Work,
    is_encrypted,
};
use crate::store::atomic::{self, is_own_temp, is_temp_name};
use crate::store::paths::{EXPORTS_DIR, LOCK_FILE, backup_path};
use crate::store::relocate::MOVED_NOTE;
use crate::store::{SETTINGS_FILE, Store, StoreError};

/// What turning encryption on or off did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conversion {
    /// Files changed from plain to encrypted, or back.
    pub converted: usize,
    /// Files already in the wanted form (an interrupted run had done them).
    pub already: usize,
}

/// Makes `seal` match the folder: an encrypted notebook writes encrypted
/// (refused until it is unlocked); a damaged key file counts as encrypted,
/// so that nothing is written plain into a notebook that may be encrypted.
pub(crate) fn seal_for_folder(dir: &Path, seal: &Seal) {
    let path = dir.join(VAULT_FILE);
    let present = path.exists() || backup_path(&path).exists();
    let encrypt = present
        && !matches!(
            VaultFile::read(dir),
            Ok(Some(VaultFile {
                state: VaultState::Decrypting,
                ..
            }))
        );
    seal.set_encrypt_writes(encrypt);
}

impl Store {
    /// The notebook's key file, if it is encrypted.
    pub fn vault(&self) -> Result<Option<VaultFile>, VaultError> {
        VaultFile::read(self.dir())
    }

    /// Whether the notebook is encrypted (or being encrypted or decrypted).
    pub fn is_encrypted(&self) -> bool {
        let path = self.dir().join(VAULT_FILE);
        path.exists() || backup_path(&path).exists()
    }

    /// Whether the notebook is encrypted and its key is not at hand.
    pub fn is_locked(&self) -> bool {
        self.is_encrypted() && !self.seal().is_unlocked()
    }

    /// Unlocks the notebook with its passphrase or its recovery key. A wrong
    /// one changes nothing and says so.
    pub fn unlock(&self, typed: &SecretString) -> Result<(), StoreError> {
        let Some(vault) = self.vault()? else {
            return Ok(());
        };
        let key = vault.unlock(typed)?;
        self.seal().unlock(key);
        self.seal()
            .set_encrypt_writes(vault.state != VaultState::Decrypting);
        Ok(())
    }

    /// Forgets the notebook key: nothing can be read or saved until it is
    /// unlocked again. Save what is pending first.
    pub fn lock_notebook(&self) {
        if self.is_encrypted() {
            self.seal().lock();
        }
    }

    /// Encrypts the notebook under `passphrase` and returns the recovery key,
    /// to be shown once. Every data file is encrypted; an interruption is
    /// finished by the next [`Store::finish_conversion`].
    pub fn encrypt_notebook(
        &self,
        passphrase: &SecretString,
        work: Work,
    ) -> Result<RecoveryKey, StoreError> {
        self.check_writable()?;
        if self.is_encrypted() {
            return Err(VaultError::AlreadyEncrypted.into());
        }
        let key = NotebookKey::generate();
        let (mut vault, recovery) = VaultFile::create(&key, passphrase, work)?;
        self.write_vault(&vault)?;
        self.seal().unlock(key);
        self.seal().set_encrypt_writes(true);
        self.convert_all(true)?;
        vault.state = VaultState::On;
        self.write_vault(&vault)?;
        Ok(recovery)
    }

    /// Decrypts every file and removes the key file: the notebook is plain
    /// again. Needs the notebook unlocked. An interruption is finished by the
    /// next [`Store::finish_conversion`].
    pub fn decrypt_notebook(&self) -> Result<Conversion, StoreError> {
        self.check_writable()?;
        let Some(mut vault) = self.vault()? else {
            return Ok(Conversion::default());
        };
        if !self.seal().is_unlocked() {
            return Err(VaultError::Locked.into());
        }
        if vault.state != VaultState::Decrypting {
            vault.state = VaultState::Decrypting;
            self.write_vault(&vault)?;
        }
        self.seal().set_encrypt_writes(false);
        let done = self.convert_all(false)?;
        self.remove_vault()?;
        self.seal().lock();
        Ok(done)
    }

    /// Finishes an encryption or decryption that was interrupted. Needs the
    /// notebook unlocked; does nothing for a plain notebook, one that is
    /// fully encrypted, or a read-only store.
    pub fn finish_conversion(&self) -> Result<Option<Conversion>, StoreError> {
        if self.is_read_only() {
            return Ok(None);
        }
        let Some(mut vault) = self.vault()? else {
            return Ok(None);
        };
        if !self.seal().is_unlocked() {
            return Err(VaultError::Locked.into());
        }
        match vault.state {
            VaultState::On => Ok(None),
            VaultState::Encrypting => {
                let done = self.convert_all(true)?;
                vault.state = VaultState::On;
                self.write_vault(&vault)?;
                Ok(Some(done))
            }
            VaultState::Decrypting => self.decrypt_notebook().map(Some),
        }
    }

    /// Wraps the notebook key under a new passphrase. No data file changes;
    /// the recovery key stays valid. Needs the notebook unlocked.
    pub fn change_passphrase(&self, new: &SecretString, work: Work) -> Result<(), StoreError> {
        self.check_writable()?;
        let Some(vault) = self.vault()? else {
            return Err(VaultError::NotEncrypted.into());
        };
        let Some(key) = self.seal().key() else {
            return Err(VaultError::Locked.into());
        };
        let vault = vault.rewrapped(&key, new, work)?;
        self.write_vault(&vault)
    }

    /// Makes a new recovery key (the old one stops working) and returns it.
    pub fn new_recovery_key(&self) -> Result<RecoveryKey, StoreError> {
        self.check_writable()?;
        let Some(vault) = self.vault()? else {
            return Err(VaultError::NotEncrypted.into());
        };
        let Some(key) = self.seal().key() else {
            return Err(VaultError::Locked.into());
        };
        let (vault, recovery) = vault.with_new_recovery(&key)?;
        self.write_vault(&vault)?;
        Ok(recovery)
    }

    /// Writes `vault.json`, then the same into its `.bak`: neither keeps an
    /// older wrapping (an old passphrase must stop working).
    fn write_vault(&self, vault: &VaultFile) -> Result<(), StoreError> {
        let path = self.dir().join(VAULT_FILE);
        let bytes = vault.to_bytes();
        let disk = self.disk().plain();
        for target in [path.clone(), backup_path(&path)] {
            atomic::replace_on(&disk, &target, &bytes).map_err(|cause| StoreError::Write {
                path: target.clone(),
                cause,
            })?;
        }
        Ok(())
    }

    fn remove_vault(&self) -> Result<(), StoreError> {
        let path = self.dir().join(VAULT_FILE);
        for target in [backup_path(&path), path] {
            match fs::remove_file(&target) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => {
                    return Err(StoreError::io(
                        target,
                        "remove the notebook's key file",
                        error,
                    ));
                }
            }
        }
        self.disk()
            .sync_dir(self.dir())
            .map_err(|e| StoreError::io(self.dir(), "flush the folder to disk", e))
    }

    /// Brings every data file to encrypted (`encrypt`) or plain, one at a time.
    fn convert_all(&self, encrypt: bool) -> Result<Conversion, StoreError> {
        let Some(key) = self.seal().key() else {
            return Err(VaultError::Locked.into());
        };
        let mut done = Conversion::default();
        for path in data_files(self.dir())
            .map_err(|e| StoreError::io(self.dir(), "list the data folder", e))?
        {
            let stored = fs::read(&path).map_err(|e| StoreError::io(&path, "read", e))?;
            if is_encrypted(&stored) == encrypt {
                done.already += 1;
                continue;
            }
            let new = if encrypt {
                key.seal(&stored)
                    .map_err(|e| VaultError::Crypto(e.to_string()))?
            } else {
                key.open(&stored).map_err(|e| VaultError::DamagedFile {
                    path: path.clone(),
                    why: e.to_string(),
                })?
            };
            atomic::replace_on(self.disk(), &path, &new).map_err(|cause| StoreError::Write {
                path: path.clone(),
                cause,
            })?;
            done.converted += 1;
        }
        Ok(done)
    }
}

/// Every file of the notebook that holds a teacher's words or their traces:
/// records, their `.bak`s, trash, history, set-aside and conflict copies.
/// Not the lock, the key file, the preferences, a move's note or the
/// `exports` folder (exports are plain by design). Temporary files left by
/// an interrupted save of another process are removed (the store holds the
/// lock, so none is in use); they never hold the only copy of anything.
pub(crate) fn data_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let top = folder == dir;
        for entry in fs::read_dir(&folder)? {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let kind = entry.file_type()?;
            if top {
                let plain = [LOCK_FILE, VAULT_FILE, SETTINGS_FILE, MOVED_NOTE];
                if plain
                    .iter()
                    .any(|p| name == *p || name == backup_path(Path::new(p)).to_string_lossy())
                    || (kind.is_dir() && name == EXPORTS_DIR)
                {
                    continue;
                }
            }
            if is_temp_name(&name) {
                if kind.is_file() && !is_own_temp(&entry.path()) {
                    let _ = fs::remove_file(entry.path());
                }
                continue;
            }
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                found.push(entry.path());
            }
        }
    }
    found.sort();
    Ok(found)
}
