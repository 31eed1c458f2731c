//! Reflecting: the guide's sections one at a time, with progress per section.
//! This file is the screen and its section list; `rows.rs` draws a section's
//! items, only those near the view; `cards.rs` draws each item's card.

mod aids;
mod cards;
mod plan;
mod rows;

use egui::{RichText, Role, Ui};

use super::widgets::{name_for_screen_readers, reading_column};
use super::{Action, Room, RoomContext};
use crate::app::commands::UiCommand;
use crate::app::notebook::Entry;
use crate::app::theme;
use crate::guide::Guide;
use crate::reflection::{Answer, Edit, Reflection, orphaned_answers, progress};

/// What the reflecting screen remembers between frames.
#[derive(Debug, Default, Clone)]
pub struct ReflectScreen {
    /// The reflection on screen.
    reflection_id: Option<String>,
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
    /// The glossary term whose meaning is shown, as (item id, term id).
    open_term: Option<(String, String)>,

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

impl ReflectScreen {
    /// Puts the keyboard focus back on the section's heading.
    pub fn refocus_content(&mut self) {
        self.focused_section = None;
    }

    fn draw(&mut self, ui: &mut Ui, guide: &Guide, entry: &Entry, editable: bool) -> Vec<Action> {
        let mut cx = Context {
            guide,
            entry,
            editable,
            actions: Vec::new(),
        };
        let orphans = orphaned_answers(guide, &entry.reflection);
        let section_count = section_count(guide, &entry.reflection);
        self.section = self.section.min(section_count.saturating_sub(1));
        // A newly opened section takes the keyboard focus at its heading,
        // so Tab goes through its content before the menus and the list.
        let mut focus = if self.focused_section == Some(self.section) {
            None
        } else {
            self.focused_section = Some(self.section);
            self.pane = Pane::Content;
            Some(Pane::Content)
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
                aids::grade_band_picker(ui, &mut cx);
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
                        self.section = index;
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
                        self.section = index;
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
                if ui
                    .button("History")
                    .on_hover_text(UiCommand::ShowHistory.tooltip())
                    .clicked()
                {
                    cx.actions
                        .push(Action::OpenHistory(entry.reflection.id.clone()));
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
                        None => cards::orphans_ui(ui, &orphans),
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
}

impl Room for ReflectScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        let notebook = cx.notebook;
        let entry = self
            .reflection_id
            .as_deref()
            .and_then(|id| notebook.entry(id));
        let guide = entry.and_then(|e| notebook.guide(&e.reflection.guide_id));
        if let (Some(entry), Some(guide)) = (entry, guide) {
            let editable = entry.read_only.is_none() && !notebook.is_read_only();
            let guide = std::sync::Arc::clone(guide);
            self.draw(ui, &guide, entry, editable)
        } else {
            ui.label("This reflection or its guide is not available.");
            Vec::new()
        }
    }

    fn reflection_id(&self) -> Option<&str> {
        self.reflection_id.as_deref()
    }

    fn run_command(&mut self, command: UiCommand, cx: &RoomContext<'_>) -> bool {
        match command {
            UiCommand::PreviousSection => self.section = self.section.saturating_sub(1),
            UiCommand::NextSection => {
                let entry = self
                    .reflection_id
                    .as_deref()
                    .and_then(|id| cx.notebook.entry(id));
                if let Some(entry) = entry
                    && let Some(guide) = cx.notebook.guide(&entry.reflection.guide_id)
                {
                    let last = section_count(guide, &entry.reflection).saturating_sub(1);
                    self.section = (self.section + 1).min(last);
                }
            }
            UiCommand::SwitchPane => self.switch_pane = true,
            _ => return false,
        }
        true
    }
}

impl ReflectScreen {
    /// Shows reflection `id`; coming back to the same one keeps its section and scroll.
    pub fn show(&mut self, id: String) {
        if self.reflection_id.as_deref() != Some(id.as_str()) {
            *self = ReflectScreen {
                reflection_id: Some(id),
                ..Default::default()
            };
        }
    }

    /// Opens `section` with `item_id` in view and holding the keyboard focus.
    pub fn jump_to(&mut self, section: usize, item_id: String) {
        self.section = section;
        self.focus_item = Some(item_id.clone());
        self.scroll_to = Some(item_id);
    }

    /// Comes back to where the teacher was: a section and the item changed last.
    pub fn return_to(&mut self, section: usize, item: Option<String>) {
        self.section = section;
        self.scroll_to.clone_from(&item);
        self.last_item = item;
    }
}

/// How many sections the section list shows: the guide's, and one for
/// answers to items the guide no longer has, if there are any.
fn section_count(guide: &Guide, reflection: &Reflection) -> usize {
    guide.sections.len() + usize::from(!orphaned_answers(guide, reflection).is_empty())
}
