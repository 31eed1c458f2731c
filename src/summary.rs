//! The readiness summary: what a reflection shows about a teacher's practice,
//! as plain data that every export format renders the same way.
//!
//! The message is "align it, don't add it": personalized learning grows out of
//! what a teacher already does. So the summary leads with strengths and one
//! small next step, never with a deficit score, and it is transparent: counts
//! and named practices, not an opaque number.
//!
//! [`summarize`] is a pure function of the guide, the reflection, an optional
//! earlier reflection and [`SummaryOptions`]; it reads no clock and no files.
//! Private answers are removed before anything is counted (unless
//! [`SummaryOptions::include_private`]), so no part of the summary can leak them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::guide::{Component, Guide, Item, Level, Scale, Section};
use crate::reflection::{Answer, Reflection};

/// How many entry points [`WhereToBegin::suggestions`] offers at most.
pub const MAX_SUGGESTIONS: usize = 3;

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
    /// components. At most [`MAX_SUGGESTIONS`]; none if nothing is in use yet.
    pub suggestions: Vec<Suggestion>,
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

/// Builds the readiness summary of `reflection` on `guide`.
///
/// `previous`, when given, is the same teacher's earlier reflection on the same
/// guide; its private answers are filtered by the same rule.
pub fn summarize(
    guide: &Guide,
    reflection: &Reflection,
    previous: Option<&Reflection>,
    options: &SummaryOptions,
) -> Summary {
    let visible = Visible::new(reflection, options.include_private);
    let practices = practices(guide);
    let in_practice = in_practice(guide, &practices, &visible);
    Summary {
        header: header(guide, reflection, options),
        included: Included {
            private_answers: options.include_private,
            coach_notes: options.include_coach_notes,
        },
        progress: progress(guide, &visible),
        strengths: strengths(&practices, &visible),
        where_to_begin: where_to_begin(guide, &practices, &visible, &in_practice),
        lenses: lenses(guide, &practices, &visible),
        since_last_time: previous.map(|previous| {
            since_last_time(
                guide,
                &practices,
                &visible,
                &Visible::new(previous, options.include_private),
                previous,
            )
        }),
        words: words(guide, &visible),
        coach_notes: if options.include_coach_notes {
            coach_notes(guide, reflection)
        } else {
            Vec::new()
        },
        no_longer_in_guide: orphans(guide, &visible),
        items: item_rows(guide, &visible),
        in_practice,
    }
}

/// What changed from `older` to `newer` (two reflections on `guide`), by the
/// same rules as the summary's "since last time": levels that moved, practices
/// newly in use, next steps taken, and big-question answers that changed.
/// Private answers are left out of both unless `include_private`.
pub fn compare_reflections(
    guide: &Guide,
    older: &Reflection,
    newer: &Reflection,
    include_private: bool,
) -> SinceLastTime {
    since_last_time(
        guide,
        &practices(guide),
        &Visible::new(newer, include_private),
        &Visible::new(older, include_private),
        older,
    )
}

/// The answers a summary may use: private ones removed unless included.
struct Visible<'r> {
    answers: BTreeMap<&'r str, &'r Answer>,
    hidden: usize,
}

impl<'r> Visible<'r> {
    fn new(reflection: &'r Reflection, include_private: bool) -> Self {
        let mut answers = BTreeMap::new();
        let mut hidden = 0;
        for (id, answer) in &reflection.answers {
            if answer.private && !include_private {
                if answer.is_answered() || answer.next_step.is_some() {
                    hidden += 1;
                }
            } else {
                answers.insert(id.as_str(), answer);
            }
        }
        Visible { answers, hidden }
    }

    fn get(&self, id: &str) -> Option<&'r Answer> {
        self.answers.get(id).copied()
    }

    fn level(&self, id: &str) -> Option<&'r str> {
        self.get(id).and_then(|a| a.level.as_deref())
    }
}

/// A practice of the guide with its component and scale.
struct PracticeRef<'g> {
    component: &'g Component,
    practice: &'g crate::guide::Practice,
    scale: Option<&'g Scale>,
}

