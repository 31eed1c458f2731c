//! Every step of every change the store makes (saves with the version each
//! keeps in its history, moves to and out of the trash, removing from the
//! trash for good, a replacement by an import), failing with every error a
//! disk gives: a full disk (ENOSPC), a failing drive (EIO), no permission
//! (EACCES), a read-only mount (EROFS) and a used-up quota (EDQUOT).
//!
//! For each file kind, the change is first run once to count how often it
//! reaches each step; then, for every one of those step occurrences and every
//! error, a fresh data folder is made, that one occurrence fails, and:
//! - the previous version is intact and readable (in the file, or, when the
//!   failure came after the new version was in place, in its `.bak`);
//! - the error names the file and the cause, and says the cause only once;
//! - no temporary file is left behind;
//! - once the fault clears, trying again succeeds and gives the new version.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]
#![cfg(unix)]

#[path = "store_support.rs"]
mod support;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pl_reflect::clock::Timestamp;
use pl_reflect::coach::CoachSession;
use pl_reflect::store::{
    Access, Disk, FaultPlan, READ_ONLY_FS_REASON, Step, Store, StoreError, backup_path,
};
use support::{reflection, teacher};

/// Linux error numbers.
const ERRORS: [(&str, i32); 5] = [
    ("ENOSPC", 28),
    ("EIO", 5),
    ("EACCES", 13),
    ("EROFS", 30),
    ("EDQUOT", 122),
];

#[derive(Debug, Default)]
struct PlanState {
    seen: BTreeMap<Step, usize>,
    /// Fail the `n`-th time (from 1) this step is reached, with this error.
    fail: Option<(Step, usize, i32)>,
    fired: bool,
}

/// Fails one chosen occurrence of one step, and counts every step.
#[derive(Debug, Default)]
struct Plan(Mutex<PlanState>);

impl Plan {
    fn state(&self) -> std::sync::MutexGuard<'_, PlanState> {
        self.0.lock().unwrap()
    }

    fn arm(&self, step: Step, occurrence: usize, errno: i32) {
        *self.state() = PlanState {
            fail: Some((step, occurrence, errno)),
            ..PlanState::default()
        };
    }

    fn disarm(&self) {
        *self.state() = PlanState::default();
    }
}

impl FaultPlan for Plan {
    fn before(&self, step: Step, _path: &Path) -> io::Result<()> {
        let mut state = self.state();
        let seen = state.seen.entry(step).or_default();
        *seen += 1;
        let seen = *seen;
        match state.fail {
            Some((failing, occurrence, errno))
                if failing == step && occurrence == seen && !state.fired =>
            {
                state.fired = true;
                Err(io::Error::from_raw_os_error(errno))
            }
            _ => Ok(()),
        }
    }
}

/// One kind of change: how to set up the previous version, make the change,
/// and read back what is there.
struct Kind {
    name: &'static str,
    /// The file the change is about, relative to the data folder.
    file: &'static str,
    setup: fn(&Store),
    change: fn(&Store) -> Result<(), StoreError>,
    /// What the data folder holds of this record, as comparable text:
    /// `(where it is, its content)`.
    read: fn(&Store) -> Option<(String, String)>,
}

fn session(title: &str) -> CoachSession {
    let mut session = CoachSession::new(
        "t-1",
        "2026-03-02",
        Timestamp("2026-03-01T10:00:00Z".into()),
    )
    .unwrap();
    session.id = "s-faults".to_owned();
    session.title = Some(title.to_owned());
    session
}

fn reflection_titled(title: &str) -> pl_reflect::reflection::Reflection {
    let mut r = reflection("r-faults", "t-1", 6);
    r.title = title.to_owned();
    r
}

