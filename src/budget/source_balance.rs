//! One cell of the balance: plan vs allocated vs advanced vs disbursed vs settled for one
//! source (and, in the matrices, one nội dung or one xã), with the rates derived from them.

use crate::domain::funding_source::FundingSource;

use crate::domain::money::money_rate;

/// The additive figures of a cell; everything else is derived from them when a cell is built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Amounts {
    pub(crate) planned: i64,
    pub(crate) allocated: i64,
    pub(crate) advanced: i64,
    pub(crate) disbursed: i64,
    pub(crate) settled: i64,
    pub(crate) counterpart: i64,
    pub(crate) other_funds: i64,
    pub(crate) project_count: usize,
}

impl Amounts {
    /// Adds another cell's figures into this one.
    pub(crate) fn add(&mut self, other: &Amounts) {
        self.planned += other.planned;
        self.allocated += other.allocated;
        self.advanced += other.advanced;
        self.disbursed += other.disbursed;
        self.settled += other.settled;
        self.counterpart += other.counterpart;
        self.other_funds += other.other_funds;
        self.project_count += other.project_count;
    }
}

/// The headings of a source's money columns, in the order the screen and the CLI show them.
pub const SOURCE_HEADINGS: [&str; 8] = [
    "Nguồn",
    "Kế hoạch giao",
    "Đã phân bổ",
    "Chưa phân bổ",
    "Đã tạm ứng",
    "Đã giải ngân",
    "Đã quyết toán",
    "Tỷ lệ giải ngân",
];

/// The balance of one source (kế hoạch, đã phân bổ, chưa phân bổ, tạm ứng, giải ngân, quyết toán).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceBalance {
    /// The source this cell belongs to.
    pub source: FundingSource,
    /// Kế hoạch giao: budget lines of the year plus their changes up to the day of the balance.
    pub planned: i64,
    /// Đã phân bổ: support of allocated projects, after reallocations.
    pub allocated: i64,
    /// Chưa phân bổ = planned − allocated; negative when over-allocated.
    pub unallocated: i64,
    /// Đã tạm ứng: advances not yet recovered.
    pub advanced: i64,
    /// Đã giải ngân: payments plus outstanding advances.
    pub disbursed: i64,
    /// Đã quyết toán.
    pub settled: i64,
    /// Vốn đối ứng of allocated projects (beside the source, not part of it).
    pub counterpart: i64,
    /// Nguồn khác of allocated projects (beside the source, not part of it).
    pub other_funds: i64,
    /// Tỷ lệ giải ngân: disbursed over planned in basis points; `None` when nothing is planned.
    pub disbursement_rate_bp: Option<i64>,
    /// Tỷ lệ huy động: (counterpart + other funds) over allocated support, in basis points.
    pub mobilised_rate_bp: Option<i64>,
    /// Allocated projects behind `allocated`.
    pub project_count: usize,
}

impl SourceBalance {
    /// An empty cell of `source`.
    pub fn empty(source: FundingSource) -> SourceBalance {
        SourceBalance::from_amounts(source, &Amounts::default())
    }

    /// Builds a cell from its additive figures, deriving the rest.
    pub(crate) fn from_amounts(source: FundingSource, a: &Amounts) -> SourceBalance {
        SourceBalance {
            source,
            planned: a.planned,
            allocated: a.allocated,
            unallocated: a.planned - a.allocated,
            advanced: a.advanced,
            disbursed: a.disbursed,
            settled: a.settled,
            counterpart: a.counterpart,
            other_funds: a.other_funds,
            disbursement_rate_bp: money_rate(a.disbursed, a.planned),
            mobilised_rate_bp: money_rate(a.counterpart + a.other_funds, a.allocated),
            project_count: a.project_count,
        }
    }

    /// The additive figures of this cell.
    pub(crate) fn amounts(&self) -> Amounts {
        Amounts {
            planned: self.planned,
            allocated: self.allocated,
            advanced: self.advanced,
            disbursed: self.disbursed,
            settled: self.settled,
            counterpart: self.counterpart,
            other_funds: self.other_funds,
            project_count: self.project_count,
        }
    }

    /// Merges two cells of `self.source` (e.g. old xã rolled up into a new one), re-deriving
    /// the rates rather than adding them. Project counts are added, so a project in both cells
    /// counts twice.
    pub fn plus(&self, other: &SourceBalance) -> SourceBalance {
        let mut a = self.amounts();
        a.add(&other.amounts());
        SourceBalance::from_amounts(self.source, &a)
    }

    /// True when more support is allocated than planned.
    pub fn is_over_allocated(&self) -> bool {
        self.unallocated < 0
    }
}

