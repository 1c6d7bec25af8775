//! The balance of a plan year read from the database: the one path both the Kế hoạch & cân đối
//! screen and `khuyencong balance` use, so they show the same numbers.

use chrono::NaiveDate;

use crate::budget::{Balance, BudgetInput, SourceProgress, compute_balance, monthly_progress};
use crate::service::ServiceResult;
use crate::store::Store;

/// Everything the Kế hoạch & cân đối screen shows about a year.
#[derive(Debug, Clone)]
pub struct YearFigures {
    pub balance: Balance,
    /// Disbursement by month, per source.
    pub progress: Vec<SourceProgress>,
}

/// The balance of `year` as it stood on `as_of`.
pub fn year_balance(store: &Store, year: i32, as_of: NaiveDate) -> ServiceResult<Balance> {
    Ok(year_figures(store, year, as_of)?.balance)
}

/// The balance and the monthly progress of `year` as they stood on `as_of`.
pub fn year_figures(store: &Store, year: i32, as_of: NaiveDate) -> ServiceResult<YearFigures> {
    let lines = store.budget_lines(year)?;
    let changes = store.budget_changes(year)?;
    let projects = store.projects_of_year(year)?;
    let ids: std::collections::HashSet<uuid::Uuid> = projects.iter().map(|p| p.id).collect();
    // Reallocations touch this year's projects only; others belong to their own year.
    let reallocations: Vec<_> = store
        .reallocations()?
        .into_iter()
        .filter(|r| ids.contains(&r.from_project) || ids.contains(&r.to_project))
        .collect();
    let input = BudgetInput {
        year,
        lines: &lines,
        changes: &changes,
        projects: &projects,
        reallocations: &reallocations,
        as_of,
    };
    Ok(YearFigures {
        balance: compute_balance(&input)?,
        progress: monthly_progress(&input),
    })
}
