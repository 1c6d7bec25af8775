//! The two versions of a record whose save was refused because someone else saved it first:
//! field by field "Bản của bạn" beside "Bản đã lưu (bởi …, lúc …)", and the two ways out. The
//! form keeps what the user typed until they choose; nothing is overwritten without the click.

use egui::{RichText, Ui};

use crate::domain::field_difference::FieldDifference;
use crate::domain::stale_save::StaleSave;
use crate::ui::establishment_form::ERROR_COLOR;
use crate::ui::fonts::bold;

/// What the user chose this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaleChoice {
    None,
    /// Drop the typed values and show the stored record.
    Reload,
    /// Save the typed values over the stored version (an audited save like any other).
    Overwrite,
}

/// Draws the refusal, the differing fields and the two buttons.
pub fn stale_save_ui(
    ui: &mut Ui,
    id_salt: &str,
    stale: &StaleSave,
    differences: &[FieldDifference],
) -> StaleChoice {
    let mut choice = StaleChoice::None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.add(egui::Label::new(bold(stale.to_string()).color(ERROR_COLOR)).wrap());
        if differences.is_empty() {
            ui.label("Bản đã lưu giống hệt bản của bạn ở mọi trường đang hiện.");
        } else {
            egui::ScrollArea::vertical()
                .id_salt(("stale_save_scroll", id_salt))
                .max_height(240.0)
                .show(ui, |ui| {
                    egui::Grid::new(("stale_save_grid", id_salt))
                        .striped(true)
                        .num_columns(3)
                        .show(ui, |ui| {
                            ui.label(bold("Trường"));
                            ui.label(bold("Bản của bạn"));
                            ui.label(bold(stale.stored_heading()));
                            ui.end_row();
                            for d in differences {
                                ui.label(&d.field);
                                ui.add(egui::Label::new(&d.mine).wrap());
                                ui.add(egui::Label::new(&d.stored).wrap());
                                ui.end_row();
                            }
                        });
                });
        }
        ui.horizontal(|ui| {
            if ui
                .button("Tải lại bản đã lưu")
                .on_hover_text("Bỏ những gì bạn vừa sửa, hiện bản đã lưu")
                .clicked()
            {
                choice = StaleChoice::Reload;
            }
            if ui
                .button(RichText::new("Giữ bản của tôi và lưu đè").color(ERROR_COLOR))
                .on_hover_text("Lưu bản của bạn thay cho bản đã lưu; nhật ký ghi lại lần lưu này")
                .clicked()
            {
                choice = StaleChoice::Overwrite;
            }
        });
    });
    choice
}
