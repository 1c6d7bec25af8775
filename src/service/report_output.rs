//! One path from a saved report to its pages, PDF and XLSX, shared by the Báo cáo screen and
//! `khuyencong report`, so both produce the same file.

use chrono::{Datelike, NaiveDate};

use crate::domain::report::saved_report::{Frozen, SavedReport};
use crate::domain::report::signer::Authority;
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
        crate::report::write_pdf(
            &crate::report::pdf::DocumentInfo::of(&self.document),
            &self.pages,
        )
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

/// Writes `bytes` to `path`, naming the file when it cannot. The bytes go to a sibling
/// `….dang-ghi` first and replace `path` only once written whole, so a full disk or a kill
/// mid-write never leaves half a PDF under the report's name (nor destroys the one there).
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> ServiceResult<()> {
    use std::io::Write;
    let error = |source| ServiceError::Write {
        path: path.display().to_string(),
        source,
    };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".dang-ghi");
    let partial = std::path::PathBuf::from(partial);
    let written = std::fs::File::create(&partial).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&partial, path)) {
        Ok(()) => Ok(()),
        Err(source) => {
            // Best effort: the partial file is ours and worth nothing.
            let _ = std::fs::remove_file(&partial);
            Err(error(source))
        }
    }
}

#[cfg(test)]
mod write_file_tests {
    #[test]
    fn a_file_is_replaced_whole_or_not_at_all() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bao-cao.pdf");
        super::write_file(&path, b"first").expect("written");
        super::write_file(&path, b"second").expect("replaced");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["bao-cao.pdf"], "no partial file left");
        // A folder that does not exist: refused, naming the file, nothing left behind.
        let missing = dir.path().join("khong-co").join("x.pdf");
        let err = super::write_file(&missing, b"x").expect_err("no folder");
        assert!(err.to_string().contains("x.pdf"), "{err}");
    }
}

/// What `khuyencong report` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportRequest {
    /// A new draft of `kind` for `year` with the unit's defaults, completed by `fill`.
    Draft {
        kind: crate::report::ReportKind,
        year: i32,
        fill: DraftFill,
    },
    /// A report saved in the database, found by its number (Số), and by the year of its date
    /// when several share the number.
    Saved { number: String, year: Option<i32> },
}

/// What the command line fills in on a draft; None keeps the unit's default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftFill {
    /// Số (`--so`); none leaves "Số:      /BC-…" for the Văn thư.
    pub number: Option<String>,
    /// Ngày ban hành (`--ngay`); none leaves day and month for the Văn thư.
    pub date: Option<NaiveDate>,
    /// Họ tên người ký (`--nguoi-ky`).
    pub signer_name: Option<String>,
    /// Quyền hạn ký (`--quyen-han`), with the head's title when it was written out
    /// ("KT. Giám đốc").
    pub authority: Option<(Authority, String)>,
    /// Chức vụ người ký (`--chuc-vu`).
    pub position: Option<String>,
}

impl DraftFill {
    /// Writes the filled fields into `report`.
    pub fn apply(&self, report: &mut SavedReport) {
        if let Some(number) = &self.number {
            report.number = number.clone();
        }
        if let Some(date) = self.date {
            report.date = date;
            report.date_left_blank = false;
        }
        if let Some(name) = &self.signer_name {
            report.signer.name = name.clone();
        }
        if let Some(position) = &self.position {
            report.signer.position = position.clone();
        }
        if let Some((authority, head)) = &self.authority {
            let signer = &mut report.signer;
            signer.authority = *authority;
            if !head.is_empty() {
                signer.head = head.clone();
            }
            // "KT." with the head's own title as position would print "KT. GIÁM ĐỐC" over
            // "GIÁM ĐỐC": the deputy is the Phó.
            let same_as_head =
                crate::text::fold(&signer.position) == crate::text::fold(&signer.head);
            if *authority == Authority::Deputy && self.position.is_none() && same_as_head {
                signer.position = format!("Phó {}", signer.head.trim());
            }
        }
    }
}

/// `khuyencong report`: the PDF (and XLSX) of `request`. Returns a summary, with a warning
/// when the signature block still lacks what the decree wants.
pub fn write_report_files(
    store: &Store,
    request: &ReportRequest,
    today: NaiveDate,
    out: &std::path::Path,
    xlsx: Option<&std::path::Path>,
) -> ServiceResult<String> {
    let defaults = store.report_defaults()?;
    let (report, figures) = match request {
        ReportRequest::Draft { kind, year, fill } => {
            let period = kind.default_period(*year);
            let figures = gather_figures(store, *kind, *year, period)?;
            let mut report = crate::report::new_draft(*kind, *year, today, &defaults, &figures);
            fill.apply(&mut report);
            (report, figures)
        }
        ReportRequest::Saved { number, year } => {
            let report = saved_by_number(store, number, *year)?;
            let figures = figures_for(store, &report)?;
            (report, figures)
        }
    };
    let rendered = render(&report, &figures, defaults.millions_decimals);
    write_file(out, &rendered.pdf()?)?;
    if let Some(path) = xlsx {
        write_file(path, &rendered.xlsx()?)?;
    }
    let mut summary = format!(
        "Đã ghi {} ({} trang, {} đề án){}.",
        out.display(),
        rendered.pages.len(),
        figures.projects.len(),
        xlsx.map(|p| format!(" và {}", p.display()))
            .unwrap_or_default()
    );
    if let Some(problem) = report.signer.problem() {
        summary.push_str(&format!(
            "\nCảnh báo: {problem} Ghi người ký bằng --nguoi-ky, --quyen-han, --chuc-vu."
        ));
    }
    Ok(summary)
}

/// The saved report numbered `number` (leading zeros aside), of the year `year` if given.
fn saved_by_number(store: &Store, number: &str, year: Option<i32>) -> ServiceResult<SavedReport> {
    let wanted = number.trim().trim_start_matches('0');
    let mut found: Vec<SavedReport> = store
        .reports()?
        .into_iter()
        .filter(|r| r.number.trim().trim_start_matches('0') == wanted && !wanted.is_empty())
        .filter(|r| year.is_none_or(|y| r.date.year() == y))
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(ServiceError::Refused(format!(
            "Không có báo cáo số {} {}trong tệp dữ liệu.",
            number.trim(),
            year.map(|y| format!("năm {y} ")).unwrap_or_default()
        ))),
        _ => {
            let mut years: Vec<String> = found.iter().map(|r| r.date.year().to_string()).collect();
            years.dedup();
            Err(ServiceError::Refused(format!(
                "Có {} báo cáo cùng số {} (năm {}); thêm --year NĂM để chọn một.",
                found.len(),
                number.trim(),
                years.join(", ")
            )))
        }
    }
}
