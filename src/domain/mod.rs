//! Plain types and rules of the khuyến công domain. No I/O, no SQL, no UI.

pub mod admin_unit;
pub mod cnnt_definition;
pub mod establishment;
pub mod establishment_draft;
pub mod establishment_field;
pub mod establishment_validation;
pub mod industry;
pub mod issue;
pub mod legal_form;
pub mod tax_code;
pub mod unit_settings;
