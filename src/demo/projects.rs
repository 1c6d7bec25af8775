//! Synthetic projects over the establishments already in the file: contents and sources that
//! fit their year, amounts within the ceilings (with a few deliberate breaches), a life cycle
//! that fits their age, payments and outputs.

use chrono::{Datelike, Days, NaiveDate};

use crate::domain::funding_source::FundingSource;
use crate::domain::project::{
    Beneficiary, Output, Payment, PaymentKind, Project, ProjectKind, Transition,
};
use crate::domain::project_status::ProjectStatus;
use crate::store::{Store, StoreResult};

const MILLION: i64 = 1_000_000;

/// What a kind of project looks like: its contents by period, its ceiling item, its output.
struct Template {
    title: &'static str,
    /// Content before 15/10/2025 for KCĐP (ND 45/2012 Điều 4).
    content_nd45: &'static str,
    /// Content of QĐ 1881/QĐ-TTg for KCQG 2021–2025.
    content_qd1881: &'static str,
    /// Content from 15/10/2025 (ND 235/2025).
    content_nd235: &'static str,
    support_item: &'static str,
    indicator: &'static str,
    /// Cost range per beneficiary, in triệu đồng.
    cost_million: (i64, i64),
    /// Support share in percent when no ceiling applies.
    share_percent: i64,
}

const TEMPLATES: &[Template] = &[
    Template {
        title: "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong sản xuất",
        content_nd45: "ND45-3",
        content_qd1881: "QD1881-1",
        content_nd235: "ND235-2",
        support_item: "may_moc_thiet_bi",
        indicator: "may_moc_thiet_bi",
        cost_million: (150, 700),
        share_percent: 50,
    },
    Template {
        title: "Hỗ trợ ứng dụng dây chuyền công nghệ",
        content_nd45: "ND45-3",
        content_qd1881: "QD1881-1",
        content_nd235: "ND235-2",
        support_item: "day_chuyen_cong_nghe",
        indicator: "day_chuyen",
        cost_million: (600, 1_500),
        share_percent: 50,
    },
    Template {
        title: "Xây dựng mô hình trình diễn kỹ thuật",
        content_nd45: "ND45-3",
        content_qd1881: "QD1881-1",
        content_nd235: "ND235-2",
        support_item: "mo_hinh_trinh_dien",
        indicator: "mo_hinh_trinh_dien",
        cost_million: (1_000, 3_500),
        share_percent: 30,
    },
    Template {
        title: "Đào tạo nghề, truyền nghề",
        content_nd45: "ND45-1",
        content_qd1881: "QD1881-5",
        content_nd235: "ND235-1",
        support_item: "",
        indicator: "lao_dong_dao_tao",
        cost_million: (60, 250),
        share_percent: 100,
    },
    Template {
        title: "Hỗ trợ tham gia hội chợ triển lãm hàng công nghiệp nông thôn",
        content_nd45: "ND45-4",
        content_qd1881: "QD1881-3",
        content_nd235: "ND235-3",
        support_item: "",
        indicator: "co_so_hoi_cho",
        cost_million: (20, 80),
        share_percent: 70,
    },
    Template {
        title: "Hỗ trợ xây dựng, đăng ký thương hiệu sản phẩm",
        content_nd45: "ND45-4",
        content_qd1881: "QD1881-3",
        content_nd235: "ND235-3",
        support_item: "",
        indicator: "thuong_hieu",
        cost_million: (40, 120),
        share_percent: 70,
    },
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn plus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

/// Fills the store with `count` projects spread over `years`, supporting establishments
/// already there. Returns how many were written.
pub fn fill_projects(
    store: &mut Store,
    count: usize,
    years: (i32, i32),
    seed: u64,
    today: NaiveDate,
) -> StoreResult<usize> {
    fill_projects_with(store, count, years, seed, today, Anomalies::None)
}

/// Whether the sample projects hold mistakes for the checks to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anomalies {
    /// Every project as a real file holds it: support within its cost and its ceiling.
    None,
    /// About 2 % of the beneficiaries get 50 triệu đồng above their ceiling (and may get more
    /// support than their cost), so the checks and the forms' warnings have something to show.
    Planted,
}

