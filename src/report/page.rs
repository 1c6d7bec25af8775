//! A laid-out page as plain data: positioned texts and ruled lines, in millimetres from the
//! page's top-left corner. The PDF writer and the on-screen preview both paint this, so they
//! cannot disagree about where anything is.

/// One printed page. A4 portrait is 210 × 297 mm, landscape 297 × 210 mm.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width_mm: f32,
    pub height_mm: f32,
    pub items: Vec<PageItem>,
}

/// Something drawn on a page, in black.
#[derive(Debug, Clone, PartialEq)]
pub enum PageItem {
    /// One line of text starting at `x_mm`, sitting on `baseline_mm` (measured from the top).
    Text {
        x_mm: f32,
        baseline_mm: f32,
        size_pt: f32,
        face: Face,
        /// NFC, no line breaks.
        text: String,
        /// Extra width added after every space: how a justified line reaches the right margin.
        word_spacing_mm: f32,
        /// Advance width of the whole line as laid out, word spacing included, so a painter
        /// or a test can check bounds without the font.
        width_mm: f32,
    },
    /// A straight rule: the short lines under the agency name, the Tiêu ngữ and the trích
    /// yếu, and the grid of appendix tables.
    Line {
        x1_mm: f32,
        y1_mm: f32,
        x2_mm: f32,
        y2_mm: f32,
        width_pt: f32,
    },
}

/// The four faces of the print font (Times New Roman metrics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];
}

impl Page {
    /// An empty page of the given size.
    pub fn new(width_mm: f32, height_mm: f32) -> Page {
        Page {
            width_mm,
            height_mm,
            items: Vec::new(),
        }
    }

    pub fn is_landscape(&self) -> bool {
        self.width_mm > self.height_mm
    }

    /// The texts of the page in the order they were laid out.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|item| match item {
            PageItem::Text { text, .. } => Some(text.as_str()),
            PageItem::Line { .. } => None,
        })
    }
}
