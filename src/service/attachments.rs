//! Opening hồ sơ đính kèm: which file the system opener may be handed. The store lists the
//! records; here each path is resolved on disk (links and ".." followed) and judged by
//! `domain::attachment::judge_open`, so only a document inside the unit's `ho-so/` folder is
//! ever opened.

use std::path::PathBuf;

use super::Service;
use super::error::{ServiceError, ServiceResult};
use crate::domain::attachment::{Attachment, OpenRefusal, judge_open};

impl Service {
    /// The resolved path of `attachment`'s copy, when it may be opened; a refusal in Vietnamese
    /// (bad stored name, outside `ho-so/`, a program or script, or the copy is missing).
    pub fn attachment_to_open(&self, attachment: &Attachment) -> ServiceResult<PathBuf> {
        if let Some(reason) = &attachment.problem {
            return Err(refused(OpenRefusal::BadName {
                file_name: attachment.file_name.clone(),
                reason: reason.clone(),
            }));
        }
        let root = self.store.attachments_root();
        let missing = |path: &std::path::Path| {
            ServiceError::Refused(format!(
                "Không mở được tệp \"{}\": không tìm thấy bản sao {} trong thư mục hồ sơ (có thể \
                 đã bị xóa hoặc di chuyển).",
                attachment.file_name,
                path.display()
            ))
        };
        let root = std::fs::canonicalize(&root).map_err(|_| missing(&root))?;
        let resolved =
            std::fs::canonicalize(&attachment.path).map_err(|_| missing(&attachment.path))?;
        judge_open(attachment, &root, &resolved).map_err(refused)?;
        Ok(resolved)
    }

    /// The folder holding `attachment`'s copy, to show it in the file manager instead of
    /// opening it (for a program or script). Refused for a bad stored name or a folder outside
    /// `ho-so/`.
    pub fn attachment_folder_to_open(&self, attachment: &Attachment) -> ServiceResult<PathBuf> {
        if let Some(reason) = &attachment.problem {
            return Err(refused(OpenRefusal::BadName {
                file_name: attachment.file_name.clone(),
                reason: reason.clone(),
            }));
        }
        let root = self.store.attachments_root();
        let folder = self.store.attachments_dir(attachment.project_id);
        let not_there = || {
            ServiceError::Refused(format!(
                "Không mở được thư mục hồ sơ {}: thư mục không tồn tại.",
                folder.display()
            ))
        };
        let root = std::fs::canonicalize(&root).map_err(|_| not_there())?;
        let resolved = std::fs::canonicalize(&folder).map_err(|_| not_there())?;
        if !resolved.starts_with(&root) {
            return Err(refused(OpenRefusal::OutsideFolder {
                file_name: attachment.file_name.clone(),
                folder: root,
            }));
        }
        Ok(resolved)
    }
}

fn refused(r: OpenRefusal) -> ServiceError {
    ServiceError::Refused(r.to_string())
}
