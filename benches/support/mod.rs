//! Synthetic, realistic data for the benchmarks and for `scripts/measure`.
//!
//! Shared by the criterion benches (`mod support;`) and by
//! `examples/make_measure_data.rs` (through `#[path]`), so the numbers in the
//! benches and the folders the window is measured on come from the same
//! generator. Everything goes through the real crate: answers are made with
//! [`pl_reflect::reflection::apply`] (so every level and item id is valid for
//! its guide), guides are checked with [`pl_reflect::guide::parse_guide`], and
//! folders are written with [`Store`], so the files are exactly what the app
//! would have written.
//!
//! Deterministic: the same arguments give the same teachers, reflections and
//! words (only coach-note ids, which the crate draws itself, differ).

#![allow(dead_code)] // each bench uses a different part

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use pl_reflect::clock::Timestamp;
use pl_reflect::guide::{
    Component, DEFAULT_GUIDE_ID, Guide, GuideLibrary, Item, Practice, Section, parse_guide,
};
use pl_reflect::reflection::{Edit, Reflection, Teacher, apply};
use pl_reflect::store::{Access, Store};

/// The id of the generated stress guide.
pub const STRESS_GUIDE_ID: &str = "stress-thousand";
/// Practices in the stress guide the brief asks for.
pub const STRESS_PRACTICES: usize = 1_000;

/// A small deterministic generator (xorshift64*), so no dev-dependency is needed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST_NAMES: &[&str] = &[
    "Alex", "Sam", "Jordan", "Priya", "Mateo", "Aisha", "Chen", "Olga", "Kwame", "Lucía", "Noah",
    "Fatima", "Hiroshi", "Grace", "Tomás", "Ngozi", "Elif", "Liam", "Sofía", "Dmitri",
];
const LAST_NAMES: &[&str] = &[
    "Rivera",
    "Nguyen",
    "Okafor",
    "Schmidt",
    "Haddad",
    "Kowalski",
    "Tanaka",
    "Mensah",
    "García",
    "Johansson",
    "O'Brien",
    "Patel",
];
const TITLES: &[&str] = &[
    "Fall check-in",
    "Winter check-in",
    "Spring check-in",
    "After the PD day",
    "Start of term",
    "Mid-year",
];

/// Sentences a teacher might write; answers are a few of them strung together.
const SENTENCES: &[&str] = &[
    "Most of it, yes, although the first twenty minutes drag because I talk for too long before anyone gets to do anything.",
    "The students who finish early often sit and wait, and I have not yet found a good way to let them go further on their own.",
    "On Fridays the reading groups run themselves: the children know where to go, what to bring and who to ask for help first.",
    "I would like my own child to have more say in what they work on and how they show what they have learned.",
    "Some of them would come anyway, mostly the ones who come for their friends; the ones who struggle with reading might not.",
    "Exit tickets tell me who needs the small group tomorrow, but I only manage to read them properly twice a week.",
    "We tried a playlist for the fractions unit and it worked better than I expected, even for the students who usually drift.",
    "Conferences are the part of the week I enjoy most; I just cannot get to more than five students in a lesson.",
    "Parents ask about grades more than about learning, so the portfolio conversation needs to start earlier in the year.",
    "The co-teacher and I plan on Tuesdays, which is when we decide who takes which group and what each station needs.",
];
const NOTES: &[&str] = &[
    "Reading groups on Tuesdays and Thursdays, regrouped every three weeks from the running records.",
    "Students pick two of four tasks; the choice board is on the wall by the door.",
    "I do this in maths but not yet in science.",
    "Goal sheets in the front of every folder; we look at them on Monday mornings.",
    "Only with the second-period class so far, which is the smaller one.",
    "Peer feedback with the two stars and a wish protocol after every draft.",
];
const STEPS: &[&str] = &[
    "Try it with one class for two weeks",
    "Ask Ms. Okafor if I can watch her stations on Thursday",
    "Write three goal-setting prompts before the next unit",
    "Move the conference table to the quiet corner",
    "Plan one choice task for the poetry unit",
];

fn words(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| *rng.pick(SENTENCES))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The built-in guides, as the app loads them.
pub fn library() -> GuideLibrary {
    GuideLibrary::built_in()
}

