//! Điều chuyển kinh phí giữa các đề án: a recorded move of support from one project to another
//! of the same source and plan year, applied as projects enter the balance.
//!
//! A reallocation moves money inside a source, so it never changes the source's plan (kế hoạch
//! giao) nor the sum of support over the source's projects. It changes *allocated* only when it
//! crosses the allocated boundary: moving a cancelled project's freed money to a running project
//! raises allocated by the amount moved, back to what it was before the cancellation.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use super::error::{BudgetError, describe_project, describe_reallocation};
use crate::domain::budget_plan::Reallocation;
use crate::domain::project::Project;

/// Net change of each project's support from the reallocations dated up to a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SupportAdjustments {
    deltas: HashMap<Uuid, i64>,
}

impl SupportAdjustments {
    /// Net đồng moved into (positive) or out of (negative) the project.
    pub fn delta(&self, project_id: Uuid) -> i64 {
        self.deltas.get(&project_id).copied().unwrap_or(0)
    }

    /// The project's support after the reallocations.
    pub fn support_of(&self, project: &Project) -> i64 {
        project.support + self.delta(project.id)
    }

    /// True when no project's support changes.
    pub fn is_empty(&self) -> bool {
        self.deltas.values().all(|d| *d == 0)
    }

    /// The projects whose support changes, with their net change, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (Uuid, i64)> + '_ {
        self.deltas
            .iter()
            .filter(|(_, d)| **d != 0)
            .map(|(id, d)| (*id, *d))
    }
}

/// Checks and nets the reallocations dated on or before `as_of` (later ones are ignored).
///
/// Refuses, naming the reallocation: a non-positive amount, a project moving money to itself,
/// a project not in `projects`, projects of different sources or plan years; and, naming the
/// project, any project left with negative support. The result does not depend on the order of
/// `reallocations`.
pub fn apply_reallocations(
    projects: &[Project],
    reallocations: &[Reallocation],
    as_of: NaiveDate,
) -> Result<SupportAdjustments, BudgetError> {
    let mut active = reallocations.iter().filter(|r| r.date <= as_of).peekable();
    if active.peek().is_none() {
        return Ok(SupportAdjustments::default());
    }
    let index: HashMap<Uuid, &Project> = projects.iter().map(|p| (p.id, p)).collect();
    let mut deltas: HashMap<Uuid, i64> = HashMap::new();
    let mut givers: Vec<&Project> = Vec::new();
    for r in active {
        let (from, to) = check(r, &index)?;
        *deltas.entry(from.id).or_insert(0) -= r.amount;
        *deltas.entry(to.id).or_insert(0) += r.amount;
        givers.push(from);
    }
    let adjustments = SupportAdjustments { deltas };
    // Only a giver can end below zero; report the first in the order given.
    if let Some(p) = givers.into_iter().find(|p| adjustments.support_of(p) < 0) {
        return Err(BudgetError::NegativeSupport {
            project_id: p.id,
            project: describe_project(p),
            support: adjustments.support_of(p),
        });
    }
    Ok(adjustments)
}

