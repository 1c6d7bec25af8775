//! Đề án khuyến công: a support project from registration to settlement (DOMAIN.md §2–§4).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::money::PaymentTotals;
use crate::domain::row_version::{FIRST_ROW_VERSION, first_row_version};

use super::funding_source::FundingSource;
use super::issue::{Issue, Severity};
use super::plan_registration::{Appraisal, Registration};
use super::project_status::ProjectStatus;

/// Kind of project (TT 46/2012: đề án điểm has a spill-over role; đề án nhóm groups several
/// beneficiaries or areas).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProjectKind {
    Thuong,
    Diem,
    Nhom,
}

impl ProjectKind {
    /// Every kind.
    pub const ALL: [ProjectKind; 3] = [ProjectKind::Thuong, ProjectKind::Diem, ProjectKind::Nhom];

    /// Stable stored code.
    pub fn code(self) -> &'static str {
        match self {
            ProjectKind::Thuong => "thuong",
            ProjectKind::Diem => "diem",
            ProjectKind::Nhom => "nhom",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<ProjectKind> {
        ProjectKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            ProjectKind::Thuong => "Đề án thường",
            ProjectKind::Diem => "Đề án điểm",
            ProjectKind::Nhom => "Đề án nhóm",
        }
    }
}

/// One establishment a project supports, with its own share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beneficiary {
    pub establishment_id: Uuid,
    /// Its eligible cost (đồng), the base of a per-establishment ceiling.
    pub cost: i64,
    /// Public support going to it (đồng).
    pub support: i64,
    /// Its own counterpart money (đồng).
    pub counterpart: i64,
}

/// Kind of money movement on a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentKind {
    /// Tạm ứng.
    Advance,
    /// Thanh toán.
    Payment,
    /// Thu hồi tạm ứng (reduces the outstanding advance).
    AdvanceRecovery,
    /// Quyết toán (the settled amount).
    Settlement,
}

impl PaymentKind {
    /// Every kind.
    pub const ALL: [PaymentKind; 4] = [
        PaymentKind::Advance,
        PaymentKind::Payment,
        PaymentKind::AdvanceRecovery,
        PaymentKind::Settlement,
    ];

    /// Stable stored code.
    pub fn code(self) -> &'static str {
        match self {
            PaymentKind::Advance => "tam_ung",
            PaymentKind::Payment => "thanh_toan",
            PaymentKind::AdvanceRecovery => "thu_hoi_tam_ung",
            PaymentKind::Settlement => "quyet_toan",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<PaymentKind> {
        PaymentKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            PaymentKind::Advance => "Tạm ứng",
            PaymentKind::Payment => "Thanh toán",
            PaymentKind::AdvanceRecovery => "Thu hồi tạm ứng",
            PaymentKind::Settlement => "Quyết toán",
        }
    }
}

/// One payment document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub id: Uuid,
    pub kind: PaymentKind,
    pub date: NaiveDate,
    pub amount: i64,
    pub source: FundingSource,
    pub document_no: String,
    pub note: String,
}

/// A recorded move in the life cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub from: Option<ProjectStatus>,
    pub to: ProjectStatus,
    pub date: NaiveDate,
    /// Who recorded it.
    pub by: String,
    /// Required for out-of-order moves.
    pub reason: String,
}

/// Kiểm tra, giám sát việc sử dụng kinh phí.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    pub date: NaiveDate,
    pub team: String,
    pub findings: String,
    /// Đúng đối tượng, đúng mục đích?
    pub compliant: bool,
    pub follow_up: String,
}

/// A rule warning the user chose to save over, with the reason given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedWarning {
    pub kind: String,
    pub message: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// One output indicator value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    pub indicator_code: String,
    pub value: i64,
}

