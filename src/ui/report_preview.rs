//! The official report on screen, page by page, as it will print: a toolbar to turn pages and
//! zoom, and the current page painted from the same laid-out [`Page`]s the PDF is written from.
//! Keyboard, while the pointer is over the preview or it has the focus: PageUp/PageDown turn
//! pages, Home/End go to the first/last page.

mod sheet;
mod zoom;

use egui::{Color32, Key, Modifiers, Rect, Role, ScrollArea, Sense, Ui, WidgetInfo, vec2};

use crate::report::Page;
pub use zoom::Zoom;

/// Grey around the sheet, like a word processor's print preview.
const BACKGROUND: Color32 = Color32::from_gray(200);
/// Grey border between the sheet and the edges of the preview, in points.
const GAP: f32 = 16.0;

/// Which page is shown and how large.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportPreview {
    page: usize,
    zoom: Zoom,
    /// Set when the page changes, so the new page is shown from its top.
    scroll_to_top: bool,
}

impl Default for ReportPreview {
    fn default() -> ReportPreview {
        ReportPreview {
            page: 0,
            zoom: Zoom::FitWidth,
            scroll_to_top: false,
        }
    }
}

/// A page the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    First,
    Previous,
    Next,
    Last,
}

impl ReportPreview {
    /// Index (from 0) of the page shown.
    pub fn current_page(&self) -> usize {
        self.page
    }

    pub fn zoom(&self) -> Zoom {
        self.zoom
    }

    /// Draws the toolbar and the current page of `pages` in the rest of `ui`.
    pub fn ui(&mut self, ui: &mut Ui, pages: &[Page]) {
        let Some(last) = pages.len().checked_sub(1) else {
            ui.label("Không có trang nào để xem.");
            return;
        };
        // The document may have been laid out again, shorter.
        self.page = self.page.min(last);
        let preview = ui.scope(|ui| {
            let sheet_width = ui.available_width() - 2.0 * GAP;
            let toolbar_focused = self.toolbar(ui, pages, sheet_width);
            ui.separator();
            let sheet_focused = self.sheet(ui, &pages[self.page]);
            toolbar_focused || sheet_focused
        });
        let focused = preview.inner;
        let hovered = ui.rect_contains_pointer(preview.response.rect);
        // A text field elsewhere keeps its keys even with the pointer over the preview.
        let typing = !focused && ui.ctx().egui_wants_keyboard_input();
        if (focused || hovered)
            && !typing
            && let Some(turn) = page_keys(ui)
        {
            self.turn(turn, last);
            // The keys are read after the page was drawn: draw the new one.
            ui.ctx().request_repaint();
        }
    }

    /// Page and zoom buttons; true if one of them has the keyboard focus. `width` is the room
    /// the sheet will have, for the fitted scale.
    fn toolbar(&mut self, ui: &mut Ui, pages: &[Page], width: f32) -> bool {
        let last = pages.len() - 1;
        let not_first = self.page > 0;
        let not_last = self.page < last;
        let scale = self.zoom.scale(width, &pages[self.page]);
        ui.horizontal_wrapped(|ui| {
            let button = |ui: &mut Ui, enabled: bool, text: &str| {
                ui.add_enabled(enabled, egui::Button::new(text))
            };
            let first = button(ui, not_first, "Trang đầu");
            let previous = button(ui, not_first, "Trang trước");
            ui.label(format!("Trang {}/{}", self.page + 1, pages.len()));
            let next = button(ui, not_last, "Trang sau");
            let end = button(ui, not_last, "Trang cuối");
            ui.separator();
            let smaller = button(ui, Zoom::smaller(scale).is_some(), "Thu nhỏ");
            ui.label(format!("{:.0}%", scale * 100.0));
            let larger = button(ui, Zoom::larger(scale).is_some(), "Phóng to");
            let fit = ui.add(egui::Button::new("Vừa khung").selected(self.zoom == Zoom::FitWidth));

            let turns = [
                (&first, Turn::First),
                (&previous, Turn::Previous),
                (&next, Turn::Next),
                (&end, Turn::Last),
            ];
            if let Some((_, turn)) = turns.iter().find(|(response, _)| response.clicked()) {
                self.turn(*turn, last);
            }
            let zoom = if smaller.clicked() {
                Zoom::smaller(scale)
            } else if larger.clicked() {
                Zoom::larger(scale)
            } else {
                fit.clicked().then_some(Zoom::FitWidth)
            };
            if let Some(zoom) = zoom {
                self.zoom = zoom;
            }
            [first, previous, next, end, smaller, larger, fit]
                .iter()
                .any(egui::Response::has_focus)
        })
        .inner
    }

    /// The page on a grey background, scrollable; true if the sheet has the keyboard focus.
    fn sheet(&mut self, ui: &mut Ui, page: &Page) -> bool {
        let viewport = ui.available_rect_before_wrap();
        ui.painter().rect_filled(viewport, 0.0, BACKGROUND);
        let scale = self.zoom.scale(viewport.width() - 2.0 * GAP, page);
        let sheet_size = vec2(page.width_mm, page.height_mm) * scale * zoom::POINTS_PER_MM;
        let mut scroll = ScrollArea::both()
            .id_salt("report_preview")
            .auto_shrink(false);
        if std::mem::take(&mut self.scroll_to_top) {
            scroll = scroll.vertical_scroll_offset(0.0);
        }
        scroll
            .show(ui, |ui| {
                let content = sheet_size + vec2(2.0 * GAP, 2.0 * GAP);
                let width = content.x.max(ui.available_width());
                let (area, response) =
                    ui.allocate_exact_size(vec2(width, content.y), Sense::click());
                response.widget_info(|| {
                    WidgetInfo::labeled(Role::Image, true, "Bản xem trước trang in")
                });
                if response.clicked() {
                    response.request_focus();
                }
                let sheet = Rect::from_min_size(
                    egui::pos2(area.center().x - sheet_size.x / 2.0, area.top() + GAP),
                    sheet_size,
                );
                sheet::paint(ui.painter(), page, sheet);
                response.has_focus()
            })
            .inner
    }

    fn turn(&mut self, turn: Turn, last: usize) {
        let page = match turn {
            Turn::First => 0,
            Turn::Previous => self.page.saturating_sub(1),
            Turn::Next => (self.page + 1).min(last),
            Turn::Last => last,
        };
        if page != self.page {
            self.page = page;
            self.scroll_to_top = true;
        }
    }
}

/// PageUp/PageDown/Home/End, consumed so nothing else scrolls with them.
fn page_keys(ui: &Ui) -> Option<Turn> {
    ui.input_mut(|input| {
        [
            (Key::PageUp, Turn::Previous),
            (Key::PageDown, Turn::Next),
            (Key::Home, Turn::First),
            (Key::End, Turn::Last),
        ]
        .into_iter()
        .find(|(key, _)| input.consume_key(Modifiers::NONE, *key))
        .map(|(_, turn)| turn)
    })
}
