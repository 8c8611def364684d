//! The values a job posting is made of, checked the same way in the browser and on the server, and the
//! schema.org `JobPosting` data search engines read, built so that an invalid posting cannot be expressed.

use serde::{Deserialize, Serialize};

use crate::{
    DomainError, Email, FieldErrors, Sector,
    company::{WebUrl, collapse_whitespace, parse_markdown_text, parse_place},
    day::Day,
};

/// How far ahead a closing date may be.
pub const MAX_OPEN_DAYS: i64 = 120;
/// At most this many places per job.
pub const MAX_LOCATIONS: usize = 5;
/// At most this many countries or regions a remote job may name.
pub const MAX_ELIGIBLE_AREAS: usize = 12;
/// The longest description accepted, in characters of Markdown.
pub const DESCRIPTION_MAX_CHARS: usize = 20_000;

/// Defines a closed set of choices stored and sent as short strings, with the words people read.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident, $field:literal, $missing:literal { $($variant:ident = $value:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored value, also used in forms and URLs.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $value),+ }
            }

            /// What people read.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The choice with this stored value.
            pub fn find(raw: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.as_str() == raw.trim())
            }

            /// Checks a submitted choice.
            pub fn parse(raw: &str) -> Result<Self, DomainError> {
                Self::find(raw).ok_or_else(|| DomainError::new($field, $missing))
            }
        }
    };
}

choices! {
    /// The kind of contract.
    EmploymentType, "employment_type", "Choose the type of employment." {
        FullTime = "full-time", "Full-time";
        PartTime = "part-time", "Part-time";
        Contract = "contract", "Contract";
        Temporary = "temporary", "Temporary";
        Internship = "internship", "Internship";
    }
}

impl EmploymentType {
    /// The schema.org `employmentType` value.
    pub fn schema(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "FULL_TIME",
            EmploymentType::PartTime => "PART_TIME",
            EmploymentType::Contract => "CONTRACTOR",
            EmploymentType::Temporary => "TEMPORARY",
            EmploymentType::Internship => "INTERN",
        }
    }
}

choices! {
    /// How senior the role is.
    Seniority, "seniority", "Choose the seniority of the role." {
        Entry = "entry", "Entry level";
        Mid = "mid", "Mid level";
        Senior = "senior", "Senior";
        Lead = "lead", "Lead or principal";
        Director = "director", "Director";
        Executive = "executive", "Executive";
    }
}

choices! {
    /// Where the work is done, without the remote eligibility that goes with remote work.
    WorkplaceKind, "workplace", "Choose where the work is done." {
        OnSite = "on-site", "On-site";
        Hybrid = "hybrid", "Hybrid";
        Remote = "remote", "Remote";
    }
}

choices! {
    /// What a salary figure is paid per.
    SalaryPeriod, "salary_period", "Choose what the salary is paid per." {
        Year = "year", "a year";
        Month = "month", "a month";
        Day = "day", "a day";
        Hour = "hour", "an hour";
    }
}

impl SalaryPeriod {
    /// The schema.org `unitText` value.
    pub fn schema(self) -> &'static str {
        match self {
            SalaryPeriod::Year => "YEAR",
            SalaryPeriod::Month => "MONTH",
            SalaryPeriod::Day => "DAY",
            SalaryPeriod::Hour => "HOUR",
        }
    }

    /// Roughly how many of these periods a full-time year has, to compare salaries across periods.
    pub fn per_year(self) -> i64 {
        match self {
            SalaryPeriod::Year => 1,
            SalaryPeriod::Month => 12,
            SalaryPeriod::Day => 220,
            SalaryPeriod::Hour => 1_760,
        }
    }
}

choices! {
    /// The currencies salaries may be given in (ISO 4217).
    Currency, "salary_currency", "Choose a currency from the list." {
        Gbp = "GBP", "£";
        Eur = "EUR", "€";
        Usd = "USD", "US$";
        Chf = "CHF", "CHF ";
        Cad = "CAD", "CA$";
        Aud = "AUD", "A$";
        Nzd = "NZD", "NZ$";
        Sek = "SEK", "SEK ";
        Nok = "NOK", "NOK ";
        Dkk = "DKK", "DKK ";
        Pln = "PLN", "PLN ";
        Inr = "INR", "₹";
        Sgd = "SGD", "S$";
        Jpy = "JPY", "¥";
        Zar = "ZAR", "R";
    }
}

