//! Warnings: settlements after their deadline — the dossier after acceptance, and KCQG projects
//! after the deadline of the year after the plan year.

use chrono::{Days, NaiveDate};

use super::{ProjectRuleContext, field};
use crate::domain::funding_source::FundingSource;
use crate::domain::issue::Issue;
use crate::domain::project::Project;
use crate::domain::project_status::ProjectStatus;
use crate::text::format_date;

/// TT 36/2013/TT-BCT Điều 18: the settlement dossier is due 15 days after the acceptance.
const SETTLEMENT_DAYS_AFTER_ACCEPTANCE: u64 = 15;
const SETTLEMENT_SOURCE: &str = "TT 36/2013/TT-BCT Điều 18";

/// Still waiting for its settlement: not settled, finished or cancelled.
fn awaits_settlement(status: ProjectStatus) -> bool {
    !matches!(
        status,
        ProjectStatus::QuyetToan | ProjectStatus::HoanThanh | ProjectStatus::Huy
    )
}

pub(super) fn check_settlement_deadline(
    p: &Project,
    ctx: &ProjectRuleContext,
    out: &mut Vec<Issue>,
) {
    let Some(accepted) = p.acceptance_date else {
        return;
    };
    let Some(deadline) = accepted.checked_add_days(Days::new(SETTLEMENT_DAYS_AFTER_ACCEPTANCE))
    else {
        return;
    };
    match p.settlement_date {
        Some(settled) if settled > deadline => out.push(Issue::warning(
            field::DATES,
            "quyet_toan_muon",
            format!(
                "Ngày tháng: quyết toán ngày {} quá {SETTLEMENT_DAYS_AFTER_ACCEPTANCE} ngày sau nghiệm thu ngày {} (hạn {}, {SETTLEMENT_SOURCE}).",
                format_date(settled),
                format_date(accepted),
                format_date(deadline)
            ),
        )),
        None if ctx.today > deadline && awaits_settlement(p.status) => out.push(Issue::warning(
            field::STATUS,
            "quyet_toan_muon",
            format!(
                "Trạng thái: chưa quyết toán, đã quá hạn hoàn thành hồ sơ quyết toán {} ({SETTLEMENT_DAYS_AFTER_ACCEPTANCE} ngày sau nghiệm thu ngày {}, {SETTLEMENT_SOURCE}).",
                format_date(deadline),
                format_date(accepted)
            ),
        )),
        _ => {}
    }
}

/// 22/01 of the year after the plan year: the KCQG settlement deadline.
fn kcqg_settlement_deadline(plan_year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(plan_year.checked_add(1)?, 1, 22)
}

pub(super) fn check_kcqg_settlement_deadline(
    p: &Project,
    ctx: &ProjectRuleContext,
    out: &mut Vec<Issue>,
) {
    if p.source != FundingSource::Kcqg {
        return;
    }
    let Some(deadline) = kcqg_settlement_deadline(p.plan_year) else {
        return;
    };
    match p.settlement_date {
        Some(settled) if settled > deadline => out.push(Issue::warning(
            field::DATES,
            "quyet_toan_muon",
            format!(
                "Ngày tháng: đề án KCQG năm {} quyết toán ngày {}, sau hạn {} ({SETTLEMENT_SOURCE}: chậm nhất 22/01 năm sau).",
                p.plan_year,
                format_date(settled),
                format_date(deadline)
            ),
        )),
        None if ctx.today > deadline
            && p.status.is_allocated()
            && awaits_settlement(p.status) =>
        {
            out.push(Issue::warning(
                field::STATUS,
                "quyet_toan_muon",
                format!(
                    "Trạng thái: đề án KCQG năm {} chưa quyết toán, đã quá hạn {} ({SETTLEMENT_SOURCE}: chậm nhất 22/01 năm sau).",
                    p.plan_year,
                    format_date(deadline)
                ),
            ))
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::field;
    use super::super::fixtures::*;
    use crate::domain::funding_source::FundingSource;
    use crate::domain::project::Project;
    use crate::domain::project_status::ProjectStatus;

    fn accepted_project(accepted: NaiveDate) -> Project {
        let mut p = project();
        p.status = ProjectStatus::NghiemThu;
        p.start_date = Some(date(2026, 3, 10));
        p.acceptance_date = Some(accepted);
        p
    }

    #[test]
    fn settlement_is_due_15_days_after_the_acceptance() {
        let w = world();
        let mut p = accepted_project(date(2026, 5, 1));
        p.status = ProjectStatus::QuyetToan;
        p.settlement_date = Some(date(2026, 5, 16));
        assert!(!has(&p, &w, "quyet_toan_muon"), "day 15");
        p.settlement_date = Some(date(2026, 5, 17));
        let issue = the(&p, &w, "quyet_toan_muon");
        assert_eq!(issue.field, field::DATES);
        assert!(issue.message.contains("16/05/2026"));
        assert!(issue.message.contains("TT 36/2013/TT-BCT Điều 18"));
    }

    #[test]
    fn an_unsettled_project_is_overdue_after_the_15th_day() {
        let mut w = world();
        let p = accepted_project(date(2026, 5, 1));
        w.today = date(2026, 5, 16);
        assert!(!has(&p, &w, "quyet_toan_muon"));
        w.today = date(2026, 5, 17);
        let issue = the(&p, &w, "quyet_toan_muon");
        assert_eq!(issue.field, field::STATUS);
        assert!(issue.message.contains("đã quá hạn"));
        for status in [
            ProjectStatus::QuyetToan,
            ProjectStatus::HoanThanh,
            ProjectStatus::Huy,
        ] {
            let mut q = p.clone();
            q.status = status;
            assert!(!has(&q, &w, "quyet_toan_muon"), "{status:?}");
        }
    }

    #[test]
    fn kcqg_settlement_is_due_22_january_of_the_next_year() {
        let w = world();
        let mut p = accepted_project(date(2026, 1, 10));
        p.source = FundingSource::Kcqg;
        p.plan_year = 2025;
        p.approval_date = Some(date(2025, 6, 2));
        p.start_date = Some(date(2025, 7, 1));
        p.status = ProjectStatus::QuyetToan;
        p.settlement_date = Some(date(2026, 1, 22));
        assert!(!has(&p, &w, "quyet_toan_muon"));
        p.settlement_date = Some(date(2026, 1, 23));
        let issue = the(&p, &w, "quyet_toan_muon");
        assert!(issue.message.contains("22/01/2026"));
        assert!(issue.message.contains("KCQG năm 2025"));
        p.source = FundingSource::Kcdp;
        assert!(!has(&p, &w, "quyet_toan_muon"), "KCĐP has no 22/01 rule");
    }

    #[test]
    fn an_unsettled_kcqg_project_is_overdue_after_22_january() {
        let mut w = world();
        w.content = None;
        w.programme = None;
        let mut p = project();
        p.source = FundingSource::Kcqg;
        p.plan_year = 2025;
        p.approval_date = Some(date(2025, 6, 2));
        p.status = ProjectStatus::DangThucHien;
        w.today = date(2026, 1, 22);
        assert!(!has(&p, &w, "quyet_toan_muon"));
        w.today = date(2026, 1, 23);
        assert_eq!(the(&p, &w, "quyet_toan_muon").field, field::STATUS);
        p.status = ProjectStatus::DangKy;
        p.approval_no.clear();
        p.approval_date = None;
        assert!(!has(&p, &w, "quyet_toan_muon"), "never approved");
    }
}
