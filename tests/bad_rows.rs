//! One bad row is one finding, not a locked file: each kind of bad value, written around the app
//! with raw SQL, is listed by `check` (service and binary) with its record, the file is not
//! called sound, the rest of the file still opens, and lists and figures say what they left out.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use egui_kittest::kittest::Queryable;
use khuyencong::service::{Service, Session};

/// Words of SQLite's and serde's English that must never reach the user.
const ENGLISH: &[&str] = &[
    "Conversion error",
    "error",
    "Error",
    "invalid",
    "expected",
    "column",
    "NULL",
];

fn no_english(text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "English «{word}» in:\n{text}");
    }
}

/// A file made by the app (the demo, through the service), copied once per case.
fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("khuyencong.db");
    let out = Command::new(env!("CARGO_BIN_EXE_khuyencong"))
        .args([
            "demo",
            "--db",
            path.to_str().expect("utf-8"),
            "--establishments",
            "60",
            "--seed",
            "7",
        ])
        .output()
        .expect("run demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

fn service(path: &Path) -> Service {
    Service::open_existing(path, Session::for_logged_in_user(common::today()))
        .expect("the file still opens with a bad row in it")
}

fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("raw connection")
}

fn one(conn: &rusqlite::Connection, sql: &str) -> String {
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

/// What `khuyencong check` prints and its exit code.
fn cli_check(path: &Path) -> (Option<i32>, String, serde_json::Value) {
    let db = path.to_str().expect("utf-8");
    let out = Command::new(env!("CARGO_BIN_EXE_khuyencong"))
        .args(["check", "--db", db])
        .output()
        .expect("run check");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let json = Command::new(env!("CARGO_BIN_EXE_khuyencong"))
        .args(["check", "--db", db, "--json"])
        .output()
        .expect("run check --json");
    let json = serde_json::from_slice(&json.stdout).expect("check --json prints JSON");
    (out.status.code(), text, json)
}

/// One kind of bad data: how to write it, the record `check` must name and what it must say.
struct Case {
    name: &'static str,
    /// Writes the bad value; returns the record's name as `check` shows it.
    write: fn(&rusqlite::Connection) -> String,
    says: &'static str,
    /// Which list leaves the row out: establishments, projects, or neither.
    list: List,
    /// Whether the balance is computed without the row.
    in_balance: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum List {
    Registry,
    Projects,
    Reports,
    None,
}

fn first_payment(c: &rusqlite::Connection) -> (String, String) {
    let id = one(c, "SELECT id FROM payment ORDER BY rowid LIMIT 1");
    let code = one(
        c,
        &format!(
            "SELECT p.code FROM project p JOIN payment c ON c.project_id = p.id WHERE c.id = '{id}'"
        ),
    );
    (id, code)
}

fn first_budget_line(c: &rusqlite::Connection) -> String {
    one(c, "SELECT id FROM budget_line ORDER BY rowid LIMIT 1")
}

const CASES: &[Case] = &[
    Case {
        name: "mã không có trong danh mục",
        write: |c| {
            c.execute(
                "UPDATE establishment SET legal_form = 'XYZ' WHERE code = 'CS-000003'",
                [],
            )
            .expect("write");
            "CS-000003".into()
        },
        says: "mã loại hình 'XYZ' không có trong danh mục",
        list: List::Registry,
        in_balance: false,
    },
    Case {
        name: "JSON hỏng",
        write: |c| {
            let code = one(c, "SELECT code FROM project ORDER BY code LIMIT 1");
            c.execute(
                "UPDATE project SET outputs = '[{hỏng' WHERE code = ?1",
                [&code],
            )
            .expect("write");
            code
        },
        says: "dữ liệu JSON bị hỏng",
        list: List::Projects,
        in_balance: true,
    },
    Case {
        name: "UUID hỏng",
        write: |c| {
            c.execute(
                "UPDATE establishment SET id = 'không-phải-uuid' WHERE code = 'CS-000004'",
                [],
            )
            .expect("write");
            "CS-000004".into()
        },
        says: "mã định danh không đúng dạng UUID",
        list: List::Registry,
        in_balance: false,
    },
    Case {
        name: "NULL ở trường bắt buộc",
        write: |c| {
            // Another tool's table without the NOT NULL (STRICT still checks the type).
            c.execute_batch(
                "PRAGMA writable_schema = ON;
                 UPDATE sqlite_schema SET sql = replace(sql,
                    'representative          TEXT NOT NULL',
                    'representative          TEXT')
                 WHERE name = 'establishment';
                 PRAGMA writable_schema = OFF;",
            )
            .expect("schema");
            // The schema is read again by a new connection.
            let again = rusqlite::Connection::open(c.path().expect("file path")).expect("reopen");
            again
                .execute(
                    "UPDATE establishment SET representative = NULL WHERE code = 'CS-000005'",
                    [],
                )
                .expect("write");
            "CS-000005".into()
        },
        says: "bỏ trống ở trường bắt buộc",
        list: List::Registry,
        in_balance: false,
    },
    Case {
        name: "ngày hỏng",
        write: |c| {
            let (id, code) = first_payment(c);
            c.execute(
                "UPDATE payment SET date = '31/02/2026' WHERE id = ?1",
                [&id],
            )
            .expect("write");
            code
        },
        says: "không phải là ngày",
        list: List::None,
        in_balance: true,
    },
    Case {
        name: "bản ghi mồ côi",
        write: |c| {
            // Another tool, without the app's foreign keys.
            c.execute_batch("PRAGMA foreign_keys = OFF;")
                .expect("pragma");
            c.execute(
                "INSERT INTO payment(id, project_id, kind, date, amount, source, document_no, note, position)
                 SELECT '6f1c1f7e-0000-4000-8000-000000000001', '6f1c1f7e-0000-4000-8000-0000000000ff',
                        kind, date, amount, source, document_no, note, 99
                 FROM payment LIMIT 1",
                [],
            )
            .expect("write");
            "6f1c1f7e-0000-4000-8000-000000000001".into()
        },
        says: "không còn",
        list: List::None,
        in_balance: false,
    },
    Case {
        name: "cài đặt hỏng",
        write: |c| {
            c.execute(
                "INSERT OR REPLACE INTO setting(key, value) VALUES ('report_defaults', '{hỏng')",
                [],
            )
            .expect("write");
            "report_defaults".into()
        },
        says: "dữ liệu JSON bị hỏng",
        list: List::None,
        in_balance: false,
    },
    Case {
        name: "báo cáo đã lưu hỏng",
        write: |c| {
            c.execute(
                "INSERT INTO report(id, kind, year, body, created_at, updated_at)
                 VALUES ('6f1c1f7e-0000-4000-8000-000000000002', 'nam', 2026, '{\"so\": ', 'x', 'x')",
                [],
            )
            .expect("write");
            "2026 / 6f1c1f7e-0000-4000-8000-000000000002".into()
        },
        says: "dữ liệu JSON bị hỏng",
        list: List::Reports,
        in_balance: false,
    },
    Case {
        name: "ký tự điều khiển và đổi chiều",
        write: |c| {
            c.execute(
                "UPDATE establishment SET name = 'Cơ sở ' || char(8238) || 'gnốG' WHERE code = 'CS-000006'",
                [],
            )
            .expect("write");
            "CS-000006".into()
        },
        says: "ký tự ẩn U+202E",
        list: List::None,
        in_balance: false,
    },
    Case {
        name: "số tiền vượt giới hạn",
        write: |c| {
            let id = first_budget_line(c);
            c.execute(
                "UPDATE budget_line SET amount = 9000000000000000000 WHERE id = ?1",
                [&id],
            )
            .expect("write");
            id
        },
        says: "số tiền vượt giới hạn",
        list: List::None,
        in_balance: true,
    },
    Case {
        name: "số tiền âm",
        write: |c| {
            let (id, code) = first_payment(c);
            c.execute_batch("PRAGMA ignore_check_constraints = ON;")
                .expect("pragma");
            c.execute("UPDATE payment SET amount = -5000000 WHERE id = ?1", [&id])
                .expect("write");
            code
        },
        says: "số tiền âm",
        list: List::None,
        in_balance: true,
    },
];

#[test]
fn each_kind_of_bad_row_is_one_finding_with_its_record() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clean = demo_file(dir.path());
    let before = service(&clean);
    assert!(
        before.data_problems().expect("scan").is_empty(),
        "the demo is clean"
    );
    let check = before.check().expect("check");
    assert!(check.sound, "{}", check.to_text());
    let registry = before.establishment_summaries().expect("list").len();
    let projects = before.project_summaries().expect("list").len();
    let year = chrono::Datelike::year(&common::today());
    drop(before);

    for (n, case) in CASES.iter().enumerate() {
        let path = dir.path().join(format!("truong-hop-{n}.db"));
        std::fs::copy(&clean, &path).expect("copy");
        let record = (case.write)(&raw(&path));

        // The service opens the file and its check names the record.
        let service = service(&path);
        let report = service.check().expect("check runs over a bad row");
        let text = report.to_text();
        assert!(!report.sound, "{}: {text}", case.name);
        assert!(
            text.contains(&record),
            "{}: {record} not in\n{text}",
            case.name
        );
        assert!(
            text.contains(case.says),
            "{}: «{}» not in\n{text}",
            case.name,
            case.says
        );
        assert!(text.contains("Kết luận: tệp có lỗi"), "{}", case.name);
        no_english(&text);

        // The binary says the same, with exit code 1, and its JSON carries it.
        let (code, cli_text, json) = cli_check(&path);
        assert_eq!(code, Some(1), "{}: {cli_text}", case.name);
        assert!(cli_text.contains(&record), "{}: {cli_text}", case.name);
        assert!(cli_text.contains(case.says), "{}: {cli_text}", case.name);
        no_english(&cli_text);
        assert_eq!(json["sound"], false);
        let listed = ["data_problems", "orphans", "foreign_key_violations"]
            .iter()
            .flat_map(|k| json[k].as_array().cloned().unwrap_or_default())
            .any(|p| p["record"].as_str().is_some_and(|r| r.contains(&record)));
        assert!(listed, "{}: not in the JSON {json}", case.name);

        // The lists load, without the bad row, and say how many they left out.
        let now_registry = service.establishment_summaries().expect("registry loads");
        let now_projects = service.project_summaries().expect("projects load");
        let reports = service.reports().expect("reports load");
        match case.list {
            List::Registry => {
                assert_eq!(now_registry.len(), registry - 1, "{}", case.name);
                assert_eq!(
                    service.registry_left_out().expect("count"),
                    1,
                    "{}",
                    case.name
                );
            }
            List::Projects => {
                // The list's summary does not read the JSON columns; whole projects (check,
                // figures, the form) are read without it.
                assert_eq!(now_projects.len(), projects, "{}", case.name);
                assert_eq!(report.projects_checked, projects - 1, "{}", case.name);
                assert_eq!(
                    service.projects_left_out().expect("count"),
                    1,
                    "{}",
                    case.name
                );
            }
            List::Reports => assert!(reports.is_empty(), "{}", case.name),
            List::None => {
                assert_eq!(now_registry.len(), registry, "{}", case.name);
                assert_eq!(
                    service.registry_left_out().expect("count"),
                    0,
                    "{}",
                    case.name
                );
            }
        }

        // The balance is computed, and says when it was computed without rows.
        let balance = service.balance_report(year).expect("balance runs");
        let balance_text = balance.to_text();
        if case.in_balance {
            assert_eq!(balance.left_out, 1, "{}", case.name);
            assert!(
                balance_text.contains("1 bản ghi bị lỗi không được tính; xem Dữ liệu cần sửa"),
                "{}: {balance_text}",
                case.name
            );
        } else {
            assert_eq!(balance.left_out, 0, "{}", case.name);
            assert!(!balance_text.contains("bản ghi bị lỗi"), "{}", case.name);
        }
        no_english(&balance_text);
    }
}

/// The scan runs at every start, so it must be quick at province scale. Run by hand on a copy of
/// the bench file: `KC_SCAN_DB=/tmp/copy.db cargo test --release --test bad_rows -- --ignored`.
#[test]
#[ignore = "needs a province-scale file named by KC_SCAN_DB"]
fn the_scan_is_quick_on_a_province_file() {
    let path = PathBuf::from(std::env::var("KC_SCAN_DB").expect("KC_SCAN_DB names a file"));
    let service = service(&path);
    let started = std::time::Instant::now();
    let problems = service.data_problems().expect("scan");
    let took = started.elapsed();
    println!(
        "quét {} bản ghi lỗi trong {:.2} s",
        problems.len(),
        took.as_secs_f64()
    );
    assert!(took.as_secs() < 10, "the scan took {took:?}");
}

/// Tổng quan shows "Dữ liệu cần sửa": every problem with its record, and the warning that the
/// year's figures were computed without a row; a clean file says it is clean.
#[test]
fn the_overview_lists_the_data_to_fix() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = demo_file(dir.path());
    let shows = |path: &Path, label: &str| {
        let store = khuyencong::store::Store::open(path, khuyencong::store::OpenMode::MustExist)
            .expect("open");
        let mut h = common::app_harness(common::new_app(store).expect("app"));
        h.run();
        h.query_by_label(label).is_some()
    };
    assert!(shows(&path, "Dữ liệu sạch: không có bản ghi nào cần sửa."));

    let c = raw(&path);
    c.execute(
        "UPDATE establishment SET legal_form = 'XYZ' WHERE code = 'CS-000003'",
        [],
    )
    .expect("write");
    let line = first_budget_line(&c);
    c.execute(
        "UPDATE budget_line SET amount = 9000000000000000000 WHERE id = ?1",
        [&line],
    )
    .expect("write");
    drop(c);
    assert!(shows(
        &path,
        "Danh sách cơ sở và đề án: 1 bản ghi bị lỗi không được tính; xem Dữ liệu cần sửa."
    ));
    assert!(shows(&path, "Dữ liệu cần sửa"));
    assert!(shows(&path, "CS-000003"));
    assert!(shows(&path, "mã loại hình 'XYZ' không có trong danh mục"));
    assert!(shows(
        &path,
        "1 bản ghi bị lỗi không được tính; xem Dữ liệu cần sửa."
    ));
    assert!(shows(
        &path,
        "2 bản ghi bị lỗi không được tính; xem Dữ liệu cần sửa."
    ));
}

