//! A copy of the database in its backups folder, as the Cài đặt screen lists it.

use std::path::PathBuf;

/// One file in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub size_bytes: u64,
    /// Local time the backup was taken, from its name: "dd/mm/yyyy hh:mm:ss".
    pub taken_at: String,
}
