//! Why the domain refuses something asked of it (a move off the life cycle without a reason, a
//! report not complete enough to finalise, an impossible date): a typed error, in Vietnamese,
//! that the layers above pass on as it is.

/// A refusal by a domain rule; its text is shown to the user as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(String);

impl Refusal {
    /// The refusal's text.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl From<String> for Refusal {
    fn from(message: String) -> Refusal {
        Refusal(message)
    }
}

impl From<&str> for Refusal {
    fn from(message: &str) -> Refusal {
        Refusal(message.to_owned())
    }
}

/// The text reads like a `str` where a caller looks into it (`contains`, `starts_with`).
impl std::ops::Deref for Refusal {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}
