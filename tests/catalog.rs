//! The khuyến công catalogue as data: shipped defaults, and the province's own rows added in
//! Cài đặt, which then govern its KCĐP projects (never KCQG ones).

mod common;

use egui_kittest::kittest::Queryable;
use khuyencong::domain::funding_source::FundingSource;
use khuyencong::domain::support_ceiling::SupportCeiling;
use khuyencong::store::{OpenMode, Store};

fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[test]
fn shipped_catalogue_is_loaded_with_its_dates_and_sources() {
    let (_dir, path) = common::temp_db();
    let store = Store::open(&path, OpenMode::CreateIfMissing).expect("open");
    let contents = store.activity_contents().expect("contents");
    assert_eq!(
        contents
            .iter()
            .filter(|c| c.list_name == "NĐ 45/2012 Điều 4")
            .count(),
        9
    );
    assert_eq!(
        contents
            .iter()
            .filter(|c| c.list_name == "QĐ 1881/QĐ-TTg")
            .count(),
        7
    );
    assert!(
        contents
            .iter()
            .filter(|c| c.list_name == "NĐ 235/2025")
            .all(|c| c.wording_unconfirmed)
    );
    let nd45 = contents
        .iter()
        .find(|c| c.code == "ND45-3")
        .expect("ND45-3");
    assert_eq!(nd45.valid_to, Some(date(2025, 10, 14)));
    let programmes = store.programmes().expect("programmes");
    assert_eq!(programmes.len(), 2);
    assert!(
        programmes
            .iter()
            .any(|p| p.decision.starts_with("QĐ 2646/QĐ-BCT"))
    );
    let ceilings = store.support_ceilings().expect("ceilings");
    let machine = SupportCeiling::applicable(
        &ceilings,
        "may_moc_thiet_bi",
        "38",
        FundingSource::Kcdp,
        date(2026, 3, 1),
    )
    .expect("national row");
    assert_eq!(
        (machine.percent_bp, machine.cap),
        (Some(5000), Some(300_000_000))
    );
    assert_eq!(machine.source_document, "TT 28/2018/TT-BTC Điều 8 khoản 4");
    assert_eq!(store.indicators().expect("indicators").len(), 10);
}

