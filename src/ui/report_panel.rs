//! Báo cáo: the saved reports, the form of the open one (number, date, addressees, signer and
//! the five narrative sections), and the actions on it. The preview of its pages is drawn
//! beside the form by the app.

use chrono::NaiveDate;
use egui::{Id, RichText, Ui};
use uuid::Uuid;

use crate::domain::field_difference::report_differences;
use crate::domain::report::saved_report::{SECTION_HEADINGS, SavedReport};
use crate::domain::report::signer::{Authority, Signer};
use crate::domain::stale_save::{StaleSave, StoredVersion};
use crate::report::ReportKind;
use crate::text::date::format_date;
use crate::text::number::MillionsDecimals;
use crate::ui::establishment_form::ERROR_COLOR;
use crate::ui::fonts::bold;
use crate::ui::widgets::date_edit::date_edit;
use crate::ui::widgets::stale_save_view::{StaleChoice, stale_save_ui};

/// What the user asked the report screen to do.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportAction {
    None,
    /// Create a draft of this kind and year.
    Create(ReportKind, i32),
    Open(Uuid),
    /// Save the edited draft (and redraw the preview).
    Save,
    /// Save the header fields as the unit's defaults for later reports.
    SaveDefaults,
    /// Prefill the narrative again from today's figures.
    Regenerate,
    /// Print every report of the unit with this many decimals of triệu đồng.
    SetDecimals(MillionsDecimals),
    Freeze,
    Unfreeze,
    SavePdf,
    OpenPdf,
    SaveXlsx,
    Delete,
}

/// The screen's state: the report being edited and what is typed for a new one.
pub struct ReportPanel {
    pub new_kind: ReportKind,
    pub new_year: i32,
    /// The open report as edited (saved with "Lưu").
    pub draft: Option<SavedReport>,
    /// The edited addressee lists, one per line.
    recipients_text: String,
    distribution_text: String,
    pub message: Option<(String, bool)>,
    /// Shown under a finalised report when today's data differ from its figures.
    pub drift: Option<String>,
    /// A save refused because someone else saved the report first: shown with both versions
    /// until the user reloads or overwrites; the draft keeps what they typed meanwhile.
    pub conflict: Option<StaleSave>,
    /// The unit's number of decimals for triệu đồng, as stored.
    pub decimals: MillionsDecimals,
}

impl ReportPanel {
    pub fn new(today: NaiveDate) -> ReportPanel {
        ReportPanel {
            new_kind: ReportKind::Year,
            new_year: chrono::Datelike::year(&today),
            draft: None,
            recipients_text: String::new(),
            distribution_text: String::new(),
            message: None,
            drift: None,
            conflict: None,
            decimals: MillionsDecimals::default(),
        }
    }

    /// Opens `report` in the form; an old "Lưu: …" item moves into the Lưu fields.
    pub fn open(&mut self, mut report: SavedReport) {
        report.filing.adopt_legacy(&mut report.distribution);
        self.recipients_text = report.recipients.join("\n");
        self.distribution_text = report.distribution.join("\n");
        self.draft = Some(report);
        self.drift = None;
        self.conflict = None;
    }

    /// Draws the waiting conflict and carries out the choice: a reload opens the stored
    /// report; an overwrite aims the draft at the stored version and asks to save it.
    fn conflict_ui(&mut self, ui: &mut Ui) -> ReportAction {
        let (Some(stale), Some(draft)) = (&self.conflict, &mut self.draft) else {
            return ReportAction::None;
        };
        let StoredVersion::Report(stored) = &stale.stored else {
            return ReportAction::None;
        };
        let differences = report_differences(draft, stored);
        match stale_save_ui(ui, "report", stale, &differences) {
            StaleChoice::None => ReportAction::None,
            StaleChoice::Reload => {
                let stored = (**stored).clone();
                self.open(stored);
                self.message = None;
                ReportAction::None
            }
            StaleChoice::Overwrite => {
                draft.row_version = stale.stored_version();
                self.conflict = None;
                ReportAction::Save
            }
        }
    }

    /// Tells the user how an action went.
    pub fn say(&mut self, text: impl Into<String>, is_error: bool) {
        self.message = Some((text.into(), is_error));
    }

