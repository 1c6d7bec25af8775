//! Vietnamese number formatting and parsing: '.' groups thousands, ',' marks decimals.

use thiserror::Error;

/// Why a user-typed whole number was rejected; messages are shown to users as-is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum NumberError {
    /// Nothing (or only whitespace) was typed; callers usually treat this as "no value".
    #[error("chưa nhập")]
    Empty,
    /// A decimal part was typed ("1,5") where only whole numbers are allowed.
    #[error("phải là số nguyên, không có phần thập phân")]
    NotWhole,
    /// Letters, misplaced separators ("1.23.4") or other garbage.
    #[error("không đúng định dạng số (ví dụ 1.234.567)")]
    Malformed,
    /// Well-formed, but outside the range of `i64`.
    #[error("số quá lớn")]
    TooLarge,
}

/// Formats a whole number with '.' thousands separators: 1234567 → "1.234.567".
pub fn format_integer(n: i64) -> String {
    let mut out = String::with_capacity(27);
    if n < 0 {
        out.push('-');
    }
    push_grouped(&mut out, n.unsigned_abs());
    out
}

/// Formats an amount of money in đồng: 1234567 → "1.234.567 đồng".
pub fn format_dong(n: i64) -> String {
    let mut out = format_integer(n);
    out.push_str(" đồng");
    out
}

/// Formats basis points as a percentage with one decimal: 8000 → "80,0 %", 12345 → "123,5 %".
///
/// Rounds half away from zero; a value that rounds to zero is shown without a minus sign.
pub fn format_percent_basis_points(bp: i64) -> String {
    // 1 bp = 0.01 %, so tenths of a percent = bp / 10, rounded half away from zero.
    let tenths = (bp.unsigned_abs() + 5) / 10;
    let mut out = String::with_capacity(32);
    if bp < 0 && tenths != 0 {
        out.push('-');
    }
    push_grouped(&mut out, tenths / 10);
    out.push(',');
    out.push(char::from(b'0' + (tenths % 10) as u8));
    out.push_str(" %");
    out
}

/// Formats an amount in triệu đồng held exactly as thousandths of a million (nghìn đồng), with
/// three decimals: 1234500 → "1.234,500", 262500 → "262,500", -5 → "-0,005".
pub fn format_millions(thousandths: i64) -> String {
    let magnitude = thousandths.unsigned_abs();
    let mut out = String::with_capacity(32);
    if thousandths < 0 {
        out.push('-');
    }
    push_grouped(&mut out, magnitude / 1000);
    out.push(',');
    let fraction = magnitude % 1000;
    out.push_str(&format!("{fraction:03}"));
    out
}

/// How many decimals an amount in triệu đồng is printed with, the same everywhere in one
/// report (tables, spreadsheet and sentences): 0 (whole triệu), 1, 2 or 3 (to the nghìn
/// đồng). A unit's report settings keep it; 3 unless changed, which is exact to the nghìn
/// đồng that provincial appendices usually print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(from = "u8", into = "u8")]
pub struct MillionsDecimals(u8);

impl MillionsDecimals {
    pub const ALL: [MillionsDecimals; 4] = [
        MillionsDecimals(0),
        MillionsDecimals(1),
        MillionsDecimals(2),
        MillionsDecimals(3),
    ];

