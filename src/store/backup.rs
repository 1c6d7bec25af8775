//! Backups: an online copy of the database into `backups/` beside it on every start, on demand,
//! and before a restore; kept by time ([`backups_to_delete`]); and restore from one.
//!
//! Copies run through SQLite's online backup API a few pages at a time, telling a
//! [`CopyProgress`] callback after each step how far they are, so a window can show a bar and
//! stop the copy between two steps. The source is read inside one read transaction, so the copy
//! is of one moment and is never restarted by a change; a copy that still makes no progress, or
//! runs past [`COPY_TIME_LIMIT`], ends with an error instead of spinning. Each copy into
//! `backups/` is checked (opens, `quick_check`, our schema) and compressed before it gets its
//! final name and before any older copy is deleted.

use std::io::Read;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::audit::{AuditAction, record_change};
use super::error::{StoreError, StoreResult, io_err};
use super::opening::stem;
use super::{SQLITE_HEADER, Store, migrations};

/// Start copies of the same day that are kept (older days keep one each, see
/// [`backups_to_delete`]).
pub const KEEP_BACKUPS: usize = KEEP_LAST_STARTS;

pub use crate::domain::backup_file::{BackupFile, BackupKind};
use crate::domain::backup_file::{KEEP_LAST_STARTS, backups_to_delete};

/// The longest a copy may run. A province's 450 MB file copies in seconds; an hour means the
/// source or the disk is failing, and the user is better told than kept waiting.
pub const COPY_TIME_LIMIT: Duration = Duration::from_secs(60 * 60);

/// Steps in a row that may leave no fewer pages to copy than the best so far. A copy whose
/// source changes under it starts over at every step; with the snapshot held this cannot
/// happen, and if SQLite ever restarts anyway the copy ends here instead of spinning for ever.
const STALL_STEPS: u32 = 16;

/// A leftover of an interrupted copy is removed once nothing has written it for this long (a
/// copy under way writes it continuously, so only a dead copy's file is this old).
const LEFTOVER_AGE: Duration = Duration::from_secs(10 * 60);

/// Marks a file that is not a finished copy yet (and its SQLite journal, "…-journal").
const PARTIAL: &str = "dang-sao-luu";

/// gzip level of the copies in `backups/`. Measured on a province-scale file (200 000
/// establishments, 464 MB, 2-core VM, system gzip as a stand-in for the same deflate): the
/// online copy 1.8 s; level 1 compresses in 4.8 s to 112 MB (24 %), level 6 in 9.3 s to 93 MB
/// (20 %). The copy runs at every start, on old office PCs too: the fastest level halves the
/// wait for 4 % more space.
const GZIP_LEVEL: u32 = 1;

/// The backups folder of a database file.
pub fn backups_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("backups")
}

/// Told after each step of a copy how many pages are copied so far and how many there are in
/// all; answering `ControlFlow::Break(())` stops the copy with [`StoreError::Cancelled`]. The
/// last call, with all pages copied, comes when the copy is complete and cannot stop it any more.
pub type CopyProgress<'a> = dyn FnMut(u64, u64) -> ControlFlow<()> + 'a;

/// Pages (4 KiB each, so 1 MiB) copied per step. Measured on a province-scale file (200 000
/// establishments, 450 MB, warm cache, 2-core VM): a backup step takes 1.8 ms median, 6 ms p95;
/// a restore step into the live WAL file 7.5 ms median, 15 ms p95, 41 ms at worst. So a cancel
/// is seen within ~50 ms, while the whole copy is no slower than with bigger steps. Only the
/// last step, which commits (and for a backup syncs the file to disk), takes longer: ~0.4 s.
const PAGES_PER_STEP: std::ffi::c_int = 256;

/// How long a copy waits for another program that holds the file's lock, and how often it looks.
const BUSY_LIMIT: Duration = Duration::from_secs(5);
const BUSY_PAUSE: Duration = Duration::from_millis(20);

/// A [`CopyProgress`] that never stops the copy.
fn keep_going(_done: u64, _total: u64) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

