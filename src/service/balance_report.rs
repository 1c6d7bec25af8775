//! `khuyencong balance`: the balance of a year per source, as the Kế hoạch & cân đối screen
//! computes it, as a table or JSON.

use serde::Serialize;

use crate::domain::data_problem::left_out_warning;
use crate::service::{Service, ServiceResult};
use crate::text::number::format_integer;

/// One source's line of `khuyencong balance`.
#[derive(Debug, Clone, Serialize)]
pub struct BalanceLine {
    pub source: String,
    pub planned: i64,
    pub allocated: i64,
    pub unallocated: i64,
    pub advanced: i64,
    pub disbursed: i64,
    pub settled: i64,
    pub disbursement_rate_bp: Option<i64>,
    pub projects: usize,
}

/// What `khuyencong balance` prints.
#[derive(Debug, Clone, Serialize)]
pub struct BalanceReport {
    pub year: i32,
    pub as_of: String,
    pub sources: Vec<BalanceLine>,
    pub total: BalanceLine,
    pub over_allocated: Vec<String>,
    /// Rows that cannot be read and are not in these figures (see "Dữ liệu cần sửa").
    pub left_out: usize,
}

/// `khuyencong balance`: the balance of a year per source, as the screen shows it.
impl Service {
    pub fn balance_report(&self, year: i32) -> ServiceResult<BalanceReport> {
        let balance = self.year_balance(year)?;
        let sources = balance
            .by_source
            .iter()
            .map(|s| BalanceLine {
                source: s.source.label().to_owned(),
                planned: s.planned,
                allocated: s.allocated,
                unallocated: s.unallocated,
                advanced: s.advanced,
                disbursed: s.disbursed,
                settled: s.settled,
                disbursement_rate_bp: s.disbursement_rate_bp,
                projects: s.project_count,
            })
            .collect();
        let t = &balance.total;
        Ok(BalanceReport {
            year,
            as_of: crate::text::date::format_date(balance.as_of),
            sources,
            total: BalanceLine {
                source: "Tổng cộng".into(),
                planned: t.planned,
                allocated: t.allocated,
                unallocated: t.unallocated,
                advanced: t.advanced,
                disbursed: t.disbursed,
                settled: t.settled,
                disbursement_rate_bp: crate::domain::money::money_rate(t.disbursed, t.planned),
                projects: balance.by_source.iter().map(|s| s.project_count).sum(),
            },
            over_allocated: balance
                .over_allocated
                .iter()
                .map(|s| s.label().to_owned())
                .collect(),
            left_out: self.balance_left_out()?,
        })
    }
}

impl BalanceReport {
    /// The report as a table for a person (đồng).
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "Cân đối kinh phí khuyến công năm {} (đến ngày {}), đơn vị tính: đồng\n\n",
            self.year, self.as_of
        );
        let h = crate::budget::SOURCE_HEADINGS;
        out.push_str(&format!(
            "{:<12} {:>18} {:>18} {:>18} {:>18} {:>18} {:>18} {:>16}\n",
            h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
        ));
        for l in self.sources.iter().chain(std::iter::once(&self.total)) {
            out.push_str(&format!(
                "{:<12} {:>18} {:>18} {:>18} {:>18} {:>18} {:>18} {:>16}\n",
                l.source,
                format_integer(l.planned),
                format_integer(l.allocated),
                format_integer(l.unallocated),
                format_integer(l.advanced),
                format_integer(l.disbursed),
                format_integer(l.settled),
                l.disbursement_rate_bp
                    .map(crate::text::number::format_percent_basis_points)
                    .unwrap_or_else(|| "—".into())
            ));
        }
        out.push_str(&format!(
            "\nChưa phân bổ: {} đồng.\n",
            format_integer(self.total.unallocated)
        ));
        if !self.over_allocated.is_empty() {
            out.push_str(&format!(
                "Phân bổ vượt kế hoạch: {}.\n",
                self.over_allocated.join(", ")
            ));
        }
        if let Some(warning) = left_out_warning(self.left_out) {
            out.push_str(&format!("Cảnh báo: {warning}\n"));
        }
        out
    }
}
