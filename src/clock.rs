//! Wall-clock timestamps, calendar dates and fresh ids, without a date crate.
//!
//! Timestamps are stored as RFC 3339 UTC strings (`2026-11-22T13:07:00Z`) so
//! that files stay readable and sort correctly as plain text.

// Civil-calendar arithmetic: days, months and years stay far inside the
// ranges of the types they are cast between (callers check the dates).
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]

use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// A moment in UTC, written `YYYY-MM-DDTHH:MM:SSZ`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Timestamp(pub String);

impl Timestamp {
    pub fn now() -> Self {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_unix(seconds)
    }

    pub fn from_unix(seconds: u64) -> Self {
        let days = (seconds / 86_400) as i64;
        let rest = seconds % 86_400;
        let (year, month, day) = civil_from_days(days);
        Timestamp(format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            rest / 3600,
            (rest / 60) % 60,
            rest % 60
        ))
    }

    /// The calendar date part, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        self.0.get(..10).unwrap_or(&self.0)
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    Timestamp::now().date().to_owned()
}

/// Checks a calendar date written `YYYY-MM-DD`.
pub fn is_valid_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number =
        |range: std::ops::Range<usize>| text.get(range).and_then(|s| s.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day) && year >= 1970
}

/// The order in which a teacher usually writes the day, month and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// 4/12/2026 is 4 December (most of the world).
    DayFirst,
    /// 12/4/2026 is 4 December (the United States and a few others).
    MonthFirst,
}

impl DateOrder {
    /// The order of the user's locale, read from `LC_ALL`, `LC_TIME` or `LANG`.
    pub fn from_environment() -> Self {
        Self::for_region(&locale_region(&["LC_ALL", "LC_TIME", "LANG"]))
    }

    /// The order for a locale name such as `en_US.UTF-8` or `fr_CA`.
    pub fn for_locale(locale: &str) -> Self {
        Self::for_region(region_of(locale))
    }

    fn for_region(region: &str) -> Self {
        // Regions where month/day/year is the everyday order.
        if matches!(
            region,
            "US" | "PH" | "FM" | "MH" | "PW" | "AS" | "GU" | "PR" | "UM" | "VI"
        ) {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        }
    }

    /// An example of a date in this order, for hints.
    pub fn example(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "4/12/2026",
            DateOrder::MonthFirst => "12/4/2026",
        }
    }
}

/// The region of the first locale variable of `names` that is set: `US`
/// for `en_US.UTF-8`, empty for `C`.
pub fn locale_region(names: &[&str]) -> String {
    let locale = names
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .unwrap_or_default();
    region_of(&locale).to_owned()
}

fn region_of(locale: &str) -> &str {
    locale
        .split(['.', '@'])
        .next()
        .and_then(|name| name.split(['_', '-']).nth(1))
        .unwrap_or_default()
}

/// Why a typed date was not taken, in words for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("write a date such as 2026-12-04 or {0}")]
    NotADate(&'static str),
    #[error("there is no day {day} in month {month} of {year}")]
    NoSuchDay { year: u32, month: u32, day: u32 },
    #[error("there is no month {0}")]
    NoSuchMonth(u32),
    #[error("write a year from 1970 on")]
    YearOutOfRange,
}

/// Reads a date as a person types it: ISO (`2026-12-04`, also with `/` or
/// `.`) or in the teacher's usual order (`4/12/2026`, `4.12.26`), and returns
/// it as `YYYY-MM-DD`.
pub fn parse_date(text: &str, order: DateOrder) -> Result<String, DateError> {
    let not_a_date = DateError::NotADate(order.example());
    let parts: Vec<&str> = text
        .trim()
        .split(['-', '/', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| {
            if p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| not_a_date.clone())
            } else {
                Err(not_a_date.clone())
            }
        })
        .collect::<Result<_, _>>()?;
    let [a, b, c] = numbers[..] else {
        return Err(not_a_date);
    };
    let (year, month, day) = if parts[0].len() == 4 {
        (a, b, c)
    } else if parts[2].len() == 4 || parts[2].len() == 2 {
        let year = if parts[2].len() == 2 { 2000 + c } else { c };
        match order {
            DateOrder::DayFirst => (year, b, a),
            DateOrder::MonthFirst => (year, a, b),
        }
    } else {
        return Err(not_a_date);
    };
    if !(1970..=9999).contains(&year) {
        return Err(DateError::YearOutOfRange);
    }
    if !(1..=12).contains(&month) {
        return Err(DateError::NoSuchMonth(month));
    }
    let iso = format!("{year:04}-{month:02}-{day:02}");
    if is_valid_date(&iso) {
        Ok(iso)
    } else {
        Err(DateError::NoSuchDay { year, month, day })
    }
}

