//! Cân đối kinh phí của một năm: per source, by nội dung × source, by xã × source, the
//! envelopes, and the projects behind every cell.
//!
//! Which projects are behind the figures: a project of the plan year enters the balance when
//! its status counts as allocated ([`ProjectStatus::is_allocated`]) or when it has had any
//! payment by the day of the balance (e.g. a cancelled project whose advance is not yet
//! recovered: its money is out, so it is shown). Only allocated projects add to `allocated`,
//! `counterpart`, `other_funds` and `project_count`; every entering project adds its payments.
//! Payments count towards the project's source (the source its support comes from).
//!
//! [`ProjectStatus::is_allocated`]: crate::domain::project_status::ProjectStatus::is_allocated

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use uuid::Uuid;

use super::bounds::check_amounts;
use super::cell::Cell;
use super::envelope::EnvelopeStatus;
use super::error::BudgetError;
use super::input::{BudgetInput, source_index};
use super::reallocation::{SupportAdjustments, apply_reallocations};
use super::source_balance::{Amounts, BalanceTotals, SourceBalance};
use super::split::{communes_of, even_share};
use crate::domain::funding_source::FundingSource;
use crate::domain::project::Project;

/// A row of a matrix: its code and one cell per source, in `FundingSource::ALL` order.
pub type MatrixRow = (String, Vec<SourceBalance>);

/// The year's balance as of a day, every figure traceable to its projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    /// The plan year.
    pub year: i32,
    /// The day the figures are taken on.
    pub as_of: NaiveDate,
    /// One entry per source, always all three, in `FundingSource::ALL` order.
    pub by_source: Vec<SourceBalance>,
    /// The sum of the sources.
    pub total: BalanceTotals,
    /// Nội dung × source. Plan lines without a content code and projects without one are
    /// under "" (listed last), so each source column adds up to `by_source` exactly.
    pub by_content: Vec<MatrixRow>,
    /// Xã × source. A project in several xã is split evenly across them (remainder on the
    /// first listed, see `budget::split`); no xã → "" (listed last). Each source column adds up
    /// to `by_source` exactly, except `project_count`, which counts a project in every xã.
    pub by_commune: Vec<MatrixRow>,
    /// Sources with more allocated than planned.
    pub over_allocated: Vec<FundingSource>,
    /// Every envelope (line with a content or xã), by source, content, xã.
    pub envelopes: Vec<EnvelopeStatus>,
    /// The projects behind each cell, in input order; see [`Balance::projects_in`].
    pub project_ids_by_cell: HashMap<Cell, Vec<Uuid>>,
}

impl Balance {
    /// The balance of one source.
    pub fn source(&self, source: FundingSource) -> Option<&SourceBalance> {
        self.by_source.get(source_index(source))
    }

