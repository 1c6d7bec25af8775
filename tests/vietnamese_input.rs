//! Typing through Vietnamese input methods reaches the form intact and is saved as NFC.
//! Unikey/EVKey on Windows swallow a key and send Backspaces followed by the composed text,
//! all within one frame; IBus/fcitx on Linux send IME preedit and commit events.

mod common;

use egui::{Event, ImeEvent, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use khuyencong::ui::app::KhuyenCongApp;

fn backspace() -> [Event; 2] {
    let key = |pressed| Event::Key {
        key: Key::Backspace,
        physical_key: Some(Key::Backspace),
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    [key(true), key(false)]
}

/// One Unikey step: `erase` Backspaces, then the replacement text.
fn unikey(h: &Harness<'_, KhuyenCongApp>, erase: usize, text: &str) {
    for _ in 0..erase {
        for e in backspace() {
            h.event(e);
        }
    }
    h.event(Event::Text(text.to_owned()));
}

fn open_new_form() -> (tempfile::TempDir, Harness<'static, KhuyenCongApp>) {
    let (dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    // The app opens on Tổng quan; Ctrl+1 goes to the registry.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    (dir, h)
}

fn name_in_form(h: &Harness<'_, KhuyenCongApp>) -> String {
    h.state()
        .form()
        .expect("form open")
        .draft
        .record
        .name
        .clone()
}

#[test]
fn unikey_telex_bursts_compose_viet_nam() {
    let (_dir, mut h) = open_new_form();
    // Telex "Vieejt Nam": each correction arrives as Backspaces + text in the same frame.
    for t in ["V", "i", "e"] {
        unikey(&h, 0, t);
    }
    unikey(&h, 1, "ê");
    unikey(&h, 0, "t");
    unikey(&h, 2, "ệt");
    for t in [" ", "N", "a", "m"] {
        unikey(&h, 0, t);
    }
    h.run();
    assert_eq!(name_in_form(&h), "Việt Nam");
}

#[test]
fn unikey_telex_composes_a_full_name_in_the_representative_field() {
    let (_dir, mut h) = open_new_form();
    h.get_by_label("Người đại diện").click();
    h.run();
    // "Nguyeenx Thij Huwowng"
    for t in ["N", "g", "u", "y", "e"] {
        unikey(&h, 0, t);
    }
    unikey(&h, 1, "ê");
    unikey(&h, 1, "ễ");
    unikey(&h, 0, "n");
    for t in [" ", "T", "h", "i"] {
        unikey(&h, 0, t);
    }
    unikey(&h, 1, "ị");
    for t in [" ", "H", "u"] {
        unikey(&h, 0, t);
    }
    unikey(&h, 1, "ư");
    unikey(&h, 0, "o");
    unikey(&h, 1, "ơ");
    unikey(&h, 0, "n");
    unikey(&h, 0, "g");
    h.run();
    let form = h.state().form().expect("form");
    assert_eq!(form.draft.record.representative, "Nguyễn Thị Hương");
}

#[test]
fn ime_preedit_and_commit_give_the_committed_text() {
    let (_dir, mut h) = open_new_form();
    let preedit = |text: &str| {
        Event::Ime(ImeEvent::Preedit {
            text: text.to_owned(),
            active_range_chars: None,
        })
    };
    for step in ["V", "Vi", "Vie", "Viê", "Việ", "Việt"] {
        h.event(preedit(step));
        h.run();
    }
    h.event(Event::Ime(ImeEvent::Commit("Việt".into())));
    h.run();
    h.event(Event::Text(" ".into()));
    for step in ["N", "Na", "Nam"] {
        h.event(preedit(step));
        h.run();
    }
    h.event(Event::Ime(ImeEvent::Commit("Nam".into())));
    h.run();
    assert_eq!(name_in_form(&h), "Việt Nam");
}

#[test]
fn decomposed_input_is_stored_composed() {
    let (_dir, mut h) = open_new_form();
    // Unikey's "Unicode tổ hợp" charset and text pasted from macOS arrive decomposed (NFD).
    h.event(Event::Text(
        "Nguye\u{0302}\u{0303}n Thi\u{0323} Hu\u{031B}o\u{031B}ng".into(),
    ));
    h.run();
    let (record, _) = h.state().form().expect("form").draft.to_record();
    assert_eq!(record.name, "Nguyễn Thị Hương");
    assert_eq!(record.name.chars().count(), 16);
}
