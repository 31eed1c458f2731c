//! Guide loading and validation: the shipped guides, the bad-guide corpus,
//! override rules, the committed schema, and a property test of the loader.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

use std::path::{Path, PathBuf};

use pl_reflect::guide::{
    GuideLibrary, Origin, Section, guide_schema, parse_guide, read_guide_file,
};
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/guides")
        .join(name)
}

fn errors_of(name: &str) -> Vec<String> {
    match read_guide_file(&fixture(&format!("bad/{name}.json"))) {
        Ok(_) => panic!("{name} should be rejected"),
        Err(errors) => errors
            .0
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
    }
}

/// Every bad fixture, with text that must appear in one of its error lines.
/// A `:L:C:` entry checks the line:column form; a `: /` entry checks the JSON pointer form.
const BAD_GUIDES: &[(&str, &str)] = &[
    (
        "bad-id",
        "bad-id.json:3:9: /id: id \"Bad Id!\" may use only lowercase",
    ),
    (
        "bad-language",
        "/language: \"english please\" is not a language tag",
    ),
    ("binary", "binary.json:1:1: the file is not UTF-8 text"),
    (
        "deep-nesting",
        "deep-nesting.json:1:128: JSON syntax error: recursion limit exceeded",
    ),
    (
        "duplicate-id",
        "/sections/1/components/0/practices/1/id: duplicate id \"peer-coaching\" (first used at /sections/1/components/0/practices/0/id)",
    ),
    (
        "empty-component",
        "/sections/1/components/0/practices: a component needs at least one practice",
    ),
    (
        "empty-scale",
        "/scales/0/levels: a scale needs at least two levels",
    ),
    (
        "empty-section",
        "/sections/0/questions: a questions section needs at least one question",
    ),
    (
        "empty",
        "empty.json:1:1: JSON syntax error: EOF while parsing a value",
    ),
    ("missing-fields", "/title: missing or empty title"),
    ("missing-format", "/format: missing field \"format\""),
    (
        "newer-format",
        "newer-format.json:2:13: /format: guide format 3 is newer than this version of PL Reflect reads",
    ),
    (
        "no-in-use-level",
        "/sections/1/scale: scale \"practice-level\" has no level with \"in_use\": true",
    ),
    (
        "no-sections",
        "/sections: a guide needs at least one section",
    ),
    ("not-an-object", "/: a guide must be a JSON object"),
    ("older-format", "/format: unsupported guide format 0"),
    (
        "syntax-error",
        "syntax-error.json:4:3: JSON syntax error: expected `,` or `}`",
    ),
    (
        "title-too-long",
        "/title: title is 300 characters; it may be at most 200",
    ),
    ("too-many-practices", "a guide may have at most 5000"),
    (
        "trailing-comma",
        "trailing-comma.json:4:1: JSON syntax error: trailing comma",
    ),
    (
        "truncated",
        "truncated.json:10:24: JSON syntax error: EOF while parsing a string",
    ),
    (
        "unknown-field",
        "/sections/0/questions/0/promt: unknown field `promt`",
    ),
    (
        "unknown-kind",
        "/sections/0/kind: unknown section kind \"essay\"",
    ),
    (
        "unknown-question-scale",
        "/sections/0/questions/0/scale: unknown scale \"nope\"; known scales: practice-level",
    ),
    (
        "unknown-scale",
        "/sections/1/scale: unknown scale \"agreement\"",
    ),
    (
        "unknown-tag",
        "/sections/1/components/0/practices/0/tags/0: unknown tag \"leap:learner-led\"",
    ),
    (
        "wrong-type",
        "/version: invalid type: string \"one\", expected u32",
    ),
    (
        "empty-first-step",
        "empty-first-step.json:82:29: /sections/1/components/0/practices/0/first_step: missing or empty first_step",
    ),
    (
        "format1-first-step",
        "format1-first-step.json:78:29: /sections/1/components/0/practices/0/first_step: first_step needs \"format\": 2",
    ),
    (
        "plan-duplicate-id",
        "plan-duplicate-id.json:97:15: /sections/2/plan/id: duplicate id \"q1\"",
    ),
    (
        "glossary-twice",
        "glossary-twice.json:114:15: /glossary/1/term: \"peer coaching\" is already explained at /glossary/0/term",
    ),
    (
        "unknown-band",
        "unknown-band.json:80:24: /sections/1/components/0/practices/0/examples/k-3: unknown field `k-3`",
    ),
    (
        "several-shape-errors",
        "/sections/1/components/0/practices/0/nam: unknown field `nam`",
    ),
];

