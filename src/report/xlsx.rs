//! The report's appendices as a spreadsheet: one sheet per appendix, with the same numbers the
//! PDF prints (already rounded in the [`OfficialDocument`]) stored as real numbers, so the
//! province can add them up again in Excel.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use crate::report::document::{Align, Appendix, Cell, MillionsDecimals, OfficialDocument, RowKind};
use crate::report::layout::column_widths_at;
use crate::report::layout::run_over;
use crate::report::page::Face;
use crate::report::print_font::print_fonts;
use crate::text::nfc;

/// The spreadsheet could not be written. rust_xlsxwriter's own (English) text stays in the
/// source chain for the support log; the user reads Vietnamese.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// A text longer than Excel keeps in one cell, named by sheet and cell.
    #[error(
        "không tạo được tệp Excel (XLSX): ô {cell} của trang \"{sheet}\" có {length} ký tự, quá \
         giới hạn 32.767 ký tự của một ô Excel; hãy rút ngắn nội dung đó."
    )]
    TooLong {
        sheet: String,
        cell: String,
        length: usize,
    },
    /// Anything else the writer refused.
    #[error("không tạo được tệp Excel (XLSX) do lỗi nội bộ của bộ ghi Excel.")]
    Writer(#[from] rust_xlsxwriter::XlsxError),
}

/// Excel's limit on one cell's text, in UTF-16 code units (as Excel counts).
const MAX_CELL_TEXT: usize = 32_767;

/// Refuses, naming the sheet and cell, a text Excel could not keep in one cell.
fn fits_in_cell(sheet: &Worksheet, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
    let length = text.encode_utf16().count();
    if length > MAX_CELL_TEXT {
        return Err(XlsxError::TooLong {
            sheet: sheet.name(),
            cell: rust_xlsxwriter::utility::row_col_to_cell(row, col),
            length,
        });
    }
    Ok(())
}

/// Nghị định 30/2020 asks for Times New Roman; Excel on Windows has it (LibreOffice sets the
/// metric-compatible Liberation Serif in its place, and the print fonts measure the same).
const FONT_NAME: &str = "Times New Roman";
const FONT_SIZE: f64 = 11.0;
/// Height of one line of 11 pt text, in points: what Excel gives a wrapped line of it.
const LINE_HEIGHT_PT: f64 = 15.0;
/// Room Excel and LibreOffice keep between a cell's text and its borders, each side, in mm
/// (about 4 px: more than either uses, so a number measured to fit does fit).
const CELL_PADDING_MM: f32 = 1.1;
/// Light grey: visible on screen, still clean when printed in black and white.
const HEADER_FILL: u32 = 0xF2F2F2;
/// A4 in Excel's paper-size codes.
const PAPER_A4: u8 = 9;

/// Page margins in millimetres, the same as the PDF's (report::layout): Nghị định 30/2020's
/// 30 mm binding margin is on the left of a portrait page and on the top of a landscape one.
struct MarginsMm {
    top: f64,
    bottom: f64,
    left: f64,
    right: f64,
}

const PORTRAIT_MARGINS: MarginsMm = MarginsMm {
    top: 20.0,
    bottom: 20.0,
    left: 30.0,
    right: 15.0,
};
const LANDSCAPE_MARGINS: MarginsMm = MarginsMm {
    top: 30.0,
    bottom: 20.0,
    left: 20.0,
    right: 20.0,
};
const MARGIN_HEADER_FOOTER_MM: f64 = 8.0;
const A4_SHORT_MM: f64 = 210.0;
const A4_LONG_MM: f64 = 297.0;
/// Excel's screen pixels per millimetre (96 dpi).
const PIXELS_PER_MM: f64 = 96.0 / 25.4;
/// Narrowest column, in pixels, whatever it holds.
const MIN_COLUMN_PIXELS: f64 = 28.0;

/// Writes every appendix of `doc` as a sheet of one workbook and returns the .xlsx bytes.
pub fn write_xlsx(doc: &OfficialDocument) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // Empty cells and rows inherit the default format, so the whole sheet is Times New Roman.
    // 20 px rows and 64 px columns are Excel's defaults for an 11 pt font.
    workbook.set_default_format(&Formats::base(), 20, 64)?;
    let names = sheet_names(&doc.appendices);
    for (appendix, name) in doc.appendices.iter().zip(names) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        let formats = Formats::new(appendix.table.decimals);
        write_appendix(sheet, appendix, &formats)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// Sheet names from the appendix labels: at most 31 characters, without the characters Excel
