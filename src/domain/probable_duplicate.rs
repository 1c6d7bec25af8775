//! The probable-duplicate rule: two live establishments are probably the same when they have
//! the same tax code, or the same name (ignoring diacritics, case and spacing) in the same xã —
//! the current xã, or for a pre-2025 record without one, the same old xã. One rule for the
//! form, `khuyencong check`, and later the spreadsheet import and the merge of packages.

use std::collections::HashMap;

use uuid::Uuid;

use crate::domain::establishment::Establishment;
use crate::domain::establishment_validation::DuplicateCandidate;
use crate::text::fold::fold;

/// At most this many look-alikes of each kind are named: enough to find the record, without
/// burying the form under a common name.
pub const MAX_PER_KIND: usize = 5;

/// What the rule compares of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub tax_code: String,
    /// The name folded by `text::fold` (the store keeps it indexed).
    pub name_folded: String,
    pub commune_code: String,
    pub legacy_commune_code: String,
}

/// Where a name is compared: the current xã, else the old one; None when neither is known.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NamePlace {
    Commune(String),
    LegacyCommune(String),
}

impl DuplicateRow {
    /// The row of a record as typed (before it is saved).
    pub fn of(e: &Establishment) -> DuplicateRow {
        DuplicateRow {
            id: e.id,
            code: e.code.clone(),
            name: e.name.clone(),
            tax_code: e.tax_code.clone(),
            name_folded: fold(&e.name),
            commune_code: e.commune_code.clone(),
            legacy_commune_code: e.legacy_commune_code.clone(),
        }
    }

    /// The tax code compared, None when there is none.
    pub fn tax_key(&self) -> Option<&str> {
        Some(self.tax_code.trim()).filter(|t| !t.is_empty())
    }

    /// The folded name and the place it is compared in, None when either is missing.
    pub fn name_key(&self) -> Option<(&str, NamePlace)> {
        let name = self.name_folded.trim();
        if name.is_empty() {
            return None;
        }
        let place = if !self.commune_code.is_empty() {
            NamePlace::Commune(self.commune_code.clone())
        } else if !self.legacy_commune_code.is_empty() {
            NamePlace::LegacyCommune(self.legacy_commune_code.clone())
        } else {
            return None;
        };
        Some((name, place))
    }
}

/// The look-alikes of `record` among `candidates` (which may include `record` itself and rows
/// that do not match: only the rule decides). Tax-code matches first, each record named once.
pub fn probable_duplicates(
    record: &DuplicateRow,
    candidates: &[DuplicateRow],
) -> Vec<DuplicateCandidate> {
    let others = || candidates.iter().filter(|c| c.id != record.id);
    let mut out: Vec<DuplicateCandidate> = Vec::new();
    if let Some(tax) = record.tax_key() {
        out.extend(
            others()
                .filter(|c| c.tax_key() == Some(tax))
                .take(MAX_PER_KIND)
                .map(|c| DuplicateCandidate {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    same_tax_code: true,
                }),
        );
    }
    if let Some(key) = record.name_key() {
        let by_name: Vec<DuplicateCandidate> = others()
            .filter(|c| c.name_key().as_ref() == Some(&key))
            .filter(|c| !out.iter().any(|d| d.code == c.code))
            .take(MAX_PER_KIND)
            .map(|c| DuplicateCandidate {
                code: c.code.clone(),
                name: c.name.clone(),
                same_tax_code: false,
            })
            .collect();
        out.extend(by_name);
    }
    out
}

