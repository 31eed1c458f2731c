//! Reflecting: the guide's sections one at a time, with progress per section.

use egui::{RichText, Role, Ui};

use super::Action;
use super::widgets::{
    LazyRows, labelled_line, labelled_text_area, name_for_screen_readers, reading_column,
    subheading,
};
use crate::app::commands::UiCommand;
use crate::app::notebook::Entry;
use crate::app::theme;
use crate::guide::{Component, Guide, Practice, Question, Scale, Section, Statement};
use crate::reflection::{Answer, Edit, orphaned_answers, progress};

/// What the reflecting screen remembers between frames.
#[derive(Debug, Default, Clone)]
pub struct ReflectView {
    pub section: usize,
    /// An item to scroll to, set by "Find a practice"; cleared once it is on screen.
    pub scroll_to: Option<String>,
    /// The item the teacher changed last, to come back to it next time.
    pub last_item: Option<String>,
    /// The section the keyboard focus was last put into, so a newly opened
    /// section takes the focus once.
    focused_section: Option<usize>,
    /// Where F6 puts the keyboard focus next.
    pane: Pane,
    /// Move the keyboard focus to `pane` on the next frame.
    pub switch_pane: bool,
    /// A practice that takes the keyboard focus once it is drawn (Find).
    pub focus_item: Option<String>,

    /// Measured heights of checklist rows (component headers and practice cards),
    /// so rows far outside the view can be skipped with a space of the right size.
    row_heights: std::collections::HashMap<String, f32>,
    /// A scroll position to jump to on the next frame, to reach a row not drawn yet.
    jump_offset: Option<f32>,
}

/// The two parts of the reflecting screen the keyboard moves between.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Pane {
    #[default]
    Content,
    Sections,
}

/// Height assumed for a row that has not been drawn yet.
const ESTIMATED_ROW_HEIGHT: f32 = 260.0;

/// Where the scroll area's content starts on screen, and which part of it is visible.
#[derive(Clone, Copy)]
struct View {
    content_top: f32,
    visible: egui::Rangef,
}

/// Everything one frame of the screen needs to read.
struct Context<'a> {
    guide: &'a Guide,
    entry: &'a Entry,
    editable: bool,
    actions: Vec<Action>,
}

impl Context<'_> {
    fn edit(&mut self, edit: Edit) {
        self.actions.push(Action::Edit {
            reflection_id: self.entry.reflection.id.clone(),
            edit,
        });
    }

    fn answer(&self, item_id: &str) -> Answer {
        self.entry
            .reflection
            .answer(item_id)
            .cloned()
            .unwrap_or_default()
    }
}

impl ReflectView {
    /// Puts the keyboard focus back on the section's heading.
    pub fn refocus_content(&mut self) {
        self.focused_section = None;
    }

