//! Selects a text field's content when it gains the focus, so typing replaces a number or a
//! date instead of being inserted beside it (as in a spreadsheet cell).

use egui::text_selection::CCursorRange;
use egui::{Id, Response, Ui};

/// Call after adding the TextEdit with id `id` holding `text`.
pub fn select_all_on_focus(ui: &Ui, id: Id, response: &Response, text: &str) {
    if response.gained_focus()
        && let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id)
    {
        state
            .cursor
            .set_char_range(Some(CCursorRange::select_all_str(text)));
        state.store(ui.ctx(), id);
    }
}
