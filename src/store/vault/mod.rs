//! Encryption at rest: the notebook key, how it is kept, and what it does to
//! a data file's bytes.
//!
//! ```text
//! DATA/vault.json      {"format": 1, "state": "on", "recipient": "age1…",
//!                       "passphrase": "<hex of an age file>", "recovery": "<hex of an age file>"}
//! DATA/vault.json.bak  the same content, in case one copy is damaged
//! ```
//!
//! A notebook that is encrypted has one random notebook key, an age X25519
//! identity. It is kept wrapped twice in `vault.json`: once under the
//! teacher's passphrase (age's scrypt recipient, tuned by age to about one
//! second of work on this computer), once under a recovery key shown once to
//! be printed or written down. Every data file is an age file encrypted to
//! the notebook key ([`seal`]). Changing the passphrase rewraps the key and
//! touches no data file. Without the passphrase or the recovery key nothing
//! can be read: there is no other way in.
//!
//! The key in memory is an [`age::x25519::Identity`], which wipes itself when
//! dropped; passphrases are [`SecretString`]s, which do the same.

mod convert;
pub mod seal;
mod strength;
#[cfg(test)]
mod tests;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

pub use convert::Conversion;
pub(crate) use convert::seal_for_folder;
pub use seal::{AGE_MAGIC, Seal, is_encrypted};
pub use strength::{Strength, strength};

/// The file that says a notebook is encrypted and keeps its key, wrapped.
pub const VAULT_FILE: &str = "vault.json";
/// The vault format this build writes.
pub const VAULT_FORMAT: u32 = 1;
/// The scrypt work factor for the recovery key. The key is random and long
/// (120 bits), so it needs no slow derivation: this keeps unlocking with it quick.
const RECOVERY_LOG_N: u8 = 10;
/// Recovery keys are this many groups of four letters and digits.
const RECOVERY_GROUPS: usize = 6;
/// The letters of a recovery key: no 0/O or 1/I to mistake for each other.
const RECOVERY_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Where the notebook is between plain and encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VaultState {
    /// Being encrypted: some files may still be plain. The next open finishes.
    Encrypting,
    /// Every file is encrypted (new saves are too).
    On,
    /// Being decrypted: some files may still be encrypted. The next open
    /// (once unlocked) finishes, then removes the vault.
    Decrypting,
}

/// `vault.json` as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultFile {
    pub format: u32,
    pub state: VaultState,
    /// The notebook key's public half: files are encrypted to it.
    pub recipient: String,
    /// The notebook key wrapped under the passphrase: an age file, as hex.
    pub passphrase: String,
    /// The notebook key wrapped under the recovery key: an age file, as hex.
    pub recovery: String,
}

/// Why a vault could not be opened or changed.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error(
        "that passphrase (or recovery key) does not open this notebook; nothing was changed. \
         Check for typing mistakes and Caps Lock, or use the recovery key"
    )]
    WrongPassphrase,
    #[error("the notebook is locked: unlock it with its passphrase or recovery key first")]
    Locked,
    #[error("{}: the notebook's key file could not be read ({why}); nothing was changed", .path.display())]
    Damaged { path: PathBuf, why: String },
    #[error("{}: this notebook's key file was made by a newer version of PL Reflect (format {format}); update PL Reflect to open it", .path.display())]
    Newer { path: PathBuf, format: u64 },
    #[error("the notebook key could not be made or wrapped: {0}")]
    Crypto(String),
    #[error("the notebook is already encrypted")]
    AlreadyEncrypted,
    #[error("the notebook is not encrypted")]
    NotEncrypted,
    #[error(
        "{}: this encrypted file could not be decrypted ({why}); it was damaged or changed. \
         It is kept as it is, and the notebook stays encrypted until it is set aside",
        .path.display()
    )]
    DamagedFile { path: PathBuf, why: String },
}

/// The random key every data file of a notebook is encrypted to. Wiped from
/// memory when dropped.
pub struct NotebookKey {
    identity: age::x25519::Identity,
    recipient: age::x25519::Recipient,
}

impl std::fmt::Debug for NotebookKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret half.
        write!(f, "NotebookKey({})", self.recipient)
    }
}

