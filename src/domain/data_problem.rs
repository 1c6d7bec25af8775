//! A stored value the app cannot use as it is: one row (or one value of it) that a person has to
//! fix, named so they can find it. A bad row is left out of lists and figures instead of making
//! the whole file unreadable; this is what says so.

use serde::Serialize;

/// How long a stored value may be when it is shown: enough to recognise it, never a page of JSON.
const SHOWN_VALUE_CHARS: usize = 60;

/// One finding about one stored value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataProblem {
    /// The table's name in the file (`establishment`), for support.
    pub table: String,
    /// The table as a person calls it ("cơ sở CNNT").
    pub table_label: String,
    /// The record's code when it has one ("CS-000012"), else its id or key.
    pub record: String,
    /// The field as the forms call it ("loại hình").
    pub field: String,
    /// The stored value, shortened; "(trống)" for NULL.
    pub value: String,
    /// What is wrong, in a sentence ("mã loại hình 'XYZ' không có trong danh mục").
    pub problem: String,
    /// The row cannot be read at all, so lists and figures are computed without it.
    pub left_out: bool,
}

impl DataProblem {
    /// The finding as one line of text for a person.
    pub fn to_line(&self) -> String {
        format!(
            "{} {} — {}: {} (giá trị: {})",
            self.table_label, self.record, self.field, self.problem, self.value
        )
    }
}

/// `value` as it may be shown: NULL said in words, long text cut with "…", control characters
/// made visible so the line itself stays one line.
pub fn shown_value(value: Option<&str>) -> String {
    let Some(value) = value else {
        return "(trống)".to_owned();
    };
    let mut out: String = value
        .chars()
        .take(SHOWN_VALUE_CHARS)
        .map(|c| {
            if is_hidden_char(c) {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect();
    if value.chars().count() > SHOWN_VALUE_CHARS {
        out.push('…');
    }
    out
}

/// Characters a person cannot see but that change what a name says or how it is shown: control
/// characters and the bidirectional marks and overrides (a name can be made to read backwards).
pub fn is_hidden_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1F}' | '\u{7F}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}')
}

/// The first hidden character of `text`, for a one-line name; `multi_line` text (notes) may
/// hold tabs and line breaks.
pub fn first_hidden_char(text: &str, multi_line: bool) -> Option<char> {
    text.chars()
        .find(|&c| is_hidden_char(c) && !(multi_line && matches!(c, '\t' | '\n' | '\r')))
}

/// The warning under a list or a figure computed without `left_out` unreadable rows; None when
/// every row was read.
pub fn left_out_warning(left_out: usize) -> Option<String> {
    (left_out > 0)
        .then(|| format!("{left_out} bản ghi bị lỗi không được tính; xem Dữ liệu cần sửa."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_cut_and_null_is_said() {
        let long = "a".repeat(100);
        let shown = shown_value(Some(&long));
        assert_eq!(shown.chars().count(), SHOWN_VALUE_CHARS + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(shown_value(None), "(trống)");
    }

    #[test]
    fn hidden_characters_are_found_and_made_visible() {
        assert_eq!(
            first_hidden_char("Cơ sở\u{202E}abc", false),
            Some('\u{202E}')
        );
        assert_eq!(first_hidden_char("dòng 1\ndòng 2", true), None);
        assert_eq!(first_hidden_char("dòng 1\ndòng 2", false), Some('\n'));
        assert_eq!(first_hidden_char("Gốm Bát Tràng", false), None);
        assert_eq!(shown_value(Some("a\u{0}b")), "a\u{FFFD}b");
    }

    #[test]
    fn the_warning_counts_rows_left_out() {
        assert_eq!(left_out_warning(0), None);
        assert_eq!(
            left_out_warning(3).as_deref(),
            Some("3 bản ghi bị lỗi không được tính; xem Dữ liệu cần sửa.")
        );
    }
}
