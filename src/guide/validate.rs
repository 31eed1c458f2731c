//! Every rule a guide must follow beyond its JSON shape, with sane size limits.
//!
//! The validator never stops at the first problem: it walks the whole guide
//! and returns every mistake, each with the JSON pointer of the offending value.

use std::collections::{HashMap, HashSet};

mod format2;

pub use format2::{MAX_EVIDENCE_PROMPTS, MAX_MINUTES, MAX_TERMS};

use super::error::GuideError;
use super::model::{Guide, Level, Section};

/// Largest guide file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Longest id, in characters.
pub const MAX_ID_CHARS: usize = 64;
/// Longest short text (titles, labels, names), in characters.
pub const MAX_SHORT_TEXT_CHARS: usize = 200;
/// Longest long text (descriptions, prompts, examples), in characters.
pub const MAX_LONG_TEXT_CHARS: usize = 5_000;
pub const MAX_SECTIONS: usize = 100;
/// Most answerable items (questions, statements and practices) in one guide.
pub const MAX_ITEMS: usize = 5_000;
pub const MAX_SCALES: usize = 20;
pub const MAX_LEVELS: usize = 12;
pub const MAX_FRAMEWORKS: usize = 20;
pub const MAX_TAGS_PER_PRACTICE: usize = 16;

/// Returns every problem in `guide`; empty when the guide is valid.
pub fn validate(file: &str, guide: &Guide) -> Vec<GuideError> {
    let mut check = Checker {
        file,
        errors: Vec::new(),
        item_ids: HashMap::new(),
    };
    check.guide(guide);
    check.errors
}

struct Checker<'a> {
    file: &'a str,
    errors: Vec<GuideError>,
    /// Section, component and item ids share one namespace, with where each was first used.
    item_ids: HashMap<String, String>,
}

