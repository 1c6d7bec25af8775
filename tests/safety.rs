//! A bad day's data and failures (issue 10, items 7–9): money that would overflow is refused,
//! attachments stay inside `ho-so/`, errors read in Vietnamese and their English goes to the
//! support log.

mod common;

use std::path::Path;

use khuyencong::budget::{BudgetInput, compute_balance};
use khuyencong::domain::attachment::{Attachment, OpenRefusal, judge_open, stored_name_problem};
use khuyencong::domain::budget_input::{BudgetLineInput, budget_field};
use khuyencong::domain::budget_plan::BudgetLine;
use khuyencong::domain::funding_source::FundingSource;
use khuyencong::domain::money::MAX_AMOUNT;
use khuyencong::domain::project::Project;
use khuyencong::service::{Service, Session};
use khuyencong::store::StoreError;

/// English a user must never read (a simple screen: the words SQLite, Rust and the OS use).
fn assert_no_english(text: &str) {
    for word in [
        "error", "Error", "failed", "database", "os error", "panicked",
    ] {
        assert!(!text.contains(word), "English \"{word}\" in: {text}");
    }
}

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
}

fn line(amount: i64) -> BudgetLine {
    BudgetLine {
        id: uuid::Uuid::now_v7(),
        year: 2026,
        source: FundingSource::Kcdp,
        decision_no: "125/QĐ-UBND".into(),
        decision_date: day(),
        agency: "UBND tỉnh".into(),
        amount,
        content_code: String::new(),
        commune_code: String::new(),
    }
}

#[test]
fn an_overflowing_budget_sum_is_refused_naming_the_line() {
    // Two lines of 5·10^18 wrap an i64; before, the plan printed as a large negative number.
    let lines = [
        line(5_000_000_000_000_000_000),
        line(5_000_000_000_000_000_000),
    ];
    let input = BudgetInput {
        year: 2026,
        lines: &lines,
        changes: &[],
        projects: &[],
        reallocations: &[],
        as_of: day(),
    };
    let message = compute_balance(&input).expect_err("refused").to_string();
    assert!(
        message.starts_with("Dự toán 125/QĐ-UBND ngày 01/03/2026"),
        "{message}"
    );
    assert!(message.contains("nằm ngoài giới hạn"), "{message}");
    assert_no_english(&message);
}

#[test]
fn amounts_over_the_bound_or_negative_are_refused_at_entry_naming_the_field() {
    for amount in [MAX_AMOUNT + 1, -1] {
        let issues = BudgetLineInput {
            year: 2026,
            source: FundingSource::Kcdp,
            decision_no: "125/QĐ-UBND".into(),
            decision_date: Some(day()),
            agency: String::new(),
            amount,
        }
        .into_line()
        .expect_err("refused");
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].field, budget_field::LINE_AMOUNT);
        assert!(
            issues[0].message.starts_with("Dự toán: số tiền"),
            "{issues:?}"
        );
        assert_no_english(&issues[0].message);
    }
}