    /// None beyond 3: a triệu đồng has no printed digit below the nghìn đồng.
    pub fn new(decimals: u8) -> Option<MillionsDecimals> {
        (decimals <= 3).then_some(MillionsDecimals(decimals))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// The smallest printed step, in thousandths of a triệu (nghìn đồng): 1 for 3 decimals,
    /// 1.000 for none.
    pub fn step_thousandths(self) -> i64 {
        10i64.pow(3 - u32::from(self.0))
    }

    /// The smallest printed step in đồng: 1.000 for 3 decimals, 1.000.000 for none.
    pub fn step_dong(self) -> i64 {
        self.step_thousandths() * 1_000
    }

    /// How the choice reads in a list: "1 chữ số (1.234,5)".
    pub fn label(self) -> String {
        let example = format_millions_to(1_234_568, self);
        match self.0 {
            0 => format!("Không lấy số lẻ ({example})"),
            3 => format!("3 chữ số, đến nghìn đồng ({example})"),
            n => format!("{n} chữ số ({example})"),
        }
    }
}

impl Default for MillionsDecimals {
    fn default() -> MillionsDecimals {
        MillionsDecimals(3)
    }
}

/// A stored value beyond 3 (a file edited by hand) is read as 3 rather than refused: the
/// settings it sits in stay readable.
impl From<u8> for MillionsDecimals {
    fn from(decimals: u8) -> MillionsDecimals {
        MillionsDecimals(decimals.min(3))
    }
}

impl From<MillionsDecimals> for u8 {
    fn from(decimals: MillionsDecimals) -> u8 {
        decimals.0
    }
}

/// Formats an amount in triệu đồng held as thousandths of a million (nghìn đồng) with
/// `decimals` decimals, rounding half away from zero: 1234568 → "1.234,568", "1.234,57",
/// "1.234,6", "1.235". A value that rounds to zero prints without a minus sign.
pub fn format_millions_to(thousandths: i64, decimals: MillionsDecimals) -> String {
    let step = decimals.step_thousandths().unsigned_abs();
    let steps = (thousandths.unsigned_abs() + step / 2) / step;
    let per_million = 1000 / step;
    let mut out = String::with_capacity(32);
    if thousandths < 0 && steps != 0 {
        out.push('-');
    }
    push_grouped(&mut out, steps / per_million);
    if decimals.get() > 0 {
        out.push(',');
        let fraction = steps % per_million;
        out.push_str(&format!(
            "{fraction:0width$}",
            width = usize::from(decimals.get())
        ));
    }
    out
}

/// Parses a whole number typed the Vietnamese way ("1.234.567", "1 234 567", "-1234").
///
/// Surrounding whitespace is ignored. Separators are '.' or spaces (including U+00A0 and
/// U+202F), one kind per number, in groups of three digits. A leading '-' (or U+2212) negates.
pub fn parse_integer(input: &str) -> Result<i64, NumberError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    let (negative, body) = match trimmed.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    if let Some((whole, fraction)) = body.split_once(',') {
        let fraction_is_digits =
            !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit());
        let whole_is_number = whole.is_empty()
            || matches!(parse_magnitude(whole), Ok(_) | Err(NumberError::TooLarge));
        return Err(if fraction_is_digits && whole_is_number {
            NumberError::NotWhole
        } else {
            NumberError::Malformed
        });
    }
    let magnitude = parse_magnitude(body)?;
    if negative {
        0i64.checked_sub_unsigned(magnitude)
            .ok_or(NumberError::TooLarge)
    } else {
        i64::try_from(magnitude).map_err(|_| NumberError::TooLarge)
    }
}

/// Kinds of thousands separator; a number must use only one kind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Separator {
    Dot,
    Space,
}

/// Parses unsigned digits with optional thousands separators into a `u64`.
fn parse_magnitude(body: &str) -> Result<u64, NumberError> {
    let mut value: Option<u64> = Some(0);
    let mut separator: Option<Separator> = None;
    let mut group_len = 0usize;
    let mut first_group = true;
    for c in body.chars() {
        let kind = match c {
            '0'..='9' => {
                group_len += 1;
                let digit = u64::from(c as u8 - b'0');
                value = value
                    .and_then(|v| v.checked_mul(10))
                    .and_then(|v| v.checked_add(digit));
                continue;
            }
            '.' => Separator::Dot,
            ' ' | '\u{00A0}' | '\u{202F}' => Separator::Space,
            _ => return Err(NumberError::Malformed),
        };
        if separator.is_some_and(|seen| seen != kind) {
            return Err(NumberError::Malformed);
        }
        separator = Some(kind);
        let group_ok = if first_group {
            (1..=3).contains(&group_len)
        } else {
            group_len == 3
        };
        if !group_ok {
            return Err(NumberError::Malformed);
        }
        first_group = false;
        group_len = 0;
    }
    let last_group_ok = if first_group {
        group_len > 0
    } else {
        group_len == 3
    };
    if !last_group_ok {
        return Err(NumberError::Malformed);
    }
    value.ok_or(NumberError::TooLarge)
}

