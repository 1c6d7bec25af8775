//! The balance of a plan year read from the database: the one path both the Kế hoạch & cân đối
//! screen and `khuyencong balance` use, so they show the same numbers.

use std::collections::HashSet;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::budget::{Balance, BudgetInput, SourceProgress, compute_balance, monthly_progress};
use crate::domain::budget_plan::{BudgetChange, BudgetLine, Reallocation};
use crate::domain::project::Project;
use crate::service::ServiceResult;
use crate::store::Store;

/// Everything the Kế hoạch & cân đối screen shows about a year.
#[derive(Debug, Clone)]
pub struct YearFigures {
    pub balance: Balance,
    /// Disbursement by month, per source.
    pub progress: Vec<SourceProgress>,
}

/// Everything of a plan year the balance is computed from, read once.
#[derive(Debug, Clone)]
pub struct YearData {
    pub year: i32,
    pub lines: Vec<BudgetLine>,
    pub changes: Vec<BudgetChange>,
    pub projects: Vec<Project>,
    /// Reallocations touching this year's projects (others belong to their own year).
    pub reallocations: Vec<Reallocation>,
}

impl YearData {
    /// Reads the year: its dự toán lines and changes, its projects, their reallocations.
    pub fn load(store: &Store, year: i32) -> ServiceResult<YearData> {
        let projects = store.projects_of_year(year)?;
        let ids: HashSet<Uuid> = projects.iter().map(|p| p.id).collect();
        let reallocations = store
            .reallocations()?
            .into_iter()
            .filter(|r| ids.contains(&r.from_project) || ids.contains(&r.to_project))
            .collect();
        Ok(YearData {
            year,
            lines: store.budget_lines(year)?,
            changes: store.budget_changes(year)?,
            projects,
            reallocations,
        })
    }

    /// The year as it stood at the end of `day`: every project restated on that day
    /// ([`Project::as_of`]), so a balance or a report of a past day shows that day's figures.
    pub fn as_of(&self, day: NaiveDate) -> YearData {
        YearData {
            year: self.year,
            lines: self.lines.clone(),
            changes: self.changes.clone(),
            projects: self.projects.iter().map(|p| p.as_of(day)).collect(),
            reallocations: self.reallocations.clone(),
        }
    }

    /// The budget's input as of `as_of` (dated payments, changes and reallocations; the
    /// projects as they are in `self`, see [`YearData::as_of`]).
    pub fn input(&self, as_of: NaiveDate) -> BudgetInput<'_> {
        BudgetInput {
            year: self.year,
            lines: &self.lines,
            changes: &self.changes,
            projects: &self.projects,
            reallocations: &self.reallocations,
            as_of,
        }
    }
}

/// The balance of `year` as it stood on `as_of`.
pub fn year_balance(store: &Store, year: i32, as_of: NaiveDate) -> ServiceResult<Balance> {
    Ok(compute_balance(
        &YearData::load(store, year)?.as_of(as_of).input(as_of),
    )?)
}

/// The balance and the monthly progress of `year` as they stood on `as_of`.
pub fn year_figures(store: &Store, year: i32, as_of: NaiveDate) -> ServiceResult<YearFigures> {
    let data = YearData::load(store, year)?.as_of(as_of);
    let input = data.input(as_of);
    Ok(YearFigures {
        balance: compute_balance(&input)?,
        progress: monthly_progress(&input),
    })
}

/// The tables a year's balance is computed from: a row of them that cannot be read is left out
/// of the figures, and the figures say so (`Service::balance_left_out`).
pub const BALANCE_TABLES: &[&str] = &[
    "project",
    "payment",
    "project_beneficiary",
    "budget_line",
    "budget_change",
    "reallocation",
];

impl crate::service::Service {
    /// How many unreadable rows the balance (and the report's figures) were computed without.
    /// Counted over the whole file: a row that cannot be read cannot be told to belong to a year.
    pub fn balance_left_out(&self) -> ServiceResult<usize> {
        self.left_out_rows(BALANCE_TABLES)
    }
}
