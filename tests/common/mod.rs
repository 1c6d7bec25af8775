//! Shared helpers of the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use egui_kittest::Harness;
use khuyencong::domain::unit_settings::{UnitKind, UnitSettings};
use khuyencong::store::{OpenMode, Store};
use khuyencong::ui::app::KhuyenCongApp;
use khuyencong::ui::fonts::install_fonts;

/// A fixed "today" so date rules do not drift with the calendar.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// A new database file in its own temporary folder (kept alive by the returned guard); the
/// support log of the process is moved out of the home.
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("khuyencong.db");
    // Errors a test provokes go to a support log of the tests, never the real one in the home.
    khuyencong::support_log::set_location(
        std::env::temp_dir()
            .join("khuyencong-kiem-thu")
            .join("khuyencong.log"),
    );
    (dir, path)
}

/// An open store whose unit is the Thanh Hóa provincial centre.
pub fn store_for_thanh_hoa(path: &std::path::Path) -> Store {
    let mut store = Store::open(path, OpenMode::CreateIfMissing).expect("open store");
    store
        .set_unit_settings(&UnitSettings {
            province_code: "38".into(),
            kind: UnitKind::ProvinceCentre,
            unit_name: "Trung tâm Khuyến công Thanh Hóa".into(),
            commune_code: String::new(),
        })
        .expect("unit");
    store
}

/// The whole app in a kittest harness, with the shipped fonts installed.
pub fn app_harness(app: KhuyenCongApp) -> Harness<'static, KhuyenCongApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 1000.0))
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut KhuyenCongApp| app.show(ui), app)
}

/// The app over `store`, for the person running the tests, judged on `today()`.
pub fn new_app(store: Store) -> khuyencong::service::ServiceResult<KhuyenCongApp> {
    let session = khuyencong::service::Session::for_logged_in_user(today());
    KhuyenCongApp::new(khuyencong::service::Service::new(store, session)?)
}

/// The annual report of 2026 of a demo province, as `khuyencong demo` (2.000 establishments and
/// `projects` projects over `years`, seed 1) and `khuyencong report --kind nam` make it.
pub fn demo_annual_report(
    projects: usize,
    years: (i32, i32),
) -> khuyencong::service::report_output::Rendered {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("demo.db");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).expect("date");
    khuyencong::service::demo::fill_new_file(
        &path,
        "38",
        (2_000, projects),
        years,
        1,
        false,
        today,
        |_| {},
    )
    .expect("demo database");
    let store = Store::open(&path, OpenMode::MustExist).expect("db");
    let kind = khuyencong::report::ReportKind::Year;
    let figures = khuyencong::service::report_figures::gather_figures(
        &store,
        kind,
        2026,
        kind.default_period(2026),
    )
    .expect("figures");
    let defaults = store.report_defaults().expect("defaults");
    let report = khuyencong::report::new_draft(kind, 2026, today, &defaults, &figures);
    khuyencong::service::report_output::render(&report, &figures, defaults.millions_decimals)
}