impl<'g> PracticeRef<'g> {
    fn id(&self) -> &'g str {
        &self.practice.id
    }

    fn level<'a>(&self, level_id: Option<&'a str>) -> Option<&'g Level> {
        self.scale.and_then(|scale| scale.level(level_id?))
    }

    fn in_use(&self, level_id: Option<&str>) -> bool {
        self.level(level_id).is_some_and(|level| level.in_use)
    }

    fn with_level(&self, level: &Level) -> PracticeLevel {
        PracticeLevel {
            practice_id: self.practice.id.clone(),
            name: self.practice.name.clone(),
            component_id: self.component.id.clone(),
            component_title: self.component.title.clone(),
            level_id: level.id.clone(),
            level_label: level.label.clone(),
        }
    }
}

fn practices(guide: &Guide) -> Vec<PracticeRef<'_>> {
    guide
        .sections
        .iter()
        .filter_map(|section| match section {
            Section::Checklist(checklist) => Some(checklist),
            _ => None,
        })
        .flat_map(|checklist| {
            let scale = guide.scale(&checklist.scale);
            checklist.components.iter().flat_map(move |component| {
                component.practices.iter().map(move |practice| PracticeRef {
                    component,
                    practice,
                    scale,
                })
            })
        })
        .collect()
}

/// The label of a level on an item's scale, or the raw id if the scale does not know it.
fn level_label(guide: &Guide, item: &Item<'_>, level_id: Option<&str>) -> Option<String> {
    let level_id = level_id?;
    let label = item
        .scale_id()
        .and_then(|scale| guide.scale(scale))
        .and_then(|scale| scale.level(level_id))
        .map_or(level_id, |level| level.label.as_str());
    Some(label.to_owned())
}

fn header(guide: &Guide, reflection: &Reflection, options: &SummaryOptions) -> Header {
    let source = &guide.source;
    Header {
        guide_id: guide.id.clone(),
        guide_title: guide.title.clone(),
        guide_language: guide.language.clone(),
        guide_version: guide.version,
        reflection_guide_version: reflection.guide_version,
        reflection_id: reflection.id.clone(),
        reflection_title: reflection.display_title(),
        teacher_name: options
            .teacher_name
            .as_ref()
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty()),
        started: reflection.created.date().to_owned(),
        last_changed: reflection.updated.date().to_owned(),
        prepared: options.today.clone(),
        source: SourceCredit {
            title: source.title.clone(),
            author: source.author.clone(),
            publisher: source.publisher.clone(),
            published: source.published.clone(),
            url: source.url.clone(),
            note: source.note.clone(),
        },
    }
}

fn progress(guide: &Guide, visible: &Visible<'_>) -> ProgressSummary {
    let mut answered = Count { count: 0, total: 0 };
    let sections = guide
        .sections
        .iter()
        .map(|section| {
            let items = section.items();
            let count = items
                .iter()
                .filter(|item| visible.get(item.id()).is_some_and(Answer::is_answered))
                .count();
            answered.count += count;
            answered.total += items.len();
            SectionProgress {
                section_id: section.id().to_owned(),
                title: section.title().to_owned(),
                answered: Count {
                    count,
                    total: items.len(),
                },
            }
        })
        .collect();
    ProgressSummary { answered, sections }
}

