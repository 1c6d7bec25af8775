//! The appendices built from the figures (DOMAIN.md §5.3): Phụ lục I projects grouped by
//! source and content with subtotals, Phụ lục II indicators, Phụ lục III money by source — or,
//! for a registration report, the list of proposals. Amounts in triệu đồng with the unit's one
//! number of decimals, rounded so every printed column adds up to its printed total.
//!
//! Phụ lục I is designed for paper: a column that only repeats the grouping (the source's
//! KCQG/KCĐP split, the nội dung code) or stays empty over the whole table is left out, the
//! implementer is named only where it is not the one most projects share, and status and
//! results share a cell — so the text columns get the width and a row reads in two or three
//! lines.

use super::document::{Align, Appendix, Cell, Column, MillionsDecimals, Row, RowKind, Table};
use super::rounding::to_printed_thousandths;
use crate::domain::funding_source::FundingSource;
use crate::domain::money::money_rate;
use crate::domain::report::figures::{ProjectLine, ReportFigures};
use crate::domain::report::report_kind::{ReportKind, roman};
use crate::text::fold;

const UNIT_NOTE: &str = "Đơn vị tính: triệu đồng";

fn col(heading: &str, weight: u16, align: Align) -> Column {
    Column {
        heading: heading.into(),
        weight,
        align,
    }
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.into())
    }
}

/// A subtotal or total row of a project table: the label under "Tên đề án", the `texts` text
/// columns after it empty, the summed amounts (zeros printed), then `tail`.
fn summary_cells<const N: usize>(
    label: &str,
    texts: usize,
    amounts: &[i64],
    tail: [Cell; N],
) -> Vec<Cell> {
    let mut c = vec![Cell::Empty, Cell::Text(label.into())];
    c.extend(std::iter::repeat_n(Cell::Empty, texts));
    c.extend(amounts.iter().map(|v| Cell::Millions(*v)));
    c.extend(tail);
    c
}

/// A project row's amounts: a zero is left blank, as the source a project does not draw on.
fn row_amounts(m: &[i64]) -> Vec<Cell> {
    m.iter()
        .map(|v| {
            if *v == 0 {
                Cell::Empty
            } else {
                Cell::Millions(*v)
            }
        })
        .collect()
}

fn rate(part: i64, whole: i64) -> Cell {
    money_rate(part, whole).map_or(Cell::Empty, Cell::Percent)
}

/// "A", "B", "C" for the source groups.
fn letter(n: usize) -> &'static str {
    ["A", "B", "C", "D"].get(n).copied().unwrap_or("")
}

/// Group heading of a source.
fn source_heading(source: FundingSource) -> String {
    format!("NGUỒN {}", source.full_name().to_uppercase())
}

/// The appendices of `figures`; `attached_to` is the "(Kèm theo Báo cáo số …)" line,
/// `agency` the reporting unit (a project it implements needs no "đơn vị thực hiện"), and
/// `decimals` the unit's number of decimals for triệu đồng.
pub fn appendices(
    figures: &ReportFigures,
    attached_to: &str,
    agency: &str,
    decimals: MillionsDecimals,
) -> Vec<Appendix> {
    let appendix = |n: u8, title: String, table: Table, unit_note: Option<String>| Appendix {
        label: format!("Phụ lục {}", roman(n)),
        title,
        attached_to: attached_to.to_owned(),
        unit_note,
        landscape: true,
        table,
    };
    let unit = || Some(UNIT_NOTE.to_owned());
    let period = figures.kind.period_phrase(figures.year).to_uppercase();
    // A quarter after the first: its project and result tables hold the year to date, and
    // say so (Phụ lục III shows the quarter alone beside it).
    let to_date = if figures.has_own_period() {
        format!(
            "{period} (LŨY KẾ TỪ ĐẦU NĂM ĐẾN NGÀY {})",
            crate::text::date::format_date_in_document(figures.period_to)
        )
    } else {
        period.clone()
    };
    match figures.kind {
        ReportKind::Registration => vec![appendix(
            1,
            format!("DANH MỤC ĐỀ ÁN ĐĂNG KÝ KẾ HOẠCH KHUYẾN CÔNG {period}"),
            proposals_table(figures, decimals),
            unit(),
        )],
        _ => {
            let implementers = Implementers::of(figures, agency);
            vec![
                appendix(
                    1,
                    format!("KẾT QUẢ THỰC HIỆN CÁC ĐỀ ÁN KHUYẾN CÔNG {to_date}"),
                    projects_table(figures, &implementers, decimals),
                    Some(match implementers.note() {
                        Some(note) => format!("{note}\n{UNIT_NOTE}"),
                        None => UNIT_NOTE.to_owned(),
                    }),
                ),
                appendix(
                    2,
                    format!("TỔNG HỢP CHỈ TIÊU KẾT QUẢ KHUYẾN CÔNG {to_date}"),
                    indicators_table(figures),
                    None,
                ),
                appendix(
                    3,
                    format!("TÌNH HÌNH THỰC HIỆN KINH PHÍ KHUYẾN CÔNG {period}"),
                    money_table(figures, decimals),
                    unit(),
                ),
            ]
        }
    }
}

