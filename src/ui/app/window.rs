//! The window as it opens: at once, with "Đang mở sổ…" and a progress bar while a worker
//! thread checks the file, takes the startup backup, opens it and reads the lists; then the
//! app. A file that cannot be opened is said in the window and left untouched.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::background::{Runner, Task, progress_ui};
use super::{KhuyenCongApp, Lists};
use crate::service::{DamagedFile, Service, ServiceError, ServiceResult, Session};
use crate::ui::file_picker::FilePicker;

enum State {
    /// Nothing started yet: the first frame starts the opening (it needs the window's context).
    NotStarted,
    Opening(Box<Task<ServiceResult<(Service, Lists)>>>),
    Open(Box<KhuyenCongApp>),
    /// Why the file could not be opened, what to do, and the damaged file's details when its
    /// health check failed.
    Failed(Box<Failure>),
}

/// A file that could not be opened.
struct Failure {
    why: String,
    advice: Option<&'static str>,
    damaged: Option<DamagedFile>,
}

/// What the failure screen's buttons ask for.
enum Choice {
    Restore(PathBuf),
    ViewOnly,
    Close,
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
            State::Failed(f) => Some(&f.why),
            _ => None,
        }
    }

    /// Whether the failure screen shows a damaged file (with its restore offer).
    pub fn shows_damaged_file(&self) -> bool {
        matches!(&self.state, State::Failed(f) if f.damaged.is_some())
    }

    /// Draws one frame.
    pub fn show(&mut self, ui: &mut Ui) {
        if matches!(self.state, State::NotStarted) {
            let (path, session) = (self.path.clone(), self.session.clone());
            let runner = Runner::new(true, ui.ctx().clone());
            self.state = State::Opening(Box::new(runner.spawn("mo-so", move |job| {
                job.report(
                    0,
                    2,
                    "Đang kiểm tra, sao lưu và đọc danh sách cơ sở, đề án…",
                );
                open_and_list(&path, &session)
            })));
        }
        if let State::Opening(task) = &mut self.state {
            match task.poll() {
                Some(done) => {
                    let done = done.map_err(|failed| failed.to_string());
                    self.state = match done {
                        Ok(Ok((service, lists))) => {
                            let mut app = KhuyenCongApp::with_lists(service, lists).in_background();
                            if let Some(picker) = self.picker.take() {
                                app = app.with_file_picker(picker);
                            }
                            State::Open(Box::new(app))
                        }
                        Ok(Err(e)) => {
                            // The technical chain to the support log; the window and the
                            // console get the Vietnamese text once.
                            crate::support_log::record("Mở sổ", &e);
                            eprintln!("{e}");
                            State::Failed(Box::new(Failure {
                                why: e.to_string(),
                                advice: e.opening_advice(),
                                damaged: e.damaged_file(),
                            }))
                        }
                        Err(why) => {
                            crate::support_log::record_text("Mở sổ dừng bất thường", &why);
                            eprintln!("{why}");
                            State::Failed(Box::new(Failure {
                                why,
                                advice: None,
                                damaged: None,
                            }))
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
        let choice = match &mut self.state {
            State::Open(app) => {
                app.show(ui);
                None
            }
            State::Failed(failure) => failed_ui(ui, failure),
            State::NotStarted | State::Opening(_) => None,
        };
        match choice {
            Some(Choice::Close) => ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close),
            Some(Choice::Restore(backup)) => self.restore(ui, backup),
            Some(Choice::ViewOnly) => self.view_only(ui),
            None => {}
        }
    }

    /// "Khôi phục bản sao lưu này": replaces the damaged file, then opens it as at a start.
    fn restore(&mut self, ui: &Ui, backup: PathBuf) {
        let (path, session) = (self.path.clone(), self.session.clone());
        let runner = Runner::new(true, ui.ctx().clone());
        self.state = State::Opening(Box::new(runner.spawn("khoi-phuc", move |job| {
            job.report(0, 2, "Đang khôi phục bản sao lưu…");
            Service::restore_over_damaged(&path, &backup)?;
            job.report(1, 2, "Đang mở sổ…");
            open_and_list(&path, &session)
        })));
    }

    /// "Mở chỉ để xem": the damaged file, read-only, as far as SQLite can read it.
    fn view_only(&mut self, ui: &Ui) {
        let (path, session) = (self.path.clone(), self.session.clone());
        let runner = Runner::new(true, ui.ctx().clone());
        self.state = State::Opening(Box::new(runner.spawn("xem-tep-hong", move |job| {
            job.report(0, 1, "Đang mở tệp để xem…");
            let service = Service::open_damaged_for_viewing(&path, session)?;
            let lists = if service.session().unit.is_some() {
                Lists::load(&service)?
            } else {
                Lists::empty()
            };
            Ok((service, lists))
        })));
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

/// Shown instead of the app when the database cannot be opened: why, the advice that fits the
/// cause, and for a damaged file its quarantine copy, the newest good backup and the choices.
fn failed_ui(ui: &mut Ui, failure: &Failure) -> Option<Choice> {
    let mut choice = None;
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading(if failure.damaged.is_some() {
            "Tệp dữ liệu bị hỏng"
        } else {
            "Không mở được tệp dữ liệu"
        });
        ui.add_space(8.0);
        ui.label(&failure.why);
        if let Some(advice) = failure.advice {
            ui.add_space(8.0);
            ui.label(advice);
        }
        ui.add_space(8.0);
        if let Some(damaged) = &failure.damaged {
            match &damaged.backup {
                Some(b) => {
                    let name = b
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    ui.label(format!(
                        "Bản sao lưu tốt mới nhất: {name}, lúc {}. Khôi phục sẽ thay tệp hỏng bằng bản này; những gì nhập sau lúc đó sẽ không có. Tệp hỏng vẫn được giữ{}.",
                        b.taken_at,
                        damaged
                            .quarantine
                            .as_ref()
                            .map(|q| format!(" tại {}", q.display()))
                            .unwrap_or_default()
                    ));
                    ui.add_space(8.0);
                    if ui.button("Khôi phục bản sao lưu này").clicked() {
                        choice = Some(Choice::Restore(b.path.clone()));
                    }
                }
                None => {
                    ui.label(
                        "Không tìm thấy bản sao lưu nào còn tốt trong thư mục backups bên cạnh tệp. Hãy mở chỉ để xem, hoặc nhờ người hỗ trợ với bản sao của tệp hỏng.",
                    );
                }
            }
            if ui.button("Mở chỉ để xem").clicked() {
                choice = Some(Choice::ViewOnly);
            }
        }
        if ui.button("Đóng").clicked() {
            choice = Some(Choice::Close);
        }
    });
    choice
}
