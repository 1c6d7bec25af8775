//! The command line, run as the real binary: demo, check, backup, bang-chu, and clear
//! Vietnamese errors.

mod common;

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khuyencong"))
        .args(args)
        .output()
        .expect("run khuyencong")
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