    /// The projects behind a cell's figures, in input order (empty for an unknown cell).
    ///
    /// Lists the allocated projects and any other project of the year that has had payments.
    /// The cells of one source in `by_content` partition the projects of `Cell::Source`; in
    /// `by_commune` a project in several xã is listed in each of them.
    pub fn projects_in(&self, cell: &Cell) -> &[Uuid] {
        self.project_ids_by_cell
            .get(cell)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The envelopes allocated beyond their amount.
    pub fn exceeded_envelopes(&self) -> impl Iterator<Item = &EnvelopeStatus> {
        self.envelopes.iter().filter(|e| e.exceeded)
    }
}

/// Draws the balance of `input.year` as of `input.as_of`, in one pass over the projects.
///
/// Fails on a reallocation that cannot be applied (see [`apply_reallocations`]) and on money
/// outside the bound that keeps every sum exact ([`check_amounts`]).
pub fn compute_balance(input: &BudgetInput) -> Result<Balance, BudgetError> {
    // After this, every addition below is a sum of bounded amounts and cannot overflow.
    check_amounts(input)?;
    let adjustments = apply_reallocations(input.projects, input.reallocations, input.as_of)?;
    let mut sources: [CellAcc; 3] = Default::default();
    let mut content: HashMap<(&str, FundingSource), CellAcc> = HashMap::new();
    let mut commune: HashMap<(&str, FundingSource), CellAcc> = HashMap::new();
    let mut envelopes: BTreeMap<(FundingSource, &str, &str), EnvelopeAcc> = BTreeMap::new();

    let mut net_changes: HashMap<Uuid, i64> = HashMap::new();
    for c in input.changes_as_of() {
        // Changes of lines of other years are not bounded by check_amounts but never read
        // either; saturating keeps their (unused) sums from overflowing.
        let net = net_changes.entry(c.line_id).or_insert(0);
        *net = net.saturating_add(c.kind.sign().saturating_mul(c.amount));
    }
    for line in input.lines_of_year() {
        let amount = line.amount + net_changes.get(&line.id).copied().unwrap_or(0);
        let source = line.source;
        sources[source_index(source)].amounts.planned += amount;
        let content_key = (line.content_code.as_str(), source);
        content.entry(content_key).or_default().amounts.planned += amount;
        let commune_key = (line.commune_code.as_str(), source);
        commune.entry(commune_key).or_default().amounts.planned += amount;
        if !line.content_code.is_empty() || !line.commune_code.is_empty() {
            let key = (
                source,
                line.content_code.as_str(),
                line.commune_code.as_str(),
            );
            let envelope = envelopes.entry(key).or_default();
            envelope.amount += amount;
            envelope.line_ids.push(line.id);
        }
    }

    for project in input.projects_of_year() {
        let Some(money) = ProjectMoney::of(input, project, &adjustments) else {
            continue;
        };
        let is_allocated = money.counted;
        let whole = money.share(1, 0);
        let source = project.source;
        sources[source_index(source)].add(&whole, project.id);
        content
            .entry((project.content_code.as_str(), source))
            .or_default()
            .add(&whole, project.id);
        let parts = communes_of(project).count();
        for (i, code) in communes_of(project).enumerate() {
            commune
                .entry((code, source))
                .or_default()
                .add(&money.share(parts, i), project.id);
        }
        if is_allocated && !envelopes.is_empty() {
            add_to_envelopes(&mut envelopes, project, money.allocated, parts);
        }
    }

    let mut project_ids_by_cell = HashMap::new();
    let by_source: Vec<SourceBalance> = FundingSource::ALL
        .into_iter()
        .zip(sources)
        .map(|(source, acc)| {
            if !acc.projects.is_empty() {
                project_ids_by_cell.insert(Cell::Source(source), acc.projects);
            }
            SourceBalance::from_amounts(source, &acc.amounts)
        })
        .collect();
    let by_content = matrix(content, Cell::Content, &mut project_ids_by_cell);
    let by_commune = matrix(commune, Cell::Commune, &mut project_ids_by_cell);
    let envelopes = envelopes
        .into_iter()
        .map(|((source, content_code, commune_code), e)| EnvelopeStatus {
            line_ids: e.line_ids,
            source,
            content_code: content_code.to_owned(),
            commune_code: commune_code.to_owned(),
            amount: e.amount,
            allocated: e.allocated,
            exceeded: e.allocated > e.amount,
            project_ids: e.projects,
        })
        .collect();
    Ok(Balance {
        year: input.year,
        as_of: input.as_of,
        total: BalanceTotals::of(&by_source),
        over_allocated: by_source
            .iter()
            .filter(|b| b.is_over_allocated())
            .map(|b| b.source)
            .collect(),
        by_source,
        by_content,
        by_commune,
        envelopes,
        project_ids_by_cell,
    })
}

/// A cell being summed: its figures and the projects behind them.
#[derive(Debug, Default)]
struct CellAcc {
    amounts: Amounts,
    projects: Vec<Uuid>,
}

impl CellAcc {
    /// Adds a project's (share of) money to the cell.
    fn add(&mut self, amounts: &Amounts, project: Uuid) {
        self.amounts.add(amounts);
        self.projects.push(project);
    }
}

/// An envelope being summed.
#[derive(Debug, Default)]
struct EnvelopeAcc {
    line_ids: Vec<Uuid>,
    amount: i64,
    allocated: i64,
    projects: Vec<Uuid>,
}

impl EnvelopeAcc {
    /// Counts a project's (share of) support in the envelope.
    fn add(&mut self, support: i64, project: Uuid) {
        self.allocated += support;
        self.projects.push(project);
    }
}

/// What one project brings to the balance (and to the report's list of projects), before
/// splitting across its xã.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectMoney {
    /// Support after reallocations; 0 for a project not approved.
    pub allocated: i64,
    /// Advance still outstanding on the input's date.
    pub advanced: i64,
    pub paid: i64,
    pub settled: i64,
    pub counterpart: i64,
    pub other_funds: i64,
    /// Counts in `project_count` (allocated projects only).
    pub counted: bool,
}

