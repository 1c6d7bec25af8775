//! The command line, run as the real binary: demo, check, backup, bang-chu, and clear
//! Vietnamese errors.

mod common;

use std::process::{Command, Output};

/// Runs the binary with its support log in a folder of the tests, never in the real home.
fn run(args: &[&str]) -> Output {
    let log = std::env::temp_dir()
        .join("khuyencong-kiem-thu-cli")
        .join("khuyencong.log");
    run_logged(args, &log)
}

fn run_logged(args: &[&str], log: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khuyencong"))
        .args(args)
        .env(khuyencong::support_log::LOCATION_VARIABLE, log)
        .output()
        .expect("run khuyencong")
}

/// English a user must never read.
fn assert_no_english(text: &str) {
    for word in [
        "error", "Error", "failed", "database", "os error", "panicked",
    ] {
        assert!(!text.contains(word), "English \"{word}\" in: {text}");
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn demo_then_check_then_backup() {
    let (dir, path) = common::temp_db();
    let db = path.to_str().expect("utf-8 path");
    let out = run(&[
        "demo",
        "--db",
        db,
        "--establishments",
        "3000",
        "--seed",
        "7",
        "--bat-thuong",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Đã tạo 3.000 cơ sở và 300 đề án mẫu"));

    let out = run(&["check", "--db", db]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let report = text(&out.stdout);
    assert!(report.contains("Tính toàn vẹn (SQLite): ổn"));
    assert!(report.contains("Kiểm tra 3.000 cơ sở CNNT: 0 lỗi"));
    assert!(
        report.contains("co_the_trung_lap"),
        "the demo plants probable duplicates"
    );

    let out = run(&["check", "--db", db, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["sound"], true);
    assert_eq!(json["establishments_checked"], 3000);
    assert_eq!(json["projects_checked"], 300);
    assert!(
        json["project_warnings"]["vuot_muc_ho_tro"]
            .as_u64()
            .is_some_and(|n| n > 0)
    );
    assert_eq!(json["tables"]["commune"], 3321);
    assert_eq!(json["integrity"][0], "ok");

    let copy = dir.path().join("sao-luu.db");
    let out = run(&["backup", "--db", db, "--out", copy.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&["check", "--db", copy.to_str().expect("utf-8"), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["establishments_checked"], 3000);

    let again = run(&["demo", "--db", db]);
    assert!(
        !again.status.success(),
        "demo never fills a file that has data"
    );
    assert!(text(&again.stderr).contains("đã có dữ liệu"));
}

#[test]
fn demo_is_deterministic_for_a_seed() {
    let (_dir_a, a) = common::temp_db();
    let (_dir_b, b) = common::temp_db();
    for p in [&a, &b] {
        let out = run(&[
            "demo",
            "--db",
            p.to_str().expect("utf-8"),
            "--establishments",
            "300",
            "--seed",
            "11",
        ]);
        assert!(out.status.success());
    }
    let rows = |p: &std::path::Path| {
        let store = khuyencong::store::Store::open(p, khuyencong::store::OpenMode::MustExist)
            .expect("open");
        store.all_establishments().expect("read")
    };
    assert_eq!(rows(&a), rows(&b));
}

#[test]
fn check_finds_record_errors_and_exits_non_zero() {
    let (_dir, path) = common::temp_db();
    let db = path.to_str().expect("utf-8");
    assert!(
        run(&["demo", "--db", db, "--establishments", "50"])
            .status
            .success()
    );
    // An edit made outside the app: more female workers than workers.
    rusqlite::Connection::open(&path)
        .and_then(|c| {
            c.execute(
                "UPDATE establishment SET workers_total = 5, workers_female = 9 WHERE code = 'CS-000003'",
                [],
            )
        })
        .expect("tamper");
    let out = run(&["check", "--db", db]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(report.contains("vuot_tong_lao_dong"), "{report}");
    assert!(report.contains("CS-000003"));
    assert!(report.contains("Kết luận: tệp có lỗi"));
}

#[test]
fn bad_files_and_bad_arguments_get_vietnamese_errors() {
    let (dir, _) = common::temp_db();
    let junk = dir.path().join("khong-phai.db");
    std::fs::write(&junk, "xin chào").expect("write");
    let out = run(&["check", "--db", junk.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("không phải là tệp dữ liệu của Sổ Khuyến công"));
    assert_eq!(std::fs::read_to_string(&junk).expect("read"), "xin chào");

    let missing = dir.path().join("khong-co.db");
    let out = run(&[
        "backup",
        "--db",
        missing.to_str().expect("utf-8"),
        "--out",
        "x.db",
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("Không tìm thấy tệp dữ liệu"));

    let out = run(&["xuat-bao-cao"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Không có lệnh \"xuat-bao-cao\""));
    assert!(text(&out.stderr).contains("cách dùng"));

    let out = run(&["--help"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("khuyencong check --db TỆP [--json]"));
}

#[test]
fn balance_prints_the_numbers_the_screen_shows() {
    let (_dir, path) = common::temp_db();
    let db = path.to_str().expect("utf-8");
    assert!(
        run(&[
            "demo",
            "--db",
            db,
            "--establishments",
            "1000",
            "--years",
            "2026"
        ])
        .status
        .success()
    );
    let out = run(&["balance", "--db", db, "--year", "2026", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let store = khuyencong::store::Store::open(&path, khuyencong::store::OpenMode::MustExist)
        .expect("open");
    let today = chrono::Local::now().date_naive();
    let screen =
        khuyencong::service::year_balance::year_balance(&store, 2026, today).expect("balance");
    let sources = json["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 3);
    for (line, s) in sources.iter().zip(&screen.by_source) {
        assert_eq!(line["planned"], s.planned);
        assert_eq!(line["allocated"], s.allocated);
        assert_eq!(line["unallocated"], s.unallocated);
        assert_eq!(line["disbursed"], s.disbursed);
    }
    assert_eq!(json["total"]["unallocated"], screen.total.unallocated);
    assert!(
        screen.total.planned > 0,
        "the demo gives each year a dự toán"
    );

    let out = run(&["balance", "--db", db, "--year", "2026"]);
    let report = text(&out.stdout);
    assert!(report.contains("Cân đối kinh phí khuyến công năm 2026"));
    assert!(report.contains("Chưa phân bổ:"));

    let out = run(&["balance", "--db", db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Lệnh balance cần --year."));
}

#[test]
fn bang_chu_writes_the_amount_in_words() {
    let out = run(&["bang-chu", "1005"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "Một nghìn không trăm linh năm đồng"
    );

    let out = run(&["bang-chu", "1.235.000.000"]);
    assert_eq!(
        text(&out.stdout).trim(),
        "Một tỷ hai trăm ba mươi lăm triệu đồng chẵn"
    );

    let out = run(&["bang-chu", "mười nghìn"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("SỐ_TIỀN \"mười nghìn\" không hợp lệ"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("khuyencong bang-chu SỐ_TIỀN"));
}

#[test]
fn backup_does_not_replace_an_existing_file_without_ghi_de() {
    let (dir, path) = common::temp_db();
    let db = path.to_str().expect("utf-8");
    assert!(
        run(&["demo", "--db", db, "--establishments", "50"])
            .status
            .success()
    );
    let docx = dir.path().join("Báo cáo quý 3.docx");
    let original = b"PK\x03\x04 a report someone wrote".to_vec();
    std::fs::write(&docx, &original).expect("docx");
    let out_path = docx.to_str().expect("utf-8");

    let out = run(&["backup", "--db", db, "--out", out_path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("đã có; lệnh backup không ghi đè"),
        "{stderr}"
    );
    assert!(stderr.contains("--ghi-de"), "{stderr}");
    assert_no_english(&stderr);
    assert!(!stderr.contains("Lỗi: Lỗi"), "{stderr}");
    assert_eq!(
        std::fs::read(&docx).expect("read"),
        original,
        "byte-identical"
    );

    let out = run(&["backup", "--db", db, "--out", out_path, "--ghi-de"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let copy = std::fs::read(&docx).expect("read");
    assert!(
        copy.starts_with(b"SQLite format 3\0"),
        "replaced by the backup"
    );

    let out = run(&["backup", "--db", db, "--out", db, "--ghi-de"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("chính là tệp dữ liệu"));
}

#[test]
fn demo_refuses_counts_beyond_its_bounds_before_creating_anything() {
    let (_dir, path) = common::temp_db();
    let db = path.to_str().expect("utf-8");
    for count in ["18446744073709551615", "1000000000", "18446744073709551616"] {
        let out = run(&["demo", "--db", db, "--establishments", count]);
        assert_eq!(out.status.code(), Some(2), "{count}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("--establishments"), "{stderr}");
        assert!(
            !stderr.contains("backtrace") && !stderr.contains("RUST_BACKTRACE"),
            "{stderr}"
        );
        assert_no_english(&stderr);
        assert!(!path.exists(), "no file created for {count}");
    }
    let out = run(&["demo", "--db", db, "--establishments", "1000000000"]);
    assert!(text(&out.stderr).contains("vượt quá giới hạn 1.000.000"));
    let out = run(&["demo", "--db", db, "--projects", "5000000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!path.exists());
}

#[test]
fn balance_leaves_an_overflowing_line_out_and_says_so() {
    let (_dir, path) = common::temp_db();
    let db = path.to_str().expect("utf-8");
    assert!(
        run(&[
            "demo",
            "--db",
            db,
            "--establishments",
            "200",
            "--years",
            "2026"
        ])
        .status
        .success()
    );
    // Written outside the app: a line of 9·10^18 đồng (the sum wrapped to −446.744.072.689.551.616).
    rusqlite::Connection::open(&path)
        .and_then(|c| {
            c.execute(
                "UPDATE budget_line SET amount = 9000000000000000000
                 WHERE id = (SELECT id FROM budget_line WHERE year = 2026 LIMIT 1)",
                [],
            )
        })
        .expect("tamper");
    // The line is beyond any sane amount: the readers leave it out (one bad row is one finding,
    // not a locked file), so no sum can wrap; the balance answers and says a row was left out.
    let out = run(&["balance", "--db", db, "--year", "2026"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(!stdout.contains("446.744"), "{stdout}");
    assert!(
        stdout.contains("1 bản ghi bị lỗi không được tính"),
        "{stdout}"
    );
    assert_no_english(&stdout);
    // And check names the line, with its amount, and says the file is not sound.
    let out = run(&["check", "--db", db]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("9000000000000000000") || stdout.contains("9.000.000.000.000.000.000"),
        "{stdout}"
    );
    assert_no_english(&stdout);
}

#[test]
fn a_database_error_reaches_the_user_once_in_vietnamese_and_whole_in_the_log() {
    let (dir, path) = common::temp_db();
    let db = path.to_str().expect("utf-8");
    assert!(
        run(&["demo", "--db", db, "--establishments", "50"])
            .status
            .success()
    );
    // An output "folder" that is a file: neither the folder nor the copy can be made.
    let not_a_folder = dir.path().join("ghi-chu.txt");
    std::fs::write(&not_a_folder, "ghi chú").expect("file");
    let out_path = not_a_folder.join("sao-luu.db");
    let log = dir.path().join("nhat-ky.log");
    let out = run_logged(
        &[
            "backup",
            "--db",
            db,
            "--out",
            out_path.to_str().expect("utf-8"),
        ],
        &log,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_no_english(&stderr);
    assert!(!stderr.contains("Lỗi: Lỗi"), "{stderr}");
    let logged = std::fs::read_to_string(&log).expect("log");
    assert!(
        logged.contains("nguyên nhân"),
        "the technical chain: {logged}"
    );
}

/// The text of every page of a PDF, through the fonts' ToUnicode maps.
fn pdf_text(path: &std::path::Path) -> String {
    let pdf = lopdf::Document::load(path).expect("lopdf reads the report");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    pdf.extract_text(&pages).expect("text of the report")
}

#[test]
fn report_flags_make_a_complete_scripted_report() {
    let (dir, path) = common::temp_db();
    let db = path.to_str().expect("utf-8");
    let out = run(&[
        "demo",
        "--db",
        db,
        "--establishments",
        "200",
        "--years",
        "2025-2026",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let pdf = dir.path().join("bao-cao.pdf");
    let out = run(&[
        "report",
        "--db",
        db,
        "--kind",
        "nam",
        "--year",
        "2026",
        "--so",
        "7",
        "--ngay",
        "05/02/2027",
        "--nguoi-ky",
        "Lê Văn Bình",
        "--quyen-han",
        "kt",
        "--chuc-vu",
        "Phó Giám đốc",
        "--out",
        pdf.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stdout).contains("Cảnh báo: Người ký"),
        "{}",
        text(&out.stdout)
    );
    let printed = pdf_text(&pdf);
    for expected in [
        "Số: 07/BC-TTKC",
        "ngày 05 tháng 02 năm 2027",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Lê Văn Bình",
        "Trên đây là báo cáo kết quả thực hiện công tác khuyến công năm 2026",
    ] {
        assert!(printed.contains(expected), "{expected:?} not in {printed}");
    }

    // Without --so and --ngay the Văn thư fills them in; without a name the command says so.
    let draft = dir.path().join("nhap.pdf");
    let out = run(&[
        "report",
        "--db",
        db,
        "--kind",
        "nam",
        "--year",
        "2026",
        "--quyen-han",
        "thừa lệnh",
        "--chuc-vu",
        "Chánh Văn phòng",
        "--out",
        draft.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Cảnh báo: Người ký: chưa nhập họ tên"),
        "{}",
        text(&out.stdout)
    );
    let printed = pdf_text(&draft);
    for expected in ["/BC-TTKC", "tháng", "TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"] {
        assert!(printed.contains(expected), "{expected:?} not in {printed}");
    }
    assert!(
        // The letterhead's date, not the appendices' decision dates ("ngày 04/02/2026").
        !printed.contains("Thanh Hóa, ngày 0") && !printed.contains("Số: 0"),
        "number and day left blank: {printed}"
    );

    for (flag, value) in [
        ("--ngay", "31/02/2027"),
        ("--so", "mười lăm"),
        ("--quyen-han", "phó"),
    ] {
        let out = run(&[
            "report", "--db", db, "--kind", "nam", "--year", "2026", flag, value, "--out", "x.pdf",
        ]);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        let message = text(&out.stderr);
        assert!(message.starts_with(flag), "{message}");
        assert_no_english(&message);
    }
}

#[test]
fn report_prints_a_saved_report_by_its_number() {
    let (dir, path) = common::temp_db();
    let db = path.to_str().expect("utf-8");
    let out = run(&["demo", "--db", db, "--establishments", "200"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 5).expect("date");
    {
        let mut service = khuyencong::service::Service::open_existing(
            &path,
            khuyencong::service::Session::for_logged_in_user(today),
        )
        .expect("open the demo");
        let mut report = service
            .create_report(khuyencong::report::ReportKind::HalfYear, 2026)
            .expect("draft");
        report.number = "12".into();
        report.date = today;
        report.date_left_blank = false;
        report.signer.authority = khuyencong::domain::report::Authority::Collective;
        report.signer.head = "Ban Giám đốc".into();
        report.signer.position = "Giám đốc".into();
        report.signer.name = "Trần Thị Mai".into();
        report.opening =
            "Thực hiện Công văn số 999/ĐCK-KC của Cục, Trung tâm báo cáo như sau:".into();
        service.save_report(&report).expect("saved");
    }
    let pdf = dir.path().join("da-luu.pdf");
    let out = run(&[
        "report",
        "--db",
        db,
        "--bao-cao",
        "12",
        "--out",
        pdf.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = pdf_text(&pdf);
    for expected in [
        "Số: 12/BC-TTKC",
        "ngày 05 tháng 01 năm 2027",
        "TM. BAN GIÁM ĐỐC",
        "Trần Thị Mai",
        "Công văn số 999/ĐCK-KC",
        "6 tháng đầu năm 2026",
    ] {
        assert!(printed.contains(expected), "{expected:?} not in {printed}");
    }

    let out = run(&["report", "--db", db, "--bao-cao", "13", "--out", "x.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Không có báo cáo số 13"),
        "{}",
        text(&out.stderr)
    );
}
