//! Đăng ký kế hoạch khuyến công (DOMAIN.md §4.1 step 2–3, §4.3): who proposed a project for
//! next year's plan, when it reached the Sở, and the Sở's appraisal (thẩm định cấp cơ sở).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The registration facts of a proposal. Every project carries one; a project entered after
/// approval simply leaves it empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Registration {
    /// Đơn vị đăng ký: the xã, the centre itself, or another unit that proposed the project.
    pub proposed_by: String,
    /// Ngày đăng ký: when the proposal reached the Sở (the date the deadlines are judged on).
    pub registered_on: Option<NaiveDate>,
    pub appraisal: Option<Appraisal>,
}

/// Kết quả thẩm định cấp cơ sở.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appraisal {
    pub passed: bool,
    pub date: NaiveDate,
    /// Required when the proposal fails; a short note otherwise.
    pub reason: String,
    /// Who recorded it.
    pub by: String,
}

impl Appraisal {
    /// A checked appraisal: a failed one must say why.
    pub fn new(
        passed: bool,
        date: NaiveDate,
        reason: &str,
        by: &str,
    ) -> Result<Appraisal, crate::domain::refusal::Refusal> {
        if !passed && reason.trim().is_empty() {
            return Err("Thẩm định không đạt: cần ghi lý do.".into());
        }
        Ok(Appraisal {
            passed,
            date,
            reason: reason.trim().to_owned(),
            by: by.to_owned(),
        })
    }

    /// "Đạt" / "Không đạt".
    pub fn label(&self) -> &'static str {
        if self.passed {
            "Đạt"
        } else {
            "Không đạt"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_appraisal_needs_a_reason() {
        let day = NaiveDate::from_ymd_opt(2026, 9, 1).expect("date");
        assert!(Appraisal::new(false, day, "  ", "huong").is_err());
        let failed = Appraisal::new(false, day, " trùng nội dung ", "huong").expect("reason given");
        assert_eq!(failed.reason, "trùng nội dung");
        assert_eq!(failed.label(), "Không đạt");
        assert!(Appraisal::new(true, day, "", "huong").is_ok_and(|a| a.passed));
    }
}
