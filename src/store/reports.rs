//! Saved reports: each one JSON document with its audit rows. A finalised (chốt) report keeps
//! its frozen figures; only an explicit "mở chốt" (audited) lets it change again.

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::audit::{AuditAction, now_text, record_change, tombstone, update_audited};
use super::error::{StoreError, StoreResult};
use super::{Store, from_json, to_json};
use crate::domain::report::saved_report::{ReportDefaults, SavedReport};

pub(crate) const DEFAULTS_KEY: &str = "report_defaults";

fn parse(json: &str) -> StoreResult<SavedReport> {
    from_json(json, "báo cáo")
}

impl Store {
    /// Saves a report (insert or update). Changing a finalised report is refused unless the
    /// change is the unfreezing itself.
    pub fn save_report(&mut self, report: &SavedReport) -> StoreResult<()> {
        let old = self.report(report.id)?;
        if let Some(old) = &old
            && old.frozen.is_some()
            && report.frozen.is_some()
            && old != report
        {
            return Err(StoreError::Refused(
                "Báo cáo đã chốt: mở chốt trước khi sửa.".into(),
            ));
        }
        let body = to_json(report, "báo cáo")?;
        let id = report.id.to_string();
        let kind = report.kind.code();
        self.write(|tx| match &old {
            None => {
                tx.execute(
                    "INSERT INTO report(id, kind, year, body, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                    params![id, kind, report.year, body, now_text()],
                )?;
                record_change(tx, "report", &id, AuditAction::Insert, None, Some(report))
            }
            Some(old) => update_audited(tx, "report", &id, old, report, |tx| {
                tx.execute(
                    "UPDATE report SET kind = ?2, year = ?3, body = ?4, updated_at = ?5
                     WHERE id = ?1 AND deleted_at IS NULL",
                    params![id, kind, report.year, body, now_text()],
                )?;
                Ok(())
            }),
        })
    }

    /// One saved report.
    pub fn report(&self, id: Uuid) -> StoreResult<Option<SavedReport>> {
        let body: Option<String> = self
            .conn()
            .query_row(
                "SELECT body FROM report WHERE id = ?1 AND deleted_at IS NULL",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        body.as_deref().map(parse).transpose()
    }

    /// Every saved report, newest year and date first.
    pub fn reports(&self) -> StoreResult<Vec<SavedReport>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT body FROM report WHERE deleted_at IS NULL")?;
        let bodies = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        // A body that does not read is left out of the list: `Store::data_problems` names it.
        let mut reports: Vec<SavedReport> = bodies.iter().filter_map(|b| parse(b).ok()).collect();
        reports.sort_by_key(|r| std::cmp::Reverse((r.year, r.date)));
        Ok(reports)
    }

    /// Deletes a draft (a tombstone). A finalised report is a record of what was sent and is
    /// never deleted.
    pub fn delete_report(&mut self, id: Uuid) -> StoreResult<()> {
        let Some(old) = self.report(id)? else {
            return Ok(());
        };
        if old.frozen.is_some() {
            return Err(StoreError::Refused(
                "Báo cáo đã chốt là văn bản đã ban hành: không xóa được.".into(),
            ));
        }
        self.write(|tx| tombstone(tx, "report", &id.to_string(), &old))
    }

    /// What the unit writes on every report; until first saved, a suggestion built from the
    /// unit's settings.
    pub fn report_defaults(&self) -> StoreResult<ReportDefaults> {
        if let Some(json) = self.setting(DEFAULTS_KEY)? {
            return from_json(&json, "thông tin mặc định của báo cáo");
        }
        let unit = self.unit_settings()?;
        let province = match &unit {
            Some(u) => self.province(&u.province_code)?.map(|p| p.name),
            None => None,
        };
        Ok(ReportDefaults::suggested(
            unit.as_ref().map_or("", |u| u.unit_name.as_str()),
            province.as_deref().unwrap_or(""),
        ))
    }

    pub fn set_report_defaults(&mut self, defaults: &ReportDefaults) -> StoreResult<()> {
        let json = to_json(defaults, "thông tin mặc định của báo cáo")?;
        self.set_setting(DEFAULTS_KEY, &json)
    }
}
