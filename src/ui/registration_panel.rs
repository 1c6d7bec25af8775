//! Đăng ký kế hoạch khuyến công: next year's proposals consolidated into the province's list,
//! totals by source and content, the Sở's appraisal (đạt / không đạt with a reason), and the
//! registration calendar with what is late.

use chrono::NaiveDate;
use egui::{Id, RichText, Ui};
use uuid::Uuid;

use crate::budget::RegistrationSummary;
use crate::budget::registration_summary::{AppraisalStage, BySource, ProposalRow};
use crate::domain::funding_source::FundingSource;
use crate::domain::plan_registration::Appraisal;
use crate::domain::registration_deadline::{DeadlineState, Milestone, RegistrationDeadline};
use crate::text::date::format_date;
use crate::text::number::format_integer;
use crate::ui::budget_panel::BalanceNames;
use crate::ui::establishment_form::ERROR_COLOR;
use crate::ui::fonts::bold;
use crate::ui::widgets::date_edit::date_edit;

/// What the user asked the registration screen to do.
#[derive(Debug, Clone, PartialEq)]
pub enum RegistrationAction {
    None,
    /// Show another plan year.
    Year(i32),
    /// Register a new proposal for the shown year.
    NewProposal,
    OpenProject(Uuid),
    Appraise(Uuid, Appraisal),
    SaveDeadlines(Vec<RegistrationDeadline>),
}

/// Which proposals the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListFilter {
    All,
    NotAppraised,
    Passed,
    Failed,
    Late,
}

impl ListFilter {
    const ALL: [ListFilter; 5] = [
        ListFilter::All,
        ListFilter::NotAppraised,
        ListFilter::Passed,
        ListFilter::Failed,
        ListFilter::Late,
    ];

    fn label(self) -> &'static str {
        match self {
            ListFilter::All => "Tất cả",
            ListFilter::NotAppraised => "Chưa thẩm định",
            ListFilter::Passed => "Đạt",
            ListFilter::Failed => "Không đạt",
            ListFilter::Late => "Chậm hạn",
        }
    }

    fn keeps(self, row: &ProposalRow) -> bool {
        match self {
            ListFilter::All => true,
            ListFilter::NotAppraised => row.stage == AppraisalStage::NotYet,
            ListFilter::Passed => row.stage == AppraisalStage::Passed,
            ListFilter::Failed => row.stage == AppraisalStage::Failed,
            ListFilter::Late => row.is_late(),
        }
    }
}

/// What is being typed on the screen.
pub struct RegistrationPanel {
    pub year: i32,
    filter: ListFilter,
    selected: Option<Uuid>,
    appraisal_passed: bool,
    appraisal_date: Option<NaiveDate>,
    appraisal_reason: String,
    /// The calendar being edited; None until the user opens the editor.
    editing_deadlines: Option<Vec<RegistrationDeadline>>,
    error: Option<String>,
}

impl RegistrationPanel {
    /// The registration of `year` (usually next year).
    pub fn new(year: i32, today: NaiveDate) -> RegistrationPanel {
        RegistrationPanel {
            year,
            filter: ListFilter::All,
            selected: None,
            appraisal_passed: true,
            appraisal_date: Some(today),
            appraisal_reason: String::new(),
            editing_deadlines: None,
            error: None,
        }
    }

    /// Shows a refusal from the store under the entry fields.
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    /// Clears the entry fields after a successful save.
    pub fn saved(&mut self) {
        self.appraisal_reason.clear();
        self.editing_deadlines = None;
        self.error = None;
    }

