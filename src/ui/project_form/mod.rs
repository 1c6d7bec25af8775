//! The project form, in tabs: Thông tin chung, Đơn vị thụ hưởng, Kinh phí & thanh toán, Kết quả,
//! Hồ sơ, Lịch sử. Rules run as the user types; errors block saving; warnings can be saved
//! after the user gives a reason, which is kept with the project.

mod beneficiaries_tab;
mod documents_tab;
mod general_tab;
mod history_tab;
mod money_tab;
mod results_tab;

use chrono::NaiveDate;
use egui::{Id, Key, RichText, Ui};
use uuid::Uuid;

use crate::domain::attachment::Attachment;
use crate::domain::audit_entry::AuditEntry;
use crate::domain::field_difference::project_differences;
use crate::domain::issue::{Issue, Severity, has_errors};
use crate::domain::project::Project;
use crate::domain::stale_save::{StaleSave, StoredVersion};
use crate::service::reference::Reference;
use crate::ui::establishment_form::{ERROR_COLOR, WARNING_COLOR};
use crate::ui::fonts::bold;
use crate::ui::registry_view::RegistryView;
use crate::ui::widgets::stale_save_view::{StaleChoice, stale_save_ui};

pub use beneficiaries_tab::BeneficiaryInput;
pub use history_tab::TransitionInput;
pub use money_tab::PaymentInput;
pub use results_tab::ResultsInput;

/// The form's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectTab {
    General,
    Beneficiaries,
    Money,
    Results,
    Documents,
    History,
}

impl ProjectTab {
    const ALL: [ProjectTab; 6] = [
        ProjectTab::General,
        ProjectTab::Beneficiaries,
        ProjectTab::Money,
        ProjectTab::Results,
        ProjectTab::Documents,
        ProjectTab::History,
    ];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            ProjectTab::General => "Thông tin chung",
            ProjectTab::Beneficiaries => "Đơn vị thụ hưởng",
            ProjectTab::Money => "Kinh phí & thanh toán",
            ProjectTab::Results => "Kết quả",
            ProjectTab::Documents => "Hồ sơ",
            ProjectTab::History => "Lịch sử",
        }
    }

    /// Which tab shows the findings about a field.
    fn of_field(field: &str) -> ProjectTab {
        use crate::domain::project_rules::project_field as f;
        match field {
            f::BENEFICIARIES => ProjectTab::Beneficiaries,
            f::TOTAL_COST | f::SUPPORT | f::COUNTERPART | f::OTHER_FUNDS | f::PAYMENTS => {
                ProjectTab::Money
            }
            f::STATUS => ProjectTab::History,
            _ => ProjectTab::General,
        }
    }
}

/// What the user asked the form to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectFormAction {
    None,
    Save,
    Cancel,
    /// Open the establishment form to add a new beneficiary without leaving this one.
    NewEstablishment,
    /// Ask the file picker for a document to attach.
    AttachFile,
    OpenAttachment(usize),
    /// Show the folder of an attachment that is a program or script (never opened itself).
    OpenAttachmentFolder(usize),
    RemoveAttachment(usize),
}

/// What a request to save came to.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveRequest {
    /// Ready to write: the project, and whether it is new.
    Ready(Box<Project>, bool),
    /// Errors (or a check that could not run) are shown; nothing to write.
    Refused,
    /// Warnings need a reason first: the dialog is open.
    NeedsReason,
}

/// What the tabs read besides the project.
pub struct FormContext<'a> {
    pub reference: &'a Reference,
    pub registry: &'a RegistryView,
    pub today: NaiveDate,
    /// The person at the keyboard (named in life-cycle moves and accepted warnings).
    pub actor: &'a str,
}

/// State of the open project form.
pub struct ProjectForm {
    pub project: Project,
    original: Project,
    is_new: bool,
    pub tab: ProjectTab,
    issues: Vec<Issue>,
    validated: Option<Project>,
    save_attempted: bool,
    /// Unreadable numbers and dates the user typed, named by field.
    pub input_errors: Vec<String>,
    pub message: Option<String>,
    general: general_tab::GeneralInput,
    pub beneficiaries: BeneficiaryInput,
    pub payment: PaymentInput,
    pub results: ResultsInput,
    pub transition: TransitionInput,
    pub attachments: Vec<Attachment>,
    /// The project's audit rows, oldest first, read when it was opened or saved.
    pub history: Vec<AuditEntry>,
    /// The warnings waiting for a reason, and the reason being typed.
    accepting: Option<(Vec<Issue>, String)>,
    /// Why the rules could not be run on the project as it is now.
    unjudged: Option<String>,
    /// A save refused because someone else saved the project first: shown with both versions
    /// until the user reloads or overwrites; the form keeps what they typed meanwhile.
    conflict: Option<StaleSave>,
}

