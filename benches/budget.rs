//! Budget benchmark: recompute the full balance of a year with 20.000 projects and 100.000
//! payments (target ≤ 50 ms), and its monthly progress. Plain `fn main()`: it measures and
//! prints, it asserts nothing about time.
//!
//!     cargo bench --bench budget

use std::hint::black_box;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use khuyencong::budget::{BudgetInput, compute_balance, monthly_progress};
use khuyencong::domain::budget_plan::{BudgetLine, Reallocation};
use khuyencong::domain::funding_source::FundingSource;
use khuyencong::domain::project::{Payment, PaymentKind, Project};
use khuyencong::domain::project_status::ProjectStatus;
use uuid::Uuid;

const YEAR: i32 = 2026;
const PROJECTS: usize = 20_000;
const PAYMENTS_PER_PROJECT: usize = 5;
const CONTENTS: [&str; 4] = ["ND235-1", "ND235-2", "ND235-3", "QD1881-5"];
const TARGET_MS: f64 = 50.0;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR - 1, 12, 1)
        .and_then(|d| d.checked_add_days(Days::new(offset)))
        .unwrap_or_default()
}

fn projects(rng: &mut fastrand::Rng) -> Vec<Project> {
    (0..PROJECTS as u128)
        .map(|i| {
            let mut p = Project::new("38", YEAR);
            p.id = Uuid::from_u128(i + 1);
            p.source = FundingSource::ALL[rng.usize(0..3)];
            p.status = ProjectStatus::ALL[rng.usize(0..ProjectStatus::ALL.len())];
            p.support = rng.i64(10_000_000..2_000_000_000);
            p.counterpart = rng.i64(0..2_000_000_000);
            p.content_code = CONTENTS[rng.usize(0..CONTENTS.len())].into();
            p.commune_codes = (0..rng.usize(0..3))
                .map(|_| format!("{:05}", rng.u32(16_000..16_600)))
                .collect();
            p.payments = (0..PAYMENTS_PER_PROJECT)
                .map(|_| Payment {
                    id: Uuid::from_u128(rng.u128(..)),
                    kind: PaymentKind::ALL[rng.usize(0..4)],
                    date: day(rng.u64(31..396)),
                    amount: rng.i64(1..300_000_000),
                    source: p.source,
                    document_no: String::new(),
                    note: String::new(),
                })
                .collect();
            p
        })
        .collect()
}

fn main() {
    let mut rng = fastrand::Rng::with_seed(2026);
    let projects = projects(&mut rng);
    let lines: Vec<BudgetLine> = FundingSource::ALL
        .into_iter()
        .map(|source| BudgetLine {
            id: Uuid::from_u128(u128::MAX - source as u128),
            year: YEAR,
            source,
            decision_no: String::new(),
            decision_date: day(40),
            agency: String::new(),
            amount: 10_000_000_000_000,
            content_code: String::new(),
            commune_code: String::new(),
        })
        .collect();
    // Reallocations between projects of the same source.
    let reallocations: Vec<Reallocation> = (0..200usize)
        .filter_map(|i| {
            let (a, b) = (&projects[i * 97], &projects[i * 89 + 1]);
            (a.source == b.source && a.id != b.id).then(|| Reallocation {
                id: Uuid::from_u128(1_000_000 + i as u128),
                date: day(100),
                from_project: a.id,
                to_project: b.id,
                amount: 1_000,
                decision_no: String::new(),
                reason: String::new(),
            })
        })
        .collect();
    let input = BudgetInput {
        year: YEAR,
        lines: &lines,
        changes: &[],
        projects: &projects,
        reallocations: &reallocations,
        as_of: day(396),
    };
    let mut balance_ms = Vec::new();
    let mut progress_ms = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        black_box(compute_balance(&input).expect("valid input"));
        balance_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        let start = Instant::now();
        black_box(monthly_progress(&input));
        progress_ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    for v in [&mut balance_ms, &mut progress_ms] {
        v.sort_by(f64::total_cmp);
    }
    println!(
        "Cân đối — {PROJECTS} đề án, {} chứng từ, {} điều chỉnh (release)",
        PROJECTS * PAYMENTS_PER_PROJECT,
        reallocations.len()
    );
    println!(
        "compute_balance: trung vị {:.1} ms, lớn nhất {:.1} ms (mục tiêu ≤ {TARGET_MS} ms)",
        balance_ms[balance_ms.len() / 2],
        balance_ms[balance_ms.len() - 1]
    );
    println!(
        "monthly_progress: trung vị {:.1} ms, lớn nhất {:.1} ms",
        progress_ms[progress_ms.len() / 2],
        progress_ms[progress_ms.len() - 1]
    );
}
