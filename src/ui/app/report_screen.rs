//! The Báo cáo screen of the app: the form and saved reports on the left, the print preview
//! on the right. Every change goes through the service; every file through the shared
//! report_output path, so the window writes what `khuyencong report` writes.

use egui::Ui;

use super::KhuyenCongApp;
use crate::domain::report::SavedReport;
use crate::service::report_output::render;
use crate::service::{ServiceError, ServiceResult};
use crate::ui::report_panel::{ReportAction, ReportPanel};

impl KhuyenCongApp {
    /// Reads the saved reports.
    fn load_report_list(&mut self) {
        match self.service.reports() {
            Ok(list) => self.report_list = list,
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    /// Lays the open report out again with its figures (frozen ones once finalised).
    fn refresh_report_preview(&mut self) {
        let Some(panel) = &mut self.reports else {
            return;
        };
        let Some(report) = &panel.draft else {
            self.report_rendered = None;
            return;
        };
        let figures = self
            .service
            .report_figures(report)
            .and_then(|f| Ok((self.service.report_drift(report)?, f)));
        match figures {
            Ok((drift, figures)) => {
                panel.drift = drift;
                self.report_rendered = Some(render(report, &figures));
            }
            Err(e) => panel.say(e.to_string(), true),
        }
    }

    pub(super) fn report_screen(&mut self, ui: &mut Ui) {
        self.poll_report_job(ui.ctx());
        if self.reports.is_none() {
            self.reports = Some(ReportPanel::new(self.today()));
            self.load_report_list();
        }
        let list = &self.report_list;
        let Some(panel) = &mut self.reports else {
            return;
        };
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
        egui::CentralPanel::default().show(ui, |ui| match &self.report_rendered {
            Some(rendered) => self.report_preview.ui(ui, &rendered.pages),
            None => {
                ui.weak("Bản xem trước trang in hiện ở đây khi mở một báo cáo.");
            }
        });
        if action != ReportAction::None {
            self.apply_report_action(action);
        }
    }

    fn apply_report_action(&mut self, action: ReportAction) {
        let outcome = self.run_report_action(action);
        if let Some(panel) = &mut self.reports {
            match outcome {
                Ok(Some(message)) => panel.say(message, false),
                Ok(None) => {}
                Err(e) => panel.say(e.to_string(), true),
            }
        }
    }

    /// Carries out `action`; Ok(Some) is a message for the user.
    fn run_report_action(&mut self, action: ReportAction) -> ServiceResult<Option<String>> {
        let draft = self.reports.as_ref().and_then(|p| p.draft.clone());
        match action {
            ReportAction::None => Ok(None),
            ReportAction::Create(kind, year) => {
                let report = self.service.create_report(kind, year)?;
                self.open_report(report);
                Ok(Some(
                    "Đã tạo bản nháp; nội dung được điền sẵn từ số liệu.".into(),
                ))
            }
            ReportAction::Open(id) => {
                let report = self.service.report(id)?;
                self.open_report(report);
                Ok(None)
            }
            ReportAction::Save => {
                let report = draft.ok_or_else(no_report)?;
                self.service.save_report(&report)?;
                self.load_report_list();
                self.refresh_report_preview();
                Ok(Some("Đã lưu báo cáo.".into()))
            }
            ReportAction::SaveDefaults => {
                let report = draft.ok_or_else(no_report)?;
                self.service.save_report_defaults(&report)?;
                Ok(Some("Báo cáo mới sẽ điền sẵn các thông tin này.".into()))
            }
            ReportAction::Regenerate => {
                let report = draft.ok_or_else(no_report)?;
                let figures = self.service.report_figures(&report)?;
                if let Some(panel) = &mut self.reports
                    && let Some(d) = &mut panel.draft
                {
                    d.sections = crate::report::narrative::default_sections(&figures);
                }
                self.refresh_report_preview();
                Ok(Some("Đã điền lại nội dung; bấm Lưu để giữ.".into()))
            }
            ReportAction::Freeze => {
                let report = draft.ok_or_else(no_report)?;
                let frozen = self.service.freeze_report(&report)?;
                let fingerprint = frozen
                    .frozen
                    .as_ref()
                    .map(|f| f.fingerprint.clone())
                    .unwrap_or_default();
                self.open_report(frozen);
                Ok(Some(format!(
                    "Đã chốt báo cáo; mã đối chiếu {fingerprint} in ở cuối báo cáo."
                )))
            }
            ReportAction::Unfreeze => {
                let report = draft.ok_or_else(no_report)?;
                let report = self.service.unfreeze_report(&report)?;
                self.open_report(report);
                Ok(Some("Đã mở chốt: báo cáo lấy lại số liệu hiện tại.".into()))
            }
            ReportAction::Delete => {
                let report = draft.ok_or_else(no_report)?;
                self.service.delete_report(report.id)?;
                if let Some(panel) = &mut self.reports {
                    panel.draft = None;
                }
                self.report_rendered = None;
                self.load_report_list();
                Ok(Some("Đã xóa bản nháp.".into()))
            }
            ReportAction::SavePdf | ReportAction::SaveXlsx | ReportAction::OpenPdf => {
                let report = draft.ok_or_else(no_report)?;
                self.write_report_file(&report, action)
            }
        }
    }

    fn open_report(&mut self, report: SavedReport) {
        if let Some(panel) = &mut self.reports {
            panel.open(report);
        }
        self.report_preview = Default::default();
        self.load_report_list();
        self.refresh_report_preview();
    }

    /// Writes the PDF or XLSX where the user chooses, or the PDF to a temporary file opened
    /// with the system viewer (from which the user prints). The figures are read here (the
    /// store belongs to this thread); producing and writing the file — a few hundred
    /// milliseconds for a province's annual report — runs on a worker thread.
    fn write_report_file(
        &mut self,
        report: &SavedReport,
        action: ReportAction,
    ) -> ServiceResult<Option<String>> {
        let name = format!("bao-cao-{}-{}", report.kind.code(), report.year);
        let path = match action {
            ReportAction::SaveXlsx => {
                self.file_picker
                    .save_as("Lưu phụ lục (XLSX)", &format!("{name}.xlsx"), "xlsx")
            }
            ReportAction::SavePdf => {
                self.file_picker
                    .save_as("Lưu báo cáo (PDF)", &format!("{name}.pdf"), "pdf")
            }
            _ => Some(std::env::temp_dir().join(format!("{name}.pdf"))),
        };
        let Some(path) = path else {
            return Ok(None);
        };
        let figures = self.service.report_figures(report)?;
        let rendered = render(report, &figures);
        let (done, job) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let written = (|| -> ServiceResult<String> {
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
            })();
            // The window may have closed meanwhile; then nobody waits for the answer.
            let _ = done.send(written.map_err(|e| e.to_string()));
        });
        self.report_job = Some(job);
        Ok(Some("Đang ghi tệp…".into()))
    }

    /// Shows how the file being written went, once it has.
    fn poll_report_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.report_job else {
            return;
        };
        let outcome = match job.try_recv() {
            Ok(outcome) => outcome,
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Err("Ghi tệp bị gián đoạn.".into()),
        };
        self.report_job = None;
        if let Some(panel) = &mut self.reports {
            match outcome {
                Ok(message) => panel.say(message, false),
                Err(message) => panel.say(message, true),
            }
        }
    }
}

fn no_report() -> ServiceError {
    ServiceError::Refused("Chưa mở báo cáo nào.".into())
}