impl ProjectMoney {
    /// The one rule of what counts: an approved project ([`ProjectStatus::is_allocated`]) with
    /// its support after reallocations, counterpart and other funds; any other project only
    /// with the money already paid to it by the input's date; None when it has neither.
    ///
    /// [`ProjectStatus::is_allocated`]: crate::domain::project_status::ProjectStatus::is_allocated
    pub fn of(
        input: &BudgetInput,
        project: &Project,
        adjustments: &SupportAdjustments,
    ) -> Option<ProjectMoney> {
        let (totals, any_payment) = input.payment_totals(project);
        let is_allocated = project.status.is_allocated();
        if !is_allocated && !any_payment {
            return None;
        }
        Some(ProjectMoney {
            allocated: if is_allocated {
                adjustments.support_of(project)
            } else {
                0
            },
            advanced: totals.outstanding_advance(),
            paid: totals.paid,
            settled: totals.settled,
            counterpart: if is_allocated { project.counterpart } else { 0 },
            other_funds: if is_allocated { project.other_funds } else { 0 },
            counted: is_allocated,
        })
    }

    /// Disbursed: payments plus the outstanding advance (`domain::money`'s rule).
    pub fn disbursed(&self) -> i64 {
        self.paid.saturating_add(self.advanced)
    }

    /// The `index`-th of `parts` even shares; disbursed is the shares of paid and outstanding
    /// advance, so disbursed = paid + advanced holds in every cell too.
    fn share(&self, parts: usize, index: usize) -> Amounts {
        let advanced = even_share(self.advanced, parts, index);
        Amounts {
            planned: 0,
            allocated: even_share(self.allocated, parts, index),
            advanced,
            disbursed: even_share(self.paid, parts, index) + advanced,
            settled: even_share(self.settled, parts, index),
            counterpart: even_share(self.counterpart, parts, index),
            other_funds: even_share(self.other_funds, parts, index),
            project_count: usize::from(self.counted),
        }
    }
}

/// Counts an allocated project in the envelopes it matches: a content envelope with all its
/// support, a xã (or content-and-xã) envelope with its share in that xã.
fn add_to_envelopes<'a>(
    envelopes: &mut BTreeMap<(FundingSource, &'a str, &'a str), EnvelopeAcc>,
    project: &'a Project,
    support: i64,
    parts: usize,
) {
    let source = project.source;
    let content = project.content_code.as_str();
    if !content.is_empty()
        && let Some(e) = envelopes.get_mut(&(source, content, ""))
    {
        e.add(support, project.id);
    }
    for (i, commune) in communes_of(project).enumerate() {
        if commune.is_empty() {
            continue;
        }
        let share = even_share(support, parts, i);
        if let Some(e) = envelopes.get_mut(&(source, "", commune)) {
            e.add(share, project.id);
        }
        if !content.is_empty()
            && let Some(e) = envelopes.get_mut(&(source, content, commune))
        {
            e.add(share, project.id);
        }
    }
}

