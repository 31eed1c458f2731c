//! Parsing and validating a guide, as the app does for every guide at start-up:
//! the default guide (31 practices) and generated stress guides (250 and 1,000).
//!
//! `cargo bench --bench guide`; under `cargo test` each runs once.
// Bench and example code: a panic is a broken bench, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pl_reflect::guide::{GuideLibrary, parse_guide};

mod support;

fn guide_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("guide_parse");
    let mut cases = vec![(31, support::default_guide_json().to_owned())];
    for practices in support::practice_sizes() {
        cases.push((practices, support::stress_guide_json(practices)));
    }
    for (practices, json) in &cases {
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("parse_validate", practices),
            json,
            |b, json| {
                b.iter(|| parse_guide("bench.json", black_box(json.as_bytes())).expect("valid"));
            },
        );
    }
    group.finish();
    // All three built-in guides, as at start-up.
    c.bench_function("guide_library/built_in", |b| b.iter(GuideLibrary::built_in));
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = guide_parse
}
criterion_main!(benches);
