//! The establishment form: every field of DOMAIN.md §1.5, validated as you type, with each
//! finding shown under its field. Enter saves, Esc cancels, Tab walks the fields.

use chrono::NaiveDate;
use egui::{Color32, Id, Key, RichText, Ui};

use crate::domain::establishment::{Establishment, Gender, Recognition, RecognitionLevel};
use crate::domain::establishment_draft::EstablishmentDraft;
use crate::domain::establishment_field as field;
use crate::domain::field_difference::establishment_differences;
use crate::domain::issue::{Issue, Severity, has_errors};
use crate::domain::legal_form::LegalForm;
use crate::domain::stale_save::{StaleSave, StoredVersion};
use crate::domain::support_history::SupportHistoryLine;
use crate::domain::tax_code::parse_tax_code;
use crate::service::reference::{PickerItem, Reference};
use crate::text::fold::fold;
use crate::text::number::{format_integer, parse_integer};
use crate::ui::fonts::bold;
use crate::ui::widgets::searchable_picker::SearchablePicker;
use crate::ui::widgets::stale_save_view::{StaleChoice, stale_save_ui};

/// Colour of error messages.
pub const ERROR_COLOR: Color32 = Color32::from_rgb(200, 30, 30);
/// Colour of warning messages.
pub const WARNING_COLOR: Color32 = Color32::from_rgb(170, 100, 0);

const LABEL_WIDTH: f32 = 190.0;
const FIELD_WIDTH: f32 = 360.0;

/// What the user asked the form to do this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormAction {
    None,
    Save,
    Cancel,
}

/// State of the open form.
pub struct EstablishmentForm {
    pub draft: EstablishmentDraft,
    original: EstablishmentDraft,
    is_new: bool,
    issues: Vec<Issue>,
    validated: Option<EstablishmentDraft>,
    save_attempted: bool,
    show_legacy: bool,
    focus_name: bool,
    commune_picker: SearchablePicker,
    legacy_picker: SearchablePicker,
    industry_picker: SearchablePicker,
    ethnicity_picker: SearchablePicker,
    industry_items: Vec<PickerItem>,
    ethnicity_items: Vec<PickerItem>,
    /// A message at the top (e.g. why the last save failed).
    pub message: Option<String>,
    /// Every project that supported this establishment, newest first.
    support_history: Vec<SupportHistoryLine>,
    /// Why the last check of the draft could not run (the rules could not read their data).
    unjudged: Option<String>,
    /// A save refused because someone else saved the record first: shown with both versions
    /// until the user reloads or overwrites; the draft keeps what they typed meanwhile.
    conflict: Option<StaleSave>,
}

fn item(code: &str, label: String) -> PickerItem {
    PickerItem {
        code: code.to_owned(),
        folded: fold(&label),
        label,
    }
}

impl EstablishmentForm {
    /// A form for a new record in the installation's province.
    pub fn new_record(cache: &Reference, today: NaiveDate) -> EstablishmentForm {
        Self::open(
            Establishment::new_in_province(&cache.province_code),
            true,
            cache,
            today,
        )
    }

    /// A form editing an existing record.
    pub fn edit(record: Establishment, cache: &Reference, today: NaiveDate) -> EstablishmentForm {
        Self::open(record, false, cache, today)
    }

