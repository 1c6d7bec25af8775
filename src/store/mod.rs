//! SQLite storage: the only place that knows SQL. One file per aggregate.

pub mod attachments;
pub mod audit;
pub mod backup;
pub mod budget;
pub mod catalog;
pub mod damaged;
pub mod data_problems;
pub mod error;
pub mod establishments;
pub mod migrations;
pub mod opening;
pub mod projects;
pub mod reference_data;
pub mod reports;
pub mod seat_lock;
pub mod settings;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};

pub use error::{StoreError, StoreResult};
pub use opening::{Diagnosis, Kind, ReadOnlyCause};

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
    /// Set when the file was opened only for reading: why, in Vietnamese, naming the file.
    /// Every write is refused with it.
    read_only: Option<String>,
    /// What the user should know about this opening (a startup backup that could not be taken).
    notices: Vec<String>,
    /// Held by the window's read-write open, so a second window opens read-only.
    _seat: Option<seat_lock::SeatLock>,
}

/// The health check before the startup backup: what the file is like, read without writing.
/// One verdict, so further checks (readable rows) join here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Sound,
    /// What is wrong, one line each.
    Damaged(Vec<String>),
}

/// SQLite's quick check and the schema version on a read-only connection. A file SQLite calls
/// corrupt or not a database is damaged; any other failure (busy, no access) is an error, not a
/// verdict on the file.
pub fn health_check(path: &Path) -> StoreResult<Verdict> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let mut st = conn.prepare("PRAGMA quick_check")?;
        let lines = st
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut problems: Vec<String> = lines.into_iter().filter(|l| l != "ok").collect();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if !(0..=migrations::LATEST_VERSION).contains(&version) {
            problems.push(format!("phiên bản dữ liệu {version} không hợp lệ"));
        }
        Ok(problems)
    };
    match run() {
        Ok(p) if p.is_empty() => Ok(Verdict::Sound),
        Ok(p) => Ok(Verdict::Damaged(p)),
        Err(e) if opening::is_corruption(&e) => Ok(Verdict::Damaged(vec![
            "SQLite báo cấu trúc tệp bị hỏng".to_owned(),
        ])),
        Err(e) => Err(e.into()),
    }
}

/// How many rows of a current-schema file the readers would leave out (0 for an older file:
/// it is backed up before its migration, as before, and scanned once migrated).
fn unreadable_rows(d: &opening::Diagnosis) -> StoreResult<usize> {
    if !matches!(d.kind, Kind::Current) {
        return Ok(0);
    }
    let reader = Store::open_unwritable(d, String::new())?;
    Ok(reader
        .data_problems()?
        .iter()
        .filter(|p| p.left_out)
        .count())
}

/// Refuses, untouched, what no opening may use: a folder, not SQLite, another program's file,
/// a newer version's.
fn refuse_unusable(d: &opening::Diagnosis) -> StoreResult<()> {
    let path = d.path.clone();
    match &d.kind {
        Kind::Directory => Err(StoreError::Directory(path)),
        Kind::NotSqlite => Err(StoreError::NotADatabase(path)),
        Kind::Foreign { why } => Err(StoreError::Foreign {
            path,
            why: why.clone(),
        }),
        Kind::TooNew { found } => Err(StoreError::TooNew {
            path,
            found: *found,
            supported: migrations::LATEST_VERSION,
        }),
        _ => Ok(()),
    }
}

