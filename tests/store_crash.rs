//! A writer killed with SIGKILL at random moments never leaves a half-saved file.
//!
//! The test re-runs its own executable as a child that saves in a loop: every
//! pass sets every answer of every reflection (and the teachers' notes) to the
//! next generation number and saves. The parent kills the child at a random
//! moment, many times over, and after each kill checks that the folder loads
//! without problems and that each file holds one whole generation, never older
//! than the one seen before.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "store_support.rs"]
mod support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pl_reflect::reflection::{Reflection, Teacher};
use pl_reflect::store::{Access, ProblemKind, Store, backup_path};
use support::{open, reflection, teacher};

const CHILD_ENV: &str = "PL_REFLECT_CRASH_CHILD";
const TEST_NAME: &str = "a_killed_writer_leaves_whole_old_or_whole_new_versions";
const IDS: [&str; 3] = ["r-crash-a", "r-crash-b", "r-crash-c"];
const KILLS: usize = 50;
/// Stop early rather than make the suite slow on a slow machine.
const TIME_BUDGET: Duration = Duration::from_secs(15);

#[test]
fn a_killed_writer_leaves_whole_old_or_whole_new_versions() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        write_forever(Path::new(&dir));
    }
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    {
        let store = open(dir);
        let mut t = teacher("t-1", "Ms. Okafor");
        set_teacher_generation(&mut t, 0);
        store.save_teachers(&[t]).unwrap();
        for id in IDS {
            let mut r = reflection(id, "t-1", 31);
            set_generation(&mut r, 0);
            // Saved twice so that a backup exists from the start: it must never go missing.
            store.save_reflection(&r).unwrap();
            store.save_reflection(&r).unwrap();
        }
    }

    let mut rng = support::Rng::from_time();
    eprintln!("crash test seed: {}", rng.seed());
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut interrupted_saves = 0;
    let started = Instant::now();
    let mut kills = 0;
    while kills < KILLS && started.elapsed() < TIME_BUDGET {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
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
                "the writer ended before it started writing"
            );
        }
        // Mostly short waits, to hit every step of a save; sometimes longer ones.
        let wait = if rng.below(4) == 0 {
            rng.below(80)
        } else {
            rng.below(12)
        };
        std::thread::sleep(Duration::from_millis(wait));
        assert!(
            child.try_wait().unwrap().is_none(),
            "the writer stopped on its own (see its panic above)"
        );
        child.kill().unwrap(); // SIGKILL: no destructor, no flush, no cleanup.
        child.wait().unwrap();
        kills += 1;

        interrupted_saves += verify(dir, &mut seen);
    }

    assert!(kills >= 20, "only {kills} kills fit in the time budget");
    let progress: u64 = seen.values().sum();
    assert!(progress > 0, "the writer never got a save through");
    eprintln!(
        "crash test: {kills} kills in {:.1} s; {interrupted_saves} left a temporary file; generations reached: {seen:?}",
        started.elapsed().as_secs_f64()
    );
    // A writable open cleans up what the kills left (in the histories, the
    // pruning the window does after opening); then nothing at all is wrong.
    let store = open(dir);
    store.prune_history();
    assert!(store.check().is_empty(), "{:?}", store.check());
}

/// Checks the folder after a kill; returns 1 if a save was caught midway (a temp file is left).
fn verify(dir: &Path, seen: &mut HashMap<String, u64>) -> usize {
    let store = Store::open(dir, Access::ReadOnly).unwrap();
    let snapshot = store.load();
    assert!(
        snapshot.problems.is_empty(),
        "after a kill: {:?}",
        snapshot.problems
    );
    assert_eq!(snapshot.reflections.len(), IDS.len());
    for stored in &snapshot.reflections {
        let r = &stored.reflection;
        let generation = generation_of(r);
        let last = seen.entry(r.id.clone()).or_insert(0);
        assert!(
            generation >= *last,
            "{} went back from generation {last} to {generation}",
            r.id
        );
        *last = generation;
        let backup = std::fs::read(backup_path(&stored.path)).expect("the backup is still there");
        let backup: Reflection = serde_json::from_slice(&backup).expect("the backup is whole");
        assert!(generation_of(&backup) <= generation);
    }
    let generation = teacher_generation(&snapshot.teachers[0]);
    let last = seen.entry("teachers".into()).or_insert(0);
    assert!(generation >= *last);
    *last = generation;

    let leftovers = store.check();
    assert!(
        leftovers
            .iter()
            .all(|p| p.kind == ProblemKind::StrayTempFile),
        "{leftovers:?}"
    );
    usize::from(!leftovers.is_empty())
}

fn set_generation(r: &mut Reflection, generation: u64) {
    for (i, answer) in r.answers.values_mut().enumerate() {
        answer.text = format!(
            "generation {generation}: item {i}. In my room this week, students chose their own station \
             and explained why; I wrote down what they said so that I can look back at it next month."
        );
    }
    r.title = format!("generation {generation}");
}

/// The generation of a reflection, which must be the same in every answer.
fn generation_of(r: &Reflection) -> u64 {
    let mut generations = r.answers.values().map(|a| parse_generation(&a.text));
    let first = generations.next().unwrap();
    assert!(
        generations.all(|g| g == first),
        "{} mixes generations",
        r.id
    );
    assert_eq!(r.title, format!("generation {first}"));
    first
}

fn set_teacher_generation(t: &mut Teacher, generation: u64) {
    t.notes = format!("generation {generation}: grade 5, room 12");
}

fn teacher_generation(t: &Teacher) -> u64 {
    parse_generation(&t.notes)
}

fn parse_generation(text: &str) -> u64 {
    let rest = text.strip_prefix("generation ").expect("a generation mark");
    rest[..rest.find(':').unwrap()].parse().unwrap()
}

/// The child: take the folder and save new generations until killed.
fn write_forever(dir: &Path) -> ! {
    let store = Store::open(
        PathBuf::from(dir),
        Access::Write {
            wait: Duration::from_secs(10),
        },
    )
    .unwrap();
    assert_eq!(store.read_only_reason(), None);
    let snapshot = store.load();
    assert!(snapshot.problems.is_empty(), "{:?}", snapshot.problems);
    let mut reflections: Vec<Reflection> = snapshot
        .reflections
        .into_iter()
        .map(|s| s.reflection)
        .collect();
    let mut teachers = snapshot.teachers;
    let mut generation = reflections.iter().map(generation_of).max().unwrap() + 1;
    println!("READY");
    std::io::stdout().flush().unwrap();
    loop {
        for r in &mut reflections {
            set_generation(r, generation);
            store.save_reflection(r).unwrap();
        }
        set_teacher_generation(&mut teachers[0], generation);
        store.save_teachers(&teachers).unwrap();
        generation += 1;
    }
}
