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
    #[error("Không đọc/ghi được tệp {path}: {}", io_reason(.source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Database(#[source] DatabaseFailure),
    #[error("Không nâng cấp được cấu trúc dữ liệu của tệp: {0}")]
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

/// What SQLite (or the migrations) reported: a Vietnamese reason chosen from SQLite's error
/// code, shown to the user, and the whole technical error kept as the source for the support
/// log. Nothing outside the store names a rusqlite type.
#[derive(Debug)]
pub struct DatabaseFailure {
    reason: &'static str,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl DatabaseFailure {
    /// The Vietnamese reason shown to the user.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl std::fmt::Display for DatabaseFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // SQLite's own English text is only in the source chain (the log), never here.
        f.write_str(self.reason)
    }
}

impl std::error::Error for DatabaseFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// What the user should read for an SQLite error code: what happened and what to do.
pub fn sqlite_reason(code: rusqlite::ErrorCode) -> &'static str {
    use rusqlite::ErrorCode as C;
    match code {
        C::DiskFull => {
            "Ổ đĩa chứa tệp dữ liệu đã đầy nên không ghi được. Hãy giải phóng chỗ trống trên ổ \
             đĩa rồi thử lại; dữ liệu đã lưu trước đó không bị mất."
        }
        C::DatabaseBusy | C::DatabaseLocked => {
            "Tệp dữ liệu đang được một cửa sổ hoặc chương trình khác dùng nên tạm thời không ghi \
             được. Hãy đóng cửa sổ kia (hoặc đợi một lát) rồi thử lại."
        }
        C::CannotOpen => {
            "Không mở được tệp dữ liệu: thư mục không tồn tại, không có quyền truy cập, hoặc đường \
             dẫn không phải là một tệp. Hãy kiểm tra đường dẫn và quyền của thư mục."
        }
        C::ReadOnly => {
            "Tệp dữ liệu (hoặc thư mục chứa nó) chỉ cho phép đọc nên không ghi được. Hãy bỏ thuộc \
             tính chỉ đọc hoặc chép tệp sang thư mục có quyền ghi."
        }
        C::DatabaseCorrupt | C::NotADatabase => {
            "Tệp dữ liệu bị hỏng hoặc không phải tệp của Sổ Khuyến công. Đừng ghi đè tệp; hãy \
             liên hệ người hỗ trợ kỹ thuật trước khi khôi phục bản sao lưu."
        }
        C::PermissionDenied | C::AuthorizationForStatementDenied => {
            "Không có quyền đọc/ghi tệp dữ liệu. Hãy kiểm tra quyền của tệp và thư mục chứa nó."
        }
        C::SystemIoFailure | C::NoLargeFileSupport => {
            "Hệ điều hành báo lỗi khi đọc/ghi tệp dữ liệu (ổ đĩa, USB hoặc ổ mạng có vấn đề). Hãy \
             kiểm tra ổ đĩa rồi thử lại."
        }
        C::FileLockingProtocolFailed => {
            "Không khóa được tệp dữ liệu (thường gặp khi tệp nằm trên ổ mạng). Hãy chép tệp về máy \
             rồi mở lại."
        }
        C::ConstraintViolation => {
            "Dữ liệu vi phạm ràng buộc của tệp (trùng mã hoặc tham chiếu đến bản ghi không còn) \
             nên chưa được lưu."
        }
        C::TooBig => "Dữ liệu quá lớn để lưu vào tệp nên chưa được lưu.",
        C::OutOfMemory => "Máy không đủ bộ nhớ để thực hiện thao tác. Hãy đóng bớt chương trình.",
        C::OperationInterrupted | C::OperationAborted => {
            "Thao tác với tệp dữ liệu bị ngắt giữa chừng; dữ liệu không thay đổi."
        }
        C::SchemaChanged | C::TypeMismatch | C::NotFound => {
            "Cấu trúc tệp dữ liệu không như phần mềm chờ đợi; tệp có thể do phiên bản khác ghi."
        }
        _ => "Phần mềm không đọc/ghi được tệp dữ liệu do một lỗi nội bộ của cơ sở dữ liệu.",
    }
}

