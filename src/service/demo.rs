//! `khuyencong demo`: a province-scale sample database for training and measuring, written
//! only into a new or empty file so real data is never touched.

use std::path::Path;

use crate::service::ServiceResult;
use crate::store::{OpenMode, Store, StoreError};

/// Fills `db` (new, or without establishments) with `counts` = (establishments, projects) of
/// `province` over the plan `years`; `progress` hears how many establishments are made.
/// Returns how many of each were made.
pub fn fill_new_file(
    db: &Path,
    province: &str,
    counts: (usize, usize),
    years: (i32, i32),
    seed: u64,
    today: chrono::NaiveDate,
    progress: impl FnMut(usize),
) -> ServiceResult<(usize, usize)> {
    if std::fs::metadata(db).is_ok_and(|m| m.len() > 0) {
        let store = Store::open(db, OpenMode::MustExist)?;
        if !store.establishment_summaries()?.is_empty() {
            return Err(StoreError::NotEmpty(db.to_owned()).into());
        }
    }
    let mut store = Store::open(db, OpenMode::CreateIfMissing)?;
    let n = crate::demo::fill(&mut store, province, counts.0, seed, progress)?;
    let m = crate::demo::fill_projects(&mut store, counts.1, years, seed, today)?;
    Ok((n, m))
}
