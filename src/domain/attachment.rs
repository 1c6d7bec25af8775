//! A document attached to a project (a scanned decision, contract, minutes), copied beside the
//! database, and the rules that keep it there: a stored name is a plain file name, and what is
//! opened is a document inside the unit's `ho-so/` folder, never a program. Data files travel
//! between units, so a stored name is untrusted: "../evil.sh" or "C:\…" must not reach the
//! system opener (ShellExecute on Windows runs programs).

use std::path::{Path, PathBuf};

use serde::Serialize;
use uuid::Uuid;

/// One attached file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub id: Uuid,
    pub project_id: Uuid,
    /// The name the user's file had.
    pub file_name: String,
    /// Where the copy lives; empty when the stored name was refused (see `problem`).
    pub path: PathBuf,
    pub added_at: String,
    /// Why this record cannot be opened (a stored name that is not a plain file name), in
    /// Vietnamese; None for a sound record.
    pub problem: Option<String>,
}

/// Names Windows keeps for devices, with or without an extension ("CON.pdf" opens the console).
const RESERVED_WINDOWS_NAMES: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Extensions of programs, scripts and shortcuts: opening one runs it.
const EXECUTABLE_EXTENSIONS: [&str; 38] = [
    "exe",
    "bat",
    "cmd",
    "com",
    "scr",
    "pif",
    "cpl",
    "msi",
    "msp",
    "mst",
    "ps1",
    "psm1",
    "psd1",
    "vbs",
    "vbe",
    "js",
    "jse",
    "wsf",
    "wsh",
    "hta",
    "jar",
    "lnk",
    "url",
    "scf",
    "reg",
    "inf",
    "application",
    "gadget",
    "sh",
    "bash",
    "zsh",
    "csh",
    "command",
    "desktop",
    "appimage",
    "run",
    "py",
    "pl",
];

/// Why a stored name is not a plain file name, in Vietnamese; None when it is one.
pub fn stored_name_problem(name: &str) -> Option<String> {
    let shown: String = name
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    let refuse = |why: &str| Some(format!("Tên tệp lưu \"{shown}\" không hợp lệ: {why}."));
    if name.is_empty() || name == "." || name == ".." {
        return refuse("không phải là tên tệp");
    }
    if name.contains(['/', '\\']) {
        return refuse("chứa dấu phân cách thư mục (tệp phải nằm ngay trong thư mục hồ sơ)");
    }
    if name.contains("..") {
        return refuse("chứa \"..\"");
    }
    if name.contains(':') {
        return refuse("chứa dấu \":\" (ổ đĩa hoặc luồng dữ liệu ẩn)");
    }
    if name.chars().any(char::is_control) {
        return refuse("chứa ký tự điều khiển");
    }
    if name.chars().any(is_bidi_control) {
        return refuse("chứa ký tự đảo chiều văn bản, có thể che giấu đuôi tệp thật");
    }
    if name.contains(['<', '>', '"', '|', '?', '*']) {
        return refuse("chứa ký tự Windows không cho phép trong tên tệp");
    }
    if name.ends_with(['.', ' ']) {
        return refuse("kết thúc bằng dấu chấm hoặc khoảng trắng");
    }
    if name.len() > 255 {
        return refuse("dài quá 255 byte");
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if RESERVED_WINDOWS_NAMES
        .iter()
        .any(|r| r.eq_ignore_ascii_case(stem))
    {
        return refuse("là tên thiết bị dành riêng của Windows");
    }
    None
}

/// True for the characters that reorder text (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// True when opening a file of this name would run it (a program, script or shortcut).
pub fn is_executable_name(name: &str) -> bool {
    let name = name.trim_end_matches(['.', ' ']);
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        EXECUTABLE_EXTENSIONS
            .iter()
            .any(|e| e.eq_ignore_ascii_case(ext))
    })
}

/// Why a file may not be handed to the system opener.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenRefusal {
    /// The record's stored name is not a plain file name.
    #[error("Không mở tệp \"{file_name}\": {reason}")]
    BadName { file_name: String, reason: String },
    /// The file, once links and ".." are resolved, is outside the unit's `ho-so/` folder.
    #[error(
        "Không mở tệp \"{file_name}\": tệp thật nằm ngoài thư mục hồ sơ ({}), có thể là tệp bị \
         thay thế hoặc liên kết tới nơi khác.",
        .folder.display()
    )]
    OutsideFolder { file_name: String, folder: PathBuf },
    /// A program or script: opening it would run it.
    #[error(
        "Không mở tệp \"{file_name}\": đây là chương trình hoặc tập lệnh, mở ra sẽ chạy nó. Dùng \
         \"Mở thư mục chứa tệp\" nếu cần xem."
    )]
    Executable { file_name: String },
}

