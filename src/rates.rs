//! Exchange rates that put every salary in one currency, the pound, so that salary bands and the order by salary
//! compare like with like. An admin keeps them, dated; they are approximate and shown as such.

use crate::{
    DomainError,
    day::Day,
    job::{Currency, Salary},
};

/// The currency every salary is compared in.
pub const BASE: Currency = Currency::Gbp;

/// Rates are kept to six decimal places.
const SCALE: i64 = 1_000_000;

/// The rates used until an admin saves some: approximate, taken on the day named.
pub const DEFAULT: &str = "2026-12-01
EUR 1.16
USD 1.32
CHF 1.08
CAD 1.84
AUD 2.02
NZD 2.25
SEK 12.6
NOK 13.9
DKK 8.65
PLN 4.95
INR 112
SGD 1.74
JPY 198
ZAR 23.5
";

/// How much of each currency a pound buys, on a given day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rates {
    as_of: Day,
    /// In millionths, for every currency but the pound, in the order of [`Currency::ALL`].
    per_pound: Vec<(Currency, i64)>,
}

impl Default for Rates {
    fn default() -> Self {
        Self::from_stored(DEFAULT).expect("the default rates are valid")
    }
}

impl Rates {
    /// Reads the rates an admin typed: the day they were taken (`YYYY-MM-DD`, not after `today`) and one line per
    /// currency, `EUR 1.16` meaning a pound buys 1.16 euros. Every currency salaries may be given in needs its
    /// rate; `#` starts a comment.
    pub fn parse(as_of: &str, lines: &str, today: Day) -> Result<Self, DomainError> {
        let as_of = Day::parse_iso(as_of).ok_or_else(|| {
            DomainError::new(
                "as_of",
                "Give the day the rates were taken, such as 2026-12-01.",
            )
        })?;
        if as_of > today {
            return Err(DomainError::new(
                "as_of",
                "The rates cannot be from a day still to come.",
            ));
        }
        let mut per_pound: Vec<(Currency, i64)> = Vec::new();
        for (number, line) in lines.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let wrong = |message: String| {
                DomainError::new("rates", format!("Line {}: {message}", number + 1))
            };
            let mut parts = line.split_whitespace();
            let (Some(code), Some(rate), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(wrong(format!(
                    "write a currency code and a rate, such as \u{201c}EUR 1.16\u{201d}, not \u{201c}{}\u{201d}.",
                    shortened(line)
                )));
            };
            let code = code.to_ascii_uppercase();
            let Some(currency) = Currency::find(&code) else {
                return Err(wrong(format!(
                    "{} is not a currency salaries are given in.",
                    shortened(&code)
                )));
            };
            if currency == BASE {
                return Err(wrong(
                    "the pound is what the others are converted to; leave it out.".to_owned(),
                ));
            }
            if per_pound.iter().any(|(seen, _)| *seen == currency) {
                return Err(wrong(format!("{code} is listed twice.")));
            }
            let Some(millionths) = millionths(rate).filter(|m| *m > 0) else {
                return Err(wrong(format!(
                    "write how much {code} a pound buys as a number above zero with at most six decimals, such as 1.16."
                )));
            };
            per_pound.push((currency, millionths));
        }
        let missing: Vec<&str> = Currency::ALL
            .iter()
            .filter(|c| **c != BASE && !per_pound.iter().any(|(seen, _)| seen == *c))
            .map(|c| c.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(DomainError::new(
                "rates",
                format!(
                    "Give a rate for every currency: {} missing.",
                    missing.join(", ")
                ),
            ));
        }
        per_pound.sort_by_key(|(currency, _)| Currency::ALL.iter().position(|c| c == currency));
        Ok(Self { as_of, per_pound })
    }

    /// Reads rates as [`Rates::to_stored`] wrote them.
    pub fn from_stored(text: &str) -> Result<Self, DomainError> {
        let (as_of, lines) = text.split_once('\n').unwrap_or((text, ""));
        Self::parse(as_of, lines, Day(i64::MAX))
    }

    /// The day first, then a line per currency.
    pub fn to_stored(&self) -> String {
        format!("{}\n{}", self.as_of.iso(), self.to_text())
    }

    /// A line per currency, as the form shows them.
    pub fn to_text(&self) -> String {
        self.per_pound
            .iter()
            .map(|(currency, rate)| format!("{} {}\n", currency.as_str(), decimal(*rate)))
            .collect()
    }

    /// The day the rates were taken.
    pub fn as_of(&self) -> Day {
        self.as_of
    }

    /// `amount` of `currency` in whole pounds, rounded.
    pub fn to_base(&self, amount: i64, currency: Currency) -> i64 {
        if currency == BASE {
            return amount;
        }
        let Some((_, rate)) = self.per_pound.iter().find(|(c, _)| *c == currency) else {
            return amount;
        };
        let pounds =
            (i128::from(amount) * i128::from(SCALE) + i128::from(*rate) / 2) / i128::from(*rate);
        i64::try_from(pounds).unwrap_or(i64::MAX)
    }

    /// The top of a salary on a yearly basis, in pounds: what salary bands and the order by salary compare.
    pub fn yearly_in_base(&self, salary: &Salary) -> Option<i64> {
        let currency = match salary {
            Salary::NotDisclosed => return None,
            Salary::Range { currency, .. } | Salary::Fixed { currency, .. } => *currency,
        };
        salary
            .yearly_max()
            .map(|yearly| self.to_base(yearly, currency))
    }
}

