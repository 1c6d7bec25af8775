//! The bound that keeps every figure of a balance exact: each amount it reads is within
//! 0…`MAX_AMOUNT` (10^13 đồng) and there are at most [`MAX_FIGURES`] of them. Every figure of
//! the balance (a cell, an envelope, a total, planned − allocated) is a signed sum of some of
//! those amounts, so its size is at most `MAX_FIGURES × MAX_AMOUNT` < `i64::MAX`: no sum can
//! overflow, and the additions in `balance`, `progress` and `source_balance` need no check.
//! A file that breaks the bound (a line of 9·10^18 đồng printed a plan of −446 744 072 689 551
//! 616) gets an error naming the record instead of a number.

use super::error::{BudgetError, describe_project, describe_reallocation};
use super::input::BudgetInput;
use crate::domain::budget_plan::BudgetLine;
use crate::domain::money::{MAX_AMOUNT, PaymentTotals, is_sane_amount};
use crate::text::format_date;

/// How many amounts a balance may add up: `i64::MAX / MAX_AMOUNT`, rounded down (922 337).
/// A province records a few thousand a year.
pub const MAX_FIGURES: usize = (i64::MAX / MAX_AMOUNT) as usize;

/// How a budget line is named in messages.
fn describe_line(l: &BudgetLine) -> String {
    format!(
        "Dự toán {} ngày {} ({})",
        l.decision_no.trim(),
        format_date(l.decision_date),
        l.source.label()
    )
}

/// Refuses, naming the record and field, an input whose sums could overflow: an amount outside
/// 0…`MAX_AMOUNT`, or too many amounts in all. (Figures that come out negative from sound
/// amounts, such as a plan reduced below zero, are shown as they are, without a rate:
/// `domain::money::money_rate`.)
pub fn check_amounts(input: &BudgetInput) -> Result<(), BudgetError> {
    let mut count: usize = 0;
    let out_of_range =
        |record: String, field: &'static str, amount: i64| BudgetError::AmountOutOfRange {
            record,
            field,
            amount,
        };
    for line in input.lines_of_year() {
        count += 1;
        if !is_sane_amount(line.amount) {
            return Err(out_of_range(describe_line(line), "số tiền", line.amount));
        }
        for c in input.changes_as_of().filter(|c| c.line_id == line.id) {
            count += 1;
            if !is_sane_amount(c.amount) {
                return Err(out_of_range(
                    format!(
                        "Thay đổi ngày {} của {}",
                        format_date(c.date),
                        describe_line(line)
                    ),
                    "số tiền",
                    c.amount,
                ));
            }
        }
    }
    for r in input.reallocations.iter().filter(|r| r.date <= input.as_of) {
        count += 1;
        if !is_sane_amount(r.amount) {
            return Err(out_of_range(describe_reallocation(r), "số tiền", r.amount));
        }
    }
    for p in input.projects_of_year() {
        count += 3;
        // Total cost is not in the balance but is summed in the registration's totals.
        let fields = [
            ("tổng kinh phí", p.total_cost),
            ("kinh phí hỗ trợ", p.support),
            ("vốn đối ứng", p.counterpart),
            ("nguồn khác", p.other_funds),
        ];
        for (field, amount) in fields {
            if !is_sane_amount(amount) {
                return Err(out_of_range(
                    format!("Đề án {}", describe_project(p)),
                    field,
                    amount,
                ));
            }
        }
        PaymentTotals::checked_of(input.payments_as_of(p)).map_err(|pay| {
            out_of_range(
                format!(
                    "Đề án {}, {} ngày {}",
                    describe_project(p),
                    pay.kind.label(),
                    format_date(pay.date)
                ),
                "số tiền",
                pay.amount,
            )
        })?;
        count += input.payments_as_of(p).count();
    }
    if count > MAX_FIGURES {
        return Err(BudgetError::TooManyFigures { count });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use uuid::Uuid;

    use super::*;
    use crate::domain::budget_plan::{BudgetChange, BudgetChangeKind};
    use crate::domain::funding_source::FundingSource;
    use crate::domain::project::{Payment, PaymentKind, Project};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
    }

    fn line(amount: i64) -> BudgetLine {
        BudgetLine {
            id: Uuid::now_v7(),
            year: 2026,
            source: FundingSource::Kcdp,
            decision_no: "12/QĐ-UBND".into(),
            decision_date: day(),
            agency: String::new(),
            amount,
            content_code: String::new(),
            commune_code: String::new(),
        }
    }

    fn input<'a>(
        lines: &'a [BudgetLine],
        changes: &'a [BudgetChange],
        projects: &'a [Project],
    ) -> BudgetInput<'a> {
        BudgetInput {
            year: 2026,
            lines,
            changes,
            projects,
            reallocations: &[],
            as_of: day(),
        }
    }

    #[test]
    fn a_line_beyond_the_bound_is_refused_by_name_not_summed() {
        let lines = [line(9_000_000_000_000_000_000), line(1)];
        let e = crate::budget::compute_balance(&input(&lines, &[], &[])).expect_err("refused");
        let message = e.to_string();
        assert!(
            message.starts_with("Dự toán 12/QĐ-UBND ngày 01/03/2026"),
            "{message}"
        );
        assert!(
            message.contains("số tiền 9.000.000.000.000.000.000"),
            "{message}"
        );
        assert!(!message.contains("446.744"), "no wrapped figure: {message}");
        let lines = [line(MAX_AMOUNT), line(MAX_AMOUNT)];
        let b = crate::budget::compute_balance(&input(&lines, &[], &[])).expect("in bound");
        assert_eq!(b.total.planned, 2 * MAX_AMOUNT);
    }

    #[test]
    fn negative_money_has_no_rate_and_a_negative_payment_is_refused() {
        let lines = [line(100)];
        let cut = [BudgetChange {
            id: Uuid::now_v7(),
            line_id: lines[0].id,
            kind: BudgetChangeKind::Reduction,
            date: day(),
            amount: 911,
            decision_no: String::new(),
            reason: String::new(),
        }];
        let mut p = Project::new("38", 2026);
        p.code = "DA-1".into();
        p.source = FundingSource::Kcdp;
        p.support = 10;
        let pay = |kind, amount| Payment {
            id: Uuid::now_v7(),
            kind,
            date: day(),
            amount,
            source: FundingSource::Kcdp,
            document_no: String::new(),
            note: String::new(),
        };
        p.payments = vec![pay(PaymentKind::Payment, 5)];
        let projects = [p.clone()];
        let b = crate::budget::compute_balance(&input(&lines, &cut, &projects)).expect("drawn");
        let kcdp = b.source(FundingSource::Kcdp).expect("kcdp");
        assert_eq!(kcdp.planned, -811);
        assert_eq!(
            kcdp.disbursement_rate_bp, None,
            "no −0,6 % from a negative plan"
        );
        p.payments = vec![pay(PaymentKind::Payment, -5)];
        let projects = [p];
        let e = check_amounts(&input(&lines, &[], &projects)).expect_err("refused");
        assert!(e.to_string().starts_with("Đề án DA-1, "), "{e}");
        assert!(
            e.to_string().contains("số tiền -5 đồng nằm ngoài giới hạn"),
            "{e}"
        );
    }
}
