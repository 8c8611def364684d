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

#[cfg(test)]
mod tests {
    use super::query_value;

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
