//! Markdown written by users (job descriptions, company profiles) turned into HTML that is safe to show, and into
//! plain text for search indexes and summaries.
//!
//! Rendering happens in two passes. pulldown-cmark parses the Markdown; on the way through, raw HTML and images are
//! dropped, headings are demoted below the page's own `<h1>` and renderer-generated classes and styles are left out.
//! Then ammonia, configured here tag by tag and attribute by attribute, sanitises the result. The ammonia pass is
//! the security boundary: it alone must be enough, whatever the first pass lets through.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

/// The only elements that may appear in rendered Markdown.
const ALLOWED_TAGS: [&str; 22] = [
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "del",
    "blockquote",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];

/// The URL schemes a link may use. Relative URLs are removed as well.
const ALLOWED_URL_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The `rel` that every link gets: user-generated, not endorsed, and no access to this page from the one it opens.
const LINK_REL: &str = "nofollow ugc noopener";

/// The sanitiser, built once: its configuration never changes.
static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(sanitizer);

/// Renders user-written Markdown to HTML that is safe to insert into a page as-is.
///
/// Supports CommonMark plus tables and ~~strikethrough~~. Raw HTML in the Markdown is dropped, images are reduced
/// to their alt text, `#` headings become `<h2>`, `##` become `<h3>` and deeper ones `<h4>`. Links keep their
/// `href` only for `http`, `https` and `mailto` URLs (anything else, relative URLs included, loses it) and always
/// carry `rel="nofollow ugc noopener"`; link titles are dropped. The same input always gives the same output.
pub fn to_safe_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, parser_options()).filter_map(harden);
    let mut rendered = String::with_capacity(markdown.len().saturating_mul(3) / 2);
    html::push_html(&mut rendered, events);
    sanitize(&rendered)
}

/// Renders a whole article's Markdown like [`to_safe_html`], except that its headings are placed under the page's
/// `<h1>` by their rank in the text: the highest level the writer used becomes `<h2>`, the next `<h3>`, deeper ones
/// `<h4>`. A writer who starts sections with `##` gets the same outline as one who starts them with `#`.
pub fn to_article_html(markdown: &str) -> String {
    let top = Parser::new_ext(markdown, parser_options())
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let events = Parser::new_ext(markdown, parser_options())
        .map(move |event| match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: rank(level, top),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(rank(level, top))),
            other => other,
        })
        .filter_map(harden);
    let mut rendered = String::with_capacity(markdown.len().saturating_mul(3) / 2);
    html::push_html(&mut rendered, events);
    sanitize(&rendered)
}

/// The level that, after [`demote`], puts a heading of `level` at its rank below `top`.
fn rank(level: HeadingLevel, top: usize) -> HeadingLevel {
    match (level as usize).saturating_sub(top) {
        0 => HeadingLevel::H1,
        1 => HeadingLevel::H2,
        _ => HeadingLevel::H3,
    }
}

