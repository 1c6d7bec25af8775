//! Báo cáo: the saved reports, a new draft with its narrative prefilled, finalising (chốt) and
//! reopening, the unit's defaults, and the files (one path with `khuyencong report`).

use std::path::Path;

use uuid::Uuid;

use crate::domain::report::{ReportFigures, ReportKind, SavedReport};
use crate::service::report_figures::gather_figures;
use crate::service::report_output::{
    ReportRequest, drift_since_freeze, figures_for, freeze, write_report_files,
};
use crate::service::{Service, ServiceError, ServiceResult};
use crate::text::number::MillionsDecimals;

impl Service {
    /// The saved reports, newest first.
    pub fn reports(&self) -> ServiceResult<Vec<SavedReport>> {
        Ok(self.store.reports()?)
    }

    /// One saved report, an old "Lưu: …" item of its Nơi nhận moved into the filing fields
    /// where the screen edits them (it prints the same line).
    pub fn report(&self, id: Uuid) -> ServiceResult<SavedReport> {
        let mut report = self
            .store
            .report(id)?
            .ok_or(ServiceError::NotFound("báo cáo"))?;
        report.filing.adopt_legacy(&mut report.distribution);
        Ok(report)
    }

    /// A new draft of `kind` for `year` with the unit's defaults and the narrative written from
    /// today's figures, saved.
    pub fn create_report(&mut self, kind: ReportKind, year: i32) -> ServiceResult<SavedReport> {
        let defaults = self.store.report_defaults()?;
        let figures = gather_figures(&self.store, kind, year, kind.default_period(year))?;
        let mut report =
            crate::report::new_draft(kind, year, self.session.today, &defaults, &figures);
        report.row_version = self.store.save_report(&report)?;
        Ok(report)
    }

    /// Saves a report as edited (a finalised one only through `unfreeze_report`); refused when
    /// the stored report moved on since `report.row_version` (`ServiceError::stale_save`).
    /// Returns the version now stored, for the next save from the same panel.
    pub fn save_report(&mut self, report: &SavedReport) -> ServiceResult<i64> {
        Ok(self.store.save_report(report)?)
    }

    /// Offers `report`'s agencies, place, addressees and signer for every new report; the
    /// unit's number of decimals stays as it was set.
    pub fn save_report_defaults(&mut self, report: &SavedReport) -> ServiceResult<()> {
        let mut defaults = report.defaults();
        defaults.millions_decimals = self.store.report_defaults()?.millions_decimals;
        Ok(self.store.set_report_defaults(&defaults)?)
    }

    /// How many decimals the unit's reports print amounts in triệu đồng with.
    pub fn millions_decimals(&self) -> ServiceResult<MillionsDecimals> {
        Ok(self.store.report_defaults()?.millions_decimals)
    }

    /// Sets the number of decimals for every report of the unit (tables, XLSX, narrative).
    pub fn set_millions_decimals(&mut self, decimals: MillionsDecimals) -> ServiceResult<()> {
        let mut defaults = self.store.report_defaults()?;
        defaults.millions_decimals = decimals;
        Ok(self.store.set_report_defaults(&defaults)?)
    }

    /// The figures `report` prints: its frozen ones once finalised, today's otherwise.
    pub fn report_figures(&self, report: &SavedReport) -> ServiceResult<ReportFigures> {
        figures_for(&self.store, report)
    }

    /// How today's data differs from a finalised report's figures, in words.
    pub fn report_drift(&self, report: &SavedReport) -> ServiceResult<Option<String>> {
        drift_since_freeze(&self.store, report)
    }

    /// Saves `report` and finalises it with today's figures; returns the finalised report.
    pub fn freeze_report(&mut self, report: &SavedReport) -> ServiceResult<SavedReport> {
        let mut saved = report.clone();
        saved.row_version = self.store.save_report(report)?;
        freeze(&mut self.store, &saved, &self.session.actor)
    }

    /// Reopens a finalised report (audited): it takes today's figures again.
    pub fn unfreeze_report(&mut self, report: &SavedReport) -> ServiceResult<SavedReport> {
        let mut open = report.clone();
        open.frozen = None;
        open.row_version = self.store.save_report(&open)?;
        Ok(open)
    }

    /// Deletes a draft loaded at `loaded_version` (a finalised report, or one saved by someone
    /// else since, is refused by the store).
    pub fn delete_report(&mut self, id: Uuid, loaded_version: i64) -> ServiceResult<()> {
        Ok(self.store.delete_report(id, loaded_version)?)
    }

    /// `khuyencong report`: a completed draft, or a saved report, written to `out` (PDF) and
    /// `xlsx`.
    pub fn write_report_files(
        &self,
        request: &ReportRequest,
        out: &Path,
        xlsx: Option<&Path>,
    ) -> ServiceResult<String> {
        write_report_files(&self.store, request, self.session.today, out, xlsx)
    }
}
