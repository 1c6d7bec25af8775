//! Opening a file on a bad day: another program's SQLite file, a newer one, a folder, 0 bytes,
//! a hot journal, a read-only file or folder, a damaged file. Each is told apart without
//! writing it, opens read-only or is refused with a Vietnamese message naming the file, and the
//! read-only commands never write a byte.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use egui_kittest::kittest::Queryable;

use khuyencong::service::{Service, Session};
use khuyencong::store::opening::{ReadOnlyCause, diagnose};
use khuyencong::store::{Kind, Store, StoreError, backup};

fn session() -> Session {
    Session::for_logged_in_user(common::today())
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khuyencong"))
        .args(args)
        .output()
        .expect("run khuyencong")
}

/// Words of SQLite's and the system's English that must never reach the user.
fn assert_no_english(text: &str) {
    for word in [
        "database",
        "error",
        "unable",
        "attempt",
        "readonly",
        "locked",
        "file is",
        "denied",
        "not a",
        "malformed",
    ] {
        assert!(
            !text.to_lowercase().contains(word),
            "English \"{word}\" in: {text}"
        );
    }
}

/// The bytes and modification time of a file, to show it was not touched.
fn fingerprint(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    let bytes = std::fs::read(path).expect("read");
    let mtime = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime");
    (bytes, mtime)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Another program's SQLite file (a rollback journal, as most programs keep).
fn foreign_file(dir: &Path, user_version: i64) -> PathBuf {
    let path = dir.join(format!("khach-hang-{user_version}.db"));
    let conn = rusqlite::Connection::open(&path).expect("create");
    conn.execute_batch(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
         INSERT INTO customers(name) VALUES ('An'), ('Bình');",
    )
    .expect("fill");
    conn.pragma_update(None, "user_version", user_version)
        .expect("version");
    path
}

/// One of our files, closed, in rollback-journal mode (so a reader would create a `-wal` only
/// by switching it).
fn our_file(dir: &Path) -> PathBuf {
    let path = dir.join("khuyencong.db");
    drop(common::store_for_thanh_hoa(&path));
    let conn = rusqlite::Connection::open(&path).expect("open");
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .expect("journal mode");
    assert_eq!(mode, "delete");
    path
}

fn read_only_commands(db: &str, out_pdf: &str) -> Vec<Output> {
    vec![
        run(&["check", "--db", db]),
        run(&["balance", "--db", db, "--year", "2026"]),
        run(&[
            "report", "--db", db, "--kind", "nam", "--year", "2026", "--out", out_pdf,
        ]),
    ]
}

#[test]
fn another_programs_file_is_refused_everywhere_and_left_byte_identical() {
    let dir = tempfile::tempdir().expect("dir");
    for user_version in [0, 3] {
        let path = foreign_file(dir.path(), user_version);
        let before = fingerprint(&path);
        let d = diagnose(&path).expect("diagnose");
        assert!(matches!(d.kind, Kind::Foreign { .. }), "{d:?}");

        let err = Service::open_at_startup(&path, session())
            .err()
            .expect("the window refuses it");
        let text = err.to_string();
        assert!(text.contains("chương trình khác"), "{text}");
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert_no_english(&text);

        let db = path.to_str().expect("utf-8");
        let pdf = dir.path().join("bao-cao.pdf");
        let copy = dir.path().join("sao-luu.db");
        let mut outputs = read_only_commands(db, pdf.to_str().expect("utf-8"));
        outputs.push(run(&[
            "backup",
            "--db",
            db,
            "--out",
            copy.to_str().expect("utf-8"),
        ]));
        for out in outputs {
            assert!(!out.status.success());
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(stderr.contains("chương trình khác"), "{stderr}");
            assert_no_english(&stderr);
        }
        assert_eq!(fingerprint(&path), before, "user_version {user_version}");
        assert!(!sibling(&path, "-wal").exists());
        assert!(!pdf.exists() && !copy.exists());
        assert!(!dir.path().join("backups").exists());
    }
}

#[test]
fn a_newer_file_is_refused_untouched() {
    let (dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    rusqlite::Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("bump version");
    let before = fingerprint(&path);
    let err = Service::open_at_startup(&path, session())
        .err()
        .expect("refused");
    assert!(err.to_string().contains("phiên bản mới hơn"), "{err}");
    let out = run(&["check", "--db", path.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    assert_eq!(fingerprint(&path), before);
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn a_folder_and_an_empty_file_are_named_for_what_they_are() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("so.db");
    std::fs::create_dir(&folder).expect("mkdir");
    assert_eq!(diagnose(&folder).expect("diagnose").kind, Kind::Directory);
    let err = Service::open_at_startup(&folder, session())
        .err()
        .expect("refused");
    assert!(err.to_string().contains("là một thư mục"), "{err}");
    assert!(!err.to_string().contains("không phải cơ sở dữ liệu SQLite"));

    let empty = dir.path().join("rong.db");
    std::fs::write(&empty, b"").expect("touch");
    assert_eq!(diagnose(&empty).expect("diagnose").kind, Kind::Empty);
    for out in read_only_commands(
        empty.to_str().expect("utf-8"),
        dir.path().join("b.pdf").to_str().expect("utf-8"),
    ) {
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(stderr.contains("rỗng, chưa có dữ liệu"), "{stderr}");
        assert_no_english(&stderr);
    }
    assert_eq!(std::fs::metadata(&empty).expect("meta").len(), 0);
    // The window treats it as a first start killed early: a new book.
    let service = Service::open_at_startup(&empty, session()).expect("new book");
    assert!(service.read_only_reason().is_none());
}

#[test]
fn an_older_file_is_upgraded_by_the_window_only() {
    let (dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    // As a schema-6 file was: no application_id, user_version 6.
    rusqlite::Connection::open(&path)
        .and_then(|c| {
            c.pragma_update(None, "application_id", 0)?;
            c.pragma_update(None, "user_version", 6)
        })
        .expect("make it old");
    let before = fingerprint(&path);
    let out = run(&["check", "--db", path.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(stderr.contains("để nâng cấp"), "{stderr}");
    assert_eq!(fingerprint(&path).0, before.0);
    // Ours, older: the window migrates it after its backup; nothing calls it foreign.
    let d = diagnose(&path).expect("diagnose");
    assert_eq!(d.kind, Kind::Older { found: 6 });
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn read_only_commands_never_write_a_byte() {
    let dir = tempfile::tempdir().expect("dir");
    let path = our_file(dir.path());
    let before = fingerprint(&path);
    for out in read_only_commands(
        path.to_str().expect("utf-8"),
        dir.path().join("bc.pdf").to_str().expect("utf-8"),
    ) {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(fingerprint(&path), before);
    assert!(!sibling(&path, "-wal").exists(), "no switch to WAL");
    assert!(!dir.path().join("backups").exists());
    assert!(!dir.path().join("khuyencong.dang-mo").exists(), "no seat");
}

#[test]
fn a_read_only_file_opens_read_only_without_a_backup() {
    let dir = tempfile::tempdir().expect("dir");
    let path = our_file(dir.path());
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).expect("read-only");
    let before = fingerprint(&path);

    assert_eq!(
        diagnose(&path).expect("diagnose").read_only,
        Some(ReadOnlyCause::File)
    );
    let mut service = Service::open_at_startup(&path, session()).expect("opens read-only");
    let why = service.read_only_reason().expect("read-only").to_owned();
    assert!(why.contains("chỉ cho phép đọc"), "{why}");
    assert!(why.contains(&path.display().to_string()));
    let mut unit = service.session().unit.clone().expect("unit");
    unit.unit_name.push_str(" (đổi tên)");
    let err = service.save_unit(&unit).expect_err("write refused");
    let text = err.to_string();
    assert!(text.contains("Không lưu được"), "{text}");
    assert_no_english(&text);
    drop(service);

    let out = run(&["check", "--db", path.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fingerprint(&path), before);
    assert!(!dir.path().join("backups").exists(), "no startup backup");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_opens_the_file_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("chi-doc");
    std::fs::create_dir(&folder).expect("mkdir");
    let path = folder.join("khuyencong.db");
    // A WAL file, as the app leaves it, with no -shm beside it.
    drop(common::store_for_thanh_hoa(&path));
    let before = fingerprint(&path);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");

    let d = diagnose(&path).expect("diagnose");
    assert_eq!(d.read_only, Some(ReadOnlyCause::Folder));
    assert_eq!(d.kind, Kind::Current);
    let result = Service::open_at_startup(&path, session());
    let out = run(&["check", "--db", path.to_str().expect("utf-8")]);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");

    let service = result.expect("opens read-only");
    let why = service.read_only_reason().expect("read-only");
    assert!(why.contains("Thư mục chứa tệp"), "{why}");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fingerprint(&path), before);
    assert!(!folder.join("backups").exists());
}

/// Run by `a_hot_journal_is_recovered_not_called_damaged` as a child process: starts a write
/// transaction big enough to spill into the file, says so, and waits to be killed.
#[test]
#[ignore = "child process of a_hot_journal_is_recovered_not_called_damaged"]
fn child_holding_a_write_transaction() {
    let Ok(db) = std::env::var("KHUYENCONG_CHILD_DB") else {
        return;
    };
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.execute_batch(
        "PRAGMA cache_size = 2; BEGIN;
         UPDATE commune SET name = name || ' (sửa dở)';",
    )
    .expect("write");
    println!("SAN-SANG");
    std::thread::sleep(std::time::Duration::from_secs(600));
}

#[test]
fn a_hot_journal_is_recovered_not_called_damaged() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("dir");
    let path = our_file(dir.path());
    let count_renamed = |path: &Path| -> i64 {
        rusqlite::Connection::open(path)
            .and_then(|c| {
                c.query_row(
                    "SELECT COUNT(*) FROM commune WHERE name LIKE '%(sửa dở)'",
                    [],
                    |r| r.get(0),
                )
            })
            .expect("count")
    };
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "child_holding_a_write_transaction",
            "--ignored",
            "--nocapture",
        ])
        .env("KHUYENCONG_CHILD_DB", &path)
        .stdout(Stdio::piped())
        .spawn()
        .expect("child");
    let stdout = child.stdout.take().expect("stdout");
    let ready = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.contains("SAN-SANG"));
    assert!(ready, "the child started its write");
    child.kill().expect("kill");
    child.wait().expect("wait");

    let d = diagnose(&path).expect("diagnose");
    assert!(d.hot_journal, "{d:?}");
    let err = Store::open_for_reading(&path)
        .err()
        .expect("not readable as is");
    assert!(matches!(err, StoreError::HotJournal(_)), "{err}");
    assert!(!err.to_string().contains("không phải"), "{err}");
    let out = run(&["check", "--db", path.to_str().expect("utf-8")]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        stderr.contains("mở tệp bằng Sổ Khuyến công một lần"),
        "{stderr}"
    );
    assert_no_english(&stderr);

    let service = Service::open_at_startup(&path, session()).expect("recovered and opened");
    assert!(service.read_only_reason().is_none());
    assert_eq!(
        service.store().integrity_check().expect("check"),
        ["ok"],
        "the interrupted write is rolled back"
    );
    drop(service);
    assert_eq!(count_renamed(&path), 0);
}

/// Overwrites the root page of the `commune` table, so SQLite's check fails while the header
/// and the schema still read.
fn damage(path: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let (page_size, root): (i64, i64) = rusqlite::Connection::open(path)
        .and_then(|c| {
            let size = c.query_row("PRAGMA page_size", [], |r| r.get(0))?;
            let root = c.query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'commune'",
                [],
                |r| r.get(0),
            )?;
            Ok((size, root))
        })
        .expect("page of commune");
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open");
    let at = u64::try_from((root - 1) * page_size).expect("offset");
    f.seek(SeekFrom::Start(at)).expect("seek");
    f.write_all(&vec![0xA5; usize::try_from(page_size).expect("fits")])
        .expect("write");
}

#[test]
fn a_damaged_file_started_12_times_leaves_the_good_backups_in_place() {
    let (dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    drop(Service::open_at_startup(&path, session()).expect("a good start"));
    let good = backup::list_backups(&path).expect("list");
    assert_eq!(good.len(), 1);
    let good_bytes = std::fs::read(&good[0].path).expect("read backup");
    // The app leaves a WAL file; fold it in so the damage is in the file itself.
    rusqlite::Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "journal_mode", "DELETE"))
        .expect("checkpoint");
    damage(&path);

    for _ in 0..12 {
        let err = Service::open_at_startup(&path, session())
            .err()
            .expect("a damaged file is not opened");
        let damaged = err.damaged_file().expect("said to be damaged");
        assert_eq!(
            damaged.backup.as_ref().map(|b| b.path.clone()),
            Some(good[0].path.clone())
        );
        assert!(damaged.quarantine.as_ref().is_some_and(|q| q.exists()));
        assert!(err.to_string().contains("bị hỏng"), "{err}");
        assert_no_english(&err.to_string());
    }
    let after = backup::list_backups(&path).expect("list");
    assert_eq!(after.len(), 1, "no backup of the damaged file");
    assert_eq!(std::fs::read(&after[0].path).expect("read"), good_bytes);
    let quarantines: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("-hong.db"))
        .collect();
    assert_eq!(quarantines.len(), 1, "one quarantine copy, replaced");

    // "Khôi phục bản sao lưu này": the good copy replaces the damaged file, which stays as the
    // quarantine copy.
    let damaged_bytes = std::fs::read(&path).expect("read");
    Service::restore_over_damaged(&path, &good[0].path).expect("restore");
    let quarantine = dir.path().join("khuyencong-hong.db");
    assert_eq!(std::fs::read(&quarantine).expect("read"), damaged_bytes);
    let service = Service::open_at_startup(&path, session()).expect("opens after restore");
    assert_eq!(service.store().integrity_check().expect("check"), ["ok"]);
}

#[test]
fn a_file_with_an_unreadable_row_started_12_times_keeps_the_good_backups_and_opens() {
    let (dir, path) = common::temp_db();
    {
        let mut store = common::store_for_thanh_hoa(&path);
        let mut e = khuyencong::domain::establishment::Establishment::new_in_province("38");
        e.name = "Cơ sở mây tre đan Hương".into();
        e.legal_form = Some(khuyencong::domain::legal_form::LegalForm::HoKinhDoanh);
        e.commune_code = "16093".into();
        e.industry_code = "45-a".into();
        store.insert_establishment(e).expect("insert");
    }
    drop(Service::open_at_startup(&path, session()).expect("a good start"));
    let good = backup::list_backups(&path).expect("list");
    assert_eq!(good.len(), 1);
    let good_bytes = std::fs::read(&good[0].path).expect("read backup");
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute("UPDATE establishment SET legal_form = 'XYZ'", []))
        .expect("an unknown code");

    for _ in 0..12 {
        let service = Service::open_at_startup(&path, session()).expect("still opens");
        let notice = service.opening_notices().join(" ");
        assert!(notice.contains("1 bản ghi không đọc được"), "{notice}");
        assert!(notice.contains("Dữ liệu cần sửa"), "{notice}");
        assert_no_english(&notice);
    }
    let after = backup::list_backups(&path).expect("list");
    assert_eq!(after.len(), 1, "no backup of the file with the bad row");
    assert_eq!(std::fs::read(&after[0].path).expect("read"), good_bytes);
    assert!(
        dir.path().join("khuyencong-hong.db").exists(),
        "kept once aside"
    );
}

