//! The Đề án screen: the list, the project form and what its actions do (save with reasons for
//! warnings, attach and open documents, add a new beneficiary establishment without leaving
//! the form).

use egui::{Id, Ui};

use super::registry_screen::{RegistryScreen, save_establishment_form};
use super::screen::ScreenContext;
use crate::ui::establishment_form::{EstablishmentForm, FormAction};
use crate::ui::file_picker::open_with_system_viewer;
use crate::ui::project_form::{FormContext, ProjectForm, ProjectFormAction, SaveRequest};
use crate::ui::project_view::ProjectView;
use crate::ui::projects_panel::{ProjectsAction, ProjectsPanel};

/// What the user asked of the Đề án screen that the shell must decide (it may need the
/// unsaved-changes guard).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectsRequest {
    None,
    /// Close the project form (Đóng / Esc).
    CloseForm,
    /// Close the establishment form opened over the project form.
    CloseNested,
}

/// The project list, the open project form, and an establishment form opened over it.
pub struct ProjectsScreen {
    pub panel: ProjectsPanel,
    pub form: Option<ProjectForm>,
    /// An establishment form opened over the project form to add a beneficiary.
    pub nested: Option<EstablishmentForm>,
}

impl ProjectsScreen {
    /// A screen over the loaded list.
    pub fn new(view: ProjectView) -> ProjectsScreen {
        ProjectsScreen {
            panel: ProjectsPanel::new(view),
            form: None,
            nested: None,
        }
    }