    pub fn ui(&mut self, ui: &mut Ui, guide: &Guide, entry: &Entry, editable: bool) -> Vec<Action> {
        let mut cx = Context {
            guide,
            entry,
            editable,
            actions: Vec::new(),
        };
        let orphans = orphaned_answers(guide, &entry.reflection);
        let section_count = guide.sections.len() + usize::from(!orphans.is_empty());
        self.section = self.section.min(section_count.saturating_sub(1));
        // A newly opened section takes the keyboard focus at its heading,
        // so Tab goes through its content before the menus and the list.
        let mut focus = if self.focused_section != Some(self.section) {
            self.focused_section = Some(self.section);
            self.pane = Pane::Content;
            Some(Pane::Content)
        } else {
            None
        };
        if std::mem::take(&mut self.switch_pane) {
            self.pane = match self.pane {
                Pane::Content => Pane::Sections,
                Pane::Sections => Pane::Content,
            };
            focus = Some(self.pane);
        }

        egui::Panel::left("sections")
            .resizable(false)
            .default_size(230.0)
            .show(ui, |ui| {
                ui.add_space(theme::GAP);
                ui.label(RichText::new(entry.reflection.display_title()).strong());
                ui.weak(&guide.title);
                ui.add_space(theme::SMALL_GAP);
                let p = progress(guide, &entry.reflection);
                for (index, section) in p.sections.iter().enumerate() {
                    let text = format!(
                        "{}\n{} of {} answered",
                        section.title, section.answered, section.total
                    );
                    let response = ui.selectable_label(self.section == index, text);
                    name_for_screen_readers(
                        &response,
                        Role::Button,
                        Some(self.section == index),
                        &format!(
                            "Section {}: {}, {} of {} answered",
                            index + 1,
                            section.title,
                            section.answered,
                            section.total
                        ),
                    );
                    if response.clicked() {
                        cx.actions.push(Action::OpenSection(index));
                    }
                    if focus == Some(Pane::Sections) && self.section == index {
                        response.request_focus();
                    }
                }
                if !orphans.is_empty() {
                    let index = guide.sections.len();
                    if ui
                        .selectable_label(
                            self.section == index,
                            format!("No longer in this guide  {}", orphans.len()),
                        )
                        .clicked()
                    {
                        cx.actions.push(Action::OpenSection(index));
                    }
                }
                ui.add_space(theme::GAP);
                ui.separator();
                if ui
                    .button("See my summary")
                    .on_hover_text("What you already do, strengths to share and where to begin")
                    .clicked()
                {
                    cx.actions
                        .push(Action::OpenSummary(entry.reflection.id.clone()));
                }
                if ui
                    .button(UiCommand::JumpToPractice.label())
                    .on_hover_text(UiCommand::JumpToPractice.tooltip())
                    .clicked()
                {
                    cx.actions.push(Action::Command(UiCommand::JumpToPractice));
                }
            });

        egui::CentralPanel::default().show(ui, |ui| {
            let mut scroll = egui::ScrollArea::vertical().id_salt(("section", self.section));
            if let Some(offset) = self.jump_offset.take() {
                scroll = scroll.vertical_scroll_offset(offset);
            }
            scroll.show_viewport(ui, |ui, viewport| {
                let view = View {
                    content_top: ui.max_rect().top(),
                    visible: viewport.y_range(),
                };
                reading_column(ui, |ui| {
                    ui.add_space(theme::GAP);
                    if let Some(reason) = &entry.read_only {
                        ui.colored_label(
                            theme::warning(ui.visuals()),
                            format!("Read-only: {reason}"),
                        );
                    }
                    match guide.sections.get(self.section) {
                        Some(section) => {
                            self.section_ui(
                                ui,
                                &mut cx,
                                section,
                                view,
                                focus == Some(Pane::Content),
                            );
                        }
                        None => orphans_ui(ui, &orphans),
                    }
                    ui.add_space(theme::GAP);
                    ui.horizontal(|ui| {
                        if self.section > 0
                            && ui
                                .button("Previous section")
                                .on_hover_text(UiCommand::PreviousSection.tooltip())
                                .clicked()
                        {
                            cx.actions.push(Action::Command(UiCommand::PreviousSection));
                        }
                        if self.section + 1 < section_count
                            && ui
                                .button("Next section")
                                .on_hover_text(UiCommand::NextSection.tooltip())
                                .clicked()
                        {
                            cx.actions.push(Action::Command(UiCommand::NextSection));
                        }
                    });
                    ui.add_space(theme::GAP * 2.0);
                });
            });
        });
        if self.jump_offset.is_some() {
            ui.ctx().request_repaint();
        }
        cx.actions
    }

