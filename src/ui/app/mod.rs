//! The application shell: the navigation bar (from the table of screens), the status bar, the
//! first-start dialog and the unsaved-changes guard. Each screen is a struct holding its own
//! state, drawn with a [`ScreenContext`] that gives it the service, the reference snapshot, the
//! status line and the file picker; what a screen cannot decide alone (closing a form, going
//! to another screen) comes back to the shell, which passes it through the guard.

mod background;
mod budget_screen;
mod overview_screen;
mod project_screen;
mod registration_screen;
mod registry_screen;
mod report_screen;
pub mod screen;
mod settings_screen;
mod window;

use egui::{Id, RichText, Ui};

use background::Runner;
use budget_screen::BudgetScreen;
pub use budget_screen::BudgetView;
use overview_screen::OverviewScreen;
use project_screen::{ProjectsRequest, ProjectsScreen};
use registry_screen::{RegistryRequest, RegistryScreen};
use report_screen::ReportsScreen;
pub use screen::{Go, SCREENS, Screen, ScreenContext, Status, StatusLine};
use settings_screen::{SettingsRequest, SettingsScreen};
pub use window::AppWindow;

use crate::service::{Service, ServiceResult};
use crate::text::number::format_integer;
use crate::ui::about_window::{AboutFacts, AboutWindow};
use crate::ui::establishment_form::{ERROR_COLOR, EstablishmentForm};
use crate::ui::file_picker::{FilePicker, SystemFilePicker};
use crate::ui::fonts::bold;
use crate::ui::project_form::ProjectForm;
use crate::ui::project_view::ProjectView;
use crate::ui::projects_panel::ProjectsPanel;
use crate::ui::registry_panel::RegistryPanel;
use crate::ui::registry_view::RegistryView;
use crate::ui::unit_editor::UnitEditor;

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
    /// Go to the Đề án screen and open a project (or a new proposal) there.
    Open(Go),
    CloseWindow,
}

/// The lists every screen works over, read when the database opens.
pub struct Lists {
    pub establishments: RegistryView,
    pub projects: ProjectView,
    /// Rows of either list that cannot be read and are left out (named in "Dữ liệu cần sửa").
    pub left_out: usize,
}

impl Lists {
    /// Reads both lists through the service.
    pub fn load(service: &Service) -> ServiceResult<Lists> {
        Ok(Lists {
            establishments: RegistryView::new(service.establishment_summaries()?),
            projects: ProjectView::new(service.project_summaries()?),
            left_out: service.left_out_rows(&[
                "establishment",
                "project",
                "payment",
                "project_beneficiary",
            ])?,
        })
    }

    /// Nothing to list (before the unit is chosen).
    pub fn empty() -> Lists {
        Lists {
            establishments: RegistryView::new(Vec::new()),
            projects: ProjectView::new(Vec::new()),
            left_out: 0,
        }
    }
}

/// The context a screen draws with, from the shell's parts (a macro, so the borrow stays on
/// those fields and the screens beside them stay free to borrow).
macro_rules! context {
    ($app:ident, $modal_open:expr) => {
        screen_context(
            &mut $app.service,
            &mut $app.status,
            &mut *$app.file_picker,
            &$app.runner,
            $modal_open,
        )
    };
}

/// Builds the context a screen draws with from the shell's parts.
fn screen_context<'a>(
    service: &'a mut Service,
    status: &'a mut StatusLine,
    file_picker: &'a mut dyn FilePicker,
    jobs: &'a Runner,
    modal_open: bool,
) -> ScreenContext<'a> {
    let reference = service.reference().clone();
    ScreenContext {
        service,
        reference,
        status,
        file_picker,
        jobs,
        modal_open,
    }
}

/// The whole app's state: the service, one struct per screen, and the shell's own.
pub struct KhuyenCongApp {
    service: Service,
    screen: Screen,
    overview: OverviewScreen,
    registry: RegistryScreen,
    projects: ProjectsScreen,
    budget: BudgetScreen,
    reports: ReportsScreen,
    settings: SettingsScreen,
    about: AboutWindow,
    file_picker: Box<dyn FilePicker>,
    first_start: Option<UnitEditor>,
    guard: Option<Leave>,
    allow_close: bool,
    status: StatusLine,
    /// Runs the screens' long work: in the background in the window, at once in tests.
    runner: Runner,
    background: bool,
}

impl KhuyenCongApp {
    /// Builds the app over an open database, reading its lists now; the session's day is the
    /// date rules are judged on.
    pub fn new(service: Service) -> ServiceResult<KhuyenCongApp> {
        let lists = if service.session().unit.is_some() {
            Lists::load(&service)?
        } else {
            Lists::empty()
        };
        Ok(KhuyenCongApp::with_lists(service, lists))
    }

