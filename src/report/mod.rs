//! The official report: figures frozen at a moment → an [`OfficialDocument`] → laid-out pages
//! → PDF (printpdf) and XLSX (rust_xlsxwriter). Knows nothing of egui; reads the store only
//! through the figures it is given.

pub mod appendices;
pub mod assemble;
pub mod document;
pub mod error;
pub mod layout;
pub mod narrative;
pub mod page;
pub mod pdf;
pub mod print_font;
pub mod rounding;
pub mod xlsx;

pub use assemble::build_document;
pub use document::{
    Align, Appendix, Block, Cell, Column, MillionsDecimals, OfficialDocument, Row, RowKind, Signer,
    Table,
};
pub use error::ReportError;
pub use layout::layout;
pub use narrative::new_draft;
pub use page::{Face, Page, PageItem};
pub use pdf::{DocumentInfo, render_pdf, write_pdf};
pub use xlsx::{XlsxError, write_xlsx};

// The report's data lives in the domain; these names keep the report's own paths short.
pub use crate::domain::report::{ReportDefaults, ReportFigures, ReportKind, SavedReport};
