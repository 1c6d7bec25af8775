//! Kế hoạch & cân đối kinh phí: the year's dự toán by source (from decisions), its dated
//! changes, money moved between projects, and the balance on every axis with a drill-down to
//! the projects behind each number.

use chrono::NaiveDate;
use egui::{Id, RichText, Ui};
use uuid::Uuid;

use crate::budget::{Balance, Cell, SourceBalance, SourceProgress};
use crate::domain::budget_input::{BudgetChangeInput, BudgetLineInput, ReallocationInput};
use crate::domain::budget_plan::{BudgetChange, BudgetChangeKind, BudgetLine, Reallocation};
use crate::domain::funding_source::FundingSource;
use crate::domain::programme::Programme;
use crate::domain::programme_target::{ProgrammeTarget, TargetProgress};
use crate::domain::support_ceiling::Indicator;
use crate::text::date::format_date;
use crate::text::number::format_integer;
use crate::ui::establishment_form::ERROR_COLOR;
use crate::ui::fonts::bold;
use crate::ui::project_view::ProjectView;
use crate::ui::widgets::date_edit::date_edit;
use crate::ui::widgets::money_edit::money_edit;

/// What the user asked the budget screen to do.
#[derive(Debug, Clone, PartialEq)]
pub enum BudgetAction {
    None,
    /// Show another year.
    Year(i32),
    AddLine(BudgetLine),
    AddChange(BudgetChange),
    AddReallocation(Reallocation),
    OpenProject(Uuid),
    /// Show another programme's targets.
    Programme(String),
    SaveTargets(Vec<ProgrammeTarget>),
}

/// The messages of refused input, one after another.
fn messages(issues: &[crate::domain::issue::Issue]) -> String {
    issues
        .iter()
        .map(|i| i.message.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Names for the balance's rows: activity contents and xã by code.
pub struct BalanceNames<'a> {
    pub reference: &'a crate::service::reference::Reference,
}

impl BalanceNames<'_> {
    /// "ND235-2 — Xây dựng mô hình…", or a note for rows without a content.
    pub fn content(&self, code: &str) -> String {
        match self.reference.content(code) {
            Some(c) => format!("{code} — {}", c.name),
            None if code.is_empty() => "(chưa ghi nội dung)".to_owned(),
            None => code.to_owned(),
        }
    }

    /// The xã's name, or a note for rows without a xã.
    pub fn commune(&self, code: &str) -> String {
        match self.reference.commune(code) {
            Some(c) => c.name.clone(),
            None if code.is_empty() => "(chưa xác định địa bàn)".to_owned(),
            None => code.to_owned(),
        }
    }
}

/// The year's budget as the service reads it.
pub use crate::service::budget::BudgetYear as BudgetData;

/// What is being typed on the screen.
pub struct BudgetPanel {
    pub year: i32,
    line_source: FundingSource,
    line_decision: String,
    line_date: Option<NaiveDate>,
    line_agency: String,
    line_amount: i64,
    change_line: Option<Uuid>,
    change_kind: BudgetChangeKind,
    change_date: Option<NaiveDate>,
    change_amount: i64,
    change_decision: String,
    change_reason: String,
    move_from: String,
    move_to: String,
    move_amount: i64,
    move_date: Option<NaiveDate>,
    move_decision: String,
    move_reason: String,
    error: Option<String>,
    /// The cell whose projects are listed (drill-down).
    pub drill: Option<Cell>,
    /// The programme whose targets are shown.
    pub programme_code: String,
    /// Targets being typed, by indicator code.
    target_inputs: std::collections::HashMap<String, i64>,
}

impl BudgetPanel {
    /// The screen for `year`.
    pub fn new(year: i32, today: NaiveDate) -> BudgetPanel {
        BudgetPanel {
            year,
            line_source: FundingSource::Kcdp,
            line_decision: String::new(),
            line_date: Some(today),
            line_agency: String::new(),
            line_amount: 0,
            change_line: None,
            change_kind: BudgetChangeKind::Supplement,
            change_date: Some(today),
            change_amount: 0,
            change_decision: String::new(),
            change_reason: String::new(),
            move_from: String::new(),
            move_to: String::new(),
            move_amount: 0,
            move_date: Some(today),
            move_decision: String::new(),
            move_reason: String::new(),
            error: None,
            drill: None,
            programme_code: String::new(),
            target_inputs: std::collections::HashMap::new(),
        }
    }

