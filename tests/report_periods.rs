//! Every figure of a report as of its period: projects approved on both sides of each period
//! boundary, payments and statuses dated around them. A quý I, quý II, 6 tháng, quý III, quý
//! IV and năm report each count exactly the projects approved by their last day, with the
//! statuses and payments of that day; the quarter alone is the year to date less the previous
//! quarter's; no remainder prints negative without its explanation.

mod common;

use chrono::NaiveDate;
use khuyencong::domain::budget_plan::BudgetLine;
use khuyencong::domain::funding_source::FundingSource;
use khuyencong::domain::project::{Output, Payment, PaymentKind, Project};
use khuyencong::domain::project_status::ProjectStatus;
use khuyencong::report::ReportKind;
use khuyencong::service::report_figures::gather_figures;
use khuyencong::store::Store;

const MILLION: i64 = 1_000_000;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn pay(project: &mut Project, date: NaiveDate, million: i64) {
    project.payments.push(Payment {
        id: uuid::Uuid::now_v7(),
        kind: PaymentKind::Payment,
        date,
        amount: million * MILLION,
        source: FundingSource::Kcdp,
        document_no: String::new(),
        note: String::new(),
    });
}

/// A KCĐP project of 2026 registered on 05/01, approved on `approved` with `million` of support.
fn approved(name: &str, approved: NaiveDate, million: i64) -> Project {
    let mut p = Project::new("38", 2026);
    p.name = name.into();
    p.content_code = "ND235-1".into();
    p.source = FundingSource::Kcdp;
    p.total_cost = 2 * million * MILLION;
    p.support = million * MILLION;
    p.counterpart = million * MILLION;
    p.move_to(ProjectStatus::ThamDinhCoSo, day(1, 5), "huong", "")
        .expect("appraisal");
    p.move_to(ProjectStatus::PheDuyet, approved, "huong", "")
        .expect("approval");
    p.approval_no = format!("{}/QĐ-UBND", million);
    p.approval_date = Some(approved);
    p
}

/// The year's projects, approved on both sides of every boundary (14/03, 14/06, 14/09,
/// 14/12), with payments, a status change, a cancellation and an acceptance dated between.
fn boundaries_store(path: &std::path::Path) -> Store {
    let mut store = common::store_for_thanh_hoa(path);
    store
        .add_budget_line(&BudgetLine {
            id: uuid::Uuid::now_v7(),
            year: 2026,
            source: FundingSource::Kcdp,
            decision_no: "4500/QĐ-UBND".into(),
            decision_date: NaiveDate::from_ymd_opt(2025, 12, 20).expect("date"),
            agency: "UBND tỉnh Thanh Hóa".into(),
            amount: 2_000 * MILLION,
            content_code: String::new(),
            commune_code: String::new(),
        })
        .expect("plan");

    let mut a = approved("A", day(3, 14), 100);
    pay(&mut a, day(3, 14), 40);
    pay(&mut a, day(3, 15), 60);
    a.move_to(ProjectStatus::KyHopDong, day(3, 20), "huong", "")
        .expect("contract");
    a.move_to(ProjectStatus::DangThucHien, day(4, 1), "huong", "")
        .expect("running");
    a.move_to(ProjectStatus::NghiemThu, day(11, 1), "huong", "")
        .expect("accepted");
    a.outputs.push(Output {
        indicator_code: "lao_dong_dao_tao".into(),
        value: 40,
    });
    let mut b = approved("B", day(3, 15), 200);
    pay(&mut b, day(6, 14), 50);
    b.move_to(ProjectStatus::KyHopDong, day(7, 1), "huong", "")
        .expect("contract");
    let c = approved("C", day(6, 14), 300);
    let mut d = approved("D", day(6, 15), 400);
    pay(&mut d, day(6, 15), 100);
    let mut e = approved("E", day(9, 14), 500);
    e.move_to(ProjectStatus::Huy, day(10, 1), "huong", "cơ sở xin rút")
        .expect("cancelled");
    let f = approved("F", day(9, 15), 600);
    let g = approved("G", day(12, 14), 700);
    // Approved after the year's data closes (14/12): in no report of 2026.
    let h = approved("H", day(12, 15), 800);
    // Registered and approved later than all of these: a proposal on every day of the year.
    let mut proposal = Project::new("38", 2026);
    proposal.name = "Đề xuất".into();
    proposal.content_code = "ND235-1".into();
    proposal.support = 50 * MILLION;
    proposal.total_cost = 100 * MILLION;
    proposal
        .move_to(ProjectStatus::ThamDinhCoSo, day(12, 20), "huong", "")
        .expect("appraisal");

    let mut projects = vec![a, b, c, d, e, f, g, h, proposal];
    store.insert_projects(&mut projects).expect("projects");
    store
}

struct Expected {
    names: &'static [&'static str],
    allocated: i64,
    disbursed: i64,
}

fn figures(store: &Store, kind: ReportKind) -> khuyencong::report::ReportFigures {
    gather_figures(store, kind, 2026, kind.default_period(2026)).expect("figures")
}

