//! Reference data the screens need on every frame, read once from the store.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::admin_unit::{Commune, LegacyCommune, Province};
use crate::domain::cnnt_definition::CnntDefinition;
use crate::domain::industry::Industry;
use crate::store::{Store, StoreResult};
use crate::text::fold::fold;

/// A choice in a searchable picker: its code, what the user sees, and its folded search text.
#[derive(Debug, Clone, PartialEq)]
pub struct PickerItem {
    pub code: String,
    pub label: String,
    pub folded: String,
}

/// Reference data of the installation's province.
pub struct ReferenceCache {
    pub provinces: Vec<Province>,
    pub province_code: String,
    pub communes: Vec<Commune>,
    pub commune_items: Vec<PickerItem>,
    pub legacy_communes: Vec<LegacyCommune>,
    pub legacy_items: Vec<PickerItem>,
    pub industries: Vec<Industry>,
    pub definitions: Vec<CnntDefinition>,
    pub ethnicities: Vec<String>,
    commune_by_code: HashMap<String, usize>,
    legacy_by_code: HashMap<String, usize>,
}

impl ReferenceCache {
    /// Loads the lists for `province_code` (communes, old communes) and the national lists.
    pub fn load(store: &Store, province_code: &str) -> StoreResult<ReferenceCache> {
        let communes = store.communes_of(province_code)?;
        let mut commune_items: Vec<PickerItem> = communes
            .iter()
            .map(|c| PickerItem {
                code: c.code.clone(),
                label: c.name.clone(),
                folded: fold(&c.name),
            })
            .collect();
        commune_items.sort_by(|a, b| crate::text::collate::compare(&a.label, &b.label));
        let legacy_communes = store.legacy_communes_for(province_code)?;
        let legacy_items = legacy_communes
            .iter()
            .map(|l| {
                let label = format!(
                    "{}, {}, {}{}",
                    l.name,
                    l.district_name,
                    l.province_name,
                    l.successor_name
                        .as_deref()
                        .map(|n| format!(" (nay là {n})"))
                        .unwrap_or_default()
                );
                PickerItem {
                    code: l.code.clone(),
                    folded: fold(&label),
                    label,
                }
            })
            .collect();
        Ok(ReferenceCache {
            provinces: store.provinces()?,
            province_code: province_code.to_owned(),
            commune_by_code: communes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.code.clone(), i))
                .collect(),
            legacy_by_code: legacy_communes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.code.clone(), i))
                .collect(),
            communes,
            commune_items,
            legacy_communes,
            legacy_items,
            industries: store.industries()?,
            definitions: store.cnnt_definitions()?,
            ethnicities: store.ethnicities()?,
        })
    }

    /// A commune of the loaded province.
    pub fn commune(&self, code: &str) -> Option<&Commune> {
        self.commune_by_code.get(code).map(|&i| &self.communes[i])
    }

    /// An old commune of the loaded province.
    pub fn legacy_commune(&self, code: &str) -> Option<&LegacyCommune> {
        self.legacy_by_code
            .get(code)
            .map(|&i| &self.legacy_communes[i])
    }

    /// A current province.
    pub fn province(&self, code: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.code == code)
    }

    /// An industry by code.
    pub fn industry(&self, code: &str) -> Option<&Industry> {
        self.industries.iter().find(|i| i.code == code)
    }

    /// Industries in force on `date` (what a new record may choose).
    pub fn industries_in_force(&self, date: NaiveDate) -> impl Iterator<Item = &Industry> {
        self.industries.iter().filter(move |i| i.in_force_on(date))
    }

    /// The CNNT definition in force on `date`.
    pub fn definition_on(&self, date: NaiveDate) -> Option<&CnntDefinition> {
        CnntDefinition::in_force(&self.definitions, date)
    }
}
