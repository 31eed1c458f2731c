//! Every PDF is a tagged PDF that passes krilla's PDF/UA-1 validation (made
//! with the validator on: a violation is a render error, which fails these
//! tests), read back with poppler's `pdfinfo` as a reader would: tagged, with
//! the title and language set, and a structure tree whose headings, lists,
//! tables and figures come in reading order. For the readiness summary and the
//! school-wide picture, on ordinary, hostile and very long content.
//!
//! `pdfinfo` comes from poppler-utils (`scripts/setup-deps --test`); without it
//! these tests fail and say so.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "fixtures/export/sample.rs"]
mod sample;

use std::path::Path;
use std::process::Command;

use pl_reflect::coach::aggregate;
use pl_reflect::coach::aggregate::render_pdf;
use pl_reflect::export::document::{Bar, Block, Document, document};
use pl_reflect::export::pdf::{PdfOptions, bars_alt_text, render};
use pl_reflect::guide::{Guide, parse_guide};
use pl_reflect::reflection::Reflection;
use pl_reflect::summary::{Count, Summary, summarize};

/// Text that has broken PDF writers: invisible and forbidden code points,
/// bidirectional overrides, combining marks, private use, markup.
const NASTY: &str = "Zero\u{0}width\u{FEFF}BOM \u{FFFE}\u{FFFF} rtl\u{202E}olleh\u{202C} e\u{301}\u{301} \
                     \u{E000}pua \u{200D}\u{200B} <script>alert(1)</script> %PDF-1.7 endobj ) ( \\ \t\r\n\
                     \u{1F9D1}\u{200D}\u{1F3EB} 学习 Ж";

/// What a guide may hold (guides refuse control characters and bidirectional
/// overrides) that has broken PDF writers all the same.
const NASTY_GUIDE: &str = "<script>alert(1)</script> & \"quotes\" %PDF-1.7 endobj ) ( \\ \
                           e\u{301}\u{301} \u{E000}pua \u{1F9D1}\u{200D}\u{1F3EB} 学习 Ж";

fn pdfinfo(args: &[&str], pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .args(args)
        .arg(pdf)
        .output()
        .expect("pdfinfo runs (poppler-utils; install with scripts/setup-deps --test)");
    assert!(
        out.status.success(),
        "pdfinfo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The structure tree as `pdfinfo -struct-text` prints it, one element or
/// text per line, with the PDF's basic facts.
struct Read {
    info: String,
    tree: String,
}

fn read_back(pdf: &[u8]) -> Read {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, pdf).expect("write the PDF");
    Read {
        info: pdfinfo(&[], &path),
        tree: pdfinfo(&["-struct-text"], &path),
    }
}

fn has(pdf: &[u8], needle: &str) -> bool {
    pdf.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The lines of the tree that open an element of these kinds, in order, with
/// their text, e.g. `H2 "Strengths to share"`.
fn elements<'a>(tree: &'a str, kinds: &[&str]) -> Vec<&'a str> {
    tree.lines()
        .map(str::trim)
        .filter(|line| {
            let kind = line.split([' ', ':']).next().unwrap_or("");
            kinds.contains(&kind)
        })
        .collect()
}

