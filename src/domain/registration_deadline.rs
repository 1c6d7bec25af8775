//! The registration calendar as editable data (DOMAIN.md §4.3): each province sets its own dates
//! ("units register with the Sở by 30/8, approval by 30/9" in Thanh Hóa), and only a few are
//! national (Sở → Cục by 20/6 for KCQG, TT 17/2018/TT-BCT). A deadline says which step of a
//! proposal it governs, so the app can tell what is late.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::funding_source::FundingSource;
use super::project::Project;
use super::project_status::ProjectStatus;

/// The step of a proposal a deadline governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Milestone {
    /// The proposal reached the Sở (ngày đăng ký).
    Registered,
    /// The Sở's appraisal result was recorded.
    Appraised,
    /// A KCQG proposal was sent to the Ministry (moved to "Thẩm định cấp Bộ").
    SentToMinistry,
    /// The plan was approved (ngày phê duyệt).
    Approved,
}

impl Milestone {
    pub const ALL: [Milestone; 4] = [
        Milestone::Registered,
        Milestone::Appraised,
        Milestone::SentToMinistry,
        Milestone::Approved,
    ];

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Milestone::Registered => "Đăng ký với Sở",
            Milestone::Appraised => "Thẩm định cấp cơ sở",
            Milestone::SentToMinistry => "Gửi Bộ (Cục) thẩm định",
            Milestone::Approved => "Phê duyệt kế hoạch",
        }
    }

    /// When `project` reached this step, if it did.
    pub fn reached_on(self, project: &Project) -> Option<NaiveDate> {
        match self {
            Milestone::Registered => project.registration.registered_on,
            Milestone::Appraised => project.registration.appraisal.as_ref().map(|a| a.date),
            Milestone::SentToMinistry => project
                .transitions
                .iter()
                .find(|t| t.to == ProjectStatus::ThamDinhCapBo)
                .map(|t| t.date),
            Milestone::Approved => project.approval_date,
        }
    }
}

/// One dated step of the calendar, counted back from the plan year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationDeadline {
    /// "Đơn vị đăng ký kế hoạch với Sở Công Thương".
    pub label: String,
    pub day: u32,
    pub month: u32,
    /// 1 = in the year before the plan year (the usual case), 0 = in the plan year itself.
    pub years_before: i32,
    /// Only proposals of this source; None = every source.
    pub source: Option<FundingSource>,
    pub milestone: Milestone,
    /// Where the date comes from, e.g. "TT 17/2018/TT-BCT" or "Hướng dẫn của UBND tỉnh".
    pub basis: String,
}

/// How a proposal stands against one deadline, judged on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineState {
    /// Done on or before the deadline.
    OnTime,
    /// Done, this many days after the deadline.
    DoneLate(i64),
    /// Not done yet; this many days left (0 = due today).
    Open(i64),
    /// Not done and the deadline has passed by this many days.
    Overdue(i64),
}

impl DeadlineState {
    /// True when the step was or is late.
    pub fn is_late(self) -> bool {
        matches!(self, DeadlineState::DoneLate(_) | DeadlineState::Overdue(_))
    }

    /// Short Vietnamese description: "Đúng hạn", "Muộn 3 ngày", "Còn 12 ngày", "Quá hạn 5 ngày".
    pub fn label(self) -> String {
        match self {
            DeadlineState::OnTime => "Đúng hạn".into(),
            DeadlineState::DoneLate(d) => format!("Muộn {d} ngày"),
            DeadlineState::Open(0) => "Đến hạn hôm nay".into(),
            DeadlineState::Open(d) => format!("Còn {d} ngày"),
            DeadlineState::Overdue(d) => format!("Quá hạn {d} ngày"),
        }
    }
}

impl RegistrationDeadline {
    /// The date for the plan of `plan_year`; None when the day does not exist (e.g. 30/02).
    pub fn date_for(&self, plan_year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(plan_year - self.years_before, self.month, self.day)
    }

    /// "30/08 năm trước năm kế hoạch".
    pub fn when_label(&self) -> String {
        let year = if self.years_before == 0 {
            "năm kế hoạch".to_owned()
        } else if self.years_before == 1 {
            "năm trước năm kế hoạch".to_owned()
        } else {
            format!("{} năm trước năm kế hoạch", self.years_before)
        };
        format!("{:02}/{:02} {year}", self.day, self.month)
    }

    /// Whether the deadline governs `project` at all: its source, and a step the project can
    /// still take (a proposal that failed appraisal or was cancelled goes no further).
    pub fn applies_to(&self, project: &Project) -> bool {
        if self.source.is_some_and(|s| s != project.source) {
            return false;
        }
        let failed = project
            .registration
            .appraisal
            .as_ref()
            .is_some_and(|a| !a.passed);
        let dropped = failed || project.status == ProjectStatus::Huy;
        match self.milestone {
            Milestone::Registered | Milestone::Appraised => {
                project.status != ProjectStatus::Huy || self.milestone.reached_on(project).is_some()
            }
            Milestone::SentToMinistry | Milestone::Approved => {
                !dropped || self.milestone.reached_on(project).is_some()
            }
        }
    }

