//! Calendar days in UTC, as job closing dates and posting dates use them. No time zones: a day is the same
//! everywhere the site shows it.

use serde::{Deserialize, Serialize};
use time::{Date, Month, format_description::BorrowedFormatItem, macros::format_description};

/// A calendar day, stored as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day(pub i64);

const SECONDS_PER_DAY: i64 = 86_400;

impl Day {
    /// The day a Unix timestamp (seconds) falls on.
    pub fn from_unix(seconds: i64) -> Self {
        Self(seconds.div_euclid(SECONDS_PER_DAY))
    }

    /// The first second of the day.
    pub fn start_unix(self) -> i64 {
        self.0 * SECONDS_PER_DAY
    }

    /// The last second of the day: a job closing on this day takes applications until then.
    pub fn end_unix(self) -> i64 {
        self.start_unix() + SECONDS_PER_DAY - 1
    }

    /// The day `days` later (or earlier, when negative).
    pub fn plus(self, days: i64) -> Self {
        Self(self.0 + days)
    }

    /// Reads `YYYY-MM-DD`, as an HTML date input sends it.
    pub fn parse_iso(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        // The format would take a sign before the year; a date input never sends one.
        if !raw.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let date = Date::parse(raw, ISO).ok()?;
        Some(Self(i64::from(date.to_julian_day() - EPOCH_JULIAN_DAY)))
    }

    /// The calendar date, or `None` past the years the calendar keeps (±9999), which no checked date reaches.
    fn date(self) -> Option<Date> {
        let julian = i32::try_from(self.0.checked_add(i64::from(EPOCH_JULIAN_DAY))?).ok()?;
        Date::from_julian_day(julian).ok()
    }

    /// The year, month (1–12) and day of the month.
    pub fn civil(self) -> (i64, u32, u32) {
        let date = self
            .date()
            .unwrap_or(if self.0 < 0 { Date::MIN } else { Date::MAX });
        (
            i64::from(date.year()),
            u32::from(u8::from(date.month())),
            u32::from(date.day()),
        )
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        let (y, m, d) = self.civil();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// For people: `3 March 2027`.
    pub fn long(self) -> String {
        let (y, m, d) = self.civil();
        let month = Month::try_from(m as u8).unwrap_or(Month::January);
        format!("{d} {month} {y}")
    }
}

/// `YYYY-MM-DD`, with both month and day two digits.
const ISO: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// The Julian day of 1970-01-01, where [`Day`] counts from.
const EPOCH_JULIAN_DAY: i32 = 2_440_588;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates_round_trip() {
        assert_eq!(Day::parse_iso("1970-01-01"), Some(Day(0)));
        assert_eq!(
            Day::parse_iso("2000-02-29").map(Day::iso).as_deref(),
            Some("2000-02-29")
        );
        assert_eq!(
            Day::parse_iso("2026-11-25").map(|d| d.start_unix()),
            Some(1_795_564_800)
        );
        assert_eq!(
            Day::parse_iso("2024-02-29").map(|d| d.long()).as_deref(),
            Some("29 February 2024")
        );
        for days in (-700_000..2_900_000).step_by(997) {
            assert_eq!(Day::parse_iso(&Day(days).iso()), Some(Day(days)), "{days}");
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        for raw in [
            "2027-02-29",
            "2026-13-01",
            "2026-04-31",
            "26-01-01",
            "2026-1-1",
            "2026-01-01T00:00",
            "+2026-01-01",
            "",
            "tomorrow",
        ] {
            assert_eq!(Day::parse_iso(raw), None, "{raw}");
        }
    }

    #[test]
    fn timestamps_fall_on_their_day() {
        let day = Day::parse_iso("2026-11-25").unwrap();
        assert_eq!(Day::from_unix(day.start_unix()), day);
        assert_eq!(Day::from_unix(day.end_unix()), day);
        assert_eq!(Day::from_unix(day.end_unix() + 1), day.plus(1));
        assert_eq!(day.long(), "25 November 2026");
    }
}
