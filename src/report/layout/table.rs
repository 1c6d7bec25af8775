//! An appendix table: a full grid, the header row bold and repeated at the top of every page,
//! cells wrapped inside their columns at one size, numbers aligned as their column says and
//! never broken. Rows are placed in blocks that must share a page: a group heading with the
//! row under it, the last row of a group with its "Cộng", a subtotal with the total after it.
//! A block moves whole to the next page when it does not fit; only a block taller than a page
//! is placed row by row, and only a row taller than a page is split, its cells continuing
//! under the header overleaf.

use super::column_widths::{fit_columns, run_over};
use super::sheet::{Flow, Sheet};
use super::{SINGLE, Style};
use crate::report::document::{Align, Cell, MillionsDecimals, Row, RowKind, Table};
use crate::report::page::Face;
use crate::report::print_font::print_fonts;
use crate::text::format_integer;
use crate::text::format_percent_basis_points;
use crate::text::number::format_millions_to;

const PAD_X_MM: f32 = 1.0;
const PAD_Y_MM: f32 = 0.9;
/// Rounding slack when asking whether something fits.
const FIT_SLACK_MM: f32 = 0.01;

pub(super) fn layout_table(flow: &mut Flow, table: &Table, preferred_pt: f32) {
    if table.columns.is_empty() {
        return;
    }
    let grid = Grid::new(&flow.sheet, table, preferred_pt);
    let header = grid.header(table);
    let mut pager = Pager {
        grid: &grid,
        header: &header,
        rule_tops: Vec::new(),
    };
    let rows: Vec<PreparedRow> = table.rows.iter().map(|row| grid.row(row)).collect();
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        while end < rows.len() && keeps_with_next(&table.rows[end - 1], &table.rows[end]) {
            end += 1;
        }
        pager.place_block(flow, &rows[start..end]);
        start = end;
    }
    pager.close_segment(flow);
}

/// Whether `row` must stay on the page of the row after it: a heading is never left at a
/// page foot, a "Cộng" or "TỔNG CỘNG" never opens a page without the rows it sums.
fn keeps_with_next(row: &Row, next: &Row) -> bool {
    row.kind == RowKind::Group || matches!(next.kind, RowKind::Subtotal | RowKind::Total)
}

/// Where the columns are, and the text size of the table.
struct Grid {
    lefts: Vec<f32>,
    widths: Vec<f32>,
    aligns: Vec<Align>,
    /// Regular text; bold rows differ only in face, so this also gives every row's metrics.
    style: Style,
    decimals: MillionsDecimals,
}

/// A cell wrapped and ready to place.
struct PreparedCell {
    /// The column it starts in, and how many columns it covers.
    first: usize,
    span: usize,
    lines: Vec<String>,
    align: Align,
}

/// A row wrapped and ready to place.
struct PreparedRow {
    cells: Vec<PreparedCell>,
    face: Face,
}

impl PreparedRow {
    fn line_count(&self) -> usize {
        self.cells
            .iter()
            .map(|cell| cell.lines.len())
            .max()
            .unwrap_or(0)
            .max(1)
    }
}

impl Grid {
    fn new(sheet: &Sheet, table: &Table, preferred_pt: f32) -> Grid {
        let (size_pt, widths) = fit_columns(table, sheet.width(), preferred_pt, PAD_X_MM);
        let lefts = widths
            .iter()
            .scan(sheet.left(), |left, width| {
                let this = *left;
                *left += width;
                Some(this)
            })
            .collect();
        Grid {
            lefts,
            widths,
            aligns: table.columns.iter().map(|c| c.align).collect(),
            style: Style::new(Face::Regular, size_pt, SINGLE),
            decimals: table.decimals,
        }
    }

    /// The x of the line before column `boundary` (the table's right edge after the last).
    fn edge(&self, boundary: usize) -> f32 {
        match self.lefts.get(boundary) {
            Some(&left) => left,
            None => self.right(),
        }
    }

    fn left(&self) -> f32 {
        self.lefts[0]
    }

    fn right(&self) -> f32 {
        let last = self.lefts.len() - 1;
        self.lefts[last] + self.widths[last]
    }

