//! Turning what people type into the words of a search, and the synonym list editors keep. Words are letters and
//! digits only, so quotes and operators typed by people are never read as query syntax.

use crate::DomainError;

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

/// Phrases that mean the same in a search, such as "CRA" and "clinical research associate": a search for one
/// finds jobs that use any of them. Editors keep the list as text, one group a line, phrases separated by commas.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Synonyms {
    /// Each group's phrases, each phrase as its [`words`].
    groups: Vec<Vec<Vec<String>>>,
}

/// Groups a synonym list may hold.
pub const MAX_SYNONYM_GROUPS: usize = 500;
/// Phrases one group may hold.
pub const MAX_SYNONYM_PHRASES: usize = 10;
/// Words one phrase may hold.
pub const MAX_SYNONYM_WORDS: usize = 4;

/// The list a new site starts with.
pub const DEFAULT_SYNONYMS: &str = "\
CRA, clinical research associate
CRC, clinical research coordinator
drug safety, pharmacovigilance
QA, quality assurance
QC, quality control
RA, regulatory affairs
MSL, medical science liaison
CMC, chemistry manufacturing and controls
GMP, good manufacturing practice
HR, human resources
ML, machine learning
bioinformatician, computational biologist
";

impl Synonyms {
    /// Reads a list: one group a line, its phrases separated by commas. Blank lines and lines starting with `#` are
    /// skipped. The error names the first line that cannot be used.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let field = "synonyms";
        let mut groups = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let at =
                |problem: &str| DomainError::new(field, format!("Line {}: {problem}", number + 1));
            let mut group: Vec<Vec<String>> = Vec::new();
            for phrase in line.split(',') {
                let phrase_words = words(phrase);
                if phrase
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .count()
                    > MAX_SYNONYM_WORDS
                {
                    return Err(at(&format!(
                        "a phrase may have at most {MAX_SYNONYM_WORDS} words."
                    )));
                }
                if phrase_words.is_empty() {
                    return Err(at("every phrase between commas needs a word."));
                }
                if !group.contains(&phrase_words) {
                    group.push(phrase_words);
                }
            }
            if group.len() < 2 {
                return Err(at(
                    "a line needs at least two different phrases, separated by a comma.",
                ));
            }
            if group.len() > MAX_SYNONYM_PHRASES {
                return Err(at(&format!(
                    "a line may have at most {MAX_SYNONYM_PHRASES} phrases."
                )));
            }
            groups.push(group);
            if groups.len() > MAX_SYNONYM_GROUPS {
                return Err(DomainError::new(
                    field,
                    format!("The list may have at most {MAX_SYNONYM_GROUPS} lines."),
                ));
            }
        }
        Ok(Self { groups })
    }

    /// The list as editors write it.
    pub fn to_text(&self) -> String {
        self.groups
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|phrase| phrase.join(" "))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The groups, each a list of phrases, each phrase a list of words.
    pub fn groups(&self) -> &[Vec<Vec<String>>] {
        &self.groups
    }

    /// How the words of a search divide into concepts: each is either one word as typed or a phrase found in a
    /// group, with every phrase of that group. The longest phrase starting at a word wins.
    pub fn concepts<'a>(&'a self, typed: &'a [String]) -> Vec<Concept<'a>> {
        let mut concepts = Vec::new();
        let mut at = 0;
        while at < typed.len() {
            let longest = self
                .groups
                .iter()
                .flat_map(|group| group.iter().map(move |phrase| (group, phrase)))
                .filter(|(_, phrase)| typed[at..].starts_with(phrase))
                .max_by_key(|(_, phrase)| phrase.len());
            match longest {
                Some((group, phrase)) => {
                    concepts.push(Concept::Synonyms(group));
                    at += phrase.len();
                }
                None => {
                    concepts.push(Concept::Word(&typed[at]));
                    at += 1;
                }
            }
        }
        concepts
    }
}

/// One part of a search: a word, or a phrase that has synonyms (every phrase of its group).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Concept<'a> {
    Word(&'a str),
    Synonyms(&'a [Vec<String>]),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_synonyms_parse_and_phrases_are_found_longest_first() {
        let synonyms = Synonyms::parse(DEFAULT_SYNONYMS).unwrap();
        assert!(synonyms.groups().len() >= 10);
        let typed = words("Senior clinical research associate, London");
        let concepts = synonyms.concepts(&typed);
        assert_eq!(concepts.len(), 3);
        assert_eq!(concepts[0], Concept::Word("senior"));
        let Concept::Synonyms(group) = concepts[1] else {
            panic!("the phrase has synonyms: {concepts:?}");
        };
        assert!(group.contains(&vec!["cra".to_owned()]));
        assert_eq!(concepts[2], Concept::Word("london"));
        assert_eq!(Synonyms::parse(&synonyms.to_text()).unwrap(), synonyms);
    }

    #[test]
    fn unusable_synonym_lines_are_named() {
        for (text, line) in [
            ("cra", "Line 1"),
            ("# notes\ncra, cra", "Line 2"),
            ("a, b\nx, , y", "Line 2"),
            ("a, one two three four five", "Line 1"),
        ] {
            let error = Synonyms::parse(text).unwrap_err();
            assert_eq!(error.field, "synonyms");
            assert!(
                error.message.starts_with(line),
                "{text:?}: {}",
                error.message
            );
        }
        assert_eq!(
            Synonyms::parse("\n# nothing yet\n").unwrap().groups().len(),
            0
        );
    }

    #[test]
    fn operators_and_quotes_are_never_syntax() {
        let typed = words("\"clinical\" OR trial* NEAR(x) -drug:1");
        assert_eq!(typed, ["clinical", "or", "trial", "near", "x", "drug", "1"]);
        assert_eq!(fts5_query(&typed[..2]), "\"clinical\" \"or\"*");
        assert_eq!(ts_query(&typed[..2]), "clinical & or:*");
        assert!(words(&"a ".repeat(5_000)).len() == 8);
    }
}
