//! Đề án khuyến công: the project list (virtualised) with filters by năm, nguồn, nội dung,
//! trạng thái, xã and đơn vị thực hiện, search without diacritics, and the totals of the rows
//! shown. Keyboard as on the registry: Ctrl+F, Ctrl+N, ↑/↓, Enter, Delete.

use egui::{Id, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use uuid::Uuid;

use crate::domain::funding_source::FundingSource;
use crate::domain::project_status::ProjectStatus;
use crate::service::reference::Reference;
use crate::text::number::format_integer;
use crate::ui::project_view::{ProjectFilter, ProjectView};
use crate::ui::widgets::confirm::{DeleteConfirmation, DeleteWording};
use crate::ui::widgets::list_keys::list_keys;

/// Id of the project search box.
pub fn project_search_id() -> Id {
    Id::unique("project_search")
}

/// What the user asked the list to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectsAction {
    None,
    New,
    Edit(Uuid),
    Delete(Uuid),
}

/// State of the project list screen.
pub struct ProjectsPanel {
    pub view: ProjectView,
    filter: ProjectFilter,
    selected: Option<Uuid>,
    scroll_to_selected: bool,
    delete: DeleteConfirmation,
}

/// Money in the list, in triệu đồng with one decimal (the list is an overview).
fn million(v: i64) -> String {
    let tenths = (v + 50_000) / 100_000;
    format!("{},{}", format_integer(tenths / 10), tenths % 10)
}

impl ProjectsPanel {
    /// A panel over `view`.
    pub fn new(view: ProjectView) -> ProjectsPanel {
        ProjectsPanel {
            view,
            filter: ProjectFilter::default(),
            selected: None,
            scroll_to_selected: false,
            delete: DeleteConfirmation::default(),
        }
    }

    /// Selects a project and scrolls to it.
    pub fn select(&mut self, id: Option<Uuid>) {
        self.selected = id;
        self.scroll_to_selected = true;
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, reference: &Reference, modal_open: bool) -> ProjectsAction {
        let mut action = ProjectsAction::None;
        self.toolbar(ui, reference, &mut action);
        ui.separator();
        egui::Panel::bottom("project_totals").show(ui, |ui| self.totals_bar(ui));
        self.table(ui, &mut action);
        if !modal_open && !self.delete.is_open() {
            let current = self.selected.and_then(|id| self.view.position_of(id));
            let keys = list_keys(ui, project_search_id(), self.view.visible_len(), current);
            if keys.new {
                action = ProjectsAction::New;
            }
            if let Some(n) = keys.move_to {
                self.select(self.view.visible_row(n).map(|s| s.id));
            }
            if keys.open
                && let Some(id) = self.selected
            {
                action = ProjectsAction::Edit(id);
            }
            if keys.delete {
                self.ask_delete();
            }
        }
        self.delete_dialog(ui, &mut action);
        action
    }