/// Who implements the projects: the one most of them share is said once, above the table
/// (not at all when it is the reporting unit); the others are named in their project's cell.
struct Implementers {
    /// The implementer of most projects, if any project names one.
    common: Option<String>,
    /// The common implementer is the reporting unit itself.
    is_agency: bool,
    /// Some project is implemented by someone else.
    any_other: bool,
}

impl Implementers {
    fn of(figures: &ReportFigures, agency: &str) -> Implementers {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for line in &figures.projects {
            let name = line.implementer.trim();
            if name.is_empty() {
                continue;
            }
            match counts.iter_mut().find(|(n, _)| fold(n) == fold(name)) {
                Some((_, count)) => *count += 1,
                None => counts.push((name.to_owned(), 1)),
            }
        }
        // The first of equals wins, so the choice does not depend on sorting.
        let common = counts
            .iter()
            .fold(None::<&(String, usize)>, |best, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(c),
            })
            .map(|(name, _)| name.clone());
        let is_agency = common
            .as_deref()
            .is_some_and(|c| fold(c) == fold(agency.trim()));
        Implementers {
            any_other: counts.len() > 1,
            common,
            is_agency,
        }
    }

    /// What a project's cell says of its implementer: nothing for the common one.
    fn of_line(&self, line: &ProjectLine) -> Option<String> {
        let name = line.implementer.trim();
        let common = self.common.as_deref().map(fold);
        (!name.is_empty() && common.as_deref() != Some(fold(name).as_str()))
            .then(|| format!("(Đơn vị thực hiện: {name})"))
    }

    /// The line above the table naming the common implementer, when it is not the unit.
    fn note(&self) -> Option<String> {
        let common = self.common.as_deref()?;
        if self.is_agency {
            return None;
        }
        Some(if self.any_other {
            format!("Đơn vị thực hiện (trừ đề án ghi khác): {common}")
        } else {
            format!("Đơn vị thực hiện: {common}")
        })
    }
}

/// Builds a data row from its number in the group, the line and its rounded amounts.
type DataCells<'a> = dyn Fn(usize, &ProjectLine, &[i64]) -> Vec<Cell> + 'a;
/// Builds a subtotal or total row from its label and summed rounded amounts.
type TotalCells = dyn Fn(&str, &[i64]) -> Vec<Cell>;

/// A grouped table: rows of each source, within it of each content, each with its subtotal,
/// then the grand total. `money` picks the amount columns of a line (đồng); `cells` builds a
/// data row from the line and its rounded amounts; `total_cells` a total row from summed
/// rounded amounts.
struct Grouped<'a> {
    figures: &'a ReportFigures,
    money: fn(&ProjectLine) -> Vec<i64>,
    /// How many amounts `money` gives (the totals need it when there is no line at all).
    money_columns: usize,
    cells: &'a DataCells<'a>,
    total_cells: &'a TotalCells,
    width: usize,
    decimals: MillionsDecimals,
}

