//! A report as staff keep it: its number, date, addressees, signer and the narrative they
//! wrote, plus — once finalised (chốt) — the figures it was finalised with.

use crate::domain::row_version::{FIRST_ROW_VERSION, first_row_version};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::figures::ReportFigures;
use super::report_kind::ReportKind;
use super::signer::Signer;
use crate::text::lower_first;
use crate::text::number::MillionsDecimals;

/// The five narrative sections of DOMAIN.md §5.3, in order.
pub const SECTION_HEADINGS: [&str; 5] = [
    "I. TÌNH HÌNH TRIỂN KHAI",
    "II. KẾT QUẢ THỰC HIỆN",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ",
    "V. KIẾN NGHỊ, ĐỀ XUẤT",
];

/// What a unit writes on every report; edited once, offered for each new report.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportDefaults {
    /// "UBND TỈNH THANH HÓA".
    pub parent_agency: String,
    /// "SỞ CÔNG THƯƠNG".
    pub agency: String,
    /// Ký hiệu after the number: "BC-SCT", "BC-TTKC".
    pub symbol: String,
    /// Địa danh: "Thanh Hóa".
    pub place: String,
    pub recipients: Vec<String>,
    pub distribution: Vec<String>,
    pub signer: Signer,
    /// How many decimals every amount in triệu đồng prints with (tables, XLSX, sentences).
    #[serde(default)]
    pub millions_decimals: MillionsDecimals,
}

impl ReportDefaults {
    /// A first suggestion for a unit named `unit_name` in the province `province_name`
    /// ("Tỉnh Thanh Hóa"), to be corrected once in the report screen.
    pub fn suggested(unit_name: &str, province_name: &str) -> ReportDefaults {
        let place = province_name
            .trim_start_matches("Tỉnh ")
            .trim_start_matches("Thành phố ")
            .to_owned();
        let province_ubnd = format!("UBND {}", lower_first(province_name));
        ReportDefaults {
            parent_agency: format!("Sở Công Thương {}", lower_first(province_name)),
            agency: unit_name.to_owned(),
            symbol: "BC-TTKC".into(),
            place,
            recipients: vec![
                "Bộ Công Thương (Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công)".into(),
                province_ubnd,
            ],
            distribution: vec![
                "Như trên".into(),
                "Sở Công Thương (để báo cáo)".into(),
                "Lưu: VT, TTKC".into(),
            ],
            signer: Signer {
                authority: String::new(),
                position: "Giám đốc".into(),
                name: String::new(),
            },
            millions_decimals: MillionsDecimals::default(),
        }
    }
}

/// The finalised figures and who finalised them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frozen {
    pub figures: ReportFigures,
    pub fingerprint: String,
    pub at: String,
    pub by: String,
}

/// One saved report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedReport {
    pub id: Uuid,
    pub kind: ReportKind,
    pub year: i32,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// Số: the registry number at the Văn thư ("15"); may stay empty in a draft.
    pub number: String,
    pub symbol: String,
    pub date: NaiveDate,
    pub place: String,
    pub parent_agency: String,
    pub agency: String,
    pub recipients: Vec<String>,
    pub distribution: Vec<String>,
    pub signer: Signer,
    /// The narrative, one text per heading of [`SECTION_HEADINGS`]; paragraphs one per line.
    pub sections: Vec<String>,
    pub frozen: Option<Frozen>,
    /// The stored row's version when this copy was read. The `report.row_version` column is
    /// the one truth, so the JSON body never carries it.
    #[serde(skip, default = "first_row_version")]
    pub row_version: i64,
}

impl SavedReport {
    /// A new draft of `kind` for `year`, dated `today`, with the unit's defaults and the
    /// given narrative (`report::new_draft` prefills it from the figures).
    pub fn new(
        kind: ReportKind,
        year: i32,
        today: NaiveDate,
        defaults: &ReportDefaults,
        sections: Vec<String>,
    ) -> SavedReport {
        let (period_from, period_to) = kind.default_period(year);
        SavedReport {
            id: Uuid::now_v7(),
            kind,
            year,
            period_from,
            period_to,
            number: String::new(),
            symbol: defaults.symbol.clone(),
            date: today,
            place: defaults.place.clone(),
            parent_agency: defaults.parent_agency.clone(),
            agency: defaults.agency.clone(),
            recipients: defaults.recipients.clone(),
            distribution: defaults.distribution.clone(),
            signer: defaults.signer.clone(),
            sections,
            frozen: None,
            row_version: FIRST_ROW_VERSION,
        }
    }

