//! egui screens. The UI calls the service and the pure layers; never the store, never SQL.
//! One file per panel.

pub mod about_window;
pub mod app;
pub mod budget_panel;
pub mod catalog_editor;
pub mod dashboard_panel;
pub mod data_problems_panel;
pub mod establishment_form;
pub mod file_picker;
pub mod fonts;
pub mod project_form;
pub mod project_view;
pub mod projects_panel;
pub mod registration_panel;
pub mod registry_panel;
pub mod registry_view;
pub mod report_panel;
pub mod report_preview;
pub mod settings_panel;
pub mod style;
pub mod unit_editor;
pub mod widgets;
