//! Tiến độ giải ngân: money disbursed month by month (and quarter by quarter) in the plan year,
//! cumulated and set against the plan in force at the end of each period.
//!
//! A month's disbursement is the advances and payments dated in it minus the advances
//! recovered in it (settlements move no money), so it can be negative. Payments of the year's
//! projects dated before 1 January (e.g. an advance in December) are `before_year`; those after
//! 31 December but by the day of the report (e.g. paid while the accounts are still open) are
//! `after_year`. So `before_year` + the twelve months + `after_year` is the source's disbursed
//! figure in the balance.

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use super::input::{BudgetInput, source_index};
use crate::domain::funding_source::FundingSource;
use crate::domain::money::disbursement_delta;
use crate::domain::money::money_rate;

/// One month of a source's disbursement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthProgress {
    /// 1–12.
    pub month: u32,
    /// Net disbursed in the month.
    pub disbursed: i64,
    /// Disbursed from before the year to the end of the month.
    pub cumulative: i64,
    /// Kế hoạch giao at the end of the month (changes dated after it, or after `as_of`, left out).
    pub planned: i64,
    /// `cumulative` over `planned` in basis points; `None` when nothing is planned.
    pub cumulative_rate_bp: Option<i64>,
    /// True when the month has begun by `as_of`; later months are flat by construction.
    pub started: bool,
}

/// One quarter of a source's disbursement: the sum of its three months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuarterProgress {
    /// 1–4.
    pub quarter: u32,
    /// Net disbursed in the quarter.
    pub disbursed: i64,
    /// Disbursed from before the year to the end of the quarter.
    pub cumulative: i64,
    /// Kế hoạch giao at the end of the quarter.
    pub planned: i64,
    /// `cumulative` over `planned` in basis points; `None` when nothing is planned.
    pub cumulative_rate_bp: Option<i64>,
    /// True when the quarter has begun by `as_of`.
    pub started: bool,
}

/// A source's disbursement month by month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceProgress {
    /// The source.
    pub source: FundingSource,
    /// Disbursed by payments dated before 1 January of the year.
    pub before_year: i64,
    /// January to December.
    pub months: [MonthProgress; 12],
    /// Disbursed by payments dated after 31 December, up to `as_of`.
    pub after_year: i64,
}

impl SourceProgress {
    /// Everything disbursed up to `as_of`: equals the source's `disbursed` in the balance.
    pub fn disbursed_as_of(&self) -> i64 {
        self.months[11].cumulative + self.after_year
    }

    /// The four quarters, each the sum of its months.
    pub fn quarters(&self) -> [QuarterProgress; 4] {
        std::array::from_fn(|q| {
            let months = &self.months[3 * q..3 * q + 3];
            let last = &months[2];
            QuarterProgress {
                quarter: last.month / 3,
                disbursed: months.iter().map(|m| m.disbursed).sum(),
                cumulative: last.cumulative,
                planned: last.planned,
                cumulative_rate_bp: last.cumulative_rate_bp,
                started: months[0].started,
            }
        })
    }
}

/// A source's disbursement quarter by quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceQuarters {
    /// The source.
    pub source: FundingSource,
    /// Disbursed by payments dated before 1 January of the year.
    pub before_year: i64,
    /// Quarters I to IV.
    pub quarters: [QuarterProgress; 4],
    /// Disbursed by payments dated after 31 December, up to `as_of`.
    pub after_year: i64,
}

