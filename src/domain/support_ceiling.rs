//! Mức hỗ trợ: "tối đa X % chi phí nhưng không quá Y đồng/đơn vị" (DOMAIN.md §3.2), national
//! (TT 28/2018/TT-BTC) or provincial (NQ HĐND), each dated and with its source.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::funding_source::FundingSource;

/// What a ceiling's absolute cap is counted per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CapUnit {
    /// Per project (mô hình, lần bình chọn, cụm công nghiệp…): checked on the total support.
    PerProject,
    /// Per beneficiary establishment: checked on each beneficiary's share.
    PerEstablishment,
}

impl CapUnit {
    /// Stable stored code.
    pub fn code(self) -> &'static str {
        match self {
            CapUnit::PerProject => "de_an",
            CapUnit::PerEstablishment => "co_so",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<CapUnit> {
        match code {
            "de_an" => Some(CapUnit::PerProject),
            "co_so" => Some(CapUnit::PerEstablishment),
            _ => None,
        }
    }
}

/// One row of a support-level table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportCeiling {
    pub id: i64,
    /// Hạng mục hỗ trợ, e.g. "may_moc_thiet_bi"; a project names the item it is judged by.
    pub item_code: String,
    pub item_name: String,
    /// None: the national table; Some: a province's NQ HĐND.
    pub province_code: Option<String>,
    /// None: any source; Some: only projects funded from that source.
    pub source: Option<FundingSource>,
    /// Share of eligible cost, in basis points (3000 = 30 %).
    pub percent_bp: Option<i64>,
    /// Absolute cap in đồng.
    pub cap: Option<i64>,
    pub cap_unit: CapUnit,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// Legal source, e.g. "TT 28/2018/TT-BTC Điều 8 khoản 4".
    pub source_document: String,
}

impl SupportCeiling {
    /// The most support allowed for `eligible_cost`: min(percent × cost, cap), rounded down to
    /// the đồng; None when the row sets neither.
    pub fn limit_for(&self, eligible_cost: i64) -> Option<i64> {
        let by_percent = self
            .percent_bp
            .map(|bp| (i128::from(eligible_cost.max(0)) * i128::from(bp) / 10_000) as i64);
        match (by_percent, self.cap) {
            (Some(p), Some(c)) => Some(p.min(c)),
            (p, c) => p.or(c),
        }
    }

    /// True when the row is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date <= end)
    }

    /// The row that governs a project: same item, in force on the approval date, for the
    /// project's province (preferred) or national, for its source or any source (a row naming
    /// the source is preferred over one that does not).
    pub fn applicable<'a>(
        rows: &'a [SupportCeiling],
        item_code: &str,
        province_code: &str,
        source: FundingSource,
        approval_date: NaiveDate,
    ) -> Option<&'a SupportCeiling> {
        rows.iter()
            .filter(|r| {
                r.item_code == item_code
                    && r.in_force_on(approval_date)
                    && r.province_code
                        .as_deref()
                        .is_none_or(|p| p == province_code)
                    && r.source.is_none_or(|s| s == source)
            })
            // KCQG is national money: a province's NQ HĐND sets levels for its own budget.
            .filter(|r| source != FundingSource::Kcqg || r.province_code.is_none())
            .max_by_key(|r| (r.province_code.is_some(), r.source.is_some(), r.valid_from))
    }
}

/// One output indicator (chỉ tiêu kết quả) a project can report, with its unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub code: String,
    pub name: String,
    pub unit: String,
}