/// Salary bands the search filters by, on the yearly equivalent of the top of the range in pounds (see
/// [`crate::rates`]).
pub const SALARY_BANDS: &[(&str, &str, i64, i64)] = &[
    ("under-30k", "Under £30,000", 0, 30_000),
    ("30k-50k", "£30,000 to £50,000", 30_000, 50_000),
    ("50k-80k", "£50,000 to £80,000", 50_000, 80_000),
    ("80k-120k", "£80,000 to £120,000", 80_000, 120_000),
    ("120k-plus", "£120,000 or more", 120_000, i64::MAX),
];

/// The band a yearly salary falls in.
pub fn salary_band(yearly: i64) -> &'static str {
    SALARY_BANDS
        .iter()
        .find(|(_, _, low, high)| yearly >= *low && yearly < *high)
        .map_or("120k-plus", |(key, ..)| key)
}

/// What the job pays, or that the company does not say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Salary {
    NotDisclosed,
    /// A range; `min` is below `max`.
    Range {
        min: i64,
        max: i64,
        currency: Currency,
        period: SalaryPeriod,
    },
    Fixed {
        amount: i64,
        currency: Currency,
        period: SalaryPeriod,
    },
}

impl Salary {
    /// The largest figure on a yearly basis, for sorting and salary bands.
    pub fn yearly_max(&self) -> Option<i64> {
        match self {
            Salary::NotDisclosed => None,
            Salary::Range { max, period, .. } => Some(max * period.per_year()),
            Salary::Fixed { amount, period, .. } => Some(amount * period.per_year()),
        }
    }

    /// For people: `£45,000–£55,000 a year`, `€30 an hour`, `Salary not disclosed`.
    pub fn text(&self) -> String {
        match self {
            Salary::NotDisclosed => "Salary not disclosed".to_owned(),
            Salary::Range {
                min,
                max,
                currency,
                period,
            } => format!(
                "{c}{}–{c}{} {}",
                thousands(*min),
                thousands(*max),
                period.label(),
                c = currency.label()
            ),
            Salary::Fixed {
                amount,
                currency,
                period,
            } => format!(
                "{}{} {}",
                currency.label(),
                thousands(*amount),
                period.label()
            ),
        }
    }
}

/// `45000` as `45,000`.
pub fn thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// One place a job is based.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationInput {
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub country: String,
}

/// A checked place: city and country required, region optional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobLocation {
    pub city: String,
    pub region: String,
    pub country: String,
}

impl JobLocation {
    /// `City, Region, Country`, leaving out an empty region.
    pub fn text(&self) -> String {
        if self.region.is_empty() {
            format!("{}, {}", self.city, self.country)
        } else {
            format!("{}, {}, {}", self.city, self.region, self.country)
        }
    }
}

/// The countries or regions applicants to a remote job may live in: never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eligibility(Vec<String>);

impl Eligibility {
    /// A list of areas, or `None` when it is empty.
    pub fn new(areas: Vec<String>) -> Option<Self> {
        (!areas.is_empty()).then_some(Self(areas))
    }

    pub fn areas(&self) -> &[String] {
        &self.0
    }
}

/// Where the work is done. Remote work always says who may apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Workplace {
    OnSite,
    Hybrid,
    Remote(Eligibility),
}

impl Workplace {
    pub fn kind(&self) -> WorkplaceKind {
        match self {
            Workplace::OnSite => WorkplaceKind::OnSite,
            Workplace::Hybrid => WorkplaceKind::Hybrid,
            Workplace::Remote(_) => WorkplaceKind::Remote,
        }
    }
}

/// Where applications go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplyTarget {
    Url(WebUrl),
    Email(Email),
}

impl ApplyTarget {
    /// An address with `@` and no scheme is an email address; anything else must be a web address.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(DomainError::new(
                "apply",
                "Enter the web address of the application form, or the email address applications go to.",
            ));
        }
        if raw.contains('@') && !raw.contains("://") {
            let address = raw.strip_prefix("mailto:").unwrap_or(raw);
            return Email::parse_field("apply", address).map(ApplyTarget::Email);
        }
        WebUrl::parse("apply", raw).map(ApplyTarget::Url)
    }

    /// The stored form: the web address, or the email address.
    pub fn as_str(&self) -> &str {
        match self {
            ApplyTarget::Url(url) => url.as_str(),
            ApplyTarget::Email(email) => email.as_str(),
        }
    }

    /// Where the apply button leads.
    pub fn href(&self) -> String {
        match self {
            ApplyTarget::Url(url) => url.as_str().to_owned(),
            ApplyTarget::Email(email) => format!("mailto:{}", email.as_str()),
        }
    }
}