impl ProjectForm {
    /// A form for a new project of the installation's province in the plan of `plan_year`,
    /// registered today by `implementer` (the installation's unit).
    pub fn new_project(
        province_code: &str,
        today: NaiveDate,
        implementer: &str,
        plan_year: i32,
    ) -> ProjectForm {
        let mut p = Project::new(province_code, plan_year);
        p.implementer = implementer.to_owned();
        p.registration.proposed_by = implementer.to_owned();
        p.registration.registered_on = Some(today);
        Self::open(p, true, Vec::new(), Vec::new(), today)
    }

    /// A form editing a saved project, with its documents and its audit rows.
    pub fn edit(
        project: Project,
        attachments: Vec<Attachment>,
        history: Vec<AuditEntry>,
        today: NaiveDate,
    ) -> ProjectForm {
        Self::open(project, false, attachments, history, today)
    }

    fn open(
        project: Project,
        is_new: bool,
        attachments: Vec<Attachment>,
        history: Vec<AuditEntry>,
        today: NaiveDate,
    ) -> ProjectForm {
        ProjectForm {
            original: project.clone(),
            project,
            is_new,
            tab: ProjectTab::General,
            issues: Vec::new(),
            validated: None,
            save_attempted: false,
            input_errors: Vec::new(),
            message: None,
            general: general_tab::GeneralInput::default(),
            beneficiaries: BeneficiaryInput::default(),
            payment: PaymentInput::new(today),
            results: ResultsInput::default(),
            transition: TransitionInput::new(today),
            attachments,
            history,
            accepting: None,
            unjudged: None,
            conflict: None,
        }
    }

    /// True for a project not yet saved.
    pub fn is_new(&self) -> bool {
        self.is_new
    }

    /// True when anything differs from what was loaded.
    pub fn is_dirty(&self) -> bool {
        self.project != self.original
    }

    /// Runs the rules again when the project changed: `judge` gives their findings, or why
    /// they could not run — then the form says so, and saving is refused rather than done as if
    /// there were no warnings.
    pub fn revalidate(&mut self, judge: impl FnOnce(&Project) -> Result<Vec<Issue>, String>) {
        if self.validated.as_ref() == Some(&self.project) {
            return;
        }
        match judge(&self.project) {
            Ok(issues) => {
                self.issues = issues;
                self.unjudged = None;
            }
            Err(why) => {
                self.issues = Vec::new();
                self.unjudged = Some(why);
            }
        }
        self.validated = Some(self.project.clone());
    }

    /// Asks to save: runs the rules afresh and says whether the project can be written now.
    pub fn save_request(
        &mut self,
        judge: impl FnOnce(&Project) -> Result<Vec<Issue>, String>,
    ) -> SaveRequest {
        self.save_attempted = true;
        self.validated = None;
        self.revalidate(judge);
        if let Some(why) = &self.unjudged {
            self.message = Some(format!(
                "Chưa lưu: chưa kiểm tra được đề án theo quy tắc ({why})."
            ));
            return SaveRequest::Refused;
        }
        if !self.input_errors.is_empty() {
            self.message = Some(format!("Chưa lưu: {}", self.input_errors.join(" ")));
            return SaveRequest::Refused;
        }
        if has_errors(&self.issues) {
            let first = self.issues.iter().find(|i| i.severity == Severity::Error);
            if let Some(issue) = first {
                self.tab = ProjectTab::of_field(issue.field);
            }
            let n = self
                .issues
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .count();
            self.message = Some(format!("Chưa lưu: còn {n} lỗi (tô đỏ). Sửa rồi lưu lại."));
            return SaveRequest::Refused;
        }
        let pending = self.project.unaccepted_warnings(&self.issues);
        if !pending.is_empty() {
            self.accepting = Some((pending, String::new()));
            return SaveRequest::NeedsReason;
        }
        SaveRequest::Ready(Box::new(self.project.clone()), self.is_new)
    }

    /// The project as the service saved it, and its audit rows now.
    pub fn saved(&mut self, saved: Project, history: Vec<AuditEntry>) {
        self.is_new = false;
        self.project = saved.clone();
        self.original = saved;
        self.history = history;
        self.message = None;
        self.conflict = None;
    }

    /// Shows a refused stale save: both versions, and the choice between them.
    pub fn show_conflict(&mut self, stale: StaleSave) {
        self.message = None;
        self.conflict = Some(stale);
    }