/// [`fill_projects`], with planted mistakes when `anomalies` asks for them. The random
/// sequence is the same either way, so a seed gives the same projects but for the mistakes.
pub fn fill_projects_with(
    store: &mut Store,
    count: usize,
    years: (i32, i32),
    seed: u64,
    today: NaiveDate,
    anomalies: Anomalies,
) -> StoreResult<usize> {
    let establishments = store.establishment_summaries()?;
    if establishments.is_empty() || count == 0 {
        return Ok(0);
    }
    let unit = store.unit_settings()?;
    let province = unit.map(|u| u.province_code).unwrap_or_else(|| "38".into());
    let centre = format!(
        "Trung tâm Khuyến công {}",
        store
            .province(&province)?
            .map(|p| p
                .name
                .trim_start_matches("Tỉnh ")
                .trim_start_matches("Thành phố ")
                .to_owned())
            .unwrap_or_default()
    );
    let actor = crate::service::session::logged_in_user();
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5EED_DEA4);
    let mut projects = Vec::with_capacity(count);
    for n in 0..count {
        let year = years.0 + (n as i32 % (years.1 - years.0 + 1).max(1));
        let t = &TEMPLATES[rng.usize(..TEMPLATES.len())];
        let source = if rng.u8(..100) < 25 {
            FundingSource::Kcqg
        } else {
            FundingSource::Kcdp
        };
        let duration: u64 = if source == FundingSource::Kcqg {
            150
        } else {
            200
        };
        // KCQG projects are approved early and must settle by 22/01 of the next year.
        let approval = if source == FundingSource::Kcqg {
            date(year, rng.u32(2..6), rng.u32(1..28))
        } else {
            date(year, rng.u32(2..10), rng.u32(1..28))
        };
        let content = if approval >= date(2025, 10, 15) {
            t.content_nd235
        } else if source == FundingSource::Kcqg {
            t.content_qd1881
        } else {
            t.content_nd45
        };
        let programme = match (source, year) {
            (FundingSource::Kcqg, ..=2025) => "KCQG-2021-2025",
            (FundingSource::Kcqg, _) => "KCQG-2026-2030",
            _ => "",
        };
        let group = rng.u8(..100) < 15;
        let n_beneficiaries = if group { rng.usize(2..6) } else { 1 };
        let mut p = Project::new(&province, year);
        let mut bytes = [0u8; 16];
        for b in bytes.iter_mut() {
            *b = rng.u8(..);
        }
        p.id = uuid::Builder::from_random_bytes(bytes).into_uuid();
        p.source = source;
        p.kind = if group {
            ProjectKind::Nhom
        } else if rng.u8(..100) < 5 {
            ProjectKind::Diem
        } else {
            ProjectKind::Thuong
        };
        p.content_code = content.into();
        p.programme_code = programme.into();
        p.support_item = t.support_item.into();
        p.implementer = if rng.u8(..100) < 85 {
            centre.clone()
        } else {
            "Viện Nghiên cứu Cơ khí".into()
        };
        for _ in 0..n_beneficiaries {
            let e = &establishments[rng.usize(..establishments.len())];
            if p.beneficiaries.iter().any(|b| b.establishment_id == e.id) {
                continue;
            }
            let cost = rng.i64(t.cost_million.0..=t.cost_million.1) * MILLION;
            let mut support = cost * t.share_percent / 100;
            if t.support_item == "may_moc_thiet_bi" {
                support = support.min(300 * MILLION);
            } else if t.support_item == "day_chuyen_cong_nghe" {
                support = support.min(450 * MILLION);
            } else if t.support_item == "mo_hinh_trinh_dien" {
                support = support.min(1_000 * MILLION / n_beneficiaries as i64);
            }
            // Round to the hundred thousand, as real decisions do; with planted anomalies a
            // few breach the ceiling.
            support = support / 100_000 * 100_000;
            if rng.u8(..100) < 2 && anomalies == Anomalies::Planted {
                support += 50 * MILLION;
            }
            p.beneficiaries.push(Beneficiary {
                establishment_id: e.id,
                cost,
                support,
                counterpart: cost - support.min(cost),
            });
            if !e.commune_code.is_empty() && !p.commune_codes.contains(&e.commune_code) {
                p.commune_codes.push(e.commune_code.clone());
            }
        }
        let first = &establishments
            .iter()
            .find(|e| Some(e.id) == p.beneficiaries.first().map(|b| b.establishment_id))
            .map(|e| e.name.clone())
            .unwrap_or_default();
        p.name = if group {
            format!("{} cho {} cơ sở", t.title, p.beneficiaries.len())
        } else {
            format!("{} tại {first}", t.title)
        };
        p.total_cost = p.beneficiaries.iter().map(|b| b.cost).sum();
        p.support = p.beneficiaries.iter().map(|b| b.support).sum();
        p.counterpart = p.beneficiaries.iter().map(|b| b.counterpart).sum();

        // The life cycle a project of this age has reached.
        let age_days = (today - approval).num_days();
        let target = if approval > today {
            ProjectStatus::ThamDinhCoSo
        } else if age_days < 30 {
            ProjectStatus::KyHopDong
        } else if age_days < 200 {
            ProjectStatus::DangThucHien
        } else if age_days < 260 {
            ProjectStatus::NghiemThu
        } else if rng.u8(..100) < 3 {
            ProjectStatus::Huy
        } else {
            ProjectStatus::HoanThanh
        };
        let path: &[ProjectStatus] = {
            use ProjectStatus::*;
            let national = source == FundingSource::Kcqg;
            match (target, national) {
                (ThamDinhCoSo, _) => &[DangKy, ThamDinhCoSo],
                (KyHopDong, true) => &[DangKy, ThamDinhCoSo, ThamDinhCapBo, PheDuyet, KyHopDong],
                (KyHopDong, false) => &[DangKy, ThamDinhCoSo, PheDuyet, KyHopDong],
                (DangThucHien, true) => &[
                    DangKy,
                    ThamDinhCoSo,
                    ThamDinhCapBo,
                    PheDuyet,
                    KyHopDong,
                    DangThucHien,
                ],
                (DangThucHien, false) => &[DangKy, ThamDinhCoSo, PheDuyet, KyHopDong, DangThucHien],
                (NghiemThu, _) => &[
                    DangKy,
                    ThamDinhCoSo,
                    PheDuyet,
                    KyHopDong,
                    DangThucHien,
                    NghiemThu,
                ],
                (Huy, _) => &[DangKy, ThamDinhCoSo, PheDuyet, Huy],
                _ => &[
                    DangKy,
                    ThamDinhCoSo,
                    PheDuyet,
                    KyHopDong,
                    DangThucHien,
                    NghiemThu,
                    QuyetToan,
                    HoanThanh,
                ],
            }
        };
        let registered = approval - Days::new(60);
        p.status = target;
        // Most proposals come from the centre; some from the xã of their first beneficiary.
        p.registration.proposed_by = match establishments.iter().find(|e| {
            p.beneficiaries
                .first()
                .is_some_and(|b| b.establishment_id == e.id)
        }) {
            Some(e) if rng.u8(..100) < 30 && !e.commune_name.is_empty() => {
                // "UBND xã Đông Sơn": the unit type is lower case after "UBND".
                format!("UBND {}", crate::text::lower_first(&e.commune_name))
            }
            _ => centre.clone(),
        };
        p.registration.registered_on = Some(registered.min(today));
        if path.contains(&ProjectStatus::ThamDinhCoSo) {
            p.registration.appraisal = Some(crate::domain::plan_registration::Appraisal {
                passed: true,
                date: plus(registered, 20).min(today),
                reason: String::new(),
                by: actor.clone(),
            });
        }
        if target.is_allocated() || target == ProjectStatus::Huy {
            // KCQG projects are approved by the Ministry, KCĐP ones by the province.
            let issuer = if source == FundingSource::Kcqg {
                "BCT"
            } else {
                "UBND"
            };
            p.approval_no = format!("{}/QĐ-{issuer}", rng.u16(100..4000));
            p.approval_date = Some(approval);
            p.approval_level = if source == FundingSource::Kcqg {
                "Bộ Công Thương"
            } else {
                "UBND tỉnh"
            }
            .into();
        }
        if matches!(
            target,
            ProjectStatus::KyHopDong
                | ProjectStatus::DangThucHien
                | ProjectStatus::NghiemThu
                | ProjectStatus::HoanThanh
        ) {
            p.contract_no = format!("{}/HĐ-KC", rng.u16(1..300));
            p.contract_date = Some(plus(approval, 20));
            p.start_date = Some(plus(approval, 30));
            p.end_date = Some(plus(approval, duration));
            let advance = p.support
                * if source == FundingSource::Kcqg {
                    30
                } else {
                    50
                }
                / 100;
            if advance > 0 && target != ProjectStatus::KyHopDong {
                p.payments.push(Payment {
                    id: uuid::Builder::from_random_bytes(rng.u128(..).to_le_bytes()).into_uuid(),
                    kind: PaymentKind::Advance,
                    date: plus(approval, 35).min(today),
                    amount: advance,
                    source,
                    document_no: format!("{}/UNC", rng.u16(1..999)),
                    note: String::new(),
                });
            }
        }
        if matches!(target, ProjectStatus::NghiemThu | ProjectStatus::HoanThanh) {
            let accepted = plus(approval, duration).min(today);
            p.acceptance_date = Some(accepted);
            p.outputs.push(Output {
                indicator_code: t.indicator.into(),
                value: match t.indicator {
                    "lao_dong_dao_tao" => rng.i64(20..61),
                    "co_so_hoi_cho" => p.beneficiaries.len() as i64,
                    _ => p.beneficiaries.len() as i64 * rng.i64(1..4),
                },
            });
            if target == ProjectStatus::HoanThanh {
                let late = rng.u8(..100) < 4;
                let settled = plus(accepted, if late { 30 } else { 10 });
                p.settlement_date = Some(settled);
                let advanced: i64 = p.payments.iter().map(|x| x.amount).sum();
                if p.support > advanced {
                    p.payments.push(Payment {
                        id: uuid::Builder::from_random_bytes(rng.u128(..).to_le_bytes())
                            .into_uuid(),
                        kind: PaymentKind::Payment,
                        date: plus(accepted, 5),
                        amount: p.support - advanced,
                        source,
                        document_no: format!("{}/UNC", rng.u16(1..999)),
                        note: String::new(),
                    });
                }
                if p.support > 0 {
                    p.payments.push(Payment {
                        id: uuid::Builder::from_random_bytes(rng.u128(..).to_le_bytes())
                            .into_uuid(),
                        kind: PaymentKind::Settlement,
                        date: settled,
                        amount: p.support,
                        source,
                        document_no: format!("{}/QĐ-QT", rng.u16(1..999)),
                        note: String::new(),
                    });
                }
            }
        }
        // Each move is dated by the fact it records, so a report of any past day restates
        // the project as it was (`Project::as_of`).
        let accepted = p.acceptance_date.unwrap_or(plus(approval, duration));
        let settled = p.settlement_date.unwrap_or(plus(accepted, 10));
        let moved_on = |status: ProjectStatus| match status {
            ProjectStatus::DangKy => registered,
            ProjectStatus::ThamDinhCoSo => plus(registered, 20),
            ProjectStatus::ThamDinhCapBo => plus(registered, 40),
            ProjectStatus::KyHopDong => plus(approval, 20),
            ProjectStatus::DangThucHien => plus(approval, 30),
            ProjectStatus::Huy => plus(approval, 40),
            ProjectStatus::NghiemThu => accepted,
            ProjectStatus::QuyetToan | ProjectStatus::HoanThanh => settled,
            _ => approval,
        };
        for (i, status) in path.iter().enumerate() {
            p.transitions.push(Transition {
                from: (i > 0).then(|| path[i - 1]),
                to: *status,
                date: moved_on(*status).min(today),
                by: actor.clone(),
                reason: String::new(),
            });
        }
        if year.checked_sub(today.year()).is_some_and(|d| d > 0) {
            // Next year's plan is still being registered: proposals arrive from June to
            // September; a few come after the units' deadline, some are already appraised.
            p.status = ProjectStatus::DangKy;
            p.transitions.truncate(1);
            // KCQG goes to the Ministry by 20/6, so its proposals come in spring.
            let months = if source == FundingSource::Kcqg {
                4..7
            } else {
                6..10
            };
            let arrived = date(year - 1, rng.u32(months), rng.u32(1..29)).min(today);
            p.registration.registered_on = Some(arrived);
            p.registration.appraisal = None;
            if let Some(first) = p.transitions.first_mut() {
                first.date = arrived;
            }
            if rng.u8(..100) < 40 {
                let appraised = plus(arrived, 25).min(today);
                let passed = rng.u8(..100) < 85;
                let appraisal = crate::domain::plan_registration::Appraisal {
                    passed,
                    date: appraised,
                    reason: if passed {
                        String::new()
                    } else {
                        "Cơ sở chưa đủ hồ sơ chứng minh vốn đối ứng".into()
                    },
                    by: actor.clone(),
                };
                // Dates only move forward here, so the life-cycle moves cannot be refused.
                let recorded = p.record_appraisal(appraisal).is_ok();
                // Passed KCQG proposals go on to the Ministry's appraisal.
                if recorded && passed && source == FundingSource::Kcqg {
                    let sent = plus(appraised, 10).min(today);
                    let _ = p.move_to(ProjectStatus::ThamDinhCapBo, sent, &actor, "");
                }
            }
            // Nothing of the later life cycle exists yet for a proposal.
            p.approval_no.clear();
            p.approval_date = None;
            p.approval_level.clear();
            p.contract_no.clear();
            p.contract_date = None;
            p.start_date = None;
            p.end_date = None;
            p.acceptance_date = None;
            p.settlement_date = None;
            p.payments.clear();
            p.outputs.clear();
        }
        projects.push(p);
    }
    store.insert_projects(&mut projects)?;
    add_budget_plans(store, &projects, &province_name(store, &province)?, seed)?;
    Ok(projects.len())
}