/// A support project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: Uuid,
    /// Mã đề án, e.g. "DA-2026-0012", assigned when first saved.
    pub code: String,
    pub name: String,
    pub plan_year: i32,
    pub source: FundingSource,
    /// Lồng ghép: the other programme the money is integrated with, if any.
    pub integrated_with: String,
    pub kind: ProjectKind,
    pub content_code: String,
    pub programme_code: String,
    /// Hạng mục hỗ trợ that selects the support ceiling.
    pub support_item: String,
    pub implementer: String,
    pub province_code: String,
    /// Địa bàn: one xã, several for group projects.
    pub commune_codes: Vec<String>,
    pub beneficiaries: Vec<Beneficiary>,
    pub approval_no: String,
    pub approval_date: Option<NaiveDate>,
    pub approval_level: String,
    pub contract_no: String,
    pub contract_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub acceptance_date: Option<NaiveDate>,
    pub settlement_date: Option<NaiveDate>,
    /// Tổng kinh phí (đồng).
    pub total_cost: i64,
    /// Kinh phí khuyến công hỗ trợ from the project's source (đồng).
    pub support: i64,
    /// Vốn đối ứng of the beneficiaries (đồng).
    pub counterpart: i64,
    /// Nguồn khác (đồng).
    pub other_funds: i64,
    pub status: ProjectStatus,
    pub transitions: Vec<Transition>,
    pub payments: Vec<Payment>,
    pub inspections: Vec<Inspection>,
    pub outputs: Vec<Output>,
    pub accepted_warnings: Vec<AcceptedWarning>,
    pub notes: String,
    /// Who proposed it for the plan, when, and the Sở's appraisal.
    #[serde(default)]
    pub registration: Registration,
    /// The stored row's version when this copy was read; it covers the project's xã,
    /// beneficiaries and payments, which are saved with it.
    #[serde(default = "first_row_version")]
    pub row_version: i64,
}

impl Project {
    /// A blank project for `province_code`, registered today.
    pub fn new(province_code: &str, plan_year: i32) -> Project {
        Project {
            id: Uuid::now_v7(),
            code: String::new(),
            name: String::new(),
            plan_year,
            source: FundingSource::Kcdp,
            integrated_with: String::new(),
            kind: ProjectKind::Thuong,
            content_code: String::new(),
            programme_code: String::new(),
            support_item: String::new(),
            implementer: String::new(),
            province_code: province_code.to_owned(),
            commune_codes: Vec::new(),
            beneficiaries: Vec::new(),
            approval_no: String::new(),
            approval_date: None,
            approval_level: String::new(),
            contract_no: String::new(),
            contract_date: None,
            start_date: None,
            end_date: None,
            acceptance_date: None,
            settlement_date: None,
            total_cost: 0,
            support: 0,
            counterpart: 0,
            other_funds: 0,
            status: ProjectStatus::DangKy,
            transitions: Vec::new(),
            payments: Vec::new(),
            inspections: Vec::new(),
            outputs: Vec::new(),
            accepted_warnings: Vec::new(),
            notes: String::new(),
            registration: Registration::default(),
            row_version: FIRST_ROW_VERSION,
        }
    }

    /// Totals of the payments recorded so far.
    pub fn payment_totals(&self) -> PaymentTotals {
        PaymentTotals::of(&self.payments)
    }

    /// Moves the project along its life cycle on `date`, recorded as done by `by`. A move off the
    /// usual path needs a reason; a move dated before the last one is refused. Dates the move
    /// implies (phê duyệt, ký hợp đồng, nghiệm thu, quyết toán) are filled in when empty.
    pub fn move_to(
        &mut self,
        to: ProjectStatus,
        date: NaiveDate,
        by: &str,
        reason: &str,
    ) -> Result<(), crate::domain::refusal::Refusal> {
        if to == self.status {
            return Err("Trạng thái mới trùng trạng thái hiện tại.".into());
        }
        let national = self.source == FundingSource::Kcqg;
        if !self.status.usual_next(national).contains(&to) && reason.trim().is_empty() {
            return Err(format!(
                "Chuyển từ \"{}\" sang \"{}\" không theo trình tự: cần ghi lý do.",
                self.status.label(),
                to.label()
            )
            .into());
        }
        if let Some(last) = self.transitions.last()
            && date < last.date
        {
            return Err(format!(
                "Ngày chuyển trạng thái {} trước lần chuyển gần nhất ({}).",
                crate::text::date::format_date(date),
                crate::text::date::format_date(last.date)
            )
            .into());
        }
        self.transitions.push(Transition {
            from: Some(self.status),
            to,
            date,
            by: by.to_owned(),
            reason: reason.trim().to_owned(),
        });
        self.status = to;
        let implied = match to {
            ProjectStatus::PheDuyet => Some(&mut self.approval_date),
            ProjectStatus::KyHopDong => Some(&mut self.contract_date),
            ProjectStatus::NghiemThu => Some(&mut self.acceptance_date),
            ProjectStatus::QuyetToan => Some(&mut self.settlement_date),
            _ => None,
        };
        if let Some(slot) = implied
            && slot.is_none()
        {
            *slot = Some(date);
        }
        Ok(())
    }

