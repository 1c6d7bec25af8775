//! Why a balance cannot be drawn: only impossible data (a reallocation that cannot be applied,
//! money beyond the bound of one line) stops it; everything else, such as
//! over-allocation, is shown in the balance itself.

use thiserror::Error;
use uuid::Uuid;

use crate::domain::budget_plan::Reallocation;
use crate::domain::funding_source::FundingSource;
use crate::domain::project::Project;
use crate::text::{format_date, format_dong};

/// Data a balance cannot be drawn from; messages are Vietnamese and shown to users as-is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BudgetError {
    /// The reallocation names a project that is not among the projects given.
    #[error("{reallocation}: không tìm thấy đề án {project_id} trong dữ liệu.")]
    UnknownProject {
        /// The reallocation at fault.
        reallocation_id: Uuid,
        /// The reallocation as named in the message (decision and date).
        reallocation: String,
        /// The project at fault.
        project_id: Uuid,
    },
    /// Money may move only between projects of the same source.
    #[error(
        "{reallocation}: đề án {from} ({}) và đề án {to} ({}) khác nguồn kinh phí; \
         chỉ được điều chuyển giữa các đề án cùng nguồn.",
        .from_source.label(),
        .to_source.label()
    )]
    CrossSource {
        /// The reallocation at fault.
        reallocation_id: Uuid,
        /// The reallocation as named in the message (decision and date).
        reallocation: String,
        /// The giving project, by code.
        from: String,
        /// The giving project's source.
        from_source: FundingSource,
        /// The receiving project, by code.
        to: String,
        /// The receiving project's source.
        to_source: FundingSource,
    },
    /// Moving money between plan years is a chuyển nguồn of the plan, not a reallocation.
    #[error(
        "{reallocation}: đề án {from} (kế hoạch năm {from_year}) và đề án {to} \
         (kế hoạch năm {to_year}) khác năm kế hoạch; chỉ được điều chuyển trong cùng một năm."
    )]
    CrossYear {
        /// The reallocation at fault.
        reallocation_id: Uuid,
        /// The reallocation as named in the message (decision and date).
        reallocation: String,
        /// The giving project, by code.
        from: String,
        /// The giving project's plan year.
        from_year: i32,
        /// The receiving project, by code.
        to: String,
        /// The receiving project's plan year.
        to_year: i32,
    },
    /// A project cannot give money to itself.
    #[error("{reallocation}: đề án chuyển đi và đề án nhận là cùng một đề án ({project}).")]
    SameProject {
        /// The reallocation at fault.
        reallocation_id: Uuid,
        /// The reallocation as named in the message (decision and date).
        reallocation: String,
        /// The project, by code.
        project: String,
    },
    /// The amount moved must be positive; the direction is given by from/to.
    #[error("{reallocation}: số tiền điều chuyển phải lớn hơn 0 (đang là {}).", format_dong(*.amount))]
    NonPositiveAmount {
        /// The reallocation at fault.
        reallocation_id: Uuid,
        /// The reallocation as named in the message (decision and date).
        reallocation: String,
        /// The amount recorded.
        amount: i64,
    },
    /// More money was moved out of a project than it had.
    #[error(
        "Sau các điều chuyển, kinh phí hỗ trợ của đề án {project} âm ({}); \
         số tiền chuyển đi vượt quá kinh phí của đề án.",
        format_dong(*.support)
    )]
    NegativeSupport {
        /// The project at fault.
        project_id: Uuid,
        /// The project, by code.
        project: String,
        /// Its support after the reallocations.
        support: i64,
    },
    /// An amount outside 0…`MAX_AMOUNT` (damaged or foreign data): summing it could overflow.
    #[error(
        "{record}: {field} {} nằm ngoài giới hạn cho phép (từ 0 đến 10.000 tỷ đồng) nên không \
         tính được cân đối. Hãy sửa bản ghi này (lệnh check liệt kê các số tiền như vậy).",
        format_dong(*.amount)
    )]
    AmountOutOfRange {
        /// The record at fault, named for the user.
        record: String,
        /// The field at fault.
        field: &'static str,
        /// The amount recorded.
        amount: i64,
    },
    /// More amounts than their sum can be kept exact for.
    #[error(
        "Năm có {count} số tiền cần cộng, quá số phần mềm cộng được chính xác; hãy liên hệ người \
         hỗ trợ kỹ thuật."
    )]
    TooManyFigures {
        /// How many amounts the balance would add.
        count: usize,
    },
}

/// How a reallocation is named in messages: its decision and date.
pub(crate) fn describe_reallocation(r: &Reallocation) -> String {
    let date = format_date(r.date);
    if r.decision_no.trim().is_empty() {
        format!("Điều chuyển kinh phí ngày {date}")
    } else {
        format!(
            "Điều chuyển kinh phí theo quyết định {} ngày {date}",
            r.decision_no.trim()
        )
    }
}

/// How a project is named in messages: its code, else its name, else its id.
pub(crate) fn describe_project(p: &Project) -> String {
    if !p.code.trim().is_empty() {
        p.code.trim().to_owned()
    } else if !p.name.trim().is_empty() {
        format!("“{}”", p.name.trim())
    } else {
        p.id.to_string()
    }
}
