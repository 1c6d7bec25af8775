//! An official document (văn bản hành chính, Nghị định 30/2020/NĐ-CP Phụ lục I) as plain data:
//! every text already written and every figure already rounded. The layout, the PDF, the XLSX
//! and the preview all read this one value, so what is previewed is what is printed.

/// One report, ready to lay out. Strings are NFC (the PDF writer normalises again, to be safe).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialDocument {
    /// Tên cơ quan chủ quản, e.g. "UBND TỈNH THANH HÓA" (upright, upper case). May be empty.
    pub parent_agency: String,
    /// Tên cơ quan ban hành, e.g. "SỞ CÔNG THƯƠNG" (bold, upper case, short rule under it).
    /// May hold "\n" where the agency name must break onto a second line.
    pub issuing_agency: String,
    /// "Số: 15/BC-SCT" — complete, as printed.
    pub number_line: String,
    /// "Thanh Hóa, ngày 05 tháng 01 năm 2027" — complete, as printed (italic).
    pub place_and_date: String,
    /// Tên loại: "BÁO CÁO".
    pub kind_title: String,
    /// Trích yếu, e.g. "Kết quả thực hiện công tác khuyến công năm 2026" (bold, centred,
    /// short rule under it). May hold "\n" for a forced break.
    pub summary: String,
    /// Kính gửi: one recipient → same line; several → one per line with "-" and ";" / ".".
    /// The items are the bare names ("Bộ Công Thương"); punctuation is added by the layout.
    pub recipients: Vec<String>,
    pub body: Vec<Block>,
    pub signer: Signer,
    /// Nơi nhận, bare items ("Như trên", "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công",
    /// "Lưu: VT, TTKC"); the layout adds "- " and ";" / ".".
    pub distribution: Vec<String>,
    pub appendices: Vec<Appendix>,
    /// Short fingerprint of a frozen (chốt) report's figures, printed small in the footer of the
    /// last page of the main text so paper and database can be matched. None while a draft.
    pub fingerprint: Option<String>,
}

/// A piece of the narrative body, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Section heading such as "I. TÌNH HÌNH TRIỂN KHAI" (bold, upper case as given, no indent).
    Heading(String),
    /// Numbered sub-heading such as "1. Kết quả thực hiện" (bold, as given, first-line indent).
    SubHeading(String),
    /// Body paragraph: justified, first-line indent 1,27 cm, ≥ 6 pt after.
    Paragraph(String),
}

/// The signature block as printed (ô 7a–7c), its lines already composed and upper case by
/// `domain::report::Signer::title_lines`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signer {
    /// The first title line: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "Q. GIÁM ĐỐC"; empty when
    /// the head signs in person.
    pub authority: String,
    /// "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC"; empty under "Q. GIÁM ĐỐC".
    pub position: String,
    /// "Nguyễn Văn An"; empty leaves the room for the signature all the same.
    pub name: String,
}

pub use crate::text::number::MillionsDecimals;

/// A table appendix, starting on its own page with its own page numbering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appendix {
    /// "Phụ lục I".
    pub label: String,
    /// Upper-case title: "KẾT QUẢ THỰC HIỆN CÁC ĐỀ ÁN KHUYẾN CÔNG NĂM 2026".
    pub title: String,
    /// "(Kèm theo Báo cáo số 15/BC-SCT ngày 05 tháng 01 năm 2027 của Sở Công Thương)".
    pub attached_to: String,
    /// "Đơn vị tính: triệu đồng", printed right-aligned above the table; None when no money.
    pub unit_note: Option<String>,
    pub landscape: bool,
    pub table: Table,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// How many decimals its [`Cell::Millions`] print with: the unit's one choice for the
    /// whole report, so the PDF, the XLSX and the narrative agree.
    pub decimals: MillionsDecimals,
}

impl Table {
    /// A table whose amounts print with the default three decimals.
    pub fn new(columns: Vec<Column>, rows: Vec<Row>) -> Table {
        Table {
            columns,
            rows,
            decimals: MillionsDecimals::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Header text; wraps inside the column.
    pub heading: String,
    /// Relative width; the layout shares the printable width in proportion.
    pub weight: u16,
    pub align: Align,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    /// One cell per column.
    pub cells: Vec<Cell>,
}

/// How a row is drawn: group headings and totals are bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Data,
    /// "A. NGUỒN KHUYẾN CÔNG QUỐC GIA", "I. Đào tạo nghề…": bold.
    Group,
    /// "Cộng" of a group: bold.
    Subtotal,
    /// "TỔNG CỘNG": bold.
    Total,
}

/// One cell. Amounts are already rounded (largest remainder), so printed rows add up to printed
/// totals, and the PDF and the XLSX show the very same numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A count: "1.234".
    Count(i64),
    /// Triệu đồng held exactly as thousandths of a million (= nghìn đồng), already rounded to
    /// the table's [`Table::decimals`]: 262_500 is printed "262,500" with three decimals
    /// ("262,5" with one) and written to XLSX as 262.5 with format #,##0.000 (#,##0.0).
    Millions(i64),
    /// Percent in basis points: 8_000 is printed "80,0" (the heading says "%").
    Percent(i64),
}
