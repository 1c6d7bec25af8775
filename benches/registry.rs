//! Registry benchmark: start-up, search per keystroke and scroll frame time over a large demo
//! file. Plain `fn main()` (no criterion): it only measures and prints, it asserts nothing
//! about time.
//!
//!     cargo bench --bench registry                        # 200.000 cơ sở
//!     KC_BENCH_ROWS=20000 cargo bench --bench registry    # quick run
//!
//! Frames are driven two ways: through `egui_kittest::Harness` (what the UI tests use; it also
//! builds the AccessKit tree every frame) and through a bare `egui::Context` (no AccessKit,
//! default scroll animation), which is closer to the real app. Both time the egui pass and the
//! CPU tessellation separately; neither includes GPU upload or rasterisation.

use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers, MouseWheelUnit, Pos2, TouchPhase, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use khuyencong::domain::establishment_summary::EstablishmentSummary;
use khuyencong::store::{OpenMode, Store};
use khuyencong::text::collate::{SortKey, sort_key};
use khuyencong::text::fold::{FoldedQuery, fold};
use khuyencong::ui::app::{KhuyenCongApp, Screen};
use khuyencong::ui::fonts::install_fonts;
use khuyencong::ui::registry_panel::search_box_id;
use khuyencong::ui::registry_view::{RegistryFilter, RegistryView};

