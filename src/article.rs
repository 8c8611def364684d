//! News articles as editors and companies write them: the form, its checks, tags and the schedule.

use serde::{Deserialize, Serialize};

use crate::{
    DomainError, FieldErrors, Sector,
    company::{Slug, WebUrl},
};

/// What sort of piece an article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    News,
    Feature,
    /// A chart: needs its image and the data in words.
    Infographic,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::News, Kind::Feature, Kind::Infographic];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Feature => "feature",
            Kind::Infographic => "infographic",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::News => "News",
            Kind::Feature => "Feature",
            Kind::Infographic => "Infographic",
        }
    }

    pub fn find(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// At most this many categories (sectors) per article.
pub const MAX_CATEGORIES: usize = 3;
/// At most this many tags per article.
pub const MAX_TAGS: usize = 8;
/// At most this many linked companies, and separately jobs, per article.
pub const MAX_LINKS: usize = 10;
pub const TITLE_MAX_CHARS: usize = 160;
pub const STANDFIRST_MAX_CHARS: usize = 300;
pub const BODY_MAX_CHARS: usize = 50_000;
pub const DATA_TEXT_MAX_CHARS: usize = 5_000;
pub const ALT_MAX_CHARS: usize = 300;

/// The article form as typed, before any checks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInput {
    #[serde(default)]
    pub title: String,
    /// The last part of the address; derived from the title when empty.
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub standfirst: String,
    /// Markdown.
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub author_name: String,
    /// Where to read the original in full; optional.
    #[serde(default)]
    pub source_url: String,
    /// Sector slugs.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Separated by commas.
    #[serde(default)]
    pub tags: String,
    /// An infographic's data in words.
    #[serde(default)]
    pub data_text: String,
    /// Companies the story is about: names or addresses, one per line.
    #[serde(default)]
    pub about: String,
    /// Companies it mentions, one per line.
    #[serde(default)]
    pub mentions: String,
    /// Jobs it links to: their addresses or numbers, one per line.
    #[serde(default)]
    pub jobs: String,
}

/// A tag: the name as written and the key of its page, `/tags/{slug}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tag {
    pub slug: String,
    pub name: String,
}

/// An article whose every field passed its checks. Links are still references: the server resolves them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleDraft {
    pub title: String,
    pub slug: Slug,
    pub kind: Kind,
    pub standfirst: String,
    pub body: String,
    pub author_name: String,
    pub source_url: Option<WebUrl>,
    pub categories: Vec<Sector>,
    pub tags: Vec<Tag>,
    pub data_text: String,
    pub about: Vec<String>,
    pub mentions: Vec<String>,
    pub jobs: Vec<String>,
}

