//! The world the rule tests judge projects in: one Thanh Hóa project (scene 3 of the issue: a
//! processing line at the 450 triệu cap) and the catalogue, establishments and earlier support
//! around it. Each test changes one thing and looks at what the rules say.

use chrono::NaiveDate;
use uuid::Uuid;

use super::{BeneficiaryFacts, PriorSupport, ProjectRuleContext, validate_project};
use crate::domain::activity_content::ActivityContent;
use crate::domain::admin_unit::{Commune, CommuneKind, Province};
use crate::domain::cnnt_definition::CnntDefinition;
use crate::domain::funding_source::FundingSource;
use crate::domain::industry::Industry;
use crate::domain::issue::{Issue, Severity};
use crate::domain::legal_form::LegalForm;
use crate::domain::programme::Programme;
use crate::domain::project::{Beneficiary, Payment, PaymentKind, Project};
use crate::domain::project_status::ProjectStatus;
use crate::domain::rule_term::{RuleTerm, RuleTermKey, TermValue};
use crate::domain::support_ceiling::{CapUnit, SupportCeiling};

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub(super) const TRIEU: i64 = 1_000_000;
pub(super) const APPROVED: (i32, u32, u32) = (2026, 3, 2);

pub(super) fn approved() -> NaiveDate {
    date(APPROVED.0, APPROVED.1, APPROVED.2)
}

pub(super) fn day_before(d: NaiveDate) -> NaiveDate {
    d.pred_opt().expect("has a previous day")
}

pub(super) fn day_after(d: NaiveDate) -> NaiveDate {
    d.succ_opt().expect("has a next day")
}

/// An establishment the world knows about (owned; the rules see it as `BeneficiaryFacts`).
pub(super) struct Est {
    pub(super) id: Uuid,
    pub(super) code: &'static str,
    pub(super) name: &'static str,
    pub(super) legal_form: Option<LegalForm>,
    pub(super) industry: Option<Industry>,
    pub(super) province: Province,
    pub(super) commune: Commune,
    pub(super) craft_village: bool,
}

pub(super) struct World {
    pub(super) today: NaiveDate,
    pub(super) content: Option<ActivityContent>,
    pub(super) ceilings: Vec<SupportCeiling>,
    pub(super) programme: Option<Programme>,
    pub(super) definitions: Vec<CnntDefinition>,
    pub(super) establishments: Vec<Est>,
    pub(super) prior: Vec<PriorSupport>,
    pub(super) terms: Vec<RuleTerm>,
}

pub(super) const A: Uuid = Uuid::from_u128(1);
pub(super) const B: Uuid = Uuid::from_u128(2);

pub(super) fn thanh_hoa() -> Province {
    Province {
        code: "38".into(),
        name: "Tỉnh Thanh Hóa".into(),
    }
}

pub(super) fn xa_nga_son() -> Commune {
    Commune {
        code: "16093".into(),
        province_code: "38".into(),
        name: "Xã Nga Sơn".into(),
        kind: CommuneKind::Xa,
    }
}

pub(super) fn industry() -> Industry {
    Industry {
        code: "45-a".into(),
        name: "Công nghiệp chế biến nông, lâm, thủy sản".into(),
        valid_from: date(2012, 7, 5),
        valid_to: None,
        source: "NĐ 45/2012/NĐ-CP Điều 5".into(),
    }
}

pub(super) fn national(item: &str, bp: i64, cap: i64, unit: CapUnit) -> SupportCeiling {
    SupportCeiling {
        id: 0,
        item_code: item.into(),
        item_name: item.replace('_', " "),
        province_code: None,
        source: None,
        percent_bp: Some(bp),
        cap: Some(cap),
        cap_unit: unit,
        valid_from: date(2018, 5, 1),
        valid_to: None,
        source_document: "TT 28/2018/TT-BTC Điều 8 khoản 4".into(),
    }
}

