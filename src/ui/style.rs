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
        // A blinking cursor repaints the whole window twice a second for as long as a field
        // has focus: under software rendering and over Remote Desktop that was 35–60 % of a
        // core and lagging keystrokes. A steady cursor lets the window sleep between inputs.
        style.visuals.text_cursor.blink = false;
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_text_cursor_does_not_blink_so_a_focused_field_costs_nothing() {
        let ctx = egui::Context::default();
        super::apply_style(&ctx);
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            assert!(!ctx.style_of(theme).visuals.text_cursor.blink);
        }
    }
}