    /// How `project` stands against this deadline on `today`; None when it does not apply or
    /// the date does not exist.
    pub fn state(&self, project: &Project, today: NaiveDate) -> Option<DeadlineState> {
        if !self.applies_to(project) {
            return None;
        }
        let due = self.date_for(project.plan_year)?;
        Some(match self.milestone.reached_on(project) {
            Some(done) if done <= due => DeadlineState::OnTime,
            Some(done) => DeadlineState::DoneLate((done - due).num_days()),
            None if today <= due => DeadlineState::Open((due - today).num_days()),
            None => DeadlineState::Overdue((today - due).num_days()),
        })
    }

    /// The calendar shipped by default: the national KCQG date and Thanh Hóa's provincial
    /// dates as an example the user edits in Cài đặt.
    pub fn defaults() -> Vec<RegistrationDeadline> {
        vec![
            RegistrationDeadline {
                label: "Sở Công Thương gửi đăng ký kế hoạch KCQG về Bộ Công Thương (Cục)".into(),
                day: 20,
                month: 6,
                years_before: 1,
                source: Some(FundingSource::Kcqg),
                milestone: Milestone::SentToMinistry,
                basis: "TT 36/2013/TT-BCT Điều 10, sửa đổi bởi TT 17/2018/TT-BCT".into(),
            },
            RegistrationDeadline {
                label: "Đơn vị đăng ký kế hoạch khuyến công với Sở Công Thương".into(),
                day: 30,
                month: 8,
                years_before: 1,
                source: None,
                milestone: Milestone::Registered,
                basis: "Lịch của tỉnh (ví dụ: UBND tỉnh Thanh Hóa) — sửa theo quy chế của tỉnh"
                    .into(),
            },
            RegistrationDeadline {
                label: "Sở Công Thương thẩm định, trình phê duyệt kế hoạch KCĐP".into(),
                day: 30,
                month: 9,
                years_before: 1,
                source: Some(FundingSource::Kcdp),
                milestone: Milestone::Approved,
                basis: "Lịch của tỉnh (ví dụ: UBND tỉnh Thanh Hóa) — sửa theo quy chế của tỉnh"
                    .into(),
            },
        ]
    }

    /// Checks an edited deadline: a real day of the year and a label.
    pub fn validate(&self) -> Result<(), crate::domain::refusal::Refusal> {
        if self.label.trim().is_empty() {
            return Err("Hạn đăng ký: cần ghi tên bước.".into());
        }
        // 2024 is a leap year, so 29/02 is accepted; it simply has no date in other years.
        if NaiveDate::from_ymd_opt(2024, self.month, self.day).is_none() {
            return Err(format!(
                "Hạn \"{}\": ngày {}/{} không có thật.",
                self.label.trim(),
                self.day,
                self.month
            )
            .into());
        }
        if !(0..=2).contains(&self.years_before) {
            return Err(format!(
                "Hạn \"{}\": chỉ tính trong năm kế hoạch hoặc 1–2 năm trước đó.",
                self.label.trim()
            )
            .into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan_registration::Appraisal;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn registered_by_units() -> RegistrationDeadline {
        RegistrationDeadline::defaults().remove(1)
    }

    #[test]
    fn the_deadline_is_counted_back_from_the_plan_year() {
        assert_eq!(registered_by_units().date_for(2027), Some(day(2026, 8, 30)));
        assert_eq!(
            registered_by_units().when_label(),
            "30/08 năm trước năm kế hoạch"
        );
    }

    #[test]
    fn a_proposal_is_on_time_late_open_or_overdue() {
        let deadline = registered_by_units();
        let mut p = Project::new("38", 2027);
        assert_eq!(
            deadline.state(&p, day(2026, 8, 20)),
            Some(DeadlineState::Open(10))
        );
        assert_eq!(
            deadline.state(&p, day(2026, 9, 4)),
            Some(DeadlineState::Overdue(5))
        );
        p.registration.registered_on = Some(day(2026, 8, 30));
        assert_eq!(
            deadline.state(&p, day(2026, 9, 4)),
            Some(DeadlineState::OnTime)
        );
        p.registration.registered_on = Some(day(2026, 9, 2));
        let late = deadline.state(&p, day(2026, 9, 4));
        assert_eq!(late, Some(DeadlineState::DoneLate(3)));
        assert!(late.is_some_and(|s| s.is_late()));
        assert_eq!(DeadlineState::DoneLate(3).label(), "Muộn 3 ngày");
    }

    #[test]
    fn a_deadline_governs_only_its_source_and_live_proposals() {
        let to_ministry = RegistrationDeadline::defaults().remove(0);
        let approval = RegistrationDeadline::defaults().remove(2);
        let mut p = Project::new("38", 2027);
        p.source = FundingSource::Kcdp;
        assert_eq!(to_ministry.state(&p, day(2026, 7, 1)), None);
        assert_eq!(
            approval.state(&p, day(2026, 10, 1)),
            Some(DeadlineState::Overdue(1))
        );
        p.registration.appraisal =
            Some(Appraisal::new(false, day(2026, 9, 10), "không đủ hồ sơ", "huong").expect("ok"));
        assert_eq!(approval.state(&p, day(2026, 10, 1)), None);
    }

    #[test]
    fn edited_deadlines_are_checked() {
        let mut d = registered_by_units();
        assert!(d.validate().is_ok());
        d.day = 31;
        d.month = 9;
        assert!(d.validate().is_err_and(|e| e.contains("không có thật")));
        d.day = 29;
        d.month = 2;
        assert!(d.validate().is_ok());
        d.label = " ".into();
        assert!(d.validate().is_err());
    }
}
