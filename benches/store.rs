//! The data folder: the autosave of one full reflection (durable: temp file,
//! fsync, rename, fsync of the folder, `.bak` kept), the quick list, the full
//! load the app does at start-up, and reading one reflection, at 10, 200 and
//! 2,000 reflections (200 teachers at most).
//!
//! Runs on disk under `target/tmp/`, never a tmpfs, so fsync is real.
//! `cargo bench --bench store`; under `cargo test` each runs once on 10 reflections.
// Bench and example code: a panic is a broken bench, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
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

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = save, read
}
criterion_main!(benches);
