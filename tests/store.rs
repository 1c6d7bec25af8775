//! The store as the rest of the app relies on it: migrations, reference data, audit rows,
//! tombstones, all-or-nothing writes, backups, and refusing files it must not touch.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use khuyencong::domain::establishment::Establishment;
use khuyencong::domain::legal_form::LegalForm;
use khuyencong::store::backup::{KEEP_BACKUPS, list_backups};
use khuyencong::store::{OpenMode, Store, StoreError};

fn record(name: &str) -> Establishment {
    let mut e = Establishment::new_in_province("38");
    e.name = name.into();
    e.legal_form = Some(LegalForm::HoKinhDoanh);
    e.commune_code = "16093".into();
    e.industry_code = "45-a".into();
    e
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .table_counts()
        .expect("counts")
        .into_iter()
        .find(|(t, _)| t == table)
        .map(|(_, n)| n)
        .expect("table exists")
}

#[test]
fn a_new_file_is_migrated_and_loaded_with_reference_data_once() {
    let (_dir, path) = common::temp_db();
    let store = Store::open(&path, OpenMode::CreateIfMissing).expect("open");
    assert_eq!(store.schema_version().expect("version"), 7);
    assert_eq!(store.provinces().expect("provinces").len(), 34);
    assert_eq!(count(&store, "commune"), 3_321);
    assert_eq!(count(&store, "legacy_commune"), 10_035);
    assert_eq!(count(&store, "commune_mapping"), 10_597);
    assert_eq!(count(&store, "industry"), 7);
    assert_eq!(count(&store, "cnnt_definition"), 2);
    assert_eq!(store.ethnicities().expect("ethnicities").len(), 54);
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
    let journal: String = rusqlite::Connection::open(&path)
        .and_then(|c| c.query_row("PRAGMA journal_mode", [], |r| r.get(0)))
        .expect("journal mode");
    assert_eq!(journal, "wal");
    drop(store);
    let again = Store::open(&path, OpenMode::MustExist).expect("reopen");
    assert_eq!(count(&again, "commune"), 3_321, "not loaded twice");
    let hanoi = again.commune("00070").expect("read").expect("exists");
    assert_eq!(hanoi.name, "Phường Hoàn Kiếm");
}

#[test]
fn every_write_leaves_an_audit_row_and_deletion_is_a_tombstone() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).expect("open");
    let saved = store
        .insert_establishment(record("Cơ sở nước mắm Hải Châu"))
        .expect("insert");
    assert_eq!(saved.code, "CS-000001");
    let mut changed = saved.clone();
    changed.workers_total = Some(12);
    changed.row_version = store.update_establishment(&changed).expect("update");
    store
        .update_establishment(&changed)
        .expect("unchanged update");
    store
        .delete_establishment(saved.id, changed.row_version)
        .expect("delete");

    let trail = store
        .audit_trail("establishment", &saved.id.to_string())
        .expect("audit");
    let actions: Vec<&str> = trail.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        ["insert", "update", "delete"],
        "no row for a no-op update"
    );
    assert!(trail[0].old.is_none());
    assert_eq!(
        trail[0].new.as_ref().expect("new")["name"],
        "Cơ sở nước mắm Hải Châu"
    );
    assert_eq!(
        trail[1].old.as_ref().expect("old")["workers_total"],
        serde_json::Value::Null
    );
    assert_eq!(trail[1].new.as_ref().expect("new")["workers_total"], 12);
    assert!(trail[2].new.is_none());
    assert!(!trail[2].actor.is_empty() && trail[2].at.starts_with("20"));

    assert!(store.establishment(saved.id).expect("read").is_none());
    assert!(store.is_establishment_deleted(saved.id).expect("read"));
    assert_eq!(
        count(&store, "establishment"),
        1,
        "the row stays as a tombstone"
    );
    assert!(store.establishment_summaries().expect("list").is_empty());
    assert!(matches!(
        store.delete_establishment(saved.id, changed.row_version),
        Err(StoreError::RecordNotFound(_))
    ));
    let next = store
        .insert_establishment(record("Cơ sở khác"))
        .expect("insert");
    assert_eq!(next.code, "CS-000002", "codes are never reused");
}

