//! Tổng quan, the first screen: the current year's money as charts, and what needs a decision.
//! The figures are computed on a worker thread when the screen is entered.

use egui::Ui;

use super::background::{Task, outcome, progress_ui};
use super::screen::ScreenContext;
use crate::service::ServiceResult;
use crate::service::year_balance::YearFigures;
use crate::ui::budget_panel::BalanceNames;

/// The figures of the current year, read on entering the screen.
#[derive(Default)]
pub struct OverviewScreen {
    figures: Option<Result<YearFigures, String>>,
    task: Option<Task<ServiceResult<YearFigures>>>,
}

impl OverviewScreen {
    /// The data may have changed elsewhere: read the figures again on entering.
    pub fn on_enter(&mut self) {
        self.figures = None;
    }

    pub fn show(&mut self, ui: &mut Ui, ctx: &mut ScreenContext) {
        let year = chrono::Datelike::year(&ctx.service.today());
        if self.figures.is_none() && self.task.is_none() {
            let worker = ctx.service.worker();
            self.task = Some(ctx.jobs.spawn("tong-quan", move |job| {
                job.report(0, 0, "Đang tính số liệu của năm…");
                worker.open()?.year_figures(year)
            }));
        }
        if let Some(task) = &mut self.task {
            match task.poll() {
                Some(done) => {
                    self.figures = Some(outcome(done));
                    self.task = None;
                }
                None => {
                    progress_ui(ui, &task.progress(), "Đang tính số liệu của năm…", false);
                    return;
                }
            }
        }
        let names = BalanceNames {
            reference: &ctx.reference,
        };
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| match &self.figures {
                Some(Ok(figures)) => {
                    crate::ui::dashboard_panel::dashboard_ui(ui, year, figures, &names)
                }
                Some(Err(e)) => {
                    ui.colored_label(crate::ui::establishment_form::ERROR_COLOR, e);
                }
                None => {}
            });
    }
}