/// A unit's store with one project, and the service over it.
fn service_with_project() -> (tempfile::TempDir, Service, Project) {
    let (dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let mut project = Project::new("38", 2026);
    project.name = "Hỗ trợ máy chế biến".into();
    project.content_code = "ND235-2".into();
    let project = store.insert_project(project).expect("project");
    let service =
        Service::new(store, Session::for_logged_in_user(common::today())).expect("service");
    (dir, service, project)
}

/// A record written straight into the file, as a file from elsewhere could hold it.
fn planted(service: &Service, project: &Project, stored_name: &str) -> Attachment {
    let db = service.store().path().to_owned();
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute(
        "INSERT INTO attachment(id, project_id, file_name, stored_name, added_at)
         VALUES (?1, ?2, 'QĐ phê duyệt.pdf', ?3, '2026-03-01T08:00:00')",
        rusqlite::params![
            uuid::Uuid::now_v7().to_string(),
            project.id.to_string(),
            stored_name
        ],
    )
    .expect("plant");
    let listed = service.store().attachments(project.id).expect("list");
    // The newest record is listed last (oldest first, ids in time order).
    listed.into_iter().last().expect("listed")
}

#[test]
fn stored_names_that_leave_the_folder_are_listed_as_problems_and_never_opened() {
    let (dir, service, project) = service_with_project();
    // Something for a bad name to reach, so a refusal is not just a missing file.
    std::fs::write(dir.path().join("x.sh"), "#!/bin/sh\necho pwned").expect("script");
    let absolute = dir.path().join("x.sh").display().to_string();
    for bad in [
        "../x.sh",
        "../../x.sh",
        absolute.as_str(),
        "p/a.pdf",
        "p\\a.pdf",
    ] {
        assert!(stored_name_problem(bad).is_some(), "{bad}");
        let a = planted(&service, &project, bad);
        let problem = a.problem.clone().expect("a problem is listed");
        assert!(problem.contains("không hợp lệ"), "{problem}");
        assert_eq!(a.path, Path::new(""), "no path to hand to an opener: {bad}");
        let refused = service.attachment_to_open(&a).expect_err(bad).to_string();
        assert!(
            refused.starts_with("Không mở tệp \"QĐ phê duyệt.pdf\""),
            "{refused}"
        );
        assert_no_english(&refused);
        assert!(service.attachment_folder_to_open(&a).is_err(), "{bad}");
    }
}

#[test]
fn names_that_leave_the_folder_or_run_are_refused_on_write() {
    let (dir, mut service, project) = service_with_project();
    let script = dir.path().join("evil.sh");
    std::fs::write(&script, "#!/bin/sh").expect("script");
    let message = service
        .add_attachment(project.id, &script)
        .expect_err("a script is not a document")
        .to_string();
    assert!(
        message.contains("là chương trình hoặc tập lệnh"),
        "{message}"
    );
    assert_no_english(&message);
    let odd = dir.path().join("biên\u{202E}fdp.exe");
    std::fs::write(&odd, "x").expect("file");
    assert!(service.add_attachment(project.id, &odd).is_err());
    assert!(
        service
            .store()
            .attachments(project.id)
            .expect("list")
            .is_empty(),
        "nothing was recorded"
    );
}

#[test]
fn a_document_inside_ho_so_opens_and_a_replaced_copy_does_not() {
    let (dir, mut service, project) = service_with_project();
    let scan = dir.path().join("QĐ phê duyệt.pdf");
    std::fs::write(&scan, b"%PDF-1.4").expect("scan");
    let a = service.add_attachment(project.id, &scan).expect("attached");
    let opened = service.attachment_to_open(&a).expect("opens");
    let root = std::fs::canonicalize(dir.path().join("ho-so")).expect("ho-so");
    assert!(opened.starts_with(&root), "{}", opened.display());

    // The copy swapped for a link to a script outside: resolved, it is refused.
    #[cfg(unix)]
    {
        let outside = dir.path().join("evil.sh");
        std::fs::write(&outside, "#!/bin/sh").expect("script");
        std::fs::remove_file(&a.path).expect("remove copy");
        std::os::unix::fs::symlink(&outside, &a.path).expect("link");
        let refused = service
            .attachment_to_open(&a)
            .expect_err("outside")
            .to_string();
        assert!(refused.contains("nằm ngoài thư mục hồ sơ"), "{refused}");
    }
}

#[test]
fn the_open_decision_refuses_programs_and_paths_outside() {
    let folder = Path::new("/don-vi/ho-so");
    let a = Attachment {
        id: uuid::Uuid::nil(),
        project_id: uuid::Uuid::nil(),
        file_name: "QĐ phê duyệt.pdf".into(),
        path: folder.join("p/0190abcd-QĐ phê duyệt.pdf"),
        added_at: String::new(),
        problem: None,
    };
    assert_eq!(judge_open(&a, folder, &a.path), Ok(()));
    for program in [
        "a.exe",
        "a.BAT",
        "a.cmd",
        "a.ps1",
        "a.vbs",
        "a.js",
        "a.lnk",
        "a.sh",
        "a.desktop",
        "a.msi",
    ] {
        let refusal = judge_open(&a, folder, &folder.join("p").join(program));
        assert!(
            matches!(refusal, Err(OpenRefusal::Executable { .. })),
            "{program}"
        );
    }
    assert!(matches!(
        judge_open(&a, folder, Path::new("/home/x/evil.sh")),
        Err(OpenRefusal::OutsideFolder { .. })
    ));
}

fn sqlite_failure(code: i32) -> StoreError {
    StoreError::from(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(code),
        Some("database or disk is full / database is locked / unable to open database file".into()),
    ))
}

