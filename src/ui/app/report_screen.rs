//! The Báo cáo screen of the app: the form and saved reports on the left, the print preview
//! on the right. Every change goes through the service; every file through the shared
//! report_output path, so the window writes what `khuyencong report` writes.

use egui::Ui;

use super::background::{Task, outcome, progress_ui};
use super::screen::ScreenContext;
use crate::domain::report::SavedReport;
use crate::service::report_output::{Rendered, render};
use crate::service::{ServiceError, ServiceResult};
use crate::ui::report_panel::{ReportAction, ReportPanel};
use crate::ui::report_preview::ReportPreview;

/// The Báo cáo screen: the open report's form, the saved list, and its laid-out pages.
pub struct ReportsScreen {
    pub panel: ReportPanel,
    list: Vec<SavedReport>,
    /// None until the list is read on entering the screen.
    listed: bool,
    rendered: Option<Rendered>,
    preview: ReportPreview,
    /// A report file being written on a worker thread: its outcome in Vietnamese.
    writing: Option<Task<ServiceResult<String>>>,
    /// Figures being read (and pages laid out) on a worker thread.
    task: Option<Task<ServiceResult<ReportDone>>>,
}

/// What a report task ends with.
enum ReportDone {
    /// A report to open (just created or finalised), with a message for the user.
    Opened(Box<SavedReport>, String),
    /// The open report laid out with its figures, and how today's data differs if finalised.
    Preview(Box<Rendered>, Option<String>),
    /// The narrative written again from the figures.
    Sections(Vec<String>),
}

impl ReportsScreen {
    pub fn new(today: chrono::NaiveDate) -> ReportsScreen {
        ReportsScreen {
            panel: ReportPanel::new(today),
            list: Vec::new(),
            listed: false,
            rendered: None,
            preview: ReportPreview::default(),
            writing: None,
            task: None,
        }
    }

    /// Reads the saved reports.
    fn load_report_list(&mut self, ctx: &mut ScreenContext) {
        match ctx.service.reports() {
            Ok(list) => self.list = list,
            Err(e) => ctx.status.failed("Màn hình Báo cáo", &e),
        }
        match ctx.service.millions_decimals() {
            Ok(decimals) => self.panel.decimals = decimals,
            Err(e) => ctx.status.failed("Màn hình Báo cáo", &e),
        }
        self.listed = true;
    }

    /// Lays the open report out again with its figures (frozen ones once finalised), on a
    /// worker thread: a province's annual report reads thousands of projects.
    fn refresh_report_preview(&mut self, ctx: &mut ScreenContext) {
        let Some(report) = self.panel.draft.clone() else {
            self.rendered = None;
            return;
        };
        let worker = ctx.service.worker();
        self.task = Some(ctx.jobs.spawn("xem-truoc-bao-cao", move |job| {
            job.report(0, 0, "Đang đọc số liệu và dàn trang báo cáo…");
            let service = worker.open()?;
            let figures = service.report_figures(&report)?;
            let drift = service.report_drift(&report)?;
            let decimals = service.millions_decimals()?;
            Ok(ReportDone::Preview(
                Box::new(render(&report, &figures, decimals)),
                drift,
            ))
        }));
    }

    /// Takes what the report task ended with.
    fn poll_task(&mut self, ctx: &mut ScreenContext) {
        let Some(task) = &mut self.task else {
            return;
        };
        let Some(done) = task.poll() else {
            return;
        };
        self.task = None;
        match outcome(done) {
            Ok(ReportDone::Preview(rendered, drift)) => {
                self.panel.drift = drift;
                self.rendered = Some(*rendered);
            }
            Ok(ReportDone::Opened(report, message)) => {
                self.open_report(ctx, *report);
                self.panel.say(message, false);
            }
            Ok(ReportDone::Sections(sections)) => {
                if let Some(d) = &mut self.panel.draft {
                    d.sections = sections;
                }
                self.panel
                    .say("Đã điền lại nội dung; bấm Lưu để giữ.", false);
                self.refresh_report_preview(ctx);
            }
            Err(e) => self.panel.say(e, true),
        }
    }

    /// Saved reports may have changed (another window, a restore): read them on entering.
    pub fn on_enter(&mut self) {
        self.listed = false;
    }

