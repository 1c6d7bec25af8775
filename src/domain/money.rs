//! Money: amounts are `i64` đồng; ratios are basis points (1 bp = 0,01 %) computed exactly on
//! integers, so a printed rate never drifts from the đồng figures it was made of; and the one
//! rule for what a project's payments add up to (advanced, recovered, paid, settled, disbursed),
//! used by the project rules, the balance, the report and the project list alike.

use crate::domain::project::{Payment, PaymentKind};

/// The largest amount one line of money may hold: 10 000 tỷ đồng, a hundred times the whole
/// country's yearly khuyến công budget. Anything above is a typing or data error: refused at
/// entry, flagged by `check`. With it, even 900 000 lines at the bound add up within an `i64`.
pub const MAX_AMOUNT: i64 = 10_000_000_000_000;

/// True for an amount one line of money can hold: 0…[`MAX_AMOUNT`] đồng.
pub fn is_sane_amount(amount: i64) -> bool {
    (0..=MAX_AMOUNT).contains(&amount)
}

/// Money totals of a set of payments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaymentTotals {
    pub advanced: i64,
    pub recovered: i64,
    pub paid: i64,
    pub settled: i64,
}

impl PaymentTotals {
    /// Totals of `payments` as typed in a form (amounts not yet judged). Entry refuses amounts
    /// beyond [`MAX_AMOUNT`], so saved payments never come near the `i64` bound; for a form
    /// still holding a mistyped figure the sums saturate (the form's own error names the
    /// field). Money read from a file for a balance goes through [`PaymentTotals::checked_of`].
    pub fn of<'a>(payments: impl IntoIterator<Item = &'a Payment>) -> PaymentTotals {
        let mut t = PaymentTotals::default();
        for p in payments {
            let slot = match p.kind {
                PaymentKind::Advance => &mut t.advanced,
                PaymentKind::AdvanceRecovery => &mut t.recovered,
                PaymentKind::Payment => &mut t.paid,
                PaymentKind::Settlement => &mut t.settled,
            };
            *slot = slot.saturating_add(p.amount);
        }
        t
    }

    /// Totals of `payments`, or the payment at fault: one whose amount is outside
    /// 0…[`MAX_AMOUNT`] (damaged or foreign data), or the one whose addition would overflow.
    /// A figure that could wrap is refused, never printed.
    pub fn checked_of<'a>(
        payments: impl IntoIterator<Item = &'a Payment>,
    ) -> Result<PaymentTotals, &'a Payment> {
        let mut t = PaymentTotals::default();
        for p in payments {
            if !is_sane_amount(p.amount) {
                return Err(p);
            }
            let slot = match p.kind {
                PaymentKind::Advance => &mut t.advanced,
                PaymentKind::AdvanceRecovery => &mut t.recovered,
                PaymentKind::Payment => &mut t.paid,
                PaymentKind::Settlement => &mut t.settled,
            };
            *slot = slot.checked_add(p.amount).ok_or(p)?;
        }
        Ok(t)
    }

    /// Advance still outstanding.
    pub fn outstanding_advance(&self) -> i64 {
        self.advanced.saturating_sub(self.recovered)
    }

    /// Disbursed (đã giải ngân): payments plus advances not yet recovered.
    pub fn disbursed(&self) -> i64 {
        self.paid.saturating_add(self.outstanding_advance())
    }
}

/// Money a payment adds to disbursement on its date: advances and payments add, recoveries of
/// advances subtract, settlements only confirm money already disbursed. Summed over a project's
/// payments it gives [`PaymentTotals::disbursed`].
pub fn disbursement_delta(payment: &Payment) -> i64 {
    match payment.kind {
        PaymentKind::Advance | PaymentKind::Payment => payment.amount,
        PaymentKind::AdvanceRecovery => -payment.amount,
        PaymentKind::Settlement => 0,
    }
}

/// `amount × bp / 10 000`, rounded down to the đồng; in i128 so no product can overflow.
pub fn share_of(amount: i64, bp: i64) -> i128 {
    (i128::from(amount) * i128::from(bp)).div_euclid(10_000)
}

/// The least a beneficiary must pay itself when support is at most `bp` of `cost`.
pub fn min_own_share(cost: i64, bp: i64) -> i128 {
    i128::from(cost) - share_of(cost, bp)
}

/// The rate of one sum of money over another (disbursed over planned, mobilised over
/// allocated), in basis points; None when it means nothing: a whole that is not positive, or a
/// negative part. A negative plan (reductions beyond the line) or negative disbursed money
/// (recoveries beyond advances) printed "−811,1 %" as if it were a figure; the amounts
/// themselves are still shown, the rate is not.
pub fn money_rate(part: i64, whole: i64) -> Option<i64> {
    if whole <= 0 || part < 0 {
        return None;
    }
    basis_points(part, whole)
}

