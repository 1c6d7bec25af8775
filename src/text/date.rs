//! Dates the Vietnamese way: dd/mm/yyyy for display, lenient but unambiguous parsing.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use thiserror::Error;

/// Why a user-typed date was rejected; messages are shown to users as-is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum DateError {
    /// Nothing (or only whitespace) was typed; callers usually treat this as "no value".
    #[error("chưa nhập")]
    Empty,
    /// Not of the form dd/mm/yyyy (or yyyy-mm-dd).
    #[error("không đúng định dạng ngày dd/mm/yyyy")]
    Malformed,
    /// The year has fewer than four digits ("5/1/27"), which would be ambiguous.
    #[error("năm phải ghi đủ 4 chữ số (ví dụ 05/01/2027)")]
    ShortYear,
    /// Well-formed, but no such day exists (31/02/2025, 01/13/2025).
    #[error("ngày không tồn tại ({day:02}/{month:02}/{year:04})")]
    Impossible {
        /// Day as typed.
        day: u32,
        /// Month as typed.
        month: u32,
        /// Year as typed.
        year: i32,
    },
}

/// Formats a date as dd/mm/yyyy with leading zeros: "05/01/2027".
pub fn format_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// A day or month as Nghị định 30/2020 writes it in a document: days below 10 and the months
/// 1 and 2 get a leading zero ("05", "02"), other months do not ("3"), so that nobody can add
/// a digit in front of a handwritten or printed "1" or "2".
fn decree_day(day: u32) -> String {
    format!("{day:02}")
}

fn decree_month(month: u32) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// A date as a document writes it in words: "ngày 05 tháng 02 năm 2026", "ngày 15 tháng 3 năm
/// 2026" (Nghị định 30/2020, Phụ lục I, Mục II, khoản 4).
pub fn date_in_words(d: NaiveDate) -> String {
    format!(
        "ngày {} tháng {} năm {}",
        decree_day(d.day()),
        decree_month(d.month()),
        d.year()
    )
}

/// The date of a draft whose day and month the Văn thư writes in when the document is
/// issued: "ngày     tháng     năm 2026".
pub fn undated_in_words(year: i32) -> String {
    format!("ngày{BLANK}tháng{BLANK}năm {year}")
}

/// The room left for a handwritten day, month or number: five spaces, as offices type it.
pub const BLANK: &str = "     ";

/// A date in figures as a document's text writes it: "05/02/2026", "15/3/2026" (the same
/// padding as [`date_in_words`]). Screens keep [`format_date`], whose columns line up.
pub fn format_date_in_document(d: NaiveDate) -> String {
    format!(
        "{}/{}/{:04}",
        decree_day(d.day()),
        decree_month(d.month()),
        d.year()
    )
}

/// Formats a date and time as "dd/mm/yyyy HH:MM" (24-hour clock): "05/01/2027 14:03".
pub fn format_datetime(dt: NaiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        format_date(dt.date()),
        dt.hour(),
        dt.minute()
    )
}

