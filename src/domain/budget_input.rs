//! What staff type to record a dự toán line, a change of one, or a reallocation between two
//! projects, and the rules that input must meet before it becomes a record: the same for the
//! Kế hoạch & cân đối screen and, later, for imports.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::budget_plan::{BudgetChange, BudgetChangeKind, BudgetLine, Reallocation};
use crate::domain::funding_source::FundingSource;
use crate::domain::issue::Issue;
use crate::domain::money::MAX_AMOUNT;
use crate::text::fold::nfc;
use crate::text::format_dong;

/// Field keys of the budget inputs, so each message can be drawn by its field.
pub mod budget_field {
    pub const LINE_DECISION: &str = "du_toan.so_quyet_dinh";
    pub const LINE_DATE: &str = "du_toan.ngay";
    pub const LINE_AMOUNT: &str = "du_toan.so_tien";
    pub const CHANGE_LINE: &str = "thay_doi.du_toan";
    pub const CHANGE_DATE: &str = "thay_doi.ngay";
    pub const CHANGE_AMOUNT: &str = "thay_doi.so_tien";
    pub const CHANGE_REASON: &str = "thay_doi.ly_do";
    pub const MOVE_FROM: &str = "dieu_chinh.tu_de_an";
    pub const MOVE_TO: &str = "dieu_chinh.sang_de_an";
    pub const MOVE_DATE: &str = "dieu_chinh.ngay";
    pub const MOVE_AMOUNT: &str = "dieu_chinh.so_tien";
    pub const MOVE_REASON: &str = "dieu_chinh.ly_do";
}

use budget_field as field;

/// A dự toán line as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLineInput {
    pub year: i32,
    pub source: FundingSource,
    pub decision_no: String,
    pub decision_date: Option<NaiveDate>,
    pub agency: String,
    pub amount: i64,
}

/// A change of a dự toán line as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetChangeInput {
    pub line_id: Option<Uuid>,
    pub kind: BudgetChangeKind,
    pub date: Option<NaiveDate>,
    pub amount: i64,
    pub decision_no: String,
    pub reason: String,
}

/// A reallocation as typed: each project by the code typed and, when found, its identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReallocationInput {
    pub from: (String, Option<Uuid>),
    pub to: (String, Option<Uuid>),
    pub date: Option<NaiveDate>,
    pub amount: i64,
    pub decision_no: String,
    pub reason: String,
}

fn positive(amount: i64, key: &'static str, what: &str, out: &mut Vec<Issue>) {
    if amount <= 0 {
        out.push(Issue::error(
            key,
            "so_tien_khong_duong",
            format!("{what}: số tiền phải lớn hơn 0."),
        ));
    } else if amount > MAX_AMOUNT {
        // Beyond it a typing slip (a few zeros too many) would be summed into every total.
        out.push(Issue::error(
            key,
            "so_tien_vuot_gioi_han",
            format!(
                "{what}: số tiền {} vượt giới hạn {} của một khoản.",
                format_dong(amount),
                format_dong(MAX_AMOUNT)
            ),
        ));
    }
}

impl BudgetLineInput {
    /// The line, or every reason it cannot be recorded.
    pub fn into_line(self) -> Result<BudgetLine, Vec<Issue>> {
        let mut out = Vec::new();
        if self.decision_no.trim().is_empty() {
            out.push(Issue::error(
                field::LINE_DECISION,
                "thieu_so_quyet_dinh",
                "Dự toán: nhập số quyết định giao.",
            ));
        }
        positive(self.amount, field::LINE_AMOUNT, "Dự toán", &mut out);
        if self.decision_date.is_none() {
            out.push(Issue::error(
                field::LINE_DATE,
                "thieu_ngay",
                "Dự toán: nhập ngày quyết định.",
            ));
        }
        match (out.is_empty(), self.decision_date) {
            (true, Some(decision_date)) => Ok(BudgetLine {
                id: Uuid::now_v7(),
                year: self.year,
                source: self.source,
                decision_no: nfc(self.decision_no.trim()),
                decision_date,
                agency: nfc(self.agency.trim()),
                amount: self.amount,
                content_code: String::new(),
                commune_code: String::new(),
            }),
            _ => Err(out),
        }
    }
}

impl BudgetChangeInput {
    /// The change, or every reason it cannot be recorded.
    pub fn into_change(self) -> Result<BudgetChange, Vec<Issue>> {
        let mut out = Vec::new();
        if self.line_id.is_none() {
            out.push(Issue::error(
                field::CHANGE_LINE,
                "thieu_du_toan",
                "Thay đổi dự toán: chọn dự toán.",
            ));
        }
        if self.date.is_none() {
            out.push(Issue::error(
                field::CHANGE_DATE,
                "thieu_ngay",
                "Thay đổi dự toán: nhập ngày.",
            ));
        }
        positive(
            self.amount,
            field::CHANGE_AMOUNT,
            "Thay đổi dự toán",
            &mut out,
        );
        if self.reason.trim().is_empty() {
            out.push(Issue::error(
                field::CHANGE_REASON,
                "thieu_ly_do",
                "Thay đổi dự toán: ghi lý do.",
            ));
        }
        match (out.is_empty(), self.line_id, self.date) {
            (true, Some(line_id), Some(date)) => Ok(BudgetChange {
                id: Uuid::now_v7(),
                line_id,
                kind: self.kind,
                date,
                amount: self.amount,
                decision_no: nfc(self.decision_no.trim()),
                reason: nfc(self.reason.trim()),
            }),
            _ => Err(out),
        }
    }
}

