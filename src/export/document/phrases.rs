//! Small phrases the document's parts share: counts, shortened quotes, the private mark.

use crate::summary::Count;

/// "1 practice" or "3 practices".
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

pub(super) fn of(count: Count) -> String {
    format!("{} of {}", count.count, count.total)
}

/// Text of at most 280 characters, cut at a word, with "…" where it was cut.
pub(super) fn shortened(text: &str) -> String {
    const MOST: usize = 280;
    if text.chars().count() <= MOST {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MOST).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}… (in full under the teacher's own words)")
}

pub(super) fn private_mark(private: bool) -> &'static str {
    if private { " (private)" } else { "" }
}
