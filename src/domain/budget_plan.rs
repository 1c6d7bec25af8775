//! Dự toán kinh phí khuyến công: what each source was given for a year, from which decision,
//! and every later change, dated and with its reason — never a silent edit.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::funding_source::FundingSource;

/// One allocation decision for a year and source (e.g. the KCĐP dự toán from the UBND tỉnh).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub id: Uuid,
    pub year: i32,
    pub source: FundingSource,
    pub decision_no: String,
    pub decision_date: NaiveDate,
    /// Cơ quan giao, e.g. "UBND tỉnh Thanh Hóa", "Bộ Công Thương".
    pub agency: String,
    /// Đồng.
    pub amount: i64,
    /// Optional envelope: only this activity content ("" = the whole source).
    pub content_code: String,
    /// Optional envelope: only this xã ("" = the whole source).
    pub commune_code: String,
}

/// Kind of change to a budget line over the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BudgetChangeKind {
    /// Bổ sung (adds).
    Supplement,
    /// Điều chỉnh giảm (removes).
    Reduction,
    /// Thu hồi (removes).
    Recall,
    /// Chuyển nguồn sang năm sau (removes from this year).
    CarryOver,
}

impl BudgetChangeKind {
    /// Every kind.
    pub const ALL: [BudgetChangeKind; 4] = [
        BudgetChangeKind::Supplement,
        BudgetChangeKind::Reduction,
        BudgetChangeKind::Recall,
        BudgetChangeKind::CarryOver,
    ];

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            BudgetChangeKind::Supplement => "Bổ sung",
            BudgetChangeKind::Reduction => "Điều chỉnh giảm",
            BudgetChangeKind::Recall => "Thu hồi",
            BudgetChangeKind::CarryOver => "Chuyển nguồn sang năm sau",
        }
    }

    /// Stable stored code.
    pub fn code(self) -> &'static str {
        match self {
            BudgetChangeKind::Supplement => "bo_sung",
            BudgetChangeKind::Reduction => "dieu_chinh_giam",
            BudgetChangeKind::Recall => "thu_hoi",
            BudgetChangeKind::CarryOver => "chuyen_nguon",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<BudgetChangeKind> {
        BudgetChangeKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// +1 for money added to the year, −1 for money taken away.
    pub fn sign(self) -> i64 {
        match self {
            BudgetChangeKind::Supplement => 1,
            _ => -1,
        }
    }
}

/// A dated change to a budget line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetChange {
    pub id: Uuid,
    pub line_id: Uuid,
    pub kind: BudgetChangeKind,
    pub date: NaiveDate,
    /// Always positive; `kind` gives the direction.
    pub amount: i64,
    pub decision_no: String,
    pub reason: String,
}

/// Money moved between two projects of the same source (điều chỉnh), recorded rather than
/// edited into history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reallocation {
    pub id: Uuid,
    pub date: NaiveDate,
    pub from_project: Uuid,
    pub to_project: Uuid,
    pub amount: i64,
    pub decision_no: String,
    pub reason: String,
}

impl BudgetLine {
    /// The line's amount after its changes up to and including `date`.
    pub fn amount_on(&self, changes: &[BudgetChange], date: NaiveDate) -> i64 {
        self.amount
            + changes
                .iter()
                .filter(|c| c.line_id == self.id && c.date <= date)
                .map(|c| c.kind.sign() * c.amount)
                .sum::<i64>()
    }
}
