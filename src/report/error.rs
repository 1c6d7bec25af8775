//! Why a report could not be written; the messages are shown to users as they are.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReportError {
    /// Nothing to print: a PDF needs at least one page.
    #[error("văn bản không có trang nào để in")]
    NoPages,
    /// printpdf reported an error while writing (a font it could not embed, …).
    #[error("không tạo được tệp PDF do lỗi nội bộ của bộ tạo PDF (chi tiết trong nhật ký hỗ trợ).")]
    Pdf(String),
}
