//! Backups: one taken now, the list of those beside the database, and restoring one (the data
//! in use is kept as a backup first).

use std::path::{Path, PathBuf};

use crate::domain::backup_file::{BackupFile, BackupKind};
use crate::service::{Service, ServiceResult};
pub use crate::store::backup::CopyProgress;
use crate::store::backup::backup_file_with;

impl Service {
    /// The backups of this database, newest first.
    pub fn backups(&self) -> ServiceResult<Vec<BackupFile>> {
        Ok(self.store.backups()?)
    }

    /// The folder the backups of this database go to (beside it); it may not exist yet.
    pub fn backups_folder(&self) -> PathBuf {
        crate::store::backup::backups_dir(self.database_path())
    }

    /// A copy of the database into its backups folder now ("Sao lưu ngay"); returns its path.
    pub fn backup_now(&self) -> ServiceResult<PathBuf> {
        Ok(self
            .store
            .backup_now_with(BackupKind::Manual, &mut |_, _| {
                std::ops::ControlFlow::Continue(())
            })?)
    }

    /// A copy of the database to `dest` (`khuyencong backup`).
    pub fn backup_to(&self, dest: &Path) -> ServiceResult<()> {
        Ok(self.store.backup_to(dest)?)
    }

    /// Replaces the data with `backup`'s, telling `progress` how far it is (pages of the safety
    /// copy, then of the restore), which may stop it: stopped, the data is exactly as it was.
    /// Returns where the data in use before was kept.
    pub fn restore_with(
        &mut self,
        backup: &Path,
        progress: &mut CopyProgress<'_>,
    ) -> ServiceResult<PathBuf> {
        let safety = self.store.restore_from_with(backup, progress)?;
        self.reload_reference()?;
        Ok(safety)
    }

    /// Replaces the data with `backup`'s; returns where the data in use before was kept. The
    /// unit and the reference lists are read again from the restored data.
    pub fn restore(&mut self, backup: &Path) -> ServiceResult<PathBuf> {
        let safety = self.store.restore_from(backup)?;
        self.reload_reference()?;
        Ok(safety)
    }
}

impl crate::service::Worker {
    /// A copy of the database into its backups folder now ("Sao lưu ngay"), from a connection
    /// of its own, telling `progress` how far it is (it may stop the copy, which then leaves no
    /// file). The copy is checked and compressed, and the keeping rule applied. Returns the
    /// copy's path.
    pub fn backup_now(&self, progress: &mut CopyProgress<'_>) -> ServiceResult<PathBuf> {
        Ok(backup_file_with(&self.path, BackupKind::Manual, progress)?)
    }
}