#[test]
fn a_province_row_added_in_settings_governs_local_projects_from_its_date() {
    let (_dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    h.get_by_label("Cài đặt").click();
    h.run();
    h.get_by_label("Mức hỗ trợ (trần kinh phí)").click();
    h.run();
    h.get_by_label("Hạng mục hỗ trợ").click();
    h.run();
    // The name also appears in the table above; the drop-down's entry comes last.
    h.get_all_by_label("Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ")
        .last()
        .expect("entry in the drop-down")
        .click();
    h.run();
    for (label, text) in [
        ("Tỷ lệ tối đa (% chi phí, 0 = không)", "50"),
        ("Mức tối đa (đồng, 0 = không)", "250000000"),
        ("Hiệu lực từ ngày", "01/01/2026"),
        (
            "Căn cứ (số, ngày Nghị quyết)",
            "NQ 15/2025/NQ-HĐND ngày 10/12/2025",
        ),
    ] {
        h.get_by_label(label).click();
        h.run();
        h.get_by_label(label).type_text(text);
        h.run();
    }
    h.get_by_label("cơ sở").click();
    h.run();
    h.get_by_label("Thêm mức hỗ trợ").click();
    h.run();
    assert!(
        h.state()
            .status()
            .is_some_and(|s| s.text.starts_with("Đã thêm mức hỗ trợ")),
        "{:?}",
        h.state().status()
    );

    let store = Store::open(&path, OpenMode::MustExist).expect("reopen");
    let ceilings = store.support_ceilings().expect("ceilings");
    let local = SupportCeiling::applicable(
        &ceilings,
        "may_moc_thiet_bi",
        "38",
        FundingSource::Kcdp,
        date(2026, 3, 1),
    )
    .expect("province row");
    assert_eq!(local.cap, Some(250_000_000));
    assert_eq!(local.province_code.as_deref(), Some("38"));
    let before = SupportCeiling::applicable(
        &ceilings,
        "may_moc_thiet_bi",
        "38",
        FundingSource::Kcdp,
        date(2025, 12, 31),
    )
    .expect("national row before the NQ");
    assert_eq!(before.cap, Some(300_000_000));
    let national = SupportCeiling::applicable(
        &ceilings,
        "may_moc_thiet_bi",
        "38",
        FundingSource::Kcqg,
        date(2026, 3, 1),
    )
    .expect("national row for KCQG");
    assert_eq!(
        national.cap,
        Some(300_000_000),
        "a province's NQ does not bind national money"
    );
    let audit = store.audit_count("support_ceiling").expect("audit");
    assert_eq!(audit, 2, "the shipped load and the added row");
}

#[test]
fn a_local_programme_and_a_corrected_content_are_kept() {
    let (_dir, path) = common::temp_db();
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).expect("open");
    store
        .save_programme(&khuyencong::domain::programme::Programme {
            code: "KCDP-38-2026-2030".into(),
            name: "Chương trình khuyến công tỉnh Thanh Hóa giai đoạn 2026–2030".into(),
            decision: "QĐ 123/QĐ-UBND ngày 05/01/2026".into(),
            province_code: Some("38".into()),
            valid_from: date(2026, 1, 1),
            valid_to: Some(date(2030, 12, 31)),
        })
        .expect("programme");
    let mut content = store
        .activity_contents()
        .expect("contents")
        .into_iter()
        .find(|c| c.code == "ND235-4")
        .expect("ND235-4");
    content.name = "Hỗ trợ nghệ nhân nhân dân, nghệ nhân ưu tú bảo tồn, phát triển nghề".into();
    content.wording_unconfirmed = false;
    store.save_activity_content(&content).expect("save");
    let again = Store::open(&path, OpenMode::MustExist).expect("reopen");
    assert_eq!(again.programmes().expect("programmes").len(), 3);
    let saved = again
        .activity_contents()
        .expect("contents")
        .into_iter()
        .find(|c| c.code == "ND235-4")
        .expect("content");
    assert_eq!(saved, content);
    let trail = again
        .audit_trail("activity_content", "ND235-4")
        .expect("audit");
    assert_eq!(trail.len(), 1);
    assert_eq!(
        trail[0].old.as_ref().expect("old")["wording_unconfirmed"],
        true
    );
}

#[test]
fn a_new_settlement_term_added_in_settings_applies_from_its_date_only() {
    use khuyencong::domain::rule_term::{RuleTerm, RuleTermKey, TermValue};
    let (_dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let app = common::new_app(store).expect("app");
    let mut h = common::app_harness(app);
    h.run();
    h.get_by_label("Cài đặt").click();
    h.run();
    h.get_by_label("Tham số quy định (thời hạn quyết toán, một lần hỗ trợ)")
        .click();
    h.run();
    for (label, text) in [
        ("Giá trị mới", "30"),
        ("Áp dụng từ ngày", "01/01/2027"),
        ("Căn cứ (số, ngày văn bản)", "TT 99/2026/TT-BCT"),
    ] {
        h.get_by_label(label).click();
        h.run();
        h.get_by_label(label).type_text(text);
        h.run();
    }
    h.get_by_label("Thêm giá trị quy định").click();
    h.run();
    assert!(
        h.state()
            .status()
            .is_some_and(|s| s.text.starts_with("Đã thêm") && !s.is_error),
        "{:?}",
        h.state().status()
    );
    let terms = h.state().service().store().rule_terms().expect("terms");
    let key = RuleTermKey::SettlementDaysAfterAcceptance;
    let old = RuleTerm::in_force(&terms, key, date(2026, 12, 31)).expect("old term");
    let new = RuleTerm::in_force(&terms, key, date(2027, 1, 1)).expect("new term");
    assert_eq!(old.value, TermValue::Days(15));
    assert_eq!(new.value, TermValue::Days(30));
    assert_eq!(new.source_document, "TT 99/2026/TT-BCT");
    // The rules read the new term from the reference snapshot straight away.
    assert!(
        h.state()
            .service()
            .reference()
            .terms
            .iter()
            .any(|t| t.value == TermValue::Days(30))
    );
}