/// The checks every PDF passes, given the document it was made from.
fn check_tagged(pdf: &[u8], doc: &Document, expected_lang: &str) -> Read {
    let read = read_back(pdf);
    assert!(
        read.info
            .lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "not tagged:\n{}",
        read.info
    );
    assert!(
        read.info
            .lines()
            .any(|l| l.starts_with("PDF version:") && l.ends_with(" 1.7")),
        "{}",
        read.info
    );
    assert!(
        read.info
            .lines()
            .any(|l| l.starts_with("Title:") && l.len() > 20),
        "no title:\n{}",
        read.info
    );
    // The catalog's language, the PDF/UA identification and the viewer showing
    // the title rather than the file name.
    assert!(
        has(pdf, &format!("/Lang({expected_lang})")),
        "document language {expected_lang} not set"
    );
    assert!(
        has(pdf, "<pdfuaid:part>1</pdfuaid:part>"),
        "no PDF/UA-1 identification"
    );
    assert!(has(pdf, "/DisplayDocTitle true"), "DisplayDocTitle");
    assert!(has(pdf, "/Outlines"), "no outline");
    let tree = &read.tree;
    assert!(tree.starts_with("Document"), "{tree}");
    // Headings: the title first as the one H1, then each part's H2 in the
    // document's order, each opening a section.
    let headings = elements(tree, &["H1", "H2"]);
    assert!(
        headings.first().is_some_and(|h| h.starts_with("H1 ")),
        "first heading is not H1: {headings:?}"
    );
    assert_eq!(
        headings.iter().filter(|h| h.starts_with("H1 ")).count(),
        1,
        "{headings:?}"
    );
    let parts: Vec<&String> = doc
        .parts
        .iter()
        .map(|p| &p.heading)
        .filter(|h| !h.trim().is_empty())
        .collect();
    let h2: Vec<&&str> = headings.iter().filter(|h| h.starts_with("H2 ")).collect();
    assert_eq!(h2.len(), parts.len(), "{h2:?} vs {parts:?}");
    for (line, heading) in h2.iter().zip(&parts) {
        let shown: String = heading.chars().take(20).collect();
        assert!(
            line.contains(shown.trim()),
            "H2 out of order: {line} for {heading}"
        );
    }
    assert_eq!(
        elements(tree, &["Sect"]).len(),
        doc.parts.len(),
        "one section per part"
    );
    // Lists, tables and charts of the document appear as such.
    let blocks = || doc.parts.iter().flat_map(|p| &p.blocks);
    let lists = 1 + blocks()
        .filter(|b| matches!(b, Block::List { items, .. } if !items.is_empty()))
        .count();
    assert_eq!(elements(tree, &["L"]).len(), lists, "lists");
    let tables = blocks()
        .filter(|b| matches!(b, Block::Table { .. }))
        .count();
    assert_eq!(elements(tree, &["Table"]).len(), tables, "tables");
    if tables > 0 {
        assert!(tree.contains("/Scope /Column"), "header cells have a scope");
        assert!(!elements(tree, &["TH"]).is_empty() && !elements(tree, &["TD"]).is_empty());
    }
    let charts: Vec<&Vec<Bar>> = blocks()
        .filter_map(|b| match b {
            Block::Bars(bars) => Some(bars),
            _ => None,
        })
        .collect();
    assert_eq!(elements(tree, &["Figure"]).len(), charts.len(), "figures");
    // The footer ("… · page 1 of N") is an artifact: not in the structure.
    assert!(!tree.contains(" · page 1 of "), "footer in the structure");
    read
}

fn summary_of(reflection: &Reflection) -> Summary {
    summarize(
        &sample::guide(),
        reflection,
        None,
        &sample::options(true, true),
    )
}

fn long_reflection() -> Reflection {
    let sentence = "Stations give me time with the students who need me, and the others learn to lean on each other.";
    let long = sentence.repeat(120);
    let guide = sample::guide();
    let mut answers = Vec::new();
    // Every item of the guide answered, the questions at length.
    let ids: Vec<String> = serde_json::to_value(&guide)
        .ok()
        .map(|v| {
            let mut ids = Vec::new();
            collect_ids(&v, &mut ids);
            ids
        })
        .unwrap_or_default();
    for id in &ids {
        if id.starts_with("q-") {
            answers.push((id.as_str(), sample::text(&long, None)));
        } else if id.starts_with("truth-") {
            answers.push((id.as_str(), sample::affirmed(&long)));
        }
    }
    let mut reflection = sample::reflection(
        "r-long",
        &"A very long title that keeps going ".repeat(12),
        "2026-01-05T10:00:00Z",
        "2026-01-06T10:00:00Z",
        answers,
    );
    for (key, answer) in sample::spring().answers {
        reflection.answers.entry(key).or_insert(answer);
    }
    reflection
}

