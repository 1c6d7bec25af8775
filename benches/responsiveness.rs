//! Responsiveness benchmark: how long the UI thread stalls, frame by frame, when a user works
//! through the app on a province's database (200.000 cơ sở, 20.000 đề án): building the app
//! and its first frame, every screen switch by Ctrl+0…5, the budget and report actions,
//! backup and restore. Plain `fn main()`: it measures and prints, it asserts nothing about
//! time.
//!
//!     cargo bench --bench responsiveness
//!     KC_BENCH_ROWS=20000 KC_BENCH_PROJECTS=2000 cargo bench --bench responsiveness   # quick
//!
//! The UI is driven only through what a user sees: visible labels (as the UI tests find them)
//! and keyboard shortcuts. A step whose label is not on the screen is reported as skipped, so
//! the bench keeps running while the screens change (for instance when a screen starts to
//! load on a worker thread and shows "Đang …" first).
//!
//! A frame is one egui frame of the `egui_kittest::Harness` (egui pass with the app's code,
//! AccessKit tree, kittest's bookkeeping), timed on the wall clock. One `Harness::step` runs
//! a frame per queued input event (a click is three: move, press, release), so each step is
//! split into its frames by marks the app closure leaves at the start of every frame. No GPU
//! work is included. "until shown" runs from the action to the end of the step whose frames
//! first show the expected text (found with `query_by_label_contains`), sleeps included when
//! egui waits for a worker thread or a timer.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use khuyencong::service::Session;
use khuyencong::store::{OpenMode, Store};
use khuyencong::text::number::format_integer;
use khuyencong::ui::app::AppWindow;
use khuyencong::ui::file_picker::FilePicker;
use khuyencong::ui::fonts::install_fonts;
use khuyencong::ui::style::apply_style;

/// A frame longer than this is a visible stall.
const BUDGET_MS: f64 = 50.0;
const SCREEN: egui::Vec2 = egui::vec2(1280.0, 800.0);
/// At most this many frames are stepped after an action while waiting for its result.
const MAX_FRAMES: usize = 5_000;
/// …and at most this long.
const MAX_WAIT: Duration = Duration::from_secs(60);
const YEAR: i32 = 2026;

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

fn today() -> BenchResult<chrono::NaiveDate> {
    Ok(chrono::NaiveDate::from_ymd_opt(YEAR, 11, 23).ok_or("date")?)
}

fn env_number(name: &str, default: usize) -> BenchResult<usize> {
    match std::env::var(name) {
        Ok(v) => Ok(v.trim().replace(['.', '_'], "").parse()?),
        Err(_) => Ok(default),
    }
}

