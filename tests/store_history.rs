//! Every version kept: the history the store writes beside each reflection
//! and session. Versions are recorded by saves that change the content, kept
//! by the retention rule over simulated days (the clock injected), go to the
//! trash and back with their record, and a damaged version file is reported
//! and kept without ever standing in the way of the record itself. A writer
//! killed with SIGKILL mid-save leaves the record and every version readable.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "store_support.rs"]
mod support;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use pl_reflect::clock::Timestamp;
use pl_reflect::coach::CoachSession;
use pl_reflect::reflection::changes::{describe, restore_all, restore_part};
use pl_reflect::reflection::{Answer, Reflection};
use pl_reflect::store::{Access, Origin, ProblemKind, Store};
use support::{open, reflection, teacher};

const MINUTE: u64 = 60 * 1000;
const DAY: u64 = 24 * 60 * MINUTE;
/// 2026-09-07T08:00:00Z, a Monday.
const START: u64 = 1_788_768_000_000;

/// A store whose clock is `clock`, in milliseconds since 1970.
fn open_at(dir: &Path, clock: &Arc<AtomicU64>) -> Store {
    let clock = Arc::clone(clock);
    open(dir).with_clock(Arc::new(move || clock.load(Ordering::SeqCst)))
}

fn with_text(mut r: Reflection, item: &str, text: &str) -> Reflection {
    r.answers.insert(
        item.to_owned(),
        Answer {
            text: text.to_owned(),
            ..Answer::default()
        },
    );
    r
}

fn version_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|e| e.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn a_save_that_changes_the_content_keeps_a_version_and_one_that_does_not_keeps_none() {
    let temp = tempfile::tempdir().unwrap();
    let clock = Arc::new(AtomicU64::new(START));
    let store = open_at(temp.path(), &clock);
    store
        .save_teachers(&[teacher("t-1", "Ms. Rivera")])
        .unwrap();
    let mut r = reflection("r-1", "t-1", 3);
    store.save_reflection(&r).unwrap();
    clock.fetch_add(1000, Ordering::SeqCst);
    // Only the time changed: no new version.
    r.updated = Timestamp("2026-09-07T08:00:01Z".into());
    store.save_reflection(&r).unwrap();
    assert_eq!(store.reflection_history("r-1").unwrap().versions.len(), 1);
    r = with_text(r, "item-00", "A second thought.");
    store.save_reflection(&r).unwrap();
    // Two saves in the same millisecond still get a version each, in order.
    r = with_text(r, "item-00", "A third thought.");
    store.save_reflection(&r).unwrap();

    let history = store.reflection_history("r-1").unwrap();
    assert!(history.problems.is_empty(), "{:?}", history.problems);
    assert!(!history.in_trash);
    let texts: Vec<&str> = history
        .versions
        .iter()
        .map(|v| v.record.answers["item-00"].text.as_str())
        .collect();
    assert_eq!(texts[1..], ["A second thought.", "A third thought."]);
    assert!(
        history
            .versions
            .windows(2)
            .all(|w| w[0].info.millis < w[1].info.millis)
    );
    assert_eq!(history.versions[0].info.id, "20260907T080000.000Z");
    // Each version is the record's file as it was saved: the last is the file itself.
    let last = &history.versions[2].info.path;
    assert_eq!(
        std::fs::read(last).unwrap(),
        std::fs::read(store.reflection_path("r-1").unwrap()).unwrap()
    );
    assert_eq!(
        history.find("2").unwrap().record.answers["item-00"].text,
        "A second thought."
    );
    assert_eq!(
        history.find("20260907T080001.001Z").map(|v| v.info.millis),
        Some(START + 1001)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(last), 0o600, "a version is its owner's only");
        assert_eq!(mode(&history.dir), 0o700);
        assert_eq!(mode(&store.history_root()), 0o700);
    }
    assert!(store.check().is_empty(), "{:?}", store.check());
}