#[test]
fn a_failing_batch_writes_nothing() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).expect("open");
    let audit_before = count(&store, "audit_log");
    let mut batch: Vec<Establishment> = (0..500).map(|i| record(&format!("Cơ sở {i}"))).collect();
    batch[499].commune_code = "99999".into(); // no such xã: the foreign key refuses it
    assert!(store.insert_establishments(&mut batch).is_err());
    assert_eq!(count(&store, "establishment"), 0);
    assert_eq!(count(&store, "audit_log"), audit_before);
    assert_eq!(
        store.setting("establishment.next_number").expect("read"),
        None
    );
}

#[test]
fn a_process_killed_mid_transaction_leaves_nothing_half_written() {
    let (_dir, path) = common::temp_db();
    const N: usize = 60_000;
    let mut child = Command::new(env!("CARGO_BIN_EXE_khuyencong"))
        .args(["demo", "--db"])
        .arg(&path)
        .args(["--establishments", &N.to_string()])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start demo");
    // The last progress line comes when every record is built, just before the one big
    // transaction starts: kill the process while it writes.
    let stderr = child.stderr.take().expect("stderr");
    for line in BufReader::new(stderr).lines() {
        if line.expect("line").contains("60.000 / 60.000") {
            break;
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(150));
    child.kill().expect("kill");
    child.wait().expect("wait");

    let store = Store::open(&path, OpenMode::MustExist).expect("reopen after crash");
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
    let n = store.establishment_summaries().expect("list").len();
    assert!(n == 0 || n == N, "all or nothing, found {n}");
    let audited = store.audit_count("establishment").expect("audit") as usize;
    assert_eq!(
        audited, n,
        "a record and its audit row are written together or not at all"
    );
}

#[test]
fn startup_backups_rotate_and_a_backup_can_be_restored() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).expect("open");
    let first = store
        .insert_establishment(record("Trước sao lưu"))
        .expect("insert");
    drop(store);
    for _ in 0..KEEP_BACKUPS + 2 {
        drop(Store::open_at_startup(&path).expect("start"));
    }
    let backups = list_backups(&path).expect("list");
    assert_eq!(backups.len(), KEEP_BACKUPS);
    assert!(
        backups.windows(2).all(|w| w[0].path > w[1].path),
        "newest first"
    );

    let mut store = Store::open_at_startup(&path).expect("start");
    let second = store
        .insert_establishment(record("Sau sao lưu"))
        .expect("insert");
    let newest = store.backups().expect("list")[0].path.clone();
    let safety = store.restore_from(&newest).expect("restore");
    assert!(store.establishment(first.id).expect("read").is_some());
    assert!(
        store.establishment(second.id).expect("read").is_none(),
        "back to the backup"
    );
    let safety_plain = path.with_file_name("truoc-khoi-phuc.db");
    khuyencong::store::backup::extract_backup(&safety, &safety_plain).expect("extract");
    let kept = Store::open(&safety_plain, OpenMode::MustExist).expect("safety copy opens");
    assert!(
        kept.establishment(second.id).expect("read").is_some(),
        "nothing lost"
    );
    assert!(safety.to_string_lossy().contains("truoc-khoi-phuc"));

    let out = path.with_file_name("ban-sao.db");
    store.backup_to(&out).expect("backup");
    let copy = Store::open(&out, OpenMode::MustExist).expect("copy opens");
    assert!(copy.establishment(first.id).expect("read").is_some());
}

#[test]
fn restoring_a_file_that_is_not_a_backup_is_refused() {
    let (dir, path) = common::temp_db();
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).expect("open");
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").expect("write");
    let err = store.restore_from(&junk).expect_err("refused");
    assert!(
        err.to_string().contains("không phải cơ sở dữ liệu SQLite"),
        "{err}"
    );
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
}