/// A file with a hot journal, when it may be written: a read-write open makes SQLite roll the
/// interrupted write back (its own recovery, which any SQLite program does); then the file is
/// looked at again, as what it now is.
fn settle(d: opening::Diagnosis) -> StoreResult<opening::Diagnosis> {
    if !d.hot_journal || d.read_only.is_some() {
        return Ok(d);
    }
    let conn = Connection::open(&d.path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    drop(conn);
    let again = opening::diagnose(&d.path)?;
    refuse_unusable(&again)?;
    Ok(again)
}

/// A damaged file, refused without a quarantine copy (the read-only commands never write).
fn damaged_error(path: &Path, why: &str) -> StoreError {
    StoreError::Damaged(Box::new(error::Damage {
        path: path.to_owned(),
        problems: vec![why.to_owned()],
        quarantine: None,
        backup: None,
    }))
}

/// Whether opening would create the schema (nothing there, 0 bytes, or an SQLite file with no
/// tables).
fn is_new(d: &opening::Diagnosis) -> bool {
    matches!(d.kind, Kind::Missing | Kind::Empty | Kind::Blank)
}

impl Store {
    /// Opens (or creates) a database file: checks it, migrates it, loads reference data on
    /// first start. Use `open_at_startup` for the app, which also takes a backup first. A file
    /// that cannot be written from here opens read-only.
    pub fn open(path: &Path, mode: OpenMode) -> StoreResult<Store> {
        let d = opening::diagnose(path)?;
        refuse_unusable(&d)?;
        if d.kind == Kind::Missing && mode == OpenMode::MustExist {
            return Err(StoreError::FileNotFound(path.to_owned()));
        }
        if let Some(cause) = &d.read_only {
            return Self::open_unwritable(&d, cause.explain(path));
        }
        let d = settle(d)?;
        if let Kind::Damaged { why } = &d.kind {
            return Err(damaged_error(path, why));
        }
        Self::open_checked(path)
    }

    /// The app's start: diagnose the file; a file that cannot be written from here, or that
    /// another window holds, opens read-only at once. Otherwise take the seat, check the file's
    /// health, copy it into `backups/` (a sound file only), then open it read-write. A damaged
    /// file is not backed up: it gets a quarantine copy and the error names the newest good
    /// backup.
    pub fn open_at_startup(path: &Path) -> StoreResult<Store> {
        let d = opening::diagnose(path)?;
        refuse_unusable(&d)?;
        if let Some(cause) = &d.read_only {
            return Self::open_unwritable(&d, cause.explain(path));
        }
        let dir = opening::folder_of(path);
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        let seat = match seat_lock::take(path)? {
            Ok(seat) => seat,
            Err(holder) => return Self::open_unwritable(&d, holder.explain(path)),
        };
        // The health check and the backup see the recovered file.
        let d = settle(d)?;
        if is_new(&d) {
            let mut store = Self::open_checked(path)?;
            store._seat = Some(seat);
            return Ok(store);
        }
        if let Verdict::Damaged(problems) = health_check(path)? {
            return Err(StoreError::Damaged(Box::new(error::Damage {
                path: path.to_owned(),
                problems,
                quarantine: damaged::quarantine(path).ok(),
                backup: damaged::newest_good_backup(path),
            })));
        }
        let mut notices = Vec::new();
        // A file with rows the app cannot read is not backed up either: its copy would push a
        // good one out. It is kept once as the quarantine copy, and the app opens without
        // those rows (listed in Dữ liệu cần sửa).
        match unreadable_rows(&d) {
            Ok(0) => {
                if let Err(e) = backup::take_startup_backup(path) {
                    notices.push(format!("Chưa sao lưu được khi mở: {e}"));
                }
            }
            Ok(n) => {
                let kept = damaged::quarantine(path)
                    .map(|q| {
                        format!(
                            " Đã giữ một bản sao của tệp như hiện nay tại {}.",
                            q.display()
                        )
                    })
                    .unwrap_or_default();
                notices.push(format!(
                    "Tệp có {n} bản ghi không đọc được (xem Dữ liệu cần sửa ở Tổng quan). Lần mở này chưa sao lưu, để bản có lỗi không đẩy các bản sao lưu tốt ra ngoài.{kept}"
                ));
            }
            Err(e) => notices.push(format!(
                "Chưa kiểm tra được các bản ghi nên chưa sao lưu khi mở: {e}"
            )),
        }
        let mut store = Self::open_checked(path)?;
        store._seat = Some(seat);
        store.notices = notices;
        Ok(store)
    }

    /// A read-only store for the read-only commands (`check`, `balance`, `report`): no
    /// migration, no reference load, no journal-mode change, no seat; they never write a byte
    /// of the file. A file that needs upgrading, is empty or has an interrupted write is
    /// refused with what to do.
    pub fn open_for_reading(path: &Path) -> StoreResult<Store> {
        let d = opening::diagnose(path)?;
        refuse_unusable(&d)?;
        if d.hot_journal {
            return Err(StoreError::HotJournal(path.to_owned()));
        }
        match d.kind {
            Kind::Missing => return Err(StoreError::FileNotFound(path.to_owned())),
            Kind::Empty | Kind::Blank => return Err(StoreError::EmptyFile(path.to_owned())),
            Kind::Damaged { ref why } => return Err(damaged_error(path, why)),
            Kind::Older { found } => {
                return Err(StoreError::NeedsUpgrade {
                    path: path.to_owned(),
                    found,
                });
            }
            _ => {}
        }
        let why = match &d.read_only {
            Some(cause) => cause.explain(path),
            None => format!(
                "Tệp {} được mở chỉ để đọc (kiểm tra, số dư, báo cáo không ghi vào tệp).",
                path.display()
            ),
        };
        Self::open_unwritable(&d, why)
    }

    /// A read-only store on a file already diagnosed usable, refusing every write with `why`.
    /// Opening a worker's connection for a read-only window goes through here too.
    pub fn open_read_only_because(path: &Path, why: String) -> StoreResult<Store> {
        let d = opening::diagnose(path)?;
        refuse_unusable(&d)?;
        Self::open_unwritable(&d, why)
    }

    /// Opens read-only what cannot be written (`why`): nothing is created, migrated or loaded.
    fn open_unwritable(d: &opening::Diagnosis, why: String) -> StoreResult<Store> {
        let path = &d.path;
        match d.kind {
            Kind::Missing | Kind::Empty | Kind::Blank => {
                return Err(StoreError::CannotCreate {
                    path: path.clone(),
                    why,
                });
            }
            Kind::Older { found } => {
                return Err(StoreError::ReadOnly(format!(
                    "{why} Tệp có cấu trúc dữ liệu cũ (phiên bản {found}) cần được nâng cấp, mà việc nâng cấp phải ghi vào tệp."
                )));
            }
            _ => {}
        }
        if d.hot_journal || d.kind == Kind::Unsettled {
            return Err(StoreError::HotJournal(path.clone()));
        }
        if let Kind::Damaged { why } = &d.kind {
            return Err(damaged_error(path, why));
        }
        let conn = opening::open_reader(path, d.wal)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        audit::prepare_actor(&conn)?;
        Ok(Store {
            conn,
            path: path.clone(),
            read_only: Some(why),
            notices: Vec::new(),
            _seat: None,
        })
    }

    /// A read-only connection on a file that already holds data of the current schema, for
    /// reading while the startup backup is taken; None when the file is new, empty or needs
    /// migrating (then only the normal open may touch it).
    pub fn open_read_only(path: &Path) -> StoreResult<Option<Store>> {
        let d = opening::diagnose(path)?;
        refuse_unusable(&d)?;
        if d.kind != Kind::Current || d.hot_journal {
            return Ok(None);
        }
        let why = format!("Tệp {} đang được đọc trước khi mở.", path.display());
        Self::open_unwritable(&d, why).map(Some)
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
            read_only: None,
            notices: Vec::new(),
            _seat: None,
        };
        reference_data::load_if_empty(&mut store)?;
        Ok(store)
    }

    /// Why the file is open only for reading (shown as a banner), or None when it can be saved.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// What the user should be told about this opening, such as a startup backup not taken.
    pub fn opening_notices(&self) -> &[String] {
        &self.notices
    }

    /// Refuses a write on a file opened only for reading, with the reason.
    pub(crate) fn ensure_writable(&self) -> StoreResult<()> {
        match &self.read_only {
            Some(why) => Err(StoreError::ReadOnly(why.clone())),
            None => Ok(()),
        }
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
        self.ensure_writable()?;
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
