//! The registry's rows in memory, filtered and sorted. No egui here, so it is unit-tested and
//! benchmarked directly. Sorting keys are computed once per row at load, filtering scans
//! pre-folded text, so a keystroke over 200.000 rows stays within a frame budget.

use std::collections::HashMap;

use uuid::Uuid;

use crate::domain::legal_form::LegalForm;
use crate::store::establishments::EstablishmentSummary;
use crate::text::collate::{SortKey, compare, sort_key};
use crate::text::fold::{FoldedQuery, fold};

/// A column the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Code,
    Name,
    LegalForm,
    Commune,
    Industry,
    Workers,
    TaxCode,
}

/// The filters above the table. Empty strings / None mean "all".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegistryFilter {
    pub query: String,
    pub commune_code: String,
    pub legal_form: Option<LegalForm>,
    pub industry_code: String,
}

/// One row with what filtering and sorting need, computed once.
pub struct RegistryRow {
    pub summary: EstablishmentSummary,
    /// Folded code, name, tax code, representative and xã: what the search box looks in.
    haystack: String,
    name_key: SortKey,
}

impl RegistryRow {
    fn new(summary: EstablishmentSummary) -> RegistryRow {
        let haystack = fold(&format!(
            "{} {} {} {} {}",
            summary.code,
            summary.name,
            summary.tax_code,
            summary.representative,
            summary.commune_name
        ));
        RegistryRow {
            name_key: sort_key(&summary.name),
            haystack,
            summary,
        }
    }
}

/// All rows, the sorted order, and the rows the current filter lets through.
pub struct RegistryView {
    rows: Vec<RegistryRow>,
    /// Live row indices in sort order.
    order: Vec<u32>,
    /// Indices (into `rows`) shown, in sort order.
    visible: Vec<u32>,
    sort: SortColumn,
    ascending: bool,
    filter: RegistryFilter,
    /// Vietnamese-alphabetical rank of each commune name, for sorting by xã.
    commune_rank: HashMap<String, u32>,
}

impl RegistryView {
    /// Builds the view sorted by name.
    pub fn new(summaries: Vec<EstablishmentSummary>) -> RegistryView {
        let mut view = RegistryView {
            rows: summaries.into_iter().map(RegistryRow::new).collect(),
            order: Vec::new(),
            visible: Vec::new(),
            sort: SortColumn::Name,
            ascending: true,
            filter: RegistryFilter::default(),
            commune_rank: HashMap::new(),
        };
        view.rank_communes();
        view.resort();
        view
    }

    fn rank_communes(&mut self) {
        let mut names: Vec<&str> = self
            .rows
            .iter()
            .map(|r| r.summary.commune_name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names.sort_by(|a, b| compare(a, b));
        self.commune_rank = names
            .into_iter()
            .enumerate()
            .map(|(i, n)| (n.to_owned(), i as u32))
            .collect();
    }

    /// Number of live rows.
    pub fn total(&self) -> usize {
        self.rows.len()
    }

    /// Number of rows the filter lets through.
    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    /// The n-th visible row.
    pub fn visible_row(&self, n: usize) -> Option<&EstablishmentSummary> {
        self.visible.get(n).map(|&i| &self.rows[i as usize].summary)
    }

    /// Up to `limit` rows matching `query` (diacritics optional), in the current sort order,
    /// whatever the table's own filter: for pickers that choose an establishment.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&EstablishmentSummary> {
        let q = FoldedQuery::new(query);
        self.order
            .iter()
            .map(|&i| &self.rows[i as usize])
            .filter(|r| q.matches(&r.haystack))
            .take(limit)
            .map(|r| &r.summary)
            .collect()
    }

    /// A row by id.
    pub fn get(&self, id: Uuid) -> Option<&EstablishmentSummary> {
        self.rows.iter().map(|r| &r.summary).find(|s| s.id == id)
    }

    /// Position of a record among the visible rows.
    pub fn position_of(&self, id: Uuid) -> Option<usize> {
        self.visible
            .iter()
            .position(|&i| self.rows[i as usize].summary.id == id)
    }

    /// Current sort column and direction.
    pub fn sort(&self) -> (SortColumn, bool) {
        (self.sort, self.ascending)
    }

    /// The filter in effect.
    pub fn filter(&self) -> &RegistryFilter {
        &self.filter
    }

    /// Sorts by `column`; choosing the current column again reverses the direction.
    pub fn sort_by(&mut self, column: SortColumn) {
        if self.sort == column {
            self.ascending = !self.ascending;
        } else {
            self.sort = column;
            self.ascending = true;
        }
        self.resort();
    }

    fn compare_rows(&self, a: &RegistryRow, b: &RegistryRow) -> std::cmp::Ordering {
        let (x, y) = (&a.summary, &b.summary);
        let primary = match self.sort {
            SortColumn::Code => x.code.cmp(&y.code),
            SortColumn::Name => a.name_key.cmp(&b.name_key),
            SortColumn::LegalForm => x.legal_form.cmp(&y.legal_form),
            SortColumn::Commune => {
                let rank =
                    |s: &EstablishmentSummary| self.commune_rank.get(&s.commune_name).copied();
                rank(x).cmp(&rank(y))
            }
            SortColumn::Industry => x.industry_code.cmp(&y.industry_code),
            SortColumn::Workers => x.workers_total.cmp(&y.workers_total),
            SortColumn::TaxCode => x.tax_code.cmp(&y.tax_code),
        };
        // Ties keep a stable, meaningful order: by name, then by code.
        primary
            .then_with(|| a.name_key.cmp(&b.name_key))
            .then_with(|| x.code.cmp(&y.code))
    }

