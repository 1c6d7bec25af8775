//! One row of the project list, with the money the list totals.

use uuid::Uuid;

use crate::domain::funding_source::FundingSource;
use crate::domain::project_status::ProjectStatus;

/// One row of the project list.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectSummary {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub plan_year: i32,
    pub source: FundingSource,
    pub content_code: String,
    pub status: ProjectStatus,
    pub implementer: String,
    pub commune_codes: Vec<String>,
    /// Xã names joined for display and search.
    pub communes: String,
    /// Beneficiary names joined, for search.
    pub beneficiaries: String,
    pub total_cost: i64,
    pub support: i64,
    pub counterpart: i64,
    pub advanced: i64,
    pub disbursed: i64,
}