    /// Builds the app over an open database whose lists were already read.
    pub fn with_lists(mut service: Service, lists: Lists) -> KhuyenCongApp {
        let mut status = StatusLine::default();
        // Said once as the window opens, so nobody takes a short list for the whole registry.
        if let Some(warning) = crate::domain::data_problem::left_out_warning(lists.left_out) {
            status.say(format!("Danh sách cơ sở và đề án: {warning}"), true);
        }
        let mut picker = SystemFilePicker;
        // Until the first frame gives the real one, wakeups go to a context nobody draws.
        let runner = Runner::new(false, egui::Context::default());
        let settings = SettingsScreen::new(&mut screen_context(
            &mut service,
            &mut status,
            &mut picker,
            &runner,
            false,
        ));
        let today = service.today();
        KhuyenCongApp {
            first_start: service
                .session()
                .unit
                .is_none()
                .then(|| UnitEditor::new(None)),
            screen: Screen::Overview,
            overview: OverviewScreen::default(),
            registry: RegistryScreen::new(lists.establishments),
            projects: ProjectsScreen::new(lists.projects),
            budget: BudgetScreen::new(today),
            reports: ReportsScreen::new(today),
            settings,
            about: AboutWindow::default(),
            file_picker: Box::new(SystemFilePicker),
            guard: None,
            allow_close: false,
            status,
            runner,
            background: false,
            service,
        }
    }

    /// Runs long work (balances, report figures, backups) on worker threads, as the window
    /// does; without this, as in tests, each piece of work ends in the frame that starts it.
    pub fn in_background(mut self) -> KhuyenCongApp {
        self.background = true;
        self
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
        self.has_unit().then_some(&self.projects.panel)
    }

    /// The open project form, if any.
    pub fn project_form(&self) -> Option<&ProjectForm> {
        self.projects.form.as_ref()
    }

    /// The establishment form opened from a project form, if any.
    pub fn nested_form(&self) -> Option<&EstablishmentForm> {
        self.projects.nested.as_ref()
    }

    /// The service (tests inspect the database through it).
    pub fn service(&self) -> &Service {
        &self.service
    }

    /// The registry list, once the unit is set.
    pub fn registry(&self) -> Option<&RegistryPanel> {
        self.has_unit().then_some(&self.registry.panel)
    }

    /// The open establishment form of the registry screen, if any.
    pub fn form(&self) -> Option<&EstablishmentForm> {
        self.registry.form.as_ref()
    }

    /// The current screen.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The status-bar message.
    pub fn status(&self) -> Option<&Status> {
        self.status.0.as_ref()
    }

    /// Whether the Giới thiệu window is showing.
    pub fn about_is_open(&self) -> bool {
        self.about.is_open()
    }

    /// Whether the first-start dialog is showing.
    pub fn is_first_start(&self) -> bool {
        self.first_start.is_some()
    }

    /// Whether the unit is set (before the first-start dialog, screens have nothing to show).
    fn has_unit(&self) -> bool {
        self.service.session().unit.is_some()
    }

    /// A dialog is over the screens.
    fn modal_open(&self) -> bool {
        self.guard.is_some() || self.first_start.is_some()
    }

    /// The unit changed or the data was replaced: every screen starts again over lists read
    /// afresh.
    fn reload_everything(&mut self) {
        match Lists::load(&self.service) {
            Ok(lists) => self.start_over(lists),
            Err(e) => self.status.failed("Cửa sổ", &e),
        }
    }

    /// Every screen starts again over `lists` (the unit changed, or a backup was restored).
    fn start_over(&mut self, lists: Lists) {
        let today = self.service.today();
        let old_registry = std::mem::replace(
            &mut self.registry,
            RegistryScreen::new(lists.establishments),
        );
        let old_projects =
            std::mem::replace(&mut self.projects, ProjectsScreen::new(lists.projects));
        // Freeing a province's lists (200.000 rows with their search texts) takes a tenth of a
        // second: not on the UI thread.
        // Should no thread start, the closure (and the lists with it) is dropped right here.
        let freeing = std::thread::Builder::new()
            .name("giai-phong-danh-sach".into())
            .spawn(move || drop((old_registry, old_projects)));
        drop(freeing);
        self.overview = OverviewScreen::default();
        self.budget = BudgetScreen::new(today);
        self.reports = ReportsScreen::new(today);
        self.first_start = self
            .service
            .session()
            .unit
            .is_none()
            .then(|| UnitEditor::new(None));
        let mut ctx = context!(self, false);
        self.settings.refresh(&mut ctx);
    }

