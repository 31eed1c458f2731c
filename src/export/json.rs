//! The interchange format a coach imports: one reflection with the guide it
//! answers and (unless anonymous) the teacher's name.
//!
//! ```json
//! {"format": 1, "kind": "pl-reflect-reflection", "exported": "2026-01-05T09:00:00Z",
//!  "guide": {"id": "where-to-begin", "version": 1, "title": "..."},
//!  "teacher": {"name": "..."} or null,
//!  "reflection": { ...the reflection file, private answers and coach notes removed unless included... }}
//! ```
//!
//! [`parse_exported`] reads such a file back and checks it fully; the JSON
//! Schema ([`export_schema`]) is committed as `reflection_guides/export.schema.json`.

use crate::text_position::{line_column, without_position};
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::clock::{Timestamp, is_valid_date};
use crate::guide::is_valid_id;
use crate::reflection::{REFLECTION_FORMAT, Reflection, is_valid_reflection_id};
use crate::summary::Summary;

/// The interchange format this build writes and reads.
pub const EXPORT_FORMAT: u32 = 1;
/// The `kind` of an exported reflection.
pub const EXPORT_KIND: &str = "pl-reflect-reflection";
/// The longest answer key accepted.
pub const MAX_ITEM_KEY_CHARS: usize = 200;
/// Larger files are refused before parsing: no reflection comes near this.
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// One reflection exported by PL Reflect for a coach to import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "PL Reflect exported reflection")]
pub struct ExportedReflection {
    /// The interchange format version; this build reads and writes 1.
    #[schemars(extend("const" = 1))]
    pub format: u32,
    /// Always `pl-reflect-reflection`.
    #[schemars(extend("const" = "pl-reflect-reflection"))]
    pub kind: String,
    /// When the file was exported, `YYYY-MM-DDTHH:MM:SSZ` (UTC).
    #[schemars(
        with = "String",
        regex(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    )]
    pub exported: Timestamp,
    /// The guide the reflection answers.
    pub guide: ExportedGuide,
    /// The teacher, or null when the export is anonymous.
    pub teacher: Option<ExportedTeacher>,
    /// The reflection as stored, with private answers removed unless the
    /// teacher chose to include them, and coach notes removed unless included.
    /// An anonymous export has no `teacher_id` (read back, it is empty).
    #[schemars(with = "ReflectionShape")]
    #[serde(serialize_with = "reflection_out", deserialize_with = "reflection_in")]
    pub reflection: Reflection,
}

/// Which guide, and which version of it, the reflection answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportedGuide {
    /// The guide's stable id; equal to the reflection's `guide_id`.
    pub id: String,
    /// The guide's content version the export was made with.
    pub version: u32,
    pub title: String,
}

/// Who reflected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportedTeacher {
    pub name: String,
}

/// Why an exported reflection could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is larger than {} MB, far larger than any exported reflection", MAX_IMPORT_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("line {line}, column {column}: the file is not UTF-8 text")]
    NotText { line: usize, column: usize },
    #[error("line {line}, column {column}: this is not valid JSON ({message})")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("this is not a reflection exported by PL Reflect ({reason})")]
    NotAnExport { reason: String },
    #[error(
        "this reflection was exported by a newer version of PL Reflect (format {found}; this version reads format {EXPORT_FORMAT})"
    )]
    NewerFormat { found: u64 },
    #[error("line {line}, column {column}: at {path}: {message}")]
    Shape {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the reflection id \"{id}\" is not a safe file name (1 to 80 of a-z, 0-9 and -)")]
    UnsafeReflectionId { id: String },
    #[error("the reflection is in format {found}, which this version of PL Reflect does not know")]
    ReflectionFormat { found: u32 },
    #[error("{0}")]
    Invalid(String),
}

/// A copy of the reflection fit to leave the computer: private answers removed
/// unless `include_private`, coach notes removed unless `include_coach_notes`.
pub fn shareable(
    reflection: &Reflection,
    include_private: bool,
    include_coach_notes: bool,
) -> Reflection {
    let mut copy = reflection.clone();
    if !include_private {
        copy.answers.retain(|_, answer| !answer.private);
    }
    if !include_coach_notes {
        copy.coach_notes.clear();
    }
    copy
}

/// Writes the reflection of an export, leaving out an empty `teacher_id`: an
/// anonymous export holds nothing that links it back to a teacher.
fn reflection_out<S: serde::Serializer>(
    reflection: &Reflection,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::Error as _;
    let mut value = serde_json::to_value(reflection).map_err(S::Error::custom)?;
    if reflection.teacher_id.is_empty()
        && let Value::Object(fields) = &mut value
    {
        fields.shift_remove("teacher_id");
    }
    value.serialize(serializer)
}

