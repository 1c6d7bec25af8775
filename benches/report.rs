//! Report benchmark: the annual report of a province whose Phụ lục I lists 2.000 đề án, built
//! from a demo database the way the Báo cáo screen and `khuyencong report` build it — figures
//! read from the store, the document laid out, written as PDF and as XLSX (targets: PDF ≤ 1 s,
//! XLSX ≤ 1 s). Plain `fn main()`: it measures and prints, it asserts nothing about time.
//!
//!     cargo bench --bench report

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use khuyencong::report::ReportKind;
use khuyencong::service::report_output::render;
use khuyencong::store::{OpenMode, Store};

const PROJECTS: usize = 2_000;
const ESTABLISHMENTS: usize = 20_000;
const RUNS: usize = 5;

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 20).expect("date");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store =
        Store::open(&dir.path().join("bench.db"), OpenMode::CreateIfMissing).expect("store");
    khuyencong::demo::fill(&mut store, "38", ESTABLISHMENTS, 11, |_| {}).expect("establishments");
    khuyencong::demo::fill_projects(&mut store, PROJECTS, (2026, 2026), 11, today)
        .expect("projects");
    let kind = ReportKind::Year;
    let period = kind.default_period(2026);
    let defaults = store.report_defaults().expect("defaults");

    let (mut gather, mut lay, mut pdf_ms, mut xlsx_ms) = (vec![], vec![], vec![], vec![]);
    let (mut pages, mut rows, mut pdf_bytes, mut xlsx_bytes) = (0, 0, 0, 0);
    for _ in 0..RUNS {
        let start = Instant::now();
        let figures = black_box(khuyencong::service::report_figures::gather_figures(
            &store, kind, 2026, period,
        ))
        .expect("figures");
        gather.push(ms(start));
        let report = khuyencong::report::new_draft(kind, 2026, today, &defaults, &figures);
        let start = Instant::now();
        let rendered = black_box(render(&report, &figures, defaults.millions_decimals));
        lay.push(ms(start));
        let start = Instant::now();
        let pdf = black_box(rendered.pdf().expect("pdf"));
        pdf_ms.push(ms(start));
        let start = Instant::now();
        let xlsx = black_box(rendered.xlsx().expect("xlsx"));
        xlsx_ms.push(ms(start));
        pages = rendered.pages.len();
        rows = figures.projects.len();
        pdf_bytes = pdf.len();
        xlsx_bytes = xlsx.len();
    }
    let (gather, lay, pdf_ms, xlsx_ms) =
        (median(gather), median(lay), median(pdf_ms), median(xlsx_ms));
    println!("Báo cáo năm 2026 — Phụ lục I với {rows} đề án (release, trung vị {RUNS} lần)");
    println!("đọc số liệu từ tệp dữ liệu: {gather:.1} ms");
    println!("dựng văn bản và bố cục trang: {lay:.1} ms");
    println!(
        "ghi PDF: {pdf_ms:.1} ms ({pages} trang, {} KB)",
        pdf_bytes / 1024
    );
    println!("ghi XLSX: {xlsx_ms:.1} ms ({} KB)", xlsx_bytes / 1024);
    println!(
        "PDF từ đầu đến cuối: {:.1} ms (mục tiêu ≤ 1.000 ms); XLSX từ đầu đến cuối: {:.1} ms \
         (mục tiêu ≤ 1.000 ms)",
        gather + lay + pdf_ms,
        gather + lay + xlsx_ms
    );
}
