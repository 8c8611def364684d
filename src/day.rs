//! Calendar days in UTC, as job closing dates and posting dates use them. No time zones: a day is the same
//! everywhere the site shows it.

use serde::{Deserialize, Serialize};

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
        let mut parts = raw.splitn(3, '-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        let year: i64 = year.parse().ok()?;
        let month: u32 = month.parse().ok()?;
        let day: u32 = day.parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self(days_from_civil(year, month, day)))
    }

    /// The year, month (1–12) and day of the month.
    pub fn civil(self) -> (i64, u32, u32) {
        civil_from_days(self.0)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        let (y, m, d) = self.civil();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// For people: `3 March 2027`.
    pub fn long(self) -> String {
        let (y, m, d) = self.civil();
        format!("{d} {} {y}", MONTHS[(m - 1) as usize])
    }
}

const MONTHS: [&str; 12] = [
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

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the well-known era-based algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

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
