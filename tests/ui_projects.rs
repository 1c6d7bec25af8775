//! A project as the centre enters it: through its form, by Vietnamese labels.

mod common;

use std::path::PathBuf;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use khuyencong::domain::establishment::Establishment;
use khuyencong::domain::legal_form::LegalForm;
use khuyencong::domain::project::PaymentKind;
use khuyencong::domain::project_status::ProjectStatus;
use khuyencong::ui::app::{KhuyenCongApp, Screen};
use khuyencong::ui::file_picker::FilePicker;

struct FixedPicker(PathBuf);

impl FilePicker for FixedPicker {
    fn pick_attachment(&self) -> Option<PathBuf> {
        Some(self.0.clone())
    }

    fn save_as(&self, _title: &str, _default_name: &str, _extension: &str) -> Option<PathBuf> {
        None
    }
}

fn establishment(name: &str, commune: &str) -> Establishment {
    let mut e = Establishment::new_in_province("38");
    e.name = name.into();
    e.legal_form = Some(LegalForm::HopTacXa);
    e.commune_code = commune.into();
    e.industry_code = "45-a".into();
    e
}

fn type_into(h: &mut Harness<'_, KhuyenCongApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

fn choose(h: &mut Harness<'_, KhuyenCongApp>, combo_label: &str, option: &str) {
    h.get_by_label(combo_label).click();
    h.run();
    h.get_by_label(option).click();
    h.run();
}

fn move_to(h: &mut Harness<'_, KhuyenCongApp>, status: &str) {
    choose(h, "Chuyển sang:", status);
    h.get_by_label("Ghi nhận chuyển trạng thái").click();
    h.run();
}

#[test]
fn create_a_project_with_two_beneficiaries_payments_and_its_life_cycle() {
    let (dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let a = store
        .insert_establishment(establishment("Hợp tác xã nước mắm Ba Làng", "16093"))
        .expect("insert");
    let b = store
        .insert_establishment(establishment("Hợp tác xã cói Nga Thắng", "16114"))
        .expect("insert");
    let scan = dir.path().join("QĐ phê duyệt.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scanned decision").expect("write");
    let app = common::new_app(store)
        .expect("app")
        .with_file_picker(Box::new(FixedPicker(scan.clone())));
    let mut h = common::app_harness(app);
    h.run();

    h.get_by_label("Đề án").click();
    h.run();
    assert_eq!(h.state().screen(), Screen::Projects);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.state().project_form().is_some_and(|f| f.is_new()));

    // Thông tin chung
    type_into(
        &mut h,
        "Tên đề án *",
        "Hỗ trợ máy chế biến nước mắm và dệt cói",
    );
    type_into(&mut h, "Nội dung khuyến công *", "cong nghe moi");
    h.key_press(Key::Enter);
    h.run();
    choose(
        &mut h,
        "Hạng mục hỗ trợ (mức hỗ trợ)",
        "Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ",
    );
    type_into(&mut h, "Số QĐ phê duyệt", "123/QĐ-UBND");
    type_into(&mut h, "Ngày QĐ phê duyệt", "15/03/2026");
    h.key_press(Key::Tab);
    h.run();
    let form = h.state().project_form().expect("form");
    assert_eq!(form.project.content_code, "ND235-2");
    assert_eq!(form.project.support_item, "may_moc_thiet_bi");
    assert!(
        h.query_by_label_contains("Áp dụng: 50 % chi phí, tối đa 300.000.000 đồng/cơ sở")
            .is_some()
    );

    // Đơn vị thụ hưởng: two from the registry, each with its share.
    h.get_by_label("Đơn vị thụ hưởng").click();
    h.run();
    for (query, code) in [
        ("nuoc mam ba lang", "CS-000001"),
        ("coi nga thang", "CS-000002"),
    ] {
        type_into(&mut h, "Tìm cơ sở trong sổ:", query);
        h.get_by_label(&format!("Thêm {code}")).click();
        h.run();
    }
    for (code, cost, support) in [
        ("CS-000001", "800000000", "400000000"),
        ("CS-000002", "200000000", "100000000"),
    ] {
        type_into(&mut h, &format!("Chi phí của {code}"), cost);
        type_into(&mut h, &format!("Hỗ trợ của {code}"), support);
        let counterpart =
            (cost.parse::<i64>().unwrap() - support.parse::<i64>().unwrap()).to_string();
        type_into(&mut h, &format!("Đối ứng của {code}"), &counterpart);
    }
    h.get_by_label("Đưa tổng vào Kinh phí của đề án").click();
    h.run();
    let p = &h.state().project_form().expect("form").project;
    assert_eq!(
        (p.total_cost, p.support, p.counterpart),
        (1_000_000_000, 500_000_000, 500_000_000)
    );
    assert_eq!(
        p.commune_codes,
        ["16093", "16114"],
        "the area follows the beneficiaries"
    );

    // The ceiling warning: 400 triệu for CS-000001 is over min(50 % × 800 triệu; 300 triệu).
    assert!(
        h.query_by_label_contains("vượt mức tối đa cho mỗi cơ sở 300.000.000 đồng")
            .is_some()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.query_by_label("Lưu đề án có cảnh báo").is_some(),
        "a reason is asked for"
    );
    assert!(
        h.state()
            .service()
            .store()
            .all_projects()
            .expect("read")
            .is_empty(),
        "not saved yet"
    );
    type_into(
        &mut h,
        "Lý do chấp nhận",
        "Theo NQ 15/2025/NQ-HĐND tỉnh Thanh Hóa",
    );
    h.get_by_label("Chấp nhận và lưu").click();
    h.run();
    let saved = h.state().service().store().all_projects().expect("read");
    assert_eq!(saved.len(), 1);
    let project = &saved[0];
    assert_eq!(project.code, "DA-2026-0001");
    assert_eq!(project.beneficiaries.len(), 2);
    assert_eq!(project.beneficiaries[0].establishment_id, a.id);
    assert_eq!(project.beneficiaries[1].establishment_id, b.id);
    let accepted = &project.accepted_warnings[0];
    assert_eq!(accepted.kind, "vuot_muc_ho_tro");
    assert_eq!(accepted.reason, "Theo NQ 15/2025/NQ-HĐND tỉnh Thanh Hóa");

    // Life cycle: in order it just moves; out of order it needs a reason.
    h.get_by_label("Lịch sử").click();
    h.run();
    move_to(&mut h, "Hoàn thành (cần lý do)");
    assert!(
        h.query_by_label_contains("không theo trình tự: cần ghi lý do")
            .is_some()
    );
    for s in [
        "Thẩm định cấp cơ sở (theo trình tự)",
        "Phê duyệt (theo trình tự)",
        "Ký hợp đồng (theo trình tự)",
        "Đang thực hiện (theo trình tự)",
    ] {
        move_to(&mut h, s);
    }
    assert_eq!(
        h.state().project_form().expect("form").project.status,
        ProjectStatus::DangThucHien
    );

    // Kinh phí & thanh toán: an advance and a payment.
    h.get_by_label("Kinh phí & thanh toán").click();
    h.run();
    type_into(&mut h, "số tiền", "150000000");
    type_into(&mut h, "số chứng từ", "12/UNC");
    h.get_by_label("Thêm chứng từ").click();
    h.run();
    choose(&mut h, "Chứng từ mới:", "Thanh toán");
    type_into(&mut h, "số tiền", "100000000");
    h.get_by_label("Thêm chứng từ").click();
    h.run();
    assert_eq!(
        h.get_all_by_label("250.000.000 đồng").count(),
        2,
        "đã giải ngân, còn lại"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();

    let project = h
        .state()
        .service()
        .store()
        .project(project.id)
        .expect("read")
        .expect("exists");
    assert_eq!(project.status, ProjectStatus::DangThucHien);
    assert_eq!(project.transitions.len(), 4);
    let kinds: Vec<PaymentKind> = project.payments.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [PaymentKind::Advance, PaymentKind::Payment]);
    assert_eq!(project.payments[0].document_no, "12/UNC");
    assert_eq!(project.remaining_support(), 250_000_000);
    let trail = h
        .state()
        .service()
        .store()
        .audit_trail("project", &project.id.to_string())
        .expect("audit");
    let actions: Vec<&str> = trail.iter().map(|t| t.action.as_str()).collect();
    assert_eq!(actions, ["insert", "update"]);
    assert_eq!(trail[1].old.as_ref().expect("old")["status"], "DangKy");
    assert_eq!(
        trail[1].new.as_ref().expect("new")["status"],
        "DangThucHien"
    );

    // Hồ sơ: a scanned decision is copied next to the database.
    h.get_by_label("Hồ sơ").click();
    h.run();
    h.get_by_label("Đính kèm tệp…").click();
    h.run();
    let files = h
        .state()
        .service()
        .store()
        .attachments(project.id)
        .expect("list");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].file_name, "QĐ phê duyệt.pdf");
    assert_eq!(
        std::fs::read(&files[0].path).expect("copy"),
        b"%PDF-1.4 scanned decision"
    );
    assert!(scan.exists(), "the original stays where it was");

    // The establishment form shows the support it received.
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("Cơ sở CNNT").click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.query_by_label("Lịch sử hỗ trợ").is_some());
    assert!(
        h.query_by_label_contains("DA-2026-0001 — Hỗ trợ máy chế biến nước mắm")
            .is_some()
    );
}

