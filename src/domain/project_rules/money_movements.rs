//! Warnings on money movements: a KCQG advance above the content's rate, and payments or the
//! settled amount above the support.

use super::format::{dong, money, percent};
use super::{ProjectRuleContext, field};
use crate::domain::funding_source::FundingSource;
use crate::domain::issue::Issue;
use crate::domain::money::PaymentTotals;
use crate::domain::money::share_of;
use crate::domain::project::Project;

const ADVANCE_SOURCE: &str = "TT 36/2013/TT-BCT (tạm ứng 30 % hoặc 70 % tùy nội dung)";

pub(super) fn check_advance_share(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    if p.source != FundingSource::Kcqg {
        return;
    }
    let Some(bp) = ctx.content.and_then(|c| c.kcqg_advance_cap_bp) else {
        return;
    };
    let outstanding = i128::from(PaymentTotals::of(&p.payments).outstanding_advance());
    let cap = share_of(p.support, bp);
    if outstanding > cap {
        out.push(Issue::warning(
            field::PAYMENTS,
            "tam_ung_vuot_ty_le",
            format!(
                "Thanh toán: tạm ứng chưa thu hồi {} vượt mức tạm ứng tối đa {} (= {} × {} kinh phí hỗ trợ) theo {ADVANCE_SOURCE}.",
                dong(outstanding),
                dong(cap),
                percent(bp),
                money(p.support.into())
            ),
        ));
    }
}

pub(super) fn check_disbursement(p: &Project, out: &mut Vec<Issue>) {
    let t = PaymentTotals::of(&p.payments);
    let support = i128::from(p.support);
    let disbursed = i128::from(t.disbursed());
    if disbursed > support {
        out.push(Issue::warning(
            field::PAYMENTS,
            "thanh_toan_vuot_ho_tro",
            format!(
                "Thanh toán: đã thanh toán {} và tạm ứng chưa thu hồi {}, cộng {} vượt kinh phí hỗ trợ {}.",
                money(i128::from(t.paid)),
                money(i128::from(t.outstanding_advance())),
                dong(disbursed),
                dong(support)
            ),
        ));
    }
    if i128::from(t.settled) > support {
        out.push(Issue::warning(
            field::PAYMENTS,
            "thanh_toan_vuot_ho_tro",
            format!(
                "Thanh toán: số quyết toán {} vượt kinh phí hỗ trợ {}.",
                dong(i128::from(t.settled)),
                dong(support)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::field;
    use super::super::fixtures::*;
    use crate::domain::funding_source::FundingSource;
    use crate::domain::project::PaymentKind;

    #[test]
    fn kcqg_outstanding_advance_is_capped_by_the_content_rate() {
        let w = world();
        let mut p = project();
        p.source = FundingSource::Kcqg;
        let on = date(2026, 4, 1);
        // 70 % of 450 triệu = 315 triệu.
        p.payments = vec![payment(PaymentKind::Advance, on, 315 * TRIEU)];
        assert!(!has(&p, &w, "tam_ung_vuot_ty_le"));
        p.payments = vec![payment(PaymentKind::Advance, on, 315 * TRIEU + 1)];
        let issue = the(&p, &w, "tam_ung_vuot_ty_le");
        assert_eq!(issue.field, field::PAYMENTS);
        for part in [
            "315.000.001 đồng",
            "315.000.000 đồng",
            "70 %",
            "TT 36/2013/TT-BCT (tạm ứng 30 % hoặc 70 % tùy nội dung)",
        ] {
            assert!(issue.message.contains(part), "{part}: {}", issue.message);
        }
        p.payments
            .push(payment(PaymentKind::AdvanceRecovery, on, 1));
        assert!(!has(&p, &w, "tam_ung_vuot_ty_le"), "recovery counts");
    }

    #[test]
    fn advance_rate_applies_only_to_kcqg_with_a_known_rate() {
        let mut w = world();
        let mut p = project();
        p.payments = vec![payment(PaymentKind::Advance, date(2026, 4, 1), 400 * TRIEU)];
        assert!(!has(&p, &w, "tam_ung_vuot_ty_le"), "KCĐP");
        p.source = FundingSource::Kcqg;
        assert!(has(&p, &w, "tam_ung_vuot_ty_le"));
        if let Some(c) = w.content.as_mut() {
            c.kcqg_advance_cap_bp = Some(3000);
        }
        assert!(
            the(&p, &w, "tam_ung_vuot_ty_le")
                .message
                .contains("135.000.000 đồng")
        );
        if let Some(c) = w.content.as_mut() {
            c.kcqg_advance_cap_bp = None;
        }
        assert!(!has(&p, &w, "tam_ung_vuot_ty_le"), "rate unknown");
        w.content = None;
        assert!(!has(&p, &w, "tam_ung_vuot_ty_le"), "content unknown");
    }

    #[test]
    fn payments_and_outstanding_advance_may_not_exceed_the_support() {
        let w = world();
        let mut p = project();
        let on = date(2026, 4, 1);
        p.payments = vec![
            payment(PaymentKind::Advance, on, 200 * TRIEU),
            payment(PaymentKind::AdvanceRecovery, on, 50 * TRIEU),
            payment(PaymentKind::Payment, on, 300 * TRIEU),
        ];
        assert!(!has(&p, &w, "thanh_toan_vuot_ho_tro"), "exactly 450 triệu");
        p.payments.push(payment(PaymentKind::Payment, on, 1));
        let issue = the(&p, &w, "thanh_toan_vuot_ho_tro");
        assert!(issue.message.starts_with("Thanh toán: "));
        assert!(issue.message.contains("450.000.001 đồng"));
    }

    #[test]
    fn the_settled_amount_may_not_exceed_the_support() {
        let w = world();
        let mut p = project();
        let on = date(2026, 4, 1);
        p.payments = vec![payment(PaymentKind::Settlement, on, 450 * TRIEU)];
        assert!(!has(&p, &w, "thanh_toan_vuot_ho_tro"));
        p.payments = vec![payment(PaymentKind::Settlement, on, 450 * TRIEU + 1)];
        assert!(
            the(&p, &w, "thanh_toan_vuot_ho_tro")
                .message
                .contains("số quyết toán 450.000.001 đồng")
        );
    }
}
