//! Saved reports: each one JSON document with its audit rows. A finalised (chốt) report keeps
//! its frozen figures; only an explicit "mở chốt" (audited) lets it change again.

use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::audit::{
    AuditAction, next_version, now_text, record_change, stale_save, tombstone, update_audited,
};
use super::error::{StoreError, StoreResult};
use super::{Store, from_json, to_json};
use crate::domain::report::saved_report::{ReportDefaults, SavedReport};
use crate::domain::row_version::FIRST_ROW_VERSION;
use crate::domain::stale_save::StoredVersion;

pub(crate) const DEFAULTS_KEY: &str = "report_defaults";

const TABLE: &str = "report";

/// A report from its JSON body and its row's version (the body never carries the version).
fn parse(json: &str, row_version: i64) -> StoreResult<SavedReport> {
    let mut report: SavedReport = from_json(json, "báo cáo")?;
    report.row_version = row_version;
    Ok(report)
}

fn read_one(conn: &Connection, id: Uuid) -> StoreResult<Option<SavedReport>> {
    let row: Option<(String, i64)> = conn
        .query_row(
            "SELECT body, row_version FROM report WHERE id = ?1 AND deleted_at IS NULL",
            [id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(body, version)| parse(&body, version)).transpose()
}

fn stale(stored: SavedReport) -> StoredVersion {
    StoredVersion::Report(Box::new(stored))
}

impl Store {
    /// Saves a report: a new one is inserted at the first version; a loaded one (at
    /// `report.row_version`) is updated, refused with `StoreError::Conflict`, nothing written,
    /// when the stored report has moved on since. Changing a finalised report is refused
    /// unless the change is the unfreezing itself. Returns the version now stored.
    pub fn save_report(&mut self, report: &SavedReport) -> StoreResult<i64> {
        let id = report.id.to_string();
        let kind = report.kind.code();
        self.write(|tx| {
            let Some(old) = read_one(tx, report.id)? else {
                // A copy of a report another seat deleted since: said so, not a raw key clash.
                let deleted: Option<i64> = tx
                    .query_row("SELECT 1 FROM report WHERE id = ?1", [&id], |r| r.get(0))
                    .optional()?;
                if deleted.is_some() {
                    return Err(StoreError::RecordNotFound(format!(
                        "báo cáo {}",
                        report.kind.title(report.year)
                    )));
                }
                let mut new = report.clone();
                new.row_version = FIRST_ROW_VERSION;
                let body = to_json(&new, "báo cáo")?;
                tx.execute(
                    "INSERT INTO report(id, kind, year, body, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                    params![id, kind, report.year, body, now_text()],
                )?;
                record_change(tx, TABLE, &id, AuditAction::Insert, None, Some(&new))?;
                return Ok(FIRST_ROW_VERSION);
            };
            if old.row_version != report.row_version {
                return Err(stale_save(tx, TABLE, &id, stale(old)));
            }
            if old.frozen.is_some() && report.frozen.is_some() && old != *report {
                return Err(StoreError::Refused(
                    "Báo cáo đã chốt: mở chốt trước khi sửa.".into(),
                ));
            }
            if old == *report {
                return Ok(old.row_version);
            }
            let mut new = report.clone();
            new.row_version = next_version(old.row_version, "báo cáo")?;
            let body = to_json(&new, "báo cáo")?;
            update_audited(tx, TABLE, &id, &old, &new, |tx| {
                let changed = tx.execute(
                    "UPDATE report SET kind = ?2, year = ?3, body = ?4, updated_at = ?5,
                         row_version = row_version + 1
                     WHERE id = ?1 AND deleted_at IS NULL AND row_version = ?6",
                    params![id, kind, report.year, body, now_text(), old.row_version],
                )?;
                match changed {
                    0 => Err(stale_save(tx, TABLE, &id, stale(old.clone()))),
                    _ => Ok(()),
                }
            })?;
            Ok(new.row_version)
        })
    }

    /// One saved report.
    pub fn report(&self, id: Uuid) -> StoreResult<Option<SavedReport>> {
        read_one(self.conn(), id)
    }

    /// Every saved report, newest year and date first.
    pub fn reports(&self) -> StoreResult<Vec<SavedReport>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT body, row_version FROM report WHERE deleted_at IS NULL")?;
        let bodies = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        // A body that does not read is left out of the list: `Store::data_problems` names it.
        let mut reports: Vec<SavedReport> = bodies
            .iter()
            .filter_map(|(b, version)| parse(b, *version).ok())
            .collect();
        reports.sort_by_key(|r| std::cmp::Reverse((r.year, r.date)));
        Ok(reports)
    }

    /// Deletes a draft (a tombstone) loaded at `loaded_version`; refused with
    /// `StoreError::Conflict` when someone saved it since. A finalised report is a record of
    /// what was sent and is never deleted.
    pub fn delete_report(&mut self, id: Uuid, loaded_version: i64) -> StoreResult<()> {
        self.write(|tx| {
            let Some(old) = read_one(tx, id)? else {
                return Ok(());
            };
            if old.row_version != loaded_version {
                return Err(stale_save(tx, TABLE, &id.to_string(), stale(old)));
            }
            if old.frozen.is_some() {
                return Err(StoreError::Refused(
                    "Báo cáo đã chốt là văn bản đã ban hành: không xóa được.".into(),
                ));
            }
            tombstone(tx, TABLE, &id.to_string(), &old)
        })
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
