//! The report built from a province's data, checked against the database: appendix totals
//! equal the balance the Kế hoạch & cân đối screen shows, the XLSX holds the very numbers the
//! PDF prints, a finalised report keeps its figures when the data changes, and the command
//! line writes the same files.

mod common;

use std::io::Cursor;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use khuyencong::domain::funding_source::FundingSource;
use khuyencong::report::{Cell, OfficialDocument, ReportKind, RowKind};
use khuyencong::service::report_figures::gather_figures;
use khuyencong::service::report_output::{drift_since_freeze, figures_for, freeze, render};
use khuyencong::store::{Store, StoreError};

fn province_store(path: &std::path::Path) -> Store {
    let mut store = common::store_for_thanh_hoa(path);
    khuyencong::demo::fill(&mut store, "38", 300, 3, |_| {}).expect("establishments");
    khuyencong::demo::fill_projects(&mut store, 240, (2025, 2027), 3, common::today())
        .expect("projects");
    store
}

/// The TỔNG CỘNG row of an appendix.
fn total_row(doc: &OfficialDocument, appendix: usize) -> Vec<Cell> {
    doc.appendices[appendix]
        .table
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Total)
        .expect("a total row")
        .cells
        .clone()
}

/// The row of an appendix whose label (second cell) is `label`.
fn labelled_row(doc: &OfficialDocument, appendix: usize, label: &str) -> Vec<Cell> {
    doc.appendices[appendix]
        .table
        .rows
        .iter()
        .find(|r| r.cells.get(1) == Some(&Cell::Text(label.to_owned())))
        .unwrap_or_else(|| panic!("no row {label:?}"))
        .cells
        .clone()
}

/// The index of the column headed `heading` in an appendix.
fn column_of(doc: &OfficialDocument, appendix: usize, heading: &str) -> usize {
    doc.appendices[appendix]
        .table
        .columns
        .iter()
        .position(|c| c.heading == heading)
        .unwrap_or_else(|| panic!("no column {heading:?}"))
}

fn millions(cell: &Cell) -> i64 {
    match cell {
        Cell::Millions(v) => *v,
        other => panic!("not an amount: {other:?}"),
    }
}

/// đồng → the nghìn đồng a triệu-đồng table prints, rounded half up.
fn thousands(dong: i64) -> i64 {
    (dong + 500) / 1000
}

#[test]
fn appendix_totals_equal_the_database_and_the_xlsx_holds_the_pdf_numbers() {
    let (_dir, path) = common::temp_db();
    let store = province_store(&path);
    let period = ReportKind::Year.default_period(2026);
    let figures = gather_figures(&store, ReportKind::Year, 2026, period).expect("figures");
    let balance =
        khuyencong::service::year_balance::year_balance(&store, 2026, period.1).expect("balance");
    assert!(!figures.projects.is_empty());
    assert_eq!(figures.total().planned, balance.total.planned);
    assert_eq!(figures.total().allocated, balance.total.allocated);
    assert_eq!(figures.total().disbursed, balance.total.disbursed);

    let defaults = store.report_defaults().expect("defaults");
    let report =
        khuyencong::report::new_draft(ReportKind::Year, 2026, common::today(), &defaults, &figures);
    let rendered = render(&report, &figures, defaults.millions_decimals);
    let doc = &rendered.document;
    assert_eq!(doc.appendices.len(), 3);

    // Phụ lục I is grouped by source: the support of the KCQG and KCĐP groups, and the
    // disbursed total, against the balance.
    let support = column_of(doc, 0, "Kinh phí khuyến công hỗ trợ");
    let disbursed = column_of(doc, 0, "Đã giải ngân");
    let total = total_row(doc, 0);
    let kcqg = balance.source(FundingSource::Kcqg).expect("KCQG");
    let kcdp = balance.source(FundingSource::Kcdp).expect("KCĐP");
    assert_eq!(
        millions(&labelled_row(doc, 0, "Cộng A (KCQG)")[support]),
        thousands(kcqg.allocated)
    );
    assert_eq!(
        millions(&labelled_row(doc, 0, "Cộng B (KCĐP)")[support]),
        thousands(kcdp.allocated)
    );
    assert_eq!(
        millions(&total[disbursed]),
        thousands(balance.total.disbursed)
    );
    // Every printed column adds up: the data rows of the support sum to the printed total.
    let rows_sum: i64 = doc.appendices[0]
        .table
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Data)
        .map(|r| match &r.cells[support] {
            Cell::Millions(v) => *v,
            _ => 0,
        })
        .sum();
    assert_eq!(rows_sum, millions(&total[support]));
    // Phụ lục III: kế hoạch sau điều chỉnh and giải ngân.
    let money = total_row(doc, 2);
    assert_eq!(millions(&money[5]), thousands(balance.total.planned));
    assert_eq!(millions(&money[7]), thousands(balance.total.disbursed));

    // The XLSX: every amount of the PDF's tables, cell for cell.
    let bytes = rendered.xlsx().expect("xlsx");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("read xlsx");
    for appendix in &doc.appendices {
        let sheet = book.worksheet_range(&appendix.label).expect("sheet");
        let mut amounts_in_sheet = Vec::new();
        for row in sheet.rows() {
            for cell in row {
                if let Data::Float(v) = cell {
                    amounts_in_sheet.push((v * 1000.0).round() as i64);
                }
            }
        }
        let amounts_in_pdf: Vec<i64> = appendix
            .table
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .filter_map(|c| match c {
                Cell::Millions(v) => Some(*v),
                _ => None,
            })
            .collect();
        for v in &amounts_in_pdf {
            assert!(amounts_in_sheet.contains(v), "{} lacks {v}", appendix.label);
        }
    }

    // The PDF prints the same totals (poppler, when installed).
    let pdf = rendered.pdf().expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    if let Ok(out) = Command::new("pdftotext")
        .args(["-layout", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(&pdf)?;
            child.wait_with_output()
        })
    {
        let text = String::from_utf8_lossy(&out.stdout);
        let printed = khuyencong::text::number::format_millions(millions(&total[support]));
        assert!(text.contains(&printed), "the PDF prints {printed}");
        assert!(text.contains("Kết quả thực hiện công tác khuyến công năm 2026"));
    }
}

