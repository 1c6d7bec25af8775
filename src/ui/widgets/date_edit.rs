//! Date fields bound to an optional date, typed as dd/mm/yyyy. Unreadable text keeps the old
//! date and is reported by the field's name.

use chrono::NaiveDate;
use egui::{Id, Response, Ui};

use crate::text::date::{DateError, format_date, parse_date};

/// Draws a date field for `value`; returns the response and, when the user leaves the field
/// with text that is not a date, a message naming `label`.
pub fn date_edit(
    ui: &mut Ui,
    id: Id,
    label_id: Id,
    label: &str,
    value: &mut Option<NaiveDate>,
) -> (Response, Option<String>) {
    let buffer_id = id.with("buffer");
    let editing: Option<String> = ui.data(|d| d.get_temp(buffer_id));
    let mut text = editing
        .clone()
        .unwrap_or_else(|| value.map(format_date).unwrap_or_default());
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .hint_text("dd/mm/yyyy")
                .desired_width(100.0),
        )
        .labelled_by(label_id);
    crate::ui::widgets::select_all::select_all_on_focus(ui, id, &response, &text);
    let mut error = None;
    if response.has_focus() {
        match parse_date(&text) {
            Ok(d) => *value = Some(d),
            Err(DateError::Empty) => *value = None,
            Err(_) => {}
        }
        ui.data_mut(|d| d.insert_temp(buffer_id, text.clone()));
    } else if editing.is_some() {
        match parse_date(&text) {
            Ok(_) | Err(DateError::Empty) => {}
            Err(e) => {
                let old = value.map(format_date).unwrap_or_else(|| "trống".into());
                error = Some(format!("{label}: \"{text}\" {e}; giữ giá trị cũ ({old})."));
            }
        }
        ui.data_mut(|d| d.remove::<String>(buffer_id));
    }
    (response, error)
}
