//! Small helpers for the words people read.

/// "1 reflection", "3 reflections": the count with the right form of the noun.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// A sort key for a person's name that skips a leading title, so "Mr. Chen"
/// sorts under C and "Ms. Rivera" under R, as a person would file them.
pub fn name_sort_key(name: &str) -> String {
    const TITLES: [&str; 10] = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sr", "sra", "srta",
    ];
    let lower = name.trim().to_lowercase();
    let mut words = lower.split_whitespace();
    let first = words.next().unwrap_or_default();
    let rest: Vec<&str> = words.collect();
    if !rest.is_empty() && TITLES.contains(&first.trim_end_matches('.')) {
        rest.join(" ")
    } else {
        lower
    }
}

/// A teacher's name as shown: a coach may add a teacher without one.
pub fn teacher_name(name: &str) -> &str {
    if name.trim().is_empty() {
        "Unnamed teacher"
    } else {
        name
    }
}

/// "About 25 minutes · come back to it each term", from the guide's time and
/// cadence; `None` for a guide that does not say.
pub fn time_and_cadence(guide: &crate::guide::Guide) -> Option<String> {
    let time = guide.time.as_ref()?;
    Some(format!(
        "About {} · come back to it {}",
        plural(time.minutes as usize, "minute", "minutes"),
        time.come_back.trim()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_words() {
        assert_eq!(plural(1, "answer", "answers"), "1 answer");
        assert_eq!(plural(0, "answer", "answers"), "0 answers");
        assert_eq!(plural(2, "agenda item", "agenda items"), "2 agenda items");
    }

    #[test]
    fn titles_do_not_decide_the_order() {
        let mut names = vec!["Ms. Rivera", "Mr. Chen", "Dr Adams", "Mrs Baker", "Mr."];
        names.sort_by_key(|n| name_sort_key(n));
        assert_eq!(
            names,
            ["Dr Adams", "Mrs Baker", "Mr. Chen", "Mr.", "Ms. Rivera"]
        );
    }
}
