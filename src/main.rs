// Release builds are GUI programs on Windows: no console window behind the app. Subcommands
// attach to the console of the shell that started them.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use khuyencong::cli::{self, Command};
use khuyencong::service::Session;
use khuyencong::ui::app::{AppWindow, EframeApp};
use khuyencong::ui::fonts::install_fonts;
use khuyencong::ui::style::apply_style;

const TITLE: &str = "Sổ Khuyến công";

#[cfg(windows)]
fn attach_parent_console() {
    // SAFETY: AttachConsole has no preconditions; failure (no parent console) is harmless.
    unsafe {
        windows_sys::Win32::System::Console::AttachConsole(
            windows_sys::Win32::System::Console::ATTACH_PARENT_PROCESS,
        );
    }
}

#[cfg(not(windows))]
fn attach_parent_console() {}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(c) => c,
        Err(e) => {
            attach_parent_console();
            eprintln!("Lỗi: {e}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    if !matches!(command, Command::Window { .. }) {
        attach_parent_console();
    }
    let today = chrono::Local::now().date_naive();
    let result = match command {
        Command::Help => {
            println!("{}", cli::USAGE);
            println!(
                "\nTệp dữ liệu mặc định: {}",
                cli::default_db_path().display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo {
            db,
            establishments,
            projects,
            years,
            seed,
            province,
        } => {
            cli::run_demo(&db, establishments, projects, years, seed, &province, today).map(|msg| {
                println!("{msg}");
                ExitCode::SUCCESS
            })
        }
        Command::Check { db, json } => cli::run_check(&db, today).and_then(|report| {
            if json {
                println!("{}", cli::to_json(&report)?);
            } else {
                print!("{}", report.to_text());
            }
            Ok(if report.sound {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }),
        Command::Balance { db, year, json } => {
            cli::run_balance(&db, year, today).and_then(|report| {
                if json {
                    println!("{}", cli::to_json(&report)?);
                } else {
                    print!("{}", report.to_text());
                }
                Ok(ExitCode::SUCCESS)
            })
        }
        Command::Report {
            db,
            kind,
            year,
            out,
            xlsx,
        } => cli::run_report(&db, kind, year, today, &out, xlsx.as_deref()).map(|msg| {
            println!("{msg}");
            ExitCode::SUCCESS
        }),
        Command::AmountInWords { amount } => {
            println!("{}", khuyencong::text::amount_in_words(amount));
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { db, out } => cli::run_backup(&db, &out, today).map(|msg| {
            println!("{msg}");
            ExitCode::SUCCESS
        }),
        Command::Window { db, renderer } => {
            return run_window(
                db.unwrap_or_else(cli::default_db_path),
                renderer,
                &args,
                today,
            );
        }
    };
    result.unwrap_or_else(|e| {
        eprintln!("Lỗi: {e}");
        ExitCode::from(1)
    })
}

/// Where the renderer that worked last time is remembered.
fn renderer_memory() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "KhuyenCong", "SoKhuyenCong")
        .map(|d| d.config_local_dir().join("renderer.txt"))
}

fn remembered_renderer() -> Option<String> {
    let text = std::fs::read_to_string(renderer_memory()?).ok()?;
    let r = text.trim();
    (r == "wgpu" || r == "glow").then(|| r.to_owned())
}

fn remember_renderer(name: &str) {
    if let Some(path) = renderer_memory() {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(path, name);
    }
}

fn native_options(renderer: &str) -> eframe::NativeOptions {
    eframe::NativeOptions {
        renderer: if renderer == "glow" {
            eframe::Renderer::Glow
        } else {
            eframe::Renderer::Wgpu
        },
        viewport: egui::ViewportBuilder::default()
            .with_title(TITLE)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    }
}

/// Opens the window. wgpu first (it falls back to Windows' software adapter over Remote
/// Desktop); if it cannot start, relaunch once with glow and remember that for next time.
fn run_window(
    db: PathBuf,
    explicit: Option<String>,
    args: &[String],
    today: chrono::NaiveDate,
) -> ExitCode {
    let renderer = explicit
        .clone()
        .or_else(remembered_renderer)
        .unwrap_or_else(|| "wgpu".into());
    let outcome = std::panic::catch_unwind(|| start_window(&db, &renderer, today));
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        failure => {
            let reason = match failure {
                Ok(Err(e)) => e.to_string(),
                _ => "lỗi không xác định khi khởi tạo đồ họa".into(),
            };
            eprintln!("Không khởi động được cửa sổ với trình vẽ {renderer}: {reason}");
            if explicit.is_none() && renderer == "wgpu" {
                remember_renderer("glow");
                let mut relaunch: Vec<String> = args.to_vec();
                relaunch.extend(["--renderer".into(), "glow".into()]);
                return match std::env::current_exe()
                    .and_then(|exe| std::process::Command::new(exe).args(&relaunch).status())
                {
                    Ok(status) if status.success() => ExitCode::SUCCESS,
                    _ => ExitCode::from(1),
                };
            }
            ExitCode::from(1)
        }
    }
}

fn start_window(db: &Path, renderer: &str, today: chrono::NaiveDate) -> eframe::Result {
    // The window appears at once; the file is checked, backed up and opened on a worker thread.
    let window = AppWindow::opening(db.to_owned(), Session::for_logged_in_user(today));
    eframe::run_native(
        TITLE,
        native_options(renderer),
        Box::new(|cc| {
            install_fonts(&cc.egui_ctx);
            apply_style(&cc.egui_ctx);
            Ok(Box::new(EframeApp { window }))
        }),
    )
}