/// Whether the attachment whose stored copy resolves to `resolved` (canonical, links followed)
/// may be opened, given the canonical `ho-so/` folder of the unit. Pure: the caller resolves
/// the paths, so the rule can be judged on any path without touching a disk.
pub fn judge_open(
    attachment: &Attachment,
    ho_so_folder: &Path,
    resolved: &Path,
) -> Result<(), OpenRefusal> {
    let file_name = attachment.file_name.clone();
    if let Some(reason) = &attachment.problem {
        return Err(OpenRefusal::BadName {
            file_name,
            reason: reason.clone(),
        });
    }
    if !resolved.starts_with(ho_so_folder) || resolved == ho_so_folder {
        return Err(OpenRefusal::OutsideFolder {
            file_name,
            folder: ho_so_folder.to_owned(),
        });
    }
    let resolved_name = resolved
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_executable_name(&resolved_name) || is_executable_name(&attachment.file_name) {
        return Err(OpenRefusal::Executable { file_name });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attachment(stored: &str) -> Attachment {
        Attachment {
            id: Uuid::nil(),
            project_id: Uuid::nil(),
            file_name: "QĐ phê duyệt.pdf".into(),
            path: Path::new("/don-vi/ho-so/p").join(stored),
            added_at: String::new(),
            problem: stored_name_problem(stored),
        }
    }

    #[test]
    fn only_plain_file_names_are_stored_names() {
        for good in [
            "0190abcd-QĐ phê duyệt.pdf",
            "biên bản.docx",
            "a",
            ".hidden.pdf",
        ] {
            assert_eq!(stored_name_problem(good), None, "{good}");
        }
        for bad in [
            "../x.sh",
            "..",
            "",
            "/etc/passwd",
            "C:\\Windows\\evil.exe",
            "C:evil.pdf",
            "thu-muc/tep.pdf",
            "thu-muc\\tep.pdf",
            "CON",
            "nul.pdf",
            "Com1.txt",
            "tep\u{0}.pdf",
            "tep\n.pdf",
            "hoa-don\u{202E}fdp.sh",
            "tep.pdf.",
            "a|b.pdf",
        ] {
            let problem = stored_name_problem(bad);
            assert!(
                problem
                    .as_deref()
                    .is_some_and(|p| p.contains("không hợp lệ")),
                "{bad:?}: {problem:?}"
            );
        }
    }

    #[test]
    fn programs_and_scripts_are_known_by_their_extension() {
        for name in [
            "evil.sh",
            "a.EXE",
            "x.pdf.bat",
            "run.ps1",
            "lien-ket.lnk",
            "app.desktop",
        ] {
            assert!(is_executable_name(name), "{name}");
        }
        for name in ["QĐ.pdf", "scan.jpeg", "hop-dong.docx", "exe", "bang.xlsx"] {
            assert!(!is_executable_name(name), "{name}");
        }
    }

    #[test]
    fn only_documents_inside_the_folder_are_opened() {
        let folder = Path::new("/don-vi/ho-so");
        let good = attachment("0190abcd-QĐ.pdf");
        assert_eq!(
            judge_open(&good, folder, Path::new("/don-vi/ho-so/p/0190abcd-QĐ.pdf")),
            Ok(())
        );
        // A sound name whose copy was replaced by a link to a script elsewhere.
        assert!(matches!(
            judge_open(&good, folder, Path::new("/tmp/evil.sh")),
            Err(OpenRefusal::OutsideFolder { .. })
        ));
        assert!(matches!(
            judge_open(&good, folder, Path::new("/don-vi/ho-so-khac/p/a.pdf")),
            Err(OpenRefusal::OutsideFolder { .. })
        ));
        assert!(matches!(
            judge_open(&good, folder, Path::new("/don-vi/ho-so/p/0190abcd-QĐ.sh")),
            Err(OpenRefusal::Executable { .. })
        ));
        for bad in ["../x.sh", "/tmp/evil.sh", "a/b.pdf"] {
            let refused = judge_open(&attachment(bad), folder, Path::new("/don-vi/ho-so/p/a.pdf"));
            assert!(matches!(refused, Err(OpenRefusal::BadName { .. })), "{bad}");
        }
    }
}