impl NotebookKey {
    /// A new random key.
    pub fn generate() -> Self {
        let identity = age::x25519::Identity::generate();
        let recipient = identity.to_public();
        NotebookKey {
            identity,
            recipient,
        }
    }

    fn from_secret(text: &str) -> Option<Self> {
        let identity = age::x25519::Identity::from_str(text.trim()).ok()?;
        let recipient = identity.to_public();
        Some(NotebookKey {
            identity,
            recipient,
        })
    }

    /// The public half, as `age1…`.
    pub fn recipient(&self) -> String {
        self.recipient.to_string()
    }

    /// `plain` as an age file encrypted to this key.
    pub fn seal(&self, plain: &[u8]) -> Result<Vec<u8>, age::EncryptError> {
        age::encrypt(&self.recipient, plain)
    }

    /// The plain bytes of an age file encrypted to this key. Fails for a file
    /// that was damaged or changed, or that was encrypted to another key.
    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, age::DecryptError> {
        age::decrypt(&self.identity, sealed)
    }
}

/// A recovery key: six groups of four letters and digits, such as
/// `K7QX-2MPA-…`, shown once when encryption is turned on.
pub struct RecoveryKey(SecretString);

impl RecoveryKey {
    fn generate() -> Result<Self, VaultError> {
        let mut random = Zeroizing::new([0u8; RECOVERY_GROUPS * 4]);
        getrandom::fill(random.as_mut_slice())
            .map_err(|e| VaultError::Crypto(format!("no random numbers from the system: {e}")))?;
        let mut text = String::with_capacity(RECOVERY_GROUPS * 5);
        for (i, byte) in random.iter().enumerate() {
            if i > 0 && i % 4 == 0 {
                text.push('-');
            }
            // 32 letters: five random bits each, 120 bits in all.
            text.push(char::from(RECOVERY_ALPHABET[usize::from(byte & 31)]));
        }
        Ok(RecoveryKey(SecretString::from(text)))
    }

    /// The key as the teacher writes it down.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

/// What a teacher typed as a recovery key, the way it was wrapped: capitals,
/// dashes between groups of four, spaces and other separators ignored.
fn normalized_recovery(typed: &str) -> Option<SecretString> {
    let letters: Zeroizing<String> = Zeroizing::new(
        typed
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect(),
    );
    if letters.len() != RECOVERY_GROUPS * 4 {
        return None;
    }
    let mut text = String::with_capacity(RECOVERY_GROUPS * 5);
    for (i, c) in letters.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            text.push('-');
        }
        text.push(c);
    }
    Some(SecretString::from(text))
}

/// How much work the passphrase wrapping costs: age's own tuning (about one
/// second on this computer), or a fixed scrypt work factor for tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// `log2(N)` for scrypt; `None` lets age pick about one second.
    pub passphrase_log_n: Option<u8>,
}

impl Work {
    /// A small work factor, for tests only: a wrapping anyone could break quickly.
    pub const FAST_FOR_TESTS: Work = Work {
        passphrase_log_n: Some(4),
    };
}

fn wrap(key: &NotebookKey, secret: &SecretString, log_n: Option<u8>) -> Result<String, VaultError> {
    let mut recipient = age::scrypt::Recipient::new(secret.clone());
    if let Some(log_n) = log_n.filter(|n| (1..64).contains(n)) {
        recipient.set_work_factor(log_n);
    }
    let text = key.identity.to_string();
    let sealed = age::encrypt(&recipient, text.expose_secret().as_bytes())
        .map_err(|e| VaultError::Crypto(e.to_string()))?;
    Ok(hex(&sealed))
}