/// Parses d/m/yyyy or dd/mm/yyyy (separator '/', '-' or '.') and ISO yyyy-mm-dd.
///
/// Surrounding whitespace is ignored; one kind of separator per date; the year needs 4 digits.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(DateError::Empty);
    }
    let separator = trimmed
        .chars()
        .find(|c| matches!(c, '/' | '-' | '.'))
        .ok_or(DateError::Malformed)?;
    let mut parts = trimmed.split(separator).map(str::trim);
    let (Some(first), Some(second), Some(third), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(DateError::Malformed);
    };
    for part in [first, second, third] {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateError::Malformed);
        }
    }

    let (day, month, year) = if first.len() == 4 {
        // Year first: yyyy-mm-dd.
        if second.len() > 2 || third.len() > 2 {
            return Err(DateError::Malformed);
        }
        (third, second, first)
    } else {
        if first.len() > 2 || second.len() > 2 {
            return Err(DateError::Malformed);
        }
        match third.len() {
            4 => {}
            1..=3 => return Err(DateError::ShortYear),
            _ => return Err(DateError::Malformed),
        }
        (first, second, third)
    };

    // At most 4 ASCII digits each, so these conversions cannot fail.
    let day: u32 = day.parse().map_err(|_| DateError::Malformed)?;
    let month: u32 = month.parse().map_err(|_| DateError::Malformed)?;
    let year: i32 = year.parse().map_err(|_| DateError::Malformed)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible { day, month, year })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn format_date_pads() {
        assert_eq!(format_date(date(2027, 1, 5)), "05/01/2027");
        assert_eq!(format_date(date(2025, 12, 31)), "31/12/2025");
        assert_eq!(format_date(date(999, 3, 4)), "04/03/0999");
    }

    #[test]
    fn documents_pad_days_below_ten_and_the_first_two_months() {
        assert_eq!(date_in_words(date(2026, 2, 5)), "ngày 05 tháng 02 năm 2026");
        assert_eq!(date_in_words(date(2026, 3, 15)), "ngày 15 tháng 3 năm 2026");
        assert_eq!(date_in_words(date(2027, 1, 5)), "ngày 05 tháng 01 năm 2027");
        assert_eq!(
            date_in_words(date(2025, 12, 9)),
            "ngày 09 tháng 12 năm 2025"
        );
        assert_eq!(format_date_in_document(date(2026, 8, 6)), "06/8/2026");
        assert_eq!(format_date_in_document(date(2026, 2, 2)), "02/02/2026");
        assert_eq!(undated_in_words(2026), "ngày     tháng     năm 2026");
    }

    #[test]
    fn format_datetime_pads() {
        let dt = date(2027, 1, 5)
            .and_hms_opt(14, 3, 59)
            .expect("valid test time");
        assert_eq!(format_datetime(dt), "05/01/2027 14:03");
        let midnight = date(2024, 2, 29)
            .and_hms_opt(0, 0, 0)
            .expect("valid test time");
        assert_eq!(format_datetime(midnight), "29/02/2024 00:00");
    }

    #[test]
    fn parse_day_first() {
        let expected = Ok(date(2027, 1, 5));
        for s in [
            "05/01/2027",
            "5/1/2027",
            "05/1/2027",
            "5/01/2027",
            "05-01-2027",
            "5-1-2027",
            "05.01.2027",
            "5.1.2027",
            "  05/01/2027  ",
            "05 / 01 / 2027",
        ] {
            assert_eq!(parse_date(s), expected, "{s:?}");
        }
    }

    #[test]
    fn parse_iso() {
        assert_eq!(parse_date("2027-01-05"), Ok(date(2027, 1, 5)));
        assert_eq!(parse_date("2027-1-5"), Ok(date(2027, 1, 5)));
        assert_eq!(parse_date("2024-02-29"), Ok(date(2024, 2, 29)));
    }

    #[test]
    fn parse_empty() {
        assert_eq!(parse_date(""), Err(DateError::Empty));
        assert_eq!(parse_date("  \t"), Err(DateError::Empty));
    }

    #[test]
    fn parse_short_year() {
        assert_eq!(parse_date("05/01/27"), Err(DateError::ShortYear));
        assert_eq!(parse_date("5-1-27"), Err(DateError::ShortYear));
        assert_eq!(parse_date("5.1.202"), Err(DateError::ShortYear));
        assert_eq!(parse_date("5.1.7"), Err(DateError::ShortYear));
    }

    #[test]
    fn parse_impossible() {
        assert_eq!(
            parse_date("31/02/2025"),
            Err(DateError::Impossible {
                day: 31,
                month: 2,
                year: 2025
            })
        );
        assert_eq!(
            parse_date("31/02/2025").map_err(|e| e.to_string()),
            Err("ngày không tồn tại (31/02/2025)".to_owned())
        );
        assert_eq!(
            parse_date("29/2/2025").map_err(|e| e.to_string()),
            Err("ngày không tồn tại (29/02/2025)".to_owned())
        );
        assert_eq!(parse_date("29/02/2024"), Ok(date(2024, 2, 29)));
        assert!(matches!(
            parse_date("00/01/2025"),
            Err(DateError::Impossible { .. })
        ));
        assert!(matches!(
            parse_date("01/13/2025"),
            Err(DateError::Impossible { .. })
        ));
        assert!(matches!(
            parse_date("2025-02-30"),
            Err(DateError::Impossible { .. })
        ));
        assert!(matches!(
            parse_date("32/01/2025"),
            Err(DateError::Impossible { .. })
        ));
    }

    #[test]
    fn parse_malformed() {
        for bad in [
            "abc",
            "05012027",
            "05/01",
            "05/01/2027/1",
            "05/01-2027",
            "05/01/20270",
            "005/01/2027",
            "05/001/2027",
            "2027-001-05",
            "2027-01",
            "a5/01/2027",
            "05//2027",
            "/01/2027",
            "05/01/2027 14:03",
            "５/１/２０２７",
            "+5/1/2027",
            "-5/1/2027",
            "20270-01-05",
        ] {
            assert_eq!(parse_date(bad), Err(DateError::Malformed), "{bad:?}");
        }
    }

    #[test]
    fn roundtrip() {
        for d in [date(2027, 1, 5), date(2000, 2, 29), date(1999, 12, 31)] {
            assert_eq!(parse_date(&format_date(d)), Ok(d));
        }
    }

    #[test]
    fn error_messages_are_vietnamese() {
        assert_eq!(DateError::Empty.to_string(), "chưa nhập");
        assert_eq!(
            DateError::Malformed.to_string(),
            "không đúng định dạng ngày dd/mm/yyyy"
        );
        assert_eq!(
            DateError::ShortYear.to_string(),
            "năm phải ghi đủ 4 chữ số (ví dụ 05/01/2027)"
        );
    }
}