/// The same figures summed over several sources (the "Tổng cộng" row or column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BalanceTotals {
    /// Kế hoạch giao.
    pub planned: i64,
    /// Đã phân bổ.
    pub allocated: i64,
    /// Chưa phân bổ = planned − allocated.
    pub unallocated: i64,
    /// Đã tạm ứng (outstanding).
    pub advanced: i64,
    /// Đã giải ngân.
    pub disbursed: i64,
    /// Đã quyết toán.
    pub settled: i64,
    /// Vốn đối ứng.
    pub counterpart: i64,
    /// Nguồn khác.
    pub other_funds: i64,
    /// Tỷ lệ giải ngân in basis points; `None` when nothing is planned.
    pub disbursement_rate_bp: Option<i64>,
    /// Tỷ lệ huy động in basis points; `None` when nothing is allocated.
    pub mobilised_rate_bp: Option<i64>,
    /// Sum of the cells' project counts.
    pub project_count: usize,
}

impl BalanceTotals {
    /// Sums cells (usually one per source), re-deriving the rates.
    pub fn of<'a>(cells: impl IntoIterator<Item = &'a SourceBalance>) -> BalanceTotals {
        let mut a = Amounts::default();
        for cell in cells {
            a.add(&cell.amounts());
        }
        BalanceTotals::from_amounts(&a)
    }

    /// Builds totals from additive figures, deriving the rest.
    fn from_amounts(a: &Amounts) -> BalanceTotals {
        let cell = SourceBalance::from_amounts(FundingSource::Kcqg, a);
        BalanceTotals {
            planned: cell.planned,
            allocated: cell.allocated,
            unallocated: cell.unallocated,
            advanced: cell.advanced,
            disbursed: cell.disbursed,
            settled: cell.settled,
            counterpart: cell.counterpart,
            other_funds: cell.other_funds,
            disbursement_rate_bp: cell.disbursement_rate_bp,
            mobilised_rate_bp: cell.mobilised_rate_bp,
            project_count: cell.project_count,
        }
    }

    /// Adds two totals, re-deriving the rates.
    pub fn plus(&self, other: &BalanceTotals) -> BalanceTotals {
        let amounts = |t: &BalanceTotals| Amounts {
            planned: t.planned,
            allocated: t.allocated,
            advanced: t.advanced,
            disbursed: t.disbursed,
            settled: t.settled,
            counterpart: t.counterpart,
            other_funds: t.other_funds,
            project_count: t.project_count,
        };
        let mut a = amounts(self);
        a.add(&amounts(other));
        BalanceTotals::from_amounts(&a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(source: FundingSource, planned: i64, allocated: i64, disbursed: i64) -> SourceBalance {
        SourceBalance::from_amounts(
            source,
            &Amounts {
                planned,
                allocated,
                disbursed,
                counterpart: allocated / 2,
                project_count: 1,
                ..Amounts::default()
            },
        )
    }

    #[test]
    fn derives_unallocated_and_rates() {
        let c = cell(
            FundingSource::Kcdp,
            12_000_000_000,
            11_660_000_000,
            3_000_000_000,
        );
        assert_eq!(c.unallocated, 340_000_000);
        assert_eq!(c.disbursement_rate_bp, Some(2_500));
        assert_eq!(c.mobilised_rate_bp, Some(5_000));
        assert!(!c.is_over_allocated());
        let empty = SourceBalance::empty(FundingSource::Khac);
        assert_eq!(empty.disbursement_rate_bp, None);
        assert_eq!(empty.mobilised_rate_bp, None);
    }

    #[test]
    fn over_allocation_is_a_negative_unallocated() {
        let c = cell(FundingSource::Kcqg, 1_000_000_000, 1_250_000_000, 0);
        assert_eq!(c.unallocated, -250_000_000);
        assert!(c.is_over_allocated());
    }

    #[test]
    fn adding_re_derives_the_rates() {
        let a = cell(FundingSource::Kcdp, 1_000, 1_000, 1_000);
        let b = cell(FundingSource::Kcdp, 3_000, 1_000, 0);
        let sum = a.plus(&b);
        assert_eq!(sum.planned, 4_000);
        assert_eq!(sum.disbursement_rate_bp, Some(2_500));
        assert_eq!(sum.project_count, 2);
        let totals = BalanceTotals::of([&a, &b]);
        assert_eq!(totals.unallocated, 2_000);
        assert_eq!(totals.disbursement_rate_bp, Some(2_500));
        let twice = totals.plus(&totals);
        assert_eq!(twice.planned, 8_000);
        assert_eq!(twice.disbursement_rate_bp, Some(2_500));
    }
}
