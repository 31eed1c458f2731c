//! Reading data files: bytes to reflections, reflection headers, coaching
//! sessions and teachers,
//! upgrading old formats on the way, and explaining precisely what is wrong
//! with a file that cannot be used.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, IgnoredAny};
use serde_json::{Map, Value};

use super::ReflectionHeader;
use super::migrate;
use super::problems::{Failure, ProblemKind, line_column};
use super::vault::Seal;
use super::vault::seal::OpenError;
use crate::clock::Timestamp;
use crate::reflection::{Answer, REFLECTION_FORMAT, Reflection, TEACHERS_FORMAT, Teacher};
use crate::session::{CoachSession, SESSION_FORMAT};

/// Larger files are refused rather than read into memory: no reflection comes near this.
pub(crate) const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a data file, decrypted through `seal` if it is encrypted. `Ok(None)` if there is no such file.
pub(crate) fn read(path: &Path, seal: &Seal) -> Result<Option<Vec<u8>>, Failure> {
    let could_not =
        |error: io::Error| Failure::unreadable(format!("the file could not be read ({error})"));
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(could_not(error)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(could_not)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Failure::unreadable(format!(
            "the file is larger than {} MB, far larger than any PL Reflect file",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    match seal.open(bytes) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(OpenError::Locked) => Err(Failure::unreadable(
            "this file is encrypted and the notebook is locked; unlock it to read the file",
        )),
        Err(OpenError::Damaged(why)) => Err(Failure::unreadable(format!(
            "this encrypted file could not be decrypted with the notebook's key ({why}): \
             it was damaged or changed since it was saved"
        ))),
    }
}

/// Checks that the bytes are text worth handing to the JSON parser.
pub(super) fn text(bytes: &[u8]) -> Result<&str, Failure> {
    // A byte order mark, as some Windows editors add, is harmless.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => Err(Failure::unreadable("the file is empty")),
        Ok(text) => match crate::strict_json::check_keys(text) {
            // Syntax errors are explained by the parse that follows.
            Err(error) if crate::strict_json::is_repeated_key(&error) => {
                Err(Failure::unreadable(format!(
                    "this is not valid JSON for PL Reflect ({})",
                    crate::text_position::without_position(&error)
                ))
                .at(error.line(), error.column()))
            }
            _ => Ok(text),
        },
        Err(error) => {
            let (line, column) = line_column(bytes, error.valid_up_to());
            Err(Failure::unreadable(
                "the file is not UTF-8 text (it holds binary data here); it may have been damaged",
            )
            .at(line, column))
        }
    }
}

/// Parses a file that should hold one JSON object, such as `settings.json`.
pub(crate) fn json_object(bytes: &[u8]) -> Result<Map<String, Value>, Failure> {
    let text = text(bytes)?;
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(fields)) => Ok(fields),
        Ok(_) => Err(Failure::unreadable(
            "this is JSON but not one object { ... }",
        )),
        Err(error) => Err(Failure::from_json(&error, "one object")),
    }
}

/// Reads `format` without building the document, so current files are parsed only once into their types.
fn peek_format(text: &str, what: &str) -> Result<u64, Failure> {
    #[derive(Deserialize)]
    struct Peek {
        #[serde(default)]
        format: Option<Value>,
    }
    let peek: Peek = serde_json::from_str(text).map_err(|error| {
        if error.is_data() {
            Failure::unreadable(format!(
                "this is JSON but not {what}: it should be one object {{ ... }}"
            ))
            .at(error.line(), error.column())
        } else {
            Failure::from_json(&error, what)
        }
    })?;
    let value = serde_json::json!({ "format": peek.format });
    migrate::format_of(&value).map_err(Failure::from_migrate)
}

fn newer(format: u64, known: u32, what: &str) -> Failure {
    Failure {
        kind: ProblemKind::NewerFormat,
        message: format!(
            "this {what} was made by a newer version of PL Reflect (format {format}; this version knows \
             format {known}) and this version cannot show it"
        ),
        line: None,
        column: None,
    }
}

