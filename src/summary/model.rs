//! What a readiness summary holds, as plain data: the types every export
//! format renders.

use serde::Serialize;

/// What to put in a summary, and for whom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryOptions {
    /// Include answers the teacher marked private.
    pub include_private: bool,
    /// Include the coach's notes.
    pub include_coach_notes: bool,
    /// The teacher's name to print; `None` makes the summary anonymous.
    pub teacher_name: Option<String>,
    /// The date the summary is made, `YYYY-MM-DD`, passed in so the result is deterministic.
    pub today: String,
}

/// Everything a readiness summary says, in the order a reader meets it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub header: Header,
    /// What was asked to be included, so every export can say so.
    pub included: Included,
    pub progress: ProgressSummary,
    /// Every practice already in the teacher's practice, grouped by component.
    pub in_practice: InPractice,
    /// Practices at the top of their scale: the teacher could lead PD on them.
    pub strengths: Vec<PracticeLevel>,
    pub where_to_begin: WhereToBegin,
    /// Practices in use by framework element ("through other lenses").
    pub lenses: Vec<Lens>,
    /// Changes since the teacher's previous reflection, when one was given.
    pub since_last_time: Option<SinceLastTime>,
    pub words: TeacherWords,
    /// Empty unless coach notes were asked for.
    pub coach_notes: Vec<CoachNoteView>,
    /// Answers whose item the guide no longer has, kept and listed apart.
    pub no_longer_in_guide: Vec<OrphanAnswer>,
    /// Every item of the guide in reading order with its (visible) answer, for
    /// tabular exports.
    pub items: Vec<ItemRow>,
    /// The guide's glossary, for an appendix.
    pub glossary: Vec<GlossaryEntry>,
}

/// Who, what and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Header {
    pub guide_id: String,
    pub guide_title: String,
    /// BCP 47 language tag of the guide's text, for example `en`.
    pub guide_language: String,
    /// The guide's version the summary was made with.
    pub guide_version: u32,
    /// The guide's version when the reflection was started.
    pub reflection_guide_version: u32,
    pub reflection_id: String,
    /// The reflection's title, or "Reflection of DATE".
    pub reflection_title: String,
    /// `None` for an anonymous summary.
    pub teacher_name: Option<String>,
    /// When the reflection was started, `YYYY-MM-DD`.
    pub started: String,
    /// When the reflection was last changed, `YYYY-MM-DD`.
    pub last_changed: String,
    /// When the summary was made, `YYYY-MM-DD`.
    pub prepared: String,
    pub source: SourceCredit,
}

/// Credit for the ideas behind the guide.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceCredit {
    pub title: String,
    pub author: String,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
}

/// What the summary was asked to include.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Included {
    pub private_answers: bool,
    pub coach_notes: bool,
}

/// `count` of `total`, with the share in whole percent (rounded down) for bar charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Count {
    pub count: usize,
    pub total: usize,
}

impl Count {
    /// Whole percent, rounded down; 0 when there is nothing to count.
    pub fn percent(&self) -> usize {
        (self.count * 100).checked_div(self.total).unwrap_or(0)
    }
}

/// Answered items out of total, overall and per section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressSummary {
    pub answered: Count,
    pub sections: Vec<SectionProgress>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionProgress {
    pub section_id: String,
    pub title: String,
    pub answered: Count,
}

/// "You already use 17 of 30 practices".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InPractice {
    /// Practices in use out of every practice in the guide.
    pub overall: Count,
    /// One entry per component of the guide, in guide order, even if none is in use.
    pub components: Vec<ComponentInPractice>,
}

/// One component's practices in use: "Student reflection and ownership: 6 of 7".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentInPractice {
    pub component_id: String,
    pub title: String,
    pub in_use: Count,
    /// The practices in use, in guide order.
    pub practices: Vec<PracticeLevel>,
}

/// A practice with the level the teacher gave it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeLevel {
    pub practice_id: String,
    pub name: String,
    pub component_id: String,
    pub component_title: String,
    pub level_id: String,
    pub level_label: String,
}

/// A small next step, or a few places to begin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhereToBegin {
    /// Items the teacher flagged as next steps, in guide order, done or not.
    pub next_steps: Vec<NextStepView>,
    /// Entry points offered when no open next step is flagged (none flagged, or
    /// all done): "Trying it" practices first, then practices rated not yet in
    /// use in the teacher's strongest components (most practices in use first),
    /// then, only if that gives fewer than two, practices not rated yet in those
    /// components. At most [`MAX_SUGGESTIONS`](super::MAX_SUGGESTIONS); none if nothing is in use yet.
    pub suggestions: Vec<Suggestion>,
    /// The teacher's answers to the guide's plan sections ("My next step"),
    /// in guide order; only those with something filled in.
    pub plans: Vec<PlanView>,
}

/// "My next step": the practice chosen, when, and how the teacher will know.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanView {
    pub item_id: String,
    /// The plan's name in the guide, for example "My next step".
    pub prompt: String,
    pub practice_id: Option<String>,
    /// The practice's name, or its id if the guide no longer has it.
    pub practice: Option<String>,
    /// The chosen practice's first step, from the guide.
    pub first_step: Option<String>,
    pub date: Option<String>,
    pub how_i_will_know: String,
    pub private: bool,
}

/// A glossary entry, for the appendix of the exports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GlossaryEntry {
    pub term: String,
    pub definition: String,
}

