//! The official report: figures frozen at a moment → an [`OfficialDocument`] → laid-out pages
//! → PDF (printpdf) and XLSX (rust_xlsxwriter). Knows nothing of egui; reads the store only
//! through the figures it is given.

pub mod document;
pub mod error;
pub mod layout;
pub mod page;
pub mod pdf;
pub mod print_font;
pub mod xlsx;

pub use document::{
    Align, Appendix, Block, Cell, Column, OfficialDocument, Row, RowKind, Signer, Table,
};
pub use error::ReportError;
pub use layout::layout;
pub use page::{Face, Page, PageItem};
pub use pdf::{render_pdf, write_pdf};
pub use xlsx::{XlsxError, write_xlsx};
