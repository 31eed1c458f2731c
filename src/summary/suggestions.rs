//! Where to begin: the next steps the teacher flagged, or a few entry points
//! that grow out of what they already do ("align it, don't add it").

use crate::guide::{Guide, Item};

use super::model::{
    ComponentInPractice, InPractice, NextStepView, PlanView, Suggestion, SuggestionKind,
    WhereToBegin,
};
use super::visible::{PracticeRef, Visible, level_label};

/// How many entry points [`WhereToBegin::suggestions`] offers at most.
pub const MAX_SUGGESTIONS: usize = 3;

pub(super) fn where_to_begin(
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
            let (component_title, first_step) = match item {
                Item::Practice {
                    component,
                    practice,
                    ..
                } => (Some(component.title.clone()), practice.first_step.clone()),
                _ => (None, None),
            };
            Some(NextStepView {
                item_id: item.id().to_owned(),
                item: item.label().to_owned(),
                component_title,
                action: step.action.clone(),
                revisit_on: step.revisit_on.clone(),
                done: step.done,
                level_label: level_label(guide, &item, answer.level.as_deref()),
                first_step,
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
        plans: plans(guide, visible),
    }
}

/// The answers to plan sections that say something.
fn plans(guide: &Guide, visible: &Visible<'_>) -> Vec<PlanView> {
    guide
        .items()
        .filter_map(|item| {
            let Item::Plan(plan) = item else {
                return None;
            };
            let answer = visible.get(&plan.id)?;
            let chosen = answer.plan.as_ref().filter(|p| !p.is_empty())?;
            let practice = chosen.practice.as_deref().and_then(|id| guide.item(id));
            Some(PlanView {
                item_id: plan.id.clone(),
                prompt: plan.prompt.clone(),
                practice_id: chosen.practice.clone(),
                practice: crate::reflection::plan_practice_name(guide, chosen).map(str::to_owned),
                first_step: match practice {
                    Some(Item::Practice { practice, .. }) => practice.first_step.clone(),
                    _ => None,
                },
                date: chosen.date.clone(),
                how_i_will_know: chosen.how_i_will_know.trim().to_owned(),
                private: answer.private,
            })
        })
        .collect()
}

/// Entry points: practices at the lowest in-use level ("Trying it") first, then
/// practices not yet in use in the components where the teacher is strongest.
pub(super) fn suggestions(
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
                first_step: p.practice.first_step.clone(),
                evidence: p.practice.evidence.clone(),
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
                        first_step: p.practice.first_step.clone(),
                        evidence: p.practice.evidence.clone(),
                    });
                }
            }
        }
    }
    out.truncate(MAX_SUGGESTIONS);
    out
}
