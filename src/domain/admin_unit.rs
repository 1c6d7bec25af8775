//! Administrative units: current tỉnh → xã/phường/đặc khu (QĐ 19/2025/QĐ-TTg) and the
//! historic tỉnh → huyện → xã (QĐ 124/2004/QĐ-TTg), with the old → new mapping.

use serde::{Deserialize, Serialize};

/// A province-level unit (2-digit code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Province {
    pub code: String,
    pub name: String,
}

impl Province {
    /// The six thành phố trực thuộc trung ương are named "Thành phố …" in the official list;
    /// provinces are "Tỉnh …". The CNNT definition treats their phường differently.
    pub fn is_centrally_run_city(&self) -> bool {
        self.name.starts_with("Thành phố")
    }
}

/// Kind of a commune-level unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommuneKind {
    Xa,
    Phuong,
    DacKhu,
    ThiTran,
}

impl CommuneKind {
    /// Parses the `loai_xa` column of the reference lists.
    pub fn parse(s: &str) -> Option<CommuneKind> {
        match s.trim() {
            "Xã" => Some(CommuneKind::Xa),
            "Phường" => Some(CommuneKind::Phuong),
            "Đặc khu" => Some(CommuneKind::DacKhu),
            "Thị trấn" => Some(CommuneKind::ThiTran),
            _ => None,
        }
    }

    /// Vietnamese name as in the reference lists.
    pub fn label(self) -> &'static str {
        match self {
            CommuneKind::Xa => "Xã",
            CommuneKind::Phuong => "Phường",
            CommuneKind::DacKhu => "Đặc khu",
            CommuneKind::ThiTran => "Thị trấn",
        }
    }
}

/// A current commune-level unit (5-digit code) of a current province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commune {
    pub code: String,
    pub province_code: String,
    pub name: String,
    pub kind: CommuneKind,
}

/// A commune as it was before 01/7/2025, with its huyện and old province, and the
/// default new commune it became (where it was split, the one marked `mac_dinh`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyCommune {
    pub code: String,
    pub name: String,
    pub district_code: String,
    pub district_name: String,
    pub province_code: String,
    pub province_name: String,
    pub successor_code: Option<String>,
    pub successor_name: Option<String>,
}