/// forbids, and unique ignoring case (as Excel compares them).
fn sheet_names(appendices: &[Appendix]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::with_capacity(appendices.len());
    let mut names = Vec::with_capacity(appendices.len());
    for (i, appendix) in appendices.iter().enumerate() {
        let cleaned: String = nfc(appendix.label.trim())
            .chars()
            .map(|c| match c {
                '*' | '?' | ':' | '[' | ']' | '\\' | '/' => '-',
                c => c,
            })
            .collect();
        let cleaned = cleaned.trim_matches(['\'', ' ']);
        let base = if cleaned.is_empty() {
            format!("Phụ lục {}", i + 1)
        } else {
            cleaned.to_owned()
        };
        let mut name = truncate_utf16(&base, 31);
        let mut copy = 1;
        while taken.contains(&name.to_lowercase()) {
            copy += 1;
            let suffix = format!(" ({copy})");
            name = truncate_utf16(&base, 31 - suffix.len()) + &suffix;
        }
        taken.push(name.to_lowercase());
        names.push(name);
    }
    names
}

/// The longest prefix of `text` that fits in `units` UTF-16 code units (Excel's measure).
fn truncate_utf16(text: &str, units: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= units
        })
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// One appendix on one sheet: the heading lines, the table, the print setup.
fn write_appendix(
    sheet: &mut Worksheet,
    appendix: &Appendix,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let table = &appendix.table;
    let (page_width_mm, margins) = if appendix.landscape {
        (A4_LONG_MM, &LANDSCAPE_MARGINS)
    } else {
        (A4_SHORT_MM, &PORTRAIT_MARGINS)
    };
    let printable_mm = (page_width_mm - margins.left - margins.right) as f32;
    // The PDF's sharing of the width at the sheet's font: every number and word of a column
    // fits it whole, so nothing shows "#####" and no word breaks.
    let widths_mm = column_widths_at(table, printable_mm, FONT_SIZE as f32, CELL_PADDING_MM);
    let mut pixels = Vec::with_capacity(widths_mm.len());
    for (col, width) in (0u16..).zip(&widths_mm) {
        let px = (f64::from(*width) * PIXELS_PER_MM)
            .ceil()
            .max(MIN_COLUMN_PIXELS);
        sheet.set_column_width_pixels(col, px as u32)?;
        pixels.push(px);
    }
    let table_pixels: f64 = pixels.iter().sum();
    // The text room of each column at the pixels Excel was given.
    let room_mm: Vec<f32> = pixels
        .iter()
        .map(|px| (px / PIXELS_PER_MM) as f32 - 2.0 * CELL_PADDING_MM)
        .collect();
    let last_col = table.columns.len().saturating_sub(1) as u16;

    let unit_note = appendix.unit_note.as_deref().unwrap_or("");
    let heading_lines = [
        (appendix.label.as_str(), &formats.label, Face::Bold),
        (appendix.title.as_str(), &formats.title, Face::Bold),
        (
            appendix.attached_to.as_str(),
            &formats.attached_to,
            Face::Italic,
        ),
        (unit_note, &formats.unit_note, Face::Italic),
    ];
    let mut row: u32 = 0;
    for (text, format, face) in heading_lines {
        if text.trim().is_empty() {
            continue;
        }
        let text = nfc(text);
        fits_in_cell(sheet, row, 0, &text)?;
        if last_col > 0 {
            sheet.merge_range(row, 0, row, last_col, &text, format)?;
        } else {
            sheet.write_string_with_format(row, 0, &text, format)?;
        }
        // Excel does not grow a merged row by itself: give it the lines its text needs.
        let lines = lines_in(&text, face, (table_pixels / PIXELS_PER_MM) as f32);
        if lines > 1 {
            sheet.set_row_height(row, LINE_HEIGHT_PT * lines as f64)?;
        }
        row += 1;
    }

    if !table.columns.is_empty() {
        let header_row = row;
        let mut lines = 1;
        for (col, column) in (0u16..).zip(&table.columns) {
            fits_in_cell(sheet, header_row, col, &column.heading)?;
            let heading = nfc(&column.heading);
            lines = lines.max(lines_in(&heading, Face::Bold, room_mm[usize::from(col)]));
            sheet.write_string_with_format(header_row, col, heading, &formats.header)?;
        }
        sheet.set_row_height(header_row, LINE_HEIGHT_PT * lines as f64)?;
        sheet.set_freeze_panes(header_row + 1, 0)?;
        sheet.set_repeat_rows(header_row, header_row)?;
        row += 1;
    }

    let count = table.columns.len();
    for table_row in &table.rows {
        let bold = table_row.kind != RowKind::Data;
        let face = if bold { Face::Bold } else { Face::Regular };
        let mut lines = 1;
        let mut col = 0;
        while col < count {
            let cell = table_row.cells.get(col).unwrap_or(&Cell::Empty);
            let column = &table.columns[col];
            let format = formats.cell(bold, ValueKind::of(cell), column.align);
            let c = col as u16;
            // A group or total title runs over the empty cells beside it, as in the PDF.
            let span = run_over(table_row, col, count);
            match cell {
                Cell::Empty => sheet.write_blank(row, c, format)?,
                Cell::Text(text) => {
                    let text = nfc(text);
                    fits_in_cell(sheet, row, c, &text)?;
                    let room: f32 = room_mm[col..col + span].iter().sum::<f32>()
                        + 2.0 * CELL_PADDING_MM * (span - 1) as f32;
                    lines = lines.max(lines_in(&text, face, room));
                    if span > 1 {
                        sheet.merge_range(row, c, row, c + span as u16 - 1, &text, format)?
                    } else {
                        sheet.write_string_with_format(row, c, text, format)?
                    }
                }
                Cell::Count(n) => sheet.write_number_with_format(row, c, *n as f64, format)?,
                // Excel stores every number as a double: the integer thousandths (at most 10^13, exact
                // in a double) become triệu đồng only here, at the file's edge, never in a sum.
                Cell::Millions(thousandths) => {
                    sheet.write_number_with_format(row, c, *thousandths as f64 / 1000.0, format)?
                }
                Cell::Percent(basis_points) => {
                    sheet.write_number_with_format(row, c, *basis_points as f64 / 100.0, format)?
                }
            };
            col += span;
        }
        if lines > 1 {
            sheet.set_row_height(row, LINE_HEIGHT_PT * lines as f64)?;
        }
        row += 1;
    }

    sheet.set_paper_size(PAPER_A4);
    if appendix.landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    // One page wide, as many pages tall as the rows need.
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    // Excel wants inches.
    let inches = |mm: f64| mm / 25.4;
    sheet.set_margins(
        inches(margins.left),
        inches(margins.right),
        inches(margins.top),
        inches(margins.bottom),
        inches(MARGIN_HEADER_FOOTER_MM),
        inches(MARGIN_HEADER_FOOTER_MM),
    );
    Ok(())
}

