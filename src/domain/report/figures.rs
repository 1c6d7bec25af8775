//! The figures a report is built from, taken from the database at one moment. Plain data with
//! serde, so a finalised (chốt) report keeps exactly these and prints the same forever.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::report_kind::ReportKind;
use crate::domain::funding_source::FundingSource;

/// Everything the narrative and the appendices need (money in đồng).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFigures {
    pub kind: ReportKind,
    /// The report's year (the plan year for a registration report).
    pub year: i32,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// One per source, in `FundingSource::ALL` order.
    pub sources: Vec<SourceFigures>,
    /// Phụ lục I rows: approved projects of the year, or the proposals of a registration.
    pub projects: Vec<ProjectLine>,
    /// Nội dung codes with their names, in catalogue order, for group headings.
    pub contents: Vec<(String, String)>,
    /// Phụ lục II rows.
    pub indicators: Vec<IndicatorLine>,
    /// The programme whose targets Phụ lục II compares against, if any.
    pub programme: Option<String>,
}

/// Money of one source over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFigures {
    pub source: FundingSource,
    /// Kế hoạch giao ban đầu: the decisions' amounts.
    pub initial: i64,
    /// Điều chỉnh: bổ sung minus điều chỉnh giảm and thu hồi, up to the period's end.
    pub adjusted: i64,
    /// Chuyển nguồn sang năm sau (and hủy dự toán), up to the period's end.
    pub carried_over: i64,
    /// Kế hoạch sau điều chỉnh = initial + adjusted − carried_over.
    pub planned: i64,
    /// Thực hiện: support of the approved projects.
    pub allocated: i64,
    pub advanced: i64,
    pub disbursed: i64,
    pub settled: i64,
    pub counterpart: i64,
    pub other_funds: i64,
    pub project_count: usize,
}

impl SourceFigures {
    /// Nothing yet for `source`.
    pub fn empty(source: FundingSource) -> SourceFigures {
        SourceFigures {
            source,
            initial: 0,
            adjusted: 0,
            carried_over: 0,
            planned: 0,
            allocated: 0,
            advanced: 0,
            disbursed: 0,
            settled: 0,
            counterpart: 0,
            other_funds: 0,
            project_count: 0,
        }
    }
}

/// One project (or proposal) as Phụ lục I prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectLine {
    pub code: String,
    pub name: String,
    pub source: FundingSource,
    pub content_code: String,
    pub implementer: String,
    /// Beneficiaries' names (and MST when known), joined.
    pub beneficiaries: String,
    /// Xã names and the province.
    pub area: String,
    /// "Số 123/QĐ-UBND ngày 05/3/2026", empty when not approved.
    pub approval: String,
    /// "03/2026–10/2026".
    pub duration: String,
    pub total_cost: i64,
    pub support: i64,
    pub counterpart: i64,
    pub other_funds: i64,
    pub advanced: i64,
    pub disbursed: i64,
    /// Status in words ("Đang thực hiện", "Đạt thẩm định", …).
    pub status: String,
    /// Outputs in words ("12 máy móc thiết bị; 40 lao động được đào tạo").
    pub results: String,
    /// Registration only: who proposed it.
    pub proposed_by: String,
    /// Registration only: it passed the Sở's appraisal.
    #[serde(default)]
    pub appraisal_passed: bool,
}

/// One row of Phụ lục II: an indicator by source, with the programme target when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorLine {
    pub name: String,
    pub unit: String,
    pub kcqg: i64,
    pub kcdp: i64,
    /// Other sources (kept so the total is honest).
    pub other: i64,
    /// The programme's target for the whole period, if entered.
    pub target: Option<i64>,
    /// What the programme's projects achieved so far (all years), against the target.
    pub achieved_in_programme: Option<i64>,
}

impl IndicatorLine {
    pub fn total(&self) -> i64 {
        self.kcqg + self.kcdp + self.other
    }
}

impl ReportFigures {
    /// The figures of one source.
    pub fn source(&self, source: FundingSource) -> SourceFigures {
        self.sources
            .iter()
            .copied()
            .find(|s| s.source == source)
            .unwrap_or(SourceFigures::empty(source))
    }

    /// Sum over the sources (its `source` field means nothing).
    pub fn total(&self) -> SourceFigures {
        self.sources
            .iter()
            .fold(SourceFigures::empty(FundingSource::Khac), |mut t, s| {
                t.initial += s.initial;
                t.adjusted += s.adjusted;
                t.carried_over += s.carried_over;
                t.planned += s.planned;
                t.allocated += s.allocated;
                t.advanced += s.advanced;
                t.disbursed += s.disbursed;
                t.settled += s.settled;
                t.counterpart += s.counterpart;
                t.other_funds += s.other_funds;
                t.project_count += s.project_count;
                t
            })
    }

    /// The name of a content code, or the code itself.
    pub fn content_name(&self, code: &str) -> String {
        self.contents
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| {
                if code.is_empty() {
                    "Chưa ghi nội dung".into()
                } else {
                    code.to_owned()
                }
            })
    }

    /// A short fingerprint of these figures: the first 10 hex digits of the SHA-256 of their
    /// JSON, printed on a finalised report so paper and database can be matched.
    pub fn fingerprint(&self) -> String {
        use sha2::Digest;
        let json = serde_json::to_vec(self).unwrap_or_default();
        let digest = sha2::Sha256::digest(&json);
        digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
    }
}