    /// "Số: 05/BC-SCT" — numbers below 10 get a leading zero (NĐ 30/2020); a draft without a
    /// number keeps the space for it: "Số:      /BC-SCT".
    pub fn number_line(&self) -> String {
        let number = self.number.trim();
        let number = match number.parse::<u32>() {
            Ok(n) if n < 10 => format!("{n:02}"),
            _ if number.is_empty() => "     ".to_owned(),
            _ => number.to_owned(),
        };
        format!("Số: {number}/{}", self.symbol.trim())
    }

    /// "ngày 05 tháng 01 năm 2027": day and month padded (NĐ 30/2020 pads days < 10 and
    /// months 1 and 2; padding every month below 10 is what most offices print).
    pub fn date_phrase(&self) -> String {
        format!(
            "ngày {:02} tháng {:02} năm {}",
            self.date.day(),
            self.date.month(),
            self.date.year()
        )
    }

    /// "Thanh Hóa, ngày 05 tháng 01 năm 2027".
    pub fn place_and_date(&self) -> String {
        format!("{}, {}", self.place.trim(), self.date_phrase())
    }

    /// "15/BC-SCT" for the appendices' "(Kèm theo Báo cáo số …)".
    pub fn reference(&self) -> String {
        let line = self.number_line();
        line.trim_start_matches("Số: ").trim().to_owned()
    }

    /// The header fields of this report as the unit's defaults for later ones.
    pub fn defaults(&self) -> ReportDefaults {
        ReportDefaults {
            parent_agency: self.parent_agency.clone(),
            agency: self.agency.clone(),
            symbol: self.symbol.clone(),
            place: self.place.clone(),
            recipients: self.recipients.clone(),
            distribution: self.distribution.clone(),
            signer: self.signer.clone(),
            // A unit-wide choice, not a report's: the service keeps the stored one.
            millions_decimals: MillionsDecimals::default(),
        }
    }

    /// Checks what must be right before the report is finalised.
    pub fn validate_for_freeze(&self) -> Result<(), crate::domain::refusal::Refusal> {
        if self.number.trim().is_empty() {
            return Err("Số văn bản: cần nhập số do Văn thư cấp trước khi chốt.".into());
        }
        if self.agency.trim().is_empty() {
            return Err("Tên cơ quan ban hành: chưa nhập.".into());
        }
        if self.place.trim().is_empty() {
            return Err("Địa danh: chưa nhập.".into());
        }
        if self.signer.name.trim().is_empty() {
            return Err("Người ký: chưa nhập họ tên.".into());
        }
        if self.period_to < self.period_from {
            return Err("Kỳ số liệu: ngày kết thúc trước ngày bắt đầu.".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_and_date_lines_follow_decree_30() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 5).expect("date");
        let defaults = ReportDefaults {
            symbol: "BC-SCT".into(),
            place: "Thanh Hóa".into(),
            ..ReportDefaults::default()
        };
        let mut r = SavedReport::new(ReportKind::Year, 2026, day, &defaults, Vec::new());
        assert_eq!(r.number_line(), "Số:      /BC-SCT");
        r.number = "5".into();
        assert_eq!(r.number_line(), "Số: 05/BC-SCT");
        assert_eq!(r.reference(), "05/BC-SCT");
        r.number = "123".into();
        assert_eq!(r.number_line(), "Số: 123/BC-SCT");
        assert_eq!(r.place_and_date(), "Thanh Hóa, ngày 05 tháng 01 năm 2027");
        assert!(
            r.validate_for_freeze()
                .is_err_and(|e| e.contains("Tên cơ quan"))
        );
    }
}
