//! Cài đặt: the unit this installation serves, and backups (take one now, restore one).

use std::path::PathBuf;

use egui::{Id, RichText, Ui};

use crate::domain::backup_file::BackupFile;
use crate::domain::unit_settings::UnitSettings;
use crate::service::catalog::CatalogChange;
use crate::service::reference::Reference;
use crate::text::number::format_integer;
use crate::ui::catalog_editor::CatalogEditor;
use crate::ui::fonts::bold;
use crate::ui::unit_editor::UnitEditor;
use crate::ui::widgets::confirm::confirm_dialog;

/// What the user asked Settings to do.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsAction {
    None,
    SaveUnit(UnitSettings),
    BackupNow,
    Restore(PathBuf),
    Catalog(CatalogChange),
}

/// State of the Settings screen.
pub struct SettingsPanel {
    editor: UnitEditor,
    backups: Vec<BackupFile>,
    confirm_restore: Option<BackupFile>,
    catalog: CatalogEditor,
}

impl SettingsPanel {
    /// A panel showing the saved unit and `backups`.
    pub fn new(unit: Option<&UnitSettings>, backups: Vec<BackupFile>) -> SettingsPanel {
        SettingsPanel {
            editor: UnitEditor::new(unit),
            backups,
            confirm_restore: None,
            catalog: CatalogEditor::new(),
        }
    }

    /// Draws the screen.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        database_path: &std::path::Path,
        provinces: &[crate::domain::admin_unit::Province],
        catalog: Option<(&Reference, &str, chrono::NaiveDate)>,
    ) -> SettingsAction {
        let mut action = SettingsAction::None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(bold("Đơn vị sử dụng"));
            ui.label(
                RichText::new("Tỉnh và loại đơn vị quyết định danh mục xã, mã cơ sở và báo cáo.")
                    .weak(),
            );
            if let Some(unit) = self.editor.ui(ui, provinces, "Lưu cài đặt đơn vị") {
                action = SettingsAction::SaveUnit(unit);
            }
            // Support asks for this file; selectable so it can be copied into a message.
            ui.add_space(8.0);
            ui.add(
                egui::Label::new(format!(
                    "Nhật ký hỗ trợ (chi tiết kỹ thuật của các lỗi): {}",
                    crate::support_log::location().display()
                ))
                .selectable(true),
            );

            if let Some((reference, province_code, today)) = catalog {
                ui.add_space(16.0);
                ui.separator();
                ui.heading(bold("Danh mục khuyến công"));
                ui.label(
                    RichText::new(
                        "Văn bản pháp luật là dữ liệu có hiệu lực theo ngày: đề án được xét theo mức đang có hiệu lực vào ngày phê duyệt.",
                    )
                    .weak(),
                );
                if let Some(change) = self.catalog.ui(ui, reference, province_code, today) {
                    action = SettingsAction::Catalog(change);
                }
            }

            ui.add_space(16.0);
            ui.separator();
            ui.heading(bold("Sao lưu và khôi phục"));
            ui.label(format!("Tệp dữ liệu: {}", database_path.display()));
            ui.label(
                RichText::new(
                    "Mỗi lần mở phần mềm, một bản sao nén được lưu tự động vào thư mục backups bên cạnh tệp dữ liệu, sau khi đã kiểm tra. Phần mềm giữ 3 lần mở gần nhất, mỗi ngày một bản trong 7 ngày, mỗi tuần một bản trong 5 tuần; 10 bản sao lưu thủ công và 5 bản trước khi khôi phục gần nhất.",
                )
                .weak(),
            );
            if ui.button("Sao lưu ngay").clicked() {
                action = SettingsAction::BackupNow;
            }
            ui.add_space(6.0);
            if self.backups.is_empty() {
                ui.label("Chưa có bản sao lưu nào.");
            } else {
                let total: u64 = self.backups.iter().map(|b| b.size_bytes).sum();
                ui.label(format!(
                    "{} bản sao lưu, tổng dung lượng {}.",
                    format_integer(i64::try_from(self.backups.len()).unwrap_or(i64::MAX)),
                    size_text(total)
                ));
            }
            egui::Grid::new("backups").striped(true).num_columns(4).show(ui, |ui| {
                if !self.backups.is_empty() {
                    ui.label(RichText::new("Thời điểm sao lưu").strong());
                    ui.label(RichText::new("Loại").strong());
                    ui.label(RichText::new("Dung lượng").strong());
                    ui.label("");
                    ui.end_row();
                }
                for b in &self.backups {
                    ui.label(&b.taken_at);
                    ui.label(b.kind.name());
                    ui.label(size_text(b.size_bytes));
                    if ui.button("Khôi phục…").clicked() {
                        self.confirm_restore = Some(b.clone());
                    }
                    ui.end_row();
                }
            });
        });
        if let Some(path) = self.restore_dialog(ui) {
            action = SettingsAction::Restore(path);
        }
        action
    }

    /// Shows the unit and the backups folder as they are now (after a backup or restore).
    pub fn refresh(&mut self, unit: Option<&UnitSettings>, backups: Vec<BackupFile>) {
        self.backups = backups;
        self.editor = UnitEditor::new(unit);
    }

    fn restore_dialog(&mut self, ui: &mut Ui) -> Option<PathBuf> {
        let backup = self.confirm_restore.clone()?;
        let answer = confirm_dialog(
            ui.ctx(),
            Id::unique("confirm_restore"),
            "Khôi phục dữ liệu?",
            &format!(
                "Dữ liệu hiện tại sẽ được thay bằng bản sao lưu lúc {} ({}).",
                backup.taken_at,
                backup.kind.name().to_lowercase()
            ),
            "Dữ liệu hiện tại vẫn được giữ lại thành một bản sao lưu trước khi khôi phục.",
            "Khôi phục",
            "Không",
        );
        if answer.is_some() {
            self.confirm_restore = None;
        }
        (answer == Some(true)).then_some(backup.path)
    }
}

/// A file size as the list shows it: KB below 10 MB, MB above, Vietnamese digit grouping.
fn size_text(bytes: u64) -> String {
    let kb = i64::try_from(bytes / 1024).unwrap_or(i64::MAX);
    if bytes < 10 * 1024 * 1024 {
        format!("{} KB", format_integer(kb))
    } else {
        format!("{} MB", format_integer(kb / 1024))
    }
}
