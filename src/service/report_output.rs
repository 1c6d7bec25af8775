//! One path from a saved report to its pages, PDF and XLSX, shared by the Báo cáo screen and
//! `khuyencong report`, so both produce the same file.

use chrono::NaiveDate;

use crate::domain::report::saved_report::{Frozen, SavedReport};
use crate::report::page::Page;
use crate::report::{OfficialDocument, ReportFigures, build_document, layout};
use crate::service::report_figures::gather_figures;
use crate::service::{ServiceError, ServiceResult};
use crate::store::Store;

/// The figures a report prints: its frozen ones once finalised, today's data otherwise.
pub fn figures_for(store: &Store, report: &SavedReport) -> ServiceResult<ReportFigures> {
    match &report.frozen {
        Some(frozen) => Ok(frozen.figures.clone()),
        None => gather_figures(
            store,
            report.kind,
            report.year,
            (report.period_from, report.period_to),
        ),
    }
}

/// A report laid out: the document and its pages.
pub struct Rendered {
    pub document: OfficialDocument,
    pub pages: Vec<Page>,
}

/// Lays `report` out with `figures`, amounts in triệu đồng with the unit's `decimals`
/// ([`crate::service::Service::millions_decimals`]).
pub fn render(
    report: &SavedReport,
    figures: &ReportFigures,
    decimals: crate::text::number::MillionsDecimals,
) -> Rendered {
    let document = build_document(report, figures, decimals);
    let pages = layout(&document);
    Rendered { document, pages }
}

impl Rendered {
    pub fn pdf(&self) -> Result<Vec<u8>, crate::report::ReportError> {
        crate::report::write_pdf(&self.document.summary, &self.pages)
    }

    pub fn xlsx(&self) -> Result<Vec<u8>, crate::report::XlsxError> {
        crate::report::write_xlsx(&self.document)
    }
}

/// Finalises `report` with today's figures, by `actor`: checks it is complete, stores the
/// snapshot and its fingerprint. Returns the finalised report (already saved).
pub fn freeze(store: &mut Store, report: &SavedReport, actor: &str) -> ServiceResult<SavedReport> {
    if report.frozen.is_some() {
        return Err(ServiceError::Refused("Báo cáo đã chốt.".into()));
    }
    report.validate_for_freeze()?;
    let figures = figures_for(store, report)?;
    let mut frozen = report.clone();
    frozen.frozen = Some(Frozen {
        fingerprint: figures.fingerprint(),
        figures,
        at: crate::service::session::now_text(),
        by: actor.to_owned(),
    });
    frozen.row_version = store.save_report(&frozen)?;
    Ok(frozen)
}

/// How today's data differs from a finalised report's figures, in words; None when they agree
/// or the report is a draft.
pub fn drift_since_freeze(store: &Store, report: &SavedReport) -> ServiceResult<Option<String>> {
    let Some(frozen) = report.frozen.as_ref() else {
        return Ok(None);
    };
    let today = gather_figures(
        store,
        report.kind,
        report.year,
        (report.period_from, report.period_to),
    )?;
    Ok(drift_between(&frozen.figures, &today))
}

/// How `now` differs from the `frozen` figures, in words; None when they agree.
pub fn drift_between(frozen_figures: &ReportFigures, today: &ReportFigures) -> Option<String> {
    let frozen = frozen_figures;
    if *today == *frozen {
        return None;
    }
    let (then, now) = (frozen.total(), today.total());
    let mut parts = Vec::new();
    let mut compare = |what: &str, a: i64, b: i64| {
        if a != b {
            parts.push(format!(
                "{what} {} → {} đồng",
                crate::text::number::format_integer(a),
                crate::text::number::format_integer(b)
            ));
        }
    };
    compare("kế hoạch", then.planned, now.planned);
    compare("đã phân bổ", then.allocated, now.allocated);
    compare("đã giải ngân", then.disbursed, now.disbursed);
    if frozen.projects.len() != today.projects.len() {
        parts.push(format!(
            "số đề án {} → {}",
            frozen.projects.len(),
            today.projects.len()
        ));
    }
    if parts.is_empty() {
        parts.push("chi tiết đề án hoặc chỉ tiêu".into());
    }
    Some(format!(
        "Số liệu hiện nay khác số liệu đã chốt: {}. Báo cáo đã chốt vẫn in theo số liệu lúc chốt.",
        parts.join("; ")
    ))
}

/// Writes `bytes` to `path`, naming the file when it cannot.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> ServiceResult<()> {
    std::fs::write(path, bytes).map_err(|source| ServiceError::Write {
        path: path.display().to_string(),
        source,
    })
}

/// `khuyencong report`: a draft of `kind` for `year` with the unit's defaults, written to
/// `out` (PDF) and optionally `xlsx`. Returns a one-line summary.
pub fn write_report_files(
    store: &Store,
    kind: crate::report::ReportKind,
    year: i32,
    today: NaiveDate,
    out: &std::path::Path,
    xlsx: Option<&std::path::Path>,
) -> ServiceResult<String> {
    let defaults = store.report_defaults()?;
    let period = kind.default_period(year);
    let figures = gather_figures(store, kind, year, period)?;
    let report = crate::report::new_draft(kind, year, today, &defaults, &figures);
    let rendered = render(&report, &figures, defaults.millions_decimals);
    write_file(out, &rendered.pdf()?)?;
    if let Some(path) = xlsx {
        write_file(path, &rendered.xlsx()?)?;
    }
    Ok(format!(
        "Đã ghi {} ({} trang, {} đề án){}.",
        out.display(),
        rendered.pages.len(),
        figures.projects.len(),
        xlsx.map(|p| format!(" và {}", p.display()))
            .unwrap_or_default()
    ))
}
