//! Upgrading old files, one format at a time, as small functions over JSON values.
//!
//! A file's `format` is read first; then each step lifts it by one version until
//! it reaches the format this build writes. The upgraded value is only written
//! back when the user saves, and the file's old content is then kept as `.bak`.
//!
//! Format 0 is the pre-release shape:
//! - a reflection had no `format` (or `"format": 0`), named its guide `"guide"`
//!   instead of `"guide_id"`, had no `guide_version` (it means 1), and held
//!   `answers` as a list of `{"item": ID, ...answer fields}`;
//! - `teachers.json` was a bare list of teachers.

use serde_json::{Map, Value, json};

use crate::reflection::{REFLECTION_FORMAT, TEACHERS_FORMAT};

/// One upgrade step: format N to N + 1.
type Step = fn(Value) -> Result<Value, MigrateError>;

/// Why a file could not be brought to the current format. The message says
/// what is wrong with the file, as a problem report shows it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MigrateError {
    #[error("\"format\" should be a whole number such as 1, not {0}")]
    FormatNotANumber(Value),
    #[error("format {0} is newer than this version of PL Reflect knows")]
    Newer(u64),
    /// The old file is not the shape its format had.
    #[error("{0}")]
    Shape(&'static str),
    #[error("could not upgrade it from format {from}: {why}")]
    Step { from: usize, why: Box<MigrateError> },
}

/// `REFLECTION_STEPS[n]` lifts a reflection from format `n` to `n + 1`.
const REFLECTION_STEPS: &[Step] = &[reflection_0_to_1];
/// `TEACHERS_STEPS[n]` lifts a teachers file from format `n` to `n + 1`.
const TEACHERS_STEPS: &[Step] = &[teachers_0_to_1];

// Adding a format without its step would not compile.
const _: () = assert!(REFLECTION_STEPS.len() == REFLECTION_FORMAT as usize);
const _: () = assert!(TEACHERS_STEPS.len() == TEACHERS_FORMAT as usize);

/// Extra answers a format 0 file held that have no place in a map keyed by item
/// (a second answer to the same item, or one without an item id). They are kept
/// under this field so that no words are lost.
pub const LEFTOVER_ANSWERS_FIELD: &str = "format0_leftover_answers";

/// A file's format: the `format` field, or 0 if it is missing or null.
/// A bare list (an old teachers file) is format 0 too.
pub fn format_of(value: &Value) -> Result<u64, MigrateError> {
    match value.get("format") {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Number(n)) if n.as_u64().is_some() => Ok(n.as_u64().unwrap_or_default()),
        Some(other) => Err(MigrateError::FormatNotANumber(other.clone())),
    }
}

/// Lifts a reflection from format `from` to the current format.
pub fn reflection_to_current(value: Value, from: u64) -> Result<Value, MigrateError> {
    run(REFLECTION_STEPS, value, from)
}

/// Lifts a teachers file from format `from` to the current format.
pub fn teachers_to_current(value: Value, from: u64) -> Result<Value, MigrateError> {
    run(TEACHERS_STEPS, value, from)
}

fn run(steps: &[Step], mut value: Value, from: u64) -> Result<Value, MigrateError> {
    let start = usize::try_from(from).unwrap_or(usize::MAX);
    if start > steps.len() {
        return Err(MigrateError::Newer(from));
    }
    for (version, step) in steps.iter().enumerate().skip(start) {
        value = step(value).map_err(|why| MigrateError::Step {
            from: version,
            why: Box::new(why),
        })?;
    }
    Ok(value)
}

fn reflection_0_to_1(value: Value) -> Result<Value, MigrateError> {
    let Value::Object(old) = value else {
        return Err(MigrateError::Shape(
            "a reflection should be a JSON object { ... }",
        ));
    };
    let has_guide_id = old.contains_key("guide_id");
    let has_version = old.contains_key("guide_version");
    let mut new = Map::new();
    new.insert("format".to_owned(), json!(1));
    let mut leftovers = Vec::new();
    // Rebuilt in the old order so the upgraded file reads like the original.
    for (key, value) in old {
        match key.as_str() {
            "format" => {}
            "guide" if !has_guide_id => {
                new.insert("guide_id".to_owned(), value);
                if !has_version {
                    new.insert("guide_version".to_owned(), json!(1));
                }
            }
            "answers" => {
                let answers = match value {
                    Value::Array(list) => answers_list_to_map(list, &mut leftovers),
                    other => other,
                };
                new.insert(key, answers);
            }
            _ => {
                new.insert(key, value);
            }
        }
    }
    new.entry("guide_version").or_insert(json!(1));
    if !leftovers.is_empty() {
        new.insert(LEFTOVER_ANSWERS_FIELD.to_owned(), Value::Array(leftovers));
    }
    Ok(Value::Object(new))
}

/// `[{"item": "q1", "text": ...}]` becomes `{"q1": {"text": ...}}`.
fn answers_list_to_map(list: Vec<Value>, leftovers: &mut Vec<Value>) -> Value {
    let mut map = Map::new();
    for entry in list {
        let item = entry.get("item").and_then(Value::as_str).map(str::to_owned);
        match (item, entry) {
            (Some(item), Value::Object(mut fields)) if !map.contains_key(&item) => {
                fields.remove("item");
                map.insert(item, Value::Object(fields));
            }
            (_, entry) => leftovers.push(entry),
        }
    }
    Value::Object(map)
}

fn teachers_0_to_1(value: Value) -> Result<Value, MigrateError> {
    match value {
        Value::Array(teachers) => Ok(json!({ "format": 1, "teachers": teachers })),
        Value::Object(old) => {
            let mut new = Map::new();
            new.insert("format".to_owned(), json!(1));
            new.extend(old.into_iter().filter(|(key, _)| key != "format"));
            Ok(Value::Object(new))
        }
        _ => Err(MigrateError::Shape(
            "teachers.json should hold a JSON object { \"teachers\": [...] }",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_0_reflection_gets_current_shape() {
        let old = json!({
            "id": "r-1", "teacher_id": "t-1", "guide": "where-to-begin",
            "created": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z",
            "answers": [
                {"item": "q1", "text": "first"},
                {"item": "q1", "text": "second"},
                {"text": "no item"}
            ],
            "mood": "kept"
        });
        let new = reflection_to_current(old, 0).unwrap();
        assert_eq!(new["format"], 1);
        assert_eq!(new["guide_id"], "where-to-begin");
        assert_eq!(new["guide_version"], 1);
        assert_eq!(new["answers"]["q1"], json!({"text": "first"}));
        assert_eq!(new[LEFTOVER_ANSWERS_FIELD].as_array().unwrap().len(), 2);
        assert_eq!(new["mood"], "kept");
        assert!(new.get("guide").is_none());
    }

    #[test]
    fn current_files_pass_through_unchanged() {
        let value = json!({"format": 1, "id": "r-1"});
        assert_eq!(reflection_to_current(value.clone(), 1).unwrap(), value);
        assert!(reflection_to_current(value, 2).is_err());
    }

    #[test]
    fn bare_teacher_list_is_wrapped() {
        let new = teachers_to_current(json!([{"id": "t-1"}]), 0).unwrap();
        assert_eq!(new, json!({"format": 1, "teachers": [{"id": "t-1"}]}));
        assert_eq!(format_of(&json!([])).unwrap(), 0);
        assert!(format_of(&json!({"format": "one"})).is_err());
        assert!(format_of(&json!({"format": -1})).is_err());
    }
}
