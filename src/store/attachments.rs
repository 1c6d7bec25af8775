//! Hồ sơ đính kèm: copies of scanned decisions, contracts and acceptance minutes, kept in a
//! folder next to the database ("ho-so/<project id>/") so a backup of the folder carries them.

use std::path::{Path, PathBuf};

use rusqlite::params;
use uuid::Uuid;

use super::Store;
use super::audit::{AuditAction, now_text, record_change};
use super::error::{StoreError, StoreResult};
use crate::domain::attachment::{Attachment, is_executable_name, stored_name_problem};

impl Store {
    /// The unit's `ho-so/` folder beside the database: the only place attachments live.
    pub fn attachments_root(&self) -> PathBuf {
        self.path()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
            .join("ho-so")
    }

    /// The folder holding a project's files.
    pub fn attachments_dir(&self, project_id: Uuid) -> PathBuf {
        self.attachments_root().join(project_id.to_string())
    }

    /// Copies `source` into the project's folder (never moving or changing the original) and
    /// records it.
    pub fn add_attachment(&mut self, project_id: Uuid, source: &Path) -> StoreResult<Attachment> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| StoreError::Io { path, source }
        };
        let file_name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| StoreError::RecordNotFound(source.display().to_string()))?;
        if is_executable_name(&file_name) {
            return Err(StoreError::Refused(format!(
                "tệp \"{file_name}\" là chương trình hoặc tập lệnh; hồ sơ đính kèm chỉ nhận văn \
                 bản và ảnh quét."
            )));
        }
        let id = Uuid::now_v7();
        // The id prefix keeps two files of the same name apart.
        let stored_name = format!("{}-{file_name}", &id.simple().to_string()[..8]);
        if let Some(problem) = stored_name_problem(&stored_name) {
            return Err(StoreError::Refused(format!(
                "hồ sơ đính kèm \"{file_name}\": {problem} Hãy đổi tên tệp rồi đính kèm lại."
            )));
        }
        let dir = self.attachments_dir(project_id);
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let dest = dir.join(&stored_name);
        std::fs::copy(source, &dest).map_err(io(source))?;
        let attachment = Attachment {
            id,
            project_id,
            file_name,
            path: dest,
            added_at: now_text(),
            problem: None,
        };
        let result = self.write(|tx| {
            tx.execute(
                "INSERT INTO attachment(id, project_id, file_name, stored_name, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    id.to_string(),
                    project_id.to_string(),
                    attachment.file_name,
                    stored_name,
                    attachment.added_at
                ],
            )?;
            record_change(
                tx,
                "attachment",
                &id.to_string(),
                AuditAction::Insert,
                None,
                Some(&attachment),
            )
        });
        if result.is_err() {
            // Nothing half-done: the copy goes when its record could not be written.
            let _ = std::fs::remove_file(&attachment.path);
        }
        result.map(|()| attachment)
    }

    /// A project's live attachments, oldest first. A record whose stored name is not a plain
    /// file name (a file from elsewhere may say "../evil.sh") is listed with its problem and no
    /// path, so it is shown but can never be opened.
    pub fn attachments(&self, project_id: Uuid) -> StoreResult<Vec<Attachment>> {
        let dir = self.attachments_dir(project_id);
        let mut st = self.conn().prepare(
            "SELECT id, file_name, stored_name, added_at FROM attachment
             WHERE project_id = ?1 AND deleted_at IS NULL ORDER BY added_at, id",
        )?;
        let rows = st.query_map([project_id.to_string()], |r| {
            let id: String = r.get(0)?;
            let stored: String = r.get(2)?;
            let problem = stored_name_problem(&stored);
            Ok(Attachment {
                id: super::uuid_from_sql(&id)?,
                project_id,
                file_name: r.get(1)?,
                path: if problem.is_none() {
                    dir.join(&stored)
                } else {
                    PathBuf::new()
                },
                added_at: r.get(3)?,
                problem,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes an attachment from the project (a tombstone; the copied file stays on disk).
    pub fn remove_attachment(&mut self, attachment: &Attachment) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE attachment SET deleted_at = ?2 WHERE id = ?1",
                params![attachment.id.to_string(), now_text()],
            )?;
            record_change(
                tx,
                "attachment",
                &attachment.id.to_string(),
                AuditAction::Delete,
                Some(attachment),
                None,
            )
        })
    }
}