    /// The whole screen.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        summary: &RegistrationSummary,
        deadlines: &[RegistrationDeadline],
        names: &BalanceNames,
        user: &str,
    ) -> RegistrationAction {
        let mut action = RegistrationAction::None;
        ui.horizontal(|ui| {
            ui.heading(format!("Đăng ký kế hoạch khuyến công năm {}", self.year));
            ui.add_space(12.0);
            let l = ui.label("Năm kế hoạch:");
            let mut year = self.year;
            ui.add(egui::DragValue::new(&mut year).range(2000..=2100))
                .labelled_by(l.id);
            if year != self.year {
                action = RegistrationAction::Year(year);
            }
            ui.add_space(16.0);
            if ui
                .button("Thêm đề xuất")
                .on_hover_text("Đăng ký một đề án mới vào kế hoạch năm này")
                .clicked()
            {
                action = RegistrationAction::NewProposal;
            }
        });
        if let Some(e) = &self.error {
            ui.colored_label(ERROR_COLOR, e);
        }
        ui.add_space(6.0);
        self.calendar_ui(ui, summary);
        if let Some(a) = self.deadline_editor(ui, deadlines) {
            action = a;
        }
        ui.add_space(8.0);
        totals_ui(ui, summary);
        ui.add_space(8.0);
        by_content_ui(ui, summary, names);
        ui.add_space(8.0);
        if let Some(a) = self.list_ui(ui, summary, names) {
            action = a;
        }
        if let Some(a) = self.appraisal_ui(ui, summary, user) {
            action = a;
        }
        action
    }

    fn calendar_ui(&self, ui: &mut Ui, summary: &RegistrationSummary) {
        ui.label(bold("Lịch đăng ký kế hoạch"));
        egui::Grid::new("registration_calendar")
            .striped(true)
            .num_columns(4)
            .spacing([14.0, 4.0])
            .show(ui, |ui| {
                for h in ["Bước", "Hạn", "Áp dụng", "Tình hình"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for t in &summary.deadlines {
                    ui.label(&t.deadline.label).on_hover_text(&t.deadline.basis);
                    ui.label(t.due.map(format_date).unwrap_or_else(|| "—".into()));
                    ui.label(t.deadline.source.map_or("Mọi nguồn", |s| s.label()));
                    let text = t.summary();
                    if t.overdue + t.done_late > 0 {
                        ui.colored_label(ERROR_COLOR, text);
                    } else {
                        ui.label(text);
                    }
                    ui.end_row();
                }
            });
    }

    fn deadline_editor(
        &mut self,
        ui: &mut Ui,
        deadlines: &[RegistrationDeadline],
    ) -> Option<RegistrationAction> {
        let Some(editing) = &mut self.editing_deadlines else {
            if ui
                .button("Sửa lịch đăng ký…")
                .on_hover_text("Mỗi tỉnh đặt hạn riêng theo quy chế quản lý kinh phí khuyến công")
                .clicked()
            {
                self.editing_deadlines = Some(deadlines.to_vec());
            }
            return None;
        };
        let mut action = None;
        ui.group(|ui| {
            ui.label(bold("Sửa lịch đăng ký (ngày/tháng, tính từ năm kế hoạch)"));
            let mut remove = None;
            egui::Grid::new("deadline_editor")
                .num_columns(7)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    let headings: Vec<Id> = ["Bước", "Ngày", "Tháng", "Năm", "Nguồn", "Mốc"]
                        .into_iter()
                        .map(|h| ui.label(RichText::new(h).strong()).id)
                        .collect();
                    ui.end_row();
                    for (i, d) in editing.iter_mut().enumerate() {
                        deadline_row(ui, i, d, &headings);
                        if ui
                            .small_button("Bỏ")
                            .on_hover_text("Bỏ bước này khỏi lịch")
                            .clicked()
                        {
                            remove = Some(i);
                        }
                        ui.end_row();
                    }
                });
            if let Some(i) = remove {
                editing.remove(i);
            }
            ui.horizontal(|ui| {
                if ui.button("Thêm bước").clicked() {
                    editing.push(RegistrationDeadline {
                        label: String::new(),
                        day: 1,
                        month: 1,
                        years_before: 1,
                        source: None,
                        milestone: Milestone::Registered,
                        basis: String::new(),
                    });
                }
                if ui.button("Lưu lịch").clicked() {
                    action = Some(RegistrationAction::SaveDeadlines(editing.clone()));
                }
                if ui.button("Khôi phục mặc định").clicked() {
                    *editing = RegistrationDeadline::defaults();
                }
                if ui.button("Đóng").clicked() {
                    action = Some(RegistrationAction::None);
                }
            });
        });
        if action == Some(RegistrationAction::None) {
            self.editing_deadlines = None;
            self.error = None;
        }
        action
    }

    fn list_ui(
        &mut self,
        ui: &mut Ui,
        summary: &RegistrationSummary,
        names: &BalanceNames,
    ) -> Option<RegistrationAction> {
        ui.horizontal(|ui| {
            ui.label(bold(format!(
                "Danh mục đề án đăng ký ({} đề án; {} chậm hạn)",
                summary.rows.len(),
                summary.late_count()
            )));
            ui.add_space(12.0);
            for f in ListFilter::ALL {
                ui.selectable_value(&mut self.filter, f, f.label());
            }
        });
        let rows: Vec<&ProposalRow> = summary
            .rows
            .iter()
            .filter(|r| self.filter.keeps(r))
            .collect();
        if rows.is_empty() {
            ui.weak("Chưa có đề án nào trong danh mục này.");
            return None;
        }
        let mut action = None;
        egui::Grid::new("registration_list")
            .striped(true)
            .num_columns(9)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                for h in [
                    "Mã",
                    "Tên đề án",
                    "Đơn vị đăng ký",
                    "Nguồn",
                    "Nội dung",
                    "KP đề nghị (đồng)",
                    "Ngày đăng ký",
                    "Thẩm định",
                    "Hạn",
                ] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for r in rows {
                    let selected = self.selected == Some(r.id);
                    let code = ui.selectable_label(selected, &r.code);
                    if code.clicked() {
                        self.selected = Some(r.id);
                    }
                    if code.double_clicked() {
                        action = Some(RegistrationAction::OpenProject(r.id));
                    }
                    clipped(ui, &r.name, 300.0);
                    clipped(ui, &r.proposed_by, 170.0);
                    ui.label(r.source.label());
                    ui.label(&r.content_code)
                        .on_hover_text(names.content(&r.content_code));
                    ui.label(format_integer(r.support));
                    ui.label(r.registered_on.map(format_date).unwrap_or_default());
                    let stage = ui.label(r.stage.label());
                    if !r.appraisal_reason.is_empty() {
                        stage.on_hover_text(&r.appraisal_reason);
                    }
                    deadline_cell(ui, summary, r);
                    ui.end_row();
                }
            });
        ui.weak("Bấm mã để chọn đề án; bấm đúp để mở đề án.");
        action
    }

    fn appraisal_ui(
        &mut self,
        ui: &mut Ui,
        summary: &RegistrationSummary,
        user: &str,
    ) -> Option<RegistrationAction> {
        let row = summary.rows.iter().find(|r| Some(r.id) == self.selected)?;
        let mut action = None;
        ui.add_space(8.0);
        ui.group(|ui| {
            ui.label(bold(format!(
                "Thẩm định cấp cơ sở: {} — {}",
                row.code, row.name
            )));
            ui.horizontal(|ui| {
                ui.radio_value(&mut self.appraisal_passed, true, "Đạt");
                ui.radio_value(&mut self.appraisal_passed, false, "Không đạt");
                let l = ui.label("Ngày thẩm định");
                let (_, err) = date_edit(
                    ui,
                    Id::unique("appraisal_date"),
                    l.id,
                    "Ngày thẩm định",
                    &mut self.appraisal_date,
                );
                if let Some(e) = err {
                    self.error = Some(e);
                }
            });
            ui.horizontal(|ui| {
                let l = ui.label("Lý do / ý kiến");
                ui.add(egui::TextEdit::singleline(&mut self.appraisal_reason).desired_width(520.0))
                    .labelled_by(l.id);
            });
            ui.horizontal(|ui| {
                if ui.button("Ghi kết quả thẩm định").clicked() {
                    match self.appraisal_date {
                        None => self.error = Some("Ngày thẩm định: cần nhập ngày.".into()),
                        Some(date) => match Appraisal::new(
                            self.appraisal_passed,
                            date,
                            &self.appraisal_reason,
                            user,
                        ) {
                            Ok(a) => action = Some(RegistrationAction::Appraise(row.id, a)),
                            Err(e) => self.error = Some(e.to_string()),
                        },
                    }
                }
                if ui.button("Mở đề án").clicked() {
                    action = Some(RegistrationAction::OpenProject(row.id));
                }
            });
        });
        action
    }
}

