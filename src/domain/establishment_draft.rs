//! What the establishment form edits: the record, with numbers and dates still as typed text.
//! Turning a draft into a record reports unreadable numbers and dates as field errors, so a
//! typo never silently becomes "empty".

use super::establishment::Establishment;
use super::establishment_field as field;
use super::issue::Issue;
use super::tax_code::parse_tax_code;
use crate::text::date::{DateError, format_date, parse_date};
use crate::text::fold::nfc;
use crate::text::number::{NumberError, format_integer, parse_integer};

/// The record being edited plus the text of its typed numeric and date fields.
#[derive(Debug, Clone, PartialEq)]
pub struct EstablishmentDraft {
    pub record: Establishment,
    pub registration_date: String,
    pub workers_total: String,
    pub workers_female: String,
    pub workers_ethnic_minority: String,
    pub capital: String,
    pub revenue: String,
    pub founded_year: String,
}

fn integer_text(v: Option<i64>) -> String {
    v.map(format_integer).unwrap_or_default()
}

impl EstablishmentDraft {
    /// A draft showing `record` as the form would.
    pub fn from_record(record: Establishment) -> EstablishmentDraft {
        EstablishmentDraft {
            registration_date: record
                .registration_date
                .map(format_date)
                .unwrap_or_default(),
            workers_total: integer_text(record.workers_total),
            workers_female: integer_text(record.workers_female),
            workers_ethnic_minority: integer_text(record.workers_ethnic_minority),
            capital: integer_text(record.capital),
            revenue: integer_text(record.revenue),
            founded_year: record
                .founded_year
                .map(|y| y.to_string())
                .unwrap_or_default(),
            record,
        }
    }

    /// The record the draft describes (text NFC-normalised and trimmed), and the errors of
    /// fields whose text could not be read.
    pub fn to_record(&self) -> (Establishment, Vec<Issue>) {
        let mut issues = Vec::new();
        let mut r = self.record.clone();
        for text in [
            &mut r.name,
            &mut r.tax_code,
            &mut r.registration_no,
            &mut r.representative,
            &mut r.representative_title,
            &mut r.ethnicity,
            &mut r.phone,
            &mut r.email,
            &mut r.address_detail,
            &mut r.craft_village_name,
            &mut r.craft_village_decision,
            &mut r.main_products,
            &mut r.notes,
        ] {
            *text = nfc(text.trim());
        }
        // One spelling of a tax code ("0100109106-001"), so duplicates are found by it.
        if let Ok(check) = parse_tax_code(&r.tax_code) {
            r.tax_code = check.normalized;
        }
        r.registration_date = match parse_date(&self.registration_date) {
            Ok(d) => Some(d),
            Err(DateError::Empty) => None,
            Err(err) => {
                issues.push(Issue::error(
                    field::REGISTRATION_DATE,
                    "ngay_sai",
                    format!("Ngày cấp: {err}."),
                ));
                None
            }
        };
        let mut number = |text: &str, key: &'static str, label: &str| match parse_integer(text) {
            Ok(v) => Some(v),
            Err(NumberError::Empty) => None,
            Err(err) => {
                issues.push(Issue::error(key, "so_sai", format!("{label}: {err}.")));
                None
            }
        };
        r.workers_total = number(
            &self.workers_total,
            field::WORKERS_TOTAL,
            "Tổng số lao động",
        );
        r.workers_female = number(&self.workers_female, field::WORKERS_FEMALE, "Lao động nữ");
        r.workers_ethnic_minority = number(
            &self.workers_ethnic_minority,
            field::WORKERS_ETHNIC_MINORITY,
            "Lao động người dân tộc thiểu số",
        );
        r.capital = number(&self.capital, field::CAPITAL, "Vốn");
        r.revenue = number(&self.revenue, field::REVENUE, "Doanh thu");
        r.founded_year = match self.founded_year.trim() {
            "" => None,
            y => match y.parse::<i32>() {
                Ok(v) => Some(v),
                Err(_) => {
                    issues.push(Issue::error(
                        field::FOUNDED_YEAR,
                        "nam_sai",
                        "Năm thành lập: nhập 4 chữ số, ví dụ 2015.",
                    ));
                    None
                }
            },
        };
        (r, issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn typed_text_becomes_typed_values() {
        let mut d = EstablishmentDraft::from_record(Establishment::new_in_province("38"));
        d.record.name = "  Cơ sở Nguye\u{0302}\u{0303}n  ".into();
        d.capital = "1.500.000.000".into();
        d.workers_total = "25".into();
        d.registration_date = "5/1/2024".into();
        d.founded_year = "2015".into();
        let (r, issues) = d.to_record();
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(r.name, "Cơ sở Nguyễn", "trimmed and NFC");
        let mut branch = d.clone();
        branch.record.tax_code = "0100 109 106 001".into();
        assert_eq!(branch.to_record().0.tax_code, "0100109106-001");
        assert_eq!(r.capital, Some(1_500_000_000));
        assert_eq!(r.workers_total, Some(25));
        assert_eq!(r.registration_date, NaiveDate::from_ymd_opt(2024, 1, 5));
        assert_eq!(r.founded_year, Some(2015));
        let back = EstablishmentDraft::from_record(r);
        assert_eq!(back.capital, "1.500.000.000");
        assert_eq!(back.registration_date, "05/01/2024");
    }

    #[test]
    fn unreadable_text_is_an_error_on_its_field() {
        let mut d = EstablishmentDraft::from_record(Establishment::new_in_province("38"));
        d.capital = "1,5 tỷ".into();
        d.registration_date = "31/02/2024".into();
        d.founded_year = "hai nghìn".into();
        let (r, issues) = d.to_record();
        assert_eq!(r.capital, None);
        let fields: Vec<&str> = issues.iter().map(|i| i.field).collect();
        assert_eq!(
            fields,
            [
                field::REGISTRATION_DATE,
                field::CAPITAL,
                field::FOUNDED_YEAR
            ]
        );
        assert!(issues[0].message.starts_with("Ngày cấp:"));
        assert!(issues[1].message.starts_with("Vốn:"));
    }
}
