//! The Đề án screen of the app: the list, the project form and what its actions do (save
//! with reasons for warnings, attach and open documents, add a new beneficiary establishment
//! without leaving the form).

use egui::{Id, Ui};

use super::save_establishment_form;
use super::{KhuyenCongApp, Leave};
use crate::ui::establishment_form::{EstablishmentForm, FormAction};
use crate::ui::file_picker::open_with_system_viewer;
use crate::ui::project_form::{FormContext, ProjectForm, ProjectFormAction, SaveRequest};
use crate::ui::projects_panel::ProjectsAction;

impl KhuyenCongApp {
    pub(super) fn projects_screen(&mut self, ui: &mut Ui) {
        let reference = &self.reference();
        let (true, Some(registry)) = (self.has_unit(), &self.registry) else {
            ui.label("Hãy chọn đơn vị sử dụng để bắt đầu.");
            return;
        };
        let modal_open =
            self.guard.is_some() || self.first_start.is_some() || self.nested.is_some();
        if let Some(form) = &mut self.project_form {
            let service = &self.service;
            form.revalidate(|p| service.project_issues(p).map_err(|e| e.to_string()));
            let ctx = FormContext {
                reference,
                registry: &registry.view,
                today: service.today(),
                actor: &service.session().actor,
            };
            let action = ui
                .add_enabled_ui(!modal_open, |ui| form.ui(ui, &ctx, !modal_open))
                .inner;
            self.apply_project_form_action(action);
            if self.nested.is_some() {
                self.nested_form_window(ui);
            }
            return;
        }
        let Some(panel) = &mut self.projects else {
            return;
        };
        match panel.ui(ui, reference, modal_open) {
            ProjectsAction::New => self.open_new_project(chrono::Datelike::year(&self.today())),
            ProjectsAction::Edit(id) => self.open_project(id),
            ProjectsAction::Delete(id) => match self.service.delete_project(id) {
                Ok(()) => {
                    if let Some(p) = &mut self.projects {
                        p.view.remove(id);
                        p.select(None);
                    }
                    self.set_status("Đã xóa đề án.", false);
                }
                Err(e) => self.set_status(e.to_string(), true),
            },
            ProjectsAction::None => {}
        }
    }

    fn apply_project_form_action(&mut self, action: ProjectFormAction) {
        match action {
            ProjectFormAction::None => {}
            ProjectFormAction::Save => self.save_project_form(),
            ProjectFormAction::Cancel => self.leave(Leave::CloseProjectForm),
            ProjectFormAction::NewEstablishment => {
                self.nested = Some(EstablishmentForm::new_record(
                    &self.reference(),
                    self.today(),
                ));
            }
            ProjectFormAction::AttachFile => self.attach_file(),
            ProjectFormAction::OpenAttachment(i) => {
                let path = self
                    .project_form
                    .as_ref()
                    .and_then(|f| f.attachments.get(i))
                    .map(|a| a.path.clone());
                if let Some(path) = path
                    && let Err(e) = open_with_system_viewer(&path)
                {
                    self.set_status(e, true);
                }
            }
            ProjectFormAction::RemoveAttachment(i) => {
                let Some(form) = &mut self.project_form else {
                    return;
                };
                if let Some(a) = form.attachments.get(i).cloned() {
                    match self.service.remove_attachment(&a) {
                        Ok(()) => {
                            form.attachments.remove(i);
                            self.set_status(
                                format!("Đã bỏ tệp {} khỏi hồ sơ.", a.file_name),
                                false,
                            );
                        }
                        Err(e) => self.set_status(e.to_string(), true),
                    }
                }
            }
        }
    }

    fn attach_file(&mut self) {
        let Some(path) = self.file_picker.pick_attachment() else {
            return;
        };
        let Some(form) = &mut self.project_form else {
            return;
        };
        match self.service.add_attachment(form.project.id, &path) {
            Ok(a) => {
                self.set_status(format!("Đã đính kèm {}.", a.file_name), false);
                if let Some(form) = &mut self.project_form {
                    form.attachments.push(a);
                }
            }
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    /// Opens a saved project in the form, with its documents and history.
    pub(super) fn open_project(&mut self, id: uuid::Uuid) {
        match self.service.open_project(id) {
            Ok(opened) => {
                self.project_form = Some(ProjectForm::edit(
                    opened.project,
                    opened.attachments,
                    opened.history,
                    self.today(),
                ));
            }
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    pub(super) fn save_project_form(&mut self) {
        let Some(form) = &mut self.project_form else {
            return;
        };
        let service = &mut self.service;
        let request = form.save_request(|p| service.project_issues(p).map_err(|e| e.to_string()));
        let SaveRequest::Ready(project, is_new) = request else {
            self.guard = None;
            return;
        };
        let saved = service
            .save_project(*project, is_new)
            .and_then(|p| Ok((service.project_history(p.id)?, p)));
        match saved {
            Ok((history, p)) => {
                form.saved(p.clone(), history);
                match self.service.project_summary(p.id) {
                    Ok(summary) => {
                        if let (Some(panel), Some(summary)) = (&mut self.projects, summary) {
                            panel.view.upsert(summary);
                            panel.select(Some(p.id));
                        }
                    }
                    Err(e) => self.set_status(
                        format!("Đã lưu, nhưng chưa đọc lại được danh sách đề án: {e}"),
                        true,
                    ),
                }
                self.set_status(format!("Đã lưu đề án {} — {}.", p.code, p.name), false);
                // A new project stays open so documents can be attached to it.
                if self.guard.is_some() {
                    self.after_leave_guard_resolved();
                }
            }
            Err(e) => {
                form.message = Some(format!("Chưa lưu được: {e}"));
                self.guard = None;
            }
        }
    }

    pub(super) fn save_nested(&mut self) {
        let Some(form) = &mut self.nested else {
            return;
        };
        match save_establishment_form(&mut self.service, form) {
            Some(saved) => {
                self.list_saved_establishment(saved.id, false);
                if let Some(project) = &mut self.project_form {
                    project.add_beneficiary(saved.id, &saved.commune_code);
                }
                self.nested = None;
                self.set_status(
                    format!(
                        "Đã thêm cơ sở {} — {} và đưa vào đề án.",
                        saved.code, saved.name
                    ),
                    false,
                );
                if self.guard == Some(Leave::CloseNested) {
                    self.guard = None;
                }
            }
            None => self.guard = None,
        }
    }

    fn nested_form_window(&mut self, ui: &mut Ui) {
        let cache = &self.reference();
        let Some(form) = &mut self.nested else {
            return;
        };
        let service = &self.service;
        form.revalidate(|r| service.establishment_issues(r).map_err(|e| e.to_string()));
        let guard_open = self.guard.is_some();
        let modal = egui::Modal::new(Id::unique("nested_establishment")).show(ui.ctx(), |ui| {
            ui.set_width(1150.0);
            ui.set_height(ui.ctx().content_rect().height() * 0.8);
            form.ui(ui, cache, !guard_open)
        });
        match modal.inner {
            FormAction::Save => self.save_nested(),
            FormAction::Cancel => self.leave(Leave::CloseNested),
            FormAction::None => {}
        }
    }

    /// Opens the project form on a new project (a proposal) for the plan of `plan_year`,
    /// implemented and registered today by this installation's unit.
    pub(super) fn open_new_project(&mut self, plan_year: i32) {
        let Some(unit) = &self.service.session().unit else {
            return;
        };
        self.project_form = Some(ProjectForm::new_project(
            &unit.province_code,
            self.service.today(),
            &unit.unit_name,
            plan_year,
        ));
    }
}
