//! The site's own addresses: how a value is written into a query string, once for every page and mail.

/// `value` as one query-string value (`application/x-www-form-urlencoded`: a space is `+`, every byte but letters,
/// digits and `*-._` is percent-encoded), so that whatever a visitor typed stays one value of one parameter.
pub fn query_value(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// A job's address: its id, then its title.
pub fn job_href(id: i64, slug: &str) -> String {
    format!("/jobs/{id}-{slug}")
}

/// Whether the page at `path` is one where someone gets work done — a form, a dashboard, an account page or the
/// moderation console — rather than one they read. Such pages take the full width, without the sidebar's boxes.
pub fn is_work_page(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let first = segments.first().copied().unwrap_or_default();
    let last = segments.last().copied().unwrap_or_default();
    matches!(
        first,
        "admin"
            | "dashboard"
            | "account"
            | "saved-jobs"
            | "alerts"
            | "signin"
            | "register"
            | "password"
            | "verify-email"
            | "invitations"
    ) || (matches!(first, "companies" | "jobs" | "news")
        && match last {
            // `/news/{slug}/edit`, `/jobs/{id}/edit`, `/companies/{slug}/edit`: `/news/edit` is an article.
            "edit" => segments.len() >= 3,
            "new" | "desk" => segments.len() >= 2,
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::{is_work_page, query_value};

    #[test]
    fn forms_dashboards_and_the_console_are_work_pages() {
        for path in [
            "/admin",
            "/admin/audit",
            "/admin/users",
            "/dashboard",
            "/account",
            "/saved-jobs",
            "/alerts",
            "/signin",
            "/register",
            "/password/forgot",
            "/companies/new",
            "/companies/acme/edit",
            "/companies/acme/jobs/new",
            "/jobs/12-writer/edit",
            "/news/new",
            "/news/desk",
            "/news/a-story/edit",
        ] {
            assert!(is_work_page(path), "{path}");
        }
        for path in [
            "/",
            "/jobs",
            "/jobs/12-writer",
            "/companies",
            "/companies/acme",
            "/companies/acme/jobs",
            "/news",
            "/news/new-hires-at-acme",
            "/news/edit",
            "/infographics",
            "/tags/hiring",
            "/tags/new",
            "/categories/edit",
        ] {
            assert!(!is_work_page(path), "{path}");
        }
    }

    #[test]
    fn a_value_cannot_reach_beyond_its_parameter() {
        assert_eq!(query_value("nurse in leeds"), "nurse+in+leeds");
        assert_eq!(
            query_value("/jobs?q=a&sector=b#top"),
            "%2Fjobs%3Fq%3Da%26sector%3Db%23top"
        );
        assert_eq!(query_value("<b>Ltd</b>"), "%3Cb%3ELtd%3C%2Fb%3E");
        assert_eq!(query_value("Zürich"), "Z%C3%BCrich");
        let decoded: Vec<(String, String)> =
            form_urlencoded::parse(format!("q={}", query_value("a+b=c&d é")).as_bytes())
                .into_owned()
                .collect();
        assert_eq!(decoded, [("q".to_owned(), "a+b=c&d é".to_owned())]);
    }
}
