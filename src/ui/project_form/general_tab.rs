//! Thông tin chung: name, year, source, kind, content, programme, support item, implementer,
//! area, approval, contract and dates.

use chrono::NaiveDate;
use egui::{Id, Ui};

use super::{FormContext, ProjectForm};
use crate::domain::funding_source::FundingSource;
use crate::domain::project::ProjectKind;
use crate::domain::project_rules::project_field as field;
use crate::domain::support_ceiling::{CapUnit, SupportCeiling};
use crate::service::reference::PickerItem;
use crate::text::fold::fold;
use crate::text::number::format_integer;
use crate::ui::widgets::date_edit::date_edit;
use crate::ui::widgets::searchable_picker::SearchablePicker;

const FIELD_WIDTH: f32 = 520.0;

/// Picker state of the tab.
pub struct GeneralInput {
    content_picker: SearchablePicker,
    commune_picker: SearchablePicker,
    commune_to_add: String,
}

impl Default for GeneralInput {
    fn default() -> GeneralInput {
        GeneralInput {
            content_picker: SearchablePicker::new(
                Id::unique("project_content"),
                "Gõ vài chữ của nội dung, ví dụ: may moc, dao tao",
                FIELD_WIDTH,
            ),
            commune_picker: SearchablePicker::new(
                Id::unique("project_commune"),
                "Thêm xã: gõ vài chữ, không cần dấu",
                300.0,
            ),
            commune_to_add: String::new(),
        }
    }
}

fn text_row(ui: &mut Ui, label: &str, value: &mut String) {
    let l = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).desired_width(FIELD_WIDTH))
        .labelled_by(l.id);
    ui.end_row();
}

fn date_row(
    form: &mut ProjectForm,
    ui: &mut Ui,
    label: &str,
    pick: fn(&mut ProjectForm) -> &mut Option<NaiveDate>,
    errors: &mut Vec<String>,
) {
    let l = ui.label(label);
    let (r, err) = date_edit(
        ui,
        Id::unique(("project_date", label)),
        l.id,
        label,
        pick(form),
    );
    if let Some(e) = err {
        errors.push(e);
    } else if r.lost_focus() {
        form.clear_input_error(label);
    }
    ui.end_row();
}

/// A ceiling in words: "50 % chi phí, tối đa 300.000.000 đồng/cơ sở (TT 28/2018/TT-BTC …)".
pub fn describe_ceiling(c: &SupportCeiling) -> String {
    let percent = c.percent_bp.map(|bp| {
        let whole = bp / 100;
        if bp % 100 == 0 {
            format!("{whole} % chi phí")
        } else {
            format!("{whole},{:02} % chi phí", bp % 100)
        }
    });
    let unit = match c.cap_unit {
        CapUnit::PerProject => "đề án",
        CapUnit::PerEstablishment => "cơ sở",
    };
    let cap = c
        .cap
        .map(|cap| format!("tối đa {} đồng/{unit}", format_integer(cap)));
    let parts: Vec<String> = [percent, cap].into_iter().flatten().collect();
    let scope = match &c.province_code {
        Some(p) => format!("mức của tỉnh mã {p}"),
        None => "mức quốc gia".into(),
    };
    format!("{} — {scope}, {}", parts.join(", "), c.source_document)
}