/// Disbursement by month for each source (all three, in `FundingSource::ALL` order).
///
/// Reads lines, changes and payments; reallocations move support, not money, so they play no
/// part. Linear in the number of payments.
pub fn monthly_progress(input: &BudgetInput) -> Vec<SourceProgress> {
    let year = input.year;
    let mut before = [0i64; 3];
    let mut after = [0i64; 3];
    let mut by_month = [[0i64; 12]; 3];
    for project in input.projects_of_year() {
        let s = source_index(project.source);
        for payment in input.payments_as_of(project) {
            let delta = disbursement_delta(payment);
            match payment.date.year().cmp(&year) {
                std::cmp::Ordering::Less => before[s] += delta,
                std::cmp::Ordering::Greater => after[s] += delta,
                std::cmp::Ordering::Equal => by_month[s][month_index(payment.date)] += delta,
            }
        }
    }
    let planned = planned_by_month(input);
    FundingSource::ALL
        .into_iter()
        .map(|source| {
            let s = source_index(source);
            let mut cumulative = before[s];
            let months = std::array::from_fn(|m| {
                cumulative += by_month[s][m];
                let month = m as u32 + 1;
                MonthProgress {
                    month,
                    disbursed: by_month[s][m],
                    cumulative,
                    planned: planned[s][m],
                    cumulative_rate_bp: money_rate(cumulative, planned[s][m]),
                    started: (year, month) <= (input.as_of.year(), input.as_of.month()),
                }
            });
            SourceProgress {
                source,
                before_year: before[s],
                months,
                after_year: after[s],
            }
        })
        .collect()
}

/// Disbursement by quarter for each source: the months of [`monthly_progress`] summed.
pub fn quarterly_progress(input: &BudgetInput) -> Vec<SourceQuarters> {
    monthly_progress(input)
        .into_iter()
        .map(|p| SourceQuarters {
            source: p.source,
            before_year: p.before_year,
            quarters: p.quarters(),
            after_year: p.after_year,
        })
        .collect()
}

/// 0 for January … 11 for December.
fn month_index(date: NaiveDate) -> usize {
    date.month0() as usize
}

