//! A document attached to a project (a scanned decision, contract, minutes), copied beside the database.

use std::path::PathBuf;

use serde::Serialize;
use uuid::Uuid;

/// One attached file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub id: Uuid,
    pub project_id: Uuid,
    /// The name the user's file had.
    pub file_name: String,
    /// Where the copy lives.
    pub path: PathBuf,
    pub added_at: String,
}
