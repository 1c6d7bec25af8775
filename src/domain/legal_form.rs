//! Loại hình cơ sở: the legal forms a cơ sở CNNT can take (DOMAIN.md §1.1).

use serde::{Deserialize, Serialize};

/// Legal form of an establishment. Which forms count as CNNT on a date is data
/// (`CnntDefinition`), not this enum: the enum only names the forms people enter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum LegalForm {
    /// Doanh nghiệp nhỏ và vừa.
    Dnnvv,
    /// Hợp tác xã.
    HopTacXa,
    /// Liên hiệp hợp tác xã (eligible only since ND 235/2025).
    LienHiepHtx,
    /// Tổ hợp tác.
    ToHopTac,
    /// Hộ kinh doanh.
    HoKinhDoanh,
}

impl LegalForm {
    /// Every form, in the order the form's drop-down shows them.
    pub const ALL: [LegalForm; 5] = [
        LegalForm::Dnnvv,
        LegalForm::HopTacXa,
        LegalForm::LienHiepHtx,
        LegalForm::ToHopTac,
        LegalForm::HoKinhDoanh,
    ];

    /// Stable code stored in the database and in reference data.
    pub fn code(self) -> &'static str {
        match self {
            LegalForm::Dnnvv => "DNNVV",
            LegalForm::HopTacXa => "HTX",
            LegalForm::LienHiepHtx => "LHHTX",
            LegalForm::ToHopTac => "THT",
            LegalForm::HoKinhDoanh => "HKD",
        }
    }

    /// Vietnamese name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            LegalForm::Dnnvv => "Doanh nghiệp nhỏ và vừa",
            LegalForm::HopTacXa => "Hợp tác xã",
            LegalForm::LienHiepHtx => "Liên hiệp hợp tác xã",
            LegalForm::ToHopTac => "Tổ hợp tác",
            LegalForm::HoKinhDoanh => "Hộ kinh doanh",
        }
    }

    /// Short label for table columns.
    pub fn short_label(self) -> &'static str {
        match self {
            LegalForm::Dnnvv => "DNNVV",
            LegalForm::HopTacXa => "HTX",
            LegalForm::LienHiepHtx => "Liên hiệp HTX",
            LegalForm::ToHopTac => "Tổ hợp tác",
            LegalForm::HoKinhDoanh => "Hộ kinh doanh",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<LegalForm> {
        LegalForm::ALL.into_iter().find(|f| f.code() == code)
    }

    /// Forms that may legitimately have no tax code (tổ hợp tác, hộ kinh doanh).
    pub fn tax_code_optional(self) -> bool {
        matches!(self, LegalForm::ToHopTac | LegalForm::HoKinhDoanh)
    }

    /// Forms that may use the 12-digit personal identification number as tax code
    /// (TT 86/2024/TT-BTC, from 01/7/2025).
    pub fn may_use_personal_id(self) -> bool {
        matches!(self, LegalForm::ToHopTac | LegalForm::HoKinhDoanh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for f in LegalForm::ALL {
            assert_eq!(LegalForm::from_code(f.code()), Some(f));
        }
        assert_eq!(LegalForm::from_code("XYZ"), None);
    }
}
