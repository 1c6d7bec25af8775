//! The Kế hoạch & cân đối screen: the balance of a year (dự toán lines, changes and
//! reallocations applied through the service, programme targets, drill-down to the projects),
//! and the registration of next year's plan.

use egui::Ui;

use super::background::{Task, outcome, progress_ui};
use super::registration_screen::RegistrationScreen;
use super::screen::{Go, ScreenContext};
use crate::domain::programme_target::TargetProgress;
use crate::service::ServiceResult;
use crate::service::budget::BudgetYear;
use crate::service::year_balance::YearFigures;
use crate::ui::budget_panel::{BalanceNames, BudgetAction, BudgetPanel};
use crate::ui::project_view::ProjectView;

/// The two halves of the Kế hoạch & cân đối screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetView {
    Balance,
    Registration,
}

/// The balance half: what is typed, and the year as last read.
pub struct BudgetScreen {
    pub view: BudgetView,
    panel: BudgetPanel,
    /// The plan of the panel's year as entered.
    data: BudgetYear,
    /// The balance of the panel's year, or why it could not be computed; None until read.
    balance: Option<Result<YearFigures, String>>,
    /// Targets and achievements of the programme chosen on the screen.
    target_progress: Vec<TargetProgress>,
    /// The balance being computed on a worker thread.
    task: Option<Task<ServiceResult<YearFigures>>>,
    pub registration: RegistrationScreen,
}

impl BudgetScreen {
    pub fn new(today: chrono::NaiveDate) -> BudgetScreen {
        BudgetScreen {
            view: BudgetView::Balance,
            panel: BudgetPanel::new(chrono::Datelike::year(&today), today),
            data: BudgetYear::default(),
            balance: None,
            target_progress: Vec::new(),
            task: None,
            registration: RegistrationScreen::new(today),
        }
    }

    /// Projects may have changed since the figures were read: read them again on entering.
    pub fn on_enter(&mut self) {
        self.balance = None;
        self.registration.on_enter();
    }

    /// Reads the plan, the balance and the targets of the panel's year.
    fn load(&mut self, ctx: &mut ScreenContext) {
        let year = self.panel.year;
        match ctx.service.budget_year(year) {
            Ok(d) => self.data = d,
            Err(e) => ctx.status.failed("Màn hình Kế hoạch & cân đối", &e),
        }
        let programme = self.panel.programme_code.clone();
        self.target_progress = if programme.is_empty() {
            Vec::new()
        } else {
            match ctx.service.programme_progress(&programme) {
                Ok(progress) => progress,
                Err(e) => {
                    ctx.status.failed("Màn hình Kế hoạch & cân đối", &e);
                    Vec::new()
                }
            }
        };
        // The balance reads every project of the year: seconds at province scale, so it is
        // computed on a worker thread while the rest of the screen stays usable.
        let worker = ctx.service.worker();
        self.task = Some(ctx.jobs.spawn("can-doi", move |job| {
            job.report(0, 0, "Đang tính cân đối kinh phí…");
            worker.open()?.year_figures(year)
        }));
    }

    /// Takes the balance once its task has ended.
    fn poll(&mut self) {
        if let Some(task) = &mut self.task
            && let Some(done) = task.poll()
        {
            self.balance = Some(outcome(done));
            self.task = None;
        }
    }

    pub fn show(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ScreenContext,
        projects: &mut ProjectView,
    ) -> Option<Go> {
        ui.horizontal(|ui| {
            for (view, label) in [
                (BudgetView::Balance, "Cân đối kinh phí"),
                (BudgetView::Registration, "Đăng ký kế hoạch năm sau"),
            ] {
                ui.selectable_value(&mut self.view, view, label);
            }
        });
        ui.separator();
        match self.view {
            BudgetView::Balance => self.balance_ui(ui, ctx, projects),
            BudgetView::Registration => self.registration.show(ui, ctx, projects),
        }
    }

    fn balance_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ScreenContext,
        projects: &ProjectView,
    ) -> Option<Go> {
        if self.balance.is_none() && self.task.is_none() {
            self.load(ctx);
        }
        self.poll();
        let reference = ctx.reference.clone();
        let names = BalanceNames {
            reference: &reference,
        };
        let panel = &mut self.panel;
        let (balance, data, target_progress) = (&self.balance, &self.data, &self.target_progress);
        let computing = self.task.as_ref();
        let action = egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut action = BudgetAction::None;
                match balance {
                    Some(Ok(figures)) => {
                        action = panel.balance_ui(ui, &figures.balance, &names, projects);
                        panel.progress_ui(ui, &figures.progress);
                    }
                    Some(Err(e)) => {
                        ui.colored_label(crate::ui::establishment_form::ERROR_COLOR, e);
                    }
                    None => {}
                }
                if let Some(task) = computing {
                    progress_ui(ui, &task.progress(), "Đang tính cân đối kinh phí…", false);
                }
                let targets = panel.targets_ui(
                    ui,
                    &reference.programmes,
                    &reference.indicators,
                    target_progress,
                );
                if targets != BudgetAction::None {
                    action = targets;
                }
                ui.add_space(12.0);
                ui.separator();
                let plan = panel.plan_ui(ui, data, projects);
                if plan != BudgetAction::None {
                    action = plan;
                }
                action
            })
            .inner;
        let result = match action {
            BudgetAction::None => return None,
            BudgetAction::Year(y) => {
                self.panel.year = y;
                self.panel.drill = None;
                Ok(())
            }
            BudgetAction::AddLine(line) => ctx.service.add_budget_line(&line),
            BudgetAction::AddChange(change) => ctx.service.add_budget_change(&change),
            BudgetAction::AddReallocation(r) => ctx.service.add_reallocation(&r),
            BudgetAction::Programme(code) => {
                self.panel.programme_code = code;
                Ok(())
            }
            BudgetAction::SaveTargets(targets) => ctx.service.save_programme_targets(&targets),
            BudgetAction::OpenProject(id) => return Some(Go::OpenProject(id)),
        };
        match result {
            Ok(()) => {
                self.panel.clear_inputs();
                self.load(ctx);
            }
            Err(e) => self.panel.set_error(e.to_string()),
        }
        None
    }
}
