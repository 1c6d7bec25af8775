//! Background jobs: long work (backup, restore, import, report, package) on its own thread, so
//! the window never freezes, with progress the window can show and a cancel button it can press.
//!
//! The work is a closure given a [`JobContext`]: it reports how far it is with
//! [`JobContext::report`] and stops early when [`JobContext::is_cancelled`] says so (or
//! [`JobContext::check_cancel`] returns [`Cancelled`]). What it returns is taken once from the
//! [`Job`] handle: [`Job::try_take`] each frame in the window, [`Job::wait`] in the CLI and tests.
//! A panic in the work is not lost: it comes back as [`JobFailed::Panicked`].
//!
//! The [`Waker`] tells the window to repaint: at most about 30 times a second while numbers
//! move, at once when the stage changes, and always when the job ends. A report swallowed by the
//! throttle is seen at the next one that passes, or at the end; a window that wants the numbers
//! exact through a long silent step can also repaint on a timer while a job runs.
//!
//! This module knows nothing of egui: the window passes `ctx.request_repaint()` as the waker.

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The shortest time between two progress wakeups with the same stage (about 30 a second).
pub const WAKE_INTERVAL: Duration = Duration::from_millis(33);

/// How far a job is, as last reported by its work.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Units of work done (pages, rows, records…).
    pub done: u64,
    /// Units of work in all; 0 while unknown.
    pub total: u64,
    /// What the job is doing, in Vietnamese, e.g. "Đang sao lưu…"; empty before the first report.
    pub stage: String,
}

impl Progress {
    /// The share done, from 0.0 to 1.0; `None` while the total is unknown (show a spinner).
    pub fn fraction(&self) -> Option<f32> {
        (self.total > 0).then(|| (self.done.min(self.total) as f64 / self.total as f64) as f32)
    }
}

/// The answer of [`JobContext::check_cancel`] once the user has cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Đã hủy.")]
pub struct Cancelled;

/// Why a job gave no value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JobFailed {
    /// The work panicked; the panic's message, as far as it is text.
    #[error("Công việc nền bị dừng đột ngột: {0}")]
    Panicked(String),
    /// The system refused to start a thread.
    #[error("Không khởi động được công việc nền: {0}")]
    NotStarted(String),
    /// [`Job::wait`] after [`Job::try_take`] had already handed the result out.
    #[error("Kết quả của công việc nền đã được lấy trước đó.")]
    AlreadyTaken,
}

/// What a job ends with: the work's value, or why there is none.
pub type JobResult<T> = Result<T, JobFailed>;

/// Called whenever there is something new to show: the window passes `ctx.request_repaint()`,
/// tests a counter or [`Waker::noop`]. It runs on the job's thread, so it must be quick.
#[derive(Clone)]
pub struct Waker(Arc<dyn Fn() + Send + Sync>);

impl Waker {
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> Waker {
        Waker(Arc::new(wake))
    }

    /// A waker that does nothing: for the CLI, where nobody repaints.
    pub fn noop() -> Waker {
        Waker::new(|| {})
    }

    fn wake(&self) {
        (self.0)()
    }
}

impl fmt::Debug for Waker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Waker")
    }
}

/// The latest progress and when the waker was last called for it.
struct ProgressState {
    progress: Progress,
    last_wake: Option<Instant>,
}

/// What the work sees and the handle steers: progress, the cancel request, the waker.
struct Signals {
    progress: Mutex<ProgressState>,
    cancelled: AtomicBool,
    waker: Waker,
}

/// The work's outcome, from when it ends until it is taken.
struct Outcome<T> {
    slot: Mutex<Option<JobResult<T>>>,
    finished: AtomicBool,
}

/// A poisoned lock only means some thread panicked while holding it; the data (progress
/// numbers, an outcome slot) is still whole, so carry on with it.
fn lock<V>(m: &Mutex<V>) -> MutexGuard<'_, V> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the work closure gets: a way to report progress and to see a cancel request.
pub struct JobContext {
    signals: Arc<Signals>,
}

impl JobContext {
    /// Records how far the work is. Cheap enough to call for every row: the waker is called at
    /// most every [`WAKE_INTERVAL`], except that a new `stage` wakes at once (so keep the
    /// stage for phases, and the counts in `done`/`total`).
    pub fn report(&self, done: u64, total: u64, stage: &str) {
        let wake = {
            let mut state = lock(&self.signals.progress);
            let p = &mut state.progress;
            p.done = done;
            p.total = total;
            let stage_changed = p.stage != stage;
            if stage_changed {
                p.stage = stage.to_owned();
            }
            let now = Instant::now();
            let due = stage_changed
                || state
                    .last_wake
                    .is_none_or(|last| now.duration_since(last) >= WAKE_INTERVAL);
            if due {
                state.last_wake = Some(now);
            }
            due
        };
        // Outside the lock: the waker may well read the progress.
        if wake {
            self.signals.waker.wake();
        }
    }

