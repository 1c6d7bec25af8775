//! The keyboard of a list screen: Ctrl+F search, Ctrl+N new, ↑/↓ move, Enter open, Delete.

use egui::{Id, Key, Modifiers, Ui};

/// What the keys asked for this frame.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ListKeys {
    pub new: bool,
    /// The row to select (after ↑/↓).
    pub move_to: Option<usize>,
    pub open: bool,
    pub delete: bool,
}

/// Reads the list shortcuts. `current` is the selected row's position among `visible` rows.
/// Enter and Delete act on the selection only when the search box does not have the focus.
pub fn list_keys(ui: &mut Ui, search_id: Id, visible: usize, current: Option<usize>) -> ListKeys {
    let search_focused = ui.memory(|m| m.has_focus(search_id));
    let (ctrl_f, new, down, up, enter, delete) = ui.input_mut(|i| {
        (
            i.consume_key(Modifiers::COMMAND, Key::F),
            i.consume_key(Modifiers::COMMAND, Key::N),
            i.key_pressed(Key::ArrowDown),
            i.key_pressed(Key::ArrowUp),
            i.key_pressed(Key::Enter),
            i.key_pressed(Key::Delete),
        )
    });
    if ctrl_f {
        ui.memory_mut(|m| m.request_focus(search_id));
    }
    let mut keys = ListKeys {
        new,
        ..ListKeys::default()
    };
    if visible == 0 || new {
        return keys;
    }
    keys.move_to = match (down, up, current) {
        (true, _, None) => Some(0),
        (true, _, Some(p)) => Some((p + 1).min(visible - 1)),
        (_, true, Some(p)) => Some(p.saturating_sub(1)),
        _ => None,
    };
    if keys.move_to.is_some() && search_focused {
        ui.memory_mut(|m| m.surrender_focus(search_id));
    }
    keys.open = enter && !search_focused;
    keys.delete = delete && !search_focused;
    keys
}
