//! How wide each column of an appendix table is, and at what size its text is set.
//!
//! Every column first gets what it needs so that nothing in it breaks: its widest number
//! (numbers, decision numbers, dates and codes are never split), the widest word of its cells,
//! and room for its heading in a few lines. Columns holding only numbers keep exactly that.
//! The rest of the printable width goes to the text columns, a millimetre at a time, to
//! whichever makes the table shortest — measured on the table's own rows — so a long name
//! gets the width and a short status does not. The table is set at one size for every cell:
//! the largest, from the preferred size down to 10 pt, at which its rows wrap into hardly
//! more lines than at 10 pt.

use super::table::{cell_text, is_number, row_face};
use crate::report::document::{Cell, RowKind, Table};
use crate::report::page::Face;
use crate::report::print_font::print_fonts;

/// No table cell is set smaller than this.
pub(super) const SMALLEST_TABLE_PT: f32 = 10.0;
const SIZE_STEP_PT: f32 = 0.5;
/// A larger size is taken while the table's rows wrap into no more than this share of the
/// lines they take at 10 pt (the same lines, only larger, read better; more lines cost pages).
const LARGER_SIZE_COST: f32 = 1.05;
/// A heading may wrap into this many lines before its column is widened for it.
const HEADING_LINES: usize = 4;
/// The width handed out to text columns a step at a time.
const STEP_MM: f32 = 1.0;
/// The rows the widths are tuned on: all of a small table, an even sample of a long one (the
/// measure is the same, the work bounded).
const SAMPLE_ROWS: usize = 160;
/// How much more a line of row height counts than a line of one cell, when widths are shared.
const ROW_WEIGHT: u64 = 64;
/// Rounding slack when comparing widths.
const FIT_EPSILON: f32 = 1e-3;

/// The size to set the table at (`preferred_pt` or less, never below 10 pt) and the width of
/// each column in millimetres, adding up to `printable_mm`. `padding_mm` is the room a cell
/// keeps on each side of its text.
pub(super) fn fit_columns(
    table: &Table,
    printable_mm: f32,
    preferred_pt: f32,
    padding_mm: f32,
) -> (f32, Vec<f32>) {
    let measured = Measured::new(table);
    let mut fitted: Vec<(f32, Vec<f32>, f32)> = Vec::new();
    let mut size_pt = preferred_pt.max(SMALLEST_TABLE_PT);
    loop {
        if let Some((widths, lines)) = measured.fit_at(size_pt, printable_mm, padding_mm, false) {
            fitted.push((size_pt, widths, lines));
        }
        if size_pt - SIZE_STEP_PT < SMALLEST_TABLE_PT - FIT_EPSILON {
            break;
        }
        size_pt -= SIZE_STEP_PT;
    }
    let Some(smallest_lines) = fitted.last().map(|(_, _, lines)| *lines) else {
        // Even at 10 pt the numbers and words do not all fit side by side: squeeze the text
        // columns (their words may then break) before any number.
        return (
            SMALLEST_TABLE_PT,
            measured.squeezed(SMALLEST_TABLE_PT, printable_mm, padding_mm),
        );
    };
    fitted
        .into_iter()
        .find(|(_, _, lines)| *lines <= LARGER_SIZE_COST * smallest_lines + FIT_EPSILON)
        .map(|(size, widths, _)| (size, widths))
        .unwrap_or_default()
}

/// The widths, in millimetres, of `table`'s columns at `size_pt` for a spreadsheet: the same
/// sharing as on paper, but when the numbers and words need more than `printable_mm` the
/// columns keep their need and the sheet is wider (printing scales it to the page).
pub(crate) fn widths_at(
    table: &Table,
    printable_mm: f32,
    size_pt: f32,
    padding_mm: f32,
) -> Vec<f32> {
    Measured::new(table)
        .fit_at(size_pt, printable_mm, padding_mm, true)
        .map(|(widths, _)| widths)
        .unwrap_or_default()
}

/// One cell's words measured at 1 pt (widths scale with the size): a list per forced line.
struct Words {
    lines: Vec<Vec<f32>>,
}

