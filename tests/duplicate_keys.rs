//! A JSON object that names a key twice means whatever the last one says,
//! silently. Guides, data files and imports refuse it, saying where; and guide
//! ids and titles refuse control characters and bidirectional overrides.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "store_support.rs"]
mod support;

use std::path::Path;

use pl_reflect::guide::{Location, parse_guide};
use pl_reflect::store::{ProblemKind, StoreError};
use support::{open, reflection, teacher};

fn tiny() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guides/valid-tiny.json");
    std::fs::read_to_string(path).expect("fixture")
}

#[test]
fn a_guide_with_a_key_named_twice_is_refused_with_line_and_column() {
    let text = tiny().replacen(
        "\"id\": \"tiny\",",
        "\"id\": \"tiny\", \"id\": \"other\",",
        1,
    );
    let errors = parse_guide("tiny.json", text.as_bytes()).expect_err("refused");
    let error = &errors.0[0];
    assert_eq!(
        error.location,
        Location::LineColumn {
            line: 3,
            column: 20
        },
        "{error}"
    );
    assert!(error.to_string().starts_with("tiny.json:3:20: "), "{error}");
    assert!(error.message.contains("\"id\""), "{error}");
    assert!(error.message.contains("twice"), "{error}");

    // Deep inside too: a practice with two names.
    let text = tiny().replace(
        "\"name\": \"Peer coaching\",",
        "\"name\": \"Peer coaching\",\n              \"name\": \"Other\",",
    );
    let errors = parse_guide("tiny.json", text.as_bytes()).expect_err("refused");
    assert!(
        matches!(errors.0[0].location, Location::LineColumn { line: 73, .. }),
        "{}",
        errors
    );
    // The same key in two different objects is fine.
    assert!(parse_guide("tiny.json", tiny().as_bytes()).is_ok());
}

#[test]
fn guide_titles_refuse_control_and_bidirectional_characters() {
    for (from, to, pointer) in [
        (
            "\"title\": \"Tiny guide\"",
            "\"title\": \"Tiny \\u202eediug\"",
            "/title",
        ),
        (
            "\"title\": \"Big questions\"",
            "\"title\": \"Big\\u0007 questions\"",
            "/sections/0/title",
        ),
        (
            "\"name\": \"Peer coaching\"",
            "\"name\": \"Peer \\u001b[31mcoaching\"",
            "/sections/1/components/0/practices/0/name",
        ),
        (
            "\"label\": \"Regular\"",
            "\"label\": \"Reg\\u2066ular\"",
            "/scales/0/levels/1/label",
        ),
    ] {
        let text = tiny().replace(from, to);
        assert_ne!(text, tiny());
        let errors = parse_guide("tiny.json", text.as_bytes()).expect_err(to);
        let found = errors
            .0
            .iter()
            .find(|e| e.location == Location::Pointer(pointer.to_owned()))
            .unwrap_or_else(|| panic!("no error at {pointer}: {errors}"));
        assert!(found.message.contains("control"), "{found}");
    }
}

#[test]
fn data_files_with_a_key_named_twice_are_refused_and_left_alone() {
    let temp = tempfile::tempdir().unwrap();
    let store = open(temp.path());
    store
        .save_teachers(&[teacher("t-1", "Ms. Okafor")])
        .unwrap();
    let r = reflection("r-dup", "t-1", 3);
    store.save_reflection(&r).unwrap();
    let path = store.reflection_path("r-dup").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let doubled = text.replacen(
        "\"id\": \"r-dup\",",
        "\"id\": \"r-dup\",\n  \"title\": \"first\",\n  \"title\": \"second\",",
        1,
    );
    assert_ne!(doubled, text);
    std::fs::write(&path, &doubled).unwrap();

    let error = store.load_reflection("r-dup").unwrap_err();
    let StoreError::Refused { problem } = &error else {
        panic!("{error}")
    };
    assert_eq!(problem.kind, ProblemKind::Unreadable);
    assert_eq!(problem.line, Some(5), "{error}");
    assert!(problem.message.contains("\"title\""), "{error}");
    assert!(error.to_string().contains(":5:"), "{error}");
    assert!(
        store.save_reflection(&r).is_err(),
        "a damaged file is never replaced"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), doubled);
    let listed = store.list();
    assert!(listed.1.iter().any(|p| p.path == path), "{:?}", listed.1);

    // Answers keyed twice, and the teachers file.
    let answers = text.replacen(
        "\"answers\": {",
        "\"answers\": {\n    \"q-x\": {\"text\": \"a\"},\n    \"q-x\": {\"text\": \"b\"},",
        1,
    );
    assert_ne!(answers, text);
    std::fs::write(&path, &answers).unwrap();
    assert!(store.load_reflection("r-dup").is_err());
    let teachers = store.teachers_path();
    let t = std::fs::read_to_string(&teachers).unwrap();
    std::fs::write(
        &teachers,
        t.replacen("\"format\": 1,", "\"format\": 1,\n  \"format\": 1,", 1),
    )
    .unwrap();
    let (_, problem) = store.load_teachers();
    let problem = problem.expect("a problem");
    assert_eq!(problem.kind, ProblemKind::Unreadable);
    assert_eq!(problem.line, Some(3));
}

#[test]
fn an_import_with_a_key_named_twice_is_refused() {
    let text =
        br#"{"format": 1, "kind": "pl-reflect-reflection", "kind": "pl-reflect-reflection"}"#;
    let error = pl_reflect::export::parse_exported(text)
        .unwrap_err()
        .to_string();
    assert!(error.contains("twice"), "{error}");
    assert!(error.starts_with("line 1, column "), "{error}");
}