fn collect_ids(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(id)) = map.get("id") {
                out.push(id.clone());
            }
            map.values().for_each(|v| collect_ids(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_ids(v, out)),
        _ => {}
    }
}

fn nasty_reflection() -> Reflection {
    let mut reflection = sample::hostile();
    reflection.title = format!("{} {NASTY}", reflection.title);
    for answer in reflection.answers.values_mut() {
        answer.text = format!("{}{NASTY}", answer.text);
        answer.note = format!("{}{NASTY}", answer.note);
    }
    reflection
}

#[test]
fn the_ordinary_summary_is_a_tagged_pdf_ua_document_in_reading_order() {
    let summary = sample::summary();
    let pdf = render(&summary, &PdfOptions::default()).expect("passes PDF/UA-1 validation");
    let read = check_tagged(&pdf, &document(&summary), "en");
    let tree = &read.tree;
    // Reading order, as the HTML has it: kicker, title, the lines under it,
    // then the parts; a teacher's words inside a block quote.
    let order = [
        "readiness summary",
        "Spring check-in",
        "Ana López",
        "You already use 16 of 31 practices",
        "Strengths to share",
        "Planning for common mix-ups",
        "Maya stayed after class to show me her comic",
    ];
    // The text of the tree in order, its pieces (a line, a bold phrase) run together.
    let flat: String = tree
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('"') && l.ends_with('"') && l.len() >= 2)
        .map(|l| &l[1..l.len() - 1])
        .collect();
    let mut from = 0;
    for needle in order {
        let at = flat[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("\"{needle}\" missing or out of order in:\n{tree}"));
        from += at + needle.len();
    }
    assert!(tree.contains("BlockQuote"), "{tree}");
    assert!(tree.contains("LI") && tree.contains("Lbl") && tree.contains("LBody"));
}

#[test]
fn bar_charts_are_figures_whose_alt_text_states_the_numbers() {
    let summary = sample::summary();
    let doc = document(&summary);
    let charts: Vec<&Vec<Bar>> = doc
        .parts
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match b {
            Block::Bars(bars) => Some(bars),
            _ => None,
        })
        .collect();
    assert!(!charts.is_empty(), "the sample has a chart");
    let pdf = render(&summary, &PdfOptions::default()).expect("renders");
    for bars in charts {
        let alt = bars_alt_text(bars);
        for bar in bars {
            let numbers = format!(
                "{}: {} of {} ({}%)",
                bar.label,
                bar.count.count,
                bar.count.total,
                bar.count.percent()
            );
            assert!(alt.contains(&numbers), "{numbers} not in {alt}");
        }
        // The alt text is written, as ASCII here, on the figure element.
        assert!(alt.is_ascii(), "{alt}");
        assert!(has(&pdf, &format!("/Alt({alt})")), "no /Alt({alt})");
    }
    let alt = bars_alt_text(&[Bar {
        label: "Flexible content".to_owned(),
        count: Count { count: 3, total: 8 },
    }]);
    assert_eq!(alt, "Bar chart: Flexible content: 3 of 8 (37%).");
}

#[test]
fn hostile_text_still_makes_a_valid_tagged_pdf() {
    let summary = summary_of(&nasty_reflection());
    let pdf = render(&summary, &PdfOptions::default()).expect("passes PDF/UA-1 validation");
    let read = check_tagged(&pdf, &document(&summary), "en");
    assert!(read.tree.contains("<script>alert(1)</script>"), "text kept");
    assert!(!read.tree.contains('\u{FEFF}'), "byte-order mark drawn");
}

