//! How large the sheet is drawn: fitted to the preview's width, or one of a few fixed scales.

use crate::report::Page;

/// Screen points per millimetre at 100 %: real size on a 96-dpi screen, where a point is a pixel.
pub const POINTS_PER_MM: f32 = 96.0 / 25.4;

/// The scales "Thu nhỏ" and "Phóng to" step through, as a word processor's zoom does.
const LEVELS: [f32; 14] = [
    0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0,
];
/// A wide window would blow the page up past reading size: fitting stops here.
const MAX_FIT: f32 = 1.25;
/// The fitted scale is rounded down to a multiple of this, so that resizing the window does
/// not lay every text out again at a new font size on every frame.
const FIT_STEP: f32 = 0.05;
/// Scales this close count as the same level.
const SAME: f32 = 0.005;

/// The zoom the user chose.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zoom {
    /// The page's width fills the preview ("Vừa khung"), up to 125 %.
    FitWidth,
    /// A fixed scale; 1.0 is the page's real size.
    Fixed(f32),
}

impl Zoom {
    /// The scale to draw `page` at in a preview `width` points wide.
    pub fn scale(self, width: f32, page: &Page) -> f32 {
        match self {
            Zoom::Fixed(scale) => scale,
            Zoom::FitWidth => {
                let fit = width / (page.width_mm * POINTS_PER_MM);
                ((fit / FIT_STEP).floor() * FIT_STEP).clamp(LEVELS[0], MAX_FIT)
            }
        }
    }

    /// The next level above `scale`, if any.
    pub fn larger(scale: f32) -> Option<Zoom> {
        LEVELS
            .iter()
            .find(|&&level| level > scale + SAME)
            .map(|&level| Zoom::Fixed(level))
    }

    /// The next level below `scale`, if any.
    pub fn smaller(scale: f32) -> Option<Zoom> {
        LEVELS
            .iter()
            .rev()
            .find(|&&level| level < scale - SAME)
            .map(|&level| Zoom::Fixed(level))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_rounds_down_and_stops_at_the_cap() {
        let a4 = Page::new(210.0, 297.0);
        let real_width = 210.0 * POINTS_PER_MM;
        assert_eq!(Zoom::FitWidth.scale(real_width * 0.87, &a4), 0.85);
        assert_eq!(Zoom::FitWidth.scale(real_width * 4.0, &a4), MAX_FIT);
        assert_eq!(Zoom::FitWidth.scale(1.0, &a4), LEVELS[0]);
        assert_eq!(Zoom::Fixed(2.0).scale(1.0, &a4), 2.0);
    }

    #[test]
    fn steps_go_to_the_neighbouring_levels() {
        assert_eq!(Zoom::larger(1.0), Some(Zoom::Fixed(1.1)));
        assert_eq!(Zoom::larger(0.85), Some(Zoom::Fixed(0.9)));
        assert_eq!(Zoom::smaller(0.85), Some(Zoom::Fixed(0.75)));
        assert_eq!(Zoom::larger(3.0), None);
        assert_eq!(Zoom::smaller(0.25), None);
    }
}
