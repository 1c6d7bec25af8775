//! A damaged file: one quarantine copy beside it (replaced on each failure, so repeated starts
//! do not fill the disk), the newest backup that passes its check, and the restore the user
//! chooses — never a silent one.

use std::path::{Path, PathBuf};

use super::backup::{BackupFile, list_backups};
use super::error::io_err;
use super::error::{StoreError, StoreResult};
use super::migrations;
use super::opening::{folder_of, open_reader, sibling, stem};

/// Where the quarantine copy of `db` is kept: `<stem>-hong.db` beside it.
pub fn quarantine_path(db: &Path) -> PathBuf {
    folder_of(db).join(format!("{}-hong.db", stem(db)))
}

/// Copies the damaged `db` (and its `-wal`, which holds its last saves) to the quarantine
/// copy, replacing the previous one. Written beside it first, so a copy cut short never
/// replaces a whole one.
pub fn quarantine(db: &Path) -> StoreResult<PathBuf> {
    let dest = quarantine_path(db);
    let tmp = sibling(&dest, ".dang-chep");
    std::fs::copy(db, &tmp).map_err(io_err(db))?;
    std::fs::rename(&tmp, &dest).map_err(io_err(&dest))?;
    let wal = sibling(db, "-wal");
    let dest_wal = sibling(&dest, "-wal");
    if wal.exists() {
        std::fs::copy(&wal, &dest_wal).map_err(io_err(&wal))?;
    } else if dest_wal.exists() {
        std::fs::remove_file(&dest_wal).map_err(io_err(&dest_wal))?;
    }
    Ok(dest)
}

/// Problems SQLite's quick check finds in the file at `path` (empty when sound), and a schema
/// this version cannot read.
pub fn problems_of(path: &Path) -> StoreResult<Vec<String>> {
    let conn = open_reader(path, false)?;
    let mut st = conn.prepare("PRAGMA quick_check")?;
    let found: Vec<String> = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    let mut problems: Vec<String> = found.into_iter().filter(|l| l != "ok").collect();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > migrations::LATEST_VERSION {
        problems.push(format!("phiên bản dữ liệu {version} mới hơn phần mềm này"));
    }
    Ok(problems)
}

/// The newest backup of `db` that passes its check. A plain `.db` copy is checked now; a
/// compressed one was checked before it got its name (`backup::write_backup`), and unpacking
/// it for the restore checks it again — unpacking every copy just to list them would take
/// seconds each at province scale.
pub fn newest_good_backup(db: &Path) -> Option<BackupFile> {
    list_backups(db)
        .ok()?
        .into_iter()
        .find(|b| b.compressed || problems_of(&b.path).is_ok_and(|p| p.is_empty()))
}

/// Puts the backup's database into `dest`, plain or unpacked, checked.
fn copy_backup(backup: &Path, dest: &Path) -> StoreResult<()> {
    super::backup::extract_backup(backup, dest)
}

/// Replaces the damaged live file `db` with `backup`, as the user chose on the failure screen:
/// the damaged file is kept as the quarantine copy, the backup is copied beside the live file
/// and checked, then renamed over it, and the stale `-wal`/`-shm` of the damaged file removed.
pub fn restore_over_damaged(db: &Path, backup: &Path) -> StoreResult<()> {
    let seat = super::seat_lock::take(db)?.map_err(|who| StoreError::Refused(who.explain(db)))?;
    if db.exists() {
        quarantine(db)?;
    }
    let tmp = sibling(db, ".dang-khoi-phuc");
    copy_backup(backup, &tmp)?;
    match problems_of(&tmp) {
        Ok(p) if p.is_empty() => {}
        Ok(p) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(StoreError::BadBackup {
                path: backup.to_owned(),
                reason: format!("tệp bị hỏng ({})", p.join("; ")),
            });
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    }
    for stale in ["-wal", "-shm", "-journal"] {
        let p = sibling(db, stale);
        if p.exists() {
            std::fs::remove_file(&p).map_err(io_err(&p))?;
        }
    }
    std::fs::rename(&tmp, db).map_err(io_err(db))?;
    drop(seat);
    Ok(())
}