    fn open(record: Establishment, is_new: bool, cache: &Reference, today: NaiveDate) -> Self {
        let show_legacy = !record.legacy_commune_code.is_empty();
        let draft = EstablishmentDraft::from_record(record);
        let current = &draft.record.industry_code;
        let industry_items = cache
            .industries
            .iter()
            .filter(|i| i.in_force_on(today) || &i.code == current)
            .map(|i| item(&i.code, i.name.clone()))
            .collect();
        let ethnicity_items = cache
            .ethnicities
            .iter()
            .map(|e| item(e, e.clone()))
            .collect();
        EstablishmentForm {
            original: draft.clone(),
            draft,
            is_new,
            issues: Vec::new(),
            validated: None,
            save_attempted: false,
            show_legacy,
            focus_name: true,
            commune_picker: SearchablePicker::new(
                Id::unique("form_commune"),
                "Gõ vài chữ, không cần dấu",
                FIELD_WIDTH,
            ),
            legacy_picker: SearchablePicker::new(
                Id::unique("form_legacy_commune"),
                "Gõ tên xã cũ hoặc huyện cũ",
                FIELD_WIDTH,
            ),
            industry_picker: SearchablePicker::new(
                Id::unique("form_industry"),
                "Gõ vài chữ, ví dụ: che bien, thu cong",
                FIELD_WIDTH,
            ),
            ethnicity_picker: SearchablePicker::new(
                Id::unique("form_ethnicity"),
                "Gõ tên dân tộc, ví dụ: kinh, thai",
                FIELD_WIDTH,
            ),
            industry_items,
            ethnicity_items,
            message: None,
            support_history: Vec::new(),
            unjudged: None,
            conflict: None,
        }
    }

    /// Shows the projects that supported this establishment ("Lịch sử hỗ trợ").
    pub fn set_support_history(&mut self, lines: Vec<SupportHistoryLine>) {
        self.support_history = lines;
    }

    /// True when the record is new (not yet saved).
    pub fn is_new(&self) -> bool {
        self.is_new
    }

    /// True when anything differs from what was loaded.
    pub fn is_dirty(&self) -> bool {
        self.draft != self.original
    }

    /// Judges the draft again when it changed since it was last judged: `judge` gives the
    /// findings on the record (the rules and the probable duplicates), or why they could not
    /// be found — then the form says so and will not save as if all were well.
    pub fn revalidate(&mut self, judge: impl FnOnce(&Establishment) -> Result<Vec<Issue>, String>) {
        if self.validated.as_ref() == Some(&self.draft) {
            return;
        }
        let (record, mut issues) = self.draft.to_record();
        match judge(&record) {
            Ok(found) => {
                issues.extend(found);
                self.unjudged = None;
            }
            Err(why) => self.unjudged = Some(why),
        }
        self.issues = issues;
        self.validated = Some(self.draft.clone());
    }

    /// Asks to save: judges the draft afresh, and returns the record to write and whether it
    /// is new — or None when errors (shown under their fields) or a failed check keep it from
    /// being saved.
    pub fn save_request(
        &mut self,
        judge: impl FnOnce(&Establishment) -> Result<Vec<Issue>, String>,
    ) -> Option<(Establishment, bool)> {
        self.save_attempted = true;
        self.validated = None;
        self.revalidate(judge);
        if let Some(why) = &self.unjudged {
            self.message = Some(format!("Chưa lưu: chưa kiểm tra được dữ liệu ({why})."));
            return None;
        }
        if has_errors(&self.issues) {
            let n = self
                .issues
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .count();
            self.message = Some(format!(
                "Chưa lưu: còn {n} lỗi (tô đỏ bên dưới). Sửa các ô đó rồi lưu lại."
            ));
            return None;
        }
        Some((self.draft.to_record().0, self.is_new))
    }

    /// The record as the service saved it (a new one now has its code).
    pub fn saved(&mut self, saved: Establishment) {
        self.is_new = false;
        self.draft = EstablishmentDraft::from_record(saved);
        self.original = self.draft.clone();
        self.message = None;
        self.conflict = None;
    }

    /// Shows a refused stale save: both versions, and the choice between them.
    pub fn show_conflict(&mut self, stale: StaleSave) {
        self.message = None;
        self.conflict = Some(stale);
    }

    /// Whether a refused stale save is waiting for the user's choice.
    pub fn has_conflict(&self) -> bool {
        self.conflict.is_some()
    }

