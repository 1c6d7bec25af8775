//! The table of screens (it drives the navigation bar, the Ctrl+digit shortcuts and the tests),
//! and what every screen is drawn with.

use std::sync::Arc;

use super::background::Runner;
use crate::service::Service;
use crate::service::reference::Reference;
use crate::ui::file_picker::FilePicker;

/// The screens of the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Overview,
    Registry,
    Projects,
    Budget,
    Reports,
    Settings,
}

/// One entry of the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenEntry {
    pub screen: Screen,
    /// What the navigation bar says.
    pub title: &'static str,
    /// With Ctrl (⌘ on a Mac), goes to the screen.
    pub key: egui::Key,
    /// The shortcut as the hover text says it.
    pub shortcut: &'static str,
}

/// Every screen, in the order of the navigation bar.
pub const SCREENS: [ScreenEntry; 6] = [
    ScreenEntry {
        screen: Screen::Overview,
        title: "Tổng quan",
        key: egui::Key::Num0,
        shortcut: "Ctrl+0",
    },
    ScreenEntry {
        screen: Screen::Registry,
        title: "Cơ sở CNNT",
        key: egui::Key::Num1,
        shortcut: "Ctrl+1",
    },
    ScreenEntry {
        screen: Screen::Projects,
        title: "Đề án",
        key: egui::Key::Num2,
        shortcut: "Ctrl+2",
    },
    ScreenEntry {
        screen: Screen::Budget,
        title: "Kế hoạch & cân đối",
        key: egui::Key::Num3,
        shortcut: "Ctrl+3",
    },
    ScreenEntry {
        screen: Screen::Reports,
        title: "Báo cáo",
        key: egui::Key::Num4,
        shortcut: "Ctrl+4",
    },
    ScreenEntry {
        screen: Screen::Settings,
        title: "Cài đặt",
        key: egui::Key::Num5,
        shortcut: "Ctrl+5",
    },
];

impl Screen {
    /// The screen's entry in [`SCREENS`].
    pub fn entry(self) -> &'static ScreenEntry {
        SCREENS
            .iter()
            .find(|e| e.screen == self)
            .unwrap_or(&SCREENS[0])
    }
}

/// A line in the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// The status bar's line, which every screen may set.
#[derive(Debug, Default)]
pub struct StatusLine(pub Option<Status>);

impl StatusLine {
    /// Says `text` (in red when `is_error`).
    pub fn say(&mut self, text: impl Into<String>, is_error: bool) {
        self.0 = Some(Status {
            text: text.into(),
            is_error,
        });
    }

    /// Says the outcome of something done: `done` on success, the error in red otherwise.
    pub fn outcome<E: std::error::Error + 'static>(&mut self, result: Result<String, E>) {
        match result {
            Ok(done) => self.say(done, false),
            Err(e) => self.failed("Thao tác trên màn hình", &e),
        }
    }

    /// Says `error` in red, once, as the user reads it; its technical chain (SQLite's or the
    /// system's English) goes to the support log under `context`.
    pub fn failed(&mut self, context: &str, error: &(dyn std::error::Error + 'static)) {
        crate::support_log::record(context, error);
        self.say(error.to_string(), true);
    }
}

/// What a screen draws with: the service (the one door to the data), the reference snapshot,
/// the status line and the file picker.
pub struct ScreenContext<'a> {
    pub service: &'a mut Service,
    pub reference: Arc<Reference>,
    pub status: &'a mut StatusLine,
    pub file_picker: &'a mut dyn FilePicker,
    /// Starts long work off the UI thread.
    pub jobs: &'a Runner,
    /// A dialog (the unsaved-changes guard, the first start) is over the screen: it stays
    /// visible but inert and leaves the keys to the dialog.
    pub modal_open: bool,
}

/// Where a screen asks the shell to take the user (always through the unsaved-changes guard).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    /// Open a project in the form on the Đề án screen.
    OpenProject(uuid::Uuid),
    /// Open a new proposal for the plan of this year on the Đề án screen.
    NewProject(i32),
}
