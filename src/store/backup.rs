//! Backups: an online copy of the database into `backups/` beside it on every start (keeping
//! the last 10), on demand, and restore from one.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::audit::{AuditAction, record_change};
use super::error::{StoreError, StoreResult};
use super::{SQLITE_HEADER, Store, migrations};

/// How many automatic backups are kept.
pub const KEEP_BACKUPS: usize = 10;

/// One file in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub size_bytes: u64,
    /// Local time the backup was taken, from its name: "dd/mm/yyyy hh:mm:ss".
    pub taken_at: String,
}

/// The backups folder of a database file.
pub fn backups_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("backups")
}

fn stem(db_path: &Path) -> String {
    db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "khuyencong".into())
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Copies the live database (consistent even while it is open and in WAL mode) to `dest`,
/// through a temporary file so a half-written copy never carries the final name.
pub fn copy_database(conn: &Connection, dest: &Path) -> StoreResult<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    let tmp = dest.with_extension("dang-sao-luu");
    let _ = std::fs::remove_file(&tmp);
    conn.backup(MAIN_DB, &tmp, None)?;
    std::fs::rename(&tmp, dest).map_err(io_err(dest))?;
    Ok(())
}

/// A new, unique file name in the backups folder for `db_path`: the time, to the millisecond,
/// then `label`.
pub fn new_backup_path(db_path: &Path, label: &str) -> PathBuf {
    loop {
        let now = chrono::Local::now().format("%Y%m%d-%H%M%S-%3f");
        let path = backups_dir(db_path).join(format!("{}-{now}{label}.db", stem(db_path)));
        if !path.exists() {
            return path;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// Backups of `db_path`, newest first.
pub fn list_backups(db_path: &Path) -> StoreResult<Vec<BackupFile>> {
    let dir = backups_dir(db_path);
    let prefix = format!("{}-", stem(db_path));
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(&dir)(e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".db"))
        else {
            continue;
        };
        let Ok(taken) = chrono::NaiveDateTime::parse_from_str(
            rest.get(..19).unwrap_or(""),
            "%Y%m%d-%H%M%S-%3f",
        ) else {
            continue;
        };
        out.push(BackupFile {
            size_bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
            taken_at: taken.format("%d/%m/%Y %H:%M:%S").to_string(),
            path: entry.path(),
        });
    }
    // Names embed the time, so name order is time order.
    out.sort_by(|a, b| b.path.cmp(&a.path));
    Ok(out)
}

/// Deletes all but the newest `KEEP_BACKUPS` backups.
fn rotate(db_path: &Path) -> StoreResult<()> {
    for old in list_backups(db_path)?.into_iter().skip(KEEP_BACKUPS) {
        std::fs::remove_file(&old.path).map_err(io_err(&old.path))?;
    }
    Ok(())
}

/// The start-of-day copy, taken from a read-only connection before the app writes anything.
pub(crate) fn take_startup_backup(db_path: &Path) -> StoreResult<PathBuf> {
    let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let dest = new_backup_path(db_path, "");
    copy_database(&conn, &dest)?;
    rotate(db_path)?;
    Ok(dest)
}

/// Checks that `path` is a backup this version can restore.
fn check_backup_file(path: &Path) -> StoreResult<()> {
    let bad = |reason: String| StoreError::BadBackup {
        path: path.to_owned(),
        reason,
    };
    let mut header = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(|e| bad(e.to_string()))?;
        f.read_exact(&mut header)
            .map_err(|_| bad("tệp quá ngắn".into()))?;
    }
    if &header != SQLITE_HEADER {
        return Err(bad("không phải cơ sở dữ liệu SQLite".into()));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > migrations::LATEST_VERSION {
        return Err(bad(format!(
            "được tạo bởi phiên bản mới hơn (phiên bản dữ liệu {version})"
        )));
    }
    let integrity: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(bad(format!("tệp bị hỏng ({integrity})")));
    }
    let has_settings: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'establishment'",
        [],
        |r| r.get(0),
    )?;
    if has_settings == 0 {
        return Err(bad("không phải tệp dữ liệu của Sổ Khuyến công".into()));
    }
    Ok(())
}

impl Store {
    /// Copies the open database to `dest` (`khuyencong backup`).
    pub fn backup_to(&self, dest: &Path) -> StoreResult<()> {
        copy_database(self.conn(), dest)
    }

    /// Backups of this database, newest first.
    pub fn backups(&self) -> StoreResult<Vec<BackupFile>> {
        list_backups(self.path())
    }

    /// Replaces the database's content with a backup's, after first saving the current content
    /// as a backup too ("…-truoc-khoi-phuc.db"). Returns that safety copy's path.
    pub fn restore_from(&mut self, backup: &Path) -> StoreResult<PathBuf> {
        check_backup_file(backup)?;
        let safety = new_backup_path(self.path(), "-truoc-khoi-phuc");
        copy_database(self.conn(), &safety)?;
        self.conn
            .restore(MAIN_DB, backup, None::<fn(rusqlite::backup::Progress)>)?;
        migrations::migrations().to_latest(&mut self.conn)?;
        let source = backup.display().to_string();
        let detail = serde_json::json!({ "tu_tep": source, "ban_sao_truoc_khi_khoi_phuc": safety.display().to_string() });
        self.write(|tx| {
            record_change(
                tx,
                "database",
                "main",
                AuditAction::Restore,
                None,
                Some(&detail),
            )
        })?;
        Ok(safety)
    }
}
