//! The data folder: the autosave of one full reflection (durable: temp file,
//! fsync, rename, fsync of the folder, `.bak` kept, and the version kept in
//! its history), the quick list, the full load the app does at start-up, and
//! reading one reflection, at 10, 200 and 2,000 reflections (200 teachers at
//! most). The `history` group: the same save when the content did not change
//! (so no version is written), what recording a version adds to a save
//! (`added_by_a_version`: a save with a version and one without, in pairs, the
//! difference counted), and opening a history of 500 versions as the history
//! screen does (every version read, and what each changed).
//!
//! Runs on disk under `target/tmp/`, never a tmpfs, so fsync is real.
//! `cargo bench --bench store`; under `cargo test` each runs once on 10 reflections.
// Bench and example code: a panic is a broken bench, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use pl_reflect::reflection::changes;
use pl_reflect::reflection::{Edit, apply};
use pl_reflect::store::{Access, Store};

mod support;

fn save(c: &mut Criterion) {
    let mut group = c.benchmark_group("store");
    let mut cases = vec![(31, support::default_guide())];
    for practices in support::practice_sizes() {
        cases.push((practices, support::stress_guide(practices)));
    }
    let scratch = support::scratch_dir();
    for (practices, guide) in cases {
        let dir = tempfile::tempdir_in(&scratch).expect("a scratch folder on disk");
        let store = Store::open(
            dir.path(),
            Access::Write {
                wait: Default::default(),
            },
        )
        .expect("open the store");
        let teachers = support::teachers(1);
        store.save_teachers(&teachers).expect("save teachers");
        let mut reflection = support::full_reflection(&guide, &teachers[0].id, 7);
        store.save_reflection(&reflection).expect("first save");
        let item = guide
            .items()
            .nth(6)
            .map(|i| i.id().to_owned())
            .expect("an item");
        let mut n = 0u64;
        group.bench_function(BenchmarkId::new("save_reflection", practices), |b| {
            b.iter(|| {
                // One small edit, then the save the autosave worker makes.
                n += 1;
                apply(
                    &mut reflection,
                    &guide,
                    Edit::SetNote {
                        item: item.clone(),
                        note: format!("edit {n}"),
                    },
                    support::timestamp(n),
                )
                .expect("edit");
                store.save_reflection(black_box(&reflection)).expect("save");
            });
        });
    }
    group.finish();
}

fn read(c: &mut Criterion) {
    let mut group = c.benchmark_group("store");
    // Loading 2,000 files takes tens of milliseconds: equal-sized samples.
    group.sampling_mode(SamplingMode::Flat);
    for reflections in support::folder_sizes() {
        let dir = support::cached_folder("folder", reflections);
        let store = Store::open(&dir, Access::ReadOnly).expect("open the store");
        group.bench_with_input(BenchmarkId::new("list", reflections), &store, |b, store| {
            b.iter(|| {
                let (headers, problems) = store.list();
                assert_eq!((headers.len(), problems.len()), (reflections, 0));
                headers
            });
        });
        // What the app does at start-up (src/app/notebook.rs): everything, in full.
        group.bench_with_input(BenchmarkId::new("load", reflections), &store, |b, store| {
            b.iter(|| {
                let snapshot = store.load();
                assert_eq!(snapshot.reflections.len(), reflections);
                snapshot
            });
        });
        let id = format!("r-m{reflections:06}");
        group.bench_with_input(
            BenchmarkId::new("load_reflection", reflections),
            &store,
            |b, store| {
                b.iter(|| store.load_reflection(black_box(&id)).expect("load one"));
            },
        );
    }
    group.finish();
}