pub(super) fn thanh_hoa_model_row() -> SupportCeiling {
    SupportCeiling {
        province_code: Some("38".into()),
        cap: Some(800 * TRIEU),
        valid_from: date(2025, 1, 1),
        source_document: "NQ 12/2024/NQ-HĐND tỉnh Thanh Hóa".into(),
        ..national(
            "mo_hinh_trinh_dien",
            3000,
            1_000 * TRIEU,
            CapUnit::PerProject,
        )
    }
}

pub(super) fn content() -> ActivityContent {
    ActivityContent {
        code: "ND235-2".into(),
        list_name: "NĐ 45/2012 Điều 4 sửa đổi bởi NĐ 235/2025".into(),
        name: "Ứng dụng máy móc thiết bị tiên tiến, dây chuyền công nghệ".into(),
        valid_from: date(2025, 10, 15),
        valid_to: None,
        source: "NĐ 235/2025/NĐ-CP".into(),
        wording_unconfirmed: false,
        kcqg_advance_cap_bp: Some(7000),
    }
}

pub(super) fn before_235() -> CnntDefinition {
    CnntDefinition {
        valid_from: date(2012, 7, 5),
        valid_to: Some(date(2025, 10, 14)),
        source: "NĐ 45/2012/NĐ-CP Điều 1 khoản 2".into(),
        eligible_forms: vec![
            LegalForm::Dnnvv,
            LegalForm::HopTacXa,
            LegalForm::ToHopTac,
            LegalForm::HoKinhDoanh,
        ],
        central_city_ward_needs_craft_village: false,
    }
}

pub(super) fn after_235() -> CnntDefinition {
    CnntDefinition {
        valid_from: date(2025, 10, 15),
        valid_to: None,
        source: "NĐ 45/2012/NĐ-CP, sửa đổi bởi NĐ 235/2025/NĐ-CP".into(),
        eligible_forms: LegalForm::ALL.to_vec(),
        central_city_ward_needs_craft_village: true,
    }
}

pub(super) fn est(id: Uuid, code: &'static str, name: &'static str, form: LegalForm) -> Est {
    Est {
        id,
        code,
        name,
        legal_form: Some(form),
        industry: Some(industry()),
        province: thanh_hoa(),
        commune: xa_nga_son(),
        craft_village: false,
    }
}

pub(super) fn world() -> World {
    World {
        today: date(2026, 6, 15),
        content: Some(content()),
        ceilings: vec![
            national(
                "may_moc_thiet_bi",
                5000,
                300 * TRIEU,
                CapUnit::PerEstablishment,
            ),
            national(
                "day_chuyen_cong_nghe",
                5000,
                450 * TRIEU,
                CapUnit::PerEstablishment,
            ),
            national(
                "mo_hinh_trinh_dien",
                3000,
                1_000 * TRIEU,
                CapUnit::PerProject,
            ),
            thanh_hoa_model_row(),
        ],
        programme: Some(Programme {
            code: "CT-KCDP-38".into(),
            name: "Chương trình khuyến công tỉnh Thanh Hóa 2026–2030".into(),
            decision: "QĐ 100/QĐ-UBND".into(),
            province_code: Some("38".into()),
            valid_from: date(2026, 1, 1),
            valid_to: Some(date(2030, 12, 31)),
        }),
        definitions: vec![before_235(), after_235()],
        establishments: vec![
            est(
                A,
                "CS-000123",
                "Hộ kinh doanh nước mắm Hải Châu",
                LegalForm::HoKinhDoanh,
            ),
            est(B, "CS-000124", "HTX cói Nga Sơn", LegalForm::HopTacXa),
        ],
        prior: Vec::new(),
        terms: RuleTerm::shipped().expect("the shipped terms parse"),
    }
}

pub(super) fn beneficiary(id: Uuid, cost: i64, support: i64, counterpart: i64) -> Beneficiary {
    Beneficiary {
        establishment_id: id,
        cost,
        support,
        counterpart,
    }
}

pub(super) fn payment(kind: PaymentKind, on: NaiveDate, amount: i64) -> Payment {
    Payment {
        id: Uuid::from_u128(99),
        kind,
        date: on,
        amount,
        source: FundingSource::Kcdp,
        document_no: String::new(),
        note: String::new(),
    }
}

