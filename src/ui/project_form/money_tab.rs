//! Kinh phí & thanh toán: the money by source, the ceiling that applies, and the payment
//! documents (tạm ứng, thanh toán, thu hồi tạm ứng, quyết toán) with totals and what remains.

use chrono::NaiveDate;
use egui::{Id, RichText, Ui};

use super::{FormContext, ProjectForm};
use crate::domain::funding_source::FundingSource;
use crate::domain::project::{Payment, PaymentKind};
use crate::domain::project_rules::project_field as field;
use crate::domain::support_ceiling::{CapUnit, SupportCeiling};
use crate::text::date::format_date;
use crate::text::number::format_integer;
use crate::ui::establishment_form::ERROR_COLOR;
use crate::ui::widgets::date_edit::date_edit;
use crate::ui::widgets::money_edit::money_edit;

/// The payment being entered.
#[derive(Debug, Clone)]
pub struct PaymentInput {
    pub kind: PaymentKind,
    pub date: Option<NaiveDate>,
    pub amount: i64,
    pub document_no: String,
    pub note: String,
    error: Option<String>,
}

impl PaymentInput {
    /// A blank payment dated today.
    pub fn new(today: NaiveDate) -> PaymentInput {
        PaymentInput {
            kind: PaymentKind::Advance,
            date: Some(today),
            amount: 0,
            document_no: String::new(),
            note: String::new(),
            error: None,
        }
    }
}

fn money_row(
    form: &mut ProjectForm,
    ui: &mut Ui,
    label: &str,
    pick: fn(&mut ProjectForm) -> &mut i64,
    errors: &mut Vec<String>,
) {
    let l = ui.label(label);
    let (r, err) = money_edit(
        ui,
        Id::unique(("project_money", label)),
        Some(l.id),
        label,
        pick(form),
        180.0,
    );
    if let Some(e) = err {
        errors.push(e);
    } else if r.lost_focus() {
        form.clear_input_error(label);
    }
    ui.end_row();
}