const TARGET_SEARCH_MS: f64 = 30.0;
const TARGET_FRAME_MS: f64 = 8.0;
const SCREEN: egui::Vec2 = egui::vec2(1280.0, 800.0);
/// Somewhere over the table body, below the toolbar and the header.
const OVER_TABLE: Pos2 = pos2(640.0, 500.0);
const QUERIES: [&str; 5] = [
    "nguyen van",
    "thuy",
    "hop tac xa coi",
    "cs-0123",
    "may tre dan hoang",
];
const SCROLL_FRAMES: usize = 300;

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> BenchResult<()> {
    let wall = Instant::now();
    let rows: usize = match std::env::var("KC_BENCH_ROWS") {
        Ok(v) => v.trim().replace(['.', '_'], "").parse()?,
        Err(_) => 200_000,
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    let mut summary: Vec<String> = Vec::new();

    // 0. Data set, generated once and reused (≈10 s for 200k, and it would inflate VmHWM).
    let path = data_path(rows);
    let generated = ensure_data(&path, rows)?;
    let db_mb = mb(std::fs::metadata(&path)?.len());
    heading(&format!(
        "Registry benchmark — {} cơ sở (release, {} cores)",
        thousands(rows),
        cores()
    ));
    println!("data: {} ({db_mb:.0} MB)", path.display());
    match generated {
        Some(d) => println!("      generated now by demo::fill in {}", secs(d)),
        None => println!("      reused (delete it to regenerate)"),
    }
    println!(
        "note: frames are CPU only (egui pass + tessellation); no GPU upload or rasterisation.\n      \
         The DB file is in the OS page cache, so start-up is a warm start."
    );

    // 1. Start to first frame. A plain open first, so the backup's share can be told apart.
    heading("1. Start to first frame");
    let t = Instant::now();
    drop(black_box(Store::open(&path, OpenMode::MustExist)?));
    let plain_open = t.elapsed();
    let t = Instant::now();
    let store = Store::open_at_startup(&path)?;
    let open_backup = t.elapsed();
    let backups = khuyencong::store::backup::list_backups(&path)?;
    let t = Instant::now();
    let service = khuyencong::service::Service::new(
        store,
        khuyencong::service::Session::for_logged_in_user(today),
    )?;
    let app = KhuyenCongApp::new(service)?.with_screen(Screen::Registry);
    let load_view = t.elapsed();
    if app.registry().is_none() {
        return Err("the demo file has no unit settings: the registry did not load".into());
    }
    // `build_ui_state` runs the first frame(s) itself (until egui stops asking for repaints).
    let t = Instant::now();
    let mut h = Harness::builder()
        .with_size(SCREEN)
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut KhuyenCongApp| app.show(ui), app);
    let first_frame = t.elapsed();
    let t = Instant::now();
    h.step();
    let second_frame = t.elapsed();
    let total = open_backup + load_view + first_frame;
    println!(
        "Store::open_at_startup      {:>9}   (plain Store::open {}, so backup ≈ {}; {} backups kept)",
        ms(open_backup),
        ms(plain_open),
        ms(open_backup.saturating_sub(plain_open)),
        backups.len()
    );
    println!(
        "KhuyenCongApp::new          {:>9}   (summaries + RegistryView::new)",
        ms(load_view)
    );
    println!(
        "Harness build (first frame) {:>9}   (fonts, first passes, AccessKit)",
        ms(first_frame)
    );
    println!("next frame                  {:>9}", ms(second_frame));
    println!("total to first frame        {:>9}", ms(total));
    summary.push(format!(
        "start: open+backup {}, load view {}, first frame {}, total {}",
        ms(open_backup),
        ms(load_view),
        ms(first_frame),
        secs(total)
    ));

    // 4. Memory, right after loading (before the extra view of section 2a doubles it).
    let (rss, hwm) = memory_mb();
    let hwm_note = if generated.is_some() {
        " (HWM includes generating the data set in this process)"
    } else {
        ""
    };

    // 2a. The filter alone, on its own RegistryView; the load is split to show where it goes.
    heading("2a. Search per keystroke — RegistryView::set_filter only");
    let t = Instant::now();
    let summaries = h.state().service().store().establishment_summaries()?;
    let load_summaries = t.elapsed();
    let t = Instant::now();
    let mut view = RegistryView::new(summaries);
    let build_view = t.elapsed();
    println!(
        "(load split: establishment_summaries {}, RegistryView::new {})",
        ms(load_summaries),
        ms(build_view)
    );
    let pure = search_pure(&mut view);
    let pure_stats = Stats::of(&pure.iter().map(|k| k.time).collect::<Vec<_>>());
    let worst = pure.iter().max_by_key(|k| k.time).ok_or("no keystrokes")?;
    println!("all {} keystrokes: {}", pure.len(), pure_stats.line());
    println!(
        "slowest keystroke: {:?} → {} rows in {}",
        worst.prefix,
        thousands(worst.matches),
        ms(worst.time)
    );
    summary.push(format!(
        "search per keystroke (RegistryView): median {}, max {} (target ≤ {TARGET_SEARCH_MS} ms) {}",
        ms(pure_stats.median),
        ms(pure_stats.max),
        verdict(pure_stats.max, TARGET_SEARCH_MS)
    ));

    // 2c. Why: the same scan redone on copies of the rows, changing one thing at a time.
    heading("2c. Why RegistryView packs its search text (the same scan over four memory layouts)");
    let model = explain_filter(
        &view,
        h.state().service().store().establishment_summaries()?,
    );
    summary.push(model);
    drop(view);

    // 2b + 3 through the test harness.
    heading("2b. Search per keystroke — full frame, egui_kittest Harness");
    h.get_by_label("Tìm kiếm (Ctrl+F):").click();
    h.step();
    let mut harness = HarnessDriver { h };
    let ui_search = search_ui(&mut harness)?;
    summary.push(format!(
        "search per keystroke (Harness frame): median {}, max {} (target ≤ {TARGET_SEARCH_MS} ms) {}",
        ms(ui_search.median),
        ms(ui_search.max),
        verdict(ui_search.max, TARGET_SEARCH_MS)
    ));

    heading("3. Scrolling the table — egui_kittest Harness (scroll animation off)");
    let scroll = scroll_ui(&mut harness, true)?;
    summary.push(format!(
        "scroll frame (Harness): median {}, p95 {}, max {} (target ≤ {TARGET_FRAME_MS} ms) {}",
        ms(scroll.median),
        ms(scroll.p95),
        ms(scroll.max),
        verdict(scroll.p95, TARGET_FRAME_MS)
    ));

    // The same scenarios without kittest: no AccessKit tree, default scroll animation.
    let mut bare = BareDriver::new(harness.h.into_state());
    bare.frame(vec![]);
    bare.frame(vec![]);
    heading("2b'. Search per keystroke — full frame, bare egui::Context (no AccessKit)");
    bare.ctx.memory_mut(|m| m.request_focus(search_box_id()));
    bare.frame(vec![]);
    let bare_search = search_ui(&mut bare)?;
    summary.push(format!(
        "search per keystroke (bare frame): median {}, max {} (target ≤ {TARGET_SEARCH_MS} ms) {}",
        ms(bare_search.median),
        ms(bare_search.max),
        verdict(bare_search.max, TARGET_SEARCH_MS)
    ));
    heading("3'. Scrolling the table — bare egui::Context (no AccessKit, scroll animation on)");
    let bare_scroll = scroll_ui(&mut bare, false)?;
    summary.push(format!(
        "scroll frame (bare): median {}, p95 {}, max {} (target ≤ {TARGET_FRAME_MS} ms) {}",
        ms(bare_scroll.median),
        ms(bare_scroll.p95),
        ms(bare_scroll.max),
        verdict(bare_scroll.p95, TARGET_FRAME_MS)
    ));

    heading("3''. Scrolling with a row selected near the end — bare egui::Context");
    let selected_scroll = scroll_with_selection(&mut bare)?;
    summary.push(format!(
        "scroll frame, row selected (bare): median {}, p95 {}, max {} (target ≤ {TARGET_FRAME_MS} ms) {}",
        ms(selected_scroll.median),
        ms(selected_scroll.p95),
        ms(selected_scroll.max),
        verdict(selected_scroll.p95, TARGET_FRAME_MS)
    ));

    heading("4. Memory");
    println!("after loading: VmRSS {rss:.0} MB, VmHWM {hwm:.0} MB{hwm_note}");
    let (rss_end, hwm_end) = memory_mb();
    println!("at the end:    VmRSS {rss_end:.0} MB, VmHWM {hwm_end:.0} MB");
    println!("database file: {db_mb:.0} MB");
    summary.push(format!(
        "memory: VmRSS {rss:.0} MB, VmHWM {hwm:.0} MB; db {db_mb:.0} MB"
    ));

    heading(&format!(
        "Summary — {} cơ sở (release, {} cores)",
        thousands(rows),
        cores()
    ));
    for line in &summary {
        println!("{line}");
    }
    println!("bench wall time {}", secs(wall.elapsed()));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Data set

/// `target/bench-data/demo-200k.db`; one file per row count so a quick run does not clobber it.
fn data_path(rows: usize) -> PathBuf {
    let name = if rows.is_multiple_of(1000) {
        format!("demo-{}k.db", rows / 1000)
    } else {
        format!("demo-{rows}.db")
    };
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data")
        .join(name)
}

/// Creates the file if missing; returns how long generation took. Written under a temporary
/// name and renamed at the end, so an interrupted run never leaves a half-filled file behind.
fn ensure_data(path: &Path, rows: usize) -> BenchResult<Option<Duration>> {
    if path.exists() {
        return Ok(None);
    }
    let tmp = path.with_extension("generating");
    for leftover in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{leftover}", tmp.display()));
    }
    println!(
        "generating {} cơ sở into {} …",
        thousands(rows),
        path.display()
    );
    let t = Instant::now();
    {
        let mut store = Store::open(&tmp, OpenMode::CreateIfMissing)?;
        khuyencong::demo::fill(&mut store, "38", rows, 42, |_| {})?;
    } // Dropping the last connection checkpoints the WAL into the main file.
    std::fs::rename(&tmp, path)?;
    Ok(Some(t.elapsed()))
}

