//! The report's data: what kind of report, its figures, and the report as staff keep it (number,
//! signer, narrative, and the frozen figures once finalised). Plain serde data, stored by the
//! store and laid out by `report/`.

pub mod figures;
pub mod filing;
pub mod report_kind;
pub mod saved_report;
pub mod signer;

pub use figures::ReportFigures;
pub use filing::Filing;
pub use report_kind::ReportKind;
pub use saved_report::{Frozen, ReportDefaults, SavedReport};
pub use signer::{Authority, Signer};