    /// Draws the waiting conflict and carries out the choice: a reload shows the stored
    /// record; an overwrite aims the draft at the stored version and asks to save it.
    fn conflict_ui(&mut self, ui: &mut Ui) -> FormAction {
        let Some(stale) = &self.conflict else {
            return FormAction::None;
        };
        let StoredVersion::Establishment(stored) = &stale.stored else {
            return FormAction::None;
        };
        let differences = establishment_differences(&self.draft, stored);
        match stale_save_ui(ui, "establishment", stale, &differences) {
            StaleChoice::None => FormAction::None,
            StaleChoice::Reload => {
                let stored = (**stored).clone();
                self.saved(stored);
                FormAction::None
            }
            StaleChoice::Overwrite => {
                self.draft.record.row_version = stale.stored_version();
                self.conflict = None;
                FormAction::Save
            }
        }
    }

    fn visible_issues(&self, key: &str) -> impl Iterator<Item = &Issue> {
        let show_missing = self.save_attempted;
        self.issues
            .iter()
            .filter(move |i| i.field == key && (show_missing || !i.kind.starts_with("thieu_")))
    }

    fn show_issues(&self, ui: &mut Ui, key: &str) {
        for issue in self.visible_issues(key) {
            let (color, prefix) = match issue.severity {
                Severity::Error => (ERROR_COLOR, "Lỗi"),
                Severity::Warning => (WARNING_COLOR, "Cảnh báo"),
            };
            ui.add(
                egui::Label::new(
                    RichText::new(format!("{prefix}: {}", issue.message))
                        .color(color)
                        .small(),
                )
                .wrap(),
            );
        }
    }

