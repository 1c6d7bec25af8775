//! `khuyencong demo`: realistic synthetic data for one province, deterministic for a seed —
//! establishments first, then projects that support them.

mod establishments;
mod projects;

pub use establishments::fill;
pub use projects::{Anomalies, fill_projects, fill_projects_with};