/// The Vietnamese reason of any rusqlite error.
fn rusqlite_reason(e: &rusqlite::Error) -> &'static str {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => sqlite_reason(f.code),
        rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::InvalidColumnType(..)
        | rusqlite::Error::IntegralValueOutOfRange(..) => {
            "Một bản ghi trong tệp có giá trị không đọc được (tệp có thể bị hỏng hoặc do chương \
             trình khác ghi)."
        }
        rusqlite::Error::QueryReturnedNoRows => "Không tìm thấy bản ghi cần đọc trong tệp.",
        _ => "Phần mềm không đọc/ghi được tệp dữ liệu do một lỗi nội bộ của cơ sở dữ liệu.",
    }
}

/// What the user should read for a file error, by its kind; the OS text goes only to the log.
pub fn io_reason(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "tệp hoặc thư mục không tồn tại.",
        K::PermissionDenied => "không có quyền truy cập; hãy kiểm tra quyền của tệp và thư mục.",
        K::AlreadyExists => "ở đó đã có một tệp hoặc thư mục cùng tên.",
        K::StorageFull => "ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi thử lại.",
        K::ReadOnlyFilesystem => "ổ đĩa hoặc thư mục chỉ cho phép đọc.",
        K::IsADirectory => "đường dẫn là một thư mục, không phải tệp.",
        K::NotADirectory => "một phần của đường dẫn không phải là thư mục.",
        K::InvalidFilename | K::InvalidInput => "tên hoặc đường dẫn tệp không hợp lệ.",
        K::ResourceBusy => "tệp đang được chương trình khác dùng.",
        K::FileTooLarge => "tệp quá lớn.",
        K::Interrupted | K::TimedOut => "thao tác bị ngắt giữa chừng; hãy thử lại.",
        K::UnexpectedEof | K::InvalidData => "nội dung tệp không đọc được (tệp có thể bị hỏng).",
        K::OutOfMemory => "máy không đủ bộ nhớ.",
        _ => "hệ điều hành báo lỗi khi đọc/ghi tệp.",
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Database(DatabaseFailure {
            reason: rusqlite_reason(&e),
            source: Box::new(e),
        })
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(e: rusqlite_migration::Error) -> StoreError {
        let reason = match &e {
            rusqlite_migration::Error::RusqliteError { err, .. } => rusqlite_reason(err),
            _ => {
                "tệp có cấu trúc không như phần mềm chờ đợi (có thể do phiên bản khác hoặc \
                 chương trình khác ghi); tệp không bị thay đổi."
            }
        };
        StoreError::Migration(DatabaseFailure {
            reason,
            source: Box::new(e),
        })
    }
}

/// Maps an I/O failure on `path` to the store's error naming that file.
pub(crate) fn io_err(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> StoreError {
        StoreError::from(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            Some("database or disk is full".into()),
        ))
    }

    #[test]
    fn sqlite_codes_read_in_vietnamese_and_keep_the_english_for_the_log() {
        let full = sqlite(rusqlite::ffi::SQLITE_FULL);
        assert!(full.to_string().contains("Ổ đĩa chứa tệp dữ liệu đã đầy"));
        assert!(!full.to_string().contains("disk is full"));
        let source = std::error::Error::source(&full).and_then(std::error::Error::source);
        assert!(source.is_some_and(|s| s.to_string().contains("disk is full")));
        assert!(
            sqlite(rusqlite::ffi::SQLITE_BUSY)
                .to_string()
                .contains("đang được")
        );
        assert!(
            sqlite(rusqlite::ffi::SQLITE_READONLY)
                .to_string()
                .contains("chỉ cho phép đọc")
        );
        assert!(
            sqlite(rusqlite::ffi::SQLITE_CANTOPEN)
                .to_string()
                .contains("Không mở được")
        );
    }

    #[test]
    fn file_errors_read_in_vietnamese() {
        let e = StoreError::Io {
            path: "a.db".into(),
            source: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        };
        assert_eq!(
            e.to_string(),
            "Không đọc/ghi được tệp a.db: ở đó đã có một tệp hoặc thư mục cùng tên."
        );
    }
}
