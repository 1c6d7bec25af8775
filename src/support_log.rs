//! Nhật ký hỗ trợ: the technical detail behind every error a user is shown (SQLite's and the
//! system's English texts, the whole `source()` chain, panics), appended to one file that
//! support can ask for. The user reads Vietnamese; this file keeps what a developer needs.
//!
//! A layer of its own that uses nothing of the crate, so the window, the command line and the
//! service can all write to it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Set to a file path to put the log elsewhere (tests, a portable install).
pub const LOCATION_VARIABLE: &str = "KHUYENCONG_NHAT_KY";
/// Past this size the log is rolled to `.1` (the one older copy kept), so it never grows without
/// bound on a PC that reports the same error every minute.
pub const MAX_BYTES: u64 = 1_000_000;

/// A location chosen by the program (tests, or beside the database when there is no data
/// folder); wins over the variable and the default.
static CHOSEN: Mutex<Option<PathBuf>> = Mutex::new(None);
/// One writer at a time, so two threads' entries do not interleave.
static WRITING: Mutex<()> = Mutex::new(());

/// Puts the log at `path` from now on.
pub fn set_location(path: PathBuf) {
    let mut chosen = CHOSEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    *chosen = Some(path);
}

/// Where the log goes when the user's data folder is unknown: a `nhat-ky` folder beside the
/// database. Has no effect when a data folder or the variable gives a place.
pub fn fall_back_beside(database: &Path) {
    if std::env::var_os(LOCATION_VARIABLE).is_some() || data_folder_log().is_some() {
        return;
    }
    let dir = database.parent().unwrap_or_else(|| Path::new("."));
    set_location(dir.join("nhat-ky").join("khuyencong.log"));
}

fn data_folder_log() -> Option<PathBuf> {
    // The crate's own unit tests never write into the real home.
    if cfg!(test) {
        return Some(
            std::env::temp_dir()
                .join("khuyencong-kiem-thu")
                .join("khuyencong.log"),
        );
    }
    directories::ProjectDirs::from("vn", "KhuyenCong", "SoKhuyenCong")
        .map(|d| d.data_local_dir().join("nhat-ky").join("khuyencong.log"))
}

/// The log file: a chosen place, else `KHUYENCONG_NHAT_KY`, else `nhat-ky/khuyencong.log` in
/// the user's data folder (beside the default database), else in the working folder.
pub fn location() -> PathBuf {
    let chosen = CHOSEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    chosen
        .or_else(|| std::env::var_os(LOCATION_VARIABLE).map(PathBuf::from))
        .or_else(data_folder_log)
        .unwrap_or_else(|| PathBuf::from("nhat-ky").join("khuyencong.log"))
}

/// Appends `error` with its whole source chain, under `context` (what the user was doing).
/// Returns the log's path when the entry was written.
pub fn record(context: &str, error: &(dyn std::error::Error + 'static)) -> Option<PathBuf> {
    let mut detail = format!("{error}\n  chi tiết: {error:?}");
    let mut cause = error.source();
    while let Some(e) = cause {
        detail.push_str(&format!("\n  nguyên nhân: {e}"));
        cause = e.source();
    }
    record_text(context, &detail)
}

/// Appends a free text (a panic's message and place) under `context`.
pub fn record_text(context: &str, detail: &str) -> Option<PathBuf> {
    let path = location();
    let _guard = WRITING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let entry = format!(
        "[{}] {context}\n  {detail}\n",
        chrono::Local::now().format("%Y-%m-%d %H:%M:%S %:z")
    );
    match append(&path, &entry) {
        Ok(()) => Some(path),
        Err(e) => {
            // The last place left to say it: a console, when there is one.
            eprintln!("Không ghi được nhật ký {}: {e}\n{entry}", path.display());
            None
        }
    }
}

fn append(path: &Path, entry: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_BYTES) {
        let mut older = path.as_os_str().to_owned();
        older.push(".1");
        std::fs::rename(path, PathBuf::from(older))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(entry.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("Không ghi được tệp a.db: ổ đĩa đã đầy.")]
    struct Shown(#[source] std::io::Error);

    #[test]
    fn the_log_keeps_the_technical_chain_and_rolls_over_a_megabyte() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("nhat-ky").join("khuyencong.log");
        set_location(path.clone());
        let error = Shown(std::io::Error::other("database or disk is full"));
        assert_eq!(record("Lưu cơ sở", &error), Some(path.clone()));
        let text = std::fs::read_to_string(&path).expect("log");
        assert!(text.contains("Lưu cơ sở"), "{text}");
        assert!(text.contains("ổ đĩa đã đầy"), "{text}");
        assert!(
            text.contains("nguyên nhân: database or disk is full"),
            "{text}"
        );

        std::fs::write(&path, vec![b'x'; MAX_BYTES as usize + 1]).expect("fill");
        record_text("Sau khi đầy", "chi tiết");
        let older = dir.path().join("nhat-ky").join("khuyencong.log.1");
        assert!(std::fs::metadata(&older).is_ok_and(|m| m.len() > MAX_BYTES));
        let text = std::fs::read_to_string(&path).expect("log");
        assert!(text.contains("Sau khi đầy") && text.len() < 1_000, "{text}");
    }
}
