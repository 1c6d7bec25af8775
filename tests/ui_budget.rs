//! Kế hoạch & cân đối as Anh Tuấn uses it: enter the year's dự toán from the UBND decision,
//! record a change, move a project's money to another with a recorded điều chỉnh.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use khuyencong::domain::budget_plan::BudgetChangeKind;
use khuyencong::domain::funding_source::FundingSource;
use khuyencong::domain::project::Project;
use khuyencong::domain::project_status::ProjectStatus;
use khuyencong::ui::app::{KhuyenCongApp, Screen};

fn type_into(h: &mut Harness<'_, KhuyenCongApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Chưa phân bổ of KCĐP, computed as the screen computes it.
fn unallocated_kcdp(h: &Harness<'_, KhuyenCongApp>) -> i64 {
    let balance = khuyencong::service::year_balance::year_balance(
        h.state().service().store(),
        2026,
        common::today(),
    )
    .expect("balance");
    balance
        .source(FundingSource::Kcdp)
        .map(|s| s.unallocated)
        .expect("KCĐP row")
}

fn approved(support: i64) -> Project {
    let mut p = Project::new("38", 2026);
    p.name = format!("Đề án hỗ trợ {support}");
    p.content_code = "ND235-2".into();
    p.source = FundingSource::Kcdp;
    p.status = ProjectStatus::DangThucHien;
    p.support = support;
    p.total_cost = support * 2;
    p.counterpart = support;
    p.commune_codes = vec!["16093".into()];
    p
}

#[test]
fn enter_the_plan_record_a_change_and_move_money_between_projects() {
    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let cancelled = store.insert_project(approved(300_000_000)).expect("a");
    let receiving = store.insert_project(approved(500_000_000)).expect("b");
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    assert_eq!(h.state().screen(), Screen::Budget);
    assert!(
        h.query_by_label("Chưa nhập dự toán nào cho năm này.")
            .is_some()
    );

    type_into(&mut h, "số QĐ", "4512/QĐ-UBND");
    type_into(&mut h, "ngày QĐ", "05/01/2026");
    type_into(&mut h, "cơ quan giao", "UBND tỉnh Thanh Hóa");
    type_into(&mut h, "số tiền (đồng)", "300000000");
    h.get_by_label("Thêm dự toán").click();
    h.run();
    let lines = h
        .state()
        .service()
        .store()
        .budget_lines(2026)
        .expect("lines");
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (lines[0].source, lines[0].amount),
        (FundingSource::Kcdp, 300_000_000)
    );
    assert_eq!(lines[0].decision_no, "4512/QĐ-UBND");
    // 300 triệu planned, 800 triệu allocated: over by 500 triệu, shown in red with a warning.
    assert!(h.query_by_label("-500.000.000 đồng").is_some());
    assert_eq!(unallocated_kcdp(&h), -500_000_000);
    assert!(
        h.query_by_label_contains("Phân bổ vượt kế hoạch: nguồn KCĐP")
            .is_some()
    );

    h.get_by_label("Thay đổi:").click();
    h.run();
    // The line is also listed in the table above; the drop-down's entry comes last.
    h.get_all_by_label("KCĐP — 4512/QĐ-UBND ngày 05/01/2026 (UBND tỉnh Thanh Hóa)")
        .last()
        .expect("entry in the drop-down")
        .click();
    h.run();
    type_into(&mut h, "số tiền thay đổi", "500000000");
    type_into(&mut h, "lý do thay đổi", "Bổ sung từ nguồn tăng thu");
    h.get_by_label("Ghi thay đổi").click();
    h.run();
    let changes = h
        .state()
        .service()
        .store()
        .budget_changes(2026)
        .expect("changes");
    assert_eq!(changes.len(), 1);
    assert_eq!(
        (changes[0].kind, changes[0].amount),
        (BudgetChangeKind::Supplement, 500_000_000)
    );
    assert!(
        h.query_all_by_label("800.000.000").count() >= 2,
        "the line after its change, and the plan in the balance"
    );
    // The supplement brings the plan to what was allocated: nothing left, nothing over.
    assert_eq!(unallocated_kcdp(&h), 0, "chưa phân bổ reaches zero");
    assert!(h.query_by_label_contains("Phân bổ vượt kế hoạch").is_none());

    // Reasons are required: nothing is written without them.
    type_into(&mut h, "Chuyển từ đề án", &cancelled.code);
    type_into(&mut h, "sang đề án", &receiving.code);
    type_into(&mut h, "số tiền chuyển", "300000000");
    h.get_by_label("Ghi điều chỉnh").click();
    h.run();
    assert!(
        h.query_by_label_contains("Điều chỉnh: ghi số quyết định và lý do")
            .is_some()
    );
    assert!(
        h.state()
            .service()
            .store()
            .reallocations()
            .expect("list")
            .is_empty()
    );
    type_into(&mut h, "QĐ điều chỉnh", "3001/QĐ-UBND");
    type_into(&mut h, "lý do điều chỉnh", "Đề án dừng, chuyển kinh phí");
    h.get_by_label("Ghi điều chỉnh").click();
    h.run();
    let moved = h.state().service().store().reallocations().expect("list");
    assert_eq!(moved.len(), 1);
    assert_eq!(
        (moved[0].from_project, moved[0].to_project),
        (cancelled.id, receiving.id)
    );
    assert_eq!(moved[0].amount, 300_000_000);
    assert_eq!(
        h.state()
            .service()
            .store()
            .audit_count("reallocation")
            .expect("audit"),
        1
    );
    assert_eq!(
        unallocated_kcdp(&h),
        0,
        "moving money keeps the source's total"
    );

    // Progress by month and quarter is there for the year.
    h.get_by_label("Tiến độ giải ngân theo tháng, quý").click();
    h.run();
    assert!(h.query_by_label("Tháng 11").is_some());
    assert!(h.query_by_label("Quý IV").is_some());

    // Drill down from the nội dung × nguồn matrix to the projects behind the cell.
    h.get_by_label("Theo nội dung khuyến công (đã phân bổ)")
        .click();
    h.run();
    // Two buttons say 800.000.000: KCĐP's "đã phân bổ" and, last, the matrix cell.
    h.get_all_by_role_and_label(egui::accesskit::Role::Button, "800.000.000")
        .last()
        .expect("matrix cell")
        .click();
    h.run();
    assert!(
        h.query_by_label("Các đề án tạo nên số đã chọn: 2 đề án")
            .is_some()
    );

    // The project's code in the drill-down list (above the reallocation list) opens it.
    h.get_all_by_label(&receiving.code)
        .next()
        .expect("listed project")
        .click();
    h.run();
    assert_eq!(h.state().screen(), Screen::Projects);
    assert_eq!(
        h.state().project_form().map(|f| f.project.id),
        Some(receiving.id)
    );
}

