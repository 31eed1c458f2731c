//! An encrypted notebook: unlocking with the passphrase (age's scrypt, tuned
//! to about one second), the full load at start-up of 200 reflections plain
//! and encrypted, and the autosave of one reflection encrypted.
//!
//! `cargo bench --bench vault`; under `cargo test` each runs once on 10 reflections.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use pl_reflect::store::vault::Work;
use pl_reflect::store::{Access, Store};
use secrecy::SecretString;

mod support;

const PASSPHRASE: &str = "a bench of the notebook key";

fn secret() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

fn reflections() -> usize {
    if support::benchmarking() { 200 } else { 10 }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("vault");
    group.sampling_mode(SamplingMode::Flat);
    let scratch = support::scratch_dir();
    let count = reflections();
    let plain = tempfile::tempdir_in(&scratch).expect("a scratch folder");
    drop(support::write_data_folder(
        plain.path(),
        support::teachers_for(count),
        count,
    ));
    let encrypted = tempfile::tempdir_in(&scratch).expect("a scratch folder");
    let store = support::write_data_folder(encrypted.path(), support::teachers_for(count), count);
    // The app's own work factor: what a teacher waits for when unlocking.
    let work = if support::benchmarking() {
        Work::default()
    } else {
        Work::FAST_FOR_TESTS
    };
    store.encrypt_notebook(&secret(), work).expect("encrypt");
    drop(store);

    let read_only = |dir: &std::path::Path| Store::open(dir, Access::ReadOnly).expect("open");
    let locked = read_only(encrypted.path());
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("unlock", |b| {
        b.iter(|| locked.unlock(black_box(&secret())).expect("unlock"));
    });
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    let plain_store = read_only(plain.path());
    group.bench_with_input(
        BenchmarkId::new("load_plain", count),
        &plain_store,
        |b, s| {
            b.iter(|| assert_eq!(s.load().reflections.len(), count));
        },
    );
    group.bench_with_input(
        BenchmarkId::new("load_encrypted", count),
        &locked,
        |b, s| {
            b.iter(|| assert_eq!(s.load().reflections.len(), count));
        },
    );
    drop(locked);

    let writable = Store::open(
        encrypted.path(),
        Access::Write {
            wait: Duration::from_secs(5),
        },
    )
    .expect("open");
    writable.unlock(&secret()).expect("unlock");
    let mut reflection = writable.load().reflections[0].reflection.clone();
    let mut n = 0u64;
    group.bench_function("save_reflection_encrypted", |b| {
        b.iter(|| {
            n += 1;
            reflection.title = format!("Saved {n}");
            writable.save_reflection(&reflection).expect("save");
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = bench
}
criterion_main!(benches);
