//! What a save leaves on disk in awkward states: a file hard-linked to its
//! backup, a file placed with wide permissions, a folder open to others, a
//! reflection file that is a symbolic link.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]
#![cfg(unix)]

#[path = "store_support.rs"]
mod support;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use pl_reflect::store::backup_path;
use support::{open, reflection, teacher};

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every entry of `dir` whose name has the shape of a temporary file.
fn temps(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".tmp-"))
        .collect()
}

#[test]
fn a_file_hard_linked_to_its_backup_saves_without_leaving_a_temporary_file() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let mut r = reflection("r-linked", "t-1", 3);
    store.save_reflection(&r).unwrap();
    let path = store.reflection_path("r-linked").unwrap();
    let backup = backup_path(&path);
    // The state a kill between two steps can leave: both names, one file.
    let _ = fs::remove_file(&backup);
    fs::hard_link(&path, &backup).unwrap();
    let before = fs::read(&path).unwrap();
    r.title = "Changed".to_owned();
    store.save_reflection(&r).unwrap();
    assert_eq!(temps(&store.reflections_dir()), Vec::<String>::new());
    assert_eq!(
        fs::read(&backup).unwrap(),
        before,
        "the .bak holds the previous version"
    );
    assert_eq!(
        store.load_reflection("r-linked").unwrap().reflection.title,
        "Changed"
    );
    assert_ne!(
        fs::metadata(&path).unwrap().ino(),
        fs::metadata(&backup).unwrap().ino()
    );
    assert_eq!(fs::metadata(&backup).unwrap().nlink(), 1);
}

#[test]
fn every_file_is_0600_and_every_folder_0700_even_when_placed_wider() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    for folder in ["", "reflections", "trash", "sessions", "exports"] {
        fs::create_dir_all(data.join(folder)).unwrap();
        fs::set_permissions(data.join(folder), fs::Permissions::from_mode(0o755)).unwrap();
    }
    // A reflection and a teachers file the user copied in, readable by everyone.
    let r = reflection("r-placed", "t-1", 4);
    let path = data.join("reflections/r-placed.json");
    fs::write(&path, serde_json::to_vec_pretty(&r).unwrap()).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    fs::write(data.join(".lock"), "").unwrap();
    fs::set_permissions(data.join(".lock"), fs::Permissions::from_mode(0o644)).unwrap();

    let store = open(&data);
    for folder in ["", "reflections", "trash", "sessions", "exports"] {
        assert_eq!(mode(&data.join(folder)), 0o700, "folder {folder:?}");
    }
    assert_eq!(mode(&data.join(".lock")), 0o600);
    let mut changed = r.clone();
    changed.title = "Saved again".to_owned();
    store.save_reflection(&changed).unwrap();
    store.save_reflection(&changed).unwrap();
    store
        .save_teachers(&[teacher("t-1", "Ms. Okafor")])
        .unwrap();
    store
        .save_teachers(&[teacher("t-1", "Ms. Okafor B.")])
        .unwrap();
    for file in [
        path.clone(),
        backup_path(&path),
        data.join("teachers.json"),
        backup_path(&data.join("teachers.json")),
    ] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    // The very first .bak, made from the 0644 file, is a copy of its own.
    store.delete_reflection("r-placed").unwrap();
    assert_eq!(mode(&data.join("trash/r-placed.json")), 0o600);

    // The folder exports fall back to is made private too, new or old.
    let fallback = temp.path().join("elsewhere/exports");
    pl_reflect::store::create_private_folder(&fallback).unwrap();
    assert_eq!(mode(&fallback), 0o700);
    fs::set_permissions(&fallback, fs::Permissions::from_mode(0o755)).unwrap();
    pl_reflect::store::create_private_folder(&fallback).unwrap();
    assert_eq!(mode(&fallback), 0o700);
}

#[test]
fn a_backup_of_a_symlinked_reflection_is_a_regular_file_inside_the_folder() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    let store = open(&data);
    let r = reflection("r-linked-out", "t-1", 2);
    let outside = temp.path().join("outside.json");
    fs::write(&outside, serde_json::to_vec_pretty(&r).unwrap()).unwrap();
    let outside_before = fs::read(&outside).unwrap();
    let path = store.reflection_path("r-linked-out").unwrap();
    std::os::unix::fs::symlink(&outside, &path).unwrap();

    let mut changed = r.clone();
    changed.title = "Mine now".to_owned();
    store.save_reflection(&changed).unwrap();

    let backup = backup_path(&path);
    let meta = fs::symlink_metadata(&backup).unwrap();
    assert!(
        meta.file_type().is_file(),
        "the .bak is a {:?}",
        meta.file_type()
    );
    assert_eq!(fs::read(&backup).unwrap(), outside_before);
    assert_eq!(mode(&backup), 0o600);
    assert!(fs::symlink_metadata(&path).unwrap().file_type().is_file());
    assert_eq!(
        fs::read(&outside).unwrap(),
        outside_before,
        "the outside file is untouched"
    );
    assert_eq!(
        store
            .load_reflection("r-linked-out")
            .unwrap()
            .reflection
            .title,
        "Mine now"
    );
}
