//! Cài đặt › Danh mục khuyến công: the programmes (add the province's own), the support
//! ceilings (add a province's NQ HĐND row, end a row's validity), and the activity contents
//! (correct a wording, mark it checked against the official text). Rows are never deleted:
//! old projects are still judged by them.

use chrono::NaiveDate;
use egui::{Id, RichText, Ui};

use crate::domain::activity_content::ActivityContent;
use crate::domain::funding_source::FundingSource;
use crate::domain::programme::Programme;
use crate::domain::rule_term::{RuleTerm, RuleTermKey};
use crate::domain::support_ceiling::{CapUnit, SupportCeiling};
use crate::service::catalog::CatalogChange;
use crate::service::reference::Reference;
use crate::text::date::format_date;
use crate::text::number::format_integer;
use crate::ui::establishment_form::ERROR_COLOR;
use crate::ui::widgets::date_edit::date_edit;
use crate::ui::widgets::money_edit::money_edit;

/// What is being typed in the editor.
pub struct CatalogEditor {
    programme_name: String,
    programme_decision: String,
    programme_from: Option<NaiveDate>,
    programme_to: Option<NaiveDate>,
    ceiling_item: String,
    ceiling_percent: i64,
    ceiling_cap: i64,
    ceiling_unit: CapUnit,
    ceiling_from: Option<NaiveDate>,
    ceiling_source_document: String,
    editing_content: Option<ActivityContent>,
    term_key: RuleTermKey,
    term_value: String,
    term_from: Option<NaiveDate>,
    term_source_document: String,
    error: Option<String>,
}

impl CatalogEditor {
    /// Blank inputs.
    pub fn new() -> CatalogEditor {
        CatalogEditor {
            programme_name: String::new(),
            programme_decision: String::new(),
            programme_from: None,
            programme_to: None,
            ceiling_item: String::new(),
            ceiling_percent: 0,
            ceiling_cap: 0,
            ceiling_unit: CapUnit::PerProject,
            ceiling_from: None,
            ceiling_source_document: String::new(),
            editing_content: None,
            term_key: RuleTermKey::SettlementDaysAfterAcceptance,
            term_value: String::new(),
            term_from: None,
            term_source_document: String::new(),
            error: None,
        }
    }

