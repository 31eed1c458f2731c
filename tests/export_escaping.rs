//! A teacher's text can never break an export or run as code, in any format.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "fixtures/export/sample.rs"]
mod sample;

use pl_reflect::clock::Timestamp;
use pl_reflect::export::pdf::fonts::{FallbackFonts, covers};
use pl_reflect::export::{Export, Format, PdfOptions, parse_exported, render};
use pl_reflect::summary::{Summary, summarize};

fn hostile_summary() -> Summary {
    let mut options = sample::options(true, true);
    options.teacher_name = Some("<Ana> \"O'Brien\" & co".to_owned());
    summarize(&sample::guide(), &sample::hostile(), None, &options)
}

fn export(format: Format) -> Vec<u8> {
    let summary = hostile_summary();
    let reflection = sample::hostile();
    let exported = Timestamp(sample::EXPORTED.to_owned());
    let pdf = PdfOptions::default();
    render(
        format,
        &Export {
            summary: &summary,
            reflection: &reflection,
            exported: &exported,
            pdf: &pdf,
        },
    )
    .expect("renders")
}

fn text(format: Format) -> String {
    String::from_utf8(export(format)).expect("UTF-8")
}

#[test]
fn html_escapes_everything_and_has_no_active_content() {
    let html = text(Format::Html);
    // Every tag in the file is one the exporter writes itself.
    const OURS: &[&str] = &[
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "p",
        "h1",
        "h2",
        "h3",
        "ul",
        "li",
        "section",
        "span",
        "bdi",
        "strong",
        "div",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "blockquote",
        "br",
    ];
    for (i, _) in html.match_indices('<') {
        let name: String = html[i + 1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_lowercase();
        assert!(
            OURS.contains(&name.as_str()),
            "unexpected tag <{name}> at byte {i}"
        );
    }
    let lower = html.to_lowercase();
    for forbidden in [
        "<script",
        "<img",
        "<iframe",
        "href=",
        "@import",
        "url(",
        "http-equiv=\"refresh",
    ] {
        assert!(!lower.contains(forbidden), "{forbidden} found in the HTML");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;iframe src=&quot;http://evil&quot;&gt;&lt;/iframe&gt;"));
    assert!(html.contains("&lt;Ana&gt; &quot;O&#39;Brien&quot; &amp; co"));
    assert!(html.contains("&lt;b&gt;Title&lt;/b&gt; &amp; &quot;friends&quot;"));
    assert!(html.contains("&quot;quotes&quot;, commas,<br>newlines"));
    assert!(html.contains("学习 é ñ Ж"));
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn markdown_escapes_specials_and_line_starts() {
    let md = text(Format::Markdown);
    assert!(md.contains(r"\<script\>alert(1)\</script\>"));
    assert!(md.contains(r"\| \# \* \_ \[x\](javascript:alert(1))"));
    assert!(!md.contains("[x](javascript"), "a link survived");
    assert!(md.contains(r"\<img src=x onerror=alert(1)\>"));
    assert!(md.contains(r"> \# not a heading"));
    assert!(md.contains(r"> \- not a list"));
    assert!(md.contains(r"> 1\. not a number"));
    assert!(md.contains(r"# \<b\>Title\</b\> \& "));
    assert!(md.contains("学习 é ñ Ж"));
    // No line of the teacher's text starts a heading, list or HTML block.
    for line in md.lines() {
        let body = line
            .trim_start_matches("> ")
            .trim_start_matches("  - ")
            .trim_start_matches("- ");
        assert!(!body.starts_with('<'), "raw HTML line: {line}");
    }
}

/// A small RFC 4180 reader, to read the CSV back as a spreadsheet would.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text
        .strip_prefix('\u{FEFF}')
        .expect("starts with a byte order mark");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => {
                assert!(c != '\n' && c != '\r', "bare line break outside quotes");
                cell.push(c);
            }
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "the file ends mid-row"
    );
    rows
}

#[test]
fn csv_quotes_fields_and_defuses_formulas() {
    let rows = parse_csv(&text(Format::Csv));
    let width = rows[0].len();
    assert!(
        rows.iter().all(|row| row.len() == width),
        "every row has every column"
    );
    let text_of = |id: &str| {
        let row = rows
            .iter()
            .find(|row| row[2] == id)
            .unwrap_or_else(|| panic!("row {id}"));
        row[12].clone()
    };
    assert_eq!(text_of("q-a-day-in-my-class"), "<script>alert(1)</script>");
    assert_eq!(
        text_of("q-would-they-come"),
        "\"quotes\", commas,\nnewlines"
    );
    assert_eq!(
        text_of("q-less-whole-class"),
        "'=HYPERLINK(\"http://evil\")"
    );
    assert_eq!(text_of("q-finding-answers"), "'+1");
    assert_eq!(text_of("q-own-connections"), "'-2");
    assert_eq!(text_of("q-little-impact"), "'@SUM(A1)");
    let exit = rows
        .iter()
        .find(|row| row[2] == "exit-tickets")
        .expect("row");
    assert_eq!(exit[8], "'=1+1 <img src=x onerror=alert(1)>");
    let truth = rows
        .iter()
        .find(|row| row[2] == "truth-i-care")
        .expect("row");
    assert_eq!(truth[11], "学习 é ñ Ж");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "live formula: {cell:?}"
            );
        }
    }
}

#[test]
fn json_keeps_every_string_exactly() {
    let bytes = export(Format::Json);
    let parsed = parse_exported(&bytes).expect("the export reads back");
    assert_eq!(parsed.reflection, sample::hostile());
    assert_eq!(
        parsed.teacher.expect("named").name,
        "<Ana> \"O'Brien\" & co"
    );
}

#[test]
fn pdf_holds_the_hostile_text_as_plain_text() {
    let pdf = export(Format::Pdf);
    let extracted = pdf_extract::extract_text_from_mem(&pdf).expect("the PDF parses");
    let flat: String = extracted.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "<script>alert(1)</script>",
        "=HYPERLINK(\"http://evil\")",
        "@SUM(A1)",
        "é ñ Ж",
    ] {
        assert!(
            flat.contains(needle),
            "{needle} missing from the PDF text: {flat}"
        );
    }
    if covers(&FallbackFonts::System, '学') {
        assert!(flat.contains("学习"), "CJK text missing: {flat}");
    } else {
        assert!(
            flat.contains("\u{FFFD}\u{FFFD}") || flat.contains("??"),
            "no visible replacement: {flat}"
        );
    }
}
