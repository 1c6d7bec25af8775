//! What a balance is drawn from: the year's plan, its changes, the projects with their
//! payments, the reallocations, and the day the figures are taken on.

use chrono::NaiveDate;

use crate::domain::budget_plan::{BudgetChange, BudgetLine, Reallocation};
use crate::domain::funding_source::FundingSource;
use crate::domain::money::PaymentTotals;
use crate::domain::project::{Payment, Project};

/// Everything a balance or a progress report for one year reads; borrowed, never copied.
#[derive(Debug, Clone, Copy)]
pub struct BudgetInput<'a> {
    /// The plan year (năm kế hoạch) to balance.
    pub year: i32,
    /// Budget lines; lines of other years are ignored.
    pub lines: &'a [BudgetLine],
    /// Changes to the lines; those dated after `as_of` or of lines of other years are ignored.
    pub changes: &'a [BudgetChange],
    /// Projects; only those whose `plan_year` is `year` enter the balance.
    pub projects: &'a [Project],
    /// Reallocations between projects; those dated after `as_of` are ignored.
    pub reallocations: &'a [Reallocation],
    /// The day the figures are taken on; later payments, changes and reallocations are ignored.
    pub as_of: NaiveDate,
}

impl<'a> BudgetInput<'a> {
    /// The budget lines of the year.
    pub(crate) fn lines_of_year(&self) -> impl Iterator<Item = &'a BudgetLine> + 'a {
        let year = self.year;
        self.lines.iter().filter(move |l| l.year == year)
    }

    /// The changes dated on or before `as_of` (of any line).
    pub(crate) fn changes_as_of(&self) -> impl Iterator<Item = &'a BudgetChange> + 'a {
        let as_of = self.as_of;
        self.changes.iter().filter(move |c| c.date <= as_of)
    }

    /// The projects of the plan year.
    pub(crate) fn projects_of_year(&self) -> impl Iterator<Item = &'a Project> + 'a {
        let year = self.year;
        self.projects.iter().filter(move |p| p.plan_year == year)
    }

    /// A project's payments dated on or before `as_of`.
    pub(crate) fn payments_as_of(&self, project: &'a Project) -> impl Iterator<Item = &'a Payment> {
        let as_of = self.as_of;
        project.payments.iter().filter(move |p| p.date <= as_of)
    }

    /// A project's payment totals as of `as_of`, and whether it had any payment by then.
    pub(crate) fn payment_totals(&self, project: &'a Project) -> (PaymentTotals, bool) {
        let totals = PaymentTotals::of(self.payments_as_of(project));
        (totals, self.payments_as_of(project).next().is_some())
    }
}

/// Position of a source in `FundingSource::ALL`, the order of every per-source list.
pub(crate) fn source_index(source: FundingSource) -> usize {
    match source {
        FundingSource::Kcqg => 0,
        FundingSource::Kcdp => 1,
        FundingSource::Khac => 2,
    }
}
