//! What a practice card offers beyond the checklist: the example for the
//! teacher's grade band, a first step to try this week, what it looks like
//! when it is in place, and the guide's words explained ("i" buttons).

use egui::{RichText, Role, Ui};

use super::{Context, ReflectScreen};
use crate::app::theme;
use crate::app::views::widgets::name_for_screen_readers;
use crate::guide::{GradeBand, Guide, Practice};
use crate::reflection::Edit;

impl ReflectScreen {
    /// The example (for the chosen band when the practice has one), the first
    /// step and the evidence prompts.
    pub(super) fn practice_aids_ui(&mut self, ui: &mut Ui, cx: &Context<'_>, practice: &Practice) {
        let band = cx.entry.reflection.grade_band;
        let example = match band.filter(|band| practice.examples.get(*band).is_some()) {
            Some(band) => format!(
                "For example ({}): {}",
                band.label(),
                practice.example_for(Some(band))
            ),
            None => format!("For example: {}", practice.example),
        };
        ui.label(RichText::new(example).italics().weak());
        if let Some(step) = &practice.first_step {
            ui.label(format!("A first step this week: {step}"));
        }
        if !practice.evidence.is_empty() {
            ui.weak("What it looks like when it's in place:");
            for prompt in &practice.evidence {
                ui.weak(format!("• {prompt}"));
            }
        }
        let text = [
            practice.name.as_str(),
            practice.description.as_str(),
            practice.example_for(band),
        ]
        .join(" ");
        self.terms_ui(ui, cx.guide, &practice.id, &text);
    }

    /// An "i" button for each glossary term in `text`; pressing it shows the
    /// term's meaning under the buttons (its tooltip says the same).
    pub(super) fn terms_ui(&mut self, ui: &mut Ui, guide: &Guide, item_id: &str, text: &str) {
        let terms = guide.terms_in(text);
        if terms.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.weak("Words used here:");
            for term in &terms {
                let open = self
                    .open_term
                    .as_ref()
                    .is_some_and(|(item, id)| item == item_id && *id == term.id);
                let button = ui
                    .add(
                        egui::Button::new(format!("(i) {}", term.term))
                            .small()
                            .selected(open),
                    )
                    .on_hover_text(&term.definition);
                name_for_screen_readers(
                    &button,
                    Role::Button,
                    Some(open),
                    &format!("What is {}?", term.term.to_lowercase()),
                );
                if button.clicked() {
                    self.open_term = (!open).then(|| (item_id.to_owned(), term.id.clone()));
                }
            }
        });
        if let Some((_, id)) = self.open_term.as_ref().filter(|(item, _)| item == item_id)
            && let Some(term) = terms.iter().find(|term| &term.id == id)
        {
            ui.indent(("term", item_id), |ui| {
                ui.label(format!("{}: {}", term.term, term.definition));
            });
        }
    }
}

/// "Examples for": the grade band whose examples the reflection shows, shown
/// only when the guide gives examples by band.
pub(super) fn grade_band_picker(ui: &mut Ui, cx: &mut Context<'_>) {
    let has_bands = cx
        .guide
        .components()
        .any(|c| c.practices.iter().any(|p| !p.examples.is_empty()));
    if !has_bands {
        return;
    }
    let current = cx.entry.reflection.grade_band;
    let label = |band: Option<GradeBand>| {
        band.map_or("Any grade".to_owned(), |b| format!("Grades {}", b.label()))
    };
    let mut picked = None;
    ui.add_space(theme::SMALL_GAP);
    ui.label("Examples for:");
    let combo = ui.add_enabled_ui(cx.editable, |ui| {
        egui::ComboBox::from_id_salt("grade-band")
            .selected_text(label(current))
            .show_ui(ui, |ui| {
                for band in std::iter::once(None).chain(GradeBand::ALL.into_iter().map(Some)) {
                    if ui.selectable_label(current == band, label(band)).clicked() {
                        picked = Some(band);
                    }
                }
            })
            .response
    });
    name_for_screen_readers(
        &combo.inner,
        Role::ComboBox,
        None,
        "Examples for grade band",
    );
    if let Some(band) = picked.filter(|band| *band != current) {
        cx.edit(Edit::SetGradeBand(band));
    }
}