    /// Whether the project form has unsaved changes.
    pub fn form_is_dirty(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.is_dirty())
    }

    /// Whether the establishment form over it has unsaved changes.
    pub fn nested_is_dirty(&self) -> bool {
        self.nested.as_ref().is_some_and(|f| f.is_dirty())
    }

    pub fn show(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ScreenContext,
        registry: &mut RegistryScreen,
    ) -> ProjectsRequest {
        let reference = ctx.reference.clone();
        let modal_open = ctx.modal_open || self.nested.is_some();
        if let Some(form) = &mut self.form {
            let service = &*ctx.service;
            form.revalidate(|p| service.project_issues(p).map_err(|e| e.to_string()));
            let form_ctx = FormContext {
                reference: &reference,
                registry: &registry.panel.view,
                today: service.today(),
                actor: &service.session().actor,
            };
            let action = ui
                .add_enabled_ui(!modal_open, |ui| form.ui(ui, &form_ctx, !modal_open))
                .inner;
            let mut request = self.apply_form_action(action, ctx);
            if self.nested.is_some() {
                let nested = self.nested_form_window(ui, ctx, registry);
                if nested != ProjectsRequest::None {
                    request = nested;
                }
            }
            return request;
        }
        match self.panel.ui(ui, &reference, modal_open) {
            ProjectsAction::New => {
                let year = chrono::Datelike::year(&ctx.service.today());
                self.open_new(ctx, year);
            }
            ProjectsAction::Edit(id) => self.open(ctx, id),
            ProjectsAction::Delete(id) => match ctx.service.delete_project(id) {
                Ok(()) => {
                    self.panel.view.remove(id);
                    self.panel.select(None);
                    ctx.status.say("Đã xóa đề án.", false);
                }
                Err(e) => ctx.status.failed("Màn hình Đề án", &e),
            },
            ProjectsAction::None => {}
        }
        ProjectsRequest::None
    }

    fn apply_form_action(
        &mut self,
        action: ProjectFormAction,
        ctx: &mut ScreenContext,
    ) -> ProjectsRequest {
        match action {
            ProjectFormAction::None => {}
            ProjectFormAction::Save => {
                self.save(ctx);
            }
            ProjectFormAction::Cancel => return ProjectsRequest::CloseForm,
            ProjectFormAction::NewEstablishment => {
                self.nested = Some(EstablishmentForm::new_record(
                    &ctx.reference,
                    ctx.service.today(),
                ));
            }
            ProjectFormAction::AttachFile => self.attach_file(ctx),
            ProjectFormAction::OpenAttachment(i) | ProjectFormAction::OpenAttachmentFolder(i) => {
                let folder = matches!(action, ProjectFormAction::OpenAttachmentFolder(_));
                let attachment = self.form.as_ref().and_then(|f| f.attachments.get(i));
                if let Some(a) = attachment {
                    // The service resolves the path and refuses anything outside ho-so/ or a
                    // program; only what it returns reaches the system opener.
                    let allowed = if folder {
                        ctx.service.attachment_folder_to_open(a)
                    } else {
                        ctx.service.attachment_to_open(a)
                    };
                    match allowed {
                        Ok(path) => {
                            if let Err(e) = open_with_system_viewer(&path) {
                                ctx.status.say(e, true);
                            }
                        }
                        Err(e) => {
                            crate::support_log::record("Mở hồ sơ đính kèm", &e);
                            ctx.status.failed("Màn hình Đề án", &e);
                        }
                    }
                }
            }
            ProjectFormAction::RemoveAttachment(i) => {
                let Some(form) = &mut self.form else {
                    return ProjectsRequest::None;
                };
                if let Some(a) = form.attachments.get(i).cloned() {
                    match ctx.service.remove_attachment(&a) {
                        Ok(()) => {
                            form.attachments.remove(i);
                            ctx.status
                                .say(format!("Đã bỏ tệp {} khỏi hồ sơ.", a.file_name), false);
                        }
                        Err(e) => ctx.status.failed("Màn hình Đề án", &e),
                    }
                }
            }
        }
        ProjectsRequest::None
    }

    fn attach_file(&mut self, ctx: &mut ScreenContext) {
        let Some(form) = &mut self.form else {
            return;
        };
        let Some(path) = ctx.file_picker.pick_attachment() else {
            return;
        };
        match ctx.service.add_attachment(form.project.id, &path) {
            Ok(a) => {
                ctx.status
                    .say(format!("Đã đính kèm {}.", a.file_name), false);
                form.attachments.push(a);
            }
            Err(e) => ctx.status.failed("Màn hình Đề án", &e),
        }
    }

    /// Opens a saved project in the form, with its documents and history.
    pub fn open(&mut self, ctx: &mut ScreenContext, id: uuid::Uuid) {
        match ctx.service.open_project(id) {
            Ok(opened) => {
                self.form = Some(ProjectForm::edit(
                    opened.project,
                    opened.attachments,
                    opened.history,
                    ctx.service.today(),
                ));
            }
            Err(e) => ctx.status.failed("Màn hình Đề án", &e),
        }
    }

    /// Opens the form on a new project (a proposal) for the plan of `plan_year`, implemented
    /// and registered today by this installation's unit.
    pub fn open_new(&mut self, ctx: &mut ScreenContext, plan_year: i32) {
        let Some(unit) = &ctx.service.session().unit else {
            return;
        };
        self.form = Some(ProjectForm::new_project(
            &unit.province_code,
            ctx.service.today(),
            &unit.unit_name,
            plan_year,
        ));
    }

    /// Saves the project form; true when it was written (a new project stays open so
    /// documents can be attached to it).
    pub fn save(&mut self, ctx: &mut ScreenContext) -> bool {
        let Some(form) = &mut self.form else {
            return false;
        };
        let service = &mut *ctx.service;
        let request = form.save_request(|p| service.project_issues(p).map_err(|e| e.to_string()));
        let SaveRequest::Ready(project, is_new) = request else {
            return false;
        };
        let saved = service
            .save_project(*project, is_new)
            .and_then(|p| Ok((service.project_history(p.id)?, p)));
        let (history, p) = match saved {
            Ok(saved) => saved,
            Err(e) => {
                match e.stale_save() {
                    Some(stale) => form.show_conflict(stale.clone()),
                    None => form.message = Some(format!("Chưa lưu được: {e}")),
                }
                return false;
            }
        };
        form.saved(p.clone(), history);
        match ctx.service.project_summary(p.id) {
            Ok(Some(summary)) => {
                self.panel.view.upsert(summary);
                self.panel.select(Some(p.id));
            }
            Ok(None) => {}
            Err(e) => ctx.status.say(
                format!("Đã lưu, nhưng chưa đọc lại được danh sách đề án: {e}"),
                true,
            ),
        }
        ctx.status
            .say(format!("Đã lưu đề án {} — {}.", p.code, p.name), false);
        true
    }

    /// Saves the establishment form over the project form and adds it as a beneficiary; true
    /// when it was saved (and closed).
    pub fn save_nested(&mut self, ctx: &mut ScreenContext, registry: &mut RegistryScreen) -> bool {
        let Some(form) = &mut self.nested else {
            return false;
        };
        let Some(saved) = save_establishment_form(ctx.service, form) else {
            return false;
        };
        registry.list_saved(ctx, saved.id, false);
        if let Some(project) = &mut self.form {
            project.add_beneficiary(saved.id, &saved.commune_code);
        }
        self.nested = None;
        ctx.status.say(
            format!(
                "Đã thêm cơ sở {} — {} và đưa vào đề án.",
                saved.code, saved.name
            ),
            false,
        );
        true
    }

    fn nested_form_window(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ScreenContext,
        registry: &mut RegistryScreen,
    ) -> ProjectsRequest {
        let reference = ctx.reference.clone();
        let Some(form) = &mut self.nested else {
            return ProjectsRequest::None;
        };
        let service = &*ctx.service;
        form.revalidate(|r| service.establishment_issues(r).map_err(|e| e.to_string()));
        let guard_open = ctx.modal_open;
        let modal = egui::Modal::new(Id::unique("nested_establishment")).show(ui.ctx(), |ui| {
            ui.set_width(1150.0);
            ui.set_height(ui.ctx().content_rect().height() * 0.8);
            form.ui(ui, &reference, !guard_open)
        });
        match modal.inner {
            FormAction::Save => {
                self.save_nested(ctx, registry);
                ProjectsRequest::None
            }
            FormAction::Cancel => ProjectsRequest::CloseNested,
            FormAction::None => ProjectsRequest::None,
        }
    }
}
