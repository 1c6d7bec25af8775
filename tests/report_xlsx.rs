//! The report's appendices written as XLSX and read back with calamine, the way a province's
//! Excel would read them: sheet names, headings, every number exactly, Vietnamese text in NFC,
//! and the styles that make it look like the PDF.
//!
//! Not checked here: the frozen header row and the print setup (A4, orientation, fit to width,
//! repeated header rows, margins). calamine does not read them and the zip crate that would let
//! us read the sheet XML is not a dev-dependency.

mod common;

use std::io::Cursor;
use std::time::Instant;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use khuyencong::report::{
    Align, Appendix, Cell, Column, OfficialDocument, Row, RowKind, Signer, Table, write_xlsx,
};
use unicode_normalization::UnicodeNormalization;

fn column(heading: &str, weight: u16, align: Align) -> Column {
    Column {
        heading: heading.to_owned(),
        weight,
        align,
    }
}

fn row(kind: RowKind, cells: Vec<Cell>) -> Row {
    Row { kind, cells }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

/// One project line of Phụ lục I.
fn project(
    number: &str,
    name: &str,
    beneficiary: &str,
    money: [i64; 3],
    trained: i64,
    rate_bp: i64,
) -> Row {
    row(
        RowKind::Data,
        vec![
            text(number),
            text(name),
            text(beneficiary),
            Cell::Millions(money[0]),
            Cell::Millions(money[1]),
            Cell::Millions(money[2]),
            Cell::Count(trained),
            Cell::Percent(rate_bp),
        ],
    )
}

/// A total line of Phụ lục I: bold, no STT, no beneficiary.
fn total(kind: RowKind, label: &str, money: [i64; 3], trained: i64, rate_bp: i64) -> Row {
    row(
        kind,
        vec![
            Cell::Empty,
            text(label),
            Cell::Empty,
            Cell::Millions(money[0]),
            Cell::Millions(money[1]),
            Cell::Millions(money[2]),
            Cell::Count(trained),
            Cell::Percent(rate_bp),
        ],
    )
}

fn project_columns() -> Vec<Column> {
    vec![
        column("STT", 4, Align::Center),
        column("Tên đề án", 26, Align::Left),
        column("Đơn vị thụ hưởng", 18, Align::Left),
        column("Tổng kinh phí", 10, Align::Right),
        column("Kinh phí KCQG", 10, Align::Right),
        column("Kinh phí KCĐP", 10, Align::Right),
        column("Số lao động được đào tạo", 8, Align::Right),
        column("Tỷ lệ giải ngân (%)", 8, Align::Right),
    ]
}

fn projects_appendix() -> Appendix {
    // One name typed on a system that stores decomposed (NFD) text: it must come out NFC.
    let decomposed: String = "Hợp tác xã mây tre đan Phú Vinh".nfd().collect();
    Appendix {
        label: "Phụ lục I".into(),
        title: "KẾT QUẢ THỰC HIỆN CÁC ĐỀ ÁN KHUYẾN CÔNG NĂM 2026".into(),
        attached_to: "(Kèm theo Báo cáo số 15/BC-SCT ngày 05 tháng 01 năm 2027 của Sở Công Thương)"
            .into(),
        unit_note: Some("Đơn vị tính: triệu đồng".into()),
        landscape: true,
        table: Table::new(
            project_columns(),
            vec![
                row(
                    RowKind::Group,
                    vec![
                        text("A"),
                        text("NGUỒN KHUYẾN CÔNG QUỐC GIA"),
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Empty,
                    ],
                ),
                project(
                    "1",
                    "Hỗ trợ ứng dụng máy móc tiên tiến trong sản xuất chiếu cói",
                    &decomposed,
                    [1_234_567, 1_000_000, 234_567],
                    0,
                    8_000,
                ),
                project(
                    "2",
                    "Đào tạo nghề thêu ren xuất khẩu cho lao động nông thôn",
                    "Cơ sở thêu Nguyễn Thị Hường",
                    [262_500, 262_500, 0],
                    35,
                    10_000,
                ),
                total(
                    RowKind::Subtotal,
                    "Cộng A",
                    [1_497_067, 1_262_500, 234_567],
                    35,
                    8_333,
                ),
                row(
                    RowKind::Group,
                    vec![
                        text("B"),
                        text("NGUỒN KHUYẾN CÔNG ĐỊA PHƯƠNG"),
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Empty,
                    ],
                ),
                project(
                    "1",
                    "Xây dựng mô hình trình diễn kỹ thuật sản xuất gạch không nung",
                    "Công ty TNHH Đức Thắng",
                    [84_739_123, 0, 84_739_123],
                    12,
                    6_549,
                ),
                project(
                    "2",
                    "Điều chỉnh giảm kinh phí đề án năm trước",
                    "Tổ hợp tác đồ gỗ Đồng Kỵ",
                    [-12_345, 0, -12_345],
                    0,
                    0,
                ),
                total(
                    RowKind::Subtotal,
                    "Cộng B",
                    [84_726_778, 0, 84_726_778],
                    12,
                    6_549,
                ),
                total(
                    RowKind::Total,
                    "TỔNG CỘNG",
                    [86_223_845, 1_262_500, 84_961_345],
                    47,
                    6_570,
                ),
            ],
        ),
    }
}

fn indicators_appendix() -> Appendix {
    let indicator = |n: &str, name: &str, unit: &str, national: i64, local: i64| {
        row(
            RowKind::Data,
            vec![
                text(n),
                text(name),
                text(unit),
                Cell::Count(national),
                Cell::Count(local),
                Cell::Count(national + local),
            ],
        )
    };
    Appendix {
        label: "Phụ lục II".into(),
        title: "TỔNG HỢP CHỈ TIÊU KẾT QUẢ KHUYẾN CÔNG NĂM 2026".into(),
        attached_to: "(Kèm theo Báo cáo số 15/BC-SCT ngày 05 tháng 01 năm 2027 của Sở Công Thương)"
            .into(),
        unit_note: None,
        landscape: false,
        table: Table::new(
            vec![
                column("STT", 4, Align::Center),
                column("Chỉ tiêu", 30, Align::Left),
                column("Đơn vị tính", 10, Align::Center),
                column("KCQG", 8, Align::Right),
                column("KCĐP", 8, Align::Right),
                column("Tổng", 8, Align::Right),
            ],
            vec![
                indicator("1", "Số đề án", "đề án", 12, 31),
                indicator("2", "Số cơ sở CNNT được hỗ trợ", "cơ sở", 15, 40),
                indicator("3", "Số lao động được đào tạo", "người", 1_250, 3_480),
                indicator(
                    "4",
                    "Số sản phẩm CNNT tiêu biểu cấp tỉnh",
                    "sản phẩm",
                    0,
                    27,
                ),
            ],
        ),
    }
}

fn document(appendices: Vec<Appendix>) -> OfficialDocument {
    OfficialDocument {
        parent_agency: "UBND TỈNH THANH HÓA".into(),
        issuing_agency: "SỞ CÔNG THƯƠNG".into(),
        number_line: "Số: 15/BC-SCT".into(),
        place_and_date: "Thanh Hóa, ngày 05 tháng 01 năm 2027".into(),
        kind_title: "BÁO CÁO".into(),
        summary: "Kết quả thực hiện công tác khuyến công năm 2026".into(),
        recipients: vec!["Bộ Công Thương".into()],
        body: Vec::new(),
        signer: Signer {
            authority: "KT. GIÁM ĐỐC".into(),
            position: "PHÓ GIÁM ĐỐC".into(),
            name: "Nguyễn Văn An".into(),
        },
        distribution: vec!["Như trên".into(), "Lưu: VT, TTKC".into()],
        appendices,
        fingerprint: None,
    }
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("calamine reads what we wrote")
}

fn number(value: Option<&Data>) -> f64 {
    match value {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("expected a number, found {other:?}"),
    }
}

/// The row of the table's header: after the label, title, "(Kèm theo …)" and the unit note.
fn header_row(appendix: &Appendix) -> u32 {
    3 + u32::from(appendix.unit_note.is_some())
}

/// Every cell of every appendix, read back, against what the document holds.
fn assert_cells_read_back(workbook: &mut Xlsx<Cursor<Vec<u8>>>, doc: &OfficialDocument) {
    for appendix in &doc.appendices {
        let sheet = workbook
            .worksheet_range(&appendix.label)
            .expect("sheet per appendix");
        let first = header_row(appendix) + 1;
        for (r, table_row) in (first..).zip(&appendix.table.rows) {
            for (c, cell) in (0u32..).zip(&table_row.cells) {
                let got = sheet.get_value((r, c));
                let at = format!("{} R{}C{}", appendix.label, r + 1, c + 1);
                match cell {
                    Cell::Empty => {
                        assert!(matches!(got, None | Some(Data::Empty)), "{at}: {got:?}")
                    }
                    Cell::Text(s) => {
                        let nfc: String = s.nfc().collect();
                        assert_eq!(got, Some(&Data::String(nfc)), "{at}");
                    }
                    Cell::Count(n) => {
                        let f = number(got);
                        assert_eq!(f, *n as f64, "{at}");
                        assert_eq!(f as i64, *n, "{at}");
                    }
                    Cell::Millions(thousandths) => {
                        let f = number(got);
                        assert_eq!(f, *thousandths as f64 / 1000.0, "{at}");
                        assert_eq!((f * 1000.0).round() as i64, *thousandths, "{at}");
                    }
                    Cell::Percent(bp) => {
                        let f = number(got);
                        assert_eq!(f, *bp as f64 / 100.0, "{at}");
                        assert_eq!((f * 100.0).round() as i64, *bp, "{at}");
                    }
                }
            }
        }
    }
}

#[test]
fn appendices_read_back_with_the_same_names_headings_and_numbers() {
    let doc = document(vec![projects_appendix(), indicators_appendix()]);
    let mut workbook = open(write_xlsx(&doc).expect("write xlsx"));
    assert_eq!(workbook.sheet_names(), ["Phụ lục I", "Phụ lục II"]);

    for appendix in &doc.appendices {
        let sheet = workbook.worksheet_range(&appendix.label).expect("sheet");
        let heading_lines: Vec<&str> = [
            Some(appendix.label.as_str()),
            Some(appendix.title.as_str()),
            Some(appendix.attached_to.as_str()),
            appendix.unit_note.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        for (r, line) in (0u32..).zip(&heading_lines) {
            assert_eq!(
                sheet.get_value((r, 0)),
                Some(&Data::String((*line).to_owned()))
            );
        }
        let header = header_row(appendix);
        let headings: Vec<Option<&Data>> = (0..appendix.table.columns.len() as u32)
            .map(|c| sheet.get_value((header, c)))
            .collect();
        let expected: Vec<Data> = appendix
            .table
            .columns
            .iter()
            .map(|c| Data::String(c.heading.clone()))
            .collect();
        assert_eq!(headings, expected.iter().map(Some).collect::<Vec<_>>());

        // The heading lines span the table, so they centre over it as in the PDF.
        let merged = workbook
            .merge_cells_by_sheet_name(&appendix.label)
            .expect("merged cells");
        let last_col = appendix.table.columns.len() as u32 - 1;
        for r in 0..heading_lines.len() as u32 {
            assert!(
                merged
                    .iter()
                    .any(|d| d.start == (r, 0) && d.end == (r, last_col)),
                "{} row {r} merged across the table: {merged:?}",
                appendix.label
            );
        }
    }

    assert_cells_read_back(&mut workbook, &doc);
}

#[test]
fn styles_follow_the_pdf() {
    let doc = document(vec![projects_appendix()]);
    let mut workbook = open(write_xlsx(&doc).expect("write xlsx"));
    let styles = workbook.worksheet_style("Phụ lục I").expect("styles");
    let style = |r: u32, c: u32| styles.get((r, c)).cloned().unwrap_or_default();
    let font = |r: u32, c: u32| style(r, c).font.unwrap_or_default();

    // Label and title bold, "(Kèm theo …)" and the unit note italic.
    assert!(font(0, 0).is_bold());
    assert!(font(1, 0).is_bold());
    assert!(font(2, 0).is_italic() && !font(2, 0).is_bold());
    assert!(font(3, 0).is_italic());

    let header = style(4, 1);
    assert!(header.font.as_ref().is_some_and(|f| f.is_bold()));
    assert!(header.alignment.as_ref().is_some_and(|a| a.wrap_text));
    assert!(header.fill.as_ref().is_some_and(|f| f.is_visible()));
    assert!(
        header
            .borders
            .as_ref()
            .is_some_and(|b| b.has_visible_borders())
    );

    // Rows 5.. are the table: group, data, data, subtotal, group, data, data, subtotal, total.
    let bold_rows = [5, 8, 9, 12, 13];
    for r in 5..=13 {
        assert_eq!(font(r, 1).is_bold(), bold_rows.contains(&r), "row {r}");
        assert!(
            style(r, 0).borders.is_some_and(|b| b.has_visible_borders()),
            "row {r} has borders"
        );
    }
    let number_format = |r: u32, c: u32| style(r, c).number_format.map(|n| n.format_code);
    assert_eq!(number_format(6, 3).as_deref(), Some("#,##0.000"));
    assert_eq!(number_format(7, 6).as_deref(), Some("#,##0"));
    assert_eq!(number_format(6, 7).as_deref(), Some("0.0"));
    assert!(style(6, 1).alignment.is_some_and(|a| a.wrap_text));

    for (r, c) in [(0, 0), (4, 0), (6, 1), (6, 3), (13, 7)] {
        let f = font(r, c);
        assert_eq!(f.name.as_deref(), Some("Times New Roman"), "R{r}C{c}");
        assert_eq!(f.size, Some(11.0), "R{r}C{c}");
    }
}

#[test]
fn two_thousand_rows() {
    let mut appendix = projects_appendix();
    let rows: Vec<Row> = (0..2_000i64)
        .map(|i| {
            project(
                &(i + 1).to_string(),
                &format!("Đề án hỗ trợ cơ sở công nghiệp nông thôn số {}", i + 1),
                "Hợp tác xã dệt thổ cẩm Bản Lác",
                [i * 1_001 + 7, i * 1_000, i + 7],
                i % 50,
                i * 7 % 10_001,
            )
        })
        .collect();
    appendix.table.rows = rows;
    let doc = document(vec![appendix]);

    let started = Instant::now();
    let bytes = write_xlsx(&doc).expect("write xlsx");
    println!(
        "2.000 dòng: ghi XLSX {} KB trong {:.0} ms",
        bytes.len() / 1024,
        started.elapsed().as_secs_f64() * 1000.0
    );

    let mut workbook = open(bytes);
    assert_cells_read_back(&mut workbook, &doc);
}

/// The annual report of a demo province (`khuyencong demo`, `khuyencong report --kind nam`).
fn demo_document() -> OfficialDocument {
    common::demo_annual_report(200, (2021, 2027)).document
}

/// The value of `name="…"` in one XML start tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_owned())
}

/// The start tags `<name …>` of an XML text.
fn tags<'x>(xml: &'x str, name: &str) -> Vec<&'x str> {
    let open = format!("<{name} ");
    xml.match_indices(open.as_str())
        .filter_map(|(at, _)| xml[at..].find('>').map(|end| &xml[at..at + end]))
        .collect()
}