/// The worst state of a proposal across the calendar, with the step on hover.
fn deadline_cell(ui: &mut Ui, summary: &RegistrationSummary, row: &ProposalRow) {
    let worst = row
        .deadlines
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .max_by_key(|(_, s)| match s {
            DeadlineState::Overdue(d) => 3_000_000 + d,
            DeadlineState::DoneLate(d) => 2_000_000 + d,
            DeadlineState::Open(d) => 1_000_000 - d,
            DeadlineState::OnTime => 0,
        });
    match worst {
        None => {
            ui.label("—");
        }
        Some((i, state)) => {
            let step = &summary.deadlines[i].deadline.label;
            let response = if state.is_late() {
                ui.colored_label(ERROR_COLOR, state.label())
            } else {
                ui.label(state.label())
            };
            response.on_hover_text(step);
        }
    }
}

/// One editable line of the calendar (all but the remove button), each field named by its
/// column heading for screen readers and tests.
fn deadline_row(ui: &mut Ui, i: usize, d: &mut RegistrationDeadline, headings: &[Id]) {
    let named = |n: usize| headings.get(n).copied().unwrap_or(Id::NULL);
    ui.add(egui::TextEdit::singleline(&mut d.label).desired_width(360.0))
        .labelled_by(named(0))
        .on_hover_text(&d.basis);
    ui.add(egui::DragValue::new(&mut d.day).range(1..=31))
        .labelled_by(named(1));
    ui.add(egui::DragValue::new(&mut d.month).range(1..=12))
        .labelled_by(named(2));
    egui::ComboBox::from_id_salt(("deadline_year", i))
        .selected_text(if d.years_before == 0 {
            "năm kế hoạch"
        } else {
            "năm trước"
        })
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut d.years_before, 1, "năm trước");
            ui.selectable_value(&mut d.years_before, 0, "năm kế hoạch");
        })
        .response
        .labelled_by(named(3));
    egui::ComboBox::from_id_salt(("deadline_source", i))
        .selected_text(d.source.map_or("Mọi nguồn", |s| s.label()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut d.source, None, "Mọi nguồn");
            for s in FundingSource::ALL {
                ui.selectable_value(&mut d.source, Some(s), s.label());
            }
        })
        .response
        .labelled_by(named(4));
    egui::ComboBox::from_id_salt(("deadline_milestone", i))
        .selected_text(d.milestone.label())
        .show_ui(ui, |ui| {
            for m in Milestone::ALL {
                ui.selectable_value(&mut d.milestone, m, m.label());
            }
        })
        .response
        .labelled_by(named(5));
}

