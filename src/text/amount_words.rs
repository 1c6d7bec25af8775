//! An amount of money in words ("Bằng chữ"), as written on contracts, payment requests and
//! vouchers: 1.005 → "Một nghìn không trăm linh năm đồng".
//!
//! Reading rules (DOMAIN.md §7):
//! - "mười" for a tens digit of 1, "mươi" after other tens digits;
//! - after "mươi": "mốt" for 1, "tư" for 4, "lăm" for 5 (21 → hai mươi mốt, 24 → hai mươi tư);
//!   after "mười" only "lăm" changes (11 → mười một, 14 → mười bốn, 15 → mười lăm);
//! - a zero tens digit before a non-zero unit reads "linh" (105 → một trăm linh năm). "Linh" is
//!   the Northern form used in official texts; the Southern "lẻ" means the same and is not used;
//! - every group of three digits after the first is read in full, with "không trăm" when its
//!   hundreds digit is zero (1.005 → một nghìn không trăm linh năm); groups that are all zero
//!   are skipped (1.000.000.005 → một tỷ không trăm linh năm);
//! - scales are nghìn, triệu, tỷ; above a tỷ the count of tỷ is itself read as a number
//!   (2.000.000.000.000 → hai nghìn tỷ, 10^18 → một tỷ tỷ).
//!
//! "chẵn" ("even", i.e. nothing below a round nghìn) is appended when the amount is at least
//! 1.000 đồng and a whole number of nghìn: 1.235.000.000 → "… triệu đồng chẵn", but 1.005 →
//! "… đồng" and 500 → "Năm trăm đồng". Zero is "Không đồng"; a negative amount starts "Âm".

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

const THOUSAND: u64 = 1_000;
const MILLION: u64 = 1_000_000;
const BILLION: u64 = 1_000_000_000;

/// The amount in đồng, in words, first letter capitalised: 1005 → "Một nghìn không trăm linh
/// năm đồng", 1_235_000_000 → "Một tỷ hai trăm ba mươi lăm triệu đồng chẵn".
pub fn amount_in_words(amount: i64) -> String {
    let magnitude = amount.unsigned_abs();
    let mut words: Vec<&str> = Vec::with_capacity(48);
    if amount < 0 {
        words.push("âm");
    }
    if magnitude == 0 {
        words.push("không");
    } else {
        push_number(&mut words, magnitude, false);
    }
    words.push("đồng");
    if magnitude >= THOUSAND && magnitude.is_multiple_of(THOUSAND) {
        words.push("chẵn");
    }
    capitalise_first(&words.join(" "))
}

/// Pushes the words of `n` (> 0). `inner` is true when something bigger has already been read,
/// so the leading group must be read in full ("không trăm linh năm", not "năm").
fn push_number(words: &mut Vec<&'static str>, n: u64, inner: bool) {
    if n >= BILLION {
        push_number(words, n / BILLION, inner);
        words.push("tỷ");
        let rest = n % BILLION;
        if rest > 0 {
            push_below_billion(words, rest, true);
        }
    } else {
        push_below_billion(words, n, inner);
    }
}

/// Pushes the words of `n` in 1..10^9: up to three groups (triệu, nghìn, units).
fn push_below_billion(words: &mut Vec<&'static str>, n: u64, inner: bool) {
    let groups = [
        (n / MILLION, Some("triệu")),
        (n / THOUSAND % THOUSAND, Some("nghìn")),
        (n % THOUSAND, None),
    ];
    let mut started = inner;
    for (group, scale) in groups {
        if group == 0 {
            continue;
        }
        push_group(words, group, started);
        words.extend(scale);
        started = true;
    }
}

