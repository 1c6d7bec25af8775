//! Hồ sơ: copies of the scanned decision, contract and acceptance minutes, opened with the
//! system viewer.

use egui::{RichText, Ui};

use super::{ProjectForm, ProjectFormAction};
use crate::domain::attachment::is_executable_name;

/// Draws the tab; returns an action when the user attaches, opens or removes a file.
pub(super) fn ui(form: &ProjectForm, ui: &mut Ui) -> Option<ProjectFormAction> {
    let mut action = None;
    if form.is_new() {
        ui.label("Lưu đề án trước, sau đó đính kèm hồ sơ (QĐ phê duyệt, hợp đồng, biên bản nghiệm thu…).");
        return None;
    }
    ui.label("Bản sao các tệp được lưu trong thư mục \"ho-so\" bên cạnh tệp dữ liệu; tệp gốc không bị thay đổi.");
    ui.add_space(6.0);
    if form.attachments.is_empty() {
        ui.weak("Chưa có hồ sơ đính kèm.");
    }
    egui::Grid::new("attachments")
        .striped(true)
        .num_columns(4)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            if !form.attachments.is_empty() {
                for h in ["Tệp", "Ngày đính kèm", "", ""] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
            }
            for (i, a) in form.attachments.iter().enumerate() {
                ui.label(&a.file_name);
                ui.label(a.added_at.get(..10).unwrap_or(&a.added_at));
                if let Some(problem) = &a.problem {
                    // A record from a damaged or foreign file: shown, never opened.
                    ui.colored_label(ui.visuals().error_fg_color, "Không mở được")
                        .on_hover_text(problem);
                } else if is_executable_name(&a.file_name) {
                    if ui
                        .button("Mở thư mục chứa tệp")
                        .on_hover_text(
                            "Tệp là chương trình hoặc tập lệnh nên không được mở trực tiếp.",
                        )
                        .clicked()
                    {
                        action = Some(ProjectFormAction::OpenAttachmentFolder(i));
                    }
                } else if ui
                    .button("Mở")
                    .on_hover_text(a.path.display().to_string())
                    .clicked()
                {
                    action = Some(ProjectFormAction::OpenAttachment(i));
                }
                if ui.small_button("Bỏ").clicked() {
                    action = Some(ProjectFormAction::RemoveAttachment(i));
                }
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    if ui.button("Đính kèm tệp…").clicked() {
        action = Some(ProjectFormAction::AttachFile);
    }
    action
}