fn main() -> BenchResult<()> {
    let wall = Instant::now();
    let rows = env_number("KC_BENCH_ROWS", 200_000)?;
    let projects = env_number("KC_BENCH_PROJECTS", 20_000)?;
    let today = today()?;

    // The cached data set is the one benches/projects.rs makes for the same sizes. The bench
    // works on a copy: it adds a dự toán line, reports and backups, and restores a backup.
    let cached = data_path(rows, projects);
    let generated = ensure_data(&cached, rows, projects, today)?;
    let work = tempfile::Builder::new()
        .prefix("responsiveness-")
        .tempdir_in(cached.parent().ok_or("data folder")?)?;
    let path = work.path().join("khuyencong.db");
    let t = Instant::now();
    std::fs::copy(&cached, &path)?;
    let copied = t.elapsed();
    let db_mb = mb(std::fs::metadata(&path)?.len());

    heading(&format!(
        "Responsiveness benchmark — {} cơ sở, {} đề án (release, {} cores)",
        format_integer(rows as i64),
        format_integer(projects as i64),
        cores()
    ));
    println!("data: {} ({db_mb:.0} MB)", cached.display());
    match generated {
        Some(d) => println!(
            "      generated now by demo::fill + demo::fill_projects in {}",
            secs(d)
        ),
        None => println!("      reused (delete it to regenerate)"),
    }
    println!(
        "      the bench works on a copy in {} (copied in {}; removed at the end)",
        work.path().display(),
        secs(copied)
    );
    println!("machine: {}, {} cores", cpu_model(), cores());
    println!(
        "note: a frame is the wall time of one egui_kittest frame (egui pass + AccessKit), CPU \
         only; no GPU upload or rasterisation.\n      The DB file is in the OS page cache \
         (warm start). Budget per frame: {BUDGET_MS} ms."
    );

    let mut table = Table::default();

    // 1. Start as the window starts: the first frame at once, the file opened (with the
    //    start-up backup) and the lists read on a worker thread, then Tổng quan.
    let t = Instant::now();
    let window = AppWindow::opening(path.clone(), Session::for_logged_in_user(today))
        .with_file_picker(Box::new(NoDialogs));
    table.single("1. AppWindow::opening", t.elapsed());
    let mut b = Bench::start(window, &mut table)?;
    b.settle_row(
        &mut table,
        "1. frames after start until the registry is usable",
        &["Cơ sở CNNT"],
    );
    b.settle_row(
        &mut table,
        "1. frames after start until Tổng quan shows",
        &[&format!("Tổng quan kinh phí khuyến công năm {YEAR}")],
    );

    // 2. Screen switches, twice: the first visit of a screen may load more than the next.
    let screens = screens(rows, projects);
    for round in ["first visit", "again"] {
        for (key, name, marker) in &screens {
            let action = format!("2. Ctrl+{} → {name} ({round})", key_digit(*key));
            b.key(Modifiers::COMMAND, *key);
            b.settle_row(&mut table, &action, &[marker]);
        }
    }

    // 3. Kế hoạch & cân đối: the year, then a dự toán line through the form.
    b.key(Modifiers::COMMAND, Key::Num3);
    b.settle_row(
        &mut table,
        "3. Ctrl+3 → Kế hoạch & cân đối",
        &["Cân đối kinh phí năm"],
    );
    // The year field is a DragValue: click it, type the year, Enter (all frames counted).
    for (year, what) in [(YEAR - 1, "previous"), (YEAR, "back")] {
        let action = format!("3. year → {year} ({what}; click Năm kế hoạch, type, Enter)");
        if b.with_node("Năm kế hoạch:", |n| n.click()) {
            b.key(Modifiers::COMMAND, Key::A);
            b.type_text(&year.to_string());
            b.key(Modifiers::NONE, Key::Enter);
            b.settle_row(
                &mut table,
                &action,
                &[&format!("Cân đối kinh phí năm {year}")],
            );
        } else {
            table.skipped(&action, "label “Năm kế hoạch:” not found");
        }
    }
    let decision = "9999/QĐ-UBND-BENCH";
    let typed = b.fill(&[
        ("số QĐ", decision),
        ("ngày QĐ", "05/01/2026"),
        ("cơ quan giao", "UBND tỉnh Thanh Hóa"),
        ("số tiền (đồng)", "250000000"),
    ]);
    table.outcome("3. typing the dự toán form (4 fields)", typed);
    b.click_row(
        &mut table,
        "3. click “Thêm dự toán”",
        "Thêm dự toán",
        &[decision],
    );

    // 4. Báo cáo: create the annual report, fill number and signer, save, open, finalise.
    b.key(Modifiers::COMMAND, Key::Num4);
    b.settle_row(&mut table, "4. Ctrl+4 → Báo cáo", &["Báo cáo đã lưu"]);
    b.click_row(
        &mut table,
        &format!("4. click “Tạo báo cáo” (năm {YEAR})"),
        "Tạo báo cáo",
        &["Trang 1/"],
    );
    let typed = b.fill(&[("Số", "15"), ("Họ tên người ký", "Lê Thị Hồng Nhung")]);
    table.outcome("4. typing Số and Họ tên người ký", typed);
    b.click_row(&mut table, "4. click “Lưu”", "Lưu", &["Đã lưu báo cáo"]);
    let opened = b.with_node_containing("Số: 15/", |n| n.click());
    if opened {
        b.settle_row(
            &mut table,
            "4. open the saved report (list entry)",
            &["Trang 1/"],
        );
    } else {
        table.skipped(
            "4. open the saved report (list entry)",
            "no entry “… Số: 15/…” in the list",
        );
    }
    b.click_row(
        &mut table,
        "4. click “Chốt báo cáo”",
        "Chốt báo cáo",
        // Finalised, or refused with the missing fields named.
        &["Đã chốt lúc", "trước khi chốt", "chưa nhập", "Kỳ số liệu:"],
    );

    // 5. Cài đặt: back up now, then restore the newest backup after confirming.
    b.key(Modifiers::COMMAND, Key::Num5);
    b.settle_row(&mut table, "5. Ctrl+5 → Cài đặt", &["Sao lưu và khôi phục"]);
    b.click_row(
        &mut table,
        "5. click “Sao lưu ngay”",
        "Sao lưu ngay",
        &["Đã sao lưu vào"],
    );
    let asked = b.with_node("Khôi phục…", |n| n.click());
    if asked {
        b.settle_row(
            &mut table,
            "5. click “Khôi phục…” (newest backup)",
            &["Khôi phục dữ liệu?"],
        );
        b.click_row(
            &mut table,
            "5. confirm “Khôi phục”",
            "Khôi phục",
            &["Đã khôi phục dữ liệu"],
        );
    } else {
        table.skipped("5. click “Khôi phục…” (newest backup)", "no backup listed");
    }
    b.key(Modifiers::COMMAND, Key::Num1);
    b.settle_row(
        &mut table,
        "5. Ctrl+1 → Cơ sở CNNT (after restore)",
        &[&format!("/ {} cơ sở", format_integer(rows as i64))],
    );

    heading(&format!(
        "UI-thread stalls — {} cơ sở, {} đề án (release, {} cores)",
        format_integer(rows as i64),
        format_integer(projects as i64),
        cores()
    ));
    table.print();
    let (rss, hwm) = memory_mb();
    let hwm_note = if generated.is_some() {
        " (HWM includes generating the data set in this process)"
    } else {
        ""
    };
    println!("\nmemory at the end: VmRSS {rss:.0} MB, VmHWM {hwm:.0} MB{hwm_note}");
    drop(b);
    drop(work);
    println!("bench wall time {}", secs(wall.elapsed()));
    Ok(())
}