impl ReallocationInput {
    /// The reallocation, or every reason it cannot be recorded. (That both projects share a
    /// source and a plan year is the budget's rule, judged against the projects themselves.)
    pub fn into_reallocation(self) -> Result<Reallocation, Vec<Issue>> {
        let mut out = Vec::new();
        for ((code, id), key) in [(&self.from, field::MOVE_FROM), (&self.to, field::MOVE_TO)] {
            if id.is_none() {
                out.push(Issue::error(
                    key,
                    "khong_co_de_an",
                    format!("Điều chỉnh: không có đề án \"{}\".", code.trim()),
                ));
            }
        }
        if self.date.is_none() {
            out.push(Issue::error(
                field::MOVE_DATE,
                "thieu_ngay",
                "Điều chỉnh: nhập ngày.",
            ));
        }
        positive(self.amount, field::MOVE_AMOUNT, "Điều chỉnh", &mut out);
        if self.decision_no.trim().is_empty() || self.reason.trim().is_empty() {
            out.push(Issue::error(
                field::MOVE_REASON,
                "thieu_ly_do",
                "Điều chỉnh: ghi số quyết định và lý do.",
            ));
        }
        match (out.is_empty(), self.from.1, self.to.1, self.date) {
            (true, Some(from_project), Some(to_project), Some(date)) => Ok(Reallocation {
                id: Uuid::now_v7(),
                date,
                from_project,
                to_project,
                amount: self.amount,
                decision_no: nfc(self.decision_no.trim()),
                reason: nfc(self.reason.trim()),
            }),
            _ => Err(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 3, 2)
    }

    #[test]
    fn amounts_beyond_the_bound_are_refused_naming_the_field() {
        let issues = BudgetLineInput {
            year: 2026,
            source: FundingSource::Kcdp,
            decision_no: "123/QĐ-UBND".into(),
            decision_date: day(),
            agency: String::new(),
            amount: 9_000_000_000_000_000_000,
        }
        .into_line()
        .expect_err("refused");
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, field::LINE_AMOUNT);
        assert_eq!(
            issues[0].message,
            "Dự toán: số tiền 9.000.000.000.000.000.000 đồng vượt giới hạn 10.000.000.000.000 đồng của một khoản."
        );
        let issues = BudgetChangeInput {
            line_id: Some(Uuid::nil()),
            kind: BudgetChangeKind::Supplement,
            date: day(),
            amount: crate::domain::money::MAX_AMOUNT + 1,
            decision_no: String::new(),
            reason: "bổ sung".into(),
        }
        .into_change()
        .expect_err("refused");
        assert_eq!(issues[0].field, field::CHANGE_AMOUNT);
    }

    #[test]
    fn a_complete_line_is_recorded_in_nfc() {
        let line = BudgetLineInput {
            year: 2026,
            source: FundingSource::Kcdp,
            decision_no: " 123/QĐ-UBND ".into(),
            decision_date: day(),
            agency: "UBND tỉnh Thanh Hoá".into(),
            amount: 1_000_000,
        }
        .into_line()
        .expect("line");
        assert_eq!(line.decision_no, "123/QĐ-UBND");
        assert_eq!(line.amount, 1_000_000);
    }

    #[test]
    fn every_missing_part_of_a_line_is_named() {
        let issues = BudgetLineInput {
            year: 2026,
            source: FundingSource::Kcdp,
            decision_no: " ".into(),
            decision_date: None,
            agency: String::new(),
            amount: 0,
        }
        .into_line()
        .expect_err("refused");
        let fields: Vec<&str> = issues.iter().map(|i| i.field).collect();
        assert_eq!(
            fields,
            [field::LINE_DECISION, field::LINE_AMOUNT, field::LINE_DATE]
        );
        assert_eq!(issues[0].message, "Dự toán: nhập số quyết định giao.");
    }

    #[test]
    fn a_change_needs_its_line_date_amount_and_reason() {
        let input = BudgetChangeInput {
            line_id: None,
            kind: BudgetChangeKind::Supplement,
            date: None,
            amount: -5,
            decision_no: String::new(),
            reason: String::new(),
        };
        assert_eq!(input.clone().into_change().expect_err("refused").len(), 4);
        let ok = BudgetChangeInput {
            line_id: Some(Uuid::now_v7()),
            date: day(),
            amount: 5,
            reason: "Bổ sung giữa năm".into(),
            ..input
        };
        assert_eq!(ok.into_change().expect("change").amount, 5);
    }

    #[test]
    fn a_reallocation_names_the_project_it_cannot_find() {
        let issues = ReallocationInput {
            from: ("DA-2026-0001".into(), Some(Uuid::now_v7())),
            to: ("DA-2026-9999".into(), None),
            date: day(),
            amount: 10,
            decision_no: "5/QĐ".into(),
            reason: "Đề án không thực hiện được".into(),
        }
        .into_reallocation()
        .expect_err("refused");
        assert_eq!(issues.len(), 1);
        assert_eq!(
            issues[0].message,
            "Điều chỉnh: không có đề án \"DA-2026-9999\"."
        );
    }
}
