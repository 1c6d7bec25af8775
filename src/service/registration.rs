//! Đăng ký kế hoạch năm sau: the proposals of a plan year consolidated against the editable
//! calendar of deadlines.

use crate::budget::{RegistrationSummary, summarise_registration};
use crate::domain::registration_deadline::RegistrationDeadline;
use crate::service::{Service, ServiceResult};

/// A plan year's consolidated proposals and the calendar they are judged by.
#[derive(Debug, Clone)]
pub struct RegistrationYear {
    pub summary: RegistrationSummary,
    pub deadlines: Vec<RegistrationDeadline>,
}

impl Service {
    /// The proposals of `plan_year`, consolidated and judged against the calendar today.
    pub fn registration_year(&self, plan_year: i32) -> ServiceResult<RegistrationYear> {
        let deadlines = self.store.registration_deadlines()?;
        let projects = self.store.projects_of_year(plan_year)?;
        // The totals add the proposals' money: refused by record if any could overflow.
        crate::budget::check_amounts(&crate::budget::BudgetInput {
            year: plan_year,
            lines: &[],
            changes: &[],
            projects: &projects,
            reallocations: &[],
            as_of: self.session.today,
        })?;
        let summary = summarise_registration(&projects, &deadlines, plan_year, self.session.today);
        Ok(RegistrationYear { summary, deadlines })
    }

    /// Stores the edited calendar (every date checked).
    pub fn save_registration_deadlines(
        &mut self,
        deadlines: &[RegistrationDeadline],
    ) -> ServiceResult<()> {
        Ok(self.store.set_registration_deadlines(deadlines)?)
    }
}
