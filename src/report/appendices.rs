//! The appendices built from the figures (DOMAIN.md §5.3): Phụ lục I projects grouped by
//! source and content with subtotals, Phụ lục II indicators, Phụ lục III money by source — or,
//! for a registration report, the list of proposals. Amounts in triệu đồng, rounded so every
//! printed column adds up to its printed total.

use super::document::{Align, Appendix, Cell, Column, Row, RowKind, Table};
use super::rounding::to_thousands;
use crate::domain::funding_source::FundingSource;
use crate::domain::money::money_rate;
use crate::domain::report::figures::{ProjectLine, ReportFigures};
use crate::domain::report::report_kind::{ReportKind, roman};

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

/// A subtotal or total row of a project table: the label under "Tên đề án", the six text
/// columns after it empty, the summed amounts (zeros printed), then `tail`.
fn summary_cells<const N: usize>(label: &str, amounts: &[i64], tail: [Cell; N]) -> Vec<Cell> {
    let mut c = vec![Cell::Empty, Cell::Text(label.into())];
    c.extend(std::iter::repeat_n(Cell::Empty, 6));
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

/// The appendices of `figures`; `attached_to` is the "(Kèm theo Báo cáo số …)" line.
pub fn appendices(figures: &ReportFigures, attached_to: &str) -> Vec<Appendix> {
    let appendix = |n: u8, title: String, table: Table, unit: bool| Appendix {
        label: format!("Phụ lục {}", roman(n)),
        title,
        attached_to: attached_to.to_owned(),
        unit_note: unit.then(|| UNIT_NOTE.to_owned()),
        landscape: true,
        table,
    };
    let period = figures.kind.period_phrase(figures.year).to_uppercase();
    // A quarter after the first: its project and result tables hold the year to date, and
    // say so (Phụ lục III shows the quarter alone beside it).
    let to_date = if figures.has_own_period() {
        format!(
            "{period} (LŨY KẾ TỪ ĐẦU NĂM ĐẾN NGÀY {})",
            crate::text::date::format_date(figures.period_to)
        )
    } else {
        period.clone()
    };
    match figures.kind {
        ReportKind::Registration => vec![appendix(
            1,
            format!("DANH MỤC ĐỀ ÁN ĐĂNG KÝ KẾ HOẠCH KHUYẾN CÔNG {period}"),
            proposals_table(figures),
            true,
        )],
        _ => vec![
            appendix(
                1,
                format!("KẾT QUẢ THỰC HIỆN CÁC ĐỀ ÁN KHUYẾN CÔNG {to_date}"),
                projects_table(figures),
                true,
            ),
            appendix(
                2,
                format!("TỔNG HỢP CHỈ TIÊU KẾT QUẢ KHUYẾN CÔNG {to_date}"),
                indicators_table(figures),
                false,
            ),
            appendix(
                3,
                format!("TÌNH HÌNH THỰC HIỆN KINH PHÍ KHUYẾN CÔNG {period}"),
                money_table(figures),
                true,
            ),
        ],
    }
}

/// Builds a data row from its number in the group, the line and its rounded amounts.
type DataCells = dyn Fn(usize, &ProjectLine, &[i64]) -> Vec<Cell>;
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
    cells: &'a DataCells,
    total_cells: &'a TotalCells,
    width: usize,
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
            for (r, v) in to_thousands(&column).into_iter().enumerate() {
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

/// Phụ lục I of an implementation report.
fn projects_table(figures: &ReportFigures) -> Table {
    let columns = vec![
        col("STT", 3, Align::Center),
        col("Tên đề án", 16, Align::Left),
        col("Nội dung", 6, Align::Center),
        col("Đơn vị thực hiện", 9, Align::Left),
        col("Đơn vị thụ hưởng", 12, Align::Left),
        col("Địa bàn", 7, Align::Left),
        col("QĐ phê duyệt", 8, Align::Left),
        col("Thời gian thực hiện", 7, Align::Center),
        col("Tổng kinh phí", 7, Align::Right),
        col("KCQG", 7, Align::Right),
        col("KCĐP", 7, Align::Right),
        col("Nguồn khác", 6, Align::Right),
        col("Vốn đối ứng", 7, Align::Right),
        col("Đã tạm ứng", 7, Align::Right),
        col("Đã giải ngân", 7, Align::Right),
        col("Tỷ lệ giải ngân (%)", 5, Align::Right),
        col("Tình trạng", 7, Align::Left),
        col("Kết quả", 10, Align::Left),
    ];
    let width = columns.len();
    // total, KCQG, KCĐP, khác, đối ứng, tạm ứng, giải ngân
    let money = |l: &ProjectLine| {
        let of = |s| if l.source == s { l.support } else { 0 };
        vec![
            l.total_cost,
            of(FundingSource::Kcqg),
            of(FundingSource::Kcdp),
            of(FundingSource::Khac) + l.other_funds,
            l.counterpart,
            l.advanced,
            l.disbursed,
        ]
    };
    let cells = |n: usize, l: &ProjectLine, m: &[i64]| {
        let mut c = vec![
            Cell::Count(n as i64),
            text(&l.name),
            text(&l.content_code),
            text(&l.implementer),
            text(&l.beneficiaries),
            text(&l.area),
            text(&l.approval),
            text(&l.duration),
        ];
        c.extend(row_amounts(m));
        c.push(rate(l.disbursed, l.support));
        c.push(text(&l.status));
        c.push(text(&l.results));
        c
    };
    let total_cells = |label: &str, m: &[i64]| {
        let disbursed_rate = rate(m[6], m[1] + m[2] + m[3]);
        summary_cells(label, m, [disbursed_rate, Cell::Empty, Cell::Empty])
    };
    let rows = Grouped {
        figures,
        money,
        money_columns: 7,
        cells: &cells,
        total_cells: &total_cells,
        width,
    }
    .rows();
    Table { columns, rows }
}

/// Phụ lục I of a registration report: the proposals.
fn proposals_table(figures: &ReportFigures) -> Table {
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
            text(&l.duration),
        ];
        c.extend(row_amounts(m));
        c.push(text(&l.status));
        c
    };
    let total_cells = |label: &str, m: &[i64]| summary_cells(label, m, [Cell::Empty]);
    let rows = Grouped {
        figures,
        money,
        money_columns: 4,
        cells: &cells,
        total_cells: &total_cells,
        width,
    }
    .rows();
    Table { columns, rows }
}

