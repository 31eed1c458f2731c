//! What encryption does to a data file's bytes, at the one place the store
//! reads them ([`super::super::parse::read`]) and the one place it writes
//! them ([`super::super::atomic`]): every kind of file the store keeps is
//! covered without knowing about it.
//!
//! A file that begins with [`AGE_MAGIC`] is an age file and is decrypted
//! with the notebook key; any other file is read as it is, so a notebook
//! halfway through being encrypted or decrypted reads whole.

use std::borrow::Cow;
use std::io;
use std::sync::{Arc, PoisonError, RwLock};

use super::NotebookKey;

/// How every age file begins.
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// Whether `bytes` are an age file.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// What the store does to bytes on the way to and from the disk. Shared by
/// the clones of one store's [`super::super::Disk`]: unlocking or locking
/// one locks them all.
#[derive(Clone, Default)]
pub struct Seal(Arc<RwLock<State>>);

#[derive(Default)]
struct State {
    /// Whether new files are written encrypted.
    encrypt_writes: bool,
    /// The notebook key, while unlocked.
    key: Option<Arc<NotebookKey>>,
}

impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.read();
        write!(
            f,
            "Seal {{ encrypt_writes: {}, unlocked: {} }}",
            state.encrypt_writes,
            state.key.is_some()
        )
    }
}

/// Why a data file could not be read through the seal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The file is encrypted and no key is at hand.
    Locked,
    /// The key does not open the file: it was damaged or changed.
    Damaged(String),
}

impl Seal {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.0.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Writes encrypted from now on, or plain.
    pub(crate) fn set_encrypt_writes(&self, on: bool) {
        self.write().encrypt_writes = on;
    }

    /// Whether new files are written encrypted.
    pub fn encrypts_writes(&self) -> bool {
        self.read().encrypt_writes
    }

    /// Keeps `key` for reading and writing.
    pub(crate) fn unlock(&self, key: NotebookKey) {
        self.write().key = Some(Arc::new(key));
    }

    /// Forgets the key: it is wiped from memory once no read in progress holds it.
    pub(crate) fn lock(&self) {
        self.write().key = None;
    }

    /// Whether the key is at hand.
    pub fn is_unlocked(&self) -> bool {
        self.read().key.is_some()
    }

    pub(crate) fn key(&self) -> Option<Arc<NotebookKey>> {
        self.read().key.clone()
    }

    /// The bytes to put on disk for `plain`: encrypted when the notebook is.
    /// Refused while the notebook is locked: nothing is ever written plain
    /// into an encrypted notebook.
    pub(crate) fn seal<'a>(&self, plain: &'a [u8]) -> io::Result<Cow<'a, [u8]>> {
        let state = self.read();
        if !state.encrypt_writes {
            return Ok(Cow::Borrowed(plain));
        }
        let Some(key) = &state.key else {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the notebook is locked; unlock it to save",
            ));
        };
        key.seal(plain)
            .map(Cow::Owned)
            .map_err(|e| io::Error::other(format!("could not encrypt: {e}")))
    }

    /// The plain bytes of a file as read from disk.
    pub(crate) fn open(&self, stored: Vec<u8>) -> Result<Vec<u8>, OpenError> {
        if !is_encrypted(&stored) {
            return Ok(stored);
        }
        let Some(key) = self.key() else {
            return Err(OpenError::Locked);
        };
        key.open(&stored)
            .map_err(|e| OpenError::Damaged(e.to_string()))
    }
}
