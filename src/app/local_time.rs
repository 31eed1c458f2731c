//! Times as the person reads them: in this computer's time zone.

use crate::clock::Timestamp;

/// "10:42" for today, "30 Nov 10:42" for another day, in local time. A
/// timestamp that cannot be read is shown as it is stored.
pub fn when(timestamp: &Timestamp) -> String {
    local(timestamp, "%H:%M", "%-d %b %Y %H:%M")
}

/// [`when`], to the second: "10:42:07", "30 Nov 2026 10:42:07". For
/// versions saved moments apart.
pub fn when_to_the_second(timestamp: &Timestamp) -> String {
    local(timestamp, "%H:%M:%S", "%-d %b %Y %H:%M:%S")
}

/// `timestamp` in local time, written `today` when it is today and
/// `other_day` otherwise.
fn local(timestamp: &Timestamp, today: &str, other_day: &str) -> String {
    let Ok(moment) = timestamp.0.parse::<jiff::Timestamp>() else {
        return timestamp.0.clone();
    };
    let zone = jiff::tz::TimeZone::system();
    let local = moment.to_zoned(zone.clone());
    let now = jiff::Timestamp::now().to_zoned(zone).date();
    let format = if local.date() == now {
        today
    } else {
        other_day
    };
    local.strftime(format).to_string()
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