fn text(
    field: &'static str,
    raw: &str,
    what: &str,
    min: usize,
    max: usize,
) -> Result<String, DomainError> {
    let value = raw.trim().replace("\r\n", "\n");
    let length = value.chars().count();
    if length == 0 {
        return Err(DomainError::new(field, format!("Enter {what}.")));
    }
    if length < min {
        return Err(DomainError::new(
            field,
            format!("{} must be at least {min} characters.", capitalise(what)),
        ));
    }
    if length > max {
        return Err(DomainError::new(
            field,
            format!(
                "{} must be at most {max} characters; this has {length}.",
                capitalise(what)
            ),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(DomainError::new(
            field,
            format!(
                "{} contains characters that cannot be shown.",
                capitalise(what)
            ),
        ));
    }
    Ok(value)
}

fn capitalise(what: &str) -> String {
    let what = what
        .strip_prefix("the ")
        .or_else(|| what.strip_prefix("a "))
        .or_else(|| what.strip_prefix("an "))
        .unwrap_or(what);
    let mut chars = what.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Tags separated by commas: each 2–40 characters, at most [`MAX_TAGS`], duplicates (by key) dropped.
pub fn parse_tags(raw: &str) -> Result<Vec<Tag>, DomainError> {
    let mut tags: Vec<Tag> = Vec::new();
    for name in raw
        .split([',', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let length = name.chars().count();
        if !(2..=40).contains(&length) {
            return Err(DomainError::new(
                "tags",
                format!(
                    "Each tag must be 2 to 40 characters; “{}” is not.",
                    name.chars().take(40).collect::<String>()
                ),
            ));
        }
        let slug = Slug::derive(&name);
        if slug.is_empty() {
            return Err(DomainError::new(
                "tags",
                format!("“{name}” needs at least one letter or digit."),
            ));
        }
        if !tags.iter().any(|t| t.slug == slug) {
            tags.push(Tag {
                slug,
                name: name.to_lowercase(),
            });
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(DomainError::new(
            "tags",
            format!("Use at most {MAX_TAGS} tags."),
        ));
    }
    Ok(tags)
}

/// Chosen categories: each a known sector, at most [`MAX_CATEGORIES`], in the taxonomy's order.
pub fn parse_categories(slugs: &[String]) -> Result<Vec<Sector>, DomainError> {
    if slugs.is_empty() {
        return Err(DomainError::new(
            "categories",
            "Choose at least one category.",
        ));
    }
    let chosen = Sector::parse_list("categories", slugs)?;
    if chosen.len() > MAX_CATEGORIES {
        return Err(DomainError::new(
            "categories",
            format!("Choose at most {MAX_CATEGORIES} categories."),
        ));
    }
    Ok(chosen)
}

/// References one per line, blank lines ignored, duplicates dropped, at most [`MAX_LINKS`].
fn references(field: &'static str, raw: &str) -> Result<Vec<String>, DomainError> {
    let mut found: Vec<String> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.chars().count() > 300 {
            return Err(DomainError::new(
                field,
                "Each line must be at most 300 characters.",
            ));
        }
        if !found.iter().any(|f| f == line) {
            found.push(line.to_owned());
        }
    }
    if found.len() > MAX_LINKS {
        return Err(DomainError::new(
            field,
            format!("Link at most {MAX_LINKS} here."),
        ));
    }
    Ok(found)
}

/// The source link: empty, or an http(s) address.
pub fn parse_source(raw: &str) -> Result<Option<WebUrl>, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    // A scheme other than http(s) is refused rather than taken for a host name.
    let lower = raw.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(DomainError::new(
            "source_url",
            "The source must be a web address starting with https:// or http://.",
        ));
    }
    WebUrl::parse("source_url", raw).map(Some)
}

/// An image's text alternative: required, at most [`ALT_MAX_CHARS`].
pub fn parse_alt(raw: &str) -> Result<String, DomainError> {
    text(
        "image_alt",
        raw,
        "a description of the image for people who cannot see it",
        3,
        ALT_MAX_CHARS,
    )
}

impl ArticleInput {
    /// Checks every field, reporting all problems at once. An empty slug is derived from the title.
    pub fn parse(&self) -> Result<ArticleDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.check(text("title", &self.title, "a title", 5, TITLE_MAX_CHARS));
        let slug = match (self.slug.trim(), &title) {
            ("", None) => None,
            ("", Some(title)) => {
                let derived = slug_of_title(title);
                errors.check(Slug::parse(&derived).map_err(|_| {
                    DomainError::new(
                        "slug",
                        "Choose an address for the article, like new-guidance-on-trials.",
                    )
                }))
            }
            (typed, _) => errors.check(Slug::parse(typed)),
        };
        let kind = errors.check(
            Kind::find(self.kind.trim())
                .ok_or_else(|| DomainError::new("kind", "Choose news, feature or infographic.")),
        );
        let standfirst = errors.check(text(
            "standfirst",
            &self.standfirst,
            "a standfirst: the summary under the title",
            20,
            STANDFIRST_MAX_CHARS,
        ));
        let body = errors.check(text(
            "body",
            &self.body,
            "the article's text",
            50,
            BODY_MAX_CHARS,
        ));
        let author_name = errors.check(text(
            "author_name",
            &self.author_name,
            "the author's name",
            2,
            100,
        ));
        let source_url = errors.check(parse_source(&self.source_url));
        let categories = errors.check(parse_categories(&self.categories));
        let tags = errors.check(parse_tags(&self.tags));
        let data_text = if kind == Some(Kind::Infographic) {
            errors.check(text(
                "data_text",
                &self.data_text,
                "the chart's data in words, for readers who cannot see the image",
                20,
                DATA_TEXT_MAX_CHARS,
            ))
        } else {
            Some(
                self.data_text
                    .trim()
                    .chars()
                    .take(DATA_TEXT_MAX_CHARS)
                    .collect(),
            )
        };
        let about = errors.check(references("about", &self.about));
        let mentions = errors.check(references("mentions", &self.mentions));
        let jobs = errors.check(references("jobs", &self.jobs));
        match (
            title,
            slug,
            kind,
            standfirst,
            body,
            author_name,
            source_url,
            categories,
            tags,
            data_text,
            about,
            mentions,
            jobs,
        ) {
            (
                Some(title),
                Some(slug),
                Some(kind),
                Some(standfirst),
                Some(body),
                Some(author_name),
                Some(source_url),
                Some(categories),
                Some(tags),
                Some(data_text),
                Some(about),
                Some(mentions),
                Some(jobs),
            ) if errors.is_empty() => Ok(ArticleDraft {
                title,
                slug,
                kind,
                standfirst,
                body,
                author_name,
                source_url,
                categories,
                tags,
                data_text,
                about,
                mentions,
                jobs,
            }),
            _ => Err(errors),
        }
    }
}

/// The address a title suggests: as many of its whole words as fit in [`Slug::MAX_CHARS`].
pub fn slug_of_title(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    let mut best = String::new();
    for count in 1..=words.len() {
        let candidate = Slug::derive(&words[..count].join(" "));
        // `derive` cuts at the limit, possibly inside a word: only shorter candidates are whole words.
        if candidate.len() >= Slug::MAX_CHARS {
            break;
        }
        best = candidate;
    }
    if best.is_empty() {
        Slug::derive(title)
    } else {
        best
    }
}

/// A moment typed into a `datetime-local` field (`YYYY-MM-DDTHH:MM`, in UTC) as Unix seconds. Empty: none.
pub fn parse_moment(raw: &str) -> Result<Option<i64>, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let invalid = || {
        DomainError::new(
            "publish_at",
            "Enter a date and time such as 2026-12-01T09:00.",
        )
    };
    let (date, clock) = raw.split_once(['T', ' ']).ok_or_else(invalid)?;
    let day = crate::day::Day::parse_iso(date).ok_or_else(invalid)?;
    let mut parts = clock.split(':');
    let hour: i64 = parts
        .next()
        .and_then(|h| h.parse().ok())
        .ok_or_else(invalid)?;
    let minute: i64 = parts
        .next()
        .and_then(|m| m.parse().ok())
        .ok_or_else(invalid)?;
    let second: i64 = match parts.next() {
        Some(s) => s.parse().map_err(|_| invalid())?,
        None => 0,
    };
    if !(0..24).contains(&hour)
        || !(0..60).contains(&minute)
        || !(0..60).contains(&second)
        || parts.next().is_some()
    {
        return Err(invalid());
    }
    Ok(Some(day.start_unix() + hour * 3600 + minute * 60 + second))
}

