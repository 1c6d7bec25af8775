//! One seat per file: the window that opens a file for writing holds a lock beside it for as
//! long as it keeps the file open, so a second window (this PC, or another through a share)
//! opens it read-only, naming who has it, instead of silently overwriting that person's saves.
//!
//! Two files: `<stem>.dang-mo` is only locked (`File::try_lock`, released by the system when the
//! process dies, so a lock left by a crash is simply taken over), and `<stem>.dang-mo.txt` says
//! who holds it. They are separate because on Windows a locked file cannot be read by others.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::{StoreError, StoreResult};
use super::opening::{folder_of, stem};

/// The lock a read-write window holds; dropping it frees the file for the next one.
#[derive(Debug)]
pub struct SeatLock {
    _file: File,
    info: PathBuf,
}

impl Drop for SeatLock {
    fn drop(&mut self) {
        // The note goes first, while the lock is still held, so nobody reads a stale one.
        let _ = std::fs::remove_file(&self.info);
    }
}

/// Who holds a file, as their note says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatHolder {
    pub user: String,
    pub computer: String,
    pub process: String,
    pub since: String,
}

impl SeatHolder {
    /// The banner's text for a second window.
    pub fn explain(&self, db: &Path) -> String {
        format!(
            "Tệp {} đang được mở bởi {} trên máy {} từ {}; bạn chỉ xem được, không lưu được thay đổi. Khi người đó đóng Sổ Khuyến công, hãy mở lại tệp để sửa.",
            db.display(),
            self.user,
            self.computer,
            self.since
        )
    }
}

/// The file that is locked while `db` is open for writing.
pub fn lock_path(db: &Path) -> PathBuf {
    folder_of(db).join(format!("{}.dang-mo", stem(db)))
}

/// The note saying who holds the lock.
pub fn note_path(db: &Path) -> PathBuf {
    folder_of(db).join(format!("{}.dang-mo.txt", stem(db)))
}

/// Takes the seat of `db`: Ok(Ok(lock)) when free (or left by a process that died), Ok(Err(who))
/// when another window holds it.
pub fn take(db: &Path) -> StoreResult<Result<SeatLock, SeatHolder>> {
    let path = lock_path(db);
    let io_err = |path: &Path| {
        let path = path.to_owned();
        move |source| StoreError::Io { path, source }
    };
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io_err(&path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(Err(read_holder(db))),
        Err(TryLockError::Error(e)) => return Err(io_err(&path)(e)),
    }
    let info = note_path(db);
    let note = format!(
        "user={}\ncomputer={}\nprocess={}\nsince={}\n",
        user_name(),
        computer_name(),
        std::process::id(),
        chrono::Local::now().format("%H:%M ngày %d/%m/%Y")
    );
    let mut f = File::create(&info).map_err(io_err(&info))?;
    f.write_all(note.as_bytes()).map_err(io_err(&info))?;
    Ok(Ok(SeatLock { _file: file, info }))
}

/// The holder's note; a note that cannot be read still yields a holder, said as unknown.
fn read_holder(db: &Path) -> SeatHolder {
    let text = std::fs::read_to_string(note_path(db)).unwrap_or_default();
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .unwrap_or("(không rõ)")
            .to_owned()
    };
    SeatHolder {
        user: field("user"),
        computer: field("computer"),
        process: field("process"),
        since: field("since"),
    }
}

/// The logged-in user's name, as the system gives it.
pub fn user_name() -> String {
    ["USERNAME", "USER", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "(không rõ)".into())
}

/// This computer's name.
pub fn computer_name() -> String {
    ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .or_else(|| {
            std::fs::read_to_string("/proc/sys/kernel/hostname")
                .ok()
                .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "(không rõ)".into())
}
