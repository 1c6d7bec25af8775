//! SQLite storage: the only place that knows SQL. One file per aggregate.

pub mod attachments;
pub mod audit;
pub mod backup;
pub mod budget;
pub mod catalog;
pub mod data_problems;
pub mod error;
pub mod establishments;
pub mod migrations;
pub mod projects;
pub mod reference_data;
pub mod reports;
pub mod settings;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};

pub use error::{StoreError, StoreResult};

use crate::domain::audit_entry::AuditEntry;

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How to treat a missing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file (and its folder) when it does not exist: the app's first start.
    CreateIfMissing,
    /// Refuse a missing file: command-line checks must not invent an empty database.
    MustExist,
}

/// An open database file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Refuses a file that exists but is not SQLite, or was written by a newer version, without
/// touching it. Returns whether the file already holds data.
fn inspect_existing(path: &Path, mode: OpenMode) -> StoreResult<bool> {
    let io_err = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return match mode {
                OpenMode::CreateIfMissing => Ok(false),
                OpenMode::MustExist => Err(StoreError::FileNotFound(path.to_owned())),
            };
        }
        Err(e) => return Err(io_err(e)),
    };
    if len == 0 {
        return Ok(false);
    }
    let mut header = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(io_err)?;
        if f.read_exact(&mut header).is_err() || &header != SQLITE_HEADER {
            return Err(StoreError::NotADatabase(path.to_owned()));
        }
    }
    let ro = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let found: i64 = ro
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|_| StoreError::NotADatabase(path.to_owned()))?;
    if found > migrations::LATEST_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found,
            supported: migrations::LATEST_VERSION,
        });
    }
    Ok(true)
}

impl Store {
    /// Opens (or creates) a database file: checks it, migrates it, loads reference data on
    /// first start. Use `open_at_startup` for the app, which also takes a backup first.
    pub fn open(path: &Path, mode: OpenMode) -> StoreResult<Store> {
        inspect_existing(path, mode)?;
        Self::open_checked(path)
    }

    /// The app's start: check the file, copy it into the backups folder before any write
    /// (keeping the last 10), then open it.
    pub fn open_at_startup(path: &Path) -> StoreResult<Store> {
        if inspect_existing(path, OpenMode::CreateIfMissing)? {
            backup::take_startup_backup(path)?;
        }
        Self::open_checked(path)
    }

    /// A read-only connection on a file that already holds data of the current schema, for
    /// reading while the startup backup is taken; None when the file is new, empty or needs
    /// migrating (then only the normal open may touch it).
    pub fn open_read_only(path: &Path) -> StoreResult<Option<Store>> {
        if !inspect_existing(path, OpenMode::MustExist)? {
            return Ok(None);
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version != migrations::LATEST_VERSION {
            return Ok(None);
        }
        audit::prepare_actor(&conn)?;
        Ok(Some(Store {
            conn,
            path: path.to_owned(),
        }))
    }

    fn open_checked(path: &Path) -> StoreResult<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(Duration::from_secs(5))?;
        migrations::migrations().to_latest(&mut conn)?;
        audit::prepare_actor(&conn)?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
        };
        reference_data::load_if_empty(&mut store)?;
        Ok(store)
    }

    /// Names `actor` (the session's person) in every audit row this store writes from now on.
    pub fn set_actor(&self, actor: &str) -> StoreResult<()> {
        audit::set_actor(&self.conn, actor)
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read access for queries.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction: all of it is committed, or none of it.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// SQLite's own integrity check; "ok" when the file is sound.
    pub fn integrity_check(&self) -> StoreResult<Vec<String>> {
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Number of rows in each table (tombstoned rows included), for `khuyencong check`.
    pub fn table_counts(&self) -> StoreResult<Vec<(String, i64)>> {
        let mut st = self.conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let names: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        names
            .into_iter()
            .map(|name| {
                let n: i64 =
                    self.conn
                        .query_row(&format!("SELECT COUNT(*) FROM \"{name}\""), [], |r| {
                            r.get(0)
                        })?;
                Ok((name, n))
            })
            .collect()
    }

    /// Number of audit rows about `table_name`.
    pub fn audit_count(&self, table_name: &str) -> StoreResult<i64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM audit_log WHERE table_name = ?1",
            [table_name],
            |r| r.get(0),
        )?)
    }

    /// The audit rows of one record, oldest first.
    pub fn audit_trail(&self, table_name: &str, record_id: &str) -> StoreResult<Vec<AuditEntry>> {
        let mut st = self.conn.prepare(
            "SELECT at, actor, table_name, record_id, action, old_json, new_json FROM audit_log
             WHERE table_name = ?1 AND record_id = ?2 ORDER BY id",
        )?;
        // A value that is not JSON (written by hand, or damaged) is still shown, as text.
        let parse = |s: Option<String>| {
            s.map(|s| serde_json::from_str(&s).unwrap_or(serde_json::Value::String(s)))
        };
        let rows = st.query_map([table_name, record_id], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                actor: r.get(1)?,
                table_name: r.get(2)?,
                record_id: r.get(3)?,
                action: r.get(4)?,
                old: parse(r.get(5)?),
                new: parse(r.get(6)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// `value` as the JSON the file keeps; `what` names it in the error ("cài đặt đơn vị").
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T, what: &str) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Unwritable {
        what: what.to_owned(),
        reason: e.to_string(),
    })
}

