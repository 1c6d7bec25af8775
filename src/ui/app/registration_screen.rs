//! The Đăng ký kế hoạch view of the Kế hoạch & cân đối screen: reads the plan year's proposals
//! and the calendar, records appraisals and calendar edits through the store, and opens a
//! proposal in the project form.

use chrono::Datelike;
use egui::Ui;

use super::{KhuyenCongApp, Screen};
use crate::budget::summarise_registration;
use crate::store::StoreError;
use crate::ui::budget_panel::BalanceNames;
use crate::ui::registration_panel::{RegistrationAction, RegistrationPanel};

impl KhuyenCongApp {
    /// Reads the proposals of the panel's year and consolidates them.
    pub(super) fn load_registration(&mut self) {
        let year = self
            .registration
            .as_ref()
            .map_or(self.today.year() + 1, |r| r.year);
        let loaded = (|| -> Result<_, StoreError> {
            let deadlines = self.store.registration_deadlines()?;
            let projects = self.store.projects_of_year(year)?;
            let summary = summarise_registration(&projects, &deadlines, year, self.today);
            Ok((summary, deadlines))
        })();
        self.registration_data = Some(loaded.map_err(|e| e.to_string()));
    }

    pub(super) fn registration_screen(&mut self, ui: &mut Ui) {
        if self.registration.is_none() {
            self.registration = Some(RegistrationPanel::new(self.today.year() + 1, self.today));
            self.load_registration();
        }
        let (Some(panel), Some(data)) = (&mut self.registration, &self.registration_data) else {
            return;
        };
        let (summary, deadlines) = match data {
            Ok(d) => d,
            Err(e) => {
                ui.colored_label(crate::ui::establishment_form::ERROR_COLOR, e);
                return;
            }
        };
        let names = BalanceNames {
            reference: self.reference.as_ref(),
            cache: self.cache.as_ref(),
        };
        let user = crate::store::audit::current_actor();
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
            RegistrationAction::SaveDeadlines(d) => self.store.set_registration_deadlines(&d),
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

    /// Stores the Sở's appraisal (see `Project::record_appraisal`).
    fn record_appraisal(
        &mut self,
        id: uuid::Uuid,
        appraisal: crate::domain::plan_registration::Appraisal,
    ) -> Result<(), StoreError> {
        let Some(mut project) = self.store.project(id)? else {
            return Err(StoreError::Refused(
                "Không tìm thấy đề án (có thể đã bị xóa).".into(),
            ));
        };
        project
            .record_appraisal(appraisal)
            .map_err(StoreError::Refused)?;
        self.store.update_project(&project)?;
        if let Some(p) = &mut self.projects
            && let Ok(Some(summary)) = self.store.project_summary(id)
        {
            p.view.upsert(summary);
        }
        Ok(())
    }
}
