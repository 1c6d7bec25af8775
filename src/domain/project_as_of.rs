//! A project as it stood at the end of a day: the one definition every report figure of a
//! period is taken from ("the state of the data on day D").
//!
//! The file keeps a project's present; its past is in the dated facts it carries: the life
//! cycle's transitions, the approval decision's date, payments, inspections, the acceptance
//! and settlement dates. Restating a project on day D keeps only the facts dated on or before
//! D:
//! - **Status**: the last transition dated on or before D. The approval decision is the legal
//!   fact, so a project whose decision is dated by D counts as approved on D even when its
//!   transition was recorded later (decisions are often entered days after they are signed),
//!   and one whose decision is dated after D was not yet approved, whatever the transitions say.
//! - **Payments, inspections, transitions** dated after D are left out; so are the contract,
//!   acceptance and settlement when dated after D.
//! - **Outputs** (kết quả) count from acceptance (nghiệm thu): before it, a project's results
//!   are not yet confirmed, and the outputs carry no date of their own.
//!
//! What the file does not keep cannot be restated: a project's support amounts as corrected
//! after D are today's amounts (an adjustment between projects is a dated reallocation, and
//! is restated by the balance).

use chrono::NaiveDate;

use super::project::Project;
use super::project_status::ProjectStatus;

impl Project {
    /// This project as it stood at the end of `day`. See the module for the rules.
    pub fn as_of(&self, day: NaiveDate) -> Project {
        let mut p = self.clone();
        p.transitions.retain(|t| t.date <= day);
        let mut status = match (self.transitions.is_empty(), p.transitions.last()) {
            // No recorded life cycle: the recorded status is all there is.
            (true, _) => self.status,
            (false, Some(last)) => last.to,
            // Registered after the day.
            (false, None) => ProjectStatus::DangKy,
        };
        match self.approval_date {
            Some(approved) if approved > day => {
                if status.is_allocated() {
                    status = last_before_approval(&p);
                }
                p.approval_no.clear();
                p.approval_date = None;
                p.approval_level.clear();
            }
            Some(_) if !status.is_allocated() && status != ProjectStatus::Huy => {
                // Approved by the day, its transition recorded later (or never).
                status = ProjectStatus::PheDuyet;
            }
            _ => {}
        }
        p.status = status;
        let dated_after = |d: Option<NaiveDate>| d.is_some_and(|d| d > day);
        if dated_after(p.contract_date) {
            p.contract_no.clear();
            p.contract_date = None;
        }
        if dated_after(p.acceptance_date) {
            p.acceptance_date = None;
        }
        if dated_after(p.settlement_date) {
            p.settlement_date = None;
        }
        p.payments.retain(|x| x.date <= day);
        p.inspections.retain(|i| i.date <= day);
        let accepted = p.acceptance_date.is_some()
            || matches!(
                status,
                ProjectStatus::NghiemThu | ProjectStatus::QuyetToan | ProjectStatus::HoanThanh
            );
        if !accepted {
            p.outputs.clear();
        }
        p
    }
}