    /// Whether the user asked the job to stop.
    pub fn is_cancelled(&self) -> bool {
        self.signals.cancelled.load(Ordering::Relaxed)
    }

    /// `Err(Cancelled)` once the user asked the job to stop, for `?` in the work.
    pub fn check_cancel(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

/// A running (or finished) background job that ends with a `T`.
///
/// Dropping the handle before the job ends asks the work to stop (nobody could see its result)
/// and lets the thread finish on its own; it does not wait for it.
pub struct Job<T> {
    name: String,
    signals: Arc<Signals>,
    outcome: Arc<Outcome<T>>,
    thread: Option<JoinHandle<()>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread called `name`. If the system cannot start a thread the job
    /// is finished at once with [`JobFailed::NotStarted`].
    pub fn spawn(
        name: &str,
        waker: Waker,
        work: impl FnOnce(&JobContext) -> T + Send + 'static,
    ) -> Job<T> {
        let signals = Arc::new(Signals {
            progress: Mutex::new(ProgressState {
                progress: Progress::default(),
                last_wake: None,
            }),
            cancelled: AtomicBool::new(false),
            waker,
        });
        let outcome = Arc::new(Outcome {
            slot: Mutex::new(None),
            finished: AtomicBool::new(false),
        });
        let context = JobContext {
            signals: Arc::clone(&signals),
        };
        let on_thread = Arc::clone(&outcome);
        let spawned = std::thread::Builder::new()
            // A NUL would make the thread's name, and so the spawn, fail.
            .name(name.replace('\0', ""))
            .spawn(move || {
                let result = catch_unwind(AssertUnwindSafe(|| work(&context)))
                    .map_err(|payload| JobFailed::Panicked(panic_message(payload.as_ref())));
                on_thread.store(result);
                context.signals.waker.wake();
            });
        let thread = match spawned {
            Ok(handle) => Some(handle),
            Err(e) => {
                outcome.store(Err(JobFailed::NotStarted(e.to_string())));
                None
            }
        };
        Job {
            name: name.to_owned(),
            signals,
            outcome,
            thread,
        }
    }
}

impl<T> Outcome<T> {
    /// Stores the result before anyone is woken: a window woken at the end finds it there.
    fn store(&self, result: JobResult<T>) {
        *lock(&self.slot) = Some(result);
        self.finished.store(true, Ordering::Release);
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "không rõ nguyên nhân".to_owned()
    }
}

impl<T> Job<T> {
    /// The name it was started with (also its thread's name).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The latest progress the work reported.
    pub fn progress(&self) -> Progress {
        lock(&self.signals.progress).progress.clone()
    }

    /// Asks the work to stop. It stops when it next checks, and still ends with a value
    /// (typically its own "cancelled" error), to be taken as usual.
    pub fn cancel(&self) {
        self.signals.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`Job::cancel`] was called (the window can say "Đang hủy…" until the job ends).
    pub fn is_cancel_requested(&self) -> bool {
        self.signals.cancelled.load(Ordering::Relaxed)
    }

    /// Whether the work has ended (its outcome may already have been taken).
    pub fn is_finished(&self) -> bool {
        self.outcome.finished.load(Ordering::Acquire)
    }

    /// The outcome, without waiting: `None` while the job runs, `Some` exactly once when it has
    /// ended, `None` again after that.
    pub fn try_take(&mut self) -> Option<JobResult<T>> {
        if !self.is_finished() {
            return None;
        }
        lock(&self.outcome.slot).take()
    }

    /// Blocks until the job ends and returns its outcome (for the CLI and tests);
    /// [`JobFailed::AlreadyTaken`] if [`Job::try_take`] had handed it out already.
    pub fn wait(mut self) -> JobResult<T> {
        if let Some(thread) = self.thread.take() {
            // The work's panics are caught on the thread, and the outcome is stored before the
            // waker runs, so whatever `join` says, the slot has the answer.
            let _ = thread.join();
        }
        lock(&self.outcome.slot)
            .take()
            .unwrap_or(Err(JobFailed::AlreadyTaken))
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        if !self.is_finished() {
            self.cancel();
        }
    }
}

impl<T> fmt::Debug for Job<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Job")
            .field("name", &self.name)
            .field("progress", &self.progress())
            .field("finished", &self.is_finished())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;
    use std::sync::mpsc;

    use super::*;

    fn counting_waker() -> (Waker, Arc<AtomicUsize>) {
        let count = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&count);
        let waker = Waker::new(move || {
            seen.fetch_add(1, Ordering::SeqCst);
        });
        (waker, count)
    }

