//! Addresses of the balance's cells, so any number on screen can be drilled down to the
//! projects behind it.

use crate::domain::funding_source::FundingSource;

/// One cell of the balance: a source, or a (nội dung | xã) × source cell of a matrix.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cell {
    /// A whole source (a row of `Balance::by_source`).
    Source(FundingSource),
    /// Activity content code × source ("" = content not recorded or plan not split by content).
    Content(String, FundingSource),
    /// Xã code × source ("" = chưa xác định địa bàn).
    Commune(String, FundingSource),
}
