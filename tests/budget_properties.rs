//! The budget balance against sums computed the obvious way, over random years of plans,
//! changes, projects, payments and reallocations: every figure adds up, every matrix adds up
//! to the per-source figures, and every number can be traced to its projects.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use khuyencong::budget::{
    Balance, BudgetError, BudgetInput, Cell, SourceBalance, apply_reallocations, compute_balance,
    monthly_progress, quarterly_progress,
};
use khuyencong::domain::budget_plan::{BudgetChange, BudgetChangeKind, BudgetLine, Reallocation};
use khuyencong::domain::funding_source::FundingSource;
use khuyencong::domain::money::basis_points;
use khuyencong::domain::project::{Payment, PaymentKind, Project};
use khuyencong::domain::project_status::ProjectStatus;
use proptest::prelude::*;
use uuid::Uuid;

const YEAR: i32 = 2026;
const CONTENTS: [&str; 4] = ["ND235-1", "ND235-2", "ND235-3", "QD1881-5"];
const COMMUNES: [&str; 4] = ["16093", "16100", "16117", "16120"];

/// A random year: everything a `BudgetInput` borrows.
#[derive(Debug, Clone)]
struct Scene {
    lines: Vec<BudgetLine>,
    changes: Vec<BudgetChange>,
    projects: Vec<Project>,
    reallocations: Vec<Reallocation>,
    as_of: NaiveDate,
}

impl Scene {
    fn input(&self) -> BudgetInput<'_> {
        BudgetInput {
            year: YEAR,
            lines: &self.lines,
            changes: &self.changes,
            projects: &self.projects,
            reallocations: &self.reallocations,
            as_of: self.as_of,
        }
    }
}

/// A day from 1/12 of the year before to 31/1 of the year after.
fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR - 1, 12, 1)
        .and_then(|d| d.checked_add_days(Days::new(offset)))
        .expect("valid date")
}

const DAYS: u64 = 427;

/// Raw choices for a line: source, other year?, content, xã, amount.
type LineSeed = (usize, bool, usize, usize, i64);
/// Raw choices for a change: line pick, kind, day, amount.
type ChangeSeed = (usize, usize, u64, i64);
/// Raw choices for a payment: kind, day, amount.
type PaymentSeed = (usize, u64, i64);
/// Raw choices for a project.
type ProjectSeed = (
    (usize, bool, usize, i64, i64, i64),
    usize,
    Vec<usize>,
    Vec<PaymentSeed>,
);
/// Raw choices for a reallocation: from pick, to pick, percent of the giver's support, day.
type ReallocationSeed = (usize, usize, i64, u64);

fn scene() -> impl Strategy<Value = Scene> {
    let line = (
        0..3usize,
        prop::bool::weighted(0.15),
        0..6usize,
        0..6usize,
        0..5_000_000_000i64,
    );
    let change = (0..8usize, 0..4usize, 0..DAYS, 1..1_000_000_000i64);
    let payment = (0..4usize, 0..DAYS, 1..500_000_000i64);
    let project = (
        (
            0..3usize,
            prop::bool::weighted(0.1),
            0..ProjectStatus::ALL.len(),
            0..2_000_000_001i64,
            0..2_000_000_000i64,
            0..1_000_000_000i64,
        ),
        0..5usize,
        prop::collection::vec(0..COMMUNES.len(), 0..=3),
        prop::collection::vec(payment, 0..5),
    );
    let reallocation = (0..64usize, 0..64usize, 1..=100i64, 0..DAYS);
    (
        prop::collection::vec(line, 0..7),
        prop::collection::vec(change, 0..8),
        1..=CONTENTS.len(),
        prop::collection::vec(project, 0..30),
        prop::collection::vec(reallocation, 0..8),
        prop_oneof![9 => 31..396u64, 1 => 396..DAYS],
    )
        .prop_map(
            |(lines, changes, content_count, projects, reallocations, as_of)| {
                build(
                    &lines,
                    &changes,
                    content_count,
                    &projects,
                    &reallocations,
                    day(as_of),
                )
            },
        )
}

