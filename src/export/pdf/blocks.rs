//! The summary's outline laid out block by block: headings, paragraphs,
//! lists, bar charts, tables and quotes, each tagged as it is drawn.

use krilla::color::rgb;
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule};
use krilla::tagging::{ListNumbering, TableHeaderScope, Tag, TagKind};

use super::layout::{Layout, Mark, Rgb, Style};
use super::structure::{Structure, heading_tag};
use super::{ACCENT, ACCENT_SOFT, BODY, INK, LEADING, LINE, MUTED, SMALL, TRACK, style};
use crate::export::document::{Bar, Block, Document, Line, ListItem, Quote};

pub(super) fn write_document(layout: &mut Layout<'_>, structure: &mut Structure, doc: &Document) {
    let left = layout.geometry.left;
    let width = layout.geometry.text_width();
    structure.element(layout, Tag::P, |layout| {
        layout.paragraph(
            &[(doc.subtitle.clone(), style(10.0, ACCENT, true))],
            left,
            width,
            LEADING,
            |_, _, _| {},
        );
    });
    layout.y += 2.0;
    structure.headings.push((
        1,
        doc.title.trim().to_owned(),
        layout.page_index(),
        layout.y,
    ));
    structure.element(layout, heading_tag(1, &doc.title), |layout| {
        layout.paragraph(
            &[(doc.title.clone(), style(22.0, INK, true))],
            left,
            width,
            1.25,
            |_, _, _| {},
        );
    });
    layout.y += 4.0;
    // The lines under the title are a list in the HTML too (teacher, dates, ...).
    structure.open(Tag::L(ListNumbering::None));
    for line in &doc.meta {
        structure.open(Tag::LI);
        structure.element(layout, Tag::LBody, |layout| {
            layout.paragraph(
                &[(line.clone(), style(SMALL, MUTED, false))],
                left,
                width,
                LEADING,
                |_, _, _| {},
            );
        });
        structure.close();
    }
    structure.close();
    layout.y += 8.0;
    let y = layout.y;
    layout.rule(left, y, width, 2.0, ACCENT_SOFT);
    layout.y += 8.0;
    for part in &doc.parts {
        structure.open(Tag::Section);
        heading(layout, structure, 2, &part.heading);
        for block in &part.blocks {
            write_block(layout, structure, block);
        }
        structure.close();
    }
}

fn heading(layout: &mut Layout<'_>, structure: &mut Structure, n: u16, text: &str) {
    let left = layout.geometry.left;
    let width = layout.geometry.text_width();
    // Keep a heading with at least a few lines of what follows.
    layout.ensure(16.0 * LEADING + 12.0 + 6.0 * BODY * LEADING);
    layout.y += 12.0;
    if !text.trim().is_empty() {
        structure
            .headings
            .push((n, text.trim().to_owned(), layout.page_index(), layout.y));
    }
    structure.element(layout, heading_tag(n, text), |layout| {
        layout.paragraph(
            &[(text.to_owned(), style(15.0, ACCENT, true))],
            left,
            width,
            1.3,
            |_, _, _| {},
        );
    });
    let y = layout.y + 1.0;
    layout.rule(left, y, width, 0.7, LINE);
    layout.y += 8.0;
}

fn spans(line: &Line, size: f32, color: Rgb) -> Vec<(String, Style)> {
    line.iter()
        .map(|span| (span.text.clone(), style(size, color, span.strong)))
        .collect()
}

