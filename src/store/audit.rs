//! The audit log: one row per change, written in the same transaction as the change.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use super::error::{StoreError, StoreResult};
use crate::domain::stale_save::{StaleSave, StoredVersion};

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

/// Who the audit rows name until the session says: the store alone does not know the person.
pub(crate) const UNKNOWN_ACTOR: &str = "không rõ";

/// Makes the connection's session table that names the actor of every audit row (a TEMP table:
/// it belongs to this connection, never to the file).
pub(crate) fn prepare_actor(conn: &rusqlite::Connection) -> StoreResult<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS session_actor(name TEXT NOT NULL);
         DELETE FROM temp.session_actor;",
    )?;
    conn.execute(
        "INSERT INTO temp.session_actor(name) VALUES (?1)",
        [UNKNOWN_ACTOR],
    )?;
    Ok(())
}

/// Names `actor` in every audit row written through `conn` from now on.
pub(crate) fn set_actor(conn: &rusqlite::Connection, actor: &str) -> StoreResult<()> {
    conn.execute("UPDATE temp.session_actor SET name = ?1", [actor])?;
    Ok(())
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
    let to_json = |v: Option<&T>| -> StoreResult<Option<String>> {
        v.map(|v| {
            serde_json::to_string(v).map_err(|e| StoreError::Unwritable {
                what: format!("nhật ký thay đổi của {table_name} {record_id}"),
                reason: e.to_string(),
            })
        })
        .transpose()
    };
    tx.execute(
        "INSERT INTO audit_log(at, actor, table_name, record_id, action, old_json, new_json)
         VALUES (?1, (SELECT name FROM temp.session_actor), ?2, ?3, ?4, ?5, ?6)",
        params![
            now_text(),
            table_name,
            record_id,
            action.code(),
            to_json(old)?,
            to_json(new)?
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
        // The version moves on too, so a save from a copy loaded before the deletion is refused.
        &format!(
            "UPDATE {table_name} SET deleted_at = ?2, updated_at = ?2,
                 row_version = row_version + 1 WHERE id = ?1"
        ),
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

/// The version a save writes after `loaded`; refused rather than wrapped (a row saved 2⁶³
/// times is a damaged file).
pub(crate) fn next_version(loaded: i64, record: &str) -> StoreResult<i64> {
    loaded.checked_add(1).ok_or_else(|| StoreError::Unreadable {
        what: format!("số phiên bản của {record}"),
        reason: format!("giá trị {loaded} vượt giới hạn"),
    })
}

/// The refusal of a stale save of `record_id`: the stored record, and who saved it last and
/// when, from the audit log. A failure to read the log is returned instead, never hidden.
pub(crate) fn stale_save(
    conn: &Connection,
    table_name: &str,
    record_id: &str,
    stored: StoredVersion,
) -> StoreError {
    let last = conn
        .query_row(
            "SELECT actor, at FROM audit_log WHERE table_name = ?1 AND record_id = ?2
             ORDER BY id DESC LIMIT 1",
            [table_name, record_id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional();
    match last {
        Ok(last) => {
            let (changed_by, changed_at) =
                last.unwrap_or_else(|| (UNKNOWN_ACTOR.to_owned(), String::new()));
            StoreError::Conflict(Box::new(StaleSave {
                stored,
                changed_by,
                changed_at,
            }))
        }
        Err(e) => e.into(),
    }
}
