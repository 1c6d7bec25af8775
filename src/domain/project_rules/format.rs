//! How the rules write amounts and percentages in their messages.

use crate::text::format_integer;

/// "1.234.567", also for sums beyond `i64`.
pub(super) fn money(n: i128) -> String {
    i64::try_from(n).map_or_else(|_| n.to_string(), format_integer)
}

/// "1.234.567 đồng".
pub(super) fn dong(n: i128) -> String {
    format!("{} đồng", money(n))
}

/// Basis points as a percentage without needless decimals: 5000 → "50 %", 7050 → "70,5 %".
pub(super) fn percent(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let abs = bp.unsigned_abs();
    let (whole, hundredths) = (abs / 100, abs % 100);
    if hundredths == 0 {
        format!("{sign}{whole} %")
    } else if hundredths % 10 == 0 {
        format!("{sign}{whole},{} %", hundredths / 10)
    } else {
        format!("{sign}{whole},{hundredths:02} %")
    }
}
