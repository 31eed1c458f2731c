//! The answer to a plan section ("My next step"), put into words the same way
//! by the CLI and the summary.

use crate::guide::{Guide, Item};

use super::model::PlanAnswer;

/// The name of the practice a plan chose, or its id when the guide no longer has it.
pub fn plan_practice_name<'a>(guide: &'a Guide, plan: &'a PlanAnswer) -> Option<&'a str> {
    let id = plan.practice.as_deref()?;
    Some(match guide.item(id) {
        Some(Item::Practice { practice, .. }) => practice.name.as_str(),
        _ => id,
    })
}

/// One line for each part of the plan the teacher filled in.
pub fn plan_lines(guide: &Guide, plan: &PlanAnswer) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(name) = plan_practice_name(guide, plan) {
        lines.push(format!("Practice: {name}"));
    }
    if let Some(date) = &plan.date {
        lines.push(format!("When: {date}"));
    }
    if !plan.how_i_will_know.trim().is_empty() {
        lines.push(format!(
            "How I will know it worked: {}",
            plan.how_i_will_know.trim()
        ));
    }
    lines
}