#[test]
fn sqlite_error_codes_read_in_vietnamese() {
    let cases = [
        (rusqlite::ffi::SQLITE_FULL, "đã đầy"),
        (
            rusqlite::ffi::SQLITE_BUSY,
            "đang được một cửa sổ hoặc chương trình khác dùng",
        ),
        (
            rusqlite::ffi::SQLITE_LOCKED,
            "đang được một cửa sổ hoặc chương trình khác dùng",
        ),
        (rusqlite::ffi::SQLITE_CANTOPEN, "Không mở được tệp dữ liệu"),
        (rusqlite::ffi::SQLITE_READONLY, "chỉ cho phép đọc"),
        (rusqlite::ffi::SQLITE_CORRUPT, "bị hỏng"),
        (rusqlite::ffi::SQLITE_PERM, "Không có quyền"),
        (rusqlite::ffi::SQLITE_IOERR, "Hệ điều hành báo lỗi"),
        (rusqlite::ffi::SQLITE_CONSTRAINT, "ràng buộc"),
    ];
    for (code, expected) in cases {
        let shown = sqlite_failure(code).to_string();
        assert!(
            shown.to_lowercase().contains(&expected.to_lowercase()),
            "{code}: {shown}"
        );
        assert!(!shown.starts_with("Lỗi cơ sở dữ liệu:"), "{shown}");
        assert_no_english(&shown);
    }
    // A real one: a file SQLite cannot open (its folder does not exist).
    let real = rusqlite::Connection::open_with_flags(
        "/khong-co-thu-muc-nay/khuyencong.db",
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE,
    )
    .map(|_| ())
    .map_err(StoreError::from)
    .expect_err("cannot open");
    assert!(
        real.to_string().starts_with("Không mở được tệp dữ liệu"),
        "{real}"
    );
}

#[test]
fn file_errors_read_in_vietnamese() {
    for (kind, expected) in [
        (
            std::io::ErrorKind::AlreadyExists,
            "đã có một tệp hoặc thư mục cùng tên",
        ),
        (
            std::io::ErrorKind::PermissionDenied,
            "không có quyền truy cập",
        ),
        (std::io::ErrorKind::StorageFull, "ổ đĩa đã đầy"),
        (std::io::ErrorKind::NotFound, "không tồn tại"),
    ] {
        let e = StoreError::Io {
            path: "sao-luu.db".into(),
            source: std::io::Error::new(kind, "File exists (os error 17)"),
        };
        let shown = e.to_string();
        assert!(
            shown.starts_with("Không đọc/ghi được tệp sao-luu.db: "),
            "{shown}"
        );
        assert!(shown.contains(expected), "{shown}");
        assert_no_english(&shown);
    }
}

#[test]
fn the_support_log_receives_the_technical_text() {
    let dir = tempfile::tempdir().expect("temp");
    let log = dir.path().join("nhat-ky").join("khuyencong.log");
    khuyencong::support_log::set_location(log.clone());
    let e = sqlite_failure(rusqlite::ffi::SQLITE_FULL);
    assert_eq!(
        khuyencong::support_log::record("Lưu đề án DA-2026-0001", &e),
        Some(log.clone())
    );
    let text = std::fs::read_to_string(&log).expect("log written");
    assert!(text.contains("Lưu đề án DA-2026-0001"), "{text}");
    assert!(text.contains("đã đầy"), "the user's text: {text}");
    assert!(
        text.contains("database or disk is full"),
        "the technical text: {text}"
    );
    assert_eq!(khuyencong::support_log::location(), log);
}

#[test]
fn the_hoso_tab_offers_no_mo_for_a_bad_name_and_only_the_folder_for_a_script() {
    use egui::Key;
    use egui_kittest::kittest::Queryable;

    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let mut project = Project::new("38", 2026);
    project.name = "Hỗ trợ máy chế biến".into();
    project.content_code = "ND235-2".into();
    let project = store.insert_project(project).expect("project");
    let conn = rusqlite::Connection::open(&path).expect("open");
    for (file_name, stored) in [
        ("QĐ phê duyệt.pdf", "../../evil.sh"),
        ("cai-dat.sh", "0190abcd-cai-dat.sh"),
    ] {
        conn.execute(
            "INSERT INTO attachment(id, project_id, file_name, stored_name, added_at)
             VALUES (?1, ?2, ?3, ?4, '2026-03-01T08:00:00')",
            rusqlite::params![
                uuid::Uuid::now_v7().to_string(),
                project.id.to_string(),
                file_name,
                stored
            ],
        )
        .expect("plant");
    }
    drop(conn);
    let mut h = common::app_harness(common::new_app(store).expect("app"));
    h.run();
    h.get_by_label("Đề án").click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Hồ sơ").click();
    h.run();
    assert!(
        h.query_by_label("QĐ phê duyệt.pdf").is_some(),
        "the bad record is listed"
    );
    assert!(h.query_by_label("Không mở được").is_some());
    assert!(h.query_by_label("Mở thư mục chứa tệp").is_some());
    assert!(
        h.query_by_label("Mở").is_none(),
        "nothing offers to open a file directly"
    );
}
