//! Turning what people type into a full-text query for either database. Words are letters and digits only, so
//! quotes and operators typed by people are never read as query syntax.

/// The words of a search, lowercased, at most eight of them.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        // Lowercasing can add marks that are not letters (İ becomes i and a combining dot): drop them too.
        .map(|w| {
            w.to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(8)
        .collect()
}

/// An SQLite FTS5 query: every word must match, the last one as a prefix so results come as you type.
pub fn fts5_query(words: &[String]) -> String {
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == last {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A PostgreSQL `to_tsquery('simple', …)` text with the same meaning as [`fts5_query`].
pub fn ts_query(words: &[String]) -> String {
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == last {
                format!("{w}:*")
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_and_quotes_are_never_syntax() {
        let typed = words("\"clinical\" OR trial* NEAR(x) -drug:1");
        assert_eq!(typed, ["clinical", "or", "trial", "near", "x", "drug", "1"]);
        assert_eq!(fts5_query(&typed[..2]), "\"clinical\" \"or\"*");
        assert_eq!(ts_query(&typed[..2]), "clinical & or:*");
        assert!(words(&"a ".repeat(5_000)).len() == 8);
    }
}