/// How many lines `text` wraps into in `room_mm` at the sheet's font (the print fonts have
/// Times New Roman's metrics); explicit "\n" breaks count.
fn lines_in(text: &str, face: Face, room_mm: f32) -> usize {
    print_fonts()
        .face(face)
        .wrap(text, FONT_SIZE as f32, room_mm.max(1.0))
        .len()
        .max(1)
}

/// What a cell holds, for choosing its number format.
#[derive(Debug, Clone, Copy)]
enum ValueKind {
    Text,
    Count,
    Millions,
    Percent,
}

impl ValueKind {
    const ALL: [ValueKind; 4] = [
        ValueKind::Text,
        ValueKind::Count,
        ValueKind::Millions,
        ValueKind::Percent,
    ];

    fn of(cell: &Cell) -> ValueKind {
        match cell {
            Cell::Empty | Cell::Text(_) => ValueKind::Text,
            Cell::Count(_) => ValueKind::Count,
            Cell::Millions(_) => ValueKind::Millions,
            Cell::Percent(_) => ValueKind::Percent,
        }
    }

    /// Excel shows these with the reader's separators: "1.234,500" on a Vietnamese Windows;
    /// triệu đồng with the report's number of decimals.
    fn number_format(self, decimals: MillionsDecimals) -> Option<&'static str> {
        match self {
            ValueKind::Text => None,
            ValueKind::Count => Some("#,##0"),
            ValueKind::Millions => {
                Some(["#,##0", "#,##0.0", "#,##0.00", "#,##0.000"][usize::from(decimals.get())])
            }
            ValueKind::Percent => Some("0.0"),
        }
    }
}

const ALIGNS: [Align; 3] = [Align::Left, Align::Center, Align::Right];

fn align_index(align: Align) -> usize {
    match align {
        Align::Left => 0,
        Align::Center => 1,
        Align::Right => 2,
    }
}

/// Every format the sheets use, built once per workbook.
struct Formats {
    label: Format,
    title: Format,
    attached_to: Format,
    unit_note: Format,
    header: Format,
    /// Table cells by [bold][value kind][column alignment].
    cells: [[[Format; 3]; 4]; 2],
}

