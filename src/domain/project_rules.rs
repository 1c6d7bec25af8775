//! Rules a project (đề án khuyến công) must (errors) or should (warnings) satisfy
//! (DOMAIN.md §3–§4). Pure: everything looked up from the database arrives in
//! `ProjectRuleContext`. Warnings name their legal source and show the numbers, so the user can
//! decide whether to save over them with a reason.

use chrono::{Datelike, Days, NaiveDate};
use uuid::Uuid;

use super::activity_content::ActivityContent;
use super::admin_unit::{Commune, CommuneKind, Province};
use super::cnnt_definition::CnntDefinition;
use super::funding_source::FundingSource;
use super::industry::Industry;
use super::issue::Issue;
use super::legal_form::LegalForm;
use super::programme::Programme;
use super::project::{Beneficiary, Payment, PaymentKind, Project, ProjectKind};
use super::project_status::ProjectStatus;
use super::support_ceiling::{CapUnit, SupportCeiling};
use crate::text::{format_date, format_integer};

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
}

/// Plan years before this are typos.
const FIRST_PLAN_YEAR: i32 = 2000;
/// How far ahead a plan year may be.
const PLAN_YEARS_AHEAD: i32 = 2;
/// TT 36/2013/TT-BCT Điều 18: the settlement dossier is due 15 days after the acceptance.
const SETTLEMENT_DAYS_AFTER_ACCEPTANCE: u64 = 15;
const SETTLEMENT_SOURCE: &str = "TT 36/2013/TT-BCT Điều 18";
const ADVANCE_SOURCE: &str = "TT 36/2013/TT-BCT (tạm ứng 30 % hoặc 70 % tùy nội dung)";
const ONCE_PER_CONTENT_SOURCE: &str = "một lần hỗ trợ cho mỗi nội dung trong giai đoạn; quy định địa phương, ví dụ NQ 08/2024/NQ-HĐND Đồng Tháp";
const BASIS_POINTS: i128 = 10_000;

/// Validates one project. Errors block saving; warnings may be saved with a reason.
pub fn validate_project(p: &Project, ctx: &ProjectRuleContext) -> Vec<Issue> {
    let mut out = Vec::new();
    check_required(p, ctx, &mut out);
    check_money_signs(p, &mut out);
    check_date_order(p, &mut out);
    check_payments_after_approval(p, &mut out);
    check_status_records(p, &mut out);
    check_beneficiary_list(p, ctx, &mut out);
    check_area(p, &mut out);
    check_support_ceiling(p, ctx, &mut out);
    check_totals(p, &mut out);
    check_beneficiary_split(p, &mut out);
    check_double_support(p, ctx, &mut out);
    check_beneficiary_eligibility(p, ctx, &mut out);
    check_advance_share(p, ctx, &mut out);
    check_disbursement(p, &mut out);
    check_settlement_deadline(p, ctx, &mut out);
    check_kcqg_settlement_deadline(p, ctx, &mut out);
    check_content(p, ctx, &mut out);
    check_programme_period(p, ctx, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The date the law of the project is judged on: its approval, or today before approval.
fn rule_date(p: &Project, ctx: &ProjectRuleContext) -> NaiveDate {
    p.approval_date.unwrap_or(ctx.today)
}

/// "1.234.567", also for sums beyond `i64`.
fn money(n: i128) -> String {
    i64::try_from(n).map_or_else(|_| n.to_string(), format_integer)
}

/// "1.234.567 đồng".
fn dong(n: i128) -> String {
    format!("{} đồng", money(n))
}

/// Basis points as a percentage without needless decimals: 5000 → "50 %", 7050 → "70,5 %".
fn percent(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let abs = bp.unsigned_abs();
    let (whole, hundredths) = (abs / 100, abs % 100);
    if hundredths == 0 {
        format!("{sign}{whole} %")
    } else if hundredths % 10 == 0 {
        format!("{sign}{whole},{} %", hundredths / 10)
    } else {
        format!("{sign}{whole},{hundredths:02} %")
    }
}

/// `amount × bp / 10000`, rounded down to the đồng.
fn share_of(amount: i64, bp: i64) -> i128 {
    (i128::from(amount) * i128::from(bp)).div_euclid(BASIS_POINTS)
}

/// The least the beneficiary must pay itself when support is at most `bp` of `cost`.
fn min_own_share(cost: i64, bp: i64) -> i128 {
    i128::from(cost) - share_of(cost, bp)
}

fn facts_for<'a>(ctx: &ProjectRuleContext<'a>, id: Uuid) -> Option<&'a BeneficiaryFacts<'a>> {
    ctx.beneficiaries.iter().find(|f| f.establishment_id == id)
}

/// "cơ sở CS-000123 "Tên"", or its line number when the establishment is unknown.
fn establishment_label(ctx: &ProjectRuleContext, index: usize, id: Uuid) -> String {
    match facts_for(ctx, id) {
        Some(f) => format!("cơ sở {} \"{}\"", f.code, f.name),
        None => format!("cơ sở ở dòng {}", index + 1),
    }
}

/// Payment totals in i128, so absurd amounts cannot overflow.
#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    advanced: i128,
    recovered: i128,
    paid: i128,
    settled: i128,
}

