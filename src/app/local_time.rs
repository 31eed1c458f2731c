//! Times as the person reads them: in this computer's time zone.

use crate::clock::Timestamp;

/// "10:42" for today, "30 Nov 10:42" for another day, in local time. A
/// timestamp that cannot be read is shown as it is stored.
pub fn when(timestamp: &Timestamp) -> String {
    let Ok(moment) = timestamp.0.parse::<jiff::Timestamp>() else {
        return timestamp.0.clone();
    };
    let zone = jiff::tz::TimeZone::system();
    let local = moment.to_zoned(zone.clone());
    let today = jiff::Timestamp::now().to_zoned(zone).date();
    if local.date() == today {
        local.strftime("%H:%M").to_string()
    } else {
        local.strftime("%-d %b %Y %H:%M").to_string()
    }
}

/// [`when`], to the second: "10:42:07", "30 Nov 2026 10:42:07". For
/// versions saved moments apart.
pub fn when_to_the_second(timestamp: &Timestamp) -> String {
    let Ok(moment) = timestamp.0.parse::<jiff::Timestamp>() else {
        return timestamp.0.clone();
    };
    let zone = jiff::tz::TimeZone::system();
    let local = moment.to_zoned(zone.clone());
    let today = jiff::Timestamp::now().to_zoned(zone).date();
    if local.date() == today {
        local.strftime("%H:%M:%S").to_string()
    } else {
        local.strftime("%-d %b %Y %H:%M:%S").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_times_are_shown_as_stored() {
        assert_eq!(when(&Timestamp("not a time".to_owned())), "not a time");
    }

    #[test]
    fn today_reads_as_a_clock_time() {
        let text = when(&Timestamp::now());
        assert_eq!(text.len(), 5, "{text}");
        assert_eq!(text.as_bytes()[2], b':');
        assert!(when(&Timestamp::from_unix(0)).contains("1970"));
    }
}