    /// Draws one frame of the whole app.
    pub fn show(&mut self, ui: &mut Ui) {
        self.runner = Runner::new(self.background, ui.ctx().clone());
        self.handle_close_request(ui);
        self.screen_shortcuts(ui);
        egui::Panel::top("nav").show(ui, |ui| self.nav_bar(ui));
        self.opening_banner(ui);
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::CentralPanel::default().show(ui, |ui| self.central(ui));
        if self.first_start.is_some() {
            self.first_start_dialog(ui);
        }
        if self.guard.is_some() {
            self.guard_dialog(ui);
        }
        if self.about.is_open() {
            self.about_window(ui);
        }
    }

    /// Giới thiệu, opened from the navigation bar; a folder it asks for opens in Explorer.
    fn about_window(&mut self, ui: &Ui) {
        let facts = AboutFacts {
            database: self.service.database_path().to_owned(),
            backups: self.service.backups_folder(),
            log: crate::support_log::location(),
        };
        if let Some(folder) = self.about.show(ui.ctx(), &facts)
            && let Err(why) = crate::ui::file_picker::open_with_system_viewer(&folder)
        {
            self.status.say(why, true);
        }
    }

    /// The banner under the navigation bar: why the file is only shown (read-only, network
    /// path, another seat) and what the opening could not do (the startup backup).
    fn opening_banner(&self, ui: &mut Ui) {
        let why = self.service.read_only_reason();
        let notices = self.service.opening_notices();
        if why.is_none() && notices.is_empty() {
            return;
        }
        egui::Panel::top("opening-banner").show(ui, |ui| {
            let colour = ui.visuals().warn_fg_color;
            if let Some(why) = why {
                ui.colored_label(colour, format!("Chỉ xem. {why}"));
            }
            for notice in notices {
                ui.colored_label(colour, notice);
            }
        });
    }

    fn handle_close_request(&mut self, ui: &Ui) {
        let close_requested = ui.ctx().input(|i| i.viewport().close_requested());
        if close_requested && !self.allow_close && self.unsaved_changes() {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.guard = Some(Leave::CloseWindow);
        }
    }

