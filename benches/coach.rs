//! The coach's school-wide picture (`coach::aggregate`): how many teachers use
//! each practice of a guide, from everyone's newest reflection on it, over 10,
//! 200 and 2,000 reflections (200 teachers at most) held in memory, as the app
//! holds them once the data folder is loaded.
//!
//! `cargo bench --bench coach`; under `cargo test` each runs once on 10 reflections.
// Bench and example code: a panic is a broken bench, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use pl_reflect::coach::{DEFAULT_MIN_GROUP, aggregate};
use pl_reflect::reflection::Reflection;

mod support;

fn school_picture(c: &mut Criterion) {
    let library = support::library();
    let guide = support::default_guide();
    let mut group = c.benchmark_group("coach");
    group.sampling_mode(SamplingMode::Flat);
    for count in support::folder_sizes() {
        let teachers = support::teachers(support::teachers_for(count));
        let reflections = support::reflections(&library, &teachers, count);
        let refs: Vec<&Reflection> = reflections.iter().collect();
        group.bench_function(BenchmarkId::new("aggregate", count), |b| {
            b.iter(|| aggregate(&guide, black_box(&refs), DEFAULT_MIN_GROUP));
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = school_picture
}
criterion_main!(benches);
