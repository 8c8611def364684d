//! The values a company profile is made of, checked the same way in the browser and on the server.

use serde::{Deserialize, Serialize};

use crate::{DomainError, Email, FieldErrors, Sector};

/// A company's name as shown everywhere: trimmed, inner whitespace collapsed, 2 to 80 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanyName(String);

impl CompanyName {
    pub const MAX_CHARS: usize = 80;

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let name = collapse_whitespace(raw);
        let length = name.chars().count();
        if length == 0 {
            return Err(DomainError::new("name", "Enter the company’s name."));
        }
        if length < 2 {
            return Err(DomainError::new(
                "name",
                "The name must be at least 2 characters.",
            ));
        }
        if length > Self::MAX_CHARS {
            return Err(DomainError::new(
                "name",
                format!(
                    "The name must be at most {} characters; this one has {length}.",
                    Self::MAX_CHARS
                ),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(DomainError::new(
                "name",
                "The name contains characters that cannot be shown.",
            ));
        }
        if !name.chars().any(char::is_alphanumeric) {
            return Err(DomainError::new(
                "name",
                "The name must contain letters or digits.",
            ));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as the directory compares it for duplicates: case and punctuation ignored.
    pub fn key(&self) -> String {
        self.0
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    }

    /// The letter the A–Z index files the company under: `#` for names starting with a digit or symbol.
    pub fn initial(&self) -> char {
        match self.0.chars().find(|c| c.is_alphanumeric()).map(fold_ascii) {
            Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
            _ => '#',
        }
    }
}

/// The last part of a company's address, `/companies/{slug}`: lowercase ASCII letters, digits and single hyphens.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slug(String);

impl Slug {
    pub const MAX_CHARS: usize = 60;

    /// Checks a slug someone typed.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let slug = raw.trim();
        if slug.len() < 2 {
            return Err(DomainError::new(
                "slug",
                "The address must be at least 2 characters.",
            ));
        }
        if slug.len() > Self::MAX_CHARS {
            return Err(DomainError::new(
                "slug",
                format!(
                    "The address must be at most {} characters.",
                    Self::MAX_CHARS
                ),
            ));
        }
        let allowed = slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !allowed || slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
            return Err(DomainError::new(
                "slug",
                "Use lowercase letters, digits and single hyphens, like acme-health.",
            ));
        }
        if RESERVED_SLUGS.contains(&slug) {
            return Err(DomainError::new(
                "slug",
                "That address is reserved. Choose another.",
            ));
        }
        Ok(Self(slug.to_owned()))
    }

    /// The slug a name suggests: accents folded, everything else that is not a letter or digit becomes a hyphen.
    pub fn derive(name: &str) -> String {
        let mut slug = String::new();
        for c in without_tags(name)
            .chars()
            .map(fold_ascii)
            .flat_map(char::to_lowercase)
        {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if c == '&' {
                if !slug.is_empty() && !slug.ends_with('-') {
                    slug.push('-');
                }
                slug.push_str("and-");
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let mut slug: String = slug
            .trim_matches('-')
            .chars()
            .take(Self::MAX_CHARS)
            .collect();
        while slug.ends_with('-') {
            slug.pop();
        }
        slug
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Addresses under `/companies/` that pages of the site itself use.
const RESERVED_SLUGS: &[&str] = &[
    "new",
    "edit",
    "admin",
    "api",
    "dashboard",
    "search",
    "page",
    "logo",
    "logos",
];

/// How many people work at a company, in the bands the directory filters by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SizeBand {
    #[serde(rename = "1-10")]
    Micro,
    #[serde(rename = "11-50")]
    Small,
    #[serde(rename = "51-200")]
    Medium,
    #[serde(rename = "201-1000")]
    Large,
    #[serde(rename = "1001-5000")]
    VeryLarge,
    #[serde(rename = "5001+")]
    Enterprise,
}

impl SizeBand {
    pub const ALL: [SizeBand; 6] = [
        SizeBand::Micro,
        SizeBand::Small,
        SizeBand::Medium,
        SizeBand::Large,
        SizeBand::VeryLarge,
        SizeBand::Enterprise,
    ];

    /// The stored value, also used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            SizeBand::Micro => "1-10",
            SizeBand::Small => "11-50",
            SizeBand::Medium => "51-200",
            SizeBand::Large => "201-1000",
            SizeBand::VeryLarge => "1001-5000",
            SizeBand::Enterprise => "5001+",
        }
    }

    /// What people read, such as “51–200 employees”.
    pub fn label(self) -> &'static str {
        match self {
            SizeBand::Micro => "1–10 employees",
            SizeBand::Small => "11–50 employees",
            SizeBand::Medium => "51–200 employees",
            SizeBand::Large => "201–1,000 employees",
            SizeBand::VeryLarge => "1,001–5,000 employees",
            SizeBand::Enterprise => "More than 5,000 employees",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|band| band.as_str() == raw.trim())
            .ok_or_else(|| DomainError::new("size", "Choose the company’s size."))
    }
}

/// A web address people may follow: http or https, with a host that has a dot, at most 300 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebUrl(String);

impl WebUrl {
    pub const MAX_CHARS: usize = 300;

