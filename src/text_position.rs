//! Where in a file a problem sits, for messages of the form `FILE:LINE:COLUMN`.
//! Shared by guide loading, the data store and imports.

/// Line and column (both from 1) of a byte offset in `bytes`.
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    #[allow(clippy::naive_bytecount)] // Once per error message: no crate for it.
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, before.len() - line_start + 1)
}

/// A `serde_json` error without the " at line L column C" it appends, for
/// messages that report the line and column separately.
pub fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(index) if error.line() > 0 => text[..index].to_owned(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_columns_from_one() {
        assert_eq!(line_column(b"ab\ncd", 0), (1, 1));
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_column(b"ab", 99), (1, 3));
    }

    #[test]
    fn drops_only_the_position_suffix() {
        let error = serde_json::from_str::<serde_json::Value>("{\n  oops").expect_err("invalid");
        assert_eq!(without_position(&error), "key must be a string");
    }
}
