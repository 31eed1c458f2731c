//! Fonts for the PDF: the embedded Ubuntu Light first, then fallback fonts
//! found on the system for characters it lacks (CJK above all).
//!
//! Ubuntu Light (from egui's `epaint_default_fonts`, Ubuntu Font Licence 1.0)
//! covers Latin, Greek and Cyrillic. A CJK font is far too large to ship, so
//! fallbacks are looked for in the usual system places ([`SYSTEM_FALLBACKS`]),
//! only when a character needs one. Only the glyphs used are embedded (krilla
//! subsets every font).
//!
//! A character that no available font has is drawn as U+FFFD `�` (or `?` if
//! no font has that either), and is extracted as that character: the PDF
//! never shows an invisible gap and never fails because of a missing font.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// Fallback fonts looked for, in order, when the embedded font lacks a character:
/// broad-coverage fonts first, then CJK fonts on Debian/Ubuntu, Fedora, Arch,
/// macOS and Windows. The first face of a collection (`.ttc`) is used.
pub const SYSTEM_FALLBACKS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    // Emoji the embedded Noto Emoji lacks (🙂 and other newer ones).
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
    "/usr/share/fonts/TTF/Symbola.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\simsun.ttc",
    "C:\\Windows\\Fonts\\malgun.ttf",
    "C:\\Windows\\Fonts\\YuGothR.ttc",
];

/// Which fallback fonts the PDF may use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum FallbackFonts {
    /// Look in the usual system places ([`SYSTEM_FALLBACKS`]).
    #[default]
    System,
    /// Only these files, in order.
    Files(Vec<PathBuf>),
    /// None: only the embedded font (characters it lacks become `�`).
    None,
}

impl FallbackFonts {
    /// The fallback font files that exist, in the order they are tried.
    pub fn existing(&self) -> Vec<PathBuf> {
        let candidates: Vec<PathBuf> = match self {
            FallbackFonts::System => SYSTEM_FALLBACKS.iter().map(PathBuf::from).collect(),
            FallbackFonts::Files(files) => files.clone(),
            FallbackFonts::None => Vec::new(),
        };
        candidates
            .into_iter()
            .filter(|path| path.is_file())
            .collect()
    }
}

/// Whether `c` is drawn by the fallback fonts that `fallbacks` would find.
/// Tests use it to know whether to expect the character or the replacement.
pub fn covers(fallbacks: &FallbackFonts, c: char) -> bool {
    let mut fonts = Fonts::new(fallbacks.clone());
    fonts.glyph(c).is_some()
}

/// A glyph of one of the fonts: which font, its id, its advance in em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub face: usize,
    pub id: u32,
    pub advance: f32,
}

/// One loaded font face.
pub struct Face {
    bytes: Arc<dyn AsRef<[u8]> + Send + Sync>,
    index: u32,
    units_per_em: f32,
    pub krilla: krilla::text::Font,
}

impl Face {
    fn load(bytes: Arc<dyn AsRef<[u8]> + Send + Sync>, index: u32) -> Option<Face> {
        let font = FontRef::from_index((*bytes).as_ref(), index).ok()?;
        let units_per_em = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em
                .max(1),
        );
        let krilla = krilla::text::Font::new(krilla::Data::from(bytes.clone()), index)?;
        Some(Face {
            bytes,
            index,
            units_per_em,
            krilla,
        })
    }

    fn glyph(&self, c: char) -> Option<(u32, f32)> {
        let font = FontRef::from_index((*self.bytes).as_ref(), self.index).ok()?;
        let id = font.charmap().map(c)?;
        if id.to_u32() == 0 {
            return None;
        }
        let advance = font
            .glyph_metrics(Size::unscaled(), LocationRef::default())
            .advance_width(id)
            .unwrap_or(0.0);
        Some((id.to_u32(), advance / self.units_per_em))
    }
}

/// The embedded font plus fallbacks, loaded when first needed, with a cache of
/// which font draws each character.
pub struct Fonts {
    pub faces: Vec<Face>,
    fallbacks: FallbackFonts,
    fallbacks_loaded: bool,
    cache: HashMap<char, Option<Glyph>>,
}

impl Fonts {
    /// The embedded Ubuntu Light, with `fallbacks` to be loaded when a character needs them.
    pub fn new(fallbacks: FallbackFonts) -> Fonts {
        let embedded: Arc<dyn AsRef<[u8]> + Send + Sync> =
            Arc::new(epaint_default_fonts::UBUNTU_LIGHT);
        // Emoji teachers type (🍎 ✅ 📚), in black and white like the text.
        let emoji: Arc<dyn AsRef<[u8]> + Send + Sync> =
            Arc::new(epaint_default_fonts::NOTO_EMOJI_REGULAR);
        Fonts {
            faces: Face::load(embedded, 0)
                .into_iter()
                .chain(Face::load(emoji, 0))
                .collect(),
            fallbacks,
            fallbacks_loaded: false,
            cache: HashMap::new(),
        }
    }

    fn load_fallbacks(&mut self) {
        self.fallbacks_loaded = true;
        for path in self.fallbacks.existing() {
            if let Some(face) = read_face(&path) {
                self.faces.push(face);
            }
        }
    }

    /// The glyph that draws `c`, from the first font that has it.
    pub fn glyph(&mut self, c: char) -> Option<Glyph> {
        if let Some(found) = self.cache.get(&c) {
            return *found;
        }
        let mut found = self.find(c);
        if found.is_none() && !self.fallbacks_loaded {
            self.load_fallbacks();
            found = self.find(c);
        }
        self.cache.insert(c, found);
        found
    }

    fn find(&self, c: char) -> Option<Glyph> {
        self.faces
            .iter()
            .enumerate()
            .find_map(|(face, f)| f.glyph(c).map(|(id, advance)| Glyph { face, id, advance }))
    }

    /// `c` if some font draws it, else the replacement character: `�`, or `?`.
    pub fn drawable(&mut self, c: char) -> char {
        if self.glyph(c).is_some() {
            c
        } else if self.glyph('\u{FFFD}').is_some() {
            '\u{FFFD}'
        } else {
            '?'
        }
    }
}

fn read_face(path: &Path) -> Option<Face> {
    let bytes = std::fs::read(path).ok()?;
    Face::load(Arc::new(bytes), 0)
}
