//! The application shell: navigation, the first-start dialog, the unsaved-changes guard, and
//! applying what the panels ask for (saving, deleting, restoring) through the service.

mod budget_screen;
mod project_screen;
mod registration_screen;
mod report_screen;

use std::sync::Arc;

use chrono::NaiveDate;
use egui::{Id, RichText, Ui};

use crate::domain::unit_settings::UnitSettings;
use crate::service::catalog::CatalogChange;
use crate::service::reference::Reference;
use crate::service::{Service, ServiceResult};
use crate::text::number::format_integer;
use crate::ui::budget_panel::{BudgetData, BudgetPanel};
use crate::ui::establishment_form::{ERROR_COLOR, EstablishmentForm, FormAction};
use crate::ui::file_picker::{FilePicker, SystemFilePicker};
use crate::ui::fonts::bold;
use crate::ui::project_form::ProjectForm;
use crate::ui::project_view::ProjectView;
use crate::ui::projects_panel::ProjectsPanel;
use crate::ui::registry_panel::{RegistryAction, RegistryPanel};
use crate::ui::registry_view::RegistryView;
use crate::ui::settings_panel::{SettingsAction, SettingsPanel};
use crate::ui::unit_editor::UnitEditor;

/// The screens of the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Overview,
    Registry,
    Projects,
    Budget,
    Reports,
    Settings,
}

/// Where the user wanted to go when the unsaved-changes guard stopped them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leave {
    /// Close the establishment form of the registry screen.
    CloseForm,
    /// Close the project form.
    CloseProjectForm,
    /// Close the establishment form opened from a project form.
    CloseNested,
    GoTo(Screen),
    CloseWindow,
}

/// A line in the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// The two halves of the Kế hoạch & cân đối screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetView {
    Balance,
    Registration,
}

/// The whole app's state.
pub struct KhuyenCongApp {
    service: Service,
    screen: Screen,
    registry: Option<RegistryPanel>,
    form: Option<EstablishmentForm>,
    projects: Option<ProjectsPanel>,
    project_form: Option<ProjectForm>,
    /// An establishment form opened over the project form to add a beneficiary.
    nested: Option<EstablishmentForm>,
    budget: Option<BudgetPanel>,
    budget_data: BudgetData,
    /// Which half of the Kế hoạch & cân đối screen is shown.
    budget_view: BudgetView,
    registration: Option<crate::ui::registration_panel::RegistrationPanel>,
    /// The Báo cáo screen: the open report's form, the saved list, and its laid-out pages.
    reports: Option<crate::ui::report_panel::ReportPanel>,
    report_list: Vec<crate::report::SavedReport>,
    report_rendered: Option<crate::service::report_output::Rendered>,
    report_preview: crate::ui::report_preview::ReportPreview,
    /// A report file being written on a worker thread: its outcome in Vietnamese.
    report_job: Option<std::sync::mpsc::Receiver<Result<String, String>>>,
    /// The consolidated registration of the panel's year and the calendar, or why not.
    registration_data: Option<Result<crate::service::registration::RegistrationYear, String>>,
    /// The balance of the budget screen's year, or why it could not be computed.
    balance: Option<Result<crate::service::year_balance::YearFigures, String>>,
    /// The current year's figures for the Tổng quan screen.
    overview: Option<Result<crate::service::year_balance::YearFigures, String>>,
    /// Targets and achievements of the programme chosen on the budget screen.
    target_progress: Vec<crate::domain::programme_target::TargetProgress>,
    file_picker: Box<dyn FilePicker>,
    settings: SettingsPanel,
    first_start: Option<UnitEditor>,
    guard: Option<Leave>,
    allow_close: bool,
    status: Option<Status>,
}

impl KhuyenCongApp {
    /// Builds the app over an open database; the session's day is the date rules are judged on.
    pub fn new(service: Service) -> ServiceResult<KhuyenCongApp> {
        let unit = service.session().unit.clone();
        let settings = SettingsPanel::new(unit.as_ref(), service.backups()?);
        let mut app = KhuyenCongApp {
            first_start: unit.is_none().then(|| UnitEditor::new(None)),
            service,
            screen: Screen::Overview,
            registry: None,
            form: None,
            projects: None,
            project_form: None,
            nested: None,
            budget: None,
            budget_data: BudgetData::default(),
            budget_view: BudgetView::Balance,
            registration: None,
            registration_data: None,
            reports: None,
            report_list: Vec::new(),
            report_rendered: None,
            report_preview: Default::default(),
            report_job: None,
            balance: None,
            target_progress: Vec::new(),
            overview: None,
            file_picker: Box::new(SystemFilePicker),
            settings,
            guard: None,
            allow_close: false,
            status: None,
        };
        if unit.is_some() {
            app.load_lists()?;
        }
        Ok(app)
    }