#[test]
fn a_reflection_from_before_history_keeps_its_old_state_as_its_first_version() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let old = with_text(
        reflection("r-old", "t-1", 2),
        "item-00",
        "Written last year.",
    );
    // As an older PL Reflect left it: a file, no history.
    std::fs::create_dir_all(temp.path().join("reflections")).unwrap();
    std::fs::write(
        store.reflection_path("r-old").unwrap(),
        serde_json::to_vec_pretty(&old).unwrap(),
    )
    .unwrap();
    let new = with_text(old.clone(), "item-00", "Overwritten today.");
    store.save_reflection(&new).unwrap();
    let history = store.reflection_history("r-old").unwrap();
    assert_eq!(history.versions.len(), 2);
    assert_eq!(history.versions[0].record, old);
    assert_eq!(history.versions[1].record, new);
}

#[test]
fn versions_are_kept_and_pruned_across_simulated_days() {
    let temp = tempfile::tempdir().unwrap();
    let clock = Arc::new(AtomicU64::new(START));
    let store = open_at(temp.path(), &clock);
    let mut r = reflection("r-days", "t-1", 2);
    // Five days; each evening one sitting of 30 saves, 20 s apart.
    for day in 0..5 {
        for n in 0..30 {
            clock.store(
                START + day * DAY + 10 * 60 * MINUTE + n * 20_000,
                Ordering::SeqCst,
            );
            r = with_text(r, "item-00", &format!("day {day}, save {n}"));
            store.save_reflection(&r).unwrap();
        }
    }
    // A record's versions are looked at for pruning at most once an hour, so
    // each day's first save prunes the versions that are more than a day old.
    let history = store.reflection_history("r-days").unwrap();
    let of_day = |day: u64| -> Vec<String> {
        history
            .versions
            .iter()
            .map(|v| v.record.answers["item-00"].text.clone())
            .filter(|t| t.starts_with(&format!("day {day},")))
            .collect()
    };
    // Days 0 to 2: the last version of the sitting.
    for day in 0..3 {
        assert_eq!(of_day(day), [format!("day {day}, save 29")]);
    }
    // Day 3 was less than a day old at day 4's first save: all but its first.
    assert_eq!(of_day(3).len(), 29);
    assert_eq!(of_day(3).last().unwrap(), "day 3, save 29");
    // The last sitting, whole.
    let day_4: Vec<String> = (0..30).map(|n| format!("day 4, save {n}")).collect();
    assert_eq!(of_day(4), day_4);
    // A week later, opening the notebook prunes even a record not edited again.
    clock.store(START + 12 * DAY, Ordering::SeqCst);
    assert_eq!(store.prune_history(), 28 + 29);
    let left = store.reflection_history("r-days").unwrap().versions.len();
    assert_eq!(left, 5, "one version per editing session, for ever");
}

#[test]
fn an_imported_version_stays_the_first_version_for_ever() {
    let temp = tempfile::tempdir().unwrap();
    let clock = Arc::new(AtomicU64::new(START));
    let store = open_at(temp.path(), &clock);
    let imported = with_text(
        reflection("r-imp", "t-1", 1),
        "item-00",
        "As the teacher sent it.",
    );
    store.save_imported_reflection(&imported).unwrap();
    let mut r = imported.clone();
    for n in 0..5 {
        clock.fetch_add(MINUTE, Ordering::SeqCst);
        r = with_text(r, "item-00", &format!("edit {n}"));
        store.save_reflection(&r).unwrap();
    }
    clock.fetch_add(30 * DAY, Ordering::SeqCst);
    store.prune_history();
    let history = store.reflection_history("r-imp").unwrap();
    let kept: Vec<(Origin, String)> = history
        .versions
        .iter()
        .map(|v| (v.info.origin, v.record.answers["item-00"].text.clone()))
        .collect();
    assert_eq!(
        kept,
        [
            (Origin::Imported, "As the teacher sent it.".to_owned()),
            (Origin::Saved, "edit 4".to_owned())
        ]
    );
    assert!(history.versions[0].info.id.ends_with(".imported"));

    // Replacing by an import: the old history goes to the trash with the old
    // version, and the new one begins with the import.
    let newer = with_text(imported.clone(), "item-00", "The teacher's newer file.");
    store.replace_reflection(&newer).unwrap();
    let history = store.reflection_history("r-imp").unwrap();
    assert_eq!(history.versions.len(), 1);
    assert_eq!(history.versions[0].info.origin, Origin::Imported);
    assert_eq!(history.versions[0].record, newer);
    assert_eq!(
        version_files(&store.trashed_history_dir("r-imp").unwrap()).len(),
        2
    );
}

