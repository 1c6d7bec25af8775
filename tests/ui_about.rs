//! Giới thiệu: opened from the navigation bar, it names this build and where the data and the
//! backups are; its licence list is the one of the crates in Cargo.lock.

mod common;

use egui_kittest::kittest::Queryable;
use khuyencong::ui::about_window::{BUILD_DATE, VERSION, libraries};

#[test]
fn the_about_window_names_the_version_and_where_the_data_and_backups_are() {
    let (dir, path) = common::temp_db();
    let store = common::store_for_thanh_hoa(&path);
    let mut h = common::app_harness(common::new_app(store).expect("app"));
    h.run();
    assert!(!h.state().about_is_open());

    h.get_by_label("Giới thiệu").click();
    h.run();
    assert!(h.state().about_is_open());
    h.get_by_label(&format!("Phiên bản {VERSION}, dựng ngày {BUILD_DATE}."));
    h.get_by_label(&path.display().to_string());
    h.get_by_label(&dir.path().join("backups").display().to_string());
    // Some licence rows: the list is long, the first rows are in view.
    let first = &libraries()[0];
    h.get_by_label(&format!("{} {}", first.name, first.version));
}

#[test]
fn the_build_date_is_a_day_of_the_calendar() {
    let date = chrono::NaiveDate::parse_from_str(BUILD_DATE, "%d/%m/%Y");
    assert!(date.is_ok(), "{BUILD_DATE}");
}

/// Every crate the list names is in Cargo.lock at that version, and every crate the app
/// depends on directly is listed: a dependency updated or added without running
/// `scripts/licences.py list > assets/licences.tsv` fails here.
#[test]
fn the_licence_list_matches_cargo_lock() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
        .expect("Cargo.lock");
    let mut locked = std::collections::HashSet::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_owned());
        } else if let (Some(v), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            locked.insert((n, v.trim_matches('"').to_owned()));
        }
    }
    let listed = libraries();
    assert!(listed.len() > 100, "{} crates listed", listed.len());
    for lib in &listed {
        assert!(
            locked.contains(&(lib.name.to_owned(), lib.version.to_owned())),
            "{} {} is listed but not in Cargo.lock: run scripts/licences.py list > assets/licences.tsv",
            lib.name,
            lib.version
        );
        assert!(!lib.licence.is_empty(), "{} has no licence", lib.name);
    }
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .expect("Cargo.toml");
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("a [dependencies] table");
    for line in dependencies.lines() {
        let Some((dep, _)) = line.split_once(" = ") else {
            continue;
        };
        if line.starts_with('#') {
            continue;
        }
        assert!(
            listed.iter().any(|l| l.name == dep.trim()),
            "{dep} is a dependency but not in assets/licences.tsv: run scripts/licences.py list"
        );
    }
}
