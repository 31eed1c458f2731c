//! The summary as a PDF, made in Rust with krilla (typst's PDF library).
//!
//! Text is real text: every font is embedded as a subset with a ToUnicode map,
//! so the PDF can be searched and copied from. The embedded font is Ubuntu Light;
//! characters it lacks come from fallback fonts on the system (see [`fonts`]),
//! and characters no font has are drawn as `�`. Long answers wrap and break
//! across pages. A4 by default, or US Letter.

pub mod fonts;
mod layout;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::text::{GlyphId, KrillaGlyph};

use self::fonts::{FallbackFonts, Fonts};
use self::layout::{Geometry, Layout, Op, Rgb, Style};
use super::document::{Bar, Block, Document, Line, ListItem, Quote, document};
use crate::summary::Summary;

/// Paper size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PageSize {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl PageSize {
    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (595.28, 841.89),
            PageSize::Letter => (612.0, 792.0),
        }
    }
}

/// How to make the PDF.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    pub page: PageSize,
    /// Where to find fonts for characters the embedded font lacks.
    pub fallback_fonts: FallbackFonts,
}

/// Why the PDF could not be made.
#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be written: {0}")]
pub struct PdfError(String);

const INK: Rgb = Rgb(0x1f, 0x2a, 0x33);
const MUTED: Rgb = Rgb(0x5b, 0x67, 0x70);
const ACCENT: Rgb = Rgb(0x2f, 0x7d, 0x6d);
const ACCENT_SOFT: Rgb = Rgb(0xd7, 0xec, 0xe6);
const LINE: Rgb = Rgb(0xd9, 0xe2, 0xe8);
const TRACK: Rgb = Rgb(0xed, 0xf2, 0xf4);

const BODY: f32 = 10.5;
const SMALL: f32 = 9.0;
const LEADING: f32 = 1.4;

fn style(size: f32, color: Rgb, strong: bool) -> Style {
    Style {
        size,
        color,
        strong,
    }
}

/// What a PDF says about itself in its metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfMeta {
    pub title: String,
    /// BCP 47 language tag, if known.
    pub language: Option<String>,
    /// `None` for an anonymous document.
    pub author: Option<String>,
}

/// Renders the summary as a PDF document.
pub fn render(summary: &Summary, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let header = &summary.header;
    let meta = PdfMeta {
        title: format!("{} · {}", header.reflection_title, header.guide_title),
        language: Some(header.guide_language.trim().to_owned()).filter(|l| !l.is_empty()),
        author: header.teacher_name.clone(),
    };
    render_document(&document(summary), &meta, options)
}

/// Renders any document of the export document model as a PDF.
pub fn render_document(
    doc: &Document,
    meta: &PdfMeta,
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let (width, height) = options.page.points();
    let geometry = Geometry {
        width,
        height,
        left: 54.0,
        right: 54.0,
        top: 54.0,
        bottom: 60.0,
    };
    let mut fonts = Fonts::new(options.fallback_fonts.clone());
    let pages = {
        let mut layout = Layout::new(&mut fonts, geometry);
        write_document(&mut layout, doc);
        footers(&mut layout, &doc.title);
        layout.pages
    };
    draw(&fonts, &pages, geometry, meta)
}

fn write_document(layout: &mut Layout<'_>, doc: &Document) {
    let left = layout.geometry.left;
    let width = layout.geometry.text_width();
    layout.paragraph(
        &[(doc.subtitle.clone(), style(10.0, ACCENT, true))],
        left,
        width,
        LEADING,
        |_, _, _| {},
    );
    layout.y += 2.0;
    layout.paragraph(
        &[(doc.title.clone(), style(22.0, INK, true))],
        left,
        width,
        1.25,
        |_, _, _| {},
    );
    layout.y += 4.0;
    for line in &doc.meta {
        layout.paragraph(
            &[(line.clone(), style(SMALL, MUTED, false))],
            left,
            width,
            LEADING,
            |_, _, _| {},
        );
    }
    layout.y += 8.0;
    let y = layout.y;
    layout.rect(left, y, width, 2.0, ACCENT_SOFT);
    layout.y += 8.0;
    for part in &doc.parts {
        heading(layout, &part.heading);
        for block in &part.blocks {
            write_block(layout, block);
        }
    }
}

