//! A section's items, drawn only near the view: long guides (a thousand
//! practices) stay as quick to draw as short ones.

use egui::{RichText, Role, Ui};

use super::{Context, ReflectScreen, View};
use crate::app::theme;
use crate::app::views::widgets::{LazyRows, name_for_screen_readers};
use crate::guide::Section;

/// Height assumed for a row that has not been drawn yet.
const ESTIMATED_ROW_HEIGHT: f32 = 260.0;

impl ReflectScreen {
    pub(super) fn section_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Context<'_>,
        section: &Section,
        view: View,
        take_focus: bool,
    ) {
        // The heading can hold the keyboard focus (screen readers read it),
        // so a section starts with its own content, not ten Tab stops away.
        let heading = ui.add(
            egui::Label::new(RichText::new(section.title()).heading())
                .sense(egui::Sense::focusable_noninteractive()),
        );
        name_for_screen_readers(&heading, Role::Heading, None, section.title());
        if take_focus {
            heading.request_focus();
        }
        if !section.intro().is_empty() {
            ui.add_space(theme::SMALL_GAP);
            ui.label(section.intro());
        }
        ui.add_space(theme::GAP);
        match section {
            Section::Plan(s) => self.plan_ui(ui, cx, s),
            Section::Statements(s) => {
                for statement in &s.statements {
                    self.statement_ui(ui, cx, statement);
                    ui.add_space(theme::SMALL_GAP);
                }
            }
            Section::Questions(s) => {
                for question in &s.questions {
                    self.question_ui(ui, cx, question);
                    ui.add_space(theme::GAP);
                }
            }
            Section::Checklist(s) => {
                let Some(scale) = cx.guide.scale(&s.scale) else {
                    return;
                };
                let target_in_section = self.scroll_to.as_deref().is_some_and(|id| {
                    s.components
                        .iter()
                        .any(|c| c.practices.iter().any(|p| p.id == id))
                });
                if !target_in_section {
                    self.scroll_to = None;
                }
                let mut rows = LazyRows::new(ui, view.content_top, view.visible);
                for (index, component) in s.components.iter().enumerate() {
                    self.row(ui, view, &mut rows, &component.id, |_, ui| {
                        if index > 0 {
                            ui.add_space(theme::GAP);
                        }
                        Self::component_header_ui(ui, cx, component, scale);
                    });
                    for practice in &component.practices {
                        self.row(ui, view, &mut rows, &practice.id, |this, ui| {
                            this.practice_ui(ui, cx, practice, scale);
                            ui.add_space(theme::SMALL_GAP);
                        });
                    }
                }
                rows.finish(ui);
            }
        }
    }

    /// Draws one checklist row if it is near the visible part; otherwise adds
    /// its last measured height to one space that stands in for every skipped
    /// row in a run. Long guides (a thousand practices) stay as quick to draw
    /// as short ones.
    fn row(
        &mut self,
        ui: &mut Ui,
        view: View,
        rows: &mut LazyRows,
        id: &str,
        draw: impl FnOnce(&mut Self, &mut Ui),
    ) {
        let height = self
            .row_heights
            .get(id)
            .copied()
            .unwrap_or(ESTIMATED_ROW_HEIGHT);
        let wanted = self.scroll_to.as_deref() == Some(id);
        if rows.is_near(height)
            || (wanted && self.jump_offset.is_none() && near_enough(rows.top(), view))
        {
            let measured = rows.draw(ui, |ui| draw(self, ui));
            self.row_heights.insert(id.to_owned(), measured);
        } else {
            if wanted {
                // Not drawn yet: jump close to it; next frame it is drawn and scrolled to exactly.
                self.jump_offset = Some((rows.top() - theme::GAP).max(0.0));
            }
            rows.skip(height);
        }
    }

    pub(super) fn maybe_scroll(&mut self, response: &egui::Response, item_id: &str) {
        if self.scroll_to.as_deref() == Some(item_id) {
            response.scroll_to_me(Some(egui::Align::TOP));
            self.scroll_to = None;
        }
    }
}

/// Whether a row is close enough to the view that drawing it and scrolling
/// to it is better than jumping first.
fn near_enough(top: f32, view: View) -> bool {
    (top - view.visible.min).abs() < 4.0 * crate::app::views::widgets::DRAW_MARGIN
}
