//! Turning the bytes of a guide file into a validated [`Guide`].
//!
//! Parsing happens in three steps so that a guide author sees as many
//! mistakes as possible at once:
//! 1. JSON syntax (reported as `FILE:LINE:COLUMN`),
//! 2. the format version, checked before the shape so that a newer file gets
//!    a clear "made for a newer version" message instead of shape errors,
//! 3. the shape (types, unknown fields) and then every semantic rule in
//!    [`super::validate`], all reported together with JSON pointers.

use super::error::{GuideError, GuideErrors, Location};
use super::model::{GUIDE_FORMAT, Guide, OLDEST_GUIDE_FORMAT, Section};
use super::validate::{MAX_FILE_BYTES, validate};

/// Parses and validates one guide. `file` names it in error messages.
pub fn parse_guide(file: &str, bytes: &[u8]) -> Result<Guide, GuideErrors> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(GuideErrors(vec![GuideError::whole_file(
            file,
            format!(
                "the file is {} bytes; guides may be at most {} bytes",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        )]));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let (line, column) = crate::text_position::line_column(bytes, error.valid_up_to());
            return Err(single(
                file,
                Location::LineColumn { line, column },
                "the file is not UTF-8 text; save it as UTF-8".to_owned(),
            ));
        }
    };
    // Editors on Windows often start UTF-8 files with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    // One pass that also refuses a key named twice in one object.
    let value: serde_json::Value = crate::strict_json::value_from_str(text).map_err(|error| {
        single(
            file,
            Location::LineColumn {
                line: error.line().max(1),
                column: error.column().max(1),
            },
            syntax_message(&error),
        )
    })?;

    let with_positions = |mut errors: GuideErrors| {
        for error in &mut errors.0 {
            if let Location::Pointer(pointer) = &error.location {
                error.line_column = super::pointer_position::line_column_of(text, pointer);
            }
        }
        errors
    };

    check_format_version(file, &value).map_err(with_positions)?;

    let guide = deserialize_shape(file, value).map_err(with_positions)?;

    let problems = validate(file, &guide);
    if problems.is_empty() {
        Ok(guide)
    } else {
        Err(with_positions(GuideErrors(problems)))
    }
}

/// Deserializes the typed guide. Sections are read one at a time so that a
/// shape error inside one section keeps its exact JSON pointer (serde buffers
/// internally tagged enums and would lose it) and errors in several sections
/// are all reported.
fn deserialize_shape(file: &str, mut value: serde_json::Value) -> Result<Guide, GuideErrors> {
    let mut errors = Vec::new();
    let sections_value = value
        .as_object_mut()
        .and_then(|object| object.remove("sections"));
    let mut guide: Option<Guide> = match serde_path_to_error::deserialize::<_, Guide>(&value) {
        Ok(guide) => Some(guide),
        Err(error) => {
            errors.push(shape_error(file, "", &error));
            None
        }
    };
    let mut sections = Vec::new();
    match sections_value {
        None => {}
        Some(serde_json::Value::Array(items)) => {
            for (index, item) in items.into_iter().enumerate() {
                match parse_section(file, index, item) {
                    Ok(section) => sections.push(section),
                    Err(error) => errors.push(error),
                }
            }
        }
        Some(_) => errors.push(GuideError::at_pointer(
            file,
            "/sections",
            "\"sections\" must be a list ([ ... ])",
        )),
    }
    match guide.as_mut() {
        Some(guide) if errors.is_empty() => {
            guide.sections = sections;
            Ok(guide.clone())
        }
        _ => Err(GuideErrors(errors)),
    }
}

fn parse_section(
    file: &str,
    index: usize,
    mut item: serde_json::Value,
) -> Result<Section, GuideError> {
    let at = format!("/sections/{index}");
    let Some(object) = item.as_object_mut() else {
        return Err(GuideError::at_pointer(
            file,
            at,
            "a section must be a JSON object ({ ... })",
        ));
    };
    let Some(serde_json::Value::String(kind)) = object.remove("kind") else {
        return Err(GuideError::at_pointer(
            file,
            format!("{at}/kind"),
            "missing \"kind\": use \"statements\", \"questions\", \"checklist\" or \"plan\"",
        ));
    };
    let section = match kind.as_str() {
        "statements" => serde_path_to_error::deserialize(&item).map(Section::Statements),
        "questions" => serde_path_to_error::deserialize(&item).map(Section::Questions),
        "checklist" => serde_path_to_error::deserialize(&item).map(Section::Checklist),
        "plan" => serde_path_to_error::deserialize(&item).map(Section::Plan),
        other => {
            return Err(GuideError::at_pointer(
                file,
                format!("{at}/kind"),
                format!(
                    "unknown section kind \"{other}\": use \"statements\", \"questions\", \"checklist\" or \"plan\""
                ),
            ));
        }
    };
    section.map_err(|error| shape_error(file, &at, &error))
}

fn shape_error(
    file: &str,
    prefix: &str,
    error: &serde_path_to_error::Error<serde_json::Error>,
) -> GuideError {
    let pointer = format!("{prefix}{}", pointer_from_serde_path(error.path()));
    GuideError::at_pointer(file, pointer, error.inner().to_string())
}

fn single(file: &str, location: Location, message: String) -> GuideErrors {
    GuideErrors(vec![GuideError {
        file: file.to_owned(),
        location,
        line_column: None,
        message,
    }])
}

fn syntax_message(error: &serde_json::Error) -> String {
    let detail = crate::text_position::without_position(error);
    if crate::strict_json::is_repeated_key(error) {
        detail
    } else {
        format!("JSON syntax error: {detail}")
    }
}

fn check_format_version(file: &str, value: &serde_json::Value) -> Result<(), GuideErrors> {
    let Some(object) = value.as_object() else {
        return Err(single(
            file,
            Location::Pointer(String::new()),
            "a guide must be a JSON object ({ ... })".to_owned(),
        ));
    };
    match object.get("format") {
        None => Err(single(
            file,
            Location::Pointer("/format".to_owned()),
            format!(
                "missing field \"format\"; this version reads guides with \"format\": {GUIDE_FORMAT}"
            ),
        )),
        Some(format) => match format.as_u64() {
            Some(n) if (u64::from(OLDEST_GUIDE_FORMAT)..=u64::from(GUIDE_FORMAT)).contains(&n) => {
                Ok(())
            }
            Some(n) if n > u64::from(GUIDE_FORMAT) => Err(single(
                file,
                Location::Pointer("/format".to_owned()),
                format!(
                    "guide format {n} is newer than this version of PL Reflect reads ({GUIDE_FORMAT}); update the app to use this guide"
                ),
            )),
            _ => Err(single(
                file,
                Location::Pointer("/format".to_owned()),
                format!(
                    "unsupported guide format {format}; this version reads formats {OLDEST_GUIDE_FORMAT} to {GUIDE_FORMAT}"
                ),
            )),
        },
    }
}

/// Converts `serde_path_to_error`'s path (`sections[2].practices[5].id`) into a
/// JSON Pointer (`/sections/2/practices/5/id`).
fn pointer_from_serde_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                pointer.push('/');
                pointer.push_str(&escape_pointer_token(key));
            }
            Segment::Unknown => pointer.push_str("/?"),
        }
    }
    pointer
}

/// Escapes one JSON Pointer token (RFC 6901).
pub(crate) fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
