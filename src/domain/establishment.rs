//! Cơ sở công nghiệp nông thôn: the fields of DOMAIN.md §1.5.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::legal_form::LegalForm;
use crate::domain::row_version::{FIRST_ROW_VERSION, first_row_version};

/// Gender of the owner (priority rules of 2025 favour women-owned establishments).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gender {
    Nam,
    Nu,
}

impl Gender {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Gender::Nam => "Nam",
            Gender::Nu => "Nữ",
        }
    }
}

/// Level at which a product was recognised as "sản phẩm CNNT tiêu biểu" (TT 26/2014/TT-BCT as
/// amended; cấp huyện only before 01/7/2025, cấp xã since).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecognitionLevel {
    Xa,
    Huyen,
    Tinh,
    KhuVuc,
    QuocGia,
}

impl RecognitionLevel {
    /// Every level, from the lowest.
    pub const ALL: [RecognitionLevel; 5] = [
        RecognitionLevel::Xa,
        RecognitionLevel::Huyen,
        RecognitionLevel::Tinh,
        RecognitionLevel::KhuVuc,
        RecognitionLevel::QuocGia,
    ];

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            RecognitionLevel::Xa => "Cấp xã",
            RecognitionLevel::Huyen => "Cấp huyện",
            RecognitionLevel::Tinh => "Cấp tỉnh",
            RecognitionLevel::KhuVuc => "Cấp khu vực",
            RecognitionLevel::QuocGia => "Cấp quốc gia",
        }
    }
}

/// A recognition an establishment's product received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recognition {
    /// Sản phẩm công nghiệp nông thôn tiêu biểu.
    TypicalProduct {
        level: RecognitionLevel,
        year: i32,
        decision_no: String,
    },
    /// OCOP rating.
    Ocop { stars: u8, year: i32 },
}

/// One establishment as stored. Text fields are NFC; empty string means "not given".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Establishment {
    /// Exchange identity; never changes.
    pub id: Uuid,
    /// Human code (e.g. "CS-000123"), assigned when first saved.
    pub code: String,
    pub name: String,
    pub legal_form: Option<LegalForm>,
    pub tax_code: String,
    /// Số GCN đăng ký (hộ kinh doanh, HTX) when it differs from the tax code.
    pub registration_no: String,
    pub registration_date: Option<NaiveDate>,
    pub representative: String,
    pub representative_title: String,
    pub owner_gender: Option<Gender>,
    pub ethnicity: String,
    pub phone: String,
    pub email: String,
    pub province_code: String,
    /// Current xã/phường/đặc khu (5 digits), or "" for a record known only by its old address.
    pub commune_code: String,
    /// Huyện before 01/7/2025 (3 digits), kept as history.
    pub legacy_district_code: String,
    /// Xã before 01/7/2025 (5 digits), kept as history.
    pub legacy_commune_code: String,
    /// Thôn/ấp/tổ dân phố, số nhà.
    pub address_detail: String,
    pub craft_village_name: String,
    /// Số QĐ công nhận làng nghề of the UBND tỉnh.
    pub craft_village_decision: String,
    pub industry_code: String,
    pub main_products: String,
    pub workers_total: Option<i64>,
    pub workers_female: Option<i64>,
    pub workers_ethnic_minority: Option<i64>,
    /// Vốn, integer đồng.
    pub capital: Option<i64>,
    /// Doanh thu năm, integer đồng.
    pub revenue: Option<i64>,
    pub founded_year: Option<i32>,
    pub recognitions: Vec<Recognition>,
    pub notes: String,
    /// The stored row's version when this copy was read (see `domain::row_version`); a save
    /// from an older copy is refused instead of overwriting someone else's change.
    #[serde(default = "first_row_version")]
    pub row_version: i64,
}

impl Establishment {
    /// A blank record with a fresh identity, placed in `province_code`.
    pub fn new_in_province(province_code: &str) -> Establishment {
        Establishment {
            id: Uuid::now_v7(),
            code: String::new(),
            name: String::new(),
            legal_form: None,
            tax_code: String::new(),
            registration_no: String::new(),
            registration_date: None,
            representative: String::new(),
            representative_title: String::new(),
            owner_gender: None,
            ethnicity: String::new(),
            phone: String::new(),
            email: String::new(),
            province_code: province_code.to_owned(),
            commune_code: String::new(),
            legacy_district_code: String::new(),
            legacy_commune_code: String::new(),
            address_detail: String::new(),
            craft_village_name: String::new(),
            craft_village_decision: String::new(),
            industry_code: String::new(),
            main_products: String::new(),
            workers_total: None,
            workers_female: None,
            workers_ethnic_minority: None,
            capital: None,
            revenue: None,
            founded_year: None,
            recognitions: Vec::new(),
            notes: String::new(),
            row_version: FIRST_ROW_VERSION,
        }
    }
}