fn write_block(layout: &mut Layout<'_>, structure: &mut Structure, block: &Block) {
    let left = layout.geometry.left;
    let width = layout.geometry.text_width();
    match block {
        Block::Subheading(text) => {
            layout.ensure(12.0 * LEADING + 3.0 * BODY * LEADING);
            layout.y += 6.0;
            if !text.trim().is_empty() {
                structure
                    .headings
                    .push((3, text.trim().to_owned(), layout.page_index(), layout.y));
            }
            structure.element(layout, heading_tag(3, text), |layout| {
                layout.paragraph(
                    &[(text.clone(), style(11.5, INK, true))],
                    left,
                    width,
                    1.35,
                    |_, _, _| {},
                );
            });
            layout.y += 2.0;
        }
        Block::Paragraph(line) => {
            structure.element(layout, Tag::P, |layout| {
                layout.paragraph(&spans(line, BODY, INK), left, width, LEADING, |_, _, _| {});
            });
            layout.y += 5.0;
        }
        Block::Note(text) => {
            structure.element(layout, Tag::P, |layout| {
                layout.paragraph(
                    &[(text.clone(), style(SMALL, MUTED, false))],
                    left,
                    width,
                    LEADING,
                    |_, _, _| {},
                );
            });
            layout.y += 5.0;
        }
        Block::List { items, .. } => {
            structure.open(Tag::L(ListNumbering::Disc));
            for item in items {
                list_item(layout, structure, item);
            }
            structure.close();
            layout.y += 4.0;
        }
        Block::Bars(bars) => bars_to(layout, structure, bars),
        Block::Table { header, rows } => table(layout, structure, header, rows),
        Block::Quote(quote) => quote_to(layout, structure, quote),
    }
}

fn list_item(layout: &mut Layout<'_>, structure: &mut Structure, item: &ListItem) {
    let left = layout.geometry.left;
    let indent = 12.0;
    let width = layout.geometry.text_width() - indent;
    layout.ensure(BODY * LEADING * 2.0);
    let baseline = layout.y + BODY * 0.95;
    structure.open(Tag::LI);
    structure.element(layout, Tag::Lbl, |layout| {
        layout.text_at("•", style(BODY, ACCENT, false), left + 2.0, baseline);
    });
    structure.open(Tag::LBody);
    structure.element(layout, Tag::P, |layout| {
        layout.paragraph(
            &spans(&item.main, BODY, INK),
            left + indent,
            width,
            LEADING,
            |_, _, _| {},
        );
    });
    for detail in &item.details {
        structure.element(layout, Tag::P, |layout| {
            layout.paragraph(
                &[(detail.clone(), style(SMALL, MUTED, false))],
                left + indent,
                width,
                LEADING,
                |_, _, _| {},
            );
        });
    }
    structure.close();
    structure.close();
    layout.y += 3.0;
}

/// What a bar chart shows, in words: every bar's label and numbers.
pub fn bars_alt_text(bars: &[Bar]) -> String {
    let mut text = String::from("Bar chart");
    if bars.is_empty() {
        text.push_str(" with no bars.");
        return text;
    }
    text.push_str(": ");
    let parts: Vec<String> = bars
        .iter()
        .map(|bar| {
            format!(
                "{}: {} of {} ({}%)",
                bar.label.trim(),
                bar.count.count,
                bar.count.total,
                bar.count.percent()
            )
        })
        .collect();
    text.push_str(&parts.join("; "));
    text.push('.');
    text
}

fn bars_to(layout: &mut Layout<'_>, structure: &mut Structure, bars: &[Bar]) {
    let left = layout.geometry.left;
    let width = layout.geometry.text_width();
    let label_width = 170.0;
    let count_width = 50.0;
    let track_x = left + label_width + 8.0;
    let track_width = width - label_width - count_width - 16.0;
    layout.y += 2.0;
    // One figure for the whole chart: its alternative text states every bar's
    // numbers, and a screen reader reads that instead of the drawn pieces.
    structure.open(Tag::Figure(Some(bars_alt_text(bars))));
    structure.content(layout);
    for bar in bars {
        let row = BODY * LEADING;
        layout.ensure(row * 2.0);
        let top = layout.y;
        layout.paragraph(
            &[(bar.label.clone(), style(SMALL + 0.5, INK, false))],
            left,
            label_width,
            LEADING,
            |_, _, _| {},
        );
        let bar_y = top + row / 2.0 - 4.0;
        layout.rect(track_x, bar_y, track_width, 8.0, TRACK);
        let filled = track_width * bar.count.percent() as f32 / 100.0;
        layout.rect(track_x, bar_y, filled, 8.0, ACCENT);
        let count = format!("{} of {}", bar.count.count, bar.count.total);
        let count_style = style(SMALL + 0.5, MUTED, false);
        let count_w = layout.width(&count, count_style);
        layout.text_at(
            &count,
            count_style,
            left + width - count_w,
            top + (SMALL + 0.5) * 0.95,
        );
        layout.y = layout.y.max(top + row) + 3.0;
    }
    layout.mark = Mark::Decoration;
    structure.close();
    layout.y += 4.0;
}

