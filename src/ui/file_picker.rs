//! File dialogs behind a trait: the app uses the system dialog, tests inject paths.

use std::path::PathBuf;

/// Chooses files for the app.
pub trait FilePicker {
    /// A file to attach (scanned QĐ, hợp đồng, biên bản…); None when cancelled.
    fn pick_attachment(&self) -> Option<PathBuf>;
    /// Where to save a file the app writes (a report's PDF or XLSX); None when cancelled.
    /// `extension` is without the dot.
    fn save_as(&self, title: &str, default_name: &str, extension: &str) -> Option<PathBuf>;
}

/// The operating system's own dialog.
pub struct SystemFilePicker;

impl FilePicker for SystemFilePicker {
    fn pick_attachment(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Chọn tệp hồ sơ đính kèm")
            .add_filter(
                "Văn bản, ảnh quét",
                &[
                    "pdf", "jpg", "jpeg", "png", "tif", "tiff", "doc", "docx", "xls", "xlsx",
                ],
            )
            .add_filter("Tất cả các tệp", &["*"])
            .pick_file()
    }

    fn save_as(&self, title: &str, default_name: &str, extension: &str) -> Option<PathBuf> {
        let kind = if extension == "pdf" {
            "Tệp PDF"
        } else {
            "Bảng tính Excel"
        };
        rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(default_name)
            .add_filter(kind, &[extension])
            .save_file()
    }
}

/// Opens a file with the program the system associates with it.
pub fn open_with_system_viewer(path: &std::path::Path) -> Result<(), String> {
    open::that_detached(path).map_err(|e| {
        crate::support_log::record("Mở tệp bằng chương trình của hệ thống", &e);
        format!(
            "Không mở được tệp {}: {}",
            path.display(),
            crate::service::error::io_reason(&e)
        )
    })
}
