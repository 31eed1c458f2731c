//! How much room the history takes: a year of weekly use, played through
//! the real `Store` with its clock injected, so the retention rule runs as it
//! would over a real year.
//!
//! ```text
//! cargo run --release --example history_space [-- DIR]
//! ```
//!
//! The year: one teacher on the default guide, one sitting of about half an
//! hour every week for 52 weeks, and a new check-in (a duplicate of the last
//! reflection, as "Duplicate as new check-in" makes) every term. In each
//! sitting the teacher writes or rewrites three answers of about 250
//! characters, typing at three characters a second, so the autosave writes
//! every 1.5 s while they type (its longest wait, `src/app/save_queue.rs`);
//! changes six levels, a few seconds apart; and writes one small next step.
//! The app is opened at the start of each sitting (which prunes every
//! history, as the window does after opening). That is about 190 saves a
//! sitting, each a version.
//!
//! Prints a summary, then one JSON line for `scripts/measure`: the bytes of
//! `history/` at the end of the year (a day after the last sitting, once its
//! versions aged) and at their peak (just after the last sitting), with the
//! number of version files, and the bytes of the reflections themselves.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use pl_reflect::clock::Timestamp;
use pl_reflect::reflection::{Edit, Reflection, apply};
use pl_reflect::store::{Access, Store};

#[path = "../benches/support/mod.rs"]
mod support;

const SECOND: u64 = 1000;
const MINUTE: u64 = 60 * SECOND;
const DAY: u64 = 24 * 60 * MINUTE;
const WEEK: u64 = 7 * DAY;
/// 2026-09-07T16:00:00Z, a Monday after school.
const START: u64 = 1_788_796_800_000;

const WORDS: &[&str] = &[
    "students",
    "chose",
    "their",
    "station",
    "and",
    "explained",
    "why",
    "today",
    "we",
    "tried",
    "exit",
    "tickets",
    "groups",
    "worked",
    "on",
    "the",
    "goal",
    "they",
    "set",
    "last",
    "week",
    "most",
    "of",
    "them",
    "some",
    "needed",
    "more",
    "time",
    "with",
    "fractions",
    "reading",
    "conference",
    "feedback",
    "playlist",
    "choice",
    "board",
    "quiet",
    "corner",
    "helped",
];