#[test]
fn restoring_one_answer_or_all_is_itself_a_new_version() {
    let temp = tempfile::tempdir().unwrap();
    let clock = Arc::new(AtomicU64::new(START));
    let store = open_at(temp.path(), &clock);
    let mut r = reflection("r-back", "t-1", 0);
    for text in ["first", "second", "third"] {
        clock.fetch_add(MINUTE, Ordering::SeqCst);
        r = with_text(r, "q-1", text);
        r = with_text(r, "q-2", &format!("{text} too"));
        store.save_reflection(&r).unwrap();
    }
    let history = store.reflection_history("r-back").unwrap();
    let first = history.versions[0].record.clone();
    let now = Timestamp("2026-09-08T08:00:00Z".into());
    let mut current = store.load_reflection("r-back").unwrap().reflection;
    assert!(restore_part(&mut current, &first, "q-1", now.clone()).unwrap());
    clock.fetch_add(MINUTE, Ordering::SeqCst);
    store.save_reflection(&current).unwrap();
    let history = store.reflection_history("r-back").unwrap();
    assert_eq!(history.versions.len(), 4);
    let restored = &history.versions[3].record;
    assert_eq!(restored.answers["q-1"].text, "first");
    assert_eq!(restored.answers["q-2"].text, "third too");
    assert_eq!(
        describe(None, Some(&history.versions[2].record), restored),
        "1 answer changed"
    );
    // Undoing the restore is bringing back the version before it.
    let before_restore = history.versions[2].record.clone();
    assert!(restore_all(&mut current, &before_restore, now));
    clock.fetch_add(MINUTE, Ordering::SeqCst);
    store.save_reflection(&current).unwrap();
    let history = store.reflection_history("r-back").unwrap();
    assert_eq!(history.versions.len(), 5);
    assert_eq!(history.versions[4].record.answers, before_restore.answers);
}

#[test]
fn sessions_keep_their_versions_too() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    let mut session = CoachSession::new("t-1", "2026-03-02", Timestamp::now()).unwrap();
    store.save_session(&session).unwrap();
    session.notes = "We talked about stations.".into();
    store.save_session(&session).unwrap();
    let history = store.session_history(&session.id).unwrap();
    assert_eq!(history.versions.len(), 2);
    assert_eq!(
        history.versions[1].record.notes,
        "We talked about stations."
    );
    store.delete_session(&session.id).unwrap();
    let trashed = store.session_history(&session.id).unwrap();
    assert!(trashed.in_trash);
    assert_eq!(trashed.versions.len(), 2);
    store.restore_session(&session.id).unwrap();
    assert!(!store.session_history(&session.id).unwrap().in_trash);
}

#[test]
fn history_goes_to_the_trash_with_its_record_comes_back_and_is_removed_for_good_with_it() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store
        .save_teachers(&[teacher("t-1", "Ms. Rivera")])
        .unwrap();
    let mut r = reflection("r-trash", "t-1", 1);
    store.save_reflection(&r).unwrap();
    r = with_text(r, "item-00", "More");
    store.save_reflection(&r).unwrap();
    let live = store.history_dir("r-trash").unwrap();
    let trashed = store.trashed_history_dir("r-trash").unwrap();

    store.delete_reflection("r-trash").unwrap();
    assert!(!live.exists());
    assert_eq!(version_files(&trashed).len(), 2);
    let contents = store.trash_contents();
    assert_eq!(contents.reflections.len(), 1);
    assert_eq!(contents.versions["r-trash"], 2);
    assert_eq!(
        contents.everything.to_string(),
        "1 reflection and 2 earlier versions"
    );
    assert_eq!(
        store.load_trashed_reflection("r-trash").unwrap().reflection,
        r
    );

    store.restore_reflection("r-trash").unwrap();
    assert_eq!(version_files(&live).len(), 2);
    assert!(!trashed.exists());
    // A late save after a restore still records into the history that came back.
    r = with_text(r, "item-00", "After the restore");
    store.save_reflection(&r).unwrap();
    assert_eq!(
        store.reflection_history("r-trash").unwrap().versions.len(),
        3
    );

    store.delete_reflection("r-trash").unwrap();
    let removed = store.remove_reflection_for_good("r-trash").unwrap();
    assert_eq!(removed.to_string(), "1 reflection and 3 earlier versions");
    assert!(!trashed.exists());
    assert!(!store.trashed_path("r-trash").unwrap().exists());
    assert!(store.remove_reflection_for_good("r-trash").is_err());
    assert!(store.check().is_empty(), "{:?}", store.check());
}

