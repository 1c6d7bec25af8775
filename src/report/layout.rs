//! Lays an [`OfficialDocument`] out on A4 pages the way Nghị định 30/2020/NĐ-CP Phụ lục I
//! describes: the main text (header, body, signature, Nơi nhận) on portrait pages numbered from
//! the second, then each appendix on its own pages with its own numbering.

mod agency_name;
mod appendix;
mod column_widths;
mod letterhead;
mod main_text;
mod sheet;
mod table;

pub(crate) use column_widths::{run_over, widths_at as column_widths_at};

use super::document::{Block, Cell, OfficialDocument};
use super::page::{Face, Page};
use super::print_font::{MM_PER_PT, print_fonts};
use crate::text::nfc;
use sheet::Sheet;

/// The white border of a page, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
    pub right_mm: f32,
}

/// Top and bottom 20–25, left 30–35, right 15–20 mm (Phụ lục I, Mục I): the smallest of each,
/// which leaves the most room for text.
pub const PORTRAIT_MARGINS: Margins = Margins {
    top_mm: 20.0,
    bottom_mm: 20.0,
    left_mm: 30.0,
    right_mm: 15.0,
};

/// A landscape page is bound with the rest along its top edge (it is read turned a quarter),
/// so the 30 mm binding margin moves to the top; the other edges keep 20 mm.
pub const LANDSCAPE_MARGINS: Margins = Margins {
    top_mm: 30.0,
    bottom_mm: 20.0,
    left_mm: 20.0,
    right_mm: 20.0,
};

impl Margins {
    pub fn for_orientation(landscape: bool) -> Margins {
        if landscape {
            LANDSCAPE_MARGINS
        } else {
            PORTRAIT_MARGINS
        }
    }
}

/// A face, a size and the height of one line (as a multiple of the size).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Style {
    face: Face,
    size_pt: f32,
    leading: f32,
}

/// Times New Roman's own line height ("single" spacing in a word processor).
const SINGLE: f32 = 1.15;

impl Style {
    const fn new(face: Face, size_pt: f32, leading: f32) -> Style {
        Style {
            face,
            size_pt,
            leading,
        }
    }

    fn line_mm(self) -> f32 {
        self.size_pt * self.leading * MM_PER_PT
    }
}

const PAGE_NUMBER: Style = Style::new(Face::Regular, 13.0, SINGLE);

/// Lays the document out; the pages come in print order.
pub fn layout(doc: &OfficialDocument) -> Vec<Page> {
    let doc = normalised(doc);
    let mut pages = main_text::layout_main_text(&doc);
    number_pages(&mut pages);
    for appendix in &doc.appendices {
        let mut section = appendix::layout_appendix(appendix);
        number_pages(&mut section);
        pages.extend(section);
    }
    pages
}

/// Arabic numbers centred in the top margin, from the second page of a section on: the first
/// page of the main text and of each appendix carries none.
fn number_pages(section: &mut [Page]) {
    let font = print_fonts().face(PAGE_NUMBER.face);
    // Digits are about 0,66 em tall: centre them in the margin.
    let digit_height = 0.66 * PAGE_NUMBER.size_pt * MM_PER_PT;
    for (index, page) in section.iter_mut().enumerate().skip(1) {
        let mut sheet = Sheet::new(page.is_landscape());
        let number = (index + 1).to_string();
        let x = sheet.left() + (sheet.width() - font.width_mm(&number, PAGE_NUMBER.size_pt)) / 2.0;
        let baseline = (sheet.top() + digit_height) / 2.0;
        sheet.text(x, baseline, PAGE_NUMBER, number);
        page.items.append(&mut sheet.page.items);
    }
}

/// A copy of the document with every text in NFC: printpdf does no shaping, so a decomposed
/// "ệ" would print its marks in the wrong place, and widths are measured per code point.
fn normalised(doc: &OfficialDocument) -> OfficialDocument {
    let mut doc = doc.clone();
    let texts = [
        &mut doc.parent_agency,
        &mut doc.issuing_agency,
        &mut doc.number_line,
        &mut doc.place_and_date,
        &mut doc.kind_title,
        &mut doc.summary,
        &mut doc.signer.authority,
        &mut doc.signer.position,
        &mut doc.signer.name,
    ];
    texts.into_iter().for_each(nfc_in_place);
    doc.recipients.iter_mut().for_each(nfc_in_place);
    doc.distribution.iter_mut().for_each(nfc_in_place);
    doc.fingerprint.iter_mut().for_each(nfc_in_place);
    for block in &mut doc.body {
        match block {
            Block::Heading(text) | Block::SubHeading(text) | Block::Paragraph(text) => {
                nfc_in_place(text);
            }
        }
    }
    for appendix in &mut doc.appendices {
        nfc_in_place(&mut appendix.label);
        nfc_in_place(&mut appendix.title);
        nfc_in_place(&mut appendix.attached_to);
        appendix.unit_note.iter_mut().for_each(nfc_in_place);
        for column in &mut appendix.table.columns {
            nfc_in_place(&mut column.heading);
        }
        for row in &mut appendix.table.rows {
            for cell in &mut row.cells {
                if let Cell::Text(text) = cell {
                    nfc_in_place(text);
                }
            }
        }
    }
    doc
}