    fn section_ui(
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
                    self.row(ui, view, &mut rows, &component.id, |this, ui| {
                        if index > 0 {
                            ui.add_space(theme::GAP);
                        }
                        this.component_header_ui(ui, cx, component, scale);
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

    fn statement_ui(&mut self, ui: &mut Ui, cx: &mut Context<'_>, statement: &Statement) {
        let answer = cx.answer(&statement.id);
        let response = theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut affirmed = answer.affirmed;
            let toggle = ui.add_enabled(
                cx.editable,
                egui::Checkbox::new(&mut affirmed, RichText::new(&statement.text).strong()),
            );
            if toggle.changed() {
                cx.edit(Edit::SetAffirmed {
                    item: statement.id.clone(),
                    affirmed,
                });
            }
            let hint = statement
                .hint
                .as_deref()
                .unwrap_or("A moment that shows it");
            if let Some(note) = labelled_line(
                ui,
                "Note:",
                &format!("Note on: {}", statement.text),
                &answer.note,
                hint,
                cx.editable,
            ) {
                cx.edit(Edit::SetNote {
                    item: statement.id.clone(),
                    note,
                });
            }
            private_toggle(ui, cx, &statement.id, &answer, &statement.text);
        });
        self.maybe_scroll(&response.response, &statement.id);
    }

    fn question_ui(&mut self, ui: &mut Ui, cx: &mut Context<'_>, question: &Question) {
        let answer = cx.answer(&question.id);
        let response = theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(text) =
                labelled_text_area(ui, &question.prompt, &answer.text, 5, cx.editable)
            {
                cx.edit(Edit::SetText {
                    item: question.id.clone(),
                    text,
                });
            }
            if let Some(hint) = &question.hint {
                ui.weak(hint);
            }
            if let Some(scale) = question.scale.as_deref().and_then(|id| cx.guide.scale(id)) {
                ui.add_space(theme::SMALL_GAP);
                level_picker(
                    ui,
                    cx,
                    &question.id,
                    &question.prompt,
                    scale,
                    answer.level.as_deref(),
                );
            }
            private_toggle(ui, cx, &question.id, &answer, &question.prompt);
        });
        self.maybe_scroll(&response.response, &question.id);
    }

    fn component_header_ui(
        &self,
        ui: &mut Ui,
        cx: &mut Context<'_>,
        component: &Component,
        scale: &Scale,
    ) {
        let in_use = component
            .practices
            .iter()
            .filter(|p| {
                cx.entry
                    .reflection
                    .answer(&p.id)
                    .and_then(|a| a.level.as_deref())
                    .and_then(|l| scale.level(l))
                    .is_some_and(|l| l.in_use)
            })
            .count();
        ui.add_space(theme::SMALL_GAP);
        subheading(ui, &component.title);
        ui.label(&component.description);
        ui.weak(format!(
            "Already in use: {in_use} of {}",
            component.practices.len()
        ));
        ui.add_space(theme::SMALL_GAP);
    }

    fn practice_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut Context<'_>,
        practice: &Practice,
        scale: &Scale,
    ) {
        let answer = cx.answer(&practice.id);
        let take_focus = self.focus_item.as_deref() == Some(practice.id.as_str());
        let response = theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            // The name can hold the keyboard focus, so Find lands on the practice.
            let name = ui.add(
                egui::Label::new(RichText::new(&practice.name).strong())
                    .sense(egui::Sense::focusable_noninteractive()),
            );
            name_for_screen_readers(&name, Role::Heading, None, &practice.name);
            if take_focus {
                name.request_focus();
            }
            ui.label(&practice.description);
            ui.label(
                RichText::new(format!("For example: {}", practice.example))
                    .italics()
                    .weak(),
            );
            ui.add_space(theme::SMALL_GAP);
            level_picker(
                ui,
                cx,
                &practice.id,
                &practice.name,
                scale,
                answer.level.as_deref(),
            );

            ui.horizontal(|ui| {
                let mut wanted = answer.next_step.is_some();
                let toggle = ui.add_enabled(
                    cx.editable,
                    egui::Checkbox::new(&mut wanted, "Next step I want to try"),
                );
                name_for_screen_readers(
                    &toggle,
                    Role::CheckBox,
                    Some(wanted),
                    &format!("Next step I want to try: {}", practice.name),
                );
                if toggle.changed() {
                    cx.edit(Edit::SetNextStepWanted {
                        item: practice.id.clone(),
                        wanted,
                    });
                }
            });
            if let Some(step) = &answer.next_step {
                ui.indent(("step", &practice.id), |ui| {
                    if let Some(action) = labelled_line(
                        ui,
                        "Small step:",
                        &format!("Small step for {}", practice.name),
                        &step.action,
                        "One small thing to try, e.g. on Friday",
                        cx.editable,
                    ) {
                        cx.edit(Edit::SetNextStepAction {
                            item: practice.id.clone(),
                            action,
                        });
                    }
                    revisit_field(
                        ui,
                        cx,
                        &practice.id,
                        &practice.name,
                        step.revisit_on.as_deref(),
                    );
                    let mut done = step.done;
                    let toggle =
                        ui.add_enabled(cx.editable, egui::Checkbox::new(&mut done, "Done"));
                    name_for_screen_readers(
                        &toggle,
                        Role::CheckBox,
                        Some(done),
                        &format!("Next step done: {}", practice.name),
                    );
                    if toggle.changed() {
                        cx.edit(Edit::SetNextStepDone {
                            item: practice.id.clone(),
                            done,
                        });
                    }
                });
            }
            if let Some(note) = labelled_line(
                ui,
                "In my room:",
                &format!("What {} looks like in my room", practice.name),
                &answer.note,
                "What this looks like in my room (optional)",
                cx.editable,
            ) {
                cx.edit(Edit::SetNote {
                    item: practice.id.clone(),
                    note,
                });
            }
            private_toggle(ui, cx, &practice.id, &answer, &practice.name);
        });
        if take_focus {
            self.focus_item = None;
        }
        self.maybe_scroll(&response.response, &practice.id);
    }

    fn maybe_scroll(&mut self, response: &egui::Response, item_id: &str) {
        if self.scroll_to.as_deref() == Some(item_id) {
            response.scroll_to_me(Some(egui::Align::TOP));
            self.scroll_to = None;
        }
    }
}

