//! The last line of Nơi nhận (NĐ 30/2020, ô 9b and ô 12): "Lưu: VT, TTKC (NVA05)." — the
//! văn thư's copy, the drafting unit's abbreviation, the drafter's initials and the number of
//! copies issued.

use serde::{Deserialize, Serialize};

/// Who keeps the file copies.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Filing {
    /// Chữ viết tắt of the drafting unit (đơn vị soạn thảo): "TTKC", "QLCN".
    pub unit: String,
    /// Ký hiệu người soạn thảo: the drafter's initials, upper case: "NVA".
    pub initials: String,
    /// Số bản phát hành; 0 when not printed.
    pub copies: u32,
}

impl Filing {
    pub fn is_empty(&self) -> bool {
        self.unit.trim().is_empty() && self.initials.trim().is_empty() && self.copies == 0
    }

    /// "Lưu: VT, TTKC (NVA05)"; without initials and copies "Lưu: VT, TTKC"; a count below 10
    /// gets its leading zero, as the decree writes small numbers.
    pub fn line(&self) -> String {
        let mut line = "Lưu: VT".to_owned();
        let unit = self.unit.trim();
        if !unit.is_empty() {
            line.push_str(", ");
            line.push_str(&crate::text::nfc(unit).to_uppercase());
        }
        let initials = crate::text::nfc(self.initials.trim()).to_uppercase();
        let copies = match self.copies {
            0 => String::new(),
            n => format!("{n:02}"),
        };
        if !initials.is_empty() || !copies.is_empty() {
            line.push_str(&format!(" ({initials}{copies})"));
        }
        line
    }

    /// Reads an old free-text item "Lưu: VT, TTKC" or "Lưu: VT, CN (T271)" into the fields;
    /// None when `item` is not a Lưu line.
    pub fn from_legacy_item(item: &str) -> Option<Filing> {
        let rest = item
            .trim()
            .trim_start_matches('-')
            .trim()
            .strip_prefix("Lưu")?
            .trim_start_matches(':')
            .trim()
            .trim_end_matches(['.', ';'])
            .trim();
        let rest = rest.strip_prefix("VT").unwrap_or(rest);
        let rest = rest.trim_start_matches(',').trim();
        let (unit, tail) = match rest.split_once('(') {
            Some((unit, tail)) => (unit, tail.trim_end_matches(')')),
            None => (rest, ""),
        };
        let unit = unit.trim().trim_end_matches(',').trim();
        let digits_at = tail
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(tail.len());
        let (initials, copies) = tail.split_at(digits_at);
        Some(Filing {
            unit: unit.to_owned(),
            initials: initials.trim().to_owned(),
            copies: copies.trim().parse().unwrap_or(0),
        })
    }

    /// Moves an old "Lưu: …" item of `distribution` into these fields when they are empty, so
    /// that reports written before the fields existed print the same line and show it where it
    /// is now edited.
    pub fn adopt_legacy(&mut self, distribution: &mut Vec<String>) {
        if !self.is_empty() {
            return;
        }
        let Some(index) = distribution
            .iter()
            .position(|item| Filing::from_legacy_item(item).is_some())
        else {
            return;
        };
        if let Some(filing) = Filing::from_legacy_item(&distribution.remove(index)) {
            *self = filing;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_carries_unit_initials_and_copies() {
        let filing = Filing {
            unit: "ttkc".into(),
            initials: "nva".into(),
            copies: 5,
        };
        assert_eq!(filing.line(), "Lưu: VT, TTKC (NVA05)");
        assert_eq!(
            Filing {
                unit: "TTKC".into(),
                ..Filing::default()
            }
            .line(),
            "Lưu: VT, TTKC"
        );
    }

    #[test]
    fn old_free_text_items_move_into_the_fields() {
        let mut distribution = vec!["Như trên".to_owned(), "Lưu: VT, CN (T271).".to_owned()];
        let mut filing = Filing::default();
        filing.adopt_legacy(&mut distribution);
        assert_eq!(distribution, ["Như trên"]);
        assert_eq!(
            filing,
            Filing {
                unit: "CN".into(),
                initials: "T".into(),
                copies: 271
            }
        );
        assert_eq!(filing.line(), "Lưu: VT, CN (T271)");
        assert_eq!(
            Filing::from_legacy_item("- Lưu: VT, TTKC;").map(|f| f.unit),
            Some("TTKC".to_owned())
        );
        assert_eq!(Filing::from_legacy_item("Như trên"), None);
    }
}