/// Steps `backup` to the end, reporting `(copied, total)` pages after each step. Stopped early
/// (cancelled, busy, stalled, too long or failed), the unfinished backup is dropped by the
/// caller, which rolls the destination's write transaction back (`sqlite3_backup_finish`): the
/// destination is as before. `dest` names the copy in the messages.
fn run_steps(
    backup: &Backup<'_, '_>,
    dest: &Path,
    progress: &mut CopyProgress<'_>,
) -> StoreResult<()> {
    let started = Instant::now();
    let mut busy_since: Option<Instant> = None;
    let mut fewest_left: Option<std::ffi::c_int> = None;
    let mut stalled = 0u32;
    let failed = |reason: String| StoreError::CopyFailed {
        path: dest.to_owned(),
        reason,
    };
    loop {
        if started.elapsed() > COPY_TIME_LIMIT {
            return Err(failed(format!(
                "bản sao chạy quá {} phút mà chưa xong; hãy kiểm tra ổ đĩa rồi thử lại.",
                COPY_TIME_LIMIT.as_secs() / 60
            )));
        }
        let step = backup.step(PAGES_PER_STEP)?;
        let pages = backup.progress();
        let total = u64::try_from(pages.pagecount).unwrap_or(0);
        let copied = total.saturating_sub(u64::try_from(pages.remaining).unwrap_or(0));
        match step {
            StepResult::Done => {
                let _ = progress(total, total);
                return Ok(());
            }
            StepResult::Busy | StepResult::Locked => {
                if busy_since.get_or_insert_with(Instant::now).elapsed() > BUSY_LIMIT {
                    return Err(StoreError::Refused(
                        "tệp dữ liệu đang bị một chương trình khác giữ; hãy thử lại sau.".into(),
                    ));
                }
                std::thread::sleep(BUSY_PAUSE);
            }
            // More, or any other step that got on.
            _ => {
                busy_since = None;
                if fewest_left.is_none_or(|fewest| pages.remaining < fewest) {
                    fewest_left = Some(pages.remaining);
                    stalled = 0;
                } else {
                    stalled += 1;
                    if stalled > STALL_STEPS {
                        return Err(failed(
                            "bản sao không tiến thêm được vì tệp dữ liệu thay đổi liên tục trong khi chép; hãy đóng các chương trình khác đang mở tệp rồi thử lại."
                                .into(),
                        ));
                    }
                }
            }
        }
        if progress(copied, total).is_break() {
            return Err(StoreError::Cancelled);
        }
    }
}

/// Runs `f` inside one read transaction on `source`, so every step of a copy reads the same
/// snapshot. Without it each step starts its own read; on a read-only file in WAL mode (chmod
/// 444, a CD) SQLite cannot trust the shared-memory index and sees the file as changed at every
/// step, so the copy restarted for ever at 100 % CPU. A connection already inside a transaction
/// keeps its own.
fn holding_snapshot<T>(source: &Connection, f: impl FnOnce() -> StoreResult<T>) -> StoreResult<T> {
    if !source.is_autocommit() {
        return f();
    }
    source.execute_batch("BEGIN")?;
    // BEGIN is deferred: reading takes the read lock (in WAL, the snapshot) now.
    let begun = source.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |_| Ok(()));
    let value = begun.map_err(StoreError::from).and_then(|()| f());
    let ended = source.execute_batch("COMMIT");
    let value = value?;
    ended?;
    Ok(value)
}

/// Removes a half-written copy and the journal files SQLite may have left beside it.
fn remove_partial_copy(tmp: &Path) {
    let _ = std::fs::remove_file(tmp);
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut side = tmp.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
}

/// The name a copy carries until it is finished and checked.
fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.as_os_str().to_owned();
    name.push(".");
    name.push(PARTIAL);
    PathBuf::from(name)
}

/// Copies the live database (consistent even while it is open and in WAL mode) to `dest`,
/// through a temporary file so a half-written copy never carries the final name.
pub fn copy_database(conn: &Connection, dest: &Path) -> StoreResult<()> {
    copy_database_with(conn, dest, &mut keep_going)
}

