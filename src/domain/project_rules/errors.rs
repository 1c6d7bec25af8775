//! Errors: what no project can be saved with — missing name or content, an impossible plan year,
//! negative money, contradicting dates, a status without the record it needs, the same
//! establishment listed twice, no area.

use chrono::{Datelike, NaiveDate};

use super::format::{dong, money};
use super::{ProjectRuleContext, establishment_label, field};
use crate::domain::issue::Issue;
use crate::domain::money::MAX_AMOUNT;
use crate::domain::project::{Beneficiary, Payment, Project, ProjectKind};
use crate::domain::project_status::ProjectStatus;
use crate::text::format_date;

/// Plan years before this are typos.
const FIRST_PLAN_YEAR: i32 = 2000;
/// How far ahead a plan year may be.
const PLAN_YEARS_AHEAD: i32 = 2;

/// "Tạm ứng số … ngày 01/03/2026": how a payment is named in messages.
fn payment_label(pay: &Payment) -> String {
    let doc = pay.document_no.trim();
    if doc.is_empty() {
        format!("{} ngày {}", pay.kind.label(), format_date(pay.date))
    } else {
        format!(
            "{} số {doc} ngày {}",
            pay.kind.label(),
            format_date(pay.date)
        )
    }
}

pub(super) fn check_required(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    if p.name.trim().is_empty() {
        out.push(Issue::error(
            field::NAME,
            "thieu_ten",
            "Tên đề án: bắt buộc nhập.",
        ));
    }
    if p.content_code.trim().is_empty() {
        out.push(Issue::error(
            field::CONTENT,
            "thieu_noi_dung",
            "Nội dung: bắt buộc chọn nội dung hoạt động khuyến công.",
        ));
    }
    let last_year = ctx.today.year().saturating_add(PLAN_YEARS_AHEAD);
    if !(FIRST_PLAN_YEAR..=last_year).contains(&p.plan_year) {
        out.push(Issue::error(
            field::PLAN_YEAR,
            "nam_ke_hoach_sai",
            format!(
                "Năm kế hoạch: {} không hợp lý (từ {FIRST_PLAN_YEAR} đến {last_year}).",
                p.plan_year
            ),
        ));
    }
}

fn negative_money(key: &'static str, label: &str, value: i64, out: &mut Vec<Issue>) {
    if value < 0 {
        out.push(Issue::error(
            key,
            "so_am",
            format!("{label}: không được âm ({}).", money(value.into())),
        ));
    } else {
        beyond_bound(key, label, value, out);
    }
}

/// An amount above [`MAX_AMOUNT`]: a few zeros too many, which every total would carry.
fn beyond_bound(key: &'static str, label: &str, value: i64, out: &mut Vec<Issue>) {
    if value > MAX_AMOUNT {
        out.push(Issue::error(
            key,
            "so_tien_vuot_gioi_han",
            format!(
                "{label}: {} vượt giới hạn {} của một khoản.",
                money(value.into()),
                dong(MAX_AMOUNT.into())
            ),
        ));
    }
}

pub(super) fn check_money_signs(p: &Project, out: &mut Vec<Issue>) {
    negative_money(field::TOTAL_COST, "Tổng kinh phí", p.total_cost, out);
    negative_money(field::SUPPORT, "Kinh phí hỗ trợ", p.support, out);
    negative_money(field::COUNTERPART, "Vốn đối ứng", p.counterpart, out);
    negative_money(field::OTHER_FUNDS, "Nguồn khác", p.other_funds, out);
    for (i, b) in p.beneficiaries.iter().enumerate() {
        check_beneficiary_signs(i, b, out);
    }
    for pay in &p.payments {
        check_payment_amount(pay, out);
    }
}

fn check_beneficiary_signs(index: usize, b: &Beneficiary, out: &mut Vec<Issue>) {
    let parts = [
        ("chi phí", b.cost),
        ("kinh phí hỗ trợ", b.support),
        ("vốn đối ứng", b.counterpart),
    ];
    for (what, value) in parts {
        beyond_bound(
            field::BENEFICIARIES,
            &format!("Đơn vị thụ hưởng: {what} ở dòng {}", index + 1),
            value,
            out,
        );
        if value < 0 {
            out.push(Issue::error(
                field::BENEFICIARIES,
                "so_am",
                format!(
                    "Đơn vị thụ hưởng: {what} ở dòng {} không được âm ({}).",
                    index + 1,
                    money(value.into())
                ),
            ));
        }
    }
}

