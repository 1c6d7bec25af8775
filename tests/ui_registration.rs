//! Đăng ký kế hoạch as Chị Hương uses it in late November: next year's proposals from the
//! communes consolidated with totals, the late ones flagged against the calendar, appraisals
//! recorded (a failed one needs a reason), and a new proposal registered.

mod common;

use chrono::NaiveDate;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use khuyencong::domain::funding_source::FundingSource;
use khuyencong::domain::project::Project;
use khuyencong::domain::project_status::ProjectStatus;
use khuyencong::ui::app::{KhuyenCongApp, Screen};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn proposal(name: &str, source: FundingSource, support: i64, registered: NaiveDate) -> Project {
    let mut p = Project::new("38", 2027);
    p.name = name.into();
    p.content_code = "ND235-2".into();
    p.source = source;
    p.support = support;
    p.total_cost = support * 2;
    p.counterpart = support;
    p.commune_codes = vec!["16093".into()];
    p.registration.proposed_by = "UBND xã Hoằng Hóa".into();
    p.registration.registered_on = Some(registered);
    p
}

fn type_into(h: &mut Harness<'_, KhuyenCongApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn consolidate_flag_late_appraise_and_register_a_proposal() {
    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let on_time = store
        .insert_project(proposal(
            "Hỗ trợ máy dệt chiếu cói",
            FundingSource::Kcdp,
            200_000_000,
            day(2026, 8, 15),
        ))
        .expect("a");
    let late = store
        .insert_project(proposal(
            "Hỗ trợ lò sấy nông sản",
            FundingSource::Kcdp,
            150_000_000,
            day(2026, 9, 5),
        ))
        .expect("b");
    store
        .insert_project(proposal(
            "Mô hình trình diễn chế biến chè",
            FundingSource::Kcqg,
            900_000_000,
            day(2026, 6, 1),
        ))
        .expect("c");
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    h.get_by_label("Đăng ký kế hoạch năm sau").click();
    h.run();
    assert!(
        h.query_by_label("Đăng ký kế hoạch khuyến công năm 2027")
            .is_some()
    );
    // Units had until 30/08/2026: one came six days late.
    assert!(
        h.query_by_label("1 đề án làm muộn; 2 đề án đúng hạn")
            .is_some()
    );
    // The KCQG proposal was never sent to the Ministry by 20/06/2026.
    assert!(h.query_by_label("1 đề án quá hạn").is_some());
    // KCĐP: 2 proposals, 350 triệu requested; all sources: 1.250 triệu.
    assert!(h.query_all_by_label("350.000.000").count() >= 1);
    assert!(h.query_all_by_label("1.250.000.000").count() >= 1);
    assert!(
        h.query_by_label_contains("Danh mục đề án đăng ký (3 đề án; 3 chậm hạn)")
            .is_some()
    );

    // A failed appraisal without a reason is refused, and nothing is written.
    h.get_by_label(late.code.as_str()).click();
    h.run();
    // The filter above the list has the same words; the radio button comes last.
    h.get_all_by_label("Không đạt")
        .last()
        .expect("radio")
        .click();
    h.run();
    h.get_by_label("Ghi kết quả thẩm định").click();
    h.run();
    assert!(
        h.query_by_label("Thẩm định không đạt: cần ghi lý do.")
            .is_some()
    );
    let stored = h
        .state()
        .service()
        .store()
        .project(late.id)
        .expect("read")
        .expect("b");
    assert_eq!(stored.registration.appraisal, None);

    type_into(
        &mut h,
        "Lý do / ý kiến",
        "Cơ sở đã được hỗ trợ nội dung này năm 2025",
    );
    h.get_by_label("Ghi kết quả thẩm định").click();
    h.run();
    let stored = h
        .state()
        .service()
        .store()
        .project(late.id)
        .expect("read")
        .expect("b");
    let appraisal = stored.registration.appraisal.expect("recorded");
    assert!(!appraisal.passed);
    assert_eq!(
        appraisal.reason,
        "Cơ sở đã được hỗ trợ nội dung này năm 2025"
    );
    assert_eq!(appraisal.date, common::today());
    assert_eq!(stored.status, ProjectStatus::ThamDinhCoSo);

    h.get_by_label(on_time.code.as_str()).click();
    h.run();
    h.get_all_by_label("Đạt").last().expect("radio").click();
    h.run();
    h.get_by_label("Ghi kết quả thẩm định").click();
    h.run();
    let stored = h
        .state()
        .service()
        .store()
        .project(on_time.id)
        .expect("read")
        .expect("a");
    assert!(stored.registration.appraisal.is_some_and(|a| a.passed));
    assert!(
        h.query_by_label_contains("Danh mục đề án đăng ký (3 đề án;")
            .is_some()
    );

    // The calendar is the province's own: saving it stores it with the data.
    h.get_by_label("Sửa lịch đăng ký…").click();
    h.run();
    h.get_by_label("Lưu lịch").click();
    h.run();
    assert!(
        h.state()
            .service()
            .store()
            .setting("registration_deadlines")
            .expect("read")
            .is_some()
    );

    // A new proposal opens the project form for 2027, registered today by this centre.
    h.get_by_label("Thêm đề xuất").click();
    h.run();
    assert_eq!(h.state().screen(), Screen::Projects);
    let form = h.state().project_form().expect("form open");
    assert_eq!(form.project.plan_year, 2027);
    assert_eq!(
        form.project.registration.registered_on,
        Some(common::today())
    );
    assert_eq!(
        form.project.registration.proposed_by,
        "Trung tâm Khuyến công Thanh Hóa"
    );
}
