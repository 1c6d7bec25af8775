//! A report as staff keep it: its number, date, addressees, signer and the narrative they
//! wrote, plus — once finalised (chốt) — the figures it was finalised with.

use crate::domain::row_version::{FIRST_ROW_VERSION, first_row_version};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::figures::ReportFigures;
use super::filing::Filing;
use super::report_kind::ReportKind;
use super::signer::{Authority, Signer};
use crate::text::date::{BLANK, date_in_words, undated_in_words};
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
    /// "SỞ CÔNG THƯƠNG". A line break typed in the name is where the letterhead breaks it.
    pub agency: String,
    /// Ký hiệu after the number: "BC-SCT", "BC-TTKC".
    pub symbol: String,
    /// Địa danh: "Thanh Hóa".
    pub place: String,
    pub recipients: Vec<String>,
    /// Nơi nhận without the last "Lưu: …" line, which [`Filing`] composes.
    pub distribution: Vec<String>,
    pub signer: Signer,
    pub filing: Filing,
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
            distribution: vec!["Như trên".into(), "Sở Công Thương (để báo cáo)".into()],
            signer: Signer {
                authority: Authority::InPerson,
                head: "Giám đốc".into(),
                position: "Giám đốc".into(),
                name: String::new(),
            },
            filing: Filing {
                unit: "TTKC".into(),
                ..Filing::default()
            },
            millions_decimals: MillionsDecimals::default(),
        }
    }

    /// Moves an old "Lưu: …" item of the list into [`Filing`] (see [`Filing::adopt_legacy`]).
    pub fn adopt_legacy_filing(&mut self) {
        self.filing.adopt_legacy(&mut self.distribution);
    }
}

/// The opening paragraph a new report starts with: what it answers, and who reports.
pub fn default_opening(kind: ReportKind, year: i32, agency: &str) -> String {
    let agency = one_line(agency);
    match kind {
        ReportKind::Registration => format!(
            "Thực hiện hướng dẫn của Bộ Công Thương về xây dựng kế hoạch khuyến công năm {year}, \
             {agency} báo cáo kết quả thực hiện công tác khuyến công năm {} và đăng ký kế hoạch \
             khuyến công năm {year} như sau:",
            year - 1
        ),
        _ => format!(
            "Thực hiện chế độ báo cáo định kỳ về hoạt động khuyến công, {agency} báo cáo {} như \
             sau:",
            lower_first(&kind.summary(year))
        ),
    }
}

/// The closing formula after the last section ("Trên đây là báo cáo …").
pub fn default_closing(kind: ReportKind, year: i32, agency: &str) -> String {
    format!(
        "Trên đây là báo cáo {} của {}.",
        lower_first(&kind.summary(year)),
        one_line(agency)
    )
}

/// An agency name as a sentence names it: a line break typed for the letterhead is a space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
    /// The "Lưu: VT, …" line closing Nơi nhận.
    #[serde(default)]
    pub filing: Filing,
    /// True while the Văn thư is to write the day and month in by hand on issue: the
    /// letterhead prints "ngày     tháng     năm 2026" (the year of `date`).
    #[serde(default)]
    pub date_left_blank: bool,
    /// The paragraph before section I, citing what the report answers; empty prints none.
    #[serde(default)]
    pub opening: String,
    /// The closing formula after the last section ("Trên đây là báo cáo …").
    #[serde(default)]
    pub closing: String,
    /// The narrative, one text per heading of [`SECTION_HEADINGS`]; paragraphs one per line.
    pub sections: Vec<String>,
    pub frozen: Option<Frozen>,
    /// The stored row's version when this copy was read. The `report.row_version` column is
    /// the one truth, so the JSON body never carries it.
    #[serde(skip, default = "first_row_version")]
    pub row_version: i64,
}

