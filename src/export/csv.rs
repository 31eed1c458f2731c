//! The summary as CSV: one row per guide item, for a spreadsheet.
//!
//! RFC 4180: fields separated by commas, rows ended by CRLF, a field holding a
//! comma, quote or line break wrapped in quotes with its quotes doubled. The file
//! starts with a UTF-8 byte order mark so that spreadsheet programs read accented
//! and non-Latin text correctly.
//!
//! Formula injection: a field that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return would run as a formula in a spreadsheet, so it is prefixed with
//! a single quote (`'`) and shows as the text it is.

use crate::summary::{ItemKind, Summary};

/// The column names, in order.
pub const COLUMNS: [&str; 14] = [
    "Section",
    "Component",
    "Item id",
    "Kind",
    "Item",
    "Level",
    "In use",
    "Affirmed",
    "Next step",
    "Revisit on",
    "Next step done",
    "Note",
    "Text",
    "Private",
];

/// Renders the summary's items (and coach notes, when included) as CSV.
pub fn render(summary: &Summary) -> String {
    let mut out = String::from("\u{FEFF}");
    row(&mut out, COLUMNS.iter().map(|c| (*c).to_owned()));
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
    for item in &summary.items {
        let kind = match item.kind {
            ItemKind::Statement => "statement",
            ItemKind::Question => "question",
            ItemKind::Practice => "practice",
            ItemKind::Plan => "plan",
            ItemKind::NoLongerInGuide => "no longer in guide",
        };
        row(
            &mut out,
            [
                item.section.clone(),
                item.component.clone(),
                item.item_id.clone(),
                kind.to_owned(),
                item.item.clone(),
                item.level_label.clone().unwrap_or_default(),
                item.in_use.map(yes_no).unwrap_or_default(),
                if item.kind == ItemKind::Statement || item.affirmed {
                    yes_no(item.affirmed)
                } else {
                    String::new()
                },
                item.next_step.clone().unwrap_or_default(),
                item.revisit_on.clone().unwrap_or_default(),
                if item.next_step.is_some() {
                    yes_no(item.next_step_done)
                } else {
                    String::new()
                },
                item.note.clone(),
                item.text.clone(),
                if item.private {
                    "yes".to_owned()
                } else {
                    String::new()
                },
            ]
            .into_iter(),
        );
    }
    for note in &summary.coach_notes {
        row(
            &mut out,
            [
                "Coach notes".to_owned(),
                String::new(),
                note.item_id.clone().unwrap_or_default(),
                "coach note".to_owned(),
                note.item.clone().unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                format!("Written {}", note.date),
                note.text.clone(),
                String::new(),
            ]
            .into_iter(),
        );
    }
    out
}

fn row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| field(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// Signs a spreadsheet may take as the start of a formula, the full-width
/// forms (which some spreadsheets fold to ASCII) included.
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// One CSV field: defused against formulas, control characters and
/// bidirectional overrides written visibly as `\uXXXX` (a carriage return,
/// part of a line break, is kept), then quoted if needed.
pub fn field(text: &str) -> String {
    let shown = crate::plain_text::escape_hidden_except(text, |c| c == '\r');
    let defused = if text.starts_with(FORMULA_STARTS) {
        format!("'{shown}")
    } else {
        shown.into_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quotes_and_defuses() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("-2"), "'-2");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("\rx"), "\"'\rx\"");
        assert_eq!(field("＝1+1"), "'＝1+1");
        assert_eq!(field("＋1"), "'＋1");
        assert_eq!(field("－2"), "'－2");
        assert_eq!(field("＠SUM(A1)"), "'＠SUM(A1)");
        assert_eq!(field("a\u{1b}[31m\u{202e}b"), "a\\u001b[31m\\u202eb");
        assert_eq!(
            field("=HYPERLINK(\"http://evil\")"),
            "\"'=HYPERLINK(\"\"http://evil\"\")\""
        );
    }
}
