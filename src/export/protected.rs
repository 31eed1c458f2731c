//! A reflection for a coach, protected with a passphrase the teacher tells
//! the coach: the exported JSON encrypted with age's passphrase (scrypt)
//! recipient, in the same `.plreflect` file. Any age tool opens it with
//! `age -d`; PL Reflect's import asks for the passphrase.

use std::io::Read;

use age::secrecy::SecretString;

/// How much work the passphrase costs: age's own tuning (about one second on
/// the computer that exports), or a fixed scrypt work factor for tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// `log2(N)` for scrypt; `None` lets age pick about one second.
    pub log_n: Option<u8>,
}

impl Work {
    /// A small work factor, for tests only: a protection anyone could break quickly.
    pub const FAST_FOR_TESTS: Work = Work { log_n: Some(4) };
}

/// Why a protected export could not be made or opened.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProtectError {
    #[error("that passphrase does not open this file")]
    WrongPassphrase,
    #[error(
        "this file is encrypted, but not with a passphrase (it may be a file from an encrypted notebook, not an export)"
    )]
    NotAPassphraseFile,
    #[error("the encrypted file is damaged or incomplete ({0})")]
    Damaged(String),
    #[error("the file could not be encrypted ({0})")]
    Encrypt(String),
}

/// Whether `bytes` are an age file (what a protected export is).
pub fn is_protected(bytes: &[u8]) -> bool {
    crate::store::vault::is_encrypted(bytes)
}

/// `plain` encrypted under `passphrase`.
pub fn protect(
    plain: &[u8],
    passphrase: &SecretString,
    work: Work,
) -> Result<Vec<u8>, ProtectError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    if let Some(log_n) = work.log_n.filter(|n| (1..64).contains(n)) {
        recipient.set_work_factor(log_n);
    }
    age::encrypt(&recipient, plain).map_err(|e| ProtectError::Encrypt(e.to_string()))
}

/// The plain file inside a protected export. A wrong passphrase says so.
pub fn unprotect(bytes: &[u8], passphrase: &SecretString) -> Result<Vec<u8>, ProtectError> {
    let damaged = |e: &dyn std::fmt::Display| ProtectError::Damaged(e.to_string());
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|e| damaged(&e))?;
    if !decryptor.is_scrypt() {
        return Err(ProtectError::NotAPassphraseFile);
    }
    let identity = age::scrypt::Identity::new(passphrase.clone());
    let mut reader = match decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)) {
        Ok(reader) => reader,
        Err(age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys) => {
            return Err(ProtectError::WrongPassphrase);
        }
        Err(error) => return Err(damaged(&error)),
    };
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain).map_err(|e| damaged(&e))?;
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(text: &str) -> SecretString {
        SecretString::from(text.to_owned())
    }

    #[test]
    fn the_right_passphrase_opens_it_and_a_wrong_one_says_so() {
        let plain = br#"{"a reflection": "I would not want my own child in my class"}"#;
        let sealed = protect(plain, &secret("blue heron at dawn"), Work::FAST_FOR_TESTS).unwrap();
        assert!(is_protected(&sealed));
        assert!(!is_protected(plain));
        assert!(
            !sealed.windows(5).any(|w| w == b"child"),
            "no plain text in the file"
        );
        assert_eq!(
            unprotect(&sealed, &secret("blue heron at dawn")).unwrap(),
            plain
        );
        assert_eq!(
            unprotect(&sealed, &secret("blue heron at dusk")),
            Err(ProtectError::WrongPassphrase)
        );
    }

    #[test]
    fn a_damaged_file_or_a_notebook_file_is_told_apart_from_a_wrong_passphrase() {
        let sealed = protect(b"{}", &secret("blue heron"), Work::FAST_FOR_TESTS).unwrap();
        let cut = &sealed[..sealed.len() - 8];
        assert!(matches!(
            unprotect(cut, &secret("blue heron")),
            Err(ProtectError::Damaged(_))
        ));
        let key = crate::store::vault::NotebookKey::generate();
        let notebook_file = key.seal(b"{}").unwrap();
        assert_eq!(
            unprotect(&notebook_file, &secret("blue heron")),
            Err(ProtectError::NotAPassphraseFile)
        );
    }
}