/// The two projects of a reallocation, once it is known to be applicable.
fn check<'p>(
    r: &Reallocation,
    index: &HashMap<Uuid, &'p Project>,
) -> Result<(&'p Project, &'p Project), BudgetError> {
    if r.amount <= 0 {
        return Err(BudgetError::NonPositiveAmount {
            reallocation_id: r.id,
            reallocation: describe_reallocation(r),
            amount: r.amount,
        });
    }
    let find = |id: Uuid| {
        index
            .get(&id)
            .copied()
            .ok_or_else(|| BudgetError::UnknownProject {
                reallocation_id: r.id,
                reallocation: describe_reallocation(r),
                project_id: id,
            })
    };
    let from = find(r.from_project)?;
    let to = find(r.to_project)?;
    if from.id == to.id {
        return Err(BudgetError::SameProject {
            reallocation_id: r.id,
            reallocation: describe_reallocation(r),
            project: describe_project(from),
        });
    }
    if from.source != to.source {
        return Err(BudgetError::CrossSource {
            reallocation_id: r.id,
            reallocation: describe_reallocation(r),
            from: describe_project(from),
            from_source: from.source,
            to: describe_project(to),
            to_source: to.source,
        });
    }
    if from.plan_year != to.plan_year {
        return Err(BudgetError::CrossYear {
            reallocation_id: r.id,
            reallocation: describe_reallocation(r),
            from: describe_project(from),
            from_year: from.plan_year,
            to: describe_project(to),
            to_year: to.plan_year,
        });
    }
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::funding_source::FundingSource;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
    }

    fn project(code: &str, source: FundingSource, support: i64) -> Project {
        let mut p = Project::new("38", 2026);
        p.code = code.into();
        p.source = source;
        p.support = support;
        p
    }

    fn moved(from: &Project, to: &Project, amount: i64, date: NaiveDate) -> Reallocation {
        Reallocation {
            id: Uuid::now_v7(),
            date,
            from_project: from.id,
            to_project: to.id,
            amount,
            decision_no: "45/QĐ-SCT".into(),
            reason: "Đề án hủy".into(),
        }
    }

    #[test]
    fn moves_support_and_keeps_the_sum() {
        let a = project("DA-2026-0001", FundingSource::Kcdp, 300_000_000);
        let b = project("DA-2026-0002", FundingSource::Kcdp, 200_000_000);
        let projects = [a.clone(), b.clone()];
        let r = [
            moved(&a, &b, 120_000_000, day(3, 1)),
            moved(&b, &a, 20_000_000, day(4, 1)),
        ];
        let adj = apply_reallocations(&projects, &r, day(12, 31)).expect("valid");
        assert_eq!(adj.support_of(&a), 200_000_000);
        assert_eq!(adj.support_of(&b), 300_000_000);
        assert_eq!(adj.delta(a.id) + adj.delta(b.id), 0);
        assert_eq!(adj.iter().count(), 2);
    }

    #[test]
    fn later_reallocations_are_ignored() {
        let a = project("DA-2026-0001", FundingSource::Kcdp, 300_000_000);
        let b = project("DA-2026-0002", FundingSource::Kcdp, 0);
        let r = [moved(&a, &b, 100_000_000, day(6, 1))];
        let adj = apply_reallocations(&[a.clone(), b], &r, day(5, 31)).expect("valid");
        assert!(adj.is_empty());
        assert_eq!(adj.support_of(&a), 300_000_000);
    }

    #[test]
    fn refuses_a_move_across_sources_naming_it() {
        let a = project("DA-2026-0001", FundingSource::Kcqg, 300_000_000);
        let b = project("DA-2026-0002", FundingSource::Kcdp, 0);
        let r = [moved(&a, &b, 100_000_000, day(2, 3))];
        let err = apply_reallocations(&[a, b], &r, day(12, 31)).expect_err("cross source");
        assert!(matches!(err, BudgetError::CrossSource { .. }));
        assert_eq!(
            err.to_string(),
            "Điều chuyển kinh phí theo quyết định 45/QĐ-SCT ngày 03/02/2026: đề án DA-2026-0001 \
             (KCQG) và đề án DA-2026-0002 (KCĐP) khác nguồn kinh phí; chỉ được điều chuyển giữa \
             các đề án cùng nguồn."
        );
    }

    #[test]
    fn refuses_unknown_projects_and_impossible_amounts() {
        let a = project("DA-2026-0001", FundingSource::Kcdp, 100);
        let b = project("DA-2026-0002", FundingSource::Kcdp, 0);
        let ghost = project("DA-2026-0099", FundingSource::Kcdp, 0);
        let all = [a.clone(), b.clone()];
        let unknown = apply_reallocations(&all, &[moved(&a, &ghost, 1, day(1, 5))], day(12, 31));
        match unknown {
            Err(BudgetError::UnknownProject {
                reallocation,
                project_id,
                ..
            }) => {
                assert_eq!(project_id, ghost.id);
                assert_eq!(
                    reallocation,
                    "Điều chuyển kinh phí theo quyết định 45/QĐ-SCT ngày 05/01/2026"
                );
            }
            other => panic!("expected an unknown project, got {other:?}"),
        }
        let zero = apply_reallocations(&all, &[moved(&a, &b, 0, day(1, 5))], day(12, 31));
        assert!(matches!(zero, Err(BudgetError::NonPositiveAmount { .. })));
        let itself = apply_reallocations(&all, &[moved(&a, &a, 1, day(1, 5))], day(12, 31));
        assert!(matches!(itself, Err(BudgetError::SameProject { .. })));
        let too_much = apply_reallocations(&all, &[moved(&a, &b, 101, day(1, 5))], day(12, 31));
        let err = too_much.expect_err("negative support");
        assert_eq!(
            err.to_string(),
            "Sau các điều chuyển, kinh phí hỗ trợ của đề án DA-2026-0001 âm (-1 đồng); số tiền \
             chuyển đi vượt quá kinh phí của đề án."
        );
    }

    #[test]
    fn refuses_a_move_across_plan_years() {
        let a = project("DA-2025-0001", FundingSource::Kcdp, 100);
        let mut b = project("DA-2026-0002", FundingSource::Kcdp, 0);
        b.plan_year = 2027;
        let r = [moved(&a, &b, 50, day(1, 5))];
        let err = apply_reallocations(&[a, b], &r, day(12, 31)).expect_err("cross year");
        assert!(matches!(
            err,
            BudgetError::CrossYear {
                from_year: 2026,
                to_year: 2027,
                ..
            }
        ));
    }
}
