//! The summary as Markdown, ready to paste into an email or a shared document.
//!
//! Every piece of text, the teacher's and the guide's alike, is escaped so that
//! it reads as the words it is and never as Markdown: no stray emphasis,
//! headings, lists, tables, links or HTML.

use super::document::{Block, Document, Line, ListItem, Quote, document};
use crate::summary::Summary;

/// Renders the summary as Markdown.
pub fn render(summary: &Summary) -> String {
    render_document(&document(summary))
}

/// Any document of the export model as Markdown, every piece of text escaped.
pub fn render_document(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", inline(&doc.title)));
    out.push_str(&format!("**{}**\n\n", inline(&doc.subtitle)));
    for line in &doc.meta {
        out.push_str(&format!("{}\n\n", inline(line)));
    }
    for part in &doc.parts {
        out.push_str(&format!("## {}\n\n", inline(&part.heading)));
        for block in &part.blocks {
            block_to(&mut out, block);
        }
    }
    // One trailing newline, however the last block ended.
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn block_to(out: &mut String, block: &Block) {
    match block {
        Block::Subheading(text) => out.push_str(&format!("### {}\n\n", inline(text))),
        Block::Paragraph(line) => out.push_str(&format!("{}\n\n", spans(line))),
        Block::Note(text) => out.push_str(&format!("_{}_\n\n", inline(text))),
        Block::List { items, .. } => {
            for item in items {
                list_item(out, item);
            }
            out.push('\n');
        }
        Block::Bars(bars) => {
            let rows: Vec<Vec<String>> = bars
                .iter()
                .map(|bar| {
                    vec![
                        bar.label.clone(),
                        format!("{} of {}", bar.count.count, bar.count.total),
                    ]
                })
                .collect();
            table(
                out,
                &["Component".to_owned(), "Practices in use".to_owned()],
                &rows,
            );
        }
        Block::Table { header, rows } => table(out, header, rows),
        Block::Quote(quote) => quote_to(out, quote),
    }
}

fn list_item(out: &mut String, item: &ListItem) {
    out.push_str(&format!("- {}\n", spans(&item.main)));
    for detail in &item.details {
        out.push_str(&format!("  - {}\n", inline(detail)));
    }
}

fn quote_to(out: &mut String, quote: &Quote) {
    out.push_str(&format!("{}\n\n", spans(&quote.about)));
    if quote.text.trim().is_empty() {
        return;
    }
    // Each line of the teacher's text stays a line of its own.
    let lines: Vec<String> = quote
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(inline)
        .collect();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str(">\n");
        }
        out.push_str(&format!("> {line}\n"));
    }
    out.push('\n');
}

fn table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let cells = |cells: &[String]| {
        cells
            .iter()
            .map(|c| cell(c))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    out.push_str(&format!("| {} |\n", cells(header)));
    out.push_str(&format!("|{}\n", " --- |".repeat(header.len())));
    for row in rows {
        out.push_str(&format!("| {} |\n", cells(row)));
    }
    out.push('\n');
}

fn spans(line: &Line) -> String {
    let mut out = String::new();
    for span in line {
        let flat = span.text.replace(['\n', '\r'], " ");
        let text = escape_chars(&flat);
        if span.strong && !text.trim().is_empty() {
            // Emphasis markers must touch the words they wrap.
            let start = text.len() - text.trim_start().len();
            let end = text.trim_end().len();
            out.push_str(&text[..start]);
            out.push_str(&format!("**{}**", &text[start..end]));
            out.push_str(&text[end..]);
        } else {
            out.push_str(&text);
        }
    }
    escape_line_start(out.trim())
}

/// Escapes one line of text for use anywhere in a Markdown line. Newlines
/// become spaces: callers that keep line breaks split the text first.
pub fn inline(text: &str) -> String {
    let flat = text
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    escape_line(&flat)
}

/// Escapes a table cell: like [`inline`], but a line break becomes `<br>`.
pub fn cell(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape_line)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Characters that can start or end Markdown syntax anywhere in a line.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '#', '|', '[', ']', '<', '>', '&', '~', '!',
];

fn escape_line(line: &str) -> String {
    escape_line_start(&escape_chars(line.trim_start()))
}

/// Backslash-escapes every character that can be Markdown syntax, and writes
/// control characters and bidirectional overrides visibly as `\uXXXX`
/// ([`crate::plain_text::is_hidden`]), which Markdown shows as it is.
fn escape_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if crate::plain_text::is_hidden(c) {
            out.push_str(&crate::plain_text::escape_hidden(
                c.encode_utf8(&mut [0; 4]),
            ));
            continue;
        }
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what only means something at the start of a line: list markers
/// (`-`, `+`, `1.` or `1)`) and setext underlines (`=`).
fn escape_line_start(line: &str) -> String {
    let first = line.chars().next();
    match first {
        Some('-' | '+' | '=') => format!("\\{line}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            match line[digits..].chars().next() {
                Some(mark @ ('.' | ')')) => {
                    format!("{}\\{mark}{}", &line[..digits], &line[digits + 1..])
                }
                _ => line.to_owned(),
            }
        }
        _ => line.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_specials_and_line_starts() {
        assert_eq!(inline("a*b_c"), "a\\*b\\_c");
        assert_eq!(inline("# heading"), "\\# heading");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("+ item"), "\\+ item");
        assert_eq!(inline("12. item"), "12\\. item");
        assert_eq!(inline("3) item"), "3\\) item");
        assert_eq!(inline("2024 was good"), "2024 was good");
        assert_eq!(
            inline("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(inline("<script>"), "\\<script\\>");
        assert_eq!(inline("one\ntwo"), "one two");
        assert_eq!(cell("a|b\nc"), "a\\|b<br>c");
    }
}