    /// Clears the entry fields after a successful save.
    pub fn clear_inputs(&mut self) {
        self.line_decision.clear();
        self.line_amount = 0;
        self.change_amount = 0;
        self.change_decision.clear();
        self.change_reason.clear();
        self.move_from.clear();
        self.move_to.clear();
        self.move_amount = 0;
        self.move_decision.clear();
        self.move_reason.clear();
        self.error = None;
    }

    fn line_label(line: &BudgetLine) -> String {
        format!(
            "{} — {} ngày {} ({})",
            line.source.label(),
            line.decision_no,
            format_date(line.decision_date),
            line.agency
        )
    }

    /// The year selector and the plan's lines, changes and reallocations.
    pub fn plan_ui(
        &mut self,
        ui: &mut Ui,
        data: &BudgetData,
        projects: &ProjectView,
    ) -> BudgetAction {
        let mut action = BudgetAction::None;
        ui.horizontal(|ui| {
            let l = ui.label("Năm kế hoạch:");
            let mut year = self.year;
            ui.add(egui::DragValue::new(&mut year).range(2000..=2100))
                .labelled_by(l.id);
            if year != self.year {
                action = BudgetAction::Year(year);
            }
        });

        ui.add_space(6.0);
        ui.label(bold("Dự toán được giao"));
        if data.lines.is_empty() {
            ui.weak("Chưa nhập dự toán nào cho năm này.");
        }
        egui::Grid::new("budget_lines")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                if !data.lines.is_empty() {
                    for h in [
                        "Quyết định giao",
                        "Giao ban đầu (đồng)",
                        "Sau thay đổi (đồng)",
                        "",
                    ] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                }
                for line in &data.lines {
                    ui.label(Self::line_label(line));
                    ui.label(format_integer(line.amount));
                    ui.label(format_integer(
                        line.amount_on(&data.changes, NaiveDate::MAX),
                    ));
                    ui.label("");
                    ui.end_row();
                }
            });
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Thêm dự toán: nguồn");
            egui::ComboBox::from_id_salt("line_source")
                .selected_text(self.line_source.label())
                .show_ui(ui, |ui| {
                    for s in FundingSource::ALL {
                        ui.selectable_value(&mut self.line_source, s, s.label());
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label("số QĐ");
            ui.add(egui::TextEdit::singleline(&mut self.line_decision).desired_width(120.0))
                .labelled_by(l.id);
            let l = ui.label("ngày QĐ");
            let (_, e1) = date_edit(
                ui,
                Id::unique("line_date"),
                l.id,
                "Ngày quyết định giao dự toán",
                &mut self.line_date,
            );
            let l = ui.label("cơ quan giao");
            ui.add(
                egui::TextEdit::singleline(&mut self.line_agency)
                    .desired_width(160.0)
                    .hint_text("UBND tỉnh …"),
            )
            .labelled_by(l.id);
            let l = ui.label("số tiền (đồng)");
            let (_, e2) = money_edit(
                ui,
                Id::unique("line_amount"),
                Some(l.id),
                "Số tiền dự toán",
                &mut self.line_amount,
                150.0,
            );
            if let Some(e) = e1.or(e2) {
                self.error = Some(e);
            }
            if ui.button("Thêm dự toán").clicked() {
                let input = BudgetLineInput {
                    year: self.year,
                    source: self.line_source,
                    decision_no: self.line_decision.clone(),
                    decision_date: self.line_date,
                    agency: self.line_agency.clone(),
                    amount: self.line_amount,
                };
                match input.into_line() {
                    Ok(line) => action = BudgetAction::AddLine(line),
                    Err(issues) => self.error = Some(messages(&issues)),
                }
            }
        });

        ui.add_space(10.0);
        ui.label(bold("Thay đổi dự toán trong năm"));
        egui::Grid::new("budget_changes")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for c in &data.changes {
                    let line = data.lines.iter().find(|l| l.id == c.line_id);
                    ui.label(format_date(c.date));
                    ui.label(c.kind.label());
                    ui.label(format_integer(c.amount));
                    ui.label(line.map_or(String::new(), |l| {
                        format!("{} — {}", l.source.label(), l.decision_no)
                    }));
                    ui.label(format!("{} {}", c.decision_no, c.reason));
                    ui.end_row();
                }
            });
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Thay đổi:");
            let selected = self
                .change_line
                .and_then(|id| data.lines.iter().find(|l| l.id == id))
                .map_or("— chọn dự toán —".to_owned(), Self::line_label);
            egui::ComboBox::from_id_salt("change_line")
                .selected_text(selected)
                .width(260.0)
                .show_ui(ui, |ui| {
                    for line in &data.lines {
                        ui.selectable_value(
                            &mut self.change_line,
                            Some(line.id),
                            Self::line_label(line),
                        );
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label("loại");
            egui::ComboBox::from_id_salt("change_kind")
                .selected_text(self.change_kind.label())
                .show_ui(ui, |ui| {
                    for k in BudgetChangeKind::ALL {
                        ui.selectable_value(&mut self.change_kind, k, k.label());
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label("ngày thay đổi");
            let (_, e1) = date_edit(
                ui,
                Id::unique("change_date"),
                l.id,
                "Ngày thay đổi",
                &mut self.change_date,
            );
            let l = ui.label("số tiền thay đổi");
            let (_, e2) = money_edit(
                ui,
                Id::unique("change_amount"),
                Some(l.id),
                "Số tiền thay đổi",
                &mut self.change_amount,
                140.0,
            );
            let l = ui.label("số QĐ thay đổi");
            ui.add(egui::TextEdit::singleline(&mut self.change_decision).desired_width(110.0))
                .labelled_by(l.id);
            let l = ui.label("lý do thay đổi");
            ui.add(egui::TextEdit::singleline(&mut self.change_reason).desired_width(180.0))
                .labelled_by(l.id);
            if let Some(e) = e1.or(e2) {
                self.error = Some(e);
            }
            if ui.button("Ghi thay đổi").clicked() {
                let input = BudgetChangeInput {
                    line_id: self.change_line,
                    kind: self.change_kind,
                    date: self.change_date,
                    amount: self.change_amount,
                    decision_no: self.change_decision.clone(),
                    reason: self.change_reason.clone(),
                };
                match input.into_change() {
                    Ok(change) => action = BudgetAction::AddChange(change),
                    Err(issues) => self.error = Some(messages(&issues)),
                }
            }
        });

        ui.add_space(10.0);
        ui.label(bold("Điều chỉnh kinh phí giữa các đề án"));
        let code_of = |id: Uuid| {
            projects
                .get(id)
                .map_or_else(|| id.to_string(), |s| s.code.clone())
        };
        egui::Grid::new("reallocations")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for r in &data.reallocations {
                    ui.label(format_date(r.date));
                    if ui.link(code_of(r.from_project)).clicked() {
                        action = BudgetAction::OpenProject(r.from_project);
                    }
                    if ui.link(code_of(r.to_project)).clicked() {
                        action = BudgetAction::OpenProject(r.to_project);
                    }
                    ui.label(format_integer(r.amount));
                    ui.label(format!("{} {}", r.decision_no, r.reason));
                    ui.end_row();
                }
            });
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Chuyển từ đề án");
            ui.add(
                egui::TextEdit::singleline(&mut self.move_from)
                    .desired_width(110.0)
                    .hint_text("DA-2026-0001"),
            )
            .labelled_by(l.id);
            let l = ui.label("sang đề án");
            ui.add(
                egui::TextEdit::singleline(&mut self.move_to)
                    .desired_width(110.0)
                    .hint_text("DA-2026-0002"),
            )
            .labelled_by(l.id);
            let l = ui.label("số tiền chuyển");
            let (_, e1) = money_edit(
                ui,
                Id::unique("move_amount"),
                Some(l.id),
                "Số tiền chuyển",
                &mut self.move_amount,
                140.0,
            );
            let l = ui.label("ngày chuyển");
            let (_, e2) = date_edit(
                ui,
                Id::unique("move_date"),
                l.id,
                "Ngày chuyển",
                &mut self.move_date,
            );
            let l = ui.label("QĐ điều chỉnh");
            ui.add(egui::TextEdit::singleline(&mut self.move_decision).desired_width(110.0))
                .labelled_by(l.id);
            let l = ui.label("lý do điều chỉnh");
            ui.add(egui::TextEdit::singleline(&mut self.move_reason).desired_width(180.0))
                .labelled_by(l.id);
            if let Some(e) = e1.or(e2) {
                self.error = Some(e);
            }
            if ui.button("Ghi điều chỉnh").clicked() {
                let input = ReallocationInput {
                    from: (
                        self.move_from.clone(),
                        projects.find_code(self.move_from.trim()),
                    ),
                    to: (
                        self.move_to.clone(),
                        projects.find_code(self.move_to.trim()),
                    ),
                    date: self.move_date,
                    amount: self.move_amount,
                    decision_no: self.move_decision.clone(),
                    reason: self.move_reason.clone(),
                };
                match input.into_reallocation() {
                    Ok(r) => action = BudgetAction::AddReallocation(r),
                    Err(issues) => self.error = Some(messages(&issues)),
                }
            }
        });
        if let Some(e) = &self.error {
            ui.colored_label(ERROR_COLOR, e);
        }
        action
    }

    /// Shows an error from applying an action (e.g. the store refused it).
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }
}