fn province_name(store: &Store, code: &str) -> StoreResult<String> {
    Ok(store.province(code)?.map(|p| p.name).unwrap_or_default())
}

/// The dự toán each year and source received: a little more than what its projects were
/// allocated (so "chưa phân bổ" is small and positive), with a mid-year supplement for KCĐP.
fn add_budget_plans(
    store: &mut Store,
    projects: &[Project],
    province: &str,
    seed: u64,
) -> StoreResult<()> {
    use crate::domain::budget_plan::{BudgetChange, BudgetChangeKind, BudgetLine};
    let mut rng = fastrand::Rng::with_seed(seed ^ 0xB0D6E7);
    let mut totals: std::collections::BTreeMap<(i32, FundingSource), i64> = Default::default();
    for p in projects.iter().filter(|p| p.status.is_allocated()) {
        *totals.entry((p.plan_year, p.source)).or_default() += p.support;
    }
    const TEN_MILLION: i64 = 10_000_000;
    for ((year, source), allocated) in totals {
        let planned = (allocated * 105 / 100 / TEN_MILLION + 1) * TEN_MILLION;
        let (agency, decision, issuer) = match source {
            FundingSource::Kcqg => (
                "Bộ Công Thương".to_owned(),
                format!("{}/QĐ-BCT", rng.u16(100..3000)),
                "BCT",
            ),
            // "UBND tỉnh Thanh Hóa": the unit's kind is lower-case after "UBND".
            _ => (
                format!(
                    "UBND {}",
                    province
                        .replacen("Tỉnh ", "tỉnh ", 1)
                        .replacen("Thành phố ", "thành phố ", 1)
                ),
                format!("{}/QĐ-UBND", rng.u16(100..5000)),
                "UBND",
            ),
        };
        let line = BudgetLine {
            id: uuid::Builder::from_random_bytes(rng.u128(..).to_le_bytes()).into_uuid(),
            year,
            source,
            decision_no: decision,
            decision_date: date(year - 1, 12, rng.u32(10..28)),
            agency,
            amount: planned * 9 / 10 / TEN_MILLION * TEN_MILLION,
            content_code: String::new(),
            commune_code: String::new(),
        };
        let supplement = planned - line.amount;
        store.add_budget_line(&line)?;
        if supplement > 0 {
            store.add_budget_change(&BudgetChange {
                id: uuid::Builder::from_random_bytes(rng.u128(..).to_le_bytes()).into_uuid(),
                line_id: line.id,
                kind: BudgetChangeKind::Supplement,
                date: date(year, 6, rng.u32(1..28)),
                amount: supplement,
                decision_no: format!("{}/QĐ-{issuer}", rng.u16(100..5000)),
                reason: "Bổ sung dự toán giữa năm".into(),
            })?;
        }
    }
    Ok(())
}
