//! Installs the bundled fonts. egui's own font lacks half the Vietnamese letters (ệ ở ữ ằ …),
//! so every context — the window and every test harness — must call this.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::assets;
use crate::report::Face;

/// Name of the bold family, for headings.
pub const BOLD: &str = "noto_sans_bold";

/// Families of the print font (Tinos), so the report preview sets text in the faces the PDF
/// embeds, with the same widths.
pub const PRINT_REGULAR: &str = "print_regular";
pub const PRINT_BOLD: &str = "print_bold";
pub const PRINT_ITALIC: &str = "print_italic";
pub const PRINT_BOLD_ITALIC: &str = "print_bold_italic";

const UI_REGULAR: &str = "noto_sans";

/// Puts Noto Sans first in every family, keeping egui's fonts behind it for icons, and adds
/// the bold and the four print families.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    let faces = [
        (UI_REGULAR, assets::FONT_UI_REGULAR),
        (BOLD, assets::FONT_UI_BOLD),
        (PRINT_REGULAR, assets::FONT_PRINT_REGULAR),
        (PRINT_BOLD, assets::FONT_PRINT_BOLD),
        (PRINT_ITALIC, assets::FONT_PRINT_ITALIC),
        (PRINT_BOLD_ITALIC, assets::FONT_PRINT_BOLD_ITALIC),
    ];
    for (name, bytes) in faces {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, UI_REGULAR.to_owned());
    }
    // Noto Sans behind each named face: a character the face lacks still shows (and a test
    // harness, which panics on a missing glyph, still runs).
    for name in [
        BOLD,
        PRINT_REGULAR,
        PRINT_BOLD,
        PRINT_ITALIC,
        PRINT_BOLD_ITALIC,
    ] {
        fonts.families.insert(
            FontFamily::Name(name.into()),
            vec![name.to_owned(), UI_REGULAR.to_owned()],
        );
    }
    ctx.set_fonts(fonts);
}

/// Rich text in the bold face.
pub fn bold(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text).family(FontFamily::Name(BOLD.into()))
}

/// The egui family that sets text in `face` of the print font.
pub fn print_family(face: Face) -> FontFamily {
    let name = match face {
        Face::Regular => PRINT_REGULAR,
        Face::Bold => PRINT_BOLD,
        Face::Italic => PRINT_ITALIC,
        Face::BoldItalic => PRINT_BOLD_ITALIC,
    };
    FontFamily::Name(name.into())
}
