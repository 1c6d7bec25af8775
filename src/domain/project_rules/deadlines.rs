//! Warnings: settlements after their deadline — the dossier after acceptance, and KCQG projects
//! after the deadline of the year after the plan year. Both deadlines are dated terms of the
//! reference data (`RuleTerm`), taken as in force on the project's date.

use chrono::{Days, NaiveDate};

use super::{ProjectRuleContext, field, missing_term, rule_date};
use crate::domain::funding_source::FundingSource;
use crate::domain::issue::Issue;
use crate::domain::project::Project;
use crate::domain::project_status::ProjectStatus;
use crate::domain::rule_term::{RuleTerm, RuleTermKey};
use crate::text::format_date;

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
    // A settled project is judged by its settlement date; an unsettled one only while it waits.
    if p.settlement_date.is_none() && !awaits_settlement(p.status) {
        return;
    }
    let key = RuleTermKey::SettlementDaysAfterAcceptance;
    let date = rule_date(p, ctx);
    let Some((days, source)) = RuleTerm::in_force(ctx.terms, key, date)
        .and_then(|t| Some((t.value.days()?, &t.source_document)))
    else {
        out.push(missing_term(field::DATES, "Ngày tháng", key, date));
        return;
    };
    let Some(deadline) = accepted.checked_add_days(Days::new(days.into())) else {
        return;
    };
    match p.settlement_date {
        Some(settled) if settled > deadline => out.push(Issue::warning(
            field::DATES,
            "quyet_toan_muon",
            format!(
                "Ngày tháng: quyết toán ngày {} quá {days} ngày sau nghiệm thu ngày {} (hạn {}, {source}).",
                format_date(settled),
                format_date(accepted),
                format_date(deadline)
            ),
        )),
        None if ctx.today > deadline => out.push(Issue::warning(
            field::STATUS,
            "quyet_toan_muon",
            format!(
                "Trạng thái: chưa quyết toán, đã quá hạn hoàn thành hồ sơ quyết toán {} ({days} ngày sau nghiệm thu ngày {}, {source}).",
                format_date(deadline),
                format_date(accepted)
            ),
        )),
        _ => {}
    }
}

/// `day`/`month` of the year after the plan year: the KCQG settlement deadline.
fn kcqg_settlement_deadline(plan_year: i32, day: u32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(plan_year.checked_add(1)?, month, day)
}

