//! `settings.json` keeps both format promises: a file from a newer version is
//! used read-only (defaults in memory) and never rewritten, and fields this
//! version does not know survive every save.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "store_support.rs"]
mod support;

use std::fs;

use pl_reflect::store::{SETTINGS_FILE, read_settings};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use support::open;

/// The shape of the window's preferences, as the window keeps them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Preferences {
    format: u32,
    theme: String,
    zoom: f32,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            format: 1,
            theme: "system".to_owned(),
            zoom: 1.0,
        }
    }
}

fn on_disk(dir: &std::path::Path) -> Value {
    serde_json::from_slice(&fs::read(dir.join(SETTINGS_FILE)).unwrap()).unwrap()
}

#[test]
fn settings_from_a_newer_format_are_used_read_only_with_defaults_and_never_rewritten() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let newer = br#"{"format":9,"theme":"light","zoom":1.0,"zz_set":"keep"}"#;
    fs::write(temp.path().join(SETTINGS_FILE), newer).unwrap();

    let file = read_settings(temp.path());
    let reason = file.read_only.clone().expect("read-only");
    assert!(reason.contains("newer version"), "{reason}");
    assert!(reason.contains("format 9"), "{reason}");
    assert_eq!(file.settings::<Preferences>(), Preferences::default());

    let changed = Preferences {
        theme: "dark".to_owned(),
        ..Preferences::default()
    };
    let error = store.save_settings(&changed).unwrap_err().to_string();
    assert!(error.contains("settings.json"), "{error}");
    assert!(error.contains("newer version"), "{error}");
    assert!(file.bytes_for(&changed).is_err());
    assert_eq!(fs::read(temp.path().join(SETTINGS_FILE)).unwrap(), newer);
    assert!(!temp.path().join("settings.json.bak").exists());
}

#[test]
fn unknown_settings_survive_every_save() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    fs::write(
        temp.path().join(SETTINGS_FILE),
        br#"{"format":1,"theme":"light","zoom":1.0,"zz_set":"keep","nested":{"a":[1,2]}}"#,
    )
    .unwrap();
    let file = read_settings(temp.path());
    assert_eq!(file.read_only, None);
    let mut prefs: Preferences = file.settings();
    assert_eq!(prefs.theme, "light");

    prefs.theme = "dark".to_owned();
    store.save_settings(&prefs).unwrap();
    prefs.zoom = 1.5;
    store.save_settings(&prefs).unwrap();
    let saved = on_disk(temp.path());
    assert_eq!(saved["format"], 1);
    assert_eq!(saved["theme"], "dark");
    assert_eq!(saved["zoom"], 1.5);
    assert_eq!(saved["zz_set"], "keep");
    assert_eq!(saved["nested"], json!({"a": [1, 2]}));

    // The bytes the window hands to its saving thread keep them too.
    let bytes = read_settings(temp.path()).bytes_for(&prefs).unwrap();
    let value: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(value["zz_set"], "keep");
    assert_eq!(read_settings(temp.path()).settings::<Preferences>(), prefs);
}

#[test]
fn missing_and_damaged_settings() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let missing = read_settings(temp.path());
    assert_eq!(missing.read_only, None);
    assert_eq!(missing.settings::<Preferences>(), Preferences::default());
    store.save_settings(&Preferences::default()).unwrap();
    assert_eq!(on_disk(temp.path())["theme"], "system");

    // A damaged file is left as it is, and said so once.
    let damaged = b"{\"format\": 1, \"theme\": ";
    fs::write(temp.path().join(SETTINGS_FILE), damaged).unwrap();
    let file = read_settings(temp.path());
    let reason = file.read_only.clone().expect("read-only");
    assert!(reason.contains("could not be read"), "{reason}");
    assert_eq!(file.settings::<Preferences>(), Preferences::default());
    assert!(store.save_settings(&Preferences::default()).is_err());
    assert_eq!(fs::read(temp.path().join(SETTINGS_FILE)).unwrap(), damaged);
}
