//! Cơ sở CNNT: the registry table (virtualised, sortable, searchable, filterable) with add,
//! edit and delete. Keyboard: Ctrl+F search, Ctrl+N new, ↑/↓ move, Enter edit, Delete delete.

use egui::{Id, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use uuid::Uuid;

use crate::domain::legal_form::LegalForm;
use crate::service::reference::Reference;
use crate::text::number::format_integer;
use crate::ui::registry_view::{RegistryFilter, RegistryView, SortColumn};
use crate::ui::widgets::confirm::{DeleteConfirmation, DeleteWording};
use crate::ui::widgets::list_keys::list_keys;

/// Id of the search box, so Ctrl+F can focus it (and tests can find it).
pub fn search_box_id() -> Id {
    Id::unique("registry_search")
}

/// What the user asked the registry to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistryAction {
    None,
    New,
    Edit(Uuid),
    Delete(Uuid),
}

/// State of the registry screen.
pub struct RegistryPanel {
    pub view: RegistryView,
    filter: RegistryFilter,
    selected: Option<Uuid>,
    scroll_to_selected: bool,
    delete: DeleteConfirmation,
}

const ROW_HEIGHT: f32 = 22.0;

impl RegistryPanel {
    /// A panel over the given view.
    pub fn new(view: RegistryView) -> RegistryPanel {
        RegistryPanel {
            filter: view.filter().clone(),
            view,
            selected: None,
            scroll_to_selected: false,
            delete: DeleteConfirmation::default(),
        }
    }

    /// The selected record.
    pub fn selected(&self) -> Option<Uuid> {
        self.selected
    }

    /// Selects a record and scrolls to it.
    pub fn select(&mut self, id: Option<Uuid>) {
        self.selected = id;
        self.scroll_to_selected = true;
    }

    /// Draws the screen. `modal_open` suppresses shortcuts while another dialog is up.
    pub fn ui(&mut self, ui: &mut Ui, cache: &Reference, modal_open: bool) -> RegistryAction {
        let mut action = RegistryAction::None;
        self.toolbar(ui, cache, &mut action);
        ui.separator();
        self.table(ui, cache, &mut action);
        if !modal_open && !self.delete.is_open() {
            self.shortcuts(ui, &mut action);
        }
        self.delete_dialog(ui, &mut action);
        action
    }

