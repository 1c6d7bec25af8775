//! Cân đối kinh phí khuyến công: plan vs allocated vs advanced vs disbursed vs settled, by
//! source, by nội dung, by xã and over the months of the year.
//!
//! Pure functions over domain types: no I/O, no SQL, no UI. Money is `i64` đồng; rates are
//! basis points rounded half up. The entry points are [`compute_balance`] (the balance, with
//! the projects behind every cell via [`Balance::projects_in`]), [`monthly_progress`] and
//! [`quarterly_progress`] (disbursement over time), and [`apply_reallocations`] (support after
//! the recorded moves between projects).
//!
//! Choices a reader should know:
//! - A reallocation moves support between two projects of the same source and plan year; it
//!   never changes a source's plan. One across sources or years is refused.
//! - A project in several xã is split evenly across them, the remainder on the first listed,
//!   so the xã × source matrix adds up exactly to the per-source figures ([`split`]).
//! - Lines with a content code or xã code are envelopes within their source, checked against
//!   the matching allocated support ([`EnvelopeStatus`]).
//! - Nothing dated after `as_of` counts: payments, plan changes, reallocations.
//! - Every amount read is within 0…`MAX_AMOUNT` and there are few enough of them that no sum
//!   can overflow ([`check_amounts`], run first by [`compute_balance`]); beyond that the
//!   balance is refused with the record named, never printed wrong.

pub mod balance;
pub mod bounds;
pub mod cell;
pub mod envelope;
pub mod error;
pub mod input;
pub mod progress;
pub mod reallocation;
pub mod registration_summary;
pub mod source_balance;
pub mod split;

pub use balance::{Balance, MatrixRow, ProjectMoney, compute_balance};
pub use bounds::{MAX_FIGURES, check_amounts};
pub use cell::Cell;
pub use envelope::EnvelopeStatus;
pub use error::BudgetError;
pub use input::BudgetInput;
pub use progress::{
    MonthProgress, QuarterProgress, SourceProgress, SourceQuarters, monthly_progress,
    quarterly_progress,
};
pub use reallocation::{SupportAdjustments, apply_reallocations};
pub use registration_summary::{RegistrationSummary, summarise_registration};
pub use source_balance::{BalanceTotals, SOURCE_HEADINGS, SourceBalance};
pub use split::{UNKNOWN_COMMUNE, communes_of, even_share};
