//! The interchange format: it reads back, every problem is reported precisely,
//! and the committed JSON Schema matches the code.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "fixtures/export/sample.rs"]
mod sample;

use std::path::Path;

use pl_reflect::clock::Timestamp;
use pl_reflect::export::json::{EXPORT_KIND, render};
use pl_reflect::export::{ImportError, export_schema, parse_exported};
use pl_reflect::summary::summarize;

const SCHEMA_FILE: &str = "reflection_guides/export.schema.json";

fn exported(anonymous: bool) -> String {
    let mut options = sample::options(false, false);
    if anonymous {
        options.teacher_name = None;
    }
    let reflection = sample::spring();
    let summary = summarize(&sample::guide(), &reflection, None, &options);
    render(
        &summary,
        &reflection,
        &Timestamp(sample::EXPORTED.to_owned()),
    )
    .expect("renders")
}

fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut value: serde_json::Value = serde_json::from_str(&exported(false)).expect("JSON");
    edit(&mut value);
    serde_json::to_vec_pretty(&value).expect("JSON")
}

#[test]
fn an_export_reads_back_without_its_private_answers_and_coach_notes() {
    let parsed = parse_exported(exported(false).as_bytes()).expect("reads back");
    assert_eq!(parsed.format, 1);
    assert_eq!(parsed.kind, EXPORT_KIND);
    assert_eq!(parsed.exported.0, sample::EXPORTED);
    assert_eq!(parsed.guide.id, "where-to-begin");
    assert_eq!(parsed.teacher.expect("named").name, "Ana López");
    let mut expected = sample::spring();
    expected.answers.retain(|_, answer| !answer.private);
    expected.coach_notes.clear();
    assert_eq!(parsed.reflection, expected);
}

#[test]
fn an_anonymous_export_has_a_null_teacher() {
    let text = exported(true);
    assert!(text.contains("\"teacher\": null"), "{text}");
    assert_eq!(
        parse_exported(text.as_bytes()).expect("reads back").teacher,
        None
    );
}

#[test]
fn an_anonymous_export_holds_nothing_that_links_it_to_a_teacher() {
    let reflection = sample::spring();
    let text = exported(true);
    assert!(!text.contains("teacher_id"), "{text}");
    assert!(!text.contains(&reflection.teacher_id), "{text}");
    assert!(!text.contains(sample::TEACHER), "{text}");
    let parsed = parse_exported(text.as_bytes()).expect("reads back");
    assert_eq!(parsed.reflection.teacher_id, "");
    assert_eq!(parsed.reflection.answers.len(), {
        let mut shared = reflection.answers.clone();
        shared.retain(|_, a| !a.private);
        shared.len()
    });
    // A named export still says whose it is.
    assert!(exported(false).contains(&reflection.teacher_id));
}

#[test]
fn a_byte_order_mark_is_fine() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(exported(false).as_bytes());
    assert!(parse_exported(&bytes).is_ok());
}

#[test]
fn syntax_errors_say_where() {
    let mut text = exported(false);
    // Break line 3: drop the comma after "kind".
    text = text.replacen("\"pl-reflect-reflection\",", "\"pl-reflect-reflection\"", 1);
    match parse_exported(text.as_bytes()) {
        Err(ImportError::Syntax { line, column, .. }) => assert_eq!((line, column), (4, 3)),
        other => panic!("expected a syntax error, got {other:?}"),
    }
    match parse_exported(b"{\"format\": 1,\n  \"kind\": \"pl-reflect-ref\xFFlection\"}") {
        Err(ImportError::NotText { line, column }) => assert_eq!((line, column), (2, 26)),
        other => panic!("expected a not-text error, got {other:?}"),
    }
}

#[test]
fn other_files_are_refused_by_kind_and_format() {
    assert!(matches!(
        parse_exported(b"[1, 2]"),
        Err(ImportError::NotAnExport { .. })
    ));
    let guide = include_bytes!("../reflection_guides/where-to-begin.json");
    assert!(matches!(
        parse_exported(guide),
        Err(ImportError::NotAnExport { .. })
    ));
    let wrong_kind = edited(|v| v["kind"] = "pl-reflect-guide".into());
    assert!(matches!(
        parse_exported(&wrong_kind),
        Err(ImportError::NotAnExport { .. })
    ));
    let newer = edited(|v| v["format"] = 2.into());
    assert_eq!(
        parse_exported(&newer),
        Err(ImportError::NewerFormat { found: 2 })
    );
    let no_format = edited(|v| v["format"] = "one".into());
    assert!(matches!(
        parse_exported(&no_format),
        Err(ImportError::NotAnExport { .. })
    ));
}

