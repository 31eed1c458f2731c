//! The rules for what guide format 2 added: first steps, evidence prompts,
//! examples by grade band, the glossary, time and cadence, and plan sections.
//! A format 1 file that uses any of them is told to say `"format": 2`, so an
//! older app never meets a field it does not know.

use std::collections::HashMap;

use super::Checker;
use crate::guide::model::{Guide, PlanSection, Practice, Section};

/// Most evidence prompts on one practice.
pub const MAX_EVIDENCE_PROMPTS: usize = 8;
/// Most glossary entries in one guide.
pub const MAX_TERMS: usize = 200;
/// The longest a guide may say it takes, in minutes.
pub const MAX_MINUTES: u32 = 600;

impl Checker<'_> {
    /// Checks the guide-level fields of format 2.
    pub(super) fn format2_guide(&mut self, guide: &Guide) {
        let old = guide.format < 2;
        if let Some(time) = &guide.time {
            if old {
                self.needs_format2("/time", "time");
            }
            if time.minutes == 0 || time.minutes > MAX_MINUTES {
                self.error(
                    "/time/minutes",
                    format!("give about how many minutes the guide takes, from 1 to {MAX_MINUTES}"),
                );
            }
            self.short_text("/time/come_back", "come_back", &time.come_back);
        }
        if guide.glossary.is_empty() {
            return;
        }
        if old {
            self.needs_format2("/glossary", "glossary");
        }
        if guide.glossary.len() > MAX_TERMS {
            self.error(
                "/glossary",
                format!(
                    "{} terms; a glossary may have at most {MAX_TERMS}",
                    guide.glossary.len()
                ),
            );
        }
        let mut ids = HashMap::new();
        let mut forms: HashMap<String, String> = HashMap::new();
        for (index, term) in guide.glossary.iter().enumerate() {
            let at = format!("/glossary/{index}");
            self.id(&format!("{at}/id"), &term.id);
            self.unique(&mut ids, &term.id, &format!("{at}/id"), "term id");
            self.short_text(&format!("{at}/term"), "term", &term.term);
            self.long_text(&format!("{at}/definition"), "definition", &term.definition);
            for (a, also) in term.also.iter().enumerate() {
                self.short_text(&format!("{at}/also/{a}"), "also", also);
            }
            for (form_index, form) in term.forms().enumerate() {
                let form_at = if form_index == 0 {
                    format!("{at}/term")
                } else {
                    format!("{at}/also/{}", form_index - 1)
                };
                let key = form.trim().to_lowercase();
                if key.is_empty() {
                    continue;
                }
                if let Some(first) = forms.get(&key) {
                    self.error(
                        &form_at,
                        format!("\"{form}\" is already explained at {first}; a word may have only one entry"),
                    );
                } else {
                    forms.insert(key, form_at);
                }
            }
        }
    }

    /// Checks a practice's first step, evidence prompts and band examples.
    pub(super) fn format2_practice(&mut self, format: u32, at: &str, practice: &Practice) {
        let old = format < 2;
        if let Some(step) = &practice.first_step {
            if old {
                self.needs_format2(&format!("{at}/first_step"), "first_step");
            }
            self.long_text(&format!("{at}/first_step"), "first_step", step);
        }
        if !practice.evidence.is_empty() {
            if old {
                self.needs_format2(&format!("{at}/evidence"), "evidence");
            }
            if practice.evidence.len() > MAX_EVIDENCE_PROMPTS {
                self.error(
                    format!("{at}/evidence"),
                    format!(
                        "{} evidence prompts; a practice may have at most {MAX_EVIDENCE_PROMPTS}",
                        practice.evidence.len()
                    ),
                );
            }
            for (e, prompt) in practice.evidence.iter().enumerate() {
                self.long_text(&format!("{at}/evidence/{e}"), "evidence", prompt);
            }
        }
        if !practice.examples.is_empty() && old {
            self.needs_format2(&format!("{at}/examples"), "examples");
        }
        for (band, example) in practice.examples.iter() {
            self.long_text(&format!("{at}/examples/{}", band.id()), "example", example);
        }
    }

    /// Checks a plan section: its one plan, and that the guide has practices to choose from.
    pub(super) fn plan_section(&mut self, guide: &Guide, at: &str, plan: &PlanSection) {
        if guide.format < 2 {
            self.needs_format2(&format!("{at}/kind"), "a plan section");
        }
        self.item_id(&format!("{at}/plan/id"), &plan.plan.id);
        self.short_text(&format!("{at}/plan/prompt"), "prompt", &plan.plan.prompt);
        if let Some(hint) = &plan.plan.hint {
            self.long_text(&format!("{at}/plan/hint"), "hint", hint);
        }
        let has_practices = guide
            .sections
            .iter()
            .any(|section| matches!(section, Section::Checklist(_)));
        if !has_practices {
            self.error(
                format!("{at}/kind"),
                "a plan section chooses one of the guide's practices, and this guide has no checklist",
            );
        }
    }

    /// Checks the scales a question was answered on before.
    pub(super) fn earlier_scales(&mut self, guide: &Guide, at: &str, scales: &[String]) {
        if scales.is_empty() {
            return;
        }
        if guide.format < 2 {
            self.needs_format2(&format!("{at}/earlier_scales"), "earlier_scales");
        }
        for (index, scale) in scales.iter().enumerate() {
            self.scale_reference(guide, &format!("{at}/earlier_scales/{index}"), scale);
        }
    }

    fn needs_format2(&mut self, at: &str, what: &str) {
        self.error(
            at,
            format!(
                "{what} needs \"format\": 2; older versions of PL Reflect would refuse this file"
            ),
        );
    }
}