/// Scene 3: a processing line, 1.200 triệu, support at the 450 triệu cap, approved.
pub(super) fn project() -> Project {
    let mut p = Project::new("38", 2026);
    p.code = "DA-2026-0012".into();
    p.name = "Hỗ trợ dây chuyền chế biến nước mắm".into();
    p.content_code = "ND235-2".into();
    p.programme_code = "CT-KCDP-38".into();
    p.support_item = "day_chuyen_cong_nghe".into();
    p.commune_codes = vec!["16093".into()];
    p.approval_no = "45/QĐ-UBND".into();
    p.approval_date = Some(approved());
    p.status = ProjectStatus::PheDuyet;
    set_money(&mut p, 1_200 * TRIEU, 450 * TRIEU);
    p
}

/// Sets consistent totals with one beneficiary (A) carrying everything.
pub(super) fn set_money(p: &mut Project, total: i64, support: i64) {
    p.total_cost = total;
    p.support = support;
    p.counterpart = total - support;
    p.other_funds = 0;
    p.beneficiaries = vec![beneficiary(A, total, support, total - support)];
}

/// A demonstration model (per-project cap): 3.000 triệu total.
pub(super) fn model_project(source: FundingSource, support: i64) -> Project {
    let mut p = project();
    p.source = source;
    p.support_item = "mo_hinh_trinh_dien".into();
    set_money(&mut p, 3_000 * TRIEU, support);
    p
}

pub(super) fn facts(w: &World) -> Vec<BeneficiaryFacts<'_>> {
    w.establishments
        .iter()
        .map(|e| BeneficiaryFacts {
            establishment_id: e.id,
            code: e.code.into(),
            name: e.name.into(),
            legal_form: e.legal_form,
            industry: e.industry.as_ref(),
            province: Some(&e.province),
            commune: Some(&e.commune),
            craft_village_recognised: e.craft_village,
        })
        .collect()
}

pub(super) fn check(p: &Project, w: &World) -> Vec<Issue> {
    let facts = facts(w);
    let ctx = ProjectRuleContext {
        today: w.today,
        content: w.content.as_ref(),
        ceilings: &w.ceilings,
        programme: w.programme.as_ref(),
        definitions: &w.definitions,
        beneficiaries: &facts,
        prior_support: &w.prior,
        terms: &w.terms,
    };
    validate_project(p, &ctx)
}

pub(super) fn kinds(issues: &[Issue], severity: Severity) -> Vec<&'static str> {
    issues
        .iter()
        .filter(|i| i.severity == severity)
        .map(|i| i.kind)
        .collect()
}

pub(super) fn errors(p: &Project, w: &World) -> Vec<&'static str> {
    kinds(&check(p, w), Severity::Error)
}

pub(super) fn warnings(p: &Project, w: &World) -> Vec<&'static str> {
    kinds(&check(p, w), Severity::Warning)
}

pub(super) fn has(p: &Project, w: &World, kind: &str) -> bool {
    check(p, w).iter().any(|i| i.kind == kind)
}

pub(super) fn the(p: &Project, w: &World, kind: &str) -> Issue {
    let found: Vec<Issue> = check(p, w).into_iter().filter(|i| i.kind == kind).collect();
    assert_eq!(found.len(), 1, "exactly one {kind}: {found:#?}");
    found.into_iter().next().expect("one issue")
}

pub(super) fn prior(content: &str, programme: &str, status: ProjectStatus) -> PriorSupport {
    PriorSupport {
        project_code: "DA-2025-0007".into(),
        project_name: "Hỗ trợ máy đóng chai".into(),
        establishment_id: A,
        content_code: content.into(),
        programme_code: programme.into(),
        status,
    }
}

/// Gives every shipped term of `key` the value `value`, as a province editing it would.
pub(super) fn set_term(w: &mut World, key: RuleTermKey, value: TermValue) {
    for t in w.terms.iter_mut().filter(|t| t.key == key) {
        t.value = value;
    }
}

/// Removes every term of `key`, as if the reference data had never had it.
pub(super) fn drop_term(w: &mut World, key: RuleTermKey) {
    w.terms.retain(|t| t.key != key);
}
