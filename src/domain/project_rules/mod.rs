//! Rules a project (đề án khuyến công) must (errors) or should (warnings) satisfy
//! (DOMAIN.md §3–§4). Pure: everything looked up from the database arrives in
//! `ProjectRuleContext`. Warnings name their legal source and show the numbers, so the user can
//! decide whether to save over them with a reason.
//!
//! One file per group of rules; this file holds what the rules share and the order they run in.

mod beneficiaries;
mod ceiling;
mod content;
mod deadlines;
mod errors;
#[cfg(test)]
mod fixtures;
mod format;
mod money_movements;
mod totals;

use chrono::NaiveDate;
use uuid::Uuid;

use super::activity_content::ActivityContent;
use super::admin_unit::{Commune, Province};
use super::cnnt_definition::CnntDefinition;
use super::industry::Industry;
use super::issue::Issue;
use super::legal_form::LegalForm;
use super::programme::Programme;
use super::project::Project;
use super::project_status::ProjectStatus;
use super::rule_term::{RuleTerm, RuleTermKey};
use super::support_ceiling::SupportCeiling;
use crate::text::format_date;

/// Keys of the project form's fields: validation names the field a finding belongs to and the
/// UI shows the finding beside it.
pub mod project_field {
    pub const NAME: &str = "name";
    pub const PLAN_YEAR: &str = "plan_year";
    pub const CONTENT: &str = "content";
    pub const PROGRAMME: &str = "programme";
    pub const SUPPORT_ITEM: &str = "support_item";
    pub const TOTAL_COST: &str = "total_cost";
    pub const SUPPORT: &str = "support";
    pub const COUNTERPART: &str = "counterpart";
    pub const OTHER_FUNDS: &str = "other_funds";
    pub const BENEFICIARIES: &str = "beneficiaries";
    pub const COMMUNES: &str = "communes";
    pub const APPROVAL: &str = "approval";
    pub const DATES: &str = "dates";
    pub const PAYMENTS: &str = "payments";
    pub const STATUS: &str = "status";
}

use project_field as field;

/// What the rules need to know about one beneficiary establishment.
#[derive(Debug, Clone, PartialEq)]
pub struct BeneficiaryFacts<'a> {
    pub establishment_id: Uuid,
    /// Mã cơ sở, e.g. "CS-000123".
    pub code: String,
    pub name: String,
    pub legal_form: Option<LegalForm>,
    pub industry: Option<&'a Industry>,
    pub province: Option<&'a Province>,
    pub commune: Option<&'a Commune>,
    /// Both the làng nghề name and the QĐ công nhận are present.
    pub craft_village_recognised: bool,
}

/// Another project that already supported one of this project's beneficiaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorSupport {
    pub project_code: String,
    pub project_name: String,
    pub establishment_id: Uuid,
    pub content_code: String,
    pub programme_code: String,
    pub status: ProjectStatus,
}

/// What the rules need beyond the project itself.
#[derive(Debug, Clone, Copy)]
pub struct ProjectRuleContext<'a> {
    pub today: NaiveDate,
    /// The project's content item, None when empty or unknown.
    pub content: Option<&'a ActivityContent>,
    /// Every support-level row (national and provincial); the rules pick the applicable one.
    pub ceilings: &'a [SupportCeiling],
    /// The project's programme, None when empty or unknown.
    pub programme: Option<&'a Programme>,
    /// Every version of the CNNT definition; the rules pick the one in force.
    pub definitions: &'a [CnntDefinition],
    /// Facts about the project's beneficiaries (looked up by establishment id).
    pub beneficiaries: &'a [BeneficiaryFacts<'a>],
    /// Other projects that supported any of the beneficiaries.
    pub prior_support: &'a [PriorSupport],
    /// Every version of the dated terms the rules count with (settlement deadlines, once per
    /// content); the rules pick the one in force on the project's date.
    pub terms: &'a [RuleTerm],
}