// ---------------------------------------------------------------------------------------------
// 2a. RegistryView alone

struct Keystroke {
    prefix: String,
    time: Duration,
    matches: usize,
}

/// Types every query char by char, each from an empty box, timing each `set_filter`.
fn search_pure(view: &mut RegistryView) -> Vec<Keystroke> {
    let mut all = Vec::new();
    println!(
        "{:<20} {:>5} {:>9} {:>9} {:>9} {:>8}",
        "query", "keys", "min", "median", "max", "matches"
    );
    for query in QUERIES {
        view.set_filter(RegistryFilter::default());
        let mut keys = Vec::new();
        for prefix in prefixes(query) {
            let filter = RegistryFilter {
                query: prefix.to_owned(),
                ..Default::default()
            };
            let t = Instant::now();
            view.set_filter(black_box(filter));
            let time = t.elapsed();
            keys.push(Keystroke {
                prefix: prefix.to_owned(),
                time,
                matches: view.visible_len(),
            });
        }
        let s = Stats::of(&keys.iter().map(|k| k.time).collect::<Vec<_>>());
        println!(
            "{:<20} {:>5} {:>9} {:>9} {:>9} {:>8}",
            format!("{query:?}"),
            keys.len(),
            ms(s.min),
            ms(s.median),
            ms(s.max),
            thousands(view.visible_len())
        );
        all.extend(keys);
    }
    view.set_filter(RegistryFilter::default());
    all
}