#[test]
fn emptying_the_trash_removes_everything_in_it_and_says_what() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store
        .save_teachers(&[teacher("t-1", "Ms. Rivera")])
        .unwrap();
    for id in ["r-a", "r-b"] {
        store.save_reflection(&reflection(id, "t-1", 1)).unwrap();
    }
    // Replaced by an import, then deleted: the older copy is kept in the
    // trash beside the newer one.
    store
        .replace_reflection(&reflection("r-a", "t-1", 2))
        .unwrap();
    for id in ["r-a", "r-b"] {
        store.delete_reflection(id).unwrap();
    }
    let session = CoachSession::new("t-1", "2026-03-02", Timestamp::now()).unwrap();
    store.save_session(&session).unwrap();
    store.delete_session(&session.id).unwrap();
    // A reflection still in use is not touched.
    store
        .save_reflection(&reflection("r-kept", "t-1", 1))
        .unwrap();

    let everything = store.trash_contents().everything;
    let removed = store.empty_trash().unwrap();
    assert_eq!(removed, everything);
    assert_eq!((removed.reflections, removed.sessions), (2, 1));
    assert!(removed.versions >= 3, "{removed:?}");
    assert!(
        removed.other_files >= 1,
        "the older copy of r-a: {removed:?}"
    );
    assert_eq!(support::all_files(&store.trash_dir()).len(), 0);
    assert!(store.trash_dir().is_dir(), "the trash itself stays");
    assert!(store.load_reflection("r-kept").is_ok());
    assert_eq!(
        store.reflection_history("r-kept").unwrap().versions.len(),
        1
    );
    assert_eq!(store.trash_contents().everything.to_string(), "nothing");
}

#[test]
fn a_damaged_version_is_reported_and_kept_and_never_blocks_the_reflection() {
    let temp = tempfile::tempdir().unwrap();
    let clock = Arc::new(AtomicU64::new(START));
    let store = open_at(temp.path(), &clock);
    store
        .save_teachers(&[teacher("t-1", "Ms. Rivera")])
        .unwrap();
    let mut r = reflection("r-dmg", "t-1", 1);
    for n in 0..3 {
        clock.fetch_add(MINUTE, Ordering::SeqCst);
        r = with_text(r, "item-00", &format!("version {n}"));
        store.save_reflection(&r).unwrap();
    }
    let files = version_files(&store.history_dir("r-dmg").unwrap());
    // The middle version cut short, the newest turned to binary.
    let cut = std::fs::read(&files[1]).unwrap();
    std::fs::write(&files[1], &cut[..cut.len() / 2]).unwrap();
    std::fs::write(&files[2], [0xff, 0xfe, 0x00, 0x01]).unwrap();

    // The reflection opens and saves as ever, and keeps recording versions.
    drop(store);
    let reopened = open_at(temp.path(), &clock);
    assert_eq!(reopened.load_reflection("r-dmg").unwrap().reflection, r);
    assert!(reopened.load().problems.is_empty());
    clock.fetch_add(MINUTE, Ordering::SeqCst);
    r = with_text(r, "item-00", "after the damage");
    reopened.save_reflection(&r).unwrap();

    let history = reopened.reflection_history("r-dmg").unwrap();
    let texts: Vec<&str> = history
        .versions
        .iter()
        .map(|v| v.record.answers["item-00"].text.as_str())
        .collect();
    assert_eq!(texts, ["version 0", "after the damage"]);
    assert_eq!(history.problems.len(), 2);
    for problem in &history.problems {
        assert_eq!(problem.kind, ProblemKind::Unreadable);
        assert!(problem.message.contains("kept as it is"), "{problem}");
        assert!(files.contains(&problem.path), "{problem}");
    }
    // `check` names them too.
    let problems = reopened.check();
    let unreadable: Vec<&PathBuf> = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Unreadable)
        .map(|p| &p.path)
        .collect();
    assert_eq!(unreadable, [&files[1], &files[2]]);

    // Long after, pruning removes what is past keeping but never a damaged file.
    clock.fetch_add(90 * DAY, Ordering::SeqCst);
    reopened.prune_history();
    assert!(
        files[1].exists() && files[2].exists(),
        "damaged versions are kept"
    );
}

