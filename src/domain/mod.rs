//! Plain types and rules of the khuyến công domain. No I/O, no SQL, no UI.

pub mod activity_content;
pub mod admin_unit;
pub mod budget_plan;
pub mod cnnt_definition;
pub mod establishment;
pub mod establishment_draft;
pub mod establishment_field;
pub mod establishment_validation;
pub mod funding_source;
pub mod industry;
pub mod issue;
pub mod legal_form;
pub mod plan_registration;
pub mod programme;
pub mod programme_target;
pub mod project;
pub mod project_rules;
pub mod project_status;
pub mod registration_deadline;
pub mod rule_term;
pub mod support_ceiling;
pub mod tax_code;
pub mod unit_settings;