impl Grouped<'_> {
    fn rows(&self) -> Vec<Row> {
        let lines = &self.figures.projects;
        // Round each money column over all lines at once, so the grand total is the rounded
        // sum and every subtotal is the sum of its printed rows.
        let exact: Vec<Vec<i64>> = lines.iter().map(|l| (self.money)(l)).collect();
        let columns = self.money_columns;
        let mut rounded = vec![vec![0i64; columns]; lines.len()];
        for c in 0..columns {
            let column: Vec<i64> = exact.iter().map(|v| v[c]).collect();
            for (r, v) in to_printed_thousandths(&column, self.decimals)
                .into_iter()
                .enumerate()
            {
                rounded[r][c] = v;
            }
        }
        let sum = |idx: &[usize]| -> Vec<i64> {
            (0..columns)
                .map(|c| idx.iter().map(|&i| rounded[i][c]).sum())
                .collect()
        };
        let heading = |label: String| {
            let mut cells = vec![Cell::Empty; self.width];
            cells[1] = Cell::Text(label);
            Row {
                kind: RowKind::Group,
                cells,
            }
        };
        let mut rows = Vec::new();
        let mut all = Vec::new();
        let sources = FundingSource::ALL
            .into_iter()
            .filter(|s| lines.iter().any(|l| l.source == *s));
        for (si, source) in sources.enumerate() {
            let mut first = heading(source_heading(source));
            first.cells[0] = Cell::Text(letter(si).into());
            rows.push(first);
            let mut in_source = Vec::new();
            let mut content_no = 0u8;
            for (code, name) in self.content_order() {
                let idx: Vec<usize> = (0..lines.len())
                    .filter(|&i| lines[i].source == source && lines[i].content_code == code)
                    .collect();
                if idx.is_empty() {
                    continue;
                }
                content_no += 1;
                let mut group = heading(name);
                group.cells[0] = Cell::Text(roman_number(content_no));
                rows.push(group);
                for (n, &i) in idx.iter().enumerate() {
                    rows.push(Row {
                        kind: RowKind::Data,
                        cells: (self.cells)(n + 1, &lines[i], &rounded[i]),
                    });
                }
                rows.push(Row {
                    kind: RowKind::Subtotal,
                    cells: (self.total_cells)(
                        &format!("Cộng {}", roman_number(content_no)),
                        &sum(&idx),
                    ),
                });
                in_source.extend(idx);
            }
            rows.push(Row {
                kind: RowKind::Subtotal,
                cells: (self.total_cells)(
                    &format!("Cộng {} ({})", letter(si), source.label()),
                    &sum(&in_source),
                ),
            });
            all.extend(in_source);
        }
        rows.push(Row {
            kind: RowKind::Total,
            cells: (self.total_cells)("TỔNG CỘNG", &sum(&all)),
        });
        rows
    }

    /// Contents in catalogue order, then any code the catalogue lacks.
    fn content_order(&self) -> Vec<(String, String)> {
        let mut order = self.figures.contents.clone();
        for l in &self.figures.projects {
            if !order.iter().any(|(c, _)| *c == l.content_code) {
                order.push((
                    l.content_code.clone(),
                    self.figures.content_name(&l.content_code),
                ));
            }
        }
        order
    }
}

