//! Reusable input widgets.

pub mod confirm;
pub mod date_edit;
pub mod list_keys;
pub mod money_edit;
pub mod searchable_picker;
pub mod select_all;
pub mod stale_save_view;
