//! What a database file is, found without writing a byte of it: missing, a folder, empty, not
//! SQLite, another program's SQLite file, ours but newer or older, and whether it can be written
//! here (read-only file or folder, network path). Opening decides from this what it may do; a
//! wrong guess here is what once told users to restore a backup over good data.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::error::{StoreError, StoreResult};
use super::{SQLITE_HEADER, migrations};

/// What the file at a path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Nothing there yet.
    Missing,
    /// A folder where the file should be.
    Directory,
    /// 0 bytes: a first start killed before it wrote anything.
    Empty,
    /// Not an SQLite database at all.
    NotSqlite,
    /// An SQLite database of another program; `why` says how it was told apart.
    Foreign { why: String },
    /// Ours, written by a newer version.
    TooNew { found: i64 },
    /// Ours, of an older schema: the app must migrate it (after its startup backup).
    Older { found: i64 },
    /// Ours, of the current schema.
    Current,
    /// An SQLite database with no tables at all (`user_version` 0): treated as a new file.
    Blank,
    /// SQLite says the file is corrupt (its first page or its schema cannot be read).
    Damaged { why: String },
    /// A hot journal hides what the file is until SQLite has rolled it back.
    Unsettled,
}

/// Why a file can only be read here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyCause {
    /// The file itself is read-only (permissions or the Windows read-only attribute).
    File,
    /// The folder does not let a file be created beside it (SQLite needs its journal there).
    Folder,
    /// The file is on a network share (`fs` names the share's kind): WAL is unsafe across PCs.
    Network { fs: String },
}

impl ReadOnlyCause {
    /// The banner's text: why the file is only shown, and what to do instead.
    pub fn explain(&self, path: &Path) -> String {
        match self {
            ReadOnlyCause::File => format!(
                "Tệp {} chỉ cho phép đọc (thuộc tính chỉ đọc), nên chỉ xem được, không lưu được thay đổi. Muốn sửa: bỏ thuộc tính chỉ đọc của tệp, hoặc chép tệp vào một thư mục của máy này.",
                path.display()
            ),
            ReadOnlyCause::Folder => format!(
                "Thư mục chứa tệp {} không cho phép ghi, nên tệp chỉ xem được, không lưu được thay đổi. Muốn sửa: chép tệp vào một thư mục ghi được của máy này.",
                path.display()
            ),
            ReadOnlyCause::Network { fs } => format!(
                "Tệp {} nằm trên ổ mạng ({fs}). Sổ Khuyến công không ghi vào tệp trên ổ mạng vì cách ghi của SQLite (WAL) không an toàn khi nhiều máy cùng mở, dữ liệu có thể hỏng; tệp chỉ xem được. Muốn sửa: chép tệp về máy này, hoặc gửi dữ liệu cho nơi khác bằng gói trao đổi dữ liệu.",
                path.display()
            ),
        }
    }
}

/// Everything opening needs to know about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub path: PathBuf,
    pub kind: Kind,
    /// A `-journal` left by a crash: SQLite rolls it back on the next read-write open.
    pub hot_journal: bool,
    /// Set when this file cannot be written from here.
    pub read_only: Option<ReadOnlyCause>,
    /// The file is in WAL mode (header bytes 18 and 19 are 2): a reader needs its `-shm`.
    pub wal: bool,
}

/// The 100-byte header fields opening looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header {
    user_version: i64,
    application_id: i64,
    wal: bool,
}

/// Reads the header of an SQLite file (None when the bytes are not SQLite's).
fn parse_header(bytes: &[u8]) -> Option<Header> {
    if bytes.len() < 100 || &bytes[..16] != SQLITE_HEADER {
        return None;
    }
    let be = |at: usize| {
        let mut four = [0u8; 4];
        four.copy_from_slice(&bytes[at..at + 4]);
        i64::from(i32::from_be_bytes(four))
    };
    Some(Header {
        user_version: be(60),
        application_id: be(68),
        wal: bytes[18] == 2 && bytes[19] == 2,
    })
}

