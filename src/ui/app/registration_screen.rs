//! The Đăng ký kế hoạch view of the Kế hoạch & cân đối screen: the plan year's proposals
//! consolidated against the calendar; appraisals and calendar edits through the service; a
//! proposal opens in the project form.

use egui::Ui;

use super::screen::{Go, ScreenContext};
use crate::service::registration::RegistrationYear;
use crate::ui::budget_panel::BalanceNames;
use crate::ui::project_view::ProjectView;
use crate::ui::registration_panel::{RegistrationAction, RegistrationPanel};

/// The registration half: what is typed, and the plan year as last read.
pub struct RegistrationScreen {
    panel: RegistrationPanel,
    /// The consolidated proposals and the calendar, or why not; None until read.
    data: Option<Result<RegistrationYear, String>>,
}

impl RegistrationScreen {
    /// Next year's plan, judged on `today`.
    pub fn new(today: chrono::NaiveDate) -> RegistrationScreen {
        RegistrationScreen {
            panel: RegistrationPanel::new(chrono::Datelike::year(&today) + 1, today),
            data: None,
        }
    }

    /// Proposals may have changed since they were read: read them again on entering.
    pub fn on_enter(&mut self) {
        self.data = None;
    }

    pub fn show(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ScreenContext,
        projects: &mut ProjectView,
    ) -> Option<Go> {
        if self.data.is_none() {
            self.data = Some(
                ctx.service
                    .registration_year(self.panel.year)
                    .map_err(|e| e.to_string()),
            );
        }
        let Some(data) = &self.data else {
            return None;
        };
        let data = match data {
            Ok(d) => d,
            Err(e) => {
                ui.colored_label(crate::ui::establishment_form::ERROR_COLOR, e);
                return None;
            }
        };
        let reference = ctx.reference.clone();
        let names = BalanceNames {
            reference: &reference,
        };
        let user = ctx.service.session().actor.clone();
        let panel = &mut self.panel;
        let action = egui::ScrollArea::vertical()
            .id_salt("registration_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                panel.ui(ui, &data.summary, &data.deadlines, &names, &user)
            })
            .inner;
        let result = match action {
            RegistrationAction::None => return None,
            RegistrationAction::Year(y) => {
                self.panel.year = y;
                Ok(())
            }
            RegistrationAction::SaveDeadlines(d) => ctx.service.save_registration_deadlines(&d),
            // The proposal's row in the project list changes with it.
            RegistrationAction::Appraise(id, appraisal) => {
                ctx.service.record_appraisal(id, appraisal).map(|row| {
                    if let Some(row) = row {
                        projects.upsert(row);
                    }
                })
            }
            RegistrationAction::NewProposal => return Some(Go::NewProject(self.panel.year)),
            RegistrationAction::OpenProject(id) => return Some(Go::OpenProject(id)),
        };
        match result {
            Ok(()) => {
                self.panel.saved();
                self.data = None;
            }
            Err(e) => self.panel.set_error(e.to_string()),
        }
        None
    }
}