impl Totals {
    fn of(payments: &[Payment]) -> Totals {
        let mut t = Totals::default();
        for pay in payments {
            let amount = i128::from(pay.amount);
            match pay.kind {
                PaymentKind::Advance => t.advanced += amount,
                PaymentKind::AdvanceRecovery => t.recovered += amount,
                PaymentKind::Payment => t.paid += amount,
                PaymentKind::Settlement => t.settled += amount,
            }
        }
        t
    }

    fn outstanding_advance(&self) -> i128 {
        self.advanced - self.recovered
    }
}

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

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

fn check_required(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
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
    }
}

fn check_money_signs(p: &Project, out: &mut Vec<Issue>) {
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

fn check_date_order(p: &Project, out: &mut Vec<Issue>) {
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

fn check_payments_after_approval(p: &Project, out: &mut Vec<Issue>) {
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

fn check_status_records(p: &Project, out: &mut Vec<Issue>) {
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

fn check_beneficiary_list(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
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

fn check_area(p: &Project, out: &mut Vec<Issue>) {
    if p.commune_codes.iter().all(|c| c.trim().is_empty()) {
        let message = if p.kind == ProjectKind::Nhom {
            "Địa bàn: chọn ít nhất một xã/phường/đặc khu (đề án nhóm có thể chọn nhiều)."
        } else {
            "Địa bàn: chọn ít nhất một xã/phường/đặc khu."
        };
        out.push(Issue::error(field::COMMUNES, "thieu_dia_ban", message));
    }
}

// ---------------------------------------------------------------------------------------------
// Warnings: support ceiling and counterpart share
// ---------------------------------------------------------------------------------------------

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

fn check_support_ceiling(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
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

// ---------------------------------------------------------------------------------------------
// Warnings: totals
// ---------------------------------------------------------------------------------------------

fn check_totals(p: &Project, out: &mut Vec<Issue>) {
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

fn check_beneficiary_split(p: &Project, out: &mut Vec<Issue>) {
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

// ---------------------------------------------------------------------------------------------
// Warnings: beneficiaries
// ---------------------------------------------------------------------------------------------

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

fn check_double_support(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    for prior in ctx.prior_support.iter().filter(|s| is_double_support(p, s)) {
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
                "Đơn vị thụ hưởng: {who} đã được hỗ trợ cùng nội dung trong cùng giai đoạn chương trình tại đề án {} \"{}\" (trạng thái: {}) ({ONCE_PER_CONTENT_SOURCE}).",
                prior.project_code,
                prior.project_name,
                prior.status.label()
            ),
        ));
    }
}

fn check_beneficiary_eligibility(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
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

// ---------------------------------------------------------------------------------------------
// Warnings: money movements
// ---------------------------------------------------------------------------------------------

fn check_advance_share(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    if p.source != FundingSource::Kcqg {
        return;
    }
    let Some(bp) = ctx.content.and_then(|c| c.kcqg_advance_cap_bp) else {
        return;
    };
    let outstanding = Totals::of(&p.payments).outstanding_advance();
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

fn check_disbursement(p: &Project, out: &mut Vec<Issue>) {
    let t = Totals::of(&p.payments);
    let support = i128::from(p.support);
    let disbursed = t.paid + t.outstanding_advance();
    if disbursed > support {
        out.push(Issue::warning(
            field::PAYMENTS,
            "thanh_toan_vuot_ho_tro",
            format!(
                "Thanh toán: đã thanh toán {} và tạm ứng chưa thu hồi {}, cộng {} vượt kinh phí hỗ trợ {}.",
                money(t.paid),
                money(t.outstanding_advance()),
                dong(disbursed),
                dong(support)
            ),
        ));
    }
    if t.settled > support {
        out.push(Issue::warning(
            field::PAYMENTS,
            "thanh_toan_vuot_ho_tro",
            format!(
                "Thanh toán: số quyết toán {} vượt kinh phí hỗ trợ {}.",
                dong(t.settled),
                dong(support)
            ),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// Warnings: deadlines
// ---------------------------------------------------------------------------------------------

/// Still waiting for its settlement: not settled, finished or cancelled.
fn awaits_settlement(status: ProjectStatus) -> bool {
    !matches!(
        status,
        ProjectStatus::QuyetToan | ProjectStatus::HoanThanh | ProjectStatus::Huy
    )
}

fn check_settlement_deadline(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    let Some(accepted) = p.acceptance_date else {
        return;
    };
    let Some(deadline) = accepted.checked_add_days(Days::new(SETTLEMENT_DAYS_AFTER_ACCEPTANCE))
    else {
        return;
    };
    match p.settlement_date {
        Some(settled) if settled > deadline => out.push(Issue::warning(
            field::DATES,
            "quyet_toan_muon",
            format!(
                "Ngày tháng: quyết toán ngày {} quá {SETTLEMENT_DAYS_AFTER_ACCEPTANCE} ngày sau nghiệm thu ngày {} (hạn {}, {SETTLEMENT_SOURCE}).",
                format_date(settled),
                format_date(accepted),
                format_date(deadline)
            ),
        )),
        None if ctx.today > deadline && awaits_settlement(p.status) => out.push(Issue::warning(
            field::STATUS,
            "quyet_toan_muon",
            format!(
                "Trạng thái: chưa quyết toán, đã quá hạn hoàn thành hồ sơ quyết toán {} ({SETTLEMENT_DAYS_AFTER_ACCEPTANCE} ngày sau nghiệm thu ngày {}, {SETTLEMENT_SOURCE}).",
                format_date(deadline),
                format_date(accepted)
            ),
        )),
        _ => {}
    }
}

/// 22/01 of the year after the plan year: the KCQG settlement deadline.
fn kcqg_settlement_deadline(plan_year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(plan_year.checked_add(1)?, 1, 22)
}

fn check_kcqg_settlement_deadline(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    if p.source != FundingSource::Kcqg {
        return;
    }
    let Some(deadline) = kcqg_settlement_deadline(p.plan_year) else {
        return;
    };
    match p.settlement_date {
        Some(settled) if settled > deadline => out.push(Issue::warning(
            field::DATES,
            "quyet_toan_muon",
            format!(
                "Ngày tháng: đề án KCQG năm {} quyết toán ngày {}, sau hạn {} ({SETTLEMENT_SOURCE}: chậm nhất 22/01 năm sau).",
                p.plan_year,
                format_date(settled),
                format_date(deadline)
            ),
        )),
        None if ctx.today > deadline
            && p.status.is_allocated()
            && awaits_settlement(p.status) =>
        {
            out.push(Issue::warning(
                field::STATUS,
                "quyet_toan_muon",
                format!(
                    "Trạng thái: đề án KCQG năm {} chưa quyết toán, đã quá hạn {} ({SETTLEMENT_SOURCE}: chậm nhất 22/01 năm sau).",
                    p.plan_year,
                    format_date(deadline)
                ),
            ))
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Warnings: content and programme
// ---------------------------------------------------------------------------------------------

fn check_content(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    let Some(content) = ctx.content else {
        return;
    };
    let date = rule_date(p, ctx);
    if !content.in_force_on(date) {
        let period = match content.valid_to {
            _ if date < content.valid_from => {
                format!("hiệu lực từ {}", format_date(content.valid_from))
            }
            Some(end) => format!("hết hiệu lực sau ngày {}", format_date(end)),
            None => String::new(),
        };
        out.push(Issue::warning(
            field::CONTENT,
            "noi_dung_het_hieu_luc",
            format!(
                "Nội dung: \"{}\" ({}) thuộc danh mục {} không còn hiệu lực ngày {} ({period}; {}).",
                content.name,
                content.code,
                content.list_name,
                format_date(date),
                content.source
            ),
        ));
    }
    if content.wording_unconfirmed {
        out.push(Issue::warning(
            field::CONTENT,
            "noi_dung_chua_xac_nhan",
            format!(
                "Nội dung: tên nội dung theo {} chưa được đối chiếu với văn bản chính thức (\"{}\", {}); sửa được trong Cài đặt.",
                content.list_name, content.name, content.code
            ),
        ));
    }
}

fn check_programme_period(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    let (Some(programme), Some(approved)) = (ctx.programme, p.approval_date) else {
        return;
    };
    if programme.covers(approved) {
        return;
    }
    let period = match programme.valid_to {
        Some(end) => format!(
            "{} – {}",
            format_date(programme.valid_from),
            format_date(end)
        ),
        None => format!("từ {}", format_date(programme.valid_from)),
    };
    out.push(Issue::warning(
        field::PROGRAMME,
        "ngoai_giai_doan_chuong_trinh",
        format!(
            "Chương trình: ngày phê duyệt {} nằm ngoài giai đoạn của {} ({period}; {}).",
            format_date(approved),
            programme.name,
            programme.decision
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::issue::Severity;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    const TRIEU: i64 = 1_000_000;
    const APPROVED: (i32, u32, u32) = (2026, 3, 2);

    fn approved() -> NaiveDate {
        date(APPROVED.0, APPROVED.1, APPROVED.2)
    }

    fn day_before(d: NaiveDate) -> NaiveDate {
        d.pred_opt().expect("has a previous day")
    }

    fn day_after(d: NaiveDate) -> NaiveDate {
        d.succ_opt().expect("has a next day")
    }

    /// An establishment the world knows about (owned; the rules see it as `BeneficiaryFacts`).
    struct Est {
        id: Uuid,
        code: &'static str,
        name: &'static str,
        legal_form: Option<LegalForm>,
        industry: Option<Industry>,
        province: Province,
        commune: Commune,
        craft_village: bool,
    }

    struct World {
        today: NaiveDate,
        content: Option<ActivityContent>,
        ceilings: Vec<SupportCeiling>,
        programme: Option<Programme>,
        definitions: Vec<CnntDefinition>,
        establishments: Vec<Est>,
        prior: Vec<PriorSupport>,
    }

    const A: Uuid = Uuid::from_u128(1);
    const B: Uuid = Uuid::from_u128(2);

    fn thanh_hoa() -> Province {
        Province {
            code: "38".into(),
            name: "Tỉnh Thanh Hóa".into(),
        }
    }

    fn xa_nga_son() -> Commune {
        Commune {
            code: "16093".into(),
            province_code: "38".into(),
            name: "Xã Nga Sơn".into(),
            kind: CommuneKind::Xa,
        }
    }

    fn industry() -> Industry {
        Industry {
            code: "45-a".into(),
            name: "Công nghiệp chế biến nông, lâm, thủy sản".into(),
            valid_from: date(2012, 7, 5),
            valid_to: None,
            source: "NĐ 45/2012/NĐ-CP Điều 5".into(),
        }
    }

    fn national(item: &str, bp: i64, cap: i64, unit: CapUnit) -> SupportCeiling {
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

    fn thanh_hoa_model_row() -> SupportCeiling {
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

    fn content() -> ActivityContent {
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

    fn before_235() -> CnntDefinition {
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

    fn after_235() -> CnntDefinition {
        CnntDefinition {
            valid_from: date(2025, 10, 15),
            valid_to: None,
            source: "NĐ 45/2012/NĐ-CP, sửa đổi bởi NĐ 235/2025/NĐ-CP".into(),
            eligible_forms: LegalForm::ALL.to_vec(),
            central_city_ward_needs_craft_village: true,
        }
    }

    fn est(id: Uuid, code: &'static str, name: &'static str, form: LegalForm) -> Est {
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

    fn world() -> World {
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
        }
    }

    fn beneficiary(id: Uuid, cost: i64, support: i64, counterpart: i64) -> Beneficiary {
        Beneficiary {
            establishment_id: id,
            cost,
            support,
            counterpart,
        }
    }

    fn payment(kind: PaymentKind, on: NaiveDate, amount: i64) -> Payment {
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
    fn project() -> Project {
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
    fn set_money(p: &mut Project, total: i64, support: i64) {
        p.total_cost = total;
        p.support = support;
        p.counterpart = total - support;
        p.other_funds = 0;
        p.beneficiaries = vec![beneficiary(A, total, support, total - support)];
    }

    /// A demonstration model (per-project cap): 3.000 triệu total.
    fn model_project(source: FundingSource, support: i64) -> Project {
        let mut p = project();
        p.source = source;
        p.support_item = "mo_hinh_trinh_dien".into();
        set_money(&mut p, 3_000 * TRIEU, support);
        p
    }

    fn facts(w: &World) -> Vec<BeneficiaryFacts<'_>> {
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

    fn check(p: &Project, w: &World) -> Vec<Issue> {
        let facts = facts(w);
        let ctx = ProjectRuleContext {
            today: w.today,
            content: w.content.as_ref(),
            ceilings: &w.ceilings,
            programme: w.programme.as_ref(),
            definitions: &w.definitions,
            beneficiaries: &facts,
            prior_support: &w.prior,
        };
        validate_project(p, &ctx)
    }

    fn kinds(issues: &[Issue], severity: Severity) -> Vec<&'static str> {
        issues
            .iter()
            .filter(|i| i.severity == severity)
            .map(|i| i.kind)
            .collect()
    }

    fn errors(p: &Project, w: &World) -> Vec<&'static str> {
        kinds(&check(p, w), Severity::Error)
    }

    fn warnings(p: &Project, w: &World) -> Vec<&'static str> {
        kinds(&check(p, w), Severity::Warning)
    }

    fn has(p: &Project, w: &World, kind: &str) -> bool {
        check(p, w).iter().any(|i| i.kind == kind)
    }

    fn the(p: &Project, w: &World, kind: &str) -> Issue {
        let found: Vec<Issue> = check(p, w).into_iter().filter(|i| i.kind == kind).collect();
        assert_eq!(found.len(), 1, "exactly one {kind}: {found:#?}");
        found.into_iter().next().expect("one issue")
    }

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
        assert_eq!(min_own_share(1_000_000_001, 5000), 500_000_001);
    }

    // ---- errors -------------------------------------------------------------------------

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

    // ---- totals -------------------------------------------------------------------------

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

    // ---- double support ----------------------------------------------------------------

    fn prior(content: &str, programme: &str, status: ProjectStatus) -> PriorSupport {
        PriorSupport {
            project_code: "DA-2025-0007".into(),
            project_name: "Hỗ trợ máy đóng chai".into(),
            establishment_id: A,
            content_code: content.into(),
            programme_code: programme.into(),
            status,
        }
    }

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

    // ---- advances and payments ---------------------------------------------------------

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

    // ---- deadlines ---------------------------------------------------------------------

    fn accepted_project(accepted: NaiveDate) -> Project {
        let mut p = project();
        p.status = ProjectStatus::NghiemThu;
        p.start_date = Some(date(2026, 3, 10));
        p.acceptance_date = Some(accepted);
        p
    }

    #[test]
    fn settlement_is_due_15_days_after_the_acceptance() {
        let w = world();
        let mut p = accepted_project(date(2026, 5, 1));
        p.status = ProjectStatus::QuyetToan;
        p.settlement_date = Some(date(2026, 5, 16));
        assert!(!has(&p, &w, "quyet_toan_muon"), "day 15");
        p.settlement_date = Some(date(2026, 5, 17));
        let issue = the(&p, &w, "quyet_toan_muon");
        assert_eq!(issue.field, field::DATES);
        assert!(issue.message.contains("16/05/2026"));
        assert!(issue.message.contains("TT 36/2013/TT-BCT Điều 18"));
    }

    #[test]
    fn an_unsettled_project_is_overdue_after_the_15th_day() {
        let mut w = world();
        let p = accepted_project(date(2026, 5, 1));
        w.today = date(2026, 5, 16);
        assert!(!has(&p, &w, "quyet_toan_muon"));
        w.today = date(2026, 5, 17);
        let issue = the(&p, &w, "quyet_toan_muon");
        assert_eq!(issue.field, field::STATUS);
        assert!(issue.message.contains("đã quá hạn"));
        for status in [
            ProjectStatus::QuyetToan,
            ProjectStatus::HoanThanh,
            ProjectStatus::Huy,
        ] {
            let mut q = p.clone();
            q.status = status;
            assert!(!has(&q, &w, "quyet_toan_muon"), "{status:?}");
        }
    }

    #[test]
    fn kcqg_settlement_is_due_22_january_of_the_next_year() {
        let w = world();
        let mut p = accepted_project(date(2026, 1, 10));
        p.source = FundingSource::Kcqg;
        p.plan_year = 2025;
        p.approval_date = Some(date(2025, 6, 2));
        p.start_date = Some(date(2025, 7, 1));
        p.status = ProjectStatus::QuyetToan;
        p.settlement_date = Some(date(2026, 1, 22));
        assert!(!has(&p, &w, "quyet_toan_muon"));
        p.settlement_date = Some(date(2026, 1, 23));
        let issue = the(&p, &w, "quyet_toan_muon");
        assert!(issue.message.contains("22/01/2026"));
        assert!(issue.message.contains("KCQG năm 2025"));
        p.source = FundingSource::Kcdp;
        assert!(!has(&p, &w, "quyet_toan_muon"), "KCĐP has no 22/01 rule");
    }

    #[test]
    fn an_unsettled_kcqg_project_is_overdue_after_22_january() {
        let mut w = world();
        w.content = None;
        w.programme = None;
        let mut p = project();
        p.source = FundingSource::Kcqg;
        p.plan_year = 2025;
        p.approval_date = Some(date(2025, 6, 2));
        p.status = ProjectStatus::DangThucHien;
        w.today = date(2026, 1, 22);
        assert!(!has(&p, &w, "quyet_toan_muon"));
        w.today = date(2026, 1, 23);
        assert_eq!(the(&p, &w, "quyet_toan_muon").field, field::STATUS);
        p.status = ProjectStatus::DangKy;
        p.approval_no.clear();
        p.approval_date = None;
        assert!(!has(&p, &w, "quyet_toan_muon"), "never approved");
    }

    // ---- content and programme ---------------------------------------------------------

    #[test]
    fn the_content_must_be_in_force_on_the_approval_date() {
        let mut w = world();
        let p = project();
        if let Some(c) = w.content.as_mut() {
            c.valid_to = Some(day_before(approved()));
        }
        let issue = the(&p, &w, "noi_dung_het_hieu_luc");
        assert_eq!(issue.field, field::CONTENT);
        assert!(issue.message.contains("không còn hiệu lực ngày 02/03/2026"));
        assert!(issue.message.contains("NĐ 45/2012 Điều 4"));
        if let Some(c) = w.content.as_mut() {
            c.valid_to = Some(approved());
        }
        assert!(!has(&p, &w, "noi_dung_het_hieu_luc"));
        if let Some(c) = w.content.as_mut() {
            c.valid_from = day_after(approved());
            c.valid_to = None;
        }
        assert!(has(&p, &w, "noi_dung_het_hieu_luc"), "not yet in force");
    }

    #[test]
    fn unconfirmed_content_wording_is_flagged() {
        let mut w = world();
        if let Some(c) = w.content.as_mut() {
            c.wording_unconfirmed = true;
        }
        if let Some(c) = w.content.as_mut() {
            c.list_name = "NĐ 235/2025".into();
        }
        let issue = the(&project(), &w, "noi_dung_chua_xac_nhan");
        assert!(issue.message.contains(
            "Nội dung: tên nội dung theo NĐ 235/2025 chưa được đối chiếu với văn bản chính thức"
        ));
    }

    #[test]
    fn the_approval_must_fall_in_the_programme_period() {
        let mut w = world();
        let mut p = project();
        if let Some(prog) = w.programme.as_mut() {
            prog.valid_from = day_after(approved());
        }
        let issue = the(&p, &w, "ngoai_giai_doan_chuong_trinh");
        assert_eq!(issue.field, field::PROGRAMME);
        assert!(issue.message.contains("QĐ 100/QĐ-UBND"));
        if let Some(prog) = w.programme.as_mut() {
            prog.valid_from = approved();
        }
        assert!(!has(&p, &w, "ngoai_giai_doan_chuong_trinh"));
        if let Some(prog) = w.programme.as_mut() {
            prog.valid_from = day_after(approved());
        }
        p.status = ProjectStatus::DangKy;
        p.approval_no.clear();
        p.approval_date = None;
        assert!(
            !has(&p, &w, "ngoai_giai_doan_chuong_trinh"),
            "not approved yet"
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