/// [`copy_database`], reporting pages copied to `progress`, which may stop it. A copy that is
/// stopped or fails, or does not pass its check, leaves nothing behind: no temporary file, no
/// file with the final name. The copy is a plain SQLite file.
pub fn copy_database_with(
    conn: &Connection,
    dest: &Path,
    progress: &mut CopyProgress<'_>,
) -> StoreResult<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    let tmp = partial_path(dest);
    remove_partial_copy(&tmp);
    let done = copy_into(conn, &tmp, dest, progress)
        .and_then(|()| verify_new_copy(&tmp, dest))
        .and_then(|()| std::fs::rename(&tmp, dest).map_err(io_err(dest)));
    if done.is_err() {
        remove_partial_copy(&tmp);
    }
    done
}

/// The copy itself; the backup handle and the file's connection are closed when it returns,
/// before the file is renamed or removed.
///
/// The copy inherits WAL mode from the live file; it is switched back to a rollback journal so
/// that it is one self-contained file: opening it to read (to check it, restore it, or from a
/// read-only USB stick) then leaves no "-wal"/"-shm" files beside it.
fn copy_into(
    conn: &Connection,
    tmp: &Path,
    dest: &Path,
    progress: &mut CopyProgress<'_>,
) -> StoreResult<()> {
    let mut copy = Connection::open(tmp)?;
    holding_snapshot(conn, || {
        let backup = Backup::new(conn, &mut copy)?;
        run_steps(&backup, dest, progress)
    })?;
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

/// Checks a copy just written at `tmp` (to become `dest`) before it counts as a backup.
fn verify_new_copy(tmp: &Path, dest: &Path) -> StoreResult<()> {
    inspect_copy(tmp)
        .map(|_| ())
        .map_err(|reason| StoreError::CopyFailed {
            path: dest.to_owned(),
            reason: format!(
                "bản sao vừa chép không đạt kiểm tra ({reason}) nên đã bị xóa; các bản sao lưu cũ vẫn được giữ."
            ),
        })
}

/// Opens a plain copy and checks it is a sound file of ours that this version can read.
/// Returns its size in pages, or why it cannot be used (in Vietnamese).
fn inspect_copy(path: &Path) -> Result<u64, String> {
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .map_err(|_| "tệp quá ngắn hoặc không đọc được".to_string())?;
    if &header != SQLITE_HEADER {
        return Err("không phải cơ sở dữ liệu SQLite".into());
    }
    let unreadable = |_| "không mở được tệp để kiểm tra".to_string();
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(unreadable)?;
    let number = |sql: &str| -> Result<i64, String> {
        conn.query_row(sql, [], |r| r.get(0)).map_err(unreadable)
    };
    let version = number("PRAGMA user_version")?;
    if version > migrations::LATEST_VERSION {
        return Err(format!(
            "được tạo bởi phiên bản mới hơn (phiên bản dữ liệu {version})"
        ));
    }
    let integrity: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(unreadable)?;
    if integrity != "ok" {
        return Err(format!("tệp bị hỏng ({integrity})"));
    }
    let has_establishments = number(
        "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'establishment'",
    )?;
    let application_id = number("PRAGMA application_id")?;
    // Files older than schema 7 carry no application id yet; from 7 on, every file of ours does.
    let ours = application_id == migrations::APPLICATION_ID || (application_id == 0 && version < 7);
    if has_establishments == 0 || !ours {
        return Err("không phải tệp dữ liệu của Sổ Khuyến công".into());
    }
    let pages = number("PRAGMA page_count")?;
    Ok(u64::try_from(pages).unwrap_or(0))
}

/// Compresses the plain copy `plain` into `packed` (gzip), synced to disk.
fn compress(plain: &Path, packed: &Path) -> StoreResult<()> {
    let mut input = std::fs::File::open(plain).map_err(io_err(plain))?;
    let output = std::fs::File::create(packed).map_err(io_err(packed))?;
    let mut encoder = flate2::write::GzEncoder::new(
        std::io::BufWriter::new(output),
        flate2::Compression::new(GZIP_LEVEL),
    );
    std::io::copy(&mut input, &mut encoder).map_err(io_err(packed))?;
    let file = encoder
        .finish()
        .and_then(|w| w.into_inner().map_err(|e| e.into_error()))
        .map_err(io_err(packed))?;
    file.sync_all().map_err(io_err(packed))?;
    Ok(())
}

/// Whether `path` is a compressed backup (".gz"); older versions wrote plain ".db" copies.
fn is_compressed(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Writes the plain, checked database held by `backup` (a ".db.gz" or a plain ".db" copy) to
/// `dest`, through a temporary file beside it: on any failure `dest` is not created.
pub fn extract_backup(backup: &Path, dest: &Path) -> StoreResult<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    let tmp = partial_path(dest);
    remove_partial_copy(&tmp);
    let bad = |reason: String| StoreError::BadBackup {
        path: backup.to_owned(),
        reason,
    };
    let done = (|| {
        if is_compressed(backup) {
            let input = std::fs::File::open(backup).map_err(io_err(backup))?;
            let mut decoder = flate2::read::GzDecoder::new(std::io::BufReader::new(input));
            let mut output = std::fs::File::create(&tmp).map_err(io_err(&tmp))?;
            std::io::copy(&mut decoder, &mut output)
                .map_err(|_| bad("tệp nén bị hỏng hoặc không đọc hết được".into()))?;
            output.sync_all().map_err(io_err(&tmp))?;
        } else {
            std::fs::copy(backup, &tmp).map_err(io_err(backup))?;
        }
        inspect_copy(&tmp).map_err(bad)?;
        std::fs::rename(&tmp, dest).map_err(io_err(dest))
    })();
    if done.is_err() {
        remove_partial_copy(&tmp);
    }
    done
}

/// Copies `source` (the database at `db_path`) into its backups folder as a copy of `kind`:
/// removes leftovers of interrupted copies, copies, checks, compresses, and only then gives the
/// copy its final name and deletes the copies the keeping rule no longer wants. A copy that
/// fails anywhere is removed and the older copies stay. Returns the new copy's path.
fn write_backup(
    source: &Connection,
    db_path: &Path,
    kind: BackupKind,
    progress: &mut CopyProgress<'_>,
) -> StoreResult<PathBuf> {
    let dir = backups_dir(db_path);
    std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
    remove_leftovers(db_path)?;
    let dest = new_backup_path(db_path, kind);
    let plain = partial_path(&dest.with_extension(""));
    let packed = partial_path(&dest);
    let done = copy_into(source, &plain, &dest, progress)
        .and_then(|()| verify_new_copy(&plain, &dest))
        .and_then(|()| compress(&plain, &packed))
        .and_then(|()| std::fs::rename(&packed, &dest).map_err(io_err(&dest)));
    remove_partial_copy(&plain);
    if done.is_err() {
        remove_partial_copy(&packed);
    }
    done?;
    rotate(db_path)?;
    Ok(dest)
}

/// Removes what interrupted copies of `db_path` left in its backups folder ("….dang-sao-luu"
/// and their journals), once nothing has written them for [`LEFTOVER_AGE`].
fn remove_leftovers(db_path: &Path) -> StoreResult<()> {
    let dir = backups_dir(db_path);
    let prefix = format!("{}-", stem(db_path));
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err(&dir)(e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(&prefix) || !name.contains(PARTIAL) {
            continue;
        }
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok());
        if age.is_some_and(|age| age >= LEFTOVER_AGE) {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(io_err(&path))?;
        }
    }
    Ok(())
}

