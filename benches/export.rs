//! The readiness summary of one reflection and its exports (Markdown, HTML,
//! CSV, JSON, PDF), on the default guide (31 practices) and on stress guides
//! (250 and 1,000 practices), for a fully answered reflection compared with the
//! teacher's previous one, coach notes included.
//!
//! A summary or export reads one reflection (and its predecessor), so its cost
//! does not depend on how many reflections the folder holds.
//! `cargo bench --bench export`; under `cargo test` each runs once.
// Bench and example code: a panic is a broken bench, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use pl_reflect::clock::Timestamp;
use pl_reflect::export::{Export, Format, PdfOptions, render};
use pl_reflect::summary::{SummaryOptions, summarize};

mod support;

fn summary_and_exports(c: &mut Criterion) {
    let mut cases = vec![(31, support::default_guide())];
    for practices in support::practice_sizes() {
        cases.push((practices, support::stress_guide(practices)));
    }
    let options = SummaryOptions {
        include_private: false,
        include_coach_notes: true,
        teacher_name: Some("Alex Rivera".to_owned()),
        today: "2026-11-22".to_owned(),
    };
    let exported = Timestamp("2026-11-22T10:00:00Z".to_owned());
    let pdf = PdfOptions::default();
    for (practices, guide) in cases {
        let teacher = &support::teachers(1)[0].id;
        let previous = support::full_reflection(&guide, teacher, 3);
        let reflection = support::full_reflection(&guide, teacher, 4);

        let mut group = c.benchmark_group("summary");
        group.bench_function(BenchmarkId::new("summarize", practices), |b| {
            b.iter(|| summarize(&guide, black_box(&reflection), Some(&previous), &options));
        });
        group.finish();

        let summary = summarize(&guide, &reflection, Some(&previous), &options);
        let export = Export {
            summary: &summary,
            reflection: &reflection,
            exported: &exported,
            pdf: &pdf,
        };
        let mut group = c.benchmark_group("export");
        for format in Format::ALL {
            if format == Format::Pdf {
                // Tens of milliseconds per PDF: equal-sized samples keep the run short.
                group.sampling_mode(SamplingMode::Flat);
            } else {
                group.sampling_mode(SamplingMode::Auto);
            }
            group.bench_function(BenchmarkId::new(format.extension(), practices), |b| {
                b.iter(|| render(format, black_box(&export)).expect("renders"));
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = summary_and_exports
}
criterion_main!(benches);
