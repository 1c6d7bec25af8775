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
    /// One per source, in `FundingSource::ALL` order: the year to date, as the data stood at
    /// the end of `period_to`.
    pub sources: Vec<SourceFigures>,
    /// A quarter after the first: the year to date at the end of the day before the period
    /// began (the previous quarter's report), so the quarter alone is the difference. None
    /// when the period starts with the year (quý I, 6 tháng, năm): then the period is the year
    /// to date. Absent from reports finalised before it existed.
    #[serde(default)]
    pub before_period: Option<Vec<SourceFigures>>,
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

/// Sum of `parts` (its `source` field means nothing). Amounts are bounded by
/// `domain::money::MAX_AMOUNT` and their count by the balance's bounds, so the sum cannot
/// overflow; saturating keeps that true even for figures read from an old finalised report.
fn sum(parts: &[SourceFigures]) -> SourceFigures {
    parts
        .iter()
        .fold(SourceFigures::empty(FundingSource::Khac), |t, s| t.plus(s))
}

impl SourceFigures {
    fn combine(&self, other: &SourceFigures, op: fn(i64, i64) -> i64) -> SourceFigures {
        SourceFigures {
            source: self.source,
            initial: op(self.initial, other.initial),
            adjusted: op(self.adjusted, other.adjusted),
            carried_over: op(self.carried_over, other.carried_over),
            planned: op(self.planned, other.planned),
            allocated: op(self.allocated, other.allocated),
            advanced: op(self.advanced, other.advanced),
            disbursed: op(self.disbursed, other.disbursed),
            settled: op(self.settled, other.settled),
            counterpart: op(self.counterpart, other.counterpart),
            other_funds: op(self.other_funds, other.other_funds),
            project_count: 0,
        }
    }

    fn plus(&self, other: &SourceFigures) -> SourceFigures {
        SourceFigures {
            project_count: self.project_count.saturating_add(other.project_count),
            ..self.combine(other, i64::saturating_add)
        }
    }

    /// `self` less `other`; a count that fell (an approval cancelled) is 0 here, and its
    /// money shows the fall.
    fn minus(&self, other: &SourceFigures) -> SourceFigures {
        SourceFigures {
            project_count: self.project_count.saturating_sub(other.project_count),
            ..self.combine(other, i64::saturating_sub)
        }
    }

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
        sum(&self.sources)
    }

    /// Whether the period is a part of the year after its start (quý II–IV), so its own
    /// figures differ from the year to date.
    pub fn has_own_period(&self) -> bool {
        self.before_period.is_some()
    }

    /// What happened within the period alone, per source: the year to date less the year to
    /// date on the day before the period. Counts and money of approvals, payments and plan
    /// changes made in the period; may be negative (a recall, a cancelled approval). The year
    /// to date itself when the period starts with the year.
    pub fn in_period(&self, source: FundingSource) -> SourceFigures {
        let now = self.source(source);
        match &self.before_period {
            None => now,
            Some(before) => {
                let then = before
                    .iter()
                    .copied()
                    .find(|s| s.source == source)
                    .unwrap_or(SourceFigures::empty(source));
                now.minus(&then)
            }
        }
    }

    /// The period alone, summed over the sources.
    pub fn period_total(&self) -> SourceFigures {
        let parts: Vec<SourceFigures> = FundingSource::ALL
            .into_iter()
            .map(|s| self.in_period(s))
            .collect();
        sum(&parts)
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
