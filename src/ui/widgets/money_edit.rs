//! Number fields bound to an integer (money in đồng, counts): shown as 1.234.567, edited as
//! typed. Text that cannot be read keeps the old value and is reported by the field's name,
//! never silently turned into zero.

use egui::{Color32, Id, Response, Stroke, Ui};

use crate::text::number::{NumberError, format_integer, parse_integer};

/// Draws a number field for `value`, named for screen readers and tests by the visible label
/// `label_id`, or by `label` when there is none. Returns the response and, on the frame the
/// user leaves a field holding unreadable text, a message naming `label`.
pub fn money_edit(
    ui: &mut Ui,
    id: Id,
    label_id: Option<Id>,
    label: &str,
    value: &mut i64,
    width: f32,
) -> (Response, Option<String>) {
    let buffer_id = id.with("buffer");
    let editing: Option<String> = ui.data(|d| d.get_temp(buffer_id));
    let mut text = editing.clone().unwrap_or_else(|| format_integer(*value));
    let invalid = editing
        .as_deref()
        .is_some_and(|t| !matches!(parse_integer(t), Ok(_) | Err(NumberError::Empty)));
    let mut edit = egui::TextEdit::singleline(&mut text)
        .id(id)
        .desired_width(width)
        .align(egui::Align2::RIGHT_CENTER);
    if invalid {
        edit = edit.background_color(Color32::from_rgb(255, 230, 230));
    }
    let response = ui.add(edit);
    let response = match label_id {
        Some(l) => response.labelled_by(l),
        None => response.accessible_name(label),
    };
    crate::ui::widgets::select_all::select_all_on_focus(ui, id, &response, &text);
    let mut error = None;
    if response.has_focus() {
        match parse_integer(&text) {
            Ok(v) => *value = v,
            Err(NumberError::Empty) => *value = 0,
            Err(_) => {}
        }
        ui.data_mut(|d| d.insert_temp(buffer_id, text.clone()));
    } else if editing.is_some() {
        if let Err(e) = parse_integer(&text).or_else(|e| match e {
            NumberError::Empty => Ok(0),
            other => Err(other),
        }) {
            error = Some(format!(
                "{label}: \"{text}\" {e}; giữ giá trị cũ {}.",
                format_integer(*value)
            ));
        }
        ui.data_mut(|d| d.remove::<String>(buffer_id));
    }
    if invalid {
        ui.painter().rect_stroke(
            response.rect,
            2.0,
            Stroke::new(1.5, crate::ui::establishment_form::ERROR_COLOR),
            egui::StrokeKind::Outside,
        );
    }
    (response, error)
}