/// The look-alikes of every row of a whole registry, by position, found in one pass over it
/// (groups by tax code and by name and place) with the same rule as the form.
pub fn duplicates_among(rows: &[DuplicateRow]) -> HashMap<usize, Vec<DuplicateCandidate>> {
    let mut by_tax: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<(&str, NamePlace), Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(tax) = r.tax_key() {
            by_tax.entry(tax).or_default().push(i);
        }
        if let Some(key) = r.name_key() {
            by_name.entry(key).or_default().push(i);
        }
    }
    let mut found = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let mut group: Vec<usize> = Vec::new();
        if let Some(g) = r.tax_key().and_then(|t| by_tax.get(t)) {
            group.extend(g);
        }
        if let Some(g) = r.name_key().and_then(|k| by_name.get(&k)) {
            group.extend(g);
        }
        if group.len() <= 1 {
            continue;
        }
        group.sort_unstable();
        group.dedup();
        let candidates: Vec<DuplicateRow> = group.iter().map(|&j| rows[j].clone()).collect();
        let duplicates = probable_duplicates(r, &candidates);
        if !duplicates.is_empty() {
            found.insert(i, duplicates);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, name: &str, tax: &str, commune: &str, legacy: &str) -> DuplicateRow {
        DuplicateRow {
            id: Uuid::now_v7(),
            code: code.into(),
            name: name.into(),
            tax_code: tax.into(),
            name_folded: fold(name),
            commune_code: commune.into(),
            legacy_commune_code: legacy.into(),
        }
    }

    #[test]
    fn same_tax_code_or_same_name_in_the_same_commune() {
        let me = row("", "Hợp tác xã Cói Nga Sơn", "2800123456", "16123", "");
        let rows = [
            row("CS-1", "Khác hẳn", " 2800123456 ", "99999", ""),
            row("CS-2", "HOP TAC XA COI NGA SON", "", "16123", ""),
            row("CS-3", "Hợp tác xã Cói Nga Sơn", "", "16999", ""),
            me.clone(),
        ];
        let found = probable_duplicates(&me, &rows);
        assert_eq!(
            found,
            vec![
                DuplicateCandidate {
                    code: "CS-1".into(),
                    name: "Khác hẳn".into(),
                    same_tax_code: true
                },
                DuplicateCandidate {
                    code: "CS-2".into(),
                    name: "HOP TAC XA COI NGA SON".into(),
                    same_tax_code: false
                },
            ]
        );
    }

    #[test]
    fn an_old_commune_is_compared_with_old_communes_only() {
        let me = row("", "Cơ sở An", "", "", "16001");
        let rows = [
            row("CS-1", "Co so An", "", "", "16001"),
            // A current commune whose code happens to equal the old one is another place.
            row("CS-2", "Co so An", "", "16001", ""),
        ];
        let found = probable_duplicates(&me, &rows);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "CS-1");
    }

    #[test]
    fn nothing_to_compare_finds_nothing() {
        let me = row("", "", "", "16123", "");
        let rows = [row("CS-1", "", "", "16123", "")];
        assert!(probable_duplicates(&me, &rows).is_empty());
        let nowhere = row("", "Cơ sở An", "", "", "");
        assert!(probable_duplicates(&nowhere, &[row("CS-1", "Cơ sở An", "", "", "")]).is_empty());
    }

    #[test]
    fn the_whole_registry_gives_what_the_form_gives() {
        let rows = vec![
            row("CS-1", "Cơ sở An", "2800123456", "16123", ""),
            row("CS-2", "CO SO AN", "", "16123", ""),
            row("CS-3", "Cơ sở Bình", "2800123456", "16999", ""),
            row("CS-4", "Cơ sở Chi", "", "16999", ""),
        ];
        let all = duplicates_among(&rows);
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(
                all.get(&i).cloned().unwrap_or_default(),
                probable_duplicates(r, &rows),
                "{}",
                r.code
            );
        }
        assert!(!all.contains_key(&3));
    }

    #[test]
    fn at_most_five_of_a_kind_are_named() {
        let me = row("", "Cơ sở An", "2800123456", "16123", "");
        let rows: Vec<DuplicateRow> = (0..8)
            .map(|i| row(&format!("CS-{i}"), "Cơ sở An", "2800123456", "16123", ""))
            .collect();
        let found = probable_duplicates(&me, &rows);
        assert_eq!(found.len(), MAX_PER_KIND + 3);
        assert!(found[..MAX_PER_KIND].iter().all(|d| d.same_tax_code));
    }
}
