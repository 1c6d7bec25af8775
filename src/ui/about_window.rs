//! Giới thiệu: which copy of the app this is (version, build date), where its data, backups and
//! log are — what a support call asks first — with buttons that open those folders, and the
//! licences of the fonts and libraries built into it.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::assets;
use crate::ui::fonts::bold;

/// The version of this build (Cargo.toml's).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The day this build was made (build.rs; the release script fixes it to the commit's day).
pub const BUILD_DATE: &str = env!("KHUYENCONG_BUILD_DATE");

/// Where this copy keeps its files.
pub struct AboutFacts {
    pub database: PathBuf,
    pub backups: PathBuf,
    pub log: PathBuf,
}

/// One crate of the licence list.
pub struct Library<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub licence: &'a str,
}

/// The crates built into the exe, from `assets/licences.tsv` (lines starting with # are notes).
pub fn libraries() -> Vec<Library<'static>> {
    assets::LICENCES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some(Library {
                name: cols.next()?,
                version: cols.next()?,
                licence: cols.next()?,
            })
        })
        .collect()
}

/// The Giới thiệu window, over whatever screen is showing.
#[derive(Default)]
pub struct AboutWindow {
    open: bool,
}

impl AboutWindow {
    pub fn open(&mut self) {
        self.open = true;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Draws the window when open; returns a folder the user asked to open.
    pub fn show(&mut self, ctx: &egui::Context, facts: &AboutFacts) -> Option<PathBuf> {
        let mut wanted = None;
        let mut open = self.open;
        egui::Window::new("Giới thiệu")
            .open(&mut open)
            .collapsible(false)
            .default_width(620.0)
            .show(ctx, |ui| wanted = contents(ui, facts));
        self.open = open;
        wanted
    }
}

fn contents(ui: &mut Ui, facts: &AboutFacts) -> Option<PathBuf> {
    let mut wanted = None;
    ui.heading(bold("Sổ Khuyến công"));
    ui.label("Sổ quản lý cơ sở công nghiệp nông thôn, đề án và kinh phí khuyến công.");
    ui.label(format!("Phiên bản {VERSION}, dựng ngày {BUILD_DATE}."));
    ui.label(RichText::new("Chạy trên Windows 10 trở lên (bản 64 bit).").weak());
    ui.add_space(8.0);

    ui.label(bold("Nơi lưu dữ liệu"));
    egui::Grid::new("about-places")
        .num_columns(3)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let data_folder = facts.database.parent().unwrap_or(Path::new(""));
            place_row(ui, "Tệp dữ liệu", &facts.database, data_folder, &mut wanted);
            place_row(
                ui,
                "Bản sao lưu",
                &facts.backups,
                &facts.backups,
                &mut wanted,
            );
            let log_folder = facts.log.parent().unwrap_or(Path::new(""));
            place_row(ui, "Nhật ký hỗ trợ", &facts.log, log_folder, &mut wanted);
        });
    ui.label(
        RichText::new(
            "Gỡ cài đặt phần mềm không xóa các thư mục này. Khi cần chuyển sang máy khác, \
             hãy chép cả thư mục chứa tệp dữ liệu (có bản sao lưu và hồ sơ đính kèm).",
        )
        .weak(),
    );
    ui.add_space(8.0);

    ui.label(bold("Phông chữ đi kèm"));
    ui.label(
        "Noto Sans (chữ trên màn hình): © 2012 Google Inc., giấy phép SIL Open Font License 1.1.",
    );
    ui.label(
        "Tinos (chữ in, cùng kích thước với Times New Roman): © 2010, 2012–2020 Google, giấy \
         phép SIL Open Font License 1.1.",
    );
    ui.add_space(8.0);

    let libraries = libraries();
    ui.label(bold(format!(
        "Thư viện mã nguồn mở ({} thư viện)",
        libraries.len()
    )));
    ui.label(
        "SQLite (lưu dữ liệu) thuộc phạm vi công cộng. Toàn văn giấy phép của từng thư viện \
         nằm trong tệp GIAY-PHEP-THU-VIEN.txt ở thư mục cài đặt.",
    );
    egui::ScrollArea::vertical()
        .max_height(180.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("about-libraries")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for lib in &libraries {
                        ui.label(format!("{} {}", lib.name, lib.version));
                        ui.label(lib.licence);
                        ui.end_row();
                    }
                });
        });
    wanted
}

/// One place: what it is, its path (selectable, to paste into an e-mail), and "Mở thư mục".
fn place_row(ui: &mut Ui, what: &str, path: &Path, folder: &Path, wanted: &mut Option<PathBuf>) {
    ui.label(what);
    ui.add(egui::Label::new(path.display().to_string()).selectable(true));
    // A folder that does not exist yet (no backup taken, nothing logged) has nothing to show.
    let exists = folder.is_dir();
    let button = ui
        .add_enabled(exists, egui::Button::new("Mở thư mục"))
        .on_disabled_hover_text("Thư mục này chưa có (chưa có tệp nào được ghi vào đó).");
    if button.clicked() {
        *wanted = Some(folder.to_path_buf());
    }
    ui.end_row();
}
