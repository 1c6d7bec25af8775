//! Reusable input widgets.

pub mod searchable_picker;