#[test]
fn programme_targets_show_what_projects_achieved() {
    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let mut p = approved(300_000_000);
    p.programme_code = "KCQG-2026-2030".into();
    p.outputs = vec![khuyencong::domain::project::Output {
        indicator_code: "may_moc_thiet_bi".into(),
        value: 63,
    }];
    store.insert_project(p.clone()).expect("project");
    let mut cancelled = p;
    cancelled.id = uuid::Uuid::now_v7();
    cancelled.code.clear();
    cancelled.status = ProjectStatus::Huy;
    store.insert_project(cancelled).expect("cancelled project");
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    h.get_by_label("Chỉ tiêu chương trình").click();
    h.run();
    h.get_by_label("Chương trình:").click();
    h.run();
    h.get_all_by_label("Chương trình khuyến công quốc gia giai đoạn 2026–2030")
        .last()
        .expect("entry")
        .click();
    h.run();
    type_into(&mut h, "Mục tiêu Số máy móc thiết bị được hỗ trợ", "100");
    h.get_by_label("Lưu chỉ tiêu").click();
    h.run();
    let targets = h
        .state()
        .service()
        .store()
        .programme_targets("KCQG-2026-2030")
        .expect("targets");
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0].target, 100);
    assert!(
        h.query_by_label("63").is_some(),
        "achieved, the cancelled project not counted"
    );
    assert!(h.query_by_label("63,0 %").is_some());
}

#[test]
fn the_app_opens_on_the_overview_with_charts_and_warnings() {
    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    store
        .insert_project(approved(800_000_000))
        .expect("project");
    store
        .add_budget_line(&khuyencong::domain::budget_plan::BudgetLine {
            id: uuid::Uuid::now_v7(),
            year: 2026,
            source: FundingSource::Kcdp,
            decision_no: "4512/QĐ-UBND".into(),
            decision_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("date"),
            agency: "UBND tỉnh Thanh Hóa".into(),
            amount: 500_000_000,
            content_code: String::new(),
            commune_code: String::new(),
        })
        .expect("line");
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    assert_eq!(h.state().screen(), Screen::Overview);
    assert!(
        h.query_by_label("Tổng quan kinh phí khuyến công năm 2026")
            .is_some()
    );
    assert!(
        h.query_by_label("Kế hoạch, phân bổ, giải ngân theo nguồn")
            .is_some()
    );
    assert!(h.query_by_label("chưa phân bổ -300 triệu").is_some());
    assert!(
        h.query_by_label("Nguồn KCĐP đã phân bổ vượt kế hoạch giao.")
            .is_some()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    assert_eq!(h.state().screen(), Screen::Registry);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(h.state().screen(), Screen::Overview);
}