    /// Draws the three sections; returns the change the user confirmed, if any.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        reference: &Reference,
        province_code: &str,
        today: NaiveDate,
    ) -> Option<CatalogChange> {
        let mut change = None;
        egui::CollapsingHeader::new("Chương trình khuyến công")
            .default_open(false)
            .show(ui, |ui| {
                change = change
                    .take()
                    .or(self.programmes(ui, reference, province_code));
            });
        egui::CollapsingHeader::new("Mức hỗ trợ (trần kinh phí)")
            .default_open(false)
            .show(ui, |ui| {
                change = change
                    .take()
                    .or(self.ceilings(ui, reference, province_code, today));
            });
        egui::CollapsingHeader::new("Nội dung khuyến công")
            .default_open(false)
            .show(ui, |ui| {
                change = change.take().or(self.contents(ui, reference));
            });
        egui::CollapsingHeader::new("Tham số quy định (thời hạn quyết toán, một lần hỗ trợ)")
            .default_open(false)
            .show(ui, |ui| {
                change = change.take().or(self.terms(ui, reference));
            });
        if let Some(e) = &self.error {
            ui.colored_label(ERROR_COLOR, e);
        }
        change
    }

    fn programmes(
        &mut self,
        ui: &mut Ui,
        reference: &Reference,
        province_code: &str,
    ) -> Option<CatalogChange> {
        egui::Grid::new("catalog_programmes")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                for h in ["Chương trình", "Quyết định", "Phạm vi", "Giai đoạn"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for p in &reference.programmes {
                    ui.label(&p.name);
                    ui.label(&p.decision);
                    ui.label(if p.province_code.is_some() {
                        "Địa phương"
                    } else {
                        "Quốc gia"
                    });
                    ui.label(format!(
                        "{} – {}",
                        format_date(p.valid_from),
                        p.valid_to.map(format_date).unwrap_or_else(|| "nay".into())
                    ));
                    ui.end_row();
                }
            });
        ui.add_space(4.0);
        ui.label(RichText::new("Thêm chương trình khuyến công địa phương").strong());
        egui::Grid::new("new_programme")
            .num_columns(2)
            .show(ui, |ui| {
                let l = ui.label("Tên chương trình");
                ui.add(
                    egui::TextEdit::singleline(&mut self.programme_name)
                        .desired_width(480.0)
                        .hint_text("Chương trình khuyến công tỉnh … giai đoạn 2026–2030"),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Quyết định phê duyệt");
                ui.add(
                    egui::TextEdit::singleline(&mut self.programme_decision)
                        .desired_width(480.0)
                        .hint_text("QĐ …/QĐ-UBND ngày …"),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Từ ngày");
                let (_, e1) = date_edit(
                    ui,
                    Id::unique("programme_from"),
                    l.id,
                    "Từ ngày",
                    &mut self.programme_from,
                );
                ui.end_row();
                let l = ui.label("Đến ngày");
                let (_, e2) = date_edit(
                    ui,
                    Id::unique("programme_to"),
                    l.id,
                    "Đến ngày",
                    &mut self.programme_to,
                );
                ui.end_row();
                if let Some(e) = e1.or(e2) {
                    self.error = Some(e);
                }
            });
        if !ui.button("Thêm chương trình").clicked() {
            return None;
        }
        let (Some(from), to) = (self.programme_from, self.programme_to) else {
            self.error = Some("Chương trình: nhập ngày bắt đầu.".into());
            return None;
        };
        if self.programme_name.trim().is_empty() || self.programme_decision.trim().is_empty() {
            self.error = Some("Chương trình: nhập tên và quyết định phê duyệt.".into());
            return None;
        }
        if to.is_some_and(|t| t < from) {
            self.error = Some("Chương trình: ngày kết thúc trước ngày bắt đầu.".into());
            return None;
        }
        self.error = None;
        let code = format!(
            "KCDP-{province_code}-{}-{}",
            chrono::Datelike::year(&from),
            to.map(|t| chrono::Datelike::year(&t).to_string())
                .unwrap_or_default()
        );
        let programme = Programme {
            code,
            name: crate::text::fold::nfc(self.programme_name.trim()),
            decision: crate::text::fold::nfc(self.programme_decision.trim()),
            province_code: Some(province_code.to_owned()),
            valid_from: from,
            valid_to: to,
        };
        self.programme_name.clear();
        self.programme_decision.clear();
        Some(CatalogChange::SaveProgramme(programme))
    }

    fn ceilings(
        &mut self,
        ui: &mut Ui,
        reference: &Reference,
        province_code: &str,
        today: NaiveDate,
    ) -> Option<CatalogChange> {
        let mut change = None;
        egui::Grid::new("catalog_ceilings")
            .striped(true)
            .num_columns(6)
            .show(ui, |ui| {
                for h in ["Hạng mục", "Phạm vi", "Mức", "Hiệu lực", "Căn cứ", ""] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for c in &reference.ceilings {
                    ui.label(&c.item_name);
                    ui.label(match &c.province_code {
                        Some(p) => format!("Tỉnh mã {p}"),
                        None => "Quốc gia".into(),
                    });
                    let percent = c.percent_bp.map(|bp| format!("{} % chi phí", bp / 100));
                    let cap = c.cap.map(|v| {
                        format!(
                            "≤ {} đồng/{}",
                            format_integer(v),
                            if c.cap_unit == CapUnit::PerProject {
                                "đề án"
                            } else {
                                "cơ sở"
                            }
                        )
                    });
                    ui.label(
                        [percent, cap]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", "),
                    );
                    ui.label(format!(
                        "{} – {}",
                        format_date(c.valid_from),
                        c.valid_to.map(format_date).unwrap_or_else(|| "nay".into())
                    ));
                    ui.label(&c.source_document);
                    if c.province_code.as_deref() == Some(province_code)
                        && c.valid_to.is_none()
                        && ui
                            .small_button("Kết thúc hiệu lực")
                            .on_hover_text("Hết hiệu lực từ hôm nay; đề án cũ vẫn xét theo mức này")
                            .clicked()
                    {
                        change = Some(CatalogChange::EndCeiling(c.id, today));
                    }
                    ui.end_row();
                }
            });
        ui.add_space(4.0);
        ui.label(RichText::new("Thêm mức hỗ trợ của tỉnh (Nghị quyết HĐND)").strong());
        let items = reference.support_items();
        egui::Grid::new("new_ceiling")
            .num_columns(2)
            .show(ui, |ui| {
                let l = ui.label("Hạng mục hỗ trợ");
                let selected = items
                    .iter()
                    .find(|(c, _)| c == &self.ceiling_item)
                    .map_or("— chọn hạng mục —".to_owned(), |(_, n)| n.clone());
                egui::ComboBox::from_id_salt("ceiling_item")
                    .selected_text(selected)
                    .width(420.0)
                    .show_ui(ui, |ui| {
                        for (code, name) in &items {
                            ui.selectable_value(&mut self.ceiling_item, code.clone(), name);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Tỷ lệ tối đa (% chi phí, 0 = không)");
                let (_, e1) = money_edit(
                    ui,
                    Id::unique("ceiling_percent"),
                    Some(l.id),
                    "Tỷ lệ",
                    &mut self.ceiling_percent,
                    80.0,
                );
                ui.end_row();
                let l = ui.label("Mức tối đa (đồng, 0 = không)");
                let (_, e2) = money_edit(
                    ui,
                    Id::unique("ceiling_cap"),
                    Some(l.id),
                    "Mức tối đa",
                    &mut self.ceiling_cap,
                    160.0,
                );
                ui.end_row();
                ui.label("Tính cho mỗi");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut self.ceiling_unit, CapUnit::PerProject, "đề án");
                    ui.radio_value(&mut self.ceiling_unit, CapUnit::PerEstablishment, "cơ sở");
                });
                ui.end_row();
                let l = ui.label("Hiệu lực từ ngày");
                let (_, e3) = date_edit(
                    ui,
                    Id::unique("ceiling_from"),
                    l.id,
                    "Hiệu lực từ ngày",
                    &mut self.ceiling_from,
                );
                ui.end_row();
                let l = ui.label("Căn cứ (số, ngày Nghị quyết)");
                ui.add(
                    egui::TextEdit::singleline(&mut self.ceiling_source_document)
                        .desired_width(420.0)
                        .hint_text("NQ …/2025/NQ-HĐND ngày …"),
                )
                .labelled_by(l.id);
                ui.end_row();
                if let Some(e) = e1.or(e2).or(e3) {
                    self.error = Some(e);
                }
            });
        if ui.button("Thêm mức hỗ trợ").clicked() {
            let item_name = items
                .iter()
                .find(|(c, _)| c == &self.ceiling_item)
                .map(|(_, n)| n.clone());
            match (item_name, self.ceiling_from) {
                (None, _) => self.error = Some("Mức hỗ trợ: chọn hạng mục.".into()),
                (_, None) => self.error = Some("Mức hỗ trợ: nhập ngày hiệu lực.".into()),
                _ if !(0..=100).contains(&self.ceiling_percent) => {
                    self.error = Some("Mức hỗ trợ: tỷ lệ phải từ 0 đến 100 %.".into())
                }
                _ if self.ceiling_percent == 0 && self.ceiling_cap <= 0 => {
                    self.error = Some("Mức hỗ trợ: nhập tỷ lệ hoặc mức tối đa.".into())
                }
                _ if self.ceiling_source_document.trim().is_empty() => {
                    self.error = Some("Mức hỗ trợ: nhập căn cứ (số, ngày Nghị quyết HĐND).".into())
                }
                (Some(item_name), Some(from)) => {
                    self.error = None;
                    change = Some(CatalogChange::AddCeiling(SupportCeiling {
                        id: 0,
                        item_code: self.ceiling_item.clone(),
                        item_name,
                        province_code: Some(province_code.to_owned()),
                        source: Some(FundingSource::Kcdp),
                        percent_bp: (self.ceiling_percent > 0)
                            .then_some(self.ceiling_percent * 100),
                        cap: (self.ceiling_cap > 0).then_some(self.ceiling_cap),
                        cap_unit: self.ceiling_unit,
                        valid_from: from,
                        valid_to: None,
                        source_document: crate::text::fold::nfc(
                            self.ceiling_source_document.trim(),
                        ),
                    }));
                }
            }
        }
        change
    }

    /// The dated terms of the project rules, and a new value from a date on (the value in
    /// force until then is kept for older projects, as with the ceilings).
    fn terms(&mut self, ui: &mut Ui, reference: &Reference) -> Option<CatalogChange> {
        egui::Grid::new("catalog_terms")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                for h in ["Quy định", "Giá trị", "Hiệu lực", "Căn cứ"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for t in &reference.terms {
                    ui.label(t.key.label());
                    ui.label(t.value.text());
                    ui.label(format!(
                        "{} – {}",
                        format_date(t.valid_from),
                        t.valid_to.map(format_date).unwrap_or_else(|| "nay".into())
                    ));
                    ui.label(&t.source_document);
                    ui.end_row();
                }
            });
        ui.add_space(4.0);
        ui.label(
            RichText::new("Thêm giá trị mới (giá trị cũ hết hiệu lực từ ngày trước đó)").strong(),
        );
        egui::Grid::new("catalog_new_term")
            .num_columns(2)
            .show(ui, |ui| {
                let l = ui.label("Quy định");
                egui::ComboBox::from_id_salt("term_key")
                    .selected_text(self.term_key.label())
                    .width(420.0)
                    .show_ui(ui, |ui| {
                        for key in RuleTermKey::ALL {
                            ui.selectable_value(&mut self.term_key, key, key.label());
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Giá trị mới");
                ui.add(
                    egui::TextEdit::singleline(&mut self.term_value)
                        .desired_width(160.0)
                        .hint_text("15 · 22/01 · 1 hoặc 0"),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Áp dụng từ ngày");
                let (_, e) = date_edit(
                    ui,
                    Id::unique("term_from"),
                    l.id,
                    "Áp dụng từ ngày",
                    &mut self.term_from,
                );
                if let Some(e) = e {
                    self.error = Some(e);
                }
                ui.end_row();
                let l = ui.label("Căn cứ (số, ngày văn bản)");
                ui.add(
                    egui::TextEdit::singleline(&mut self.term_source_document)
                        .desired_width(420.0)
                        .hint_text("TT …/…/TT-BCT, NQ …/NQ-HĐND …"),
                )
                .labelled_by(l.id);
                ui.end_row();
            });
        if !ui.button("Thêm giá trị quy định").clicked() {
            return None;
        }
        let value = match self.term_key.parse_value(&self.term_value) {
            Ok(value) => value,
            Err(e) => {
                self.error = Some(format!("Tham số quy định, giá trị: {e}"));
                return None;
            }
        };
        let Some(valid_from) = self.term_from else {
            self.error = Some("Tham số quy định: nhập ngày áp dụng.".into());
            return None;
        };
        self.error = None;
        Some(CatalogChange::AddRuleTerm(RuleTerm {
            key: self.term_key,
            value,
            valid_from,
            valid_to: None,
            source_document: crate::text::fold::nfc(self.term_source_document.trim()),
            note: String::new(),
        }))
    }

    fn contents(&mut self, ui: &mut Ui, reference: &Reference) -> Option<CatalogChange> {
        let mut change = None;
        if let Some(editing) = &mut self.editing_content {
            ui.label(
                RichText::new(format!(
                    "Sửa nội dung {} ({})",
                    editing.code, editing.list_name
                ))
                .strong(),
            );
            let l = ui.label("Tên nội dung");
            ui.add(
                egui::TextEdit::multiline(&mut editing.name)
                    .desired_rows(2)
                    .desired_width(640.0),
            )
            .labelled_by(l.id);
            let mut checked = !editing.wording_unconfirmed;
            ui.checkbox(&mut checked, "Đã đối chiếu với văn bản chính thức");
            editing.wording_unconfirmed = !checked;
            let mut close = false;
            ui.horizontal(|ui| {
                if ui.button("Lưu nội dung").clicked() {
                    let mut c = editing.clone();
                    c.name = crate::text::fold::nfc(c.name.trim());
                    change = Some(CatalogChange::SaveContent(c));
                }
                if ui.button("Thôi").clicked() {
                    close = true;
                }
            });
            if close {
                self.editing_content = None;
            }
            if change.is_some() {
                self.editing_content = None;
            }
            ui.separator();
        }
        egui::Grid::new("catalog_contents")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for h in ["Mã", "Danh mục", "Nội dung", "Hiệu lực", ""] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for c in &reference.contents {
                    ui.label(&c.code);
                    ui.label(&c.list_name);
                    let mut name = c.name.clone();
                    if c.wording_unconfirmed {
                        name.push_str(" (chưa đối chiếu)");
                    }
                    ui.add(egui::Label::new(name).wrap());
                    ui.label(format!(
                        "{} – {}",
                        format_date(c.valid_from),
                        c.valid_to.map(format_date).unwrap_or_else(|| "nay".into())
                    ));
                    if ui.small_button(format!("Sửa {}", c.code)).clicked() {
                        self.editing_content = Some(c.clone());
                    }
                    ui.end_row();
                }
            });
        change
    }
}

impl Default for CatalogEditor {
    fn default() -> Self {
        Self::new()
    }
}
