//! Tổng hợp đăng ký kế hoạch: next year's proposals consolidated into the province's list,
//! with totals by source and by content, the appraisal results, and what is late against the
//! configured calendar.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::funding_source::FundingSource;
use crate::domain::project::Project;
use crate::domain::project_status::ProjectStatus;
use crate::domain::registration_deadline::{DeadlineState, RegistrationDeadline};

/// Count and money of a group of proposals (đồng).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProposalTotals {
    pub count: usize,
    /// Kinh phí khuyến công đề nghị hỗ trợ.
    pub support: i64,
    pub counterpart: i64,
    pub total_cost: i64,
}

impl ProposalTotals {
    fn add(&mut self, p: &Project) {
        self.count += 1;
        self.support += p.support;
        self.counterpart += p.counterpart;
        self.total_cost += p.total_cost;
    }
}

/// Totals per source, in report order.
pub type BySource = BTreeMap<FundingSource, ProposalTotals>;

/// Where a proposal stands in the appraisal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppraisalStage {
    NotYet,
    Passed,
    Failed,
}

impl AppraisalStage {
    pub fn label(self) -> &'static str {
        match self {
            AppraisalStage::NotYet => "Chưa thẩm định",
            AppraisalStage::Passed => "Đạt",
            AppraisalStage::Failed => "Không đạt",
        }
    }
}

/// One proposal of the consolidated list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub proposed_by: String,
    pub source: FundingSource,
    pub content_code: String,
    pub commune_codes: Vec<String>,
    pub support: i64,
    pub counterpart: i64,
    pub total_cost: i64,
    pub registered_on: Option<NaiveDate>,
    pub stage: AppraisalStage,
    pub appraisal_reason: String,
    pub status: ProjectStatus,
    /// Its state against each deadline of the calendar, in calendar order (None = not governed).
    pub deadlines: Vec<Option<DeadlineState>>,
}

impl ProposalRow {
    /// True when any step was or is late.
    pub fn is_late(&self) -> bool {
        self.deadlines.iter().flatten().any(|s| s.is_late())
    }
}

/// How the proposals stand against one deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineTally {
    pub deadline: RegistrationDeadline,
    pub due: Option<NaiveDate>,
    pub on_time: usize,
    pub done_late: usize,
    pub open: usize,
    pub overdue: usize,
}

impl DeadlineTally {
    /// One line for the screen and the report: "Quá hạn: 3 đề án chưa …".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.overdue > 0 {
            parts.push(format!("{} đề án quá hạn", self.overdue));
        }
        if self.done_late > 0 {
            parts.push(format!("{} đề án làm muộn", self.done_late));
        }
        if self.open > 0 {
            parts.push(format!("{} đề án chưa đến hạn", self.open));
        }
        if self.on_time > 0 {
            parts.push(format!("{} đề án đúng hạn", self.on_time));
        }
        if parts.is_empty() {
            "Không có đề án thuộc bước này".into()
        } else {
            parts.join("; ")
        }
    }
}

/// The consolidated registration of a plan year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationSummary {
    pub plan_year: i32,
    /// Every proposal of the year, cancelled ones included (shown, never counted).
    pub rows: Vec<ProposalRow>,
    /// Proposals not cancelled, by source.
    pub registered: BySource,
    /// Proposals that passed the appraisal, by source.
    pub passed: BySource,
    /// Proposals not cancelled, by content code then source (content codes in order).
    pub by_content: BTreeMap<String, BySource>,
    pub deadlines: Vec<DeadlineTally>,
}

impl RegistrationSummary {
    /// Total of a by-source map over every source.
    pub fn all_sources(by_source: &BySource) -> ProposalTotals {
        by_source
            .values()
            .fold(ProposalTotals::default(), |mut acc, t| {
                acc.count += t.count;
                acc.support += t.support;
                acc.counterpart += t.counterpart;
                acc.total_cost += t.total_cost;
                acc
            })
    }

    /// Number of proposals late on some step.
    pub fn late_count(&self) -> usize {
        self.rows.iter().filter(|r| r.is_late()).count()
    }
}

fn stage_of(p: &Project) -> AppraisalStage {
    match &p.registration.appraisal {
        None => AppraisalStage::NotYet,
        Some(a) if a.passed => AppraisalStage::Passed,
        Some(_) => AppraisalStage::Failed,
    }
}

