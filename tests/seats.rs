//! One seat per file: a second window on a file opens read-only and names who holds it; a
//! lock left by a process that died is taken over; background jobs and read-only commands
//! take no seat.

mod common;

use khuyencong::service::{Service, Session};
use khuyencong::store::seat_lock::{computer_name, lock_path, note_path, user_name};

fn session() -> Session {
    Session::for_logged_in_user(common::today())
}

#[test]
fn a_second_window_is_read_only_and_names_the_first() {
    let (_dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    let first = Service::open_at_startup(&path, session()).expect("first window");
    assert!(first.read_only_reason().is_none());

    let mut second = Service::open_at_startup(&path, session()).expect("second window");
    let why = second.read_only_reason().expect("read-only").to_owned();
    assert!(why.contains(&user_name()), "{why}");
    assert!(why.contains(&computer_name()), "{why}");
    assert!(why.contains("bạn chỉ xem được"), "{why}");
    assert!(why.contains(&path.display().to_string()), "{why}");
    let mut unit = second.session().unit.clone().expect("unit");
    unit.unit_name.push_str(" (máy thứ hai)");
    let err = second.save_unit(&unit).expect_err("the second cannot save");
    assert!(err.to_string().contains("đang được mở bởi"), "{err}");

    // The first window's background jobs open their own connection without a seat.
    let job = first.worker().open().expect("a job of the first window");
    assert!(job.read_only_reason().is_none());
    // And the second window's jobs stay read-only like it.
    let second_job = second.worker().open().expect("a job of the second window");
    assert!(second_job.read_only_reason().is_some());
    drop((job, second_job, second));

    drop(first);
    assert!(!note_path(&path).exists(), "the note goes with the seat");
    let third = Service::open_at_startup(&path, session()).expect("after the first closed");
    assert!(third.read_only_reason().is_none());
}

#[test]
fn a_lock_left_by_a_process_that_died_is_taken_over() {
    let (_dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    // What a killed window leaves: both files, nobody holding the lock.
    std::fs::write(lock_path(&path), b"").expect("lock file");
    std::fs::write(
        note_path(&path),
        "user=nguoi-cu\ncomputer=MAY-CU\nprocess=1\nsince=08:00 ngày 01/01/2026\n",
    )
    .expect("note");
    let service = Service::open_at_startup(&path, session()).expect("opens");
    assert!(service.read_only_reason().is_none());
    let note = std::fs::read_to_string(note_path(&path)).expect("note");
    assert!(
        note.contains(&format!("process={}", std::process::id())),
        "{note}"
    );
}

#[test]
fn two_first_starts_at_once_show_no_raw_sql() {
    let (_dir, path) = common::temp_db();
    let results: Vec<_> = std::thread::scope(|s| {
        let a = s.spawn(|| Service::open_at_startup(&path, session()));
        let b = s.spawn(|| Service::open_at_startup(&path, session()));
        vec![a.join().expect("a"), b.join().expect("b")]
    });
    let opened = results.iter().filter(|r| r.is_ok()).count();
    assert!(opened >= 1, "one of them opens the new file");
    for r in &results {
        let text = match r {
            Ok(s) => s.read_only_reason().unwrap_or("").to_owned(),
            Err(e) => e.to_string(),
        };
        for sql in ["CREATE", "TABLE", "ALTER", "database", "locked"] {
            assert!(!text.contains(sql), "{text}");
        }
    }
}

#[test]
fn read_only_commands_take_no_seat() {
    let (_dir, path) = common::temp_db();
    drop(common::store_for_thanh_hoa(&path));
    let holder = Service::open_at_startup(&path, session()).expect("window");
    let reader = Service::open_for_reading(&path, session()).expect("check while open");
    assert!(reader.read_only_reason().is_some());
    drop(reader);
    drop(holder);
    assert!(!note_path(&path).exists());
}