#[test]
fn foreign_and_newer_files_are_refused_and_left_untouched() {
    let (dir, _) = common::temp_db();
    let text = dir.path().join("bao-cao.xlsx");
    std::fs::write(&text, b"PK\x03\x04 this is a spreadsheet").expect("write");
    let before = std::fs::read(&text).expect("read");
    let err = Store::open_at_startup(&text).err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase(_)));
    assert!(err.to_string().contains("không phải là tệp dữ liệu"));
    assert_eq!(std::fs::read(&text).expect("read"), before);
    assert!(
        !dir.path().join("backups").exists(),
        "no backup of a foreign file"
    );

    let newer = dir.path().join("moi-hon.db");
    drop(Store::open(&newer, OpenMode::CreateIfMissing).expect("create"));
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("bump version");
    let before = std::fs::read(&newer).expect("read");
    let err = Store::open(&newer, OpenMode::MustExist)
        .err()
        .expect("refused");
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("phiên bản mới hơn"));
    assert_eq!(std::fs::read(&newer).expect("read"), before);

    let missing = dir.path().join("khong-co.db");
    assert!(matches!(
        Store::open(&missing, OpenMode::MustExist),
        Err(StoreError::FileNotFound(_))
    ));
    assert!(!missing.exists());
}

#[test]
fn old_addresses_show_their_new_commune_and_duplicates_are_found() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).expect("open");
    // A record known only by its pre-2025 address: Phường Phúc Xá (Quận Ba Đình, Hà Nội),
    // which became Phường Hồng Hà.
    let mut old = record("Xưởng thêu Phúc Xá");
    old.province_code = "01".into();
    old.commune_code.clear();
    old.legacy_district_code = "001".into();
    old.legacy_commune_code = "00001".into();
    let old = store.insert_establishment(old).expect("insert");
    let summary = store
        .establishment_summary(old.id)
        .expect("read")
        .expect("exists");
    assert_eq!(summary.commune_code, "00097");
    assert_eq!(summary.commune_name, "Phường Hồng Hà");
    let stored = store.establishment(old.id).expect("read").expect("exists");
    assert_eq!(
        stored.legacy_commune_code, "00001",
        "history is kept as it was"
    );
    let legacy = store
        .legacy_commune("00001")
        .expect("read")
        .expect("exists");
    assert_eq!(legacy.district_name, "Quận Ba Đình");
    assert_eq!(legacy.successor_name.as_deref(), Some("Phường Hồng Hà"));

    let mut a = record("Cơ sở Mây tre Đan Thủy");
    a.tax_code = "0100109106".into();
    let a = store.insert_establishment(a).expect("insert");
    let same_name = record("CO SO MAY TRE DAN THUY");
    let dups = probable_duplicates(&store, &same_name).expect("dups");
    assert_eq!(dups.len(), 1);
    assert!(!dups[0].same_tax_code);
    assert_eq!(dups[0].code, a.code);
    let mut same_tax = record("Tên khác hẳn");
    same_tax.commune_code = "16114".into();
    same_tax.tax_code = "0100109106".into();
    let dups = probable_duplicates(&store, &same_tax).expect("dups");
    assert_eq!((dups.len(), dups[0].same_tax_code), (1, true));
    assert!(
        probable_duplicates(&store, &a).expect("dups").is_empty(),
        "not itself"
    );
}