/// Copies the database file at `db_path` to `dest` from a read-only connection of its own, so
/// it can run on a background thread while the window keeps its `Store` (and even writes: the
/// copy is of the moment it started).
pub fn copy_database_file_with(
    db_path: &Path,
    dest: &Path,
    progress: &mut CopyProgress<'_>,
) -> StoreResult<()> {
    let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(BUSY_LIMIT)?;
    copy_database_with(&conn, dest, progress)
}

/// A copy of the database file at `db_path` into its backups folder, from a read-only
/// connection of its own (see [`write_backup`]). Returns the copy's path.
pub fn backup_file_with(
    db_path: &Path,
    kind: BackupKind,
    progress: &mut CopyProgress<'_>,
) -> StoreResult<PathBuf> {
    let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(BUSY_LIMIT)?;
    write_backup(&conn, db_path, kind, progress)
}

/// A new, unique file name in the backups folder for `db_path`: the time, to the millisecond,
/// then the kind's label, ".db.gz".
pub fn new_backup_path(db_path: &Path, kind: BackupKind) -> PathBuf {
    loop {
        let now = chrono::Local::now().format("%Y%m%d-%H%M%S-%3f");
        let name = format!("{}-{now}{}.db.gz", stem(db_path), kind.label());
        let path = backups_dir(db_path).join(name);
        let plain = path.with_extension("");
        if !path.exists() && !plain.exists() {
            return path;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// Reads a backup's file name (without the stem and its "-"): its time and kind, and whether it
/// is compressed. None for files that are not our backups.
fn parse_backup_name(rest: &str) -> Option<(chrono::NaiveDateTime, BackupKind, bool)> {
    let (rest, compressed) = match rest.strip_suffix(".db.gz") {
        Some(r) => (r, true),
        None => (rest.strip_suffix(".db")?, false),
    };
    let taken = chrono::NaiveDateTime::parse_from_str(rest.get(..19)?, "%Y%m%d-%H%M%S-%3f").ok()?;
    let label = rest.get(19..)?;
    let kind = BackupKind::ALL.into_iter().find(|k| k.label() == label)?;
    Some((taken, kind, compressed))
}

/// Backups of `db_path`, newest first: compressed ones and the plain ones of older versions.
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
        let Some((taken, kind, compressed)) =
            name.strip_prefix(&prefix).and_then(parse_backup_name)
        else {
            continue;
        };
        out.push(BackupFile {
            size_bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
            taken_at: taken.format("%d/%m/%Y %H:%M:%S").to_string(),
            taken,
            kind,
            compressed,
            path: entry.path(),
        });
    }
    out.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.path.cmp(&a.path)));
    Ok(out)
}

