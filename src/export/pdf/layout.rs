//! Lays text out on pages: wrapping, font fallback per character, page breaks.
//!
//! The result is a list of pages of positioned glyph runs and rectangles, each
//! marked with what it is in the document's structure (see [`Mark`]); the
//! caller draws them with krilla and builds the tagged PDF's structure tree. Lines break at spaces, and between CJK
//! characters; a word longer than a line breaks between characters. Text is
//! not shaped (no ligatures or kerning): right for Latin, Greek, Cyrillic and
//! CJK, rough for scripts that need shaping.

use super::fonts::Fonts;

/// An sRGB color.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub color: Rgb,
    /// Drawn heavier (the embedded font has one weight; strong text gets a thin outline).
    pub strong: bool,
}

/// Something to draw on a page. Coordinates are in points from the top left;
/// `y` of a glyph run is its baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Glyphs {
        x: f32,
        y: f32,
        style: Style,
        face: usize,
        text: String,
        /// Glyph id, advance in em, byte range in `text`.
        glyphs: Vec<(u32, f32, std::ops::Range<usize>)>,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Rgb,
    },
}

/// What a drawn thing is, for the tagged PDF: real content belonging to one
/// element of the structure tree, or an artifact that assistive technology skips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Content of the structure element with this number.
    Content(usize),
    /// Purely visual: rules under headings, table lines, the quote bar.
    Decoration,
    /// The page footer (title and page number), repeated on every page.
    Footer,
}

/// One thing to draw, with its place in the structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    pub mark: Mark,
    pub op: Op,
}

/// The printable area of a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    pub fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }
}

/// One character ready to draw.
#[derive(Debug, Clone, Copy)]
struct Placed {
    c: char,
    face: usize,
    id: u32,
    advance: f32,
    style: Style,
}

/// A piece of a line: a word, a space or one CJK character.
#[derive(Debug, Clone)]
struct Piece {
    chars: Vec<Placed>,
    width: f32,
    space: bool,
}

/// Pages being filled from top to bottom.
pub struct Layout<'f> {
    pub fonts: &'f mut Fonts,
    pub geometry: Geometry,
    pub pages: Vec<Vec<Drawn>>,
    /// The top of the free space on the current page.
    pub y: f32,
    /// What everything drawn from now on is, until changed.
    pub mark: Mark,
}

impl<'f> Layout<'f> {
    pub fn new(fonts: &'f mut Fonts, geometry: Geometry) -> Self {
        Layout {
            fonts,
            geometry,
            pages: vec![Vec::new()],
            y: geometry.top,
            mark: Mark::Decoration,
        }
    }

    /// The bottom of the usable space.
    pub fn limit(&self) -> f32 {
        self.geometry.height - self.geometry.bottom
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.geometry.top;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > self.limit() && self.y > self.geometry.top {
            self.new_page();
        }
    }

    /// The page being filled (0 for the first).
    pub fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    pub fn push(&mut self, op: Op) {
        let mark = self.mark;
        self.push_marked(op, mark);
    }