    /// Draws the waiting conflict and carries out the choice: a reload shows the stored
    /// project (its children with it); an overwrite aims the project at the stored version
    /// and asks to save it.
    fn conflict_ui(&mut self, ui: &mut Ui) -> ProjectFormAction {
        let Some(stale) = &self.conflict else {
            return ProjectFormAction::None;
        };
        let StoredVersion::Project(stored) = &stale.stored else {
            return ProjectFormAction::None;
        };
        let differences = project_differences(&self.project, stored);
        match stale_save_ui(ui, "project", stale, &differences) {
            StaleChoice::None => ProjectFormAction::None,
            StaleChoice::Reload => {
                let stored = (**stored).clone();
                let history = std::mem::take(&mut self.history);
                self.saved(stored, history);
                ProjectFormAction::None
            }
            StaleChoice::Overwrite => {
                self.project.row_version = stale.stored_version();
                self.conflict = None;
                ProjectFormAction::Save
            }
        }
    }

    /// Records the reason for every pending warning (the user confirmed the dialog).
    fn accept_pending(&mut self, reason: &str, actor: &str) {
        let Some((pending, _)) = self.accepting.take() else {
            return;
        };
        let at = crate::service::session::now_text();
        self.project.accept_warnings(pending, reason, actor, &at);
    }

    /// Adds a beneficiary (e.g. an establishment just created from this form).
    pub fn add_beneficiary(&mut self, establishment_id: Uuid, commune_code: &str) {
        beneficiaries_tab::add(&mut self.project, establishment_id, commune_code);
    }

    /// Findings about `field`, for drawing under it (missing-value errors only after a save try).
    pub(crate) fn show_issues(&self, ui: &mut Ui, field: &str) {
        for issue in self.issues.iter().filter(|i| i.field == field) {
            let (color, prefix) = match issue.severity {
                Severity::Error => (ERROR_COLOR, "Lỗi"),
                Severity::Warning => (WARNING_COLOR, "Cảnh báo"),
            };
            if issue.severity == Severity::Error
                && issue.kind.starts_with("thieu_")
                && !self.save_attempted
            {
                continue;
            }
            let accepted = self.project.acceptance_of(issue);
            let text = match accepted {
                Some(a) => format!("{prefix} (đã chấp nhận: {}): {}", a.reason, issue.message),
                None => format!("{prefix}: {}", issue.message),
            };
            ui.add(egui::Label::new(RichText::new(text).color(color).small()).wrap());
        }
    }

    fn tab_badge(&self, tab: ProjectTab) -> (usize, usize) {
        let mut errors = 0;
        let mut warnings = 0;
        for i in self
            .issues
            .iter()
            .filter(|i| ProjectTab::of_field(i.field) == tab)
        {
            match i.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
        }
        (errors, warnings)
    }

