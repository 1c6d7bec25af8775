//! Writes laid-out pages as a PDF: the print fonts embedded as subsets (their ToUnicode maps
//! keep the text extractable, so copy-paste gives the same Vietnamese), everything black.
//!
//! printpdf writes PDF 1.3, an empty `/GTS_PDFXVersion` (readers then call the file PDF/X) and
//! UTC dates, and has no document language. Nghị định 30/2020 asks for ".pdf phiên bản 1.4 trở
//! lên", so the document printpdf builds is finished here with lopdf (which printpdf itself is
//! built on) before it is saved: version 1.7, an Info dictionary of our own, XMP metadata,
//! `/Lang (vi-VN)`, dates in Vietnam time. The cross-reference stays a classic table, so a
//! signing tool can append its incremental update.

use chrono::{DateTime, FixedOffset};
use lopdf::{Dictionary, Object, Stream, StringFormat};
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
const PRODUCER: &str = "Sổ Khuyến công (printpdf, lopdf)";
/// The PDF version written: ISO 32000-1.
const PDF_VERSION: &str = "1.7";
/// The document's language, for screen readers and search (BCP 47).
const LANGUAGE: &str = "vi-VN";
/// Vietnam's time zone, UTC+07:00, all year.
const VIETNAM_OFFSET_SECONDS: i32 = 7 * 3600;

/// What the PDF says about itself (Info dictionary and XMP).
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentInfo {
    /// The trích yếu.
    pub title: String,
    /// The issuing unit.
    pub author: String,
    /// "Báo cáo số 15/BC-TTKC, Thanh Hóa, ngày 05 tháng 01 năm 2027".
    pub subject: String,
    /// When the file was written, in Vietnam time.
    pub created: DateTime<FixedOffset>,
}

impl DocumentInfo {
    /// The information of `doc`, written now.
    pub fn of(doc: &OfficialDocument) -> DocumentInfo {
        let one_line = |text: &str| nfc(text).split_whitespace().collect::<Vec<_>>().join(" ");
        let number = doc
            .number_line
            .trim_start_matches("Số:")
            .split_whitespace()
            .collect::<String>();
        let kind = lower_but_first(&one_line(&doc.kind_title));
        // A draft's number is left for the Văn thư: "Báo cáo, Thanh Hóa, ngày … ".
        let number = if number.starts_with('/') || number.is_empty() {
            String::new()
        } else {
            format!(" số {number}")
        };
        DocumentInfo {
            title: one_line(&doc.summary),
            author: one_line(&doc.issuing_agency),
            subject: one_line(&format!("{kind}{number}, {}", doc.place_and_date)),
            created: vietnam_now(),
        }
    }
}

