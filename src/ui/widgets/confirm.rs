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

/// A deletion waiting for the user's yes: which record, and how the question names it.
#[derive(Debug, Default, Clone)]
pub struct DeleteConfirmation {
    pending: Option<(uuid::Uuid, String)>,
}

/// The words of a deletion question.
pub struct DeleteWording {
    pub id_salt: &'static str,
    /// "Xóa cơ sở?"
    pub title: &'static str,
    /// "cơ sở" / "đề án", as in "Bạn có chắc muốn xóa đề án …?".
    pub noun: &'static str,
    pub note: &'static str,
    pub yes: &'static str,
}

impl DeleteConfirmation {
    /// Asks about record `id`, named `label` in the question.
    pub fn ask(&mut self, id: uuid::Uuid, label: String) {
        self.pending = Some((id, label));
    }

    /// Whether the question is showing.
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Shows the question while one is pending; returns the record once the user confirms.
    pub fn show(&mut self, ctx: &egui::Context, w: &DeleteWording) -> Option<uuid::Uuid> {
        let (id, label) = self.pending.clone()?;
        let answer = confirm_dialog(
            ctx,
            egui::Id::unique(w.id_salt),
            w.title,
            &format!("Bạn có chắc muốn xóa {} {label}?", w.noun),
            w.note,
            w.yes,
            "Không xóa",
        );
        if answer.is_some() {
            self.pending = None;
        }
        (answer == Some(true)).then_some(id)
    }
}
