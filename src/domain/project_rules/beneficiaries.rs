//! Warnings about the beneficiaries: support twice for the same content in one programme period,
//! and establishments outside the CNNT definition or the eligible industries on the project's
//! date. Whether support is once per content is a dated term of the reference data (`RuleTerm`):
//! a provincial rule, so each province keeps its own.

use chrono::NaiveDate;

use super::{
    BeneficiaryFacts, PriorSupport, ProjectRuleContext, establishment_label, facts_for, field,
    missing_term, rule_date,
};
use crate::domain::admin_unit::CommuneKind;
use crate::domain::cnnt_definition::CnntDefinition;
use crate::domain::issue::Issue;
use crate::domain::project::Project;
use crate::domain::project_status::ProjectStatus;
use crate::domain::rule_term::{RuleTerm, RuleTermKey};
use crate::text::format_date;

/// True when `prior` supported one of `p`'s beneficiaries with the same content in the same
/// programme period, and still counts.
fn is_double_support(p: &Project, prior: &PriorSupport) -> bool {
    let same_project = !p.code.is_empty() && prior.project_code == p.code;
    !same_project
        && prior.status != ProjectStatus::Huy
        && !p.content_code.trim().is_empty()
        && prior.content_code == p.content_code
        && !p.programme_code.trim().is_empty()
        && prior.programme_code == p.programme_code
        && p.beneficiaries
            .iter()
            .any(|b| b.establishment_id == prior.establishment_id)
}

pub(super) fn check_double_support(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    let doubles: Vec<&PriorSupport> = ctx
        .prior_support
        .iter()
        .filter(|s| is_double_support(p, s))
        .collect();
    // Without an earlier support there is nothing the term could forbid.
    if doubles.is_empty() {
        return;
    }
    let key = RuleTermKey::OncePerContentPerProgramme;
    let date = rule_date(p, ctx);
    let Some((applies, source)) = RuleTerm::in_force(ctx.terms, key, date)
        .and_then(|t| Some((t.value.is_on()?, &t.source_document)))
    else {
        out.push(missing_term(
            field::BENEFICIARIES,
            "Đơn vị thụ hưởng",
            key,
            date,
        ));
        return;
    };
    if !applies {
        return;
    }
    for prior in doubles {
        let index = p
            .beneficiaries
            .iter()
            .position(|b| b.establishment_id == prior.establishment_id)
            .unwrap_or_default();
        let who = establishment_label(ctx, index, prior.establishment_id);
        out.push(Issue::warning(
            field::BENEFICIARIES,
            "ho_tro_trung_lap",
            format!(
                "Đơn vị thụ hưởng: {who} đã được hỗ trợ cùng nội dung trong cùng giai đoạn chương trình tại đề án {} \"{}\" (trạng thái: {}) (một lần hỗ trợ cho mỗi nội dung trong giai đoạn, theo {source}).",
                prior.project_code,
                prior.project_name,
                prior.status.label()
            ),
        ));
    }
}

pub(super) fn check_beneficiary_eligibility(
    p: &Project,
    ctx: &ProjectRuleContext,
    out: &mut Vec<Issue>,
) {
    let date = rule_date(p, ctx);
    let definition = CnntDefinition::in_force(ctx.definitions, date);
    for (i, b) in p.beneficiaries.iter().enumerate() {
        let Some(facts) = facts_for(ctx, b.establishment_id) else {
            continue;
        };
        let who = establishment_label(ctx, i, b.establishment_id);
        if let Some(def) = definition {
            check_legal_form_eligible(&who, facts, def, date, out);
            check_central_city_ward(&who, facts, def, out);
        }
        check_industry_eligible(&who, facts, date, out);
    }
}

fn check_legal_form_eligible(
    who: &str,
    facts: &BeneficiaryFacts,
    def: &CnntDefinition,
    date: NaiveDate,
    out: &mut Vec<Issue>,
) {
    if let Some(form) = facts.legal_form
        && !def.eligible_forms.contains(&form)
    {
        out.push(Issue::warning(
            field::BENEFICIARIES,
            "thu_huong_ngoai_cnnt",
            format!(
                "Đơn vị thụ hưởng: {who}: loại hình {} không thuộc đối tượng cơ sở CNNT ngày {} theo {}.",
                form.label().to_lowercase(),
                format_date(date),
                def.source
            ),
        ));
    }
}