impl Checker<'_> {
    fn error(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.errors
            .push(GuideError::at_pointer(self.file, pointer, message));
    }

    fn guide(&mut self, guide: &Guide) {
        self.id("/id", &guide.id);
        if guide.version == 0 {
            self.error(
                "/version",
                "missing field \"version\": give the guide's content revision, starting at 1",
            );
        }
        self.short_text("/title", "title", &guide.title);
        self.long_text("/description", "description", &guide.description);
        self.language("/language", &guide.language);
        self.short_text("/source/title", "title", &guide.source.title);
        self.short_text("/source/author", "author", &guide.source.author);
        for (field, value) in [
            ("publisher", &guide.source.publisher),
            ("published", &guide.source.published),
            ("url", &guide.source.url),
            ("note", &guide.source.note),
        ] {
            if let Some(value) = value {
                self.long_text(&format!("/source/{field}"), field, value);
            }
        }

        self.scales(guide);
        self.format2_guide(guide);
        let known_tags = self.frameworks(guide);
        self.sections(guide, &known_tags);
    }

    fn scales(&mut self, guide: &Guide) {
        if guide.scales.len() > MAX_SCALES {
            self.error(
                "/scales",
                format!(
                    "{} scales; a guide may have at most {MAX_SCALES}",
                    guide.scales.len()
                ),
            );
        }
        let mut seen = HashMap::new();
        for (index, scale) in guide.scales.iter().enumerate() {
            let at = format!("/scales/{index}");
            self.id(&format!("{at}/id"), &scale.id);
            self.unique(&mut seen, &scale.id, &format!("{at}/id"), "scale id");
            if !scale.title.is_empty() {
                self.short_text(&format!("{at}/title"), "title", &scale.title);
            }
            if scale.levels.len() < 2 {
                self.error(format!("{at}/levels"), "a scale needs at least two levels");
            }
            if scale.levels.len() > MAX_LEVELS {
                self.error(
                    format!("{at}/levels"),
                    format!(
                        "{} levels; a scale may have at most {MAX_LEVELS}",
                        scale.levels.len()
                    ),
                );
            }
            let mut level_ids = HashMap::new();
            for (level_index, level) in scale.levels.iter().enumerate() {
                self.level(&format!("{at}/levels/{level_index}"), level, &mut level_ids);
            }
        }
    }

    fn level(&mut self, at: &str, level: &Level, seen: &mut HashMap<String, String>) {
        self.id(&format!("{at}/id"), &level.id);
        self.unique(seen, &level.id, &format!("{at}/id"), "level id");
        self.short_text(&format!("{at}/label"), "label", &level.label);
        self.short_text(
            &format!("{at}/description"),
            "description",
            &level.description,
        );
    }

    /// Checks frameworks and returns the set of valid tags (`framework:element`).
    fn frameworks(&mut self, guide: &Guide) -> HashSet<String> {
        let mut tags = HashSet::new();
        if guide.frameworks.len() > MAX_FRAMEWORKS {
            self.error(
                "/frameworks",
                format!(
                    "{} frameworks; a guide may have at most {MAX_FRAMEWORKS}",
                    guide.frameworks.len()
                ),
            );
        }
        let mut seen = HashMap::new();
        for (index, framework) in guide.frameworks.iter().enumerate() {
            let at = format!("/frameworks/{index}");
            self.id(&format!("{at}/id"), &framework.id);
            self.unique(
                &mut seen,
                &framework.id,
                &format!("{at}/id"),
                "framework id",
            );
            self.short_text(&format!("{at}/title"), "title", &framework.title);
            if framework.elements.is_empty() {
                self.error(
                    format!("{at}/elements"),
                    "a framework needs at least one element",
                );
            }
            let mut element_ids = HashMap::new();
            for (element_index, element) in framework.elements.iter().enumerate() {
                let element_at = format!("{at}/elements/{element_index}");
                self.id(&format!("{element_at}/id"), &element.id);
                self.unique(
                    &mut element_ids,
                    &element.id,
                    &format!("{element_at}/id"),
                    "element id",
                );
                self.short_text(&format!("{element_at}/label"), "label", &element.label);
                tags.insert(format!("{}:{}", framework.id, element.id));
            }
        }
        tags
    }

    fn sections(&mut self, guide: &Guide, known_tags: &HashSet<String>) {
        if guide.sections.is_empty() {
            self.error("/sections", "a guide needs at least one section");
        }
        if guide.sections.len() > MAX_SECTIONS {
            self.error(
                "/sections",
                format!(
                    "{} sections; a guide may have at most {MAX_SECTIONS}",
                    guide.sections.len()
                ),
            );
        }
        let items = guide.counts().items();
        if items > MAX_ITEMS {
            self.error("/sections", format!("{items} questions, statements and practices; a guide may have at most {MAX_ITEMS}"));
        }
        for (index, section) in guide.sections.iter().enumerate() {
            let at = format!("/sections/{index}");
            self.item_id(&format!("{at}/id"), section.id());
            self.short_text(&format!("{at}/title"), "title", section.title());
            if !section.intro().is_empty() {
                self.long_text(&format!("{at}/intro"), "intro", section.intro());
            }
            match section {
                Section::Plan(plan) => self.plan_section(guide, &at, plan),
                Section::Statements(s) => {
                    if s.statements.is_empty() {
                        self.error(
                            format!("{at}/statements"),
                            "a statements section needs at least one statement",
                        );
                    }
                    for (i, statement) in s.statements.iter().enumerate() {
                        let item_at = format!("{at}/statements/{i}");
                        self.item_id(&format!("{item_at}/id"), &statement.id);
                        self.long_text(&format!("{item_at}/text"), "text", &statement.text);
                        if let Some(hint) = &statement.hint {
                            self.long_text(&format!("{item_at}/hint"), "hint", hint);
                        }
                    }
                }
                Section::Questions(s) => {
                    if s.questions.is_empty() {
                        self.error(
                            format!("{at}/questions"),
                            "a questions section needs at least one question",
                        );
                    }
                    for (i, question) in s.questions.iter().enumerate() {
                        let item_at = format!("{at}/questions/{i}");
                        self.item_id(&format!("{item_at}/id"), &question.id);
                        self.long_text(&format!("{item_at}/prompt"), "prompt", &question.prompt);
                        if let Some(hint) = &question.hint {
                            self.long_text(&format!("{item_at}/hint"), "hint", hint);
                        }
                        if let Some(scale) = &question.scale {
                            self.scale_reference(guide, &format!("{item_at}/scale"), scale);
                        }
                        self.earlier_scales(guide, &item_at, &question.earlier_scales);
                    }
                }
                Section::Checklist(s) => {
                    if self.scale_reference(guide, &format!("{at}/scale"), &s.scale)
                        && let Some(scale) = guide.scale(&s.scale)
                        && !scale.levels.iter().any(|level| level.in_use)
                    {
                        self.error(
                            format!("{at}/scale"),
                            format!("scale \"{}\" has no level with \"in_use\": true, so no practice could ever count as in use", s.scale),
                        );
                    }
                    if s.components.is_empty() {
                        self.error(
                            format!("{at}/components"),
                            "a checklist needs at least one component",
                        );
                    }
                    for (c, component) in s.components.iter().enumerate() {
                        let component_at = format!("{at}/components/{c}");
                        self.item_id(&format!("{component_at}/id"), &component.id);
                        self.short_text(
                            &format!("{component_at}/title"),
                            "title",
                            &component.title,
                        );
                        self.long_text(
                            &format!("{component_at}/description"),
                            "description",
                            &component.description,
                        );
                        if component.practices.is_empty() {
                            self.error(
                                format!("{component_at}/practices"),
                                "a component needs at least one practice",
                            );
                        }
                        for (p, practice) in component.practices.iter().enumerate() {
                            let practice_at = format!("{component_at}/practices/{p}");
                            self.item_id(&format!("{practice_at}/id"), &practice.id);
                            self.short_text(&format!("{practice_at}/name"), "name", &practice.name);
                            self.long_text(
                                &format!("{practice_at}/description"),
                                "description",
                                &practice.description,
                            );
                            self.long_text(
                                &format!("{practice_at}/example"),
                                "example",
                                &practice.example,
                            );
                            self.tags(&practice_at, &practice.tags, known_tags);
                            self.format2_practice(guide.format, &practice_at, practice);
                        }
                    }
                }
            }
        }
    }

    fn tags(&mut self, practice_at: &str, tags: &[String], known_tags: &HashSet<String>) {
        if tags.len() > MAX_TAGS_PER_PRACTICE {
            self.error(
                format!("{practice_at}/tags"),
                format!(
                    "{} tags; a practice may have at most {MAX_TAGS_PER_PRACTICE}",
                    tags.len()
                ),
            );
        }
        let mut seen = HashSet::new();
        for (t, tag) in tags.iter().enumerate() {
            let tag_at = format!("{practice_at}/tags/{t}");
            if !seen.insert(tag.as_str()) {
                self.error(tag_at, format!("tag \"{tag}\" is listed twice"));
            } else if !tag.contains(':') {
                self.error(tag_at, format!("tag \"{tag}\" must be written framework:element, for example core-four:targeted-instruction"));
            } else if !known_tags.contains(tag) {
                let mut known: Vec<&str> = known_tags.iter().map(String::as_str).collect();
                known.sort_unstable();
                let choices = if known.is_empty() {
                    "none: declare frameworks in \"frameworks\"".to_owned()
                } else {
                    known.join(", ")
                };
                self.error(
                    tag_at,
                    format!("unknown tag \"{tag}\"; the guide's frameworks declare: {choices}"),
                );
            }
        }
    }

    /// Returns whether the scale exists.
    fn scale_reference(&mut self, guide: &Guide, at: &str, scale_id: &str) -> bool {
        if scale_id.is_empty() {
            self.error(at, "missing scale: name one of the guide's scales by id");
            return false;
        }
        if guide.scale(scale_id).is_some() {
            return true;
        }
        let known: Vec<&str> = guide.scales.iter().map(|s| s.id.as_str()).collect();
        let choices = if known.is_empty() {
            "none are defined in \"scales\"".to_owned()
        } else {
            known.join(", ")
        };
        self.error(
            at,
            format!("unknown scale \"{scale_id}\"; known scales: {choices}"),
        );
        false
    }

    fn item_id(&mut self, at: &str, id: &str) {
        self.id(at, id);
        let mut ids = std::mem::take(&mut self.item_ids);
        self.unique(&mut ids, id, at, "id");
        self.item_ids = ids;
    }

    fn unique(&mut self, seen: &mut HashMap<String, String>, id: &str, at: &str, what: &str) {
        if id.is_empty() {
            return;
        }
        if let Some(first) = seen.get(id) {
            self.error(
                at,
                format!("duplicate {what} \"{id}\" (first used at {first})"),
            );
        } else {
            seen.insert(id.to_owned(), at.to_owned());
        }
    }

    fn id(&mut self, at: &str, id: &str) {
        if id.is_empty() {
            self.error(at, format!("missing or empty {}", field_name(at)));
        } else if id.chars().count() > MAX_ID_CHARS {
            self.error(
                at,
                format!(
                    "id is {} characters; ids may be at most {MAX_ID_CHARS}",
                    id.chars().count()
                ),
            );
        } else if !is_valid_id(id) {
            self.error(at, format!("id \"{id}\" may use only lowercase letters a-z, digits, '-', '_' and '.', and must start with a letter or digit"));
        }
    }

    fn short_text(&mut self, at: &str, field: &str, text: &str) {
        self.text(at, field, text, MAX_SHORT_TEXT_CHARS);
        // Titles and names are shown on one line everywhere, often beside other
        // text: nothing in them may hide itself or reorder what is around it.
        if let Some(hidden) = text
            .chars()
            .find(|&c| crate::plain_text::is_hidden(c) || c == '\n')
        {
            self.error(
                at,
                format!(
                    "{field} contains the control character U+{:04X}; titles, labels and names may not hold \
                     control characters or bidirectional overrides, which could make them show differently \
                     from what they say, so remove it",
                    u32::from(hidden)
                ),
            );
        }
    }

    fn long_text(&mut self, at: &str, field: &str, text: &str) {
        self.text(at, field, text, MAX_LONG_TEXT_CHARS);
    }

    fn text(&mut self, at: &str, field: &str, text: &str, limit: usize) {
        let chars = text.chars().count();
        if text.trim().is_empty() {
            self.error(at, format!("missing or empty {field}"));
        } else if chars > limit {
            self.error(
                at,
                format!("{field} is {chars} characters; it may be at most {limit}"),
            );
        }
    }

    fn language(&mut self, at: &str, language: &str) {
        let plausible = !language.is_empty()
            && language.len() <= 35
            && language
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
        if language.is_empty() {
            self.error(
                at,
                "missing or empty language: give a language tag such as \"en\"",
            );
        } else if !plausible {
            self.error(at, format!("\"{language}\" is not a language tag; use one such as \"en\", \"fr\" or \"es-MX\""));
        }
    }
}

fn field_name(pointer: &str) -> String {
    pointer.rsplit('/').next().unwrap_or("field").to_owned()
}

/// Ids are lowercase ASCII so that they survive every file system, URL and spreadsheet.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}