/// Consolidates the proposals of `plan_year` among `projects`, judging deadlines on `today`.
pub fn summarise_registration(
    projects: &[Project],
    deadlines: &[RegistrationDeadline],
    plan_year: i32,
    today: NaiveDate,
) -> RegistrationSummary {
    let mut tallies: Vec<DeadlineTally> = deadlines
        .iter()
        .map(|d| DeadlineTally {
            deadline: d.clone(),
            due: d.date_for(plan_year),
            on_time: 0,
            done_late: 0,
            open: 0,
            overdue: 0,
        })
        .collect();
    let mut summary = RegistrationSummary {
        plan_year,
        rows: Vec::new(),
        registered: BySource::new(),
        passed: BySource::new(),
        by_content: BTreeMap::new(),
        deadlines: Vec::new(),
    };
    for p in projects.iter().filter(|p| p.plan_year == plan_year) {
        let stage = stage_of(p);
        let states: Vec<Option<DeadlineState>> =
            deadlines.iter().map(|d| d.state(p, today)).collect();
        for (tally, state) in tallies.iter_mut().zip(&states) {
            match state {
                Some(DeadlineState::OnTime) => tally.on_time += 1,
                Some(DeadlineState::DoneLate(_)) => tally.done_late += 1,
                Some(DeadlineState::Open(_)) => tally.open += 1,
                Some(DeadlineState::Overdue(_)) => tally.overdue += 1,
                None => {}
            }
        }
        if p.status != ProjectStatus::Huy {
            summary.registered.entry(p.source).or_default().add(p);
            summary
                .by_content
                .entry(p.content_code.clone())
                .or_default()
                .entry(p.source)
                .or_default()
                .add(p);
            if stage == AppraisalStage::Passed {
                summary.passed.entry(p.source).or_default().add(p);
            }
        }
        summary.rows.push(ProposalRow {
            id: p.id,
            code: p.code.clone(),
            name: p.name.clone(),
            proposed_by: p.registration.proposed_by.clone(),
            source: p.source,
            content_code: p.content_code.clone(),
            commune_codes: p.commune_codes.clone(),
            support: p.support,
            counterpart: p.counterpart,
            total_cost: p.total_cost,
            registered_on: p.registration.registered_on,
            stage,
            appraisal_reason: p
                .registration
                .appraisal
                .as_ref()
                .map(|a| a.reason.clone())
                .unwrap_or_default(),
            status: p.status,
            deadlines: states,
        });
    }
    summary.rows.sort_by(|a, b| {
        (a.source, &a.content_code, &a.code).cmp(&(b.source, &b.content_code, &b.code))
    });
    summary.deadlines = tallies;
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan_registration::Appraisal;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn proposal(
        source: FundingSource,
        content: &str,
        support: i64,
        registered: NaiveDate,
    ) -> Project {
        let mut p = Project::new("38", 2027);
        p.source = source;
        p.content_code = content.into();
        p.support = support;
        p.counterpart = support;
        p.total_cost = 2 * support;
        p.registration.registered_on = Some(registered);
        p
    }

    #[test]
    fn totals_by_source_and_content_add_up_and_leave_out_cancelled_and_other_years() {
        let mut cancelled = proposal(FundingSource::Kcdp, "04", 50, day(2026, 8, 1));
        cancelled.status = ProjectStatus::Huy;
        let mut other_year = proposal(FundingSource::Kcdp, "04", 70, day(2026, 8, 1));
        other_year.plan_year = 2026;
        let mut passed = proposal(FundingSource::Kcqg, "03", 300, day(2026, 6, 1));
        passed.registration.appraisal =
            Some(Appraisal::new(true, day(2026, 6, 10), "", "huong").expect("ok"));
        let projects = vec![
            proposal(FundingSource::Kcdp, "04", 100, day(2026, 8, 1)),
            proposal(FundingSource::Kcdp, "03", 200, day(2026, 9, 3)),
            passed,
            cancelled,
            other_year,
        ];
        let s = summarise_registration(
            &projects,
            &RegistrationDeadline::defaults(),
            2027,
            day(2026, 10, 5),
        );
        assert_eq!(s.rows.len(), 4);
        let kcdp = s.registered[&FundingSource::Kcdp];
        assert_eq!((kcdp.count, kcdp.support), (2, 300));
        assert_eq!(RegistrationSummary::all_sources(&s.registered).support, 600);
        assert_eq!(RegistrationSummary::all_sources(&s.passed).support, 300);
        let content_total: i64 = s
            .by_content
            .values()
            .map(|m| RegistrationSummary::all_sources(m).support)
            .sum();
        assert_eq!(content_total, 600);
        assert_eq!(s.by_content["03"][&FundingSource::Kcqg].support, 300);
    }

    #[test]
    fn late_steps_are_counted_per_deadline() {
        let projects = vec![
            proposal(FundingSource::Kcdp, "04", 100, day(2026, 8, 1)),
            proposal(FundingSource::Kcdp, "04", 100, day(2026, 9, 3)),
        ];
        let s = summarise_registration(
            &projects,
            &RegistrationDeadline::defaults(),
            2027,
            day(2026, 10, 5),
        );
        let registered = &s.deadlines[1];
        assert_eq!((registered.on_time, registered.done_late), (1, 1));
        assert_eq!(s.deadlines[0].summary(), "Không có đề án thuộc bước này");
        // Neither is approved and 30/9 has passed.
        assert_eq!(s.deadlines[2].overdue, 2);
        assert_eq!(s.late_count(), 2);
    }
}
