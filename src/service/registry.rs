//! The registry of cơ sở CNNT: the list, one record, its validation (with the probable
//! duplicates), saving and deleting.

use uuid::Uuid;

use crate::domain::establishment::Establishment;
use crate::domain::establishment_summary::EstablishmentSummary;
use crate::domain::establishment_validation::{ValidationContext, validate_establishment};
use crate::domain::issue::{Issue, has_errors};
use crate::domain::probable_duplicate::{DuplicateRow, probable_duplicates};
use crate::domain::support_history::SupportHistoryLine;
use crate::service::{Service, ServiceError, ServiceResult};

impl Service {
    /// Every live establishment as the registry table lists it.
    pub fn establishment_summaries(&self) -> ServiceResult<Vec<EstablishmentSummary>> {
        Ok(self.store.establishment_summaries()?)
    }

    /// One row of the registry table (after a save).
    pub fn establishment_summary(&self, id: Uuid) -> ServiceResult<Option<EstablishmentSummary>> {
        Ok(self.store.establishment_summary(id)?)
    }

    /// One live establishment.
    pub fn establishment(&self, id: Uuid) -> ServiceResult<Establishment> {
        self.store
            .establishment(id)?
            .ok_or(ServiceError::NotFound("cơ sở"))
    }

    /// The projects that supported an establishment ("Lịch sử hỗ trợ").
    pub fn support_history(
        &self,
        establishment_id: Uuid,
    ) -> ServiceResult<Vec<SupportHistoryLine>> {
        Ok(self.store.support_history(establishment_id)?)
    }

    /// What is wrong with `record` as typed, including the records it probably duplicates. An
    /// Err means the check itself could not run (the form must not save as if all were well).
    pub fn establishment_issues(&self, record: &Establishment) -> ServiceResult<Vec<Issue>> {
        let candidates = self.store.duplicate_candidates(record)?;
        let duplicates = probable_duplicates(&DuplicateRow::of(record), &candidates);
        let reference = &self.reference;
        let today = self.session.today;
        let ctx = ValidationContext {
            today,
            province: reference.province(&record.province_code),
            commune: reference.commune(&record.commune_code),
            legacy_commune_known: record.legacy_commune_code.is_empty()
                || reference
                    .legacy_commune(&record.legacy_commune_code)
                    .is_some(),
            industry: reference.industry(&record.industry_code),
            definition: reference.definition_on(today),
            duplicates: &duplicates,
        };
        Ok(validate_establishment(record, &ctx))
    }

    /// Saves `record` (new when `is_new`) after judging it again: errors refuse it, and so
    /// does a stored record that moved on since `record.row_version` was loaded (the error
    /// carries it: `ServiceError::stale_save`). Returns the saved record with its code and the
    /// version now stored, so the same form can save again.
    pub fn save_establishment(
        &mut self,
        mut record: Establishment,
        is_new: bool,
    ) -> ServiceResult<Establishment> {
        let issues = self.establishment_issues(&record)?;
        if has_errors(&issues) {
            return Err(crate::store::StoreError::Invalid(issues).into());
        }
        if is_new {
            Ok(self.store.insert_establishment(record)?)
        } else {
            record.row_version = self.store.update_establishment(&record)?;
            Ok(record)
        }
    }

    /// Deletes an establishment (a tombstone); returns "mã — tên" for the status line. The
    /// list offers deletion by id, so the version checked is the one read here: a save between
    /// this read and the deletion is still refused, never lost.
    pub fn delete_establishment(&mut self, id: Uuid) -> ServiceResult<String> {
        let e = self.establishment(id)?;
        self.store.delete_establishment(id, e.row_version)?;
        Ok(format!("{} — {}", e.code, e.name))
    }
}

impl Service {
    /// How many establishments the registry list leaves out because they cannot be read.
    pub fn registry_left_out(&self) -> ServiceResult<usize> {
        self.left_out_rows(&["establishment"])
    }

    /// How many projects (or their payments and beneficiaries) the project list leaves out.
    pub fn projects_left_out(&self) -> ServiceResult<usize> {
        self.left_out_rows(&["project", "payment", "project_beneficiary"])
    }
}