impl SavedReport {
    /// A new draft of `kind` for `year`, in the year of `today`, with the unit's defaults and
    /// the given narrative (`report::new_draft` prefills it from the figures). Its day and
    /// month are left for the Văn thư until someone types a date.
    pub fn new(
        kind: ReportKind,
        year: i32,
        today: NaiveDate,
        defaults: &ReportDefaults,
        sections: Vec<String>,
    ) -> SavedReport {
        let (period_from, period_to) = kind.default_period(year);
        let mut defaults = defaults.clone();
        defaults.adopt_legacy_filing();
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
            filing: defaults.filing.clone(),
            date_left_blank: true,
            opening: default_opening(kind, year, &defaults.agency),
            closing: default_closing(kind, year, &defaults.agency),
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
            _ if number.is_empty() => BLANK.to_owned(),
            _ => number.to_owned(),
        };
        format!("Số: {number}/{}", self.symbol.trim())
    }

    /// "ngày 05 tháng 01 năm 2027", "ngày 15 tháng 3 năm 2027" (NĐ 30/2020 pads days < 10
    /// and months 1 and 2), or "ngày     tháng     năm 2027" while the Văn thư is to date it.
    pub fn date_phrase(&self) -> String {
        if self.date_left_blank {
            undated_in_words(self.date.year())
        } else {
            date_in_words(self.date)
        }
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
            filing: self.filing.clone(),
            // A unit-wide choice, not a report's: the service keeps the stored one.
            millions_decimals: MillionsDecimals::default(),
        }
    }

    /// Nơi nhận as printed: the items, then the composed "Lưu: …" line. A report saved before
    /// the filing fields existed keeps its own "Lưu: …" item.
    pub fn distribution_items(&self) -> Vec<String> {
        let mut items = self.distribution.clone();
        if !self.filing.is_empty() {
            items.retain(|item| Filing::from_legacy_item(item).is_none());
            items.push(self.filing.line());
        }
        items
    }

    /// The opening, the sections and the closing as one body: (heading, text) pairs, the
    /// opening and closing without a heading.
    pub fn body_texts(&self) -> Vec<(Option<&'static str>, &str)> {
        let mut texts = vec![(None, self.opening.as_str())];
        texts.extend(
            SECTION_HEADINGS
                .iter()
                .zip(&self.sections)
                .map(|(heading, text)| (Some(*heading), text.as_str())),
        );
        texts.push((None, self.closing.as_str()));
        texts
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
        if let Some(problem) = self.signer.problem() {
            return Err(problem.into());
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
        assert_eq!(r.place_and_date(), "Thanh Hóa, ngày     tháng     năm 2027");
        r.date_left_blank = false;
        r.number = "5".into();
        assert_eq!(r.number_line(), "Số: 05/BC-SCT");
        assert_eq!(r.reference(), "05/BC-SCT");
        r.number = "123".into();
        assert_eq!(r.number_line(), "Số: 123/BC-SCT");
        assert_eq!(r.place_and_date(), "Thanh Hóa, ngày 05 tháng 01 năm 2027");
        r.date = NaiveDate::from_ymd_opt(2027, 3, 15).expect("date");
        assert_eq!(r.place_and_date(), "Thanh Hóa, ngày 15 tháng 3 năm 2027");
        assert!(
            r.validate_for_freeze()
                .is_err_and(|e| e.contains("Tên cơ quan"))
        );
    }

    #[test]
    fn a_new_report_opens_and_closes_and_files_its_copies() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 20).expect("date");
        let mut defaults = ReportDefaults::suggested("Trung tâm Khuyến công", "Tỉnh Thanh Hóa");
        defaults.filing.initials = "NVA".into();
        defaults.filing.copies = 5;
        let r = SavedReport::new(ReportKind::Quarter(1), 2026, day, &defaults, Vec::new());
        assert_eq!(
            r.opening,
            "Thực hiện chế độ báo cáo định kỳ về hoạt động khuyến công, Trung tâm Khuyến công \
             báo cáo kết quả thực hiện công tác khuyến công quý I năm 2026 như sau:"
        );
        assert_eq!(
            r.closing,
            "Trên đây là báo cáo kết quả thực hiện công tác khuyến công quý I năm 2026 của Trung \
             tâm Khuyến công."
        );
        assert_eq!(
            r.distribution_items().last().map(String::as_str),
            Some("Lưu: VT, TTKC (NVA05)")
        );
        // Defaults saved before the filing fields: their "Lưu" item becomes the fields.
        let mut old = defaults.clone();
        old.filing = Filing::default();
        old.distribution.push("Lưu: VT, QLCN".into());
        let r = SavedReport::new(ReportKind::Year, 2026, day, &old, Vec::new());
        assert_eq!(r.filing.unit, "QLCN");
        assert_eq!(
            r.distribution_items(),
            ["Như trên", "Sở Công Thương (để báo cáo)", "Lưu: VT, QLCN"]
        );
    }
}
