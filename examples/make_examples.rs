//! Writes the example readiness summaries shown in the docs, from a realistic
//! filled-in reflection, and prints how long each step takes:
//!
//! ```text
//! cargo run --release --example make_examples
//! ```
//!
//! Writes `assets/examples/readiness-summary.html` and `.pdf`; times every format.
// Bench and example code: a panic is a broken bench, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::path::Path;
use std::time::{Duration, Instant};

use pl_reflect::clock::Timestamp;
use pl_reflect::export::{Export, Format, PdfOptions, render};
use pl_reflect::summary::summarize;

#[path = "../tests/fixtures/export/sample.rs"]
mod sample;

/// Runs `f` a few times and returns the fastest time and the last result.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut result = f();
    for _ in 0..runs {
        let start = Instant::now();
        result = f();
        best = best.min(start.elapsed());
    }
    (best, result)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let guide = sample::built_in_guide();
    let (spring, fall) = (sample::spring(), sample::fall());
    let options = sample::options(false, true);
    let start = Instant::now();
    let first = summarize(&guide, &spring, Some(&fall), &options);
    println!("first summary: {:?}", start.elapsed());
    drop(first);
    let (took, summary) = time(20, || summarize(&guide, &spring, Some(&fall), &options));
    println!("summary: {took:?}");
    let exported = Timestamp(sample::EXPORTED.to_owned());
    let pdf = PdfOptions::default();
    let export = Export {
        summary: &summary,
        reflection: &spring,
        exported: &exported,
        pdf: &pdf,
    };
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    std::fs::create_dir_all(&folder)?;
    for format in Format::ALL {
        let runs = if format == Format::Pdf { 5 } else { 20 };
        let (took, bytes) = time(runs, || render(format, &export));
        let bytes = bytes?;
        println!("{format}: {took:?} ({} bytes)", bytes.len());
        if matches!(format, Format::Html | Format::Pdf) {
            let name = format!("readiness-summary.{}", format.extension());
            std::fs::write(folder.join(name), bytes)?;
        }
    }
    // Text that needs a system fallback font (CJK) reads that font from disk on every PDF.
    let hostile = sample::hostile();
    let hostile_summary = summarize(&guide, &hostile, None, &options);
    let cjk = Export {
        summary: &hostile_summary,
        reflection: &hostile,
        exported: &exported,
        pdf: &pdf,
    };
    let (took, bytes) = time(5, || render(Format::Pdf, &cjk));
    println!("pdf with CJK fallback: {took:?} ({} bytes)", bytes?.len());
    Ok(())
}