    /// The list of saved reports and the "new report" row.
    pub fn list_ui(&mut self, ui: &mut Ui, reports: &[SavedReport]) -> ReportAction {
        let mut action = ReportAction::None;
        ui.label(bold("Tạo báo cáo mới"));
        ui.horizontal(|ui| {
            let l = ui.label("Loại");
            egui::ComboBox::from_id_salt("report_kind")
                .selected_text(self.new_kind.label())
                .show_ui(ui, |ui| {
                    for k in ReportKind::ALL {
                        ui.selectable_value(&mut self.new_kind, k, k.label());
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label("Năm");
            ui.add(egui::DragValue::new(&mut self.new_year).range(2000..=2100))
                .labelled_by(l.id);
            if ui.button("Tạo báo cáo").clicked() {
                action = ReportAction::Create(self.new_kind, self.new_year);
            }
        });
        if self.new_kind == ReportKind::Registration {
            ui.weak("Năm: năm kế hoạch được đăng ký (thường là năm sau).");
        }
        ui.add_space(6.0);
        ui.label(bold("Báo cáo đã lưu"));
        if reports.is_empty() {
            ui.weak("Chưa có báo cáo nào.");
        }
        let open_id = self.draft.as_ref().map(|d| d.id);
        for r in reports {
            let text = format!(
                "{} — {} — {}{}",
                r.kind.title(r.year),
                r.number_line(),
                format_date(r.date),
                if r.frozen.is_some() {
                    " — đã chốt"
                } else {
                    ""
                }
            );
            if ui.selectable_label(open_id == Some(r.id), text).clicked() {
                action = ReportAction::Open(r.id);
            }
        }
        action
    }

    /// The form of the open report and its action buttons.
    pub fn form_ui(&mut self, ui: &mut Ui) -> ReportAction {
        let mut action = ReportAction::None;
        if let Some((text, is_error)) = &self.message {
            if *is_error {
                ui.colored_label(ERROR_COLOR, text);
            } else {
                ui.label(text);
            }
        }
        let chosen = self.conflict_ui(ui);
        if chosen != ReportAction::None {
            return chosen;
        }
        let Some(report) = &mut self.draft else {
            ui.weak("Chọn một báo cáo đã lưu hoặc tạo báo cáo mới.");
            return action;
        };
        let frozen = report.frozen.is_some();
        ui.label(bold(report.kind.title(report.year)));
        if let Some(f) = &report.frozen {
            ui.label(format!(
                "Đã chốt lúc {} bởi {} — mã đối chiếu {}",
                f.at, f.by, f.fingerprint
            ));
            if let Some(d) = &self.drift {
                ui.colored_label(ERROR_COLOR, d);
            }
        }
        ui.horizontal_wrapped(|ui| {
            if !frozen {
                if ui
                    .button("Lưu")
                    .on_hover_text("Lưu và cập nhật bản xem trước")
                    .clicked()
                {
                    action = ReportAction::Save;
                }
                if ui
                    .button("Chốt báo cáo")
                    .on_hover_text("Lưu số liệu hiện tại vào báo cáo; sau đó số liệu không đổi")
                    .clicked()
                {
                    action = ReportAction::Freeze;
                }
            } else if ui
                .button("Mở chốt")
                .on_hover_text("Cho phép sửa lại; báo cáo sẽ lấy số liệu mới")
                .clicked()
            {
                action = ReportAction::Unfreeze;
            }
            if ui.button("Lưu PDF…").clicked() {
                action = ReportAction::SavePdf;
            }
            if ui
                .button("Mở")
                .on_hover_text("Mở PDF bằng trình xem của máy để in")
                .clicked()
            {
                action = ReportAction::OpenPdf;
            }
            if ui.button("Lưu XLSX…").clicked() {
                action = ReportAction::SaveXlsx;
            }
        });
        ui.add_space(4.0);
        if let Some(decimals) = decimals_choice(ui, self.decimals) {
            action = ReportAction::SetDecimals(decimals);
        }
        ui.add_enabled_ui(!frozen, |ui| {
            let errors = header_fields(
                ui,
                report,
                &mut self.recipients_text,
                &mut self.distribution_text,
            );
            if !errors.is_empty() {
                self.message = Some((errors.join(" "), true));
            }
            ui.horizontal(|ui| {
                if ui
                    .button("Đặt làm mặc định của đơn vị")
                    .on_hover_text(
                        "Báo cáo mới sẽ điền sẵn cơ quan, ký hiệu, địa danh, nơi gửi, người ký này",
                    )
                    .clicked()
                {
                    action = ReportAction::SaveDefaults;
                }
                if ui
                    .button("Điền lại nội dung từ số liệu")
                    .on_hover_text("Thay nội dung năm phần bằng các câu tạo từ số liệu hiện tại")
                    .clicked()
                {
                    action = ReportAction::Regenerate;
                }
                if ui.button("Xóa bản nháp").clicked() {
                    action = ReportAction::Delete;
                }
            });
            ui.add_space(6.0);
            let l =
                ui.label(RichText::new("Mở đầu (văn bản, yêu cầu mà báo cáo trả lời)").strong());
            ui.add(
                egui::TextEdit::multiline(&mut report.opening)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            for (i, heading) in SECTION_HEADINGS.iter().enumerate() {
                let Some(text) = report.sections.get_mut(i) else {
                    continue;
                };
                let l = ui.label(RichText::new(*heading).strong());
                ui.add(
                    egui::TextEdit::multiline(text)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            }
            let l = ui.label(RichText::new("Kết thúc (Trên đây là báo cáo …)").strong());
            ui.add(
                egui::TextEdit::multiline(&mut report.closing)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        });
        report.recipients = lines(&self.recipients_text);
        report.distribution = lines(&self.distribution_text);
        action
    }
}

/// The unit's one number of decimals for triệu đồng; Some when the user picks another.
fn decimals_choice(ui: &mut Ui, current: MillionsDecimals) -> Option<MillionsDecimals> {
    let mut chosen = current;
    ui.horizontal(|ui| {
        let l = ui.label("Số tiền (triệu đồng) in với");
        egui::ComboBox::from_id_salt("report_millions_decimals")
            .selected_text(current.label())
            .show_ui(ui, |ui| {
                for d in MillionsDecimals::ALL {
                    ui.selectable_value(&mut chosen, d, d.label());
                }
            })
            .response
            .labelled_by(l.id)
            .on_hover_text(
                "Áp dụng cho mọi báo cáo của đơn vị: bảng phụ lục, tệp XLSX và các câu \
                 viết sẵn từ số liệu",
            );
    });
    (chosen != current).then_some(chosen)
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn text_field(ui: &mut Ui, label: &str, value: &mut String) {
    let l = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).desired_width(300.0))
        .labelled_by(l.id);
    ui.end_row();
}

/// A name printed in the letterhead: Enter breaks the line where the user wants it broken.
fn name_field(ui: &mut Ui, label: &str, value: &mut String) {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(1)
            .desired_width(300.0),
    )
    .on_hover_text("Xuống dòng (Enter) để tự chọn chỗ ngắt dòng trên tiêu đề; để liền thì phần mềm ngắt giữa các cụm từ")
    .labelled_by(l.id);
    ui.end_row();
}

/// A required date; unreadable text keeps the old date and adds a message naming the field.
/// Returns true when the user changed it.
fn date_field(ui: &mut Ui, label: &str, value: &mut NaiveDate, errors: &mut Vec<String>) -> bool {
    let l = ui.label(label);
    let mut date = Some(*value);
    let (_, error) = date_edit(
        ui,
        Id::unique(("report_date", label)),
        l.id,
        label,
        &mut date,
    );
    errors.extend(error);
    let mut changed = false;
    if let Some(d) = date {
        changed = d != *value;
        *value = d;
    }
    ui.end_row();
    changed
}

/// Quyền hạn ký as a choice, the head's title it names, the signer's position and name, and
/// the lines as they will print. Choosing KT. offers "Phó …" of the head as the position.
fn signer_fields(ui: &mut Ui, signer: &mut Signer) {
    let l = ui.label("Quyền hạn ký");
    let before = signer.authority;
    egui::ComboBox::from_id_salt("report_signer_authority")
        .selected_text(signer.authority.label())
        .width(300.0)
        .show_ui(ui, |ui| {
            for authority in Authority::ALL {
                ui.selectable_value(&mut signer.authority, authority, authority.label());
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
    if signer.authority != before {
        offer_position(signer, before);
    }
    let head_label = if signer.authority == Authority::Collective {
        "Tập thể (sau TM.)"
    } else {
        "Chức vụ người đứng đầu"
    };
    let l = ui.label(head_label);
    ui.add_enabled(
        signer.authority != Authority::InPerson,
        egui::TextEdit::singleline(&mut signer.head).desired_width(300.0),
    )
    .labelled_by(l.id);
    ui.end_row();
    text_field(ui, "Chức vụ người ký", &mut signer.position);
    text_field(ui, "Họ tên người ký", &mut signer.name);
    ui.label("");
    ui.weak(format!("In: {}", signer.title_lines().join(" / ")));
    ui.end_row();
}

/// The position that goes with a new authority: a deputy signing for the head is "Phó …"; the
/// head in person holds the head's own title.
fn offer_position(signer: &mut Signer, before: Authority) {
    let folded = |s: &str| crate::text::fold(s.trim());
    let head = signer.head.trim().to_owned();
    if head.is_empty() {
        return;
    }
    let deputy = format!("Phó {head}");
    match signer.authority {
        Authority::Deputy
            if folded(&signer.position) == folded(&head) || signer.position.trim().is_empty() =>
        {
            signer.position = deputy;
        }
        Authority::InPerson
            if before == Authority::Deputy && folded(&signer.position) == folded(&deputy) =>
        {
            signer.position = head;
        }
        _ => {}
    }
}

/// Number, date, place, agencies, addressees, signer and the data period.
fn header_fields(
    ui: &mut Ui,
    report: &mut SavedReport,
    recipients: &mut String,
    distribution: &mut String,
) -> Vec<String> {
    let mut errors = Vec::new();
    egui::Grid::new("report_header")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let l = ui.label("Số");
            ui.add(
                egui::TextEdit::singleline(&mut report.number)
                    .desired_width(300.0)
                    .hint_text("để trống cho Văn thư cấp số"),
            )
            .labelled_by(l.id);
            ui.end_row();
            text_field(ui, "Ký hiệu", &mut report.symbol);
            if date_field(ui, "Ngày ban hành", &mut report.date, &mut errors) {
                report.date_left_blank = false;
            }
            ui.label("");
            ui.checkbox(
                &mut report.date_left_blank,
                "Để trống ngày, tháng cho Văn thư điền khi phát hành",
            );
            ui.end_row();
            text_field(ui, "Địa danh", &mut report.place);
            name_field(ui, "Cơ quan chủ quản", &mut report.parent_agency);
            name_field(ui, "Cơ quan ban hành", &mut report.agency);
            date_field(ui, "Số liệu từ ngày", &mut report.period_from, &mut errors);
            date_field(ui, "Số liệu đến ngày", &mut report.period_to, &mut errors);
            let l = ui.label("Kính gửi (mỗi dòng một nơi)");
            ui.add(
                egui::TextEdit::multiline(recipients)
                    .desired_rows(2)
                    .desired_width(300.0),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Nơi nhận (mỗi dòng một nơi)");
            ui.add(
                egui::TextEdit::multiline(distribution)
                    .desired_rows(3)
                    .desired_width(300.0),
            )
            .on_hover_text("Dòng \"Lưu: VT, …\" cuối cùng được ghép từ ba ô dưới đây")
            .labelled_by(l.id);
            ui.end_row();
            text_field(
                ui,
                "Lưu: đơn vị soạn thảo (viết tắt)",
                &mut report.filing.unit,
            );
            text_field(ui, "Ký hiệu người soạn thảo", &mut report.filing.initials);
            let l = ui.label("Số bản phát hành");
            ui.add(egui::DragValue::new(&mut report.filing.copies).range(0..=9999))
                .labelled_by(l.id);
            ui.end_row();
            ui.label("");
            ui.weak(format!("In: - {}.", report.filing.line()));
            ui.end_row();
            signer_fields(ui, &mut report.signer);
        });
    errors
}