/// The view's rows rebuilt the way `RegistryView::new` builds them (load order, folded haystack,
/// sort key), then scanned per keystroke in four ways: as `refilter` does (sort order, one
/// heap string per row), in memory order, over one packed buffer in sort order, and packed plus
/// narrowing the previous keystroke's matches. Each line is the mean over all keystrokes.
fn explain_filter(view: &RegistryView, summaries: Vec<EstablishmentSummary>) -> String {
    struct Row {
        summary: EstablishmentSummary,
        haystack: String,
        _name_key: SortKey, // kept so a row is as big as a RegistryRow
    }
    let rows: Vec<Row> = summaries
        .into_iter()
        .map(|s| Row {
            haystack: fold(&format!(
                "{} {} {} {} {}",
                s.code, s.name, s.tax_code, s.representative, s.commune_name
            )),
            _name_key: sort_key(&s.name),
            summary: s,
        })
        .collect();
    let index: HashMap<uuid::Uuid, u32> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.summary.id, i as u32))
        .collect();
    let order: Vec<u32> = (0..view.visible_len())
        .filter_map(|i| view.visible_row(i))
        .map(|s| index[&s.id])
        .collect();
    // Folded text never holds '\n' (whitespace folds to ' '), so it can separate rows.
    let mut packed = String::new();
    let mut starts = vec![0u32];
    for &i in &order {
        packed.push_str(&rows[i as usize].haystack);
        packed.push('\n');
        starts.push(packed.len() as u32);
    }
    let cell = |n: usize| &packed[starts[n] as usize..starts[n + 1] as usize - 1];

    let keystrokes: Vec<&str> = QUERIES.iter().flat_map(|q| prefixes(q)).collect();
    let mean = |f: &mut dyn FnMut(&FoldedQuery, &str) -> usize| {
        let mut total = Duration::ZERO;
        let mut found = 0;
        for prefix in &keystrokes {
            let t = Instant::now();
            let query = FoldedQuery::new(prefix);
            found += black_box(f(&query, prefix));
            total += t.elapsed();
        }
        (total / keystrokes.len() as u32, found)
    };
    let (sorted, found) = mean(&mut |q, _| {
        let hits: Vec<u32> = order
            .iter()
            .copied()
            .filter(|&i| q.matches(&rows[i as usize].haystack))
            .collect();
        hits.len()
    });
    let (memory_order, _) = mean(&mut |q, _| {
        let hits: Vec<u32> = (0..rows.len() as u32)
            .filter(|&i| q.matches(&rows[i as usize].haystack))
            .collect();
        hits.len()
    });
    let (packed_scan, packed_found) = mean(&mut |q, _| {
        let hits: Vec<u32> = (0..order.len() as u32)
            .filter(|&n| q.matches(cell(n as usize)))
            .collect();
        hits.len()
    });
    // Narrowing: a keystroke that only appends to the folded query can only remove rows.
    let mut previous: (String, Vec<u32>) = (String::new(), (0..order.len() as u32).collect());
    let (narrowed, narrowed_found) = mean(&mut |q, prefix| {
        let folded = fold(prefix);
        let candidates = if folded.starts_with(&previous.0) {
            std::mem::take(&mut previous.1)
        } else {
            (0..order.len() as u32).collect()
        };
        let hits: Vec<u32> = candidates
            .into_iter()
            .filter(|&n| q.matches(cell(n as usize)))
            .collect();
        let len = hits.len();
        previous = (folded, hits);
        len
    });
    let same = found == packed_found && found == narrowed_found;
    println!("per keystroke, mean over {} keystrokes:", keystrokes.len());
    println!(
        "  unpacked: sort order, a heap string per row      {:>9}",
        ms(sorted)
    );
    println!(
        "  same rows walked in memory (load) order          {:>9}",
        ms(memory_order)
    );
    println!(
        "  haystacks packed in one buffer, in sort order    {:>9}",
        ms(packed_scan)
    );
    println!(
        "  packed + narrow the previous keystroke's matches {:>9}",
        ms(narrowed)
    );
    println!(
        "  (same matches every way: {}; packed buffer {:.0} MB)",
        yes_no(same),
        mb(packed.len() as u64)
    );
    format!(
        "  layouts compared (model, mean/keystroke): unpacked {}, memory order {}, packed {}, packed+narrowing {} (RegistryView packs and narrows)",
        ms(sorted),
        ms(memory_order),
        ms(packed_scan),
        ms(narrowed)
    )
}