    /// Ctrl+digit goes to the screen of [`SCREENS`] with that key (through the unsaved guard).
    fn screen_shortcuts(&mut self, ui: &mut Ui) {
        if self.modal_open() {
            return;
        }
        let wanted = ui.input_mut(|i| {
            SCREENS
                .iter()
                .find(|e| i.consume_key(egui::Modifiers::COMMAND, e.key))
                .map(|e| e.screen)
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
            for entry in &SCREENS {
                if ui
                    .selectable_label(self.screen == entry.screen, entry.title)
                    .on_hover_text(entry.shortcut)
                    .clicked()
                    && self.screen != entry.screen
                {
                    self.leave(Leave::GoTo(entry.screen));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Giới thiệu").clicked() {
                    self.about.open();
                }
                if let Some(unit) = &self.service.session().unit {
                    let reference = self.service.reference();
                    let province = reference
                        .province(&unit.province_code)
                        .map_or("", |p| p.name.as_str());
                    // On a narrow window the unit's name gives way to the screens ("…").
                    let text = format!("{} — {}", unit.unit_name, province);
                    ui.add(egui::Label::new(RichText::new(&text).weak()).truncate())
                        .on_hover_text(text);
                }
            });
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(s) = &self.status.0 {
                let color = if s.is_error {
                    ERROR_COLOR
                } else {
                    ui.visuals().text_color()
                };
                ui.colored_label(color, &s.text);
            }
            if self.has_unit() {
                let total = self.registry.panel.view.total() as i64;
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(RichText::new(format!("{} cơ sở", format_integer(total))).weak());
                });
            }
        });
    }

    fn central(&mut self, ui: &mut Ui) {
        if !self.has_unit() && self.screen != Screen::Settings {
            ui.label("Hãy chọn đơn vị sử dụng để bắt đầu.");
            return;
        }
        let modal_open = self.modal_open();
        let mut ctx = context!(self, modal_open);
        let leave = match self.screen {
            Screen::Overview => {
                self.overview.show(ui, &mut ctx);
                None
            }
            Screen::Registry => match self.registry.show(ui, &mut ctx) {
                RegistryRequest::CloseForm => Some(Leave::CloseForm),
                RegistryRequest::None => None,
            },
            Screen::Projects => match self.projects.show(ui, &mut ctx, &mut self.registry) {
                ProjectsRequest::CloseForm => Some(Leave::CloseProjectForm),
                ProjectsRequest::CloseNested => Some(Leave::CloseNested),
                ProjectsRequest::None => None,
            },
            Screen::Budget => self
                .budget
                .show(ui, &mut ctx, &mut self.projects.panel.view)
                .map(Leave::Open),
            Screen::Reports => {
                self.reports.show(ui, &mut ctx);
                None
            }
            Screen::Settings => match self.settings.show(ui, &mut ctx) {
                SettingsRequest::None => None,
                SettingsRequest::UnitSaved => {
                    self.reload_everything();
                    None
                }
                SettingsRequest::Restored(lists) => {
                    self.start_over(*lists);
                    None
                }
            },
        };
        if let Some(to) = leave {
            self.leave(to);
        }
    }

    /// Whether the form that `to` would close has unsaved changes.
    fn loses_changes(&self, to: Leave) -> bool {
        let establishment = self.registry.is_dirty();
        let project = self.projects.form_is_dirty();
        let nested = self.projects.nested_is_dirty();
        match to {
            Leave::CloseForm => establishment,
            Leave::CloseProjectForm => project,
            Leave::CloseNested => nested,
            Leave::GoTo(_) | Leave::Open(_) | Leave::CloseWindow => {
                establishment || project || nested
            }
        }
    }

    /// True when any open form has unsaved changes.
    fn unsaved_changes(&self) -> bool {
        self.loses_changes(Leave::CloseWindow)
    }

    /// Goes where `to` says unless that loses changes, in which case the guard asks first.
    fn leave(&mut self, to: Leave) {
        if self.loses_changes(to) {
            self.guard = Some(to);
        } else {
            self.go(to);
        }
    }

    fn close_all_forms(&mut self) {
        self.registry.form = None;
        self.projects.form = None;
        self.projects.nested = None;
    }

    fn go(&mut self, to: Leave) {
        match to {
            Leave::CloseForm => self.registry.form = None,
            Leave::CloseProjectForm => self.projects.form = None,
            Leave::CloseNested => self.projects.nested = None,
            Leave::GoTo(screen) => {
                self.close_all_forms();
                self.enter(screen);
            }
            Leave::Open(go) => {
                self.close_all_forms();
                self.enter(Screen::Projects);
                let mut ctx = context!(self, false);
                match go {
                    Go::OpenProject(id) => self.projects.open(&mut ctx, id),
                    Go::NewProject(year) => self.projects.open_new(&mut ctx, year),
                }
            }
            Leave::CloseWindow => {
                self.close_all_forms();
                self.allow_close = true;
                self.status.0 = None;
            }
        }
    }

    /// Shows `screen`, which reads again what may have changed since it was last shown.
    fn enter(&mut self, screen: Screen) {
        match screen {
            Screen::Overview => self.overview.on_enter(),
            Screen::Budget => self.budget.on_enter(),
            Screen::Reports => self.reports.on_enter(),
            Screen::Settings => {
                let mut ctx = context!(self, false);
                self.settings.refresh(&mut ctx);
            }
            Screen::Registry | Screen::Projects => {}
        }
        self.screen = screen;
    }

    /// After a save requested from the guard, carry on to where the user was going.
    fn after_leave_guard_resolved(&mut self) {
        if let Some(to) = self.guard.take() {
            self.go(to);
        }
    }

    /// "Lưu" in the guard: saves the form that would be lost, then carries on (or stays when
    /// the save was refused — the form says why).
    fn save_from_guard(&mut self) {
        let mut ctx = context!(self, false);
        let nested = self.guard == Some(Leave::CloseNested)
            || (self.guard != Some(Leave::CloseProjectForm) && self.projects.nested_is_dirty());
        if nested {
            let saved = self.projects.save_nested(&mut ctx, &mut self.registry);
            // Once the nested form is saved, the guard may still ask about the project form.
            if !saved || self.guard == Some(Leave::CloseNested) {
                self.guard = None;
            }
            return;
        }
        let saved = if self.guard == Some(Leave::CloseProjectForm) || self.projects.form_is_dirty()
        {
            self.projects.save(&mut ctx)
        } else {
            self.registry.save(&mut ctx)
        };
        if saved {
            self.after_leave_guard_resolved();
        } else {
            self.guard = None;
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
            Some(0) => self.save_from_guard(),
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
        if self.allow_close && self.registry.form.is_none() && self.guard.is_none() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn first_start_dialog(&mut self, ui: &mut Ui) {
        let reference = self.service.reference().clone();
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
            let mut ctx = context!(self, false);
            if settings_screen::save_unit(&mut ctx, &unit) {
                self.reload_everything();
            }
        }
    }
}

/// The eframe wrapper: fonts at start-up, then one `show` per frame.
pub struct EframeApp {
    pub window: AppWindow,
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.window.show(ui);
    }
}
