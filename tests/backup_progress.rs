//! Backup and restore step by step: they report progress, they can be cancelled, and a cancelled
//! one changes nothing — checked on the real WAL database, table by table.

mod common;

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use khuyencong::domain::establishment::Establishment;
use khuyencong::domain::legal_form::LegalForm;
use khuyencong::store::backup::list_backups;
use khuyencong::store::{OpenMode, Store, StoreError};
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};

/// Every table of the file, as its sorted rows, plus the schema and its version: two files with
/// the same dump hold the same data.
type Dump = BTreeMap<String, Vec<String>>;

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open read-only")
}

fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut st = conn.prepare(sql).expect("prepare");
    let n = st.column_count();
    let mut out: Vec<String> = st
        .query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, Value>(i))
                .collect::<Result<Vec<_>, _>>()
        })
        .expect("query")
        .map(|row| format!("{:?}", row.expect("row")))
        .collect();
    out.sort();
    out
}

fn dump(path: &Path) -> Dump {
    let conn = read_only(path);
    let mut out = Dump::new();
    out.insert(
        "(schema)".into(),
        rows(&conn, "SELECT type, name, tbl_name, sql FROM sqlite_schema"),
    );
    out.insert("(user_version)".into(), rows(&conn, "PRAGMA user_version"));
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("names");
    for table in tables {
        let content = rows(&conn, &format!("SELECT * FROM \"{table}\""));
        out.insert(table, content);
    }
    out
}

fn page_count(path: &Path) -> u64 {
    let pages: i64 = read_only(path)
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("page count");
    u64::try_from(pages).expect("positive")
}

fn journal_mode(path: &Path) -> String {
    read_only(path)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal mode")
}

/// A store with `count` demo establishments of Thanh Hóa, deterministic for `seed`.
fn filled_store(path: &Path, count: usize, seed: u64) -> Store {
    let mut store = common::store_for_thanh_hoa(path);
    khuyencong::demo::fill(&mut store, "38", count, seed, |_| {}).expect("fill");
    store
}

/// A finished backup of different content, big enough to take many steps to restore.
fn other_backup(dir: &Path) -> PathBuf {
    let path = dir.join("khac.db");
    drop(filled_store(&path, 3_000, 2));
    path
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn assert_sound(store: &Store) {
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
}

fn wal_size(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).map_or(0, |m| m.len())
}