/// "BÁO CÁO" → "Báo cáo".
fn lower_but_first(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The time now in Vietnam, whatever the computer's own zone.
pub fn vietnam_now() -> DateTime<FixedOffset> {
    match FixedOffset::east_opt(VIETNAM_OFFSET_SECONDS) {
        Some(offset) => chrono::Utc::now().with_timezone(&offset),
        None => chrono::Utc::now().fixed_offset(),
    }
}

/// Lays the document out and writes it.
pub fn render_pdf(doc: &OfficialDocument) -> Result<Vec<u8>, ReportError> {
    write_pdf(&DocumentInfo::of(doc), &layout(doc))
}

/// Writes `pages` as one PDF document described by `info`.
pub fn write_pdf(info: &DocumentInfo, pages: &[Page]) -> Result<Vec<u8>, ReportError> {
    if pages.is_empty() {
        return Err(ReportError::NoPages);
    }
    let mut document = PdfDocument::new(&info.title);
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
    let mut pdf = document
        .with_pages(pdf_pages)
        .to_lopdf_document(&options, &mut warnings);
    if let Some(error) = warnings
        .into_iter()
        .find(|warning| warning.severity == PdfParseErrorSeverity::Error)
    {
        return Err(ReportError::Pdf(error.msg));
    }
    describe(&mut pdf, info)?;
    if options.optimize {
        pdf.compress();
    }
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    Ok(bytes)
}

/// Version, Info, XMP and language: see the module's comment.
fn describe(pdf: &mut lopdf::Document, info: &DocumentInfo) -> Result<(), ReportError> {
    pdf.version = PDF_VERSION.to_owned();
    let date = Object::String(pdf_date(&info.created).into_bytes(), StringFormat::Literal);
    let text = |s: &str| Object::String(utf16_text(s), StringFormat::Hexadecimal);
    let mut dictionary = Dictionary::new();
    dictionary.set("Title", text(&info.title));
    dictionary.set("Author", text(&info.author));
    dictionary.set("Subject", text(&info.subject));
    dictionary.set("Creator", text(CREATOR));
    dictionary.set("Producer", text(PRODUCER));
    dictionary.set("CreationDate", date.clone());
    dictionary.set("ModDate", date);
    dictionary.set("Trapped", Object::Name(b"False".to_vec()));
    // printpdf's own dictionary (with its empty PDF/X claim) is replaced where it stands, so no
    // copy of it is left in the file.
    match pdf.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            pdf.objects.insert(id, Object::Dictionary(dictionary));
        }
        Err(_) => {
            let id = pdf.add_object(dictionary);
            pdf.trailer.set("Info", Object::Reference(id));
        }
    }

    // Metadata streams stay uncompressed, so tools that do not parse PDF can still find them.
    let mut xmp = Dictionary::new();
    xmp.set("Type", Object::Name(b"Metadata".to_vec()));
    xmp.set("Subtype", Object::Name(b"XML".to_vec()));
    let xmp = Stream::new(xmp, xmp_packet(info).into_bytes()).with_compression(false);
    let xmp_id = pdf.add_object(xmp);

    let mut preferences = Dictionary::new();
    // Readers show the trích yếu in their title bar, not the file name.
    preferences.set("DisplayDocTitle", Object::Boolean(true));
    let catalog = pdf
        .catalog_mut()
        .map_err(|e| ReportError::Pdf(format!("PDF catalog: {e}")))?;
    catalog.set("Metadata", Object::Reference(xmp_id));
    catalog.set(
        "Lang",
        Object::String(LANGUAGE.as_bytes().to_vec(), StringFormat::Literal),
    );
    catalog.set("ViewerPreferences", Object::Dictionary(preferences));
    Ok(())
}

/// A PDF text string: UTF-16BE with its byte-order mark, the form every reader decodes.
fn utf16_text(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in nfc(text).encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    bytes
}

/// "D:20270105143000+07'00'".
fn pdf_date(at: &DateTime<FixedOffset>) -> String {
    let offset = at.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let minutes = offset.abs() / 60;
    format!(
        "D:{}{sign}{:02}'{:02}'",
        at.format("%Y%m%d%H%M%S"),
        minutes / 60,
        minutes % 60
    )
}

/// The XMP packet (ISO 16684-1) repeating the Info dictionary, with the language.
fn xmp_packet(info: &DocumentInfo) -> String {
    let date = info.created.format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let title = xml_escape(&nfc(&info.title));
    let author = xml_escape(&nfc(&info.author));
    let subject = xml_escape(&nfc(&info.subject));
    let creator = xml_escape(CREATOR);
    let producer = xml_escape(PRODUCER);
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">
 <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">
  <rdf:Description rdf:about=\"\"
    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"
    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"
    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end=\"w\"?>"
    )
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_carry_vietnam_time() {
        let at = DateTime::parse_from_rfc3339("2027-01-05T14:30:00+07:00").expect("date");
        assert_eq!(pdf_date(&at), "D:20270105143000+07'00'");
        assert_eq!(vietnam_now().offset().local_minus_utc(), 7 * 3600);
    }

    #[test]
    fn the_xmp_packet_escapes_its_texts() {
        let info = DocumentInfo {
            title: "Kết quả <năm> & \"kế hoạch\"".into(),
            author: "TRUNG TÂM KHUYẾN CÔNG".into(),
            subject: "Báo cáo".into(),
            created: DateTime::parse_from_rfc3339("2027-01-05T14:30:00+07:00").expect("date"),
        };
        let xmp = xmp_packet(&info);
        assert!(xmp.contains("Kết quả &lt;năm&gt; &amp; &quot;kế hoạch&quot;"));
        assert!(xmp.contains("<xmp:CreateDate>2027-01-05T14:30:00+07:00</xmp:CreateDate>"));
        assert!(xmp.contains("<rdf:li>vi-VN</rdf:li>"));
    }
}
