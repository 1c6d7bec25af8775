//! `khuyencong demo`: a province-scale sample database for training and measuring, written
//! only into a new or empty file so real data is never touched.

use std::path::Path;

use crate::service::ServiceResult;
use crate::store::{OpenMode, Store, StoreError};

/// Fills `db` (new, or without establishments) with `counts` = (establishments, projects) of
/// `province` over the plan `years` (with mistakes planted in the projects when `anomalies`
/// asks); `progress` hears how many establishments are made. Returns how many of each were
/// made.
#[allow(clippy::too_many_arguments)] // each is one of the command line's options
pub fn fill_new_file(
    db: &Path,
    province: &str,
    counts: (usize, usize),
    years: (i32, i32),
    seed: u64,
    anomalies: bool,
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
    let m = crate::demo::fill_projects_with(
        &mut store,
        counts.1,
        years,
        seed,
        today,
        if anomalies {
            crate::demo::Anomalies::Planted
        } else {
            crate::demo::Anomalies::None
        },
    )?;
    Ok((n, m))
}