/// Plain text of the Markdown (for search indexes, meta descriptions, one-line summaries): no markup, whitespace
/// collapsed to single spaces, trimmed.
///
/// Entities are decoded (`&amp;` gives `&`), so the result is text, not HTML: escape it like any other text when
/// putting it into a page. Raw HTML is dropped, as it is by [`to_safe_html`]; link and image destinations are left
/// out and their text kept.
pub fn to_plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, parser_options()) {
        match event {
            Event::Text(chunk) | Event::Code(chunk) => text.push_str(&chunk),
            // Block boundaries and line breaks separate words; inline markup (emphasis, links) does not.
            Event::SoftBreak | Event::HardBreak | Event::Rule => text.push(' '),
            Event::Start(tag) if !is_inline(&tag.to_end()) => text.push(' '),
            Event::End(tag) if !is_inline(&tag) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max_chars` characters of the plain text, cut at a word boundary with "…" appended when cut.
///
/// Text of at most `max_chars` characters comes back whole. Otherwise the cut goes back to the last space within
/// the limit, drops any trailing `,`, `;`, `:` or dash, and appends "…" (which is not counted in `max_chars`); a
/// single word longer than the limit is cut inside the word. Characters are Unicode scalar values, so multi-byte
/// text is never split inside a character.
pub fn summary(markdown: &str, max_chars: usize) -> String {
    truncate_at_word(&to_plain_text(markdown), max_chars)
}

/// The Markdown extensions users may write.
fn parser_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Rewrites one parser event before rendering: drops raw HTML and images, demotes headings and strips what would
/// become `id`, `class` or `style` attributes.
fn harden(event: Event<'_>) -> Option<Event<'_>> {
    match event {
        // Raw HTML never reaches the output, not even escaped.
        Event::Html(_)
        | Event::InlineHtml(_)
        | Event::Start(Tag::HtmlBlock)
        | Event::End(TagEnd::HtmlBlock) => None,
        // An image becomes its alt text, which the parser delivers as ordinary text events between these two.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        // A fenced block's language would become a class.
        Event::Start(Tag::CodeBlock(_)) => {
            Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)))
        }
        // Column alignment would become a style.
        Event::Start(Tag::Table(alignments)) => {
            let columns = alignments.len();
            Some(Event::Start(Tag::Table(vec![Alignment::None; columns])))
        }
        other => Some(other),
    }
}

/// The heading level to render for a Markdown heading: the page owns `<h1>`, and levels below `<h4>` are merged.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 | HeadingLevel::H4 | HeadingLevel::H5 | HeadingLevel::H6 => {
            HeadingLevel::H4
        }
    }
}

/// Whether a tag is inline, so that its boundaries do not separate words in plain text.
fn is_inline(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The ammonia configuration, spelled out in full rather than relying on its defaults.
fn sanitizer() -> Builder<'static> {
    let mut builder = Builder::empty();
    builder
        .tags(ALLOWED_TAGS.into_iter().collect())
        // Removed together with their content should they ever appear (they are not allowed tags).
        .clean_content_tags(HashSet::from(["script", "style"]))
        .generic_attributes(HashSet::new())
        .generic_attribute_prefixes(HashSet::new())
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href"])),
            ("ol", HashSet::from(["start"])),
        ]))
        .tag_attribute_values(HashMap::new())
        .set_tag_attribute_values(HashMap::new())
        .allowed_classes(HashMap::new())
        .url_schemes(ALLOWED_URL_SCHEMES.into_iter().collect())
        .url_relative(UrlRelative::Deny)
        .link_rel(Some(LINK_REL))
        .id_prefix(None)
        .strip_comments(true);
    builder
}

/// The final pass: whatever HTML comes in, only the allowed tags, attributes and URLs come out.
fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Cuts `text` to at most `max_chars` characters at a word boundary, appending "…" when anything was cut.
fn truncate_at_word(text: &str, max_chars: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max_chars) else {
        return text.to_owned();
    };
    let (head, rest) = text.split_at(cut);
    let kept = if rest.starts_with(char::is_whitespace) {
        head
    } else {
        head.rfind(char::is_whitespace)
            .map_or(head, |space| &head[..space])
    };
    let kept = kept.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—')
    });
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One tag of sanitised output: name (with a leading `/` for end tags), attributes, and the tag as written.
    #[derive(Debug)]
    struct OutputTag {
        name: String,
        attrs: Vec<(String, String)>,
        raw: String,
    }

    /// Splits serialised HTML (as html5ever writes it: lower-case names, double-quoted values) into its tags.
    /// Every `<` starts a tag, so text can hide nothing: html5ever escapes `<` in text as `&lt;`.
    fn tags_of(html: &str) -> Vec<OutputTag> {
        let mut tags = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find('<') {
            let after = &rest[start + 1..];
            let mut in_quotes = false;
            let mut end = None;
            for (i, c) in after.char_indices() {
                match c {
                    '"' => in_quotes = !in_quotes,
                    '>' if !in_quotes => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let end = end.unwrap_or_else(|| panic!("unterminated tag in {html:?}"));
            let inner = &after[..end];
            tags.push(parse_tag(inner));
            rest = &after[end + 1..];
        }
        tags
    }

    fn parse_tag(inner: &str) -> OutputTag {
        let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
        let name = inner[..name_end].trim_end_matches('/').to_owned();
        let mut attrs = Vec::new();
        let mut rest = inner[name_end..].trim_start();
        while !rest.is_empty() && rest != "/" {
            let key_end = rest
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(rest.len());
            let key = rest[..key_end].to_owned();
            rest = &rest[key_end..];
            let value = if let Some(quoted) = rest.strip_prefix("=\"") {
                let close = quoted
                    .find('"')
                    .unwrap_or_else(|| panic!("unterminated value in <{inner}>"));
                let value = quoted[..close].to_owned();
                rest = &quoted[close + 1..];
                value
            } else {
                assert!(
                    !rest.starts_with('='),
                    "unquoted attribute value in <{inner}>"
                );
                String::new()
            };
            attrs.push((key, value));
            rest = rest.trim_start();
        }
        OutputTag {
            name,
            attrs,
            raw: format!("<{inner}>"),
        }
    }

    /// Markup that must never appear in the output, even as the start of a tag.
    const FORBIDDEN_MARKUP: [&str; 20] = [
        "<script",
        "<iframe",
        "<svg",
        "<style",
        "<object",
        "<embed",
        "<img",
        "<form",
        "<input",
        "<button",
        "<math",
        "<details",
        "<base",
        "<meta",
        "<link",
        "<body",
        "<textarea",
        "<noscript",
        "<h1",
        "<div",
    ];

    /// Substrings that must not appear inside any tag of the output.
    const FORBIDDEN_IN_TAGS: [&str; 14] = [
        "javascript:",
        "vbscript:",
        "data:",
        "onerror",
        "onload",
        "onclick",
        "onmouseover",
        "ontoggle",
        "onfocus",
        "onbegin",
        "style",
        "class",
        "target",
        "src",
    ];

    /// Asserts that the rendering of `payload` is inert: only allowed tags and attributes, only safe URLs.
    fn assert_inert(payload: &str) -> String {
        let html = to_safe_html(payload);
        let lower = html.to_ascii_lowercase();
        for needle in FORBIDDEN_MARKUP {
            assert!(
                !lower.contains(needle),
                "{needle:?} in output for {payload:?}: {html:?}"
            );
        }
        for tag in tags_of(&html) {
            let bare = tag.name.trim_start_matches('/');
            assert!(
                ALLOWED_TAGS.contains(&bare),
                "tag {:?} not allowed, for {payload:?}: {html:?}",
                tag.raw
            );
            let raw = tag.raw.to_ascii_lowercase();
            for needle in FORBIDDEN_IN_TAGS {
                assert!(
                    !raw.contains(needle),
                    "{needle:?} inside tag {raw:?} for {payload:?}: {html:?}"
                );
            }
            for (key, value) in &tag.attrs {
                match (bare, key.as_str()) {
                    ("a", "href") => {
                        let href = value.to_ascii_lowercase();
                        assert!(
                            href.starts_with("http://")
                                || href.starts_with("https://")
                                || href.starts_with("mailto:"),
                            "unsafe href {value:?} for {payload:?}: {html:?}"
                        );
                    }
                    ("a", "rel") => assert_eq!(value, LINK_REL, "for {payload:?}"),
                    ("ol", "start") => assert!(
                        value.chars().all(|c| c.is_ascii_digit()),
                        "odd start {value:?} for {payload:?}"
                    ),
                    _ => panic!("attribute {key:?} on {bare:?} for {payload:?}: {html:?}"),
                }
            }
            if bare == "a" && !tag.name.starts_with('/') {
                assert!(
                    tag.attrs.iter().any(|(k, v)| k == "rel" && v == LINK_REL),
                    "link without rel for {payload:?}: {html:?}"
                );
            }
        }
        html
    }

    const XSS_PAYLOADS: [&str; 56] = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.test/x.js></SCRIPT>",
        "text <script>alert(1)</script> more",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "*<img src=x onerror=alert(1)>*",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[x](&#x6A;avascript&#x3A;alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](%6A%61%76%61script:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x]( javascript:alert(1) )",
        "[x](javascript://%0aalert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](DATA:text/html,<script>alert(1)</script>)",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<data:text/html,alert(1)>",
        "[x][evil]\n\n[evil]: javascript:alert(1)",
        "[evil]\n\n[evil]: data:text/html;base64,PHNjcmlwdD4=",
        "[x][evil]\n\n[evil]: <javascript:alert(1)> \"title\"",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"https://ok.test\" onclick=\"alert(1)\" target=\"_blank\">x</a>",
        "<svg onload=alert(1)>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "> <iframe srcdoc=\"<script>alert(1)</script>\">",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<math href=\"javascript:alert(1)\">x</math>",
        "<details open ontoggle=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "<body onload=alert(1)>",
        "<base href=\"javascript:alert(1)//\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<div><p><script>alert(1)",
        "<scr<script>ipt>alert(1)</script>",
        "<<script>script>alert(1)<</script>/script>",
        "<!-- --><script>alert(1)</script> -->",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<textarea><script>alert(1)</script></textarea>",
        "[a](https://x.test\" onmouseover=\"alert(1))",
        "[a](https://x.test \"title\\\" onmouseover=\\\"alert(1)\")",
        "![x](javascript:alert(1))",
        "![x](https://x.test/a.png\" onerror=\"alert(1))",
        "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    ];

    #[test]
    fn tag_scanner_sees_every_tag_and_attribute() {
        let tags = tags_of(
            "<p>a &lt;b&gt; <a href=\"https://x.test/?q=&quot;>&quot;\" rel=\"r\">c</a><br></p>",
        );
        let names: Vec<&str> = tags.iter().map(|tag| tag.name.as_str()).collect();
        assert_eq!(names, ["p", "a", "/a", "br", "/p"]);
        assert_eq!(
            tags[1].attrs,
            [
                (
                    "href".to_owned(),
                    "https://x.test/?q=&quot;>&quot;".to_owned()
                ),
                ("rel".to_owned(), "r".to_owned()),
            ]
        );
    }

    #[test]
    fn xss_corpus_renders_inert() {
        assert!(XSS_PAYLOADS.len() >= 25);
        for payload in XSS_PAYLOADS {
            assert_inert(payload);
        }
    }

    #[test]
    fn xss_corpus_inside_other_markdown_renders_inert() {
        for payload in XSS_PAYLOADS {
            assert_inert(&format!(
                "# Heading\n\n- item {payload}\n\n> {payload}\n\n**{payload}**"
            ));
        }
    }

    #[test]
    fn script_blocks_disappear_entirely() {
        assert_eq!(to_safe_html("<script>alert(1)</script>"), "");
        assert_eq!(to_safe_html("<img src=x onerror=alert(1)>"), "");
        assert_eq!(to_safe_html("<svg onload=alert(1)>"), "");
    }

    #[test]
    fn javascript_links_lose_their_href() {
        for payload in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java&#x09;script:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](vbscript:msgbox(1))",
            "[x](data:text/html,hi)",
            "[x][evil]\n\n[evil]: javascript:alert(1)",
        ] {
            assert_eq!(
                to_safe_html(payload),
                "<p><a rel=\"nofollow ugc noopener\">x</a></p>\n",
                "for {payload:?}"
            );
        }
    }

    #[test]
    fn attribute_breakout_stays_text() {
        let html = to_safe_html("[a](https://x.test\" onmouseover=\"alert(1))");
        assert_eq!(
            html,
            "<p>[a](https://x.test\" onmouseover=\"alert(1))</p>\n"
        );
    }

    #[test]
    fn inline_raw_html_is_dropped_not_escaped() {
        assert_eq!(
            to_safe_html("Hello <b onclick=\"x\">world</b>"),
            "<p>Hello world</p>\n"
        );
        assert_eq!(
            to_safe_html("<a href=\"https://ok.test\" target=\"_blank\">x</a>"),
            "<p>x</p>\n"
        );
    }

    #[test]
    fn article_headings_start_at_h2_whatever_level_the_writer_began_with() {
        let html = to_article_html(
            "Intro\n\n## Section\n\nText\n\n### Sub\n\n#### Deeper\n\n##### Deepest",
        );
        assert!(html.contains("<h2>Section</h2>"), "{html}");
        assert!(html.contains("<h3>Sub</h3>"), "{html}");
        assert!(
            html.contains("<h4>Deeper</h4>") && html.contains("<h4>Deepest</h4>"),
            "{html}"
        );
        assert_eq!(to_article_html("# One"), "<h2>One</h2>\n");
        assert!(
            !to_article_html("<script>alert(1)</script>\n\n[x](javascript:alert(1))")
                .contains("javascript")
        );
    }

    #[test]
    fn sanitizer_alone_neutralises_hostile_html() {
        let hostile = "<h1 id=\"i\" class=\"c\" style=\"color:red\">t</h1>\
            <a href=\"javascript:alert(1)\" onclick=\"x\" target=\"_blank\" rel=\"opener\">x</a>\
            <a href=\"/relative\">r</a><a href=\"//evil.test\">p</a>\
            <img src=\"https://x.test/a.png\"><script>alert(1)</script><style>p{}</style>\
            <iframe src=\"https://x.test\"></iframe><!-- comment --><p onmouseover=\"x\">p</p>";
        assert_eq!(
            sanitize(hostile),
            "t<a rel=\"nofollow ugc noopener\">x</a><a rel=\"nofollow ugc noopener\">r</a>\
             <a rel=\"nofollow ugc noopener\">p</a><p>p</p>"
        );
    }

    #[test]
    fn headings_are_demoted() {
        assert_eq!(to_safe_html("# Title"), "<h2>Title</h2>\n");
        assert_eq!(to_safe_html("## Section"), "<h3>Section</h3>\n");
        assert_eq!(to_safe_html("### Part"), "<h4>Part</h4>\n");
        assert_eq!(to_safe_html("#### Deeper"), "<h4>Deeper</h4>\n");
        assert_eq!(to_safe_html("###### Deepest"), "<h4>Deepest</h4>\n");
        assert_eq!(to_safe_html("Title\n=====\n"), "<h2>Title</h2>\n");
        assert_eq!(to_safe_html("Section\n-------\n"), "<h3>Section</h3>\n");
    }

    #[test]
    fn lists_render() {
        assert_eq!(
            to_safe_html("- one\n- two\n"),
            "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        );
        assert_eq!(
            to_safe_html("1. one\n2. two\n"),
            "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"
        );
        assert_eq!(
            to_safe_html("3. three\n4. four\n"),
            "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n"
        );
    }

    #[test]
    fn emphasis_renders() {
        assert_eq!(
            to_safe_html("*em* **strong** ~~gone~~ `code`"),
            "<p><em>em</em> <strong>strong</strong> <del>gone</del> <code>code</code></p>\n"
        );
    }

    #[test]
    fn code_blocks_render_without_language_class() {
        assert_eq!(
            to_safe_html("```rust\nfn main() { let a = 1 < 2; }\n```\n"),
            "<pre><code>fn main() { let a = 1 &lt; 2; }\n</code></pre>\n"
        );
        assert_eq!(
            to_safe_html("    <script>alert(1)</script>\n"),
            "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn tables_render_without_alignment_styles() {
        let html = to_safe_html("| Role | Pay |\n|:-----|----:|\n| Dev | 100 |\n");
        assert_eq!(
            html,
            "<table><thead><tr><th>Role</th><th>Pay</th></tr></thead><tbody>\n\
             <tr><td>Dev</td><td>100</td></tr>\n</tbody></table>\n"
        );
    }

    #[test]
    fn blockquotes_rules_and_breaks_render() {
        assert_eq!(
            to_safe_html("> quoted\n\n---\n\nline  \nbreak"),
            "<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr>\n<p>line<br>\nbreak</p>\n"
        );
    }

    #[test]
    fn https_link_gets_exactly_the_rel() {
        assert_eq!(
            to_safe_html("[jobs](https://example.com/jobs?page=2&sort=new)"),
            "<p><a href=\"https://example.com/jobs?page=2&amp;sort=new\" rel=\"nofollow ugc noopener\">jobs</a></p>\n"
        );
        assert_eq!(
            to_safe_html("<https://example.com>"),
            "<p><a href=\"https://example.com\" rel=\"nofollow ugc noopener\">https://example.com</a></p>\n"
        );
        let html = to_safe_html("[x](http://example.com \"A title\")");
        assert_eq!(
            html,
            "<p><a href=\"http://example.com\" rel=\"nofollow ugc noopener\">x</a></p>\n"
        );
        assert!(!html.contains("target"));
    }

    #[test]
    fn mailto_links_work() {
        assert_eq!(
            to_safe_html("[Apply](mailto:jobs@example.com)"),
            "<p><a href=\"mailto:jobs@example.com\" rel=\"nofollow ugc noopener\">Apply</a></p>\n"
        );
        assert_eq!(
            to_safe_html("<jobs@example.com>"),
            "<p><a href=\"mailto:jobs@example.com\" rel=\"nofollow ugc noopener\">jobs@example.com</a></p>\n"
        );
    }

    #[test]
    fn other_schemes_and_relative_links_lose_their_href() {
        for payload in [
            "[x](ftp://example.com)",
            "[x](tel:+441234)",
            "[x](/jobs/1)",
            "[x](//evil.test)",
            "[x](#top)",
        ] {
            assert_eq!(
                to_safe_html(payload),
                "<p><a rel=\"nofollow ugc noopener\">x</a></p>\n",
                "for {payload:?}"
            );
        }
    }

    #[test]
    fn images_become_alt_text() {
        assert_eq!(
            to_safe_html("![Team photo](https://example.com/team.png)"),
            "<p>Team photo</p>\n"
        );
        assert_eq!(
            to_safe_html("[![logo](https://example.com/l.png)](https://example.com)"),
            "<p><a href=\"https://example.com\" rel=\"nofollow ugc noopener\">logo</a></p>\n"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            to_safe_html("AT&T <3 \"quotes\" & 1 < 2"),
            "<p>AT&amp;T &lt;3 \"quotes\" &amp; 1 &lt; 2</p>\n"
        );
        assert_eq!(to_safe_html(""), "");
    }

    #[test]
    fn output_is_deterministic() {
        let markdown = "# T\n\n| a | b |\n|---|---|\n| [x](https://x.test \"t\") | *y* |\n\n\
                        3. one\n\n<script>x</script>\n\n[m](mailto:a@b.test)";
        let first = to_safe_html(markdown);
        for _ in 0..20 {
            assert_eq!(to_safe_html(markdown), first);
        }
        assert_inert(markdown);
    }

    #[test]
    fn plain_text_strips_markup() {
        assert_eq!(
            to_plain_text(
                "# Title\n\nSome *emphasis* and **strong** text with a [link](https://x.test)."
            ),
            "Title Some emphasis and strong text with a link."
        );
        assert_eq!(to_plain_text("Hello <b>world</b>"), "Hello world");
        assert_eq!(to_plain_text("<script>alert(1)</script>"), "");
        assert_eq!(
            to_plain_text("`x` ~~y~~ ![alt](https://x.test/a.png)"),
            "x y alt"
        );
        assert_eq!(to_plain_text("AT&amp;T"), "AT&T");
        assert_eq!(to_plain_text("foo[bar](https://x.test)baz"), "foobarbaz");
    }

    #[test]
    fn plain_text_separates_blocks() {
        assert_eq!(to_plain_text("- one\n- two"), "one two");
        assert_eq!(to_plain_text("# A\nB"), "A B");
        assert_eq!(to_plain_text("| a | b |\n|---|---|\n| c | d |"), "a b c d");
        assert_eq!(to_plain_text("> quote\n\n---\n\nafter"), "quote after");
        assert_eq!(
            to_plain_text("```\nfn a() {}\n\nfn b() {}\n```"),
            "fn a() {} fn b() {}"
        );
    }

    #[test]
    fn plain_text_collapses_whitespace_and_trims() {
        assert_eq!(to_plain_text("a\n\n\n   b\t\tc"), "a b c");
        assert_eq!(to_plain_text("  \n hi \n "), "hi");
        assert_eq!(to_plain_text("line  \nbreak"), "line break");
        assert_eq!(to_plain_text(""), "");
        assert_eq!(to_plain_text("   \n\n\t"), "");
    }

    #[test]
    fn summary_leaves_short_text_alone() {
        assert_eq!(summary("Hello world", 50), "Hello world");
        assert_eq!(summary("Hello world", 11), "Hello world");
        assert_eq!(summary("**Hello**   world", 11), "Hello world");
        assert_eq!(summary("", 10), "");
    }

    #[test]
    fn summary_cuts_at_a_word_boundary() {
        assert_eq!(summary("The quick brown fox jumps", 12), "The quick…");
        assert_eq!(summary("The quick brown fox", 9), "The quick…");
        assert_eq!(summary("The quick brown fox", 10), "The quick…");
        assert_eq!(summary("One, two, three", 8), "One…");
        assert_eq!(summary("# Title\n\n**Bold** text here", 10), "Title Bold…");
    }

    #[test]
    fn summary_cuts_a_long_word_inside_it() {
        assert_eq!(summary("Supercalifragilistic", 5), "Super…");
        assert_eq!(summary("abc", 0), "…");
    }

    #[test]
    fn summary_counts_characters_not_bytes() {
        assert_eq!(summary("Café crème brûlée au chocolat", 12), "Café crème…");
        assert_eq!(summary("ééééé ééééé", 7), "ééééé…");
        let long = "word ".repeat(100);
        let cut = summary(&long, 42);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= 43);
        assert!(!cut.contains("  "));
    }
}