/// Pushes the words of one group `g` in 1..=999. `full` reads a zero hundreds digit
/// ("không trăm") and uses "linh" before a lone unit, as inner groups require.
fn push_group(words: &mut Vec<&'static str>, g: u64, full: bool) {
    let hundreds = (g / 100) as usize;
    let tens = (g / 10 % 10) as usize;
    let units = (g % 10) as usize;
    let has_hundreds = hundreds > 0 || full;
    if has_hundreds {
        words.push(DIGITS[hundreds]);
        words.push("trăm");
    }
    match (tens, units) {
        (0, 0) => {}
        (0, u) => {
            if has_hundreds {
                words.push("linh");
            }
            words.push(DIGITS[u]);
        }
        (1, u) => {
            words.push("mười");
            match u {
                0 => {}
                5 => words.push("lăm"),
                u => words.push(DIGITS[u]),
            }
        }
        (t, u) => {
            words.push(DIGITS[t]);
            words.push("mươi");
            match u {
                0 => {}
                1 => words.push("mốt"),
                4 => words.push("tư"),
                5 => words.push("lăm"),
                u => words.push(DIGITS[u]),
            }
        }
    }
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_numbers() {
        assert_eq!(amount_in_words(0), "Không đồng");
        assert_eq!(amount_in_words(5), "Năm đồng");
        assert_eq!(amount_in_words(10), "Mười đồng");
        assert_eq!(amount_in_words(15), "Mười lăm đồng");
        assert_eq!(amount_in_words(11), "Mười một đồng");
        assert_eq!(amount_in_words(14), "Mười bốn đồng");
        assert_eq!(amount_in_words(20), "Hai mươi đồng");
        assert_eq!(amount_in_words(21), "Hai mươi mốt đồng");
        assert_eq!(amount_in_words(24), "Hai mươi tư đồng");
        assert_eq!(amount_in_words(25), "Hai mươi lăm đồng");
        assert_eq!(amount_in_words(99), "Chín mươi chín đồng");
    }

    #[test]
    fn hundreds() {
        assert_eq!(amount_in_words(100), "Một trăm đồng");
        assert_eq!(amount_in_words(101), "Một trăm linh một đồng");
        assert_eq!(amount_in_words(104), "Một trăm linh bốn đồng");
        assert_eq!(amount_in_words(105), "Một trăm linh năm đồng");
        assert_eq!(amount_in_words(110), "Một trăm mười đồng");
        assert_eq!(amount_in_words(111), "Một trăm mười một đồng");
        assert_eq!(amount_in_words(115), "Một trăm mười lăm đồng");
        assert_eq!(amount_in_words(500), "Năm trăm đồng");
    }

    #[test]
    fn inner_groups_are_read_in_full() {
        assert_eq!(amount_in_words(1_005), "Một nghìn không trăm linh năm đồng");
        assert_eq!(amount_in_words(1_015), "Một nghìn không trăm mười lăm đồng");
        assert_eq!(amount_in_words(10_000), "Mười nghìn đồng chẵn");
        assert_eq!(
            amount_in_words(100_005),
            "Một trăm nghìn không trăm linh năm đồng"
        );
        assert_eq!(
            amount_in_words(1_000_050),
            "Một triệu không trăm năm mươi đồng"
        );
        assert_eq!(
            amount_in_words(1_050_000),
            "Một triệu không trăm năm mươi nghìn đồng chẵn"
        );
        assert_eq!(
            amount_in_words(1_000_000_005),
            "Một tỷ không trăm linh năm đồng"
        );
    }

    #[test]
    fn big_scales() {
        assert_eq!(
            amount_in_words(1_235_000_000),
            "Một tỷ hai trăm ba mươi lăm triệu đồng chẵn"
        );
        assert_eq!(amount_in_words(2_000_000_000_000), "Hai nghìn tỷ đồng chẵn");
        assert_eq!(
            amount_in_words(1_001_000_000_000),
            "Một nghìn không trăm linh một tỷ đồng chẵn"
        );
        assert_eq!(
            amount_in_words(1_000_000_000_000_000_000),
            "Một tỷ tỷ đồng chẵn"
        );
        assert_eq!(
            amount_in_words(i64::MAX),
            "Chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi \
             sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy đồng"
        );
    }

    #[test]
    fn chan_only_for_whole_thousands() {
        assert_eq!(amount_in_words(1_000), "Một nghìn đồng chẵn");
        assert_eq!(amount_in_words(1_001), "Một nghìn không trăm linh một đồng");
        assert_eq!(amount_in_words(1_010), "Một nghìn không trăm mười đồng");
        assert_eq!(amount_in_words(900), "Chín trăm đồng");
    }

    #[test]
    fn negative() {
        assert_eq!(amount_in_words(-5), "Âm năm đồng");
        assert_eq!(amount_in_words(-1_000), "Âm một nghìn đồng chẵn");
        assert!(amount_in_words(i64::MIN).starts_with("Âm chín tỷ"));
        assert!(amount_in_words(i64::MIN).ends_with("tám trăm linh tám đồng"));
    }

    /// Reads the words back into a number, the way a person would; test-only, so the property
    /// below checks the reading of every i64 rather than of a handful of examples.
    fn words_to_number(text: &str) -> i64 {
        let lower = text.to_lowercase();
        let mut tokens: Vec<&str> = lower.split(' ').collect();
        let negative = tokens.first() == Some(&"âm");
        if negative {
            tokens.remove(0);
        }
        let (mut total, mut section, mut group, mut digit) = (0u64, 0u64, 0u64, 0u64);
        for token in tokens {
            match token {
                "trăm" => (group, digit) = (group + digit * 100, 0),
                "mươi" => (group, digit) = (group + digit * 10, 0),
                "mười" => group += 10,
                "linh" | "đồng" | "chẵn" => {}
                "nghìn" => (section, group, digit) = (section + (group + digit) * THOUSAND, 0, 0),
                "triệu" => (section, group, digit) = (section + (group + digit) * MILLION, 0, 0),
                "tỷ" => {
                    total = (total + section + group + digit) * BILLION;
                    (section, group, digit) = (0, 0, 0);
                }
                "mốt" => digit = 1,
                "tư" => digit = 4,
                "lăm" => digit = 5,
                word => {
                    digit = DIGITS.iter().position(|d| *d == word).expect("a digit") as u64;
                }
            }
        }
        let magnitude = total + section + group + digit;
        if negative {
            0i64.checked_sub_unsigned(magnitude).expect("fits i64")
        } else {
            i64::try_from(magnitude).expect("fits i64")
        }
    }

    proptest! {
        #[test]
        fn every_amount_reads_back_and_is_well_formed(amount in any::<i64>()) {
            let words = amount_in_words(amount);
            prop_assert!(words.starts_with(char::is_uppercase), "{words}");
            prop_assert!(!words.contains("  "), "{words}");
            prop_assert_eq!(words.trim(), words.as_str());
            prop_assert_eq!(crate::text::nfc(&words), words.clone());
            prop_assert_eq!(words_to_number(&words), amount, "{}", words);
        }

        #[test]
        fn small_amounts_read_back(amount in -2_000_000i64..2_000_000) {
            prop_assert_eq!(words_to_number(&amount_in_words(amount)), amount);
        }
    }
}