    /// Records the Sở's appraisal. A proposal still at "Đăng ký" moves on to "Thẩm định cấp cơ
    /// sở" on the appraisal date, so the life cycle tells the same story as the registration.
    pub fn record_appraisal(
        &mut self,
        appraisal: Appraisal,
    ) -> Result<(), crate::domain::refusal::Refusal> {
        if self.status == ProjectStatus::DangKy {
            self.move_to(
                ProjectStatus::ThamDinhCoSo,
                appraisal.date,
                &appraisal.by,
                "",
            )?;
        }
        self.registration.appraisal = Some(appraisal);
        Ok(())
    }

    /// The reason given for `issue`, when it is a warning the user already saved over. A warning
    /// counts as accepted only while it says the same thing: when its numbers change (a higher
    /// support, a later date) it is a new warning and needs a new reason. The one judgement for
    /// the form and `khuyencong check`.
    pub fn acceptance_of(&self, issue: &Issue) -> Option<&AcceptedWarning> {
        if issue.severity != Severity::Warning {
            return None;
        }
        self.accepted_warnings
            .iter()
            .find(|a| a.kind == issue.kind && a.message == issue.message)
    }

    /// The warnings of `issues` that still need a reason before saving.
    pub fn unaccepted_warnings(&self, issues: &[Issue]) -> Vec<Issue> {
        issues
            .iter()
            .filter(|i| i.severity == Severity::Warning && self.acceptance_of(i).is_none())
            .cloned()
            .collect()
    }

    /// Records that the user saves over `warnings` for `reason` (kept with the project).
    pub fn accept_warnings(&mut self, warnings: Vec<Issue>, reason: &str, by: &str, at: &str) {
        for issue in warnings {
            self.accepted_warnings.push(AcceptedWarning {
                kind: issue.kind.to_owned(),
                message: issue.message,
                reason: reason.trim().to_owned(),
                by: by.to_owned(),
                at: at.to_owned(),
            });
        }
    }

    /// Support not yet disbursed.
    pub fn remaining_support(&self) -> i64 {
        self.support - self.payment_totals().disbursed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
    }

    #[test]
    fn moves_on_the_usual_path_and_fills_the_implied_dates() {
        let mut p = Project::new("38", 2026);
        assert_eq!(
            p.move_to(ProjectStatus::ThamDinhCoSo, day(2, 1), "huong", ""),
            Ok(())
        );
        assert_eq!(
            p.move_to(ProjectStatus::PheDuyet, day(3, 1), "huong", ""),
            Ok(())
        );
        assert_eq!(p.approval_date, Some(day(3, 1)));
        assert_eq!(p.transitions.len(), 2);
        assert_eq!(p.transitions[1].from, Some(ProjectStatus::ThamDinhCoSo));
        assert_eq!(p.transitions[1].by, "huong");
    }

    #[test]
    fn an_appraisal_moves_a_registered_proposal_on() {
        let mut p = Project::new("38", 2027);
        let appraisal = Appraisal::new(true, day(9, 10), "", "huong").expect("appraisal");
        assert_eq!(p.record_appraisal(appraisal.clone()), Ok(()));
        assert_eq!(p.status, ProjectStatus::ThamDinhCoSo);
        assert_eq!(p.transitions[0].date, day(9, 10));
        // Appraising again (a revised result) keeps the status and replaces the result.
        let failed = Appraisal::new(false, day(9, 12), "thiếu hồ sơ", "huong").expect("ok");
        assert_eq!(p.record_appraisal(failed.clone()), Ok(()));
        assert_eq!(p.transitions.len(), 1);
        assert_eq!(p.registration.appraisal, Some(failed));
    }

    #[test]
    fn out_of_order_needs_a_reason_and_dates_go_forward() {
        let mut p = Project::new("38", 2026);
        let err = p.move_to(ProjectStatus::HoanThanh, day(2, 1), "huong", " ");
        assert!(err.is_err_and(|e| e.contains("cần ghi lý do")));
        assert_eq!(p.status, ProjectStatus::DangKy);
        assert_eq!(
            p.move_to(ProjectStatus::Huy, day(2, 1), "huong", ""),
            Ok(())
        );
        let back = p.move_to(ProjectStatus::DangKy, day(1, 1), "huong", "mở lại");
        assert!(back.is_err_and(|e| e.contains("trước lần chuyển gần nhất")));
        assert_eq!(
            p.move_to(ProjectStatus::DangKy, day(2, 2), "huong", "mở lại"),
            Ok(())
        );
        assert_eq!(p.transitions[1].reason, "mở lại");
    }
}
