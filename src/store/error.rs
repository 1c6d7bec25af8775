//! Everything that can go wrong in the store, with messages in Vietnamese.

use std::path::PathBuf;

use crate::domain::issue::Issue;
use crate::domain::stale_save::StaleSave;

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
    #[error(
        "{0} là một thư mục, không phải tệp dữ liệu của Sổ Khuyến công. Hãy chọn tệp .db bằng tham số --db."
    )]
    Directory(PathBuf),
    #[error("Tệp {0} rỗng, chưa có dữ liệu (0 byte). Tệp không bị thay đổi.")]
    EmptyFile(PathBuf),
    #[error(
        "Tệp {path} là cơ sở dữ liệu của một chương trình khác ({why}), không phải tệp dữ liệu của Sổ Khuyến công. Tệp không bị thay đổi."
    )]
    Foreign { path: PathBuf, why: String },
    #[error(
        "Tệp {path} có cấu trúc dữ liệu cũ (phiên bản {found}); cần mở bằng Sổ Khuyến công một lần để nâng cấp (phần mềm sao lưu tệp trước khi nâng cấp). Tệp không bị thay đổi."
    )]
    NeedsUpgrade { path: PathBuf, found: i64 },
    #[error(
        "Tệp {0} còn dở một lần ghi do máy hoặc phần mềm tắt đột ngột (tệp -journal bên cạnh). Dữ liệu không hỏng: hãy mở tệp bằng Sổ Khuyến công một lần để SQLite hoàn tất phục hồi. Tệp không bị thay đổi."
    )]
    HotJournal(PathBuf),
    #[error(
        "Tệp {0} còn những lần lưu chưa gộp vào tệp (tệp -wal bên cạnh), mà thư mục không cho ghi nên không đọc được chúng. Hãy chép cả tệp .db và tệp -wal bên cạnh vào một thư mục ghi được rồi mở bản chép. Tệp không bị thay đổi."
    )]
    PendingWal(PathBuf),
    /// The file was opened only for reading; `0` says why, naming the file.
    #[error("Không lưu được thay đổi. {0}")]
    ReadOnly(String),
    #[error("Không tạo được tệp dữ liệu {path}: {why}")]
    CannotCreate { path: PathBuf, why: String },
    /// The health check failed: no backup was taken, a quarantine copy was kept.
    #[error("{0}")]
    Damaged(Box<Damage>),
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
    #[error("Đã hủy thao tác; dữ liệu không thay đổi.")]
    Cancelled,
    /// A save or deletion from a copy loaded before someone else saved the record: refused,
    /// nothing written; it carries the stored version for the form to show beside the user's.
    #[error("{0}")]
    Conflict(Box<StaleSave>),
}

/// A file that failed its health check, as the failure screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub path: PathBuf,
    /// What SQLite's check found, one line each.
    pub problems: Vec<String>,
    /// The copy of the damaged file kept beside it, if it could be made.
    pub quarantine: Option<PathBuf>,
    /// The newest backup that passes its check.
    pub backup: Option<crate::domain::backup_file::BackupFile>,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Tệp {} bị hỏng: {}. Tệp chưa được sao lưu để bản hỏng không đẩy các bản sao lưu tốt ra ngoài.",
            self.path.display(),
            self.problems.join("; ")
        )?;
        if let Some(q) = &self.quarantine {
            write!(f, " Đã giữ một bản sao của tệp hỏng tại {}.", q.display())?;
        }
        Ok(())
    }
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
