//! The Đăng ký kế hoạch view of the Kế hoạch & cân đối screen: reads the plan year's proposals
//! and the calendar, records appraisals and calendar edits through the service, and opens a
//! proposal in the project form.

use chrono::Datelike;
use egui::Ui;

use super::{KhuyenCongApp, Screen};
use crate::ui::budget_panel::BalanceNames;
use crate::ui::registration_panel::{RegistrationAction, RegistrationPanel};

impl KhuyenCongApp {
    /// Reads the proposals of the panel's year and consolidates them.
    pub(super) fn load_registration(&mut self) {
        let year = self
            .registration
            .as_ref()
            .map_or(self.today().year() + 1, |r| r.year);
        self.registration_data = Some(
            self.service
                .registration_year(year)
                .map_err(|e| e.to_string()),
        );
    }

    pub(super) fn registration_screen(&mut self, ui: &mut Ui) {
        if self.registration.is_none() {
            self.registration = Some(RegistrationPanel::new(
                self.today().year() + 1,
                self.today(),
            ));
            self.load_registration();
        }
        let reference = &self.reference();
        let (Some(panel), Some(data)) = (&mut self.registration, &self.registration_data) else {
            return;
        };
        let (summary, deadlines) = match data {
            Ok(d) => (&d.summary, &d.deadlines),
            Err(e) => {
                ui.colored_label(crate::ui::establishment_form::ERROR_COLOR, e);
                return;
            }
        };
        let names = BalanceNames { reference };
        let user = self.service.session().actor.clone();
        let action = egui::ScrollArea::vertical()
            .id_salt("registration_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| panel.ui(ui, summary, deadlines, &names, &user))
            .inner;
        let result = match action {
            RegistrationAction::None => return,
            RegistrationAction::Year(y) => {
                panel.year = y;
                Ok(())
            }
            RegistrationAction::SaveDeadlines(d) => self.service.save_registration_deadlines(&d),
            RegistrationAction::Appraise(id, appraisal) => self.record_appraisal(id, appraisal),
            RegistrationAction::NewProposal => {
                let year = panel.year;
                self.open_new_project(year);
                self.screen = Screen::Projects;
                return;
            }
            RegistrationAction::OpenProject(id) => {
                self.open_project_from_budget(id);
                return;
            }
        };
        match result {
            Ok(()) => {
                if let Some(panel) = &mut self.registration {
                    panel.saved();
                }
                self.load_registration();
            }
            Err(e) => {
                if let Some(panel) = &mut self.registration {
                    panel.set_error(e.to_string());
                }
            }
        }
    }

    /// Stores the Sở's appraisal (see `Project::record_appraisal`) and shows the new list row.
    fn record_appraisal(
        &mut self,
        id: uuid::Uuid,
        appraisal: crate::domain::plan_registration::Appraisal,
    ) -> crate::service::ServiceResult<()> {
        let summary = self.service.record_appraisal(id, appraisal)?;
        if let (Some(p), Some(summary)) = (&mut self.projects, summary) {
            p.view.upsert(summary);
        }
        Ok(())
    }
}
