//! A saved report and its figures → the official document the layout, PDF and XLSX read.

use super::appendices::appendices;
use super::document::{Block, MillionsDecimals, OfficialDocument, Signer};
use crate::domain::report::figures::ReportFigures;
use crate::domain::report::saved_report::{SavedReport, one_line};
use crate::domain::report::signer::Authority;
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

/// The body: the opening paragraph, each section's heading then its lines as paragraphs (or
/// sub-headings), and the closing formula.
fn body(report: &SavedReport) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (heading, text) in report.body_texts() {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        if let Some(heading) = heading {
            blocks.push(Block::Heading(heading.to_owned()));
        }
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
    one_line(&report.agency)
}

/// A name for the letterhead: upper case, a line break the user typed kept as the break.
fn letterhead_name(name: &str) -> String {
    name.lines()
        .map(|line| one_line(&nfc(line)).to_uppercase())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The printed signature block from the domain's composed title lines.
fn signer(report: &SavedReport) -> Signer {
    let mut lines = report.signer.title_lines().into_iter();
    let (authority, position) = match (lines.next(), lines.next()) {
        (Some(first), Some(second)) => (first, second),
        (Some(first), None) if report.signer.authority == Authority::InPerson => {
            (String::new(), first)
        }
        (Some(first), None) => (first, String::new()),
        (None, _) => (String::new(), String::new()),
    };
    Signer {
        authority,
        position,
        name: nfc(&one_line(&report.signer.name)),
    }
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
        parent_agency: letterhead_name(&report.parent_agency),
        issuing_agency: letterhead_name(&report.agency),
        number_line: report.number_line(),
        place_and_date: nfc(&report.place_and_date()),
        kind_title: "BÁO CÁO".into(),
        summary: report.kind.summary(report.year),
        recipients: clean(&report.recipients),
        body: body(report),
        signer: signer(report),
        distribution: clean(&report.distribution_items()),
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
    use crate::domain::report::{ReportDefaults, ReportKind};

    fn report(authority: Authority, head: &str, position: &str) -> SavedReport {
        let day = chrono::NaiveDate::from_ymd_opt(2027, 2, 5).expect("date");
        let mut defaults =
            ReportDefaults::suggested("Trung tâm Khuyến công Thanh Hóa", "Tỉnh Thanh Hóa");
        defaults.signer.authority = authority;
        defaults.signer.head = head.into();
        defaults.signer.position = position.into();
        defaults.signer.name = "  Nguyễn   Văn An ".into();
        SavedReport::new(
            ReportKind::Year,
            2026,
            day,
            &defaults,
            vec!["Nội dung.".into()],
        )
    }

    fn figures() -> ReportFigures {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 14).expect("date");
        ReportFigures {
            kind: ReportKind::Year,
            year: 2026,
            period_from: day,
            period_to: day,
            sources: Vec::new(),
            before_period: None,
            projects: Vec::new(),
            contents: Vec::new(),
            indicators: Vec::new(),
            programme: None,
        }
    }

    #[test]
    fn the_document_prints_the_composed_signer_lines() {
        for (authority, head, position, lines) in [
            (
                Authority::Deputy,
                "Giám đốc",
                "Phó Giám đốc",
                ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            ),
            (
                Authority::Collective,
                "Ủy ban nhân dân",
                "Chủ tịch",
                ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            ),
            (
                Authority::Acting,
                "Giám đốc",
                "Phó Giám đốc",
                ["Q. GIÁM ĐỐC", ""],
            ),
            (
                Authority::ByOrder,
                "Giám đốc",
                "Chánh Văn phòng",
                ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
            ),
            (
                Authority::Delegated,
                "Giám đốc",
                "Trưởng phòng",
                ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG"],
            ),
            (
                Authority::InPerson,
                "Giám đốc",
                "Giám đốc",
                ["", "GIÁM ĐỐC"],
            ),
        ] {
            let doc = build_document(
                &report(authority, head, position),
                &figures(),
                MillionsDecimals::default(),
            );
            assert_eq!(
                [doc.signer.authority.as_str(), doc.signer.position.as_str()],
                lines,
                "{authority:?}"
            );
            assert_eq!(doc.signer.name, "Nguyễn Văn An");
        }
    }

    #[test]
    fn a_draft_opens_closes_files_and_waits_for_the_van_thu() {
        let mut r = report(Authority::Deputy, "Giám đốc", "Phó Giám đốc");
        r.filing.initials = "NVA".into();
        r.filing.copies = 3;
        let doc = build_document(&r, &figures(), MillionsDecimals::default());
        assert_eq!(doc.number_line, "Số:      /BC-TTKC");
        assert_eq!(doc.place_and_date, "Thanh Hóa, ngày     tháng     năm 2027");
        assert_eq!(doc.issuing_agency, "TRUNG TÂM KHUYẾN CÔNG THANH HÓA");
        assert!(matches!(&doc.body[0], Block::Paragraph(p) if p.starts_with("Thực hiện ")));
        assert!(
            matches!(doc.body.last(), Some(Block::Paragraph(p)) if p.starts_with("Trên đây là báo cáo"))
        );
        assert_eq!(
            doc.distribution.last().map(String::as_str),
            Some("Lưu: VT, TTKC (NVA03)")
        );

        r.number = "7".into();
        r.date_left_blank = false;
        r.agency = "Trung tâm\nKhuyến công Thanh Hóa".into();
        let doc = build_document(&r, &figures(), MillionsDecimals::default());
        assert_eq!(doc.number_line, "Số: 07/BC-TTKC");
        assert_eq!(doc.place_and_date, "Thanh Hóa, ngày 05 tháng 02 năm 2027");
        assert_eq!(doc.issuing_agency, "TRUNG TÂM\nKHUYẾN CÔNG THANH HÓA");
        assert!(doc.appendices.iter().all(|a| {
            a.attached_to
                .contains("của Trung tâm Khuyến công Thanh Hóa)")
        }));
    }

    #[test]
    fn numbered_titles_become_sub_headings_and_sentences_stay_paragraphs() {
        assert!(is_sub_heading("1. Kết quả đào tạo nghề"));
        assert!(!is_sub_heading(
            "1. Đào tạo nghề: 3 đề án, kinh phí 300 triệu đồng."
        ));
        assert!(!is_sub_heading("Năm 2026, tổng kinh phí. Đã giải ngân"));
    }
}
