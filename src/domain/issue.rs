//! Validation findings: what is wrong, where, and how sure we are.

use serde::Serialize;

/// An error blocks saving; a warning is shown and may be saved over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One finding, attached to a form field by its key so the UI can show it beside the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub severity: Severity,
    /// Field key (see `EstablishmentField`), or "" for the whole record.
    pub field: &'static str,
    /// Stable machine name of the rule, used to count findings in `khuyencong check`.
    pub kind: &'static str,
    /// The message shown to the user, in Vietnamese.
    pub message: String,
}

impl Issue {
    /// An error (blocks saving).
    pub fn error(field: &'static str, kind: &'static str, message: impl Into<String>) -> Issue {
        Issue {
            severity: Severity::Error,
            field,
            kind,
            message: message.into(),
        }
    }

    /// A warning (may be saved).
    pub fn warning(field: &'static str, kind: &'static str, message: impl Into<String>) -> Issue {
        Issue {
            severity: Severity::Warning,
            field,
            kind,
            message: message.into(),
        }
    }
}

/// True when any finding is an error.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|i| i.severity == Severity::Error)
}