impl Words {
    fn new(text: &str, face: Face) -> Words {
        let font = print_fonts().face(face);
        Words {
            lines: text
                .split('\n')
                .map(|line| {
                    line.split_whitespace()
                        .map(|word| font.width_mm(word, 1.0))
                        .collect()
                })
                .collect(),
        }
    }

    /// How many lines the greedy wrap of the print font makes in `width` (1 pt units).
    fn line_count(&self, width: f32, space: f32) -> u16 {
        let mut count = 0u16;
        for words in &self.lines {
            let mut lines = 1u16;
            let mut line = -1.0f32;
            for &word in words {
                if line < 0.0 {
                    line = word;
                } else if line + space + word <= width + FIT_EPSILON {
                    line += space + word;
                } else {
                    lines = lines.saturating_add(1);
                    line = word;
                }
                // A word wider than the line is broken over as many lines as it takes.
                if line > width + FIT_EPSILON && width > 0.0 {
                    let extra = (line / width).ceil() as u16 - 1;
                    lines = lines.saturating_add(extra);
                    line -= f32::from(extra) * width;
                }
            }
            count = count.saturating_add(lines);
        }
        count
    }

    fn widest(&self) -> f32 {
        self.lines.iter().flatten().copied().fold(0.0, f32::max)
    }
}

/// What one column holds, measured at 1 pt.
struct ColumnNeeds {
    heading: String,
    weight: f32,
    /// Only numbers (or nothing) in its body rows: it keeps the width of its widest one.
    numeric: bool,
    /// The widest number or unbreakable word of its body (1 pt units).
    widest: f32,
    /// The heading's widest word, bold (1 pt units).
    heading_word: f32,
}

/// A table measured once, fitted at any size.
struct Measured {
    columns: Vec<ColumnNeeds>,
    /// For the sampled data rows: each text column's words (None where the cell is not text).
    sample: Vec<Vec<Option<Words>>>,
    /// A space in the regular face at 1 pt.
    space: f32,
}

