//! The project list in memory: filters (năm, nguồn, nội dung, trạng thái, xã, đơn vị thực
//! hiện), diacritic-insensitive search, and totals of the rows shown. No egui here.

use uuid::Uuid;

use crate::domain::funding_source::FundingSource;
use crate::domain::project_status::ProjectStatus;
use crate::domain::project_summary::ProjectSummary;
use crate::text::fold::{FoldedQuery, fold};

/// The filters above the project table; None / "" mean "all".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectFilter {
    pub query: String,
    pub year: Option<i32>,
    pub source: Option<FundingSource>,
    pub content_code: String,
    pub status: Option<ProjectStatus>,
    pub commune_code: String,
    pub implementer: String,
}

/// Sums over the rows shown, for the footer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProjectTotals {
    pub count: usize,
    pub total_cost: i64,
    pub support: i64,
    pub counterpart: i64,
    pub advanced: i64,
    pub disbursed: i64,
}

struct Row {
    summary: ProjectSummary,
    haystack: String,
}

/// All projects, and the ones the filter lets through (newest plan year first, then code).
pub struct ProjectView {
    rows: Vec<Row>,
    visible: Vec<u32>,
    filter: ProjectFilter,
    totals: ProjectTotals,
}

impl ProjectView {
    /// Builds the view over the list rows.
    pub fn new(summaries: Vec<ProjectSummary>) -> ProjectView {
        let mut view = ProjectView {
            rows: summaries.into_iter().map(Self::row).collect(),
            visible: Vec::new(),
            filter: ProjectFilter::default(),
            totals: ProjectTotals::default(),
        };
        view.sort_rows();
        view.refilter();
        view
    }

    fn row(summary: ProjectSummary) -> Row {
        let haystack = fold(&format!(
            "{} {} {} {} {}",
            summary.code,
            summary.name,
            summary.implementer,
            summary.communes,
            summary.beneficiaries
        ));
        Row { summary, haystack }
    }

    fn sort_rows(&mut self) {
        self.rows.sort_by(|a, b| {
            b.summary
                .plan_year
                .cmp(&a.summary.plan_year)
                .then_with(|| a.summary.code.cmp(&b.summary.code))
        });
    }

    /// Number of projects.
    pub fn total(&self) -> usize {
        self.rows.len()
    }

    /// Number of rows shown.
    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    /// The n-th row shown.
    pub fn visible_row(&self, n: usize) -> Option<&ProjectSummary> {
        self.visible.get(n).map(|&i| &self.rows[i as usize].summary)
    }

    /// Position of a project among the rows shown.
    pub fn position_of(&self, id: Uuid) -> Option<usize> {
        self.visible
            .iter()
            .position(|&i| self.rows[i as usize].summary.id == id)
    }

    /// A project by id.
    pub fn get(&self, id: Uuid) -> Option<&ProjectSummary> {
        self.rows.iter().map(|r| &r.summary).find(|s| s.id == id)
    }

    /// A project by its code (case-insensitive), e.g. "DA-2026-0001".
    pub fn find_code(&self, code: &str) -> Option<Uuid> {
        self.rows
            .iter()
            .find(|r| r.summary.code.eq_ignore_ascii_case(code))
            .map(|r| r.summary.id)
    }

    /// Sums of the rows shown.
    pub fn totals(&self) -> ProjectTotals {
        self.totals
    }

    /// The plan years present, newest first (for the year filter).
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.rows.iter().map(|r| r.summary.plan_year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        years
    }

    /// The implementing units present, for the filter.
    pub fn implementers(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .rows
            .iter()
            .map(|r| r.summary.implementer.clone())
            .collect();
        names.sort_by(|a, b| crate::text::collate::compare(a, b));
        names.dedup();
        names
    }

    /// Applies a filter.
    pub fn set_filter(&mut self, filter: ProjectFilter) {
        if filter != self.filter {
            self.filter = filter;
            self.refilter();
        }
    }

    fn refilter(&mut self) {
        let f = &self.filter;
        let query = FoldedQuery::new(&f.query);
        let mut totals = ProjectTotals::default();
        self.visible = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let s = &r.summary;
                f.year.is_none_or(|y| s.plan_year == y)
                    && f.source.is_none_or(|src| s.source == src)
                    && (f.content_code.is_empty() || s.content_code == f.content_code)
                    && f.status.is_none_or(|st| s.status == st)
                    && (f.commune_code.is_empty() || s.commune_codes.contains(&f.commune_code))
                    && (f.implementer.is_empty() || s.implementer == f.implementer)
                    && query.matches(&r.haystack)
            })
            .map(|(i, r)| {
                let s = &r.summary;
                totals.count += 1;
                totals.total_cost += s.total_cost;
                totals.support += s.support;
                totals.counterpart += s.counterpart;
                totals.advanced += s.advanced;
                totals.disbursed += s.disbursed;
                i as u32
            })
            .collect();
        self.totals = totals;
    }

    /// Puts a saved project in the view.
    pub fn upsert(&mut self, summary: ProjectSummary) {
        let row = Self::row(summary);
        match self
            .rows
            .iter_mut()
            .find(|r| r.summary.id == row.summary.id)
        {
            Some(existing) => *existing = row,
            None => self.rows.push(row),
        }
        self.sort_rows();
        self.refilter();
    }

    /// Removes a deleted project.
    pub fn remove(&mut self, id: Uuid) {
        self.rows.retain(|r| r.summary.id != id);
        self.refilter();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(code: &str, year: i32, source: FundingSource, support: i64) -> ProjectSummary {
        ProjectSummary {
            id: Uuid::now_v7(),
            code: code.into(),
            name: format!("Đề án hỗ trợ máy móc {code}"),
            plan_year: year,
            source,
            content_code: "QD1881-1".into(),
            status: ProjectStatus::DangThucHien,
            implementer: "Trung tâm Khuyến công".into(),
            commune_codes: vec!["16093".into()],
            communes: "Xã Nga Sơn".into(),
            beneficiaries: "Hợp tác xã cói Nga Sơn".into(),
            total_cost: support * 2,
            support,
            counterpart: support,
            advanced: support / 2,
            disbursed: support / 2,
        }
    }

    #[test]
    fn filters_and_totals_agree() {
        let mut v = ProjectView::new(vec![
            summary("DA-2025-0001", 2025, FundingSource::Kcqg, 100),
            summary("DA-2026-0001", 2026, FundingSource::Kcdp, 200),
            summary("DA-2026-0002", 2026, FundingSource::Kcqg, 300),
        ]);
        assert_eq!(
            v.visible_row(0).map(|s| s.code.as_str()),
            Some("DA-2026-0001")
        );
        assert_eq!(v.totals().support, 600);
        v.set_filter(ProjectFilter {
            year: Some(2026),
            ..Default::default()
        });
        assert_eq!((v.totals().count, v.totals().support), (2, 500));
        v.set_filter(ProjectFilter {
            year: Some(2026),
            source: Some(FundingSource::Kcqg),
            ..Default::default()
        });
        assert_eq!((v.totals().count, v.totals().total_cost), (1, 600));
        v.set_filter(ProjectFilter {
            query: "coi nga son".into(),
            ..Default::default()
        });
        assert_eq!(v.visible_len(), 3, "beneficiary names are searchable");
        v.set_filter(ProjectFilter {
            commune_code: "99999".into(),
            ..Default::default()
        });
        assert_eq!(v.totals(), ProjectTotals::default());
        assert_eq!(v.years(), [2026, 2025]);
    }
}