/// Why a file from a newer version is read-only, as shown to the user.
pub(crate) fn newer_reason(format: u64) -> String {
    format!("made by a newer version of PL Reflect (format {format}); opened read-only")
}

/// A reflection read from a file, with the format of a file from a newer version.
pub(crate) struct ParsedReflection {
    pub reflection: Reflection,
    pub newer: Option<u64>,
}

const A_REFLECTION: &str = "a reflection";

/// Parses one reflection file, upgrading older formats. A file from a newer
/// version is read as well as this version can, to be shown read-only.
pub(crate) fn reflection(bytes: &[u8]) -> Result<ParsedReflection, Failure> {
    let text = text(bytes)?;
    let current = u64::from(REFLECTION_FORMAT);
    // Fast path, one pass: nearly every file is a well-formed current one.
    if let Ok(reflection) = serde_json::from_str::<Reflection>(text) {
        let format = u64::from(reflection.format);
        if format >= current {
            let newer = (format > current).then_some(format);
            return Ok(ParsedReflection { reflection, newer });
        }
    }
    let format = peek_format(text, A_REFLECTION)?;
    if format >= current {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        return match serde_path_to_error::deserialize::<_, Reflection>(&mut deserializer) {
            Ok(reflection) => Ok(ParsedReflection {
                reflection,
                newer: (format > current).then_some(format),
            }),
            Err(_) if format > current => Err(newer(format, REFLECTION_FORMAT, "reflection")),
            Err(error) => Err(Failure::from_json_path(&error, A_REFLECTION)),
        };
    }
    let value: Value =
        serde_json::from_str(text).map_err(|error| Failure::from_json(&error, A_REFLECTION))?;
    let value = migrate::reflection_to_current(value, format).map_err(Failure::from_migrate)?;
    let reflection = serde_path_to_error::deserialize::<_, Reflection>(value)
        .map_err(|error| Failure::from_json_path(&error, A_REFLECTION))?;
    Ok(ParsedReflection {
        reflection,
        newer: None,
    })
}

/// Reads only what a list needs: answer texts are scanned, not copied. The
/// header comes back writable, with the format of a file from a newer version:
/// whether it may be written is for the caller to say.
pub(crate) fn header(
    bytes: &[u8],
    path: &Path,
) -> Result<(ReflectionHeader, Option<u64>), Failure> {
    #[derive(Deserialize)]
    struct Peek {
        #[serde(default)]
        format: Option<Value>,
        id: String,
        teacher_id: String,
        guide_id: String,
        guide_version: u32,
        #[serde(default)]
        title: String,
        created: Timestamp,
        updated: Timestamp,
        #[serde(default)]
        answers: AnsweredIds,
    }
    let text = text(bytes)?;
    let current = u64::from(REFLECTION_FORMAT);
    let format_in = |peek: &Peek| migrate::format_of(&serde_json::json!({ "format": peek.format }));
    // Fast path, one pass; anything unusual goes the slow way, for a precise error.
    let fast = serde_json::from_str::<Peek>(text)
        .ok()
        .and_then(|peek| format_in(&peek).ok().map(|format| (peek, format)))
        .filter(|(_, format)| *format >= current);
    let (peek, format) = if let Some(fast) = fast {
        fast
    } else {
        let format = peek_format(text, A_REFLECTION)?;
        if format < current {
            // Old files are rare: upgrade them fully, then summarise.
            let parsed = reflection(bytes)?;
            return Ok((header_of(&parsed.reflection, path), parsed.newer));
        }
        let mut deserializer = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, Peek>(&mut deserializer) {
            Ok(peek) => (peek, format),
            Err(_) if format > current => {
                return Err(newer(format, REFLECTION_FORMAT, "reflection"));
            }
            Err(error) => return Err(Failure::from_json_path(&error, A_REFLECTION)),
        }
    };
    let header = ReflectionHeader {
        id: peek.id,
        teacher_id: peek.teacher_id,
        guide_id: peek.guide_id,
        guide_version: peek.guide_version,
        title: peek.title,
        created: peek.created,
        updated: peek.updated,
        answered_ids: peek.answers.0,
        path: path.to_path_buf(),
        read_only: None,
    };
    Ok((header, (format > current).then_some(format)))
}

