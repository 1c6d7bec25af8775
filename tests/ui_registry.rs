//! The registry as a user drives it: by Vietnamese labels and the keyboard.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use khuyencong::store::Store;
use khuyencong::ui::app::KhuyenCongApp;

fn click_and_type(h: &mut egui_kittest::Harness<'_, KhuyenCongApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn first_start_asks_for_the_unit_and_keeps_it() {
    let (_dir, path) = common::temp_db();
    let store = Store::open_at_startup(&path).expect("open");
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    assert!(h.state().is_first_start());
    h.get_by_label("Bắt đầu sử dụng").click();
    h.run();
    assert!(
        h.state().is_first_start(),
        "cannot start without a province"
    );
    assert!(h.query_by_label_contains("hãy chọn tỉnh").is_some());

    h.get_by_label("Tỉnh/thành phố").click();
    h.run();
    h.get_by_label("Tỉnh Thanh Hóa").click();
    h.run();
    h.get_by_label("Bắt đầu sử dụng").click();
    h.run();
    assert!(!h.state().is_first_start());
    let unit = h
        .state()
        .service()
        .store()
        .unit_settings()
        .expect("read")
        .expect("saved");
    assert_eq!(unit.province_code, "38");
    assert_eq!(unit.unit_name, "Trung tâm Khuyến công Thanh Hóa");
}

#[test]
fn add_search_edit_delete_an_establishment() {
    let (_dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    // The app opens on Tổng quan; Ctrl+1 goes to the registry.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();

    // Ctrl+N opens a new form with the cursor in "Tên cơ sở".
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.state().form().is_some());
    h.get_by_label("Tên cơ sở *")
        .type_text("Hợp tác xã cói Nga Sơn");
    h.run();
    h.get_by_label("Hợp tác xã").click();
    h.run();
    click_and_type(&mut h, "Mã số thuế", "0100109106");
    click_and_type(&mut h, "Xã/phường/đặc khu *", "nga son");
    h.key_press(Key::Enter);
    h.run();
    click_and_type(&mut h, "Ngành nghề *", "thu cong");
    h.key_press(Key::Tab);
    h.run();
    click_and_type(&mut h, "Người đại diện", "Nguyễn Thị Hương");
    click_and_type(&mut h, "Tổng số lao động", "25");
    click_and_type(&mut h, "Lao động nữ", "18");
    click_and_type(&mut h, "Vốn (đồng)", "1500000000");

    // Enter saves.
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().form().is_none(), "form closed after saving");
    let saved = h
        .state()
        .service()
        .store()
        .all_establishments()
        .expect("read");
    assert_eq!(saved.len(), 1);
    let e = &saved[0];
    assert_eq!(e.name, "Hợp tác xã cói Nga Sơn");
    assert_eq!(e.commune_code, "16093", "Xã Nga Sơn");
    assert_eq!(e.industry_code, "45-dd");
    assert_eq!(e.tax_code, "0100109106");
    assert_eq!(e.representative, "Nguyễn Thị Hương");
    assert_eq!((e.workers_total, e.workers_female), (Some(25), Some(18)));
    assert_eq!(e.capital, Some(1_500_000_000));
    assert_eq!(e.code, "CS-000001");
    let id = e.id;

    // Search without diacritics finds it; a miss shows nothing.
    click_and_type(&mut h, "Tìm kiếm (Ctrl+F):", "coi nga son");
    assert_eq!(
        h.state().registry().expect("registry").view.visible_len(),
        1
    );
    h.get_by_label("Tìm kiếm (Ctrl+F):").type_text(" xyz");
    h.run();
    assert_eq!(
        h.state().registry().expect("registry").view.visible_len(),
        0
    );
    h.get_by_label("Xóa tìm").click();
    h.run();

    // ↓ selects the row, Enter opens it; change the female workers and save with the button.
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().form().is_some_and(|f| !f.is_new()));
    h.get_by_label("Lao động nữ").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Lao động nữ").type_text("20");
    h.run();
    h.get_by_label("Lưu (Enter)").click();
    h.run();
    let edited = h
        .state()
        .service()
        .store()
        .establishment(id)
        .expect("read")
        .expect("exists");
    assert_eq!(edited.workers_female, Some(20));
    let trail = h
        .state()
        .service()
        .store()
        .audit_trail("establishment", &id.to_string())
        .expect("audit");
    let actions: Vec<&str> = trail.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["insert", "update"]);
    assert_eq!(
        trail[1]
            .old
            .as_ref()
            .and_then(|o| o["workers_female"].as_i64()),
        Some(18)
    );
    assert_eq!(
        trail[1]
            .new
            .as_ref()
            .and_then(|n| n["workers_female"].as_i64()),
        Some(20)
    );

    // Delete asks first; "Không xóa" keeps it, "Xóa" tombstones it.
    h.key_press(Key::Delete);
    h.run();
    h.get_by_label("Không xóa").click();
    h.run();
    assert!(
        h.state()
            .service()
            .store()
            .establishment(id)
            .expect("read")
            .is_some()
    );
    h.key_press(Key::Delete);
    h.run();
    h.get_by_label("Xóa").click();
    h.run();
    assert!(
        h.state()
            .service()
            .store()
            .establishment(id)
            .expect("read")
            .is_none()
    );
    assert!(
        h.state()
            .service()
            .store()
            .is_establishment_deleted(id)
            .expect("read")
    );
    assert_eq!(h.state().registry().expect("registry").view.total(), 0);
}

#[test]
fn errors_block_saving_and_the_guard_keeps_unsaved_work() {
    let (_dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    // The app opens on Tổng quan; Ctrl+1 goes to the registry.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Tên cơ sở *")
        .type_text("Cơ sở chưa đủ thông tin");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().form().is_some(), "errors keep the form open");
    assert!(
        h.query_by_label_contains("Loại hình: bắt buộc chọn")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Ngành nghề: bắt buộc chọn")
            .is_some()
    );
    assert!(
        h.state()
            .service()
            .store()
            .all_establishments()
            .expect("read")
            .is_empty()
    );

    // Esc with unsaved changes asks; "Quay lại sửa" keeps the form, "Không lưu" drops it.
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("Quay lại sửa").click();
    h.run();
    assert!(h.state().form().is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Có thay đổi chưa lưu").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_by_label("Có thay đổi chưa lưu").is_none(),
        "Esc keeps editing"
    );
    assert!(h.state().form().is_some());
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("Không lưu").click();
    h.run();
    assert!(h.state().form().is_none());
    assert!(
        h.state()
            .service()
            .store()
            .all_establishments()
            .expect("read")
            .is_empty()
    );
}
