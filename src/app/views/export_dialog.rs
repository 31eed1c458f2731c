//! "Export readiness summary…": choose what to include, see exactly what will
//! be shared, then save.

use egui::{RichText, Ui};

use super::widgets::fitted_modal;
use crate::export::PageSize;
use crate::words::plural;

use super::Action;
use crate::export::Format;

/// What the teacher has chosen so far.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportChoices {
    pub reflection_id: String,
    pub format: Format,
    pub include_private: bool,
    pub include_coach_notes: bool,
    pub include_name: bool,
    /// Whether the document says that private answers were left out. Off by
    /// default: the line tells the reader that something is held back.
    pub mention_left_out: bool,
    pub paper: PageSize,
}

impl ExportChoices {
    pub fn new(reflection_id: String) -> Self {
        ExportChoices {
            reflection_id,
            format: Format::Pdf,
            include_private: false,
            include_coach_notes: false,
            include_name: true,
            mention_left_out: false,
            paper: paper_for_locale(),
        }
    }
}

/// US Letter where the locale's region uses it, A4 elsewhere.
pub fn paper_for_locale() -> PageSize {
    let region = crate::clock::locale_region(&["LC_ALL", "LC_PAPER", "LANG"]);
    if matches!(
        region.as_str(),
        "US" | "CA" | "MX" | "PH" | "CL" | "CO" | "VE" | "GT" | "PR" | "CR"
    ) {
        PageSize::Letter
    } else {
        PageSize::A4
    }
}

pub fn format_label(format: Format) -> &'static str {
    match format {
        Format::Pdf => "PDF (to print or share)",
        Format::Html => "Web page (HTML)",
        Format::Markdown => "Markdown (for email or notes)",
        Format::Csv => "Spreadsheet (CSV)",
        Format::Json => "JSON (for your coach to import)",
    }
}

/// "Protect with a passphrase", for a reflection for a coach: the passphrase
/// typed twice. Kept apart from [`ExportChoices`], which the preview follows.
#[derive(Default)]
pub struct Protection {
    pub on: bool,
    first: String,
    second: String,
}

impl Drop for Protection {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.first);
        zeroize::Zeroize::zeroize(&mut self.second);
    }
}

impl Protection {
    /// The passphrase to protect the export with, if protection is on and
    /// the passphrase was typed the same twice.
    pub fn passphrase(&self) -> Option<age::secrecy::SecretString> {
        (self.on && !self.first.is_empty() && self.first == self.second)
            .then(|| age::secrecy::SecretString::from(self.first.clone()))
    }

    fn ui(&mut self, ui: &mut Ui) {
        ui.checkbox(&mut self.on, "Protect with a passphrase");
        if !self.on {
            ui.weak("Without one, the file is plain: anyone who has it can read it.");
            return;
        }
        ui.weak("Tell your coach the passphrase some other way than the file (in person, or by phone); it is needed to import the file.");
        for (text, field) in [
            ("Passphrase for this file", &mut self.first),
            ("The same passphrase again", &mut self.second),
        ] {
            let response = ui.add(
                egui::TextEdit::singleline(field)
                    .password(true)
                    .hint_text(text),
            );
            super::widgets::name_for_screen_readers(
                &response,
                egui::Role::PasswordInput,
                None,
                text,
            );
        }
        if !self.first.is_empty() {
            ui.weak(crate::store::vault::strength(&self.first).hint());
        }
        if !self.second.is_empty() && self.first != self.second {
            ui.colored_label(ui.visuals().error_fg_color, "The two passphrases differ.");
        }
    }
}

