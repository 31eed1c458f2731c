//! The summary as a PDF, made in Rust with krilla (typst's PDF library).
//!
//! Text is real text: every font is embedded as a subset with a `ToUnicode` map,
//! so the PDF can be searched and copied from. The embedded font is Ubuntu Light;
//! characters it lacks come from fallback fonts on the system (see [`fonts`]),
//! and characters no font has are drawn as `�`. Long answers wrap and break
//! across pages. A4 by default, or US Letter.
//!
//! Every PDF is a tagged PDF conforming to PDF/UA-1: a structure tree of
//! headings, paragraphs, lists and tables in reading order, the bar charts as
//! figures whose alternative text states the numbers, rules and footers as
//! artifacts, the document's language and title set, and an outline of the
//! headings. krilla's PDF/UA-1 validator runs on every PDF made, so a document
//! that does not conform is an error rather than a file that merely looks right.

pub mod fonts;
mod layout;

use std::num::NonZeroU16;

use krilla::SerializeSettings;
use krilla::color::rgb;
use krilla::configure::{Configuration, ConfigurationBuilder, Validator};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};
use krilla::text::{GlyphId, KrillaGlyph};

use self::fonts::{FallbackFonts, Fonts};
use self::layout::{Drawn, Geometry, Layout, Mark, Op, Rgb, Style};
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
    /// BCP 47 language tag, if known (English is assumed otherwise, as in the HTML).
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
    let mut structure = Structure::default();
    let pages = {
        let mut layout = Layout::new(&mut fonts, geometry);
        write_document(&mut layout, &mut structure, doc);
        footers(&mut layout, &doc.title);
        layout.pages
    };
    draw(&fonts, &pages, structure, geometry, meta)
}

/// The document's logical structure, built while it is laid out: groups (a
/// section, a list, a table cell) holding content elements, whose drawn pieces
/// are marked [`Mark::Content`] with the element's number.
#[derive(Default)]
struct Structure {
    roots: Vec<Node>,
    /// Groups opened and not yet closed, innermost last.
    open: Vec<(TagKind, Vec<Node>)>,
    contents: usize,
    /// Headings for the outline: level, text, page and top.
    headings: Vec<(u16, String, usize, f32)>,
}

enum Node {
    Group(TagKind, Vec<Node>),
    Content(usize),
}

impl Structure {
    fn add(&mut self, node: Node) {
        match self.open.last_mut() {
            Some((_, children)) => children.push(node),
            None => self.roots.push(node),
        }
    }

    fn open(&mut self, tag: impl Into<TagKind>) {
        self.open.push((tag.into(), Vec::new()));
    }

    fn close(&mut self) {
        if let Some((tag, children)) = self.open.pop() {
            self.add(Node::Group(tag, children));
        }
    }

    /// A new content element in the open group: what is drawn while `layout`
    /// carries its mark belongs to it.
    fn content(&mut self, layout: &mut Layout<'_>) {
        let id = self.contents;
        self.contents += 1;
        self.add(Node::Content(id));
        layout.mark = Mark::Content(id);
    }

