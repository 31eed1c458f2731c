//! Characters that must never reach a terminal or an export unseen: control
//! characters (which a terminal runs as commands: colours, titles, cursor
//! moves) and the bidirectional embeddings, overrides and isolates (which make
//! text read differently from how it is stored).
//!
//! Shared by the command line, every text export and guide validation, so that
//! they all agree on what counts as hidden.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` changes how the text around it is read without showing itself:
/// a C0 control other than newline and tab, DEL, a C1 control, or a
/// bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069).
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// The bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every [`is_hidden`] character written visibly as `\uXXXX`
/// (lowercase hex, four digits), the way JSON writes it; borrowed when there is
/// none, which is nearly always. Inside JSON strings the result still decodes
/// to the same text, so it is safe for JSON printed to a terminal too.
pub fn escape_hidden(text: &str) -> Cow<'_, str> {
    escape_hidden_except(text, |_| false)
}

/// Like [`escape_hidden`], but leaves the hidden characters `keep` accepts as
/// they are (CSV keeps a carriage return inside a quoted cell, for example).
pub fn escape_hidden_except(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let must_escape = |c: char| is_hidden(c) && !keep(c);
    let Some(first) = text.find(must_escape) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 12);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if must_escape(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_become_visible_and_the_rest_stays() {
        let hostile =
            "a\u{1b}]0;pwned\u{7}\u{1b}[31mRED\u{0}\u{8}\u{7f}\u{85}\u{9b}\u{202e}\u{2066}z";
        assert_eq!(
            escape_hidden(hostile),
            "a\\u001b]0;pwned\\u0007\\u001b[31mRED\\u0000\\u0008\\u007f\\u0085\\u009b\\u202e\\u2066z"
        );
        assert!(matches!(
            escape_hidden("Ana López\n\tok ✓ עברית"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            escape_hidden_except("a\rb\u{1}", |c| c == '\r'),
            "a\rb\\u0001"
        );
    }

    #[test]
    fn every_hidden_character_is_caught() {
        for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
            assert_eq!(is_hidden(c), c != '\n' && c != '\t', "{:x}", u32::from(c));
        }
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}',
        ] {
            assert!(is_hidden(c));
        }
        for c in [
            '\u{2029}', '\u{202f}', '\u{2065}', '\u{206a}', 'a', ' ', '＝',
        ] {
            assert!(!is_hidden(c), "{:x}", u32::from(c));
        }
    }

    #[test]
    fn json_with_escapes_reads_back_the_same() {
        let text = "x\u{85}\u{202e}y";
        let json = serde_json::to_string(text).unwrap();
        let shown = escape_hidden(&json);
        assert!(!shown.contains(is_hidden));
        assert_eq!(serde_json::from_str::<String>(&shown).unwrap(), text);
    }
}