/// The job form as typed, before any checks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobInput {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub employment_type: String,
    #[serde(default)]
    pub seniority: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub locations: Vec<LocationInput>,
    #[serde(default)]
    pub workplace: String,
    /// Countries or regions, separated by commas or lines.
    #[serde(default)]
    pub remote_eligibility: String,
    /// `range`, `fixed` or `hidden`.
    #[serde(default)]
    pub salary_kind: String,
    #[serde(default)]
    pub salary_min: String,
    #[serde(default)]
    pub salary_max: String,
    #[serde(default)]
    pub salary_currency: String,
    #[serde(default)]
    pub salary_period: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub closes_on: String,
    /// A web address or an email address.
    #[serde(default)]
    pub apply: String,
}

/// A job whose every field passed its checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobPosting {
    pub title: String,
    /// Markdown as written.
    pub description: String,
    pub employment_type: EmploymentType,
    pub seniority: Seniority,
    pub sector: Sector,
    pub locations: Vec<JobLocation>,
    pub workplace: Workplace,
    pub salary: Salary,
    pub closes_on: Day,
    pub apply: ApplyTarget,
}

/// A job title: 3 to 120 characters on one line.
pub fn parse_title(raw: &str) -> Result<String, DomainError> {
    let title = collapse_whitespace(raw);
    let length = title.chars().count();
    if length == 0 {
        return Err(DomainError::new("title", "Enter the job title."));
    }
    if !(3..=120).contains(&length) || title.chars().any(char::is_control) {
        return Err(DomainError::new(
            "title",
            format!("The title must be 3 to 120 characters; this one has {length}."),
        ));
    }
    Ok(title)
}

fn parse_job_description(raw: &str) -> Result<String, DomainError> {
    parse_markdown_text(
        raw,
        50..=DESCRIPTION_MAX_CHARS,
        "Describe the role: what the person will do and what they need.",
        "Write at least a few sentences (50 characters or more) about the role.",
    )
}

fn parse_locations(inputs: &[LocationInput]) -> Result<Vec<JobLocation>, DomainError> {
    let mut locations = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        let filled = [&input.city, &input.region, &input.country]
            .iter()
            .any(|v| !v.trim().is_empty());
        if !filled {
            continue;
        }
        let row = index + 1;
        let city = parse_place("locations", "city", &input.city)
            .map_err(|e| DomainError::new("locations", format!("Place {row}: {}", e.message)))?;
        let country = parse_place("locations", "country", &input.country)
            .map_err(|e| DomainError::new("locations", format!("Place {row}: {}", e.message)))?;
        let region = collapse_whitespace(&input.region);
        if region.chars().count() > 60 || region.chars().any(char::is_control) {
            return Err(DomainError::new(
                "locations",
                format!("Place {row}: keep the region to 60 characters."),
            ));
        }
        let location = JobLocation {
            city,
            region,
            country,
        };
        if !locations.contains(&location) {
            locations.push(location);
        }
    }
    if locations.is_empty() {
        return Err(DomainError::new(
            "locations",
            "Enter at least one place: the city and country the job is based in, or the office of a remote team.",
        ));
    }
    if locations.len() > MAX_LOCATIONS {
        return Err(DomainError::new(
            "locations",
            format!("List at most {MAX_LOCATIONS} places."),
        ));
    }
    Ok(locations)
}

