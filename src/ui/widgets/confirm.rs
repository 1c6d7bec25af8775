//! A yes/no question in a modal dialog (delete a record, restore a backup).

use egui::{Id, RichText};

/// Shows the question; returns Some(true) for yes, Some(false) for no (or Esc, or a click
/// outside), None while it waits.
pub fn confirm_dialog(
    ctx: &egui::Context,
    id: Id,
    title: &str,
    question: &str,
    note: &str,
    yes: &str,
    no: &str,
) -> Option<bool> {
    let modal = egui::Modal::new(id).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading(title);
        ui.label(question);
        if !note.is_empty() {
            ui.label(RichText::new(note).small().weak());
        }
        ui.add_space(8.0);
        let mut decision = None;
        ui.horizontal(|ui| {
            if ui.button(yes).clicked() {
                decision = Some(true);
            }
            if ui.button(no).clicked() {
                decision = Some(false);
            }
        });
        decision
    });
    modal
        .inner
        .or_else(|| modal.should_close().then_some(false))
}