fn check_central_city_ward(
    who: &str,
    facts: &BeneficiaryFacts,
    def: &CnntDefinition,
    out: &mut Vec<Issue>,
) {
    if def.central_city_ward_needs_craft_village
        && let (Some(province), Some(commune)) = (facts.province, facts.commune)
        && province.is_centrally_run_city()
        && commune.kind == CommuneKind::Phuong
        && !facts.craft_village_recognised
    {
        out.push(Issue::warning(
            field::BENEFICIARIES,
            "thu_huong_ngoai_cnnt",
            format!(
                "Đơn vị thụ hưởng: {who} ở {} thuộc {} (thành phố trực thuộc trung ương); cơ sở ở phường chỉ là cơ sở CNNT khi nằm trong làng nghề được UBND cấp tỉnh công nhận ({}).",
                commune.name, province.name, def.source
            ),
        ));
    }
}

fn check_industry_eligible(
    who: &str,
    facts: &BeneficiaryFacts,
    date: NaiveDate,
    out: &mut Vec<Issue>,
) {
    match facts.industry {
        None => out.push(Issue::warning(
            field::BENEFICIARIES,
            "nganh_nghe_khong_duoc_ho_tro",
            format!(
                "Đơn vị thụ hưởng: {who} chưa có ngành nghề trong danh mục được hưởng chính sách khuyến công."
            ),
        )),
        Some(ind) if !ind.in_force_on(date) => out.push(Issue::warning(
            field::BENEFICIARIES,
            "nganh_nghe_khong_duoc_ho_tro",
            format!(
                "Đơn vị thụ hưởng: {who}: ngành nghề \"{}\" không thuộc danh mục được hưởng chính sách khuyến công ngày {} ({}).",
                ind.name,
                format_date(date),
                ind.source
            ),
        )),
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::PriorSupport;
    use super::super::field;
    use super::super::fixtures::*;
    use crate::domain::admin_unit::{Commune, CommuneKind, Province};
    use crate::domain::issue::Severity;
    use crate::domain::legal_form::LegalForm;
    use crate::domain::project_status::ProjectStatus;
    use crate::domain::rule_term::{RuleTermKey, TermValue};

    // ---- double support ----------------------------------------------------------------

    #[test]
    fn support_twice_for_the_same_content_in_the_same_programme_is_flagged() {
        let mut w = world();
        let p = project();
        w.prior = vec![prior("ND235-2", "CT-KCDP-38", ProjectStatus::HoanThanh)];
        let issue = the(&p, &w, "ho_tro_trung_lap");
        assert_eq!(issue.field, field::BENEFICIARIES);
        for part in [
            "Đơn vị thụ hưởng: cơ sở CS-000123",
            "đã được hỗ trợ cùng nội dung trong cùng giai đoạn chương trình tại đề án DA-2025-0007",
            "Hỗ trợ máy đóng chai",
            "NQ 08/2024/NQ-HĐND Đồng Tháp",
        ] {
            assert!(issue.message.contains(part), "{part}: {}", issue.message);
        }
    }

    #[test]
    fn double_support_needs_same_content_same_programme_and_a_live_project() {
        let mut w = world();
        let mut p = project();
        for (other, why) in [
            (
                prior("ND235-3", "CT-KCDP-38", ProjectStatus::HoanThanh),
                "other content",
            ),
            (
                prior("ND235-2", "CT-KCQG-2026", ProjectStatus::HoanThanh),
                "other programme",
            ),
            (
                prior("ND235-2", "CT-KCDP-38", ProjectStatus::Huy),
                "cancelled",
            ),
            (
                PriorSupport {
                    establishment_id: B,
                    ..prior("ND235-2", "CT-KCDP-38", ProjectStatus::HoanThanh)
                },
                "another establishment",
            ),
            (
                PriorSupport {
                    project_code: p.code.clone(),
                    ..prior("ND235-2", "CT-KCDP-38", ProjectStatus::PheDuyet)
                },
                "this project itself",
            ),
        ] {
            w.prior = vec![other];
            assert!(!has(&p, &w, "ho_tro_trung_lap"), "{why}");
        }
        w.prior = vec![prior("", "", ProjectStatus::HoanThanh)];
        p.programme_code.clear();
        p.content_code.clear();
        assert!(!has(&p, &w, "ho_tro_trung_lap"), "empty codes never match");
    }

    #[test]
    fn once_per_content_switched_off_lets_a_second_support_pass() {
        let mut w = world();
        let p = project();
        w.prior = vec![prior("ND235-2", "CT-KCDP-38", ProjectStatus::HoanThanh)];
        set_term(
            &mut w,
            RuleTermKey::OncePerContentPerProgramme,
            TermValue::OnOff(false),
        );
        assert_eq!(check(&p, &w), []);
    }

    #[test]
    fn once_per_content_before_its_term_says_the_term_is_missing() {
        let mut w = world();
        w.prior = vec![prior("ND235-2", "CT-KCDP-38", ProjectStatus::HoanThanh)];
        let mut p = project();
        // A province whose resolution (say NQ 08/2024/NQ-HĐND) is in force from 11/07/2024.
        for t in w
            .terms
            .iter_mut()
            .filter(|t| t.key == RuleTermKey::OncePerContentPerProgramme)
        {
            t.valid_from = date(2024, 7, 11);
        }
        p.approval_date = Some(date(2024, 7, 10));
        let issue = the(&p, &w, "thieu_quy_dinh");
        assert!(!has(&p, &w, "ho_tro_trung_lap"));
        assert_eq!(issue.field, field::BENEFICIARIES);
        assert_eq!(issue.severity, Severity::Warning);
        for part in [
            "Đơn vị thụ hưởng: ",
            "Mỗi cơ sở một lần hỗ trợ cho mỗi nội dung trong giai đoạn chương trình",
            "10/07/2024",
        ] {
            assert!(issue.message.contains(part), "{part}: {}", issue.message);
        }
        p.approval_date = Some(date(2024, 7, 11));
        assert!(has(&p, &w, "ho_tro_trung_lap"));
        assert!(!has(&p, &w, "thieu_quy_dinh"));
        drop_term(&mut w, RuleTermKey::OncePerContentPerProgramme);
        w.prior.clear();
        assert!(
            !has(&p, &w, "thieu_quy_dinh"),
            "no earlier support to judge"
        );
    }

    // ---- CNNT eligibility ---------------------------------------------------------------

    #[test]
    fn legal_form_is_judged_by_the_definition_on_the_approval_date() {
        let mut w = world();
        w.establishments[0].legal_form = Some(LegalForm::LienHiepHtx);
        w.content = None;
        w.programme = None;
        let mut p = project();
        p.approval_date = Some(date(2025, 10, 14));
        let issue = the(&p, &w, "thu_huong_ngoai_cnnt");
        assert!(issue.message.contains("liên hiệp hợp tác xã"));
        assert!(issue.message.contains("NĐ 45/2012/NĐ-CP Điều 1 khoản 2"));
        assert!(issue.message.contains("CS-000123"));
        p.approval_date = Some(date(2025, 10, 15));
        assert!(!has(&p, &w, "thu_huong_ngoai_cnnt"));
    }

    fn in_ha_noi_ward(e: &mut Est) {
        e.province = Province {
            code: "01".into(),
            name: "Thành phố Hà Nội".into(),
        };
        e.commune = Commune {
            code: "00070".into(),
            province_code: "01".into(),
            name: "Phường Hoàn Kiếm".into(),
            kind: CommuneKind::Phuong,
        };
    }

    #[test]
    fn a_central_city_ward_needs_a_recognised_craft_village_since_nd_235() {
        let mut w = world();
        in_ha_noi_ward(&mut w.establishments[0]);
        let mut p = project();
        let issue = the(&p, &w, "thu_huong_ngoai_cnnt");
        assert!(issue.message.contains("Phường Hoàn Kiếm"));
        assert!(issue.message.contains("NĐ 235/2025"));
        w.establishments[0].craft_village = true;
        assert!(!has(&p, &w, "thu_huong_ngoai_cnnt"));
        w.establishments[0].craft_village = false;
        w.content = None;
        w.programme = None;
        p.approval_date = Some(date(2025, 10, 14));
        assert!(!has(&p, &w, "thu_huong_ngoai_cnnt"), "old definition");
    }

    #[test]
    fn the_industry_must_be_eligible_on_the_approval_date() {
        let mut w = world();
        let p = project();
        w.establishments[0].industry = None;
        let issue = the(&p, &w, "nganh_nghe_khong_duoc_ho_tro");
        assert_eq!(issue.severity, Severity::Warning);
        assert!(issue.message.contains("CS-000123"));
        let mut ind = industry();
        ind.valid_to = Some(day_before(approved()));
        w.establishments[0].industry = Some(ind.clone());
        assert!(
            the(&p, &w, "nganh_nghe_khong_duoc_ho_tro")
                .message
                .contains("NĐ 45/2012/NĐ-CP Điều 5")
        );
        ind.valid_to = Some(approved());
        w.establishments[0].industry = Some(ind);
        assert!(!has(&p, &w, "nganh_nghe_khong_duoc_ho_tro"));
    }
}