    #[test]
    fn progress_reported_by_the_work_is_seen_by_the_handle() {
        let (reported_tx, reported_rx) = mpsc::channel();
        let (go_on_tx, go_on_rx) = mpsc::channel::<()>();
        let job = Job::spawn("thu-tien-do", Waker::noop(), move |ctx| {
            ctx.report(3, 10, "Đang sao lưu…");
            reported_tx.send(()).expect("send");
            go_on_rx.recv().expect("recv");
        });
        reported_rx.recv().expect("reported");
        assert_eq!(
            job.progress(),
            Progress {
                done: 3,
                total: 10,
                stage: "Đang sao lưu…".into()
            }
        );
        assert_eq!(job.progress().fraction(), Some(0.3));
        assert!(!job.is_finished());
        go_on_tx.send(()).expect("send");
        job.wait().expect("ends");
    }

    #[test]
    fn an_unknown_total_has_no_fraction() {
        assert_eq!(Progress::default().fraction(), None);
        let over = Progress {
            done: 12,
            total: 10,
            stage: String::new(),
        };
        assert_eq!(over.fraction(), Some(1.0));
    }

    #[test]
    fn cancel_stops_a_loop_that_checks_it() {
        let job = Job::spawn("thu-huy", Waker::noop(), |ctx| -> Result<u64, Cancelled> {
            let mut rounds = 0;
            loop {
                ctx.check_cancel()?;
                rounds += 1;
                ctx.report(rounds, 0, "Đang chạy…");
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        while job.progress().done == 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
        job.cancel();
        assert!(job.is_cancel_requested());
        let outcome = job.wait().expect("no panic");
        assert_eq!(outcome, Err(Cancelled));
        assert_eq!(Cancelled.to_string(), "Đã hủy.");
    }

    #[test]
    fn the_result_is_taken_once() {
        let (waker, wakes) = counting_waker();
        let mut job = Job::spawn("thu-ket-qua", waker, |_| 42);
        let mut outcome = None;
        while outcome.is_none() {
            outcome = job.try_take();
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(outcome, Some(Ok(42)));
        assert!(job.is_finished());
        assert_eq!(job.try_take(), None, "only once");
        assert_eq!(job.wait(), Err(JobFailed::AlreadyTaken));
        assert_eq!(wakes.load(Ordering::SeqCst), 1, "woken at completion");
    }

    #[test]
    fn a_panic_in_the_work_comes_back_as_a_value() {
        let job = Job::spawn("thu-loi", Waker::noop(), |_| -> u8 {
            panic!("hỏng ở dòng {}", 7)
        });
        let err = job.wait().expect_err("panicked");
        assert_eq!(err, JobFailed::Panicked("hỏng ở dòng 7".into()));
        assert_eq!(
            err.to_string(),
            "Công việc nền bị dừng đột ngột: hỏng ở dòng 7"
        );
    }

    #[test]
    fn the_waker_is_called_at_completion_after_the_result_is_there() {
        let (found_tx, found_rx) = mpsc::channel();
        let outcome_slot: Arc<Mutex<Option<Arc<Outcome<&str>>>>> = Arc::new(Mutex::new(None));
        let slot_for_waker = Arc::clone(&outcome_slot);
        let waker = Waker::new(move || {
            if let Some(outcome) = lock(&slot_for_waker).as_ref() {
                let _ = found_tx.send(outcome.finished.load(Ordering::Acquire));
            }
        });
        let (start_tx, start_rx) = mpsc::channel::<()>();
        let job = Job::spawn("thu-danh-thuc", waker, move |_| {
            start_rx.recv().expect("recv");
            "xong"
        });
        *lock(&outcome_slot) = Some(Arc::clone(&job.outcome));
        start_tx.send(()).expect("send");
        assert!(found_rx.recv().expect("woken"), "finished when woken");
        assert_eq!(job.wait(), Ok("xong"));
    }

    #[test]
    fn progress_wakeups_are_throttled_but_stage_changes_are_not() {
        let (waker, wakes) = counting_waker();
        let started = Instant::now();
        let job = Job::spawn("thu-nhip", waker, |ctx| {
            for i in 0..200_000 {
                ctx.report(i, 200_000, "Đang nhập…");
            }
            ctx.report(0, 1, "Đang kiểm tra…");
        });
        job.wait().expect("ends");
        let elapsed = started.elapsed();
        let allowed = (elapsed.as_millis() / WAKE_INTERVAL.as_millis()) as usize + 1;
        let count = wakes.load(Ordering::SeqCst);
        // The first report, at most one per interval after it, the new stage, the end.
        assert!(count >= 3, "{count}");
        assert!(count <= allowed + 2, "{count} wakeups in {elapsed:?}");
    }

    #[test]
    fn dropping_a_running_job_cancels_it() {
        let (ended_tx, ended_rx) = mpsc::channel();
        let job = Job::spawn("thu-bo", Waker::noop(), move |ctx| {
            while !ctx.is_cancelled() {
                std::thread::sleep(Duration::from_millis(1));
            }
            let _ = ended_tx.send("đã dừng");
        });
        drop(job);
        assert_eq!(
            ended_rx.recv_timeout(Duration::from_secs(10)),
            Ok("đã dừng")
        );
    }
}
