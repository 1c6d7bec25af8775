//! Splitting one project's money across its địa bàn so that a matrix by xã still adds up, to
//! the đồng, to the per-source totals.
//!
//! A group project (đề án nhóm) may list several xã but carries one amount. Its money is split
//! evenly across its distinct xã, and what does not divide evenly goes to the first xã listed,
//! so every share is a whole đồng and the shares sum to the amount exactly. A project without
//! a xã goes whole under [`UNKNOWN_COMMUNE`].

use crate::domain::project::Project;

/// Row code of money whose xã is not recorded (chưa xác định địa bàn).
pub const UNKNOWN_COMMUNE: &str = "";

/// The `index`-th of `parts` shares of `amount`: the quotient, plus the remainder on share 0.
///
/// Works for negative amounts too (the shares still sum to `amount`). `parts` of 0 is treated
/// as 1.
pub fn even_share(amount: i64, parts: usize, index: usize) -> i64 {
    let parts = i64::try_from(parts.max(1)).unwrap_or(i64::MAX);
    let base = amount / parts;
    if index == 0 {
        base + amount % parts
    } else {
        base
    }
}

/// The project's distinct xã in the order listed, or just [`UNKNOWN_COMMUNE`] when it has none.
///
/// A xã listed twice counts once, so a typo cannot double its share.
pub fn communes_of(project: &Project) -> impl Iterator<Item = &str> + '_ {
    let codes = &project.commune_codes;
    let listed = codes
        .iter()
        .enumerate()
        .filter(move |(i, c)| !codes[..*i].contains(c))
        .map(|(_, c)| c.as_str());
    let unknown = codes.is_empty().then_some(UNKNOWN_COMMUNE);
    listed.chain(unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_sum_to_the_amount_with_the_remainder_first() {
        let shares: Vec<i64> = (0..3).map(|i| even_share(100, 3, i)).collect();
        assert_eq!(shares, [34, 33, 33]);
        let shares: Vec<i64> = (0..3).map(|i| even_share(-100, 3, i)).collect();
        assert_eq!(shares, [-34, -33, -33]);
        assert_eq!(even_share(1_000_000_001, 2, 0), 500_000_001);
        assert_eq!(even_share(1_000_000_001, 2, 1), 500_000_000);
        assert_eq!(even_share(7, 0, 0), 7);
    }

    #[test]
    fn communes_are_distinct_in_listed_order() {
        let mut p = Project::new("38", 2026);
        assert_eq!(communes_of(&p).collect::<Vec<_>>(), [UNKNOWN_COMMUNE]);
        p.commune_codes = vec!["16093".into(), "16100".into(), "16093".into()];
        assert_eq!(communes_of(&p).collect::<Vec<_>>(), ["16093", "16100"]);
    }
}