/// JSON kept in the file read back; a damaged text is an error naming `what`, never a default.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> StoreResult<T> {
    // serde's own text is English: say where the JSON breaks instead.
    serde_json::from_str(json).map_err(|e| StoreError::Unreadable {
        what: what.to_owned(),
        reason: format!("JSON hỏng ở dòng {}, cột {}", e.line(), e.column()),
    })
}

/// Dates are stored as ISO text "yyyy-mm-dd".
pub(crate) fn date_from_sql(s: &str) -> rusqlite::Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Optional date columns.
pub(crate) fn optional_date_from_sql(
    r: &rusqlite::Row,
    i: usize,
) -> rusqlite::Result<Option<chrono::NaiveDate>> {
    r.get::<_, Option<String>>(i)?
        .map(|s| date_from_sql(&s))
        .transpose()
}

/// Record identities are stored as UUID text.
pub(crate) fn uuid_from_sql(s: &str) -> rusqlite::Result<uuid::Uuid> {
    uuid::Uuid::parse_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A column holding a stored code (nguồn, trạng thái, loại…): parsed, or refused as unreadable
/// data naming what it should have been.
pub(crate) fn coded_column<T>(
    r: &rusqlite::Row,
    i: usize,
    parse: impl Fn(&str) -> Option<T>,
    what: &str,
) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("{what} \"{text}\" không rõ").into(),
        )
    })
}

/// An optional column holding a stored code: NULL is None, a code the catalogue does not know is
/// refused (never silently read as "none", which the next save would write back).
pub(crate) fn optional_coded_column<T>(
    r: &rusqlite::Row,
    i: usize,
    parse: impl Fn(&str) -> Option<T>,
    what: &str,
) -> rusqlite::Result<Option<T>> {
    match r.get::<_, Option<String>>(i)? {
        None => Ok(None),
        Some(text) => parse(&text).map(Some).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                i,
                rusqlite::types::Type::Text,
                format!("{what} \"{text}\" không rõ").into(),
            )
        }),
    }
}

/// A money column: đồng between 0 and `MAX_AMOUNT`. Anything else was written around the app's
/// checks and would make every sum it enters meaningless, so the row is refused like any other
/// value that cannot be read.
pub(crate) fn money_column(r: &rusqlite::Row, i: usize) -> rusqlite::Result<i64> {
    let amount: i64 = r.get(i)?;
    if (0..=crate::domain::money::MAX_AMOUNT).contains(&amount) {
        Ok(amount)
    } else {
        Err(rusqlite::Error::IntegralValueOutOfRange(i, amount))
    }
}

/// Whether `e` says a row's value could not be decoded (an unknown code, bad JSON, a bad UUID or
/// date, a NULL, money out of bounds) rather than that the file could not be read.
pub(crate) fn is_undecodable(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
    )
}

/// The rows that can be read. A row that cannot be decoded is left out rather than failing the
/// whole list: `Store::data_problems` names it, and the service says how many were left out.
/// Any other failure (the file itself) is still an error.
pub(crate) fn readable_rows<T>(
    rows: impl Iterator<Item = rusqlite::Result<T>>,
) -> StoreResult<Vec<T>> {
    let mut out = Vec::new();
    for row in rows {
        match row {
            Ok(value) => out.push(value),
            Err(e) if is_undecodable(&e) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

/// One row read by `decode`: Some when it decodes, None when it cannot (left out, as above).
pub(crate) fn readable<T>(row: rusqlite::Result<T>) -> StoreResult<Option<T>> {
    match row {
        Ok(value) => Ok(Some(value)),
        Err(e) if is_undecodable(&e) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
