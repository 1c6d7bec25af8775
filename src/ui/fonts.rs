//! Installs the bundled Vietnamese font. egui's own font lacks half the Vietnamese letters
//! (ệ ở ữ ằ …), so every context — the window and every test harness — must call this.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::assets;

/// Name of the bold family, for headings.
pub const BOLD: &str = "noto_sans_bold";

/// Puts Noto Sans first in every family, keeping egui's fonts behind it for icons.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "noto_sans".to_owned(),
        Arc::new(FontData::from_static(assets::FONT_UI_REGULAR)),
    );
    fonts.font_data.insert(
        BOLD.to_owned(),
        Arc::new(FontData::from_static(assets::FONT_UI_BOLD)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, "noto_sans".to_owned());
    }
    fonts.families.insert(
        FontFamily::Name(BOLD.into()),
        vec![BOLD.to_owned(), "noto_sans".to_owned()],
    );
    ctx.set_fonts(fonts);
}

/// Rich text in the bold face.
pub fn bold(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text).family(FontFamily::Name(BOLD.into()))
}
