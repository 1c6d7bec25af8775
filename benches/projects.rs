//! Project benchmark: 20.000 projects over 200.000 establishments. Measures loading the list,
//! filtering it per keystroke and per drop-down, and opening a project form (read from the
//! database, rules run, first frame drawn). Plain `fn main()`: it measures and prints, it
//! asserts nothing about time.
//!
//!     cargo bench --bench projects
//!     KC_BENCH_ROWS=20000 KC_BENCH_PROJECTS=2000 cargo bench --bench projects   # quick run

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use khuyencong::domain::funding_source::FundingSource;
use khuyencong::domain::project_status::ProjectStatus;
use khuyencong::service::{Service, Session};
use khuyencong::store::{OpenMode, Store};
use khuyencong::ui::app::KhuyenCongApp;
use khuyencong::ui::fonts::install_fonts;
use khuyencong::ui::project_form::ProjectForm;
use khuyencong::ui::project_view::{ProjectFilter, ProjectView};

const TARGET_FILTER_MS: f64 = 30.0;
const TARGET_OPEN_MS: f64 = 50.0;
const QUERIES: [&str; 4] = ["may moc thiet bi", "nuoc mam", "da-2024-01", "hoang hoa"];

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('.', "").parse().ok())
        .unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn summary(label: &str, mut samples: Vec<f64>, target: Option<f64>) {
    samples.sort_by(f64::total_cmp);
    let n = samples.len().max(1);
    let median = samples.get(n / 2).copied().unwrap_or_default();
    let max = samples.last().copied().unwrap_or_default();
    let target = target.map_or(String::new(), |t| format!(" (mục tiêu ≤ {t} ms)"));
    println!("{label}: trung vị {median:.2} ms, lớn nhất {max:.2} ms, {n} lần{target}");
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn data_set(rows: usize, projects: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let path = dir.join(format!("projects-{rows}-{projects}.db"));
    if !path.exists() {
        let _ = std::fs::create_dir_all(&dir);
        let started = Instant::now();
        let mut store = Store::open(&path, OpenMode::CreateIfMissing).expect("create data set");
        khuyencong::demo::fill(&mut store, "38", rows, 42, |_| {}).expect("establishments");
        khuyencong::demo::fill_projects(&mut store, projects, (2021, 2026), 42, today())
            .expect("projects");
        println!(
            "tạo dữ liệu: {rows} cơ sở, {projects} đề án trong {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    path
}

fn main() {
    let rows = env_number("KC_BENCH_ROWS", 200_000);
    let projects = env_number("KC_BENCH_PROJECTS", 20_000);
    let path = data_set(rows, projects);
    let store = Store::open(&path, OpenMode::MustExist).expect("open");
    println!("Đề án — {projects} đề án, {rows} cơ sở (release)");

    let started = Instant::now();
    let summaries = store.project_summaries().expect("list");
    let load_list = started.elapsed();
    let started = Instant::now();
    let mut view = ProjectView::new(summaries);
    let build_view = started.elapsed();
    println!(
        "nạp danh sách: truy vấn {:.0} ms, dựng bảng {:.0} ms, {} dòng",
        ms(load_list),
        ms(build_view),
        view.total()
    );

    // Search, one keystroke at a time.
    let mut samples = Vec::new();
    for q in QUERIES {
        for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let started = Instant::now();
            view.set_filter(ProjectFilter {
                query: q[..end].to_owned(),
                ..ProjectFilter::default()
            });
            samples.push(ms(started.elapsed()));
            black_box(view.visible_len());
        }
    }
    summary(
        "lọc theo chữ gõ (mỗi phím)",
        samples,
        Some(TARGET_FILTER_MS),
    );

    // Drop-down filters, with their totals.
    let mut samples = Vec::new();
    for year in 2021..=2026 {
        for source in [None, Some(FundingSource::Kcqg), Some(FundingSource::Kcdp)] {
            for status in [None, Some(ProjectStatus::DangThucHien)] {
                let started = Instant::now();
                view.set_filter(ProjectFilter {
                    year: Some(year),
                    source,
                    status,
                    ..ProjectFilter::default()
                });
                black_box(view.totals());
                samples.push(ms(started.elapsed()));
            }
        }
    }
    summary(
        "lọc theo năm/nguồn/trạng thái (kèm tổng)",
        samples,
        Some(TARGET_FILTER_MS),
    );

    // Opening a project: read, check the rules, build the form.
    let service = Service::new(store, Session::for_logged_in_user(today())).expect("service");
    view.set_filter(ProjectFilter::default());
    let ids: Vec<uuid::Uuid> = (0..view.visible_len())
        .step_by((view.visible_len() / 200).max(1))
        .filter_map(|i| view.visible_row(i).map(|s| s.id))
        .collect();
    let mut samples = Vec::new();
    for id in &ids {
        let started = Instant::now();
        let opened = service.open_project(*id).expect("read");
        let issues = service.project_issues(&opened.project).expect("rules");
        let form = ProjectForm::edit(opened.project, opened.attachments, opened.history, today());
        samples.push(ms(started.elapsed()));
        black_box((form, issues));
    }
    summary(
        "mở đề án (đọc + kiểm tra quy tắc)",
        samples,
        Some(TARGET_OPEN_MS),
    );
    drop(service);

    // The same through the window: Ctrl+2, ↓, Enter; the frame that opens the form.
    let store = Store::open(&path, OpenMode::MustExist).expect("open");
    let service = Service::new(store, Session::for_logged_in_user(today())).expect("service");
    let app = KhuyenCongApp::new(service).expect("app");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut KhuyenCongApp| app.show(ui), app);
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.step();
    h.step();
    let mut samples = Vec::new();
    for _ in 0..30 {
        h.key_press(Key::ArrowDown);
        h.step();
        h.key_press(Key::Enter);
        let started = Instant::now();
        h.step();
        samples.push(ms(started.elapsed()));
        assert!(h.state().project_form().is_some(), "the form opened");
        h.key_press(Key::Escape);
        h.step();
        h.step();
    }
    summary(
        "mở đề án trong cửa sổ (khung hình mở biểu mẫu)",
        samples,
        Some(TARGET_OPEN_MS),
    );
}
