//! The Kế hoạch & cân đối screen of the app: reads the year's budget, applies what the panel
//! asks for through the service, and opens a project when the user drills down to it.

use egui::Ui;

use super::{BudgetView, KhuyenCongApp, Screen};
use crate::ui::budget_panel::{BalanceNames, BudgetAction, BudgetPanel};

impl KhuyenCongApp {
    /// Reads the budget of the panel's year.
    pub(super) fn load_budget(&mut self) {
        let year = self
            .budget
            .as_ref()
            .map_or(chrono::Datelike::year(&self.today()), |b| b.year);
        match self.service.budget_year(year) {
            Ok(d) => self.budget_data = d,
            Err(e) => self.set_status(e.to_string(), true),
        }
        let programme = self
            .budget
            .as_ref()
            .map(|b| b.programme_code.clone())
            .unwrap_or_default();
        self.target_progress = if programme.is_empty() {
            Vec::new()
        } else {
            match self.service.programme_progress(&programme) {
                Ok(progress) => progress,
                Err(e) => {
                    self.set_status(e.to_string(), true);
                    Vec::new()
                }
            }
        };
        self.balance = Some(self.service.year_figures(year).map_err(|e| e.to_string()));
    }

    /// Opens a project the user drilled down to, on the Đề án screen.
    pub(super) fn open_project_from_budget(&mut self, id: uuid::Uuid) {
        self.open_project(id);
        if self.project_form.is_some() {
            self.screen = Screen::Projects;
        }
    }

    /// Kế hoạch & cân đối: the balance of a year, or the registration of next year's plan.
    pub(super) fn budget_screen(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            for (view, label) in [
                (BudgetView::Balance, "Cân đối kinh phí"),
                (BudgetView::Registration, "Đăng ký kế hoạch năm sau"),
            ] {
                ui.selectable_value(&mut self.budget_view, view, label);
            }
        });
        ui.separator();
        match self.budget_view {
            BudgetView::Balance => self.balance_screen(ui),
            BudgetView::Registration => self.registration_screen(ui),
        }
    }

    fn balance_screen(&mut self, ui: &mut Ui) {
        if self.budget.is_none() {
            self.budget = Some(BudgetPanel::new(
                chrono::Datelike::year(&self.today()),
                self.today(),
            ));
            self.load_budget();
        }
        let reference = &self.reference();
        let (Some(panel), Some(projects)) = (&mut self.budget, &self.projects) else {
            ui.label("Hãy chọn đơn vị sử dụng để bắt đầu.");
            return;
        };
        let names = BalanceNames { reference };
        let balance = &self.balance;
        let target_progress = &self.target_progress;
        let action = egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut action = BudgetAction::None;
                match balance {
                    Some(Ok(figures)) => {
                        action = panel.balance_ui(ui, &figures.balance, &names, &projects.view);
                        panel.progress_ui(ui, &figures.progress);
                    }
                    Some(Err(e)) => {
                        ui.colored_label(crate::ui::establishment_form::ERROR_COLOR, e);
                    }
                    None => {}
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
                let plan = panel.plan_ui(ui, &self.budget_data, &projects.view);
                if plan != BudgetAction::None {
                    action = plan;
                }
                action
            })
            .inner;
        let result = match action {
            BudgetAction::None => return,
            BudgetAction::Year(y) => {
                panel.year = y;
                panel.drill = None;
                Ok(())
            }
            BudgetAction::AddLine(line) => self.service.add_budget_line(&line),
            BudgetAction::AddChange(change) => self.service.add_budget_change(&change),
            BudgetAction::AddReallocation(r) => self.service.add_reallocation(&r),
            BudgetAction::Programme(code) => {
                panel.programme_code = code;
                Ok(())
            }
            BudgetAction::SaveTargets(targets) => self.service.save_programme_targets(&targets),
            BudgetAction::OpenProject(id) => {
                self.open_project_from_budget(id);
                return;
            }
        };
        match result {
            Ok(()) => {
                if let Some(panel) = &mut self.budget {
                    panel.clear_inputs();
                }
                self.load_budget();
            }
            Err(e) => {
                if let Some(panel) = &mut self.budget {
                    panel.set_error(e.to_string());
                }
            }
        }
    }

    /// Tổng quan: the current year's figures as charts, computed on entering the screen.
    pub(super) fn overview_screen(&mut self, ui: &mut Ui) {
        if !self.has_unit() {
            ui.label("Hãy chọn đơn vị sử dụng để bắt đầu.");
            return;
        }
        let year = chrono::Datelike::year(&self.today());
        if self.overview.is_none() {
            self.overview = Some(self.service.year_figures(year).map_err(|e| e.to_string()));
        }
        let reference = &self.reference();
        let names = BalanceNames { reference };
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| match &self.overview {
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
