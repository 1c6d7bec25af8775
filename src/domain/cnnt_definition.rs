//! Who counts as a cơ sở công nghiệp nông thôn, as dated data (DOMAIN.md §1.1–1.2).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::legal_form::LegalForm;

/// One version of the CNNT definition: the legal forms it admits and its place rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CnntDefinition {
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub source: String,
    pub eligible_forms: Vec<LegalForm>,
    /// ND 235/2025: a phường of a thành phố trực thuộc trung ương is CNNT only inside a
    /// recognised làng nghề.
    pub central_city_ward_needs_craft_village: bool,
}

impl CnntDefinition {
    /// True when this version is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date <= end)
    }

    /// The version in force on `date`, if any.
    pub fn in_force(definitions: &[CnntDefinition], date: NaiveDate) -> Option<&CnntDefinition> {
        definitions.iter().find(|d| d.in_force_on(date))
    }
}
