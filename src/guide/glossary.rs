//! A guide's glossary: words a teacher may not know (station rotation, exit
//! ticket, PD), found where they appear in the guide's text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::Guide;

/// One glossary entry: a term and what it means in this guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    #[serde(default)]
    pub id: String,
    /// The term as it is usually written, for example "Station rotation".
    #[serde(default)]
    pub term: String,
    /// One or two plain sentences.
    #[serde(default)]
    pub definition: String,
    /// Other forms of the term found in the guide's text, for example "stations".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

impl Term {
    /// The term and its other forms.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.also.iter().map(String::as_str))
    }

    pub fn matches(&self, word: &str) -> bool {
        self.forms()
            .any(|form| form.eq_ignore_ascii_case(word.trim()))
    }
}

/// Whether `needle` appears in `haystack` as whole words (both already lowercase).
fn contains_word(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack.match_indices(needle).any(|(start, _)| {
        let before = haystack[..start].chars().next_back();
        let after = haystack[start + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

impl Guide {
    /// The glossary entry for `word` (its term or one of its other forms), ignoring case.
    pub fn term(&self, word: &str) -> Option<&Term> {
        self.glossary.iter().find(|term| term.matches(word))
    }

    /// The glossary entries whose term (or another form of it) appears in
    /// `text`, in glossary order, each once.
    pub fn terms_in(&self, text: &str) -> Vec<&Term> {
        let lower = text.to_lowercase();
        self.glossary
            .iter()
            .filter(|term| {
                term.forms()
                    .any(|form| contains_word(&lower, &form.to_lowercase()))
            })
            .collect()
    }
}