    pub fn show(&mut self, ui: &mut Ui, ctx: &mut ScreenContext) {
        self.poll_writing();
        self.poll_task(ctx);
        if !self.listed {
            self.load_report_list(ctx);
        }
        let list = &self.list;
        let panel = &mut self.panel;
        let action = egui::Panel::left("report_form")
            .resizable(true)
            .default_size(480.0)
            .min_size(360.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("report_form_scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let listed = panel.list_ui(ui, list);
                        ui.separator();
                        let form = panel.form_ui(ui);
                        if listed == ReportAction::None {
                            form
                        } else {
                            listed
                        }
                    })
                    .inner
            })
            .inner;
        let reading = self.task.as_ref().map(Task::progress);
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(progress) = &reading {
                progress_ui(ui, progress, "Đang đọc số liệu báo cáo…", false);
            }
            match &self.rendered {
                Some(rendered) => self.preview.ui(ui, &rendered.pages),
                None => {
                    if reading.is_none() {
                        ui.weak("Bản xem trước trang in hiện ở đây khi mở một báo cáo.");
                    }
                }
            }
        });
        if action != ReportAction::None {
            self.apply_report_action(ctx, action);
        }
    }

    fn apply_report_action(&mut self, ctx: &mut ScreenContext, action: ReportAction) {
        match self.run_report_action(ctx, action) {
            Ok(Some(message)) => self.panel.say(message, false),
            Ok(None) => {}
            // A stale save is said once, by the comparison of the two versions.
            Err(e) => match e.stale_save() {
                Some(stale) => {
                    self.panel.message = None;
                    self.panel.conflict = Some(stale.clone());
                }
                None => {
                    crate::support_log::record("Màn hình Báo cáo", &e);
                    self.panel.say(e.to_string(), true);
                }
            },
        }
    }

    /// Carries out `action`; Ok(Some) is a message for the user.
    fn run_report_action(
        &mut self,
        ctx: &mut ScreenContext,
        action: ReportAction,
    ) -> ServiceResult<Option<String>> {
        let draft = self.panel.draft.clone();
        let heavy = matches!(
            action,
            ReportAction::Create(..) | ReportAction::Freeze | ReportAction::Regenerate
        );
        if heavy && self.task.is_some() {
            return Err(ServiceError::Refused(
                "Đang đọc số liệu báo cáo; chờ xong rồi làm tiếp.".into(),
            ));
        }
        match action {
            ReportAction::None => Ok(None),
            ReportAction::Create(kind, year) => {
                let worker = ctx.service.worker();
                self.task = Some(ctx.jobs.spawn("tao-bao-cao", move |job| {
                    job.report(0, 0, "Đang đọc số liệu và viết bản nháp…");
                    let report = worker.open()?.create_report(kind, year)?;
                    Ok(ReportDone::Opened(
                        Box::new(report),
                        "Đã tạo bản nháp; nội dung được điền sẵn từ số liệu.".into(),
                    ))
                }));
                Ok(Some("Đang tạo báo cáo…".into()))
            }
            ReportAction::Open(id) => {
                let report = ctx.service.report(id)?;
                self.open_report(ctx, report);
                Ok(None)
            }
            ReportAction::Save => {
                let report = draft.ok_or_else(no_report)?;
                let version = ctx.service.save_report(&report)?;
                // The panel saves again from the same draft: it now holds the stored version.
                if let Some(d) = &mut self.panel.draft {
                    d.row_version = version;
                }
                self.panel.conflict = None;
                self.load_report_list(ctx);
                self.refresh_report_preview(ctx);
                Ok(Some("Đã lưu báo cáo.".into()))
            }
            ReportAction::SaveDefaults => {
                let report = draft.ok_or_else(no_report)?;
                ctx.service.save_report_defaults(&report)?;
                Ok(Some("Báo cáo mới sẽ điền sẵn các thông tin này.".into()))
            }
            ReportAction::SetDecimals(decimals) => {
                ctx.service.set_millions_decimals(decimals)?;
                self.panel.decimals = decimals;
                self.refresh_report_preview(ctx);
                Ok(Some(format!(
                    "Từ nay số tiền trong báo cáo in theo: {}. Bấm \"Điền lại nội dung từ số \
                     liệu\" để các câu viết sẵn cũng theo cách này.",
                    decimals.label()
                )))
            }
            ReportAction::Regenerate => {
                let report = draft.ok_or_else(no_report)?;
                let worker = ctx.service.worker();
                self.task = Some(ctx.jobs.spawn("dien-lai-bao-cao", move |job| {
                    job.report(0, 0, "Đang đọc số liệu…");
                    let service = worker.open()?;
                    let figures = service.report_figures(&report)?;
                    Ok(ReportDone::Sections(
                        crate::report::narrative::default_sections(
                            &figures,
                            service.millions_decimals()?,
                        ),
                    ))
                }));
                Ok(None)
            }
            ReportAction::Freeze => {
                let report = draft.ok_or_else(no_report)?;
                // Incomplete reports are refused at once, before any figures are read.
                report.validate_for_freeze()?;
                let worker = ctx.service.worker();
                self.task = Some(ctx.jobs.spawn("chot-bao-cao", move |job| {
                    job.report(0, 0, "Đang chốt số liệu báo cáo…");
                    let frozen = worker.open()?.freeze_report(&report)?;
                    let fingerprint = frozen
                        .frozen
                        .as_ref()
                        .map(|f| f.fingerprint.clone())
                        .unwrap_or_default();
                    Ok(ReportDone::Opened(
                        Box::new(frozen),
                        format!("Đã chốt báo cáo; mã đối chiếu {fingerprint} in ở cuối báo cáo."),
                    ))
                }));
                Ok(Some("Đang chốt báo cáo…".into()))
            }
            ReportAction::Unfreeze => {
                let report = draft.ok_or_else(no_report)?;
                let report = ctx.service.unfreeze_report(&report)?;
                self.open_report(ctx, report);
                Ok(Some("Đã mở chốt: báo cáo lấy lại số liệu hiện tại.".into()))
            }
            ReportAction::Delete => {
                let report = draft.ok_or_else(no_report)?;
                ctx.service.delete_report(report.id, report.row_version)?;
                self.panel.draft = None;
                self.rendered = None;
                self.load_report_list(ctx);
                Ok(Some("Đã xóa bản nháp.".into()))
            }
            ReportAction::SavePdf | ReportAction::SaveXlsx | ReportAction::OpenPdf => {
                let report = draft.ok_or_else(no_report)?;
                self.write_report_file(ctx, &report, action)
            }
        }
    }

    fn open_report(&mut self, ctx: &mut ScreenContext, report: SavedReport) {
        self.panel.open(report);
        self.preview = Default::default();
        self.load_report_list(ctx);
        self.refresh_report_preview(ctx);
    }

    /// Writes the PDF or XLSX where the user chooses, or the PDF to a temporary file opened
    /// with the system viewer (from which the user prints). Reading the figures, producing and
    /// writing the file — about a second for a province's annual report — run on a worker
    /// thread with its own connection.
    fn write_report_file(
        &mut self,
        ctx: &mut ScreenContext,
        report: &SavedReport,
        action: ReportAction,
    ) -> ServiceResult<Option<String>> {
        let name = format!("bao-cao-{}-{}", report.kind.code(), report.year);
        let path = match action {
            ReportAction::SaveXlsx => {
                ctx.file_picker
                    .save_as("Lưu phụ lục (XLSX)", &format!("{name}.xlsx"), "xlsx")
            }
            ReportAction::SavePdf => {
                ctx.file_picker
                    .save_as("Lưu báo cáo (PDF)", &format!("{name}.pdf"), "pdf")
            }
            _ => Some(std::env::temp_dir().join(format!("{name}.pdf"))),
        };
        let Some(path) = path else {
            return Ok(None);
        };
        let worker = ctx.service.worker();
        let report = report.clone();
        self.writing = Some(ctx.jobs.spawn("ghi-bao-cao", move |job| {
            job.report(0, 0, "Đang ghi tệp…");
            let service = worker.open()?;
            let figures = service.report_figures(&report)?;
            let rendered = render(&report, &figures, service.millions_decimals()?);
            let bytes = if action == ReportAction::SaveXlsx {
                rendered.xlsx()?
            } else {
                rendered.pdf()?
            };
            crate::service::report_output::write_file(&path, &bytes)?;
            if action == ReportAction::OpenPdf {
                crate::ui::file_picker::open_with_system_viewer(&path)
                    .map_err(ServiceError::Refused)?;
                return Ok("Đã mở báo cáo bằng trình xem PDF của máy.".into());
            }
            Ok(format!("Đã lưu {}.", path.display()))
        }));
        Ok(Some("Đang ghi tệp…".into()))
    }

    /// Shows how the file being written went, once it has.
    fn poll_writing(&mut self) {
        if let Some(task) = &mut self.writing
            && let Some(done) = task.poll()
        {
            self.writing = None;
            match outcome(done) {
                Ok(message) => self.panel.say(message, false),
                Err(message) => self.panel.say(message, true),
            }
        }
    }
}

fn no_report() -> ServiceError {
    ServiceError::Refused("Chưa mở báo cáo nào.".into())
}
