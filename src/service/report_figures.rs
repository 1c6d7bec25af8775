//! The figures of a report read from the database: the one path the Báo cáo screen and
//! `khuyencong report` share. Money comes from the same balance the Kế hoạch & cân đối screen
//! shows, as it stood on the last day of the report's period.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use crate::budget::input::source_index;
use crate::budget::{ProjectMoney, apply_reallocations, compute_balance};
use crate::domain::budget_plan::BudgetChangeKind;
use crate::domain::funding_source::FundingSource;
use crate::domain::project::Project;
use crate::domain::project_status::ProjectStatus;
use crate::domain::report::figures::{IndicatorLine, ProjectLine, ReportFigures, SourceFigures};
use crate::domain::report::report_kind::ReportKind;
use crate::service::ServiceResult;
use crate::service::year_balance::YearData;
use crate::store::Store;
use crate::text::date::format_date_in_document;
use crate::text::number::format_integer;

/// Names looked up once per report.
struct Names<'a> {
    store: &'a Store,
    communes: HashMap<String, String>,
    establishments: HashMap<Uuid, String>,
    province: String,
}

impl Names<'_> {
    /// The xã's name; its code when the xã is not in the list (an unknown code is printed as
    /// it is, so the reader sees it).
    fn commune(&mut self, code: &str) -> ServiceResult<String> {
        if let Some(n) = self.communes.get(code) {
            return Ok(n.clone());
        }
        let name = self
            .store
            .commune(code)?
            .map_or_else(|| code.to_owned(), |c| c.name);
        self.communes.insert(code.to_owned(), name.clone());
        Ok(name)
    }

    /// "Name (MST …)"; empty for an establishment deleted since (it is then left out).
    fn establishment(&mut self, id: Uuid) -> ServiceResult<String> {
        if let Some(n) = self.establishments.get(&id) {
            return Ok(n.clone());
        }
        let name = match self.store.establishment(id)? {
            Some(e) if e.tax_code.is_empty() => e.name,
            Some(e) => format!("{} (MST {})", e.name, e.tax_code),
            None => String::new(),
        };
        self.establishments.insert(id, name.clone());
        Ok(name)
    }
}

fn month_year(d: Option<NaiveDate>) -> String {
    d.map(|d| format!("{:02}/{}", d.month(), d.year()))
        .unwrap_or_default()
}