#[test]
fn a_finalised_report_keeps_its_figures_when_the_data_changes() {
    let (_dir, path) = common::temp_db();
    let mut store = province_store(&path);
    let defaults = store.report_defaults().expect("defaults");
    assert_eq!(defaults.place, "Thanh Hóa");
    let period = ReportKind::HalfYear.default_period(2026);
    let figures = gather_figures(&store, ReportKind::HalfYear, 2026, period).expect("figures");
    let mut report = khuyencong::report::new_draft(
        ReportKind::HalfYear,
        2026,
        common::today(),
        &defaults,
        &figures,
    );
    store.save_report(&report).expect("draft saved");

    // Not complete yet: no number, no signer.
    let refused = freeze(&mut store, &report, "kiểm thử");
    assert!(refused.is_err_and(|e| e.to_string().contains("Số văn bản")));
    report.number = "15".into();
    report.signer.name = "Lê Thị Hồng Nhung".into();
    report.sections[2] = "Nguyên nhân: thời tiết bất lợi.".into();
    let frozen = freeze(&mut store, &report, "kiểm thử").expect("finalised");
    let fingerprint = frozen.frozen.as_ref().expect("frozen").fingerprint.clone();
    assert_eq!(fingerprint.len(), 10);
    let stored = store.report(report.id).expect("read").expect("found");
    assert_eq!(stored, frozen);
    assert_eq!(stored.sections[2], "Nguyên nhân: thời tiết bất lợi.");

    // Data changes after finalising: a new approved project in the period.
    let mut extra = khuyencong::domain::project::Project::new("38", 2026);
    extra.name = "Đề án bổ sung sau khi chốt".into();
    extra.content_code = "ND235-2".into();
    extra.status = khuyencong::domain::project_status::ProjectStatus::DangThucHien;
    extra.support = 123_000_000;
    extra.commune_codes = vec!["16093".into()];
    store.insert_project(extra).expect("insert");

    let printed = figures_for(&store, &stored).expect("figures");
    assert_eq!(printed, stored.frozen.as_ref().expect("frozen").figures);
    let drift = drift_since_freeze(&store, &stored)
        .expect("figures")
        .expect("today differs");
    assert!(drift.contains("đã phân bổ"), "{drift}");
    let pages = render(&stored, &printed, defaults.millions_decimals).pages;
    assert!(
        pages
            .iter()
            .flat_map(|p| p.texts())
            .any(|t| t.contains(&fingerprint)),
        "the fingerprint is printed"
    );

    // A finalised report is neither edited nor deleted.
    let mut edited = stored.clone();
    edited.sections[0] = "Sửa sau khi chốt".into();
    assert!(matches!(
        store.save_report(&edited),
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(
        store.delete_report(stored.id, stored.row_version),
        Err(StoreError::Refused(_))
    ));
    // Unfreezing is an explicit, audited save.
    let mut reopened = stored.clone();
    reopened.frozen = None;
    store.save_report(&reopened).expect("reopened");
    assert!(
        store
            .report(stored.id)
            .expect("read")
            .expect("found")
            .frozen
            .is_none()
    );
}

#[test]
fn an_empty_year_still_gives_a_report_with_zero_totals() {
    let (_dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    for kind in [ReportKind::Year, ReportKind::Registration] {
        let period = kind.default_period(2026);
        let figures = gather_figures(&store, kind, 2026, period).expect("figures");
        let report = khuyencong::report::new_draft(
            kind,
            2026,
            common::today(),
            &Default::default(),
            &figures,
        );
        let rendered = render(&report, &figures, Default::default());
        let total = total_row(&rendered.document, 0);
        assert!(total.iter().any(|c| matches!(c, Cell::Millions(_))));
        assert!(
            total
                .iter()
                .all(|c| !matches!(c, Cell::Millions(v) if *v != 0)),
            "{total:?}"
        );
        assert!(rendered.pdf().expect("pdf").starts_with(b"%PDF-"));
    }
}

#[test]
fn the_command_line_writes_the_report_and_explains_its_mistakes() {
    let (dir, path) = common::temp_db();
    drop(province_store(&path));
    let bin = env!("CARGO_BIN_EXE_khuyencong");
    let pdf = dir.path().join("bao-cao.pdf");
    let xlsx = dir.path().join("phu-luc.xlsx");
    let out = Command::new(bin)
        .args(["report", "--db"])
        .arg(&path)
        .args(["--kind", "quy", "--quarter", "3", "--year", "2026", "--out"])
        .arg(&pdf)
        .arg("--xlsx")
        .arg(&xlsx)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
    assert!(std::fs::metadata(&xlsx).expect("xlsx").len() > 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Đã ghi"));

    let registration = dir.path().join("dang-ky.pdf");
    let out = Command::new(bin)
        .args(["report", "--db"])
        .arg(&path)
        .args(["--kind", "dangky", "--year", "2027", "--out"])
        .arg(&registration)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = Command::new(bin)
        .args(["report", "--db"])
        .arg(&path)
        .args(["--kind", "quy", "--year", "2026", "--out"])
        .arg(&pdf)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--quarter"));
}
