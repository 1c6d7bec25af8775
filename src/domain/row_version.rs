//! The version every edited record carries: a save names the version it was loaded at, and the
//! store refuses it when the stored row has moved on, so two seats never overwrite each other.

/// The version of a record when first inserted; every save adds one.
pub const FIRST_ROW_VERSION: i64 = 1;

/// What a record read from JSON written before versions existed counts as (serde's default).
pub fn first_row_version() -> i64 {
    FIRST_ROW_VERSION
}
