//! The reflection-guide model: what a guide file holds, as plain Rust types.
//!
//! A guide is data, never code. This module only describes its shape and offers
//! read-only lookups; parsing and validation live in [`super::load`] and
//! [`super::validate`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::bands::{BandExamples, GradeBand};
pub use super::glossary::Term;

/// The guide file format this build reads and writes.
pub const GUIDE_FORMAT: u32 = 2;
/// The oldest guide format this build still reads. Format 1 has no first
/// steps, evidence prompts, examples by grade band, glossary, time or plan
/// sections; a format 1 file loads as it always did.
pub const OLDEST_GUIDE_FORMAT: u32 = 1;

/// One reflection guide: big questions, statements to affirm, and a checklist
/// of personalized-learning practices.
///
/// String fields default to empty so that a missing field is reported by the
/// validator together with every other mistake, instead of stopping the parse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Optional pointer to the JSON Schema, for editors. Ignored by the app.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The file format version. This build reads formats 1 and 2; the fields
    /// marked "format 2" need `"format": 2`.
    pub format: u32,
    /// Stable identifier, lowercase letters, digits and dashes. Never reuse it for another guide.
    #[serde(default)]
    pub id: String,
    /// Revision of the guide's content. A user copy overrides a built-in guide only when this is higher.
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub title: String,
    /// A few sentences saying what the guide is for and who it serves.
    #[serde(default)]
    pub description: String,
    /// BCP 47 language tag of the guide's text, for example `en` or `es-MX`.
    #[serde(default)]
    pub language: String,
    /// Where the guide's ideas come from.
    #[serde(default)]
    pub source: Source,
    /// Level scales that questions and checklists refer to by id.
    #[serde(default)]
    pub scales: Vec<Scale>,
    /// Public frameworks that practice tags align to, for example Core Four or LEAP.
    #[serde(default)]
    pub frameworks: Vec<Framework>,
    /// Format 2: about how long the guide takes and when to come back to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeToSpend>,
    /// Format 2: words a teacher may not know, explained where they appear.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<Term>,
    /// The guide's sections, in the order a teacher meets them.
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// About how long a guide takes, and when it is worth coming back to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeToSpend {
    /// About how many minutes one pass through the guide takes.
    #[serde(default)]
    pub minutes: u32,
    /// When to come back, as a teacher would say it, for example "each term".
    #[serde(default)]
    pub come_back: String,
}

/// Credit for the article or framework a guide is drawn from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the article or framework.
    #[serde(default)]
    pub title: String,
    /// Author or authors, as credited by the publisher.
    #[serde(default)]
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Publication date as written by the publisher, for example `2016-10-16` or `March 2017`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How the guide uses the source, for example "Questions reworded from the article".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An ordered set of levels, lowest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    #[serde(default)]
    pub id: String,
    /// A short name shown to guide authors and in exports.
    #[serde(default)]
    pub title: String,
    /// Levels from lowest to highest.
    #[serde(default)]
    pub levels: Vec<Level>,
}

/// One step on a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    #[serde(default)]
    pub id: String,
    /// One to three words, shown on the button the teacher clicks.
    #[serde(default)]
    pub label: String,
    /// One line shown inline where the teacher chooses, and as a tooltip.
    #[serde(default)]
    pub description: String,
    /// Whether a practice at this level counts as already in the teacher's practice.
    #[serde(default)]
    pub in_use: bool,
}

/// A public framework that practices can be tagged with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// The prefix used in tags, for example `core-four` in `core-four:targeted-instruction`.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub elements: Vec<FrameworkElement>,
}

/// One element of a framework, for example Targeted Instruction in the Core Four.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkElement {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub label: String,
}

/// A section of a guide. The `kind` field says which sort it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Section {
    /// Statements the teacher may affirm, each with an optional note.
    Statements(StatementsSection),
    /// Reflection questions with free-text answers.
    Questions(QuestionsSection),
    /// A checklist of practices grouped by component.
    Checklist(ChecklistSection),
    /// Format 2: a closing plan: one practice, a date, and how the teacher
    /// will know it worked.
    Plan(PlanSection),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSection {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub intro: String,
    /// The one plan the teacher makes here.
    #[serde(default)]
    pub plan: Plan,
}

