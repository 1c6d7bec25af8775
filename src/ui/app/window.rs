//! The window as it opens: at once, with "Đang mở sổ…" and a progress bar while a worker
//! thread checks the file, takes the startup backup, opens it and reads the lists; then the
//! app. A file that cannot be opened is said in the window and left untouched.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::background::{Runner, Task, outcome, progress_ui};
use super::{KhuyenCongApp, Lists};
use crate::service::{Service, ServiceError, ServiceResult, Session};
use crate::ui::file_picker::FilePicker;

enum State {
    /// Nothing started yet: the first frame starts the opening (it needs the window's context).
    NotStarted,
    Opening(Box<Task<ServiceResult<(Service, Lists)>>>),
    Open(Box<KhuyenCongApp>),
    /// Why the file could not be opened.
    Failed(String),
}

/// The whole window.
pub struct AppWindow {
    path: PathBuf,
    session: Session,
    state: State,
    /// A file picker for the app instead of the system dialogs (benchmarks, tests).
    picker: Option<Box<dyn FilePicker>>,
}

impl AppWindow {
    /// A window that will open the database at `path` for `session`.
    pub fn opening(path: PathBuf, session: Session) -> AppWindow {
        AppWindow {
            path,
            session,
            state: State::NotStarted,
            picker: None,
        }
    }

    /// Gives the app `picker` instead of the system file dialogs once it is open.
    pub fn with_file_picker(mut self, picker: Box<dyn FilePicker>) -> AppWindow {
        self.picker = Some(picker);
        self
    }

    /// The app, once the database is open.
    pub fn app(&self) -> Option<&KhuyenCongApp> {
        match &self.state {
            State::Open(app) => Some(app),
            _ => None,
        }
    }

    /// Why the database could not be opened, if it could not.
    pub fn failure(&self) -> Option<&str> {
        match &self.state {
            State::Failed(why) => Some(why),
            _ => None,
        }
    }

    /// Draws one frame.
    pub fn show(&mut self, ui: &mut Ui) {
        if matches!(self.state, State::NotStarted) {
            let (path, session) = (self.path.clone(), self.session.clone());
            let runner = Runner::new(true, ui.ctx().clone());
            self.state = State::Opening(Box::new(runner.spawn("mo-so", move |job| {
                job.report(0, 2, "Đang sao lưu và đọc danh sách cơ sở, đề án…");
                open_and_list(&path, &session)
            })));
        }
        if let State::Opening(task) = &mut self.state {
            match task.poll() {
                Some(done) => {
                    self.state = match outcome(done) {
                        Ok((service, lists)) => {
                            let mut app = KhuyenCongApp::with_lists(service, lists).in_background();
                            if let Some(picker) = self.picker.take() {
                                app = app.with_file_picker(picker);
                            }
                            State::Open(Box::new(app))
                        }
                        Err(why) => {
                            // Already in the support log (background::outcome); the console,
                            // when there is one, gets the same Vietnamese text once.
                            eprintln!("{why}");
                            State::Failed(why)
                        }
                    };
                }
                None => {
                    let progress = task.progress();
                    egui::CentralPanel::default().show(ui, |ui| {
                        ui.add_space(ui.available_height() / 3.0);
                        ui.vertical_centered(|ui| {
                            ui.heading("Đang mở sổ…");
                            ui.label(self.path.display().to_string());
                            ui.add_space(8.0);
                        });
                        ui.horizontal(|ui| {
                            // Roughly centred under the heading (the row is about 560 px wide).
                            ui.add_space(((ui.available_width() - 560.0) / 2.0).max(0.0));
                            progress_ui(ui, &progress, "Đang mở sổ…", false);
                        });
                    });
                    return;
                }
            }
        }
        match &mut self.state {
            State::Open(app) => app.show(ui),
            State::Failed(why) => failed_ui(ui, why),
            State::NotStarted | State::Opening(_) => {}
        }
    }
}

/// Opens the database as the window starts and reads its lists. The startup backup (seconds on
/// a province's file) and reading the lists (as long again) need not wait for each other: the
/// backup and the normal open run on one thread while a read-only connection reads the lists on
/// another — nothing is written before the backup is taken, and the read-only side never
/// writes. A file that is new or needs migrating is opened and read one step after the other.
fn open_and_list(path: &Path, session: &Session) -> ServiceResult<(Service, Lists)> {
    std::thread::scope(|scope| {
        let opening = scope.spawn(|| Service::open_at_startup(path, session.clone()));
        // Only a head start: whatever this side cannot read, the normal open reads (or refuses,
        // naming why) below.
        let early = Service::open_read_only(path, session.clone())
            .ok()
            .flatten()
            .filter(|s| s.session().unit.is_some())
            .and_then(|s| Lists::load(&s).ok());
        let service = opening
            .join()
            .map_err(|_| ServiceError::Refused("Mở tệp dữ liệu bị dừng đột ngột.".into()))??;
        let lists = match early {
            Some(lists) => lists,
            None if service.session().unit.is_some() => Lists::load(&service)?,
            None => Lists::empty(),
        };
        Ok((service, lists))
    })
}

/// Shown instead of the app when the database cannot be opened.
fn failed_ui(ui: &mut Ui, why: &str) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading("Không mở được tệp dữ liệu");
        ui.add_space(8.0);
        ui.label(why);
        ui.add_space(8.0);
        ui.label(
            "Có thể chọn tệp khác bằng tham số --db, hoặc khôi phục từ thư mục backups bên cạnh tệp.",
        );
        if ui.button("Đóng").clicked() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    });
}