const KINDS: &[Kind] = &[
    Kind {
        name: "reflection save",
        file: "reflections/r-faults.json",
        setup: |store| {
            store
                .save_reflection(&reflection_titled("previous"))
                .unwrap();
        },
        change: |store| store.save_reflection(&reflection_titled("new")),
        read: |store| {
            store
                .load_reflection("r-faults")
                .ok()
                .map(|s| ("reflections".into(), s.reflection.title))
        },
    },
    Kind {
        name: "reflection save over a file placed by hand (0644), so the .bak is a copy",
        file: "reflections/r-faults.json",
        setup: |store| {
            use std::os::unix::fs::PermissionsExt;
            let path = store.reflection_path("r-faults").unwrap();
            let bytes = serde_json::to_vec_pretty(&reflection_titled("previous")).unwrap();
            std::fs::write(&path, bytes).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        },
        change: |store| store.save_reflection(&reflection_titled("new")),
        read: |store| {
            store
                .load_reflection("r-faults")
                .ok()
                .map(|s| ("reflections".into(), s.reflection.title))
        },
    },
    Kind {
        name: "first reflection save",
        file: "reflections/r-faults.json",
        setup: |_| {},
        change: |store| store.save_reflection(&reflection_titled("new")),
        read: |store| {
            store
                .load_reflection("r-faults")
                .ok()
                .map(|s| ("reflections".into(), s.reflection.title))
        },
    },
    Kind {
        name: "session save",
        file: "sessions/s-faults.json",
        setup: |store| store.save_session(&session("previous")).unwrap(),
        change: |store| store.save_session(&session("new")),
        read: |store| {
            store
                .load_session("s-faults")
                .ok()
                .map(|s| ("sessions".into(), s.session.title.unwrap_or_default()))
        },
    },
    Kind {
        name: "teachers save",
        file: "teachers.json",
        setup: |store| store.save_teachers(&[teacher("t-1", "previous")]).unwrap(),
        change: |store| store.save_teachers(&[teacher("t-1", "new")]),
        read: |store| {
            let (teachers, problem) = store.load_teachers();
            assert_eq!(problem, None);
            teachers
                .first()
                .map(|t| ("teachers".into(), t.name.clone()))
        },
    },
    Kind {
        name: "settings save",
        file: "settings.json",
        setup: |store| {
            store
                .save_settings(&serde_json::json!({"theme": "previous", "zoom": 1.0}))
                .unwrap();
        },
        change: |store| store.save_settings(&serde_json::json!({"theme": "new", "zoom": 1.0})),
        read: |store| {
            let file = pl_reflect::store::read_settings(store.dir());
            assert_eq!(file.read_only, None);
            let theme = file.fields.get("theme")?.as_str()?.to_owned();
            Some(("settings".into(), theme))
        },
    },
    Kind {
        name: "reflection to the trash",
        file: "reflections/r-faults.json",
        setup: |store| {
            store
                .save_reflection(&reflection_titled("previous"))
                .unwrap();
            store
                .save_reflection(&reflection_titled("previous"))
                .unwrap();
        },
        change: |store| store.delete_reflection("r-faults"),
        read: read_reflection_anywhere,
    },
    Kind {
        name: "reflection out of the trash",
        file: "reflections/r-faults.json",
        setup: |store| {
            store
                .save_reflection(&reflection_titled("previous"))
                .unwrap();
            store
                .save_reflection(&reflection_titled("previous"))
                .unwrap();
            store.delete_reflection("r-faults").unwrap();
        },
        change: |store| store.restore_reflection("r-faults"),
        read: read_reflection_anywhere,
    },
    Kind {
        name: "reflection removed from the trash for good, with its history",
        file: "trash/r-faults.json",
        setup: |store| {
            store
                .save_reflection(&reflection_titled("previous"))
                .unwrap();
            store
                .save_reflection(&reflection_titled("previous, saved again"))
                .unwrap();
            store.delete_reflection("r-faults").unwrap();
        },
        change: |store| store.remove_reflection_for_good("r-faults").map(|_| ()),
        read: read_reflection_anywhere,
    },
    Kind {
        name: "reflection replaced by an import, keeping the old one",
        file: "reflections/r-faults.json",
        setup: |store| {
            store
                .save_reflection(&reflection_titled("previous"))
                .unwrap();
            store
                .save_reflection(&reflection_titled("previous"))
                .unwrap();
        },
        change: |store| {
            store
                .replace_reflection(&reflection_titled("new"))
                .map(|_| ())
        },
        read: |store| {
            store
                .load_reflection("r-faults")
                .ok()
                .map(|s| ("reflections".into(), s.reflection.title))
        },
    },
    Kind {
        name: "session to the trash",
        file: "sessions/s-faults.json",
        setup: |store| {
            store.save_session(&session("previous")).unwrap();
            store.save_session(&session("previous")).unwrap();
        },
        change: |store| store.delete_session("s-faults"),
        read: |store| {
            if let Ok(s) = store.load_session("s-faults") {
                return Some(("sessions".into(), s.session.title.unwrap_or_default()));
            }
            let (trashed, _) = store.list_trashed_sessions();
            trashed
                .into_iter()
                .find(|s| s.session.id == "s-faults")
                .map(|s| ("trash".into(), s.session.title.unwrap_or_default()))
        },
    },
];

