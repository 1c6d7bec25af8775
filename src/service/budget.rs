//! Kế hoạch & cân đối: the year's dự toán lines, their dated changes and the reallocations
//! between projects; the balance of a year; programme targets and what projects achieved.

use crate::budget::Balance;
use crate::domain::budget_plan::{BudgetChange, BudgetLine, Reallocation};
use crate::domain::programme_target::{ProgrammeTarget, TargetProgress, target_progress};
use crate::service::year_balance::{YearFigures, year_figures};
use crate::service::{Service, ServiceResult};

/// The plan of a year as entered: lines, changes, and every reallocation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BudgetYear {
    pub lines: Vec<BudgetLine>,
    pub changes: Vec<BudgetChange>,
    pub reallocations: Vec<Reallocation>,
}

impl Service {
    /// The dự toán lines and changes of `year`, and the reallocations.
    pub fn budget_year(&self, year: i32) -> ServiceResult<BudgetYear> {
        Ok(BudgetYear {
            lines: self.store.budget_lines(year)?,
            changes: self.store.budget_changes(year)?,
            reallocations: self.store.reallocations()?,
        })
    }

    /// The balance and the monthly progress of `year`, as they stand today.
    pub fn year_figures(&self, year: i32) -> ServiceResult<YearFigures> {
        year_figures(&self.store, year, self.session.today)
    }

    /// The balance of `year` as it stands today (`khuyencong balance`).
    pub fn year_balance(&self, year: i32) -> ServiceResult<Balance> {
        Ok(self.year_figures(year)?.balance)
    }

    /// A programme's targets and what its projects achieved.
    pub fn programme_progress(&self, programme_code: &str) -> ServiceResult<Vec<TargetProgress>> {
        let targets = self.store.programme_targets(programme_code)?;
        let achieved = self.store.programme_achievements(programme_code)?;
        Ok(target_progress(&targets, &achieved))
    }

    /// Records a dự toán line.
    pub fn add_budget_line(&mut self, line: &BudgetLine) -> ServiceResult<()> {
        Ok(self.store.add_budget_line(line)?)
    }

    /// Records a dated change of a line (bổ sung, điều chỉnh giảm, thu hồi, chuyển nguồn).
    pub fn add_budget_change(&mut self, change: &BudgetChange) -> ServiceResult<()> {
        Ok(self.store.add_budget_change(change)?)
    }

    /// Records a reallocation of support between two projects.
    pub fn add_reallocation(&mut self, reallocation: &Reallocation) -> ServiceResult<()> {
        Ok(self.store.add_reallocation(reallocation)?)
    }

    /// Saves a programme's targets in order; stops at the first the store refuses.
    pub fn save_programme_targets(&mut self, targets: &[ProgrammeTarget]) -> ServiceResult<()> {
        for t in targets {
            self.store.save_programme_target(t)?;
        }
        Ok(())
    }
}