fn history(c: &mut Criterion) {
    let mut group = c.benchmark_group("history");
    let guide = support::default_guide();
    let scratch = support::scratch_dir();
    let open = |dir: &std::path::Path| {
        Store::open(
            dir,
            Access::Write {
                wait: Default::default(),
            },
        )
        .expect("open the store")
    };

    // The autosave of store/save_reflection/31, when only the time changed:
    // everything a save does but writing the version.
    let dir = tempfile::tempdir_in(&scratch).expect("a scratch folder on disk");
    let store = open(dir.path());
    let teachers = support::teachers(1);
    store.save_teachers(&teachers).expect("save teachers");
    let mut reflection = support::full_reflection(&guide, &teachers[0].id, 7);
    store.save_reflection(&reflection).expect("first save");
    let mut n = 0u64;
    group.bench_function(BenchmarkId::new("save_unchanged", 31), |b| {
        b.iter(|| {
            n += 1;
            reflection.updated = support::timestamp(n);
            store.save_reflection(black_box(&reflection)).expect("save");
        });
    });

    // What recording a version adds, measured in pairs so that a slow
    // moment of the disk (another program's writes) weighs on both halves:
    // each iteration saves a change (a version is written) and then the same
    // content with only its time changed (none is), and counts the difference.
    let item = guide
        .items()
        .nth(6)
        .map(|i| i.id().to_owned())
        .expect("an item");
    group.bench_function(BenchmarkId::new("added_by_a_version", 31), |b| {
        b.iter_custom(|iterations| {
            let mut added = std::time::Duration::ZERO;
            let mut spared = std::time::Duration::ZERO;
            for _ in 0..iterations {
                n += 1;
                apply(
                    &mut reflection,
                    &guide,
                    Edit::SetNote {
                        item: item.clone(),
                        note: format!("edit {n}"),
                    },
                    support::timestamp(n),
                )
                .expect("edit");
                let started = std::time::Instant::now();
                store.save_reflection(black_box(&reflection)).expect("save");
                let with_version = started.elapsed();
                n += 1;
                reflection.updated = support::timestamp(n);
                let started = std::time::Instant::now();
                store.save_reflection(black_box(&reflection)).expect("save");
                let without = started.elapsed();
                added += with_version;
                spared += without;
            }
            // A sample the disk slowed in its second half counts as next to nothing, never less.
            added
                .saturating_sub(spared)
                .max(std::time::Duration::from_nanos(1))
        });
    });
    drop(store);

    // A history of 500 versions, a minute apart (all within the day, so all kept).
    let versions = if support::benchmarking() { 500 } else { 20 };
    let dir = tempfile::tempdir_in(&scratch).expect("a scratch folder on disk");
    let clock = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(1_788_768_000_000));
    let ticks = std::sync::Arc::clone(&clock);
    let store = open(dir.path()).with_clock(std::sync::Arc::new(move || {
        ticks.load(std::sync::atomic::Ordering::SeqCst)
    }));
    store.save_teachers(&teachers).expect("save teachers");
    let mut reflection = support::full_reflection(&guide, &teachers[0].id, 11);
    let items: Vec<String> = guide.items().map(|i| i.id().to_owned()).collect();
    for n in 0..versions {
        apply(
            &mut reflection,
            &guide,
            Edit::SetNote {
                item: items[n % items.len()].clone(),
                note: format!("In my room, version {n}: the students chose where to start."),
            },
            support::timestamp(n as u64),
        )
        .expect("edit");
        clock.fetch_add(60_000, std::sync::atomic::Ordering::SeqCst);
        store.save_reflection(&reflection).expect("save");
    }
    let id = reflection.id.clone();
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function(BenchmarkId::new("read", versions), |b| {
        b.iter(|| store.reflection_history(black_box(&id)).expect("history"));
    });
    group.bench_function(BenchmarkId::new("open", versions), |b| {
        b.iter(|| {
            let history = store.reflection_history(black_box(&id)).expect("history");
            assert_eq!(history.versions.len(), versions);
            changes::history_changes(
                history.versions.iter().map(|v| &v.record),
                |before, after| changes::describe(Some(&guide), before, after),
                |r| changes::parts(Some(&guide), r),
            )
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = save, read, history
}
criterion_main!(benches);
