//! Backups that survive a bad day: kept by time, checked before they count, leftovers of
//! interrupted copies removed, compressed and restorable, and a copy that always ends.

mod common;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use khuyencong::domain::backup_file::{BackupKind, KEEP_LAST_STARTS};
use khuyencong::store::backup::{backups_dir, extract_backup, list_backups};
use khuyencong::store::{Store, StoreError};
use rusqlite::{Connection, OpenFlags};

fn filled_store(path: &Path, count: usize, seed: u64) -> Store {
    let mut store = common::store_for_thanh_hoa(path);
    khuyencong::demo::fill(&mut store, "38", count, seed, |_| {}).expect("fill");
    store
}

fn names(path: &Path) -> Vec<String> {
    let count = |sql: &str| -> Vec<String> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open read-only");
        let mut st = conn.prepare(sql).expect("prepare");
        st.query_map([], |r| r.get::<_, String>(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    count("SELECT name FROM establishment ORDER BY id")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Renames a just-taken start copy to `days_back` days ago at 08:00 (a synthetic calendar:
/// the names carry the time, and rotation judges by them).
fn move_back(copy: &Path, stem: &str, days_back: i64, minute: i64) -> PathBuf {
    let when = chrono::Local::now().date_naive() - chrono::Duration::days(days_back);
    let name = format!(
        "{stem}-{}-08{:02}00-000.db.gz",
        when.format("%Y%m%d"),
        minute
    );
    let moved = copy.with_file_name(name);
    std::fs::rename(copy, &moved).expect("rename");
    moved
}

#[test]
fn starts_across_forty_days_keep_one_copy_per_day_and_per_week() {
    let (dir, path) = common::temp_db();
    drop(filled_store(&path, 50, 1));
    // Forty days of starts, three a day, oldest first; each copy is moved back to its day
    // before the next start, so rotation runs over a real folder with a calendar of copies.
    for days_back in (1..=40).rev() {
        for minute in 0..3 {
            drop(Store::open_at_startup(&path).expect("start"));
            let newest = list_backups(&path).expect("list")[0].path.clone();
            move_back(&newest, "khuyencong", days_back, minute);
        }
    }
    // Ten starts this morning.
    for _ in 0..10 {
        drop(Store::open_at_startup(&path).expect("start"));
    }
    let kept = list_backups(&path).expect("list");
    let today = chrono::Local::now().date_naive();
    let days: Vec<_> = kept.iter().map(|b| b.taken.date()).collect();
    assert_eq!(
        days.iter().filter(|&&d| d == today).count(),
        KEEP_LAST_STARTS,
        "{days:?}"
    );
    // Yesterday and the six days before keep one copy each despite this morning's ten starts.
    for back in 1..7 {
        let day = today - chrono::Duration::days(back);
        assert_eq!(days.iter().filter(|&&d| d == day).count(), 1, "{day}");
    }
    // Further back, one per week within five weeks, nothing older.
    let oldest = *days.last().expect("copies");
    assert!(today - oldest < chrono::Duration::weeks(5), "{oldest}");
    assert!(today - oldest >= chrono::Duration::weeks(3), "{oldest}");
    assert!(kept.len() <= KEEP_LAST_STARTS + 6 + 5, "{}", kept.len());
    assert!(
        kept.iter()
            .all(|b| b.kind == BackupKind::Startup && b.compressed)
    );
    drop(dir);
}

#[test]
fn a_copy_that_fails_its_check_is_removed_and_the_old_copies_stay() {
    let (_dir, path) = common::temp_db();
    drop(filled_store(&path, 50, 1));
    drop(Store::open_at_startup(&path).expect("start"));
    let before = files_in(&backups_dir(&path));
    assert_eq!(before.len(), 1);

    // A file that opens as SQLite but is not ours: its copy fails the schema check.
    let foreign = path.with_file_name("khac.db");
    Connection::open(&foreign)
        .and_then(|c| c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);"))
        .expect("foreign file");
    std::fs::create_dir_all(backups_dir(&foreign)).expect("dir");
    let own = backups_dir(&path).join(&before[0]);
    std::fs::copy(
        &own,
        backups_dir(&foreign).join(before[0].replace("khuyencong", "khac")),
    )
    .expect("copy an old backup of it");
    let kept_before = files_in(&backups_dir(&foreign));
    let err =
        khuyencong::store::backup::backup_file_with(&foreign, BackupKind::Startup, &mut |_, _| {
            ControlFlow::Continue(())
        })
        .expect_err("a copy that is not ours fails its check");
    assert!(matches!(err, StoreError::CopyFailed { .. }), "{err}");
    assert!(err.to_string().contains("không đạt kiểm tra"), "{err}");
    // The same folder holds both files' copies: the old ones of each are all still there.
    assert_eq!(files_in(&backups_dir(&foreign)), kept_before);
    assert!(kept_before.contains(&before[0]), "{kept_before:?}");
}

#[test]
fn leftovers_of_interrupted_copies_are_removed_at_the_next_backup() {
    let (_dir, path) = common::temp_db();
    drop(filled_store(&path, 50, 1));
    let dir = backups_dir(&path);
    std::fs::create_dir_all(&dir).expect("dir");
    let old = SystemTime::now() - Duration::from_secs(3600);
    for name in [
        "khuyencong-20261201-080000-000.db.gz.dang-sao-luu",
        "khuyencong-20261201-080000-000.db.dang-sao-luu",
        "khuyencong-20261201-080000-000.db.dang-sao-luu-journal",
    ] {
        let f = std::fs::File::create(dir.join(name)).expect("leftover");
        f.set_modified(old).expect("old");
    }
    // A file of someone else in the folder is left alone.
    std::fs::write(dir.join("ghi-chu.txt"), "của người dùng").expect("note");

    drop(Store::open_at_startup(&path).expect("start"));
    let left = files_in(&dir);
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left.contains(&"ghi-chu.txt".to_string()), "{left:?}");
    assert!(left.iter().all(|n| !n.contains("dang-sao-luu")), "{left:?}");
}

#[test]
fn a_compressed_backup_extracts_to_the_same_data_and_restores_through_the_service() {
    let (dir, path) = common::temp_db();
    let store = filled_store(&path, 300, 1);
    let wanted = names(&path);
    let backup = store
        .backup_now_with(BackupKind::Manual, &mut |_, _| ControlFlow::Continue(()))
        .expect("backup");
    assert!(
        backup.to_string_lossy().ends_with("-thu-cong.db.gz"),
        "{backup:?}"
    );
    let out = dir.path().join("giai-nen.db");
    extract_backup(&backup, &out).expect("extract");
    assert_eq!(names(&out), wanted);
    let plain_size = std::fs::metadata(&out).expect("size").len();
    let packed_size = std::fs::metadata(&backup).expect("size").len();
    assert!(
        packed_size < plain_size / 2,
        "{packed_size} of {plain_size}"
    );

    assert!(!out.with_extension("db.dang-sao-luu").exists());

    // Through the service: change the data, restore the compressed copy, the data is back.
    let session = khuyencong::service::Session::for_logged_in_user(common::today());
    let mut service = khuyencong::service::Service::new(store, session).expect("service");
    let other = dir.path().join("khac.db");
    drop(filled_store(&other, 80, 7));
    service.restore(&other).expect("restore another file");
    assert_ne!(names(&path), wanted);
    let safety = service
        .restore(&backup)
        .expect("restore the compressed copy");
    assert_eq!(names(&path), wanted);
    assert!(safety.to_string_lossy().ends_with("-truoc-khoi-phuc.db.gz"));
    // No extracted temporary file is left in the backups folder.
    assert!(
        files_in(&backups_dir(&path))
            .iter()
            .all(|n| !n.contains("dang-sao-luu")),
        "{:?}",
        files_in(&backups_dir(&path))
    );
}

#[test]
fn a_damaged_compressed_backup_is_refused_and_changes_nothing() {
    let (dir, path) = common::temp_db();
    let mut store = filled_store(&path, 100, 1);
    let wanted = names(&path);
    let bad = dir.path().join("hong.db.gz");
    std::fs::write(&bad, b"\x1f\x8bkhong phai gzip").expect("write");
    let err = store.restore_from(&bad).expect_err("refused");
    assert!(matches!(err, StoreError::BadBackup { .. }), "{err}");
    assert_eq!(names(&path), wanted);
    let out = dir.path().join("ra.db");
    assert!(extract_backup(&bad, &out).is_err());
    assert!(!out.exists());
}

#[test]
fn an_old_plain_backup_is_listed_restored_and_rotated() {
    let (dir, path) = common::temp_db();
    let mut store = filled_store(&path, 100, 1);
    let wanted = names(&path);
    let old = backups_dir(&path).join("khuyencong-20200101-080000-000.db");
    store
        .backup_to(&old)
        .expect("plain copy, as older versions wrote");
    let listed = list_backups(&path).expect("list");
    assert_eq!(listed.len(), 1);
    assert!(!listed[0].compressed);
    assert_eq!(listed[0].kind, BackupKind::Startup);
    store.restore_from(&old).expect("restore plain");
    assert_eq!(names(&path), wanted);
    drop(store);
    // Years old: the next start's rotation deletes it (it is neither recent nor this month's).
    for _ in 0..KEEP_LAST_STARTS {
        drop(Store::open_at_startup(&path).expect("start"));
    }
    assert!(!old.exists());
    drop(dir);
}

#[test]
fn a_read_only_source_file_backs_up_and_the_copy_ends() {
    let (dir, path) = common::temp_db();
    drop(filled_store(&path, 300, 1));
    let wanted = names(&path);
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).expect("read-only");

    let dest =
        khuyencong::store::backup::backup_file_with(&path, BackupKind::Manual, &mut |_, _| {
            ControlFlow::Continue(())
        })
        .expect("backup of a read-only file");
    let out = dir.path().join("ra.db");
    extract_backup(&dest, &out).expect("extract");
    assert_eq!(names(&out), wanted);
}

#[test]
fn a_copy_whose_source_changes_at_every_step_ends() {
    let (dir, path) = common::temp_db();
    let store = filled_store(&path, 2_000, 1);
    let writer = Connection::open(&path).expect("second connection");
    writer.busy_timeout(Duration::from_secs(5)).expect("busy");
    let before = names(&path);
    let mut steps = 0u32;
    let dest = dir.path().join("ban-sao.db");
    // Another connection writes at every step. The copy reads one snapshot, so it ends with
    // the data as it was when it started, instead of restarting for ever.
    let done = khuyencong::store::backup::copy_database_file_with(&path, &dest, &mut |_, _| {
        steps += 1;
        writer
            .execute(
                "UPDATE establishment SET name = name || '.' WHERE id = (SELECT MIN(id) FROM establishment)",
                [],
            )
            .expect("write during the copy");
        ControlFlow::Continue(())
    });
    match done {
        Ok(()) => assert_eq!(names(&dest), before, "the snapshot of the start"),
        Err(e) => assert!(matches!(e, StoreError::CopyFailed { .. }), "{e}"),
    }
    assert!(steps > 2, "{steps}");
    drop(store);
}