/// Unix seconds as the value of a `datetime-local` field, in UTC.
pub fn format_moment(at: i64) -> String {
    let day = crate::day::Day::from_unix(at);
    let seconds = at.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}",
        day.iso(),
        seconds / 3600,
        seconds % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ArticleInput {
        ArticleInput {
            title: "New guidance on remote trial visits".into(),
            kind: "news".into(),
            standfirst: "The regulator sets out what sponsors must record when visits move online.".into(),
            body: "The guidance covers consent, data protection and how monitors check source documents remotely.".into(),
            author_name: "Ada Writer".into(),
            categories: vec!["clinical-research".into(), "regulatory-affairs".into()],
            tags: "Remote work, guidance,  remote   WORK".into(),
            ..ArticleInput::default()
        }
    }

    #[test]
    fn a_complete_form_parses_with_derived_slug_and_deduplicated_tags() {
        let draft = input().parse().unwrap();
        assert_eq!(draft.slug.as_str(), "new-guidance-on-remote-trial-visits");
        assert_eq!(
            draft
                .tags
                .iter()
                .map(|t| t.slug.as_str())
                .collect::<Vec<_>>(),
            ["remote-work", "guidance"]
        );
        assert_eq!(draft.tags[0].name, "remote work");
        assert_eq!(draft.kind, Kind::News);
        assert!(draft.source_url.is_none());
    }

    #[test]
    fn long_titles_give_addresses_of_whole_words() {
        let slug = slug_of_title(
            "Regulator consults on disclosing AI use in submission documents and more",
        );
        assert_eq!(
            slug,
            "regulator-consults-on-disclosing-ai-use-in-submission"
        );
        assert_eq!(slug_of_title("Short title"), "short-title");
    }

    #[test]
    fn every_problem_is_reported_next_to_its_field() {
        let errors = ArticleInput::default().parse().unwrap_err();
        for field in [
            "title",
            "kind",
            "standfirst",
            "body",
            "author_name",
            "categories",
        ] {
            assert!(errors.get(field).is_some(), "{field}: {errors}");
        }
    }

    #[test]
    fn a_source_must_be_http_or_https() {
        for bad in [
            "javascript:alert(1)",
            "ftp://files.example.org/a",
            "data:text/html,hi",
            "www.example.org",
        ] {
            let form = ArticleInput {
                source_url: bad.into(),
                ..input()
            };
            assert!(
                form.parse().unwrap_err().get("source_url").is_some(),
                "{bad}"
            );
        }
        let form = ArticleInput {
            source_url: "https://www.gov.example/guidance".into(),
            ..input()
        };
        assert_eq!(
            form.parse().unwrap().source_url.unwrap().domain(),
            "gov.example"
        );
    }

    #[test]
    fn an_infographic_needs_its_data_in_words() {
        let form = ArticleInput {
            kind: "infographic".into(),
            ..input()
        };
        assert!(form.parse().unwrap_err().get("data_text").is_some());
        let form = ArticleInput {
            data_text: "Vacancies rose from 120 in January to 180 in June.".into(),
            ..form
        };
        assert!(form.parse().is_ok());
    }

    #[test]
    fn tags_and_categories_are_bounded() {
        assert!(parse_tags("a").is_err());
        assert!(
            parse_tags(
                &(0..9)
                    .map(|i| format!("tag {i}"))
                    .collect::<Vec<_>>()
                    .join(",")
            )
            .is_err()
        );
        assert!(parse_tags("").unwrap().is_empty());
        let four: Vec<String> = crate::SECTORS[..4]
            .iter()
            .map(|s| s.slug.to_owned())
            .collect();
        assert!(parse_categories(&four).is_err());
        assert!(parse_categories(&[]).is_err());
    }

    #[test]
    fn moments_round_trip_in_utc() {
        let at = parse_moment("2026-12-01T09:30").unwrap().unwrap();
        assert_eq!(format_moment(at), "2026-12-01T09:30");
        assert_eq!(parse_moment("").unwrap(), None);
        for bad in [
            "2026-13-01T09:00",
            "2026-12-01",
            "2026-12-01T25:00",
            "tomorrow",
        ] {
            assert!(parse_moment(bad).is_err(), "{bad}");
        }
    }
}