/// Phụ lục II: indicators by source with the programme's target.
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
        col("Tỷ lệ đạt (%)", 6, Align::Right),
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
                Cell::Count(line.other),
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
    Table { columns, rows }
}

/// Phụ lục III: money by source. A quarter after the first also shows what was allocated
/// and disbursed within the quarter beside the year to date, so the two are never confused.
fn money_table(figures: &ReportFigures) -> Table {
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
    // (column, from the year to date or the period alone, which amount)
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
        8,
        Align::Right,
    ));
    let planned = 3;
    let disbursed = picks.len() - 1;
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
            to_thousands(&magnitudes)
                .into_iter()
                .zip(&values)
                .map(|(r, v)| if *v < 0 { -r } else { r })
                .collect()
        })
        .collect();
    let mut rows: Vec<Row> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut cells = vec![Cell::Count(i as i64 + 1), Cell::Text(s.full_name().into())];
            cells.extend(rounded.iter().map(|col| Cell::Millions(col[i])));
            cells.push(rate(rounded[disbursed][i], rounded[planned][i]));
            Row {
                kind: RowKind::Data,
                cells,
            }
        })
        .collect();
    let totals: Vec<i64> = rounded.iter().map(|col| col.iter().sum()).collect();
    let mut cells = vec![Cell::Empty, Cell::Text("TỔNG CỘNG".into())];
    cells.extend(totals.iter().map(|v| Cell::Millions(*v)));
    cells.push(rate(totals[disbursed], totals[planned]));
    rows.push(Row {
        kind: RowKind::Total,
        cells,
    });
    Table { columns, rows }
}