    /// Draws the form; returns what the user asked for.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &FormContext, accept_keys: bool) -> ProjectFormAction {
        let mut action = ProjectFormAction::None;
        let title = if self.is_new {
            "Thêm đề án mới".to_owned()
        } else {
            format!(
                "Đề án {} — {}",
                self.project.code,
                self.project.status.label()
            )
        };
        ui.horizontal(|ui| {
            ui.heading(bold(title));
            ui.add_space(24.0);
            if ui.button("Lưu (Ctrl+S)").clicked() {
                action = ProjectFormAction::Save;
            }
            if ui.button("Đóng (Esc)").clicked() {
                action = ProjectFormAction::Cancel;
            }
            ui.weak("Ctrl+PageDown / Ctrl+PageUp: chuyển thẻ");
        });
        if let Some(msg) = &self.message {
            ui.colored_label(ERROR_COLOR, msg);
        }
        let chosen = self.conflict_ui(ui);
        if chosen != ProjectFormAction::None {
            action = chosen;
        }
        if let Some(why) = &self.unjudged {
            ui.colored_label(
                ERROR_COLOR,
                format!(
                    "Chưa kiểm tra được đề án theo quy tắc: {why}. Cảnh báo có thể bị thiếu; \
                     chưa lưu được cho đến khi kiểm tra được."
                ),
            );
        }
        for e in &self.input_errors {
            ui.colored_label(ERROR_COLOR, e);
        }
        ui.horizontal(|ui| {
            for tab in ProjectTab::ALL {
                let (errors, warnings) = self.tab_badge(tab);
                let mut text = tab.title().to_owned();
                if errors > 0 || warnings > 0 {
                    text.push_str(&format!(" ({})", errors + warnings));
                }
                let mut rich = RichText::new(text);
                if errors > 0 && self.save_attempted {
                    rich = rich.color(ERROR_COLOR);
                } else if warnings > 0 {
                    rich = rich.color(WARNING_COLOR);
                }
                if ui.selectable_label(self.tab == tab, rich).clicked() {
                    self.tab = tab;
                }
            }
        });
        if accept_keys {
            let (next, previous) = ui.input_mut(|i| {
                (
                    i.consume_key(egui::Modifiers::COMMAND, Key::PageDown),
                    i.consume_key(egui::Modifiers::COMMAND, Key::PageUp),
                )
            });
            let at = ProjectTab::ALL
                .iter()
                .position(|t| *t == self.tab)
                .unwrap_or(0);
            if next {
                self.tab = ProjectTab::ALL[(at + 1) % ProjectTab::ALL.len()];
            } else if previous {
                self.tab =
                    ProjectTab::ALL[(at + ProjectTab::ALL.len() - 1) % ProjectTab::ALL.len()];
            }
        }
        ui.separator();
        let mut input_errors = Vec::new();
        egui::ScrollArea::vertical()
            .id_salt(("project_tab", self.tab as u8))
            .auto_shrink([false, false])
            .show(ui, |ui| match self.tab {
                ProjectTab::General => general_tab::ui(self, ui, ctx, &mut input_errors),
                ProjectTab::Beneficiaries => {
                    if beneficiaries_tab::ui(self, ui, ctx, &mut input_errors) {
                        action = ProjectFormAction::NewEstablishment;
                    }
                }
                ProjectTab::Money => money_tab::ui(self, ui, ctx, &mut input_errors),
                ProjectTab::Results => results_tab::ui(self, ui, ctx, &mut input_errors),
                ProjectTab::Documents => {
                    if let Some(a) = documents_tab::ui(self, ui) {
                        action = a;
                    }
                }
                ProjectTab::History => history_tab::ui(self, ui, ctx, &mut input_errors),
            });
        // An error reported when leaving a field stays until that field is read correctly.
        for e in input_errors {
            let field = e.split(':').next().unwrap_or_default().to_owned();
            self.input_errors
                .retain(|old| !old.starts_with(&format!("{field}:")));
            self.input_errors.push(e);
        }
        if self.accepting.is_some() {
            self.reason_dialog(ui, ctx.actor, &mut action);
        } else if accept_keys && action == ProjectFormAction::None {
            let (save, cancel) = ui.input_mut(|i| {
                (
                    i.consume_key(egui::Modifiers::COMMAND, Key::S),
                    i.consume_key(egui::Modifiers::NONE, Key::Escape),
                )
            });
            if save {
                action = ProjectFormAction::Save;
            } else if cancel {
                action = ProjectFormAction::Cancel;
            }
        }
        action
    }

    /// Clears the error of a field once it reads correctly again.
    pub(crate) fn clear_input_error(&mut self, label: &str) {
        self.input_errors
            .retain(|e| !e.starts_with(&format!("{label}:")));
    }

    fn reason_dialog(&mut self, ui: &mut Ui, actor: &str, action: &mut ProjectFormAction) {
        let Some((pending, mut reason)) = self.accepting.take() else {
            return;
        };
        let mut decision = None;
        egui::Modal::new(Id::unique("project_warning_reason")).show(ui.ctx(), |ui| {
            ui.set_width(640.0);
            ui.heading("Lưu đề án có cảnh báo");
            ui.label(
                "Các cảnh báo sau cần được xem xét. Ghi lý do để lưu; lý do được lưu cùng đề án.",
            );
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    for issue in &pending {
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!("• {}", issue.message)).color(WARNING_COLOR),
                            )
                            .wrap(),
                        );
                    }
                });
            let label = ui.label("Lý do chấp nhận");
            ui.add(
                egui::TextEdit::multiline(&mut reason)
                    .desired_rows(2)
                    .desired_width(620.0)
                    .hint_text(
                        "Ví dụ: theo Nghị quyết HĐND tỉnh, đã được Sở Tài chính thống nhất…",
                    ),
            )
            .labelled_by(label.id);
            ui.horizontal(|ui| {
                let ready = !reason.trim().is_empty();
                if ui
                    .add_enabled(ready, egui::Button::new("Chấp nhận và lưu"))
                    .clicked()
                {
                    decision = Some(true);
                }
                if ui.button("Quay lại sửa").clicked() {
                    decision = Some(false);
                }
            });
        });
        match decision {
            Some(true) => {
                self.accepting = Some((pending, reason.clone()));
                self.accept_pending(&reason, actor);
                *action = ProjectFormAction::Save;
            }
            Some(false) => {}
            None => self.accepting = Some((pending, reason)),
        }
    }
}
