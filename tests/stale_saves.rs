//! Two seats on one file never overwrite each other: a save from a copy loaded before someone
//! else saved the record is refused with both versions, nothing written; the explicit
//! overwrite works against the stored version; one holder saving twice in a row just works.

mod common;

use egui_kittest::kittest::Queryable;
use khuyencong::domain::establishment::Establishment;
use khuyencong::domain::legal_form::LegalForm;
use khuyencong::domain::project::Project;
use khuyencong::domain::report::ReportKind;
use khuyencong::domain::stale_save::{StaleSave, StoredVersion};
use khuyencong::service::{Service, ServiceError, Session};
use khuyencong::store::Store;

/// A service on `path` whose audit rows name `actor`, as a second window (or a background
/// job) opens the same file.
fn seat(path: &std::path::Path, actor: &str) -> Service {
    let mut session = Session::for_logged_in_user(common::today());
    session.actor = actor.to_owned();
    Service::open_existing(path, session).expect("open the same file")
}

fn establishment(name: &str) -> Establishment {
    let mut e = Establishment::new_in_province("38");
    e.name = name.into();
    e.legal_form = Some(LegalForm::HoKinhDoanh);
    e.commune_code = "16093".into();
    e.industry_code = "45-a".into();
    e
}

fn project(name: &str) -> Project {
    let mut p = Project::new("38", 2027);
    p.name = name.into();
    p.content_code = "ND235-2".into();
    p.support = 100_000_000;
    p.total_cost = 200_000_000;
    p.counterpart = 100_000_000;
    p.commune_codes = vec!["16093".into()];
    p.registration.proposed_by = "UBND xã Hoằng Hóa".into();
    p.registration.registered_on = chrono::NaiveDate::from_ymd_opt(2026, 8, 15);
    p
}

/// The refusal behind `result`, which must be a stale save.
fn refused<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> (StaleSave, String) {
    let e = result.expect_err("a stale save is refused");
    let text = e.to_string();
    let stale = e.stale_save().expect("refused as a stale save").clone();
    (stale, text)
}

fn audit_rows(service: &Service, table: &str, id: uuid::Uuid) -> usize {
    service
        .store()
        .audit_trail(table, &id.to_string())
        .expect("audit")
        .len()
}

/// No English word of SQLite or Rust reaches the user.
fn assert_vietnamese(text: &str) {
    for english in ["error", "conflict", "version", "row", "database", "failed"] {
        assert!(
            !text.to_lowercase().contains(english),
            "English in the message: {text}"
        );
    }
}

#[test]
fn a_stale_establishment_save_is_refused_with_both_versions_then_overwritten_on_request() {
    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let saved = store
        .insert_establishment(establishment("Cơ sở mây tre Nga Sơn"))
        .expect("insert");
    drop(store);
    let mut a = seat(&path, "huong");
    let mut b = seat(&path, "minh");
    let mut in_a = a.establishment(saved.id).expect("A loads");
    let mut in_b = b.establishment(saved.id).expect("B loads");
    assert_eq!(in_a.row_version, 1);

    in_a.name = "Cơ sở mây tre đan Nga Sơn".into();
    let in_a = a.save_establishment(in_a, false).expect("A saves");
    assert_eq!(in_a.row_version, 2, "the holder gets the new version");

    in_b.phone = "0912345678".into();
    let rows_before = audit_rows(&b, "establishment", saved.id);
    let (stale, text) = refused(b.save_establishment(in_b.clone(), false));
    let StoredVersion::Establishment(stored) = &stale.stored else {
        panic!("the stored establishment is carried");
    };
    assert_eq!(
        stored.name, "Cơ sở mây tre đan Nga Sơn",
        "the stored version: A's"
    );
    assert_eq!(
        in_b.name, "Cơ sở mây tre Nga Sơn",
        "B's version is still B's"
    );
    assert_eq!(stale.changed_by, "huong");
    assert!(stale.changed_at.starts_with("20"), "{}", stale.changed_at);
    assert_eq!(stale.stored_version(), 2);
    assert!(
        text.contains("huong") && text.contains("Cơ sở mây tre đan Nga Sơn"),
        "{text}"
    );
    assert_vietnamese(&text);

    let now = a.establishment(saved.id).expect("read");
    assert_eq!(now.name, "Cơ sở mây tre đan Nga Sơn", "A's name stays");
    assert_eq!(now.phone, "", "nothing of B's was written");
    assert_eq!(now.row_version, 2);
    assert_eq!(audit_rows(&b, "establishment", saved.id), rows_before);

    // The explicit overwrite: B's values against the version stored now, audited.
    in_b.row_version = stale.stored_version();
    let in_b = b.save_establishment(in_b, false).expect("overwrite");
    assert_eq!(in_b.row_version, 3);
    let now = a.establishment(saved.id).expect("read");
    assert_eq!(
        (now.name.as_str(), now.phone.as_str()),
        ("Cơ sở mây tre Nga Sơn", "0912345678")
    );
    let trail = b
        .store()
        .audit_trail("establishment", &saved.id.to_string())
        .expect("audit");
    assert_eq!(trail.len(), rows_before + 1);
    assert_eq!(trail.last().expect("row").actor, "minh");

    // A's copy is now the stale one; saving twice from one holder works.
    assert!(
        a.save_establishment(in_a, false)
            .is_err_and(|e| e.stale_save().is_some())
    );
    let mut again = in_b;
    again.notes = "Gọi lại tháng sau".into();
    let again = b.save_establishment(again, false).expect("second save");
    let mut again = again;
    again.notes = "Đã gọi".into();
    let again = b.save_establishment(again, false).expect("third save");
    assert_eq!(again.row_version, 5);
}

