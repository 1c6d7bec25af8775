//! Which unit this installation serves (set on first start, changed in Cài đặt).

use serde::{Deserialize, Serialize};

/// Province centre or a commune-level office entering data for the province.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnitKind {
    /// Trung tâm Khuyến công (or Sở Công Thương) of the province: merges and reports.
    ProvinceCentre,
    /// Xã/phường/đặc khu office (huyện before 01/7/2025): enters data and sends it up.
    CommuneOffice,
}

impl UnitKind {
    /// Stable stored code.
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::ProvinceCentre => "tinh",
            UnitKind::CommuneOffice => "xa",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<UnitKind> {
        match code {
            "tinh" => Some(UnitKind::ProvinceCentre),
            "xa" => Some(UnitKind::CommuneOffice),
            _ => None,
        }
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::ProvinceCentre => "Trung tâm Khuyến công cấp tỉnh",
            UnitKind::CommuneOffice => "Cơ quan cấp xã (nhập liệu, gửi về tỉnh)",
        }
    }
}

/// The unit this installation serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSettings {
    pub province_code: String,
    pub kind: UnitKind,
    /// Official name, e.g. "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp".
    pub unit_name: String,
    /// The commune an office serves (5 digits); empty for the province centre.
    pub commune_code: String,
}