/// Basis points of `part` over `whole`, rounded half up; `None` when `whole` is zero.
///
/// "Half up" is meant literally (towards +∞): 1/3 → 3.333 bp, 1/8 → 1.250 bp,
/// 0,00005 → 1 bp, −0,00005 → 0 bp. Results beyond `i64` saturate.
pub fn basis_points(part: i64, whole: i64) -> Option<i64> {
    if whole == 0 {
        return None;
    }
    let (num, den) = if whole < 0 {
        (-i128::from(part), -i128::from(whole))
    } else {
        (i128::from(part), i128::from(whole))
    };
    // floor(part · 10 000 / whole + 1/2) = floor((2 · part · 10 000 + whole) / (2 · whole)).
    let rounded = (2 * num * 10_000 + den).div_euclid(2 * den);
    Some(i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pay(kind: PaymentKind, amount: i64) -> Payment {
        Payment {
            id: uuid::Uuid::nil(),
            kind,
            date: chrono::NaiveDate::MIN,
            amount,
            source: crate::domain::funding_source::FundingSource::Kcdp,
            document_no: String::new(),
            note: String::new(),
        }
    }

    #[test]
    fn disbursed_is_payments_plus_outstanding_advances() {
        let payments = [
            pay(PaymentKind::Advance, 300),
            pay(PaymentKind::AdvanceRecovery, 100),
            pay(PaymentKind::Payment, 500),
            pay(PaymentKind::Settlement, 700),
        ];
        let t = PaymentTotals::of(&payments);
        assert_eq!(t.outstanding_advance(), 200);
        assert_eq!(t.disbursed(), 700);
        assert_eq!(t.settled, 700);
        let by_delta: i64 = payments.iter().map(disbursement_delta).sum();
        assert_eq!(by_delta, t.disbursed());
    }

    #[test]
    fn checked_totals_refuse_what_could_overflow() {
        let fine = [
            pay(PaymentKind::Payment, MAX_AMOUNT),
            pay(PaymentKind::Payment, 1),
        ];
        assert_eq!(
            PaymentTotals::checked_of(&fine).map(|t| t.paid),
            Ok(MAX_AMOUNT + 1)
        );
        let huge = [
            pay(PaymentKind::Payment, 5),
            pay(PaymentKind::Advance, i64::MAX),
        ];
        assert_eq!(
            PaymentTotals::checked_of(&huge).map_err(|p| p.amount),
            Err(i64::MAX)
        );
        let negative = [pay(PaymentKind::Payment, -1)];
        assert!(PaymentTotals::checked_of(&negative).is_err());
        assert!(is_sane_amount(0) && is_sane_amount(MAX_AMOUNT));
        assert!(!is_sane_amount(MAX_AMOUNT + 1) && !is_sane_amount(-1));
    }

    #[test]
    fn money_rates_of_negative_money_are_not_given() {
        assert_eq!(money_rate(-9_111, 1_000), None);
        assert_eq!(money_rate(500, -1_000), None);
        assert_eq!(money_rate(500, 0), None);
        assert_eq!(money_rate(500, 1_000), Some(5_000));
        assert_eq!(money_rate(0, 1_000), Some(0));
    }

    #[test]
    fn zero_whole_has_no_rate() {
        assert_eq!(basis_points(5, 0), None);
        assert_eq!(basis_points(0, 0), None);
    }

    #[test]
    fn rounds_half_up() {
        // 340.000.000 / 12.000.000.000 = 283,33… bp.
        assert_eq!(basis_points(340_000_000, 12_000_000_000), Some(283));
        assert_eq!(basis_points(1, 3), Some(3_333));
        assert_eq!(basis_points(2, 3), Some(6_667));
        // Exactly half a basis point goes up.
        assert_eq!(basis_points(1, 20_000), Some(1));
        assert_eq!(basis_points(3, 20_000), Some(2));
        assert_eq!(basis_points(-1, 20_000), Some(0));
        assert_eq!(basis_points(-3, 20_000), Some(-1));
        assert_eq!(basis_points(1, -20_000), Some(0));
    }

    #[test]
    fn whole_amounts() {
        assert_eq!(basis_points(11_660_000_000, 12_000_000_000), Some(9_717));
        assert_eq!(basis_points(12_000_000_000, 12_000_000_000), Some(10_000));
        assert_eq!(basis_points(0, 12_000_000_000), Some(0));
        assert_eq!(basis_points(i64::MAX, 1), Some(i64::MAX));
        assert_eq!(basis_points(i64::MIN, 1), Some(i64::MIN));
    }
}