fn check_payment_amount(pay: &Payment, out: &mut Vec<Issue>) {
    if pay.amount < 0 {
        out.push(Issue::error(
            field::PAYMENTS,
            "so_am",
            format!(
                "Thanh toán: số tiền {} không được âm ({}).",
                payment_label(pay),
                money(pay.amount.into())
            ),
        ));
    } else if pay.amount > MAX_AMOUNT {
        beyond_bound(
            field::PAYMENTS,
            &format!("Thanh toán: số tiền {}", payment_label(pay)),
            pay.amount,
            out,
        );
    } else if pay.amount == 0 {
        out.push(Issue::error(
            field::PAYMENTS,
            "so_tien_bang_khong",
            format!("Thanh toán: số tiền {} phải lớn hơn 0.", payment_label(pay)),
        ));
    }
}

/// Error when `later` is before `earlier` (both known).
fn not_before(
    later: (Option<NaiveDate>, &str),
    earlier: (Option<NaiveDate>, &str),
    out: &mut Vec<Issue>,
) {
    if let (Some(l), Some(e)) = (later.0, earlier.0)
        && l < e
    {
        out.push(Issue::error(
            field::DATES,
            "ngay_mau_thuan",
            format!(
                "Ngày tháng: {} ({}) trước {} ({}).",
                later.1,
                format_date(l),
                earlier.1,
                format_date(e)
            ),
        ));
    }
}

pub(super) fn check_date_order(p: &Project, out: &mut Vec<Issue>) {
    not_before(
        (p.end_date, "ngày kết thúc"),
        (p.start_date, "ngày bắt đầu"),
        out,
    );
    not_before(
        (p.contract_date, "ngày ký hợp đồng"),
        (p.approval_date, "ngày phê duyệt"),
        out,
    );
    not_before(
        (p.acceptance_date, "ngày nghiệm thu"),
        (p.start_date, "ngày bắt đầu"),
        out,
    );
    not_before(
        (p.settlement_date, "ngày quyết toán"),
        (p.acceptance_date, "ngày nghiệm thu"),
        out,
    );
}

pub(super) fn check_payments_after_approval(p: &Project, out: &mut Vec<Issue>) {
    let Some(approved) = p.approval_date else {
        return;
    };
    for pay in p.payments.iter().filter(|pay| pay.date < approved) {
        out.push(Issue::error(
            field::PAYMENTS,
            "thanh_toan_truoc_phe_duyet",
            format!(
                "Thanh toán: {} trước ngày phê duyệt đề án ({}); chỉ tạm ứng, thanh toán cho đề án đã được phê duyệt.",
                payment_label(pay),
                format_date(approved)
            ),
        ));
    }
}

/// Statuses reached only through an approval decision.
fn needs_approval(status: ProjectStatus) -> bool {
    use ProjectStatus::*;
    matches!(
        status,
        PheDuyet
            | KyHopDong
            | DangThucHien
            | DieuChinh
            | TamDung
            | NghiemThu
            | QuyetToan
            | HoanThanh
    )
}

/// Statuses reached only after the acceptance (nghiệm thu).
fn needs_acceptance(status: ProjectStatus) -> bool {
    use ProjectStatus::*;
    matches!(status, NghiemThu | QuyetToan | HoanThanh)
}

pub(super) fn check_status_records(p: &Project, out: &mut Vec<Issue>) {
    if needs_approval(p.status) {
        let mut missing = Vec::new();
        if p.approval_no.trim().is_empty() {
            missing.push("số");
        }
        if p.approval_date.is_none() {
            missing.push("ngày");
        }
        if !missing.is_empty() {
            out.push(Issue::error(
                field::APPROVAL,
                "thieu_quyet_dinh_phe_duyet",
                format!(
                    "Phê duyệt: trạng thái \"{}\" cần {} quyết định phê duyệt.",
                    p.status.label(),
                    missing.join(" và ")
                ),
            ));
        }
    }
    if needs_acceptance(p.status) && p.acceptance_date.is_none() {
        out.push(Issue::error(
            field::DATES,
            "thieu_ngay_nghiem_thu",
            format!(
                "Ngày tháng: trạng thái \"{}\" cần ngày nghiệm thu.",
                p.status.label()
            ),
        ));
    }
}

pub(super) fn check_beneficiary_list(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    for (i, b) in p.beneficiaries.iter().enumerate() {
        let first = p
            .beneficiaries
            .iter()
            .position(|other| other.establishment_id == b.establishment_id);
        if first.is_some_and(|f| f < i) {
            out.push(Issue::error(
                field::BENEFICIARIES,
                "trung_thu_huong",
                format!(
                    "Đơn vị thụ hưởng: {} có tên hai lần trong danh sách (dòng {}).",
                    establishment_label(ctx, i, b.establishment_id),
                    i + 1
                ),
            ));
        }
    }
}