/// Where the reflection is (its folder or the trash) and its title.
fn read_reflection_anywhere(store: &Store) -> Option<(String, String)> {
    if let Ok(stored) = store.load_reflection("r-faults") {
        return Some(("reflections".into(), stored.reflection.title));
    }
    let (trashed, _) = store.list_trash();
    trashed
        .into_iter()
        .find(|h| h.id == "r-faults")
        .map(|h| ("trash".into(), h.title))
}

fn open(dir: &Path, plan: &Arc<Plan>) -> Store {
    let disk = Disk::with_faults(plan.clone());
    let store = Store::open_on(
        dir,
        Access::Write {
            wait: Duration::ZERO,
        },
        disk,
    )
    .unwrap();
    assert_eq!(store.read_only_reason(), None);
    store
}

/// Every temporary file anywhere in the data folder.
fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.to_string_lossy().contains(".tmp-") {
                found.push(path);
            }
        }
    }
    found
}

/// How often `kind`'s change reaches each step.
fn steps_of(kind: &Kind) -> BTreeMap<Step, usize> {
    let temp = tempfile::tempdir().unwrap();
    let plan = Arc::new(Plan::default());
    let store = open(temp.path(), &plan);
    (kind.setup)(&store);
    plan.disarm();
    (kind.change)(&store).unwrap();
    let seen = std::mem::take(&mut plan.state().seen);
    drop(store);
    seen
}

#[test]
fn every_step_of_every_change_can_fail_without_losing_anything() {
    let mut cases = 0;
    let mut per_kind = Vec::new();
    for kind in KINDS {
        let steps = steps_of(kind);
        let mut kind_cases = 0;
        for (&step, &times) in &steps {
            for occurrence in 1..=times {
                for (error_name, errno) in ERRORS {
                    let case = format!("{} / {step:?} #{occurrence} / {error_name}", kind.name);
                    one_case(kind, step, occurrence, errno, &case);
                    cases += 1;
                    kind_cases += 1;
                }
            }
        }
        per_kind.push(format!("{}: {kind_cases} ({steps:?})", kind.name));
    }
    println!("fault cases: {cases}");
    for line in &per_kind {
        println!("  {line}");
    }
    // Every step of a change is reached by some kind, so none goes untested.
    let reached: std::collections::BTreeSet<Step> =
        KINDS.iter().flat_map(|k| steps_of(k).into_keys()).collect();
    for step in Step::CHANGES {
        assert!(reached.contains(&step), "no change reaches {step:?}");
    }
    assert!(cases >= 200, "only {cases} cases");
}

