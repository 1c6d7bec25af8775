//! The Cơ sở CNNT screen: the registry list and the establishment form over it.

use egui::Ui;

use super::screen::ScreenContext;
use crate::domain::establishment::Establishment;
use crate::service::Service;
use crate::ui::establishment_form::{EstablishmentForm, FormAction};
use crate::ui::registry_panel::{RegistryAction, RegistryPanel};
use crate::ui::registry_view::RegistryView;

/// What the user asked of the registry screen that the shell must decide (it may need the
/// unsaved-changes guard).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistryRequest {
    None,
    /// Close the form (Hủy / Esc).
    CloseForm,
}

/// The registry list and the open form.
pub struct RegistryScreen {
    pub panel: RegistryPanel,
    pub form: Option<EstablishmentForm>,
}

impl RegistryScreen {
    /// A screen over the loaded list.
    pub fn new(view: RegistryView) -> RegistryScreen {
        RegistryScreen {
            panel: RegistryPanel::new(view),
            form: None,
        }
    }

    /// True when the open form has unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.is_dirty())
    }

    pub fn show(&mut self, ui: &mut Ui, ctx: &mut ScreenContext) -> RegistryRequest {
        let reference = ctx.reference.clone();
        let modal_open = ctx.modal_open;
        if let Some(form) = &mut self.form {
            let service = &*ctx.service;
            form.revalidate(|r| service.establishment_issues(r).map_err(|e| e.to_string()));
            let action = ui
                .add_enabled_ui(!modal_open, |ui| form.ui(ui, &reference, !modal_open))
                .inner;
            return match action {
                FormAction::Save => {
                    self.save(ctx);
                    RegistryRequest::None
                }
                FormAction::Cancel => RegistryRequest::CloseForm,
                FormAction::None => RegistryRequest::None,
            };
        }
        match self.panel.ui(ui, &reference, modal_open) {
            RegistryAction::New => {
                self.form = Some(EstablishmentForm::new_record(
                    &reference,
                    ctx.service.today(),
                ));
            }
            RegistryAction::Edit(id) => {
                let service = &*ctx.service;
                let opened = service
                    .establishment(id)
                    .and_then(|record| Ok((service.support_history(id)?, record)));
                match opened {
                    Ok((history, record)) => {
                        let mut form = EstablishmentForm::edit(record, &reference, service.today());
                        form.set_support_history(history);
                        self.form = Some(form);
                    }
                    Err(e) => ctx.status.failed("Màn hình Cơ sở CNNT", &e),
                }
            }
            RegistryAction::Delete(id) => match ctx.service.delete_establishment(id) {
                Ok(name) => {
                    self.panel.view.remove(id);
                    self.panel.select(None);
                    ctx.status.say(format!("Đã xóa cơ sở {name}."), false);
                }
                Err(e) => ctx.status.failed("Màn hình Cơ sở CNNT", &e),
            },
            RegistryAction::None => {}
        }
        RegistryRequest::None
    }

    /// Saves the open form; true when it was saved (and closed).
    pub fn save(&mut self, ctx: &mut ScreenContext) -> bool {
        let Some(form) = &mut self.form else {
            return false;
        };
        let Some(saved) = save_establishment_form(ctx.service, form) else {
            return false;
        };
        self.form = None;
        ctx.status.say(
            format!("Đã lưu cơ sở {} — {}.", saved.code, saved.name),
            false,
        );
        self.list_saved(ctx, saved.id, true);
        true
    }

    /// Puts a just-saved establishment into the list without reloading the list.
    pub fn list_saved(&mut self, ctx: &mut ScreenContext, id: uuid::Uuid, select: bool) {
        match ctx.service.establishment_summary(id) {
            Ok(Some(summary)) => {
                self.panel.view.upsert(summary);
                if select {
                    self.panel.select(Some(id));
                }
            }
            Ok(None) => {}
            Err(e) => ctx.status.say(
                format!("Đã lưu, nhưng chưa đọc lại được danh sách: {e}"),
                true,
            ),
        }
    }
}

/// Judges and saves an establishment form through the service; returns the saved record, or
/// None when errors, a check that could not run or a refused write keep the form open (the
/// form then says why).
pub fn save_establishment_form(
    service: &mut Service,
    form: &mut EstablishmentForm,
) -> Option<Establishment> {
    let (record, is_new) =
        form.save_request(|r| service.establishment_issues(r).map_err(|e| e.to_string()))?;
    match service.save_establishment(record, is_new) {
        Ok(saved) => {
            form.saved(saved.clone());
            Some(saved)
        }
        Err(e) => {
            match e.stale_save() {
                Some(stale) => form.show_conflict(stale.clone()),
                None => form.message = Some(format!("Chưa lưu được: {e}")),
            }
            None
        }
    }
}
