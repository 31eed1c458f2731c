//! Which ids are safe to use as file names. Reflections and coaching sessions
//! are each stored under their id, so an id must never name another place.

/// The longest reflection id accepted as a file name.
pub const MAX_REFLECTION_ID_CHARS: usize = 80;

/// Whether `id` may be used as a reflection's file name: 1 to 80 characters of
/// `a-z`, `0-9` and `-`. This rules out path separators, `..`, and hidden names.
pub fn is_valid_reflection_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_REFLECTION_ID_CHARS
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_could_escape_the_folder_are_refused() {
        for bad in [
            "",
            "../x",
            "a/b",
            "a\\b",
            "..",
            ".",
            "R-ABC",
            "a b",
            "a.json",
            "ü",
            &"a".repeat(81),
        ] {
            assert!(!is_valid_reflection_id(bad), "{bad:?} should be refused");
        }
        for good in ["r-abc-123", "a", &"a".repeat(80)] {
            assert!(is_valid_reflection_id(good), "{good:?} should be accepted");
        }
    }
}