fn one_case(kind: &Kind, step: Step, occurrence: usize, errno: i32, case: &str) {
    let temp = tempfile::tempdir().unwrap();
    let plan = Arc::new(Plan::default());
    let store = open(temp.path(), &plan);
    (kind.setup)(&store);
    let previous = (kind.read)(&store);
    let expected_error = io::Error::from_raw_os_error(errno).to_string();
    let expected_error = expected_error
        .split(" (os error")
        .next()
        .unwrap()
        .to_owned();

    plan.arm(step, occurrence, errno);
    let result = (kind.change)(&store);
    assert!(plan.state().fired, "{case}: the fault was not reached");
    let error = result.expect_err(case);
    plan.disarm();

    // The message names the file and the cause, once, even with the whole chain printed.
    let message = format!("{:#}", anyhow::Error::from(error));
    let file_name = Path::new(kind.file).file_name().unwrap().to_string_lossy();
    assert!(message.contains(&*file_name), "{case}: {message}");
    assert_eq!(
        message.matches(&expected_error).count(),
        1,
        "{case}: {message}"
    );

    // Nothing is lost: the previous version (or, once the new one is in
    // place, the previous one in the .bak) is there and readable.
    let after = (kind.read)(&store);
    if after != previous {
        assert_eq!(
            after.as_ref().map(|(_, content)| content.as_str()),
            Some("new"),
            "{case}: neither the previous nor the new version: {after:?}"
        );
        if let Some((_, content)) = &previous {
            let backup = std::fs::read_to_string(backup_path(&temp.path().join(kind.file)))
                .unwrap_or_default();
            assert!(
                backup.contains(content.as_str()),
                "{case}: the previous version is not in the .bak"
            );
        }
    }
    assert_eq!(
        temporary_files(temp.path()),
        Vec::<PathBuf>::new(),
        "{case}"
    );

    // Once the fault clears, trying again (in the same window) works.
    (kind.change)(&store).unwrap_or_else(|e| panic!("{case}: the retry failed: {e}"));
    let done = (kind.read)(&store);
    let moved = kind.name.contains("trash");
    if kind.name.contains("for good") {
        assert_eq!(done, None, "{case}: still there after the retry");
    } else if moved {
        assert_ne!(
            done.as_ref().map(|(place, _)| place),
            previous.as_ref().map(|(place, _)| place),
            "{case}"
        );
        assert_eq!(done.map(|(_, c)| c), previous.map(|(_, c)| c), "{case}");
    } else {
        assert_eq!(done.map(|(_, c)| c), Some("new".to_owned()), "{case}");
    }
    assert_eq!(
        temporary_files(temp.path()),
        Vec::<PathBuf>::new(),
        "{case}"
    );
}

#[test]
fn a_read_only_file_system_is_named_as_such() {
    let temp = tempfile::tempdir().unwrap();
    let plan = Arc::new(Plan::default());
    plan.arm(Step::OpenLock, 1, 30);
    let store = Store::open_on(
        temp.path(),
        Access::Write {
            wait: Duration::ZERO,
        },
        Disk::with_faults(plan.clone()),
    )
    .unwrap();
    assert_eq!(store.read_only_reason(), Some(READ_ONLY_FS_REASON));
    let message = store
        .save_teachers(&[teacher("t-1", "Ms. Okafor")])
        .unwrap_err()
        .to_string();
    assert!(message.contains("read-only file system"), "{message}");
    assert!(!message.contains("other"), "{message}");
    assert!(!message.contains("window"), "{message}");
    assert!(store.check_writable().is_err());
}

#[test]
fn a_full_disk_is_said_once() {
    let temp = tempfile::tempdir().unwrap();
    let plan = Arc::new(Plan::default());
    let store = open(temp.path(), &plan);
    plan.arm(Step::Write, 1, 28);
    let error = store
        .save_reflection(&reflection_titled("new"))
        .unwrap_err();
    for shown in [
        error.to_string(),
        format!("{:#}", anyhow::Error::from(error)),
    ] {
        assert_eq!(
            shown.matches("No space left on device").count(),
            1,
            "{shown}"
        );
        assert!(shown.contains("free some disk space"), "{shown}");
    }
}
