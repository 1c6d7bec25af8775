//! Rounding a column of amounts so the printed rows add up to the printed total
//! (largest-remainder rounding, DESIGN.md "Money").

use crate::text::number::MillionsDecimals;

/// Rounds each amount (đồng) to whole nghìn đồng — thousandths of the "triệu đồng" a table
/// prints — so that the rounded values sum exactly to the rounded sum. Amounts are ≥ 0.
pub fn to_thousands(amounts: &[i64]) -> Vec<i64> {
    to_steps(amounts, 1000)
}

/// Rounds each amount (đồng) to the step `decimals` prints, as thousandths of a triệu (the
/// value a [`crate::report::Cell::Millions`] holds), so that the rounded values sum exactly
/// to the rounded sum. Amounts are ≥ 0.
pub fn to_printed_thousandths(amounts: &[i64], decimals: MillionsDecimals) -> Vec<i64> {
    let per_step = decimals.step_thousandths();
    to_steps(amounts, decimals.step_dong())
        .into_iter()
        .map(|steps| steps * per_step)
        .collect()
}

/// Each amount in whole `step`s (largest remainder), summing to the sum's nearest step.
fn to_steps(amounts: &[i64], step: i64) -> Vec<i64> {
    let total: i64 = amounts.iter().sum();
    let target = (total + step / 2).div_euclid(step);
    let mut rounded: Vec<i64> = amounts.iter().map(|a| a.div_euclid(step)).collect();
    let mut short = target - rounded.iter().sum::<i64>();
    if short <= 0 {
        return rounded;
    }
    // The rows that lost the most by flooring get the missing units first; ties go to the
    // earlier row so the result does not depend on sorting stability.
    let mut order: Vec<usize> = (0..amounts.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(amounts[i].rem_euclid(step)), i));
    for i in order {
        if short == 0 {
            break;
        }
        if amounts[i].rem_euclid(step) > 0 {
            rounded[i] += 1;
            short -= 1;
        }
    }
    rounded
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn three_thirds_add_up() {
        // 333.333 + 333.333 + 333.334 = 1.000.000 đồng = 1.000 nghìn.
        assert_eq!(
            to_thousands(&[333_333, 333_333, 333_334]),
            vec![333, 333, 334]
        );
        assert_eq!(to_thousands(&[1_500, 1_500]), vec![2, 1]);
        assert_eq!(to_thousands(&[]), Vec::<i64>::new());
    }

    #[test]
    fn fewer_decimals_round_to_their_step_and_still_add_up() {
        let one = MillionsDecimals::new(1).expect("1");
        // 0,35 + 0,35 + 0,30 triệu = 1,0: rounded to tenths they must still make 1,0.
        let rounded = to_printed_thousandths(&[350_000, 350_000, 300_000], one);
        assert_eq!(rounded.iter().sum::<i64>(), 1_000);
        assert!(rounded.iter().all(|v| v % 100 == 0), "{rounded:?}");
        let none = MillionsDecimals::new(0).expect("0");
        assert_eq!(to_printed_thousandths(&[1_499_999], none), vec![1_000]);
        assert_eq!(
            to_printed_thousandths(&[333_333, 1_500], MillionsDecimals::default()),
            to_thousands(&[333_333, 1_500])
        );
    }

    proptest! {
        #[test]
        fn rounded_rows_sum_to_the_rounded_total(amounts in prop::collection::vec(0i64..5_000_000_000, 0..40)) {
            let rounded = to_thousands(&amounts);
            let total: i64 = amounts.iter().sum();
            prop_assert_eq!(rounded.iter().sum::<i64>(), (total + 500) / 1000);
            for (r, a) in rounded.iter().zip(&amounts) {
                prop_assert!((r * 1000 - a).abs() < 1000);
            }
        }

        #[test]
        fn every_choice_of_decimals_adds_up(amounts in prop::collection::vec(0i64..5_000_000_000, 0..40), d in 0u8..=3) {
            let decimals = MillionsDecimals::from(d);
            let step = decimals.step_dong();
            let rounded = to_printed_thousandths(&amounts, decimals);
            let total: i64 = amounts.iter().sum();
            prop_assert_eq!(rounded.iter().sum::<i64>() * 1000, (total + step / 2) / step * step);
            for (r, a) in rounded.iter().zip(&amounts) {
                prop_assert!((r * 1000 - a).abs() < step);
            }
        }
    }
}