    fn toolbar(&mut self, ui: &mut Ui, cache: &Reference, action: &mut RegistryAction) {
        ui.horizontal(|ui| {
            let label = ui.label("Tìm kiếm (Ctrl+F):");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter.query)
                    .id(search_box_id())
                    .hint_text("tên, mã, MST, người đại diện… (không cần dấu)")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
            if !self.filter.query.is_empty() && ui.small_button("Xóa tìm").clicked() {
                self.filter.query.clear();
            }
            ui.add_space(12.0);
            if ui.button("Thêm mới (Ctrl+N)").clicked() {
                *action = RegistryAction::New;
            }
            let has_selection = self.selected.is_some();
            if ui
                .add_enabled(has_selection, egui::Button::new("Sửa (Enter)"))
                .clicked()
                && let Some(id) = self.selected
            {
                *action = RegistryAction::Edit(id);
            }
            if ui
                .add_enabled(has_selection, egui::Button::new("Xóa (Delete)"))
                .clicked()
            {
                self.ask_delete();
            }
        });
        ui.horizontal(|ui| {
            let commune_text = if self.filter.commune_code.is_empty() {
                "Tất cả".to_owned()
            } else {
                cache
                    .commune(&self.filter.commune_code)
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            };
            let label = ui.label("Xã/phường/đặc khu:");
            egui::ComboBox::from_id_salt("filter_commune")
                .selected_text(commune_text)
                .height(400.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.commune_code, String::new(), "Tất cả");
                    for c in &cache.commune_items {
                        ui.selectable_value(
                            &mut self.filter.commune_code,
                            c.code.clone(),
                            &c.label,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.add_space(8.0);
            let label = ui.label("Loại hình:");
            egui::ComboBox::from_id_salt("filter_legal_form")
                .selected_text(self.filter.legal_form.map_or("Tất cả", LegalForm::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.legal_form, None, "Tất cả");
                    for f in LegalForm::ALL {
                        ui.selectable_value(&mut self.filter.legal_form, Some(f), f.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.add_space(8.0);
            let industry_text = if self.filter.industry_code.is_empty() {
                "Tất cả".to_owned()
            } else {
                cache
                    .industry(&self.filter.industry_code)
                    .map(|i| short(&i.name, 40))
                    .unwrap_or_default()
            };
            let label = ui.label("Ngành nghề:");
            egui::ComboBox::from_id_salt("filter_industry")
                .selected_text(industry_text)
                .width(260.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.industry_code, String::new(), "Tất cả");
                    for i in &cache.industries {
                        ui.selectable_value(
                            &mut self.filter.industry_code,
                            i.code.clone(),
                            &i.name,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            if self.filter != RegistryFilter::default() && ui.button("Bỏ lọc").clicked() {
                self.filter = RegistryFilter::default();
            }
        });
        self.view.set_filter(self.filter.clone());
        ui.label(
            RichText::new(format!(
                "Hiển thị {} / {} cơ sở",
                format_integer(self.view.visible_len() as i64),
                format_integer(self.view.total() as i64)
            ))
            .weak(),
        );
    }

    fn header_button(&mut self, ui: &mut Ui, text: &str, column: SortColumn) {
        let (current, ascending) = self.view.sort();
        let response = ui.add(egui::Button::new(RichText::new(text).strong()).frame(false));
        if current == column {
            // Painted, not a glyph: the UI font has no arrow characters.
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            let c = rect.center();
            let (tip, base) = if ascending { (-4.0, 3.0) } else { (4.0, -3.0) };
            ui.painter().add(egui::Shape::convex_polygon(
                vec![
                    egui::pos2(c.x, c.y + tip),
                    egui::pos2(c.x - 4.0, c.y + base),
                    egui::pos2(c.x + 4.0, c.y + base),
                ],
                ui.visuals().strong_text_color(),
                egui::Stroke::NONE,
            ));
        }
        if response
            .on_hover_text("Bấm để sắp xếp; bấm lần nữa để đảo chiều")
            .clicked()
        {
            self.view.sort_by(column);
        }
    }

    fn table(&mut self, ui: &mut Ui, cache: &Reference, action: &mut RegistryAction) {
        if self.view.total() == 0 {
            ui.add_space(24.0);
            ui.label("Chưa có cơ sở nào. Bấm \"Thêm mới (Ctrl+N)\" để nhập cơ sở đầu tiên.");
            return;
        }
        if self.view.visible_len() == 0 {
            ui.add_space(24.0);
            ui.label("Không có cơ sở nào khớp với điều kiện tìm kiếm và lọc.");
            return;
        }
        let mut builder = TableBuilder::new(ui)
            .id_salt("registry_table")
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(90.0).resizable(true))
            .column(Column::initial(300.0).resizable(true).clip(true))
            .column(Column::initial(110.0).resizable(true).clip(true))
            .column(Column::initial(170.0).resizable(true).clip(true))
            .column(Column::initial(230.0).resizable(true).clip(true))
            .column(Column::initial(70.0).resizable(true))
            .column(Column::remainder().at_least(120.0).clip(true));
        if std::mem::take(&mut self.scroll_to_selected)
            && let Some(pos) = self.selected.and_then(|id| self.view.position_of(id))
        {
            builder = builder.scroll_to_row(pos, None);
        }
        let mut clicked: Option<Uuid> = None;
        let mut double_clicked: Option<Uuid> = None;
        builder
            .header(24.0, |mut header| {
                let columns = [
                    ("Mã", SortColumn::Code),
                    ("Tên cơ sở", SortColumn::Name),
                    ("Loại hình", SortColumn::LegalForm),
                    ("Xã/phường/đặc khu", SortColumn::Commune),
                    ("Ngành nghề", SortColumn::Industry),
                    ("Lao động", SortColumn::Workers),
                    ("Mã số thuế", SortColumn::TaxCode),
                ];
                for (text, column) in columns {
                    header.col(|ui| self.header_button(ui, text, column));
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, self.view.visible_len(), |mut row| {
                    let Some(s) = self.view.visible_row(row.index()) else {
                        return;
                    };
                    row.set_selected(self.selected == Some(s.id));
                    row.col(|ui| {
                        ui.label(&s.code);
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&s.name).truncate());
                    });
                    row.col(|ui| {
                        ui.label(s.legal_form.map_or("", LegalForm::short_label));
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&s.commune_name).truncate());
                    });
                    row.col(|ui| {
                        let name = cache
                            .industry(&s.industry_code)
                            .map_or("", |i| i.name.as_str());
                        ui.add(egui::Label::new(name).truncate());
                    });
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(s.workers_total.map(format_integer).unwrap_or_default());
                        });
                    });
                    row.col(|ui| {
                        ui.label(&s.tax_code);
                    });
                    let response = row.response();
                    if response.double_clicked() {
                        double_clicked = Some(s.id);
                    } else if response.clicked() {
                        clicked = Some(s.id);
                    }
                });
            });
        if let Some(id) = clicked {
            self.selected = Some(id);
        }
        if let Some(id) = double_clicked {
            self.selected = Some(id);
            *action = RegistryAction::Edit(id);
        }
    }

    fn shortcuts(&mut self, ui: &mut Ui, action: &mut RegistryAction) {
        let current = self.selected.and_then(|id| self.view.position_of(id));
        let keys = list_keys(ui, search_box_id(), self.view.visible_len(), current);
        if keys.new {
            *action = RegistryAction::New;
            return;
        }
        if let Some(n) = keys.move_to {
            self.select(self.view.visible_row(n).map(|s| s.id));
        }
        if keys.open
            && let Some(id) = self.selected
        {
            *action = RegistryAction::Edit(id);
        }
        if keys.delete {
            self.ask_delete();
        }
    }

    fn ask_delete(&mut self) {
        if let Some(id) = self.selected
            && let Some(pos) = self.view.position_of(id)
            && let Some(s) = self.view.visible_row(pos)
        {
            self.delete.ask(id, format!("{} — {}", s.code, s.name));
        }
    }

    fn delete_dialog(&mut self, ui: &mut Ui, action: &mut RegistryAction) {
        let wording = DeleteWording {
            id_salt: "confirm_delete",
            title: "Xóa cơ sở?",
            noun: "cơ sở",
            note: "Bản ghi được đánh dấu đã xóa và lưu trong nhật ký thay đổi.",
            yes: "Xóa",
        };
        if let Some(id) = self.delete.show(ui.ctx(), &wording) {
            *action = RegistryAction::Delete(id);
        }
    }
}

/// Cuts a long label for a drop-down's closed state.
fn short(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max_chars).collect();
        format!("{cut}…")
    }
}
