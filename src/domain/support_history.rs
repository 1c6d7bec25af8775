//! What an establishment has received: one line per project that supported it.

use uuid::Uuid;

use crate::domain::funding_source::FundingSource;
use crate::domain::project_status::ProjectStatus;

/// One line of an establishment's support history.
#[derive(Debug, Clone, PartialEq)]
pub struct SupportHistoryLine {
    pub project_id: Uuid,
    pub project_code: String,
    pub project_name: String,
    pub plan_year: i32,
    pub content_code: String,
    pub source: FundingSource,
    pub status: ProjectStatus,
    pub support: i64,
}