fn build(
    line_seeds: &[LineSeed],
    change_seeds: &[ChangeSeed],
    content_count: usize,
    project_seeds: &[ProjectSeed],
    reallocation_seeds: &[ReallocationSeed],
    as_of: NaiveDate,
) -> Scene {
    let mut next_id = 0u128;
    let mut id = || {
        next_id += 1;
        Uuid::from_u128(next_id)
    };
    let code = |set: &[&str], i: usize| set.get(i).copied().unwrap_or("").to_owned();
    let lines: Vec<BudgetLine> = line_seeds
        .iter()
        .map(|&(s, other_year, content, commune, amount)| BudgetLine {
            id: id(),
            year: if other_year { YEAR - 1 } else { YEAR },
            source: FundingSource::ALL[s],
            decision_no: "125/QĐ-UBND".into(),
            decision_date: day(40),
            agency: "UBND tỉnh".into(),
            amount,
            content_code: code(&CONTENTS[..content_count], content),
            commune_code: code(&COMMUNES, commune),
        })
        .collect();
    let changes = change_seeds
        .iter()
        .map(|&(pick, kind, date, amount)| BudgetChange {
            id: id(),
            line_id: lines.get(pick).map(|l| l.id).unwrap_or_else(&mut id),
            kind: BudgetChangeKind::ALL[kind],
            date: day(date),
            amount,
            decision_no: String::new(),
            reason: String::new(),
        })
        .collect();
    let projects: Vec<Project> = project_seeds
        .iter()
        .map(|(base, content, communes, payments)| {
            let &(s, other_year, status, support, counterpart, other_funds) = base;
            let mut p = Project::new("38", if other_year { YEAR + 1 } else { YEAR });
            p.id = id();
            p.code = format!("DA-{YEAR}-{:04}", p.id.as_u128());
            p.source = FundingSource::ALL[s];
            p.status = ProjectStatus::ALL[status];
            p.support = support;
            p.counterpart = counterpart;
            p.other_funds = other_funds;
            p.content_code = if *content == 4 {
                String::new()
            } else {
                CONTENTS[*content % content_count].to_owned()
            };
            p.commune_codes = communes.iter().map(|&c| COMMUNES[c].to_owned()).collect();
            p.payments = payments
                .iter()
                .map(|&(kind, date, amount)| Payment {
                    id: Uuid::from_u128(u128::MAX - u128::from(date)),
                    kind: PaymentKind::ALL[kind],
                    date: day(date),
                    amount,
                    source: p.source,
                    document_no: String::new(),
                    note: String::new(),
                })
                .collect();
            p
        })
        .collect();
    // Moves between projects of one source and year, never more out of a project than it has
    // (whatever subset of them falls on or before the day).
    let mut given: HashMap<Uuid, i64> = HashMap::new();
    let mut reallocations = Vec::new();
    for &(from_pick, to_pick, percent, date) in reallocation_seeds {
        if projects.is_empty() {
            break;
        }
        let from = &projects[from_pick % projects.len()];
        let peers: Vec<&Project> = projects
            .iter()
            .filter(|p| p.id != from.id && p.source == from.source && p.plan_year == from.plan_year)
            .collect();
        if peers.is_empty() {
            continue;
        }
        let to = peers[to_pick % peers.len()];
        let left = from.support - given.get(&from.id).copied().unwrap_or(0);
        let amount = (from.support * percent / 100).min(left);
        if amount <= 0 {
            continue;
        }
        *given.entry(from.id).or_insert(0) += amount;
        reallocations.push(Reallocation {
            id: id(),
            date: day(date),
            from_project: from.id,
            to_project: to.id,
            amount,
            decision_no: "88/QĐ-SCT".into(),
            reason: String::new(),
        });
    }
    Scene {
        lines,
        changes,
        projects,
        reallocations,
        as_of,
    }
}

/// The per-source figures computed the obvious way.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Naive {
    planned: i64,
    allocated: i64,
    advanced: i64,
    disbursed: i64,
    settled: i64,
    counterpart: i64,
    other_funds: i64,
    project_count: usize,
}

fn adjusted_support(scene: &Scene, p: &Project) -> i64 {
    let moves = scene.reallocations.iter().filter(|r| r.date <= scene.as_of);
    p.support
        + moves
            .map(|r| {
                if r.to_project == p.id {
                    r.amount
                } else if r.from_project == p.id {
                    -r.amount
                } else {
                    0
                }
            })
            .sum::<i64>()
}

