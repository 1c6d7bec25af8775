//! The registry's rows in memory, filtered and sorted. No egui here, so it is unit-tested and
//! benchmarked directly. Sorting keys are computed once per row at load. Filtering must keep up
//! with typing over 200.000 rows, and what costs there is memory, not matching: so the folded
//! search texts are packed into one buffer in sort order, the drop-down filters read small
//! arrays in the same order, a query that only grew narrows the previous matches, and an
//! unchanged filter does nothing (benches/registry.rs measures it).

use std::cell::Cell;
use std::collections::HashMap;

use uuid::Uuid;

use crate::domain::establishment_summary::EstablishmentSummary;
use crate::domain::legal_form::LegalForm;
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
    /// The rows' folded search texts, in sort order, one after another.
    packed: String,
    /// Where each sorted position's text starts in `packed` (one more entry than rows).
    packed_starts: Vec<u32>,
    /// Per sorted position: small ids of the commune, legal form and industry, for the
    /// drop-down filters.
    commune_ids: Vec<u16>,
    legal_forms: Vec<Option<LegalForm>>,
    industry_ids: Vec<u16>,
    commune_id_of: HashMap<String, u16>,
    industry_id_of: HashMap<String, u16>,
    /// Sorted positions shown.
    visible: Vec<u32>,
    sort: SortColumn,
    ascending: bool,
    filter: RegistryFilter,
    /// The folded query the visible rows were computed for.
    folded_query: String,
    /// Vietnamese-alphabetical rank of each commune name, for sorting by xã.
    commune_rank: HashMap<String, u32>,
    /// The last position looked up, so asking again for the selected row is O(1).
    position_hint: Cell<Option<(Uuid, usize)>>,
}

impl RegistryView {
    /// Builds the view sorted by name.
    pub fn new(summaries: Vec<EstablishmentSummary>) -> RegistryView {
        let mut view = RegistryView {
            rows: summaries.into_iter().map(RegistryRow::new).collect(),
            order: Vec::new(),
            packed: String::new(),
            packed_starts: Vec::new(),
            commune_ids: Vec::new(),
            legal_forms: Vec::new(),
            industry_ids: Vec::new(),
            commune_id_of: HashMap::new(),
            industry_id_of: HashMap::new(),
            visible: Vec::new(),
            sort: SortColumn::Name,
            ascending: true,
            filter: RegistryFilter::default(),
            folded_query: String::new(),
            commune_rank: HashMap::new(),
            position_hint: Cell::new(None),
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
        self.visible
            .get(n)
            .map(|&pos| &self.rows[self.order[pos as usize] as usize].summary)
    }

    /// Up to `limit` rows matching `query` (diacritics optional), in the current sort order,
    /// whatever the table's own filter: for pickers that choose an establishment.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&EstablishmentSummary> {
        let q = FoldedQuery::new(query);
        (0..self.order.len())
            .filter(|&pos| q.matches(self.packed_text(pos)))
            .take(limit)
            .map(|pos| &self.rows[self.order[pos] as usize].summary)
            .collect()
    }

    /// A row by id.
    pub fn get(&self, id: Uuid) -> Option<&EstablishmentSummary> {
        self.rows.iter().map(|r| &r.summary).find(|s| s.id == id)
    }

    /// Position of a record among the visible rows.
    pub fn position_of(&self, id: Uuid) -> Option<usize> {
        if let Some((hint_id, pos)) = self.position_hint.get()
            && hint_id == id
            && self.visible_row(pos).is_some_and(|s| s.id == id)
        {
            return Some(pos);
        }
        let pos =
            (0..self.visible.len()).find(|&n| self.visible_row(n).is_some_and(|s| s.id == id))?;
        self.position_hint.set(Some((id, pos)));
        Some(pos)
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
        self.pack();
        self.refilter(false);
    }

    /// Lays out the search texts and filter ids in sort order, for cache-friendly scans.
    fn pack(&mut self) {
        let n = self.order.len();
        let mut packed =
            String::with_capacity(self.rows.iter().map(|r| r.haystack.len() + 1).sum());
        let mut starts = Vec::with_capacity(n + 1);
        let mut commune_ids = Vec::with_capacity(n);
        let mut legal_forms = Vec::with_capacity(n);
        let mut industry_ids = Vec::with_capacity(n);
        for &i in &self.order {
            let r = &self.rows[i as usize];
            starts.push(packed.len() as u32);
            packed.push_str(&r.haystack);
            // A newline never occurs in folded text, so no match spans two rows.
            packed.push('\n');
            let next_commune = self.commune_id_of.len() as u16;
            commune_ids.push(
                *self
                    .commune_id_of
                    .entry(r.summary.commune_code.clone())
                    .or_insert(next_commune),
            );
            let next_industry = self.industry_id_of.len() as u16;
            industry_ids.push(
                *self
                    .industry_id_of
                    .entry(r.summary.industry_code.clone())
                    .or_insert(next_industry),
            );
            legal_forms.push(r.summary.legal_form);
        }
        starts.push(packed.len() as u32);
        self.packed = packed;
        self.packed_starts = starts;
        self.commune_ids = commune_ids;
        self.legal_forms = legal_forms;
        self.industry_ids = industry_ids;
    }

