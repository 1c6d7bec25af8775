//! Everything that can go wrong in the store, with messages in Vietnamese.

use std::path::PathBuf;

use crate::domain::issue::Issue;

/// A store failure. Display texts are shown to users as they are.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Không tìm thấy tệp dữ liệu {0}.")]
    FileNotFound(PathBuf),
    #[error(
        "Tệp {0} không phải là tệp dữ liệu của Sổ Khuyến công (không phải cơ sở dữ liệu SQLite). Tệp không bị thay đổi."
    )]
    NotADatabase(PathBuf),
    #[error(
        "Tệp {path} được tạo bởi phiên bản mới hơn của Sổ Khuyến công (phiên bản dữ liệu {found}, phần mềm này đọc được đến {supported}). Hãy cập nhật phần mềm; tệp không bị thay đổi."
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("Không đọc/ghi được tệp {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Database(#[source] DatabaseFailure),
    #[error("Không nâng cấp được cấu trúc dữ liệu: {0}")]
    Migration(#[source] DatabaseFailure),
    #[error("Danh mục {file}, dòng {line}: {message}")]
    ReferenceData {
        file: &'static str,
        line: usize,
        message: String,
    },
    #[error("Bản ghi có lỗi nên chưa được lưu: {}", .0.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<Issue>),
    #[error("Không tìm thấy bản ghi {0} (có thể đã bị xóa).")]
    RecordNotFound(String),
    #[error("Không ghi được: {0}")]
    Refused(String),
    #[error("Tệp {0} đã có dữ liệu; lệnh demo chỉ điền vào tệp mới, không ghi đè dữ liệu thật.")]
    NotEmpty(PathBuf),
    /// A value that could not be turned into what the file keeps (JSON of a record).
    #[error("Không ghi được {what}: {reason}")]
    Unwritable { what: String, reason: String },
    /// Data in the file that cannot be read back (damaged, or written by another program).
    #[error("Dữ liệu {what} trong tệp bị hỏng, không đọc được ({reason}).")]
    Unreadable { what: String, reason: String },
    #[error("Tệp sao lưu {path} không dùng được: {reason}")]
    BadBackup { path: PathBuf, reason: String },
    /// A copy that could not end well (it made no progress, took too long, or the copy failed
    /// its check); nothing carries the final name and the older copies stay.
    #[error("Không sao lưu được vào {path}: {reason}")]
    CopyFailed { path: PathBuf, reason: String },
    #[error("Đã hủy thao tác; dữ liệu không thay đổi.")]
    Cancelled,
}

/// Result alias of the store.
pub type StoreResult<T> = Result<T, StoreError>;

/// What SQLite (or the migrations) reported, kept whole for the log but opaque to the layers
/// above: nothing outside the store names a rusqlite type.
#[derive(Debug)]
pub struct DatabaseFailure(Box<dyn std::error::Error + Send + Sync>);

impl std::fmt::Display for DatabaseFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DatabaseFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Database(DatabaseFailure(Box::new(e)))
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(e: rusqlite_migration::Error) -> StoreError {
        StoreError::Migration(DatabaseFailure(Box::new(e)))
    }
}