    /// The header row: bold, every heading wrapped and centred.
    fn header(&self, table: &Table) -> PreparedRow {
        let cells = table
            .columns
            .iter()
            .enumerate()
            .map(|(index, column)| {
                let mut cell = self.prepare_cell(&column.heading, false, index, 1, Face::Bold);
                cell.align = Align::Center;
                cell
            })
            .collect();
        PreparedRow {
            cells,
            face: Face::Bold,
        }
    }

    /// A body row. In a group, subtotal or total row a text runs on over the empty cells to
    /// its right, as a merged cell would ("A. NGUỒN KHUYẾN CÔNG QUỐC GIA" across the table).
    fn row(&self, row: &Row) -> PreparedRow {
        let face = row_face(row.kind);
        // A row with fewer cells than columns leaves the rest empty; extra cells are dropped.
        let columns = self.widths.len();
        let cell_at = |index: usize| row.cells.get(index).unwrap_or(&Cell::Empty);
        let mut cells = Vec::with_capacity(columns);
        let mut first = 0;
        while first < columns {
            let cell = cell_at(first);
            let span = run_over(row, first, columns);
            let text = cell_text(cell, self.decimals);
            cells.push(self.prepare_cell(&text, is_number(cell), first, span, face));
            first += span;
        }
        PreparedRow { cells, face }
    }

    fn prepare_cell(
        &self,
        text: &str,
        is_number: bool,
        first: usize,
        span: usize,
        face: Face,
    ) -> PreparedCell {
        let width = self.widths[first..first + span].iter().sum::<f32>() - 2.0 * PAD_X_MM;
        let font = print_fonts().face(face);
        // The columns are sized so every number fits whole; should one not (a table with more
        // numbers than the page is wide), it stays whole on one line rather than breaking.
        let lines = if is_number {
            vec![text.to_owned()]
        } else {
            font.wrap(text, self.style.size_pt, width)
        };
        PreparedCell {
            first,
            span,
            lines,
            align: self.aligns[first],
        }
    }

    fn height(&self, lines: usize) -> f32 {
        lines as f32 * self.style.line_mm() + 2.0 * PAD_Y_MM
    }
}

/// Group headings, subtotals and totals are bold.
pub(super) fn row_face(kind: RowKind) -> Face {
    match kind {
        RowKind::Data => Face::Regular,
        RowKind::Group | RowKind::Subtotal | RowKind::Total => Face::Bold,
    }
}

pub(super) fn is_number(cell: &Cell) -> bool {
    matches!(cell, Cell::Count(_) | Cell::Millions(_) | Cell::Percent(_))
}

/// How a cell is printed: counts "1.234", money "1.234,500" (triệu đồng, with the table's
/// decimals), percentages "80,0" (the column heading carries the "%").
pub(super) fn cell_text(cell: &Cell, decimals: MillionsDecimals) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text.clone(),
        Cell::Count(count) => format_integer(*count),
        Cell::Millions(thousandths) => format_millions_to(*thousandths, decimals),
        Cell::Percent(basis_points) => {
            let with_sign = format_percent_basis_points(*basis_points);
            with_sign.trim_end_matches(" %").to_owned()
        }
    }
}

/// Puts rows on pages, opening each page's part of the table with the header row.
struct Pager<'g> {
    grid: &'g Grid,
    header: &'g PreparedRow,
    /// For each column line, where its current run started on this page; empty until the
    /// table has started on the page. A cell running over a line interrupts it.
    rule_tops: Vec<f32>,
}

