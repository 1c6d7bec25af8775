//! A save refused because the stored record changed after the copy being saved was loaded: it
//! carries the record as it is stored now and who saved it when (from the audit log), so the
//! form can show both versions and let the user choose — never a silent overwrite.

use chrono::NaiveDateTime;

use super::establishment::Establishment;
use super::project::Project;
use super::report::SavedReport;
use crate::text::date::format_datetime;

/// The record as it is stored now.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredVersion {
    Establishment(Box<Establishment>),
    Project(Box<Project>),
    Report(Box<SavedReport>),
}

/// A refused stale save.
#[derive(Debug, Clone, PartialEq)]
pub struct StaleSave {
    pub stored: StoredVersion,
    /// Who saved the stored version, as the audit log names them.
    pub changed_by: String,
    /// When, as the audit log keeps it ("2026-12-03T16:45:35.123"); empty when the log has no
    /// row for the record (a file edited outside the app).
    pub changed_at: String,
}

impl StaleSave {
    /// The version the stored record has now: an explicit overwrite saves against it.
    pub fn stored_version(&self) -> i64 {
        match &self.stored {
            StoredVersion::Establishment(e) => e.row_version,
            StoredVersion::Project(p) => p.row_version,
            StoredVersion::Report(r) => r.row_version,
        }
    }

    /// The record in words: "cơ sở CS-000001 — Cơ sở mây tre Nga Sơn".
    pub fn record_name(&self) -> String {
        match &self.stored {
            StoredVersion::Establishment(e) => format!("cơ sở {} — {}", e.code, e.name),
            StoredVersion::Project(p) => format!("đề án {} — {}", p.code, p.name),
            StoredVersion::Report(r) => format!("báo cáo {}", r.kind.title(r.year)),
        }
    }

    /// When the stored version was saved, as people read it ("03/12/2026 16:45"); the stored
    /// text as it is when it is not a time the app wrote, "không rõ" when there is none.
    pub fn changed_when(&self) -> String {
        if self.changed_at.is_empty() {
            return "không rõ".to_owned();
        }
        NaiveDateTime::parse_from_str(&self.changed_at, "%Y-%m-%dT%H:%M:%S%.f")
            .map(format_datetime)
            .unwrap_or_else(|_| self.changed_at.clone())
    }

    /// The heading of the stored column: "Bản đã lưu (bởi huong, lúc 03/12/2026 16:45)".
    pub fn stored_heading(&self) -> String {
        format!(
            "Bản đã lưu (bởi {}, lúc {})",
            self.changed_by,
            self.changed_when()
        )
    }
}

impl std::fmt::Display for StaleSave {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Chưa lưu: {} đã được {} lưu lúc {}, sau khi bạn mở bản này. Bản của bạn chưa ghi gì; \
             hãy so hai bản rồi chọn tải lại bản đã lưu, hoặc giữ bản của bạn và lưu đè.",
            self.record_name(),
            self.changed_by,
            self.changed_when()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_who_and_when_in_vietnamese() {
        let mut e = Establishment::new_in_province("38");
        e.code = "CS-000007".into();
        e.name = "Cơ sở mây tre Nga Sơn".into();
        e.row_version = 3;
        let stale = StaleSave {
            stored: StoredVersion::Establishment(Box::new(e)),
            changed_by: "huong".into(),
            changed_at: "2026-12-03T16:45:35.123".into(),
        };
        assert_eq!(stale.stored_version(), 3);
        assert_eq!(
            stale.stored_heading(),
            "Bản đã lưu (bởi huong, lúc 03/12/2026 16:45)"
        );
        let text = stale.to_string();
        assert!(
            text.contains("cơ sở CS-000007 — Cơ sở mây tre Nga Sơn"),
            "{text}"
        );
        assert!(
            text.contains("huong") && text.contains("03/12/2026 16:45"),
            "{text}"
        );
    }

    #[test]
    fn a_time_not_written_by_the_app_is_shown_as_it_is() {
        let stale = StaleSave {
            stored: StoredVersion::Project(Box::new(Project::new("38", 2026))),
            changed_by: "không rõ".into(),
            changed_at: "hôm qua".into(),
        };
        assert_eq!(stale.changed_when(), "hôm qua");
        let none = StaleSave {
            changed_at: String::new(),
            ..stale
        };
        assert_eq!(none.changed_when(), "không rõ");
    }
}
