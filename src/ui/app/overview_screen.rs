//! Tổng quan, the first screen: the current year's money as charts, and what needs a decision.
//! The figures are computed on a worker thread when the screen is entered, with the scan for
//! data that cannot be used ("Dữ liệu cần sửa"), so figures computed without some rows say so.

use egui::Ui;

use super::background::{Task, outcome, progress_ui};
use super::screen::ScreenContext;
use crate::domain::data_problem::{DataProblem, left_out_warning};
use crate::service::ServiceResult;
use crate::service::year_balance::{BALANCE_TABLES, YearFigures};
use crate::ui::budget_panel::BalanceNames;
use crate::ui::data_problems_panel::{data_problems_ui, left_out_count};

/// The year's figures and the data problems, read together.
type Figures = (YearFigures, Vec<DataProblem>);

/// The figures of the current year, read on entering the screen.
#[derive(Default)]
pub struct OverviewScreen {
    figures: Option<Result<Figures, String>>,
    task: Option<Task<ServiceResult<Figures>>>,
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
                let service = worker.open()?;
                Ok((service.year_figures(year)?, service.data_problems()?))
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
                Some(Ok((figures, problems))) => {
                    let in_balance: Vec<DataProblem> = problems
                        .iter()
                        .filter(|p| BALANCE_TABLES.contains(&p.table.as_str()))
                        .cloned()
                        .collect();
                    if let Some(warning) = left_out_warning(left_out_count(&in_balance)) {
                        ui.colored_label(crate::ui::establishment_form::ERROR_COLOR, warning);
                    }
                    crate::ui::dashboard_panel::dashboard_ui(ui, year, figures, &names);
                    ui.separator();
                    data_problems_ui(ui, problems);
                }
                Some(Err(e)) => {
                    ui.colored_label(crate::ui::establishment_form::ERROR_COLOR, e);
                }
                None => {}
            });
    }
}
