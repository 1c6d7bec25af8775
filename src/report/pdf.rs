//! Writes laid-out pages as a PDF: the print fonts embedded as subsets (their ToUnicode maps
//! keep the text extractable, so copy-paste gives the same Vietnamese), everything black, the
//! trích yếu as the document title.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, TextItem, TextMatrix,
};

use super::document::OfficialDocument;
use super::error::ReportError;
use super::layout::layout;
use super::page::{Face, Page, PageItem};
use super::print_font::{MM_PER_PT, print_fonts};
use crate::text::nfc;

/// Named in the PDF's document information as the application that made it.
const CREATOR: &str = "Sổ Khuyến công";

/// Lays the document out and writes it; the PDF's title is the trích yếu.
pub fn render_pdf(doc: &OfficialDocument) -> Result<Vec<u8>, ReportError> {
    let title = nfc(&doc.summary)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    write_pdf(&title, &layout(doc))
}

/// Writes `pages` as one PDF document titled `title`.
pub fn write_pdf(title: &str, pages: &[Page]) -> Result<Vec<u8>, ReportError> {
    if pages.is_empty() {
        return Err(ReportError::NoPages);
    }
    let mut document = PdfDocument::new(title);
    document.metadata.info.creator = CREATOR.to_owned();
    // Signing tools and document registers show these dates; printpdf defaults to 1970.
    if let Ok(now) = printpdf::OffsetDateTime::from_unix_timestamp(chrono::Utc::now().timestamp()) {
        let info = &mut document.metadata.info;
        info.creation_date = now;
        info.modification_date = now;
        info.metadata_date = now;
    }
    let fonts = embed_used_faces(&mut document, pages);
    let pdf_pages = pages
        .iter()
        .map(|page| {
            PdfPage::new(
                Mm(page.width_mm),
                Mm(page.height_mm),
                page_ops(page, &fonts),
            )
        })
        .collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let bytes = document.with_pages(pdf_pages).save(&options, &mut warnings);
    match warnings
        .into_iter()
        .find(|warning| warning.severity == PdfParseErrorSeverity::Error)
    {
        Some(error) => Err(ReportError::Pdf(error.msg)),
        None => Ok(bytes),
    }
}

/// The PDF font of each face the pages use; faces nobody uses are not embedded.
type FontIds = [Option<FontId>; 4];

fn embed_used_faces(document: &mut PdfDocument, pages: &[Page]) -> FontIds {
    let mut used = [false; 4];
    for item in pages.iter().flat_map(|page| &page.items) {
        if let PageItem::Text { face, .. } = item {
            used[*face as usize] = true;
        }
    }
    Face::ALL.map(|face| {
        used[face as usize].then(|| document.add_font(print_fonts().face(face).parsed()))
    })
}

fn black() -> Color {
    Color::Greyscale(Greyscale::new(0.0, None))
}

/// The page's rules, then all its text in one text section, the font set only when it changes.
fn page_ops(page: &Page, fonts: &FontIds) -> Vec<Op> {
    let to_pdf_y = |y_mm: f32| Mm(page.height_mm - y_mm);
    let mut ops = vec![
        Op::SetFillColor { col: black() },
        Op::SetOutlineColor { col: black() },
    ];
    let mut thickness = None;
    for item in &page.items {
        if let PageItem::Line {
            x1_mm,
            y1_mm,
            x2_mm,
            y2_mm,
            width_pt,
        } = *item
        {
            if thickness != Some(width_pt) {
                ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
                thickness = Some(width_pt);
            }
            let point = |x: f32, y: f32| LinePoint {
                p: Point::new(Mm(x), to_pdf_y(y)),
                bezier: false,
            };
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(x1_mm, y1_mm), point(x2_mm, y2_mm)],
                    is_closed: false,
                },
            });
        }
    }

    ops.push(Op::StartTextSection);
    let mut current_font = None;
    for item in &page.items {
        let PageItem::Text {
            x_mm,
            baseline_mm,
            size_pt,
            face,
            text,
            word_spacing_mm,
            ..
        } = item
        else {
            continue;
        };
        let Some(font) = &fonts[*face as usize] else {
            continue;
        };
        if current_font != Some((*face, *size_pt)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(*size_pt),
            });
            current_font = Some((*face, *size_pt));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Mm(*x_mm).into_pt(), to_pdf_y(*baseline_mm).into_pt()),
        });
        ops.push(Op::ShowText {
            items: text_items(text, *word_spacing_mm, *size_pt),
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// A justified line keeps its real spaces (so extracted text reads normally) and widens each
/// with a TJ adjustment: word spacing (Tw) does not apply to two-byte CID fonts.
fn text_items(text: &str, word_spacing_mm: f32, size_pt: f32) -> Vec<TextItem> {
    if word_spacing_mm <= 0.0 {
        return vec![TextItem::Text(text.to_owned())];
    }
    // TJ numbers are thousandths of an em, and a positive one moves the pen back.
    let adjustment = -(word_spacing_mm / MM_PER_PT) / size_pt * 1000.0;
    let mut items = Vec::new();
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        if words.peek().is_some() {
            items.push(TextItem::Text(format!("{word} ")));
            items.push(TextItem::Offset(adjustment));
        } else {
            items.push(TextItem::Text(word.to_owned()));
        }
    }
    items
}
