//! Cài đặt: the unit, the khuyến công catalogue, backups and restore.

use egui::Ui;

use super::screen::ScreenContext;
use crate::domain::unit_settings::UnitSettings;
use crate::ui::settings_panel::{SettingsAction, SettingsPanel};

/// What the shell must do after a settings action (the unit or the whole data changed).
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsRequest {
    None,
    /// The unit was saved: read the lists of its data again.
    UnitSaved,
    /// The data was replaced by a backup: read everything again.
    Restored,
}

/// The Cài đặt screen.
pub struct SettingsScreen {
    pub panel: SettingsPanel,
}

impl SettingsScreen {
    pub fn new(ctx: &mut ScreenContext) -> SettingsScreen {
        let mut screen = SettingsScreen {
            panel: SettingsPanel::new(ctx.service.session().unit.as_ref(), Vec::new()),
        };
        screen.refresh(ctx);
        screen
    }

    /// Shows the unit and the backups as they are now.
    pub fn refresh(&mut self, ctx: &mut ScreenContext) {
        match ctx.service.backups() {
            Ok(backups) => self
                .panel
                .refresh(ctx.service.session().unit.as_ref(), backups),
            Err(e) => ctx
                .status
                .say(format!("Không đọc được danh sách bản sao lưu: {e}"), true),
        }
    }

    pub fn show(&mut self, ui: &mut Ui, ctx: &mut ScreenContext) -> SettingsRequest {
        let reference = ctx.reference.clone();
        let catalog = ctx.service.session().unit.is_some().then(|| {
            (
                &*reference,
                reference.province_code.as_str(),
                ctx.service.today(),
            )
        });
        let path = ctx.service.database_path().to_owned();
        let action = self.panel.ui(ui, &path, &reference.provinces, catalog);
        match action {
            SettingsAction::SaveUnit(unit) => {
                if save_unit(ctx, &unit) {
                    return SettingsRequest::UnitSaved;
                }
            }
            SettingsAction::BackupNow => {
                match ctx.service.backup_now() {
                    Ok(dest) => ctx
                        .status
                        .say(format!("Đã sao lưu vào {}.", dest.display()), false),
                    Err(e) => ctx.status.say(e.to_string(), true),
                }
                self.refresh(ctx);
            }
            SettingsAction::Restore(path) => {
                let restored = ctx.service.restore(&path);
                match &restored {
                    Ok(safety) => ctx.status.say(
                        format!(
                            "Đã khôi phục dữ liệu. Dữ liệu trước khi khôi phục được giữ ở {}.",
                            safety.display()
                        ),
                        false,
                    ),
                    Err(e) => ctx.status.say(e.to_string(), true),
                }
                self.refresh(ctx);
                if restored.is_ok() {
                    return SettingsRequest::Restored;
                }
            }
            SettingsAction::Catalog(change) => {
                let done = ctx.service.apply_catalog_change(&change);
                ctx.status.outcome(done);
            }
            SettingsAction::None => {}
        }
        SettingsRequest::None
    }
}

/// Stores the unit; true when it was saved.
pub fn save_unit(ctx: &mut ScreenContext, unit: &UnitSettings) -> bool {
    match ctx.service.save_unit(unit) {
        Ok(()) => {
            ctx.status.say("Đã lưu cài đặt đơn vị.", false);
            true
        }
        Err(e) => {
            ctx.status.say(e.to_string(), true);
            false
        }
    }
}