/// Column widths in pixels (rust_xlsxwriter stores `(pixels − 5) / 7` characters) and row
/// heights in points of one sheet of the workbook, from its XML.
fn sheet_geometry(bytes: &[u8], sheet: usize) -> (Vec<f64>, std::collections::HashMap<u32, f64>) {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut xml = String::new();
    archive
        .by_name(&format!("xl/worksheets/sheet{}.xml", sheet + 1))
        .expect("sheet xml")
        .read_to_string(&mut xml)
        .expect("utf-8 xml");
    let mut widths = Vec::new();
    for col in tags(&xml, "col") {
        let number = |n: &str| attribute(col, n).and_then(|v| v.parse::<f64>().ok());
        let (min, max, width) = (number("min"), number("max"), number("width"));
        let (Some(min), Some(max), Some(width)) = (min, max, width) else {
            continue;
        };
        for c in min as usize..=max as usize {
            widths.resize(c, 0.0);
            widths[c - 1] = (width * 7.0 + 5.0).round();
        }
    }
    let heights = tags(&xml, "row")
        .into_iter()
        .filter_map(|row| {
            let r = attribute(row, "r")?.parse::<u32>().ok()?;
            let ht = attribute(row, "ht")?.parse::<f64>().ok()?;
            Some((r - 1, ht))
        })
        .collect();
    (widths, heights)
}

