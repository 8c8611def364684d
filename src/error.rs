use serde::{Deserialize, Serialize};

/// A value a person typed that cannot be accepted, with the field it belongs to and the reason in plain words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct DomainError {
    /// The form field's name, as in the HTML `name` attribute.
    pub field: String,
    /// What is wrong, written for the person filling in the form.
    pub message: String,
}

impl DomainError {
    /// An error for `field` explained by `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Every problem found in one submitted form, in the order of its fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<DomainError>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the error of a parse result and passes its value on.
    pub fn check<T>(&mut self, result: Result<T, DomainError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(error);
                None
            }
        }
    }

    /// Adds an error; a field keeps only its first one, which is what the form shows.
    pub fn push(&mut self, error: DomainError) {
        if self.get(&error.field).is_none() {
            self.0.push(error);
        }
    }

    /// The message for one field, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// True when the form was fine.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when there is nothing to report.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl From<DomainError> for FieldErrors {
    fn from(error: DomainError) -> Self {
        Self(vec![error])
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<_> = self.0.iter().map(|e| e.message.as_str()).collect();
        f.write_str(&parts.join(" "))
    }
}