/// Every non-empty prefix of `s`, on char boundaries.
fn prefixes(s: &str) -> impl Iterator<Item = &str> {
    s.char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .map(move |end| &s[..end])
}

// ---------------------------------------------------------------------------------------------
// Frame drivers: one frame with the given events, timed as (egui pass, tessellation).

struct FrameTime {
    pass: Duration,
    tessellate: Duration,
}

impl FrameTime {
    fn total(&self) -> Duration {
        self.pass + self.tessellate
    }
}

trait Driver {
    fn frame(&mut self, events: Vec<Event>) -> FrameTime;
    fn app(&self) -> &KhuyenCongApp;
    /// Codes ("CS-…") of the table rows egui laid out in the last frame.
    fn visible_codes(&self) -> Vec<String>;
}

struct HarnessDriver<'a> {
    h: Harness<'a, KhuyenCongApp>,
}

impl Driver for HarnessDriver<'_> {
    fn frame(&mut self, events: Vec<Event>) -> FrameTime {
        // Pushed straight into the raw input so all of them land in one frame
        // (`Harness::event` would run one frame per event).
        self.h.input_mut().events.extend(events);
        let t = Instant::now();
        self.h.step();
        let pass = t.elapsed();
        let shapes = self.h.output().shapes.clone();
        let ppp = self.h.output().pixels_per_point;
        let t = Instant::now();
        black_box(self.h.ctx.tessellate(shapes, ppp));
        FrameTime {
            pass,
            tessellate: t.elapsed(),
        }
    }

    fn app(&self) -> &KhuyenCongApp {
        self.h.state()
    }

    fn visible_codes(&self) -> Vec<String> {
        self.h
            .query_all_by_label_contains("CS-")
            .filter_map(|n| {
                // AccessKit keeps a `Role::Label`'s text in its value (as kittest's filter does).
                let node = n.accesskit_node();
                if node.role() == egui::accesskit::Role::Label {
                    node.value()
                } else {
                    node.label()
                }
            })
            .filter(|l| is_code(l))
            .collect()
    }
}

/// The app on a plain `egui::Context`, the way eframe drives it minus the window and GPU.
struct BareDriver {
    ctx: egui::Context,
    app: KhuyenCongApp,
    time: f64,
    last_shapes_codes: Vec<String>,
}

impl BareDriver {
    fn new(app: KhuyenCongApp) -> BareDriver {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        BareDriver {
            ctx,
            app,
            time: 0.0,
            last_shapes_codes: Vec::new(),
        }
    }
}

impl Driver for BareDriver {
    fn frame(&mut self, events: Vec<Event>) -> FrameTime {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        self.time += 1.0 / 60.0;
        let app = &mut self.app;
        let t = Instant::now();
        let out = self.ctx.run_ui(input, |ui| app.show(ui));
        let pass = t.elapsed();
        // Outside the timing: which row codes were painted (no AccessKit tree to ask here).
        self.last_shapes_codes = painted_codes(&out.shapes);
        let t = Instant::now();
        black_box(self.ctx.tessellate(out.shapes, out.pixels_per_point));
        FrameTime {
            pass,
            tessellate: t.elapsed(),
        }
    }

    fn app(&self) -> &KhuyenCongApp {
        &self.app
    }

    fn visible_codes(&self) -> Vec<String> {
        self.last_shapes_codes.clone()
    }
}

/// Text of painted galleys that look like establishment codes.
fn painted_codes(shapes: &[egui::epaint::ClippedShape]) -> Vec<String> {
    let mut out = Vec::new();
    for clipped in shapes {
        if let egui::Shape::Text(text) = &clipped.shape
            && is_code(text.galley.text())
        {
            out.push(text.galley.text().to_owned());
        }
    }
    out
}

fn is_code(s: &str) -> bool {
    s.len() == 9 && s.starts_with("CS-") && s[3..].bytes().all(|b| b.is_ascii_digit())
}

fn query_in_box(d: &dyn Driver) -> String {
    d.app()
        .registry()
        .map(|r| r.view.filter().query.clone())
        .unwrap_or_default()
}

fn visible_len(d: &dyn Driver) -> usize {
    d.app().registry().map_or(0, |r| r.view.visible_len())
}

fn key(key: Key, pressed: bool, modifiers: Modifiers) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers,
    }
}

