//! Warnings: a total cost that is not the sum of its sources, and beneficiaries' support that
//! does not add up to the project's.

use super::field;
use super::format::{dong, money};
use crate::domain::issue::Issue;
use crate::domain::project::Project;

pub(super) fn check_totals(p: &Project, out: &mut Vec<Issue>) {
    let parts = i128::from(p.support) + i128::from(p.counterpart) + i128::from(p.other_funds);
    if i128::from(p.total_cost) != parts {
        out.push(Issue::warning(
            field::TOTAL_COST,
            "tong_kinh_phi_khong_khop",
            format!(
                "Tổng kinh phí: {} khác tổng của kinh phí hỗ trợ {}, vốn đối ứng {} và nguồn khác {} (= {}).",
                dong(p.total_cost.into()),
                money(p.support.into()),
                money(p.counterpart.into()),
                money(p.other_funds.into()),
                dong(parts)
            ),
        ));
    }
}

pub(super) fn check_beneficiary_split(p: &Project, out: &mut Vec<Issue>) {
    if p.beneficiaries.is_empty() {
        return;
    }
    let split: i128 = p.beneficiaries.iter().map(|b| i128::from(b.support)).sum();
    if split != i128::from(p.support) {
        out.push(Issue::warning(
            field::BENEFICIARIES,
            "phan_chia_thu_huong_khong_khop",
            format!(
                "Đơn vị thụ hưởng: tổng kinh phí hỗ trợ chia cho các cơ sở {} khác kinh phí hỗ trợ của đề án {}.",
                dong(split),
                dong(p.support.into())
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::field;
    use super::super::fixtures::*;

    #[test]
    fn total_cost_must_be_the_sum_of_its_parts() {
        let w = world();
        let mut p = project();
        p.total_cost += 1;
        p.beneficiaries[0].cost = p.total_cost;
        p.other_funds = 1;
        assert!(!has(&p, &w, "tong_kinh_phi_khong_khop"));
        p.other_funds = 0;
        let issue = the(&p, &w, "tong_kinh_phi_khong_khop");
        assert_eq!(issue.field, field::TOTAL_COST);
        assert!(
            issue
                .message
                .contains("450.000.000, vốn đối ứng 750.000.000 và nguồn khác 0")
        );
        assert!(
            issue
                .message
                .starts_with("Tổng kinh phí: 1.200.000.001 đồng")
        );
    }

    #[test]
    fn beneficiaries_support_must_add_up_to_the_project_support() {
        let w = world();
        let mut p = project();
        p.beneficiaries[0].support -= 1;
        assert_eq!(warnings(&p, &w), ["phan_chia_thu_huong_khong_khop"]);
        p.beneficiaries.clear();
        assert!(!has(&p, &w, "phan_chia_thu_huong_khong_khop"));
    }
}
