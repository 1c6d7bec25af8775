//! Keys of the establishment form's fields, shared by validation (which names the field a
//! finding belongs to) and the UI (which shows the finding beside that field).

pub const NAME: &str = "name";
pub const LEGAL_FORM: &str = "legal_form";
pub const TAX_CODE: &str = "tax_code";
pub const REGISTRATION_NO: &str = "registration_no";
pub const REGISTRATION_DATE: &str = "registration_date";
pub const REPRESENTATIVE: &str = "representative";
pub const PHONE: &str = "phone";
pub const EMAIL: &str = "email";
pub const PROVINCE: &str = "province";
pub const COMMUNE: &str = "commune";
pub const LEGACY_COMMUNE: &str = "legacy_commune";
pub const CRAFT_VILLAGE: &str = "craft_village";
pub const INDUSTRY: &str = "industry";
pub const WORKERS_TOTAL: &str = "workers_total";
pub const WORKERS_FEMALE: &str = "workers_female";
pub const WORKERS_ETHNIC_MINORITY: &str = "workers_ethnic_minority";
pub const CAPITAL: &str = "capital";
pub const REVENUE: &str = "revenue";
pub const FOUNDED_YEAR: &str = "founded_year";
pub const RECOGNITIONS: &str = "recognitions";
/// Findings about the record as a whole (duplicates).
pub const RECORD: &str = "";