/// Deletes the copies the keeping rule ([`backups_to_delete`]) no longer wants.
fn rotate(db_path: &Path) -> StoreResult<()> {
    let backups = list_backups(db_path)?;
    let judged: Vec<_> = backups.iter().map(|b| (b.kind, b.taken)).collect();
    let now = chrono::Local::now().naive_local();
    for i in backups_to_delete(&judged, now) {
        let old = &backups[i].path;
        std::fs::remove_file(old).map_err(io_err(old))?;
    }
    Ok(())
}

/// The start-of-day copy, taken from a read-only connection before the app writes anything,
/// once the file passed its checks.
pub(crate) fn take_startup_backup(db_path: &Path) -> StoreResult<PathBuf> {
    backup_file_with(db_path, BackupKind::Startup, &mut keep_going)
}

/// Checks that `path` is a plain backup this version can restore, and not the open database
/// itself. Returns its size in pages.
fn check_backup_file(path: &Path, live_db: &Path) -> StoreResult<u64> {
    if same_file(path, live_db) {
        return Err(StoreError::BadBackup {
            path: path.to_owned(),
            reason: "đây chính là tệp dữ liệu đang mở".into(),
        });
    }
    inspect_copy(path).map_err(|reason| StoreError::BadBackup {
        path: path.to_owned(),
        reason,
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Replaces the content of `conn`'s main database with the database file at `backup`. Stopped
/// before the end (cancelled, busy, failed), nothing of `conn`'s database has changed.
///
/// The backup is read through a read-only connection of its own; it takes only a shared lock on
/// the backup file for the length of each step, while `conn` holds its write lock on the live
/// file until the end, so the two never wait for each other (restoring the live file onto
/// itself, the one case where they would share a file, is refused before).
fn restore_into(
    conn: &mut Connection,
    backup: &Path,
    progress: &mut CopyProgress<'_>,
) -> StoreResult<()> {
    let source = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source.busy_timeout(BUSY_LIMIT)?;
    let live = conn.path().map(PathBuf::from).unwrap_or_default();
    holding_snapshot(&source, || {
        let restore = Backup::new(&source, conn)?;
        run_steps(&restore, &live, progress)
    })
}

impl Store {
    /// Copies the open database to `dest` (`khuyencong backup`).
    pub fn backup_to(&self, dest: &Path) -> StoreResult<()> {
        self.backup_to_with(dest, &mut keep_going)
    }

    /// [`Store::backup_to`], reporting pages copied to `progress`, which may stop it with
    /// [`StoreError::Cancelled`]; a stopped backup leaves no file behind.
    pub fn backup_to_with(&self, dest: &Path, progress: &mut CopyProgress<'_>) -> StoreResult<()> {
        copy_database_with(self.conn(), dest, progress)
    }

    /// Backups of this database, newest first.
    pub fn backups(&self) -> StoreResult<Vec<BackupFile>> {
        list_backups(self.path())
    }

    /// A copy of the open database into its backups folder, of `kind` (checked, compressed,
    /// then the keeping rule applied). Returns the copy's path.
    pub fn backup_now_with(
        &self,
        kind: BackupKind,
        progress: &mut CopyProgress<'_>,
    ) -> StoreResult<PathBuf> {
        write_backup(self.conn(), self.path(), kind, progress)
    }

    /// Replaces the database's content with a backup's (compressed or plain), after first
    /// saving the current content as a backup too ("…-truoc-khoi-phuc.db.gz"). Returns that
    /// safety copy's path.
    pub fn restore_from(&mut self, backup: &Path) -> StoreResult<PathBuf> {
        self.restore_from_with(backup, &mut keep_going)
    }

    /// [`Store::restore_from`], reporting progress to `progress`, which may stop it with
    /// [`StoreError::Cancelled`]. The pages count both parts, the safety copy then the restore,
    /// so one bar covers the whole. (Extracting and checking the backup file come first and
    /// report nothing.)
    ///
    /// Stopped at any point, the database is exactly as it was. Stopped during the safety copy,
    /// no safety copy is left; stopped during the restore itself, the safety copy just taken
    /// stays in the backups folder: it is a complete copy of the unchanged database, listed
    /// with the other backups and rotated out with them.
    pub fn restore_from_with(
        &mut self,
        backup: &Path,
        progress: &mut CopyProgress<'_>,
    ) -> StoreResult<PathBuf> {
        self.ensure_writable()?;
        if !is_compressed(backup) {
            return self.restore_plain(backup, backup, progress);
        }
        // A compressed copy is extracted beside the backups first; the temporary file is named
        // as a partial copy, so one left by a crash is removed by a later backup.
        let plain = partial_path(
            &backups_dir(self.path()).join(format!("{}-khoi-phuc.db", stem(self.path()))),
        );
        let restored = extract_backup(backup, &plain)
            .and_then(|()| self.restore_plain(&plain, backup, progress));
        remove_partial_copy(&plain);
        restored
    }

    /// The restore from the plain file `plain` (which is `backup`, or extracted from it).
    fn restore_plain(
        &mut self,
        plain: &Path,
        backup: &Path,
        progress: &mut CopyProgress<'_>,
    ) -> StoreResult<PathBuf> {
        let backup_pages = check_backup_file(plain, self.path())?;
        let mut safety_pages = 0;
        let safety = write_backup(
            self.conn(),
            self.path(),
            BackupKind::BeforeRestore,
            &mut |done, total| {
                safety_pages = total;
                progress(done, total + backup_pages)
            },
        )?;
        restore_into(&mut self.conn, plain, &mut |done, total| {
            progress(safety_pages + done, safety_pages + total)
        })?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Without the held snapshot, a source written at every step makes the copy start over
    /// at every step (what a read-only WAL file did on its own): the copy must end with an
    /// error, not spin.
    #[test]
    fn a_copy_restarted_at_every_step_ends_with_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let live = dir.path().join("nguon.db");
        let source = Connection::open(&live).expect("open");
        source
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 CREATE TABLE t(x BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
                 INSERT INTO t SELECT randomblob(1000) FROM n;",
            )
            .expect("fill");
        let writer = Connection::open(&live).expect("writer");
        let dest_path = dir.path().join("dich.db");
        let mut dest = Connection::open(&dest_path).expect("dest");
        let backup = Backup::new(&source, &mut dest).expect("backup");
        let mut steps = 0u32;
        let err = run_steps(&backup, &dest_path, &mut |_, _| {
            steps += 1;
            writer
                .execute("INSERT INTO t VALUES (randomblob(10))", [])
                .expect("write");
            ControlFlow::Continue(())
        })
        .expect_err("no progress");
        assert!(matches!(err, StoreError::CopyFailed { .. }), "{err}");
        assert!(err.to_string().contains("không tiến thêm được"), "{err}");
        assert!(steps > STALL_STEPS, "{steps}");
    }
}