#[test]
fn shape_errors_give_the_path_line_and_column() {
    let bad = edited(|v| v["reflection"]["answers"]["exit-tickets"]["affirmed"] = "yes".into());
    match parse_exported(&bad) {
        Err(ImportError::Shape { path, line, .. }) => {
            assert_eq!(path, "reflection.answers.exit-tickets.affirmed");
            assert!(line > 1);
        }
        other => panic!("expected a shape error, got {other:?}"),
    }
    let extra = edited(|v| v["surprise"] = true.into());
    assert!(matches!(
        parse_exported(&extra),
        Err(ImportError::Shape { .. })
    ));
    let missing = edited(|v| {
        v["guide"]
            .as_object_mut()
            .expect("object")
            .remove("version");
    });
    assert!(matches!(
        parse_exported(&missing),
        Err(ImportError::Shape { .. })
    ));
}

#[test]
fn the_reflection_id_must_be_a_safe_file_name() {
    for id in ["../../etc/passwd", "R-UPPER", "", "a/b", &"x".repeat(81)] {
        let bad = edited(|v| v["reflection"]["id"] = id.into());
        assert_eq!(
            parse_exported(&bad),
            Err(ImportError::UnsafeReflectionId { id: id.to_owned() }),
            "{id}"
        );
    }
}

#[test]
fn the_parts_must_agree_and_values_must_be_well_formed() {
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "other guide",
            Box::new(|v| v["guide"]["id"] = "leading-change".into()),
        ),
        (
            "bad guide id",
            Box::new(|v| v["guide"]["id"] = "Where To Begin".into()),
        ),
        (
            "empty name",
            Box::new(|v| v["teacher"]["name"] = "  ".into()),
        ),
        ("bad time", Box::new(|v| v["exported"] = "yesterday".into())),
        (
            "bad created",
            Box::new(|v| v["reflection"]["created"] = "2026-02-30T10:00:00Z".into()),
        ),
        (
            "bad revisit date",
            Box::new(|v| {
                v["reflection"]["answers"]["students-track-progress"]["next_step"]["revisit_on"] =
                    "soon".into();
            }),
        ),
        (
            "control character key",
            Box::new(|v| v["reflection"]["answers"]["a\u{7}b"] = serde_json::json!({})),
        ),
    ];
    for (what, edit) in cases {
        let bad = edited(edit);
        assert!(
            matches!(parse_exported(&bad), Err(ImportError::Invalid(_))),
            "{what}: {:?}",
            parse_exported(&bad)
        );
    }
    let newer_reflection = edited(|v| v["reflection"]["format"] = 9.into());
    assert_eq!(
        parse_exported(&newer_reflection),
        Err(ImportError::ReflectionFormat { found: 9 })
    );
}

#[test]
fn errors_read_well() {
    let error = ImportError::Syntax {
        line: 4,
        column: 3,
        message: "expected `,` or `}`".to_owned(),
    };
    assert_eq!(
        error.to_string(),
        "line 4, column 3: this is not valid JSON (expected `,` or `}`)"
    );
}

/// Run with `UPDATE_EXPORT_SCHEMA=1` to rewrite the committed schema.
#[test]
fn the_committed_schema_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_FILE);
    let current = export_schema();
    if std::env::var_os("UPDATE_EXPORT_SCHEMA").is_some() {
        let text = serde_json::to_string_pretty(&current).expect("schema JSON") + "\n";
        std::fs::write(&path, text).expect("write the schema");
    }
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("schema file"))
            .expect("schema JSON");
    assert_eq!(
        committed, current,
        "{SCHEMA_FILE} is stale: run `UPDATE_EXPORT_SCHEMA=1 cargo test --test export_json` and commit it"
    );
}

#[test]
fn the_schema_describes_the_format() {
    let schema = export_schema();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for field in ["format", "kind", "exported", "guide", "reflection"] {
        assert!(required.contains(&field), "{field} should be required");
    }
    let text = schema.to_string();
    for word in [
        "answers",
        "coach_notes",
        "next_step",
        "revisit_on",
        "private",
    ] {
        assert!(text.contains(word), "the schema should describe {word}");
    }
}