/// Registered and passed proposals per source, with the grand total.
fn totals_ui(ui: &mut Ui, summary: &RegistrationSummary) {
    ui.label(bold("Tổng hợp theo nguồn (đơn vị tính: đồng)"));
    egui::Grid::new("registration_totals")
        .striped(true)
        .num_columns(7)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for h in [
                "Nguồn",
                "Số đề án đăng ký",
                "KP đề nghị hỗ trợ",
                "Vốn đối ứng",
                "Tổng kinh phí",
                "Số đề án đạt",
                "KP đề án đạt",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            let empty = Default::default();
            for s in FundingSource::ALL {
                let r = summary.registered.get(&s).unwrap_or(&empty);
                let p = summary.passed.get(&s).unwrap_or(&empty);
                ui.label(s.label());
                totals_cells(ui, r, p, false);
                ui.end_row();
            }
            ui.label(RichText::new("Tổng cộng").strong());
            totals_cells(
                ui,
                &RegistrationSummary::all_sources(&summary.registered),
                &RegistrationSummary::all_sources(&summary.passed),
                true,
            );
            ui.end_row();
        });
}

fn totals_cells(
    ui: &mut Ui,
    registered: &crate::budget::registration_summary::ProposalTotals,
    passed: &crate::budget::registration_summary::ProposalTotals,
    strong: bool,
) {
    for v in [
        registered.count as i64,
        registered.support,
        registered.counterpart,
        registered.total_cost,
        passed.count as i64,
        passed.support,
    ] {
        let text = RichText::new(format_integer(v));
        ui.label(if strong { text.strong() } else { text });
    }
}

/// Support requested per content and source.
fn by_content_ui(ui: &mut Ui, summary: &RegistrationSummary, names: &BalanceNames) {
    if summary.by_content.is_empty() {
        return;
    }
    ui.label(bold("Tổng hợp theo nội dung (KP đề nghị hỗ trợ, đồng)"));
    egui::Grid::new("registration_by_content")
        .striped(true)
        .num_columns(5)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Nội dung").strong());
            for s in FundingSource::ALL {
                ui.label(RichText::new(s.label()).strong());
            }
            ui.label(RichText::new("Tổng").strong());
            ui.end_row();
            for (code, by_source) in &summary.by_content {
                clipped(ui, &names.content(code), 460.0);
                content_cells(ui, by_source);
                ui.end_row();
            }
        });
}

fn content_cells(ui: &mut Ui, by_source: &BySource) {
    for s in FundingSource::ALL {
        let t = by_source.get(&s).copied().unwrap_or_default();
        ui.label(if t.count == 0 {
            "—".to_owned()
        } else {
            format!("{} ({} đề án)", format_integer(t.support), t.count)
        });
    }
    let all = RegistrationSummary::all_sources(by_source);
    ui.label(RichText::new(format_integer(all.support)).strong());
}

/// A long text cut to `width` with "…", whole on hover, so the tables fit the window.
fn clipped(ui: &mut Ui, text: &str, width: f32) {
    ui.scope(|ui| {
        ui.set_max_width(width);
        ui.add(egui::Label::new(text).truncate());
    });
}
