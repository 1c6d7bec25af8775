//! The audit log: one row per change, written in the same transaction as the change.

use rusqlite::{Transaction, params};
use serde::Serialize;

use super::error::StoreResult;

/// What a change did to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    Insert,
    Update,
    /// Tombstone: the row stays, marked deleted, so the deletion can travel to other units.
    Delete,
    /// Reference data loaded from the shipped files.
    LoadReference,
    /// The whole file replaced by a backup.
    Restore,
}

impl AuditAction {
    fn code(self) -> &'static str {
        match self {
            AuditAction::Insert => "insert",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::LoadReference => "load_reference",
            AuditAction::Restore => "restore",
        }
    }
}

/// One row of the audit log, as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub table_name: String,
    pub record_id: String,
    pub action: String,
    pub old: Option<serde_json::Value>,
    pub new: Option<serde_json::Value>,
}

/// The person at the keyboard, as the operating system knows them.
pub fn current_actor() -> String {
    std::env::var("USERNAME")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "không rõ".to_owned())
}

/// Local time as stored in every `*_at` column.
pub fn now_text() -> String {
    chrono::Local::now()
        .naive_local()
        .format("%Y-%m-%dT%H:%M:%S%.3f")
        .to_string()
}

/// Writes one audit row inside `tx`.
pub fn record_change<T: Serialize>(
    tx: &Transaction,
    table_name: &str,
    record_id: &str,
    action: AuditAction,
    old: Option<&T>,
    new: Option<&T>,
) -> StoreResult<()> {
    let to_json = |v: Option<&T>| -> Option<String> {
        v.map(|v| serde_json::to_string(v).unwrap_or_else(|e| format!("\"{e}\"")))
    };
    tx.execute(
        "INSERT INTO audit_log(at, actor, table_name, record_id, action, old_json, new_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            now_text(),
            current_actor(),
            table_name,
            record_id,
            action.code(),
            to_json(old),
            to_json(new)
        ],
    )?;
    Ok(())
}

/// Writes a changed record and its audit row; does nothing when nothing changed.
pub(crate) fn update_audited<T: Serialize + PartialEq>(
    tx: &Transaction,
    table_name: &str,
    record_id: &str,
    old: &T,
    new: &T,
    write: impl FnOnce(&Transaction) -> StoreResult<()>,
) -> StoreResult<()> {
    if old == new {
        return Ok(());
    }
    write(tx)?;
    record_change(
        tx,
        table_name,
        record_id,
        AuditAction::Update,
        Some(old),
        Some(new),
    )
}

/// Marks a record deleted (a tombstone, so the deletion can travel to other units) and writes
/// its audit row with the record as it was.
pub(crate) fn tombstone<T: Serialize>(
    tx: &Transaction,
    table_name: &str,
    record_id: &str,
    old: &T,
) -> StoreResult<()> {
    tx.execute(
        &format!("UPDATE {table_name} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1"),
        params![record_id, now_text()],
    )?;
    record_change(
        tx,
        table_name,
        record_id,
        AuditAction::Delete,
        Some(old),
        None,
    )
}
