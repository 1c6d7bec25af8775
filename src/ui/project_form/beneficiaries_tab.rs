//! Đơn vị thụ hưởng: the establishments the project supports, each with its own cost, support
//! and counterpart; a search of the registry to add one, or a new establishment on the spot.

use egui::{Id, RichText, Ui};
use uuid::Uuid;

use super::{FormContext, ProjectForm};
use crate::domain::project::{Beneficiary, Project};
use crate::domain::project_rules::project_field as field;
use crate::text::number::format_integer;
use crate::ui::widgets::money_edit::money_edit;

/// The search box of the tab.
#[derive(Debug, Default, Clone)]
pub struct BeneficiaryInput {
    pub query: String,
}

/// Adds an establishment (once), and its xã to the project's area.
pub(super) fn add(project: &mut Project, establishment_id: Uuid, commune_code: &str) {
    if project
        .beneficiaries
        .iter()
        .any(|b| b.establishment_id == establishment_id)
    {
        return;
    }
    project.beneficiaries.push(Beneficiary {
        establishment_id,
        cost: 0,
        support: 0,
        counterpart: 0,
    });
    if !commune_code.is_empty() && !project.commune_codes.iter().any(|c| c == commune_code) {
        project.commune_codes.push(commune_code.to_owned());
    }
}

/// Draws the tab; returns true when the user asks to create a new establishment.
pub(super) fn ui(
    form: &mut ProjectForm,
    ui: &mut Ui,
    ctx: &FormContext,
    errors: &mut Vec<String>,
) -> bool {
    let mut new_establishment = false;
    let mut remove = None;
    egui::Grid::new("beneficiaries")
        .striped(true)
        .num_columns(7)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for h in [
                "Mã",
                "Tên cơ sở",
                "Xã/phường/đặc khu",
                "Chi phí (đồng)",
                "Hỗ trợ (đồng)",
                "Đối ứng (đồng)",
                "",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (i, b) in form.project.beneficiaries.iter_mut().enumerate() {
                let summary = ctx.registry.get(b.establishment_id);
                ui.label(summary.map_or("?", |s| s.code.as_str()));
                ui.label(summary.map_or("(cơ sở đã xóa)", |s| s.name.as_str()));
                ui.label(summary.map_or("", |s| s.commune_name.as_str()));
                let code = summary.map_or(String::new(), |s| s.code.clone());
                for (label, value) in [
                    ("Chi phí", &mut b.cost),
                    ("Hỗ trợ", &mut b.support),
                    ("Đối ứng", &mut b.counterpart),
                ] {
                    let full = format!("{label} của {code}");
                    let (_, err) = money_edit(
                        ui,
                        Id::unique(("beneficiary", i, label)),
                        None,
                        &full,
                        value,
                        155.0,
                    );
                    errors.extend(err);
                }
                if ui
                    .small_button("Bỏ")
                    .on_hover_text("Bỏ cơ sở này khỏi đề án")
                    .clicked()
                {
                    remove = Some(i);
                }
                ui.end_row();
            }
            let sum =
                |f: fn(&Beneficiary) -> i64| form.project.beneficiaries.iter().map(f).sum::<i64>();
            if !form.project.beneficiaries.is_empty() {
                ui.label("");
                ui.label(RichText::new("Cộng").strong());
                ui.label("");
                for v in [sum(|b| b.cost), sum(|b| b.support), sum(|b| b.counterpart)] {
                    ui.label(RichText::new(format_integer(v)).strong());
                }
                ui.end_row();
            }
        });
    if let Some(i) = remove {
        form.project.beneficiaries.remove(i);
    }
    form.show_issues(ui, field::BENEFICIARIES);
    if !form.project.beneficiaries.is_empty()
        && ui.button("Đưa tổng vào Kinh phí của đề án").clicked()
    {
        let p = &mut form.project;
        p.total_cost = p.beneficiaries.iter().map(|b| b.cost).sum::<i64>() + p.other_funds;
        p.support = p.beneficiaries.iter().map(|b| b.support).sum();
        p.counterpart = p.beneficiaries.iter().map(|b| b.counterpart).sum();
    }

    ui.add_space(10.0);
    ui.horizontal(|ui| {
        let l = ui.label("Tìm cơ sở trong sổ:");
        ui.add(
            egui::TextEdit::singleline(&mut form.beneficiaries.query)
                .hint_text("tên, mã, MST, người đại diện (không cần dấu)")
                .desired_width(360.0),
        )
        .labelled_by(l.id);
        if ui.button("Thêm cơ sở mới…").clicked() {
            new_establishment = true;
        }
    });
    if form.beneficiaries.query.trim().chars().count() >= 2 {
        let found = ctx.registry.search(&form.beneficiaries.query, 8);
        if found.is_empty() {
            ui.weak("Không tìm thấy cơ sở nào; bấm \"Thêm cơ sở mới…\" để nhập.");
        }
        let mut chosen = None;
        for s in found {
            ui.horizontal(|ui| {
                let already = form
                    .project
                    .beneficiaries
                    .iter()
                    .any(|b| b.establishment_id == s.id);
                if ui
                    .add_enabled(!already, egui::Button::new(format!("Thêm {}", s.code)))
                    .clicked()
                {
                    chosen = Some((s.id, s.commune_code.clone()));
                }
                ui.label(format!("{} — {}", s.name, s.commune_name));
            });
        }
        if let Some((id, commune)) = chosen {
            add(&mut form.project, id, &commune);
            form.beneficiaries.query.clear();
        }
    }
    new_establishment
}