#[test]
fn no_room_for_the_startup_backup_still_opens_with_a_notice() {
    let (dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    // `backups` is a file, so no backup can be written there, whoever runs the test.
    std::fs::write(dir.path().join("backups"), b"").expect("block backups");
    let service = Service::open_at_startup(&path, session()).expect("opens anyway");
    assert!(service.read_only_reason().is_none());
    let notice = service.opening_notices().join(" ");
    assert!(notice.starts_with("Chưa sao lưu được khi mở:"), "{notice}");
}

/// The window over `path`, stepped until it is open or has failed.
fn window_on(path: &Path) -> egui_kittest::Harness<'static, khuyencong::ui::app::AppWindow> {
    let window = khuyencong::ui::app::AppWindow::opening(path.to_owned(), session());
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 1000.0))
        .with_context_setup(khuyencong::ui::fonts::install_fonts)
        .build_ui_state(
            |ui, w: &mut khuyencong::ui::app::AppWindow| w.show(ui),
            window,
        );
    settle(&mut h);
    h
}

fn settle(h: &mut egui_kittest::Harness<'static, khuyencong::ui::app::AppWindow>) {
    let started = std::time::Instant::now();
    loop {
        h.step();
        let w = h.state();
        if w.app().is_some() || w.failure().is_some() {
            break;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(30));
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    for _ in 0..3 {
        h.step();
    }
}

#[test]
fn the_window_offers_the_good_backup_of_a_damaged_file_and_restores_it_when_asked() {
    let (dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    drop(Service::open_at_startup(&path, session()).expect("a good start"));
    rusqlite::Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "journal_mode", "DELETE"))
        .expect("checkpoint");
    damage(&path);

    let mut h = window_on(&path);
    assert!(h.state().shows_damaged_file());
    assert!(h.query_by_label("Tệp dữ liệu bị hỏng").is_some());
    assert!(
        h.query_by_label_contains("Bản sao lưu tốt mới nhất")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Đã giữ một bản sao của tệp hỏng tại")
            .is_some()
    );
    assert!(h.query_by_label("Mở chỉ để xem").is_some());
    // Nothing is restored until asked.
    assert!(
        Store::open_for_reading(&path).is_err()
            || khuyencong::store::health_check(&path).expect("check")
                != khuyencong::store::Verdict::Sound
    );
    h.get_by_label("Khôi phục bản sao lưu này").click();
    settle(&mut h);
    assert!(h.state().app().is_some(), "{:?}", h.state().failure());
    assert!(dir.path().join("khuyencong-hong.db").exists());
}

#[test]
fn the_window_shows_why_a_read_only_file_is_only_shown() {
    let dir = tempfile::tempdir().expect("dir");
    let path = our_file(dir.path());
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).expect("read-only");
    let h = window_on(&path);
    assert!(h.state().app().is_some(), "{:?}", h.state().failure());
    assert!(h.query_by_label_contains("Chỉ xem.").is_some());
    assert!(!dir.path().join("backups").exists());
}