    /// Checks `raw` for the form field `field`. A missing scheme is taken to be https.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, DomainError> {
        let raw = raw.trim();
        let candidate = if raw.contains("://") {
            raw.to_owned()
        } else {
            format!("https://{raw}")
        };
        let (scheme, rest) = candidate.split_once("://").unwrap_or(("", ""));
        let scheme = scheme.to_ascii_lowercase();
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_name = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let host_name = host_name.split(':').next().unwrap_or("");
        let host_ok = host_name.contains('.')
            && !host_name.starts_with('.')
            && !host_name.ends_with('.')
            && host_name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if raw.is_empty() {
            return Err(DomainError::new(field, "Enter a web address."));
        }
        if candidate.chars().count() > Self::MAX_CHARS {
            return Err(DomainError::new(
                field,
                format!(
                    "The address must be at most {} characters.",
                    Self::MAX_CHARS
                ),
            ));
        }
        if !matches!(scheme.as_str(), "http" | "https")
            || !host_ok
            || host.contains('@')
            || candidate
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(DomainError::new(
                field,
                "Enter a web address such as https://www.example.com.",
            ));
        }
        Ok(Self(format!("{scheme}://{rest}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host, lowercased and without a leading `www.`, as shown beside links and used for domain checks.
    pub fn domain(&self) -> String {
        let rest = self.0.split_once("://").map_or("", |(_, r)| r);
        let host = rest
            .split(['/', '?', '#', ':'])
            .next()
            .unwrap_or("")
            .to_lowercase();
        host.strip_prefix("www.").map(str::to_owned).unwrap_or(host)
    }
}

/// The most social links a profile lists.
pub const MAX_SOCIAL_LINKS: usize = 4;

/// A one-line tagline: at most 120 characters, no line breaks.
pub fn parse_tagline(raw: &str) -> Result<String, DomainError> {
    let tagline = collapse_whitespace(raw);
    let length = tagline.chars().count();
    if length == 0 {
        return Err(DomainError::new(
            "tagline",
            "Describe the company in one line.",
        ));
    }
    if length > 120 {
        return Err(DomainError::new(
            "tagline",
            format!("Keep the tagline to 120 characters; this one has {length}."),
        ));
    }
    Ok(tagline)
}

/// A place name (city or country): 2 to 60 characters.
pub fn parse_place(field: &'static str, what: &str, raw: &str) -> Result<String, DomainError> {
    let place = collapse_whitespace(raw);
    let length = place.chars().count();
    if length == 0 {
        return Err(DomainError::new(field, format!("Enter the {what}.")));
    }
    if !(2..=60).contains(&length) || place.chars().any(char::is_control) {
        return Err(DomainError::new(
            field,
            format!("Enter the {what} in 2 to 60 characters."),
        ));
    }
    Ok(place)
}

/// The longest description accepted, in characters of Markdown.
pub const DESCRIPTION_MAX_CHARS: usize = 10_000;

/// The company form as typed, before any checks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyInput {
    pub name: String,
    #[serde(default)]
    pub slug: String,
    pub tagline: String,
    pub description: String,
    pub website: String,
    pub contact_email: String,
    pub city: String,
    pub country: String,
    pub size: String,
    #[serde(default)]
    pub sectors: Vec<String>,
    /// One link per line.
    #[serde(default)]
    pub socials: String,
    /// What the company does, one item a line.
    #[serde(default)]
    pub services: String,
    /// What it offers the people who work there, one item a line.
    #[serde(default)]
    pub benefits: String,
    /// Its offices, one a line.
    #[serde(default)]
    pub offices: String,
}

/// A company profile whose every field passed its checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanyProfile {
    pub name: CompanyName,
    pub slug: Slug,
    pub tagline: String,
    /// Markdown as written.
    pub description: String,
    pub website: WebUrl,
    pub contact_email: Email,
    pub city: String,
    pub country: String,
    pub size: SizeBand,
    pub sectors: Vec<Sector>,
    pub socials: Vec<WebUrl>,
    pub services: Vec<String>,
    pub benefits: Vec<String>,
    pub offices: Vec<String>,
}

impl CompanyInput {
    /// Checks every field, reporting all problems at once. An empty slug is derived from the name.
    pub fn parse(&self) -> Result<CompanyProfile, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check(CompanyName::parse(&self.name));
        let slug_source = if self.slug.trim().is_empty() {
            Slug::derive(&self.name)
        } else {
            self.slug.trim().to_owned()
        };
        let slug = if self.slug.trim().is_empty() && name.is_none() {
            None
        } else {
            errors.check(Slug::parse(&slug_source).map_err(|e| {
                if self.slug.trim().is_empty() {
                    DomainError::new(
                        "slug",
                        "Choose an address for the company page, like acme-health.",
                    )
                } else {
                    e
                }
            }))
        };
        let tagline = errors.check(parse_tagline(&self.tagline));
        let description = errors.check(parse_description(&self.description));
        let website = errors.check(WebUrl::parse("website", &self.website));
        let contact_email = errors.check(Email::parse_field("contact_email", &self.contact_email));
        let city = errors.check(parse_place("city", "city", &self.city));
        let country = errors.check(parse_place("country", "country", &self.country));
        let size = errors.check(SizeBand::parse(&self.size));
        let sectors = errors.check(Sector::parse_list("sectors", &self.sectors));
        let socials = errors.check(parse_socials(&self.socials));
        let services = errors.check(SERVICES.parse(&self.services));
        let benefits = errors.check(BENEFITS.parse(&self.benefits));
        let offices = errors.check(OFFICES.parse(&self.offices));
        match (
            name,
            slug,
            tagline,
            description,
            website,
            contact_email,
            city,
            country,
            size,
            sectors,
            socials,
            services,
            benefits,
            offices,
        ) {
            (
                Some(name),
                Some(slug),
                Some(tagline),
                Some(description),
                Some(website),
                Some(contact_email),
                Some(city),
                Some(country),
                Some(size),
                Some(sectors),
                Some(socials),
                Some(services),
                Some(benefits),
                Some(offices),
            ) if errors.is_empty() => Ok(CompanyProfile {
                name,
                slug,
                tagline,
                description,
                website,
                contact_email,
                city,
                country,
                size,
                sectors,
                socials,
                services,
                benefits,
                offices,
            }),
            _ => Err(errors),
        }
    }
}