/// Judges an SQLite file from its header and, when needed, its table names. Pure, for tests.
fn judge(header: Header, tables: Option<&[String]>) -> Kind {
    let ours = migrations::APPLICATION_ID;
    if header.application_id != 0 && header.application_id != ours {
        return Kind::Foreign {
            why: format!(
                "mã chương trình trong tệp là {:#x}, không phải của Sổ Khuyến công",
                header.application_id
            ),
        };
    }
    if header.application_id == ours {
        return if header.user_version > migrations::LATEST_VERSION {
            Kind::TooNew {
                found: header.user_version,
            }
        } else if header.user_version < migrations::LATEST_VERSION {
            Kind::Older {
                found: header.user_version,
            }
        } else {
            Kind::Current
        };
    }
    // No application_id: files before schema 7, or another program's. Our tables tell.
    let Some(tables) = tables else {
        return Kind::Unsettled;
    };
    let tables = Some(tables);
    let has_ours = tables.is_some_and(|t| t.iter().any(|n| n == "establishment"));
    let user_tables = tables.map_or(0, |t| {
        t.iter().filter(|n| !n.starts_with("sqlite_")).count()
    });
    match header.user_version {
        0 if user_tables == 0 => Kind::Blank,
        0 => Kind::Foreign {
            why: "tệp có các bảng không phải của Sổ Khuyến công".into(),
        },
        v if v > migrations::LATEST_VERSION => Kind::TooNew { found: v },
        v if has_ours && v < migrations::LATEST_VERSION => Kind::Older { found: v },
        // Schema 7 and later always carry the application_id; without it, it is not ours.
        v => Kind::Foreign {
            why: format!("phiên bản dữ liệu {v} nhưng không có các bảng của Sổ Khuyến công"),
        },
    }
}

/// Whether `path` has a journal a crash left behind (non-empty, with the journal's magic).
fn has_hot_journal(path: &Path) -> bool {
    let journal = sibling(path, "-journal");
    let mut magic = [0u8; 8];
    std::fs::File::open(journal)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok_and(|()| magic == [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7])
}

/// `path` with `suffix` appended to its file name (`-wal`, `-shm`, `-journal`).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The folder the file is in ("." for a bare name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Looks at `path` without writing a byte of it.
pub fn diagnose(path: &Path) -> StoreResult<Diagnosis> {
    let io_err = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let network = network_fs(path).map(|fs| ReadOnlyCause::Network { fs });
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Diagnosis {
                path: path.to_owned(),
                kind: Kind::Missing,
                hot_journal: false,
                read_only: network.or_else(|| folder_read_only(path)),
                wal: false,
            });
        }
        Err(e) => return Err(io_err(e)),
    };
    let mut d = Diagnosis {
        path: path.to_owned(),
        kind: Kind::Empty,
        hot_journal: false,
        read_only: None,
        wal: false,
    };
    if meta.is_dir() {
        d.kind = Kind::Directory;
        return Ok(d);
    }
    d.read_only = network
        .or_else(|| meta.permissions().readonly().then_some(ReadOnlyCause::File))
        .or_else(|| folder_read_only(path));
    if meta.len() == 0 {
        return Ok(d);
    }
    let mut bytes = Vec::with_capacity(100);
    std::fs::File::open(path)
        .map_err(io_err)?
        .take(100)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    let Some(header) = parse_header(&bytes) else {
        d.kind = Kind::NotSqlite;
        return Ok(d);
    };
    d.wal = header.wal;
    d.hot_journal = has_hot_journal(path);
    if d.hot_journal {
        d.kind = if header.application_id == migrations::APPLICATION_ID {
            judge(header, None)
        } else {
            Kind::Unsettled
        };
        return Ok(d);
    }
    // The header on disk can be older than the file: in WAL mode the newest first page may
    // still be in the `-wal`. So SQLite reads the values, through a connection that writes
    // nothing; the raw header only tells SQLite from not.
    d.kind = match read_identity(path, d.wal) {
        Ok((seen, tables)) => judge(seen, Some(&tables)),
        Err(e) if is_corruption(&e) => Kind::Damaged {
            why: "SQLite báo cấu trúc tệp bị hỏng".into(),
        },
        Err(e) => return Err(reading_error(path, d.wal, e)),
    };
    Ok(d)
}

/// Whether SQLite's error says the file itself is damaged (not busy, not access).
pub(crate) fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// `user_version`, `application_id` and table names, as SQLite reads them.
fn read_identity(path: &Path, wal: bool) -> rusqlite::Result<(Header, Vec<String>)> {
    let conn = reader(path, wal)?;
    let user_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let mut st = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?;
    let names = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((
        Header {
            user_version,
            application_id,
            wal,
        },
        names,
    ))
}

/// A read-only connection on `path`. A WAL file whose `-shm` cannot be made (read-only folder)
/// is opened as immutable: nothing else writes it from here, and SQLite then needs no `-shm`.
pub(crate) fn open_reader(path: &Path, wal: bool) -> StoreResult<Connection> {
    reader(path, wal).map_err(|e| reading_error(path, wal, e))
}

fn reader(path: &Path, wal: bool) -> rusqlite::Result<Connection> {
    let plain = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).and_then(|c| {
        c.busy_timeout(std::time::Duration::from_secs(5))?;
        c.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })?;
        Ok(c)
    });
    match plain {
        Ok(c) => Ok(c),
        Err(e) if is_corruption(&e) => Err(e),
        // Immutable ignores the `-wal`: only when it holds nothing may it be left out.
        Err(_) if wal && !sibling(path, "-shm").exists() && !pending_wal(path) => {
            Connection::open_with_flags(
                file_uri(path, "immutable=1"),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
            )
        }
        Err(e) => Err(e),
    }
}