    fn toolbar(&mut self, ui: &mut Ui, reference: &Reference, action: &mut ProjectsAction) {
        ui.horizontal(|ui| {
            let label = ui.label("Tìm đề án (Ctrl+F):");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter.query)
                    .id(project_search_id())
                    .hint_text("mã, tên đề án, đơn vị, cơ sở thụ hưởng, xã…")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
            ui.add_space(12.0);
            if ui.button("Thêm đề án (Ctrl+N)").clicked() {
                *action = ProjectsAction::New;
            }
            let has_selection = self.selected.is_some();
            if ui
                .add_enabled(has_selection, egui::Button::new("Mở (Enter)"))
                .clicked()
                && let Some(id) = self.selected
            {
                *action = ProjectsAction::Edit(id);
            }
            if ui
                .add_enabled(has_selection, egui::Button::new("Xóa (Delete)"))
                .clicked()
            {
                self.ask_delete();
            }
        });
        ui.horizontal_wrapped(|ui| {
            let f = &mut self.filter;
            let l = ui.label("Năm:");
            egui::ComboBox::from_id_salt("filter_year")
                .selected_text(f.year.map_or("Tất cả".to_owned(), |y| y.to_string()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.year, None, "Tất cả");
                    for y in self.view.years() {
                        ui.selectable_value(&mut f.year, Some(y), y.to_string());
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label("Nguồn:");
            egui::ComboBox::from_id_salt("filter_source")
                .selected_text(f.source.map_or("Tất cả", FundingSource::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.source, None, "Tất cả");
                    for s in FundingSource::ALL {
                        ui.selectable_value(&mut f.source, Some(s), s.label());
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label("Nội dung:");
            let content_text = if f.content_code.is_empty() {
                "Tất cả".to_owned()
            } else {
                f.content_code.clone()
            };
            egui::ComboBox::from_id_salt("filter_content")
                .selected_text(content_text)
                .width(110.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.content_code, String::new(), "Tất cả");
                    for c in &reference.contents {
                        ui.selectable_value(
                            &mut f.content_code,
                            c.code.clone(),
                            format!("{} — {}", c.code, c.name),
                        );
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label("Trạng thái:");
            egui::ComboBox::from_id_salt("filter_status")
                .selected_text(f.status.map_or("Tất cả", ProjectStatus::label))
                .height(420.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.status, None, "Tất cả");
                    for s in ProjectStatus::ALL {
                        ui.selectable_value(&mut f.status, Some(s), s.label());
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label("Xã:");
            let commune_text = reference
                .commune(&f.commune_code)
                .map_or("Tất cả".to_owned(), |c| c.name.clone());
            egui::ComboBox::from_id_salt("filter_project_commune")
                .selected_text(commune_text)
                .height(400.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.commune_code, String::new(), "Tất cả");
                    for c in &reference.commune_items {
                        ui.selectable_value(&mut f.commune_code, c.code.clone(), &c.label);
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label("Đơn vị thực hiện:");
            let implementer_text = if f.implementer.is_empty() {
                "Tất cả".to_owned()
            } else {
                f.implementer.clone()
            };
            egui::ComboBox::from_id_salt("filter_implementer")
                .selected_text(implementer_text)
                .width(200.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.implementer, String::new(), "Tất cả");
                    for name in self.view.implementers() {
                        ui.selectable_value(&mut f.implementer, name.clone(), name);
                    }
                })
                .response
                .labelled_by(l.id);
            if *f != ProjectFilter::default() && ui.button("Bỏ lọc").clicked() {
                *f = ProjectFilter::default();
            }
        });
        self.view.set_filter(self.filter.clone());
    }

    fn totals_bar(&self, ui: &mut Ui) {
        let t = self.view.totals();
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} / {} đề án",
                    format_integer(t.count as i64),
                    format_integer(self.view.total() as i64)
                ))
                .strong(),
            );
            ui.separator();
            ui.label("Đơn vị tính: triệu đồng.");
            for (label, value) in [
                ("Tổng kinh phí", t.total_cost),
                ("Hỗ trợ", t.support),
                ("Đối ứng", t.counterpart),
                ("Đã tạm ứng", t.advanced),
                ("Đã giải ngân", t.disbursed),
            ] {
                ui.label(format!("{label}:"));
                ui.label(RichText::new(million(value)).strong());
            }
        });
    }

    fn table(&mut self, ui: &mut Ui, action: &mut ProjectsAction) {
        if self.view.total() == 0 {
            ui.label("Chưa có đề án nào. Bấm \"Thêm đề án (Ctrl+N)\" để nhập đề án đầu tiên.");
            return;
        }
        if self.view.visible_len() == 0 {
            ui.label("Không có đề án nào khớp với điều kiện tìm kiếm và lọc.");
            return;
        }
        let mut builder = TableBuilder::new(ui)
            .id_salt("project_table")
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(105.0).resizable(true))
            .column(Column::initial(330.0).resizable(true).clip(true))
            .column(Column::initial(45.0))
            .column(Column::initial(75.0))
            .column(Column::initial(80.0).clip(true))
            .column(Column::initial(120.0).clip(true))
            .column(Column::initial(150.0).resizable(true).clip(true))
            .column(Column::initial(90.0))
            .column(Column::initial(90.0))
            .column(Column::remainder().at_least(90.0));
        if std::mem::take(&mut self.scroll_to_selected)
            && let Some(pos) = self.selected.and_then(|id| self.view.position_of(id))
        {
            builder = builder.scroll_to_row(pos, None);
        }
        let mut clicked = None;
        let mut double_clicked = None;
        builder
            .header(24.0, |mut header| {
                for h in [
                    "Mã đề án",
                    "Tên đề án",
                    "Năm",
                    "Nguồn",
                    "Nội dung",
                    "Trạng thái",
                    "Địa bàn",
                    "Tổng KP",
                    "Hỗ trợ",
                    "Đã giải ngân",
                ] {
                    header.col(|ui| {
                        ui.label(RichText::new(h).strong());
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, self.view.visible_len(), |mut row| {
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
                        ui.label(s.plan_year.to_string());
                    });
                    row.col(|ui| {
                        ui.label(s.source.label());
                    });
                    row.col(|ui| {
                        ui.label(&s.content_code);
                    });
                    row.col(|ui| {
                        ui.label(s.status.label());
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&s.communes).truncate());
                    });
                    for v in [s.total_cost, s.support, s.disbursed] {
                        row.col(|ui| {
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    ui.label(million(v));
                                },
                            );
                        });
                    }
                    let r = row.response();
                    if r.double_clicked() {
                        double_clicked = Some(s.id);
                    } else if r.clicked() {
                        clicked = Some(s.id);
                    }
                });
            });
        if let Some(id) = clicked {
            self.selected = Some(id);
        }
        if let Some(id) = double_clicked {
            self.selected = Some(id);
            *action = ProjectsAction::Edit(id);
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

    fn delete_dialog(&mut self, ui: &mut Ui, action: &mut ProjectsAction) {
        let wording = DeleteWording {
            id_salt: "confirm_delete_project",
            title: "Xóa đề án?",
            noun: "đề án",
            note: "Đề án được đánh dấu đã xóa và lưu trong nhật ký thay đổi.",
            yes: "Xóa đề án",
        };
        if let Some(id) = self.delete.show(ui.ctx(), &wording) {
            *action = ProjectsAction::Delete(id);
        }
    }
}