/// Restores a different backup into a filled WAL database and cancels once `stop(copied,
/// to_copy)` says so during the restore proper; then checks nothing changed. Returns the size
/// of the live file's WAL at the moment of cancelling (it was emptied before).
fn cancel_a_restore(mut stop: impl FnMut(u64, u64) -> bool) -> u64 {
    let (dir, path) = common::temp_db();
    let backup = other_backup(dir.path());
    let mut store = filled_store(&path, 500, 1);
    assert_eq!(journal_mode(&path), "wal");
    let before = dump(&path);
    assert_ne!(before, dump(&backup), "the backup really is different");
    let live_pages = page_count(&path);
    Connection::open(&path)
        .and_then(|c| c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)"))
        .expect("checkpoint");
    assert_eq!(wal_size(&path), 0);

    let mut wal_when_cancelled = None;
    let mut seen_while_restoring = None;
    let err = store
        .restore_from_with(&backup, &mut |done, total| {
            assert!(done <= total, "{done} of {total}");
            if done <= live_pages {
                return ControlFlow::Continue(()); // still the safety copy
            }
            let (copied, to_copy) = (done - live_pages, total - live_pages);
            assert!(
                copied < to_copy,
                "cancelled before the end: {copied} of {to_copy}"
            );
            if !stop(copied, to_copy) {
                return ControlFlow::Continue(());
            }
            wal_when_cancelled = Some(wal_size(&path));
            // Another connection reads the file while the restore holds its write lock: it
            // is not blocked, and it sees the old content.
            seen_while_restoring = Some(dump(&path));
            ControlFlow::Break(())
        })
        .expect_err("cancelled");

    assert!(matches!(err, StoreError::Cancelled), "{err}");
    assert_eq!(err.to_string(), "Đã hủy thao tác; dữ liệu không thay đổi.");
    assert_eq!(seen_while_restoring.as_ref(), Some(&before));
    assert_eq!(dump(&path), before, "every table as before");
    assert_sound(&store);
    assert_eq!(journal_mode(&path), "wal");

    // The safety copy stays: a complete copy of the unchanged database, and nothing else.
    let backups_dir = dir.path().join("backups");
    let kept = files_in(&backups_dir);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].ends_with("-truoc-khoi-phuc.db.gz"), "{kept:?}");
    let plain = dir.path().join("giai-nen.db");
    khuyencong::store::backup::extract_backup(&backups_dir.join(&kept[0]), &plain)
        .expect("extract");
    assert_eq!(dump(&plain), before);
    assert_eq!(list_backups(&path).expect("list").len(), 1);

    // The same connection carries on: it writes, and a restore run to the end works.
    let mut e = Establishment::new_in_province("38");
    e.name = "Sau khi hủy khôi phục".into();
    e.legal_form = Some(LegalForm::HoKinhDoanh);
    e.commune_code = "16093".into();
    e.industry_code = "45-a".into();
    store.insert_establishment(e).expect("still writable");
    store.restore_from(&backup).expect("restore");
    assert_sound(&store);
    wal_when_cancelled.expect("cancelled during the restore")
}

#[test]
fn a_restore_cancelled_after_its_first_step_leaves_the_database_exactly_as_it_was() {
    let mut steps = 0;
    cancel_a_restore(|_, _| {
        steps += 1;
        true
    });
    assert_eq!(steps, 1);
}

#[test]
fn a_restore_cancelled_before_its_last_step_leaves_the_database_exactly_as_it_was() {
    let mut step = None;
    let wal = cancel_a_restore(|copied, to_copy| copied + *step.get_or_insert(copied) >= to_copy);
    // By then the restore had written more pages than SQLite keeps in memory, so part of the
    // unfinished transaction was already in the WAL file: the rollback undid real writes.
    assert!(wal > 0, "pages spilled into the WAL before cancelling");
}

#[test]
fn a_finished_restore_gives_the_backups_content_and_reports_every_page() {
    let (dir, path) = common::temp_db();
    let backup = other_backup(dir.path());
    let mut store = filled_store(&path, 500, 1);
    let before = dump(&path);
    let wanted = dump(&backup);
    let live_pages = page_count(&path);
    let backup_pages = page_count(&backup);

    let mut calls = Vec::new();
    let safety = store
        .restore_from_with(&backup, &mut |done, total| {
            calls.push((done, total));
            ControlFlow::Continue(())
        })
        .expect("restore");

    let mut after = dump(&path);
    let mut wanted_without_audit = wanted.clone();
    let audit = after.remove("audit_log").expect("audit table");
    let backup_audit = wanted_without_audit.remove("audit_log").expect("audit");
    assert_eq!(after, wanted_without_audit, "every table as in the backup");
    assert_eq!(
        audit.len(),
        backup_audit.len() + 1,
        "one row for the restore"
    );
    assert_sound(&store);
    assert_eq!(journal_mode(&path), "wal");
    let plain = dir.path().join("giai-nen.db");
    khuyencong::store::backup::extract_backup(&safety, &plain).expect("extract");
    assert_eq!(dump(&plain), before, "the safety copy holds what was there");

    let total = live_pages + backup_pages;
    assert!(calls.len() > 2, "step by step: {calls:?}");
    assert!(calls.iter().all(|&(_, t)| t == total), "{calls:?}");
    assert!(calls.windows(2).all(|w| w[0].0 <= w[1].0), "{calls:?}");
    assert_eq!(calls.last(), Some(&(total, total)));
}

