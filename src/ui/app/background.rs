//! Long work off the UI thread: a [`Task`] runs a closure on a worker thread (service::jobs),
//! wakes the window when it moves or ends, and is polled once a frame. Tests that build the app
//! with `KhuyenCongApp::new` run tasks to the end at once (the frame that starts one sees it
//! done), so they stay deterministic; the window runs them in the background.

use egui::Ui;

use crate::service::jobs::{Job, JobContext, JobResult, Progress, Waker};

/// How tasks run: in the background (the window) or to the end at once (tests).
#[derive(Clone)]
pub struct Runner {
    background: bool,
    egui: egui::Context,
}

impl Runner {
    pub fn new(background: bool, egui: egui::Context) -> Runner {
        Runner { background, egui }
    }

    /// Starts `work` as the task called `name`.
    pub fn spawn<T: Send + 'static>(
        &self,
        name: &str,
        work: impl FnOnce(&JobContext) -> T + Send + 'static,
    ) -> Task<T> {
        let egui = self.egui.clone();
        let job = Job::spawn(name, Waker::new(move || egui.request_repaint()), work);
        if self.background {
            Task {
                job: Some(job),
                ready: None,
            }
        } else {
            Task {
                job: None,
                ready: Some(job.wait()),
            }
        }
    }
}

/// A piece of work under way.
pub struct Task<T> {
    job: Option<Job<T>>,
    ready: Option<JobResult<T>>,
}

impl<T> Task<T> {
    /// Its outcome once, when it has ended; None while it runs.
    pub fn poll(&mut self) -> Option<JobResult<T>> {
        if let Some(ready) = self.ready.take() {
            return Some(ready);
        }
        self.job.as_mut()?.try_take()
    }

    /// How far it is.
    pub fn progress(&self) -> Progress {
        self.job.as_ref().map(Job::progress).unwrap_or_default()
    }

    /// Asks it to stop; it still ends, with its own "cancelled" outcome.
    pub fn cancel(&self) {
        if let Some(job) = &self.job {
            job.cancel();
        }
    }

    /// Whether cancelling was asked.
    pub fn is_cancel_requested(&self) -> bool {
        self.job.as_ref().is_some_and(Job::is_cancel_requested)
    }
}

/// Draws a task's stage and bar; with `cancel`, a "Hủy" button. Returns true when the user
/// pressed it.
pub fn progress_ui(ui: &mut Ui, progress: &Progress, waiting: &str, cancel: bool) -> bool {
    let mut pressed = false;
    ui.horizontal(|ui| {
        ui.spinner();
        let stage = if progress.stage.is_empty() {
            waiting
        } else {
            progress.stage.as_str()
        };
        ui.label(stage);
        if let Some(f) = progress.fraction() {
            ui.add(
                egui::ProgressBar::new(f)
                    .desired_width(240.0)
                    .show_percentage(),
            );
        }
        if cancel && ui.button("Hủy").clicked() {
            pressed = true;
        }
    });
    pressed
}

/// A task's outcome as the screen shows it: the value, or why there is none (a failure of the
/// work, or of the job itself), in Vietnamese.
/// The technical detail of a failure goes to the support log at this one place.
pub fn outcome<T, E: std::error::Error + 'static>(
    result: JobResult<Result<T, E>>,
) -> Result<T, String> {
    match result {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => {
            crate::support_log::record("Công việc nền", &e);
            Err(e.to_string())
        }
        Err(failed) => {
            crate::support_log::record_text("Công việc nền dừng bất thường", &failed.to_string());
            Err(failed.to_string())
        }
    }
}