/// Appends `value` in decimal with '.' between groups of three digits.
fn push_grouped(out: &mut String, value: u64) {
    let digits = value.to_string();
    let len = digits.len();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_integer_groups_thousands() {
        assert_eq!(format_integer(0), "0");
        assert_eq!(format_integer(7), "7");
        assert_eq!(format_integer(999), "999");
        assert_eq!(format_integer(1000), "1.000");
        assert_eq!(format_integer(12345), "12.345");
        assert_eq!(format_integer(123456), "123.456");
        assert_eq!(format_integer(1234567), "1.234.567");
        assert_eq!(format_integer(-1234), "-1.234");
        assert_eq!(format_integer(-999), "-999");
        assert_eq!(format_integer(-1), "-1");
    }

    #[test]
    fn format_integer_extremes() {
        assert_eq!(format_integer(i64::MAX), "9.223.372.036.854.775.807");
        assert_eq!(format_integer(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn format_dong_appends_unit() {
        assert_eq!(format_dong(1234567), "1.234.567 đồng");
        assert_eq!(format_dong(0), "0 đồng");
        assert_eq!(format_dong(-500000), "-500.000 đồng");
    }

    #[test]
    fn format_percent() {
        assert_eq!(format_percent_basis_points(8000), "80,0 %");
        assert_eq!(format_percent_basis_points(12345), "123,5 %");
        assert_eq!(format_percent_basis_points(12344), "123,4 %");
        assert_eq!(format_percent_basis_points(0), "0,0 %");
        assert_eq!(format_percent_basis_points(10000), "100,0 %");
        assert_eq!(format_percent_basis_points(5), "0,1 %");
        assert_eq!(format_percent_basis_points(4), "0,0 %");
        assert_eq!(format_percent_basis_points(99), "1,0 %");
        assert_eq!(format_percent_basis_points(12_345_678), "123.456,8 %");
    }

    #[test]
    fn format_percent_negative_rounds_away_from_zero() {
        assert_eq!(format_percent_basis_points(-12345), "-123,5 %");
        assert_eq!(format_percent_basis_points(-15), "-0,2 %");
        assert_eq!(format_percent_basis_points(-4), "0,0 %");
    }

    #[test]
    fn format_percent_extremes_do_not_panic() {
        assert_eq!(
            format_percent_basis_points(i64::MAX),
            "92.233.720.368.547.758,1 %"
        );
        assert_eq!(
            format_percent_basis_points(i64::MIN),
            "-92.233.720.368.547.758,1 %"
        );
    }

    #[test]
    fn format_millions_keeps_three_decimals() {
        assert_eq!(format_millions(1_234_500), "1.234,500");
        assert_eq!(format_millions(262_500), "262,500");
        assert_eq!(format_millions(1_000), "1,000");
        assert_eq!(format_millions(7), "0,007");
        assert_eq!(format_millions(0), "0,000");
        assert_eq!(format_millions(-5), "-0,005");
        assert_eq!(format_millions(-84_739_000), "-84.739,000");
        assert_eq!(format_millions(i64::MIN), "-9.223.372.036.854.775,808");
    }

    #[test]
    fn format_millions_to_rounds_to_the_chosen_decimals() {
        let to = |v, d| format_millions_to(v, MillionsDecimals::new(d).expect("0..=3"));
        assert_eq!(to(1_234_568, 3), "1.234,568");
        assert_eq!(to(1_234_568, 2), "1.234,57");
        assert_eq!(to(1_234_568, 1), "1.234,6");
        assert_eq!(to(1_234_568, 0), "1.235");
        assert_eq!(to(262_500, 1), "262,5");
        assert_eq!(to(262_500, 0), "263");
        assert_eq!(to(7, 2), "0,01");
        assert_eq!(to(4, 2), "0,00");
        assert_eq!(to(-4, 2), "0,00", "no minus before a zero");
        assert_eq!(to(-84_739_000, 1), "-84.739,0");
        assert_eq!(to(0, 0), "0");
        assert_eq!(to(i64::MIN, 0), "-9.223.372.036.854.776");
        for d in MillionsDecimals::ALL {
            assert_eq!(to(1_000, d.get()), format_millions_to(1_000, d));
        }
        assert_eq!(
            format_millions_to(1_234_500, MillionsDecimals::default()),
            format_millions(1_234_500)
        );
    }

    #[test]
    fn millions_decimals_are_0_to_3_and_a_bad_stored_value_reads_as_3() {
        assert_eq!(MillionsDecimals::new(4), None);
        assert_eq!(MillionsDecimals::from(9).get(), 3);
        assert_eq!(MillionsDecimals::default().get(), 3);
        assert_eq!(
            MillionsDecimals::new(1).map(MillionsDecimals::step_dong),
            Some(100_000)
        );
        assert!(MillionsDecimals::default().label().contains("1.234,568"));
    }

    #[test]
    fn parse_plain_and_grouped() {
        assert_eq!(parse_integer("1234567"), Ok(1234567));
        assert_eq!(parse_integer("1.234.567"), Ok(1234567));
        assert_eq!(parse_integer("1 234 567"), Ok(1234567));
        assert_eq!(parse_integer("1\u{00A0}234\u{00A0}567"), Ok(1234567));
        assert_eq!(parse_integer("1\u{202F}234\u{202F}567"), Ok(1234567));
        assert_eq!(parse_integer("1 234\u{00A0}567"), Ok(1234567));
        assert_eq!(parse_integer("12.345"), Ok(12345));
        assert_eq!(parse_integer("123.456"), Ok(123456));
        assert_eq!(parse_integer("0"), Ok(0));
        assert_eq!(parse_integer("007"), Ok(7));
        assert_eq!(parse_integer("  42\t"), Ok(42));
        assert_eq!(parse_integer("\u{00A0}42\u{00A0}"), Ok(42));
    }

    #[test]
    fn parse_negative() {
        assert_eq!(parse_integer("-1234"), Ok(-1234));
        assert_eq!(parse_integer("-1.234"), Ok(-1234));
        assert_eq!(parse_integer("\u{2212}5"), Ok(-5));
        assert_eq!(parse_integer("-0"), Ok(0));
        assert_eq!(parse_integer("-"), Err(NumberError::Malformed));
        assert_eq!(parse_integer("--5"), Err(NumberError::Malformed));
        assert_eq!(parse_integer("- 5"), Err(NumberError::Malformed));
        assert_eq!(parse_integer("5-"), Err(NumberError::Malformed));
    }

    #[test]
    fn parse_empty() {
        assert_eq!(parse_integer(""), Err(NumberError::Empty));
        assert_eq!(parse_integer("   "), Err(NumberError::Empty));
        assert_eq!(parse_integer("\u{00A0}\t"), Err(NumberError::Empty));
    }

    #[test]
    fn parse_decimal_is_not_whole() {
        assert_eq!(parse_integer("1,5"), Err(NumberError::NotWhole));
        assert_eq!(parse_integer("1.234,50"), Err(NumberError::NotWhole));
        assert_eq!(parse_integer("-1,5"), Err(NumberError::NotWhole));
        assert_eq!(parse_integer(",5"), Err(NumberError::NotWhole));
        // English-style thousands are not silently read as 1.
        assert_eq!(parse_integer("1,000"), Err(NumberError::NotWhole));
        assert_eq!(parse_integer("1,"), Err(NumberError::Malformed));
        assert_eq!(parse_integer("1,5,5"), Err(NumberError::Malformed));
        assert_eq!(parse_integer("a,5"), Err(NumberError::Malformed));
        assert_eq!(parse_integer("1.23,5"), Err(NumberError::Malformed));
    }

    #[test]
    fn parse_malformed() {
        for bad in [
            "1.23.4",
            "1.2345",
            "1234.567",
            "1..234",
            ".123",
            "123.",
            "1.234.56",
            "1 23",
            "1.234 567",
            "12a",
            "abc",
            "1e6",
            "+5",
            "0x10",
            "１２",
            "1_000",
            "1 .234",
        ] {
            assert_eq!(parse_integer(bad), Err(NumberError::Malformed), "{bad:?}");
        }
    }

    #[test]
    fn parse_overflow() {
        assert_eq!(parse_integer("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(parse_integer("9.223.372.036.854.775.807"), Ok(i64::MAX));
        assert_eq!(parse_integer("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(
            parse_integer("9223372036854775808"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            parse_integer("-9223372036854775809"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            parse_integer("99999999999999999999999"),
            Err(NumberError::TooLarge)
        );
        // Garbage wins over size.
        assert_eq!(
            parse_integer("99999999999999999999999x"),
            Err(NumberError::Malformed)
        );
    }

    #[test]
    fn roundtrip() {
        for n in [0, 1, -1, 999, 1000, -1000, 1234567, i64::MAX, i64::MIN] {
            assert_eq!(parse_integer(&format_integer(n)), Ok(n));
        }
    }

    #[test]
    fn error_messages_are_vietnamese() {
        assert_eq!(NumberError::Empty.to_string(), "chưa nhập");
        assert_eq!(
            NumberError::NotWhole.to_string(),
            "phải là số nguyên, không có phần thập phân"
        );
        assert_eq!(
            NumberError::Malformed.to_string(),
            "không đúng định dạng số (ví dụ 1.234.567)"
        );
        assert_eq!(NumberError::TooLarge.to_string(), "số quá lớn");
    }
}