/// A decimal such as `1.16` in millionths, if it is one.
fn millionths(raw: &str) -> Option<i64> {
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || fraction.len() > 6
        || whole.len() > 9
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let fraction: i64 = format!("{fraction:0<6}").parse().ok()?;
    Some(whole * SCALE + fraction)
}

/// Millionths as a decimal without trailing zeros.
fn decimal(millionths: i64) -> String {
    let (whole, fraction) = (millionths / SCALE, millionths % SCALE);
    if fraction == 0 {
        return whole.to_string();
    }
    let fraction = format!("{fraction:06}");
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

/// At most 20 characters of what someone typed, for an error message.
fn shortened(text: &str) -> String {
    let mut short: String = text.chars().take(20).collect();
    if text.chars().count() > 20 {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::job::SalaryPeriod;

    fn today() -> Day {
        Day::parse_iso("2026-12-05").unwrap()
    }

    #[test]
    fn the_default_rates_cover_every_currency_and_read_back_as_written() {
        let rates = Rates::default();
        assert_eq!(rates.as_of().iso(), "2026-12-01");
        assert_eq!(Rates::from_stored(&rates.to_stored()), Ok(rates.clone()));
        assert!(rates.to_text().starts_with("EUR 1.16\nUSD 1.32\n"));
    }

    #[test]
    fn salaries_in_different_currencies_compare_in_pounds() {
        let rates = Rates::default();
        let yearly = |amount, currency, period| {
            rates.yearly_in_base(&Salary::Fixed {
                amount,
                currency,
                period,
            })
        };
        let dollars = yearly(147_000, Currency::Usd, SalaryPeriod::Year).unwrap();
        let euros = yearly(130_000, Currency::Eur, SalaryPeriod::Year).unwrap();
        let pounds = yearly(114_000, Currency::Gbp, SalaryPeriod::Year).unwrap();
        assert_eq!(dollars, 111_364);
        assert_eq!(euros, 112_069);
        assert!(pounds > euros && euros > dollars);
        // A day rate is compared over a working year.
        let day_rate = yearly(430, Currency::Usd, SalaryPeriod::Day).unwrap();
        assert_eq!(day_rate, 71_667);
        assert_eq!(rates.yearly_in_base(&Salary::NotDisclosed), None);
    }

    #[test]
    fn typed_rates_are_read_with_comments_any_case_and_any_order() {
        let text = "# taken from the bank's page\nusd 1.3\nEUR 1.2  # rounded\n";
        let rest: String = Currency::ALL
            .iter()
            .filter(|c| !matches!(c, Currency::Gbp | Currency::Usd | Currency::Eur))
            .map(|c| format!("{} 2\n", c.as_str()))
            .collect();
        let rates = Rates::parse("2026-12-04", &format!("{text}{rest}"), today()).unwrap();
        assert!(rates.to_text().starts_with("EUR 1.2\nUSD 1.3\nCHF 2\n"));
        assert_eq!(rates.to_base(130, Currency::Usd), 100);
    }

    #[test]
    fn wrong_rates_say_which_line_and_what_to_write() {
        let all_but = |left_out: &str| -> String {
            Currency::ALL
                .iter()
                .filter(|c| **c != BASE && c.as_str() != left_out)
                .map(|c| format!("{} 1.5\n", c.as_str()))
                .collect()
        };
        let error = |as_of: &str, lines: &str| Rates::parse(as_of, lines, today()).unwrap_err();
        assert_eq!(error("yesterday", &all_but("")).field, "as_of");
        assert_eq!(error("2027-01-01", &all_but("")).field, "as_of");
        let missing = error("2026-12-01", &all_but("JPY"));
        assert_eq!(
            (missing.field.as_str(), missing.message.as_str()),
            ("rates", "Give a rate for every currency: JPY missing.")
        );
        for (line, expected) in [
            ("EUR", "Line 1: write a currency code and a rate"),
            ("EUR 1,16", "Line 1: write how much EUR a pound buys"),
            ("EUR 0", "Line 1: write how much EUR a pound buys"),
            ("EUR -1", "Line 1: write how much EUR a pound buys"),
            ("EUR 1.1234567", "Line 1: write how much EUR a pound buys"),
            ("XYZ 2", "Line 1: XYZ is not a currency"),
            ("GBP 1", "Line 1: the pound is what the others"),
            ("EUR 1 2", "Line 1: write a currency code and a rate"),
        ] {
            let message = error("2026-12-01", &format!("{line}\n{}", all_but("EUR"))).message;
            assert!(message.starts_with(expected), "{line}: {message}");
        }
        let twice = error("2026-12-01", &format!("EUR 1\n{}", all_but("")));
        assert!(
            twice.message.contains("EUR is listed twice"),
            "{}",
            twice.message
        );
        // What someone typed is shortened in the message.
        let long = error("2026-12-01", &format!("{} 1", "Q".repeat(300)));
        assert!(long.message.chars().count() < 120, "{}", long.message);
    }
}