/// The default guide (`where-to-begin`: 5 statements, 7 questions, 31 practices).
pub fn default_guide() -> Arc<Guide> {
    Arc::clone(
        library()
            .get(DEFAULT_GUIDE_ID)
            .expect("the default guide is built in"),
    )
}

/// The default guide's JSON text, as shipped.
pub fn default_guide_json() -> &'static str {
    include_str!("../../reflection_guides/where-to-begin.json")
}

/// A guide like the default one (same scales, frameworks, statements and
/// questions) whose checklist has `practices` practices in components of 50,
/// each with a description, an example and tags. Returned as pretty JSON, the
/// way an author would write it; check it with [`stress_guide`].
pub fn stress_guide_json(practices: usize) -> String {
    let base = default_guide();
    let mut guide: Guide = (*base).clone();
    guide.id = if practices == STRESS_PRACTICES {
        STRESS_GUIDE_ID.to_owned()
    } else {
        format!("stress-{practices}")
    };
    guide.version = 1;
    // As long as the default guide's title, so it wraps the same way in the
    // section list and the window's click targets stay where they are.
    guide.title = format!("Stress Guide: {practices} Practices to Check");
    guide.description = format!(
        "A generated guide with {practices} practices, for measuring how the app copes with a very long checklist."
    );
    let tags: Vec<String> = base
        .frameworks
        .iter()
        .flat_map(|f| f.elements.iter().map(move |e| format!("{}:{}", f.id, e.id)))
        .collect();
    let Some(Section::Checklist(template)) = base
        .sections
        .iter()
        .find(|s| matches!(s, Section::Checklist(_)))
        .cloned()
    else {
        panic!("the default guide has a checklist");
    };
    let mut rng = Rng::new(practices as u64);
    let mut components = Vec::new();
    let per_component = 50;
    for c in 0..practices.div_ceil(per_component) {
        let count = per_component.min(practices - c * per_component);
        let practices = (0..count)
            .map(|p| {
                let n = c * per_component + p + 1;
                let mut practice_tags: Vec<String> = Vec::new();
                for _ in 0..3 {
                    let tag = rng.pick(&tags).clone();
                    if !practice_tags.contains(&tag) {
                        practice_tags.push(tag);
                    }
                }
                Practice {
                    id: format!("practice-{n:04}"),
                    name: format!(
                        "Practice {n}: small groups by need, {}",
                        rng.pick(&["reading", "maths", "writing", "science"])
                    ),
                    description: words(&mut rng, 1),
                    example: words(&mut rng, 1),
                    examples: pl_reflect::guide::BandExamples::default(),
                    first_step: Some(words(&mut rng, 1)),
                    evidence: vec![words(&mut rng, 1)],
                    tags: practice_tags,
                }
            })
            .collect();
        components.push(Component {
            id: format!("component-{:02}", c + 1),
            title: format!("Component {} of the stress guide", c + 1),
            description: words(&mut rng, 1),
            practices,
        });
    }
    guide.sections = base
        .sections
        .iter()
        .map(|section| match section {
            Section::Checklist(_) => {
                let mut checklist = template.clone();
                checklist.components = components.clone();
                Section::Checklist(checklist)
            }
            other => other.clone(),
        })
        .collect();
    serde_json::to_string_pretty(&guide).expect("a guide serializes")
}

/// The stress guide with `practices` practices, parsed and validated like a user's guide file.
pub fn stress_guide(practices: usize) -> Arc<Guide> {
    let json = stress_guide_json(practices);
    match parse_guide("stress.json", json.as_bytes()) {
        Ok(guide) => Arc::new(guide),
        Err(errors) => panic!("the generated stress guide is not valid:\n{errors}"),
    }
}

/// `count` teachers with deterministic ids `t-m00001`….
pub fn teachers(count: usize) -> Vec<Teacher> {
    (0..count)
        .map(|i| {
            let mut teacher = Teacher::new(
                &format!(
                    "{} {} {}",
                    FIRST_NAMES[i % FIRST_NAMES.len()],
                    LAST_NAMES[(i / FIRST_NAMES.len()) % LAST_NAMES.len()],
                    i + 1
                ),
                timestamp(0),
            );
            teacher.id = format!("t-m{:05}", i + 1);
            teacher
        })
        .collect()
}