#[test]
fn deleting_a_record_someone_saved_since_is_refused() {
    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let saved = store
        .insert_establishment(establishment("Cơ sở nón lá Quảng Xương"))
        .expect("insert");
    let mut changed = saved.clone();
    changed.phone = "0987654321".into();
    assert_eq!(store.update_establishment(&changed).expect("save"), 2);
    let e = store
        .delete_establishment(saved.id, saved.row_version)
        .expect_err("the shown copy is stale");
    assert!(e.to_string().contains("Cơ sở nón lá Quảng Xương"), "{e}");
    assert!(
        store.establishment(saved.id).expect("read").is_some(),
        "not deleted"
    );
    store
        .delete_establishment(saved.id, 2)
        .expect("delete at the stored version");
    assert!(store.establishment(saved.id).expect("read").is_none());
}

#[test]
fn a_stale_project_save_is_refused_children_and_all() {
    let (_dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    let mut a = seat(&path, "huong");
    // The rules warn about this proposal; the warnings are accepted once, with a reason.
    let mut new = project("Hỗ trợ máy dệt chiếu cói");
    let pending = new.unaccepted_warnings(&a.project_issues(&new).expect("rules"));
    new.accept_warnings(pending, "Đã xem xét", "huong", "2026-11-23T08:00:00.000");
    let saved = a.save_project(new, true).expect("insert");
    let mut b = seat(&path, "minh");
    let mut in_a = a.project(saved.id).expect("A loads");
    let mut in_b = b.project(saved.id).expect("B loads");

    in_a.name = "Hỗ trợ máy dệt chiếu cói Nga Sơn".into();
    let in_a = a.save_project(in_a, false).expect("A saves");
    assert_eq!(in_a.row_version, 2);

    // B changes a child row only: the project's version covers it.
    in_b.commune_codes = vec!["16093".into(), "16114".into()];
    let (stale, text) = refused(b.save_project(in_b.clone(), false));
    let StoredVersion::Project(stored) = &stale.stored else {
        panic!("the stored project is carried");
    };
    assert_eq!(stored.name, "Hỗ trợ máy dệt chiếu cói Nga Sơn");
    assert_eq!(in_b.name, "Hỗ trợ máy dệt chiếu cói");
    assert_eq!(stale.changed_by, "huong");
    assert_vietnamese(&text);
    let now = a.project(saved.id).expect("read");
    assert_eq!(now.commune_codes, ["16093"], "nothing of B's was written");
    assert_eq!(now.name, "Hỗ trợ máy dệt chiếu cói Nga Sơn");

    in_b.row_version = stale.stored_version();
    let in_b = b.save_project(in_b, false).expect("overwrite");
    assert_eq!(in_b.row_version, 3);
    let now = a.project(saved.id).expect("read");
    assert_eq!(now.commune_codes, ["16093", "16114"]);
    assert_eq!(now.row_version, 3);

    let mut again = in_b;
    again.notes = "Đã khảo sát".into();
    let again = b.save_project(again, false).expect("second save");
    assert_eq!(again.row_version, 4);
}

#[test]
fn a_stale_report_save_is_refused_then_overwritten_on_request() {
    let (_dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    let mut a = seat(&path, "huong");
    let mut b = seat(&path, "minh");
    let created = a.create_report(ReportKind::HalfYear, 2026).expect("draft");
    assert_eq!(created.row_version, 1);
    let mut in_a = a.report(created.id).expect("A loads");
    let mut in_b = b.report(created.id).expect("B loads");

    in_a.number = "15".into();
    in_a.row_version = a.save_report(&in_a).expect("A saves");
    assert_eq!(in_a.row_version, 2);

    in_b.sections[2] = "Nguyên nhân: thời tiết bất lợi.".into();
    let (stale, text) = refused(b.save_report(&in_b));
    let StoredVersion::Report(stored) = &stale.stored else {
        panic!("the stored report is carried");
    };
    assert_eq!(stored.number, "15");
    assert_eq!(in_b.number, "");
    assert_eq!(stale.changed_by, "huong");
    assert_vietnamese(&text);
    let now = a.report(created.id).expect("read");
    assert_eq!(
        now.sections[2], created.sections[2],
        "nothing of B's was written"
    );
    assert!(
        b.delete_report(created.id, in_b.row_version)
            .is_err_and(|e| e.stale_save().is_some()),
        "a stale copy does not delete it either"
    );

    in_b.row_version = stale.stored_version();
    in_b.row_version = b.save_report(&in_b).expect("overwrite");
    assert_eq!(in_b.row_version, 3);
    let now = a.report(created.id).expect("read");
    assert_eq!((now.number.as_str(), now.row_version), ("", 3));
    assert_eq!(now.sections[2], "Nguyên nhân: thời tiết bất lợi.");
    in_b.place = "Thành phố Thanh Hóa".into();
    assert_eq!(b.save_report(&in_b).expect("save again"), 4);
}

#[test]
fn the_form_shows_both_versions_and_the_choices_after_a_stale_save() {
    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let saved = store
        .insert_establishment(establishment("Cơ sở mây tre Nga Sơn"))
        .expect("insert");
    let app = common::new_app(Store::open_at_startup(&path).expect("open")).expect("app");
    drop(store);
    let mut h = common::app_harness(app);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().form().is_some(), "the form is open");

    // Another seat saves a new name meanwhile.
    let mut other = seat(&path, "huong");
    let mut e = other.establishment(saved.id).expect("load");
    e.name = "Cơ sở mây tre đan Nga Sơn".into();
    other
        .save_establishment(e, false)
        .expect("other seat saves");

    h.get_by_label("Điện thoại").click();
    h.run();
    h.get_by_label("Điện thoại").type_text("0912345678");
    h.run();
    h.get_by_label("Lưu (Enter)").click();
    h.run();
    h.run();

    assert!(h.query_by_label("Bản của bạn").is_some());
    assert!(
        h.query_by_label_contains("Bản đã lưu (bởi huong, lúc")
            .is_some()
    );
    assert!(
        h.query_by_label("Cơ sở mây tre đan Nga Sơn").is_some(),
        "the stored name"
    );
    assert!(h.query_by_label("0912345678").is_some(), "the typed phone");
    assert!(h.query_by_label("Tải lại bản đã lưu").is_some());
    assert!(h.query_by_label("Giữ bản của tôi và lưu đè").is_some());
    let form = h.state().form().expect("the form stays open");
    assert_eq!(
        form.draft.record.phone, "0912345678",
        "the typed value is kept"
    );
    assert_eq!(
        other.establishment(saved.id).expect("read").phone,
        "",
        "nothing written"
    );

    h.get_by_label("Giữ bản của tôi và lưu đè").click();
    h.run();
    h.run();
    let now = other.establishment(saved.id).expect("read");
    assert_eq!(now.phone, "0912345678", "the explicit overwrite is written");
    assert_eq!(now.name, "Cơ sở mây tre Nga Sơn");
    assert_eq!(now.row_version, 3);
}

#[test]
fn reloading_the_stored_version_drops_the_typed_values() {
    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let saved = store
        .insert_establishment(establishment("Cơ sở gốm Lò Chum"))
        .expect("insert");
    drop(store);
    let app = common::new_app(Store::open_at_startup(&path).expect("open")).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();

    let mut other = seat(&path, "huong");
    let mut e = other.establishment(saved.id).expect("load");
    e.name = "Cơ sở gốm Lò Chum Thanh Hóa".into();
    other
        .save_establishment(e, false)
        .expect("other seat saves");

    h.get_by_label("Điện thoại").click();
    h.run();
    h.get_by_label("Điện thoại").type_text("0912345678");
    h.run();
    h.get_by_label("Lưu (Enter)").click();
    h.run();
    h.get_by_label("Tải lại bản đã lưu").click();
    h.run();
    let form = h.state().form().expect("the form stays open");
    assert_eq!(form.draft.record.name, "Cơ sở gốm Lò Chum Thanh Hóa");
    assert_eq!(form.draft.record.phone, "");
    assert_eq!(form.draft.record.row_version, 2);
    assert!(
        h.query_by_label("Bản của bạn").is_none(),
        "the comparison is closed"
    );
}

#[test]
fn the_report_panel_shows_both_versions_and_overwrites_on_request() {
    let (_dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    h.run();
    h.get_by_label("Tạo báo cáo").click();
    for _ in 0..200 {
        h.run();
        if h.query_by_label("Chốt báo cáo").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let id = h.state().service().store().reports().expect("list")[0].id;

    // Another seat gives the report its number meanwhile.
    let mut other = seat(&path, "huong");
    let mut theirs = other.report(id).expect("load");
    theirs.number = "20".into();
    other.save_report(&theirs).expect("other seat saves");

    h.get_by_label("Số").click();
    h.run();
    h.get_by_label("Số").type_text("15");
    h.run();
    h.get_by_label("Lưu").click();
    h.run();
    assert!(h.query_by_label("Bản của bạn").is_some());
    assert!(
        h.query_by_label_contains("Bản đã lưu (bởi huong, lúc")
            .is_some()
    );
    assert!(h.query_by_label("15").is_some() && h.query_by_label("20").is_some());
    assert_eq!(
        other.report(id).expect("read").number,
        "20",
        "nothing written"
    );

    h.get_by_label("Giữ bản của tôi và lưu đè").click();
    h.run();
    h.run();
    let now = other.report(id).expect("read");
    assert_eq!((now.number.as_str(), now.row_version), ("15", 3));
    assert!(
        h.query_by_label("Bản của bạn").is_none(),
        "the comparison is closed"
    );
    // The panel holds the new version: the next save goes through.
    h.get_by_label("Số").click();
    h.run();
    h.get_by_label("Số").type_text("6");
    h.run();
    h.get_by_label("Lưu").click();
    h.run();
    assert_eq!(other.report(id).expect("read").number, "156");
}

#[test]
fn the_project_form_shows_both_versions_and_reloads_on_request() {
    let (_dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    let mut other = seat(&path, "huong");
    let mut new = project("Hỗ trợ máy dệt chiếu cói");
    let pending = new.unaccepted_warnings(&other.project_issues(&new).expect("rules"));
    new.accept_warnings(pending, "Đã xem xét", "huong", "2026-11-23T08:00:00.000");
    let saved = other.save_project(new, true).expect("insert");

    let app = common::new_app(Store::open_at_startup(&path).expect("open")).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    h.get_by_label("Đề án").click();
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().project_form().is_some_and(|f| !f.is_new()));

    let mut theirs = other.project(saved.id).expect("load");
    theirs.name = "Hỗ trợ máy dệt chiếu cói Nga Sơn".into();
    other.save_project(theirs, false).expect("other seat saves");

    h.get_by_label("Tên đề án *").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Tên đề án *")
        .type_text("Hỗ trợ máy dệt cói");
    h.run();
    h.get_by_label("Lưu (Ctrl+S)").click();
    h.run();
    assert!(h.query_by_label("Bản của bạn").is_some());
    assert!(
        h.query_by_label_contains("Bản đã lưu (bởi huong, lúc")
            .is_some()
    );
    assert!(
        h.query_by_label("Hỗ trợ máy dệt chiếu cói Nga Sơn")
            .is_some()
    );
    assert_eq!(
        other.project(saved.id).expect("read").name,
        "Hỗ trợ máy dệt chiếu cói Nga Sơn",
        "nothing written"
    );

    h.get_by_label("Tải lại bản đã lưu").click();
    h.run();
    let form = h.state().project_form().expect("the form stays open");
    assert_eq!(form.project.name, "Hỗ trợ máy dệt chiếu cói Nga Sơn");
    assert_eq!(form.project.row_version, 2);
    assert!(
        !form.is_dirty(),
        "the reloaded form holds the stored version"
    );
}

#[test]
fn saving_a_report_another_seat_deleted_says_so_in_vietnamese() {
    let (_dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    let mut a = seat(&path, "huong");
    let mut b = seat(&path, "minh");
    let created = a.create_report(ReportKind::Year, 2026).expect("draft");
    let mut in_b = b.report(created.id).expect("B loads");
    a.delete_report(created.id, created.row_version)
        .expect("A deletes the draft");
    in_b.number = "7".into();
    let text = b.save_report(&in_b).expect_err("refused").to_string();
    assert!(text.contains("đã bị xóa"), "{text}");
    assert_vietnamese(&text);
    assert!(a.reports().expect("list").is_empty(), "not brought back");
}
