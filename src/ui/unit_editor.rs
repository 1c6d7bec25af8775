//! Which unit this installation serves: province, kind of office, official name. Shown as the
//! first-start dialog and in Cài đặt.

use egui::{Id, RichText, Ui};

use crate::domain::admin_unit::Province;
use crate::domain::unit_settings::{UnitKind, UnitSettings};

/// The editable copy of the unit settings.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitEditor {
    pub province_code: String,
    pub kind: UnitKind,
    pub unit_name: String,
    error: Option<String>,
}

impl UnitEditor {
    /// Starts from saved settings, or blank on first start.
    pub fn new(current: Option<&UnitSettings>) -> UnitEditor {
        match current {
            Some(u) => UnitEditor {
                province_code: u.province_code.clone(),
                kind: u.kind,
                unit_name: u.unit_name.clone(),
                error: None,
            },
            None => UnitEditor {
                province_code: String::new(),
                kind: UnitKind::ProvinceCentre,
                unit_name: String::new(),
                error: None,
            },
        }
    }

    /// The settings the editor describes, or a message naming what is missing.
    pub fn settings(&self) -> Result<UnitSettings, String> {
        if self.province_code.is_empty() {
            return Err("Tỉnh/thành phố: hãy chọn tỉnh mà phần mềm phục vụ.".into());
        }
        if self.unit_name.trim().is_empty() {
            return Err("Tên đơn vị: bắt buộc nhập.".into());
        }
        Ok(UnitSettings {
            province_code: self.province_code.clone(),
            kind: self.kind,
            unit_name: crate::text::fold::nfc(self.unit_name.trim()),
            commune_code: String::new(),
        })
    }

    /// Draws the fields; returns Some(settings) when the user pressed the confirm button and
    /// the values are complete.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        provinces: &[Province],
        confirm_text: &str,
    ) -> Option<UnitSettings> {
        let mut confirmed = None;
        egui::Grid::new("unit_editor")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("Tỉnh/thành phố");
                let selected = provinces
                    .iter()
                    .find(|p| p.code == self.province_code)
                    .map_or("— chọn tỉnh —".to_owned(), |p| p.name.clone());
                egui::ComboBox::from_id_salt(Id::unique("unit_province"))
                    .selected_text(selected)
                    .width(300.0)
                    .height(500.0)
                    .show_ui(ui, |ui| {
                        for p in provinces {
                            // Offer the usual name unless the user already typed their own.
                            if ui
                                .selectable_value(&mut self.province_code, p.code.clone(), &p.name)
                                .clicked()
                                && self.kind == UnitKind::ProvinceCentre
                                && suggested_names(provinces).contains(&self.unit_name)
                            {
                                self.unit_name = suggested_name(p);
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                ui.label("Loại đơn vị");
                ui.vertical(|ui| {
                    for kind in [UnitKind::ProvinceCentre, UnitKind::CommuneOffice] {
                        ui.radio_value(&mut self.kind, kind, kind.label());
                    }
                });
                ui.end_row();

                let label = ui.label("Tên đơn vị");
                ui.add(
                    egui::TextEdit::singleline(&mut self.unit_name)
                        .hint_text("Trung tâm Khuyến công và Tư vấn phát triển công nghiệp")
                        .desired_width(420.0),
                )
                .labelled_by(label.id);
                ui.end_row();
            });
        if let Some(err) = &self.error {
            ui.colored_label(crate::ui::establishment_form::ERROR_COLOR, err);
        }
        ui.add_space(6.0);
        if ui.button(RichText::new(confirm_text).strong()).clicked() {
            match self.settings() {
                Ok(s) => {
                    self.error = None;
                    confirmed = Some(s);
                }
                Err(e) => self.error = Some(e),
            }
        }
        confirmed
    }
}

/// The usual name of a provincial centre, offered when a province is picked.
fn suggested_name(p: &Province) -> String {
    let short = p
        .name
        .strip_prefix("Tỉnh ")
        .or_else(|| p.name.strip_prefix("Thành phố "))
        .unwrap_or(&p.name);
    format!("Trung tâm Khuyến công {short}")
}

fn suggested_names(provinces: &[Province]) -> Vec<String> {
    let mut names: Vec<String> = provinces.iter().map(suggested_name).collect();
    names.push(String::new());
    names
}