fn parse_workplace(kind: &str, eligibility: &str) -> Result<Workplace, DomainError> {
    let kind = WorkplaceKind::parse(kind)?;
    if kind != WorkplaceKind::Remote {
        return Ok(match kind {
            WorkplaceKind::OnSite => Workplace::OnSite,
            _ => Workplace::Hybrid,
        });
    }
    let mut areas: Vec<String> = Vec::new();
    for area in eligibility
        .split([',', '\n', ';'])
        .map(collapse_whitespace)
        .filter(|a| !a.is_empty())
    {
        if !(2..=60).contains(&area.chars().count()) || area.chars().any(char::is_control) {
            return Err(DomainError::new(
                "remote_eligibility",
                "Name each country or region in 2 to 60 characters, separated by commas.",
            ));
        }
        if !areas.iter().any(|a| a.eq_ignore_ascii_case(&area)) {
            areas.push(area);
        }
    }
    if areas.len() > MAX_ELIGIBLE_AREAS {
        return Err(DomainError::new(
            "remote_eligibility",
            format!("Name at most {MAX_ELIGIBLE_AREAS} countries or regions."),
        ));
    }
    Eligibility::new(areas).map(Workplace::Remote).ok_or_else(|| {
        DomainError::new(
            "remote_eligibility",
            "For a remote job, name the countries or regions applicants may live in, such as “United Kingdom, Ireland”.",
        )
    })
}

/// A whole amount of money as typed: digits with optional thousands separators, or `45k`.
pub fn parse_amount(field: &'static str, raw: &str) -> Result<i64, DomainError> {
    let cleaned: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}'))
        .collect();
    let (digits, multiplier) = match cleaned.strip_suffix(['k', 'K']) {
        Some(digits) => (digits, 1_000),
        None => (cleaned.as_str(), 1),
    };
    let amount = digits
        .strip_suffix(".00")
        .unwrap_or(digits)
        .parse::<i64>()
        .ok()
        .filter(|_| digits.chars().all(|c| c.is_ascii_digit() || c == '.'))
        // Too large to multiply is too large to accept: it falls to the range check below.
        .map(|n: i64| n.checked_mul(multiplier).unwrap_or(i64::MAX));
    match amount {
        _ if cleaned.is_empty() => Err(DomainError::new(field, "Enter an amount.")),
        Some(n) if (1..=100_000_000).contains(&n) => Ok(n),
        Some(_) => Err(DomainError::new(
            field,
            "Enter an amount between 1 and 100,000,000.",
        )),
        None => Err(DomainError::new(
            field,
            "Enter a whole amount in digits, such as 45000 or 45k.",
        )),
    }
}

fn parse_salary(input: &JobInput, errors: &mut FieldErrors) -> Option<Salary> {
    match input.salary_kind.trim() {
        "hidden" => return Some(Salary::NotDisclosed),
        "range" | "fixed" => {}
        _ => {
            errors.push(DomainError::new(
                "salary_kind",
                "Say whether you give a salary range, a single figure, or do not disclose it.",
            ));
            return None;
        }
    }
    let currency = errors.check(Currency::parse(&input.salary_currency));
    let period = errors.check(SalaryPeriod::parse(&input.salary_period));
    if input.salary_kind.trim() == "fixed" {
        let amount = errors.check(parse_amount("salary_min", &input.salary_min));
        return Some(Salary::Fixed {
            amount: amount?,
            currency: currency?,
            period: period?,
        });
    }
    let min = errors.check(parse_amount("salary_min", &input.salary_min));
    let max = errors.check(parse_amount("salary_max", &input.salary_max));
    let (min, max) = (min?, max?);
    if min > max {
        errors.push(DomainError::new(
            "salary_max",
            "The maximum must be at least the minimum.",
        ));
        return None;
    }
    let (currency, period) = (currency?, period?);
    Some(if min == max {
        Salary::Fixed {
            amount: min,
            currency,
            period,
        }
    } else {
        Salary::Range {
            min,
            max,
            currency,
            period,
        }
    })
}

/// A closing date after `today` and at most [`MAX_OPEN_DAYS`] ahead.
pub fn parse_closing_date(raw: &str, today: Day) -> Result<Day, DomainError> {
    if raw.trim().is_empty() {
        return Err(DomainError::new(
            "closes_on",
            "Enter the last day applications are accepted.",
        ));
    }
    let day = Day::parse_iso(raw)
        .ok_or_else(|| DomainError::new("closes_on", "Enter a real date, such as 2027-03-31."))?;
    if day < today {
        return Err(DomainError::new(
            "closes_on",
            "The closing date is in the past. Choose today or a later day.",
        ));
    }
    if day > today.plus(MAX_OPEN_DAYS) {
        return Err(DomainError::new(
            "closes_on",
            format!(
                "A job may stay open at most {MAX_OPEN_DAYS} days: choose {} or earlier.",
                today.plus(MAX_OPEN_DAYS).long()
            ),
        ));
    }
    Ok(day)
}

