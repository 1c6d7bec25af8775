//! The page being filled: its margin box, and the few ways layout puts text and rules on it.
//! A [`Flow`] is a run of such pages with a cursor going down them.

use super::{Margins, Style};
use crate::report::document::Align;
use crate::report::page::{Page, PageItem};
use crate::report::print_font::{PrintFont, PrintFonts, print_fonts};

/// A4 in millimetres.
const A4_SHORT_MM: f32 = 210.0;
const A4_LONG_MM: f32 = 297.0;

/// Solid rules (under the agency, the Tiêu ngữ, the trích yếu) and the table grid.
pub(super) const RULE_PT: f32 = 0.6;

/// A horizontal band of the page that lines are aligned in.
#[derive(Debug, Clone, Copy)]
pub(super) struct Band {
    pub left: f32,
    pub width: f32,
}

/// What placing a few lines left behind.
pub(super) struct Placed {
    /// Top of the line box after the last line.
    pub next_top: f32,
    pub last_baseline: f32,
    pub widest: f32,
}

/// A page under construction.
pub(super) struct Sheet {
    pub page: Page,
    pub margins: Margins,
    fonts: &'static PrintFonts,
}

impl Sheet {
    pub fn new(landscape: bool) -> Sheet {
        let (width_mm, height_mm) = if landscape {
            (A4_LONG_MM, A4_SHORT_MM)
        } else {
            (A4_SHORT_MM, A4_LONG_MM)
        };
        Sheet {
            page: Page::new(width_mm, height_mm),
            margins: Margins::for_orientation(landscape),
            fonts: print_fonts(),
        }
    }

    pub fn left(&self) -> f32 {
        self.margins.left_mm
    }

    pub fn right(&self) -> f32 {
        self.page.width_mm - self.margins.right_mm
    }

    pub fn width(&self) -> f32 {
        self.right() - self.left()
    }

    pub fn top(&self) -> f32 {
        self.margins.top_mm
    }

    pub fn bottom(&self) -> f32 {
        self.page.height_mm - self.margins.bottom_mm
    }

    pub fn font(&self, style: Style) -> &'static PrintFont {
        self.fonts.face(style.face)
    }

    pub fn width_of(&self, text: &str, style: Style) -> f32 {
        self.font(style).width_mm(text, style.size_pt)
    }

    pub fn wrap(&self, text: &str, style: Style, width_mm: f32) -> Vec<String> {
        self.font(style).wrap(text, style.size_pt, width_mm)
    }

    /// Where the baseline of a line box starting at `top` lies: the glyphs' ascent-to-descent
    /// span is centred in the box, so extra leading falls equally above and below.
    pub fn baseline(&self, top: f32, style: Style) -> f32 {
        let font = self.font(style);
        let ascent = font.ascent_mm(style.size_pt);
        let glyphs = ascent + font.descent_mm(style.size_pt);
        top + (style.line_mm() - glyphs) / 2.0 + ascent
    }

    /// The lowest point a glyph on `baseline` may reach.
    pub fn descent_below(&self, baseline: f32, style: Style) -> f32 {
        baseline + self.font(style).descent_mm(style.size_pt)
    }

    /// One line of text at `x`, as it is.
    pub fn text(&mut self, x: f32, baseline: f32, style: Style, text: impl Into<String>) {
        let text = text.into();
        let width_mm = self.width_of(&text, style);
        self.push_text(x, baseline, style, text, 0.0, width_mm);
    }

    /// One line of text aligned inside the band `left .. left + width`.
    pub fn aligned(
        &mut self,
        left: f32,
        width: f32,
        align: Align,
        baseline: f32,
        style: Style,
        text: impl Into<String>,
    ) {
        let text = text.into();
        let text_width = self.width_of(&text, style);
        let x = match align {
            Align::Left => left,
            Align::Center => left + (width - text_width) / 2.0,
            Align::Right => left + width - text_width,
        };
        self.push_text(x, baseline, style, text, 0.0, text_width);
    }

    /// One line stretched to exactly `width` by widening its spaces. A line without spaces
    /// cannot stretch and is set flush left.
    pub fn justified(
        &mut self,
        x: f32,
        width: f32,
        baseline: f32,
        style: Style,
        text: impl Into<String>,
    ) {
        let text = text.into();
        let natural = self.width_of(&text, style);
        let spaces = text.matches(' ').count();
        if spaces == 0 || natural >= width {
            self.push_text(x, baseline, style, text, 0.0, natural);
        } else {
            let word_spacing = (width - natural) / spaces as f32;
            self.push_text(x, baseline, style, text, word_spacing, width);
        }
    }

    fn push_text(
        &mut self,
        x_mm: f32,
        baseline_mm: f32,
        style: Style,
        text: String,
        word_spacing_mm: f32,
        width_mm: f32,
    ) {
        self.page.items.push(PageItem::Text {
            x_mm,
            baseline_mm,
            size_pt: style.size_pt,
            face: style.face,
            text,
            word_spacing_mm,
            width_mm,
        });
    }

    /// Wraps `text` in `band` and aligns each line, the first on `first_baseline`. Centred
    /// text is wrapped into even lines.
    pub fn place_lines(
        &mut self,
        band: Band,
        align: Align,
        first_baseline: f32,
        style: Style,
        text: &str,
    ) -> Placed {
        let mut placed = Placed {
            next_top: first_baseline - self.baseline(0.0, style),
            last_baseline: first_baseline,
            widest: 0.0,
        };
        let mut baseline = first_baseline;
        let font = self.font(style);
        let lines = match align {
            Align::Center => font.wrap_balanced(text, style.size_pt, band.width),
            Align::Left | Align::Right => font.wrap(text, style.size_pt, band.width),
        };
        for line in lines {
            placed.widest = placed.widest.max(self.width_of(&line, style));
            self.aligned(band.left, band.width, align, baseline, style, line);
            placed.last_baseline = baseline;
            placed.next_top += style.line_mm();
            baseline += style.line_mm();
        }
        placed
    }

    /// A horizontal solid rule at `y`.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32) {
        self.line(x1, y, x2, y);
    }

    /// A straight line of the rule's weight.
    pub fn line(&mut self, x1_mm: f32, y1_mm: f32, x2_mm: f32, y2_mm: f32) {
        self.page.items.push(PageItem::Line {
            x1_mm,
            y1_mm,
            x2_mm,
            y2_mm,
            width_pt: RULE_PT,
        });
    }
}

/// Pages of one orientation filled from the top down.
pub(super) struct Flow {
    pub sheet: Sheet,
    /// Top of the next line box, in mm from the top of the current page.
    pub y: f32,
    done: Vec<Page>,
    landscape: bool,
}

impl Flow {
    pub fn new(landscape: bool) -> Flow {
        let sheet = Sheet::new(landscape);
        Flow {
            y: sheet.top(),
            sheet,
            done: Vec::new(),
            landscape,
        }
    }

    /// Height left above the bottom margin.
    pub fn room(&self) -> f32 {
        self.sheet.bottom() - self.y
    }

    pub fn new_page(&mut self) {
        let full = std::mem::replace(&mut self.sheet, Sheet::new(self.landscape));
        self.done.push(full.page);
        self.y = self.sheet.top();
    }

    pub fn into_pages(mut self) -> Vec<Page> {
        self.done.push(self.sheet.page);
        self.done
    }
}