/// Whether the file's `-wal` holds saves not yet folded into it.
fn pending_wal(path: &Path) -> bool {
    std::fs::metadata(sibling(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

/// A failure to read through SQLite, said in Vietnamese when its cause is known here: saves
/// waiting in a `-wal` that a read-only folder will not let SQLite open.
fn reading_error(path: &Path, wal: bool, e: rusqlite::Error) -> StoreError {
    if wal && pending_wal(path) && !sibling(path, "-shm").exists() {
        StoreError::PendingWal(path.to_owned())
    } else {
        e.into()
    }
}

/// `path` as an SQLite `file:` URI with `query`; the characters a URI gives meaning to are
/// escaped, and Windows' backslashes become slashes.
fn file_uri(path: &Path, query: &str) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file:");
    if text.as_bytes().get(1) == Some(&b':') {
        // "C:/…" must read "file:/C:/…".
        out.push('/');
    }
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out.push('?');
    out.push_str(query);
    out
}

/// Whether the folder of `path` refuses new files: a probe file cannot be created, or (on Unix,
/// where root may write anyway) its mode bits say read-only.
fn folder_read_only(path: &Path) -> Option<ReadOnlyCause> {
    let dir = folder_of(path);
    let meta = std::fs::metadata(&dir).ok()?;
    if meta.permissions().readonly() {
        return Some(ReadOnlyCause::Folder);
    }
    let probe = dir.join(format!(".khuyencong-thu-ghi-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(f) => {
            drop(f);
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
        Err(_) => Some(ReadOnlyCause::Folder),
    }
}

/// File system kinds that are network shares.
const NETWORK_FS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "sshfs",
    "9p",
    "afs",
    "ncpfs",
    "fuse.rclone",
    "davfs",
    "fuse.davfs2",
    "glusterfs",
    "ceph",
];

/// Whether `text` names a Windows network path (`\\server\share`, `\\?\UNC\…`, `//server/…`).
pub fn is_network_path_text(text: &str) -> bool {
    let t = text.replace('/', "\\");
    if let Some(rest) = t.strip_prefix("\\\\?\\") {
        return rest.len() >= 4 && rest[..4].eq_ignore_ascii_case("UNC\\");
    }
    if t.starts_with("\\\\.\\") {
        return false;
    }
    t.starts_with("\\\\") && t.len() > 2
}

/// The network file system `path` lies on, as listed in a Linux `/proc/self/mountinfo` text:
/// the longest mount point containing the path decides. Pure, for tests.
pub fn network_fs_in_mountinfo(mountinfo: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for line in mountinfo.lines() {
        let Some((left, right)) = line.split_once(" - ") else {
            continue;
        };
        let Some(mount_point) = left.split(' ').nth(4) else {
            continue;
        };
        let Some(fs) = right.split(' ').next() else {
            continue;
        };
        let mount_point = unescape_mount(mount_point);
        if path.starts_with(&mount_point) {
            let depth = Path::new(&mount_point).components().count();
            if best.as_ref().is_none_or(|(d, _)| depth >= *d) {
                best = Some((depth, fs.to_owned()));
            }
        }
    }
    best.map(|(_, fs)| fs)
        .filter(|fs| NETWORK_FS.iter().any(|n| fs.eq_ignore_ascii_case(n)))
}

/// Mount points in mountinfo escape space, tab, newline and backslash as octal (`\040`).
fn unescape_mount(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes
            .get(i + 1..i + 4)
            .filter(|d| bytes[i] == b'\\' && d.iter().all(|b| (b'0'..=b'7').contains(b)));
        match octal {
            Some(d) => {
                out.push((d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0'));
                i += 4;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The kind of network share `path` is on, if it is on one.
fn network_fs(path: &Path) -> Option<String> {
    if is_network_path_text(&path.to_string_lossy()) {
        return Some("thư mục chia sẻ".into());
    }
    // The folder exists even when the file does not yet.
    let full = std::fs::canonicalize(path)
        .or_else(|_| std::fs::canonicalize(folder_of(path)))
        .ok()?;
    if is_network_path_text(&full.to_string_lossy()) {
        return Some("thư mục chia sẻ".into());
    }
    platform_network_fs(&full)
}

#[cfg(target_os = "linux")]
fn platform_network_fs(full: &Path) -> Option<String> {
    let text = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    network_fs_in_mountinfo(&text, full)
}

#[cfg(windows)]
fn platform_network_fs(full: &Path) -> Option<String> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Storage::FileSystem::GetDriveTypeW;
    // GetDriveTypeW's documented value for a network drive; windows-sys keeps the constant in
    // another feature (System_WindowsProgramming), not worth a feature for one number.
    const DRIVE_REMOTE: u32 = 4;
    // canonicalize gives "\\?\C:\…": the drive's root is "C:\".
    let text = full.to_string_lossy();
    let text = text.strip_prefix(r"\\?\").unwrap_or(&text);
    let drive = text.get(..2).filter(|d| d.ends_with(':'))?;
    let root: Vec<u16> = std::ffi::OsStr::new(&format!("{drive}\\"))
        .encode_wide()
        .chain(Some(0))
        .collect();
    // SAFETY: `root` is a NUL-terminated UTF-16 string that lives across the call.
    let kind = unsafe { GetDriveTypeW(root.as_ptr()) };
    (kind == DRIVE_REMOTE).then(|| format!("ổ mạng {drive}"))
}

#[cfg(not(any(target_os = "linux", windows)))]
fn platform_network_fs(_full: &Path) -> Option<String> {
    None
}

/// The file name of `db` without its extension, which names everything kept beside it (backups,
/// the seat lock, the quarantine copy).
pub(crate) fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "khuyencong".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(user_version: i32, application_id: i32) -> Vec<u8> {
        let mut b = vec![0u8; 100];
        b[..16].copy_from_slice(SQLITE_HEADER);
        b[60..64].copy_from_slice(&user_version.to_be_bytes());
        b[68..72].copy_from_slice(&application_id.to_be_bytes());
        b
    }

    #[test]
    fn headers_are_judged_by_application_id_and_tables() {
        let ours = i32::try_from(migrations::APPLICATION_ID).expect("fits");
        let h = |v, a| parse_header(&header(v, a)).expect("header");
        assert_eq!(judge(h(7, ours), None), Kind::Current);
        assert_eq!(judge(h(5, ours), None), Kind::Older { found: 5 });
        assert_eq!(judge(h(9, ours), None), Kind::TooNew { found: 9 });
        assert!(matches!(judge(h(7, 0x1234), None), Kind::Foreign { .. }));
        let theirs = vec!["customers".to_owned()];
        assert!(matches!(
            judge(h(0, 0), Some(&theirs)),
            Kind::Foreign { .. }
        ));
        assert!(matches!(
            judge(h(3, 0), Some(&theirs)),
            Kind::Foreign { .. }
        ));
        assert_eq!(judge(h(0, 0), Some(&[])), Kind::Blank);
        let old_ours = vec!["establishment".to_owned(), "setting".to_owned()];
        assert_eq!(judge(h(6, 0), Some(&old_ours)), Kind::Older { found: 6 });
        assert!(parse_header(b"not sqlite").is_none());
    }

    #[test]
    fn windows_network_paths_are_told_from_local_ones() {
        assert!(is_network_path_text(r"\\server\share\so.db"));
        assert!(is_network_path_text(r"\\?\UNC\server\share\so.db"));
        assert!(is_network_path_text("//server/share/so.db"));
        assert!(!is_network_path_text(r"\\?\C:\data\so.db"));
        assert!(!is_network_path_text(r"C:\data\so.db"));
        assert!(!is_network_path_text("/home/a/so.db"));
        assert!(!is_network_path_text(r"\\.\pipe\x"));
    }

    #[test]
    fn the_longest_mount_point_decides_the_file_system() {
        let info = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:50 / /mnt/chung rw,relatime shared:20 - cifs //may/chung rw
41 40 8:2 / /mnt/chung/noi\\040bo rw - ext4 /dev/sdb1 rw
42 22 0:51 / /srv/nfs rw - nfs4 may:/xuat rw
";
        let fs = |p: &str| network_fs_in_mountinfo(info, Path::new(p));
        assert_eq!(fs("/mnt/chung/so.db").as_deref(), Some("cifs"));
        assert_eq!(fs("/srv/nfs/a/so.db").as_deref(), Some("nfs4"));
        assert_eq!(fs("/mnt/chung/noi bo/so.db"), None);
        assert_eq!(fs("/home/a/so.db"), None);
        assert_eq!(fs("/mnt/chungkhac/so.db"), None);
    }

    #[test]
    fn uris_escape_what_sqlite_reads_as_syntax() {
        assert_eq!(
            file_uri(Path::new("/a b/x?#%.db"), "immutable=1"),
            "file:/a b/x%3f%23%25.db?immutable=1"
        );
        assert_eq!(
            file_uri(Path::new(r"C:\dữ liệu\so.db"), "immutable=1"),
            "file:/C:/dữ liệu/so.db?immutable=1"
        );
    }
}