pub(super) fn ui(form: &mut ProjectForm, ui: &mut Ui, ctx: &FormContext, errors: &mut Vec<String>) {
    let p = &mut form.project;
    egui::Grid::new("project_general")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            text_row(ui, "Tên đề án *", &mut p.name);

            let l = ui.label("Năm kế hoạch");
            ui.add(egui::DragValue::new(&mut p.plan_year).range(2000..=2100))
                .labelled_by(l.id);
            ui.end_row();

            ui.label("Nguồn kinh phí");
            ui.horizontal(|ui| {
                for s in FundingSource::ALL {
                    ui.radio_value(&mut p.source, s, s.full_name());
                }
            });
            ui.end_row();

            text_row(ui, "Lồng ghép với chương trình", &mut p.integrated_with);

            ui.label("Loại đề án");
            ui.horizontal(|ui| {
                for k in ProjectKind::ALL {
                    ui.radio_value(&mut p.kind, k, k.label());
                }
            });
            ui.end_row();
        });
    form.show_issues(ui, field::NAME);
    form.show_issues(ui, field::PLAN_YEAR);

    ui.add_space(6.0);
    egui::Grid::new("project_content_grid")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Nội dung khuyến công *");
            let items: Vec<PickerItem> = ctx
                .reference
                .contents
                .iter()
                .map(|c| {
                    let label = format!("[{}] {}", c.list_name, c.name);
                    PickerItem {
                        code: c.code.clone(),
                        folded: fold(&label),
                        label,
                    }
                })
                .collect();
            ui.vertical(|ui| {
                form.general
                    .content_picker
                    .show(ui, l.id, &items, &mut form.project.content_code);
                form.show_issues(ui, field::CONTENT);
            });
            ui.end_row();

            let l = ui.label("Chương trình");
            let programmes = &ctx.reference.programmes;
            let selected = programmes
                .iter()
                .find(|pr| pr.code == form.project.programme_code)
                .map_or("(không thuộc chương trình)".to_owned(), |pr| {
                    pr.name.clone()
                });
            ui.vertical(|ui| {
                egui::ComboBox::from_id_salt("project_programme")
                    .selected_text(selected)
                    .width(FIELD_WIDTH)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(
                            &mut form.project.programme_code,
                            String::new(),
                            "(không thuộc chương trình)",
                        );
                        for pr in programmes {
                            ui.selectable_value(
                                &mut form.project.programme_code,
                                pr.code.clone(),
                                format!("{} ({})", pr.name, pr.decision),
                            );
                        }
                    })
                    .response
                    .labelled_by(l.id);
                form.show_issues(ui, field::PROGRAMME);
            });
            ui.end_row();

            let l = ui.label("Hạng mục hỗ trợ (mức hỗ trợ)");
            let items = ctx.reference.support_items();
            let selected = items
                .iter()
                .find(|(code, _)| code == &form.project.support_item)
                .map_or(
                    "(không áp dụng mức trần)".to_owned(),
                    |(_, name)| name.clone(),
                );
            ui.vertical(|ui| {
                egui::ComboBox::from_id_salt("project_support_item")
                    .selected_text(selected)
                    .width(FIELD_WIDTH)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(
                            &mut form.project.support_item,
                            String::new(),
                            "(không áp dụng mức trần)",
                        );
                        for (code, name) in &items {
                            ui.selectable_value(&mut form.project.support_item, code.clone(), name);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                let date = form.project.approval_date.unwrap_or(ctx.today);
                if !form.project.support_item.is_empty() {
                    match SupportCeiling::applicable(
                        &ctx.reference.ceilings,
                        &form.project.support_item,
                        &form.project.province_code,
                        form.project.source,
                        date,
                    ) {
                        Some(c) => ui.label(format!("Áp dụng: {}", describe_ceiling(c))),
                        None => ui.weak("Không có mức hỗ trợ nào có hiệu lực vào ngày phê duyệt."),
                    };
                }
                form.show_issues(ui, field::SUPPORT_ITEM);
            });
            ui.end_row();

            text_row(ui, "Đơn vị thực hiện", &mut form.project.implementer);

            ui.label("Địa bàn *");
            ui.vertical(|ui| {
                let mut remove = None;
                for (i, code) in form.project.commune_codes.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let name = ctx
                            .reference
                            .commune(code)
                            .map_or(code.as_str(), |c| c.name.as_str());
                        ui.label(name);
                        if ui
                            .small_button("Bỏ")
                            .on_hover_text("Bỏ xã này khỏi địa bàn")
                            .clicked()
                        {
                            remove = Some(i);
                        }
                    });
                }
                if let Some(i) = remove {
                    form.project.commune_codes.remove(i);
                }
                let l = ui.label("Thêm xã vào địa bàn");
                let (_, outcome) = form.general.commune_picker.show(
                    ui,
                    l.id,
                    &ctx.reference.commune_items,
                    &mut form.general.commune_to_add,
                );
                if outcome.changed && !form.general.commune_to_add.is_empty() {
                    let code = std::mem::take(&mut form.general.commune_to_add);
                    if !form.project.commune_codes.contains(&code) {
                        form.project.commune_codes.push(code);
                    }
                }
                form.show_issues(ui, field::COMMUNES);
            });
            ui.end_row();
        });

    ui.add_space(6.0);
    ui.label(crate::ui::fonts::bold("Đăng ký kế hoạch"));
    egui::Grid::new("project_registration")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            text_row(
                ui,
                "Đơn vị đăng ký",
                &mut form.project.registration.proposed_by,
            );
            date_row(
                form,
                ui,
                "Ngày đăng ký",
                |f| &mut f.project.registration.registered_on,
                errors,
            );
            if let Some(a) = &form.project.registration.appraisal {
                ui.label("Thẩm định cấp cơ sở");
                ui.label(format!(
                    "{} ngày {}{}",
                    a.label(),
                    crate::text::date::format_date(a.date),
                    if a.reason.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", a.reason)
                    }
                ));
                ui.end_row();
            }
        });

    ui.add_space(6.0);
    ui.label(crate::ui::fonts::bold("Phê duyệt, hợp đồng, thời gian"));
    egui::Grid::new("project_dates")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            text_row(ui, "Số QĐ phê duyệt", &mut form.project.approval_no);
            date_row(
                form,
                ui,
                "Ngày QĐ phê duyệt",
                |f| &mut f.project.approval_date,
                errors,
            );
            text_row(ui, "Cấp phê duyệt", &mut form.project.approval_level);
            text_row(ui, "Số hợp đồng", &mut form.project.contract_no);
            date_row(
                form,
                ui,
                "Ngày ký hợp đồng",
                |f| &mut f.project.contract_date,
                errors,
            );
            date_row(
                form,
                ui,
                "Thực hiện từ ngày",
                |f| &mut f.project.start_date,
                errors,
            );
            date_row(form, ui, "Đến ngày", |f| &mut f.project.end_date, errors);
            date_row(
                form,
                ui,
                "Ngày nghiệm thu",
                |f| &mut f.project.acceptance_date,
                errors,
            );
            date_row(
                form,
                ui,
                "Ngày quyết toán",
                |f| &mut f.project.settlement_date,
                errors,
            );
        });
    form.show_issues(ui, field::APPROVAL);
    form.show_issues(ui, field::DATES);

    ui.add_space(6.0);
    let l = ui.label(crate::ui::fonts::bold("Ghi chú"));
    ui.add(
        egui::TextEdit::multiline(&mut form.project.notes)
            .desired_rows(3)
            .desired_width(700.0),
    )
    .labelled_by(l.id);
}