/// Roman numerals for content groups beyond the quarters' I–V.
fn roman_number(n: u8) -> String {
    const NUMERALS: [(u8, &str); 7] = [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// Leaves out the columns among `optional` whose data rows are all empty: a column of
/// nothing is not printed.
fn without_empty_columns(table: Table, optional: &[usize]) -> Table {
    let empty: Vec<bool> = (0..table.columns.len())
        .map(|c| {
            optional.contains(&c)
                && table
                    .rows
                    .iter()
                    .filter(|r| r.kind == RowKind::Data)
                    .all(|r| r.cells.get(c).is_none_or(|cell| *cell == Cell::Empty))
        })
        .collect();
    fn keep<T>(items: Vec<T>, empty: &[bool]) -> Vec<T> {
        items
            .into_iter()
            .enumerate()
            .filter(|(c, _)| !empty.get(*c).copied().unwrap_or(false))
            .map(|(_, item)| item)
            .collect()
    }
    Table {
        columns: keep(table.columns, &empty),
        rows: table
            .rows
            .into_iter()
            .map(|row| Row {
                kind: row.kind,
                cells: keep(row.cells, &empty),
            })
            .collect(),
        decimals: table.decimals,
    }
}

/// "03/2026–10/2026" with room to break after the dash, so the two months stack in a
/// narrow column instead of the whole range setting its width.
fn duration(text: &str) -> String {
    text.split('–')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" – ")
}

/// The beneficiaries' names without their "(MST …)": in the database the tax code tells one
/// establishment from another; on paper the name does, and a 10–13 digit code that cannot
/// break would take a line of its own in most rows.
fn without_tax_codes(beneficiaries: &str) -> String {
    let mut out = String::with_capacity(beneficiaries.len());
    let mut rest = beneficiaries;
    while let Some(start) = rest.find(" (MST ") {
        let Some(end) = rest[start..].find(')') else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out.trim().to_owned()
}

/// The project's name, with its implementer when it is not the one most projects share.
fn name_cell(line: &ProjectLine, implementers: &Implementers) -> Cell {
    match implementers.of_line(line) {
        Some(implementer) => Cell::Text(format!("{} {implementer}", line.name.trim())),
        None => text(line.name.trim()),
    }
}

/// Who benefits, and where: "Cơ sở chè búp Đinh Thị Mai (Xã Triệu Lộc)". The xã share the
/// cell so a column of two words does not take a name's width.
fn beneficiary_cell(line: &ProjectLine) -> Cell {
    let names = without_tax_codes(&line.beneficiaries);
    let area = line.area.trim();
    match (names.is_empty(), area.is_empty()) {
        (_, true) => text(&names),
        (true, false) => text(area),
        (false, false) => Cell::Text(format!("{names} ({area})")),
    }
}

/// The approving decision, and under it the months of the work: "303/QĐ-UBND ngày
/// 05/03/2026" / "03/2026 – 10/2026". One column for both leaves the width to the names.
fn decision_cell(line: &ProjectLine) -> Cell {
    let parts: Vec<String> = [line.approval.trim().to_owned(), duration(&line.duration)]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    text(&parts.join("\n"))
}

/// Status and results in one cell: "Đã nghiệm thu; 12 chiếc (máy móc thiết bị …)".
fn outcome_cell(line: &ProjectLine) -> Cell {
    let parts: Vec<&str> = [line.status.trim(), line.results.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    text(&parts.join("; "))
}

/// Phụ lục I of an implementation report. The table is grouped by source, so one column
/// holds the support of whichever source the group heading names.
fn projects_table(
    figures: &ReportFigures,
    implementers: &Implementers,
    decimals: MillionsDecimals,
) -> Table {
    let columns = vec![
        col("STT", 3, Align::Center),
        col("Tên đề án", 22, Align::Left),
        col("Đơn vị thụ hưởng (địa bàn)", 16, Align::Left),
        col("Quyết định phê duyệt; thời gian thực hiện", 9, Align::Left),
        col("Tổng kinh phí", 7, Align::Right),
        col("Kinh phí khuyến công hỗ trợ", 7, Align::Right),
        col("Vốn đối ứng", 7, Align::Right),
        col("Huy động khác", 7, Align::Right),
        col("Đã giải ngân", 7, Align::Right),
        col("Giải ngân so với hỗ trợ (%)", 5, Align::Right),
        col("Tình trạng, kết quả", 12, Align::Left),
    ];
    let width = columns.len();
    // tổng, hỗ trợ, đối ứng, huy động khác, giải ngân. Advances are part of what is paid out
    // and are summed in the narrative; a column of them would take a name's width.
    let money = |l: &ProjectLine| {
        vec![
            l.total_cost,
            l.support,
            l.counterpart,
            l.other_funds,
            l.disbursed,
        ]
    };
    let cells = |n: usize, l: &ProjectLine, m: &[i64]| {
        let mut c = vec![
            Cell::Count(n as i64),
            name_cell(l, implementers),
            beneficiary_cell(l),
            decision_cell(l),
        ];
        c.extend(row_amounts(m));
        c.push(rate(l.disbursed, l.support));
        c.push(outcome_cell(l));
        c
    };
    let total_cells =
        |label: &str, m: &[i64]| summary_cells(label, 2, m, [rate(m[4], m[1]), Cell::Empty]);
    let rows = Grouped {
        figures,
        money,
        money_columns: 5,
        cells: &cells,
        total_cells: &total_cells,
        width,
        decimals,
    }
    .rows();
    without_empty_columns(
        Table {
            columns,
            rows,
            decimals,
        },
        &[2, 3, 7, 10],
    )
}

/// Phụ lục I of a registration report: the proposals.
fn proposals_table(figures: &ReportFigures, decimals: MillionsDecimals) -> Table {
    let columns = vec![
        col("STT", 3, Align::Center),
        col("Tên đề án", 14, Align::Left),
        col("Nội dung", 5, Align::Center),
        col("Đơn vị đăng ký", 8, Align::Left),
        col("Đơn vị thực hiện", 8, Align::Left),
        col("Đơn vị thụ hưởng", 10, Align::Left),
        col("Địa bàn", 8, Align::Left),
        col("Thời gian thực hiện", 6, Align::Center),
        col("Tổng kinh phí", 7, Align::Right),
        col("KP đề nghị KCQG", 7, Align::Right),
        col("KP đề nghị KCĐP", 7, Align::Right),
        col("Vốn đối ứng", 7, Align::Right),
        col("Kết quả thẩm định", 9, Align::Left),
    ];
    let width = columns.len();
    let money = |l: &ProjectLine| {
        let of = |s| if l.source == s { l.support } else { 0 };
        vec![
            l.total_cost,
            of(FundingSource::Kcqg),
            of(FundingSource::Kcdp),
            l.counterpart,
        ]
    };
    let cells = |n: usize, l: &ProjectLine, m: &[i64]| {
        let mut c = vec![
            Cell::Count(n as i64),
            text(&l.name),
            text(&l.content_code),
            text(&l.proposed_by),
            text(&l.implementer),
            text(&l.beneficiaries),
            text(&l.area),
            text(&duration(&l.duration)),
        ];
        c.extend(row_amounts(m));
        c.push(text(&l.status));
        c
    };
    let total_cells = |label: &str, m: &[i64]| summary_cells(label, 6, m, [Cell::Empty]);
    let rows = Grouped {
        figures,
        money,
        money_columns: 4,
        cells: &cells,
        total_cells: &total_cells,
        width,
        decimals,
    }
    .rows();
    // A registration often has no months yet: a column of nothing is not printed.
    without_empty_columns(
        Table {
            columns,
            rows,
            decimals,
        },
        &[3, 4, 5, 6, 7],
    )
}

/// Phụ lục II: indicators by source, with the programme's target when one is set (its three
/// columns are left out when no indicator has a target).
fn indicators_table(figures: &ReportFigures) -> Table {
    let columns = vec![
        col("STT", 3, Align::Center),
        col("Chỉ tiêu", 20, Align::Left),
        col("Đơn vị tính", 6, Align::Center),
        col("KCQG", 6, Align::Right),
        col("KCĐP", 6, Align::Right),
        col("Nguồn khác", 6, Align::Right),
        col("Tổng", 6, Align::Right),
        col("Mục tiêu chương trình", 7, Align::Right),
        col("Lũy kế chương trình", 7, Align::Right),
        col(
            "Tỷ lệ đạt so với mục tiêu chương trình (%)",
            7,
            Align::Right,
        ),
    ];
    let count = |v: Option<i64>| v.map_or(Cell::Empty, Cell::Count);
    let rows = figures
        .indicators
        .iter()
        .enumerate()
        .map(|(i, line)| Row {
            kind: RowKind::Data,
            cells: vec![
                Cell::Count(i as i64 + 1),
                text(&line.name),
                text(&line.unit),
                Cell::Count(line.kcqg),
                Cell::Count(line.kcdp),
                if line.other == 0 {
                    Cell::Empty
                } else {
                    Cell::Count(line.other)
                },
                Cell::Count(line.total()),
                count(line.target),
                count(line.achieved_in_programme),
                match (line.achieved_in_programme, line.target) {
                    (Some(a), Some(t)) => rate(a, t),
                    _ => Cell::Empty,
                },
            ],
        })
        .collect();
    let mut optional = vec![5];
    if figures.indicators.iter().all(|line| line.target.is_none()) {
        optional.extend([7, 8, 9]);
    }
    // A count of nothing is printed as 0 where the column stays.
    let mut table = without_empty_columns(Table::new(columns, rows), &optional);
    if let Some(other) = table.columns.iter().position(|c| c.heading == "Nguồn khác") {
        for row in &mut table.rows {
            if row.cells[other] == Cell::Empty {
                row.cells[other] = Cell::Count(0);
            }
        }
    }
    table
}

/// Phụ lục III: money by source. A quarter after the first also shows what was allocated
/// and disbursed within the quarter beside the year to date, so the two are never confused.
/// Each rate says what it is a rate of.
fn money_table(figures: &ReportFigures, decimals: MillionsDecimals) -> Table {
    type Pick = fn(&crate::domain::report::figures::SourceFigures) -> i64;
    let own_period = figures.has_own_period();
    let quarter = match figures.kind {
        ReportKind::Quarter(q) => format!("quý {}", roman(q)),
        _ => "kỳ".into(),
    };
    let mut columns = vec![
        col("STT", 3, Align::Center),
        col("Nguồn kinh phí", 16, Align::Left),
        col("Kế hoạch giao đầu năm", 8, Align::Right),
        col("Điều chỉnh, bổ sung", 8, Align::Right),
        col("Chuyển nguồn, hủy dự toán", 8, Align::Right),
        col("Kế hoạch sau điều chỉnh", 8, Align::Right),
    ];
    // (from the period alone rather than the year to date, which amount)
    let mut picks: Vec<(bool, Pick)> = vec![
        (false, |s| s.initial),
        (false, |s| s.adjusted),
        (false, |s| s.carried_over),
        (false, |s| s.planned),
    ];
    if own_period {
        columns.push(col(&format!("Phân bổ trong {quarter}"), 8, Align::Right));
        picks.push((true, |s| s.allocated));
        columns.push(col("Phân bổ lũy kế từ đầu năm", 8, Align::Right));
        picks.push((false, |s| s.allocated));
        columns.push(col(&format!("Giải ngân trong {quarter}"), 8, Align::Right));
        picks.push((true, |s| s.disbursed));
        columns.push(col("Giải ngân lũy kế từ đầu năm", 8, Align::Right));
        picks.push((false, |s| s.disbursed));
    } else {
        columns.push(col("Thực hiện (đã phân bổ)", 8, Align::Right));
        picks.push((false, |s| s.allocated));
        columns.push(col("Đã giải ngân", 8, Align::Right));
        picks.push((false, |s| s.disbursed));
    }
    columns.push(col(
        "Tỷ lệ giải ngân so với kế hoạch sau điều chỉnh (%)",
        7,
        Align::Right,
    ));
    columns.push(col(
        "Tỷ lệ giải ngân so với kinh phí đã phân bổ (%)",
        7,
        Align::Right,
    ));
    let planned = 3;
    let disbursed = picks.len() - 1;
    let allocated = picks.len() - if own_period { 3 } else { 2 };
    let sources: Vec<FundingSource> = FundingSource::ALL.into_iter().collect();
    // Adjustments may be negative; round their magnitude and keep the sign.
    let rounded: Vec<Vec<i64>> = picks
        .iter()
        .map(|(alone, pick)| {
            let values: Vec<i64> = sources
                .iter()
                .map(|&s| {
                    if *alone {
                        pick(&figures.in_period(s))
                    } else {
                        pick(&figures.source(s))
                    }
                })
                .collect();
            let magnitudes: Vec<i64> = values.iter().map(|v| v.abs()).collect();
            to_printed_thousandths(&magnitudes, decimals)
                .into_iter()
                .zip(&values)
                .map(|(r, v)| if *v < 0 { -r } else { r })
                .collect()
        })
        .collect();
    let rates = |column: &dyn Fn(usize) -> i64| {
        [
            rate(column(disbursed), column(planned)),
            rate(column(disbursed), column(allocated)),
        ]
    };
    let mut rows: Vec<Row> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut cells = vec![Cell::Count(i as i64 + 1), Cell::Text(s.full_name().into())];
            cells.extend(rounded.iter().map(|col| Cell::Millions(col[i])));
            cells.extend(rates(&|c| rounded[c][i]));
            Row {
                kind: RowKind::Data,
                cells,
            }
        })
        .collect();
    let totals: Vec<i64> = rounded.iter().map(|col| col.iter().sum()).collect();
    let mut cells = vec![Cell::Empty, Cell::Text("TỔNG CỘNG".into())];
    cells.extend(totals.iter().map(|v| Cell::Millions(*v)));
    cells.extend(rates(&|c| totals[c]));
    rows.push(Row {
        kind: RowKind::Total,
        cells,
    });
    Table {
        columns,
        rows,
        decimals,
    }
}