impl JobInput {
    /// Checks every field against `today`, reporting all problems at once.
    pub fn parse(&self, today: Day) -> Result<JobPosting, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.check(parse_title(&self.title));
        let description = errors.check(parse_job_description(&self.description));
        let employment_type = errors.check(EmploymentType::parse(&self.employment_type));
        let seniority = errors.check(Seniority::parse(&self.seniority));
        let sector = errors.check(
            Sector::find(self.sector.trim())
                .ok_or_else(|| DomainError::new("sector", "Choose the sector of the job.")),
        );
        let locations = errors.check(parse_locations(&self.locations));
        let workplace = errors.check(parse_workplace(&self.workplace, &self.remote_eligibility));
        let salary = parse_salary(self, &mut errors);
        let closes_on = errors.check(parse_closing_date(&self.closes_on, today));
        let apply = errors.check(ApplyTarget::parse(&self.apply));
        match (
            title,
            description,
            employment_type,
            seniority,
            sector,
            locations,
            workplace,
            salary,
            closes_on,
            apply,
        ) {
            (
                Some(title),
                Some(description),
                Some(employment_type),
                Some(seniority),
                Some(sector),
                Some(locations),
                Some(workplace),
                Some(salary),
                Some(closes_on),
                Some(apply),
            ) if errors.is_empty() => Ok(JobPosting {
                title,
                description,
                employment_type,
                seniority,
                sector,
                locations,
                workplace,
                salary,
                closes_on,
                apply,
            }),
            _ => Err(errors),
        }
    }
}

impl JobPosting {
    /// The form that would produce this posting, for editing it.
    pub fn to_input(&self) -> JobInput {
        let (kind, min, max, currency, period) = match &self.salary {
            Salary::NotDisclosed => ("hidden", String::new(), String::new(), "", ""),
            Salary::Range {
                min,
                max,
                currency,
                period,
            } => (
                "range",
                min.to_string(),
                max.to_string(),
                currency.as_str(),
                period.as_str(),
            ),
            Salary::Fixed {
                amount,
                currency,
                period,
            } => (
                "fixed",
                amount.to_string(),
                String::new(),
                currency.as_str(),
                period.as_str(),
            ),
        };
        JobInput {
            title: self.title.clone(),
            description: self.description.clone(),
            employment_type: self.employment_type.as_str().to_owned(),
            seniority: self.seniority.as_str().to_owned(),
            sector: self.sector.slug.to_owned(),
            locations: self
                .locations
                .iter()
                .map(|l| LocationInput {
                    city: l.city.clone(),
                    region: l.region.clone(),
                    country: l.country.clone(),
                })
                .collect(),
            workplace: self.workplace.kind().as_str().to_owned(),
            remote_eligibility: match &self.workplace {
                Workplace::Remote(areas) => areas.areas().join(", "),
                _ => String::new(),
            },
            salary_kind: kind.to_owned(),
            salary_min: min,
            salary_max: max,
            salary_currency: currency.to_owned(),
            salary_period: period.to_owned(),
            closes_on: self.closes_on.iso(),
            apply: self.apply.as_str().to_owned(),
        }
    }
}

/// The last part of a job's address after its id: the title, lowercased, with hyphens.
pub fn title_slug(title: &str) -> String {
    let slug = crate::company::Slug::derive(title);
    if slug.is_empty() {
        "job".to_owned()
    } else {
        slug
    }
}

pub mod ld {
    //! schema.org `JobPosting` for search engines. Every field is private and filled from a checked
    //! [`JobPosting`]: a remote job always carries its applicant locations, a salary always its currency and
    //! unit, a closed job has no data at all (its page simply does not ask for it).

    use serde::Serialize;

    use super::{JobPosting, Salary, Workplace};
    use crate::day::Day;

