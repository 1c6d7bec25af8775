//! The shell as users meet it: the table of screens drives the navigation bar and the
//! shortcuts; an error behind the rules is said, never mistaken for "no warnings".

mod common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use khuyencong::domain::establishment::Establishment;
use khuyencong::domain::legal_form::LegalForm;
use khuyencong::domain::project::{Beneficiary, Project};
use khuyencong::ui::app::{SCREENS, Screen};

#[test]
fn every_screen_of_the_table_is_reached_by_its_shortcut_and_its_button() {
    let (_dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let mut h = common::app_harness(common::new_app(store).expect("app"));
    h.run();
    for entry in &SCREENS {
        // Away first, so the shortcut is a real move.
        let away = if entry.screen == Screen::Settings {
            Key::Num0
        } else {
            Key::Num5
        };
        h.key_press_modifiers(Modifiers::COMMAND, away);
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, entry.key);
        h.run();
        assert_eq!(h.state().screen(), entry.screen, "{}", entry.shortcut);
        assert_eq!(entry.screen.entry(), entry);
    }
    for entry in SCREENS.iter().rev() {
        h.get_by_label(entry.title).click();
        h.run();
        assert_eq!(h.state().screen(), entry.screen, "{}", entry.title);
    }
}

#[test]
fn when_the_rules_cannot_read_their_data_the_form_says_so_and_does_not_save() {
    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let mut e = Establishment::new_in_province("38");
    e.name = "Hợp tác xã nước mắm Ba Làng".into();
    e.legal_form = Some(LegalForm::HopTacXa);
    e.commune_code = "16093".into();
    e.industry_code = "45-a".into();
    let e = store.insert_establishment(e).expect("insert");
    let mut p = Project::new("38", 2026);
    p.name = "Hỗ trợ máy đóng chai".into();
    p.content_code = "ND235-2".into();
    p.commune_codes = vec!["16093".into()];
    p.beneficiaries = vec![Beneficiary {
        establishment_id: e.id,
        cost: 0,
        support: 0,
        counterpart: 0,
    }];
    let p = store.insert_project(p).expect("insert project");
    // The beneficiary's record is damaged (as by another program): the rules cannot read it.
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.execute(
        "UPDATE establishment SET recognitions = '{hỏng' WHERE id = ?1",
        [e.id.to_string()],
    )
    .expect("damage");
    drop(raw);
    let audit_before = store.audit_count("project").expect("audit");

    let mut h = common::app_harness(common::new_app(store).expect("app"));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().project_form().is_some(), "the form opened");
    assert!(
        h.query_by_label_contains("Chưa kiểm tra được đề án theo quy tắc")
            .is_some(),
        "the form says the rules could not run"
    );
    h.get_by_label("Lưu (Ctrl+S)").click();
    h.run();
    assert!(
        h.query_by_label_contains("Chưa lưu: chưa kiểm tra được đề án theo quy tắc")
            .is_some(),
        "saving is refused with the reason"
    );
    assert!(
        h.query_by_label("Lưu đề án có cảnh báo").is_none(),
        "no reason dialog as if there were only warnings"
    );
    let store = h.state().service().store();
    assert_eq!(store.audit_count("project").expect("audit"), audit_before);
    assert_eq!(store.project(p.id).expect("read").expect("there"), p);
}

/// The window and what its frames showed.
struct Watched {
    window: khuyencong::ui::app::AppWindow,
    frames_opening: usize,
    frames: usize,
}

#[test]
fn the_window_shows_the_opening_state_first_and_is_usable_when_the_job_ends() {
    let (_dir, path) = common::temp_db();
    let mut store = common::store_for_thanh_hoa(&path);
    let mut e = Establishment::new_in_province("38");
    e.name = "Hợp tác xã cói Nga Thắng".into();
    e.legal_form = Some(LegalForm::HopTacXa);
    e.commune_code = "16114".into();
    store.insert_establishment(e).expect("insert");
    drop(store);

    let window = khuyencong::ui::app::AppWindow::opening(
        path.clone(),
        khuyencong::service::Session::for_logged_in_user(common::today()),
    );
    let watched = Watched {
        window,
        frames_opening: 0,
        frames: 0,
    };
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 1000.0))
        .with_context_setup(khuyencong::ui::fonts::install_fonts)
        .build_ui_state(
            |ui, w: &mut Watched| {
                w.window.show(ui);
                w.frames += 1;
                if w.window.app().is_none() && w.window.failure().is_none() {
                    w.frames_opening += 1;
                }
            },
            watched,
        );
    let started = std::time::Instant::now();
    while h.state().window.app().is_none() && h.state().window.failure().is_none() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the database opens"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert_eq!(h.state().window.failure(), None);
    assert!(
        h.state().frames_opening >= 1,
        "the first frame shows the opening state, before the file is read"
    );
    // A backup was taken on the way, before anything was written.
    let backups = khuyencong::store::backup::list_backups(&path).expect("backups");
    assert_eq!(backups.len(), 1);

    // Usable: the registry lists the establishment. (Tổng quan computes its figures in the
    // background meanwhile, so frames are stepped, not run until quiet.)
    for _ in 0..20 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.step();
    h.step();
    assert_eq!(
        h.state().window.app().map(|a| a.screen()),
        Some(Screen::Registry)
    );
    assert!(h.query_by_label("Hợp tác xã cói Nga Thắng").is_some());
}
