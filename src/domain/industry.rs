//! Ngành nghề được hưởng chính sách khuyến công (ND 45/2012 Điều 5), kept as dated data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One eligible industry of a dated list, with the document it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Industry {
    pub code: String,
    pub name: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub source: String,
}

impl Industry {
    /// True when the list entry is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date <= end)
    }
}
