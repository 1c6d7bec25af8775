//! The reference snapshot: every list the screens, the forms and the rules look things up in
//! (administrative units, industries, CNNT definitions, dân tộc, the khuyến công catalogue),
//! read from the store once and shared — by the window, by background jobs and by the command
//! line — until the catalogue or the unit changes.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::activity_content::ActivityContent;
use crate::domain::admin_unit::{Commune, LegacyCommune, Province};
use crate::domain::cnnt_definition::CnntDefinition;
use crate::domain::industry::Industry;
use crate::domain::programme::Programme;
use crate::domain::rule_term::RuleTerm;
use crate::domain::support_ceiling::{Indicator, SupportCeiling};
use crate::store::{Store, StoreResult};
use crate::text::fold::fold;

/// A choice in a searchable picker: its code, what the user sees, and its folded search text.
#[derive(Debug, Clone, PartialEq)]
pub struct PickerItem {
    pub code: String,
    pub label: String,
    pub folded: String,
}

/// Reference data, national and of the installation's province.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub provinces: Vec<Province>,
    /// The province the installation serves; empty before the first-start dialog.
    pub province_code: String,
    /// Communes of that province, by code; `commune_items` are in Vietnamese order.
    pub communes: Vec<Commune>,
    pub commune_items: Vec<PickerItem>,
    /// Pre-2025 communes of that province.
    pub legacy_communes: Vec<LegacyCommune>,
    pub legacy_items: Vec<PickerItem>,
    pub industries: Vec<Industry>,
    pub definitions: Vec<CnntDefinition>,
    pub ethnicities: Vec<String>,
    /// The khuyến công catalogue: contents, support ceilings, programmes, output indicators.
    pub contents: Vec<ActivityContent>,
    pub ceilings: Vec<SupportCeiling>,
    pub programmes: Vec<Programme>,
    pub indicators: Vec<Indicator>,
    /// The dated terms of the project rules (settlement days, KCQG deadline, once per content).
    pub terms: Vec<RuleTerm>,
    /// Every current commune of every province (beneficiaries may live outside the province).
    all_communes: HashMap<String, Commune>,
    legacy_by_code: HashMap<String, usize>,
}

fn legacy_label(l: &LegacyCommune) -> String {
    format!(
        "{}, {}, {}{}",
        l.name,
        l.district_name,
        l.province_name,
        l.successor_name
            .as_deref()
            .map(|n| format!(" (nay là {n})"))
            .unwrap_or_default()
    )
}

impl Reference {
    /// Reads the lists; `province_code` (the unit's, empty when none is set yet) chooses the
    /// communes offered in pickers.
    pub fn load(store: &Store, province_code: &str) -> StoreResult<Reference> {
        let provinces = store.provinces()?;
        let mut all_communes = HashMap::new();
        for p in &provinces {
            for c in store.communes_of(&p.code)? {
                all_communes.insert(c.code.clone(), c);
            }
        }
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
        let legacy_communes = if province_code.is_empty() {
            Vec::new()
        } else {
            store.legacy_communes_for(province_code)?
        };
        let legacy_items = legacy_communes
            .iter()
            .map(|l| {
                let label = legacy_label(l);
                PickerItem {
                    code: l.code.clone(),
                    folded: fold(&label),
                    label,
                }
            })
            .collect();
        Ok(Reference {
            provinces,
            province_code: province_code.to_owned(),
            communes,
            commune_items,
            legacy_by_code: legacy_communes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.code.clone(), i))
                .collect(),
            legacy_communes,
            legacy_items,
            industries: store.industries()?,
            definitions: store.cnnt_definitions()?,
            ethnicities: store.ethnicities()?,
            contents: store.activity_contents()?,
            ceilings: store.support_ceilings()?,
            programmes: store.programmes()?,
            indicators: store.indicators()?,
            terms: store.rule_terms()?,
            all_communes,
        })
    }

    /// A current commune by code, of any province.
    pub fn commune(&self, code: &str) -> Option<&Commune> {
        self.all_communes.get(code)
    }

    /// An old commune of the installation's province.
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

    /// An activity content by code.
    pub fn content(&self, code: &str) -> Option<&ActivityContent> {
        self.contents.iter().find(|c| c.code == code)
    }

    /// A programme by code.
    pub fn programme(&self, code: &str) -> Option<&Programme> {
        self.programmes.iter().find(|p| p.code == code)
    }

    /// The distinct support items (hạng mục) with their names.
    pub fn support_items(&self) -> Vec<(String, String)> {
        let mut items: Vec<(String, String)> = Vec::new();
        for c in &self.ceilings {
            if !items.iter().any(|(code, _)| code == &c.item_code) {
                items.push((c.item_code.clone(), c.item_name.clone()));
            }
        }
        items
    }
}