    fn resort(&mut self) {
        let mut order: Vec<u32> = (0..self.rows.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let o = self.compare_rows(&self.rows[a as usize], &self.rows[b as usize]);
            if self.ascending { o } else { o.reverse() }
        });
        self.order = order;
        self.refilter();
    }

    /// Applies a new filter (search text and drop-downs).
    pub fn set_filter(&mut self, filter: RegistryFilter) {
        if filter != self.filter {
            self.filter = filter;
            self.refilter();
        }
    }

    fn refilter(&mut self) {
        let f = &self.filter;
        let query = FoldedQuery::new(&f.query);
        let rows = &self.rows;
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|&i| {
                let r = &rows[i as usize];
                let s = &r.summary;
                (f.commune_code.is_empty() || s.commune_code == f.commune_code)
                    && f.legal_form.is_none_or(|lf| s.legal_form == Some(lf))
                    && (f.industry_code.is_empty() || s.industry_code == f.industry_code)
                    && query.matches(&r.haystack)
            })
            .collect();
    }

    /// Puts a saved record in the view (new or changed), keeping sort and filter.
    pub fn upsert(&mut self, summary: EstablishmentSummary) {
        let row = RegistryRow::new(summary);
        let new_commune = !self.commune_rank.contains_key(&row.summary.commune_name);
        match self
            .rows
            .iter_mut()
            .find(|r| r.summary.id == row.summary.id)
        {
            Some(existing) => *existing = row,
            None => self.rows.push(row),
        }
        if new_commune {
            self.rank_communes();
        }
        self.resort();
    }

    /// Removes a deleted record from the view.
    pub fn remove(&mut self, id: Uuid) {
        self.rows.retain(|r| r.summary.id != id);
        self.resort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(code: &str, name: &str, commune: &str) -> EstablishmentSummary {
        EstablishmentSummary {
            id: Uuid::now_v7(),
            code: code.into(),
            name: name.into(),
            legal_form: Some(LegalForm::HoKinhDoanh),
            commune_code: format!("c-{commune}"),
            commune_name: commune.into(),
            industry_code: "45-a".into(),
            workers_total: Some(code.len() as i64),
            tax_code: String::new(),
            representative: String::new(),
        }
    }

    fn names(v: &RegistryView) -> Vec<String> {
        (0..v.visible_len())
            .map(|i| v.visible_row(i).map(|s| s.name.clone()).unwrap_or_default())
            .collect()
    }

    #[test]
    fn sorts_in_vietnamese_order_and_searches_without_diacritics() {
        let mut v = RegistryView::new(vec![
            summary("CS-3", "Đức Thành", "Xã A"),
            summary("CS-1", "Dũng Tiến", "Xã A"),
            summary("CS-2", "Ánh Dương", "Xã B"),
            summary("CS-4", "Bảo Thủy", "Xã B"),
            summary("CS-5", "Ẩn Thuỷ", "Xã B"),
        ]);
        assert_eq!(
            names(&v),
            ["Ánh Dương", "Ẩn Thuỷ", "Bảo Thủy", "Dũng Tiến", "Đức Thành"]
        );
        v.set_filter(RegistryFilter {
            query: "thuy".into(),
            ..Default::default()
        });
        assert_eq!(names(&v), ["Ẩn Thuỷ", "Bảo Thủy"]);
        v.sort_by(SortColumn::Name);
        assert_eq!(names(&v), ["Bảo Thủy", "Ẩn Thuỷ"], "second click reverses");
    }

    #[test]
    fn upsert_and_remove_keep_the_view_consistent() {
        let first = summary("CS-1", "Một", "Xã A");
        let id = first.id;
        let mut v = RegistryView::new(vec![first.clone()]);
        let mut changed = first;
        changed.name = "Hai".into();
        changed.commune_name = "Xã Mới".into();
        v.upsert(changed);
        assert_eq!(v.total(), 1);
        assert_eq!(names(&v), ["Hai"]);
        v.upsert(summary("CS-2", "Ba", "Xã A"));
        assert_eq!(names(&v), ["Ba", "Hai"]);
        v.remove(id);
        assert_eq!(names(&v), ["Ba"]);
    }

    #[test]
    fn filters_combine() {
        let mut rows = vec![
            summary("CS-1", "Cơ sở một", "Xã A"),
            summary("CS-2", "Cơ sở hai", "Xã B"),
        ];
        rows[1].legal_form = Some(LegalForm::HopTacXa);
        let mut v = RegistryView::new(rows);
        v.set_filter(RegistryFilter {
            legal_form: Some(LegalForm::HopTacXa),
            ..Default::default()
        });
        assert_eq!(names(&v), ["Cơ sở hai"]);
        v.set_filter(RegistryFilter {
            commune_code: "c-Xã A".into(),
            legal_form: Some(LegalForm::HopTacXa),
            ..Default::default()
        });
        assert!(names(&v).is_empty());
    }
}
