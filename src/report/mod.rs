//! The official report: figures frozen at a moment → an [`OfficialDocument`] → laid-out pages
//! → PDF (printpdf) and XLSX (rust_xlsxwriter). Knows nothing of egui; reads the store only
//! through the figures it is given.

pub mod document;
pub mod xlsx;

pub use document::{
    Align, Appendix, Block, Cell, Column, OfficialDocument, Row, RowKind, Signer, Table,
};
pub use xlsx::{XlsxError, write_xlsx};
