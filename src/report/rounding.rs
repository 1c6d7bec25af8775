//! Rounding a column of amounts so the printed rows add up to the printed total
//! (largest-remainder rounding, DESIGN.md "Money").

/// Rounds each amount (đồng) to whole nghìn đồng — thousandths of the "triệu đồng" a table
/// prints — so that the rounded values sum exactly to the rounded sum. Amounts are ≥ 0.
pub fn to_thousands(amounts: &[i64]) -> Vec<i64> {
    let total: i64 = amounts.iter().sum();
    let target = (total + 500).div_euclid(1000);
    let mut rounded: Vec<i64> = amounts.iter().map(|a| a.div_euclid(1000)).collect();
    let mut short = target - rounded.iter().sum::<i64>();
    if short <= 0 {
        return rounded;
    }
    // The rows that lost the most by flooring get the missing units first; ties go to the
    // earlier row so the result does not depend on sorting stability.
    let mut order: Vec<usize> = (0..amounts.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(amounts[i].rem_euclid(1000)), i));
    for i in order {
        if short == 0 {
            break;
        }
        if amounts[i].rem_euclid(1000) > 0 {
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
    }
}