#[test]
fn every_bad_guide_gets_a_clear_error() {
    for (name, expected) in BAD_GUIDES {
        let errors = errors_of(name);
        assert!(
            errors.iter().any(|line| line.contains(expected)),
            "{name}: expected an error containing {expected:?}, got {errors:#?}"
        );
        for line in &errors {
            assert!(
                line.contains(&format!("{name}.json")),
                "{name}: error does not name the file: {line}"
            );
        }
    }
}

#[test]
fn the_corpus_has_no_untested_file() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixture("bad"))
        .expect("bad corpus folder")
        .map(|entry| {
            entry
                .expect("entry")
                .path()
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = BAD_GUIDES
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn all_errors_in_a_file_are_reported_not_only_the_first() {
    let errors = errors_of("missing-fields");
    for field in ["/id", "/title", "/description"] {
        assert!(
            errors
                .iter()
                .any(|e| e.contains(&format!(": {field}: missing or empty"))),
            "{field} in {errors:#?}"
        );
    }
    assert_eq!(errors_of("several-shape-errors").len(), 3);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let guide = read_guide_file(&fixture("valid-with-bom.json")).expect("BOM guide loads");
    assert_eq!(guide.id, "tiny");
}

#[test]
fn the_multilingual_test_guide_loads() {
    let guide = read_guide_file(&fixture("multilingual.json")).expect("multilingual guide loads");
    let text = serde_json::to_string(&guide).expect("serialize");
    assert!(
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "has CJK text"
    );
    assert!(
        text.contains('é') || text.contains('ñ') || text.contains('ü'),
        "has accented text"
    );
}

#[test]
fn shipped_guides_are_built_in_and_valid() {
    let library = GuideLibrary::built_in();
    assert!(library.problems.is_empty(), "{:#?}", library.problems);
    let ids: Vec<&str> = library
        .guides()
        .iter()
        .map(|g| g.guide.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["where-to-begin", "overcoming-barriers", "leading-change"]
    );
    assert_eq!(
        library.default_guide().map(|g| g.id.as_str()),
        Some("where-to-begin")
    );
    for name in ["where-to-begin", "overcoming-barriers", "leading-change"] {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("reflection_guides/{name}.json"));
        let guide = read_guide_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(guide.id, name);
        assert!(!guide.source.title.is_empty() && !guide.source.author.is_empty());
    }
}

#[test]
fn the_default_guide_has_the_truths_the_big_questions_and_a_tagged_checklist() {
    let library = GuideLibrary::built_in();
    let guide = library.default_guide().expect("default guide");
    let counts = guide.counts();
    assert_eq!(counts.statements, 5, "the five educator truths");
    assert_eq!(counts.questions, 7, "the seven big questions");
    assert!(
        counts.components >= 4 && counts.practices >= 28,
        "{counts:?}"
    );
    let checklist = guide
        .sections
        .iter()
        .find_map(|s| match s {
            Section::Checklist(c) => Some(c),
            _ => None,
        })
        .expect("a checklist");
    let scale = guide.scale(&checklist.scale).expect("checklist scale");
    let labels: Vec<&str> = scale.levels.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels.len(), 4, "{labels:?}");
    assert!(!scale.levels[0].in_use && scale.levels[1..].iter().all(|l| l.in_use));
    // Badges, choosing where to work and families in the loop fit no Core Four element; the guide's
    // note says so. Every other practice has exactly one.
    let untagged = [
        "badges-for-skills",
        "student-choice-seating",
        "families-in-the-loop",
    ];
    for component in &checklist.components {
        for practice in &component.practices {
            let core_four: Vec<&String> = practice
                .tags
                .iter()
                .filter(|t| t.starts_with("core-four:"))
                .collect();
            assert_eq!(
                core_four.len(),
                usize::from(!untagged.contains(&practice.id.as_str())),
                "{} needs exactly one Core Four tag, or none if no element fits",
                practice.id
            );
            assert!(!practice.example.is_empty());
        }
    }
    for section in &guide.sections {
        if let Section::Questions(questions) = section {
            assert!(
                questions.questions.iter().all(|q| q.hint.is_some()),
                "every big question has a hint"
            );
        }
    }
}