pub(super) fn check_area(p: &Project, out: &mut Vec<Issue>) {
    if p.commune_codes.iter().all(|c| c.trim().is_empty()) {
        let message = if p.kind == ProjectKind::Nhom {
            "Địa bàn: chọn ít nhất một xã/phường/đặc khu (đề án nhóm có thể chọn nhiều)."
        } else {
            "Địa bàn: chọn ít nhất một xã/phường/đặc khu."
        };
        out.push(Issue::error(field::COMMUNES, "thieu_dia_ban", message));
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::field;
    use super::super::fixtures::*;
    use crate::domain::issue::Severity;
    use crate::domain::project::{PaymentKind, Project, ProjectKind};
    use crate::domain::project_status::ProjectStatus;

    #[test]
    fn amounts_beyond_the_bound_are_refused_naming_the_field() {
        let w = world();
        let mut p = project();
        p.support = crate::domain::money::MAX_AMOUNT + 1;
        let issue = the(&p, &w, "so_tien_vuot_gioi_han");
        assert_eq!(issue.field, field::SUPPORT);
        assert_eq!(issue.severity, Severity::Error);
        assert_eq!(
            issue.message,
            "Kinh phí hỗ trợ: 10.000.000.000.001 vượt giới hạn 10.000.000.000.000 đồng của một khoản."
        );
        let mut p = project();
        p.payments = vec![payment(PaymentKind::Payment, approved(), i64::MAX)];
        let issue = the(&p, &w, "so_tien_vuot_gioi_han");
        assert_eq!(issue.field, field::PAYMENTS);
        assert!(
            issue.message.starts_with("Thanh toán: số tiền "),
            "{}",
            issue.message
        );
        let mut p = project();
        p.beneficiaries[0].cost = i64::MAX;
        assert_eq!(
            the(&p, &w, "so_tien_vuot_gioi_han").field,
            field::BENEFICIARIES
        );
    }

    #[test]
    fn name_and_content_are_required() {
        let w = world();
        let mut p = project();
        p.name = "  ".into();
        p.content_code.clear();
        assert_eq!(errors(&p, &w), ["thieu_ten", "thieu_noi_dung"]);
        let name = the(&p, &w, "thieu_ten");
        assert_eq!(name.field, field::NAME);
        assert_eq!(name.message, "Tên đề án: bắt buộc nhập.");
        assert_eq!(the(&p, &w, "thieu_noi_dung").field, field::CONTENT);
    }

    #[test]
    fn plan_year_must_be_from_2000_to_two_years_ahead() {
        let w = world();
        for (year, ok) in [(1999, false), (2000, true), (2028, true), (2029, false)] {
            let mut p = project();
            p.plan_year = year;
            assert_eq!(!has(&p, &w, "nam_ke_hoach_sai"), ok, "year {year}");
        }
    }

    #[test]
    fn negative_money_anywhere_is_an_error() {
        let w = world();
        let setters: [fn(&mut Project); 7] = [
            |p| p.total_cost = -1,
            |p| p.support = -1,
            |p| p.counterpart = -1,
            |p| p.other_funds = -1,
            |p| p.beneficiaries[0].cost = -1,
            |p| p.beneficiaries[0].support = -1,
            |p| p.beneficiaries[0].counterpart = -1,
        ];
        for set in setters {
            let mut p = project();
            set(&mut p);
            assert_eq!(errors(&p, &w), ["so_am"]);
        }
        let mut p = project();
        p.other_funds = 0;
        p.beneficiaries[0].counterpart = 0;
        assert_eq!(errors(&p, &w), Vec::<&str>::new(), "zero is allowed");
    }

    #[test]
    fn payment_amounts_must_be_positive() {
        let w = world();
        let on = approved();
        let mut p = project();
        p.payments = vec![payment(PaymentKind::Advance, on, 1)];
        assert_eq!(errors(&p, &w), Vec::<&str>::new());
        p.payments = vec![payment(PaymentKind::Advance, on, 0)];
        assert_eq!(errors(&p, &w), ["so_tien_bang_khong"]);
        p.payments = vec![payment(PaymentKind::Payment, on, -5)];
        assert_eq!(errors(&p, &w), ["so_am"]);
        assert_eq!(the(&p, &w, "so_am").field, field::PAYMENTS);
    }

    #[test]
    fn contradicting_dates_are_errors_on_both_sides_of_the_boundary() {
        let w = world();
        let d = date(2026, 4, 10);
        type Set = fn(&mut Project, NaiveDate, NaiveDate);
        // (set later, earlier)
        let pairs: [Set; 4] = [
            |p, later, earlier| {
                p.end_date = Some(later);
                p.start_date = Some(earlier);
            },
            |p, later, earlier| {
                p.contract_date = Some(later);
                p.approval_date = Some(earlier);
            },
            |p, later, earlier| {
                p.acceptance_date = Some(later);
                p.start_date = Some(earlier);
            },
            |p, later, earlier| {
                p.settlement_date = Some(later);
                p.acceptance_date = Some(earlier);
            },
        ];
        for set in pairs {
            let mut p = project();
            set(&mut p, d, d);
            assert!(!has(&p, &w, "ngay_mau_thuan"), "same day is fine");
            set(&mut p, day_before(d), d);
            let issue = the(&p, &w, "ngay_mau_thuan");
            assert_eq!(issue.severity, Severity::Error);
            assert_eq!(issue.field, field::DATES);
            assert!(
                issue.message.starts_with("Ngày tháng: "),
                "{}",
                issue.message
            );
            assert!(issue.message.contains("09/04/2026"), "{}", issue.message);
        }
    }

    #[test]
    fn payments_need_an_approved_project() {
        let w = world();
        let mut p = project();
        p.payments = vec![payment(PaymentKind::Advance, approved(), 100 * TRIEU)];
        assert!(!has(&p, &w, "thanh_toan_truoc_phe_duyet"));
        p.payments = vec![payment(
            PaymentKind::Advance,
            day_before(approved()),
            100 * TRIEU,
        )];
        let issue = the(&p, &w, "thanh_toan_truoc_phe_duyet");
        assert_eq!(issue.severity, Severity::Error);
        assert!(
            issue
                .message
                .starts_with("Thanh toán: Tạm ứng ngày 01/03/2026")
        );
    }

    #[test]
    fn approved_statuses_need_the_approval_decision() {
        let w = world();
        for status in ProjectStatus::ALL {
            let mut p = project();
            p.status = status;
            p.acceptance_date = Some(date(2026, 6, 1));
            p.settlement_date = Some(date(2026, 6, 10));
            p.approval_no.clear();
            let expected = !matches!(
                status,
                ProjectStatus::DangKy
                    | ProjectStatus::ThamDinhCoSo
                    | ProjectStatus::ThamDinhCapBo
                    | ProjectStatus::Huy
            );
            assert_eq!(
                has(&p, &w, "thieu_quyet_dinh_phe_duyet"),
                expected,
                "{status:?} without number"
            );
            p.approval_no = "45/QĐ-UBND".into();
            p.approval_date = None;
            assert_eq!(
                has(&p, &w, "thieu_quyet_dinh_phe_duyet"),
                expected,
                "{status:?} without date"
            );
        }
        let mut p = project();
        p.approval_no.clear();
        p.approval_date = None;
        let issue = the(&p, &w, "thieu_quyet_dinh_phe_duyet");
        assert_eq!(issue.field, field::APPROVAL);
        assert_eq!(
            issue.message,
            "Phê duyệt: trạng thái \"Phê duyệt\" cần số và ngày quyết định phê duyệt."
        );
    }

    #[test]
    fn accepted_statuses_need_the_acceptance_date() {
        let w = world();
        for status in ProjectStatus::ALL {
            let mut p = project();
            p.status = status;
            let expected = matches!(
                status,
                ProjectStatus::NghiemThu | ProjectStatus::QuyetToan | ProjectStatus::HoanThanh
            );
            assert_eq!(has(&p, &w, "thieu_ngay_nghiem_thu"), expected, "{status:?}");
            p.acceptance_date = Some(date(2026, 6, 10));
            assert!(!has(&p, &w, "thieu_ngay_nghiem_thu"), "{status:?}");
        }
    }

    #[test]
    fn the_same_establishment_cannot_be_listed_twice() {
        let w = world();
        let mut p = project();
        p.beneficiaries = vec![
            beneficiary(A, 600 * TRIEU, 225 * TRIEU, 375 * TRIEU),
            beneficiary(B, 600 * TRIEU, 225 * TRIEU, 375 * TRIEU),
        ];
        assert_eq!(errors(&p, &w), Vec::<&str>::new());
        p.beneficiaries[1].establishment_id = A;
        assert_eq!(errors(&p, &w), ["trung_thu_huong"]);
        assert!(the(&p, &w, "trung_thu_huong").message.contains("CS-000123"));
    }

    #[test]
    fn every_project_needs_a_commune() {
        let w = world();
        for kind in ProjectKind::ALL {
            let mut p = project();
            p.kind = kind;
            p.commune_codes.clear();
            let issue = the(&p, &w, "thieu_dia_ban");
            assert_eq!(issue.severity, Severity::Error);
            assert_eq!(issue.field, field::COMMUNES);
            assert!(
                issue
                    .message
                    .starts_with("Địa bàn: chọn ít nhất một xã/phường/đặc khu")
            );
            p.commune_codes = vec!["16093".into()];
            assert!(!has(&p, &w, "thieu_dia_ban"));
        }
        let mut p = project();
        p.commune_codes.clear();
        assert_eq!(
            the(&p, &w, "thieu_dia_ban").message,
            "Địa bàn: chọn ít nhất một xã/phường/đặc khu."
        );
    }
}