/// What the preview shows: the saved text itself for text formats, or the
/// content laid out on screen for PDF and HTML.
pub enum Preview<'a> {
    /// The exact text that will be saved (Markdown, CSV, JSON).
    Exact(&'a str),
    /// The summary's content in Markdown, drawn with headings and lists, for
    /// a format whose own rendering is a page (PDF, HTML).
    Content(&'a str),
}

/// Draws the dialog. `private_left_out` says how many private answers the
/// current choice leaves out.
pub fn ui(
    ctx: &egui::Context,
    choices: &mut ExportChoices,
    preview: &Preview<'_>,
    private_left_out: usize,
    busy: bool,
    protection: &mut Protection,
) -> Vec<Action> {
    let mut actions = Vec::new();
    // Protection asked for, but no passphrase typed the same twice yet.
    let unprotected =
        choices.format == Format::Json && protection.on && protection.passphrase().is_none();
    let body = |ui: &mut Ui| {
        ui.heading("Export readiness summary");
        ui.label(
            "You decide what leaves this computer. The preview below shows what will be saved.",
        );
        // Said even for a plain notebook: the teacher may turn encryption on later.
        ui.weak("An export is a plain file, readable by anyone who has it, even when your notebook is encrypted. Only a reflection for your coach (JSON) can be protected with a passphrase.");
        ui.add_space(8.0);
        ui.checkbox(&mut choices.include_private, "Include private answers");
        if !choices.include_private && private_left_out > 0 {
            ui.weak(format!(
                "{} will be left out.",
                plural(private_left_out, "private answer", "private answers")
            ));
            ui.checkbox(
                &mut choices.mention_left_out,
                "Say in the summary that private answers were left out",
            );
        }
        ui.checkbox(&mut choices.include_coach_notes, "Include coach notes");
        ui.checkbox(
            &mut choices.include_name,
            "Include my name (off: anonymous)",
        );
        ui.add_space(8.0);
        ui.label(RichText::new("Format").strong());
        for format in Format::ALL {
            ui.radio_value(&mut choices.format, format, format_label(format));
        }
        if choices.format == Format::Json {
            protection.ui(ui);
        }
        if choices.format == Format::Pdf {
            ui.horizontal(|ui| {
                ui.label("Paper:");
                ui.radio_value(&mut choices.paper, PageSize::A4, "A4");
                ui.radio_value(&mut choices.paper, PageSize::Letter, "US Letter");
            });
        }
        ui.add_space(8.0);
        let (title, note) = match preview {
            Preview::Exact(_) => ("Preview: the file exactly as it will be saved", None),
            Preview::Content(_) => (
                "Preview: what the document will say",
                Some(match choices.format {
                    Format::Pdf => "The PDF lays this out on pages, with bar charts.",
                    _ => "The web page lays this out with headings, tables and bar charts.",
                }),
            ),
        };
        let label = ui.label(RichText::new(title).strong());
        if let Some(note) = note {
            ui.weak(note);
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            match preview {
                Preview::Exact(text) => {
                    // Read-only, but selectable so it can be copied.
                    let mut text: &str = text;
                    ui.add(
                        egui::TextEdit::multiline(&mut text)
                            .code_editor()
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                }
                Preview::Content(markdown) => {
                    let response = ui.scope(|ui| markdown_preview(ui, markdown)).response;
                    // Screen readers get the whole preview as one text, as they do for the exact text.
                    let text: String = markdown
                        .lines()
                        .map(|line| plain(line.trim_start_matches(['#', ' ', '-', '>', '|'])))
                        .collect::<Vec<_>>()
                        .join("\n");
                    response.widget_info(|| {
                        let mut info = egui::WidgetInfo::labeled(
                            egui::Role::Document,
                            true,
                            "Document preview",
                        );
                        info.current_text_value = Some(text.clone());
                        info
                    });
                }
            }
        });
    };
    let footer = |ui: &mut Ui| {
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let save = ui.add_enabled(
                !busy && !unprotected,
                egui::Button::new(RichText::new("Save…").strong()),
            );
            if save.clicked() {
                actions.push(Action::SaveExport);
            }
            if busy {
                ui.spinner();
                ui.label("Saving…");
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CloseDialog);
            }
        });
    };
    let modal = fitted_modal(ctx, "export-dialog", 620.0, body, footer);
    if modal.should_close() && actions.is_empty() && !busy {
        actions.push(Action::CloseDialog);
    }
    actions
}

/// Draws the summary's Markdown as a reader sees it: headings, bullets,
/// table rows as lines, emphasis markers and escapes removed.
fn markdown_preview(ui: &mut Ui, markdown: &str) {
    for line in markdown.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            ui.add_space(4.0);
        } else if let Some(heading) = trimmed.strip_prefix("# ") {
            ui.heading(plain(heading));
        } else if let Some(heading) = trimmed
            .strip_prefix("### ")
            .or_else(|| trimmed.strip_prefix("## "))
        {
            ui.label(RichText::new(plain(heading)).strong().size(16.0));
        } else if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            ui.label(format!("•  {}", plain(item)));
        } else if trimmed.starts_with('|') {
            if trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                continue;
            }
            let cells: Vec<String> = trimmed
                .trim_matches('|')
                .split(" | ")
                .map(|cell| plain(cell.trim()))
                .collect();
            ui.label(cells.join("   ·   "));
        } else if let Some(quote) = trimmed.strip_prefix("> ") {
            ui.label(RichText::new(plain(quote)).italics());
        } else {
            ui.label(plain(trimmed));
        }
    }
}

/// Markdown inline text without its markers: `**a**` is a, `\*` is *.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '*' | '_' if chars.peek() == Some(&c) => {
                chars.next();
            }
            '*' => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn markdown_markers_are_not_shown() {
        assert_eq!(
            plain("**Station rotation**: weekly"),
            "Station rotation: weekly"
        );
        assert_eq!(plain("5 \\* 3 \\# not a heading"), "5 * 3 # not a heading");
        assert_eq!(plain("snake_case stays"), "snake_case stays");
    }
}