fn table(
    layout: &mut Layout<'_>,
    structure: &mut Structure,
    header: &[String],
    rows: &[Vec<String>],
) {
    let left = layout.geometry.left;
    let width = layout.geometry.text_width() * 0.75;
    let columns = header.len().max(1);
    let first = if columns == 1 { width } else { width * 0.6 };
    let other = if columns == 1 {
        0.0
    } else {
        (width - first) / (columns - 1) as f32
    };
    let x_of = |i: usize| {
        if i == 0 {
            left
        } else {
            left + first + other * (i - 1) as f32
        }
    };
    let width_of = |i: usize| if i == 0 { first - 8.0 } else { other - 8.0 };
    let row_to = |layout: &mut Layout<'_>,
                  structure: &mut Structure,
                  cells: &[String],
                  cell_style: Style,
                  is_header: bool| {
        layout.ensure(BODY * LEADING * 1.5);
        let top = layout.y;
        let mut bottom = top;
        structure.open(Tag::TR);
        for (i, cell) in cells.iter().enumerate().take(columns) {
            layout.y = top;
            let tag: TagKind = if is_header {
                Tag::TH(TableHeaderScope::Column).into()
            } else {
                Tag::TD.into()
            };
            structure.element(layout, tag, |layout| {
                layout.paragraph(
                    &[(cell.clone(), cell_style)],
                    x_of(i),
                    width_of(i),
                    LEADING,
                    |_, _, _| {},
                );
            });
            bottom = bottom.max(layout.y);
        }
        structure.close();
        layout.y = bottom + 2.0;
        let y = layout.y;
        layout.rule(left, y, width, 0.5, LINE);
        layout.y += 3.0;
    };
    structure.open(Tag::Table);
    structure.open(Tag::THead);
    row_to(layout, structure, header, style(SMALL, MUTED, true), true);
    structure.close();
    structure.open(Tag::TBody);
    for row in rows {
        row_to(layout, structure, row, style(BODY - 0.5, INK, false), false);
    }
    structure.close();
    structure.close();
    layout.y += 6.0;
}

fn quote_to(layout: &mut Layout<'_>, structure: &mut Structure, quote: &Quote) {
    let left = layout.geometry.left;
    let width = layout.geometry.text_width();
    layout.ensure(BODY * LEADING * 3.0);
    structure.element(layout, Tag::P, |layout| {
        layout.paragraph(
            &spans(&quote.about, BODY, INK),
            left,
            width,
            LEADING,
            |_, _, _| {},
        );
    });
    if !quote.text.trim().is_empty() {
        layout.y += 2.0;
        let indent = 12.0;
        structure.open(Tag::BlockQuote);
        structure.element(layout, Tag::P, |layout| {
            layout.paragraph(
                &[(quote.text.trim().to_owned(), style(BODY, INK, false))],
                left + indent,
                width - indent,
                LEADING,
                |layout, top, height| layout.rule(left + 2.0, top, 2.0, height, ACCENT_SOFT),
            );
        });
        structure.close();
    }
    layout.y += 8.0;
}

pub(super) fn footers(layout: &mut Layout<'_>, title: &str) {
    let total = layout.pages.len();
    let footer_style = style(8.0, MUTED, false);
    let y = layout.geometry.height - layout.geometry.bottom / 2.0;
    // The footer repeats the title and counts pages: a pagination artifact,
    // not part of what a screen reader reads.
    layout.mark = Mark::Footer;
    for index in 0..total {
        let text = format!("{title} · page {} of {total}", index + 1);
        let mut ops = Vec::new();
        std::mem::swap(&mut ops, &mut layout.pages[index]);
        // Lay the footer out on a scratch page, then move it onto page `index`.
        layout.pages.push(Vec::new());
        let width = layout.width(&text, footer_style);
        let x = (layout.geometry.width - width) / 2.0;
        layout.text_at(&text, footer_style, x, y);
        let footer = layout.pages.pop().unwrap_or_default();
        ops.extend(footer);
        layout.pages[index] = ops;
    }
    layout.mark = Mark::Decoration;
}

pub(super) fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}