    /// Opens on `screen` instead of Tổng quan (benchmarks start on the registry this way).
    pub fn with_screen(mut self, screen: Screen) -> KhuyenCongApp {
        self.screen = screen;
        self
    }

    /// Uses `picker` instead of the system file dialog (tests inject paths this way).
    pub fn with_file_picker(mut self, picker: Box<dyn FilePicker>) -> KhuyenCongApp {
        self.file_picker = picker;
        self
    }

    /// The project list, once the unit is set.
    pub fn projects(&self) -> Option<&ProjectsPanel> {
        self.projects.as_ref()
    }

    /// The open project form, if any.
    pub fn project_form(&self) -> Option<&ProjectForm> {
        self.project_form.as_ref()
    }

    /// The establishment form opened from a project form, if any.
    pub fn nested_form(&self) -> Option<&EstablishmentForm> {
        self.nested.as_ref()
    }

    /// The service (tests inspect the database through it).
    pub fn service(&self) -> &Service {
        &self.service
    }

    /// The date rules are judged on.
    fn today(&self) -> NaiveDate {
        self.service.today()
    }

    /// The reference snapshot (an Arc: drawing code holds it while the app changes).
    fn reference(&self) -> Arc<Reference> {
        self.service.reference().clone()
    }

    /// Whether the unit is set (before the first-start dialog, screens have nothing to show).
    fn has_unit(&self) -> bool {
        self.service.session().unit.is_some()
    }

    /// The registry panel, once the unit is set.
    pub fn registry(&self) -> Option<&RegistryPanel> {
        self.registry.as_ref()
    }

    /// The open form, if any.
    pub fn form(&self) -> Option<&EstablishmentForm> {
        self.form.as_ref()
    }

    /// The current screen.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The status-bar message.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Whether the first-start dialog is showing.
    pub fn is_first_start(&self) -> bool {
        self.first_start.is_some()
    }

    fn set_status(&mut self, text: impl Into<String>, is_error: bool) {
        self.status = Some(Status {
            text: text.into(),
            is_error,
        });
    }

    /// Reads the lists of the unit's data (after start, a new unit, a restored file).
    fn load_lists(&mut self) -> ServiceResult<()> {
        let view = RegistryView::new(self.service.establishment_summaries()?);
        self.registry = Some(RegistryPanel::new(view));
        self.projects = Some(ProjectsPanel::new(ProjectView::new(
            self.service.project_summaries()?,
        )));
        // Another unit or a restored file: the budget screens read their year again.
        self.budget = None;
        self.overview = None;
        self.registration = None;
        self.reports = None;
        self.report_rendered = None;
        self.refresh_settings();
        Ok(())
    }

    /// Shows the unit and the backups as they are now on the Cài đặt screen.
    fn refresh_settings(&mut self) {
        match self.service.backups() {
            Ok(backups) => self
                .settings
                .refresh(self.service.session().unit.as_ref(), backups),
            Err(e) => self.set_status(format!("Không đọc được danh sách bản sao lưu: {e}"), true),
        }
    }