/// A moment `hours` after 2025-08-25 08:00 UTC.
pub fn timestamp(hours: u64) -> Timestamp {
    Timestamp::from_unix(1_756_108_800 + hours * 3600)
}

/// A filled-in reflection on `guide`, as a teacher leaves it after a session:
/// every statement affirmed (some with a note), every question answered with a
/// few hundred characters (and a level where the question has a scale), every
/// practice given a level, a note on about a third of them, next steps on a
/// few, and now and then a private answer and coach notes. `n` seeds it and
/// orders it: a higher `n` is a later reflection.
pub fn full_reflection(guide: &Guide, teacher_id: &str, n: usize) -> Reflection {
    let mut rng = Rng::new(n as u64 + 17);
    let start = timestamp(n as u64 * 3);
    let title = TITLES[rng.below(TITLES.len())];
    let mut reflection = Reflection::new(teacher_id, guide, title, start.clone());
    reflection.id = format!("r-m{:06}", n + 1);
    let mut edits = Vec::new();
    let mut practices = 0usize;
    for item in guide.items() {
        let id = item.id().to_owned();
        match item {
            Item::Plan(_) => {}
            Item::Statement(_) => {
                edits.push(Edit::SetAffirmed {
                    item: id.clone(),
                    affirmed: rng.chance(85),
                });
                if rng.chance(40) {
                    edits.push(Edit::SetNote {
                        item: id,
                        note: words(&mut rng, 1),
                    });
                }
            }
            Item::Question(q) => {
                let sentences = 2 + rng.below(3);
                edits.push(Edit::SetText {
                    item: id.clone(),
                    text: words(&mut rng, sentences),
                });
                if let Some(scale) = q.scale.as_deref().and_then(|s| guide.scale(s)) {
                    let level = rng.pick(&scale.levels).id.clone();
                    edits.push(Edit::SetLevel {
                        item: id.clone(),
                        level: Some(level),
                    });
                }
                if rng.chance(10) {
                    edits.push(Edit::SetPrivate {
                        item: id,
                        private: true,
                    });
                }
            }
            Item::Practice { scale, .. } => {
                practices += 1;
                let scale = guide.scale(scale).expect("a checklist's scale exists");
                let level = rng.pick(&scale.levels).id.clone();
                edits.push(Edit::SetLevel {
                    item: id.clone(),
                    level: Some(level),
                });
                if rng.chance(33) {
                    edits.push(Edit::SetNote {
                        item: id.clone(),
                        note: rng.pick(NOTES).to_string(),
                    });
                }
                // About five next steps in a 31-practice checklist.
                if rng.chance(16) {
                    edits.push(Edit::SetNextStepWanted {
                        item: id.clone(),
                        wanted: true,
                    });
                    edits.push(Edit::SetNextStepAction {
                        item: id.clone(),
                        action: rng.pick(STEPS).to_string(),
                    });
                    if rng.chance(60) {
                        let day = 1 + rng.below(28);
                        edits.push(Edit::SetNextStepRevisit {
                            item: id.clone(),
                            revisit_on: Some(format!("2026-0{}-{day:02}", 1 + rng.below(9))),
                        });
                    }
                    if rng.chance(20) {
                        edits.push(Edit::SetNextStepDone {
                            item: id,
                            done: true,
                        });
                    }
                }
            }
        }
    }
    if rng.chance(30) {
        edits.push(Edit::AddCoachNote {
            item: None,
            text: words(&mut rng, 2),
        });
    }
    let _ = practices;
    let updated = timestamp(n as u64 * 3 + 1);
    for edit in edits {
        if let Err(error) = apply(&mut reflection, guide, edit.clone(), updated.clone()) {
            panic!("generated edit {edit:?} was refused: {error}");
        }
    }
    reflection
}

