//! The PDF: it parses, its text is real text (selectable, searchable), long
//! answers wrap and break across pages, non-Latin text renders (or shows the
//! documented replacement when no system font has it), and both paper sizes work.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

#[path = "fixtures/export/sample.rs"]
mod sample;

use pl_reflect::export::pdf::fonts::{FallbackFonts, covers};
use pl_reflect::export::pdf::{PageSize, PdfOptions, render};
use pl_reflect::summary::summarize;

fn long_answer() -> String {
    let sentence = "Stations give me time with the students who need me, and the others learn to lean on each other.";
    let mut text = String::from("BEGINLONG ");
    for i in 0..160 {
        text.push_str(&format!("{sentence} ({i}) "));
        if i % 20 == 19 {
            text.push_str("\n\n");
        }
    }
    text.push_str("ENDLONG");
    text
}

fn pdf_with(answers: Vec<(&str, pl_reflect::reflection::Answer)>, options: &PdfOptions) -> Vec<u8> {
    let reflection = sample::reflection(
        "r-pdf",
        "PDF test",
        "2026-01-05T10:00:00Z",
        "2026-01-06T10:00:00Z",
        answers,
    );
    let summary = summarize(
        &sample::guide(),
        &reflection,
        None,
        &sample::options(false, false),
    );
    render(&summary, options).expect("the PDF renders")
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_sample_pdf_parses_and_its_text_holds_the_answers() {
    let pdf = render(&sample::summary(), &PdfOptions::default()).expect("renders");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = words(&pdf_extract::extract_text_from_mem(&pdf).expect("parses"));
    for needle in [
        "Spring check-in",
        "Ana López",
        "You already use 16 of 31 practices",
        "Strengths to share",
        "Planning for common mix-ups",
        "Maya stayed after class to show me her comic, and I made time for it.",
        "The weekly packet. Nobody reads my comments on it;",
        "A skills chart in each math folder",
        "2 private answers are not included",
    ] {
        assert!(text.contains(needle), "\"{needle}\" missing from: {text}");
    }
}

#[test]
fn a_long_answer_wraps_and_breaks_across_pages() {
    let answer = long_answer();
    let pdf = pdf_with(
        vec![("q-little-impact", sample::text(&answer, None))],
        &PdfOptions::default(),
    );
    let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).expect("parses");
    let begin = pages
        .iter()
        .position(|p| p.contains("BEGINLONG"))
        .expect("start of the answer");
    let end = pages
        .iter()
        .position(|p| p.contains("ENDLONG"))
        .expect("end of the answer");
    assert!(
        end > begin,
        "the answer should run over a page break (pages {begin} and {end})"
    );
    // Every sentence made it, in order, across the breaks.
    let all = words(&pages.join(" "));
    for i in [0, 57, 100, 159] {
        assert!(
            all.contains(&format!("on each other. ({i})")),
            "sentence {i} missing"
        );
    }
    // About 16,000 characters fill three or more pages only if wrapped into lines:
    // unwrapped, each paragraph would be one line running off the page.
    assert!(
        end - begin >= 2,
        "the answer spans pages {begin} to {end} only"
    );
}

#[test]
fn non_latin_text_renders_with_a_system_font_or_the_documented_replacement() {
    let answer = "学习 é ñ Ж — 我们一起学习。";
    let answers = || vec![("q-little-impact", sample::text(answer, None))];
    let with_system = pdf_with(answers(), &PdfOptions::default());
    let text = words(&pdf_extract::extract_text_from_mem(&with_system).expect("parses"));
    assert!(text.contains("é ñ Ж"), "{text}");
    if covers(&FallbackFonts::System, '学') {
        assert!(
            text.contains("学习"),
            "CJK missing though a system font has it: {text}"
        );
        assert!(text.contains("我们一起学习"), "{text}");
    } else {
        assert!(
            text.contains("\u{FFFD}\u{FFFD}"),
            "no visible replacement: {text}"
        );
    }
    // With no fallback font at all, CJK becomes the replacement character and nothing fails.
    let bare = PdfOptions {
        fallback_fonts: FallbackFonts::None,
        ..PdfOptions::default()
    };
    let without = pdf_with(answers(), &bare);
    let text = words(&pdf_extract::extract_text_from_mem(&without).expect("parses"));
    assert!(text.contains("é ñ Ж"), "{text}");
    assert!(!text.contains('学'), "{text}");
    assert!(text.contains('?') || text.contains('\u{FFFD}'), "{text}");
}

#[test]
fn letter_and_a4_pages_have_their_sizes() {
    let a4 = pdf_with(vec![], &PdfOptions::default());
    let letter = pdf_with(
        vec![],
        &PdfOptions {
            page: PageSize::Letter,
            ..PdfOptions::default()
        },
    );
    let has = |pdf: &[u8], needle: &str| pdf.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(has(&a4, "/MediaBox[0 0 595.28 841.89]"), "A4 media box");
    assert!(has(&letter, "/MediaBox[0 0 612 792]"), "Letter media box");
}

#[test]
fn fonts_are_embedded_subsets_with_a_unicode_map() {
    let pdf = render(&sample::summary(), &PdfOptions::default()).expect("renders");
    let has = |needle: &str| pdf.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(
        has("/FontFile2") || has("/FontFile3"),
        "the font is embedded"
    );
    assert!(has("/ToUnicode"), "text maps back to Unicode");
    assert!(has("+Ubuntu-Light"), "a subset of Ubuntu Light");
}

#[test]
fn emoji_a_teacher_types_are_drawn_in_the_pdf() {
    let answer = "Apples for all 🍎 ✅ 📚 ❤ and smiles 🙂";
    let answers = || vec![("q-little-impact", sample::text(answer, None))];
    // The bundled emoji font draws most of them, with no system font at all.
    let bare = PdfOptions {
        fallback_fonts: FallbackFonts::None,
        ..PdfOptions::default()
    };
    let pdf = pdf_with(answers(), &bare);
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("parses");
    for emoji in ['🍎', '✅', '📚', '❤'] {
        assert!(text.contains(emoji), "{emoji} missing: {text}");
    }
    // 🙂 comes from a system font (Symbola, installed by setup-deps) when there is one.
    let pdf = pdf_with(answers(), &PdfOptions::default());
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("parses");
    if covers(&FallbackFonts::System, '🙂') {
        assert!(text.contains('🙂'), "{text}");
    } else {
        assert!(text.contains('\u{FFFD}'), "{text}");
    }
}

#[test]
fn the_recovery_key_page_holds_the_key_and_says_how_to_use_it() {
    let key = "K7QM-2XWD-9PLA-ZR4T-HB6N-3VCE";
    let pdf = pl_reflect::export::pdf::render_recovery_key(key).expect("validates as PDF/UA");
    assert!(pdf.starts_with(b"%PDF"));
    let text = words(&pdf_extract::extract_text_from_mem(&pdf).expect("parses"));
    assert!(text.contains(key), "{text}");
    assert!(text.contains("If you forget your passphrase"), "{text}");
}