#[test]
fn a_very_long_summary_is_tagged_across_many_pages() {
    let summary = summary_of(&long_reflection());
    let started = std::time::Instant::now();
    let pdf = render(&summary, &PdfOptions::default()).expect("passes PDF/UA-1 validation");
    let elapsed = started.elapsed();
    let read = check_tagged(&pdf, &document(&summary), "en");
    let pages: usize = read
        .info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(pages >= 10, "only {pages} pages");
    // The answers' paragraphs run on across page breaks: one element each.
    let quotes = elements(&read.tree, &["BlockQuote"]).len();
    assert!(quotes >= 7, "{quotes} quotes");
    // Debug builds are slower; the release target is 300 ms (benches/export).
    assert!(elapsed.as_secs() < 20, "took {elapsed:?}");
}

fn guide_with(edit: impl Fn(&mut serde_json::Value)) -> Guide {
    let text = include_str!("fixtures/export/where-to-begin.json");
    let mut value: serde_json::Value = serde_json::from_str(text).expect("JSON");
    edit(&mut value);
    let text = serde_json::to_string(&value).expect("JSON");
    parse_guide("edited.json", text.as_bytes()).expect("the edited guide is valid")
}

/// Reflections by `n` teachers on `guide`, from the sample's two.
fn many(n: usize) -> Vec<Reflection> {
    (0..n)
        .map(|i| {
            let mut r = if i % 2 == 0 {
                sample::spring()
            } else {
                sample::fall()
            };
            r.id = format!("r-{i}");
            r.teacher_id = format!("t-{i}");
            r
        })
        .collect()
}

fn picture_pdf(guide: &Guide, reflections: &[Reflection]) -> (Vec<u8>, Document) {
    let refs: Vec<&Reflection> = reflections.iter().collect();
    let picture = aggregate::aggregate(guide, &refs, 5);
    let pdf = render_pdf(&picture, &guide.language, &PdfOptions::default())
        .expect("passes PDF/UA-1 validation");
    (pdf, aggregate::picture_document(&picture))
}

#[test]
fn the_school_wide_picture_is_tagged_for_ordinary_hostile_and_long_content() {
    let (pdf, doc) = picture_pdf(&sample::guide(), &many(12));
    let read = check_tagged(&pdf, &doc, "en");
    assert!(
        !elements(&read.tree, &["Table"]).is_empty(),
        "{}",
        read.tree
    );

    let hostile = guide_with(|g| {
        g["title"] = serde_json::Value::String(format!("Guide {NASTY_GUIDE}"));
        if let Some(components) = g["sections"][2]["components"].as_array_mut() {
            for c in components {
                c["title"] = serde_json::Value::String(format!("Part {NASTY_GUIDE}"));
            }
        }
    });
    let (pdf, doc) = picture_pdf(&hostile, &many(12));
    check_tagged(&pdf, &doc, "en");

    let long = guide_with(|g| {
        g["title"] = serde_json::Value::String("A guide with a very long title ".repeat(6));
        if let Some(components) = g["sections"][2]["components"].as_array_mut() {
            for c in components {
                let title = c["title"].as_str().unwrap_or("").to_owned();
                // As long as a guide allows (200 characters).
                let long: String = format!("{title} ").repeat(20).chars().take(200).collect();
                c["title"] = serde_json::Value::String(long.trim().to_owned());
            }
        }
    });
    let (pdf, doc) = picture_pdf(&long, &many(200));
    check_tagged(&pdf, &doc, "en");
}

#[test]
fn the_document_language_follows_the_guide() {
    let guide = guide_with(|g| g["language"] = serde_json::Value::String("es".to_owned()));
    let mut reflection = sample::spring();
    reflection.guide_id = guide.id.clone();
    let summary = summarize(&guide, &reflection, None, &sample::options(false, false));
    let pdf = render(&summary, &PdfOptions::default()).expect("renders");
    check_tagged(&pdf, &document(&summary), "es");
}