/// Reads the reflection of an export, where an anonymous one has no `teacher_id`.
/// Read field by field from the file, so errors keep their line and column.
fn reflection_in<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Reflection, D::Error> {
    use crate::reflection::{Answer, CoachNote};
    #[derive(Deserialize)]
    struct Shared {
        format: u32,
        id: String,
        #[serde(default)]
        teacher_id: String,
        guide_id: String,
        guide_version: u32,
        #[serde(default)]
        title: String,
        created: Timestamp,
        updated: Timestamp,
        #[serde(default)]
        answers: BTreeMap<String, Answer>,
        #[serde(default)]
        grade_band: Option<crate::guide::GradeBand>,
        #[serde(default)]
        coach_notes: Vec<CoachNote>,
        #[serde(flatten)]
        extra: serde_json::Map<String, Value>,
    }
    let shared = Shared::deserialize(deserializer)?;
    Ok(Reflection {
        format: shared.format,
        id: shared.id,
        teacher_id: shared.teacher_id,
        guide_id: shared.guide_id,
        guide_version: shared.guide_version,
        title: shared.title,
        created: shared.created,
        updated: shared.updated,
        answers: shared.answers,
        grade_band: shared.grade_band,
        coach_notes: shared.coach_notes,
        extra: shared.extra,
    })
}

/// The export document for `reflection`, as its summary's options ask.
pub fn exported(
    summary: &Summary,
    reflection: &Reflection,
    exported: &Timestamp,
) -> ExportedReflection {
    let header = &summary.header;
    ExportedReflection {
        format: EXPORT_FORMAT,
        kind: EXPORT_KIND.to_owned(),
        exported: exported.clone(),
        guide: ExportedGuide {
            id: header.guide_id.clone(),
            version: header.guide_version,
            title: header.guide_title.clone(),
        },
        teacher: header
            .teacher_name
            .as_ref()
            .map(|name| ExportedTeacher { name: name.clone() }),
        reflection: {
            let mut shared = shareable(
                reflection,
                summary.included.private_answers,
                summary.included.coach_notes,
            );
            if header.teacher_name.is_none() {
                shared.teacher_id.clear();
            }
            shared
        },
    }
}

/// Renders the export as pretty-printed JSON with a final newline.
pub fn render(
    summary: &Summary,
    reflection: &Reflection,
    exported_at: &Timestamp,
) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(&exported(summary, reflection, exported_at))?;
    text.push('\n');
    Ok(text)
}

/// The JSON Schema of the interchange format.
pub fn export_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(ExportedReflection)).unwrap_or_default()
}

/// Reads an exported reflection and checks it fully: JSON syntax (with line
/// and column), `kind`, `format`, the shape of every field, a file-safe
/// reflection id, and that the parts agree with each other.
pub fn parse_exported(bytes: &[u8]) -> Result<ExportedReflection, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let (line, column) = line_column(bytes, error.valid_up_to());
        ImportError::NotText { line, column }
    })?;
    let value: Value =
        crate::strict_json::value_from_str(text).map_err(|error| ImportError::Syntax {
            line: error.line(),
            column: error.column(),
            message: without_position(&error),
        })?;
    let Value::Object(object) = &value else {
        return Err(ImportError::NotAnExport {
            reason: "it should be one JSON object { ... }".to_owned(),
        });
    };
    match object.get("kind") {
        Some(Value::String(kind)) if kind == EXPORT_KIND => {}
        Some(other) => {
            return Err(ImportError::NotAnExport {
                reason: format!("its kind is {other}, not \"{EXPORT_KIND}\""),
            });
        }
        None => {
            return Err(ImportError::NotAnExport {
                reason: format!("it has no \"kind\": \"{EXPORT_KIND}\""),
            });
        }
    }
    match object.get("format").and_then(Value::as_u64) {
        Some(found) if found == u64::from(EXPORT_FORMAT) => {}
        Some(found) if found > u64::from(EXPORT_FORMAT) => {
            return Err(ImportError::NewerFormat { found });
        }
        _ => {
            return Err(ImportError::NotAnExport {
                reason: format!("its \"format\" should be {EXPORT_FORMAT}"),
            });
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let export: ExportedReflection =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let inner = error.inner();
            ImportError::Shape {
                path: error.path().to_string(),
                line: inner.line(),
                column: inner.column(),
                message: without_position(inner),
            }
        })?;
    validate(&export)?;
    Ok(export)
}