    /// What a posting's structured data needs besides the posting itself.
    pub struct Listing<'a> {
        /// The job's id on this site.
        pub id: i64,
        /// The site's name, for the identifier.
        pub site_name: &'a str,
        /// The description as sanitised HTML.
        pub description_html: &'a str,
        pub posted_on: Day,
        pub company_name: &'a str,
        /// The company's own website.
        pub company_website: &'a str,
        /// The absolute address of the company's logo.
        pub company_logo: Option<&'a str>,
        /// The absolute address of the company's profile here.
        pub company_profile: &'a str,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct JobPostingLd<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        title: &'a str,
        description: &'a str,
        identifier: PropertyValue<'a>,
        date_posted: String,
        valid_through: String,
        employment_type: &'static str,
        hiring_organization: Organization<'a>,
        job_location: Vec<Place<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        job_location_type: Option<&'static str>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        applicant_location_requirements: Vec<Area<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        base_salary: Option<MonetaryAmount>,
        direct_apply: bool,
    }

    #[derive(Serialize)]
    struct PropertyValue<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
        value: String,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Organization<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
        same_as: Vec<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        logo: Option<&'a str>,
    }

    #[derive(Serialize)]
    struct Place<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        address: PostalAddress<'a>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct PostalAddress<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        address_locality: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        address_region: &'a str,
        address_country: &'a str,
    }

    #[derive(Serialize)]
    struct Area<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
    }

    #[derive(Serialize)]
    struct MonetaryAmount {
        #[serde(rename = "@type")]
        kind: &'static str,
        currency: &'static str,
        value: QuantitativeValue,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct QuantitativeValue {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        min_value: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max_value: Option<i64>,
        unit_text: &'static str,
    }

    /// Words that name a region bigger than a country, for the applicant location's type.
    const REGION_WORDS: &[&str] = &[
        "europe",
        "european",
        "emea",
        "america",
        "americas",
        "asia",
        "africa",
        "oceania",
        "apac",
        "latam",
        "nordics",
        "worldwide",
    ];

    impl<'a> JobPostingLd<'a> {
        pub fn new(posting: &'a JobPosting, listing: &Listing<'a>) -> Self {
            let (job_location_type, applicant_location_requirements) = match &posting.workplace {
                Workplace::Remote(eligibility) => (
                    Some("TELECOMMUTE"),
                    eligibility
                        .areas()
                        .iter()
                        .map(|name| {
                            let lower = name.to_lowercase();
                            let region = lower
                                .split(|c: char| !c.is_alphanumeric())
                                .any(|w| REGION_WORDS.contains(&w));
                            Area {
                                kind: if region {
                                    "AdministrativeArea"
                                } else {
                                    "Country"
                                },
                                name,
                            }
                        })
                        .collect(),
                ),
                Workplace::OnSite | Workplace::Hybrid => (None, Vec::new()),
            };
            let base_salary = match &posting.salary {
                Salary::NotDisclosed => None,
                Salary::Range {
                    min,
                    max,
                    currency,
                    period,
                } => Some(MonetaryAmount {
                    kind: "MonetaryAmount",
                    currency: currency.as_str(),
                    value: QuantitativeValue {
                        kind: "QuantitativeValue",
                        value: None,
                        min_value: Some(*min),
                        max_value: Some(*max),
                        unit_text: period.schema(),
                    },
                }),
                Salary::Fixed {
                    amount,
                    currency,
                    period,
                } => Some(MonetaryAmount {
                    kind: "MonetaryAmount",
                    currency: currency.as_str(),
                    value: QuantitativeValue {
                        kind: "QuantitativeValue",
                        value: Some(*amount),
                        min_value: None,
                        max_value: None,
                        unit_text: period.schema(),
                    },
                }),
            };
            Self {
                context: "https://schema.org",
                kind: "JobPosting",
                title: &posting.title,
                description: listing.description_html,
                identifier: PropertyValue {
                    kind: "PropertyValue",
                    name: listing.site_name,
                    value: listing.id.to_string(),
                },
                date_posted: listing.posted_on.iso(),
                valid_through: format!("{}T23:59:59Z", posting.closes_on.iso()),
                employment_type: posting.employment_type.schema(),
                hiring_organization: Organization {
                    kind: "Organization",
                    name: listing.company_name,
                    same_as: vec![listing.company_website, listing.company_profile],
                    logo: listing.company_logo,
                },
                job_location: posting
                    .locations
                    .iter()
                    .map(|l| Place {
                        kind: "Place",
                        address: PostalAddress {
                            kind: "PostalAddress",
                            address_locality: &l.city,
                            address_region: &l.region,
                            address_country: &l.country,
                        },
                    })
                    .collect(),
                job_location_type,
                applicant_location_requirements,
                base_salary,
                // Applications happen on the company's own form or by email, never on this site (yet).
                direct_apply: false,
            }
        }

        /// The data as JSON that is safe inside a `<script>` element.
        pub fn to_script_json(&self) -> String {
            serde_json::to_string(self)
                .unwrap_or_default()
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_too_large_to_multiply_are_refused() {
        assert!(parse_amount("salary_min", "9223372036854775807k").is_err());
        assert_eq!(parse_amount("salary_min", "45k").unwrap(), 45_000);
    }

    fn today() -> Day {
        Day::parse_iso("2026-11-25").unwrap()
    }

    fn input() -> JobInput {
        JobInput {
            title: "Senior Medical Writer".into(),
            description: "Write and review clinical study reports and publications for a growing team of writers.".into(),
            employment_type: "full-time".into(),
            seniority: "senior".into(),
            sector: "medical-communications".into(),
            locations: vec![LocationInput {
                city: "Manchester".into(),
                region: "".into(),
                country: "United Kingdom".into(),
            }],
            workplace: "on-site".into(),
            remote_eligibility: String::new(),
            salary_kind: "range".into(),
            salary_min: "45,000".into(),
            salary_max: "55k".into(),
            salary_currency: "GBP".into(),
            salary_period: "year".into(),
            closes_on: "2027-01-31".into(),
            apply: "https://careers.example.com/jobs/1".into(),
        }
    }

    fn with(change: impl FnOnce(&mut JobInput)) -> JobInput {
        let mut input = input();
        change(&mut input);
        input
    }

    fn error_of(input: JobInput, field: &str) -> String {
        let errors = input.parse(today()).expect_err("the form has an error");
        errors
            .get(field)
            .unwrap_or_else(|| panic!("no error for {field}: {errors:?}"))
            .to_owned()
    }

    #[test]
    fn a_complete_form_is_a_posting() {
        let posting = input().parse(today()).unwrap();
        assert_eq!(
            posting.salary,
            Salary::Range {
                min: 45_000,
                max: 55_000,
                currency: Currency::Gbp,
                period: SalaryPeriod::Year
            }
        );
        assert_eq!(posting.salary.text(), "£45,000–£55,000 a year");
        assert_eq!(posting.apply.href(), "https://careers.example.com/jobs/1");
        assert_eq!(posting.to_input().parse(today()).unwrap(), posting);
    }

    #[test]
    fn bad_input_is_reported_next_to_each_field() {
        assert!(
            error_of(with(|i| i.closes_on = "2026-11-24".into()), "closes_on").contains("past")
        );
        assert!(error_of(with(|i| i.closes_on = "2027-04-30".into()), "closes_on").contains("120"));
        assert!(
            error_of(with(|i| i.closes_on = "2027-02-30".into()), "closes_on")
                .contains("real date")
        );
        assert!(
            error_of(with(|i| i.salary_min = "60000".into()), "salary_max")
                .contains("at least the minimum")
        );
        assert!(
            error_of(
                with(|i| i.workplace = "remote".into()),
                "remote_eligibility"
            )
            .contains("remote job")
        );
        assert!(
            error_of(
                with(|i| i.salary_currency = "XYZ".into()),
                "salary_currency"
            )
            .contains("currency")
        );
        assert!(
            error_of(with(|i| i.description = "  ".into()), "description").contains("Describe")
        );
        assert!(
            error_of(with(|i| i.locations.clear()), "locations").contains("at least one place")
        );
        assert!(
            error_of(with(|i| i.apply = "javascript:alert(1)".into()), "apply")
                .contains("web address")
        );
        assert!(error_of(with(|i| i.salary_min = "lots".into()), "salary_min").contains("digits"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = JobInput::default().parse(today()).unwrap_err();
        for field in [
            "title",
            "description",
            "employment_type",
            "seniority",
            "sector",
            "locations",
            "workplace",
            "salary_kind",
            "closes_on",
            "apply",
        ] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn remote_jobs_keep_their_eligibility() {
        let posting = with(|i| {
            i.workplace = "remote".into();
            i.remote_eligibility = "United Kingdom, Ireland\nunited kingdom".into();
        })
        .parse(today())
        .unwrap();
        match posting.workplace {
            Workplace::Remote(areas) => assert_eq!(areas.areas(), ["United Kingdom", "Ireland"]),
            other => panic!("{other:?}"),
        }
        assert_eq!(Eligibility::new(Vec::new()), None);
    }

    #[test]
    fn salaries_read_naturally_and_compare_by_year() {
        let fixed = with(|i| {
            i.salary_kind = "fixed".into();
            i.salary_min = "350".into();
            i.salary_period = "day".into();
            i.salary_currency = "EUR".into();
        })
        .parse(today())
        .unwrap()
        .salary;
        assert_eq!(fixed.text(), "€350 a day");
        assert_eq!(fixed.yearly_max(), Some(77_000));
        assert_eq!(salary_band(77_000), "50k-80k");
        let hidden = with(|i| i.salary_kind = "hidden".into())
            .parse(today())
            .unwrap()
            .salary;
        assert_eq!(hidden, Salary::NotDisclosed);
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(
            parse_amount("x", "0"),
            Err(DomainError::new(
                "x",
                "Enter an amount between 1 and 100,000,000."
            ))
        );
    }

    #[test]
    fn applications_go_to_a_link_or_an_address() {
        assert_eq!(
            ApplyTarget::parse("jobs@example.com").unwrap().href(),
            "mailto:jobs@example.com"
        );
        assert!(ApplyTarget::parse("jobs@").is_err());
        assert!(matches!(
            ApplyTarget::parse("example.com/apply"),
            Ok(ApplyTarget::Url(_))
        ));
    }

    mod json_ld {
        use super::*;
        use crate::job::ld::{JobPostingLd, Listing};

        fn listing() -> Listing<'static> {
            Listing {
                id: 42,
                site_name: "Hubboard",
                description_html: "<p>Write and review clinical study reports.</p>",
                posted_on: Day::parse_iso("2026-11-20").unwrap(),
                company_name: "Fernbank Medical Communications",
                company_website: "https://fernbank.example",
                company_logo: Some("https://hubboard.example/logos/3/1/256.png"),
                company_profile: "https://hubboard.example/companies/fernbank-medical-communications",
            }
        }

        /// Compares with `src/testdata/{name}.json`; `UPDATE_EXPECT=1` rewrites the file.
        fn golden(name: &str, posting: JobPosting) {
            let value = serde_json::to_value(JobPostingLd::new(&posting, &listing())).unwrap();
            expect_test::expect_file![format!("testdata/{name}.json")]
                .assert_eq(&(serde_json::to_string_pretty(&value).unwrap() + "\n"));
        }

        #[test]
        fn on_site_with_a_salary_range() {
            golden("jobposting-on-site-range", input().parse(today()).unwrap());
        }

        #[test]
        fn hybrid_in_two_places_with_a_fixed_salary() {
            golden(
                "jobposting-hybrid-fixed",
                with(|i| {
                    i.workplace = "hybrid".into();
                    i.employment_type = "part-time".into();
                    i.locations.push(LocationInput {
                        city: "Boston".into(),
                        region: "Massachusetts".into(),
                        country: "United States".into(),
                    });
                    i.salary_kind = "fixed".into();
                    i.salary_min = "40".into();
                    i.salary_currency = "USD".into();
                    i.salary_period = "hour".into();
                })
                .parse(today())
                .unwrap(),
            );
        }

        #[test]
        fn remote_with_applicant_locations() {
            golden(
                "jobposting-remote",
                with(|i| {
                    i.workplace = "remote".into();
                    i.remote_eligibility = "United Kingdom, Europe".into();
                    i.employment_type = "contract".into();
                })
                .parse(today())
                .unwrap(),
            );
        }

        #[test]
        fn salary_not_disclosed() {
            golden(
                "jobposting-salary-hidden",
                with(|i| i.salary_kind = "hidden".into())
                    .parse(today())
                    .unwrap(),
            );
        }

        #[test]
        fn script_text_cannot_close_its_element() {
            let posting = with(|i| i.title = "Writer </script><script>alert(1)</script>".into())
                .parse(today())
                .unwrap();
            let json = JobPostingLd::new(&posting, &listing()).to_script_json();
            assert!(!json.contains('<'), "{json}");
            let back: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(back["title"], posting.title.as_str());
        }
    }
}