#[test]
fn a_restore_cancelled_during_the_safety_copy_leaves_no_copy_and_no_change() {
    let (dir, path) = common::temp_db();
    let backup = other_backup(dir.path());
    let mut store = filled_store(&path, 200, 1);
    let before = dump(&path);

    let err = store
        .restore_from_with(&backup, &mut |_, _| ControlFlow::Break(()))
        .expect_err("cancelled");

    assert!(matches!(err, StoreError::Cancelled), "{err}");
    assert_eq!(dump(&path), before);
    assert_eq!(files_in(&dir.path().join("backups")), Vec::<String>::new());
    assert_sound(&store);
}

#[test]
fn a_cancelled_backup_leaves_no_file_and_a_finished_one_is_a_whole_copy() {
    let (dir, path) = common::temp_db();
    let store = filled_store(&path, 2_000, 1);
    let dest = dir.path().join("sao-luu").join("ban-sao.db");

    let mut steps = 0;
    let err = store
        .backup_to_with(&dest, &mut |_, _| {
            steps += 1;
            ControlFlow::Break(())
        })
        .expect_err("cancelled");
    assert!(matches!(err, StoreError::Cancelled), "{err}");
    assert_eq!(steps, 1);
    assert!(!dest.exists());
    assert_eq!(files_in(&dir.path().join("sao-luu")), Vec::<String>::new());

    let mut calls = Vec::new();
    store
        .backup_to_with(&dest, &mut |done, total| {
            calls.push((done, total));
            ControlFlow::Continue(())
        })
        .expect("backup");
    let pages = page_count(&path);
    assert!(calls.len() > 2, "step by step: {calls:?}");
    assert!(calls.windows(2).all(|w| w[0].0 < w[1].0), "{calls:?}");
    assert_eq!(calls.last(), Some(&(pages, pages)));
    assert_eq!(dump(&dest), dump(&path));
    // Even after being opened to read, the copy is one file: no "-wal"/"-shm" beside it.
    assert_eq!(files_in(&dir.path().join("sao-luu")), ["ban-sao.db"]);
}

#[test]
fn readers_holding_either_file_open_do_not_block_a_restore() {
    let (dir, path) = common::temp_db();
    let backup = other_backup(dir.path());
    let mut store = filled_store(&path, 300, 1);
    let count = |conn: &Connection| -> i64 {
        conn.query_row("SELECT COUNT(*) FROM establishment", [], |r| r.get(0))
            .expect("count")
    };

    let live_reader = read_only(&path);
    live_reader.execute_batch("BEGIN").expect("begin");
    let old_count = count(&live_reader);
    let backup_reader = read_only(&backup);
    backup_reader.execute_batch("BEGIN").expect("begin");
    let backup_count = count(&backup_reader);

    let started = Instant::now();
    store.restore_from(&backup).expect("restore");
    assert!(started.elapsed() < Duration::from_secs(4), "no waiting");

    assert_eq!(count(&live_reader), old_count, "its snapshot holds");
    live_reader.execute_batch("COMMIT").expect("end");
    assert_eq!(count(&live_reader), backup_count, "then sees the restore");
    backup_reader.execute_batch("COMMIT").expect("end");
    assert_sound(&store);
}

#[test]
fn restoring_the_open_file_onto_itself_is_refused() {
    let (_dir, path) = common::temp_db();
    let mut store = filled_store(&path, 100, 1);
    let before = dump(&path);
    let err = store.restore_from(&path).expect_err("refused");
    assert!(matches!(err, StoreError::BadBackup { .. }), "{err}");
    assert!(
        err.to_string().contains("chính là tệp dữ liệu đang mở"),
        "{err}"
    );
    assert_eq!(dump(&path), before);
    drop(store);
    assert!(Store::open(&path, OpenMode::MustExist).is_ok());
}