pub(super) fn check_kcqg_settlement_deadline(
    p: &Project,
    ctx: &ProjectRuleContext,
    out: &mut Vec<Issue>,
) {
    if p.source != FundingSource::Kcqg {
        return;
    }
    // Only settled projects, and unsettled ones whose money is allocated, have a deadline to miss.
    let waits = p.status.is_allocated() && awaits_settlement(p.status);
    if p.settlement_date.is_none() && !waits {
        return;
    }
    let key = RuleTermKey::KcqgSettlementDeadline;
    let date = rule_date(p, ctx);
    let Some(((day, month), source)) = RuleTerm::in_force(ctx.terms, key, date)
        .and_then(|t| Some((t.value.day_and_month()?, &t.source_document)))
    else {
        out.push(missing_term(field::DATES, "Ngày tháng", key, date));
        return;
    };
    let Some(deadline) = kcqg_settlement_deadline(p.plan_year, day, month) else {
        return;
    };
    match p.settlement_date {
        Some(settled) if settled > deadline => out.push(Issue::warning(
            field::DATES,
            "quyet_toan_muon",
            format!(
                "Ngày tháng: đề án KCQG năm {} quyết toán ngày {}, sau hạn {} ({source}: chậm nhất {day:02}/{month:02} năm sau).",
                p.plan_year,
                format_date(settled),
                format_date(deadline)
            ),
        )),
        None if ctx.today > deadline => out.push(Issue::warning(
            field::STATUS,
            "quyet_toan_muon",
            format!(
                "Trạng thái: đề án KCQG năm {} chưa quyết toán, đã quá hạn {} ({source}: chậm nhất {day:02}/{month:02} năm sau).",
                p.plan_year,
                format_date(deadline)
            ),
        )),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::field;
    use super::super::fixtures::*;
    use crate::domain::funding_source::FundingSource;
    use crate::domain::issue::Severity;
    use crate::domain::project::Project;
    use crate::domain::project_status::ProjectStatus;
    use crate::domain::rule_term::{RuleTerm, RuleTermKey, TermValue};

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

    // ---- deadlines as dated terms ------------------------------------------------------

    #[test]
    fn a_longer_settlement_term_changes_the_verdict() {
        let mut w = world();
        set_term(
            &mut w,
            RuleTermKey::SettlementDaysAfterAcceptance,
            TermValue::Days(30),
        );
        let mut p = accepted_project(date(2026, 5, 1));
        p.status = ProjectStatus::QuyetToan;
        p.settlement_date = Some(date(2026, 5, 17));
        assert!(!has(&p, &w, "quyet_toan_muon"), "day 16 of 30");
        p.settlement_date = Some(date(2026, 5, 31));
        assert!(!has(&p, &w, "quyet_toan_muon"), "day 30");
        p.settlement_date = Some(date(2026, 6, 1));
        let issue = the(&p, &w, "quyet_toan_muon");
        assert!(issue.message.contains("quá 30 ngày"), "{}", issue.message);
        assert!(
            issue.message.contains("hạn 31/05/2026"),
            "{}",
            issue.message
        );
    }

    #[test]
    fn a_term_that_ended_before_the_approval_date_is_not_applied() {
        let mut w = world();
        let key = RuleTermKey::SettlementDaysAfterAcceptance;
        let ended = RuleTerm {
            valid_to: Some(day_before(approved())),
            ..RuleTerm::in_force(&w.terms, key, approved())
                .expect("shipped 15-day term")
                .clone()
        };
        let newer = RuleTerm {
            value: TermValue::Days(30),
            valid_from: approved(),
            valid_to: None,
            source_document: "TT 99/2026/TT-BCT".into(),
            ..ended.clone()
        };
        w.terms = vec![ended.clone(), newer];
        let mut p = accepted_project(date(2026, 5, 1));
        p.status = ProjectStatus::QuyetToan;
        p.settlement_date = Some(date(2026, 5, 20));
        assert!(!has(&p, &w, "quyet_toan_muon"), "30 days since approval");
        p.settlement_date = Some(date(2026, 6, 1));
        assert!(
            the(&p, &w, "quyet_toan_muon")
                .message
                .contains("TT 99/2026/TT-BCT")
        );
        w.terms = vec![ended];
        let issue = the(&p, &w, "thieu_quy_dinh");
        assert!(
            !has(&p, &w, "quyet_toan_muon"),
            "the ended 15 days are not used"
        );
        assert_eq!(issue.field, field::DATES);
        assert_eq!(
            issue.message,
            "Ngày tháng: chưa kiểm tra được vì dữ liệu tham chiếu không có quy định \"Số ngày hoàn thành hồ sơ quyết toán sau nghiệm thu\" áp dụng ngày 02/03/2026."
        );
    }

    #[test]
    fn a_missing_settlement_term_is_said_only_when_a_settlement_is_judged() {
        let mut w = world();
        drop_term(&mut w, RuleTermKey::SettlementDaysAfterAcceptance);
        assert_eq!(check(&project(), &w), [], "not accepted yet");
        let mut p = accepted_project(date(2026, 5, 1));
        assert!(has(&p, &w, "thieu_quy_dinh"), "accepted, awaits settlement");
        p.status = ProjectStatus::Huy;
        assert!(!has(&p, &w, "thieu_quy_dinh"), "cancelled");
        p.settlement_date = Some(date(2026, 5, 10));
        assert!(has(&p, &w, "thieu_quy_dinh"), "settled");
    }

    #[test]
    fn a_changed_kcqg_deadline_changes_the_verdict() {
        let mut w = world();
        set_term(
            &mut w,
            RuleTermKey::KcqgSettlementDeadline,
            TermValue::DayAndMonth { day: 31, month: 1 },
        );
        let mut p = accepted_project(date(2026, 1, 20));
        p.source = FundingSource::Kcqg;
        p.plan_year = 2025;
        p.approval_date = Some(date(2025, 6, 2));
        p.start_date = Some(date(2025, 7, 1));
        p.status = ProjectStatus::QuyetToan;
        p.settlement_date = Some(date(2026, 1, 23));
        assert!(!has(&p, &w, "quyet_toan_muon"));
        p.settlement_date = Some(date(2026, 2, 1));
        let issue = the(&p, &w, "quyet_toan_muon");
        assert!(
            issue.message.contains("sau hạn 31/01/2026"),
            "{}",
            issue.message
        );
        assert!(
            issue
                .message
                .contains("(TT 36/2013/TT-BCT Điều 18: chậm nhất 31/01 năm sau)"),
            "{}",
            issue.message
        );
    }

    #[test]
    fn a_missing_kcqg_deadline_is_a_warning_for_kcqg_projects_only() {
        let mut w = world();
        drop_term(&mut w, RuleTermKey::KcqgSettlementDeadline);
        let mut p = project();
        assert_eq!(check(&p, &w), [], "KCĐP");
        p.source = FundingSource::Kcqg;
        let issue = the(&p, &w, "thieu_quy_dinh");
        assert_eq!(issue.severity, Severity::Warning);
        assert!(
            issue
                .message
                .contains(RuleTermKey::KcqgSettlementDeadline.label())
        );
        p.status = ProjectStatus::DangKy;
        p.approval_no.clear();
        p.approval_date = None;
        assert!(!has(&p, &w, "thieu_quy_dinh"), "nothing allocated yet");
    }
}