#[test]
fn every_value_of_the_demo_report_fits_its_column_and_wrapped_rows_are_tall_enough() {
    use khuyencong::report::Face;
    use khuyencong::report::print_font::print_fonts;
    use khuyencong::text::number::{
        format_integer, format_millions_to, format_percent_basis_points,
    };
    const FONT_PT: f32 = 11.0;
    const PX_PER_MM: f64 = 96.0 / 25.4;
    // Excel keeps about 2 px each side of a cell's text and 1 px of grid line.
    const EXCEL_PADDING_PX: f64 = 5.0;
    const LINE_PT: f64 = 15.0;

    let doc = demo_document();
    let bytes = write_xlsx(&doc).expect("write xlsx");
    let (mut checked_numbers, mut wrapped_rows) = (0, 0);
    for (n, appendix) in doc.appendices.iter().enumerate() {
        let (widths, heights) = sheet_geometry(&bytes, n);
        let table = &appendix.table;
        assert_eq!(
            widths.len(),
            table.columns.len(),
            "{}: a width per column",
            appendix.label
        );
        let header = header_row(appendix);
        let bold = print_fonts().face(Face::Bold);
        let regular = print_fonts().face(Face::Regular);
        let px = |face: Face, text: &str| {
            f64::from(print_fonts().face(face).width_mm(text, FONT_PT)) * PX_PER_MM
        };
        // Every heading word fits its column whole, and the header row is tall enough.
        let mut header_lines = 1;
        for (c, column) in table.columns.iter().enumerate() {
            let room = widths[c] - EXCEL_PADDING_PX;
            for word in column.heading.split_whitespace() {
                assert!(
                    px(Face::Bold, word) <= room,
                    "{}: heading word {word:?}",
                    appendix.label
                );
            }
            let room_mm = (room / PX_PER_MM) as f32;
            header_lines = header_lines.max(bold.wrap(&column.heading, FONT_PT, room_mm).len());
        }
        let header_height = heights.get(&header).copied().unwrap_or(LINE_PT);
        assert!(
            header_height >= LINE_PT * header_lines as f64 * 0.99,
            "{}: header of {header_lines} lines is {header_height} pt",
            appendix.label
        );
        for (i, row) in table.rows.iter().enumerate() {
            let r = header + 1 + i as u32;
            let mut lines = 1;
            for (c, cell) in row.cells.iter().enumerate() {
                let room = widths[c] - EXCEL_PADDING_PX;
                let shown = match cell {
                    Cell::Empty => continue,
                    Cell::Text(text) => {
                        if row.kind == RowKind::Data {
                            let room_mm = (room / PX_PER_MM) as f32;
                            lines = lines.max(regular.wrap(text, FONT_PT, room_mm).len());
                        }
                        continue;
                    }
                    Cell::Count(v) => format_integer(*v),
                    Cell::Millions(v) => format_millions_to(*v, table.decimals),
                    Cell::Percent(bp) => format_percent_basis_points(*bp)
                        .trim_end_matches(" %")
                        .to_owned(),
                };
                // Measured bold, the wider face: a number that fits so never shows "#####".
                assert!(
                    px(Face::Bold, &shown) <= room,
                    "{} R{}C{}: {shown:?} needs {:.0} px of {room:.0}",
                    appendix.label,
                    r + 1,
                    c + 1,
                    px(Face::Bold, &shown)
                );
                checked_numbers += 1;
            }
            if lines > 1 {
                wrapped_rows += 1;
                let height = heights.get(&r).copied().unwrap_or(LINE_PT);
                assert!(
                    height >= LINE_PT * lines as f64 * 0.99,
                    "{} R{}: {lines} lines in {height} pt",
                    appendix.label,
                    r + 1
                );
            }
        }
    }
    println!("XLSX: {checked_numbers} số đều vừa cột; {wrapped_rows} dòng xuống dòng có chiều cao");
    assert!(checked_numbers > 100 && wrapped_rows > 0);
}