/// Validates one project. Errors block saving; warnings may be saved with a reason.
pub fn validate_project(p: &Project, ctx: &ProjectRuleContext) -> Vec<Issue> {
    let mut out = Vec::new();
    errors::check_required(p, ctx, &mut out);
    errors::check_money_signs(p, &mut out);
    errors::check_date_order(p, &mut out);
    errors::check_payments_after_approval(p, &mut out);
    errors::check_status_records(p, &mut out);
    errors::check_beneficiary_list(p, ctx, &mut out);
    errors::check_area(p, &mut out);
    ceiling::check_support_ceiling(p, ctx, &mut out);
    totals::check_totals(p, &mut out);
    totals::check_beneficiary_split(p, &mut out);
    beneficiaries::check_double_support(p, ctx, &mut out);
    beneficiaries::check_beneficiary_eligibility(p, ctx, &mut out);
    money_movements::check_advance_share(p, ctx, &mut out);
    money_movements::check_disbursement(p, &mut out);
    deadlines::check_settlement_deadline(p, ctx, &mut out);
    deadlines::check_kcqg_settlement_deadline(p, ctx, &mut out);
    content::check_content(p, ctx, &mut out);
    content::check_programme_period(p, ctx, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by several groups of rules
// ---------------------------------------------------------------------------------------------

/// The date the law of the project is judged on: its approval, or today before approval.
fn rule_date(p: &Project, ctx: &ProjectRuleContext) -> NaiveDate {
    p.approval_date.unwrap_or(ctx.today)
}

fn facts_for<'a>(ctx: &ProjectRuleContext<'a>, id: Uuid) -> Option<&'a BeneficiaryFacts<'a>> {
    ctx.beneficiaries.iter().find(|f| f.establishment_id == id)
}

/// Warning that the reference data has no term `key` in force on `date`: the rule that counts
/// with it says it could not judge rather than pass in silence. `opening` is the field's label.
fn missing_term(field: &'static str, opening: &str, key: RuleTermKey, date: NaiveDate) -> Issue {
    Issue::warning(
        field,
        "thieu_quy_dinh",
        format!(
            "{opening}: chưa kiểm tra được vì dữ liệu tham chiếu không có quy định \"{}\" áp dụng ngày {}.",
            key.label(),
            format_date(date)
        ),
    )
}

/// "cơ sở CS-000123 "Tên"", or its line number when the establishment is unknown.
fn establishment_label(ctx: &ProjectRuleContext, index: usize, id: Uuid) -> String {
    match facts_for(ctx, id) {
        Some(f) => format!("cơ sở {} \"{}\"", f.code, f.name),
        None => format!("cơ sở ở dòng {}", index + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::format::{money, percent};
    use super::*;

    // ---- baseline -----------------------------------------------------------------------

    #[test]
    fn a_consistent_approved_project_passes() {
        let w = world();
        assert_eq!(check(&project(), &w), []);
    }

    #[test]
    fn formatting_helpers() {
        assert_eq!(percent(5000), "50 %");
        assert_eq!(percent(7050), "70,5 %");
        assert_eq!(percent(3333), "33,33 %");
        assert_eq!(money(1_200_000_000), "1.200.000.000");
        assert_eq!(money(i128::from(i64::MAX) + 1), "9223372036854775808");
        assert_eq!(
            crate::domain::money::min_own_share(1_000_000_001, 5000),
            500_000_001
        );
    }

    #[test]
    fn every_warning_names_its_field_first() {
        let mut w = world();
        w.prior = vec![prior("ND235-2", "CT-KCDP-38", ProjectStatus::HoanThanh)];
        if let Some(c) = w.content.as_mut() {
            c.wording_unconfirmed = true;
        }
        let mut p = project();
        set_money(&mut p, 1_200 * TRIEU, 600 * TRIEU);
        p.total_cost += 1;
        let issues = check(&p, &w);
        assert!(issues.len() >= 4, "{issues:#?}");
        for i in &issues {
            let (label, _) = i.message.split_once(": ").expect("field label first");
            assert!(!label.is_empty() && !label.contains('.'), "{}", i.message);
            assert!(i.kind.is_ascii(), "{}", i.kind);
        }
    }
}
