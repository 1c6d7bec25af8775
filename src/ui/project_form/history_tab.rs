//! Lịch sử: the life cycle (move the project on, with a reason when out of order), the
//! inspection visits, and the audit trail of every change.

use chrono::NaiveDate;
use egui::{Id, RichText, Ui};

use super::{FormContext, ProjectForm};
use crate::domain::project::Inspection;
use crate::domain::project_rules::project_field as field;
use crate::domain::project_status::ProjectStatus;
use crate::text::date::format_date;
use crate::ui::establishment_form::ERROR_COLOR;
use crate::ui::widgets::date_edit::date_edit;

/// What the user is entering on the tab.
#[derive(Debug, Clone)]
pub struct TransitionInput {
    pub to: Option<ProjectStatus>,
    pub date: Option<NaiveDate>,
    pub reason: String,
    pub inspection: Inspection,
    pub inspection_date: Option<NaiveDate>,
    error: Option<String>,
}

impl TransitionInput {
    /// Blank inputs dated today.
    pub fn new(today: NaiveDate) -> TransitionInput {
        TransitionInput {
            to: None,
            date: Some(today),
            reason: String::new(),
            inspection: Inspection {
                date: today,
                team: String::new(),
                findings: String::new(),
                compliant: true,
                follow_up: String::new(),
            },
            inspection_date: Some(today),
            error: None,
        }
    }
}

pub(super) fn ui(form: &mut ProjectForm, ui: &mut Ui, ctx: &FormContext, errors: &mut Vec<String>) {
    ui.horizontal(|ui| {
        ui.label("Trạng thái hiện tại:");
        ui.label(RichText::new(form.project.status.label()).strong());
    });
    form.show_issues(ui, field::STATUS);
    egui::Grid::new("transitions")
        .striped(true)
        .num_columns(5)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for h in ["Ngày", "Từ", "Sang", "Người ghi nhận", "Lý do"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for t in &form.project.transitions {
                ui.label(format_date(t.date));
                ui.label(t.from.map_or("", ProjectStatus::label));
                ui.label(t.to.label());
                ui.label(&t.by);
                ui.label(&t.reason);
                ui.end_row();
            }
        });

    ui.add_space(8.0);
    let national = form.project.source == crate::domain::funding_source::FundingSource::Kcqg;
    let usual = form.project.status.usual_next(national);
    let input = &mut form.transition;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Chuyển sang:");
        let selected = input
            .to
            .map_or("— chọn —".to_owned(), |s| s.label().to_owned());
        egui::ComboBox::from_id_salt("transition_to")
            .selected_text(selected)
            .width(220.0)
            .height(420.0)
            .show_ui(ui, |ui| {
                for s in ProjectStatus::ALL {
                    let text = if usual.contains(&s) {
                        format!("{} (theo trình tự)", s.label())
                    } else {
                        format!("{} (cần lý do)", s.label())
                    };
                    ui.selectable_value(&mut input.to, Some(s), text);
                }
            })
            .response
            .labelled_by(l.id);
        let l = ui.label("ngày");
        let (_, err) = date_edit(
            ui,
            Id::unique("transition_date"),
            l.id,
            "Ngày chuyển trạng thái",
            &mut input.date,
        );
        errors.extend(err);
        let l = ui.label("lý do");
        ui.add(egui::TextEdit::singleline(&mut input.reason).desired_width(260.0))
            .labelled_by(l.id);
    });
    if ui.button("Ghi nhận chuyển trạng thái").clicked() {
        let (to, date, reason) = (
            form.transition.to,
            form.transition.date,
            form.transition.reason.clone(),
        );
        let result = match (to, date) {
            (None, _) => Err("Chọn trạng thái mới.".into()),
            (_, None) => Err("Nhập ngày chuyển trạng thái.".into()),
            (Some(to), Some(date)) => form.project.move_to(to, date, ctx.actor, &reason),
        };
        match result {
            Ok(()) => {
                form.transition.to = None;
                form.transition.reason.clear();
                form.transition.error = None;
            }
            Err(e) => form.transition.error = Some(e.to_string()),
        }
    }
    if let Some(e) = &form.transition.error {
        ui.colored_label(ERROR_COLOR, e);
    }

    ui.add_space(10.0);
    ui.label(crate::ui::fonts::bold(
        "Kiểm tra, giám sát việc sử dụng kinh phí",
    ));
    egui::Grid::new("inspections")
        .striped(true)
        .num_columns(5)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for h in [
                "Ngày",
                "Đoàn kiểm tra",
                "Nội dung phát hiện",
                "Kết luận",
                "Kiến nghị, xử lý",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for i in &form.project.inspections {
                ui.label(format_date(i.date));
                ui.label(&i.team);
                ui.label(&i.findings);
                ui.label(if i.compliant {
                    "Đúng đối tượng, đúng mục đích"
                } else {
                    "Chưa đúng đối tượng, mục đích"
                });
                ui.label(&i.follow_up);
                ui.end_row();
            }
        });
    let input = &mut form.transition;
    egui::Grid::new("new_inspection")
        .num_columns(2)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            let l = ui.label("Ngày kiểm tra");
            let (_, err) = date_edit(
                ui,
                Id::unique("inspection_date"),
                l.id,
                "Ngày kiểm tra",
                &mut input.inspection_date,
            );
            errors.extend(err);
            ui.end_row();
            for (label, value) in [
                ("Đoàn kiểm tra", &mut input.inspection.team),
                ("Nội dung phát hiện", &mut input.inspection.findings),
                ("Kiến nghị, xử lý", &mut input.inspection.follow_up),
            ] {
                let l = ui.label(label);
                ui.add(egui::TextEdit::singleline(value).desired_width(480.0))
                    .labelled_by(l.id);
                ui.end_row();
            }
            ui.label("Kết luận");
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut input.inspection.compliant,
                    true,
                    "Đúng đối tượng, đúng mục đích",
                );
                ui.radio_value(
                    &mut input.inspection.compliant,
                    false,
                    "Chưa đúng đối tượng, mục đích",
                );
            });
            ui.end_row();
        });
    if ui.button("Thêm lần kiểm tra").clicked() {
        match input.inspection_date {
            Some(date) if !input.inspection.team.trim().is_empty() => {
                let mut inspection = input.inspection.clone();
                inspection.date = date;
                form.project.inspections.push(inspection);
                form.transition.inspection.team.clear();
                form.transition.inspection.findings.clear();
                form.transition.inspection.follow_up.clear();
                form.transition.error = None;
            }
            _ => form.transition.error = Some("Lần kiểm tra: nhập ngày và đoàn kiểm tra.".into()),
        }
    }

    if !form.is_new() {
        ui.add_space(10.0);
        ui.label(crate::ui::fonts::bold("Nhật ký thay đổi"));
        for entry in form.history.iter().rev() {
            let what = match entry.action.as_str() {
                "insert" => "tạo đề án",
                "update" => "sửa đề án",
                "delete" => "xóa đề án",
                other => other,
            };
            let at = chrono::NaiveDateTime::parse_from_str(&entry.at, "%Y-%m-%dT%H:%M:%S%.f")
                .map(crate::text::date::format_datetime)
                .unwrap_or_else(|_| entry.at.clone());
            ui.label(format!("{at} — {} — {what}", entry.actor));
        }
    }
}
