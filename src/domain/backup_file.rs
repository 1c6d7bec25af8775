//! A copy of the database in its backups folder, as the Cài đặt screen lists it, and the rule
//! of which copies are kept.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDateTime};

/// Why a copy was taken; it decides how long the copy is kept and is shown beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BackupKind {
    /// Taken when the app opened the file (the name has no label).
    Startup,
    /// "Sao lưu ngay" in Cài đặt ("-thu-cong").
    Manual,
    /// The data in use just before a restore replaced it ("-truoc-khoi-phuc").
    BeforeRestore,
}

impl BackupKind {
    /// Every kind, for reading file names.
    pub const ALL: [BackupKind; 3] = [
        BackupKind::Startup,
        BackupKind::Manual,
        BackupKind::BeforeRestore,
    ];

    /// The part of the file name after the time.
    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Startup => "",
            BackupKind::Manual => "-thu-cong",
            BackupKind::BeforeRestore => "-truoc-khoi-phuc",
        }
    }

    /// The kind as the user reads it.
    pub fn name(self) -> &'static str {
        match self {
            BackupKind::Startup => "Khi mở sổ",
            BackupKind::Manual => "Sao lưu thủ công",
            BackupKind::BeforeRestore => "Trước khi khôi phục",
        }
    }
}

/// One file in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub size_bytes: u64,
    /// Local time the backup was taken, from its name: "dd/mm/yyyy hh:mm:ss".
    pub taken_at: String,
    /// The same time, for the keeping rule.
    pub taken: NaiveDateTime,
    pub kind: BackupKind,
    /// A gzip-compressed copy (".db.gz"); older versions wrote plain ".db" copies.
    pub compressed: bool,
}

/// Start copies always kept, however close together: the last few starts are what a user
/// who just broke something wants back.
pub const KEEP_LAST_STARTS: usize = 3;
/// Days back (today included) in which the newest start copy of each day is kept.
pub const KEEP_DAILY_DAYS: i64 = 7;
/// Weeks back (this week included) in which the newest start copy of each ISO week is kept.
pub const KEEP_WEEKLY_WEEKS: i64 = 5;
/// Manual copies kept: the user asked for each, so they are kept longer than start copies,
/// but not for ever (a province's copy is tens of MB).
pub const KEEP_MANUAL: usize = 10;
/// Copies taken before a restore kept: each holds data a restore replaced.
pub const KEEP_BEFORE_RESTORE: usize = 5;

/// Which of `files` to delete at `now`, by index. Copies are judged by time, not count, so ten
/// starts in one morning cannot push out last week's copy:
/// - start copies: the last [`KEEP_LAST_STARTS`], the newest of each of the last
///   [`KEEP_DAILY_DAYS`] days, the newest of each of the last [`KEEP_WEEKLY_WEEKS`] weeks;
/// - manual copies: the last [`KEEP_MANUAL`]; copies before a restore: the last
///   [`KEEP_BEFORE_RESTORE`].
///
/// A copy dated after `now` (the clock was put back) counts as today's.
pub fn backups_to_delete(files: &[(BackupKind, NaiveDateTime)], now: NaiveDateTime) -> Vec<usize> {
    let mut keep = BTreeSet::new();
    for kind in BackupKind::ALL {
        let mut of_kind: Vec<usize> = (0..files.len()).filter(|&i| files[i].0 == kind).collect();
        // Newest first; the index breaks ties so the rule does not depend on the input order.
        of_kind.sort_by(|&a, &b| files[b].1.cmp(&files[a].1).then(b.cmp(&a)));
        let last = match kind {
            BackupKind::Startup => KEEP_LAST_STARTS,
            BackupKind::Manual => KEEP_MANUAL,
            BackupKind::BeforeRestore => KEEP_BEFORE_RESTORE,
        };
        keep.extend(of_kind.iter().take(last).copied());
        if kind != BackupKind::Startup {
            continue;
        }
        let today = now.date();
        let this_week = today.iso_week();
        let mut days = BTreeSet::new();
        let mut weeks = BTreeSet::new();
        for &i in &of_kind {
            let day = files[i].1.date().min(today);
            let days_back = (today - day).num_days();
            if days_back < KEEP_DAILY_DAYS && days.insert(day) {
                keep.insert(i);
            }
            let week = day.iso_week();
            let weeks_back = weeks_between(this_week, week);
            if weeks_back < KEEP_WEEKLY_WEEKS && weeks.insert((week.year(), week.week())) {
                keep.insert(i);
            }
        }
    }
    (0..files.len()).filter(|i| !keep.contains(i)).collect()
}