fn in_practice(guide: &Guide, practices: &[PracticeRef<'_>], visible: &Visible<'_>) -> InPractice {
    let mut overall = Count { count: 0, total: 0 };
    let components = guide
        .components()
        .map(|component| {
            let mine: Vec<&PracticeRef<'_>> = practices
                .iter()
                .filter(|p| std::ptr::eq(p.component, component))
                .collect();
            let in_use: Vec<PracticeLevel> = mine
                .iter()
                .filter_map(|p| {
                    p.level(visible.level(p.id()))
                        .filter(|level| level.in_use)
                        .map(|level| p.with_level(level))
                })
                .collect();
            overall.count += in_use.len();
            overall.total += mine.len();
            ComponentInPractice {
                component_id: component.id.clone(),
                title: component.title.clone(),
                in_use: Count {
                    count: in_use.len(),
                    total: mine.len(),
                },
                practices: in_use,
            }
        })
        .collect();
    InPractice {
        overall,
        components,
    }
}

fn strengths(practices: &[PracticeRef<'_>], visible: &Visible<'_>) -> Vec<PracticeLevel> {
    practices
        .iter()
        .filter_map(|p| {
            let level = p.level(visible.level(p.id()))?;
            let top = p.scale?.top()?;
            (level.id == top.id && level.in_use).then(|| p.with_level(level))
        })
        .collect()
}

fn where_to_begin(
    guide: &Guide,
    practices: &[PracticeRef<'_>],
    visible: &Visible<'_>,
    in_practice: &InPractice,
) -> WhereToBegin {
    let next_steps: Vec<NextStepView> = guide
        .items()
        .filter_map(|item| {
            let answer = visible.get(item.id())?;
            let step = answer.next_step.as_ref()?;
            let component_title = match item {
                Item::Practice { component, .. } => Some(component.title.clone()),
                _ => None,
            };
            Some(NextStepView {
                item_id: item.id().to_owned(),
                item: item.label().to_owned(),
                component_title,
                action: step.action.clone(),
                revisit_on: step.revisit_on.clone(),
                done: step.done,
                level_label: level_label(guide, &item, answer.level.as_deref()),
            })
        })
        .collect();
    let suggestions = if next_steps.iter().any(|step| !step.done) {
        Vec::new()
    } else {
        suggestions(practices, visible, in_practice)
    };
    WhereToBegin {
        next_steps,
        suggestions,
    }
}

/// Entry points: practices at the lowest in-use level ("Trying it") first, then
/// practices not yet in use in the components where the teacher is strongest.
fn suggestions(
    practices: &[PracticeRef<'_>],
    visible: &Visible<'_>,
    in_practice: &InPractice,
) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for p in practices {
        let Some(level) = p.level(visible.level(p.id())) else {
            continue;
        };
        let lowest_in_use = p
            .scale
            .and_then(|scale| scale.levels.iter().find(|l| l.in_use));
        if lowest_in_use.is_some_and(|lowest| lowest.id == level.id) {
            out.push(Suggestion {
                practice_id: p.practice.id.clone(),
                name: p.practice.name.clone(),
                component_title: p.component.title.clone(),
                level_label: Some(level.label.clone()),
                kind: SuggestionKind::AlreadyStarted,
                reason: "You've already started this.".to_owned(),
            });
        }
    }
    // Strongest first: most practices in use, then the larger share, then guide order.
    let mut strong: Vec<&ComponentInPractice> = in_practice
        .components
        .iter()
        .filter(|c| c.in_use.count > 0)
        .collect();
    strong.sort_by(|a, b| {
        b.in_use
            .count
            .cmp(&a.in_use.count)
            .then_with(|| (b.in_use.count * a.in_use.total).cmp(&(a.in_use.count * b.in_use.total)))
    });
    // Practices rated "not yet" first; then, only if that is still short, ones not rated at all.
    for rated in [true, false] {
        if !rated && out.len() >= 2 {
            break;
        }
        for component in &strong {
            for p in practices
                .iter()
                .filter(|p| p.component.id == component.component_id)
            {
                let level = p.level(visible.level(p.id()));
                let wanted = if rated {
                    level.is_some_and(|level| !level.in_use)
                } else {
                    level.is_none()
                };
                if wanted {
                    out.push(Suggestion {
                        practice_id: p.practice.id.clone(),
                        name: p.practice.name.clone(),
                        component_title: p.component.title.clone(),
                        level_label: level.map(|level| level.label.clone()),
                        kind: SuggestionKind::BuildsOnStrength,
                        reason: format!(
                            "Your strongest area is {}, so this builds on it.",
                            component.title
                        ),
                    });
                }
            }
        }
    }
    out.truncate(MAX_SUGGESTIONS);
    out
}

fn lenses(guide: &Guide, practices: &[PracticeRef<'_>], visible: &Visible<'_>) -> Vec<Lens> {
    guide
        .frameworks
        .iter()
        .map(|framework| Lens {
            framework_id: framework.id.clone(),
            title: framework.title.clone(),
            elements: framework
                .elements
                .iter()
                .map(|element| {
                    let tag = format!("{}:{}", framework.id, element.id);
                    let tagged: Vec<&PracticeRef<'_>> = practices
                        .iter()
                        .filter(|p| p.practice.tags.contains(&tag))
                        .collect();
                    LensElement {
                        element_id: element.id.clone(),
                        label: element.label.clone(),
                        in_use: Count {
                            count: tagged
                                .iter()
                                .filter(|p| p.in_use(visible.level(p.id())))
                                .count(),
                            total: tagged.len(),
                        },
                    }
                })
                .collect(),
        })
        .collect()
}

fn since_last_time(
    guide: &Guide,
    practices: &[PracticeRef<'_>],
    now: &Visible<'_>,
    before: &Visible<'_>,
    previous: &Reflection,
) -> SinceLastTime {
    let mut moved = Vec::new();
    let mut newly_in_use = Vec::new();
    let mut steps_done = Vec::new();
    for p in practices {
        let Some(scale) = p.scale else { continue };
        let level_now = p.level(now.level(p.id()));
        let level_before = p.level(before.level(p.id()));
        let rank = |level: Option<&Level>| level.and_then(|level| scale.rank(&level.id));
        if let (Some(from), Some(to)) = (level_before, level_now)
            && from.id != to.id
        {
            moved.push(LevelChange {
                practice_id: p.practice.id.clone(),
                name: p.practice.name.clone(),
                component_title: p.component.title.clone(),
                from: from.label.clone(),
                to: to.label.clone(),
                direction: if rank(level_now) > rank(level_before) {
                    Direction::Up
                } else {
                    Direction::Down
                },
            });
        }
        if let Some(to) = level_now.filter(|level| level.in_use)
            && !level_before.is_some_and(|level| level.in_use)
        {
            newly_in_use.push(p.with_level(to));
        }
        let step_before = before
            .get(p.id())
            .and_then(|a| a.next_step.as_ref())
            .filter(|step| !step.done);
        if let Some(step_before) = step_before {
            let marked_done = now
                .get(p.id())
                .and_then(|a| a.next_step.as_ref())
                .is_some_and(|step| step.done);
            let moved_into_use =
                level_now.is_some_and(|level| level.in_use) && rank(level_now) > rank(level_before);
            if marked_done || moved_into_use {
                steps_done.push(StepDone {
                    practice_id: p.practice.id.clone(),
                    name: p.practice.name.clone(),
                    action: step_before.action.clone(),
                    marked_done,
                    level_label: level_now.map(|level| level.label.clone()),
                });
            }
        }
    }
    let changed_answers = guide
        .items()
        .filter_map(|item| {
            let Item::Question(question) = item else {
                return None;
            };
            let (a, b) = (before.get(&question.id), now.get(&question.id));
            let text = |answer: Option<&Answer>| {
                answer.map(|a| a.text.trim().to_owned()).unwrap_or_default()
            };
            let level = |answer: Option<&Answer>| {
                level_label(guide, &item, answer.and_then(|a| a.level.as_deref()))
            };
            let change = AnswerChange {
                question_id: question.id.clone(),
                prompt: question.prompt.clone(),
                before_text: text(a),
                before_level: level(a),
                now_text: text(b),
                now_level: level(b),
            };
            (change.before_text != change.now_text || change.before_level != change.now_level)
                .then_some(change)
        })
        .collect();
    SinceLastTime {
        previous_id: previous.id.clone(),
        previous_title: previous.display_title(),
        previous_date: previous.updated.date().to_owned(),
        moved,
        newly_in_use,
        steps_done,
        changed_answers,
    }
}

fn words(guide: &Guide, visible: &Visible<'_>) -> TeacherWords {
    let mut words = TeacherWords {
        answers: Vec::new(),
        statements: Vec::new(),
        practice_notes: Vec::new(),
        private_left_out: visible.hidden,
    };
    for item in guide.items() {
        let Some(answer) = visible.get(item.id()) else {
            continue;
        };
        match item {
            Item::Question(question) => {
                let level = level_label(guide, &item, answer.level.as_deref());
                if !answer.text.trim().is_empty() || level.is_some() {
                    words.answers.push(QuestionAnswer {
                        question_id: question.id.clone(),
                        prompt: question.prompt.clone(),
                        text: answer.text.trim().to_owned(),
                        level_label: level,
                        private: answer.private,
                    });
                }
            }
            Item::Statement(statement) => {
                if answer.affirmed || !answer.note.trim().is_empty() {
                    words.statements.push(StatementAnswer {
                        statement_id: statement.id.clone(),
                        text: statement.text.clone(),
                        affirmed: answer.affirmed,
                        note: answer.note.trim().to_owned(),
                        private: answer.private,
                    });
                }
            }
            Item::Practice {
                component,
                practice,
                ..
            } => {
                if !answer.note.trim().is_empty() {
                    words.practice_notes.push(PracticeNote {
                        practice_id: practice.id.clone(),
                        name: practice.name.clone(),
                        component_title: component.title.clone(),
                        level_label: level_label(guide, &item, answer.level.as_deref()),
                        note: answer.note.trim().to_owned(),
                        private: answer.private,
                    });
                }
            }
        }
    }
    words
}

fn coach_notes(guide: &Guide, reflection: &Reflection) -> Vec<CoachNoteView> {
    reflection
        .coach_notes
        .iter()
        .map(|note| CoachNoteView {
            item_id: note.item_id.clone(),
            item: note
                .item_id
                .as_deref()
                .and_then(|id| guide.item(id))
                .map(|item| item.label().to_owned()),
            text: note.text.trim().to_owned(),
            date: note.created.date().to_owned(),
        })
        .collect()
}

fn orphans(guide: &Guide, visible: &Visible<'_>) -> Vec<OrphanAnswer> {
    let ids = guide.item_ids();
    visible
        .answers
        .iter()
        .filter(|(id, _)| !ids.contains(&**id))
        .map(|(id, answer)| OrphanAnswer {
            item_id: (*id).to_owned(),
            text: answer.text.trim().to_owned(),
            level: answer.level.clone(),
            note: answer.note.trim().to_owned(),
            affirmed: answer.affirmed,
            next_step: answer.next_step.as_ref().map(|step| step.action.clone()),
            private: answer.private,
        })
        .collect()
}

fn item_rows(guide: &Guide, visible: &Visible<'_>) -> Vec<ItemRow> {
    let mut rows = Vec::new();
    for section in &guide.sections {
        for item in section.items() {
            let answer = visible.get(item.id());
            let (kind, component) = match item {
                Item::Statement(_) => (ItemKind::Statement, String::new()),
                Item::Question(_) => (ItemKind::Question, String::new()),
                Item::Practice { component, .. } => (ItemKind::Practice, component.title.clone()),
            };
            let level_id = answer.and_then(|a| a.level.as_deref());
            let level = level_id.and_then(|id| {
                item.scale_id()
                    .and_then(|s| guide.scale(s))
                    .and_then(|s| s.level(id))
            });
            let step = answer.and_then(|a| a.next_step.as_ref());
            rows.push(ItemRow {
                section: section.title().to_owned(),
                component,
                item_id: item.id().to_owned(),
                kind,
                item: item.label().to_owned(),
                level_label: level_label(guide, &item, level_id),
                in_use: (kind == ItemKind::Practice)
                    .then(|| level.is_some_and(|level| level.in_use))
                    .filter(|_| level_id.is_some()),
                affirmed: answer.is_some_and(|a| a.affirmed),
                next_step: step.map(|s| s.action.clone()),
                revisit_on: step.and_then(|s| s.revisit_on.clone()),
                next_step_done: step.is_some_and(|s| s.done),
                note: answer.map(|a| a.note.trim().to_owned()).unwrap_or_default(),
                text: answer.map(|a| a.text.trim().to_owned()).unwrap_or_default(),
                private: answer.is_some_and(|a| a.private),
            });
        }
    }
    for orphan in orphans(guide, visible) {
        rows.push(ItemRow {
            section: "No longer in this guide".to_owned(),
            component: String::new(),
            kind: ItemKind::NoLongerInGuide,
            item: orphan.item_id.clone(),
            level_label: orphan.level.clone(),
            in_use: None,
            affirmed: orphan.affirmed,
            next_step: orphan.next_step.clone(),
            revisit_on: None,
            next_step_done: false,
            note: orphan.note,
            text: orphan.text,
            private: orphan.private,
            item_id: orphan.item_id,
        });
    }
    rows
}
