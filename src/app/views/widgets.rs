//! Small shared pieces of UI with accessible names.

use egui::{Response, RichText, Role, Ui, WidgetInfo};

use crate::app::theme;

/// Gives a widget an accessible name that differs from its visible text, for
/// example "Station rotation: Regular practice" for a button that shows
/// "Regular practice", so screen readers and tests can tell them apart.
pub fn name_for_screen_readers(
    response: &Response,
    kind: Role,
    selected: Option<bool>,
    name: &str,
) {
    let enabled = response.enabled();
    response.widget_info(|| {
        let mut info = WidgetInfo::labeled(kind, enabled, name);
        info.selected = selected;
        info
    });
}

/// A button whose short text ("Open") is said in full to screen readers and
/// on hover ("Open session Fall check-in"), so each of many is told apart.
pub fn named_button(ui: &mut Ui, text: &str, name: &str) -> Response {
    let response = ui.button(text).on_hover_text(name);
    name_for_screen_readers(&response, Role::Button, None, name);
    response
}

/// A multi-line text area tied to a visible label.
pub fn labelled_text_area(
    ui: &mut Ui,
    label: &str,
    text: &str,
    rows: usize,
    enabled: bool,
) -> Option<String> {
    let label_response = ui.label(RichText::new(label).strong());
    let mut buffer = text.to_owned();
    let response = ui.add_enabled(
        enabled,
        egui::TextEdit::multiline(&mut buffer)
            .desired_rows(rows)
            .desired_width(f32::INFINITY)
            .hint_text("Write as much or as little as you like…"),
    );
    let response = response.labelled_by(label_response.id);
    response.changed().then_some(buffer)
}

/// A one-line text field with a label in front of it.
pub fn labelled_line(
    ui: &mut Ui,
    label: &str,
    accessible_name: &str,
    text: &str,
    hint: &str,
    enabled: bool,
) -> Option<String> {
    let mut buffer = text.to_owned();
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label(label);
        let response = ui.add_enabled(
            enabled,
            egui::TextEdit::singleline(&mut buffer)
                .hint_text(hint)
                .desired_width(ui.available_width().min(420.0)),
        );
        name_for_screen_readers(&response, Role::TextInput, None, accessible_name);
        changed = response.changed();
    });
    changed.then_some(buffer)
}

/// A thin progress bar with "N of M" beside it.
pub fn progress_line(ui: &mut Ui, answered: usize, total: usize) {
    let fraction = if total == 0 {
        0.0
    } else {
        answered as f32 / total as f32
    };
    ui.horizontal(|ui| {
        let bar = egui::ProgressBar::new(fraction)
            .desired_width(160.0)
            .desired_height(8.0)
            .fill(theme::accent(ui.visuals()));
        ui.add(bar);
        ui.weak(format!("{answered} of {total} answered"));
    });
}

/// A heading in the house subheading style.
pub fn subheading(ui: &mut Ui, text: &str) -> Response {
    ui.label(RichText::new(text).text_style(theme::subheading()).strong())
}

/// Centers a column of readable width in the available space.
pub fn reading_column<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    let width = ui.available_width().min(theme::READING_WIDTH);
    let margin = ((ui.available_width() - width) / 2.0).max(0.0);
    ui.horizontal(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_width(width);
            add(ui)
        })
        .inner
    })
    .inner
}

/// Rows this far outside the visible part of a long list are not drawn.
pub const DRAW_MARGIN: f32 = 600.0;

/// A long list in a `ScrollArea::show_viewport` that draws only the rows near
/// the visible part. Skipped rows in a run become one space of their last
/// measured height, so a list of thousands costs about as much as a short one.
pub struct LazyRows {
    /// Where the next row starts, in the scroll area's content coordinates.
    top: f32,
    skipped: f32,
    visible: egui::Rangef,
}

impl LazyRows {
    /// `content_top` is the screen y of the scroll content's origin.
    pub fn new(ui: &Ui, content_top: f32, visible: egui::Rangef) -> Self {
        LazyRows {
            top: ui.cursor().top() - content_top,
            skipped: 0.0,
            visible,
        }
    }

    pub fn top(&self) -> f32 {
        self.top
    }

    /// Whether a row of about `height` starting here is near enough to draw.
    pub fn is_near(&self, height: f32) -> bool {
        self.top + height >= self.visible.min - DRAW_MARGIN
            && self.top <= self.visible.max + DRAW_MARGIN
    }

    /// Stands in for a row without drawing it.
    pub fn skip(&mut self, height: f32) {
        self.skipped += height;
        self.top += height;
    }

    /// Draws a row and returns its measured height.
    pub fn draw(&mut self, ui: &mut Ui, draw: impl FnOnce(&mut Ui)) -> f32 {
        if self.skipped > 0.0 {
            ui.add_space(self.skipped);
            self.skipped = 0.0;
        }
        let before = ui.cursor().top();
        draw(ui);
        let height = ui.cursor().top() - before;
        self.top += height;
        height
    }

    /// Adds the space of the rows skipped at the end.
    pub fn finish(self, ui: &mut Ui) {
        if self.skipped > 0.0 {
            ui.add_space(self.skipped);
        }
    }
}

/// A modal dialog that always fits the window, at any size and zoom: its
/// width shrinks to the window, its body scrolls, and its footer (the
/// buttons) stays in sight below the body.
pub fn fitted_modal(
    ctx: &egui::Context,
    id: &str,
    width: f32,
    body: impl FnOnce(&mut Ui),
    footer: impl FnOnce(&mut Ui),
) -> egui::ModalResponse<()> {
    let screen = ctx.content_rect();
    // Room for the modal's own frame and a margin around it.
    let width = width.min(screen.width() - 64.0).max(120.0);
    let max_body = (screen.height() - 140.0).max(60.0);
    egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_width(width);
        egui::ScrollArea::vertical()
            .id_salt((id, "body"))
            .max_height(max_body)
            // Take the whole height at once when the body is long: growing a
            // step per frame would move the dialog under the pointer.
            .min_scrolled_height(max_body)
            .auto_shrink([false, true])
            .show(ui, body);
        footer(ui);
    })
}

/// Gives a dialog's first field the keyboard focus when nothing else has it,
/// so typing goes straight into the dialog.
pub fn focus_first(ui: &Ui, field: &Response) {
    if ui.memory(|m| m.focused().is_none()) {
        field.request_focus();
    }
}

/// Whether Enter was pressed in this one-line field (which gives up the
/// focus on Enter, in this frame or the next).
pub fn submitted(ui: &Ui, field: &Response) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Enter)) && (field.lost_focus() || field.has_focus())
}
