// Release builds are GUI programs on Windows: no console window behind the app. Subcommands
// attach to the console of the shell that started them.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use khuyencong::cli::{self, Command};
use khuyencong::service::Session;
use khuyencong::support_log;
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

/// Exit code of a panic caught at the top: not 101 (Rust's own), so scripts can tell it apart.
const EXIT_UNEXPECTED: u8 = 70;

/// A panic anywhere is written to the support log with its backtrace, and the user reads one
/// Vietnamese sentence instead of Rust's English message and trace.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let detail = format!("{info}\n{}", std::backtrace::Backtrace::force_capture());
        let logged = support_log::record_text("Lỗi ngoài dự kiến (panic)", &detail);
        eprintln!("{}", unexpected_message(logged.as_deref()));
    }));
}

fn unexpected_message(log: Option<&Path>) -> String {
    match log {
        Some(path) => format!(
            "Phần mềm gặp lỗi ngoài dự kiến và đã dừng thao tác này; dữ liệu đã lưu không bị \
             ảnh hưởng. Chi tiết đã ghi vào nhật ký: {}. Hãy gửi tệp đó cho người hỗ trợ kỹ thuật.",
            path.display()
        ),
        None => "Phần mềm gặp lỗi ngoài dự kiến và đã dừng thao tác này; dữ liệu đã lưu không bị \
                 ảnh hưởng. Không ghi được nhật ký."
            .to_owned(),
    }
}

fn main() -> ExitCode {
    install_panic_hook();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(c) => c,
        Err(e) => {
            attach_parent_console();
            eprintln!("{e}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    if !matches!(command, Command::Window { .. }) {
        attach_parent_console();
    }
    // The panic hook has already told the user and written the log; only the code is left.
    std::panic::catch_unwind(|| run(command, &args))
        .unwrap_or_else(|_| ExitCode::from(EXIT_UNEXPECTED))
}

/// The command's context in the support log.
fn context_of(command: &Command) -> String {
    match command {
        Command::Demo { db, .. } => format!("demo --db {}", db.display()),
        Command::Check { db, .. } => format!("check --db {}", db.display()),
        Command::Balance { db, year, .. } => format!("balance --db {} --year {year}", db.display()),
        Command::Report { db, request, .. } => match request {
            cli::ReportRequest::Draft { year, .. } => {
                format!("report --db {} --year {year}", db.display())
            }
            cli::ReportRequest::Saved { number, .. } => {
                format!("report --db {} --bao-cao {number}", db.display())
            }
        },
        Command::Backup { db, out, .. } => {
            format!("backup --db {} --out {}", db.display(), out.display())
        }
        Command::AmountInWords { amount } => format!("bang-chu {amount}"),
        Command::Window { .. } => "cửa sổ".to_owned(),
        Command::Help => "--help".to_owned(),
    }
}

fn run(command: Command, args: &[String]) -> ExitCode {
    if let Command::Check { db, .. }
    | Command::Balance { db, .. }
    | Command::Report { db, .. }
    | Command::Backup { db, .. }
    | Command::Demo { db, .. } = &command
    {
        support_log::fall_back_beside(db);
    }
    let context = context_of(&command);
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
            anomalies,
        } => cli::run_demo(
            &db,
            establishments,
            projects,
            years,
            seed,
            &province,
            anomalies,
            today,
        )
        .map(|msg| {
            println!("{msg}");
            ExitCode::SUCCESS
        }),
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
            request,
            out,
            xlsx,
        } => cli::run_report(&db, &request, today, &out, xlsx.as_deref()).map(|msg| {
            println!("{msg}");
            ExitCode::SUCCESS
        }),
        Command::AmountInWords { amount } => {
            println!("{}", khuyencong::text::amount_in_words(amount));
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { db, out, overwrite } => {
            cli::run_backup(&db, &out, overwrite, today).map(|msg| {
                println!("{msg}");
                ExitCode::SUCCESS
            })
        }
        Command::Window { db, renderer } => {
            let db = db.unwrap_or_else(cli::default_db_path);
            support_log::fall_back_beside(&db);
            return run_window(db, renderer, args, today);
        }
    };
    result.unwrap_or_else(|e| {
        // The messages already say what failed and are Vietnamese: printed as they are,
        // once; the technical chain goes to the log.
        eprintln!("{e}");
        if let Some(log) = support_log::record(&context, &e) {
            eprintln!("(Chi tiết kỹ thuật đã ghi vào nhật ký: {}.)", log.display());
        }
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
            .with_min_inner_size([900.0, 600.0])
            .with_icon(egui::IconData {
                rgba: khuyencong::assets::APP_ICON_RGBA.to_vec(),
                width: khuyencong::assets::APP_ICON_SIZE,
                height: khuyencong::assets::APP_ICON_SIZE,
            }),
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
                Ok(Err(e)) => {
                    // eframe's reason is English: the log keeps it, the user reads Vietnamese.
                    support_log::record("Khởi động cửa sổ", &e);
                    "không khởi tạo được đồ họa (chi tiết trong nhật ký)".to_owned()
                }
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