impl Formats {
    fn base() -> Format {
        Format::new()
            .set_font_name(FONT_NAME)
            .set_font_size(FONT_SIZE)
    }

    fn new(decimals: MillionsDecimals) -> Formats {
        let base = Formats::base();
        let centred = base
            .clone()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let bordered = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let cells = std::array::from_fn(|bold| {
            std::array::from_fn(|kind| {
                std::array::from_fn(|align| {
                    let mut format = bordered.clone().set_align(match ALIGNS[align] {
                        Align::Left => FormatAlign::Left,
                        Align::Center => FormatAlign::Center,
                        Align::Right => FormatAlign::Right,
                    });
                    format = match ValueKind::ALL[kind].number_format(decimals) {
                        Some(code) => format.set_num_format(code),
                        None => format.set_text_wrap(),
                    };
                    if bold == 1 { format.set_bold() } else { format }
                })
            })
        });
        Formats {
            label: centred.clone().set_bold(),
            title: centred.clone().set_bold(),
            attached_to: centred.set_italic(),
            unit_note: base
                .clone()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Right),
            header: bordered
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(HEADER_FILL),
            cells,
        }
    }

    fn cell(&self, bold: bool, kind: ValueKind, align: Align) -> &Format {
        &self.cells[usize::from(bold)][kind as usize][align_index(align)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::{Column, Row, Table};

    fn appendix(label: &str) -> Appendix {
        Appendix {
            label: label.to_owned(),
            title: String::new(),
            attached_to: String::new(),
            unit_note: None,
            landscape: false,
            table: Table::new(
                vec![Column {
                    heading: "STT".into(),
                    weight: 1,
                    align: Align::Center,
                }],
                vec![Row {
                    kind: RowKind::Data,
                    cells: vec![Cell::Count(1)],
                }],
            ),
        }
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let labels = [
            "Phụ lục I",
            "phụ lục i",
            "Phụ lục I",
            "",
            "Phụ lục [II]: kinh phí / nguồn * chi tiết theo từng đề án",
            "'Phụ lục III'",
        ];
        let appendices: Vec<Appendix> = labels.iter().map(|l| appendix(l)).collect();
        let names = sheet_names(&appendices);
        assert_eq!(names[0], "Phụ lục I");
        assert_eq!(names[1], "phụ lục i (2)");
        assert_eq!(names[2], "Phụ lục I (3)");
        assert_eq!(names[3], "Phụ lục 4");
        assert_eq!(names[4], "Phụ lục -II-- kinh phí - nguồn");
        assert_eq!(names[5], "Phụ lục III");
        for name in &names {
            assert!(
                rust_xlsxwriter::utility::check_sheet_name(name).is_ok(),
                "{name}"
            );
        }
    }

    #[test]
    fn long_titles_get_taller_rows() {
        assert_eq!(lines_in("Phụ lục I", Face::Bold, 150.0), 1);
        assert_eq!(lines_in("a\nb", Face::Bold, 150.0), 2);
        let title = "KẾT QUẢ THỰC HIỆN CÁC ĐỀ ÁN KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2026 THEO NGUỒN";
        assert!(lines_in(title, Face::Bold, 150.0) >= 2);
    }

    fn document(appendices: Vec<Appendix>) -> OfficialDocument {
        OfficialDocument {
            parent_agency: String::new(),
            issuing_agency: String::new(),
            number_line: String::new(),
            place_and_date: String::new(),
            kind_title: String::new(),
            summary: String::new(),
            recipients: Vec::new(),
            body: Vec::new(),
            signer: Default::default(),
            distribution: Vec::new(),
            appendices,
            fingerprint: None,
        }
    }

    #[test]
    fn one_column_and_no_appendix_still_make_a_workbook() {
        for appendices in [vec![appendix("Phụ lục I")], Vec::new()] {
            let bytes = write_xlsx(&document(appendices)).expect("xlsx");
            assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
        }
    }

    #[test]
    fn a_text_beyond_excels_cell_limit_is_named_by_sheet_and_cell_in_vietnamese() {
        let mut a = appendix("Phụ lục I");
        a.table.rows[0].cells = vec![Cell::Text("x".repeat(40_000))];
        let message = write_xlsx(&document(vec![a]))
            .expect_err("too long")
            .to_string();
        assert!(
            message.contains("ô A3 của trang \"Phụ lục I\""),
            "{message}"
        );
        assert!(message.contains("40000 ký tự"), "{message}");
        assert!(!message.contains("Excel limit"), "{message}");
    }
}
