//! Đề án khuyến công: the list, one project with its documents and history, the rules, saving
//! (errors refuse; warnings need a recorded reason), deleting, attachments, and the Sở's
//! appraisal of a proposal.

use std::path::Path;

use uuid::Uuid;

use crate::domain::attachment::Attachment;
use crate::domain::audit_entry::AuditEntry;
use crate::domain::issue::{Issue, has_errors};
use crate::domain::plan_registration::Appraisal;
use crate::domain::project::Project;
use crate::domain::project_summary::ProjectSummary;
use crate::service::project_check::check_project;
use crate::service::{Service, ServiceError, ServiceResult};
use crate::store::StoreError;

/// A project as the form opens it.
#[derive(Debug, Clone)]
pub struct OpenedProject {
    pub project: Project,
    pub attachments: Vec<Attachment>,
    /// Its audit rows, oldest first ("Nhật ký thay đổi").
    pub history: Vec<AuditEntry>,
}

impl Service {
    /// Every live project as the list shows it.
    pub fn project_summaries(&self) -> ServiceResult<Vec<ProjectSummary>> {
        Ok(self.store.project_summaries()?)
    }

    /// One row of the project list (after a save).
    pub fn project_summary(&self, id: Uuid) -> ServiceResult<Option<ProjectSummary>> {
        Ok(self.store.project_summary(id)?)
    }

    /// One live project, whole.
    pub fn project(&self, id: Uuid) -> ServiceResult<Project> {
        self.store
            .project(id)?
            .ok_or(ServiceError::NotFound("đề án"))
    }

    /// A project with its attachments and history, for the form.
    pub fn open_project(&self, id: Uuid) -> ServiceResult<OpenedProject> {
        Ok(OpenedProject {
            project: self.project(id)?,
            attachments: self.store.attachments(id)?,
            history: self.project_history(id)?,
        })
    }

    /// The audit rows of a project, oldest first.
    pub fn project_history(&self, id: Uuid) -> ServiceResult<Vec<AuditEntry>> {
        Ok(self.store.audit_trail("project", &id.to_string())?)
    }

    /// Every finding of the rules on `project`. An Err means the rules could not read what
    /// they need: the caller must say so, never treat it as "no warnings".
    pub fn project_issues(&self, project: &Project) -> ServiceResult<Vec<Issue>> {
        Ok(check_project(
            &self.store,
            &self.reference,
            project,
            self.session.today,
        )?)
    }

    /// Saves `project` (new when `is_new`) after judging it again: errors refuse it, and so
    /// does a warning without a recorded reason, and a stored project that moved on since
    /// `project.row_version` was loaded (`ServiceError::stale_save`). Returns the saved project
    /// with its code and the version now stored.
    pub fn save_project(&mut self, mut project: Project, is_new: bool) -> ServiceResult<Project> {
        let issues = self.project_issues(&project)?;
        if has_errors(&issues) {
            return Err(StoreError::Invalid(issues).into());
        }
        let pending = project.unaccepted_warnings(&issues);
        if !pending.is_empty() {
            return Err(ServiceError::Refused(format!(
                "Đề án còn {} cảnh báo chưa ghi lý do.",
                pending.len()
            )));
        }
        if is_new {
            Ok(self.store.insert_project(project)?)
        } else {
            project.row_version = self.store.update_project(&project)?;
            Ok(project)
        }
    }

    /// Deletes a project (a tombstone). The list offers deletion by id, so the version checked
    /// is the one read here: a save in between is refused, never lost.
    pub fn delete_project(&mut self, id: Uuid) -> ServiceResult<()> {
        let project = self.project(id)?;
        Ok(self.store.delete_project(id, project.row_version)?)
    }

    /// Copies `source` into the project's folder beside the database and records it.
    pub fn add_attachment(&mut self, project_id: Uuid, source: &Path) -> ServiceResult<Attachment> {
        Ok(self.store.add_attachment(project_id, source)?)
    }

    /// Removes an attachment from the project (the copy stays on disk, marked removed).
    pub fn remove_attachment(&mut self, attachment: &Attachment) -> ServiceResult<()> {
        Ok(self.store.remove_attachment(attachment)?)
    }

    /// Records the Sở's appraisal of a proposal (see `Project::record_appraisal`); returns the
    /// project's new list row.
    pub fn record_appraisal(
        &mut self,
        id: Uuid,
        appraisal: Appraisal,
    ) -> ServiceResult<Option<ProjectSummary>> {
        let mut project = self.project(id)?;
        project.record_appraisal(appraisal)?;
        self.store.update_project(&project)?;
        self.project_summary(id)
    }
}
