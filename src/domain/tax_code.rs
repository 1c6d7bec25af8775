//! Mã số thuế: format and check digit.
//!
//! Enterprises and cooperatives have a 10-digit code (branches: 10 digits, "-", 3 digits; old
//! documents write the 13 digits without the dash). The 10th digit is a check digit over the
//! first nine (weights 31, 29, 23, 19, 17, 13, 7, 5, 3; check = 10 − sum mod 11). Since
//! 01/7/2025 individuals and hộ kinh doanh use their 12-digit personal identification number
//! (TT 86/2024/TT-BTC), which has no check digit.

/// What a tax code string turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaxCodeKind {
    /// 10 digits.
    Enterprise,
    /// 10 digits + 3-digit branch number.
    Branch,
    /// 12-digit personal identification number.
    PersonalId,
}

/// Result of reading a tax code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxCodeCheck {
    pub kind: TaxCodeKind,
    /// Normalised form: "0101234567" or "0101234567-001" or the 12 digits.
    pub normalized: String,
    /// False when the 10th digit does not match the first nine (always true for personal IDs).
    pub check_digit_ok: bool,
}

/// Why a string cannot be a tax code at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxCodeError {
    #[error("mã số thuế chỉ gồm chữ số và dấu gạch ngang (ví dụ 0101234567 hoặc 0101234567-001)")]
    BadCharacters,
    #[error(
        "mã số thuế phải có 10 chữ số, 10 chữ số kèm 3 số chi nhánh (0101234567-001), hoặc 12 chữ số định danh cá nhân; đã nhập {0} chữ số"
    )]
    BadLength(usize),
}

const WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// The check digit the first nine digits call for, or None when no 10th digit can be valid
/// (sum divisible by 11 would need a check of 10).
pub fn expected_check_digit(first_nine: &[u8; 9]) -> Option<u8> {
    let sum: u32 = first_nine
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    let check = 10 - (sum % 11);
    (check < 10).then_some(check as u8)
}

/// Reads a tax code typed by a user: spaces and dots are ignored, the dash is optional.
pub fn parse_tax_code(input: &str) -> Result<TaxCodeCheck, TaxCodeError> {
    let cleaned: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    if cleaned.chars().any(|c| !(c.is_ascii_digit() || c == '-')) {
        return Err(TaxCodeError::BadCharacters);
    }
    let digits: Vec<u8> = cleaned
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    let dashes = cleaned.matches('-').count();
    let dash_ok = dashes == 0 || (dashes == 1 && cleaned.find('-') == Some(10));
    let kind = match (digits.len(), dashes) {
        (10, 0) => TaxCodeKind::Enterprise,
        (13, _) if dash_ok => TaxCodeKind::Branch,
        (12, 0) => TaxCodeKind::PersonalId,
        (n, _) => return Err(TaxCodeError::BadLength(n)),
    };
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    let (normalized, check_digit_ok) = match kind {
        TaxCodeKind::PersonalId => (text, true),
        TaxCodeKind::Enterprise | TaxCodeKind::Branch => {
            let mut first_nine = [0u8; 9];
            first_nine.copy_from_slice(&digits[..9]);
            let ok = expected_check_digit(&first_nine) == Some(digits[9]);
            let normalized = if kind == TaxCodeKind::Branch {
                format!("{}-{}", &text[..10], &text[10..])
            } else {
                text
            };
            (normalized, ok)
        }
    };
    Ok(TaxCodeCheck {
        kind,
        normalized,
        check_digit_ok,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_valid_codes() {
        // 0100109106 is Viettel's published tax code; 0100100079 a second real one.
        for code in ["0100109106", "0100100079"] {
            let c = parse_tax_code(code).unwrap();
            assert_eq!(c.kind, TaxCodeKind::Enterprise);
            assert!(c.check_digit_ok, "{code}");
        }
    }

    #[test]
    fn wrong_check_digit_is_detected() {
        let c = parse_tax_code("0100109107").unwrap();
        assert!(!c.check_digit_ok);
    }

    #[test]
    fn branch_with_and_without_dash() {
        let a = parse_tax_code("0100109106-001").unwrap();
        let b = parse_tax_code("0100109106001").unwrap();
        assert_eq!(a.kind, TaxCodeKind::Branch);
        assert_eq!(a.normalized, "0100109106-001");
        assert_eq!(a, b);
        assert!(a.check_digit_ok);
    }

    #[test]
    fn personal_id_has_no_check_digit() {
        let c = parse_tax_code("038 186 012 345").unwrap();
        assert_eq!(c.kind, TaxCodeKind::PersonalId);
        assert_eq!(c.normalized, "038186012345");
        assert!(c.check_digit_ok);
    }

    #[test]
    fn impossible_formats() {
        assert_eq!(parse_tax_code("12345"), Err(TaxCodeError::BadLength(5)));
        assert_eq!(
            parse_tax_code("01001091O6"),
            Err(TaxCodeError::BadCharacters)
        );
        assert_eq!(
            parse_tax_code("01001-09106"),
            Err(TaxCodeError::BadLength(10))
        );
        assert!(parse_tax_code("0100109106-0011").is_err());
    }

    #[test]
    fn check_digit_formula() {
        // sum = 0*31+1*29+0*23+0*19+1*17+0*13+9*7+1*5+0*3 = 114; 114 mod 11 = 4; 10-4 = 6.
        assert_eq!(expected_check_digit(&[0, 1, 0, 0, 1, 0, 9, 1, 0]), Some(6));
    }
}