/// The screens in shortcut order, each with a text that appears once its content is there.
fn screens(rows: usize, projects: usize) -> Vec<(Key, &'static str, String)> {
    vec![
        (
            Key::Num1,
            "Cơ sở CNNT",
            format!("/ {} cơ sở", format_integer(rows as i64)),
        ),
        (
            Key::Num2,
            "Đề án",
            format!("/ {} đề án", format_integer(projects as i64)),
        ),
        (
            Key::Num3,
            "Kế hoạch & cân đối",
            format!("Cân đối kinh phí năm {YEAR}"),
        ),
        (Key::Num4, "Báo cáo", "Báo cáo đã lưu".to_owned()),
        (Key::Num5, "Cài đặt", "Sao lưu và khôi phục".to_owned()),
        (
            Key::Num0,
            "Tổng quan",
            format!("Tổng quan kinh phí khuyến công năm {YEAR}"),
        ),
    ]
}

fn key_digit(key: Key) -> &'static str {
    match key {
        Key::Num0 => "0",
        Key::Num1 => "1",
        Key::Num2 => "2",
        Key::Num3 => "3",
        Key::Num4 => "4",
        Key::Num5 => "5",
        _ => "?",
    }
}

/// Never opens a system dialog (nothing in this bench should ask for one).
struct NoDialogs;

impl FilePicker for NoDialogs {
    fn pick_attachment(&self) -> Option<PathBuf> {
        None
    }

