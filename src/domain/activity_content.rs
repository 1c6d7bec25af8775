//! Nội dung hoạt động khuyến công, as dated lists: ND 45/2012 Điều 4 (until 14/10/2025), the
//! content groups of QĐ 1881/QĐ-TTg (programme 2021–2025), and ND 235/2025 (from 15/10/2025).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One content item of one list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityContent {
    /// Stable code, e.g. "ND45-3", "QD1881-1", "ND235-2".
    pub code: String,
    /// Which list it belongs to, e.g. "NĐ 45/2012 Điều 4"; a project records it with the code.
    pub list_name: String,
    pub name: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub source: String,
    /// The wording is not yet confirmed against the official text (DOMAIN.md [P]/[U]).
    pub wording_unconfirmed: bool,
    /// Share of the KCQG support that may be advanced, in basis points (TT 36/2013: 30 % or
    /// 70 % depending on content); None when no rule is known.
    pub kcqg_advance_cap_bp: Option<i64>,
}

impl ActivityContent {
    /// True when the item is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date <= end)
    }
}