/// Which guide reflection `n` is on: mostly the default guide, some on the
/// other built-in guides. The newest reflection (`n == count - 1`) is always
/// on the default guide, so it is the first card on the home screen.
pub fn guide_for(library: &GuideLibrary, n: usize, count: usize) -> &Arc<Guide> {
    let guides = library.guides();
    let default = library
        .get(DEFAULT_GUIDE_ID)
        .expect("the default guide is built in");
    if n + 1 == count || guides.len() < 2 {
        return default;
    }
    match n % 10 {
        3 => &guides[1 % guides.len()].guide,
        7 => &guides[2 % guides.len()].guide,
        _ => default,
    }
}

/// `count` reflections by `teachers` teachers (round robin), as [`full_reflection`]s.
pub fn reflections(library: &GuideLibrary, teachers: &[Teacher], count: usize) -> Vec<Reflection> {
    (0..count)
        .map(|n| {
            let guide = guide_for(library, n, count);
            full_reflection(guide, &teachers[n % teachers.len()].id, n)
        })
        .collect()
}

/// Writes a data folder at `dir` with `teachers` teachers and `reflections`
/// reflections, through the real [`Store`] (atomic, durable writes).
pub fn write_data_folder(dir: &Path, teacher_count: usize, reflection_count: usize) -> Store {
    let library = library();
    let teachers = teachers(teacher_count.max(1));
    let store = Store::open(
        dir,
        Access::Write {
            wait: Duration::from_secs(5),
        },
    )
    .unwrap_or_else(|e| panic!("could not open {}: {e}", dir.display()));
    assert!(
        !store.is_read_only(),
        "{} is locked by another process",
        dir.display()
    );
    store.save_teachers(&teachers).expect("save teachers");
    for reflection in reflections(&library, &teachers, reflection_count) {
        store
            .save_reflection(&reflection)
            .unwrap_or_else(|e| panic!("save {}: {e}", reflection.id));
    }
    store
}

// --- benchmark settings ------------------------------------------------------

/// Whether this is a real benchmark run (`cargo bench`), not `cargo test`
/// running each benchmark once: criterion's own rule.
pub fn benchmarking() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test")
}

/// Short runs, so that all of `cargo bench` takes a few minutes on two cores.
pub fn criterion() -> criterion::Criterion {
    criterion::Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20)
        .configure_from_args()
}

/// Checklist sizes for the stress guides (the default guide has 31 practices).
/// Under `cargo test` only the largest, to stay quick.
pub fn practice_sizes() -> Vec<usize> {
    if benchmarking() {
        vec![250, STRESS_PRACTICES]
    } else {
        vec![STRESS_PRACTICES]
    }
}

/// Data-folder sizes (reflections; teachers are one in ten, at most 200).
/// Under `cargo test` only the smallest.
pub fn folder_sizes() -> Vec<usize> {
    if benchmarking() {
        vec![10, 200, 2_000]
    } else {
        vec![10]
    }
}

/// Teachers for a folder of `reflections`: 200 teachers for 2,000 reflections.
pub fn teachers_for(reflections: usize) -> usize {
    (reflections / 10).clamp(1, 200)
}

/// A data folder with `reflections` reflections under the benches' scratch
/// folder on disk (`CARGO_TARGET_TMPDIR`, inside `target/`: not a tmpfs, so
/// fsync costs what it costs for a user). Kept between runs and reused while
/// it still lists `reflections` files with no problem, since writing 2,000
/// reflections durably takes a while.
pub fn cached_folder(name: &str, reflections: usize) -> std::path::PathBuf {
    let dir = scratch_dir().join(format!("{name}-{reflections}-v1"));
    if let Ok(store) = Store::open(&dir, Access::ReadOnly) {
        let (headers, problems) = store.list();
        if headers.len() == reflections && problems.is_empty() {
            return dir;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    drop(write_data_folder(
        &dir,
        teachers_for(reflections),
        reflections,
    ));
    dir
}

/// Where the benches write: `target/tmp/pl-reflect-bench` (cargo sets
/// `CARGO_TARGET_TMPDIR` for benches; examples fall back to the system's temp folder).
pub fn scratch_dir() -> std::path::PathBuf {
    let base = option_env!("CARGO_TARGET_TMPDIR")
        .map_or_else(std::env::temp_dir, std::path::PathBuf::from);
    let dir = base.join("pl-reflect-bench");
    std::fs::create_dir_all(&dir).expect("create the bench scratch folder");
    dir
}
