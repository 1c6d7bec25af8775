//! A saved report and its figures → the official document the layout, PDF and XLSX read.

use super::appendices::appendices;
use super::document::{Block, MillionsDecimals, OfficialDocument};
use crate::domain::report::figures::ReportFigures;
use crate::domain::report::saved_report::{SECTION_HEADINGS, SavedReport};
use crate::text::fold::nfc;

/// True for a line staff wrote as a numbered sub-heading: "1. Đào tạo nghề: …" stays a
/// paragraph, "1. Kết quả đào tạo nghề" alone (short, no final period) is a heading.
fn is_sub_heading(line: &str) -> bool {
    let Some((number, rest)) = line.split_once(". ") else {
        return false;
    };
    !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
        && !rest.ends_with('.')
        && !rest.contains(':')
        && rest.chars().count() < 90
}

/// The body: each section's heading, then its lines as paragraphs (or sub-headings).
fn body(report: &SavedReport) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (heading, text) in SECTION_HEADINGS.iter().zip(&report.sections) {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        blocks.push(Block::Heading((*heading).to_owned()));
        for line in lines {
            blocks.push(if is_sub_heading(line) {
                Block::SubHeading(nfc(line))
            } else {
                Block::Paragraph(nfc(line))
            });
        }
    }
    blocks
}

/// The agency name as a sentence names it ("của Sở Công Thương").
fn agency_in_text(report: &SavedReport) -> String {
    report.agency.trim().to_owned()
}

/// Builds the document. `figures` are the frozen ones for a finalised report; `decimals` is
/// the unit's number of decimals for triệu đồng.
pub fn build_document(
    report: &SavedReport,
    figures: &ReportFigures,
    decimals: MillionsDecimals,
) -> OfficialDocument {
    let attached_to = format!(
        "(Kèm theo Báo cáo số {} {} của {})",
        report.reference(),
        report.date_phrase(),
        agency_in_text(report)
    );
    OfficialDocument {
        parent_agency: nfc(report.parent_agency.trim()).to_uppercase(),
        issuing_agency: nfc(report.agency.trim()).to_uppercase(),
        number_line: report.number_line(),
        place_and_date: nfc(&report.place_and_date()),
        kind_title: "BÁO CÁO".into(),
        summary: report.kind.summary(report.year),
        recipients: clean(&report.recipients),
        body: body(report),
        signer: super::document::Signer {
            authority: nfc(report.signer.authority.trim()).to_uppercase(),
            position: nfc(report.signer.position.trim()).to_uppercase(),
            name: nfc(report.signer.name.trim()),
        },
        distribution: clean(&report.distribution),
        appendices: appendices(figures, &attached_to, &report.agency, decimals),
        fingerprint: report.frozen.as_ref().map(|f| f.fingerprint.clone()),
    }
}

fn clean(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| {
            nfc(s
                .trim()
                .trim_start_matches('-')
                .trim()
                .trim_end_matches([';', '.']))
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_titles_become_sub_headings_and_sentences_stay_paragraphs() {
        assert!(is_sub_heading("1. Kết quả đào tạo nghề"));
        assert!(!is_sub_heading(
            "1. Đào tạo nghề: 3 đề án, kinh phí 300 triệu đồng."
        ));
        assert!(!is_sub_heading("Năm 2026, tổng kinh phí. Đã giải ngân"));
    }
}
