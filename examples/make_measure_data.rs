//! Writes the synthetic data `scripts/measure` runs the window on, with the same
//! generator as the benches (`benches/support/mod.rs`) and through the real
//! `Store`, so every file is one the app itself could have written:
//!
//! ```text
//! cargo run --release --example make_measure_data -- data DIR TEACHERS REFLECTIONS
//! cargo run --release --example make_measure_data -- guide DIR [PRACTICES]
//! cargo run --release --example make_measure_data -- startup DIR [GUIDES_DIR]
//! ```
//!
//! `data` fills the data folder DIR (created if missing; it must not hold
//! reflections yet) with TEACHERS teachers and REFLECTIONS filled-in
//! reflections, the newest of them on the default guide. `guide` writes a
//! stress guide with PRACTICES practices (default 1,000) to
//! `DIR/<id>.json` and prints its id. `startup` does, in this fresh process,
//! what the app does with its data before the first frame (open the folder for
//! writing, load the guides, load every reflection) and prints how long each
//! step took as one JSON line: the data's share of the app's start-up.
// Bench and example code: a panic is a broken bench, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[path = "../benches/support/mod.rs"]
mod support;

fn usage() -> ExitCode {
    eprintln!(
        "usage: make_measure_data data DIR TEACHERS REFLECTIONS\n       make_measure_data guide DIR [PRACTICES]"
    );
    ExitCode::from(2)
}

fn number(text: Option<&String>, default: Option<usize>) -> Option<usize> {
    match text {
        Some(text) => text.replace(['_', ','], "").parse().ok(),
        None => default,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(command), Some(dir)) = (args.first(), args.get(1)) else {
        return usage();
    };
    let dir = PathBuf::from(dir);
    let started = Instant::now();
    match command.as_str() {
        "data" => {
            let (Some(teachers), Some(reflections)) =
                (number(args.get(2), None), number(args.get(3), None))
            else {
                return usage();
            };
            let existing = dir.join("reflections");
            if std::fs::read_dir(&existing).is_ok_and(|mut entries| entries.next().is_some()) {
                eprintln!(
                    "{} already holds reflections; give an empty folder",
                    existing.display()
                );
                return ExitCode::from(1);
            }
            let store = support::write_data_folder(&dir, teachers, reflections);
            let (headers, problems) = store.list();
            if !problems.is_empty() || headers.len() != reflections {
                eprintln!(
                    "the folder does not read back: {} reflections listed, {} problems",
                    headers.len(),
                    problems.len()
                );
                return ExitCode::from(1);
            }
            eprintln!(
                "wrote {teachers} teachers and {reflections} reflections to {} in {:.1} s",
                dir.display(),
                started.elapsed().as_secs_f64()
            );
        }
        "guide" => {
            let Some(practices) = number(args.get(2), Some(support::STRESS_PRACTICES)) else {
                return usage();
            };
            let json = support::stress_guide_json(practices);
            // Checked exactly as the app checks a user's guide file.
            let guide = match pl_reflect::guide::parse_guide("generated", json.as_bytes()) {
                Ok(guide) => guide,
                Err(errors) => {
                    eprintln!("the generated guide is not valid:\n{errors}");
                    return ExitCode::from(1);
                }
            };
            if let Err(error) = std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(dir.join(format!("{}.json", guide.id)), &json))
            {
                eprintln!("could not write the guide into {}: {error}", dir.display());
                return ExitCode::from(1);
            }
            eprintln!(
                "wrote {}/{}.json: {} practices, {} bytes",
                dir.display(),
                guide.id,
                guide.counts().practices,
                json.len()
            );
            println!("{}", guide.id);
        }
        "startup" => {
            use pl_reflect::guide::GuideLibrary;
            use pl_reflect::store::{Access, Store};
            let ms = |since: Instant| since.elapsed().as_secs_f64() * 1000.0;
            let step = Instant::now();
            let store = match Store::open(
                &dir,
                Access::Write {
                    wait: std::time::Duration::from_millis(500),
                },
            ) {
                Ok(store) => store,
                Err(error) => {
                    eprintln!("could not open {}: {error}", dir.display());
                    return ExitCode::from(1);
                }
            };
            let open_ms = ms(step);
            let step = Instant::now();
            let folders: Vec<PathBuf> = args.get(2).map(PathBuf::from).into_iter().collect();
            let library = GuideLibrary::load(&folders);
            let guides_ms = ms(step);
            let step = Instant::now();
            let snapshot = store.load();
            let load_ms = ms(step);
            println!(
                "{{\"open_ms\": {open_ms:.3}, \"guides_ms\": {guides_ms:.3}, \"load_ms\": {load_ms:.3}, \"total_ms\": {:.3}, \"reflections\": {}, \"guides\": {}}}",
                ms(started),
                snapshot.reflections.len(),
                library.guides().len()
            );
        }
        _ => return usage(),
    }
    ExitCode::SUCCESS
}