    fn save_as(&self, _title: &str, _default_name: &str, _extension: &str) -> Option<PathBuf> {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Data set

/// `target/bench-data/projects-200000-20000.db`, the file benches/projects.rs makes.
fn data_path(rows: usize, projects: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data")
        .join(format!("projects-{rows}-{projects}.db"))
}

/// Creates the file if missing, as benches/projects.rs does (same generator, seeds and years);
/// returns how long that took. Written under a temporary name and renamed at the end, so an
/// interrupted run never leaves a half-filled file behind.
fn ensure_data(
    path: &Path,
    rows: usize,
    projects: usize,
    today: chrono::NaiveDate,
) -> BenchResult<Option<Duration>> {
    if path.exists() {
        return Ok(None);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("generating");
    for leftover in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{leftover}", tmp.display()));
    }
    println!(
        "generating {} cơ sở and {} đề án into {} …",
        format_integer(rows as i64),
        format_integer(projects as i64),
        path.display()
    );
    let t = Instant::now();
    {
        let mut store = Store::open(&tmp, OpenMode::CreateIfMissing)?;
        khuyencong::demo::fill(&mut store, "38", rows, 42, |_| {})?;
        khuyencong::demo::fill_projects(&mut store, projects, (2021, 2026), 42, today)?;
    } // Dropping the last connection checkpoints the WAL into the main file.
    std::fs::rename(&tmp, path)?;
    Ok(Some(t.elapsed()))
}

// ---------------------------------------------------------------------------------------------
// Driving the app and timing its frames

/// Start times of the app closure's calls, with egui's frame number (a frame may run the
/// closure twice when egui discards a pass).
type Marks = Rc<RefCell<Vec<(Instant, u64)>>>;

struct Bench {
    h: Harness<'static, AppWindow>,
    marks: Marks,
}

/// What happened after an action: its frames, and when its result appeared.
struct Outcome {
    frames: Vec<Duration>,
    /// Time from the action until the end of the frame that showed the result, and the text
    /// that was found.
    shown: Option<(Duration, String)>,
    /// Whether egui stopped asking for repaints before the frame limit.
    settled: bool,
    /// Whether a result was waited for (frames after typing only wait for egui to settle).
    looked_for: bool,
}

impl Bench {
    /// Builds the harness (which runs the first frames itself) and records them.
    fn start(app: AppWindow, table: &mut Table) -> BenchResult<Bench> {
        let marks: Marks = Rc::default();
        let in_frame = marks.clone();
        let t = Instant::now();
        let h = Harness::builder()
            .with_size(SCREEN)
            .with_context_setup(|ctx| {
                install_fonts(ctx);
                apply_style(ctx);
            })
            .build_ui_state(
                move |ui, app: &mut AppWindow| {
                    in_frame
                        .borrow_mut()
                        .push((Instant::now(), ui.ctx().cumulative_frame_nr()));
                    app.show(ui);
                },
                app,
            );
        let built = Instant::now();
        let first_mark = marks.borrow().first().map(|m| m.0).ok_or("no frame ran")?;
        let frames = split_frames(first_mark, &marks.borrow(), built);
        let (first, rest) = frames.split_first().ok_or("no frame ran")?;
        table.single(
            "1. harness set-up (fonts, style) before the first frame",
            first_mark - t,
        );
        table.outcome(
            "1. first frame",
            Ok(Outcome {
                frames: vec![*first],
                shown: None,
                settled: true,
                looked_for: false,
            }),
        );
        table.outcome(
            "1. further frames while the harness is built",
            Ok(Outcome {
                frames: rest.to_vec(),
                shown: None,
                settled: true,
                looked_for: false,
            }),
        );
        marks.borrow_mut().clear();
        Ok(Bench { h, marks })
    }

    /// One `Harness::step`, split into its frames.
    fn step(&mut self) -> Vec<Duration> {
        self.marks.borrow_mut().clear();
        let start = Instant::now();
        self.h.step();
        let end = Instant::now();
        split_frames(start, &self.marks.borrow(), end)
    }

    /// How long until egui wants the next frame (zero: at once).
    fn repaint_delay(&self) -> Duration {
        self.h
            .output()
            .viewport_output
            .get(&ViewportId::ROOT)
            .map_or(Duration::MAX, |v| v.repaint_delay)
    }

    fn shows(&self, text: &str) -> bool {
        self.h.query_all_by_label_contains(text).next().is_some()
    }

    /// Steps frames after an action (already queued) until one of `markers` is on the screen
    /// and egui stops asking for repaints, at most `MAX_FRAMES` frames or `MAX_WAIT`. While
    /// egui waits (a worker thread, a timer) it sleeps as an event loop would.
    fn settle(&mut self, markers: &[&str]) -> Outcome {
        let start = Instant::now();
        let mut looking = Duration::ZERO;
        let mut frames = Vec::new();
        let mut shown = None;
        let mut settled = false;
        while frames.len() < MAX_FRAMES && start.elapsed() < MAX_WAIT {
            frames.extend(self.step());
            let at = start.elapsed() - looking;
            let t = Instant::now();
            if shown.is_none()
                && let Some(found) = markers.iter().find(|m| self.shows(m))
            {
                shown = Some((at, (*found).to_owned()));
            }
            looking += t.elapsed();
            let delay = self.repaint_delay();
            if delay > Duration::ZERO {
                if shown.is_some() || markers.is_empty() {
                    settled = true;
                    break;
                }
                std::thread::sleep(
                    delay.clamp(Duration::from_millis(10), Duration::from_millis(100)),
                );
            } else if shown.is_none() && !markers.is_empty() {
                // An animation (a spinner while a worker thread runs) repaints at once; a real
                // event loop waits for the next vsync, at about 60 frames a second.
                std::thread::sleep(Duration::from_millis(16));
            }
        }
        Outcome {
            frames,
            shown,
            settled,
            looked_for: !markers.is_empty(),
        }
    }

    fn settle_row(&mut self, table: &mut Table, action: &str, markers: &[&str]) {
        let outcome = self.settle(markers);
        table.outcome(action, Ok(outcome));
    }

    fn key(&mut self, modifiers: Modifiers, key: Key) {
        self.h.key_press_modifiers(modifiers, key);
    }

    /// Text typed into whatever has the keyboard focus.
    fn type_text(&mut self, text: &str) {
        self.h.event(egui::Event::Text(text.to_owned()));
    }

    /// Does `f` with the first node labelled exactly `label`; false when there is none.
    fn with_node(&mut self, label: &str, f: impl FnOnce(&egui_kittest::Node<'_>)) -> bool {
        match self.h.query_all_by_label(label).next() {
            Some(node) => {
                f(&node);
                true
            }
            None => false,
        }
    }

    /// Does `f` with the first node whose label contains `text`; false when there is none.
    fn with_node_containing(
        &mut self,
        text: &str,
        f: impl FnOnce(&egui_kittest::Node<'_>),
    ) -> bool {
        match self.h.query_all_by_label_contains(text).next() {
            Some(node) => {
                f(&node);
                true
            }
            None => false,
        }
    }

    /// Clicks the button labelled `label` and records the frames until one of `markers` shows.
    fn click_row(&mut self, table: &mut Table, action: &str, label: &str, markers: &[&str]) {
        if self.with_node(label, |n| n.click()) {
            self.settle_row(table, action, markers);
        } else {
            table.skipped(action, &format!("label “{label}” not found"));
        }
    }

    /// Types into each field as a user does (click, select all, type), frames and all.
    fn fill(&mut self, fields: &[(&str, &str)]) -> Result<Outcome, String> {
        let mut all = Outcome {
            frames: Vec::new(),
            shown: None,
            settled: true,
            looked_for: false,
        };
        for (label, text) in fields {
            if !self.with_node(label, |n| n.click()) {
                return Err(format!("label “{label}” not found"));
            }
            let clicked = self.settle(&[]);
            self.key(Modifiers::COMMAND, Key::A);
            if !self.with_node(label, |n| n.type_text(text)) {
                return Err(format!("label “{label}” gone after clicking it"));
            }
            let typed = self.settle(&[]);
            all.settled &= clicked.settled && typed.settled;
            all.frames.extend(clicked.frames);
            all.frames.extend(typed.frames);
        }
        Ok(all)
    }
}

/// Splits a step's wall time into frames: a frame runs from its first mark to the next
/// frame's first mark; the first one from `start`, the last one until `end`.
fn split_frames(start: Instant, marks: &[(Instant, u64)], end: Instant) -> Vec<Duration> {
    let mut bounds = vec![start];
    let mut frame = None;
    for &(at, nr) in marks {
        if frame.is_some() && frame != Some(nr) {
            bounds.push(at);
        }
        frame = Some(nr);
    }
    bounds.push(end);
    bounds.windows(2).map(|w| w[1] - w[0]).collect()
}

// ---------------------------------------------------------------------------------------------
// The table

enum Measured {
    /// One stall outside any frame (building the app).
    Single(Duration),
    Frames(Outcome),
    Skipped(String),
}

#[derive(Default)]
struct Table {
    rows: Vec<(String, Measured)>,
}

impl Table {
    fn single(&mut self, action: &str, time: Duration) {
        self.rows.push((action.to_owned(), Measured::Single(time)));
    }

    fn outcome(&mut self, action: &str, outcome: Result<Outcome, String>) {
        let row = match outcome {
            Ok(o) => Measured::Frames(o),
            Err(why) => Measured::Skipped(why),
        };
        self.rows.push((action.to_owned(), row));
    }

    fn skipped(&mut self, action: &str, why: &str) {
        self.rows
            .push((action.to_owned(), Measured::Skipped(why.to_owned())));
    }

    fn print(&self) {
        let width = self
            .rows
            .iter()
            .map(|(a, _)| a.chars().count())
            .max()
            .unwrap_or(10);
        println!(
            "{:<width$}  {:>10}  {:>6}  {:>7}  {:>11}  note",
            "action", "longest", "frames", "≤ 50 ms", "until shown"
        );
        println!("{}", "─".repeat(width + 50));
        let mut over = 0;
        for (action, row) in &self.rows {
            match row {
                Measured::Single(d) => {
                    over += usize::from(!within(*d));
                    println!(
                        "{action:<width$}  {:>10}  {:>6}  {:>7}  {:>11}  one call, no frame",
                        ms(*d),
                        "—",
                        yes_no(within(*d)),
                        "—"
                    );
                }
                Measured::Frames(o) => {
                    let longest = o.frames.iter().max().copied().unwrap_or_default();
                    over += usize::from(!within(longest));
                    let (until, mut note) = match &o.shown {
                        Some((at, text)) => (ms(*at), format!("shown: “{text}”")),
                        None if o.looked_for => (
                            "—".to_owned(),
                            format!("NOT SHOWN within {} frames", o.frames.len()),
                        ),
                        None => ("—".to_owned(), String::new()),
                    };
                    if !o.settled && o.shown.is_some() {
                        note.push_str("; still repainting at the frame limit");
                    }
                    println!(
                        "{action:<width$}  {:>10}  {:>6}  {:>7}  {:>11}  {note}",
                        ms(longest),
                        o.frames.len(),
                        yes_no(within(longest)),
                        until
                    );
                }
                Measured::Skipped(why) => {
                    println!(
                        "{action:<width$}  {:>10}  {:>6}  {:>7}  {:>11}  SKIPPED: {why}",
                        "—", "—", "—", "—"
                    );
                }
            }
        }
        let skipped = self
            .rows
            .iter()
            .filter(|(_, r)| matches!(r, Measured::Skipped(_)))
            .count();
        println!(
            "\n{} rows, {over} over {BUDGET_MS} ms, {skipped} skipped",
            self.rows.len()
        );
    }
}

fn within(d: Duration) -> bool {
    d.as_secs_f64() * 1000.0 <= BUDGET_MS
}

// ---------------------------------------------------------------------------------------------
// Small helpers

fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1000.0;
    if v < 10.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.0} ms")
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "NO" }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned())
}

fn heading(text: &str) {
    println!("\n{text}\n{}", "─".repeat(text.chars().count()));
}

/// VmRSS and VmHWM of this process in MB (0 where /proc is missing).
fn memory_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<f64>()
                    .ok()
            })
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}