#[test]
fn each_period_counts_the_projects_approved_by_its_last_day_with_that_days_money() {
    let (_dir, path) = common::temp_db();
    let store = boundaries_store(&path);
    let cases = [
        (
            ReportKind::Quarter(1),
            Expected {
                names: &["A"],
                allocated: 100,
                disbursed: 40,
            },
        ),
        (
            ReportKind::Quarter(2),
            Expected {
                names: &["A", "B", "C"],
                allocated: 600,
                disbursed: 150,
            },
        ),
        (
            ReportKind::HalfYear,
            Expected {
                names: &["A", "B", "C"],
                allocated: 600,
                disbursed: 150,
            },
        ),
        (
            ReportKind::Quarter(3),
            Expected {
                names: &["A", "B", "C", "D", "E"],
                allocated: 1_500,
                disbursed: 250,
            },
        ),
        // E was cancelled on 01/10: gone from the allocated figures of quý IV and of the year.
        (
            ReportKind::Quarter(4),
            Expected {
                names: &["A", "B", "C", "D", "F", "G"],
                allocated: 2_300,
                disbursed: 250,
            },
        ),
        (
            ReportKind::Year,
            Expected {
                names: &["A", "B", "C", "D", "F", "G"],
                allocated: 2_300,
                disbursed: 250,
            },
        ),
    ];
    for (kind, expected) in cases {
        let f = figures(&store, kind);
        let mut names: Vec<&str> = f.projects.iter().map(|p| p.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, expected.names, "{}", kind.label());
        let t = f.total();
        assert_eq!(t.project_count, expected.names.len(), "{}", kind.label());
        assert_eq!(
            t.allocated,
            expected.allocated * MILLION,
            "{}",
            kind.label()
        );
        assert_eq!(
            t.disbursed,
            expected.disbursed * MILLION,
            "{}",
            kind.label()
        );
        assert_eq!(t.planned, 2_000 * MILLION, "{}", kind.label());
    }
}

#[test]
fn statuses_and_results_are_those_of_the_periods_last_day() {
    let (_dir, path) = common::temp_db();
    let store = boundaries_store(&path);
    let status = |kind, name: &str| {
        figures(&store, kind)
            .projects
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.status.clone())
            .unwrap_or_default()
    };
    assert_eq!(status(ReportKind::Quarter(1), "A"), "Phê duyệt");
    assert_eq!(status(ReportKind::Quarter(2), "A"), "Đang thực hiện");
    assert_eq!(status(ReportKind::Quarter(2), "B"), "Phê duyệt");
    assert_eq!(status(ReportKind::Year, "B"), "Ký hợp đồng");
    assert_eq!(status(ReportKind::Year, "A"), "Nghiệm thu");
    // Approval numbers are printed only for the projects approved by the day.
    let q1 = figures(&store, ReportKind::Quarter(1));
    assert!(q1.projects.iter().all(|p| !p.approval.is_empty()));

    // A's 40 trained workers count from its acceptance on 01/11.
    let trained = |kind| {
        figures(&store, kind)
            .indicators
            .iter()
            .find(|i| i.unit == "người" || i.name.contains("đào tạo"))
            .map_or(0, |i| i.total())
    };
    assert_eq!(trained(ReportKind::Quarter(3)), 0);
    assert_eq!(trained(ReportKind::Year), 40);
}

#[test]
fn the_quarter_alone_is_the_year_to_date_less_the_previous_quarters() {
    let (_dir, path) = common::temp_db();
    let store = boundaries_store(&path);
    for q in 2..=4u8 {
        let this = figures(&store, ReportKind::Quarter(q));
        let previous = figures(&store, ReportKind::Quarter(q - 1));
        assert!(this.has_own_period(), "quý {q} has a quarter of its own");
        let alone = this.period_total();
        let (now, before) = (this.total(), previous.total());
        assert_eq!(alone.allocated, now.allocated - before.allocated, "quý {q}");
        assert_eq!(alone.disbursed, now.disbursed - before.disbursed, "quý {q}");
        assert_eq!(
            alone.project_count,
            now.project_count - before.project_count,
            "quý {q}"
        );
    }
    let q2 = figures(&store, ReportKind::Quarter(2)).period_total();
    assert_eq!((q2.project_count, q2.allocated), (2, 500 * MILLION));
    assert_eq!(q2.disbursed, 110 * MILLION);
    // Quý I and 6 tháng start with the year: their period is the year to date.
    assert!(!figures(&store, ReportKind::Quarter(1)).has_own_period());
    assert!(!figures(&store, ReportKind::HalfYear).has_own_period());
}

#[test]
fn the_narrative_tells_the_quarter_from_the_year_to_date_and_never_prints_a_bare_negative() {
    let (_dir, path) = common::temp_db();
    let store = boundaries_store(&path);
    let defaults = store.report_defaults().expect("defaults");
    let sections = |kind| {
        let f = figures(&store, kind);
        khuyencong::report::new_draft(kind, 2026, common::today(), &defaults, &f)
            .sections
            .join("\n")
    };
    let q2 = sections(ReportKind::Quarter(2));
    assert!(
        q2.contains(
            "Trong quý II năm 2026 (từ ngày 15/3/2026 đến ngày 14/6/2026): phê duyệt mới 2 đề \
             án với kinh phí hỗ trợ 500,000 triệu đồng; giải ngân 110,000 triệu đồng."
        ),
        "{q2}"
    );
    assert!(q2.contains("Lũy kế từ đầu năm đến ngày 14/6/2026"), "{q2}");
    assert_ne!(q2, sections(ReportKind::HalfYear));
    assert!(!q2.contains(" 0,000 triệu đồng"), "{q2}");

    // Over-allocate the plan: the narrative says so in words.
    let mut more = vec![approved("Lớn", day(2, 1), 1_000)];
    let mut store = store;
    store.insert_projects(&mut more).expect("one more");
    let year = {
        let f = figures(&store, ReportKind::Year);
        assert!(f.total().allocated > f.total().planned);
        khuyencong::report::new_draft(ReportKind::Year, 2026, common::today(), &defaults, &f)
            .sections
            .join("\n")
    };
    assert!(
        year.contains("vượt kế hoạch được giao 1.300,000 triệu đồng"),
        "{year}"
    );
    assert!(!year.contains("còn -"), "{year}");
}
