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

mod blocks;
pub mod fonts;
mod layout;
mod structure;

use krilla::SerializeSettings;
use krilla::color::rgb;
use krilla::configure::{Configuration, ConfigurationBuilder, Validator};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag};
use krilla::text::{GlyphId, KrillaGlyph};

pub use self::blocks::bars_alt_text;
use self::blocks::{fill, footers, write_document};
use self::fonts::{FallbackFonts, Fonts};
use self::layout::{Drawn, Geometry, Layout, Mark, Op, Rgb, Style};
use self::structure::Structure;
use super::document::{Document, document};
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

/// A one-page tagged PDF with a notebook's recovery key, to print and keep
/// apart from the computer.
pub fn render_recovery_key(key: &str) -> Result<Vec<u8>, PdfError> {
    use super::document::{Block, Part, Span};
    let doc = Document {
        title: "Your recovery key".to_owned(),
        subtitle: "PL Reflect".to_owned(),
        meta: vec![format!("Printed on {}", crate::clock::today())],
        parts: vec![Part {
            id: "recovery-key",
            heading: "Keep this page safe".to_owned(),
            blocks: vec![
                Block::Paragraph(vec![Span::strong(key)]),
                Block::Paragraph(vec![Span::plain(
                    "If you forget your passphrase, this key opens your encrypted notebook: \
                     type it where PL Reflect asks for the passphrase.",
                )]),
                Block::Note(
                    "Keep it apart from the computer, where someone who finds the computer \
                     will not find it too. Anyone with this key and the computer can read \
                     the notebook."
                        .to_owned(),
                ),
            ],
        }],
    };
    let meta = PdfMeta {
        title: "Your recovery key".to_owned(),
        language: Some("en".to_owned()),
        author: None,
    };
    render_document(&doc, &meta, &PdfOptions::default())
}
