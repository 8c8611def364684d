//! Moderation's vocabulary: the queues, the verdicts a moderator gives, the reasons for a refusal, and the rule
//! that makes a decision whole (a refusal names its reason, a request for changes says what). The browser runs the
//! same rule before the form is sent.

use serde::{Deserialize, Serialize};

use crate::{DomainError, FieldErrors};

/// The queues a moderator works through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Queue {
    Companies,
    CompanyEdits,
    Jobs,
    JobEdits,
    Articles,
    Reports,
}

impl Queue {
    /// Every queue, in the order the console lists them.
    pub const ALL: [Queue; 6] = [
        Queue::Companies,
        Queue::CompanyEdits,
        Queue::Jobs,
        Queue::JobEdits,
        Queue::Articles,
        Queue::Reports,
    ];

    /// The queue's part of the console's addresses.
    pub fn slug(self) -> &'static str {
        match self {
            Queue::Companies => "companies",
            Queue::CompanyEdits => "company-edits",
            Queue::Jobs => "jobs",
            Queue::JobEdits => "job-edits",
            Queue::Articles => "articles",
            Queue::Reports => "reports",
        }
    }

    /// The queue's heading.
    pub fn title(self) -> &'static str {
        match self {
            Queue::Companies => "New companies",
            Queue::CompanyEdits => "Company edits",
            Queue::Jobs => "New jobs",
            Queue::JobEdits => "Job edits",
            Queue::Articles => "Submitted stories",
            Queue::Reports => "Reports",
        }
    }

    /// The queue whose slug this is.
    pub fn find(slug: &str) -> Option<Queue> {
        Queue::ALL.into_iter().find(|queue| queue.slug() == slug)
    }

    /// What the queue's items are: `company`, `job` or `article` (reports are about any of them).
    pub fn kind(self) -> &'static str {
        match self {
            Queue::Companies | Queue::CompanyEdits => "company",
            Queue::Jobs | Queue::JobEdits => "job",
            Queue::Articles | Queue::Reports => "article",
        }
    }
}

/// What a moderator decides about an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The listing goes public (or the edit is applied).
    Approve,
    /// Refused, with a reason code.
    Reject,
    /// Sent back with a note saying what needs to change.
    Changes,
    /// A public company is taken out of the directory, with a reason code.
    Suspend,
    /// A suspended company comes back.
    Restore,
}

impl Verdict {
    /// The form's value and the second word of the audit action (`job.approve`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Approve => "approve",
            Verdict::Reject => "reject",
            Verdict::Changes => "changes",
            Verdict::Suspend => "suspend",
            Verdict::Restore => "restore",
        }
    }

    /// The verdict a form's value names.
    pub fn find(value: &str) -> Option<Verdict> {
        [
            Verdict::Approve,
            Verdict::Reject,
            Verdict::Changes,
            Verdict::Suspend,
            Verdict::Restore,
        ]
        .into_iter()
        .find(|verdict| verdict.as_str() == value)
    }
}

/// The reasons a moderator may give when refusing a listing (a company, a job, an edit or a story), with the words
/// the form and the mail show.
pub const REJECTION_REASONS: &[(&str, &str)] = &[
    ("incomplete", "Incomplete: important details are missing"),
    ("misleading", "Misleading or inaccurate"),
    ("duplicate", "A duplicate of another listing"),
    ("spam", "Spam"),
    ("not-allowed", "Not allowed on this site"),
];

/// The reason stored when a moderator asks for changes rather than refusing.
pub const CHANGES_REQUESTED: &str = "changes";

/// The words for a stored reason.
pub fn reason_label(code: &str) -> &str {
    if code == CHANGES_REQUESTED {
        return "Changes are needed";
    }
    REJECTION_REASONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, label)| label)
}

/// The longest note a moderator may write.
pub const NOTE_MAX: usize = 2000;

/// A moderator's decision, whole: the verdict, the reason code it stores, and the note its recipients read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub verdict: Verdict,
    /// The reason code stored with a refusal or suspension, or [`CHANGES_REQUESTED`].
    pub reason: Option<String>,
    /// Trimmed; may be empty except for a request for changes.
    pub note: String,
}

impl Decision {
    /// The decision a form describes: a verdict must be chosen, a refusal or suspension needs a reason code and
    /// a request for changes a note.
    pub fn parse(verdict: &str, reason: &str, note: &str) -> Result<Decision, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reason = reason.trim();
        let note = note.trim();
        if note.chars().count() > NOTE_MAX {
            errors.push(DomainError::new(
                "note",
                format!("Keep the note to {NOTE_MAX} characters."),
            ));
        }
        let verdict = Verdict::find(verdict.trim());
        let stored = match verdict {
            None => {
                errors.push(DomainError::new("decision", "Choose a decision."));
                None
            }
            Some(Verdict::Approve | Verdict::Restore) => None,
            Some(Verdict::Reject | Verdict::Suspend) => {
                if !REJECTION_REASONS.iter().any(|(code, _)| *code == reason) {
                    errors.push(DomainError::new(
                        "reason",
                        "Choose the reason for this decision.",
                    ));
                }
                Some(reason.to_owned())
            }
            Some(Verdict::Changes) => {
                if note.is_empty() {
                    errors.push(DomainError::new("note", "Say what needs to change."));
                }
                Some(CHANGES_REQUESTED.to_owned())
            }
        };
        match verdict {
            Some(verdict) if errors.is_empty() => Ok(Decision {
                verdict,
                reason: stored,
                note: note.to_owned(),
            }),
            _ => Err(errors),
        }
    }

    /// The stored reason code, if any.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(result: Result<Decision, FieldErrors>) -> Vec<String> {
        let errors = result.expect_err("refused");
        errors.0.iter().map(|e| e.field.clone()).collect()
    }

    #[test]
    fn a_decision_is_whole_or_names_what_is_missing() {
        assert_eq!(
            Decision::parse("approve", "", " fine ").unwrap(),
            Decision {
                verdict: Verdict::Approve,
                reason: None,
                note: "fine".into()
            }
        );
        assert_eq!(
            Decision::parse("reject", "spam", "").unwrap().reason(),
            Some("spam")
        );
        assert_eq!(
            Decision::parse("changes", "", "Add a salary.")
                .unwrap()
                .reason(),
            Some(CHANGES_REQUESTED)
        );
        assert_eq!(fields(Decision::parse("", "", "")), ["decision"]);
        assert_eq!(fields(Decision::parse("approve!", "", "")), ["decision"]);
        assert_eq!(fields(Decision::parse("reject", "rude", "")), ["reason"]);
        assert_eq!(fields(Decision::parse("suspend", "", "")), ["reason"]);
        assert_eq!(fields(Decision::parse("changes", "", "  ")), ["note"]);
        let long = "x".repeat(NOTE_MAX + 1);
        assert_eq!(fields(Decision::parse("approve", "", &long)), ["note"]);
    }

    #[test]
    fn queues_and_verdicts_are_found_by_the_words_they_are_sent_as() {
        for queue in Queue::ALL {
            assert_eq!(Queue::find(queue.slug()), Some(queue));
            let sent = serde_json::to_string(&queue).unwrap();
            assert_eq!(sent, format!("\"{}\"", queue.slug()));
        }
        assert_eq!(Queue::find("queue"), None);
        for verdict in ["approve", "reject", "changes", "suspend", "restore"] {
            assert_eq!(Verdict::find(verdict).unwrap().as_str(), verdict);
        }
    }
}
