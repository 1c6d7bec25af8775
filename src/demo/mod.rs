//! `khuyencong demo`: realistic synthetic data for one province, deterministic for a seed —
//! establishments first, then projects that support them.

mod establishments;
mod projects;

pub use establishments::fill;
pub use projects::fill_projects;
