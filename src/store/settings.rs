//! Installation settings kept in the database (so a backup carries them).

use rusqlite::{OptionalExtension, params};

use super::audit::{AuditAction, record_change};
use super::error::{StoreError, StoreResult};
use super::{Store, from_json, to_json};
use crate::domain::registration_deadline::RegistrationDeadline;
use crate::domain::rule_term::RuleTerm;
use crate::domain::unit_settings::{UnitKind, UnitSettings};

pub(crate) const UNIT_KEY: &str = "unit";
pub(crate) const DEADLINES_KEY: &str = "registration_deadlines";
pub(crate) const RULE_TERMS_KEY: &str = "rule_terms";

impl Store {
    /// Reads a raw setting.
    pub fn setting(&self, key: &str) -> StoreResult<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Writes a raw setting with its audit row.
    pub fn set_setting(&mut self, key: &str, value: &str) -> StoreResult<()> {
        let old = self.setting(key)?;
        if old.as_deref() == Some(value) {
            return Ok(());
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO setting(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            let new = value.to_owned();
            let action = if old.is_some() {
                AuditAction::Update
            } else {
                AuditAction::Insert
            };
            record_change(tx, "setting", key, action, old.as_ref(), Some(&new))
        })
    }

    /// The unit this installation serves; None until the first-start dialog was answered.
    pub fn unit_settings(&self) -> StoreResult<Option<UnitSettings>> {
        let Some(json) = self.setting(UNIT_KEY)? else {
            return Ok(None);
        };
        let unit: UnitSettings = from_json(&json, "cài đặt đơn vị")?;
        Ok(Some(unit).filter(|u| {
            !u.province_code.is_empty() && UnitKind::from_code(u.kind.code()).is_some()
        }))
    }

    /// Stores the unit this installation serves.
    pub fn set_unit_settings(&mut self, unit: &UnitSettings) -> StoreResult<()> {
        let json = to_json(unit, "cài đặt đơn vị")?;
        self.set_setting(UNIT_KEY, &json)
    }

    /// The registration calendar; the shipped defaults until the user edits it.
    pub fn registration_deadlines(&self) -> StoreResult<Vec<RegistrationDeadline>> {
        match self.setting(DEADLINES_KEY)? {
            Some(json) => from_json(&json, "lịch đăng ký kế hoạch"),
            None => Ok(RegistrationDeadline::defaults()),
        }
    }

    /// The dated terms of the project rules (settlement days, the KCQG deadline, once per
    /// content); the shipped defaults until the unit edits them.
    pub fn rule_terms(&self) -> StoreResult<Vec<RuleTerm>> {
        match self.setting(RULE_TERMS_KEY)? {
            Some(json) => from_json(&json, "tham số quy định"),
            None => RuleTerm::shipped().map_err(|e| StoreError::ReferenceData {
                file: RuleTerm::SHIPPED_FILE,
                line: e.line,
                message: e.message,
            }),
        }
    }

    /// Stores the terms of the project rules.
    pub fn set_rule_terms(&mut self, terms: &[RuleTerm]) -> StoreResult<()> {
        let json = to_json(terms, "tham số quy định")?;
        self.set_setting(RULE_TERMS_KEY, &json)
    }

    /// Stores the registration calendar after checking every date in it.
    pub fn set_registration_deadlines(
        &mut self,
        deadlines: &[RegistrationDeadline],
    ) -> StoreResult<()> {
        if let Some(message) = deadlines.iter().find_map(|d| d.validate().err()) {
            return Err(StoreError::Refused(message.to_string()));
        }
        let json = to_json(deadlines, "lịch đăng ký kế hoạch")?;
        self.set_setting(DEADLINES_KEY, &json)
    }
}