/// The number of days in a month of a year.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        2 if leap => 29,
        2 => 28,
        _ => 30,
    }
}

/// The weekday of a date, 0 for Monday to 6 for Sunday.
pub fn weekday(year: i64, month: u32, day: u32) -> u32 {
    // 1970-01-01 was a Thursday (3).
    ((days_from_civil(year, month, day) + 3).rem_euclid(7)) as u32
}

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A date `YYYY-MM-DD` as words: "Friday 4 December 2026".
pub fn date_in_words(iso: &str) -> Option<String> {
    if !is_valid_date(iso) {
        return None;
    }
    let year: i64 = iso.get(0..4)?.parse().ok()?;
    let month: u32 = iso.get(5..7)?.parse().ok()?;
    let day: u32 = iso.get(8..10)?.parse().ok()?;
    Some(format!(
        "{} {day} {} {year}",
        WEEKDAY_NAMES[weekday(year, month, day) as usize],
        MONTH_NAMES[(month - 1) as usize]
    ))
}

/// Days since 1970-01-01 of a date. Howard Hinnant's algorithm.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Converts days since 1970-01-01 into (year, month, day). Howard Hinnant's algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A new id that is unique in practice: the time in milliseconds plus random bits,
/// written in lowercase base 36 so that it is short and safe in file names.
pub fn new_id(prefix: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(millis);
    let random = hasher.finish() % 36u64.pow(6);
    format!("{prefix}-{}-{:0>6}", base36(millis), base36(random))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_moments() {
        assert_eq!(Timestamp::from_unix(0).0, "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp::from_unix(951_782_400).0, "2000-02-29T00:00:00Z");
        assert_eq!(
            Timestamp::from_unix(1_795_352_820).0,
            "2026-11-22T13:07:00Z"
        );
    }

    #[test]
    fn validates_dates() {
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2023-02-29"));
        assert!(!is_valid_date("2024-13-01"));
        assert!(!is_valid_date("2024-1-01"));
        assert!(!is_valid_date("tomorrow"));
    }

    #[test]
    fn ids_are_unique_and_file_safe() {
        let a = new_id("r");
        let b = new_id("r");
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }

    #[test]
    fn reads_dates_as_people_type_them() {
        use DateOrder::*;
        assert_eq!(
            parse_date("2026-12-04", DayFirst).as_deref(),
            Ok("2026-12-04")
        );
        assert_eq!(
            parse_date(" 2026/12/4 ", MonthFirst).as_deref(),
            Ok("2026-12-04")
        );
        assert_eq!(
            parse_date("4/12/2026", DayFirst).as_deref(),
            Ok("2026-12-04")
        );
        assert_eq!(
            parse_date("12/4/2026", MonthFirst).as_deref(),
            Ok("2026-12-04")
        );
        assert_eq!(parse_date("4.12.26", DayFirst).as_deref(), Ok("2026-12-04"));
        assert_eq!(
            parse_date("31/2/2026", DayFirst),
            Err(DateError::NoSuchDay {
                year: 2026,
                month: 2,
                day: 31
            })
        );
        assert_eq!(
            parse_date("13/4/2026", MonthFirst),
            Err(DateError::NoSuchMonth(13))
        );
        assert!(parse_date("2026-12", DayFirst).is_err());
        assert!(parse_date("next friday", DayFirst).is_err());
        assert!(parse_date("1900-01-01", DayFirst).is_err());
        assert!(parse_date("", DayFirst).is_err());
    }

    #[test]
    fn knows_the_locale_order() {
        assert_eq!(DateOrder::for_locale("en_US.UTF-8"), DateOrder::MonthFirst);
        assert_eq!(DateOrder::for_locale("en_GB.UTF-8"), DateOrder::DayFirst);
        assert_eq!(DateOrder::for_locale("fr_CA"), DateOrder::DayFirst);
        assert_eq!(DateOrder::for_locale("C"), DateOrder::DayFirst);
    }

    #[test]
    fn names_weekdays() {
        assert_eq!(
            date_in_words("2026-12-04").as_deref(),
            Some("Friday 4 December 2026")
        );
        assert_eq!(
            date_in_words("1970-01-01").as_deref(),
            Some("Thursday 1 January 1970")
        );
        assert_eq!(
            date_in_words("2024-02-29").as_deref(),
            Some("Thursday 29 February 2024")
        );
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(date_in_words("2024-02-30"), None);
    }
}
