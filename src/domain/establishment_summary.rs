//! One row of the registry list: what the Cơ sở CNNT table shows and filters on.

use uuid::Uuid;

use crate::domain::legal_form::LegalForm;

/// One row of the registry table: what the list shows and filters on.
#[derive(Debug, Clone, PartialEq)]
pub struct EstablishmentSummary {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub legal_form: Option<LegalForm>,
    /// Current commune, or the default successor of the old commune for pre-2025 records.
    pub commune_code: String,
    pub commune_name: String,
    pub industry_code: String,
    pub workers_total: Option<i64>,
    pub tax_code: String,
    pub representative: String,
}
