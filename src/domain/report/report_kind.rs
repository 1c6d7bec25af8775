//! Kinds of report and their default data periods (DOMAIN.md §5.1: the data-closing windows of
//! ND 09/2019/NĐ-CP — a period runs from the 15th of the last month before it to the 14th of its
//! own last month).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportKind {
    /// Báo cáo quý I–IV.
    Quarter(u8),
    /// Báo cáo 6 tháng đầu năm.
    HalfYear,
    /// Báo cáo năm.
    Year,
    /// Báo cáo đăng ký kế hoạch khuyến công (danh mục đề án đăng ký) for the plan year.
    Registration,
}

impl ReportKind {
    /// Every kind, in the order the screen lists them.
    pub const ALL: [ReportKind; 7] = [
        ReportKind::Quarter(1),
        ReportKind::Quarter(2),
        ReportKind::Quarter(3),
        ReportKind::Quarter(4),
        ReportKind::HalfYear,
        ReportKind::Year,
        ReportKind::Registration,
    ];

    /// Parses the command line's `--kind` (with `--quarter` for quý).
    pub fn from_cli(
        kind: &str,
        quarter: Option<u8>,
    ) -> Result<ReportKind, crate::domain::refusal::Refusal> {
        match (kind, quarter) {
            ("quy", Some(q @ 1..=4)) => Ok(ReportKind::Quarter(q)),
            ("quy", _) => Err("--kind quy cần --quarter 1, 2, 3 hoặc 4.".into()),
            ("6thang", _) => Ok(ReportKind::HalfYear),
            ("nam", _) => Ok(ReportKind::Year),
            ("dangky", _) => Ok(ReportKind::Registration),
            (other, _) => Err(format!(
                "--kind: \"{other}\" không hợp lệ; dùng quy, 6thang, nam hoặc dangky."
            )
            .into()),
        }
    }

    /// Short label for lists: "Báo cáo quý I".
    pub fn label(self) -> String {
        match self {
            ReportKind::Quarter(q) => format!("Báo cáo quý {}", roman(q)),
            ReportKind::HalfYear => "Báo cáo 6 tháng".into(),
            ReportKind::Year => "Báo cáo năm".into(),
            ReportKind::Registration => "Báo cáo đăng ký kế hoạch".into(),
        }
    }

    /// "Báo cáo quý I năm 2026", "Báo cáo năm 2026", "Báo cáo đăng ký kế hoạch năm 2027".
    pub fn title(self, year: i32) -> String {
        match self {
            ReportKind::Registration => format!("Báo cáo đăng ký kế hoạch năm {year}"),
            _ => format!("Báo cáo {}", self.period_phrase(year)),
        }
    }

    /// "quý I năm 2026", "6 tháng đầu năm 2026", "năm 2026", "năm 2027" (the plan year).
    pub fn period_phrase(self, year: i32) -> String {
        match self {
            ReportKind::Quarter(q) => format!("quý {} năm {year}", roman(q)),
            ReportKind::HalfYear => format!("6 tháng đầu năm {year}"),
            ReportKind::Year | ReportKind::Registration => format!("năm {year}"),
        }
    }

    /// Trích yếu of the report.
    pub fn summary(self, year: i32) -> String {
        match self {
            ReportKind::Registration => {
                format!("Đăng ký kế hoạch khuyến công {}", self.period_phrase(year))
            }
            _ => format!(
                "Kết quả thực hiện công tác khuyến công {}",
                self.period_phrase(year)
            ),
        }
    }

    /// The default data period. For a registration report `year` is the plan year, and the
    /// period is the year before it, whose results the report recalls.
    pub fn default_period(self, year: i32) -> (NaiveDate, NaiveDate) {
        let day =
            |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
        match self {
            ReportKind::Quarter(1) => (day(year - 1, 12, 15), day(year, 3, 14)),
            ReportKind::Quarter(q) => {
                let last = u32::from(q.clamp(2, 4)) * 3;
                (day(year, last - 3, 15), day(year, last, 14))
            }
            ReportKind::HalfYear => (day(year - 1, 12, 15), day(year, 6, 14)),
            ReportKind::Year => (day(year - 1, 12, 15), day(year, 12, 14)),
            ReportKind::Registration => (day(year - 2, 12, 15), day(year - 1, 12, 14)),
        }
    }

    /// Stable stored code.
    pub fn code(self) -> String {
        match self {
            ReportKind::Quarter(q) => format!("quy{q}"),
            ReportKind::HalfYear => "6thang".into(),
            ReportKind::Year => "nam".into(),
            ReportKind::Registration => "dangky".into(),
        }
    }
}

/// I, II, III, IV for quarters; appendices use it too.
pub fn roman(n: u8) -> &'static str {
    match n {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        5 => "V",
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn periods_follow_the_data_closing_windows() {
        assert_eq!(
            ReportKind::Quarter(1).default_period(2026),
            (day(2025, 12, 15), day(2026, 3, 14))
        );
        assert_eq!(
            ReportKind::Quarter(3).default_period(2026),
            (day(2026, 6, 15), day(2026, 9, 14))
        );
        assert_eq!(
            ReportKind::HalfYear.default_period(2026),
            (day(2025, 12, 15), day(2026, 6, 14))
        );
        assert_eq!(
            ReportKind::Year.default_period(2026),
            (day(2025, 12, 15), day(2026, 12, 14))
        );
    }

    #[test]
    fn names_and_command_line_kinds() {
        assert_eq!(
            ReportKind::Quarter(2).summary(2026),
            "Kết quả thực hiện công tác khuyến công quý II năm 2026"
        );
        assert_eq!(
            ReportKind::Registration.summary(2027),
            "Đăng ký kế hoạch khuyến công năm 2027"
        );
        assert_eq!(
            ReportKind::from_cli("quy", Some(4)),
            Ok(ReportKind::Quarter(4))
        );
        assert!(ReportKind::from_cli("quy", None).is_err());
        assert!(ReportKind::from_cli("thang", None).is_err_and(|e| e.contains("thang")));
    }
}
