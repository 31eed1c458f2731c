//! Where a JSON Pointer's value starts in a guide's text, so that every
//! problem the validator finds can be reported as `FILE:LINE:COLUMN`, the form
//! editors jump to.
//!
//! The text has already parsed as JSON when this runs, so the scanner only
//! needs to step over values, not to check them. A pointer to a member that is
//! missing (a required field left out) resolves to the object that should
//! hold it.

use crate::text_position::line_column;

/// Line and column (from 1) of the value `pointer` names in `text`, or of its
/// nearest ancestor that exists.
pub(super) fn line_column_of(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = skip_space(bytes, 0);
    let tokens = match pointer.strip_prefix('/') {
        Some(rest) => rest.split('/').map(unescape).collect(),
        None if pointer.is_empty() => Vec::new(),
        None => return None,
    };
    for token in tokens {
        let found = match bytes.get(at)? {
            b'{' => member(bytes, at, &token),
            b'[' => token
                .parse::<usize>()
                .ok()
                .and_then(|index| element(bytes, at, index)),
            _ => None,
        };
        match found {
            Some(next) => at = next,
            None => break,
        }
    }
    Some(line_column(bytes, at))
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The start of the value of `key` in the object starting at `at`.
fn member(bytes: &[u8], at: usize, key: &str) -> Option<usize> {
    let mut at = skip_space(bytes, at + 1);
    while bytes.get(at) == Some(&b'"') {
        let key_end = string_end(bytes, at)?;
        let name: String = serde_json::from_slice(&bytes[at..key_end]).ok()?;
        at = skip_space(bytes, key_end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        let value = skip_space(bytes, at + 1);
        if name == key {
            return Some(value);
        }
        at = skip_space(bytes, value_end(bytes, value)?);
        if bytes.get(at) == Some(&b',') {
            at = skip_space(bytes, at + 1);
        }
    }
    None
}

/// The start of element `index` of the array starting at `at`.
fn element(bytes: &[u8], at: usize, index: usize) -> Option<usize> {
    let mut at = skip_space(bytes, at + 1);
    for _ in 0..index {
        if matches!(bytes.get(at), None | Some(b']')) {
            return None;
        }
        at = skip_space(bytes, value_end(bytes, at)?);
        if bytes.get(at) != Some(&b',') {
            return None;
        }
        at = skip_space(bytes, at + 1);
    }
    (!matches!(bytes.get(at), None | Some(b']'))).then_some(at)
}

/// Just past the string starting at `at` (which is a quote).
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Just past the value starting at `at`.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => string_end(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let mut i = at;
            while bytes
                .get(i)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                i += 1;
            }
            Some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::line_column_of;

    const TEXT: &str =
        "{\n  \"a\": [1, {\"b\": \"x\\\"y\"}, [true]],\n  \"c~/d\": {\n    \"e\": null\n  }\n}";

    #[test]
    fn finds_members_and_elements() {
        assert_eq!(line_column_of(TEXT, ""), Some((1, 1)));
        assert_eq!(line_column_of(TEXT, "/a"), Some((2, 8)));
        assert_eq!(line_column_of(TEXT, "/a/1/b"), Some((2, 18)));
        assert_eq!(line_column_of(TEXT, "/a/2/0"), Some((2, 28)));
        assert_eq!(line_column_of(TEXT, "/c~0~1d/e"), Some((4, 10)));
    }

    #[test]
    fn a_missing_member_points_at_the_object_that_should_hold_it() {
        assert_eq!(line_column_of(TEXT, "/c~0~1d/missing"), Some((3, 11)));
        assert_eq!(line_column_of(TEXT, "/a/9"), Some((2, 8)));
    }
}
