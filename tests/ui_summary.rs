//! The readiness summary and its export, in the real app.
// Test code: a panic is a failed test, and style lints are for the shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::pedantic)]

mod common;

use common::{begin, click, click_starting_with, open_app, type_into, wait_for_export};
use egui_kittest::kittest::Queryable;

const PRIVATE_WORDS: &str = "Fridays are hard for me";

#[test]
fn the_summary_leads_with_what_is_already_in_use_and_exports_what_the_teacher_chose() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "Ms. Rivera");
    click_starting_with(&mut harness, "Section 2: Big questions");
    type_into(
        &mut harness,
        "Would I enjoy spending a whole day as a learner in my own class? What about just one hour?",
        PRIVATE_WORDS,
    );
    click(
        &mut harness,
        "Keep private: Would I enjoy spending a whole day as a learner in my own class? What about just one hour?",
    );
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Small-group teaching: Regular practice");
    click(&mut harness, "Station rotation: Could coach others");

    click(&mut harness, "See my summary");
    harness.get_by_label("You already use 2 of 34 practices.");
    // Could coach others: a strength to share.
    harness.get_by_label("Station rotation — Targeted instruction");

    // The summary follows edits live.
    click(&mut harness, "Back to reflecting");
    click(&mut harness, "Short whole-class teaching: Trying it");
    click(&mut harness, "See my summary");
    harness.get_by_label("You already use 3 of 34 practices.");

    click(&mut harness, "Export readiness summary…");
    // PDF first: the preview shows what the document will say, laid out.
    harness.get_by_label("Preview: what the document will say");
    harness.get_by_label_contains("private answer will be left out");

    click(&mut harness, "Markdown (for email or notes)");
    const EXACT: &str = "Preview: the file exactly as it will be saved";
    let preview = harness.get_by_label(EXACT).value().unwrap_or_default();
    assert!(preview.starts_with("# "), "the Markdown itself: {preview}");
    assert!(!preview.contains(PRIVATE_WORDS));
    click(&mut harness, "Include private answers");
    let preview = harness.get_by_label(EXACT).value().unwrap_or_default();
    assert!(
        preview.contains(PRIVATE_WORDS),
        "the preview shows exactly what will be saved"
    );
    click(&mut harness, "Save…");

    let files = wait_for_export(&mut harness, dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].extension().is_some_and(|e| e == "md"));
    let text = std::fs::read_to_string(&files[0]).expect("export readable");
    assert!(text.contains(PRIVATE_WORDS));
    assert!(text.contains("Ms. Rivera"));
    assert!(text.contains("Station rotation"));
    harness.get_by_label_contains("Summary saved to");
}

#[test]
fn an_anonymous_pdf_export_leaves_out_the_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = open_app(dir.path());
    begin(&mut harness, "Ms. Rivera");
    click_starting_with(&mut harness, "Section 3: Practices");
    click(&mut harness, "Small-group teaching: Regular practice");
    click(&mut harness, "See my summary");
    click(&mut harness, "Export readiness summary…");
    click(&mut harness, "Include my name (off: anonymous)");
    let preview = harness
        .get_by_label("Document preview")
        .value()
        .unwrap_or_default();
    assert!(preview.contains("Small-group teaching"), "{preview}");
    assert!(!preview.contains("Ms. Rivera"), "{preview}");
    click(&mut harness, "Save…");
    let files = wait_for_export(&mut harness, dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let bytes = std::fs::read(&files[0]).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
}