impl Measured {
    fn new(table: &Table) -> Measured {
        let fonts = print_fonts();
        let count = table.columns.len();
        let mut widest = vec![0.0f32; count];
        let mut has_text = vec![false; count];
        for row in &table.rows {
            let face = row_face(row.kind);
            let font = fonts.face(face);
            let mut index = 0;
            while index < count {
                let cell = row.cells.get(index).unwrap_or(&Cell::Empty);
                let span = run_over(row, index, count);
                if is_number(cell) {
                    let text = cell_text(cell, table.decimals);
                    widest[index] = widest[index].max(font.width_mm(&text, 1.0));
                } else if let Cell::Text(text) = cell {
                    // A title running over empty cells needs no room of its own column.
                    if span == 1 {
                        has_text[index] |= row.kind == RowKind::Data;
                        let words = Words::new(text, face);
                        widest[index] = widest[index].max(words.widest());
                    }
                }
                index += span;
            }
        }
        let bold = fonts.face(Face::Bold);
        let columns: Vec<ColumnNeeds> = table
            .columns
            .iter()
            .enumerate()
            .map(|(index, column)| ColumnNeeds {
                heading: column.heading.clone(),
                weight: f32::from(column.weight.max(1)),
                numeric: !has_text[index],
                widest: widest[index],
                heading_word: column
                    .heading
                    .split_whitespace()
                    .map(|word| bold.width_mm(word, 1.0))
                    .fold(0.0, f32::max),
            })
            .collect();
        let data: Vec<usize> = (0..table.rows.len())
            .filter(|&index| table.rows[index].kind == RowKind::Data)
            .collect();
        let every = data.len().div_ceil(SAMPLE_ROWS).max(1);
        let sample = data
            .iter()
            .step_by(every)
            .map(|&index| {
                let row = &table.rows[index];
                (0..count)
                    .map(|column| match row.cells.get(column) {
                        Some(Cell::Text(text)) if !columns[column].numeric => {
                            Some(Words::new(text, Face::Regular))
                        }
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        Measured {
            columns,
            sample,
            space: fonts.face(Face::Regular).width_mm(" ", 1.0),
        }
    }

    /// The width column `index` needs at `size_pt`, padding included: its widest number or
    /// word, and its heading in at most `heading_lines` lines (None: its widest word only).
    fn need(&self, index: usize, size_pt: f32, padding_mm: f32, heading_lines: bool) -> f32 {
        let column = &self.columns[index];
        let mut text = column.widest.max(column.heading_word) * size_pt;
        if heading_lines {
            text = text.max(heading_width(&column.heading, size_pt, HEADING_LINES));
        }
        text + 2.0 * padding_mm
    }

    /// The widths at `size_pt` and the lines of the sampled rows, or None when the
    /// columns' needs exceed `printable_mm` (unless `may_be_wider`, when they are kept).
    fn fit_at(
        &self,
        size_pt: f32,
        printable_mm: f32,
        padding_mm: f32,
        may_be_wider: bool,
    ) -> Option<(Vec<f32>, f32)> {
        let count = self.columns.len();
        let needs = |heading_lines| -> Vec<f32> {
            (0..count)
                .map(|index| self.need(index, size_pt, padding_mm, heading_lines))
                .collect()
        };
        let mut widths = needs(true);
        // On paper the headings may take more lines to make room; a sheet can be wider.
        if widths.iter().sum::<f32>() > printable_mm + FIT_EPSILON && !may_be_wider {
            widths = needs(false);
        }
        let spare = printable_mm - widths.iter().sum::<f32>();
        if spare < -FIT_EPSILON && !may_be_wider {
            return None;
        }
        if spare > 0.0 {
            self.share_out(&mut widths, spare, size_pt, padding_mm);
        }
        let lines = self
            .row_lines(&widths, size_pt, padding_mm)
            .iter()
            .map(|&lines| f32::from(lines))
            .sum();
        Some((widths, lines))
    }

    /// Lines of every sampled row at these widths.
    fn row_lines(&self, widths: &[f32], size_pt: f32, padding_mm: f32) -> Vec<u16> {
        self.sample
            .iter()
            .map(|row| {
                row.iter()
                    .zip(widths)
                    .filter_map(|(words, width)| {
                        let words = words.as_ref()?;
                        Some(words.line_count((width - 2.0 * padding_mm) / size_pt, self.space))
                    })
                    .fold(1, u16::max)
            })
            .collect()
    }

    /// Gives `spare` millimetres to the text columns, each step where it shortens the sampled
    /// rows the most per millimetre; what shortens nothing is shared by all columns' weights.
    fn share_out(&self, widths: &mut [f32], spare: f32, size_pt: f32, padding_mm: f32) {
        let text: Vec<usize> = (0..widths.len())
            .filter(|&index| !self.columns[index].numeric)
            .collect();
        // What shortens no row is shared by every column's weight, numbers included: a
        // table that fits easily keeps the proportions it was designed with.
        let receivers: Vec<usize> = (0..widths.len()).collect();
        let steps = (spare / STEP_MM).floor() as usize;
        let mut given = vec![0usize; widths.len()];
        let mut left = steps;
        if !self.sample.is_empty() && !text.is_empty() && steps > 0 {
            // lines[c][k][r]: lines of sampled row r when text column c has k more steps.
            let lines: Vec<Vec<Vec<u16>>> = text
                .iter()
                .map(|&column| {
                    (0..=steps)
                        .map(|k| {
                            let width = widths[column] + k as f32 * STEP_MM - 2.0 * padding_mm;
                            self.sample
                                .iter()
                                .map(|row| {
                                    row[column].as_ref().map_or(1, |words| {
                                        words.line_count(width / size_pt, self.space)
                                    })
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect();
            let rows = self.sample.len();
            loop {
                let at = |t: usize, r: usize| lines[t][given[text[t]]][r];
                let mut best: Option<(usize, usize, f32)> = None;
                for t in 0..text.len() {
                    let others: Vec<u16> = (0..rows)
                        .map(|r| {
                            (0..text.len())
                                .filter(|&o| o != t)
                                .map(|o| at(o, r))
                                .fold(1, u16::max)
                        })
                        .collect();
                    // The rows' height first; then, to break ties, the column's own lines:
                    // a row of two four-line cells only gets shorter when both widen, and
                    // the first to widen must still count as progress.
                    let cost = |column: &[u16]| -> u64 {
                        (0..rows)
                            .map(|r| {
                                ROW_WEIGHT * u64::from(others[r].max(column[r]))
                                    + u64::from(column[r])
                            })
                            .sum()
                    };
                    let from = given[text[t]];
                    let now = cost(&lines[t][from]);
                    let least = cost(&lines[t][from + left]);
                    for more in 1..=left {
                        let after = cost(&lines[t][from + more]);
                        let gain = now.saturating_sub(after) as f32 / more as f32;
                        if gain > 0.0 && best.is_none_or(|(_, _, g)| gain > g + FIT_EPSILON) {
                            best = Some((t, more, gain));
                        }
                        if after == least {
                            break;
                        }
                    }
                }
                let Some((t, more, _)) = best else {
                    break;
                };
                given[text[t]] += more;
                left -= more;
                if left == 0 {
                    break;
                }
            }
        }
        for (width, steps) in widths.iter_mut().zip(&given) {
            *width += *steps as f32 * STEP_MM;
        }
        let rest = spare - (steps - left) as f32 * STEP_MM;
        let weights: f32 = receivers.iter().map(|&i| self.columns[i].weight).sum();
        for &index in &receivers {
            widths[index] += rest * self.columns[index].weight / weights;
        }
    }

    /// When even 10 pt does not fit: every number keeps its width if they fit together, and
    /// the text columns share the rest in proportion to their needs.
    fn squeezed(&self, size_pt: f32, printable_mm: f32, padding_mm: f32) -> Vec<f32> {
        let needs: Vec<f32> = (0..self.columns.len())
            .map(|index| self.need(index, size_pt, padding_mm, false))
            .collect();
        let numeric: f32 = (0..needs.len())
            .filter(|&i| self.columns[i].numeric)
            .map(|i| needs[i])
            .sum();
        // A text column keeps at least its heading's widest word, so no heading is printed
        // letter by letter; what its cells need beyond that is shared in proportion.
        let floors: Vec<f32> = (0..needs.len())
            .map(|i| {
                let column = &self.columns[i];
                if column.numeric {
                    needs[i]
                } else {
                    (column.heading_word * size_pt + 2.0 * padding_mm).min(needs[i])
                }
            })
            .collect();
        let floor: f32 = floors.iter().sum();
        let excess: f32 = needs.iter().zip(&floors).map(|(n, f)| n - f).sum();
        if numeric >= printable_mm || floor >= printable_mm || excess <= 0.0 {
            let all: f32 = needs.iter().sum();
            return needs.iter().map(|n| n * printable_mm / all).collect();
        }
        let scale = (printable_mm - floor) / excess;
        needs
            .iter()
            .zip(&floors)
            .map(|(n, f)| f + (n - f) * scale)
            .collect()
    }
}

/// How many columns the cell at `index` covers: a title in a group, subtotal or total row runs
/// on over the empty cells to its right, as the layout draws it.
pub(crate) fn run_over(row: &crate::report::document::Row, index: usize, count: usize) -> usize {
    let cell_at = |i: usize| row.cells.get(i).unwrap_or(&Cell::Empty);
    let mut span = 1;
    if row.kind != RowKind::Data && matches!(cell_at(index), Cell::Text(_)) {
        while index + span < count && *cell_at(index + span) == Cell::Empty {
            span += 1;
        }
    }
    span
}

/// The narrowest width (mm) at which `heading`, bold at `size_pt`, wraps into `lines` lines
/// or fewer, never narrower than its widest word.
fn heading_width(heading: &str, size_pt: f32, lines: usize) -> f32 {
    let bold = print_fonts().face(Face::Bold);
    let widest = heading
        .split_whitespace()
        .map(|word| bold.width_mm(word, size_pt))
        .fold(0.0, f32::max);
    let whole = bold.width_mm(heading, size_pt);
    if bold.wrap(heading, size_pt, widest).len() <= lines {
        return widest;
    }
    let (mut too_narrow, mut enough) = (widest, whole.max(widest));
    while enough - too_narrow > 0.05 {
        let middle = (too_narrow + enough) / 2.0;
        if bold.wrap(heading, size_pt, middle).len() <= lines {
            enough = middle;
        } else {
            too_narrow = middle;
        }
    }
    enough
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::{Align, Column, Row};

    fn column(heading: &str, weight: u16) -> Column {
        Column {
            heading: heading.into(),
            weight,
            align: Align::Left,
        }
    }

    fn data(cells: Vec<Cell>) -> Row {
        Row {
            kind: RowKind::Data,
            cells,
        }
    }

    #[test]
    fn words_are_counted_into_lines_as_the_wrap_makes_them() {
        let font = print_fonts().face(Face::Regular);
        let text =
            "Hỗ trợ xây dựng mô hình trình diễn kỹ thuật sản xuất gạch không nung\nXã Nga Sơn";
        let words = Words::new(text, Face::Regular);
        let space = font.width_mm(" ", 1.0);
        for width_mm in [15.0, 22.0, 40.0, 80.0, 200.0] {
            let wrapped = font.wrap(text, 10.0, width_mm).len();
            assert_eq!(
                usize::from(words.line_count(width_mm / 10.0, space)),
                wrapped,
                "at {width_mm} mm"
            );
        }
    }

    #[test]
    fn numbers_decisions_and_dates_fit_whole_and_the_name_gets_the_room() {
        let columns = vec![
            column("STT", 1),
            column("Tên đề án", 1),
            column("Quyết định phê duyệt", 1),
            column("Kinh phí", 1),
        ];
        let rows = (0..30)
            .map(|i| {
                data(vec![
                    Cell::Count(i + 1),
                    Cell::Text(
                        "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong sản xuất chiếu cói \
                         xuất khẩu của hợp tác xã"
                            .into(),
                    ),
                    Cell::Text("303/QĐ-UBND ngày 05/3/2026".into()),
                    Cell::Millions(1_774_947_000),
                ])
            })
            .collect();
        let table = Table::new(columns, rows);
        let (size, widths) = fit_columns(&table, 257.0, 11.0, 1.0);
        assert!((SMALLEST_TABLE_PT..=11.0).contains(&size), "{size}");
        assert!((widths.iter().sum::<f32>() - 257.0).abs() < 1e-2);
        let regular = print_fonts().face(Face::Regular);
        assert!(widths[2] - 2.0 >= regular.width_mm("303/QĐ-UBND", size));
        assert!(widths[3] - 2.0 >= regular.width_mm("1.774.947,000", size));
        assert!(widths[1] > widths[2] && widths[1] > widths[3], "{widths:?}");
    }

    #[test]
    fn too_many_numbers_keep_their_width_and_the_text_is_squeezed() {
        // Nine numbers of 25,8 mm at 10 pt leave 24,8 mm of 257 for a 30 mm word.
        let mut columns: Vec<Column> = (0..9).map(|_| column("Tiền", 1)).collect();
        columns.push(column("Ghi chú", 1));
        let mut cells = vec![Cell::Millions(181_396_557_000); 9];
        cells.push(Cell::Text("Nghiệm-thu-hoàn-thành-đợt-một-năm".into()));
        let table = Table::new(columns, vec![data(cells)]);
        let (size, widths) = fit_columns(&table, 257.0, 11.0, 1.0);
        assert_eq!(size, SMALLEST_TABLE_PT);
        assert!((widths.iter().sum::<f32>() - 257.0).abs() < 1e-2);
        let regular = print_fonts().face(Face::Regular);
        let number = regular.width_mm("181.396.557,000", size) + 2.0;
        assert!(
            widths[..9].iter().all(|w| (*w - number).abs() < 1e-3),
            "{widths:?}"
        );
        assert!(widths[9] < regular.width_mm("Nghiệm-thu-hoàn-thành-đợt-một-năm", size));
    }

    #[test]
    fn a_short_table_keeps_the_preferred_size() {
        let table = Table::new(
            vec![
                column("STT", 1),
                column("Nguồn kinh phí", 4),
                column("Kế hoạch", 2),
            ],
            vec![data(vec![
                Cell::Count(1),
                Cell::Text("Khuyến công quốc gia".into()),
                Cell::Millions(2_100_000),
            ])],
        );
        let (size, widths) = fit_columns(&table, 257.0, 11.0, 1.0);
        assert_eq!(size, 11.0);
        assert!((widths.iter().sum::<f32>() - 257.0).abs() < 1e-2);
    }
}