fn nfc_in_place(text: &mut String) {
    *text = nfc(text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::{Align, Appendix, Column, Row, RowKind, Signer, Table};
    use crate::report::page::PageItem;

    const WORDS: &str = "Hỗ trợ các cơ sở công nghiệp nông thôn đầu tư máy móc thiết bị tiên \
                         tiến, xây dựng mô hình trình diễn kỹ thuật và đào tạo nghề";

    fn document(body: Vec<Block>, recipients: &[&str]) -> OfficialDocument {
        OfficialDocument {
            parent_agency: String::new(),
            issuing_agency: "TRUNG TÂM KHUYẾN CÔNG".into(),
            number_line: "Số: 05/BC-TTKC".into(),
            place_and_date: "Thanh Hóa, ngày 05 tháng 01 năm 2027".into(),
            kind_title: "BÁO CÁO".into(),
            summary: "Kết quả năm 2026".into(),
            recipients: recipients.iter().map(|r| (*r).to_owned()).collect(),
            body,
            signer: Signer {
                authority: String::new(),
                position: "GIÁM ĐỐC".into(),
                name: "Nguyễn Văn An".into(),
            },
            distribution: vec!["Như trên".into(), "Lưu: VT".into()],
            appendices: Vec::new(),
            fingerprint: None,
        }
    }

    /// (text, x, width, baseline) of every text on a page.
    fn texts(page: &Page) -> Vec<(&str, f32, f32, f32)> {
        page.items
            .iter()
            .filter_map(|item| match item {
                PageItem::Text {
                    text,
                    x_mm,
                    width_mm,
                    baseline_mm,
                    ..
                } => Some((text.as_str(), *x_mm, *width_mm, *baseline_mm)),
                PageItem::Line { .. } => None,
            })
            .collect()
    }

    #[test]
    fn paragraphs_are_justified_but_for_their_last_line() {
        let paragraph = format!("{WORDS} {WORDS} {WORDS}");
        let pages = layout(&document(vec![Block::Paragraph(paragraph.clone())], &[]));
        let right = 210.0 - PORTRAIT_MARGINS.right_mm;
        let lines: Vec<_> = texts(&pages[0])
            .into_iter()
            .filter(|(text, ..)| paragraph.contains(text.trim_end_matches("./.")))
            .collect();
        assert!(lines.len() >= 3, "{lines:?}");
        let (last, full) = lines.split_last().expect("lines");
        for (text, x, width, _) in full {
            assert!(
                (x + width - right).abs() < 0.01,
                "{text:?} ends at {}",
                x + width
            );
        }
        assert!(
            last.1 + last.2 < right - 1.0,
            "the last line is not stretched"
        );
        assert!(
            last.0.ends_with("đào tạo nghề./."),
            "the body ends with ./.: {:?}",
            last.0
        );
        assert!(
            (full[0].1 - PORTRAIT_MARGINS.left_mm - 12.7).abs() < 0.01,
            "first-line indent"
        );
        assert!((full[1].1 - PORTRAIT_MARGINS.left_mm).abs() < 0.01);
    }

    #[test]
    fn the_end_mark_replaces_a_final_full_stop_and_is_never_doubled() {
        for (text, expected) in [
            ("Trân trọng báo cáo.", "Trân trọng báo cáo./."),
            ("Trân trọng báo cáo", "Trân trọng báo cáo./."),
            ("Trân trọng báo cáo./.", "Trân trọng báo cáo./."),
        ] {
            let pages = layout(&document(vec![Block::Paragraph(text.into())], &[]));
            assert!(pages[0].texts().any(|t| t == expected), "{text:?}");
        }
    }

    #[test]
    fn one_recipient_shares_the_line_with_kinh_gui() {
        let pages = layout(&document(Vec::new(), &["Bộ Công Thương"]));
        let placed = texts(&pages[0]);
        let label = placed.iter().find(|t| t.0 == "Kính gửi:").expect("label");
        let recipient = placed
            .iter()
            .find(|t| t.0 == "Bộ Công Thương.")
            .expect("recipient");
        assert_eq!(label.3, recipient.3);
        assert!(recipient.1 > label.1 + label.2);
    }

    #[test]
    fn without_a_parent_agency_the_agency_takes_the_first_row() {
        let pages = layout(&document(Vec::new(), &[]));
        let placed = texts(&pages[0]);
        let agency = placed
            .iter()
            .find(|t| t.0 == "TRUNG TÂM KHUYẾN CÔNG")
            .expect("agency");
        let nation = placed
            .iter()
            .find(|t| t.0 == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            .expect("Quốc hiệu");
        assert_eq!(agency.3, nation.3);
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_between_pages() {
        let long = vec![WORDS; 60].join(" ");
        let table = Table::new(
            vec![
                Column {
                    heading: "TT".into(),
                    weight: 1,
                    align: Align::Center,
                },
                Column {
                    heading: "Nội dung".into(),
                    weight: 4,
                    align: Align::Left,
                },
            ],
            vec![Row {
                kind: RowKind::Data,
                cells: vec![Cell::Count(1), Cell::Text(long)],
            }],
        );
        let mut doc = document(Vec::new(), &[]);
        doc.appendices.push(Appendix {
            label: "Phụ lục I".into(),
            title: "BẢNG DÀI".into(),
            attached_to: "(Kèm theo Báo cáo số 05/BC-TTKC)".into(),
            unit_note: None,
            landscape: false,
            table,
        });
        let pages = layout(&doc);
        let appendix = &pages[1..];
        assert!(
            appendix.len() >= 2,
            "the row runs over {} pages",
            appendix.len()
        );
        for page in appendix {
            assert!(
                page.texts().any(|t| t == "Nội dung"),
                "header on every page"
            );
            let bottom = page.height_mm - PORTRAIT_MARGINS.bottom_mm;
            for (text, _, _, baseline) in texts(page) {
                assert!(baseline < bottom, "{text:?} below the margin");
            }
        }
    }
}
