//! Phong bì kinh phí: a budget line given for one nội dung and/or one xã within its source,
//! checked against the support allocated to the matching projects.

use uuid::Uuid;

use crate::domain::funding_source::FundingSource;

/// How much of an envelope is allocated, and whether it is exceeded.
///
/// Lines of the same source, content and xã form one envelope (e.g. the original decision and
/// a later bổ sung), so their amounts are added before the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopeStatus {
    /// The budget lines making up the envelope, in input order.
    pub line_ids: Vec<Uuid>,
    /// The source the envelope sits in.
    pub source: FundingSource,
    /// Content code the envelope is for ("" = any content).
    pub content_code: String,
    /// Xã code the envelope is for ("" = any xã).
    pub commune_code: String,
    /// The envelope: its lines plus their changes up to the day of the balance.
    pub amount: i64,
    /// Support of the allocated matching projects after reallocations; for a xã envelope, each
    /// project's share in that xã (see `budget::split`).
    pub allocated: i64,
    /// True when more is allocated than the envelope holds.
    pub exceeded: bool,
    /// The allocated projects counted in `allocated`, in input order.
    pub project_ids: Vec<Uuid>,
}

impl EnvelopeStatus {
    /// What is left in the envelope; negative when exceeded.
    pub fn remaining(&self) -> i64 {
        self.amount - self.allocated
    }
}
