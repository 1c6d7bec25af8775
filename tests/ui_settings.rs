//! Cài đặt: back up now, restore a backup after confirming, change the unit.

mod common;

use egui_kittest::kittest::Queryable;
use khuyencong::domain::establishment::Establishment;
use khuyencong::domain::legal_form::LegalForm;
use khuyencong::ui::app::Screen;

#[test]
fn backup_and_restore_from_settings() {
    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let mut e = Establishment::new_in_province("38");
    e.name = "Cơ sở có trong bản sao lưu".into();
    e.legal_form = Some(LegalForm::HoKinhDoanh);
    e.commune_code = "16093".into();
    e.industry_code = "45-a".into();
    let kept = store.insert_establishment(e.clone()).expect("insert");
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();

    h.get_by_label("Cài đặt").click();
    h.run();
    assert_eq!(h.state().screen(), Screen::Settings);
    assert!(h.query_by_label("Chưa có bản sao lưu nào.").is_some());
    h.get_by_label("Sao lưu ngay").click();
    h.run();
    assert!(
        h.state()
            .status()
            .is_some_and(|s| s.text.starts_with("Đã sao lưu vào"))
    );
    assert_eq!(
        h.state().service().store().backups().expect("list").len(),
        1
    );

    // A record added after the backup disappears when the backup is restored.
    h.get_by_label("Cơ sở CNNT").click();
    h.run();
    let mut later = e;
    later.id = uuid::Uuid::now_v7();
    later.code.clear();
    later.name = "Cơ sở nhập sau".into();
    let path_again = h.state().service().store().path().to_owned();
    {
        let mut direct =
            khuyencong::store::Store::open(&path_again, khuyencong::store::OpenMode::MustExist)
                .expect("second connection");
        direct.insert_establishment(later.clone()).expect("insert");
    }
    h.get_by_label("Cài đặt").click();
    h.run();
    h.get_by_label("Khôi phục…").click();
    h.run();
    assert!(h.query_by_label("Khôi phục dữ liệu?").is_some());
    h.get_by_label("Khôi phục").click();
    h.run();
    let store = h.state().service().store();
    assert!(store.establishment(kept.id).expect("read").is_some());
    assert!(store.establishment(later.id).expect("read").is_none());
    assert!(
        h.state()
            .status()
            .is_some_and(|s| s.text.starts_with("Đã khôi phục dữ liệu"))
    );
    assert_eq!(
        store.backups().expect("list").len(),
        2,
        "the pre-restore state was kept"
    );
    assert_eq!(h.state().registry().expect("registry").view.total(), 1);
}

#[test]
fn changing_the_unit_in_settings_is_saved() {
    let (_dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    h.get_by_label("Cài đặt").click();
    h.run();
    h.get_by_label("Cơ quan cấp xã (nhập liệu, gửi về tỉnh)")
        .click();
    h.run();
    h.get_by_label("Tên đơn vị").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Tên đơn vị").type_text("UBND xã Nga Sơn");
    h.run();
    h.get_by_label("Lưu cài đặt đơn vị").click();
    h.run();
    let unit = h
        .state()
        .service()
        .store()
        .unit_settings()
        .expect("read")
        .expect("set");
    assert_eq!(unit.unit_name, "UBND xã Nga Sơn");
    assert_eq!(
        unit.kind,
        khuyencong::domain::unit_settings::UnitKind::CommuneOffice
    );
    let audit = h
        .state()
        .service()
        .store()
        .audit_trail("setting", "unit")
        .expect("audit");
    assert_eq!(audit.len(), 2, "first setting and this change");
}