pub(super) fn ui(form: &mut ProjectForm, ui: &mut Ui, ctx: &FormContext, errors: &mut Vec<String>) {
    let source = form.project.source;
    egui::Grid::new("project_money")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            money_row(
                form,
                ui,
                "Tổng kinh phí (đồng)",
                |f| &mut f.project.total_cost,
                errors,
            );
            let support_label = format!("Kinh phí khuyến công hỗ trợ — {} (đồng)", source.label());
            let l = ui.label(&support_label);
            let (_, err) = money_edit(
                ui,
                Id::unique("project_support"),
                Some(l.id),
                "Kinh phí hỗ trợ",
                &mut form.project.support,
                180.0,
            );
            errors.extend(err);
            ui.end_row();
            // Contracts and payment requests spell the support out; show it as they will.
            if form.project.support > 0 {
                ui.label("");
                ui.weak(format!(
                    "Bằng chữ: {}",
                    crate::text::amount_in_words(form.project.support)
                ));
                ui.end_row();
            }
            money_row(
                form,
                ui,
                "Vốn đối ứng của cơ sở (đồng)",
                |f| &mut f.project.counterpart,
                errors,
            );
            money_row(
                form,
                ui,
                "Nguồn khác (đồng)",
                |f| &mut f.project.other_funds,
                errors,
            );
        });
    let date = form.project.approval_date.unwrap_or(ctx.today);
    if let Some(c) = SupportCeiling::applicable(
        &ctx.reference.ceilings,
        &form.project.support_item,
        &form.project.province_code,
        source,
        date,
    ) {
        let limit = match c.cap_unit {
            CapUnit::PerProject => c.limit_for(form.project.total_cost),
            CapUnit::PerEstablishment => Some(
                form.project
                    .beneficiaries
                    .iter()
                    .map(|b| c.limit_for(b.cost).unwrap_or(b.support))
                    .sum(),
            ),
        };
        ui.label(format!(
            "Mức hỗ trợ áp dụng: {}{}",
            super::general_tab::describe_ceiling(c),
            limit
                .map(|l| format!("; hỗ trợ tối đa {} đồng", format_integer(l)))
                .unwrap_or_default()
        ));
    }
    for f in [
        field::TOTAL_COST,
        field::SUPPORT,
        field::COUNTERPART,
        field::OTHER_FUNDS,
    ] {
        form.show_issues(ui, f);
    }

    ui.add_space(10.0);
    ui.label(crate::ui::fonts::bold("Chứng từ thanh toán"));
    let mut remove = None;
    egui::Grid::new("payments")
        .striped(true)
        .num_columns(7)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for h in [
                "Loại",
                "Ngày",
                "Số tiền (đồng)",
                "Nguồn",
                "Số chứng từ",
                "Ghi chú",
                "",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (i, p) in form.project.payments.iter().enumerate() {
                ui.label(p.kind.label());
                ui.label(format_date(p.date));
                ui.label(format_integer(p.amount));
                ui.label(p.source.label());
                ui.label(&p.document_no);
                ui.label(&p.note);
                if ui
                    .small_button("Bỏ")
                    .on_hover_text("Bỏ chứng từ này")
                    .clicked()
                {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
    if let Some(i) = remove {
        form.project.payments.remove(i);
    }

    ui.add_space(6.0);
    let input = &mut form.payment;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Chứng từ mới:");
        egui::ComboBox::from_id_salt("payment_kind")
            .selected_text(input.kind.label())
            .show_ui(ui, |ui| {
                for k in PaymentKind::ALL {
                    ui.selectable_value(&mut input.kind, k, k.label());
                }
            })
            .response
            .labelled_by(l.id);
        let l = ui.label("ngày");
        let (_, err) = date_edit(
            ui,
            Id::unique("payment_date"),
            l.id,
            "Ngày chứng từ",
            &mut input.date,
        );
        errors.extend(err);
        let l = ui.label("số tiền");
        let (_, err) = money_edit(
            ui,
            Id::unique("payment_amount"),
            Some(l.id),
            "Số tiền chứng từ",
            &mut input.amount,
            140.0,
        );
        errors.extend(err);
        let l = ui.label("số chứng từ");
        ui.add(egui::TextEdit::singleline(&mut input.document_no).desired_width(100.0))
            .labelled_by(l.id);
        let l = ui.label("ghi chú");
        ui.add(egui::TextEdit::singleline(&mut input.note).desired_width(160.0))
            .labelled_by(l.id);
        if ui.button("Thêm chứng từ").clicked() {
            match (input.date, input.amount) {
                (None, _) => input.error = Some("Chứng từ mới: nhập ngày (dd/mm/yyyy).".into()),
                (_, a) if a <= 0 => {
                    input.error = Some("Chứng từ mới: số tiền phải lớn hơn 0.".into())
                }
                (Some(date), amount) => {
                    form.project.payments.push(Payment {
                        id: uuid::Uuid::now_v7(),
                        kind: input.kind,
                        date,
                        amount,
                        source,
                        document_no: input.document_no.trim().to_owned(),
                        note: input.note.trim().to_owned(),
                    });
                    input.amount = 0;
                    input.document_no.clear();
                    input.note.clear();
                    input.error = None;
                }
            }
        }
    });
    if form.payment.amount > 0 {
        ui.weak(format!(
            "Bằng chữ: {}",
            crate::text::amount_in_words(form.payment.amount)
        ));
    }
    if let Some(e) = &form.payment.error {
        ui.colored_label(ERROR_COLOR, e);
    }
    form.show_issues(ui, field::PAYMENTS);

    let t = form.project.payment_totals();
    ui.add_space(6.0);
    egui::Grid::new("payment_totals")
        .num_columns(2)
        .spacing([16.0, 2.0])
        .show(ui, |ui| {
            let rows = [
                ("Đã tạm ứng", t.advanced),
                ("Đã thu hồi tạm ứng", t.recovered),
                ("Tạm ứng còn lại", t.outstanding_advance()),
                ("Đã thanh toán", t.paid),
                ("Đã giải ngân", t.disbursed()),
                ("Còn lại chưa giải ngân", form.project.remaining_support()),
                ("Đã quyết toán", t.settled),
            ];
            for (label, value) in rows {
                ui.label(label);
                ui.label(RichText::new(format!("{} đồng", format_integer(value))).strong());
                ui.end_row();
            }
        });
    if source == FundingSource::Khac {
        ui.weak("Đề án dùng nguồn khác: không tính vào kinh phí khuyến công.");
    }
}