/// The description in Markdown: at least 30 characters of text, at most [`DESCRIPTION_MAX_CHARS`].
pub fn parse_description(raw: &str) -> Result<String, DomainError> {
    parse_markdown_text(
        raw,
        30..=DESCRIPTION_MAX_CHARS,
        "Describe what the company does.",
        "Write at least a sentence or two (30 characters or more) about the company.",
    )
}

/// A Markdown text field named `description`: trimmed, line endings normalised, its length in `bounds`. `empty`
/// and `short` are the messages for no text and too little.
pub(crate) fn parse_markdown_text(
    raw: &str,
    bounds: std::ops::RangeInclusive<usize>,
    empty: &str,
    short: &str,
) -> Result<String, DomainError> {
    let text = raw.trim().replace("\r\n", "\n");
    let length = text.chars().count();
    if length == 0 {
        return Err(DomainError::new("description", empty));
    }
    if length < *bounds.start() {
        return Err(DomainError::new("description", short));
    }
    if length > *bounds.end() {
        return Err(DomainError::new(
            "description",
            format!(
                "The description must be at most {} characters; this one has {length}.",
                bounds.end()
            ),
        ));
    }
    Ok(text)
}

/// Social links, one per line: each a web address, at most [`MAX_SOCIAL_LINKS`].
pub fn parse_socials(raw: &str) -> Result<Vec<WebUrl>, DomainError> {
    let lines: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > MAX_SOCIAL_LINKS {
        return Err(DomainError::new(
            "socials",
            format!("List at most {MAX_SOCIAL_LINKS} social links."),
        ));
    }
    lines
        .into_iter()
        .map(|line| {
            WebUrl::parse("socials", line).map_err(|_| {
                DomainError::new(
                    "socials",
                    format!(
                        "“{}” is not a web address.",
                        line.chars().take(60).collect::<String>()
                    ),
                )
            })
        })
        .collect()
}