fn describe(
    p: &Project,
    names: &mut Names,
    indicator_names: &HashMap<String, (String, String)>,
) -> ServiceResult<ProjectLine> {
    let area = p
        .commune_codes
        .iter()
        .map(|c| names.commune(c))
        .collect::<ServiceResult<Vec<_>>>()?
        .join(", ");
    let beneficiaries = p
        .beneficiaries
        .iter()
        .map(|b| names.establishment(b.establishment_id))
        .collect::<ServiceResult<Vec<_>>>()?
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let approval = match (p.approval_no.trim(), p.approval_date) {
        ("", None) => String::new(),
        (no, Some(d)) if !no.is_empty() => format!("{no} ngày {}", format_date_in_document(d)),
        (no, None) => no.to_owned(),
        (_, Some(d)) => format!("Ngày {}", format_date_in_document(d)),
    };
    let duration = match (p.start_date, p.end_date) {
        (None, None) => String::new(),
        (s, e) => format!("{}–{}", month_year(s), month_year(e)),
    };
    let results = p
        .outputs
        .iter()
        .filter(|o| o.value != 0)
        .map(|o| match indicator_names.get(&o.indicator_code) {
            // "Số lao động được đào tạo" → "40 lao động được đào tạo": the indicator's name
            // says what was counted, so a cell of Phụ lục I needs no unit beside it.
            Some((name, _)) if name.starts_with("Số ") => format!(
                "{} {}",
                format_integer(o.value),
                name.trim_start_matches("Số ")
            ),
            Some((name, unit)) => format!(
                "{} {unit} ({})",
                format_integer(o.value),
                crate::text::lower_first(name)
            ),
            None => format!("{} {}", format_integer(o.value), o.indicator_code),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let status = match (&p.registration.appraisal, p.status) {
        (
            Some(a),
            ProjectStatus::DangKy | ProjectStatus::ThamDinhCoSo | ProjectStatus::ThamDinhCapBo,
        ) => {
            if a.passed {
                "Đạt thẩm định".to_owned()
            } else {
                format!("Không đạt: {}", a.reason)
            }
        }
        (None, ProjectStatus::DangKy) => "Chưa thẩm định".to_owned(),
        (_, s) => s.label().to_owned(),
    };
    Ok(ProjectLine {
        code: p.code.clone(),
        name: p.name.clone(),
        source: p.source,
        content_code: p.content_code.clone(),
        implementer: p.implementer.clone(),
        beneficiaries,
        // Every project of a provincial report lies in the province: the xã say where.
        area: if area.is_empty() {
            names.province.clone()
        } else {
            area
        },
        approval,
        duration,
        total_cost: p.total_cost,
        support: p.support,
        counterpart: p.counterpart,
        other_funds: p.other_funds,
        advanced: 0,
        disbursed: 0,
        status,
        results,
        proposed_by: p.registration.proposed_by.clone(),
        appraisal_passed: p.registration.appraisal.as_ref().is_some_and(|a| a.passed),
    })
}

/// The figures of a `kind` report for `year` over `period`.
pub fn gather_figures(
    store: &Store,
    kind: ReportKind,
    year: i32,
    period: (NaiveDate, NaiveDate),
) -> ServiceResult<ReportFigures> {
    let (period_from, period_to) = period;
    let province_code = store
        .unit_settings()?
        .map(|u| u.province_code)
        .unwrap_or_default();
    let mut names = Names {
        store,
        communes: HashMap::new(),
        establishments: HashMap::new(),
        province: store
            .province(&province_code)?
            .map(|p| p.name)
            .unwrap_or_default(),
    };
    let catalogue_indicators = store.indicators()?;
    let indicator_names: HashMap<String, (String, String)> = catalogue_indicators
        .iter()
        .map(|i| (i.code.clone(), (i.name.clone(), i.unit.clone())))
        .collect();
    let contents: Vec<(String, String)> = store
        .activity_contents()?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    // The year is read once: the list of projects and the balance come from the same data.
    let data = YearData::load(store, year)?;
    let projects = &data.projects;

    if kind == ReportKind::Registration {
        // The sums below add the proposals' money: bounded first, so none can overflow.
        crate::budget::check_amounts(&data.input(period_to))?;
        let mut sources: Vec<SourceFigures> = FundingSource::ALL
            .into_iter()
            .map(SourceFigures::empty)
            .collect();
        let mut lines = Vec::new();
        for p in projects.iter().filter(|p| p.status != ProjectStatus::Huy) {
            let s = &mut sources[source_index(p.source)];
            s.allocated += p.support;
            s.counterpart += p.counterpart;
            s.other_funds += p.other_funds;
            s.project_count += 1;
            lines.push(describe(p, &mut names, &indicator_names)?);
        }
        return Ok(ReportFigures {
            kind,
            year,
            period_from,
            period_to,
            sources,
            projects: lines,
            contents,
            before_period: None,
            indicators: Vec::new(),
            programme: None,
        });
    }

    // Every figure is the state of the data at the end of the period's last day; a quarter
    // after the first also gets the year to date at the end of the day before it began, so
    // the quarter alone can be told from the year to date.
    let on_last_day = data.as_of(period_to);
    let sources = sources_on(&on_last_day, period_to)?;
    let (project_lines, counted) =
        project_lines_on(&on_last_day, period_to, &mut names, &indicator_names)?;
    let before_period = match kind {
        ReportKind::Quarter(2..=4) => {
            let eve = period_from.pred_opt().unwrap_or(period_from);
            Some(sources_on(&data.as_of(eve), eve)?)
        }
        _ => None,
    };
    let counted: Vec<&Project> = counted.iter().map(|&i| &on_last_day.projects[i]).collect();
    let indicators = indicator_lines(store, &counted, &catalogue_indicators, period_to)?;
    Ok(ReportFigures {
        kind,
        year,
        period_from,
        period_to,
        sources,
        before_period,
        projects: project_lines,
        contents,
        indicators: indicators.0,
        programme: indicators.1,
    })
}

/// The money of every source on `day`, over `data` restated on that day.
fn sources_on(data: &YearData, day: NaiveDate) -> ServiceResult<Vec<SourceFigures>> {
    let balance = compute_balance(&data.input(day))?;
    let (lines, changes) = (&data.lines, &data.changes);

    let mut sources = Vec::new();
    for source in FundingSource::ALL {
        let b = balance.source(source);
        let source_lines: Vec<_> = lines.iter().filter(|l| l.source == source).collect();
        let line_ids: HashSet<Uuid> = source_lines.iter().map(|l| l.id).collect();
        let mut adjusted = 0;
        let mut carried_over = 0;
        for c in changes
            .iter()
            .filter(|c| c.date <= day && line_ids.contains(&c.line_id))
        {
            match c.kind {
                BudgetChangeKind::Supplement => adjusted += c.amount,
                BudgetChangeKind::Reduction | BudgetChangeKind::Recall => adjusted -= c.amount,
                BudgetChangeKind::CarryOver => carried_over += c.amount,
            }
        }
        sources.push(SourceFigures {
            source,
            initial: source_lines.iter().map(|l| l.amount).sum(),
            adjusted,
            carried_over,
            planned: b.map_or(0, |b| b.planned),
            allocated: b.map_or(0, |b| b.allocated),
            advanced: b.map_or(0, |b| b.advanced),
            disbursed: b.map_or(0, |b| b.disbursed),
            settled: b.map_or(0, |b| b.settled),
            counterpart: b.map_or(0, |b| b.counterpart),
            other_funds: b.map_or(0, |b| b.other_funds),
            project_count: b.map_or(0, |b| b.project_count),
        });
    }
    Ok(sources)
}

/// The Phụ lục I line of each project the balance counts on `day` (approved ones, and any
/// other with money paid), and the indexes in `data.projects` of the approved ones.
fn project_lines_on(
    data: &YearData,
    day: NaiveDate,
    names: &mut Names,
    indicator_names: &HashMap<String, (String, String)>,
) -> ServiceResult<(Vec<ProjectLine>, Vec<usize>)> {
    let input = data.input(day);
    let adjustments = apply_reallocations(&data.projects, &data.reallocations, day)?;
    let mut project_lines = Vec::new();
    let mut counted = Vec::new();
    for (i, p) in data.projects.iter().enumerate() {
        let Some(money) = ProjectMoney::of(&input, p, &adjustments) else {
            continue;
        };
        let mut line = describe(p, names, indicator_names)?;
        line.support = money.allocated;
        line.counterpart = money.counterpart;
        line.other_funds = money.other_funds;
        line.advanced = money.advanced;
        line.disbursed = money.disbursed();
        project_lines.push(line);
        if money.counted {
            counted.push(i);
        }
    }
    Ok((project_lines, counted))
}

/// Phụ lục II rows: counts of projects and establishments, then each indicator by source,
/// with the target of the programme in force at the end of the period (the first one that
/// has targets entered).
fn indicator_lines(
    store: &Store,
    projects: &[&Project],
    catalogue: &[crate::domain::support_ceiling::Indicator],
    as_of: NaiveDate,
) -> ServiceResult<(Vec<IndicatorLine>, Option<String>)> {
    let by_source = |value: &dyn Fn(&Project) -> i64| {
        let mut v = [0i64; 3];
        for p in projects {
            let i = source_index(p.source);
            v[i] += value(p);
        }
        v
    };
    let line = |name: &str, unit: &str, v: [i64; 3]| IndicatorLine {
        name: name.to_owned(),
        unit: unit.to_owned(),
        kcqg: v[0],
        kcdp: v[1],
        other: v[2],
        target: None,
        achieved_in_programme: None,
    };
    let mut lines = vec![line("Số đề án được hỗ trợ", "đề án", by_source(&|_| 1))];
    // An establishment supported from two sources counts once in each, as the sources report.
    let mut seen: [HashSet<Uuid>; 3] = Default::default();
    for p in projects {
        let i = source_index(p.source);
        seen[i].extend(p.beneficiaries.iter().map(|b| b.establishment_id));
    }
    lines.push(line(
        "Số cơ sở công nghiệp nông thôn được hỗ trợ",
        "cơ sở",
        [
            seen[0].len() as i64,
            seen[1].len() as i64,
            seen[2].len() as i64,
        ],
    ));

    let mut programme = None;
    let mut targets: HashMap<String, i64> = HashMap::new();
    let mut achieved: HashMap<String, i64> = HashMap::new();
    for p in store.programmes()? {
        if !p.covers(as_of) {
            continue;
        }
        let t = store.programme_targets(&p.code)?;
        if t.is_empty() {
            continue;
        }
        targets = t
            .into_iter()
            .map(|t| (t.indicator_code, t.target))
            .collect();
        // What the programme's projects had achieved by the same day, by the same rule.
        achieved = HashMap::new();
        for project in store.projects_of_programme(&p.code)? {
            let project = project.as_of(as_of);
            if project.status == ProjectStatus::Huy {
                continue;
            }
            for o in project.outputs {
                let sum = achieved.entry(o.indicator_code).or_insert(0i64);
                *sum = sum.saturating_add(o.value);
            }
        }
        programme = Some(p.name);
        break;
    }
    for indicator in catalogue {
        let v = by_source(&|p: &Project| {
            p.outputs
                .iter()
                .filter(|o| o.indicator_code == indicator.code)
                .map(|o| o.value)
                .sum()
        });
        let target = targets.get(&indicator.code).copied();
        if v == [0; 3] && target.is_none() {
            continue;
        }
        let mut l = line(&indicator.name, &indicator.unit, v);
        l.target = target;
        l.achieved_in_programme =
            target.map(|_| achieved.get(&indicator.code).copied().unwrap_or(0));
        lines.push(l);
    }
    Ok((lines, programme))
}
