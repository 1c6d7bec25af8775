//! Kết quả: the project's outputs as typed indicators (the indicator list is data).

use egui::{Id, RichText, Ui};

use super::{FormContext, ProjectForm};
use crate::domain::project::Output;
use crate::text::number::format_integer;
use crate::ui::widgets::money_edit::money_edit;

/// The output being entered.
#[derive(Debug, Clone, Default)]
pub struct ResultsInput {
    pub indicator: String,
    pub value: i64,
}

pub(super) fn ui(form: &mut ProjectForm, ui: &mut Ui, ctx: &FormContext, errors: &mut Vec<String>) {
    let indicators = &ctx.reference.indicators;
    let name_of = |code: &str| {
        indicators
            .iter()
            .find(|i| i.code == code)
            .map_or((code.to_owned(), String::new()), |i| {
                (i.name.clone(), i.unit.clone())
            })
    };
    let mut remove = None;
    egui::Grid::new("outputs")
        .striped(true)
        .num_columns(4)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for h in ["Chỉ tiêu", "Đơn vị tính", "Giá trị", ""] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (i, o) in form.project.outputs.iter().enumerate() {
                let (name, unit) = name_of(&o.indicator_code);
                ui.label(name);
                ui.label(unit);
                ui.label(format_integer(o.value));
                if ui.small_button("Bỏ").clicked() {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
    if let Some(i) = remove {
        form.project.outputs.remove(i);
    }
    if form.project.outputs.is_empty() {
        ui.weak("Chưa ghi nhận kết quả nào.");
    }
    ui.add_space(6.0);
    let input = &mut form.results;
    ui.horizontal(|ui| {
        let l = ui.label("Chỉ tiêu:");
        let selected = indicators
            .iter()
            .find(|i| i.code == input.indicator)
            .map_or("— chọn chỉ tiêu —".to_owned(), |i| i.name.clone());
        egui::ComboBox::from_id_salt("output_indicator")
            .selected_text(selected)
            .width(380.0)
            .show_ui(ui, |ui| {
                for ind in indicators {
                    ui.selectable_value(
                        &mut input.indicator,
                        ind.code.clone(),
                        format!("{} ({})", ind.name, ind.unit),
                    );
                }
            })
            .response
            .labelled_by(l.id);
        let l = ui.label("giá trị");
        let (_, err) = money_edit(
            ui,
            Id::unique("output_value"),
            Some(l.id),
            "Giá trị chỉ tiêu",
            &mut input.value,
            100.0,
        );
        errors.extend(err);
        let ready = !input.indicator.is_empty() && input.value > 0;
        if ui
            .add_enabled(ready, egui::Button::new("Thêm kết quả"))
            .clicked()
        {
            let code = std::mem::take(&mut input.indicator);
            match form
                .project
                .outputs
                .iter_mut()
                .find(|o| o.indicator_code == code)
            {
                Some(existing) => existing.value = input.value,
                None => form.project.outputs.push(Output {
                    indicator_code: code,
                    value: input.value,
                }),
            }
            input.value = 0;
        }
    });
}
