//! Runs the project rules against the database: gathers what `validate_project` needs (the
//! catalogue, each beneficiary's facts, earlier support) and returns the findings. Used by the
//! project form and by `khuyencong check`.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::activity_content::ActivityContent;
use crate::domain::admin_unit::{Commune, Province};
use crate::domain::cnnt_definition::CnntDefinition;
use crate::domain::industry::Industry;
use crate::domain::issue::Issue;
use crate::domain::programme::Programme;
use crate::domain::project::Project;
use crate::domain::project_rules::{BeneficiaryFacts, ProjectRuleContext, validate_project};
use crate::domain::rule_term::RuleTerm;
use crate::domain::support_ceiling::{Indicator, SupportCeiling};
use crate::store::{Store, StoreError, StoreResult};

/// The catalogue and reference lists, read once.
pub struct ProjectReference {
    pub contents: Vec<ActivityContent>,
    pub ceilings: Vec<SupportCeiling>,
    pub programmes: Vec<Programme>,
    pub indicators: Vec<Indicator>,
    pub definitions: Vec<CnntDefinition>,
    /// Dated terms of the rules: the shipped defaults until the store keeps them.
    pub terms: Vec<RuleTerm>,
    industries: HashMap<String, Industry>,
    provinces: HashMap<String, Province>,
    communes: HashMap<String, Commune>,
}

impl ProjectReference {
    /// Reads the catalogue and the reference lists.
    pub fn load(store: &Store) -> StoreResult<ProjectReference> {
        let provinces: HashMap<String, Province> = store
            .provinces()?
            .into_iter()
            .map(|p| (p.code.clone(), p))
            .collect();
        let mut communes = HashMap::new();
        for code in provinces.keys() {
            for c in store.communes_of(code)? {
                communes.insert(c.code.clone(), c);
            }
        }
        Ok(ProjectReference {
            contents: store.activity_contents()?,
            ceilings: store.support_ceilings()?,
            programmes: store.programmes()?,
            indicators: store.indicators()?,
            definitions: store.cnnt_definitions()?,
            terms: RuleTerm::shipped().map_err(|e| StoreError::ReferenceData {
                file: RuleTerm::SHIPPED_FILE,
                line: e.line,
                message: e.message,
            })?,
            industries: store
                .industries()?
                .into_iter()
                .map(|i| (i.code.clone(), i))
                .collect(),
            provinces,
            communes,
        })
    }

    /// An activity content by code.
    pub fn content(&self, code: &str) -> Option<&ActivityContent> {
        self.contents.iter().find(|c| c.code == code)
    }

    /// A programme by code.
    pub fn programme(&self, code: &str) -> Option<&Programme> {
        self.programmes.iter().find(|p| p.code == code)
    }

    /// A commune by code, any province.
    pub fn commune(&self, code: &str) -> Option<&Commune> {
        self.communes.get(code)
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

/// All findings on `p`, judged on `today` (rules use the project's approval date themselves).
pub fn check_project(
    store: &Store,
    reference: &ProjectReference,
    p: &Project,
    today: NaiveDate,
) -> StoreResult<Vec<Issue>> {
    let mut facts = Vec::with_capacity(p.beneficiaries.len());
    for b in &p.beneficiaries {
        let Some(e) = store.establishment(b.establishment_id)? else {
            continue;
        };
        let commune_code = if e.commune_code.is_empty() {
            store
                .legacy_commune(&e.legacy_commune_code)?
                .and_then(|l| l.successor_code)
                .unwrap_or_default()
        } else {
            e.commune_code.clone()
        };
        facts.push(BeneficiaryFacts {
            establishment_id: e.id,
            code: e.code.clone(),
            name: e.name.clone(),
            legal_form: e.legal_form,
            industry: reference.industries.get(&e.industry_code),
            province: reference.provinces.get(&e.province_code),
            commune: reference.communes.get(&commune_code),
            craft_village_recognised: !e.craft_village_name.trim().is_empty()
                && !e.craft_village_decision.trim().is_empty(),
        });
    }
    let prior = store.prior_support_for(p)?;
    let ctx = ProjectRuleContext {
        today,
        content: reference.content(&p.content_code),
        ceilings: &reference.ceilings,
        programme: reference.programme(&p.programme_code),
        definitions: &reference.definitions,
        beneficiaries: &facts,
        prior_support: &prior,
        terms: &reference.terms,
    };
    Ok(validate_project(p, &ctx))
}