/// A flagged next step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextStepView {
    pub item_id: String,
    /// The practice name (or question/statement) the step belongs to.
    pub item: String,
    pub component_title: Option<String>,
    pub action: String,
    pub revisit_on: Option<String>,
    pub done: bool,
    /// The item's current level label, if it has one.
    pub level_label: Option<String>,
    /// The practice's first step from the guide, offered when no action is written.
    pub first_step: Option<String>,
}

/// Why a practice is suggested as an entry point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// The teacher is already trying it.
    AlreadyStarted,
    /// It is not yet in use, in one of the teacher's strongest components.
    BuildsOnStrength,
}

/// An entry point the teacher might take, with a reason in plain words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub practice_id: String,
    pub name: String,
    pub component_title: String,
    pub level_label: Option<String>,
    pub kind: SuggestionKind,
    pub reason: String,
    /// One small thing to try this week, from the guide.
    pub first_step: Option<String>,
    /// What it looks like when the practice is in place, from the guide.
    pub evidence: Vec<String>,
}

/// One framework's elements with practices in use out of those tagged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lens {
    pub framework_id: String,
    pub title: String,
    pub elements: Vec<LensElement>,
}

impl Lens {
    /// Whether the lens counts exactly what the components count, element by
    /// element (a guide whose components are the Core Four): then it would
    /// only show the same chart twice.
    pub fn repeats(&self, components: &[ComponentInPractice]) -> bool {
        self.elements.len() == components.len()
            && self.elements.iter().zip(components).all(|(e, c)| {
                e.label.to_lowercase() == c.title.to_lowercase() && e.in_use == c.in_use
            })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LensElement {
    pub element_id: String,
    pub label: String,
    /// Practices tagged with this element that are in use, out of all tagged.
    pub in_use: Count,
}

/// What changed since the previous reflection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SinceLastTime {
    pub previous_id: String,
    pub previous_title: String,
    /// When the previous reflection was last changed, `YYYY-MM-DD`.
    pub previous_date: String,
    /// Practices whose level moved up or down, in guide order.
    pub moved: Vec<LevelChange>,
    /// Practices in use now that were not in use before.
    pub newly_in_use: Vec<PracticeLevel>,
    /// Next steps flagged last time that are done now, or whose practice is now
    /// at a higher level that counts as in use.
    pub steps_done: Vec<StepDone>,
    /// Big-question answers whose text or level changed.
    pub changed_answers: Vec<AnswerChange>,
}

impl SinceLastTime {
    /// Whether nothing at all changed.
    pub fn is_empty(&self) -> bool {
        self.moved.is_empty()
            && self.newly_in_use.is_empty()
            && self.steps_done.is_empty()
            && self.changed_answers.is_empty()
    }
}

/// Whether a level went up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelChange {
    pub practice_id: String,
    pub name: String,
    pub component_title: String,
    pub from: String,
    pub to: String,
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepDone {
    pub practice_id: String,
    pub name: String,
    pub action: String,
    /// Whether the step is marked done (otherwise the practice moved up into use).
    pub marked_done: bool,
    pub level_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerChange {
    pub question_id: String,
    pub prompt: String,
    pub before_text: String,
    pub before_level: Option<String>,
    pub now_text: String,
    pub now_level: Option<String>,
}

/// The teacher's own words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeacherWords {
    /// Answers to questions, in guide order.
    pub answers: Vec<QuestionAnswer>,
    /// Statements affirmed or with a note, in guide order.
    pub statements: Vec<StatementAnswer>,
    /// Notes on practices, in guide order.
    pub practice_notes: Vec<PracticeNote>,
    /// How many private answers were left out (0 when private answers are included).
    pub private_left_out: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionAnswer {
    pub question_id: String,
    pub prompt: String,
    pub text: String,
    pub level_label: Option<String>,
    pub private: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementAnswer {
    pub statement_id: String,
    pub text: String,
    pub affirmed: bool,
    pub note: String,
    pub private: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeNote {
    pub practice_id: String,
    pub name: String,
    pub component_title: String,
    pub level_label: Option<String>,
    pub note: String,
    pub private: bool,
}

/// A coach's note, with the item it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoachNoteView {
    pub item_id: Option<String>,
    /// The item's name, when the guide has it.
    pub item: Option<String>,
    pub text: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// An answer to an item the guide no longer has. Level ids are shown as they
/// are, since the guide cannot name them any more.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrphanAnswer {
    pub item_id: String,
    pub text: String,
    pub level: Option<String>,
    pub note: String,
    pub affirmed: bool,
    pub next_step: Option<String>,
    pub private: bool,
}

/// What sort of item a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Statement,
    Question,
    Practice,
    /// The answer to a plan section.
    Plan,
    /// An answer whose item the guide no longer has.
    NoLongerInGuide,
}

/// One guide item and its visible answer (all empty if unanswered or private).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRow {
    pub section: String,
    pub component: String,
    pub item_id: String,
    pub kind: ItemKind,
    /// Practice name, question prompt or statement.
    pub item: String,
    pub level_label: Option<String>,
    /// Whether the practice is in use; `None` for unrated practices and other items.
    pub in_use: Option<bool>,
    pub affirmed: bool,
    pub next_step: Option<String>,
    pub revisit_on: Option<String>,
    pub next_step_done: bool,
    pub note: String,
    pub text: String,
    pub private: bool,
}