/// One of a profile's optional lists, typed one item a line.
#[derive(Clone, Copy, Debug)]
pub struct ItemList {
    /// The form field.
    pub field: &'static str,
    /// What one item is, for messages: "service", "benefit", "office".
    pub item: &'static str,
    pub max_items: usize,
    pub max_chars: usize,
}

/// What the company does.
pub const SERVICES: ItemList = ItemList {
    field: "services",
    item: "service",
    max_items: 12,
    max_chars: 120,
};

/// What the company offers the people who work there.
pub const BENEFITS: ItemList = ItemList {
    field: "benefits",
    item: "benefit",
    max_items: 12,
    max_chars: 120,
};

/// Where the company has offices, such as "Leeds, United Kingdom".
pub const OFFICES: ItemList = ItemList {
    field: "offices",
    item: "office",
    max_items: 10,
    max_chars: 80,
};

impl ItemList {
    /// The items of `raw`: one a line, whitespace tidied, empty lines and a typed bullet (`-`, `*`, `•`) dropped, a
    /// repeated item kept once. Reports too many items, too long an item, or characters that cannot be shown.
    pub fn parse(&self, raw: &str) -> Result<Vec<String>, DomainError> {
        let mut items: Vec<String> = Vec::new();
        for line in raw.lines() {
            let line = line.trim();
            let line = line
                .strip_prefix(['-', '*', '•'])
                .map_or(line, str::trim_start);
            let item = collapse_whitespace(line);
            if item.is_empty() {
                continue;
            }
            if item.chars().any(char::is_control) {
                return Err(DomainError::new(
                    self.field,
                    "The list contains characters that cannot be shown.",
                ));
            }
            let length = item.chars().count();
            if length > self.max_chars {
                let start: String = item.chars().take(30).collect();
                return Err(DomainError::new(
                    self.field,
                    format!(
                        "Keep each {} to {} characters; “{start}…” has {length}.",
                        self.item, self.max_chars
                    ),
                ));
            }
            if !items
                .iter()
                .any(|i| i.to_lowercase() == item.to_lowercase())
            {
                items.push(item);
            }
        }
        if items.len() > self.max_items {
            return Err(DomainError::new(
                self.field,
                format!(
                    "List at most {} {}s; this list has {}.",
                    self.max_items,
                    self.item,
                    items.len()
                ),
            ));
        }
        Ok(items)
    }
}