#[test]
fn the_committed_schema_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("reflection_guides/guide.schema.json");
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("schema file"))
            .expect("schema JSON");
    assert_eq!(
        committed,
        guide_schema(),
        "reflection_guides/guide.schema.json is stale: run `cargo run -- guides schema > reflection_guides/guide.schema.json`"
    );
}

fn write_guide(dir: &Path, file: &str, version: u32, title: &str) -> PathBuf {
    let mut guide: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("valid-tiny.json")).expect("tiny"))
            .expect("json");
    guide["id"] = "where-to-begin".into();
    guide["version"] = version.into();
    guide["title"] = title.into();
    let path = dir.join(file);
    std::fs::write(&path, serde_json::to_vec_pretty(&guide).expect("json")).expect("write");
    path
}

#[test]
fn a_user_guide_overrides_a_built_in_one_only_when_newer() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_guide(dir.path(), "older.json", 1, "Same version copy");
    let library = GuideLibrary::load(&[dir.path().to_path_buf()]);
    let loaded = library.find("where-to-begin").expect("guide");
    assert_eq!(
        loaded.origin,
        Origin::BuiltIn,
        "a same-version copy must not override"
    );
    assert_eq!(loaded.shadowed.len(), 1);

    let newer = write_guide(dir.path(), "newer.json", 99, "Newer copy");
    let library = GuideLibrary::load(&[dir.path().to_path_buf()]);
    let loaded = library.find("where-to-begin").expect("guide");
    assert_eq!(loaded.origin, Origin::File(newer));
    assert_eq!(loaded.guide.title, "Newer copy");
    assert!(
        loaded
            .shadowed
            .iter()
            .any(|(origin, _)| *origin == Origin::BuiltIn)
    );
}

#[test]
fn one_bad_guide_never_stops_the_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        fixture("bad/syntax-error.json"),
        dir.path().join("broken.json"),
    )
    .expect("copy");
    std::fs::copy(
        fixture("multilingual.json"),
        dir.path().join("multilingual.json"),
    )
    .expect("copy");
    std::fs::write(dir.path().join("guide.schema.json"), "{}").expect("schema files are skipped");
    let library =
        GuideLibrary::load(&[dir.path().to_path_buf(), dir.path().join("missing-folder")]);
    assert_eq!(library.problems.len(), 1, "{:#?}", library.problems);
    assert!(library.problems[0].to_string().contains("broken.json:4:3"));
    assert!(library.get("multilingual-sample").is_some());
    assert_eq!(library.guides().len(), 4);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_guide("fuzz.json", &bytes);
    }

    /// Cuts, splices and byte flips of a real guide: errors are fine, panics are not,
    /// and every error names the file.
    #[test]
    fn mutated_guides_never_panic(cut in 0usize..4000, flips in proptest::collection::vec((0usize..4000, any::<u8>()), 0..8)) {
        let mut bytes = std::fs::read(fixture("valid-tiny.json")).expect("tiny");
        for (at, byte) in flips {
            let len = bytes.len();
            bytes[at % len] = byte;
        }
        bytes.truncate(cut.max(1));
        if let Err(errors) = parse_guide("fuzz.json", &bytes) {
            prop_assert!(!errors.0.is_empty());
            prop_assert!(errors.0.iter().all(|e| e.to_string().starts_with("fuzz.json")));
        }
    }

    /// Valid JSON with random values in random places still never panics.
    #[test]
    fn random_json_values_never_panic(path in proptest::collection::vec(0usize..6, 1..5), value in any_json()) {
        let mut guide: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture("valid-tiny.json")).expect("tiny")).expect("json");
        // Walk to a random place, remembering it as a JSON pointer.
        let mut pointer = String::new();
        let mut here = &guide;
        for step in path {
            let next = match here {
                serde_json::Value::Object(map) if !map.is_empty() => {
                    let (key, value) = map.iter().nth(step % map.len()).expect("entry");
                    pointer.push_str(&format!("/{}", key.replace('~', "~0").replace('/', "~1")));
                    Some(value)
                }
                serde_json::Value::Array(items) if !items.is_empty() => {
                    let index = step % items.len();
                    pointer.push_str(&format!("/{index}"));
                    items.get(index)
                }
                _ => None,
            };
            match next {
                Some(next) => here = next,
                None => break,
            }
        }
        *guide.pointer_mut(&pointer).expect("pointer") = value;
        let _ = parse_guide("fuzz.json", &serde_json::to_vec(&guide).expect("json"));
    }
}

fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z:-]{0,12}".prop_map(serde_json::Value::from),
        ".{0,20}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
