//! Warnings: support above the mức hỗ trợ in force on the project's date, and counterpart money
//! below the share the ceiling's percentage leaves to the beneficiary.

use super::format::{dong, money, percent};
use super::{ProjectRuleContext, establishment_label, field, rule_date};
use crate::domain::issue::Issue;
use crate::domain::money::min_own_share;
use crate::domain::project::{Beneficiary, Project};
use crate::domain::support_ceiling::{CapUnit, SupportCeiling};
use crate::text::format_date;

/// "(= min(50 % × 1.200.000.000; 450.000.000))", or "" for a bare cap.
fn limit_formula(c: &SupportCeiling, cost: i64) -> String {
    let cost = money(cost.max(0).into());
    match (c.percent_bp, c.cap) {
        (Some(bp), Some(cap)) => {
            format!(" (= min({} × {cost}; {}))", percent(bp), money(cap.into()))
        }
        (Some(bp), None) => format!(" (= {} × {cost})", percent(bp)),
        _ => String::new(),
    }
}

/// "theo TT 28/2018/TT-BTC Điều 8 khoản 4, hạng mục "Dây chuyền công nghệ"".
fn ceiling_source(c: &SupportCeiling) -> String {
    if c.item_name.trim().is_empty() {
        format!("theo {}", c.source_document)
    } else {
        format!("theo {}, hạng mục \"{}\"", c.source_document, c.item_name)
    }
}

pub(super) fn check_support_ceiling(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    if p.support_item.trim().is_empty() {
        return;
    }
    let date = rule_date(p, ctx);
    let Some(c) = SupportCeiling::applicable(
        ctx.ceilings,
        &p.support_item,
        &p.province_code,
        p.source,
        date,
    ) else {
        out.push(Issue::warning(
            field::SUPPORT_ITEM,
            "chua_co_muc_ho_tro",
            format!(
                "Hạng mục hỗ trợ: không có mức hỗ trợ nào cho hạng mục \"{}\" áp dụng ngày {} (nguồn {}); kiểm tra biểu mức chi quốc gia (TT 28/2018/TT-BTC) và nghị quyết HĐND tỉnh.",
                p.support_item,
                format_date(date),
                p.source.label()
            ),
        ));
        return;
    };
    match c.cap_unit {
        CapUnit::PerProject => check_project_share(p, c, "", out),
        // No list yet: the project's own figures are the one establishment's.
        CapUnit::PerEstablishment if p.beneficiaries.is_empty() => check_project_share(
            p,
            c,
            " (mức cho mỗi cơ sở; đề án chưa có danh sách đơn vị thụ hưởng)",
            out,
        ),
        CapUnit::PerEstablishment => {
            for (i, b) in p.beneficiaries.iter().enumerate() {
                let who = establishment_label(ctx, i, b.establishment_id);
                check_beneficiary_share(&who, b, c, out);
            }
        }
    }
}

/// Money judged against a ceiling: a whole project, or one beneficiary's part of it.
struct Share {
    cost: i64,
    support: i64,
    /// Counterpart (plus other funds for a whole project).
    own: i128,
    support_field: &'static str,
    own_field: &'static str,
    /// Message openings, e.g. "Kinh phí hỗ trợ: " or "Đơn vị thụ hưởng: CS-… : kinh phí hỗ trợ ".
    support_opening: String,
    own_opening: String,
    /// " cho mỗi cơ sở" when the cap is per establishment and this is one of them.
    per: &'static str,
    /// Said after the over-ceiling finding.
    note: &'static str,
}

fn check_project_share(p: &Project, c: &SupportCeiling, note: &'static str, out: &mut Vec<Issue>) {
    let share = Share {
        cost: p.total_cost,
        support: p.support,
        own: i128::from(p.counterpart) + i128::from(p.other_funds),
        support_field: field::SUPPORT,
        own_field: field::COUNTERPART,
        support_opening: "Kinh phí hỗ trợ: ".into(),
        own_opening: "Vốn đối ứng: vốn đối ứng và nguồn khác ".into(),
        per: "",
        note,
    };
    check_share(&share, c, out);
}

fn check_beneficiary_share(who: &str, b: &Beneficiary, c: &SupportCeiling, out: &mut Vec<Issue>) {
    let share = Share {
        cost: b.cost,
        support: b.support,
        own: i128::from(b.counterpart),
        support_field: field::BENEFICIARIES,
        own_field: field::BENEFICIARIES,
        support_opening: format!("Đơn vị thụ hưởng: {who}: kinh phí hỗ trợ "),
        own_opening: format!("Đơn vị thụ hưởng: {who}: vốn đối ứng "),
        per: " cho mỗi cơ sở",
        note: "",
    };
    check_share(&share, c, out);
}