#[test]
fn a_new_establishment_can_be_added_from_the_project_form() {
    let (_dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    h.get_by_label("Đề án").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Đơn vị thụ hưởng").click();
    h.run();
    h.get_by_label("Thêm cơ sở mới…").click();
    h.run();
    assert!(h.state().nested_form().is_some());
    h.get_by_label("Tên cơ sở *")
        .type_text("Tổ hợp tác mây tre đan Hoằng Lộc");
    h.run();
    h.get_by_label("Tổ hợp tác").click();
    h.run();
    type_into(&mut h, "Xã/phường/đặc khu *", "hoang loc");
    h.key_press(Key::Enter);
    h.run();
    type_into(&mut h, "Ngành nghề *", "thu cong");
    h.key_press(Key::Tab);
    h.run();
    h.get_by_label("Lưu (Enter)").click();
    h.run();
    assert!(h.state().nested_form().is_none(), "closed after saving");
    let added = h
        .state()
        .service()
        .store()
        .all_establishments()
        .expect("read");
    assert_eq!(added.len(), 1);
    let form = h.state().project_form().expect("still in the project");
    assert_eq!(form.project.beneficiaries.len(), 1);
    assert_eq!(form.project.beneficiaries[0].establishment_id, added[0].id);
    assert_eq!(form.project.commune_codes, [added[0].commune_code.clone()]);
    assert_eq!(h.state().registry().expect("registry").view.total(), 1);
}