fn heading(layout: &mut Layout<'_>, text: &str) {
    let left = layout.geometry.left;
    let width = layout.geometry.text_width();
    // Keep a heading with at least a few lines of what follows.
    layout.ensure(16.0 * LEADING + 12.0 + 6.0 * BODY * LEADING);
    layout.y += 12.0;
    layout.paragraph(
        &[(text.to_owned(), style(15.0, ACCENT, true))],
        left,
        width,
        1.3,
        |_, _, _| {},
    );
    let y = layout.y + 1.0;
    layout.rect(left, y, width, 0.7, LINE);
    layout.y += 8.0;
}

fn spans(line: &Line, size: f32, color: Rgb) -> Vec<(String, Style)> {
    line.iter()
        .map(|span| (span.text.clone(), style(size, color, span.strong)))
        .collect()
}

fn write_block(layout: &mut Layout<'_>, block: &Block) {
    let left = layout.geometry.left;
    let width = layout.geometry.text_width();
    match block {
        Block::Subheading(text) => {
            layout.ensure(12.0 * LEADING + 3.0 * BODY * LEADING);
            layout.y += 6.0;
            layout.paragraph(
                &[(text.clone(), style(11.5, INK, true))],
                left,
                width,
                1.35,
                |_, _, _| {},
            );
            layout.y += 2.0;
        }
        Block::Paragraph(line) => {
            layout.paragraph(&spans(line, BODY, INK), left, width, LEADING, |_, _, _| {});
            layout.y += 5.0;
        }
        Block::Note(text) => {
            layout.paragraph(
                &[(text.clone(), style(SMALL, MUTED, false))],
                left,
                width,
                LEADING,
                |_, _, _| {},
            );
            layout.y += 5.0;
        }
        Block::List { items, .. } => {
            for item in items {
                list_item(layout, item);
            }
            layout.y += 4.0;
        }
        Block::Bars(bars) => bars_to(layout, bars),
        Block::Table { header, rows } => table(layout, header, rows),
        Block::Quote(quote) => quote_to(layout, quote),
    }
}

fn list_item(layout: &mut Layout<'_>, item: &ListItem) {
    let left = layout.geometry.left;
    let indent = 12.0;
    let width = layout.geometry.text_width() - indent;
    layout.ensure(BODY * LEADING * 2.0);
    let baseline = layout.y + BODY * 0.95;
    layout.text_at("•", style(BODY, ACCENT, false), left + 2.0, baseline);
    layout.paragraph(
        &spans(&item.main, BODY, INK),
        left + indent,
        width,
        LEADING,
        |_, _, _| {},
    );
    for detail in &item.details {
        layout.paragraph(
            &[(detail.clone(), style(SMALL, MUTED, false))],
            left + indent,
            width,
            LEADING,
            |_, _, _| {},
        );
    }
    layout.y += 3.0;
}

fn bars_to(layout: &mut Layout<'_>, bars: &[Bar]) {
    let left = layout.geometry.left;
    let width = layout.geometry.text_width();
    let label_width = 170.0;
    let count_width = 50.0;
    let track_x = left + label_width + 8.0;
    let track_width = width - label_width - count_width - 16.0;
    layout.y += 2.0;
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
    layout.y += 4.0;
}

