//! Cài đặt: the unit, the khuyến công catalogue, backups and restore.

use std::ops::ControlFlow;
use std::path::PathBuf;

use egui::Ui;

use super::Lists;
use super::background::{Task, outcome, progress_ui};
use super::screen::ScreenContext;
use crate::domain::unit_settings::UnitSettings;
use crate::service::jobs::JobContext;
use crate::service::{Service, ServiceResult};
use crate::ui::settings_panel::{SettingsAction, SettingsPanel};

/// What the shell must do after a settings action (the unit or the whole data changed).
pub enum SettingsRequest {
    None,
    /// The unit was saved: read the lists of its data again.
    UnitSaved,
    /// The data was replaced by a backup: every screen starts over these lists.
    Restored(Box<Lists>),
}

/// A copy under way.
enum Copying {
    Backup(Task<ServiceResult<PathBuf>>),
    /// The restore, then the lists of the restored data, and the service that read them (its
    /// unit and reference snapshot are those of the restored data).
    Restore(Box<Task<ServiceResult<(PathBuf, Lists, Service)>>>),
}

/// The Cài đặt screen.
pub struct SettingsScreen {
    pub panel: SettingsPanel,
    copying: Option<Copying>,
}

/// Reports pages copied to the job and stops the copy when the user cancels.
fn copy_progress<'a>(
    job: &'a JobContext,
    stage: &'a str,
) -> impl FnMut(u64, u64) -> ControlFlow<()> + 'a {
    move |done, total| {
        job.report(done, total, stage);
        if job.is_cancelled() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

impl SettingsScreen {
    pub fn new(ctx: &mut ScreenContext) -> SettingsScreen {
        let mut screen = SettingsScreen {
            panel: SettingsPanel::new(ctx.service.session().unit.as_ref(), Vec::new()),
            copying: None,
        };
        screen.refresh(ctx);
        screen
    }

    /// Shows the unit and the backups as they are now.
    pub fn refresh(&mut self, ctx: &mut ScreenContext) {
        match ctx.service.backups() {
            Ok(backups) => self
                .panel
                .refresh(ctx.service.session().unit.as_ref(), backups),
            Err(e) => ctx
                .status
                .say(format!("Không đọc được danh sách bản sao lưu: {e}"), true),
        }
    }

    /// Shows the copy under way with its bar and "Hủy"; takes its outcome once it has ended.
    fn copying_ui(&mut self, ui: &mut Ui, ctx: &mut ScreenContext) -> SettingsRequest {
        let (progress, cancel_asked) = match &self.copying {
            Some(Copying::Backup(t)) => (t.progress(), t.is_cancel_requested()),
            Some(Copying::Restore(t)) => (t.progress(), t.is_cancel_requested()),
            None => return SettingsRequest::None,
        };
        let mut request = SettingsRequest::None;
        let finished = match &mut self.copying {
            Some(Copying::Backup(t)) => t.poll().map(|done| match outcome(done) {
                Ok(dest) => ctx
                    .status
                    .say(format!("Đã sao lưu vào {}.", dest.display()), false),
                Err(e) => say_failure(ctx, e),
            }),
            Some(Copying::Restore(t)) => t.poll().map(|done| match outcome(done) {
                Ok((safety, lists, restored)) => {
                    // The worker's service read the restored data whole: the window goes on with
                    // it, instead of reading the reference lists again on this thread.
                    *ctx.service = restored;
                    ctx.status.say(
                        format!(
                            "Đã khôi phục dữ liệu. Dữ liệu trước khi khôi phục được giữ ở {}.",
                            safety.display()
                        ),
                        false,
                    );
                    request = SettingsRequest::Restored(Box::new(lists));
                }
                Err(e) => say_failure(ctx, e),
            }),
            None => None,
        };
        if finished.is_some() {
            self.copying = None;
            self.refresh(ctx);
        } else {
            let waiting = if cancel_asked {
                "Đang hủy…"
            } else {
                "Đang chép…"
            };
            if progress_ui(ui, &progress, waiting, !cancel_asked) {
                match &self.copying {
                    Some(Copying::Backup(t)) => t.cancel(),
                    Some(Copying::Restore(t)) => t.cancel(),
                    None => {}
                }
            }
        }
        request
    }

    pub fn show(&mut self, ui: &mut Ui, ctx: &mut ScreenContext) -> SettingsRequest {
        let copying = self.copying_ui(ui, ctx);
        if !matches!(copying, SettingsRequest::None) {
            return copying;
        }
        let busy = self.copying.is_some();
        let reference = ctx.reference.clone();
        let catalog = ctx.service.session().unit.is_some().then(|| {
            (
                &*reference,
                reference.province_code.as_str(),
                ctx.service.today(),
            )
        });
        let path = ctx.service.database_path().to_owned();
        let action = ui
            .add_enabled_ui(!busy, |ui| {
                self.panel.ui(ui, &path, &reference.provinces, catalog)
            })
            .inner;
        match action {
            SettingsAction::SaveUnit(unit) => {
                if save_unit(ctx, &unit) {
                    return SettingsRequest::UnitSaved;
                }
            }
            // A province's file is hundreds of MB: the copy runs on a worker thread.
            SettingsAction::BackupNow => {
                let worker = ctx.service.worker();
                self.copying = Some(Copying::Backup(ctx.jobs.spawn("sao-luu", move |job| {
                    worker.backup_now(&mut copy_progress(job, "Đang sao lưu…"))
                })));
                return self.copying_ui(ui, ctx);
            }
            SettingsAction::Restore(path) => {
                let worker = ctx.service.worker();
                self.copying = Some(Copying::Restore(Box::new(ctx.jobs.spawn(
                    "khoi-phuc",
                    move |job| {
                        job.report(0, 0, "Đang kiểm tra tệp sao lưu…");
                        let mut service = worker.open()?;
                        let safety = service
                            .restore_with(&path, &mut copy_progress(job, "Đang khôi phục…"))?;
                        job.report(0, 0, "Đang đọc lại danh sách…");
                        let lists = Lists::load(&service)?;
                        Ok((safety, lists, service))
                    },
                ))));
                return self.copying_ui(ui, ctx);
            }
            SettingsAction::Catalog(change) => {
                let done = ctx.service.apply_catalog_change(&change);
                ctx.status.outcome(done);
            }
            SettingsAction::None => {}
        }
        SettingsRequest::None
    }
}

/// Says why a copy ended without its result; a copy the user stopped is not an error.
fn say_failure(ctx: &mut ScreenContext, why: String) {
    let cancelled = why == crate::service::ServiceError::Cancelled.to_string();
    ctx.status.say(why, !cancelled);
}

/// Stores the unit; true when it was saved.
pub fn save_unit(ctx: &mut ScreenContext, unit: &UnitSettings) -> bool {
    match ctx.service.save_unit(unit) {
        Ok(()) => {
            ctx.status.say("Đã lưu cài đặt đơn vị.", false);
            true
        }
        Err(e) => {
            ctx.status.failed("Màn hình Cài đặt", &e);
            false
        }
    }
}