/// A number that opens the projects behind it.
fn drill_number(ui: &mut Ui, value: i64, cell: Cell, drill: &mut Option<Cell>) {
    let text = RichText::new(format_integer(value));
    if ui
        .add(egui::Button::new(text).frame(false))
        .on_hover_text("Bấm để xem các đề án tạo nên số này")
        .clicked()
    {
        *drill = Some(cell);
    }
}

fn rate(bp: Option<i64>) -> String {
    bp.map(crate::text::number::format_percent_basis_points)
        .unwrap_or_else(|| "—".into())
}

impl BudgetPanel {
    /// The balance of the year: per source, by nội dung × nguồn, by xã × nguồn, the warnings,
    /// and the projects behind the number last clicked.
    pub fn balance_ui(
        &mut self,
        ui: &mut Ui,
        balance: &Balance,
        names: &BalanceNames,
        projects: &ProjectView,
    ) -> BudgetAction {
        let mut action = BudgetAction::None;
        ui.label(bold(format!(
            "Cân đối kinh phí năm {} (đến ngày {}) — đơn vị tính: đồng",
            balance.year,
            format_date(balance.as_of)
        )));
        ui.horizontal_wrapped(|ui| {
            for s in &balance.by_source {
                let color = if s.unallocated < 0 {
                    ERROR_COLOR
                } else {
                    ui.visuals().strong_text_color()
                };
                ui.vertical(|ui| {
                    ui.label(format!("Chưa phân bổ {}", s.source.label()));
                    ui.label(
                        RichText::new(format!("{} đồng", format_integer(s.unallocated)))
                            .size(22.0)
                            .color(color),
                    );
                });
                ui.add_space(24.0);
            }
        });
        egui::Grid::new("balance_sources")
            .striped(true)
            .num_columns(11)
            .spacing([14.0, 4.0])
            .show(ui, |ui| {
                let beside = ["Vốn đối ứng", "Nguồn khác", "Tỷ lệ huy động"];
                for h in crate::budget::SOURCE_HEADINGS.into_iter().chain(beside) {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for s in &balance.by_source {
                    self.source_row(ui, s);
                }
                let t = &balance.total;
                ui.label(RichText::new("Tổng cộng").strong());
                for v in [
                    t.planned,
                    t.allocated,
                    t.unallocated,
                    t.advanced,
                    t.disbursed,
                    t.settled,
                ] {
                    ui.label(RichText::new(format_integer(v)).strong());
                }
                ui.label(rate(crate::domain::money::basis_points(
                    t.disbursed,
                    t.planned,
                )));
                ui.label(format_integer(t.counterpart));
                ui.label(format_integer(t.other_funds));
                ui.label(rate(crate::domain::money::basis_points(
                    t.counterpart + t.other_funds,
                    t.allocated,
                )));
                ui.end_row();
            });
        for s in &balance.over_allocated {
            ui.colored_label(
                ERROR_COLOR,
                format!(
                    "Phân bổ vượt kế hoạch: nguồn {} đã phân bổ nhiều hơn kế hoạch giao.",
                    s.label()
                ),
            );
        }
        for e in balance.exceeded_envelopes() {
            ui.colored_label(
                ERROR_COLOR,
                format!(
                    "Vượt dự toán chi tiết {} {}{}: đã phân bổ {} / {} đồng.",
                    e.source.label(),
                    e.content_code,
                    e.commune_code,
                    format_integer(e.allocated),
                    format_integer(e.amount)
                ),
            );
        }

        ui.add_space(8.0);
        self.matrix(
            ui,
            "Theo nội dung khuyến công (đã phân bổ)",
            "matrix_content",
            &balance.by_content,
            &|c: &str| names.content(c),
            |code, source| Cell::Content(code.to_owned(), source),
        );
        ui.add_space(8.0);
        self.matrix(
            ui,
            "Theo địa bàn (đã phân bổ)",
            "matrix_commune",
            &balance.by_commune,
            &|c: &str| names.commune(c),
            |code, source| Cell::Commune(code.to_owned(), source),
        );

        if let Some(cell) = self.drill.clone() {
            ui.add_space(8.0);
            let ids = balance.projects_in(&cell);
            ui.horizontal(|ui| {
                ui.label(bold(format!(
                    "Các đề án tạo nên số đã chọn: {} đề án",
                    ids.len()
                )));
                if ui.small_button("Đóng danh sách").clicked() {
                    self.drill = None;
                }
            });
            egui::Grid::new("drill_down")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for id in ids.iter().take(200) {
                        let Some(p) = projects.get(*id) else { continue };
                        if ui.link(&p.code).clicked() {
                            action = BudgetAction::OpenProject(*id);
                        }
                        ui.label(&p.name);
                        ui.label(p.status.label());
                        ui.label(format_integer(p.support));
                        ui.end_row();
                    }
                });
            if ids.len() > 200 {
                ui.weak(format!(
                    "… và {} đề án khác (lọc thêm trên màn hình Đề án).",
                    ids.len() - 200
                ));
            }
        }
        action
    }

    fn source_row(&mut self, ui: &mut Ui, s: &SourceBalance) {
        ui.label(s.source.label());
        ui.label(format_integer(s.planned));
        drill_number(ui, s.allocated, Cell::Source(s.source), &mut self.drill);
        let color = if s.unallocated < 0 {
            ERROR_COLOR
        } else {
            ui.visuals().text_color()
        };
        ui.colored_label(color, format_integer(s.unallocated));
        for v in [s.advanced, s.disbursed, s.settled] {
            drill_number(ui, v, Cell::Source(s.source), &mut self.drill);
        }
        ui.label(rate(s.disbursement_rate_bp));
        ui.label(format_integer(s.counterpart));
        ui.label(format_integer(s.other_funds));
        ui.label(rate(s.mobilised_rate_bp));
        ui.end_row();
    }

    fn matrix(
        &mut self,
        ui: &mut Ui,
        title: &str,
        id: &str,
        rows: &[crate::budget::MatrixRow],
        name_of: &dyn Fn(&str) -> String,
        cell: impl Fn(&str, FundingSource) -> Cell,
    ) {
        egui::CollapsingHeader::new(title)
            .id_salt(id)
            .default_open(false)
            .show(ui, |ui| {
                egui::Grid::new(id)
                    .striped(true)
                    .num_columns(5)
                    .spacing([14.0, 4.0])
                    .show(ui, |ui| {
                        ui.label(RichText::new("").strong());
                        for s in FundingSource::ALL {
                            ui.label(RichText::new(s.label()).strong());
                        }
                        ui.label(RichText::new("Cộng").strong());
                        ui.end_row();
                        for (code, cells) in rows {
                            ui.add(egui::Label::new(name_of(code)).truncate())
                                .on_hover_text(code);
                            for c in cells {
                                drill_number(
                                    ui,
                                    c.allocated,
                                    cell(code, c.source),
                                    &mut self.drill,
                                );
                            }
                            ui.label(format_integer(cells.iter().map(|c| c.allocated).sum()));
                            ui.end_row();
                        }
                    });
            });
    }
}