    /// Draws the form; returns what the user asked for.
    pub fn ui(&mut self, ui: &mut Ui, cache: &Reference, accept_keys: bool) -> FormAction {
        let mut consumed_key = false;
        let mut notes_focused = false;
        let title = if self.is_new {
            "Thêm cơ sở CNNT mới".to_owned()
        } else {
            format!("Sửa cơ sở {}", self.draft.record.code)
        };
        let mut action = FormAction::None;
        ui.horizontal(|ui| {
            ui.heading(bold(title));
            ui.add_space(24.0);
            if ui.button("Lưu (Enter)").clicked() {
                action = FormAction::Save;
            }
            if ui.button("Hủy (Esc)").clicked() {
                action = FormAction::Cancel;
            }
            let errors = self
                .issues
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .count();
            let warnings = self.issues.len() - errors;
            if self.save_attempted || warnings > 0 {
                ui.add_space(16.0);
                if errors > 0 && self.save_attempted {
                    ui.colored_label(ERROR_COLOR, format!("{errors} lỗi"));
                }
                if warnings > 0 {
                    ui.colored_label(WARNING_COLOR, format!("{warnings} cảnh báo (vẫn lưu được)"));
                }
            }
        });
        if let Some(msg) = &self.message {
            ui.colored_label(ERROR_COLOR, msg);
        }
        let chosen = self.conflict_ui(ui);
        if chosen != FormAction::None {
            action = chosen;
        }
        if let Some(why) = &self.unjudged {
            ui.colored_label(
                ERROR_COLOR,
                format!("Chưa kiểm tra được quy tắc và cơ sở trùng: {why}"),
            );
        }
        ui.label(
            RichText::new("Ô có dấu * là bắt buộc. Số tiền nhập theo đồng, ví dụ 1.500.000.000.")
                .small()
                .weak(),
        );
        ui.separator();

        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.columns(2, |cols| {
                    self.left_column(&mut cols[0], &mut consumed_key);
                    self.right_column(&mut cols[1], cache, &mut consumed_key, &mut notes_focused);
                });
            });

        // The keys are consumed so the dialog the action may open does not see them too.
        if action == FormAction::None && !consumed_key && accept_keys {
            let (save, cancel) = ui.input_mut(|i| {
                let ctrl_enter = i.consume_key(egui::Modifiers::COMMAND, Key::Enter);
                let enter = !notes_focused && i.consume_key(egui::Modifiers::NONE, Key::Enter);
                (
                    ctrl_enter || enter,
                    i.consume_key(egui::Modifiers::NONE, Key::Escape),
                )
            });
            if save {
                action = FormAction::Save;
            } else if cancel {
                action = FormAction::Cancel;
            }
        }
        action
    }

    fn label(ui: &mut Ui, text: &str) -> Id {
        ui.add_sized([LABEL_WIDTH, 18.0], egui::Label::new(text).wrap())
            .id
    }

    fn text_row(
        &mut self,
        ui: &mut Ui,
        label: &str,
        key: &str,
        select: impl FnOnce(&mut Self) -> &mut String,
    ) -> egui::Response {
        let label_id = Self::label(ui, label);
        let response = ui
            .vertical(|ui| {
                let r = ui
                    .add(egui::TextEdit::singleline(select(self)).desired_width(FIELD_WIDTH))
                    .labelled_by(label_id);
                self.show_issues(ui, key);
                r
            })
            .inner;
        ui.end_row();
        response
    }

    /// A number field that shows thousands separators once the user leaves it.
    fn number_row(
        &mut self,
        ui: &mut Ui,
        label: &str,
        key: &str,
        select: fn(&mut Self) -> &mut String,
    ) {
        let r = self.text_row(ui, label, key, select);
        if r.lost_focus() {
            let text = select(self);
            if let Ok(v) = parse_integer(text) {
                *text = format_integer(v);
            }
        }
    }

    fn left_column(&mut self, ui: &mut Ui, consumed_key: &mut bool) {
        ui.label(bold("Thông tin chung"));
        egui::Grid::new("form_general")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let name = self.text_row(ui, "Tên cơ sở *", field::NAME, |f| {
                    &mut f.draft.record.name
                });
                if std::mem::take(&mut self.focus_name) {
                    name.request_focus();
                }

                Self::label(ui, "Loại hình *");
                ui.vertical(|ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.set_max_width(FIELD_WIDTH);
                        for form in LegalForm::ALL {
                            let checked = self.draft.record.legal_form == Some(form);
                            if ui.radio(checked, form.label()).clicked() {
                                self.draft.record.legal_form = Some(form);
                            }
                        }
                    });
                    self.show_issues(ui, field::LEGAL_FORM);
                });
                ui.end_row();

                let r = self.text_row(ui, "Mã số thuế", field::TAX_CODE, |f| {
                    &mut f.draft.record.tax_code
                });
                if r.lost_focus()
                    && let Ok(check) = parse_tax_code(&self.draft.record.tax_code)
                {
                    self.draft.record.tax_code = check.normalized;
                }
                self.text_row(ui, "Số GCN đăng ký", field::REGISTRATION_NO, |f| {
                    &mut f.draft.record.registration_no
                });
                self.text_row(
                    ui,
                    "Ngày cấp (dd/mm/yyyy)",
                    field::REGISTRATION_DATE,
                    |f| &mut f.draft.registration_date,
                );
                self.text_row(ui, "Năm thành lập", field::FOUNDED_YEAR, |f| {
                    &mut f.draft.founded_year
                });
            });

        ui.add_space(8.0);
        ui.label(bold("Người đại diện, chủ cơ sở"));
        egui::Grid::new("form_person")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                self.text_row(ui, "Người đại diện", field::REPRESENTATIVE, |f| {
                    &mut f.draft.record.representative
                });
                self.text_row(ui, "Chức vụ", "representative_title", |f| {
                    &mut f.draft.record.representative_title
                });
                Self::label(ui, "Giới tính chủ cơ sở");
                ui.horizontal(|ui| {
                    for (value, text) in [
                        (None, "Chưa rõ"),
                        (Some(Gender::Nam), "Nam"),
                        (Some(Gender::Nu), "Nữ"),
                    ] {
                        if ui
                            .radio(self.draft.record.owner_gender == value, text)
                            .clicked()
                        {
                            self.draft.record.owner_gender = value;
                        }
                    }
                });
                ui.end_row();
                let label_id = Self::label(ui, "Dân tộc");
                let (_, outcome) = self.ethnicity_picker.show(
                    ui,
                    label_id,
                    &self.ethnicity_items,
                    &mut self.draft.record.ethnicity,
                );
                *consumed_key |= outcome.consumed_key;
                ui.end_row();
                self.text_row(ui, "Điện thoại", field::PHONE, |f| {
                    &mut f.draft.record.phone
                });
                self.text_row(ui, "Email", field::EMAIL, |f| &mut f.draft.record.email);
            });

        ui.add_space(8.0);
        ui.label(bold("Lao động, vốn, doanh thu"));
        egui::Grid::new("form_numbers")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                self.number_row(ui, "Tổng số lao động", field::WORKERS_TOTAL, |f| {
                    &mut f.draft.workers_total
                });
                self.number_row(ui, "Lao động nữ", field::WORKERS_FEMALE, |f| {
                    &mut f.draft.workers_female
                });
                self.number_row(
                    ui,
                    "Lao động người DTTS",
                    field::WORKERS_ETHNIC_MINORITY,
                    |f| &mut f.draft.workers_ethnic_minority,
                );
                self.number_row(ui, "Vốn (đồng)", field::CAPITAL, |f| {
                    &mut f.draft.capital
                });
                self.number_row(ui, "Doanh thu năm (đồng)", field::REVENUE, |f| {
                    &mut f.draft.revenue
                });
            });
    }

    fn right_column(
        &mut self,
        ui: &mut Ui,
        cache: &Reference,
        consumed_key: &mut bool,
        notes_focused: &mut bool,
    ) {
        ui.label(bold("Địa chỉ"));
        egui::Grid::new("form_address")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                Self::label(ui, "Tỉnh/thành phố");
                let province = cache
                    .province(&self.draft.record.province_code)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| self.draft.record.province_code.clone());
                ui.label(province);
                ui.end_row();

                let label_id = Self::label(ui, "Xã/phường/đặc khu *");
                ui.vertical(|ui| {
                    let (_, outcome) = self.commune_picker.show(
                        ui,
                        label_id,
                        &cache.commune_items,
                        &mut self.draft.record.commune_code,
                    );
                    *consumed_key |= outcome.consumed_key;
                    self.show_issues(ui, field::COMMUNE);
                });
                ui.end_row();
                self.text_row(ui, "Thôn/ấp, số nhà", "address_detail", |f| {
                    &mut f.draft.record.address_detail
                });

                Self::label(ui, "Địa chỉ cũ");
                ui.checkbox(
                    &mut self.show_legacy,
                    "Có địa chỉ trước 01/7/2025 (huyện, xã cũ)",
                );
                ui.end_row();
                if self.show_legacy {
                    let label_id = Self::label(ui, "Xã cũ (trước 01/7/2025)");
                    ui.vertical(|ui| {
                        let (_, outcome) = self.legacy_picker.show(
                            ui,
                            label_id,
                            &cache.legacy_items,
                            &mut self.draft.record.legacy_commune_code,
                        );
                        *consumed_key |= outcome.consumed_key;
                        if outcome.changed
                            && let Some(old) =
                                cache.legacy_commune(&self.draft.record.legacy_commune_code)
                        {
                            self.draft.record.legacy_district_code = old.district_code.clone();
                            if self.draft.record.commune_code.is_empty()
                                && let Some(successor) = &old.successor_code
                            {
                                self.draft.record.commune_code = successor.clone();
                            }
                        }
                        self.show_issues(ui, field::LEGACY_COMMUNE);
                    });
                    ui.end_row();
                }
                self.text_row(ui, "Làng nghề", field::CRAFT_VILLAGE, |f| {
                    &mut f.draft.record.craft_village_name
                });
                self.text_row(
                    ui,
                    "Số QĐ công nhận làng nghề",
                    "craft_village_decision",
                    |f| &mut f.draft.record.craft_village_decision,
                );
            });

        ui.add_space(8.0);
        ui.label(bold("Sản xuất"));
        egui::Grid::new("form_production")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let label_id = Self::label(ui, "Ngành nghề *");
                ui.vertical(|ui| {
                    let (_, outcome) = self.industry_picker.show(
                        ui,
                        label_id,
                        &self.industry_items,
                        &mut self.draft.record.industry_code,
                    );
                    *consumed_key |= outcome.consumed_key;
                    self.show_issues(ui, field::INDUSTRY);
                });
                ui.end_row();
                self.text_row(ui, "Sản phẩm chính", "main_products", |f| {
                    &mut f.draft.record.main_products
                });
            });

        ui.add_space(8.0);
        self.recognitions_ui(ui);

        ui.add_space(8.0);
        self.support_history_ui(ui);

        ui.add_space(8.0);
        let label_id = ui.label(bold("Ghi chú")).id;
        let notes = ui
            .add(
                egui::TextEdit::multiline(&mut self.draft.record.notes)
                    .desired_rows(3)
                    .desired_width(LABEL_WIDTH + FIELD_WIDTH),
            )
            .labelled_by(label_id);
        *notes_focused = notes.has_focus();
        ui.label(
            RichText::new("Trong ô ghi chú, Enter xuống dòng; Ctrl+Enter để lưu.")
                .small()
                .weak(),
        );
    }

    fn support_history_ui(&self, ui: &mut Ui) {
        ui.label(bold("Lịch sử hỗ trợ"));
        if self.support_history.is_empty() {
            ui.weak("Chưa được hỗ trợ từ đề án khuyến công nào.");
            return;
        }
        egui::Grid::new("support_history")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for h in ["Năm", "Đề án", "Nội dung", "Nguồn", "Hỗ trợ (đồng)"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for l in &self.support_history {
                    ui.label(l.plan_year.to_string());
                    ui.label(format!(
                        "{} — {} ({})",
                        l.project_code,
                        l.project_name,
                        l.status.label()
                    ));
                    ui.label(&l.content_code);
                    ui.label(l.source.label());
                    ui.label(format_integer(l.support));
                    ui.end_row();
                }
            });
    }

    fn recognitions_ui(&mut self, ui: &mut Ui) {
        ui.label(bold("Công nhận sản phẩm (CNNT tiêu biểu, OCOP)"));
        let this_year = chrono::Local::now().date_naive().format("%Y").to_string();
        let this_year: i32 = this_year.parse().unwrap_or(2026);
        let mut remove = None;
        for (n, rec) in self.draft.record.recognitions.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                ui.label(format!("{}.", n + 1));
                match rec {
                    Recognition::TypicalProduct {
                        level,
                        year,
                        decision_no,
                    } => {
                        ui.label("SP CNNT tiêu biểu");
                        egui::ComboBox::from_id_salt(("rec_level", n))
                            .selected_text(level.label())
                            .show_ui(ui, |ui| {
                                for l in RecognitionLevel::ALL {
                                    ui.selectable_value(level, l, l.label());
                                }
                            });
                        let year_label = ui.label("năm").id;
                        ui.add(egui::DragValue::new(year).range(2000..=this_year))
                            .labelled_by(year_label);
                        let qd_label = ui.label("số QĐ").id;
                        ui.add(egui::TextEdit::singleline(decision_no).desired_width(110.0))
                            .labelled_by(qd_label);
                    }
                    Recognition::Ocop { stars, year } => {
                        ui.label("OCOP");
                        let stars_label = ui.label("số sao").id;
                        ui.add(egui::DragValue::new(stars).range(1..=5))
                            .labelled_by(stars_label);
                        let year_label = ui.label("năm").id;
                        ui.add(egui::DragValue::new(year).range(2018..=this_year))
                            .labelled_by(year_label);
                    }
                }
                if ui.small_button("Bỏ").clicked() {
                    remove = Some(n);
                }
            });
        }
        if let Some(n) = remove {
            self.draft.record.recognitions.remove(n);
        }
        ui.horizontal(|ui| {
            if ui.button("+ SP CNNT tiêu biểu").clicked() {
                self.draft
                    .record
                    .recognitions
                    .push(Recognition::TypicalProduct {
                        level: RecognitionLevel::Tinh,
                        year: this_year,
                        decision_no: String::new(),
                    });
            }
            if ui.button("+ OCOP").clicked() {
                self.draft.record.recognitions.push(Recognition::Ocop {
                    stars: 3,
                    year: this_year,
                });
            }
        });
        self.show_issues(ui, field::RECOGNITIONS);
    }
}
