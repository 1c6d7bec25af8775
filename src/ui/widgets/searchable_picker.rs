//! A text box that picks one item from a list by typing a few letters, diacritics optional:
//! the xã picker ("hoang" finds "Xã Hoằng Hóa"), the industry and ethnic-group pickers.
//! Arrow keys move the highlight, Enter or Tab takes it, Esc closes the list.

use egui::{Id, Key, Response, RichText, Ui};

use crate::service::reference::PickerItem;
use crate::text::fold::FoldedQuery;

/// How many matches the list shows at once.
const MAX_SHOWN: usize = 12;

/// What happened in the picker this frame.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PickerOutcome {
    /// The selection changed.
    pub changed: bool,
    /// Enter or Esc was used by the picker, so the form must not also save or cancel.
    pub consumed_key: bool,
}

/// Per-field state of a picker.
#[derive(Debug, Clone)]
pub struct SearchablePicker {
    id: Id,
    hint: &'static str,
    width: f32,
    query: String,
    editing: bool,
    highlighted: usize,
    /// Where the list was drawn last frame: a press there must not close it.
    list_rect: Option<egui::Rect>,
}

impl SearchablePicker {
    /// A picker whose text box has id `id`, showing `hint` while empty.
    pub fn new(id: Id, hint: &'static str, width: f32) -> SearchablePicker {
        SearchablePicker {
            id,
            hint,
            width,
            query: String::new(),
            editing: false,
            highlighted: 0,
            list_rect: None,
        }
    }

    /// Whether the list is open (the user is typing in it).
    pub fn is_open(&self) -> bool {
        self.editing
    }

    /// Shows the picker for `selected` (an item code, "" for none) labelled by `label_id`.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        label_id: Id,
        items: &[PickerItem],
        selected: &mut String,
    ) -> (Response, PickerOutcome) {
        let (id, width) = (self.id, self.width);
        let mut outcome = PickerOutcome::default();
        let selected_label = items
            .iter()
            .find(|i| &i.code == selected)
            .map(|i| i.label.clone())
            .unwrap_or_else(|| selected.clone());
        let matches: Vec<&PickerItem> = if self.editing {
            ranked_matches(items, &self.query)
        } else {
            Vec::new()
        };
        if self.editing {
            let (down, up) =
                ui.input(|i| (i.key_pressed(Key::ArrowDown), i.key_pressed(Key::ArrowUp)));
            if down && self.highlighted + 1 < matches.len().min(MAX_SHOWN) {
                self.highlighted += 1;
            }
            if up {
                self.highlighted = self.highlighted.saturating_sub(1);
            }
        }

        let mut shown_text = if self.editing {
            std::mem::take(&mut self.query)
        } else {
            selected_label
        };
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut shown_text)
                    .id(id)
                    .hint_text(self.hint)
                    .desired_width(width),
            )
            .labelled_by(label_id);
        if response.gained_focus() && !self.editing {
            self.editing = true;
            self.highlighted = 0;
            shown_text.clear();
        }
        if self.editing {
            if response.changed() {
                self.highlighted = 0;
            }
            self.query = shown_text;
        }

        let (enter, tab, escape) = ui.input(|i| {
            (
                i.key_pressed(Key::Enter),
                i.key_pressed(Key::Tab),
                i.key_pressed(Key::Escape),
            )
        });
        let press_in_list = ui.input(|i| {
            i.pointer.any_down()
                && i.pointer
                    .interact_pos()
                    .zip(self.list_rect)
                    .is_some_and(|(p, r)| r.contains(p))
        });
        let mut take = |code: &str, picker: &mut SearchablePicker| {
            if selected != code {
                *selected = code.to_owned();
                outcome.changed = true;
            }
            picker.editing = false;
            picker.query.clear();
        };

        if self.editing && escape {
            self.editing = false;
            self.query.clear();
            outcome.consumed_key = true;
        } else if self.editing && response.lost_focus() && !press_in_list {
            // Enter or Tab takes the highlighted match; clicking away changes nothing.
            if (enter || tab)
                && !self.query.trim().is_empty()
                && let Some(item) = matches.get(self.highlighted)
            {
                take(&item.code, self);
            }
            outcome.consumed_key |= enter;
            self.editing = false;
            self.query.clear();
        }

        self.list_rect = None;
        if self.editing {
            let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(width);
                if matches.is_empty() {
                    ui.weak("Không có mục nào khớp.");
                }
                for (n, item) in matches.iter().take(MAX_SHOWN).enumerate() {
                    let r = ui.selectable_label(n == self.highlighted, RichText::new(&item.label));
                    if r.clicked() {
                        let code = item.code.clone();
                        take(&code, self);
                    }
                }
                if matches.len() > MAX_SHOWN {
                    ui.weak(format!(
                        "… và {} mục khác; gõ thêm để thu hẹp.",
                        matches.len() - MAX_SHOWN
                    ));
                }
            });
            if self.editing {
                self.list_rect = Some(frame.response.rect);
            }
        }
        // A press that started in the list but ended elsewhere closes it.
        if self.editing && !response.has_focus() && ui.input(|i| i.pointer.any_released()) {
            self.editing = false;
            self.query.clear();
        }
        (response, outcome)
    }
}

/// How well an item matches: the typed phrase at a word start beats the phrase inside a word,
/// which beats scattered words ("thu cong" should find "thủ công" before "thủy sản … công").
fn match_rank(folded: &str, phrase: &str, terms: &[String]) -> u8 {
    let at_word_start = |needle: &str| {
        folded
            .match_indices(needle)
            .any(|(i, _)| i == 0 || folded.as_bytes()[i - 1] == b' ')
    };
    if at_word_start(phrase) {
        0
    } else if folded.contains(phrase) {
        1
    } else if terms.iter().all(|t| at_word_start(t)) {
        2
    } else {
        3
    }
}

/// Items matching `query` (every word, diacritics optional), best matches first.
pub fn ranked_matches<'a>(items: &'a [PickerItem], query: &str) -> Vec<&'a PickerItem> {
    let q = FoldedQuery::new(query);
    // Not `q.terms()`: those are reordered for fast rejection.
    let phrase = crate::text::fold::fold(query);
    let mut found: Vec<(u8, &PickerItem)> = items
        .iter()
        .filter(|i| q.matches(&i.folded))
        .map(|i| (match_rank(&i.folded, &phrase, q.terms()), i))
        .collect();
    found.sort_by_key(|(rank, _)| *rank);
    found.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    fn item(code: &str, label: &str) -> PickerItem {
        PickerItem {
            code: code.into(),
            label: label.into(),
            folded: fold(label),
        }
    }

    #[test]
    fn phrase_matches_rank_first() {
        let items = [
            item("a", "Công nghiệp chế biến nông - lâm - thủy sản"),
            item("dd", "Sản xuất hàng tiểu thủ công nghiệp"),
        ];
        let codes: Vec<&str> = ranked_matches(&items, "thu cong")
            .iter()
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(codes, ["dd", "a"]);
    }

    #[test]
    fn word_start_beats_inside_a_word() {
        let items = [item("1", "Xã Hoằng Sơn"), item("2", "Xã Sơn Thủy")];
        let codes: Vec<&str> = ranked_matches(&items, "son")
            .iter()
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(codes, ["1", "2"], "both at word starts keep list order");
        assert!(ranked_matches(&items, "xyz").is_empty());
    }
}
