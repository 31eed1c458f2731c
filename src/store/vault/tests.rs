use age::secrecy::SecretString;

use super::*;

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

fn vault() -> (NotebookKey, VaultFile, RecoveryKey) {
    let key = NotebookKey::generate();
    let (file, recovery) =
        VaultFile::create(&key, &secret("correct horse battery"), Work::FAST_FOR_TESTS).unwrap();
    (key, file, recovery)
}

#[test]
fn the_passphrase_and_the_recovery_key_each_unlock_the_same_key() {
    let (key, file, recovery) = vault();
    let sealed = key.seal(b"{\"a\": 1}").unwrap();
    assert!(is_encrypted(&sealed));
    let by_passphrase = file.unlock(&secret("correct horse battery")).unwrap();
    assert_eq!(by_passphrase.open(&sealed).unwrap(), b"{\"a\": 1}");
    let by_recovery = file.unlock(&secret(recovery.expose())).unwrap();
    assert_eq!(by_recovery.recipient(), key.recipient());
    // Written down by hand: small letters, spaces instead of dashes.
    let sloppy = recovery.expose().to_lowercase().replace('-', " ");
    assert!(file.unlock(&secret(&sloppy)).is_ok());
}

#[test]
fn a_wrong_passphrase_or_recovery_key_is_told_apart_from_damage() {
    let (_, file, recovery) = vault();
    assert!(matches!(
        file.unlock(&secret("correct horse battery!")),
        Err(VaultError::WrongPassphrase)
    ));
    let mut wrong = recovery.expose().to_owned();
    let first = if wrong.starts_with('A') { "B" } else { "A" };
    wrong.replace_range(0..1, first);
    assert!(matches!(
        file.unlock(&secret(&wrong)),
        Err(VaultError::WrongPassphrase)
    ));
}

#[test]
fn recovery_keys_are_six_groups_of_four_from_the_alphabet_and_differ() {
    let a = RecoveryKey::generate().unwrap();
    let b = RecoveryKey::generate().unwrap();
    assert_ne!(a.expose(), b.expose());
    let groups: Vec<&str> = a.expose().split('-').collect();
    assert_eq!(groups.len(), RECOVERY_GROUPS);
    for group in groups {
        assert_eq!(group.len(), 4);
        assert!(
            group.bytes().all(|c| RECOVERY_ALPHABET.contains(&c)),
            "{group}"
        );
    }
    let distinct: std::collections::HashSet<&u8> = RECOVERY_ALPHABET.iter().collect();
    assert_eq!(distinct.len(), 32);
}

#[test]
fn rewrapping_changes_the_passphrase_and_keeps_the_recovery_key() {
    let (key, file, recovery) = vault();
    let new = file
        .rewrapped(&key, &secret("a new passphrase here"), Work::FAST_FOR_TESTS)
        .unwrap();
    assert_eq!(new.recipient, file.recipient);
    assert!(matches!(
        new.unlock(&secret("correct horse battery")),
        Err(VaultError::WrongPassphrase)
    ));
    assert!(new.unlock(&secret("a new passphrase here")).is_ok());
    assert!(new.unlock(&secret(recovery.expose())).is_ok());
}

#[test]
fn the_key_file_round_trips_and_a_newer_or_damaged_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert!(VaultFile::read(dir.path()).unwrap().is_none());
    let (_, file, _) = vault();
    std::fs::write(dir.path().join(VAULT_FILE), file.to_bytes()).unwrap();
    assert_eq!(VaultFile::read(dir.path()).unwrap(), Some(file.clone()));

    std::fs::write(dir.path().join(VAULT_FILE), b"{\"format\": 1, \"sta").unwrap();
    assert!(matches!(
        VaultFile::read(dir.path()),
        Err(VaultError::Damaged { .. })
    ));
    // The .bak stands in for a damaged file.
    std::fs::write(dir.path().join("vault.json.bak"), file.to_bytes()).unwrap();
    assert_eq!(VaultFile::read(dir.path()).unwrap(), Some(file.clone()));

    let mut newer: serde_json::Value = serde_json::from_slice(&file.to_bytes()).unwrap();
    newer["format"] = 2.into();
    std::fs::write(dir.path().join(VAULT_FILE), newer.to_string()).unwrap();
    assert!(matches!(
        VaultFile::read(dir.path()),
        Err(VaultError::Newer { format: 2, .. })
    ));
}

#[test]
fn a_changed_byte_in_an_encrypted_file_is_refused_not_read() {
    let key = NotebookKey::generate();
    let mut sealed = key.seal(b"the words of a teacher").unwrap();
    let last = sealed.len() - 3;
    sealed[last] ^= 0x01;
    assert!(key.open(&sealed).is_err());
    // Nor does another notebook's key read it.
    let sealed = key.seal(b"the words of a teacher").unwrap();
    assert!(NotebookKey::generate().open(&sealed).is_err());
}

#[test]
fn the_seal_writes_plain_until_encrypting_and_refuses_to_write_while_locked() {
    let seal = Seal::default();
    assert_eq!(&*seal.seal(b"x").unwrap(), b"x");
    seal.set_encrypt_writes(true);
    assert!(seal.seal(b"x").is_err(), "locked: nothing is written plain");
    let key = NotebookKey::generate();
    seal.unlock(key);
    let sealed = seal.seal(b"{}").unwrap().into_owned();
    assert!(is_encrypted(&sealed));
    assert_eq!(seal.open(sealed.clone()).unwrap(), b"{}");
    assert_eq!(seal.open(b"plain".to_vec()).unwrap(), b"plain");
    seal.lock();
    assert_eq!(seal.open(sealed), Err(seal::OpenError::Locked));
}

#[test]
fn the_strength_hint_refuses_short_and_common_passphrases() {
    assert_eq!(strength("short"), Strength::TooWeak);
    assert_eq!(strength("Password"), Strength::TooWeak);
    assert_eq!(strength("abcdefghi"), Strength::Weak);
    assert_eq!(strength("abcdefghijkl"), Strength::Fair);
    assert_eq!(strength("my class sings on fridays"), Strength::Strong);
    assert!(!Strength::TooWeak.is_acceptable());
    assert!(Strength::Weak.is_acceptable());
}

#[test]
fn hex_round_trips_and_refuses_what_is_not_hex() {
    let bytes = [0u8, 1, 0xab, 0xff];
    assert_eq!(unhex(&hex(&bytes)).unwrap(), bytes);
    assert!(unhex("abc").is_none());
    assert!(unhex("zz").is_none());
}