/// Opening the bad record itself says, in Vietnamese, which record and where to look.
#[test]
fn opening_the_bad_record_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = demo_file(dir.path());
    let c = raw(&path);
    c.execute(
        "UPDATE establishment SET legal_form = 'XYZ' WHERE code = 'CS-000003'",
        [],
    )
    .expect("write");
    let id: uuid::Uuid = one(&c, "SELECT id FROM establishment WHERE code = 'CS-000003'")
        .parse()
        .expect("uuid");
    drop(c);
    let message = service(&path)
        .establishment(id)
        .expect_err("the record cannot be read")
        .to_string();
    assert!(message.contains(&id.to_string()), "{message}");
    assert!(message.contains("xem Dữ liệu cần sửa"), "{message}");
    no_english(&message);
}

/// `balance` and `report` on a file with an unreadable budget line: both still run and both say
/// a row was left out of their figures.
#[test]
fn balance_and_report_say_rows_were_left_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = demo_file(dir.path());
    let c = raw(&path);
    let line = first_budget_line(&c);
    c.execute(
        "UPDATE budget_line SET amount = 9000000000000000000 WHERE id = ?1",
        [&line],
    )
    .expect("write");
    drop(c);
    let db = path.to_str().expect("utf-8");
    let pdf = dir.path().join("bao-cao.pdf");
    for args in [
        vec!["balance", "--db", db, "--year", "2026"],
        vec![
            "report",
            "--db",
            db,
            "--kind",
            "nam",
            "--year",
            "2026",
            "--out",
            pdf.to_str().expect("utf-8"),
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_khuyencong"))
            .args(&args)
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{}: {text}", args[0]);
        assert!(
            text.contains("1 bản ghi bị lỗi không được tính; xem Dữ liệu cần sửa"),
            "{}: {text}",
            args[0]
        );
        assert!(!text.contains("446.744"), "no overflowed plan: {text}");
        no_english(&text);
    }
}

#[test]
fn a_broken_code_counter_and_an_attachment_leaving_its_folder_are_findings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = demo_file(dir.path());
    {
        let c = raw(&path);
        c.execute(
            "UPDATE setting SET value = '{hỏng' WHERE key = 'establishment.next_number'",
            [],
        )
        .expect("break the counter");
        c.execute(
            "INSERT INTO attachment (id, project_id, file_name, stored_name, added_at)
             SELECT '01900000-0000-7000-8000-000000000001', id, 'QĐ phê duyệt.pdf',
                    '../evil.sh', '2026-01-05'
             FROM project WHERE deleted_at IS NULL ORDER BY code LIMIT 1",
            [],
        )
        .expect("an attachment pointing out of ho-so");
    }
    let (code, text, _) = cli_check(&path);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("establishment.next_number"), "{text}");
    assert!(text.contains("số nguyên dương"), "{text}");
    assert!(text.contains("QĐ phê duyệt.pdf"), "{text}");
    assert!(text.contains("../evil.sh"), "{text}");
    assert!(!text.contains("tệp tốt"), "{text}");
    no_english(&text);
    // The rest of the file still opens.
    let service = service(&path);
    assert!(service.data_problems().expect("scan").len() >= 2);
}