pub(crate) fn collapse_whitespace(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Folds common accented Latin letters to ASCII, for slugs and the A–Z index.
/// `text` without what looks like markup (`<b>`, `</b>`, `<br/>`, `<!-- -->`): a name is plain text, so a tag
/// typed into it is kept in the name as typed but has no place in an address.
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(end) if is_tag => {
                // A tag separates words as a space would.
                out.push(' ');
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn fold_ascii(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' => 'E',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'ñ' | 'ń' => 'n',
        'Ñ' | 'Ń' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ś' | 'š' => 's',
        'Ś' | 'Š' => 'S',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        'ł' => 'l',
        'Ł' => 'L',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_bounded() {
        assert_eq!(
            CompanyName::parse("  Acme   Health ").unwrap().as_str(),
            "Acme Health"
        );
        assert!(CompanyName::parse("").is_err());
        assert!(CompanyName::parse("A").is_err());
        assert!(CompanyName::parse("---").is_err());
        assert!(CompanyName::parse(&"x".repeat(81)).is_err());
        assert_eq!(
            CompanyName::parse("ACME Health!").unwrap().key(),
            "acmehealth"
        );
        assert_eq!(CompanyName::parse("Équipe Santé").unwrap().initial(), 'E');
        assert_eq!(CompanyName::parse("3D Clinic").unwrap().initial(), '#');
    }

    #[test]
    fn slugs_are_derived_from_names() {
        assert_eq!(Slug::derive("Acme Health Ltd."), "acme-health-ltd");
        assert_eq!(Slug::derive("Smith & Jones"), "smith-and-jones");
        assert_eq!(Slug::derive("  Équipe   Santé "), "equipe-sante");
        assert_eq!(Slug::derive("!!!"), "");
        assert_eq!(Slug::derive("<b>Ltd</b>"), "ltd");
        assert_eq!(Slug::derive("Acme<br/>Health"), "acme-health");
        assert_eq!(
            Slug::derive("<script>alert(1)</script> Labs"),
            "alert-1-labs"
        );
        assert_eq!(Slug::derive("A < B > C"), "a-b-c");
        assert_eq!(Slug::derive("Tag <unclosed"), "tag-unclosed");
        assert!(Slug::derive(&"word ".repeat(40)).len() <= Slug::MAX_CHARS);
        assert!(!Slug::derive(&"word ".repeat(40)).ends_with('-'));
    }

    #[test]
    fn typed_slugs_are_checked() {
        assert!(Slug::parse("acme-health").is_ok());
        for bad in [
            "",
            "a",
            "Acme",
            "acme health",
            "-acme",
            "acme-",
            "acme--health",
            "new",
            "ac/me",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn web_addresses_are_checked() {
        assert_eq!(
            WebUrl::parse("website", "acme.example").unwrap().as_str(),
            "https://acme.example"
        );
        assert_eq!(
            WebUrl::parse("website", "HTTP://www.Acme.example/x")
                .unwrap()
                .domain(),
            "acme.example"
        );
        for bad in [
            "",
            "javascript:alert(1)",
            "ftp://acme.example",
            "https://localhost",
            "https://a b.example",
            "https://user@evil.example",
        ] {
            assert!(WebUrl::parse("website", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_whole_form_reports_every_problem() {
        let errors = CompanyInput::default().parse().unwrap_err();
        for field in [
            "name",
            "tagline",
            "description",
            "website",
            "contact_email",
            "city",
            "country",
            "size",
            "sectors",
        ] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let input = CompanyInput {
            name: "Acme Health".into(),
            slug: String::new(),
            tagline: "Clear words for clinicians".into(),
            description: "We write plain, accurate material for clinicians and patients.".into(),
            website: "acme.example".into(),
            contact_email: "Hello@Acme.example".into(),
            city: "Leeds".into(),
            country: "United Kingdom".into(),
            size: "11-50".into(),
            sectors: vec!["marketing".into()],
            socials: "https://social.example/acme\n\n".into(),
            services: "- Medical writing\n\n* Medical writing\n• Training  days".into(),
            benefits: String::new(),
            offices: "Leeds, United Kingdom\r\nLyon, France".into(),
        };
        let profile = input.parse().unwrap();
        assert_eq!(profile.slug.as_str(), "acme-health");
        assert_eq!(profile.contact_email.as_str(), "hello@acme.example");
        assert_eq!(profile.socials.len(), 1);
        assert_eq!(profile.services, ["Medical writing", "Training days"]);
        assert!(profile.benefits.is_empty());
        assert_eq!(profile.offices, ["Leeds, United Kingdom", "Lyon, France"]);
    }

    #[test]
    fn lists_are_bounded_item_by_item_and_in_all() {
        let many: String = (1..=13).map(|i| format!("Service {i}\n")).collect();
        let error = SERVICES.parse(&many).unwrap_err();
        assert_eq!(error.field, "services");
        assert!(
            error.message.contains("at most 12 services"),
            "{}",
            error.message
        );
        let long = format!("{}\n", "x".repeat(81));
        let error = OFFICES.parse(&long).unwrap_err();
        assert!(error.message.contains("80 characters"), "{}", error.message);
        assert!(BENEFITS.parse("Free lunch\u{7}").is_err());
        assert_eq!(BENEFITS.parse("\n \n-\n").unwrap(), Vec::<String>::new());
        assert_eq!(OFFICES.parse(&"Leeds\n".repeat(40)).unwrap(), ["Leeds"]);
    }
}