    /// Writes the content of one element tagged `tag` with `write`.
    fn element(
        &mut self,
        layout: &mut Layout<'_>,
        tag: impl Into<TagKind>,
        write: impl FnOnce(&mut Layout<'_>),
    ) {
        self.open(tag);
        self.content(layout);
        write(layout);
        layout.mark = Mark::Decoration;
        self.close();
    }

    /// The krilla tag tree, with each content element replaced by the marked
    /// pieces drawn for it. Groups left empty (an empty paragraph) are dropped.
    fn tag_tree(self, mut drawn: Vec<Vec<Identifier>>, language: &str) -> TagTree {
        fn convert(
            node: Node,
            drawn: &mut [Vec<Identifier>],
            out: &mut Vec<krilla::tagging::Node>,
        ) {
            match node {
                Node::Content(id) => {
                    if let Some(ids) = drawn.get_mut(id) {
                        out.extend(std::mem::take(ids).into_iter().map(Into::into));
                    }
                }
                Node::Group(tag, children) => {
                    let mut converted = Vec::new();
                    for child in children {
                        convert(child, drawn, &mut converted);
                    }
                    if !converted.is_empty() {
                        out.push(TagGroup::with_children(tag, converted).into());
                    }
                }
            }
        }
        let mut children = Vec::new();
        for node in self.roots {
            convert(node, &mut drawn, &mut children);
        }
        TagTree::from(children).with_lang(Some(language.to_owned()))
    }

    /// The outline: the parts (level 2) with their subheadings under them.
    fn outline(&self) -> Outline {
        let mut outline = Outline::new();
        let mut part: Option<OutlineNode> = None;
        for (level, text, page, y) in &self.headings {
            let node = OutlineNode::new(
                text.clone(),
                XyzDestination::new(*page, Point::from_xy(0.0, *y)),
            );
            if *level <= 2 {
                if let Some(done) = part.take() {
                    outline.push_child(done);
                }
                part = Some(node.with_open(true));
            } else if let Some(parent) = part.as_mut() {
                parent.push_child(node);
            } else {
                outline.push_child(node);
            }
        }
        if let Some(done) = part {
            outline.push_child(done);
        }
        outline
    }
}

/// Heading level `n` (1 to 6).
fn level(n: u16) -> NonZeroU16 {
    NonZeroU16::MIN.saturating_add(n.saturating_sub(1))
}

/// A heading's tag, or a paragraph's when the text is blank: PDF/UA needs a
/// title on every heading, and a blank heading says nothing anyway.
fn heading_tag(n: u16, text: &str) -> TagKind {
    let text = text.trim();
    if text.is_empty() {
        Tag::P.into()
    } else {
        Tag::Hn(level(n), Some(text.to_owned())).into()
    }
}

fn write_document(layout: &mut Layout<'_>, structure: &mut Structure, doc: &Document) {
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

fn footers(layout: &mut Layout<'_>, title: &str) {
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

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

/// krilla's settings for a PDF/UA-1 document: tagged, with the validator on.
fn settings() -> Result<SerializeSettings, PdfError> {
    let configuration: Configuration = ConfigurationBuilder::new()
        .set_validator(Validator::Ua(krilla::configure::Accessibility::UA1))
        .finish()
        .map_err(|error| PdfError(format!("PDF/UA-1 cannot be configured: {error:?}")))?;
    Ok(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    })
}

fn draw(
    fonts: &Fonts,
    pages: &[Vec<Drawn>],
    structure: Structure,
    geometry: Geometry,
    meta: &PdfMeta,
) -> Result<Vec<u8>, PdfError> {
    let mut document = krilla::Document::new_with(settings()?);
    let language = meta.language.clone().unwrap_or_else(|| "en".to_owned());
    let mut metadata = Metadata::new()
        .title(meta.title.clone())
        .creator("PL Reflect".to_owned())
        .producer("PL Reflect".to_owned())
        .language(language.clone());
    if let Some(name) = &meta.author {
        metadata = metadata.authors(vec![name.clone()]);
    }
    document.set_metadata(metadata);
    // The pieces drawn for each content element, in drawing order (which is
    // reading order: pages top to bottom).
    let mut drawn: Vec<Vec<Identifier>> = (0..structure.contents).map(|_| Vec::new()).collect();
    for items in pages {
        let settings = PageSettings::from_wh(geometry.width, geometry.height)
            .ok_or_else(|| PdfError("the page size is not valid".to_owned()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for Drawn { mark, op } in items {
            let tag = match (mark, op) {
                (Mark::Content(_), Op::Glyphs { .. }) => ContentTag::Span(SpanTag::empty()),
                (Mark::Content(_), Op::Rect { .. }) => ContentTag::Other,
                (Mark::Decoration, _) => {
                    ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout))
                }
                (Mark::Footer, _) => {
                    ContentTag::Artifact(Artifact::with_kind(ArtifactType::Footer))
                }
            };
            let id = surface.start_tagged(tag);
            draw_op(fonts, &mut surface, op);
            surface.end_tagged();
            if let Mark::Content(element) = mark
                && let Some(ids) = drawn.get_mut(*element)
            {
                ids.push(id);
            }
        }
        surface.finish();
        page.finish();
    }
    document.set_outline(structure.outline());
    document.set_tag_tree(structure.tag_tree(drawn, &language));
    document
        .finish()
        .map_err(|error| PdfError(format!("{error:?}")))
}

fn draw_op(fonts: &Fonts, surface: &mut krilla::surface::Surface<'_>, op: &Op) {
    match op {
        Op::Rect {
            x,
            y,
            width,
            height,
            color,
        } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) else {
                return;
            };
            let mut builder = PathBuilder::new();
            builder.push_rect(rect);
            let Some(path) = builder.finish() else {
                return;
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
                return;
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
