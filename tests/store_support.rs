//! Helpers shared by the `store_*` tests (included with `#[path]`; as its own
//! test target it has no tests).
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use pl_reflect::clock::Timestamp;
use pl_reflect::reflection::{Answer, NextStep, REFLECTION_FORMAT, Reflection, Teacher};
use pl_reflect::store::{Access, Store};
use serde_json::Map;

/// The shipped fixtures for store tests.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store")
        .join(name)
}

/// Opens `dir` for writing without waiting for the lock.
pub fn open(dir: &Path) -> Store {
    let store = Store::open(
        dir,
        Access::Write {
            wait: Duration::ZERO,
        },
    )
    .expect("open the store");
    assert_eq!(
        store.read_only_reason(),
        None,
        "the store should be writable"
    );
    store
}

pub fn teacher(id: &str, name: &str) -> Teacher {
    Teacher {
        id: id.to_owned(),
        name: name.to_owned(),
        notes: String::new(),
        created: Timestamp("2026-01-05T10:00:00Z".into()),
        updated: Timestamp("2026-01-05T10:00:00Z".into()),
        archived: false,
        extra: Map::new(),
    }
}

/// A reflection with `answered` answered items of several kinds.
pub fn reflection(id: &str, teacher_id: &str, answered: usize) -> Reflection {
    let mut answers = BTreeMap::new();
    for i in 0..answered {
        let answer = match i % 3 {
            0 => Answer {
                text: format!(
                    "Answer {i}: in my room, students choose \"how\" — and I \\ listen.\nSecond line."
                ),
                private: i % 2 == 0,
                ..Answer::default()
            },
            1 => Answer {
                level: Some("trying".into()),
                note: format!("Evidence {i}"),
                next_step: Some(NextStep {
                    action: "Try exit tickets on Fridays".into(),
                    revisit_on: Some("2026-02-01".into()),
                    done: false,
                    extra: Map::new(),
                }),
                ..Answer::default()
            },
            _ => Answer {
                affirmed: true,
                ..Answer::default()
            },
        };
        answers.insert(format!("item-{i:02}"), answer);
    }
    // One item the teacher opened but left blank: present, not answered.
    answers.insert(
        "blank-item".into(),
        Answer {
            text: "   ".into(),
            ..Answer::default()
        },
    );
    Reflection {
        format: REFLECTION_FORMAT,
        id: id.to_owned(),
        teacher_id: teacher_id.to_owned(),
        guide_id: "where-to-begin".into(),
        guide_version: 1,
        title: format!("Check-in {id}"),
        created: Timestamp("2026-01-05T10:00:00Z".into()),
        updated: Timestamp("2026-01-06T11:30:00Z".into()),
        answers,
        grade_band: None,
        coach_notes: Vec::new(),
        extra: Map::new(),
    }
}

/// Every file under `dir` (but the lock file) with its bytes, to show that nothing changed.
pub fn all_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else if entry.file_name() != ".lock" {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// A small PRNG (xorshift64*), seeded from the clock so each run tries new timings.
pub struct Rng(pub u64);

impl Rng {
    pub fn from_time() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        Rng(nanos | 1)
    }

    pub fn seed(&self) -> u64 {
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}