fn header_of(reflection: &Reflection, path: &Path) -> ReflectionHeader {
    ReflectionHeader {
        id: reflection.id.clone(),
        teacher_id: reflection.teacher_id.clone(),
        guide_id: reflection.guide_id.clone(),
        guide_version: reflection.guide_version,
        title: reflection.title.clone(),
        created: reflection.created.clone(),
        updated: reflection.updated.clone(),
        answered_ids: answered_ids(&reflection.answers),
        path: path.to_path_buf(),
        read_only: None,
    }
}

fn answered_ids<'a>(answers: impl IntoIterator<Item = (&'a String, &'a Answer)>) -> Vec<String> {
    answers
        .into_iter()
        .filter(|(_, answer)| answer.is_answered())
        .map(|(id, _)| id.clone())
        .collect()
}

/// The ids of answered items, found without copying any answer text.
#[derive(Default)]
struct AnsweredIds(Vec<String>);

impl<'de> Deserialize<'de> for AnsweredIds {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> de::Visitor<'de> for Visit {
            type Value = AnsweredIds;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of answers keyed by item id")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<AnsweredIds, A::Error> {
                let mut ids = Vec::new();
                while let Some((id, answer)) = map.next_entry::<String, AnswerPeek>()? {
                    if answer.is_answered() {
                        ids.push(id);
                    }
                }
                Ok(AnsweredIds(ids))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// The fields [`Answer::is_answered`] looks at; it must agree with that method
/// (a test compares the two on the same files).
#[derive(Deserialize)]
struct AnswerPeek {
    #[serde(default)]
    text: NonBlank,
    #[serde(default)]
    level: Option<IgnoredAny>,
    #[serde(default)]
    note: NonBlank,
    #[serde(default)]
    affirmed: bool,
}

impl AnswerPeek {
    fn is_answered(&self) -> bool {
        self.text.0 || self.level.is_some() || self.affirmed || self.note.0
    }
}

/// Whether a string has anything but white space, read without keeping the string.
#[derive(Default)]
struct NonBlank(bool);

impl<'de> Deserialize<'de> for NonBlank {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl de::Visitor<'_> for Visit {
            type Value = NonBlank;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<NonBlank, E> {
                Ok(NonBlank(!text.trim().is_empty()))
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

/// The teachers file: the teachers, plus top-level fields this version does not know.
#[derive(serde::Serialize, Deserialize)]
pub(crate) struct TeachersFile {
    pub format: u32,
    pub teachers: Vec<Teacher>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

pub(crate) struct ParsedTeachers {
    pub file: TeachersFile,
    pub newer: Option<u64>,
}

const TEACHERS: &str = "a teachers file";

/// Parses `teachers.json`, upgrading older formats.
pub(crate) fn teachers(bytes: &[u8]) -> Result<ParsedTeachers, Failure> {
    let text = text(bytes)?;
    // The file is small, and format 0 was a bare list, so read it whole first.
    let value: Value =
        serde_json::from_str(text).map_err(|error| Failure::from_json(&error, TEACHERS))?;
    let format = migrate::format_of(&value).map_err(Failure::from_migrate)?;
    let current = u64::from(TEACHERS_FORMAT);
    if format >= current {
        if !value.is_object() {
            return Err(Failure::unreadable(format!(
                "this is JSON but not {TEACHERS}: it should be one object {{ \"teachers\": [...] }}"
            ))
            .at(1, 1));
        }
        // Parsed again from the text, so that errors carry a line and column.
        let mut deserializer = serde_json::Deserializer::from_str(text);
        return match serde_path_to_error::deserialize::<_, TeachersFile>(&mut deserializer) {
            Ok(file) => Ok(ParsedTeachers {
                file,
                newer: (format > current).then_some(format),
            }),
            Err(_) if format > current => Err(newer(format, TEACHERS_FORMAT, "teachers file")),
            Err(error) => Err(Failure::from_json_path(&error, TEACHERS)),
        };
    }
    let value = migrate::teachers_to_current(value, format).map_err(Failure::from_migrate)?;
    let file = serde_path_to_error::deserialize::<_, TeachersFile>(value)
        .map_err(|error| Failure::from_json_path(&error, TEACHERS))?;
    Ok(ParsedTeachers { file, newer: None })
}

const A_SESSION: &str = "a coaching session";

/// Parses a session file, with the format of a file from a newer version. A
/// newer file is read as well as this version can, to be shown read-only.
pub(crate) fn session(bytes: &[u8]) -> Result<(CoachSession, Option<u64>), Failure> {
    let text = text(bytes)?;
    let current = u64::from(SESSION_FORMAT);
    // Fast path, one pass: nearly every file is a well-formed current one.
    if let Ok(session) = serde_json::from_str::<CoachSession>(text) {
        let format = u64::from(session.format);
        if format >= current {
            return Ok((session, (format > current).then_some(format)));
        }
    }
    let value: Value =
        serde_json::from_str(text).map_err(|error| Failure::from_json(&error, A_SESSION))?;
    if !value.is_object() {
        return Err(Failure::unreadable(format!(
            "this is JSON but not {A_SESSION}: it should be one object {{ ... }}"
        ))
        .at(1, 1));
    }
    let format = migrate::format_of(&value).map_err(Failure::from_migrate)?;
    if format < current {
        return Err(Failure::unreadable(format!(
            "this is not {A_SESSION}: its \"format\" is {format}, and session files start at format {current}"
        )));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, CoachSession>(&mut deserializer) {
        Ok(session) => Ok((session, (format > current).then_some(format))),
        Err(_) if format > current => Err(newer(format, SESSION_FORMAT, "coaching session")),
        Err(error) => Err(Failure::from_json_path(&error, A_SESSION)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_file_that_cannot_be_used_says_why() {
        let ok = br#"{"format":1,"id":"s-1","teacher_id":"t-1","date":"2026-03-02",
            "created":"2026-03-02T10:00:00Z","updated":"2026-03-02T10:00:00Z"}"#;
        let (parsed, newer) = session(ok).unwrap();
        assert_eq!((parsed.id.as_str(), newer), ("s-1", None));

        let newer_file = br#"{"format":3,"id":"s-1","teacher_id":"t-1","date":"2026-03-02",
            "created":"2026-03-02T10:00:00Z","updated":"2026-03-02T10:00:00Z"}"#;
        assert_eq!(session(newer_file).unwrap().1, Some(3));
        let newer_unknown = br#"{"format":3,"id":"s-1","agenda":"changed shape"}"#;
        assert_eq!(
            session(newer_unknown).unwrap_err().kind,
            ProblemKind::NewerFormat
        );

        let truncated = &ok[..40];
        let failure = session(truncated).unwrap_err();
        assert_eq!(failure.kind, ProblemKind::Unreadable);
        assert!(
            failure.message.contains("ends too early"),
            "{}",
            failure.message
        );
        assert!(session(b"  ").unwrap_err().message.contains("empty"));
        assert!(session(b"[1]").unwrap_err().message.contains("one object"));
        let wrong = br#"{"format":1,"id":"s-1","teacher_id":"t-1","date":7,
            "created":"2026-03-02T10:00:00Z","updated":"2026-03-02T10:00:00Z"}"#;
        let failure = session(wrong).unwrap_err();
        assert!(failure.message.contains("at date"), "{}", failure.message);
        assert!(failure.line.is_some());
        let no_format = br#"{"id":"s-1"}"#;
        assert!(session(no_format).unwrap_err().message.contains("format"));
    }
}
