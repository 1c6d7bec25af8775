//! Chương trình khuyến công: the national programmes and the province's own.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A programme period a project belongs to. "Once per content per programme period" is judged
/// within it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub code: String,
    pub name: String,
    /// Approving decision, e.g. "QĐ 1881/QĐ-TTg ngày 20/11/2020".
    pub decision: String,
    /// None for a national programme; the province code for a local one.
    pub province_code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl Programme {
    /// True when `date` falls in the programme period.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date <= end)
    }
}
