//! The look: light, like the Word and Excel documents staff work with all day, with text a
//! little larger than egui's default for older monitors.

use egui::{FontId, TextStyle};

/// Applies the app's theme and text sizes to a context.
pub fn apply_style(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        style
            .text_styles
            .insert(TextStyle::Body, FontId::proportional(14.5));
        style
            .text_styles
            .insert(TextStyle::Button, FontId::proportional(14.5));
        style
            .text_styles
            .insert(TextStyle::Small, FontId::proportional(12.5));
        style
            .text_styles
            .insert(TextStyle::Heading, FontId::proportional(20.0));
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
    });
}