/// Whole weeks from `earlier` to `later`, counted by their Mondays.
fn weeks_between(later: chrono::IsoWeek, earlier: chrono::IsoWeek) -> i64 {
    let monday = |w: chrono::IsoWeek| {
        chrono::NaiveDate::from_isoywd_opt(w.year(), w.week(), chrono::Weekday::Mon)
    };
    match (monday(later), monday(earlier)) {
        (Some(a), Some(b)) => (a - b).num_days() / 7,
        // Both come from real dates, so their Mondays exist; a week that cannot be placed is
        // taken as too old rather than kept for ever.
        _ => i64::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .expect("valid time")
    }

    /// Applies the rule the way the store does: after each new copy, the doomed ones go.
    fn run(calendar: &[(BackupKind, NaiveDateTime)]) -> Vec<(BackupKind, NaiveDateTime)> {
        let mut kept: Vec<(BackupKind, NaiveDateTime)> = Vec::new();
        for &(kind, time) in calendar {
            kept.push((kind, time));
            let doomed = backups_to_delete(&kept, time);
            kept = (0..kept.len())
                .filter(|i| !doomed.contains(i))
                .map(|i| kept[i])
                .collect();
        }
        kept.sort_by_key(|k| k.1);
        kept
    }

    #[test]
    fn ten_starts_in_one_morning_keep_last_weeks_copy_and_yesterdays() {
        let mut calendar = vec![
            (BackupKind::Startup, at(2026, 11, 25, 8)),
            (BackupKind::Startup, at(2026, 12, 2, 8)),
        ];
        for h in 0..10 {
            calendar.push((
                BackupKind::Startup,
                at(2026, 12, 3, 7) + Duration::minutes(h * 5),
            ));
        }
        let kept = run(&calendar);
        assert!(kept.contains(&(BackupKind::Startup, at(2026, 11, 25, 8))));
        assert!(kept.contains(&(BackupKind::Startup, at(2026, 12, 2, 8))));
        let today: Vec<_> = kept
            .iter()
            .filter(|k| k.1.date() == at(2026, 12, 3, 0).date())
            .collect();
        assert_eq!(today.len(), KEEP_LAST_STARTS, "{kept:?}");
    }

    #[test]
    fn two_months_of_daily_starts_keep_a_week_of_days_and_five_weeks() {
        let first = at(2026, 10, 1, 8);
        let calendar: Vec<_> = (0..61)
            .flat_map(|d| {
                [8, 13].map(|h| {
                    (
                        BackupKind::Startup,
                        first + Duration::days(d) + Duration::hours(h - 8),
                    )
                })
            })
            .collect();
        let now = calendar.last().expect("calendar").1;
        let kept = run(&calendar);
        let days: BTreeSet<_> = kept.iter().map(|k| k.1.date()).collect();
        // Each of the last 7 days, and one per week further back, within 5 weeks.
        for back in 0..KEEP_DAILY_DAYS {
            assert!(
                days.contains(&(now.date() - Duration::days(back))),
                "{back} days back"
            );
        }
        let weeks: BTreeSet<_> = kept.iter().map(|k| k.1.date().iso_week()).collect();
        assert_eq!(weeks.len(), KEEP_WEEKLY_WEEKS as usize, "{kept:?}");
        let oldest = kept.first().expect("kept").1;
        assert!(
            now - oldest < Duration::weeks(KEEP_WEEKLY_WEEKS),
            "{oldest}"
        );
        // Bounded: 3 last + 7 days + 5 weeks at most, here fewer as they overlap.
        assert!(kept.len() <= KEEP_LAST_STARTS + 7 + 5, "{}", kept.len());
    }

    #[test]
    fn manual_and_before_restore_copies_follow_their_own_count() {
        let first = at(2026, 1, 1, 9);
        let mut calendar = Vec::new();
        for d in 0..30 {
            calendar.push((BackupKind::Manual, first + Duration::days(d * 10)));
            calendar.push((
                BackupKind::BeforeRestore,
                first + Duration::days(d * 10) + Duration::hours(1),
            ));
        }
        let kept = run(&calendar);
        let manual = kept.iter().filter(|k| k.0 == BackupKind::Manual).count();
        let before = kept
            .iter()
            .filter(|k| k.0 == BackupKind::BeforeRestore)
            .count();
        assert_eq!((manual, before), (KEEP_MANUAL, KEEP_BEFORE_RESTORE));
        // Many starts do not push a manual copy out.
        let mut with_starts = calendar.clone();
        let last = calendar.last().expect("calendar").1;
        for m in 0..50 {
            with_starts.push((BackupKind::Startup, last + Duration::minutes(m + 1)));
        }
        let kept = run(&with_starts);
        assert_eq!(
            kept.iter().filter(|k| k.0 == BackupKind::Manual).count(),
            KEEP_MANUAL
        );
    }

    #[test]
    fn a_copy_dated_in_the_future_counts_as_todays() {
        let now = at(2026, 12, 3, 9);
        let files = [
            (BackupKind::Startup, at(2027, 6, 1, 9)),
            (BackupKind::Startup, at(2026, 12, 2, 9)),
        ];
        assert_eq!(backups_to_delete(&files, now), Vec::<usize>::new());
    }

    #[test]
    fn kinds_are_named_in_vietnamese_and_labels_are_distinct() {
        let labels: BTreeSet<_> = BackupKind::ALL.iter().map(|k| k.label()).collect();
        assert_eq!(labels.len(), BackupKind::ALL.len());
        assert_eq!(BackupKind::Startup.name(), "Khi mở sổ");
        assert_eq!(BackupKind::Manual.name(), "Sao lưu thủ công");
        assert_eq!(BackupKind::BeforeRestore.name(), "Trước khi khôi phục");
    }
}
