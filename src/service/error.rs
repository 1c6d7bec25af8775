//! Why a use case could not be carried out, in Vietnamese, naming what failed. The window
//! shows the text once (status line or dialog); the technical detail behind a store or file
//! failure stays in the source chain for the log.

use crate::budget::BudgetError;
use crate::report::{ReportError, XlsxError};
use crate::store::StoreError;

/// A use case's failure. Display texts are shown to users as they are.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Budget(#[from] BudgetError),
    #[error("{0}")]
    Pdf(#[from] ReportError),
    #[error("{0}")]
    Xlsx(#[from] XlsxError),
    #[error("Không ghi được tệp {path}: {}", crate::store::error::io_reason(.source))]
    Write {
        path: String,
        source: std::io::Error,
    },
    /// A domain rule refused what was asked.
    #[error("{0}")]
    Domain(#[from] crate::domain::refusal::Refusal),
    /// Something the user asked for that the rules do not allow, said in Vietnamese.
    #[error("{0}")]
    Refused(String),
    /// A record that was there a moment ago (another window may have deleted it).
    #[error("Không tìm thấy {0} (có thể đã bị xóa).")]
    NotFound(&'static str),
    #[error("Đã hủy thao tác; dữ liệu không thay đổi.")]
    Cancelled,
}

impl ServiceError {
    /// The stored version behind a refused stale save, for the form to show beside the
    /// user's; None for every other failure.
    pub fn stale_save(&self) -> Option<&crate::domain::stale_save::StaleSave> {
        match self {
            ServiceError::Store(StoreError::Conflict(stale)) => Some(stale),
            _ => None,
        }
    }
}

/// The Vietnamese reason of a file error, for the layers that may not name the store.
pub use crate::store::error::io_reason;

/// Result alias of the service.
pub type ServiceResult<T> = Result<T, ServiceError>;
