//! "Dữ liệu cần sửa": every stored value the app cannot use as it is, with its table, record,
//! field, value and what is wrong, so a person can find the record and fix it. Rows that cannot
//! be read are left out of lists and figures; this is where they are named.

use egui::Ui;

use crate::domain::data_problem::{DataProblem, left_out_warning};
use crate::ui::establishment_form::ERROR_COLOR;

/// The heading of the section, also the name the warnings point to.
pub const TITLE: &str = "Dữ liệu cần sửa";

/// How many rows of `problems` are left out of lists and figures.
pub fn left_out_count(problems: &[DataProblem]) -> usize {
    let mut rows: Vec<(&str, &str)> = problems
        .iter()
        .filter(|p| p.left_out)
        .map(|p| (p.table.as_str(), p.record.as_str()))
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows.len()
}

/// The section: a line saying the data is clean, or the warning and the table of problems.
pub fn data_problems_ui(ui: &mut Ui, problems: &[DataProblem]) {
    ui.heading(TITLE);
    if problems.is_empty() {
        ui.label("Dữ liệu sạch: không có bản ghi nào cần sửa.");
        return;
    }
    if let Some(warning) = left_out_warning(left_out_count(problems)) {
        ui.colored_label(ERROR_COLOR, warning);
    }
    ui.label(format!(
        "{} giá trị cần sửa. Sửa bản ghi trong màn hình của nó (hoặc nhờ người hỗ trợ), rồi mở lại sổ.",
        problems.len()
    ));
    egui::Grid::new("data-problems")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for heading in ["Bảng", "Bản ghi", "Trường", "Giá trị", "Lỗi"] {
                ui.strong(heading);
            }
            ui.end_row();
            for p in problems {
                ui.label(&p.table_label);
                ui.label(&p.record);
                ui.label(&p.field);
                ui.label(&p.value);
                ui.label(&p.problem);
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(record: &str, left_out: bool) -> DataProblem {
        DataProblem {
            table: "establishment".into(),
            table_label: "Cơ sở CNNT".into(),
            record: record.into(),
            field: "loại hình".into(),
            value: "XYZ".into(),
            problem: "mã loại hình 'XYZ' không có trong danh mục".into(),
            left_out,
        }
    }

    #[test]
    fn a_row_with_two_bad_values_is_one_row_left_out() {
        let problems = [
            problem("CS-000001", true),
            problem("CS-000001", true),
            problem("CS-000002", false),
        ];
        assert_eq!(left_out_count(&problems), 1);
    }
}