/// The sum of the sizes of every file under `dir`, what they take on the
/// disk (whole blocks), and how many there are.
fn usage(dir: &Path) -> (u64, u64, usize) {
    let (mut bytes, mut on_disk, mut files) = (0, 0, 0);
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                folders.push(entry.path());
                continue;
            }
            bytes += meta.len();
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                on_disk += meta.blocks() * 512;
            }
            #[cfg(not(unix))]
            {
                on_disk += meta.len();
            }
            files += 1;
        }
    }
    (bytes, on_disk, files)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn main() {
    let dir: PathBuf = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| support::scratch_dir().join("history-space"));
    let _ = std::fs::remove_dir_all(&dir);
    let clock = Arc::new(AtomicU64::new(START));
    let open = || {
        let ticks = Arc::clone(&clock);
        Store::open(
            &dir,
            Access::Write {
                wait: Duration::ZERO,
            },
        )
        .expect("open the data folder")
        .with_clock(Arc::new(move || ticks.load(Ordering::SeqCst)))
    };
    let guide = support::default_guide();
    let teachers = support::teachers(1);
    let mut rng = support::Rng::new(2026);
    let questions: Vec<String> = guide
        .items()
        .filter(|i| matches!(i, pl_reflect::guide::Item::Question(_)))
        .map(|i| i.id().to_owned())
        .collect();
    let practices: Vec<(String, Vec<String>)> = guide
        .items()
        .filter_map(|i| match i {
            pl_reflect::guide::Item::Practice { practice, .. } => {
                let scale = guide.scale(i.scale_id()?)?;
                Some((
                    practice.id.clone(),
                    scale.levels.iter().map(|l| l.id.clone()).collect(),
                ))
            }
            _ => None,
        })
        .collect();

    let mut store = open();
    store.save_teachers(&teachers).expect("save the teacher");
    let now = |clock: &AtomicU64| Timestamp::from_unix(clock.load(Ordering::SeqCst) / 1000);
    let mut reflection = Reflection::new(&teachers[0].id, &guide, "Fall check-in", now(&clock));
    store.save_reflection(&reflection).expect("save");
    let mut saves = 1usize;
    let mut peak = (0, 0, 0);
    for week in 0..52u64 {
        clock.store(START + week * WEEK, Ordering::SeqCst);
        // The window opens: versions past keeping go, in every history.
        drop(store);
        store = open();
        store.prune_history();
        if week > 0 && week % 13 == 0 {
            let title = [
                "Fall check-in",
                "Winter check-in",
                "Spring check-in",
                "Summer check-in",
            ][(week / 13) as usize % 4];
            reflection = reflection.duplicate(title, &guide, now(&clock));
            store.save_reflection(&reflection).expect("save");
            saves += 1;
        }
        let mut save = |reflection: &Reflection, after: u64| {
            clock.fetch_add(after, Ordering::SeqCst);
            store.save_reflection(reflection).expect("save");
            saves += 1;
        };
        let edit = |reflection: &mut Reflection, edit: Edit| {
            apply(reflection, &guide, edit, now(&clock)).expect("edit");
        };
        // Three answers typed, a save every 1.5 s (4-5 characters each).
        for _ in 0..3 {
            let item = questions[rng.below(questions.len())].clone();
            let mut text = String::new();
            while text.len() < 250 {
                text.push_str(WORDS[rng.below(WORDS.len())]);
                text.push(' ');
                edit(
                    &mut reflection,
                    Edit::SetText {
                        item: item.clone(),
                        text: text.trim_end().to_owned(),
                    },
                );
                save(&reflection, 1500);
            }
            clock.fetch_add(20 * SECOND, Ordering::SeqCst);
        }
        // Six levels, a few seconds apart.
        for _ in 0..6 {
            let (item, levels) = &practices[rng.below(practices.len())];
            let level = levels[rng.below(levels.len())].clone();
            edit(
                &mut reflection,
                Edit::SetLevel {
                    item: item.clone(),
                    level: Some(level),
                },
            );
            save(&reflection, 5 * SECOND);
        }
        // One small next step.
        let (item, _) = &practices[rng.below(practices.len())];
        edit(
            &mut reflection,
            Edit::SetNextStepWanted {
                item: item.clone(),
                wanted: true,
            },
        );
        save(&reflection, 3 * SECOND);
        let mut action = String::new();
        while action.len() < 40 {
            action.push_str(WORDS[rng.below(WORDS.len())]);
            action.push(' ');
            edit(
                &mut reflection,
                Edit::SetNextStepAction {
                    item: item.clone(),
                    action: action.trim_end().to_owned(),
                },
            );
            save(&reflection, 1500);
        }
        let now_usage = usage(&store.history_root());
        if now_usage.0 > peak.0 {
            peak = now_usage;
        }
    }
    // A day after the last sitting, the window opens once more.
    clock.fetch_add(DAY + MINUTE, Ordering::SeqCst);
    drop(store);
    let store = open();
    store.prune_history();
    let (bytes, on_disk, files) = usage(&store.history_root());
    let (record_bytes, _, records) = usage(&store.reflections_dir());
    println!(
        "A year of weekly use ({saves} saves in 52 sittings, {} reflections):",
        records / 2
    );
    println!(
        "  history after the year: {:.2} MB in {files} versions ({:.2} MB on disk, whole blocks)",
        mb(bytes),
        mb(on_disk)
    );
    println!(
        "  history at its peak, just after a sitting: {:.2} MB in {} versions ({:.2} MB on disk)",
        mb(peak.0),
        peak.2,
        mb(peak.1)
    );
    println!(
        "  the reflections themselves (with their .bak): {:.2} MB",
        mb(record_bytes)
    );
    println!(
        "{}",
        serde_json::json!({
            "label": "history-space",
            "saves": saves,
            "sittings": 52,
            "versions": files,
            "history_bytes": bytes,
            "history_on_disk": on_disk,
            "peak_versions": peak.2,
            "peak_history_bytes": peak.0,
            "peak_history_on_disk": peak.1,
            "record_bytes": record_bytes,
        })
    );
}