/// Support above min(percent × cost, cap), and own money below the share the percent implies.
fn check_share(s: &Share, c: &SupportCeiling, out: &mut Vec<Issue>) {
    if let Some(limit) = c.limit_for(s.cost)
        && s.support > limit
    {
        out.push(Issue::warning(
            s.support_field,
            "vuot_muc_ho_tro",
            format!(
                "{}{} vượt mức tối đa{} {}{} {}{}.",
                s.support_opening,
                dong(s.support.into()),
                s.per,
                dong(limit.into()),
                limit_formula(c, s.cost),
                ceiling_source(c),
                s.note
            ),
        ));
    }
    if let Some(bp) = c.percent_bp
        && s.cost > 0
    {
        let required = min_own_share(s.cost, bp);
        if s.own < required {
            out.push(Issue::warning(
                s.own_field,
                "doi_ung_thap",
                format!(
                    "{}{} thấp hơn phần tối thiểu {} (= {} - {} × {}; hỗ trợ tối đa {} chi phí {}).",
                    s.own_opening,
                    dong(s.own),
                    dong(required),
                    money(s.cost.into()),
                    percent(bp),
                    money(s.cost.into()),
                    percent(bp),
                    ceiling_source(c)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::field;
    use super::super::fixtures::*;
    use crate::domain::funding_source::FundingSource;
    use crate::domain::project_status::ProjectStatus;

    // ---- support ceiling ----------------------------------------------------------------

    #[test]
    fn scene_3_processing_line_is_capped_at_450_million() {
        let w = world();
        let mut p = project();
        set_money(&mut p, 1_200 * TRIEU, 600 * TRIEU);
        assert_eq!(warnings(&p, &w), ["vuot_muc_ho_tro"]);
        let issue = the(&p, &w, "vuot_muc_ho_tro");
        assert_eq!(issue.field, field::BENEFICIARIES);
        for part in [
            "CS-000123",
            "600.000.000 đồng",
            "450.000.000 đồng",
            "(= min(50 % × 1.200.000.000; 450.000.000))",
            "TT 28/2018/TT-BTC Điều 8 khoản 4",
        ] {
            assert!(issue.message.contains(part), "{part}: {}", issue.message);
        }
        assert!(issue.message.starts_with("Đơn vị thụ hưởng: "));

        set_money(&mut p, 1_200 * TRIEU, 450 * TRIEU);
        assert_eq!(check(&p, &w), [], "exactly the cap");
        set_money(&mut p, 1_200 * TRIEU, 450 * TRIEU + 1);
        assert_eq!(warnings(&p, &w), ["vuot_muc_ho_tro"], "one đồng over");
    }

    #[test]
    fn plain_machinery_is_capped_at_300_million_per_establishment() {
        let w = world();
        let mut p = project();
        p.support_item = "may_moc_thiet_bi".into();
        set_money(&mut p, 1_200 * TRIEU, 300 * TRIEU);
        assert!(!has(&p, &w, "vuot_muc_ho_tro"));
        set_money(&mut p, 1_200 * TRIEU, 450 * TRIEU);
        assert!(
            the(&p, &w, "vuot_muc_ho_tro")
                .message
                .contains("300.000.000 đồng")
        );
        // Below the cap the percentage governs: 50 % of 400 triệu.
        set_money(&mut p, 400 * TRIEU, 200 * TRIEU);
        assert!(!has(&p, &w, "vuot_muc_ho_tro"));
        set_money(&mut p, 400 * TRIEU, 200 * TRIEU + 1);
        assert!(has(&p, &w, "vuot_muc_ho_tro"));
    }

    #[test]
    fn per_establishment_cap_is_checked_for_each_beneficiary() {
        let w = world();
        let mut p = project();
        p.support = 900 * TRIEU;
        p.counterpart = 1_500 * TRIEU;
        p.total_cost = 2_400 * TRIEU;
        p.beneficiaries = vec![
            beneficiary(A, 1_200 * TRIEU, 450 * TRIEU, 750 * TRIEU),
            beneficiary(B, 1_200 * TRIEU, 450 * TRIEU, 750 * TRIEU),
        ];
        assert_eq!(check(&p, &w), [], "each at its own cap");
        p.beneficiaries[1].support += 1;
        p.beneficiaries[0].support -= 1;
        let issue = the(&p, &w, "vuot_muc_ho_tro");
        assert!(issue.message.contains("CS-000124"), "{}", issue.message);
    }

    #[test]
    fn per_establishment_cap_without_a_list_judges_the_project() {
        let w = world();
        let mut p = project();
        set_money(&mut p, 1_200 * TRIEU, 600 * TRIEU);
        p.beneficiaries.clear();
        let issue = the(&p, &w, "vuot_muc_ho_tro");
        assert_eq!(issue.field, field::SUPPORT);
        assert!(issue.message.starts_with(
            "Kinh phí hỗ trợ: 600.000.000 đồng vượt mức tối đa 450.000.000 đồng (= min(50 % × 1.200.000.000; 450.000.000)) theo TT 28/2018/TT-BTC Điều 8 khoản 4"
        ));
    }

    #[test]
    fn a_province_row_governs_kcdp_projects() {
        let w = world();
        // National 30 % × 3.000 = 900 triệu; Thanh Hóa caps at 800 triệu.
        let p = model_project(FundingSource::Kcdp, 800 * TRIEU);
        assert!(!has(&p, &w, "vuot_muc_ho_tro"));
        let p = model_project(FundingSource::Kcdp, 800 * TRIEU + 1);
        let issue = the(&p, &w, "vuot_muc_ho_tro");
        assert_eq!(issue.field, field::SUPPORT);
        assert!(issue.message.starts_with("Kinh phí hỗ trợ: "));
        assert!(issue.message.contains("800.000.000 đồng"));
        assert!(issue.message.contains("NQ 12/2024/NQ-HĐND"));
        assert!(
            issue
                .message
                .contains("(= min(30 % × 3.000.000.000; 800.000.000))")
        );
    }

    #[test]
    fn kcqg_projects_use_the_national_row_even_when_the_province_has_one() {
        let w = world();
        let p = model_project(FundingSource::Kcqg, 900 * TRIEU);
        assert!(!has(&p, &w, "vuot_muc_ho_tro"));
        let p = model_project(FundingSource::Kcqg, 900 * TRIEU + 1);
        let issue = the(&p, &w, "vuot_muc_ho_tro");
        assert!(issue.message.contains("900.000.000 đồng"));
        assert!(issue.message.contains("TT 28/2018/TT-BTC"));
    }

    #[test]
    fn a_row_that_expired_the_day_before_approval_is_not_used() {
        let mut w = world();
        let p = model_project(FundingSource::Kcdp, 900 * TRIEU);
        w.ceilings[3].valid_to = Some(day_before(approved()));
        assert!(!has(&p, &w, "vuot_muc_ho_tro"), "national 900 triệu");
        w.ceilings[3].valid_to = Some(approved());
        assert!(has(&p, &w, "vuot_muc_ho_tro"), "province 800 triệu");
    }

    #[test]
    fn before_approval_the_ceiling_in_force_today_is_used() {
        let mut w = world();
        let mut p = model_project(FundingSource::Kcdp, 900 * TRIEU);
        p.status = ProjectStatus::DangKy;
        p.approval_no.clear();
        p.approval_date = None;
        w.ceilings[3].valid_to = Some(day_before(w.today));
        assert!(!has(&p, &w, "vuot_muc_ho_tro"));
        w.ceilings[3].valid_to = Some(w.today);
        assert!(has(&p, &w, "vuot_muc_ho_tro"));
    }

    #[test]
    fn an_item_without_a_ceiling_on_the_date_is_flagged() {
        let mut w = world();
        let mut p = project();
        p.support_item = "tu_van".into();
        let issue = the(&p, &w, "chua_co_muc_ho_tro");
        assert_eq!(issue.field, field::SUPPORT_ITEM);
        assert!(issue.message.contains("02/03/2026"));
        p.support_item.clear();
        assert_eq!(check(&p, &w), [], "no item, nothing to check");
        let p = project();
        w.ceilings[1].valid_from = day_after(approved());
        assert!(has(&p, &w, "chua_co_muc_ho_tro"));
        w.ceilings[1].valid_from = approved();
        assert!(!has(&p, &w, "chua_co_muc_ho_tro"));
    }

    // ---- counterpart share --------------------------------------------------------------

    #[test]
    fn project_counterpart_must_cover_the_unsupported_share() {
        let w = world();
        // 30 % model: the beneficiary side must bring 70 % of 3.000 triệu = 2.100 triệu.
        let mut p = model_project(FundingSource::Kcqg, 900 * TRIEU);
        p.counterpart = 1_600 * TRIEU;
        p.other_funds = 500 * TRIEU;
        assert!(!has(&p, &w, "doi_ung_thap"));
        p.other_funds -= 1;
        let issue = the(&p, &w, "doi_ung_thap");
        assert_eq!(issue.field, field::COUNTERPART);
        assert!(issue.message.starts_with("Vốn đối ứng: "));
        assert!(issue.message.contains("2.099.999.999 đồng"));
        assert!(issue.message.contains("2.100.000.000 đồng"));
        assert!(issue.message.contains("30 %"));
    }

    #[test]
    fn beneficiary_counterpart_must_cover_its_unsupported_share() {
        let w = world();
        let mut p = project();
        set_money(&mut p, 1_200 * TRIEU, 450 * TRIEU);
        p.beneficiaries[0].counterpart = 600 * TRIEU;
        assert!(!has(&p, &w, "doi_ung_thap"), "exactly 50 %");
        p.beneficiaries[0].counterpart = 600 * TRIEU - 1;
        let issue = the(&p, &w, "doi_ung_thap");
        assert_eq!(issue.field, field::BENEFICIARIES);
        assert!(issue.message.contains("CS-000123"));
        // Odd cost: 50 % rounds down, so the own share rounds up.
        p.beneficiaries[0].cost = 1_000_000_001;
        p.beneficiaries[0].counterpart = 500_000_001;
        assert!(!has(&p, &w, "doi_ung_thap"));
        p.beneficiaries[0].counterpart = 500_000_000;
        assert!(has(&p, &w, "doi_ung_thap"));
    }
}