/// "My next step": the answerable item of a plan section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub id: String,
    /// The plan's name, for example "My next step".
    #[serde(default)]
    pub prompt: String,
    /// A gentle nudge shown under the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatementsSection {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// A short paragraph shown above the statements.
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub text: String,
    /// Optional prompt for the note beside the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionsSection {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub prompt: String,
    /// A gentle nudge shown under the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Id of a scale the teacher may also answer on, beside the free text.
    /// Leave it out where no scale fits the question: words alone are an answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// Format 2: scales this question was answered on in earlier versions of
    /// the guide, so that a level given then is still shown by its label.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_scales: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistSection {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub intro: String,
    /// Id of the scale every practice in this checklist is rated on.
    #[serde(default)]
    pub scale: String,
    #[serde(default)]
    pub components: Vec<Component>,
}

/// A group of related practices, for example "Student reflection and ownership".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Component {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub practices: Vec<Practice>,
}

/// One classroom practice a teacher may already use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    #[serde(default)]
    pub id: String,
    /// A short name, a few words.
    #[serde(default)]
    pub name: String,
    /// What the practice is, in a sentence or two.
    #[serde(default)]
    pub description: String,
    /// A concrete picture of the practice in a classroom.
    #[serde(default)]
    pub example: String,
    /// Format 2: the same picture for a grade band, where it differs.
    #[serde(default, skip_serializing_if = "BandExamples::is_empty")]
    pub examples: BandExamples,
    /// Format 2: one small thing to try this week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_step: Option<String>,
    /// Format 2: what a teacher could point to when the practice is in place
    /// (student work, a quote, a photo, a routine).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Framework alignments written `framework-id:element-id`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Practice {
    /// The example to show a teacher of `band`: the band's own, else the general one.
    pub fn example_for(&self, band: Option<GradeBand>) -> &str {
        band.and_then(|band| self.examples.get(band))
            .unwrap_or(&self.example)
    }
}

impl Section {
    pub fn id(&self) -> &str {
        match self {
            Section::Statements(s) => &s.id,
            Section::Questions(s) => &s.id,
            Section::Checklist(s) => &s.id,
            Section::Plan(s) => &s.id,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Section::Statements(s) => &s.title,
            Section::Questions(s) => &s.title,
            Section::Checklist(s) => &s.title,
            Section::Plan(s) => &s.title,
        }
    }

    pub fn intro(&self) -> &str {
        match self {
            Section::Statements(s) => &s.intro,
            Section::Questions(s) => &s.intro,
            Section::Checklist(s) => &s.intro,
            Section::Plan(s) => &s.intro,
        }
    }

    /// The name of the section's kind as written in the file.
    pub fn kind(&self) -> &'static str {
        match self {
            Section::Statements(_) => "statements",
            Section::Questions(_) => "questions",
            Section::Checklist(_) => "checklist",
            Section::Plan(_) => "plan",
        }
    }
}

impl Guide {
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|scale| scale.id == id)
    }

    /// The label of a framework tag such as `core-four:targeted-instruction`.
    pub fn tag_label(&self, tag: &str) -> Option<(&Framework, &FrameworkElement)> {
        let (framework_id, element_id) = tag.split_once(':')?;
        let framework = self.frameworks.iter().find(|f| f.id == framework_id)?;
        let element = framework.elements.iter().find(|e| e.id == element_id)?;
        Some((framework, element))
    }

    pub fn components(&self) -> impl Iterator<Item = &Component> {
        self.sections.iter().flat_map(|section| match section {
            Section::Checklist(checklist) => checklist.components.as_slice(),
            _ => &[],
        })
    }
}

impl Scale {
    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|level| level.id == id)
    }

    /// Position of a level on the scale, lowest first.
    pub fn rank(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|level| level.id == id)
    }

    /// The highest level, which the summary calls a strength to share.
    pub fn top(&self) -> Option<&Level> {
        self.levels.last()
    }
}