/// The last status before approval among the transitions kept (a project counted as approved
/// by its transitions while its decision is dated later).
fn last_before_approval(p: &Project) -> ProjectStatus {
    p.transitions
        .iter()
        .rev()
        .map(|t| t.to)
        .find(|s| !s.is_allocated() && *s != ProjectStatus::Huy)
        .unwrap_or(ProjectStatus::DangKy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::funding_source::FundingSource;
    use crate::domain::project::{Output, Payment, PaymentKind};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    /// Registered 01/01, appraised 20/01, approved 10/03 (entered 20/03), contract 01/04,
    /// in progress 10/04, accepted 01/09, cancelled never; paid 15/04 and 10/09.
    fn project() -> Project {
        let mut p = Project::new("38", 2026);
        p.source = FundingSource::Kcdp;
        p.support = 300_000_000;
        p.transitions.clear();
        p.status = ProjectStatus::DangKy;
        let moves = [
            (ProjectStatus::ThamDinhCoSo, day(1, 20)),
            (ProjectStatus::PheDuyet, day(3, 20)),
            (ProjectStatus::KyHopDong, day(4, 1)),
            (ProjectStatus::DangThucHien, day(4, 10)),
            (ProjectStatus::NghiemThu, day(9, 1)),
        ];
        p.transitions.push(crate::domain::project::Transition {
            from: None,
            to: ProjectStatus::DangKy,
            date: day(1, 1),
            by: "huong".into(),
            reason: String::new(),
        });
        for (to, date) in moves {
            p.move_to(to, date, "huong", "").expect("usual path");
        }
        p.approval_no = "303/QĐ-UBND".into();
        p.approval_date = Some(day(3, 10));
        p.contract_no = "12/HĐ-KC".into();
        p.contract_date = Some(day(4, 1));
        p.acceptance_date = Some(day(9, 1));
        for (date, amount) in [(day(4, 15), 150_000_000), (day(9, 10), 150_000_000)] {
            p.payments.push(Payment {
                id: uuid::Uuid::now_v7(),
                kind: PaymentKind::Payment,
                date,
                amount,
                source: FundingSource::Kcdp,
                document_no: String::new(),
                note: String::new(),
            });
        }
        p.outputs.push(Output {
            indicator_code: "lao_dong_dao_tao".into(),
            value: 40,
        });
        p
    }

    #[test]
    fn before_its_decision_a_project_is_not_approved() {
        let p = project().as_of(day(3, 9));
        assert_eq!(p.status, ProjectStatus::ThamDinhCoSo);
        assert!(p.approval_no.is_empty() && p.approval_date.is_none());
        assert!(p.payments.is_empty() && p.outputs.is_empty());
    }

    #[test]
    fn the_decision_date_counts_even_when_the_move_was_recorded_later() {
        let p = project().as_of(day(3, 14));
        assert_eq!(p.status, ProjectStatus::PheDuyet);
        assert_eq!(p.approval_no, "303/QĐ-UBND");
        assert!(p.contract_no.is_empty());
    }

    #[test]
    fn payments_and_status_are_those_of_the_day() {
        let p = project().as_of(day(6, 14));
        assert_eq!(p.status, ProjectStatus::DangThucHien);
        assert_eq!(p.payments.len(), 1);
        assert!(p.outputs.is_empty(), "results count from acceptance");
        assert!(p.acceptance_date.is_none());
    }

    #[test]
    fn results_count_once_accepted() {
        let p = project().as_of(day(9, 1));
        assert_eq!(p.status, ProjectStatus::NghiemThu);
        assert_eq!(p.outputs.len(), 1);
        assert_eq!(p.payments.len(), 1);
        let p = project();
        assert_eq!(p.as_of(day(12, 14)), p, "nothing after the last fact");
    }

    #[test]
    fn a_project_cancelled_later_was_running_on_the_day() {
        let mut p = project();
        p.move_to(ProjectStatus::Huy, day(10, 1), "huong", "cơ sở rút")
            .expect("with a reason");
        assert_eq!(p.as_of(day(9, 14)).status, ProjectStatus::NghiemThu);
        assert_eq!(p.as_of(day(12, 14)).status, ProjectStatus::Huy);
    }

    #[test]
    fn a_project_registered_after_the_day_is_only_a_proposal() {
        let p = project().as_of(NaiveDate::from_ymd_opt(2025, 12, 14).expect("date"));
        assert_eq!(p.status, ProjectStatus::DangKy);
        assert!(p.transitions.is_empty());
    }

    #[test]
    fn without_a_life_cycle_the_recorded_status_stands_unless_approved_later() {
        let mut p = project();
        p.transitions.clear();
        p.status = ProjectStatus::DangThucHien;
        assert_eq!(p.as_of(day(6, 14)).status, ProjectStatus::DangThucHien);
        assert_eq!(p.as_of(day(3, 1)).status, ProjectStatus::DangKy);
    }
}