/// Ctrl+A, Backspace (two frames), then backspaces if anything is left.
fn clear_search(d: &mut dyn Driver) -> BenchResult<()> {
    d.frame(vec![
        Event::ModifiersChanged(Modifiers::COMMAND),
        key(Key::A, true, Modifiers::COMMAND),
        key(Key::A, false, Modifiers::COMMAND),
        Event::ModifiersChanged(Modifiers::NONE),
    ]);
    d.frame(vec![
        key(Key::Backspace, true, Modifiers::NONE),
        key(Key::Backspace, false, Modifiers::NONE),
    ]);
    d.frame(vec![]);
    for _ in 0..64 {
        if query_in_box(d).is_empty() {
            return Ok(());
        }
        d.frame(vec![
            key(Key::Backspace, true, Modifiers::NONE),
            key(Key::Backspace, false, Modifiers::NONE),
        ]);
    }
    Err(format!("could not clear the search box: {:?}", query_in_box(d)).into())
}

// ---------------------------------------------------------------------------------------------
// 2b. Typing in the search box, one character per frame

fn search_ui(d: &mut dyn Driver) -> BenchResult<Stats> {
    println!(
        "{:<20} {:>5} {:>9} {:>9} {:>9} {:>9} {:>8}",
        "query", "keys", "min", "median", "max", "max tess", "matches"
    );
    let mut all = Vec::new();
    let mut worst: (Duration, String) = (Duration::ZERO, String::new());
    for query in QUERIES {
        let mut frames = Vec::new();
        let mut tess = Vec::new();
        for c in query.chars() {
            let f = d.frame(vec![Event::Text(c.to_string())]);
            if f.total() > worst.0 {
                worst = (f.total(), query_in_box(d));
            }
            frames.push(f.total());
            tess.push(f.tessellate);
        }
        // The keystrokes must really have reached the filter, or the numbers mean nothing.
        let typed = query_in_box(d);
        if typed != query {
            return Err(format!("typed {query:?} but the filter holds {typed:?}").into());
        }
        let s = Stats::of(&frames);
        println!(
            "{:<20} {:>5} {:>9} {:>9} {:>9} {:>9} {:>8}",
            format!("{query:?}"),
            frames.len(),
            ms(s.min),
            ms(s.median),
            ms(s.max),
            ms(Stats::of(&tess).max),
            thousands(visible_len(d))
        );
        all.extend(frames);
        clear_search(d)?;
    }
    let s = Stats::of(&all);
    println!(
        "all {} keystrokes (pass + tessellation): {}",
        all.len(),
        s.line()
    );
    println!("slowest keystroke: {:?} in {}", worst.1, ms(worst.0));
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// 3. Scrolling

fn wheel(unit: MouseWheelUnit, dy: f32) -> Event {
    Event::MouseWheel {
        unit,
        delta: vec2(0.0, dy),
        phase: TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    }
}

/// Where the rows painted last frame sit in the view: the smallest index among their codes.
fn top_row(d: &dyn Driver) -> Option<(String, usize)> {
    let codes = d.visible_codes();
    let view = &d.app().registry()?.view;
    (0..view.visible_len())
        .filter_map(|i| view.visible_row(i).map(|s| (i, s)))
        .find(|(_, s)| codes.contains(&s.code))
        .map(|(i, s)| (s.code.clone(), i))
}

fn describe_top(d: &dyn Driver) -> String {
    match top_row(d) {
        Some((code, i)) => format!(
            "top row {code} = row {} of {}",
            thousands(i + 1),
            thousands(visible_len(d))
        ),
        None => "no row visible".into(),
    }
}

fn scroll_ui(d: &mut dyn Driver, harness: bool) -> BenchResult<Stats> {
    if !query_in_box(d).is_empty() {
        return Err("search box should be empty before scrolling".into());
    }
    d.frame(vec![Event::PointerMoved(OVER_TABLE)]);
    d.frame(vec![]);
    let first_code = d
        .app()
        .registry()
        .and_then(|r| r.view.visible_row(0))
        .map(|s| s.code.clone())
        .ok_or("empty table")?;
    let shown_at_start = d.visible_codes().contains(&first_code);
    println!(
        "before: {} ({first_code}, first in name order, visible: {})",
        describe_top(d),
        yes_no(shown_at_start)
    );

    // One wheel notch (120 pt) per frame, as a user spinning the wheel.
    let mut frames = Vec::with_capacity(SCROLL_FRAMES);
    let mut passes = Vec::with_capacity(SCROLL_FRAMES);
    let mut tess = Vec::with_capacity(SCROLL_FRAMES);
    for _ in 0..SCROLL_FRAMES {
        let f = d.frame(vec![wheel(MouseWheelUnit::Point, -120.0)]);
        frames.push(f.total());
        passes.push(f.pass);
        tess.push(f.tessellate);
    }
    let s = Stats::of(&frames);
    println!(
        "{SCROLL_FRAMES} wheel frames (pass + tessellation): {}",
        s.line()
    );
    println!(
        "  egui pass only:                 {}",
        Stats::of(&passes).line()
    );
    println!(
        "  tessellation only:              {}",
        Stats::of(&tess).line()
    );
    // Let any scroll animation finish before looking.
    for _ in 0..30 {
        d.frame(vec![]);
    }
    let gone = !d.visible_codes().contains(&first_code);
    println!(
        "after:  {} ({first_code} gone: {})",
        describe_top(d),
        yes_no(gone)
    );
    if !gone {
        println!("WARNING: the table did not scroll; the numbers above are not scroll frames");
    }

    // Big jumps: 50 pages down, to the very end, and back to the top. Each is timed for its
    // first frame and, with the animation on, for the frames until it settles.
    let jumps = [
        ("50 pages down", wheel(MouseWheelUnit::Page, -50.0)),
        ("to the end", wheel(MouseWheelUnit::Point, -1.0e8)),
        ("back to the top", wheel(MouseWheelUnit::Point, 1.0e8)),
    ];
    for (what, event) in jumps {
        let f = d.frame(vec![event]);
        let mut settle = Vec::new();
        let settle_frames = if harness { 2 } else { 40 };
        for _ in 0..settle_frames {
            settle.push(d.frame(vec![]).total());
        }
        println!(
            "jump {what:<16} first frame {:>9}, next {settle_frames} frames max {:>9}; {}",
            ms(f.total()),
            ms(Stats::of(&settle).max),
            describe_top(d)
        );
    }
    Ok(s)
}

/// Scroll frames with a row selected near the end of the list: the panel then looks the
/// selection up every frame (`RegistryView::position_of`, a linear scan of the visible rows).
fn scroll_with_selection(d: &mut dyn Driver) -> BenchResult<Stats> {
    d.frame(vec![wheel(MouseWheelUnit::Point, -1.0e8)]);
    for _ in 0..40 {
        d.frame(vec![]);
    }
    let button = |pressed| Event::PointerButton {
        pos: OVER_TABLE,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    d.frame(vec![Event::PointerMoved(OVER_TABLE), button(true)]);
    d.frame(vec![button(false)]);
    d.frame(vec![]);
    let panel = d.app().registry().ok_or("no registry")?;
    let id = panel.selected().ok_or("clicking a row did not select it")?;
    let position = panel
        .view
        .position_of(id)
        .ok_or("selected row not visible")?;
    println!(
        "selected row {} of {} by clicking it",
        thousands(position + 1),
        thousands(visible_len(d))
    );
    let mut frames = Vec::with_capacity(SCROLL_FRAMES);
    for _ in 0..SCROLL_FRAMES {
        frames.push(d.frame(vec![wheel(MouseWheelUnit::Point, 120.0)]).total());
    }
    let s = Stats::of(&frames);
    println!(
        "{SCROLL_FRAMES} wheel frames with that selection: {}",
        s.line()
    );
    println!("after:  {}", describe_top(d));
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// Small helpers

struct Stats {
    min: Duration,
    median: Duration,
    p95: Duration,
    max: Duration,
}

impl Stats {
    fn of(samples: &[Duration]) -> Stats {
        let mut v = samples.to_vec();
        v.sort();
        let at = |q: f64| {
            v.get(((v.len().saturating_sub(1)) as f64 * q).round() as usize)
                .copied()
                .unwrap_or_default()
        };
        Stats {
            min: at(0.0),
            median: at(0.5),
            p95: at(0.95),
            max: at(1.0),
        }
    }

    fn line(&self) -> String {
        format!(
            "min {}, median {}, p95 {}, max {}",
            ms(self.min),
            ms(self.median),
            ms(self.p95),
            ms(self.max)
        )
    }
}

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

fn verdict(d: Duration, target_ms: f64) -> &'static str {
    if d.as_secs_f64() * 1000.0 <= target_ms {
        "✓"
    } else {
        "✗ MISSES TARGET"
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// 200000 → "200.000", the Vietnamese way.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
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
