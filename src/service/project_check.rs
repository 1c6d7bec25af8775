//! Runs the project rules against the database: gathers what `validate_project` needs (the
//! catalogue, each beneficiary's facts, earlier support) and returns the findings. The one path
//! for the project form and `khuyencong check`.

use chrono::NaiveDate;

use crate::domain::issue::Issue;
use crate::domain::project::Project;
use crate::domain::project_rules::{BeneficiaryFacts, ProjectRuleContext, validate_project};
use crate::service::reference::Reference;
use crate::store::{Store, StoreResult};

/// All findings on `p`, judged on `today` (rules use the project's approval date themselves).
pub fn check_project(
    store: &Store,
    reference: &Reference,
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
            industry: reference.industry(&e.industry_code),
            province: reference.province(&e.province_code),
            commune: reference.commune(&commune_code),
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