    /// The folded search text at a sorted position.
    fn packed_text(&self, pos: usize) -> &str {
        let start = self.packed_starts[pos] as usize;
        let end = self.packed_starts[pos + 1] as usize - 1;
        &self.packed[start..end]
    }

    /// Applies a new filter (search text and drop-downs).
    pub fn set_filter(&mut self, filter: RegistryFilter) {
        let folded = fold(&filter.query);
        let same_dropdowns = filter.commune_code == self.filter.commune_code
            && filter.legal_form == self.filter.legal_form
            && filter.industry_code == self.filter.industry_code;
        if same_dropdowns && folded == self.folded_query {
            // Same search, different spacing or case: nothing to do.
            self.filter = filter;
            return;
        }
        // Typing one more letter can only remove rows: look again only at those shown.
        let narrowing = same_dropdowns && folded.starts_with(&self.folded_query);
        self.filter = filter;
        self.refilter(narrowing);
    }

    fn refilter(&mut self, narrowing: bool) {
        let f = &self.filter;
        let query = FoldedQuery::new(&f.query);
        let commune = (!f.commune_code.is_empty()).then(|| {
            self.commune_id_of
                .get(&f.commune_code)
                .copied()
                .unwrap_or(u16::MAX)
        });
        let industry = (!f.industry_code.is_empty()).then(|| {
            self.industry_id_of
                .get(&f.industry_code)
                .copied()
                .unwrap_or(u16::MAX)
        });
        let keep = |pos: usize| {
            commune.is_none_or(|c| self.commune_ids[pos] == c)
                && f.legal_form
                    .is_none_or(|lf| self.legal_forms[pos] == Some(lf))
                && industry.is_none_or(|i| self.industry_ids[pos] == i)
                && query.matches(self.packed_text(pos))
        };
        let visible: Vec<u32> = if narrowing {
            self.visible
                .iter()
                .copied()
                .filter(|&p| keep(p as usize))
                .collect()
        } else {
            (0..self.order.len() as u32)
                .filter(|&p| keep(p as usize))
                .collect()
        };
        self.folded_query = fold(&self.filter.query);
        self.visible = visible;
        self.position_hint.set(None);
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

    #[test]
    fn typing_on_and_backspacing_give_what_a_fresh_filter_gives() {
        let names_list = [
            "Hợp tác xã cói Nga Sơn",
            "Hộ kinh doanh Nguyễn Văn Hùng",
            "Hợp tác xã mây tre đan Hoằng Lộc",
            "Cơ sở thêu Thuỷ Nguyên",
            "Công ty TNHH Hoàng Long",
            "Tổ hợp tác gốm Phù Lãng",
        ];
        let rows: Vec<EstablishmentSummary> = names_list
            .iter()
            .enumerate()
            .map(|(i, n)| {
                summary(
                    &format!("CS-{i}"),
                    n,
                    if i % 2 == 0 { "Xã A" } else { "Xã B" },
                )
            })
            .collect();
        let mut typed = RegistryView::new(rows.clone());
        let fresh_names = |query: &str, commune: &str| {
            let mut v = RegistryView::new(rows.clone());
            v.set_filter(RegistryFilter {
                query: query.into(),
                commune_code: commune.into(),
                ..Default::default()
            });
            names(&v)
        };
        let script = "hop tac xa coi";
        let mut steps: Vec<String> = (1..=script.len()).map(|n| script[..n].to_owned()).collect();
        steps.extend((1..script.len()).rev().map(|n| script[..n].to_owned()));
        steps.push("HỢP  TÁC".into());
        for (i, q) in steps.iter().enumerate() {
            let commune = if i % 5 == 4 { "c-Xã A" } else { "" };
            typed.set_filter(RegistryFilter {
                query: q.clone(),
                commune_code: commune.into(),
                ..Default::default()
            });
            assert_eq!(names(&typed), fresh_names(q, commune), "after {q:?}");
        }
        assert_eq!(
            typed.position_of(typed.visible_row(1).expect("row").id),
            Some(1)
        );
    }
}