impl BudgetPanel {
    /// Tiến độ giải ngân: by month and by quarter, per source, against the plan.
    pub fn progress_ui(&mut self, ui: &mut Ui, progress: &[SourceProgress]) {
        egui::CollapsingHeader::new("Tiến độ giải ngân theo tháng, quý")
            .id_salt("progress")
            .default_open(false)
            .show(ui, |ui| {
                egui::Grid::new("progress_months")
                    .striped(true)
                    .num_columns(1 + 2 * progress.len())
                    .show(ui, |ui| {
                        ui.label(RichText::new("Tháng").strong());
                        for p in progress {
                            ui.label(
                                RichText::new(format!("{}: trong tháng", p.source.label()))
                                    .strong(),
                            );
                            ui.label(RichText::new("lũy kế (tỷ lệ)").strong());
                        }
                        ui.end_row();
                        for m in 0..12 {
                            ui.label(format!("Tháng {}", m + 1));
                            for p in progress {
                                let month = &p.months[m];
                                if month.started {
                                    ui.label(format_integer(month.disbursed));
                                    ui.label(format!(
                                        "{} ({})",
                                        format_integer(month.cumulative),
                                        rate(month.cumulative_rate_bp)
                                    ));
                                } else {
                                    ui.weak("—");
                                    ui.weak("—");
                                }
                            }
                            ui.end_row();
                        }
                    });
                ui.add_space(6.0);
                egui::Grid::new("progress_quarters")
                    .striped(true)
                    .num_columns(1 + progress.len())
                    .show(ui, |ui| {
                        ui.label(RichText::new("Quý").strong());
                        for p in progress {
                            ui.label(
                                RichText::new(format!(
                                    "{}: giải ngân (lũy kế, tỷ lệ)",
                                    p.source.label()
                                ))
                                .strong(),
                            );
                        }
                        ui.end_row();
                        let quarters: Vec<_> =
                            progress.iter().map(SourceProgress::quarters).collect();
                        for q in 0..4 {
                            ui.label(["Quý I", "Quý II", "Quý III", "Quý IV"][q]);
                            for quarter in &quarters {
                                let qp = &quarter[q];
                                if qp.started {
                                    ui.label(format!(
                                        "{} ({}, {})",
                                        format_integer(qp.disbursed),
                                        format_integer(qp.cumulative),
                                        rate(qp.cumulative_rate_bp)
                                    ));
                                } else {
                                    ui.weak("—");
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
    }
}

impl BudgetPanel {
    /// Chỉ tiêu chương trình: the targets of a programme per indicator (typed from its decision),
    /// what its projects achieved, and the percent done.
    pub fn targets_ui(
        &mut self,
        ui: &mut Ui,
        programmes: &[Programme],
        indicators: &[Indicator],
        progress: &[TargetProgress],
    ) -> BudgetAction {
        let mut action = BudgetAction::None;
        egui::CollapsingHeader::new("Chỉ tiêu chương trình")
            .id_salt("programme_targets")
            .default_open(false)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let l = ui.label("Chương trình:");
                    let selected = programmes
                        .iter()
                        .find(|p| p.code == self.programme_code)
                        .map_or("— chọn chương trình —".to_owned(), |p| {
                            p.name.clone()
                        });
                    let mut chosen = self.programme_code.clone();
                    egui::ComboBox::from_id_salt("target_programme")
                        .selected_text(selected)
                        .width(420.0)
                        .show_ui(ui, |ui| {
                            for p in programmes {
                                ui.selectable_value(&mut chosen, p.code.clone(), &p.name);
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    if chosen != self.programme_code {
                        self.target_inputs.clear();
                        action = BudgetAction::Programme(chosen);
                    }
                });
                if self.programme_code.is_empty() {
                    return;
                }
                egui::Grid::new("targets")
                    .striped(true)
                    .num_columns(5)
                    .spacing([14.0, 4.0])
                    .show(ui, |ui| {
                        for h in ["Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Đạt được", "Tỷ lệ"]
                        {
                            ui.label(RichText::new(h).strong());
                        }
                        ui.end_row();
                        for ind in indicators {
                            let p = progress.iter().find(|p| p.indicator_code == ind.code);
                            ui.label(&ind.name);
                            ui.label(&ind.unit);
                            let value = self
                                .target_inputs
                                .entry(ind.code.clone())
                                .or_insert_with(|| p.map_or(0, |p| p.target));
                            let label = format!("Mục tiêu {}", ind.name);
                            let (_, err) = money_edit(
                                ui,
                                Id::unique(("target", &ind.code)),
                                None,
                                &label,
                                value,
                                110.0,
                            );
                            if let Some(e) = err {
                                self.error = Some(e);
                            }
                            ui.label(format_integer(p.map_or(0, |p| p.achieved)));
                            ui.label(rate(p.and_then(|p| p.done_bp)));
                            ui.end_row();
                        }
                    });
                if ui.button("Lưu chỉ tiêu").clicked() {
                    let changed: Vec<ProgrammeTarget> = indicators
                        .iter()
                        .filter_map(|ind| {
                            let typed = *self.target_inputs.get(&ind.code)?;
                            let saved = progress
                                .iter()
                                .find(|p| p.indicator_code == ind.code)
                                .map_or(0, |p| p.target);
                            (typed != saved && typed >= 0).then(|| ProgrammeTarget {
                                programme_code: self.programme_code.clone(),
                                indicator_code: ind.code.clone(),
                                target: typed,
                            })
                        })
                        .collect();
                    if !changed.is_empty() {
                        action = BudgetAction::SaveTargets(changed);
                    }
                }
            });
        action
    }
}
