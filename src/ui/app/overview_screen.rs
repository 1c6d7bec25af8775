//! Tổng quan, the first screen: the current year's money as charts, and what needs a decision.

use egui::Ui;

use super::screen::ScreenContext;
use crate::service::year_balance::YearFigures;
use crate::ui::budget_panel::BalanceNames;

/// The figures of the current year, read on entering the screen.
#[derive(Default)]
pub struct OverviewScreen {
    figures: Option<Result<YearFigures, String>>,
}

impl OverviewScreen {
    /// The data may have changed elsewhere: read the figures again on entering.
    pub fn on_enter(&mut self) {
        self.figures = None;
    }

    pub fn show(&mut self, ui: &mut Ui, ctx: &mut ScreenContext) {
        let year = chrono::Datelike::year(&ctx.service.today());
        if self.figures.is_none() {
            self.figures = Some(ctx.service.year_figures(year).map_err(|e| e.to_string()));
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
