//! How wide each column of an appendix table is, and at what size its text is set: the
//! printable width shared in proportion to the columns' weights, then evened out so that no
//! number and no word has to be broken. The room comes from the columns that have more than
//! they need; when that would cost them too much, the table is set a little smaller.

use super::table::{cell_text, is_number, row_face};
use crate::report::document::{Cell, RowKind, Table};
use crate::report::page::Face;
use crate::report::print_font::print_fonts;

/// The smallest size a table is set at to make room for its numbers (then a number that still
/// does not fit is set smaller on its own).
const SMALLEST_TABLE_PT: f32 = 9.0;
const SIZE_STEP_PT: f32 = 0.5;
/// At most this share of their width do the other columns give to the narrow ones.
const MAX_GIVEN_SHARE: f32 = 0.15;

/// The size to set the table at (`preferred_pt` or less) and the width of each column, in
/// millimetres, adding up to `printable_mm`. `padding_mm` is the room a cell keeps on each
/// side of its text.
pub(super) fn fit_columns(
    table: &Table,
    printable_mm: f32,
    preferred_pt: f32,
    padding_mm: f32,
) -> (f32, Vec<f32>) {
    let by_weight = share_by_weight(table, printable_mm);
    let mut size_pt = preferred_pt;
    loop {
        let needed: Vec<f32> = (0..table.columns.len())
            .map(|index| narrowest_unbroken(table, index, size_pt) + 2.0 * padding_mm)
            .collect();
        if let Some(widths) = make_room(&by_weight, &needed, MAX_GIVEN_SHARE) {
            return (size_pt, widths);
        }
        if size_pt - SIZE_STEP_PT < SMALLEST_TABLE_PT {
            let widths = make_room(&by_weight, &needed, 1.0).unwrap_or(by_weight);
            return (size_pt, widths);
        }
        size_pt -= SIZE_STEP_PT;
    }
}

fn share_by_weight(table: &Table, printable_mm: f32) -> Vec<f32> {
    let total_weight: u32 = table.columns.iter().map(|c| u32::from(c.weight)).sum();
    let column_count = table.columns.len() as f32;
    table
        .columns
        .iter()
        .map(|column| {
            let share = if total_weight == 0 {
                1.0 / column_count
            } else {
                f32::from(column.weight) / total_weight as f32
            };
            printable_mm * share
        })
        .collect()
}

/// The text width column `index` needs so that nothing in it breaks inside a word: its
/// numbers, and the words of its heading and of its data cells (split after "-" and "/",
/// where the wrap may break them anyway).
fn narrowest_unbroken(table: &Table, index: usize, size_pt: f32) -> f32 {
    let fonts = print_fonts();
    let widest_word = |face: Face, text: &str| {
        let font = fonts.face(face);
        words(text)
            .map(|word| font.width_mm(word, size_pt))
            .fold(0.0, f32::max)
    };
    let heading = widest_word(Face::Bold, &table.columns[index].heading);
    let cells = table
        .rows
        .iter()
        .filter_map(|row| {
            let cell = row.cells.get(index)?;
            match (row.kind, cell) {
                (kind, cell) if is_number(cell) => Some(
                    fonts
                        .face(row_face(kind))
                        .width_mm(&cell_text(cell), size_pt),
                ),
                (RowKind::Data, Cell::Text(text)) => Some(widest_word(Face::Regular, text)),
                // Group and total titles run on over the empty cells beside them.
                _ => None,
            }
        })
        .fold(0.0, f32::max);
    heading.max(cells)
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .flat_map(|word| word.split_inclusive(['-', '/']))
}

/// Widens every column below its need, the others giving the difference in proportion to
/// their width but never below their own need. None when that would take more than
/// `max_given_share` of the givers' width, or more than they can spare.
fn make_room(widths: &[f32], needed: &[f32], max_given_share: f32) -> Option<Vec<f32>> {
    let deficit: f32 = widths
        .iter()
        .zip(needed)
        .map(|(width, need)| (need - width).max(0.0))
        .sum();
    if deficit <= 0.0 {
        return Some(widths.to_vec());
    }
    let mut givers: Vec<usize> = (0..widths.len())
        .filter(|&index| widths[index] > needed[index])
        .collect();
    let givers_width: f32 = givers.iter().map(|&index| widths[index]).sum();
    let spare: f32 = givers
        .iter()
        .map(|&index| widths[index] - needed[index])
        .sum();
    if deficit > max_given_share * givers_width || deficit > spare {
        return None;
    }
    let mut given = vec![0.0; widths.len()];
    let mut remaining = deficit;
    // Share out by width; a column reaching its need drops out and the rest share again.
    while remaining > 1e-6 && !givers.is_empty() {
        let pool: f32 = givers.iter().map(|&index| widths[index]).sum();
        let round = remaining;
        givers.retain(|&index| {
            let share = round * widths[index] / pool;
            let left = widths[index] - needed[index] - given[index];
            let gives = share.min(left);
            given[index] += gives;
            remaining -= gives;
            share < left
        });
    }
    Some(
        widths
            .iter()
            .zip(needed)
            .zip(&given)
            .map(|((&width, &need), &gives)| width.max(need) - gives)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_columns_borrow_from_the_others_by_width() {
        let widths = make_room(&[10.0, 40.0, 50.0], &[16.0, 20.0, 10.0], 0.15);
        let widths = widths.unwrap_or_default();
        assert_eq!(widths[0], 16.0);
        assert!((widths.iter().sum::<f32>() - 100.0).abs() < 1e-4);
        // 6 mm from 40 and 50 mm: 4/9 and 5/9 of it.
        assert!((widths[1] - (40.0 - 6.0 * 4.0 / 9.0)).abs() < 1e-4);
        assert!((widths[2] - (50.0 - 6.0 * 5.0 / 9.0)).abs() < 1e-4);
    }

    #[test]
    fn a_giver_stops_at_its_own_need() {
        let widths = make_room(&[10.0, 21.0, 69.0], &[20.0, 20.0, 10.0], 1.0);
        let widths = widths.unwrap_or_default();
        assert_eq!(widths, [20.0, 20.0, 60.0]);
    }

    #[test]
    fn no_room_when_it_would_cost_too_much() {
        assert_eq!(make_room(&[10.0, 10.0], &[30.0, 9.0], 1.0), None);
        assert_eq!(make_room(&[10.0, 90.0], &[40.0, 10.0], 0.25), None);
        assert_eq!(
            make_room(&[10.0, 10.0], &[5.0, 5.0], 0.25),
            Some(vec![10.0, 10.0])
        );
    }

    #[test]
    fn a_table_too_wide_for_its_numbers_is_set_smaller() {
        use crate::report::document::{Align, Column, Row};
        let columns = (0..12)
            .map(|_| Column {
                heading: "Tiền".into(),
                weight: 1,
                align: Align::Right,
            })
            .collect();
        let rows = vec![Row {
            kind: RowKind::Total,
            cells: vec![Cell::Millions(181_396_557_000); 12],
        }];
        let table = Table { columns, rows };
        let (size, widths) = fit_columns(&table, 257.0, 11.0, 1.0);
        assert!((SMALLEST_TABLE_PT..11.0).contains(&size), "{size}");
        assert!((widths.iter().sum::<f32>() - 257.0).abs() < 1e-3);
    }
}