/// One click picks a level; every level shows its label, with its description as a tooltip,
/// and the chosen level's description is shown inline.
fn level_picker(
    ui: &mut Ui,
    cx: &mut Context<'_>,
    item_id: &str,
    item_name: &str,
    scale: &Scale,
    current: Option<&str>,
) {
    if !scale.title.is_empty() {
        ui.weak(&scale.title);
    }
    ui.horizontal_wrapped(|ui| {
        for level in &scale.levels {
            let selected = current == Some(level.id.as_str());
            let button = egui::Button::new(&level.label)
                .selected(selected)
                .frame(true)
                .min_size(egui::vec2(0.0, 30.0));
            let response = ui
                .add_enabled(cx.editable, button)
                .on_hover_text(&level.description);
            name_for_screen_readers(
                &response,
                Role::Button,
                Some(selected),
                &format!("{item_name}: {}", level.label),
            );
            // Clicking the chosen level again keeps it: a double-click must
            // not leave the practice unrated without notice. Clearing is the
            // separate button below.
            if response.clicked() && !selected {
                cx.edit(Edit::SetLevel {
                    item: item_id.to_owned(),
                    level: Some(level.id.clone()),
                });
            }
        }
        if current.is_some() {
            let clear = ui
                .add_enabled(cx.editable, egui::Button::new("Clear").small())
                .on_hover_text("Leave this practice without a level");
            name_for_screen_readers(
                &clear,
                Role::Button,
                None,
                &format!("Clear the level of {item_name}"),
            );
            if clear.clicked() {
                cx.edit(Edit::SetLevel {
                    item: item_id.to_owned(),
                    level: None,
                });
            }
        }
    });
    if let Some(level) = current.and_then(|id| scale.level(id)) {
        ui.weak(&level.description);
    }
}

fn private_toggle(
    ui: &mut Ui,
    cx: &mut Context<'_>,
    item_id: &str,
    answer: &Answer,
    item_name: &str,
) {
    let mut private = answer.private;
    let toggle = ui
        .add_enabled(cx.editable, egui::Checkbox::new(&mut private, "Private"))
        .on_hover_text("A private answer stays on this computer and is left out of exports unless you include it.");
    name_for_screen_readers(
        &toggle,
        Role::CheckBox,
        Some(private),
        &format!("Keep private: {item_name}"),
    );
    if toggle.changed() {
        cx.edit(Edit::SetPrivate {
            item: item_id.to_owned(),
            private,
        });
    }
}

/// The revisit date of a next step, read once the field is left.
fn revisit_field(
    ui: &mut Ui,
    cx: &mut Context<'_>,
    item_id: &str,
    item_name: &str,
    saved: Option<&str>,
) {
    ui.horizontal(|ui| {
        ui.label("Revisit on:");
        if let Some(revisit_on) = super::date_field::date_field(
            ui,
            ("revisit", &cx.entry.reflection.id, item_id),
            &format!("Revisit date for {item_name}"),
            saved,
            true,
            cx.editable,
        ) {
            cx.edit(Edit::SetNextStepRevisit {
                item: item_id.to_owned(),
                revisit_on,
            });
        }
    });
}

fn orphans_ui(ui: &mut Ui, orphans: &[(&String, &Answer)]) {
    ui.heading("No longer in this guide");
    ui.label(
        "These answers belong to items that a newer version of the guide no longer has. \
         They are kept, word for word, so nothing you wrote is lost.",
    );
    ui.add_space(theme::GAP);
    for (id, answer) in orphans {
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(id.as_str()).monospace());
            for text in [&answer.text, &answer.note] {
                if !text.is_empty() {
                    ui.label(text.as_str());
                }
            }
            if let Some(level) = &answer.level {
                ui.weak(format!("Level: {level}"));
            }
        });
        ui.add_space(theme::SMALL_GAP);
    }
}

/// Whether a row is close enough to the view that drawing it and scrolling
/// to it is better than jumping first.
fn near_enough(top: f32, view: View) -> bool {
    (top - view.visible.min).abs() < 4.0 * super::widgets::DRAW_MARGIN
}