fn paid_as_of(scene: &Scene, p: &Project) -> Project {
    let mut q = p.clone();
    q.payments.retain(|pay| pay.date <= scene.as_of);
    q
}

fn enters(scene: &Scene, p: &Project) -> bool {
    p.plan_year == YEAR
        && (p.status.is_allocated() || p.payments.iter().any(|pay| pay.date <= scene.as_of))
}

fn naive(scene: &Scene, source: FundingSource) -> Naive {
    let mut n = Naive {
        planned: scene
            .lines
            .iter()
            .filter(|l| l.year == YEAR && l.source == source)
            .map(|l| l.amount_on(&scene.changes, scene.as_of))
            .sum(),
        ..Naive::default()
    };
    for p in scene
        .projects
        .iter()
        .filter(|p| p.source == source && enters(scene, p))
    {
        let totals = paid_as_of(scene, p).payment_totals();
        n.advanced += totals.outstanding_advance();
        n.disbursed += totals.disbursed();
        n.settled += totals.settled;
        if p.status.is_allocated() {
            n.allocated += adjusted_support(scene, p);
            n.counterpart += p.counterpart;
            n.other_funds += p.other_funds;
            n.project_count += 1;
        }
    }
    n
}

fn figures(b: &SourceBalance) -> Naive {
    Naive {
        planned: b.planned,
        allocated: b.allocated,
        advanced: b.advanced,
        disbursed: b.disbursed,
        settled: b.settled,
        counterpart: b.counterpart,
        other_funds: b.other_funds,
        project_count: b.project_count,
    }
}

/// Checks a rate is `part / whole` in basis points rounded half up, without dividing; and
/// that negative money (a plan reduced below zero, recoveries beyond advances) has no rate.
fn assert_rate(rate: Option<i64>, part: i64, whole: i64) {
    if whole <= 0 || part < 0 {
        assert_eq!(rate, None, "no rate of negative money: {part}/{whole}");
        return;
    }
    let r = i128::from(rate.expect("a rate when the whole is not zero"));
    let (x, d) = (i128::from(part) * 10_000, i128::from(whole));
    let (x, d) = if d < 0 { (-x, -d) } else { (x, d) };
    // r − ½ ≤ x / d < r + ½
    assert!(
        2 * r * d - d <= 2 * x && 2 * x < 2 * r * d + d,
        "{r} for {part}/{whole}"
    );
}

fn balance_of(scene: &Scene) -> Balance {
    compute_balance(&scene.input()).expect("generated reallocations are valid")
}

/// Distinct xã of a project in listed order ("" when none).
fn distinct_communes(p: &Project) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in &p.commune_codes {
        if !out.contains(&c.as_str()) {
            out.push(c);
        }
    }
    if out.is_empty() {
        out.push("");
    }
    out
}