/// Turns summed cells into rows (sorted by code, "" last), moving their project lists into
/// the drill-down map.
fn matrix(
    mut cells: HashMap<(&str, FundingSource), CellAcc>,
    address: fn(String, FundingSource) -> Cell,
    drill_down: &mut HashMap<Cell, Vec<Uuid>>,
) -> Vec<MatrixRow> {
    let mut codes: Vec<&str> = cells.keys().map(|(code, _)| *code).collect();
    codes.sort_unstable_by_key(|code| (code.is_empty(), *code));
    codes.dedup();
    let mut rows = Vec::with_capacity(codes.len());
    for code in codes {
        let mut row = Vec::with_capacity(FundingSource::ALL.len());
        for source in FundingSource::ALL {
            let acc = cells.remove(&(code, source)).unwrap_or_default();
            if !acc.projects.is_empty() {
                drill_down.insert(address(code.to_owned(), source), acc.projects);
            }
            row.push(SourceBalance::from_amounts(source, &acc.amounts));
        }
        rows.push((code.to_owned(), row));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::budget_plan::{BudgetChange, BudgetChangeKind, BudgetLine, Reallocation};
    use crate::domain::project::{Payment, PaymentKind};
    use crate::domain::project_status::ProjectStatus;

    const YEAR: i32 = 2026;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(YEAR, m, d).expect("valid date")
    }

    fn line(source: FundingSource, amount: i64, content: &str, commune: &str) -> BudgetLine {
        BudgetLine {
            id: Uuid::now_v7(),
            year: YEAR,
            source,
            decision_no: "125/QĐ-UBND".into(),
            decision_date: day(1, 10),
            agency: "UBND tỉnh Thanh Hóa".into(),
            amount,
            content_code: content.into(),
            commune_code: commune.into(),
        }
    }

    fn project(source: FundingSource, status: ProjectStatus, support: i64) -> Project {
        let mut p = Project::new("38", YEAR);
        p.source = source;
        p.status = status;
        p.support = support;
        p
    }

    fn pay(kind: PaymentKind, date: NaiveDate, amount: i64) -> Payment {
        Payment {
            id: Uuid::now_v7(),
            kind,
            date,
            amount,
            source: FundingSource::Kcdp,
            document_no: String::new(),
            note: String::new(),
        }
    }

    fn balance(
        lines: &[BudgetLine],
        changes: &[BudgetChange],
        projects: &[Project],
        reallocations: &[Reallocation],
        as_of: NaiveDate,
    ) -> Balance {
        compute_balance(&BudgetInput {
            year: YEAR,
            lines,
            changes,
            projects,
            reallocations,
            as_of,
        })
        .expect("balance")
    }

    fn kcdp(b: &Balance) -> &SourceBalance {
        b.source(FundingSource::Kcdp).expect("all sources present")
    }

    #[test]
    fn the_year_plan_minus_37_approved_projects_leaves_340_million() {
        let lines = [line(FundingSource::Kcdp, 12_000_000_000, "", "")];
        let mut projects: Vec<Project> = (0..36)
            .map(|_| project(FundingSource::Kcdp, ProjectStatus::PheDuyet, 310_000_000))
            .collect();
        projects.push(project(
            FundingSource::Kcdp,
            ProjectStatus::DangThucHien,
            500_000_000,
        ));
        // Registered but not approved: not allocated, and not behind any figure.
        projects.push(project(
            FundingSource::Kcdp,
            ProjectStatus::DangKy,
            900_000_000,
        ));
        let b = balance(&lines, &[], &projects, &[], day(12, 31));
        let s = kcdp(&b);
        assert_eq!(s.planned, 12_000_000_000);
        assert_eq!(s.allocated, 11_660_000_000);
        assert_eq!(s.unallocated, 340_000_000);
        assert_eq!(s.project_count, 37);
        assert_eq!(s.disbursement_rate_bp, Some(0));
        assert!(b.over_allocated.is_empty());
        assert_eq!(b.by_source.len(), 3);
        assert_eq!(b.total.unallocated, 340_000_000);
        assert_eq!(b.projects_in(&Cell::Source(FundingSource::Kcdp)).len(), 37);
        assert_eq!(
            b.projects_in(&Cell::Source(FundingSource::Kcqg)),
            &[] as &[Uuid]
        );
    }

    #[test]
    fn moving_a_cancelled_projects_money_leaves_allocated_unchanged() {
        let lines = [line(FundingSource::Kcdp, 1_000_000_000, "", "")];
        let running = project(
            FundingSource::Kcdp,
            ProjectStatus::DangThucHien,
            300_000_000,
        );
        let mut doomed = project(FundingSource::Kcdp, ProjectStatus::KyHopDong, 500_000_000);
        let before = balance(
            &lines,
            &[],
            &[running.clone(), doomed.clone()],
            &[],
            day(6, 30),
        );
        assert_eq!(kcdp(&before).allocated, 800_000_000);

        doomed.status = ProjectStatus::Huy;
        let moved = Reallocation {
            id: Uuid::now_v7(),
            date: day(5, 15),
            from_project: doomed.id,
            to_project: running.id,
            amount: 500_000_000,
            decision_no: "88/QĐ-SCT".into(),
            reason: "Đề án hủy, chuyển kinh phí".into(),
        };
        let projects = [running.clone(), doomed];
        let after = balance(&lines, &[], &projects, &[moved], day(6, 30));
        assert_eq!(kcdp(&after).planned, 1_000_000_000);
        assert_eq!(kcdp(&after).allocated, 800_000_000);
        assert_eq!(kcdp(&after).unallocated, 200_000_000);
        assert_eq!(kcdp(&after).project_count, 1);
        assert_eq!(
            after.projects_in(&Cell::Source(FundingSource::Kcdp)),
            &[running.id]
        );
    }

    #[test]
    fn over_allocation_shows_as_negative_unallocated() {
        let lines = [line(FundingSource::Kcqg, 1_000_000_000, "", "")];
        let projects = [
            project(FundingSource::Kcqg, ProjectStatus::PheDuyet, 700_000_000),
            project(FundingSource::Kcqg, ProjectStatus::NghiemThu, 500_000_000),
        ];
        let b = balance(&lines, &[], &projects, &[], day(12, 31));
        let s = b.source(FundingSource::Kcqg).expect("present");
        assert_eq!(s.unallocated, -200_000_000);
        assert_eq!(b.over_allocated, [FundingSource::Kcqg]);
    }

    #[test]
    fn disbursement_rate_rounds_half_up() {
        let lines = [line(FundingSource::Kcdp, 200_000_000, "", "")];
        let mut p = project(
            FundingSource::Kcdp,
            ProjectStatus::DangThucHien,
            200_000_000,
        );
        // 10.000 / 200.000.000 = 0,5 bp → 1 bp.
        p.payments = vec![pay(PaymentKind::Payment, day(3, 1), 10_000)];
        let b = balance(&lines, &[], std::slice::from_ref(&p), &[], day(12, 31));
        assert_eq!(kcdp(&b).disbursement_rate_bp, Some(1));
        p.payments = vec![pay(PaymentKind::Payment, day(3, 1), 66_666_667)];
        let b = balance(&lines, &[], &[p], &[], day(12, 31));
        assert_eq!(kcdp(&b).disbursement_rate_bp, Some(3_333));
    }

    #[test]
    fn advances_recoveries_payments_and_settlements() {
        let lines = [line(FundingSource::Kcdp, 1_000_000_000, "", "")];
        let mut p = project(FundingSource::Kcdp, ProjectStatus::QuyetToan, 400_000_000);
        p.counterpart = 600_000_000;
        p.other_funds = 100_000_000;
        p.payments = vec![
            pay(PaymentKind::Advance, day(2, 1), 200_000_000),
            pay(PaymentKind::AdvanceRecovery, day(8, 1), 150_000_000),
            pay(PaymentKind::Payment, day(8, 1), 350_000_000),
            pay(PaymentKind::Settlement, day(11, 1), 400_000_000),
            // After the day of the balance: ignored.
            pay(PaymentKind::AdvanceRecovery, day(12, 20), 50_000_000),
        ];
        let b = balance(&lines, &[], &[p], &[], day(11, 30));
        let s = kcdp(&b);
        assert_eq!(s.advanced, 50_000_000);
        assert_eq!(s.disbursed, 400_000_000);
        assert_eq!(s.settled, 400_000_000);
        assert_eq!(s.disbursement_rate_bp, Some(4_000));
        // (600 + 100) / 400 = 175 %.
        assert_eq!(s.mobilised_rate_bp, Some(17_500));
    }

    #[test]
    fn a_cancelled_project_still_holding_an_advance_is_shown_but_not_allocated() {
        let mut p = project(FundingSource::Kcdp, ProjectStatus::Huy, 300_000_000);
        p.counterpart = 50_000_000;
        p.payments = vec![pay(PaymentKind::Advance, day(2, 1), 90_000_000)];
        let b = balance(&[], &[], std::slice::from_ref(&p), &[], day(12, 31));
        let s = kcdp(&b);
        assert_eq!((s.allocated, s.counterpart, s.project_count), (0, 0, 0));
        assert_eq!((s.advanced, s.disbursed), (90_000_000, 90_000_000));
        assert_eq!(b.projects_in(&Cell::Source(FundingSource::Kcdp)), &[p.id]);
        assert_eq!(s.disbursement_rate_bp, None);
    }

    #[test]
    fn changes_and_projects_outside_the_day_or_year_are_left_out() {
        let l = line(FundingSource::Kcdp, 1_000_000_000, "", "");
        let mut other_year = line(FundingSource::Kcdp, 5_000_000_000, "", "");
        other_year.year = YEAR - 1;
        let change = |kind, date, amount| BudgetChange {
            id: Uuid::now_v7(),
            line_id: l.id,
            kind,
            date,
            amount,
            decision_no: String::new(),
            reason: String::new(),
        };
        let changes = [
            change(BudgetChangeKind::Supplement, day(4, 1), 300_000_000),
            change(BudgetChangeKind::Recall, day(5, 1), 100_000_000),
            change(BudgetChangeKind::CarryOver, day(12, 1), 150_000_000),
        ];
        let mut old = project(
            FundingSource::Kcdp,
            ProjectStatus::DangThucHien,
            700_000_000,
        );
        old.plan_year = YEAR - 1;
        let lines = [l.clone(), other_year];
        let b = balance(&lines, &changes, &[old], &[], day(6, 30));
        assert_eq!(kcdp(&b).planned, 1_200_000_000);
        assert_eq!(kcdp(&b).allocated, 0);
        let b = balance(&lines, &changes, &[], &[], day(12, 31));
        assert_eq!(kcdp(&b).planned, 1_050_000_000);
    }

    #[test]
    fn a_project_in_several_communes_is_split_with_the_remainder_first() {
        let lines = [line(FundingSource::Kcdp, 3_000_000_000, "", "")];
        let mut group = project(FundingSource::Kcdp, ProjectStatus::PheDuyet, 1_000_000_001);
        group.commune_codes = vec!["16093".into(), "16100".into(), "16093".into()];
        group.counterpart = 3;
        let lone = project(FundingSource::Kcdp, ProjectStatus::PheDuyet, 500_000_000);
        let projects = [group.clone(), lone.clone()];
        let b = balance(&lines, &[], &projects, &[], day(12, 31));
        let codes: Vec<&str> = b.by_commune.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["16093", "16100", ""]);
        let cell = |row: usize| &b.by_commune[row].1[source_index(FundingSource::Kcdp)];
        assert_eq!(cell(0).allocated, 500_000_001);
        assert_eq!(cell(0).counterpart, 2);
        assert_eq!(cell(1).allocated, 500_000_000);
        assert_eq!(cell(1).counterpart, 1);
        // The plan is not split by xã: it sits under "" with the project that has no xã.
        assert_eq!(cell(2).planned, 3_000_000_000);
        assert_eq!(cell(2).allocated, 500_000_000);
        assert_eq!(cell(0).project_count + cell(1).project_count, 2);
        for code in ["16093", "16100"] {
            let c = Cell::Commune(code.into(), FundingSource::Kcdp);
            assert_eq!(b.projects_in(&c), &[group.id]);
        }
        let none = Cell::Commune(String::new(), FundingSource::Kcdp);
        assert_eq!(b.projects_in(&none), &[lone.id]);
    }

    #[test]
    fn content_matrix_and_envelopes() {
        let lines = [
            line(FundingSource::Kcdp, 2_000_000_000, "", ""),
            line(FundingSource::Kcdp, 1_000_000_000, "ND235-2", ""),
            line(FundingSource::Kcdp, 200_000_000, "ND235-2", ""),
            line(FundingSource::Kcdp, 400_000_000, "", "16093"),
        ];
        let mut a = project(FundingSource::Kcdp, ProjectStatus::PheDuyet, 900_000_000);
        a.content_code = "ND235-2".into();
        a.commune_codes = vec!["16093".into(), "16100".into()];
        let mut b2 = project(FundingSource::Kcdp, ProjectStatus::KyHopDong, 500_000_000);
        b2.content_code = "ND235-2".into();
        b2.commune_codes = vec!["16100".into()];
        let mut c = project(FundingSource::Kcdp, ProjectStatus::PheDuyet, 100_000_000);
        c.content_code = "ND235-1".into();
        let projects = [a.clone(), b2.clone(), c.clone()];
        let b = balance(&lines, &[], &projects, &[], day(12, 31));

        let codes: Vec<&str> = b.by_content.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["ND235-1", "ND235-2", ""]);
        let k = source_index(FundingSource::Kcdp);
        assert_eq!(b.by_content[1].1[k].planned, 1_200_000_000);
        assert_eq!(b.by_content[1].1[k].allocated, 1_400_000_000);
        assert_eq!(b.by_content[1].1[k].unallocated, -200_000_000);
        assert_eq!(b.by_content[2].1[k].planned, 2_400_000_000);
        assert_eq!(
            b.projects_in(&Cell::Content("ND235-2".into(), FundingSource::Kcdp)),
            &[a.id, b2.id]
        );

        assert_eq!(b.envelopes.len(), 2);
        let content = &b.envelopes[1];
        assert_eq!(content.content_code, "ND235-2");
        assert_eq!(content.line_ids, [lines[1].id, lines[2].id]);
        assert_eq!(
            (content.amount, content.allocated),
            (1_200_000_000, 1_400_000_000)
        );
        assert!(content.exceeded);
        assert_eq!(content.remaining(), -200_000_000);
        let commune = &b.envelopes[0];
        assert_eq!(commune.commune_code, "16093");
        assert_eq!(
            (commune.amount, commune.allocated),
            (400_000_000, 450_000_000)
        );
        assert_eq!(commune.project_ids, [a.id]);
        assert_eq!(b.exceeded_envelopes().count(), 2);
        assert!(b.over_allocated.is_empty());
    }

    #[test]
    fn a_reallocation_across_sources_stops_the_balance() {
        let a = project(FundingSource::Kcqg, ProjectStatus::PheDuyet, 100);
        let b = project(FundingSource::Kcdp, ProjectStatus::PheDuyet, 100);
        let r = Reallocation {
            id: Uuid::now_v7(),
            date: day(3, 3),
            from_project: a.id,
            to_project: b.id,
            amount: 50,
            decision_no: String::new(),
            reason: String::new(),
        };
        let result = compute_balance(&BudgetInput {
            year: YEAR,
            lines: &[],
            changes: &[],
            projects: &[a, b],
            reallocations: &[r],
            as_of: day(12, 31),
        });
        assert!(matches!(result, Err(BudgetError::CrossSource { .. })));
    }
}