#[test]
fn a_reflection_from_a_newer_version_gains_no_history() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    std::fs::create_dir_all(temp.path().join("reflections")).unwrap();
    let path = store.reflection_path("r-newer").unwrap();
    let mut value = serde_json::to_value(reflection("r-newer", "t-1", 1)).unwrap();
    value["format"] = serde_json::json!(99);
    std::fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    let stored = store.load_reflection("r-newer").unwrap();
    assert!(stored.read_only.is_some());
    assert!(store.save_reflection(&stored.reflection).is_err());
    assert!(!store.history_dir("r-newer").unwrap().exists());
    assert_eq!(store.version_count("r-newer"), 0);
}

const CHILD_ENV: &str = "PL_REFLECT_HISTORY_CRASH_CHILD";
const CRASH_TEST: &str = "a_killed_writer_leaves_the_record_and_its_history_readable";

#[test]
fn a_killed_writer_leaves_the_record_and_its_history_readable() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        save_forever(Path::new(&dir));
    }
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    {
        let store = open(dir);
        store
            .save_teachers(&[teacher("t-1", "Ms. Okafor")])
            .unwrap();
        store
            .save_reflection(&with_text(reflection("r-crash", "t-1", 20), "item-00", "0"))
            .unwrap();
    }
    let mut rng = support::Rng::from_time();
    eprintln!("history crash test seed: {}", rng.seed());
    let started = Instant::now();
    let (mut kills, mut last_generation) = (0, 0u64);
    while kills < 40 && started.elapsed() < Duration::from_secs(15) {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", CRASH_TEST, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while !line.contains("READY") {
            line.clear();
            assert!(
                stdout.read_line(&mut line).unwrap() > 0,
                "the writer ended early"
            );
        }
        std::thread::sleep(Duration::from_millis(rng.below(25)));
        assert!(
            child.try_wait().unwrap().is_none(),
            "the writer stopped on its own"
        );
        child.kill().unwrap();
        child.wait().unwrap();
        kills += 1;

        let store = Store::open(dir, Access::ReadOnly).unwrap();
        let current = store
            .load_reflection("r-crash")
            .expect("the record is readable");
        let generation: u64 = current.reflection.answers["item-00"].text.parse().unwrap();
        assert!(
            generation >= last_generation,
            "went back from {last_generation}"
        );
        last_generation = generation;
        let history = store.reflection_history("r-crash").unwrap();
        assert!(
            history.problems.is_empty(),
            "after a kill: {:?}",
            history.problems
        );
        // A version is kept before the record is written: the newest version
        // is the record as it is, or the save that the kill interrupted.
        let newest: u64 = history.versions.last().unwrap().record.answers["item-00"]
            .text
            .parse()
            .unwrap();
        assert!(
            newest == generation || newest == generation + 1,
            "{newest} vs {generation}"
        );
        let leftovers = store.check();
        assert!(
            leftovers
                .iter()
                .all(|p| p.kind == ProblemKind::StrayTempFile),
            "{leftovers:?}"
        );
    }
    assert!(kills >= 15, "only {kills} kills fit in the time budget");
    assert!(last_generation > 0, "the writer never got a save through");
    let store = open(dir);
    // A writable store cleans the history's leftovers on its next save there.
    let mut r = store.load_reflection("r-crash").unwrap().reflection;
    r = with_text(r, "item-00", &(last_generation + 10).to_string());
    store.save_reflection(&r).unwrap();
    assert!(store.check().is_empty(), "{:?}", store.check());
}

/// The child: save a new generation of the reflection until killed.
fn save_forever(dir: &Path) -> ! {
    let store = Store::open(
        PathBuf::from(dir),
        Access::Write {
            wait: Duration::from_secs(10),
        },
    )
    .unwrap();
    let mut r = store.load_reflection("r-crash").unwrap().reflection;
    let mut generation: u64 = r.answers["item-00"].text.parse().unwrap();
    println!("READY");
    std::io::stdout().flush().unwrap();
    loop {
        generation += 1;
        r = with_text(r, "item-00", &generation.to_string());
        store.save_reflection(&r).unwrap();
    }
}