fn share(amount: i64, parts: usize, index: usize) -> i64 {
    let n = parts as i64;
    amount / n + if index == 0 { amount % n } else { 0 }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn each_source_is_the_sum_of_its_parts(scene in scene()) {
        let b = balance_of(&scene);
        let sources: Vec<FundingSource> = b.by_source.iter().map(|s| s.source).collect();
        prop_assert_eq!(sources, FundingSource::ALL.to_vec());
        for s in &b.by_source {
            prop_assert_eq!(figures(s), naive(&scene, s.source));
            prop_assert_eq!(s.unallocated, s.planned - s.allocated);
            assert_rate(s.disbursement_rate_bp, s.disbursed, s.planned);
            assert_rate(s.mobilised_rate_bp, s.counterpart + s.other_funds, s.allocated);
        }
        let sum = |f: fn(&SourceBalance) -> i64| b.by_source.iter().map(f).sum::<i64>();
        prop_assert_eq!(b.total.planned, sum(|s| s.planned));
        prop_assert_eq!(b.total.allocated, sum(|s| s.allocated));
        prop_assert_eq!(b.total.unallocated, sum(|s| s.unallocated));
        prop_assert_eq!(b.total.advanced, sum(|s| s.advanced));
        prop_assert_eq!(b.total.disbursed, sum(|s| s.disbursed));
        prop_assert_eq!(b.total.settled, sum(|s| s.settled));
        prop_assert_eq!(b.total.counterpart, sum(|s| s.counterpart));
        prop_assert_eq!(b.total.other_funds, sum(|s| s.other_funds));
        prop_assert_eq!(
            b.total.project_count,
            b.by_source.iter().map(|s| s.project_count).sum::<usize>()
        );
        assert_rate(b.total.disbursement_rate_bp, b.total.disbursed, b.total.planned);
        let over: Vec<FundingSource> =
            b.by_source.iter().filter(|s| s.unallocated < 0).map(|s| s.source).collect();
        prop_assert_eq!(&b.over_allocated, &over);
    }

    #[test]
    fn matrices_add_up_to_the_sources(scene in scene()) {
        let b = balance_of(&scene);
        for (name, matrix) in [("nội dung", &b.by_content), ("xã", &b.by_commune)] {
            let codes: Vec<&str> = matrix.iter().map(|(c, _)| c.as_str()).collect();
            let mut sorted = codes.clone();
            sorted.sort_by_key(|c| (c.is_empty(), *c));
            sorted.dedup();
            prop_assert_eq!(&codes, &sorted, "{} rows sorted, distinct, \"\" last", name);
            for (k, source) in b.by_source.iter().enumerate() {
                let mut column = Naive::default();
                for (_, row) in matrix.iter() {
                    prop_assert_eq!(row.len(), 3);
                    let cell = &row[k];
                    prop_assert_eq!(cell.source, source.source);
                    prop_assert_eq!(cell.unallocated, cell.planned - cell.allocated);
                    assert_rate(cell.disbursement_rate_bp, cell.disbursed, cell.planned);
                    column.planned += cell.planned;
                    column.allocated += cell.allocated;
                    column.advanced += cell.advanced;
                    column.disbursed += cell.disbursed;
                    column.settled += cell.settled;
                    column.counterpart += cell.counterpart;
                    column.other_funds += cell.other_funds;
                    column.project_count += cell.project_count;
                }
                let mut expected = figures(source);
                if name == "xã" {
                    // A project in several xã is counted in each of them.
                    expected.project_count = column.project_count;
                }
                prop_assert_eq!(&column, &expected, "{} column {:?}", name, source.source);
                let unallocated: i64 = matrix.iter().map(|(_, row)| row[k].unallocated).sum();
                prop_assert_eq!(unallocated, source.unallocated);
            }
        }
    }

    #[test]
    fn drill_down_lists_partition_the_projects(scene in scene()) {
        let b = balance_of(&scene);
        for source in FundingSource::ALL {
            let expected: Vec<Uuid> = scene
                .projects
                .iter()
                .filter(|p| p.source == source && enters(&scene, p))
                .map(|p| p.id)
                .collect();
            prop_assert_eq!(b.projects_in(&Cell::Source(source)), expected.as_slice());

            let mut by_content: Vec<Uuid> = Vec::new();
            for (code, _) in &b.by_content {
                let ids = b.projects_in(&Cell::Content(code.clone(), source));
                for id in ids {
                    let p = scene.projects.iter().find(|p| p.id == *id).expect("known project");
                    prop_assert_eq!(&p.content_code, code);
                }
                by_content.extend_from_slice(ids);
            }
            by_content.sort();
            let mut all = expected.clone();
            all.sort();
            prop_assert_eq!(&by_content, &all, "content cells partition the source's projects");

            let mut seen: BTreeMap<Uuid, Vec<&str>> = BTreeMap::new();
            for (code, _) in &b.by_commune {
                for id in b.projects_in(&Cell::Commune(code.clone(), source)) {
                    seen.entry(*id).or_default().push(code.as_str());
                }
            }
            prop_assert_eq!(seen.len(), expected.len());
            for id in &expected {
                let p = scene.projects.iter().find(|p| p.id == *id).expect("known project");
                let mut listed = seen.get(id).cloned().unwrap_or_default();
                listed.sort();
                let mut own = distinct_communes(p);
                own.sort();
                prop_assert_eq!(listed, own, "project in each of its xã once");
            }
        }
    }

    #[test]
    fn reallocations_stay_inside_their_source(scene in scene()) {
        let with = balance_of(&scene);
        let without = compute_balance(&BudgetInput { reallocations: &[], ..scene.input() })
            .expect("no reallocations");
        let adjustments =
            apply_reallocations(&scene.projects, &scene.reallocations, scene.as_of)
                .expect("generated reallocations are valid");
        let counts = |p: &Project| p.plan_year == YEAR && p.status.is_allocated();
        for source in FundingSource::ALL {
            let of_source = || scene.projects.iter().filter(move |p| p.source == source);
            let before: i64 = of_source().map(|p| p.support).sum();
            let after: i64 = of_source().map(|p| adjustments.support_of(p)).sum();
            prop_assert_eq!(before, after, "support of a source is only moved around");

            let mut crossing = 0i64;
            for r in scene.reallocations.iter().filter(|r| r.date <= scene.as_of) {
                let find = |id: Uuid| scene.projects.iter().find(|p| p.id == id).expect("known");
                let (from, to) = (find(r.from_project), find(r.to_project));
                if from.source != source {
                    continue;
                }
                crossing += i64::from(counts(to)) * r.amount - i64::from(counts(from)) * r.amount;
            }
            let (w, wo) = (
                with.source(source).expect("present"),
                without.source(source).expect("present"),
            );
            prop_assert_eq!(w.planned, wo.planned, "a reallocation never changes the plan");
            prop_assert_eq!(w.allocated - wo.allocated, crossing);
            prop_assert_eq!(w.disbursed, wo.disbursed);
        }
    }

    #[test]
    fn moves_between_allocated_projects_keep_allocated(scene in scene()) {
        let allocated: Vec<&Project> = scene
            .projects
            .iter()
            .filter(|p| p.plan_year == YEAR && p.status.is_allocated())
            .collect();
        let pair = allocated.iter().enumerate().find_map(|(i, a)| {
            allocated[i + 1..].iter().find(|b| b.source == a.source).map(|b| (*a, *b))
        });
        prop_assume!(pair.is_some());
        let (a, b) = pair.expect("assumed");
        prop_assume!(a.support > 0);
        let mv = Reallocation {
            id: Uuid::from_u128(u128::MAX),
            date: scene.as_of,
            from_project: a.id,
            to_project: b.id,
            amount: a.support,
            decision_no: String::new(),
            reason: String::new(),
        };
        let before = compute_balance(&BudgetInput { reallocations: &[], ..scene.input() })
            .expect("no reallocations");
        let after = compute_balance(&BudgetInput {
            reallocations: std::slice::from_ref(&mv),
            ..scene.input()
        })
        .expect("valid move");
        prop_assert_eq!(&before.by_source, &after.by_source);
    }

    #[test]
    fn progress_ends_at_the_disbursed_figure(scene in scene()) {
        let b = balance_of(&scene);
        let months = monthly_progress(&scene.input());
        let quarters = quarterly_progress(&scene.input());
        prop_assert_eq!(months.len(), 3);
        prop_assert_eq!(quarters.len(), 3);
        for ((m, q), s) in months.iter().zip(&quarters).zip(&b.by_source) {
            prop_assert_eq!(m.source, s.source);
            prop_assert_eq!(q.source, s.source);
            let mut running = m.before_year;
            for (i, month) in m.months.iter().enumerate() {
                prop_assert_eq!(month.month as usize, i + 1);
                running += month.disbursed;
                prop_assert_eq!(month.cumulative, running);
                assert_rate(month.cumulative_rate_bp, month.cumulative, month.planned);
                let begun = (YEAR, month.month) <= (scene.as_of.year(), scene.as_of.month());
                prop_assert_eq!(month.started, begun);
                if !begun {
                    prop_assert_eq!(month.disbursed, 0);
                }
            }
            prop_assert_eq!(running + m.after_year, s.disbursed);
            prop_assert_eq!(m.disbursed_as_of(), s.disbursed);
            if scene.as_of.year() == YEAR {
                prop_assert_eq!(m.months[11].planned, s.planned);
                prop_assert_eq!(m.after_year, 0);
            }
            for (k, quarter) in q.quarters.iter().enumerate() {
                let three = &m.months[3 * k..3 * k + 3];
                prop_assert_eq!(quarter.quarter as usize, k + 1);
                prop_assert_eq!(quarter.disbursed, three.iter().map(|x| x.disbursed).sum::<i64>());
                prop_assert_eq!(quarter.cumulative, three[2].cumulative);
                prop_assert_eq!(quarter.planned, three[2].planned);
            }
            prop_assert_eq!(q.quarters, m.quarters());
            let year_total: i64 = q.quarters.iter().map(|x| x.disbursed).sum();
            prop_assert_eq!(q.before_year + year_total + q.after_year, s.disbursed);
        }
    }

    #[test]
    fn envelopes_match_their_projects(scene in scene()) {
        let b = balance_of(&scene);
        let mut expected: BTreeMap<(FundingSource, String, String), (i64, i64)> = BTreeMap::new();
        for l in scene.lines.iter().filter(|l| l.year == YEAR) {
            if l.content_code.is_empty() && l.commune_code.is_empty() {
                continue;
            }
            let key = (l.source, l.content_code.clone(), l.commune_code.clone());
            expected.entry(key).or_default().0 += l.amount_on(&scene.changes, scene.as_of);
        }
        for ((source, content, commune), (_, allocated)) in expected.iter_mut() {
            for p in scene.projects.iter().filter(|p| {
                p.plan_year == YEAR && p.status.is_allocated() && p.source == *source
            }) {
                if !content.is_empty() && p.content_code != *content {
                    continue;
                }
                let support = adjusted_support(&scene, p);
                if commune.is_empty() {
                    *allocated += support;
                } else {
                    let own = distinct_communes(p);
                    if let Some(i) = own.iter().position(|c| c == commune) {
                        *allocated += share(support, own.len(), i);
                    }
                }
            }
        }
        let got: BTreeMap<(FundingSource, String, String), (i64, i64)> = b
            .envelopes
            .iter()
            .map(|e| {
                ((e.source, e.content_code.clone(), e.commune_code.clone()), (e.amount, e.allocated))
            })
            .collect();
        prop_assert_eq!(got.len(), b.envelopes.len(), "one status per envelope");
        prop_assert_eq!(got, expected);
        for e in &b.envelopes {
            prop_assert_eq!(e.exceeded, e.allocated > e.amount);
        }
    }

    #[test]
    fn bad_reallocations_are_refused_by_name(scene in scene()) {
        let first = scene.projects.iter().find(|p| p.plan_year == YEAR);
        let other = first.and_then(|f| {
            scene.projects.iter().find(|p| p.plan_year == YEAR && p.source != f.source)
        });
        prop_assume!(first.is_some() && other.is_some());
        let (from, to) = (first.expect("assumed"), other.expect("assumed"));
        let mut bad = scene.clone();
        bad.reallocations.push(Reallocation {
            id: Uuid::from_u128(u128::MAX - 1),
            date: bad.as_of,
            from_project: from.id,
            to_project: to.id,
            amount: 1,
            decision_no: "99/QĐ-SCT".into(),
            reason: String::new(),
        });
        let err = compute_balance(&bad.input()).expect_err("across sources");
        let is_cross_source = matches!(err, BudgetError::CrossSource { .. });
        prop_assert!(is_cross_source);
        let message = err.to_string();
        prop_assert!(message.contains(&from.code) && message.contains(&to.code));
        prop_assert!(message.contains("99/QĐ-SCT"));

        let ghost = Uuid::from_u128(u128::MAX - 2);
        bad.reallocations.last_mut().expect("just pushed").to_project = ghost;
        let err = compute_balance(&bad.input()).expect_err("unknown project");
        prop_assert_eq!(
            err,
            BudgetError::UnknownProject {
                reallocation_id: Uuid::from_u128(u128::MAX - 1),
                reallocation: format!(
                    "Điều chuyển kinh phí theo quyết định 99/QĐ-SCT ngày {}",
                    bad.as_of.format("%d/%m/%Y")
                ),
                project_id: ghost,
            }
        );
    }
}

#[test]
fn rates_round_half_up() {
    assert_eq!(basis_points(1, 20_000), Some(1));
    assert_eq!(basis_points(340_000_000, 12_000_000_000), Some(283));
    assert_eq!(basis_points(7, 0), None);
}
