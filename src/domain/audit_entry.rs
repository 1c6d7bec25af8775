//! One row of the audit log as read back: who changed which record when, old and new values.

/// One row of the audit log, as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub table_name: String,
    pub record_id: String,
    pub action: String,
    pub old: Option<serde_json::Value>,
    pub new: Option<serde_json::Value>,
}
