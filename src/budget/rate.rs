//! Ratios as basis points (1 bp = 0,01 %), computed exactly on integers so that a printed
//! rate never drifts from the đồng figures it was made of.

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
