//! The official report: figures frozen at a moment → an [`OfficialDocument`] → laid-out pages
//! → PDF (printpdf) and XLSX (rust_xlsxwriter). Knows nothing of egui; reads the store only
//! through the figures it is given.

pub mod appendices;
pub mod assemble;
pub mod document;
pub mod error;
pub mod figures;
pub mod layout;
pub mod narrative;
pub mod page;
pub mod pdf;
pub mod print_font;
pub mod report_kind;
pub mod rounding;
pub mod saved_report;
pub mod xlsx;

pub use assemble::build_document;
pub use document::{
    Align, Appendix, Block, Cell, Column, OfficialDocument, Row, RowKind, Signer, Table,
};
pub use error::ReportError;
pub use figures::ReportFigures;
pub use layout::layout;
pub use page::{Face, Page, PageItem};
pub use pdf::{render_pdf, write_pdf};
pub use report_kind::ReportKind;
pub use saved_report::{ReportDefaults, SavedReport};
pub use xlsx::{XlsxError, write_xlsx};
