//! Property tests of the parsers that take what people type: the Markdown sanitiser, addresses (slugs), amounts
//! of money and the search-query builder. proptest feeds each property random and adversarial text and shrinks
//! any failure to a smallest case. `make test` runs 256 cases each; `make fuzz` sets `PROPTEST_CASES` far higher.

use proptest::prelude::*;

/// Text that mixes markup, scripts, entities, control characters and any Unicode.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[link](javascript:alert(1))",
        "[link](JaVaScRiPt:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<iframe src=//evil.example>",
        "<style>*{}</style>",
        "&lt;script&gt;",
        "![x](data:text/html;base64,PHNjcmlwdD4=)",
        "<div style=\"background:url(javascript:alert(1))\">",
        "\u{0}\u{1b}\u{202e}",
        "**bold** _it_ `code`\n\n# Heading\n\n> quote\n\n- item",
        "<<>>\"'&",
        "<scr<script>ipt>",
        "<a href='&#106;avascript:alert(1)'>x</a>",
        "<p onclick=alert(1)>x</p>",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_owned), any::<String>()],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

/// Whether rendered HTML has anything a browser would run: a script-bearing element, a script address or an event
/// handler in any tag. Text between tags is escaped by the renderer, so only tags need looking at.
#[cfg(feature = "render")]
fn runs_script(html: &str) -> Option<String> {
    let lower = html.to_lowercase();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e);
        let tag = &rest[start..end];
        let name: String = tag[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let dangerous_element = [
            "script", "iframe", "object", "embed", "svg", "style", "math", "base", "form",
        ]
        .contains(&name.as_str());
        let dangerous_address = ["javascript:", "vbscript:", "data:text/html"]
            .iter()
            .any(|a| tag.contains(a));
        let handler = tag
            .split(|c: char| c.is_whitespace() || c == '/' || c == '"' || c == '\'')
            .any(|word| word.starts_with("on") && word.contains('='));
        if dangerous_element || dangerous_address || handler {
            return Some(tag.to_owned());
        }
        rest = &rest[end..];
    }
    None
}

proptest! {
    #[cfg(feature = "render")]
    #[test]
    fn sanitised_markdown_never_runs_script(text in hostile_text()) {
        for html in [crate::markdown::to_safe_html(&text), crate::markdown::to_article_html(&text)] {
            prop_assert_eq!(runs_script(&html), None, "{}", html);
        }
        // Plain text is escaped wherever it is shown; it only has to come out.
        let _ = crate::markdown::to_plain_text(&text);
        let summary = crate::markdown::summary(&text, 160);
        prop_assert!(summary.chars().count() <= 161, "{}", summary);
    }

    #[test]
    fn derived_slugs_are_addresses(name in any::<String>()) {
        let slug = crate::company::Slug::derive(&name);
        prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", slug);
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{}", slug);
        let from_title = crate::article::slug_of_title(&name);
        prop_assert!(from_title.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", from_title);
        let job = crate::job::title_slug(&name);
        prop_assert!(job.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", job);
    }

    #[test]
    fn accepted_slugs_are_addresses(raw in any::<String>()) {
        if let Ok(slug) = crate::company::Slug::parse(&raw) {
            let text = slug.as_str();
            prop_assert!(!text.is_empty());
            prop_assert!(text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
    }

    #[test]
    fn amounts_are_in_range_or_refused(raw in prop_oneof![
        any::<String>(),
        "[0-9,._ kK]{0,30}",
        any::<i64>().prop_map(|n| format!("{n}k")),
        any::<u64>().prop_map(|n| n.to_string()),
    ]) {
        if let Ok(amount) = crate::job::parse_amount("salary_min", &raw) {
            prop_assert!((1..=100_000_000).contains(&amount), "{} from {:?}", amount, raw);
            prop_assert!(!crate::job::thousands(amount).is_empty());
            let _ = crate::job::salary_band(amount);
        }
    }

    #[test]
    fn search_queries_carry_no_syntax(text in hostile_text()) {
        let words = crate::search::words(&text);
        prop_assert!(words.len() <= 8);
        for word in &words {
            prop_assert!(!word.is_empty() && word.chars().all(char::is_alphanumeric), "{:?}", word);
        }
        let fts = crate::search::fts5_query(&words);
        prop_assert!(fts.chars().all(|c| c.is_alphanumeric() || matches!(c, '"' | '*' | ' ')), "{}", fts);
        prop_assert_eq!(fts.matches('"').count(), words.len() * 2);
        let ts = crate::search::ts_query(&words);
        prop_assert!(ts.chars().all(|c| c.is_alphanumeric() || matches!(c, '&' | ':' | '*' | ' ')), "{}", ts);
    }
}