    fn save_unit(&mut self, unit: UnitSettings) {
        let result = self
            .service
            .save_unit(&unit)
            .and_then(|()| self.load_lists());
        match result {
            Ok(()) => {
                self.first_start = None;
                self.set_status("Đã lưu cài đặt đơn vị.", false);
            }
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    /// Draws one frame of the whole app.
    pub fn show(&mut self, ui: &mut Ui) {
        self.handle_close_request(ui);
        self.screen_shortcuts(ui);
        egui::Panel::top("nav").show(ui, |ui| self.nav_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::CentralPanel::default().show(ui, |ui| self.central(ui));
        if self.first_start.is_some() {
            self.first_start_dialog(ui);
        }
        if self.guard.is_some() {
            self.guard_dialog(ui);
        }
    }

    fn handle_close_request(&mut self, ui: &Ui) {
        let close_requested = ui.ctx().input(|i| i.viewport().close_requested());
        if close_requested && !self.allow_close && self.unsaved_changes() {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.guard = Some(Leave::CloseWindow);
        }
    }

    /// Ctrl+0…4 go to Tổng quan, Cơ sở CNNT, Đề án, Kế hoạch & cân đối, Cài đặt (through the
    /// unsaved guard).
    fn screen_shortcuts(&mut self, ui: &mut Ui) {
        if self.guard.is_some() || self.first_start.is_some() {
            return;
        }
        let wanted = ui.input_mut(|i| {
            [
                (egui::Key::Num1, Screen::Registry),
                (egui::Key::Num2, Screen::Projects),
                (egui::Key::Num3, Screen::Budget),
                (egui::Key::Num4, Screen::Reports),
                (egui::Key::Num5, Screen::Settings),
            ]
            .into_iter()
            .find(|(key, _)| i.consume_key(egui::Modifiers::COMMAND, *key))
            .or_else(|| {
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::Num0)
                    .then_some((egui::Key::Num0, Screen::Overview))
            })
            .map(|(_, screen)| screen)
        });
        if let Some(screen) = wanted
            && screen != self.screen
        {
            self.leave(Leave::GoTo(screen));
        }
    }

    fn nav_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(bold("Sổ Khuyến công").size(18.0));
            ui.add_space(16.0);
            for (screen, text) in [
                (Screen::Overview, "Tổng quan"),
                (Screen::Registry, "Cơ sở CNNT"),
                (Screen::Projects, "Đề án"),
                (Screen::Budget, "Kế hoạch & cân đối"),
                (Screen::Reports, "Báo cáo"),
                (Screen::Settings, "Cài đặt"),
            ] {
                let shortcut = match screen {
                    Screen::Overview => "Ctrl+0",
                    Screen::Registry => "Ctrl+1",
                    Screen::Projects => "Ctrl+2",
                    Screen::Budget => "Ctrl+3",
                    Screen::Reports => "Ctrl+4",
                    Screen::Settings => "Ctrl+5",
                };
                if ui
                    .selectable_label(self.screen == screen, text)
                    .on_hover_text(shortcut)
                    .clicked()
                    && self.screen != screen
                {
                    self.leave(Leave::GoTo(screen));
                }
            }
            if let Some(unit) = &self.service.session().unit {
                let reference = self.service.reference();
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let province = reference
                        .province(&unit.province_code)
                        .map_or("", |p| p.name.as_str());
                    ui.label(RichText::new(format!("{} — {}", unit.unit_name, province)).weak());
                });
            }
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(s) = &self.status {
                let color = if s.is_error {
                    ERROR_COLOR
                } else {
                    ui.visuals().text_color()
                };
                ui.colored_label(color, &s.text);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(r) = &self.registry {
                    ui.label(
                        RichText::new(format!("{} cơ sở", format_integer(r.view.total() as i64)))
                            .weak(),
                    );
                }
            });
        });
    }

    fn central(&mut self, ui: &mut Ui) {
        match self.screen {
            Screen::Overview => self.overview_screen(ui),
            Screen::Registry => self.registry_screen(ui),
            Screen::Projects => self.projects_screen(ui),
            Screen::Budget => self.budget_screen(ui),
            Screen::Reports => self.report_screen(ui),
            Screen::Settings => self.settings_screen(ui),
        }
    }

    fn registry_screen(&mut self, ui: &mut Ui) {
        if !self.has_unit() {
            ui.label("Hãy chọn đơn vị sử dụng để bắt đầu.");
            return;
        }
        let cache = &self.reference();
        let modal_open = self.guard.is_some() || self.first_start.is_some();
        if let Some(form) = &mut self.form {
            let service = &self.service;
            form.revalidate(|r| service.establishment_issues(r).map_err(|e| e.to_string()));
            // Behind a dialog the form stays visible but inert, and leaves the keys to the dialog.
            let action = ui
                .add_enabled_ui(!modal_open, |ui| form.ui(ui, cache, !modal_open))
                .inner;
            match action {
                FormAction::Save => self.save_form(),
                FormAction::Cancel => self.leave(Leave::CloseForm),
                FormAction::None => {}
            }
            return;
        }
        let Some(registry) = &mut self.registry else {
            return;
        };
        match registry.ui(ui, cache, modal_open) {
            RegistryAction::New => {
                self.form = Some(EstablishmentForm::new_record(cache, self.service.today()));
            }
            RegistryAction::Edit(id) => {
                let opened = self
                    .service
                    .establishment(id)
                    .and_then(|record| Ok((self.service.support_history(id)?, record)));
                match opened {
                    Ok((history, record)) => {
                        let mut form = EstablishmentForm::edit(record, cache, self.service.today());
                        form.set_support_history(history);
                        self.form = Some(form);
                    }
                    Err(e) => self.set_status(e.to_string(), true),
                }
            }
            RegistryAction::Delete(id) => self.delete(id),
            RegistryAction::None => {}
        }
    }

    /// Puts a just-saved establishment into the registry list without reloading the list.
    fn list_saved_establishment(&mut self, id: uuid::Uuid, select: bool) {
        let summary = match self.service.establishment_summary(id) {
            Ok(summary) => summary,
            Err(e) => {
                self.set_status(
                    format!("Đã lưu, nhưng chưa đọc lại được danh sách: {e}"),
                    true,
                );
                return;
            }
        };
        if let (Some(registry), Some(summary)) = (&mut self.registry, summary) {
            registry.view.upsert(summary);
            if select {
                registry.select(Some(id));
            }
        }
    }

    fn save_form(&mut self) {
        let Some(form) = &mut self.form else {
            return;
        };
        match save_establishment_form(&mut self.service, form) {
            Some(saved) => {
                self.form = None;
                self.set_status(
                    format!("Đã lưu cơ sở {} — {}.", saved.code, saved.name),
                    false,
                );
                self.list_saved_establishment(saved.id, true);
                self.after_leave_guard_resolved();
            }
            // Errors are shown in the form; stay there.
            None => self.guard = None,
        }
    }

    fn delete(&mut self, id: uuid::Uuid) {
        match self.service.delete_establishment(id) {
            Ok(name) => {
                if let Some(r) = &mut self.registry {
                    r.view.remove(id);
                    r.select(None);
                }
                self.set_status(format!("Đã xóa cơ sở {name}."), false);
            }
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    /// Leaves the form (or the screen) unless it has unsaved changes, in which case the guard asks.
    /// Whether the form that `to` would close has unsaved changes.
    fn loses_changes(&self, to: Leave) -> bool {
        let establishment = self.form.as_ref().is_some_and(|f| f.is_dirty());
        let project = self.project_form.as_ref().is_some_and(|f| f.is_dirty());
        let nested = self.nested.as_ref().is_some_and(|f| f.is_dirty());
        match to {
            Leave::CloseForm => establishment,
            Leave::CloseProjectForm => project,
            Leave::CloseNested => nested,
            Leave::GoTo(_) | Leave::CloseWindow => establishment || project || nested,
        }
    }

    /// True when any open form has unsaved changes.
    fn unsaved_changes(&self) -> bool {
        self.loses_changes(Leave::CloseWindow)
    }

    fn leave(&mut self, to: Leave) {
        if self.loses_changes(to) {
            self.guard = Some(to);
        } else {
            self.go(to);
        }
    }

    fn go(&mut self, to: Leave) {
        match to {
            Leave::CloseForm => self.form = None,
            Leave::CloseProjectForm => self.project_form = None,
            Leave::CloseNested => self.nested = None,
            Leave::GoTo(_) | Leave::CloseWindow => {
                self.form = None;
                self.project_form = None;
                self.nested = None;
            }
        }
        match to {
            Leave::CloseForm | Leave::CloseProjectForm | Leave::CloseNested => {}
            Leave::GoTo(screen) => {
                if screen == Screen::Settings {
                    self.refresh_settings();
                }
                if screen == Screen::Overview {
                    self.overview = None;
                }
                // Projects may have changed since the balance was computed.
                if screen == Screen::Budget && self.budget.is_some() {
                    self.load_budget();
                }
                if screen == Screen::Budget && self.registration.is_some() {
                    self.load_registration();
                }
                self.screen = screen;
            }
            Leave::CloseWindow => {
                self.allow_close = true;
                self.status = None;
            }
        }
    }

    /// After a save requested from the guard, carry on to where the user was going.
    fn after_leave_guard_resolved(&mut self) {
        if let Some(to) = self.guard.take() {
            self.go(to);
        }
    }

    fn guard_dialog(&mut self, ui: &mut Ui) {
        let modal = egui::Modal::new(Id::unique("unsaved_guard")).show(ui.ctx(), |ui| {
            ui.set_width(440.0);
            ui.heading("Có thay đổi chưa lưu");
            ui.label("Bạn đã sửa thông tin nhưng chưa lưu. Bạn muốn làm gì?");
            ui.add_space(8.0);
            let mut choice = None;
            ui.horizontal(|ui| {
                if ui.button("Lưu").clicked() {
                    choice = Some(0);
                }
                if ui.button("Không lưu").clicked() {
                    choice = Some(1);
                }
                if ui.button("Quay lại sửa").clicked() {
                    choice = Some(2);
                }
            });
            choice
        });
        let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
        match modal.inner {
            Some(0) => match self.guard {
                Some(Leave::CloseNested) => self.save_nested(),
                Some(Leave::CloseProjectForm) => self.save_project_form(),
                _ if self.nested.as_ref().is_some_and(|f| f.is_dirty()) => self.save_nested(),
                _ if self.project_form.as_ref().is_some_and(|f| f.is_dirty()) => {
                    self.save_project_form()
                }
                _ => self.save_form(),
            },
            Some(1) => {
                if let Some(to) = self.guard.take() {
                    self.go(to);
                    if to == Leave::CloseWindow {
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
            }
            // Esc (which the modal reports through should_close) means "keep editing".
            Some(_) => self.guard = None,
            None if escape || modal.should_close() => self.guard = None,
            None => {}
        }
        if self.allow_close && self.form.is_none() && self.guard.is_none() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn settings_screen(&mut self, ui: &mut Ui) {
        let reference = self.reference();
        let catalog = self
            .has_unit()
            .then(|| (&*reference, reference.province_code.as_str(), self.today()));
        let path = self.service.database_path().to_owned();
        let action = self.settings.ui(ui, &path, &reference.provinces, catalog);
        match action {
            SettingsAction::SaveUnit(unit) => self.save_unit(unit),
            SettingsAction::BackupNow => {
                match self.service.backup_now() {
                    Ok(dest) => {
                        self.set_status(format!("Đã sao lưu vào {}.", dest.display()), false)
                    }
                    Err(e) => self.set_status(e.to_string(), true),
                }
                self.refresh_settings();
            }
            SettingsAction::Restore(path) => {
                match self.service.restore(&path) {
                    Ok(safety) => {
                        let reload = if self.has_unit() {
                            self.load_lists()
                        } else {
                            self.first_start = Some(UnitEditor::new(None));
                            Ok(())
                        };
                        match reload {
                            Ok(()) => self.set_status(
                                format!(
                                    "Đã khôi phục dữ liệu. Dữ liệu trước khi khôi phục được giữ ở {}.",
                                    safety.display()
                                ),
                                false,
                            ),
                            Err(e) => self.set_status(e.to_string(), true),
                        }
                    }
                    Err(e) => self.set_status(e.to_string(), true),
                }
                self.refresh_settings();
            }
            SettingsAction::Catalog(change) => self.apply_catalog_change(change),
            SettingsAction::None => {}
        }
    }

    fn apply_catalog_change(&mut self, change: CatalogChange) {
        match self.service.apply_catalog_change(&change) {
            Ok(done) => self.set_status(done, false),
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    fn first_start_dialog(&mut self, ui: &mut Ui) {
        let reference = self.reference();
        let Some(editor) = &mut self.first_start else {
            return;
        };
        let modal = egui::Modal::new(Id::unique("first_start")).show(ui.ctx(), |ui| {
            ui.set_width(620.0);
            ui.heading(bold("Chào mừng đến với Sổ Khuyến công"));
            ui.label("Hãy cho biết phần mềm này phục vụ đơn vị nào. Có thể đổi lại trong Cài đặt.");
            ui.add_space(8.0);
            editor.ui(ui, &reference.provinces, "Bắt đầu sử dụng")
        });
        if let Some(unit) = modal.inner {
            self.save_unit(unit);
        }
    }
}

/// Judges and saves an establishment form through the service; returns the saved record, or
/// None when errors, a check that could not run or a refused write keep the form open (the
/// form then says why).
pub(super) fn save_establishment_form(
    service: &mut Service,
    form: &mut EstablishmentForm,
) -> Option<crate::domain::establishment::Establishment> {
    let (record, is_new) =
        form.save_request(|r| service.establishment_issues(r).map_err(|e| e.to_string()))?;
    match service.save_establishment(record, is_new) {
        Ok(saved) => {
            form.saved(saved.clone());
            Some(saved)
        }
        Err(e) => {
            form.message = Some(format!("Chưa lưu được: {e}"));
            None
        }
    }
}

/// The eframe wrapper: fonts at start-up, then one `show` per frame.
pub struct EframeApp {
    pub app: KhuyenCongApp,
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.app.show(ui);
    }
}
