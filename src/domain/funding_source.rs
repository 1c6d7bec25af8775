//! Nguồn kinh phí: where a project's public money comes from (DOMAIN.md §3.1).

use serde::{Deserialize, Serialize};

/// A budget source. Counterpart funds (đối ứng) are the beneficiary's own money and are kept
/// apart from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FundingSource {
    /// Kinh phí khuyến công quốc gia (ngân sách trung ương, Bộ Công Thương).
    Kcqg,
    /// Kinh phí khuyến công địa phương (ngân sách tỉnh).
    Kcdp,
    /// Nguồn hợp pháp khác (lồng ghép chương trình khác, tài trợ…).
    Khac,
}

impl FundingSource {
    /// Every source, in report order.
    pub const ALL: [FundingSource; 3] = [
        FundingSource::Kcqg,
        FundingSource::Kcdp,
        FundingSource::Khac,
    ];

    /// Stable stored code.
    pub fn code(self) -> &'static str {
        match self {
            FundingSource::Kcqg => "KCQG",
            FundingSource::Kcdp => "KCDP",
            FundingSource::Khac => "KHAC",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<FundingSource> {
        FundingSource::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Short Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            FundingSource::Kcqg => "KCQG",
            FundingSource::Kcdp => "KCĐP",
            FundingSource::Khac => "Nguồn khác",
        }
    }

    /// Full Vietnamese name.
    pub fn full_name(self) -> &'static str {
        match self {
            FundingSource::Kcqg => "Kinh phí khuyến công quốc gia",
            FundingSource::Kcdp => "Kinh phí khuyến công địa phương",
            FundingSource::Khac => "Nguồn kinh phí hợp pháp khác",
        }
    }
}