fn unwrap(wrapped: &str, secret: &SecretString) -> Result<NotebookKey, VaultError> {
    let Some(sealed) = unhex(wrapped) else {
        return Err(VaultError::Crypto("a wrapped key is not hex".to_owned()));
    };
    let identity = age::scrypt::Identity::new(secret.clone());
    match age::decrypt(&identity, &sealed) {
        Ok(plain) => {
            let plain = Zeroizing::new(plain);
            let text = std::str::from_utf8(&plain)
                .map_err(|_| VaultError::Crypto("the wrapped key is not text".to_owned()))?;
            NotebookKey::from_secret(text)
                .ok_or_else(|| VaultError::Crypto("the wrapped key is not an age key".to_owned()))
        }
        Err(age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys) => {
            Err(VaultError::WrongPassphrase)
        }
        Err(error) => Err(VaultError::Crypto(error.to_string())),
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(text, "{b:02x}");
    }
    text
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

impl VaultFile {
    /// A new vault for `key`, wrapped under `passphrase` and a new recovery
    /// key, in the state [`VaultState::Encrypting`].
    pub fn create(
        key: &NotebookKey,
        passphrase: &SecretString,
        work: Work,
    ) -> Result<(VaultFile, RecoveryKey), VaultError> {
        let recovery = RecoveryKey::generate()?;
        let file = VaultFile {
            format: VAULT_FORMAT,
            state: VaultState::Encrypting,
            recipient: key.recipient(),
            passphrase: wrap(key, passphrase, work.passphrase_log_n)?,
            recovery: wrap(key, &recovery.0, Some(RECOVERY_LOG_N))?,
        };
        Ok((file, recovery))
    }

    /// The notebook key, from the passphrase or the recovery key. A wrong one
    /// is [`VaultError::WrongPassphrase`].
    pub fn unlock(&self, typed: &SecretString) -> Result<NotebookKey, VaultError> {
        // What looks like a recovery key is tried as one first: it is quick.
        let recovery = normalized_recovery(typed.expose_secret());
        if let Some(recovery) = &recovery {
            match unwrap(&self.recovery, recovery) {
                Err(VaultError::WrongPassphrase) => {}
                other => return other.and_then(|key| self.matching(key)),
            }
        }
        unwrap(&self.passphrase, typed).and_then(|key| self.matching(key))
    }

    /// A key that is not the one files are encrypted to would read nothing.
    fn matching(&self, key: NotebookKey) -> Result<NotebookKey, VaultError> {
        if key.recipient() == self.recipient {
            Ok(key)
        } else {
            Err(VaultError::Crypto(
                "the wrapped key does not match the notebook's recipient".to_owned(),
            ))
        }
    }

    /// The same vault with the key wrapped under a new passphrase; the
    /// recovery key stays as it was.
    pub fn rewrapped(
        &self,
        key: &NotebookKey,
        passphrase: &SecretString,
        work: Work,
    ) -> Result<VaultFile, VaultError> {
        Ok(VaultFile {
            passphrase: wrap(key, passphrase, work.passphrase_log_n)?,
            ..self.clone()
        })
    }

    /// The same vault with a new recovery key (the old one stops working).
    pub fn with_new_recovery(
        &self,
        key: &NotebookKey,
    ) -> Result<(VaultFile, RecoveryKey), VaultError> {
        let recovery = RecoveryKey::generate()?;
        let file = VaultFile {
            recovery: wrap(key, &recovery.0, Some(RECOVERY_LOG_N))?,
            ..self.clone()
        };
        Ok((file, recovery))
    }

    /// Reads `DATA/vault.json`, or its `.bak` if the file itself is damaged.
    /// `Ok(None)`: the notebook is not encrypted.
    pub fn read(data_dir: &Path) -> Result<Option<VaultFile>, VaultError> {
        let path = data_dir.join(VAULT_FILE);
        let backup = super::backup_path(&path);
        match Self::read_one(&path) {
            Ok(Some(file)) => Ok(Some(file)),
            // A file from a newer version is not passed over for an older copy.
            Err(error @ VaultError::Newer { .. }) => Err(error),
            Ok(None) => Self::read_one(&backup),
            Err(error) => match Self::read_one(&backup) {
                Ok(Some(file)) => Ok(Some(file)),
                _ => Err(error),
            },
        }
    }

    fn read_one(path: &Path) -> Result<Option<VaultFile>, VaultError> {
        let damaged = |why: String| VaultError::Damaged {
            path: path.to_path_buf(),
            why,
        };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(damaged(error.to_string())),
        };
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
        let format = value
            .get("format")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0);
        if format > u64::from(VAULT_FORMAT) {
            return Err(VaultError::Newer {
                path: path.to_path_buf(),
                format,
            });
        }
        serde_json::from_value(value)
            .map(Some)
            .map_err(|e| damaged(e.to_string()))
    }

    /// The bytes of `vault.json`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        let _ = bytes.write_all(b"\n");
        bytes
    }
}