fn table(layout: &mut Layout<'_>, header: &[String], rows: &[Vec<String>]) {
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
    let row_to = |layout: &mut Layout<'_>, cells: &[String], cell_style: Style| {
        layout.ensure(BODY * LEADING * 1.5);
        let top = layout.y;
        let mut bottom = top;
        for (i, cell) in cells.iter().enumerate().take(columns) {
            layout.y = top;
            layout.paragraph(
                &[(cell.clone(), cell_style)],
                x_of(i),
                width_of(i),
                LEADING,
                |_, _, _| {},
            );
            bottom = bottom.max(layout.y);
        }
        layout.y = bottom + 2.0;
        let y = layout.y;
        layout.rect(left, y, width, 0.5, LINE);
        layout.y += 3.0;
    };
    row_to(layout, header, style(SMALL, MUTED, true));
    for row in rows {
        row_to(layout, row, style(BODY - 0.5, INK, false));
    }
    layout.y += 6.0;
}

fn quote_to(layout: &mut Layout<'_>, quote: &Quote) {
    let left = layout.geometry.left;
    let width = layout.geometry.text_width();
    layout.ensure(BODY * LEADING * 3.0);
    layout.paragraph(
        &spans(&quote.about, BODY, INK),
        left,
        width,
        LEADING,
        |_, _, _| {},
    );
    if !quote.text.trim().is_empty() {
        layout.y += 2.0;
        let indent = 12.0;
        layout.paragraph(
            &[(quote.text.trim().to_owned(), style(BODY, INK, false))],
            left + indent,
            width - indent,
            LEADING,
            |layout, top, height| layout.rect(left + 2.0, top, 2.0, height, ACCENT_SOFT),
        );
    }
    layout.y += 8.0;
}

fn footers(layout: &mut Layout<'_>, title: &str) {
    let total = layout.pages.len();
    let footer_style = style(8.0, MUTED, false);
    let y = layout.geometry.height - layout.geometry.bottom / 2.0;
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
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn draw(
    fonts: &Fonts,
    pages: &[Vec<Op>],
    geometry: Geometry,
    meta: &PdfMeta,
) -> Result<Vec<u8>, PdfError> {
    let mut document = krilla::Document::new();
    let mut metadata = Metadata::new()
        .title(meta.title.clone())
        .creator("PL Reflect".to_owned())
        .producer("PL Reflect".to_owned());
    if let Some(language) = &meta.language {
        metadata = metadata.language(language.clone());
    }
    if let Some(name) = &meta.author {
        metadata = metadata.authors(vec![name.clone()]);
    }
    document.set_metadata(metadata);
    for ops in pages {
        let settings = PageSettings::from_wh(geometry.width, geometry.height)
            .ok_or_else(|| PdfError("the page size is not valid".to_owned()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Rect {
                    x,
                    y,
                    width,
                    height,
                    color,
                } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) else {
                        continue;
                    };
                    let mut builder = PathBuilder::new();
                    builder.push_rect(rect);
                    let Some(path) = builder.finish() else {
                        continue;
                    };
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*color)));
                    surface.draw_path(&path);
                }
                Op::Glyphs {
                    x,
                    y,
                    style,
                    face,
                    text,
                    glyphs,
                } => {
                    let Some(face) = fonts.faces.get(*face) else {
                        continue;
                    };
                    let glyphs: Vec<KrillaGlyph> = glyphs
                        .iter()
                        .map(|(id, advance, range)| {
                            KrillaGlyph::new(
                                GlyphId::new(*id),
                                *advance,
                                0.0,
                                0.0,
                                0.0,
                                range.clone(),
                                None,
                            )
                        })
                        .collect();
                    surface.set_fill(Some(fill(style.color)));
                    surface.set_stroke(style.strong.then(|| Stroke {
                        paint: rgb::Color::new(style.color.0, style.color.1, style.color.2).into(),
                        width: style.size * 0.035,
                        ..Stroke::default()
                    }));
                    surface.draw_glyphs(
                        Point::from_xy(*x, *y),
                        &glyphs,
                        face.krilla.clone(),
                        text,
                        style.size,
                        false,
                    );
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|error| PdfError(format!("{error:?}")))
}