impl Pager<'_> {
    /// Places rows that must share a page: here if they fit, else at the top of the next
    /// page; rows together taller than a page go one by one.
    fn place_block(&mut self, flow: &mut Flow, rows: &[PreparedRow]) {
        if let [row] = rows {
            self.place(flow, row);
            return;
        }
        let height: f32 = rows.iter().map(|r| self.grid.height(r.line_count())).sum();
        let header_height = self.grid.height(self.header.line_count());
        let header_cost = if self.table_started() {
            0.0
        } else {
            header_height
        };
        let fresh_page_room = flow.sheet.bottom() - flow.sheet.top() - header_height;
        if height > flow.room() - header_cost + FIT_SLACK_MM
            && height <= fresh_page_room + FIT_SLACK_MM
            && !self.page_is_fresh(flow)
        {
            self.next_page(flow);
        }
        for row in rows {
            self.place(flow, row);
        }
    }

    fn place(&mut self, flow: &mut Flow, row: &PreparedRow) {
        let total = row.line_count();
        let header_height = self.grid.height(self.header.line_count());
        let mut from = 0;
        while from < total {
            let header_cost = if self.table_started() {
                0.0
            } else {
                header_height
            };
            let room = flow.room() - header_cost;
            let needed = self.grid.height(total - from);
            if needed <= room + FIT_SLACK_MM {
                self.start_table(flow);
                self.draw(flow, row, from, total);
                return;
            }
            let fresh_page_room = flow.sheet.bottom() - flow.sheet.top() - header_height;
            if needed <= fresh_page_room + FIT_SLACK_MM {
                self.next_page(flow);
                continue;
            }
            // Taller than any page: as many lines as fit here, the rest overleaf.
            let line_height = self.grid.style.line_mm();
            let mut fitting = ((room - 2.0 * PAD_Y_MM + FIT_SLACK_MM) / line_height)
                .floor()
                .max(0.0) as usize;
            if fitting == 0 {
                if !self.page_is_fresh(flow) {
                    self.next_page(flow);
                    continue;
                }
                // Not even one line fits on an empty page: place one anyway, to move on.
                fitting = 1;
            }
            let to = (from + fitting).min(total);
            self.start_table(flow);
            self.draw(flow, row, from, to);
            from = to;
            if from < total {
                self.next_page(flow);
            }
        }
    }

    fn table_started(&self) -> bool {
        !self.rule_tops.is_empty()
    }

    fn page_is_fresh(&self, flow: &Flow) -> bool {
        !self.table_started() && flow.y <= flow.sheet.top() + FIT_SLACK_MM
    }

    /// Draws lines `from .. to` of every cell as one band of the table, with the rule under it.
    fn draw(&mut self, flow: &mut Flow, row: &PreparedRow, from: usize, to: usize) {
        let grid = self.grid;
        let whole = from == 0 && to == row.line_count();
        let line_height = grid.style.line_mm();
        let top = flow.y;
        let bottom = top + grid.height(to - from);
        let sheet = &mut flow.sheet;
        // Every cell sits on the same baselines.
        let first_baseline = sheet.baseline(top + PAD_Y_MM, grid.style);
        for cell in &row.cells {
            let shown = cell
                .lines
                .get(from..to.min(cell.lines.len()))
                .unwrap_or_default();
            // A whole row centres each cell vertically; the parts of a split row hang from the top.
            let offset = if whole {
                (to - from - shown.len()) as f32 * line_height / 2.0
            } else {
                0.0
            };
            let style = Style::new(row.face, grid.style.size_pt, SINGLE);
            let left = grid.lefts[cell.first] + PAD_X_MM;
            let right = grid.edge(cell.first + cell.span) - PAD_X_MM;
            for (index, line) in shown.iter().enumerate() {
                let baseline = first_baseline + offset + index as f32 * line_height;
                sheet.aligned(
                    left,
                    right - left,
                    cell.align,
                    baseline,
                    style,
                    line.as_str(),
                );
            }
            // The column lines this cell runs over stop above it and resume below it.
            for boundary in cell.first + 1..cell.first + cell.span {
                let x = grid.edge(boundary);
                if self.rule_tops[boundary] < top {
                    sheet.line(x, self.rule_tops[boundary], x, top);
                }
                self.rule_tops[boundary] = bottom;
            }
        }
        flow.y = bottom;
        flow.sheet.rule(grid.left(), grid.right(), bottom);
    }

    /// Starts the table on this page with its top rule and header row, if not yet done.
    fn start_table(&mut self, flow: &mut Flow) {
        if self.table_started() {
            return;
        }
        self.rule_tops = vec![flow.y; self.grid.lefts.len() + 1];
        flow.sheet.rule(self.grid.left(), self.grid.right(), flow.y);
        let header = self.header;
        self.draw(flow, header, 0, header.line_count());
    }

    /// Draws the column lines down to the last row on this page.
    fn close_segment(&mut self, flow: &mut Flow) {
        let bottom = flow.y;
        for (boundary, top) in std::mem::take(&mut self.rule_tops).into_iter().enumerate() {
            if top < bottom {
                let x = self.grid.edge(boundary);
                flow.sheet.line(x, top, x, bottom);
            }
        }
    }

    fn next_page(&mut self, flow: &mut Flow) {
        self.close_segment(flow);
        flow.new_page();
    }
}
