//! Vietnamese text handling: normalisation, search folding, collation, numbers, amounts in
//! words and dates.
//!
//! Pure functions only (no I/O, no UI, no SQL), so every other layer can use them.

pub mod amount_words;
pub mod case;
pub mod collate;
pub mod date;
pub mod fold;
pub mod number;

pub use amount_words::amount_in_words;
pub use case::lower_first;
pub use collate::{SORT_KEY_VERSION, SortKey, compare, sort_key};
pub use date::{DateError, format_date, format_datetime, parse_date};
pub use fold::{FoldedQuery, fold, matches_terms, nfc};
pub use number::{
    NumberError, format_dong, format_integer, format_percent_basis_points, parse_integer,
};
