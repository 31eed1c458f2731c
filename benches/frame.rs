//! What the reflecting screen computes on every frame besides laying out
//! widgets: the progress of each section (`reflection::progress`, for the
//! section list) and the answers whose item the guide no longer has
//! (`reflection::orphaned_answers`), for a fully answered reflection on the
//! default guide (31 practices) and on stress guides (250 and 1,000). The
//! window's own per-frame time is measured by `scripts/measure`; this tells
//! how much of it is data work that grows with the guide.
//!
//! `cargo bench --bench frame`; under `cargo test` each runs once.
// Bench and example code: a panic is a broken bench, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pl_reflect::reflection::{orphaned_answers, progress};

mod support;

fn per_frame(c: &mut Criterion) {
    let mut cases = vec![(31, support::default_guide())];
    for practices in support::practice_sizes() {
        cases.push((practices, support::stress_guide(practices)));
    }
    let mut group = c.benchmark_group("frame");
    for (practices, guide) in cases {
        let reflection = support::full_reflection(&guide, "t-m00001", 4);
        group.bench_function(BenchmarkId::new("progress", practices), |b| {
            b.iter(|| progress(&guide, black_box(&reflection)));
        });
        group.bench_function(BenchmarkId::new("orphaned_answers", practices), |b| {
            b.iter(|| orphaned_answers(&guide, black_box(&reflection)).len());
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = per_frame
}
criterion_main!(benches);
