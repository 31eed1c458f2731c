//! Reflection guides: the model, loading with validation, and the library of available guides.

mod bands;
mod error;
mod glossary;
mod item;
mod library;
mod load;
mod model;
mod pointer_position;
mod validate;

pub use error::{GuideError, GuideErrors, Location};
pub use item::{GuideCounts, Item};
pub use library::{DEFAULT_GUIDE_ID, GuideLibrary, LoadedGuide, Origin, read_guide_file};
pub use load::parse_guide;
pub use model::*;
pub use validate::{
    MAX_EVIDENCE_PROMPTS, MAX_FILE_BYTES, MAX_ID_CHARS, MAX_ITEMS, MAX_LEVELS, MAX_LONG_TEXT_CHARS,
    MAX_MINUTES, MAX_SCALES, MAX_SECTIONS, MAX_SHORT_TEXT_CHARS, MAX_TAGS_PER_PRACTICE, MAX_TERMS,
    is_valid_id,
};

/// The JSON Schema for guide files, generated from the Rust types.
pub fn guide_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Guide);
    serde_json::to_value(schema).unwrap_or_default()
}