#[test]
fn budget_lines_changes_and_reallocations_are_recorded() {
    use khuyencong::domain::budget_plan::{
        BudgetChange, BudgetChangeKind, BudgetLine, Reallocation,
    };
    use khuyencong::domain::funding_source::FundingSource;
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).expect("open");
    let date = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).expect("date");
    let line = BudgetLine {
        id: uuid::Uuid::now_v7(),
        year: 2026,
        source: FundingSource::Kcdp,
        decision_no: "4512/QĐ-UBND".into(),
        decision_date: date(1, 5),
        agency: "UBND tỉnh Thanh Hóa".into(),
        amount: 12_000_000_000,
        content_code: String::new(),
        commune_code: String::new(),
    };
    store.add_budget_line(&line).expect("line");
    let change = BudgetChange {
        id: uuid::Uuid::now_v7(),
        line_id: line.id,
        kind: BudgetChangeKind::Supplement,
        date: date(6, 1),
        amount: 500_000_000,
        decision_no: "2100/QĐ-UBND".into(),
        reason: "Bổ sung giữa năm".into(),
    };
    store.add_budget_change(&change).expect("change");
    assert_eq!(
        store.budget_lines(2026).expect("lines"),
        std::slice::from_ref(&line)
    );
    assert_eq!(
        store.budget_changes(2026).expect("changes"),
        std::slice::from_ref(&change)
    );
    assert_eq!(
        line.amount_on(std::slice::from_ref(&change), date(5, 31)),
        12_000_000_000
    );
    assert_eq!(line.amount_on(&[change], date(6, 1)), 12_500_000_000);
    assert!(store.budget_lines(2025).expect("lines").is_empty());

    let project = || {
        let mut p = khuyencong::domain::project::Project::new("38", 2026);
        p.content_code = "ND235-1".into();
        p
    };
    let a = store.insert_project(project()).expect("a");
    let b = store.insert_project(project()).expect("b");
    let moved = Reallocation {
        id: uuid::Uuid::now_v7(),
        date: date(9, 1),
        from_project: a.id,
        to_project: b.id,
        amount: 100_000_000,
        decision_no: "3001/QĐ-UBND".into(),
        reason: "Đề án hủy, chuyển kinh phí".into(),
    };
    store.add_reallocation(&moved).expect("reallocation");
    assert_eq!(
        store.reallocations().expect("list"),
        std::slice::from_ref(&moved)
    );
    let same = Reallocation {
        to_project: a.id,
        ..moved
    };
    assert!(
        store.add_reallocation(&same).is_err(),
        "a project cannot pay itself"
    );
    assert_eq!(store.audit_count("reallocation").expect("audit"), 1);
    assert_eq!(store.audit_count("budget_line").expect("audit"), 1);
}

#[test]
fn a_proposal_keeps_its_registration_and_the_calendar_is_checked_before_saving() {
    use khuyencong::domain::plan_registration::Appraisal;
    use khuyencong::domain::registration_deadline::RegistrationDeadline;

    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let mut p = khuyencong::domain::project::Project::new("38", 2027);
    p.name = "Hỗ trợ máy dệt chiếu cói".into();
    p.content_code = "ND235-2".into();
    p.registration.proposed_by = "UBND xã Hoằng Hóa".into();
    p.registration.registered_on = chrono::NaiveDate::from_ymd_opt(2026, 8, 15);
    let mut saved = store.insert_project(p).expect("insert");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 9, 10).expect("date");
    saved.registration.appraisal =
        Some(Appraisal::new(false, date, "Thiếu hồ sơ", "huong").expect("appraisal"));
    store.update_project(&saved).expect("update");
    let read = store.project(saved.id).expect("read").expect("found");
    assert_eq!(read.registration, saved.registration);

    assert_eq!(
        store.registration_deadlines().expect("defaults"),
        RegistrationDeadline::defaults()
    );
    let mut calendar = RegistrationDeadline::defaults();
    calendar[1].day = 31;
    calendar[1].month = 9;
    let refused = store.set_registration_deadlines(&calendar);
    assert!(
        matches!(&refused, Err(StoreError::Refused(m)) if m.contains("không có thật")),
        "{refused:?}"
    );
    assert!(
        store
            .setting("registration_deadlines")
            .expect("read")
            .is_none()
    );
    calendar[1].day = 15;
    store.set_registration_deadlines(&calendar).expect("saved");
    assert_eq!(store.registration_deadlines().expect("read"), calendar);
}

/// The look-alikes of `e` in the database: the store's candidates judged by the domain rule,
/// as the form and `khuyencong check` judge them.
fn probable_duplicates(
    store: &Store,
    e: &khuyencong::domain::establishment::Establishment,
) -> khuyencong::store::StoreResult<
    Vec<khuyencong::domain::establishment_validation::DuplicateCandidate>,
> {
    use khuyencong::domain::probable_duplicate::{DuplicateRow, probable_duplicates};
    let candidates = store.duplicate_candidates(e)?;
    Ok(probable_duplicates(&DuplicateRow::of(e), &candidates))
}