fn validate(export: &ExportedReflection) -> Result<(), ImportError> {
    let reflection = &export.reflection;
    if !is_valid_reflection_id(&reflection.id) {
        return Err(ImportError::UnsafeReflectionId {
            id: reflection.id.clone(),
        });
    }
    if reflection.format == 0 || reflection.format > REFLECTION_FORMAT {
        return Err(ImportError::ReflectionFormat {
            found: reflection.format,
        });
    }
    let invalid = |message: String| Err(ImportError::Invalid(message));
    if !is_valid_id(&export.guide.id) {
        return invalid(format!(
            "the guide id \"{}\" is not a valid guide id",
            export.guide.id
        ));
    }
    if export.guide.id != reflection.guide_id {
        return invalid(format!(
            "the guide is \"{}\" but the reflection answers \"{}\"",
            export.guide.id, reflection.guide_id
        ));
    }
    if let Some(teacher) = &export.teacher
        && teacher.name.trim().is_empty()
    {
        return invalid(
            "the teacher's name is empty; an anonymous export has \"teacher\": null".to_owned(),
        );
    }
    for (what, stamp) in [
        ("exported", &export.exported),
        ("reflection.created", &reflection.created),
        ("reflection.updated", &reflection.updated),
    ] {
        if !is_timestamp(stamp) {
            return invalid(format!(
                "{what} should be a time written YYYY-MM-DDTHH:MM:SSZ, not \"{stamp}\""
            ));
        }
    }
    for (item, answer) in &reflection.answers {
        // Keys are guide item ids, but an answer to a removed item keeps whatever
        // id it had: require only a sensible, printable key.
        if item.trim().is_empty()
            || item.chars().count() > MAX_ITEM_KEY_CHARS
            || item.chars().any(char::is_control)
        {
            return invalid(format!("the answer key {item:?} is not an item id"));
        }
        if let Some(date) = answer
            .next_step
            .as_ref()
            .and_then(|step| step.revisit_on.as_deref())
            && !is_valid_date(date)
        {
            return invalid(format!(
                "the revisit date \"{date}\" of \"{item}\" should be written YYYY-MM-DD"
            ));
        }
    }
    for note in &reflection.coach_notes {
        if !is_timestamp(&note.created) {
            return invalid(format!(
                "coach note \"{}\" has a bad time \"{}\"",
                note.id, note.created
            ));
        }
    }
    Ok(())
}

/// `YYYY-MM-DDTHH:MM:SSZ`, as [`Timestamp`] writes it.
fn is_timestamp(stamp: &Timestamp) -> bool {
    let text = stamp.0.as_str();
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>, max: u32| {
        text.get(range)
            .and_then(|s| s.parse::<u32>().ok())
            .is_some_and(|n| n <= max)
    };
    bytes.len() == 20
        && is_valid_date(&text[..10])
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && bytes[16] == b':'
        && bytes[19] == b'Z'
        && number(11..13, 23)
        && number(14..16, 59)
        && number(17..19, 60)
}

// The shapes below exist only to describe the reflection in the JSON Schema;
// the real types live in `crate::reflection` and keep unknown fields.

/// A reflection: one pass through one guide by one teacher. Fields not listed
/// here are kept, for files written by newer versions.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct ReflectionShape {
    /// The reflection format; this build writes 1.
    format: u32,
    /// 1 to 80 of `a-z`, `0-9` and `-`.
    #[schemars(regex(pattern = r"^[a-z0-9-]{1,80}$"))]
    id: String,
    /// Left out of an anonymous export.
    #[serde(default)]
    teacher_id: String,
    guide_id: String,
    /// The guide's content version when the reflection was started.
    guide_version: u32,
    #[serde(default)]
    title: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`
    created: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`
    updated: String,
    /// Answers keyed by the guide item's id.
    #[serde(default)]
    answers: BTreeMap<String, AnswerShape>,
    /// The grade band whose examples the teacher chose: `k-2`, `3-5`, `6-8` or `9-12`.
    #[serde(default)]
    grade_band: Option<crate::guide::GradeBand>,
    /// Present only when the teacher chose to include coach notes.
    #[serde(default)]
    coach_notes: Vec<CoachNoteShape>,
}

/// A teacher's answer to one guide item.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct AnswerShape {
    /// Free-text answer to a question.
    #[serde(default)]
    text: String,
    /// A level id on the item's scale.
    #[serde(default)]
    level: Option<String>,
    /// Evidence or a note.
    #[serde(default)]
    note: String,
    #[serde(default)]
    next_step: Option<NextStepShape>,
    /// The answer to a plan section ("My next step").
    #[serde(default)]
    plan: Option<PlanShape>,
    /// Whether a statement is affirmed.
    #[serde(default)]
    affirmed: bool,
    /// Present (true) only when private answers were included.
    #[serde(default)]
    private: bool,
}

/// A practice the teacher wants to try next.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct NextStepShape {
    #[serde(default)]
    action: String,
    /// `YYYY-MM-DD`
    #[serde(default)]
    revisit_on: Option<String>,
    #[serde(default)]
    done: bool,
}

/// One practice to try, when, and how the teacher will know it worked.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct PlanShape {
    /// The id of a practice of the guide.
    #[serde(default)]
    practice: Option<String>,
    /// `YYYY-MM-DD`
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    how_i_will_know: String,
}

/// A coach's note on the reflection or one item.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct CoachNoteShape {
    id: String,
    #[serde(default)]
    item_id: Option<String>,
    text: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`
    created: String,
}
