//! Báo cáo as Chị Hương uses it at the end of the year: create the annual report, fill in the
//! number and the signer, look at the preview, save PDF and XLSX, and finalise it.

mod common;

use std::path::PathBuf;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use khuyencong::ui::app::{KhuyenCongApp, Screen};
use khuyencong::ui::file_picker::FilePicker;

/// Saves every file into one folder, under the name the app suggests.
struct SaveInto(PathBuf);

impl FilePicker for SaveInto {
    fn pick_attachment(&self) -> Option<PathBuf> {
        None
    }

    fn save_as(&self, _title: &str, default_name: &str, _extension: &str) -> Option<PathBuf> {
        Some(self.0.join(default_name))
    }
}

fn type_into(h: &mut Harness<'_, KhuyenCongApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Files are written on a worker thread: run frames until the screen says how it went.
fn wait_until_written(h: &mut Harness<'_, KhuyenCongApp>) {
    for _ in 0..200 {
        h.run();
        if h.query_by_label_contains("Đã lưu").is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the file was not written within 4 s");
}

#[test]
fn create_fill_preview_save_and_finalise_the_annual_report() {
    let (dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    khuyencong::demo::fill(&mut store, "38", 200, 5, |_| {}).expect("establishments");
    khuyencong::demo::fill_projects(&mut store, 90, (2025, 2027), 5, common::today())
        .expect("projects");
    let app = common::new_app(store)
        .expect("app")
        .with_file_picker(Box::new(SaveInto(dir.path().to_owned())));
    let mut h = common::app_harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    h.run();
    assert_eq!(h.state().screen(), Screen::Reports);
    assert!(h.query_by_label("Chưa có báo cáo nào.").is_some());

    h.get_by_label("Tạo báo cáo").click();
    h.run();
    let reports = h.state().service().store().reports().expect("list");
    assert_eq!(reports.len(), 1);
    assert!(reports[0].sections[0].starts_with("Năm 2026, tổng kinh phí khuyến công được giao là"));
    assert!(
        h.query_by_label_contains("Trang 1/").is_some(),
        "the preview shows page 1"
    );

    type_into(&mut h, "Số", "15");
    type_into(&mut h, "Họ tên người ký", "Lê Thị Hồng Nhung");
    h.get_by_label("Lưu").click();
    h.run();
    let saved = &h.state().service().store().reports().expect("list")[0];
    assert_eq!(saved.number, "15");
    assert_eq!(saved.signer.name, "Lê Thị Hồng Nhung");
    assert_eq!(saved.number_line(), "Số: 15/BC-TTKC");

    h.get_by_label("Lưu PDF…").click();
    h.run();
    assert!(
        h.query_by_label("Đang ghi tệp…").is_some()
            || h.query_by_label_contains("Đã lưu").is_some()
    );
    wait_until_written(&mut h);
    let pdf = std::fs::read(dir.path().join("bao-cao-nam-2026.pdf")).expect("PDF written");
    assert!(pdf.starts_with(b"%PDF-"));
    h.get_by_label("Lưu XLSX…").click();
    h.run();
    wait_until_written(&mut h);
    assert!(dir.path().join("bao-cao-nam-2026.xlsx").exists());

    h.get_by_label("Chốt báo cáo").click();
    h.run();
    let finalised = &h.state().service().store().reports().expect("list")[0];
    let frozen = finalised.frozen.as_ref().expect("finalised");
    assert!(h.query_by_label_contains("Đã chốt lúc").is_some());
    assert!(h.query_all_by_label_contains(&frozen.fingerprint).count() >= 1);
    assert!(h.query_by_label("Mở chốt").is_some());
}

#[test]
fn finalising_an_incomplete_report_names_what_is_missing() {
    let (dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let app = common::new_app(store)
        .expect("app")
        .with_file_picker(Box::new(SaveInto(dir.path().to_owned())));
    let mut h = common::app_harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    h.run();
    h.get_by_label("Tạo báo cáo").click();
    h.run();
    h.get_by_label("Chốt báo cáo").click();
    h.run();
    assert!(
        h.query_by_label("Số văn bản: cần nhập số do Văn thư cấp trước khi chốt.")
            .is_some()
    );
    let report = &h.state().service().store().reports().expect("list")[0];
    assert!(report.frozen.is_none());
}

#[test]
fn the_signer_is_chosen_not_typed_and_prints_composed() {
    let (dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let app = common::new_app(store)
        .expect("app")
        .with_file_picker(Box::new(SaveInto(dir.path().to_owned())));
    let mut h = common::app_harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    h.run();
    h.get_by_label("Tạo báo cáo").click();
    h.run();
    assert!(
        h.query_by_label("In: GIÁM ĐỐC").is_some(),
        "the head signs in person by default"
    );
    h.get_by_label("Quyền hạn ký").click();
    h.run();
    h.get_by_label("KT. — ký thay người đứng đầu").click();
    h.run();
    // The deputy's title is offered from the head's.
    assert!(
        h.query_by_label("In: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")
            .is_some()
    );
    type_into(&mut h, "Ký hiệu người soạn thảo", "NVA");
    h.get_by_label("Lưu").click();
    h.run();
    let saved = &h.state().service().store().reports().expect("list")[0];
    assert_eq!(
        saved.signer.authority,
        khuyencong::domain::report::Authority::Deputy
    );
    assert_eq!(saved.signer.position, "Phó Giám đốc");
    assert_eq!(saved.filing.initials, "NVA");
    assert!(
        saved.date_left_blank,
        "a new draft waits for the Văn thư's date"
    );
}