/// Kế hoạch giao of each source at the end of each month of the year.
///
/// Lines count from January whatever their decision date, as in the balance; a change counts
/// from the month it is dated in (changes dated before the year count from January).
fn planned_by_month(input: &BudgetInput) -> [[i64; 12]; 3] {
    let mut base = [0i64; 3];
    let mut line_source: Vec<(Uuid, usize)> = Vec::new();
    for line in input.lines_of_year() {
        base[source_index(line.source)] += line.amount;
        line_source.push((line.id, source_index(line.source)));
    }
    // Lines of a year are few (tens), so a sorted list beats hashing here.
    line_source.sort_unstable();
    let mut change_by_month = [[0i64; 12]; 3];
    for change in input.changes_as_of() {
        let Ok(at) = line_source.binary_search_by_key(&change.line_id, |(id, _)| *id) else {
            continue;
        };
        let s = line_source[at].1;
        let m = match change.date.year().cmp(&input.year) {
            std::cmp::Ordering::Less => 0,
            std::cmp::Ordering::Equal => month_index(change.date),
            std::cmp::Ordering::Greater => continue,
        };
        change_by_month[s][m] += change.kind.sign() * change.amount;
    }
    std::array::from_fn(|s| {
        let mut planned = base[s];
        std::array::from_fn(|m| {
            planned += change_by_month[s][m];
            planned
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::budget_plan::{BudgetChange, BudgetChangeKind, BudgetLine};
    use crate::domain::project::{Payment, PaymentKind, Project};
    use crate::domain::project_status::ProjectStatus;

    const YEAR: i32 = 2026;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn pay(kind: PaymentKind, date: NaiveDate, amount: i64) -> Payment {
        Payment {
            id: Uuid::now_v7(),
            kind,
            date,
            amount,
            source: FundingSource::Kcdp,
            document_no: String::new(),
            note: String::new(),
        }
    }

    fn scene() -> (Vec<BudgetLine>, Vec<BudgetChange>, Vec<Project>) {
        let line = BudgetLine {
            id: Uuid::now_v7(),
            year: YEAR,
            source: FundingSource::Kcdp,
            decision_no: "125/QĐ-UBND".into(),
            decision_date: date(YEAR, 1, 10),
            agency: "UBND tỉnh".into(),
            amount: 1_000_000_000,
            content_code: String::new(),
            commune_code: String::new(),
        };
        let supplement = BudgetChange {
            id: Uuid::now_v7(),
            line_id: line.id,
            kind: BudgetChangeKind::Supplement,
            date: date(YEAR, 6, 15),
            amount: 1_000_000_000,
            decision_no: String::new(),
            reason: String::new(),
        };
        let mut p = Project::new("38", YEAR);
        p.source = FundingSource::Kcdp;
        p.status = ProjectStatus::DangThucHien;
        p.support = 900_000_000;
        p.payments = vec![
            pay(PaymentKind::Advance, date(YEAR - 1, 12, 20), 100_000_000),
            pay(PaymentKind::Payment, date(YEAR, 2, 10), 200_000_000),
            pay(PaymentKind::AdvanceRecovery, date(YEAR, 5, 5), 100_000_000),
            pay(PaymentKind::Payment, date(YEAR, 5, 20), 300_000_000),
            pay(PaymentKind::Settlement, date(YEAR, 11, 1), 600_000_000),
            pay(PaymentKind::Payment, date(YEAR + 1, 1, 15), 50_000_000),
        ];
        (vec![line], vec![supplement], vec![p])
    }

    fn input<'a>(
        scene: &'a (Vec<BudgetLine>, Vec<BudgetChange>, Vec<Project>),
        as_of: NaiveDate,
    ) -> BudgetInput<'a> {
        BudgetInput {
            year: YEAR,
            lines: &scene.0,
            changes: &scene.1,
            projects: &scene.2,
            reallocations: &[],
            as_of,
        }
    }

    #[test]
    fn months_cumulate_from_before_the_year_to_after_it() {
        let s = scene();
        let progress = monthly_progress(&input(&s, date(YEAR + 1, 1, 31)));
        assert_eq!(progress.len(), 3);
        let kcdp = &progress[source_index(FundingSource::Kcdp)];
        assert_eq!(kcdp.before_year, 100_000_000);
        assert_eq!(kcdp.months[1].disbursed, 200_000_000);
        assert_eq!(kcdp.months[4].disbursed, 200_000_000);
        assert_eq!(kcdp.months[10].disbursed, 0);
        assert_eq!(kcdp.months[0].cumulative, 100_000_000);
        assert_eq!(kcdp.months[4].cumulative, 500_000_000);
        assert_eq!(kcdp.months[11].cumulative, 500_000_000);
        assert_eq!(kcdp.after_year, 50_000_000);
        assert_eq!(kcdp.disbursed_as_of(), 550_000_000);
        // The plan doubles in June: 50 % of 1 tỷ in May, 25 % of 2 tỷ in June.
        assert_eq!(kcdp.months[4].planned, 1_000_000_000);
        assert_eq!(kcdp.months[4].cumulative_rate_bp, Some(5_000));
        assert_eq!(kcdp.months[5].planned, 2_000_000_000);
        assert_eq!(kcdp.months[5].cumulative_rate_bp, Some(2_500));
        let other = &progress[source_index(FundingSource::Kcqg)];
        assert_eq!(other.months[11].cumulative_rate_bp, None);
    }

    #[test]
    fn nothing_after_the_day_counts() {
        let s = scene();
        let progress = monthly_progress(&input(&s, date(YEAR, 5, 10)));
        let kcdp = &progress[source_index(FundingSource::Kcdp)];
        assert_eq!(kcdp.months[4].disbursed, -100_000_000);
        assert_eq!(kcdp.months[11].cumulative, 200_000_000);
        assert_eq!(kcdp.months[11].planned, 1_000_000_000);
        assert!(kcdp.months[4].started);
        assert!(!kcdp.months[5].started);
        assert_eq!(kcdp.after_year, 0);
    }

    #[test]
    fn quarters_are_sums_of_their_months() {
        let s = scene();
        let quarters = quarterly_progress(&input(&s, date(YEAR, 12, 31)));
        let kcdp = &quarters[source_index(FundingSource::Kcdp)];
        let q: Vec<(u32, i64, i64)> = kcdp
            .quarters
            .iter()
            .map(|q| (q.quarter, q.disbursed, q.cumulative))
            .collect();
        assert_eq!(
            q,
            [
                (1, 200_000_000, 300_000_000),
                (2, 200_000_000, 500_000_000),
                (3, 0, 500_000_000),
                (4, 0, 500_000_000)
            ]
        );
        assert_eq!(kcdp.quarters[1].planned, 2_000_000_000);
        assert_eq!(kcdp.quarters[0].cumulative_rate_bp, Some(3_000));
        assert!(kcdp.quarters.iter().all(|q| q.started));
    }
}