    fn push_marked(&mut self, op: Op, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(Drawn { mark, op });
        }
    }

    /// A rectangle that is content (a bar of a chart), marked as the current element.
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb) {
        let mark = self.mark;
        self.rect_marked(x, y, width, height, color, mark);
    }

    /// A decorative rectangle (a rule or bar beside text): an artifact, whatever
    /// element is being written.
    pub fn rule(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb) {
        self.rect_marked(x, y, width, height, color, Mark::Decoration);
    }

    fn rect_marked(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb, mark: Mark) {
        if width > 0.0 && height > 0.0 {
            self.push_marked(
                Op::Rect {
                    x,
                    y,
                    width,
                    height,
                    color,
                },
                mark,
            );
        }
    }

    /// The width of a line of text in one style.
    pub fn width(&mut self, text: &str, style: Style) -> f32 {
        self.place(text, style)
            .iter()
            .map(|p| p.advance * style.size)
            .sum()
    }

    fn place(&mut self, text: &str, style: Style) -> Vec<Placed> {
        text.chars()
            .filter_map(|c| {
                let c = match c {
                    '\t' => ' ',
                    c if c.is_control() => return None,
                    // An invisible byte-order mark: PDF/UA forbids mapping a glyph to it.
                    '\u{FEFF}' => return None,
                    // Noncharacters, which PDF/UA forbids too: shown as unknown.
                    '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
                    c => c,
                };
                let c = self.fonts.drawable(c);
                let glyph = self.fonts.glyph(c)?;
                Some(Placed {
                    c,
                    face: glyph.face,
                    id: glyph.id,
                    advance: glyph.advance,
                    style,
                })
            })
            .collect()
    }

    /// Splits styled text into pieces that lines may break between.
    fn pieces(&mut self, spans: &[(String, Style)]) -> Vec<Piece> {
        let mut pieces: Vec<Piece> = Vec::new();
        let mut word: Vec<Placed> = Vec::new();
        let flush = |word: &mut Vec<Placed>, pieces: &mut Vec<Piece>| {
            if !word.is_empty() {
                let width = word.iter().map(|p| p.advance * p.style.size).sum();
                pieces.push(Piece {
                    chars: std::mem::take(word),
                    width,
                    space: false,
                });
            }
        };
        for (text, style) in spans {
            for placed in self.place(text, *style) {
                if placed.c.is_whitespace() {
                    flush(&mut word, &mut pieces);
                    pieces.push(Piece {
                        chars: vec![placed],
                        width: placed.advance * placed.style.size,
                        space: true,
                    });
                } else if breaks_anywhere(placed.c) {
                    flush(&mut word, &mut pieces);
                    word.push(placed);
                    flush(&mut word, &mut pieces);
                } else {
                    word.push(placed);
                }
            }
        }
        flush(&mut word, &mut pieces);
        pieces
    }

    /// Wraps styled text to `width` and returns the lines.
    fn wrap(&mut self, spans: &[(String, Style)], width: f32) -> Vec<Vec<Placed>> {
        let mut lines: Vec<Vec<Placed>> = Vec::new();
        let mut line: Vec<Placed> = Vec::new();
        let mut line_width = 0.0;
        for piece in self.pieces(spans) {
            if piece.space {
                if !line.is_empty() {
                    line.extend(piece.chars);
                    line_width += piece.width;
                }
                continue;
            }
            if line_width + piece.width > width && !line.is_empty() {
                // The space before the break stays, invisible, at the end of the
                // line, so that text extractors and copy-paste keep the words apart.
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            if piece.width > width {
                // A word longer than the line: break it between characters.
                for placed in piece.chars {
                    let w = placed.advance * placed.style.size;
                    if line_width + w > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(placed);
                    line_width += w;
                }
            } else {
                line.extend(piece.chars);
                line_width += piece.width;
            }
        }
        trim_end(&mut line);
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Writes a paragraph of styled text at `x`, wrapped to `width`, breaking
    /// across pages as needed. Line breaks in the text are kept; `leading` is
    /// the line height as a multiple of the largest size. Calls `each_line`
    /// with the top and height of every line drawn (for side bars).
    pub fn paragraph(
        &mut self,
        spans: &[(String, Style)],
        x: f32,
        width: f32,
        leading: f32,
        mut each_line: impl FnMut(&mut Self, f32, f32),
    ) {
        let size = spans.iter().map(|(_, s)| s.size).fold(0.0, f32::max);
        let height = size * leading;
        // Split at line breaks, keeping the styles of each part.
        let mut paragraphs: Vec<Vec<(String, Style)>> = vec![Vec::new()];
        for (text, style) in spans {
            for (i, part) in text.split('\n').enumerate() {
                if i > 0 {
                    paragraphs.push(Vec::new());
                }
                if let Some(last) = paragraphs.last_mut() {
                    last.push((part.trim_end_matches('\r').to_owned(), *style));
                }
            }
        }
        for paragraph in paragraphs {
            let lines = self.wrap(&paragraph, width);
            if lines.is_empty() {
                // An empty line in the text: a little space.
                self.ensure(height * 0.5);
                each_line(self, self.y, height * 0.5);
                self.y += height * 0.5;
                continue;
            }
            for line in lines {
                self.ensure(height);
                let top = self.y;
                let baseline = top + size * 0.95;
                self.line(&line, x, baseline);
                each_line(self, top, height);
                self.y += height;
            }
        }
    }

    /// Draws one line of text at `x` on the baseline `y`, returning its width.
    pub fn text_at(&mut self, text: &str, style: Style, x: f32, y: f32) -> f32 {
        let placed = self.place(text, style);
        self.line(&placed, x, y)
    }

    fn line(&mut self, line: &[Placed], x: f32, baseline: f32) -> f32 {
        let mut cursor = x;
        let mut i = 0;
        while i < line.len() {
            let first = line[i];
            let mut text = String::new();
            let mut glyphs = Vec::new();
            let start_x = cursor;
            while i < line.len() && line[i].face == first.face && line[i].style == first.style {
                let placed = line[i];
                let start = text.len();
                text.push(placed.c);
                glyphs.push((placed.id, placed.advance, start..text.len()));
                cursor += placed.advance * placed.style.size;
                i += 1;
            }
            if !text.trim().is_empty() {
                self.push(Op::Glyphs {
                    x: start_x,
                    y: baseline,
                    style: first.style,
                    face: first.face,
                    text,
                    glyphs,
                });
            }
        }
        cursor - x
    }
}

fn trim_end(line: &mut Vec<Placed>) {
    while line.last().is_some_and(|p| p.c.is_whitespace()) {
        line.pop();
    }
}

/// Characters a line may break before and after without a space: CJK ideographs,
/// kana, Hangul syllables and full-width forms.
fn breaks_anywhere(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}
