//! The summary as one self-contained HTML file: inline CSS, no scripts, no
//! fonts, images or anything else fetched from elsewhere, made to print well
//! on A4 and US Letter.
//!
//! Every piece of text is HTML-escaped (`& < > " '`), and a Content Security
//! Policy forbids scripts and outside requests even if something slipped through.

use super::document::{Bar, Block, Document, Line, ListItem, Quote, document};
use crate::summary::Summary;

/// The stylesheet, inlined into every file.
const CSS: &str = include_str!("../../assets/export.css");

/// Scripts, frames, fonts, images and connections are all forbidden; only the inline style may apply.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Renders the summary as a complete HTML document.
pub fn render(summary: &Summary) -> String {
    let language = if summary.header.guide_language.trim().is_empty() {
        "en"
    } else {
        summary.header.guide_language.trim()
    };
    render_document(&document(summary), language)
}

/// Any document of the export model as one self-contained HTML page.
pub fn render_document(doc: &Document, language: &str) -> String {
    let mut out = String::with_capacity(32 * 1024);
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\">\n<head>\n", escape(language)));
    out.push_str("<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
    ));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"PL Reflect\">\n");
    out.push_str(&format!(
        "<title>{} · {}</title>\n",
        escape(&doc.title),
        escape(&doc.subtitle)
    ));
    out.push_str("<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main class=\"summary\">\n");
    out.push_str("<header class=\"title\">\n");
    out.push_str(&format!(
        "<p class=\"kicker\">{}</p>\n",
        content(&doc.subtitle)
    ));
    out.push_str(&format!("<h1>{}</h1>\n", content(&doc.title)));
    out.push_str("<ul class=\"meta\">\n");
    for line in &doc.meta {
        out.push_str(&format!("<li>{}</li>\n", content(line)));
    }
    out.push_str("</ul>\n</header>\n");
    for part in &doc.parts {
        out.push_str(&format!(
            "<section class=\"part part-{0}\" id=\"{0}\">\n",
            part.id
        ));
        out.push_str(&format!("<h2>{}</h2>\n", content(&part.heading)));
        for block in &part.blocks {
            block_to(&mut out, block);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn block_to(out: &mut String, block: &Block) {
    match block {
        Block::Subheading(text) => out.push_str(&format!("<h3>{}</h3>\n", content(text))),
        Block::Paragraph(line) => out.push_str(&format!("<p>{}</p>\n", spans(line))),
        Block::Note(text) => out.push_str(&format!("<p class=\"note\">{}</p>\n", content(text))),
        Block::List { items, compact } => {
            out.push_str(if *compact {
                "<ul class=\"items compact\">\n"
            } else {
                "<ul class=\"items\">\n"
            });
            for item in items {
                list_item(out, item);
            }
            out.push_str("</ul>\n");
        }
        Block::Bars(bars) => bars_to(out, bars),
        Block::Table { header, rows } => {
            out.push_str("<table>\n<thead><tr>");
            for cell in header {
                out.push_str(&format!("<th scope=\"col\">{}</th>", content(cell)));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    out.push_str(&format!("<td>{}</td>", multiline(cell)));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Quote(quote) => quote_to(out, quote),
    }
}

fn list_item(out: &mut String, item: &ListItem) {
    out.push_str(&format!(
        "<li class=\"card\"><span class=\"main\">{}</span>",
        spans(&item.main)
    ));
    for detail in &item.details {
        out.push_str(&format!(
            "<span class=\"detail\">{}</span>",
            multiline(detail)
        ));
    }
    out.push_str("</li>\n");
}

fn bars_to(out: &mut String, bars: &[Bar]) {
    out.push_str(
        "<div class=\"bars\" role=\"list\" aria-label=\"Practices in use per component\">\n",
    );
    for bar in bars {
        // The width is a number we computed, never text from a file.
        out.push_str(&format!(
            "<div class=\"bar\" role=\"listitem\"><span class=\"bar-label\">{}</span>\
             <span class=\"bar-track\"><span class=\"bar-fill\" style=\"width: {}%\"></span></span>\
             <span class=\"bar-count\">{} of {}</span></div>\n",
            content(&bar.label),
            bar.count.percent(),
            bar.count.count,
            bar.count.total
        ));
    }
    out.push_str("</div>\n");
}

fn quote_to(out: &mut String, quote: &Quote) {
    out.push_str("<figure class=\"card quote\">\n");
    out.push_str(&format!(
        "<figcaption>{}</figcaption>\n",
        spans(&quote.about)
    ));
    if !quote.text.trim().is_empty() {
        out.push_str("<blockquote>");
        for paragraph in paragraphs(&quote.text) {
            out.push_str(&format!("<p>{}</p>", multiline(&paragraph)));
        }
        out.push_str("</blockquote>\n");
    }
    out.push_str("</figure>\n");
}

/// Splits text into paragraphs at blank lines.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

fn spans(line: &Line) -> String {
    line.iter()
        .map(|span| {
            if span.strong {
                format!("<strong>{}</strong>", content(&span.text))
            } else {
                content(&span.text)
            }
        })
        .collect()
}

/// Escaped text with its line breaks kept as `<br>`.
fn multiline(text: &str) -> String {
    text.lines().map(content).collect::<Vec<_>>().join("<br>")
}

/// Escapes text for quoted attribute values and the page title, which hold
/// text only: control characters and bidirectional overrides are replaced.
pub fn escape(text: &str) -> String {
    escape_keeping_bidi(text, false)
}

/// Escapes text for element content. Text with a bidirectional override or
/// isolate in it is wrapped in `<bdi>`, so the override ends with the text it
/// came with and cannot reorder anything around it.
pub fn content(text: &str) -> String {
    if text.contains(crate::plain_text::is_bidi_control) {
        format!("<bdi>{}</bdi>", escape_keeping_bidi(text, true))
    } else {
        escape_keeping_bidi(text, false)
    }
}

fn escape_keeping_bidi(text: &str, keep_bidi: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Kept, inside the <bdi> it was given, as a character reference: the
            // page reads the same and the file holds no invisible character.
            c if keep_bidi && crate::plain_text::is_bidi_control(c) => {
                out.push_str(&format!("&#x{:X};", u32::from(c)));
            }
            // Other control characters are not allowed in HTML text.
            c if crate::plain_text::is_hidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn blank_lines_split_paragraphs() {
        assert_eq!(
            paragraphs("a\nb\n\n\nc"),
            vec!["a\nb".to_owned(), "c".to_owned()]
        );
    }
}
