//! Paints one laid-out page on screen: a white sheet with a soft shadow, its rules and its
//! texts in the print font, each where the PDF puts it.

use egui::epaint::Shadow;
use egui::{Color32, FontId, Galley, Painter, Pos2, Rect, Stroke, StrokeKind, pos2};

use crate::report::print_font::{MM_PER_PT, print_fonts};
use crate::report::{Face, Page, PageItem};
use crate::ui::fonts::print_family;

const INK: Color32 = Color32::BLACK;
const EDGE: Color32 = Color32::from_gray(150);
const SHADOW: Shadow = Shadow {
    offset: [2, 3],
    blur: 8,
    spread: 0,
    color: Color32::from_black_alpha(60),
};

/// Where on screen the page is drawn: its top-left corner and its scale.
struct Placement {
    origin: Pos2,
    points_per_mm: f32,
}

impl Placement {
    fn point(&self, x_mm: f32, y_mm: f32) -> Pos2 {
        self.origin + egui::vec2(x_mm, y_mm) * self.points_per_mm
    }
}

/// Paints `page` filling `sheet`. Only what falls inside the painter's clip rect is laid out,
/// so a zoomed-in page costs no more than what is visible.
pub fn paint(painter: &Painter, page: &Page, sheet: Rect) {
    painter.add(SHADOW.as_shape(sheet, 0.0));
    painter.rect(
        sheet,
        0.0,
        Color32::WHITE,
        Stroke::new(1.0, EDGE),
        StrokeKind::Outside,
    );
    let placement = Placement {
        origin: sheet.min,
        points_per_mm: sheet.width() / page.width_mm,
    };
    let painter = painter.with_clip_rect(painter.clip_rect().intersect(sheet));
    for item in &page.items {
        match item {
            PageItem::Line {
                x1_mm,
                y1_mm,
                x2_mm,
                y2_mm,
                width_pt,
            } => paint_line(
                &painter,
                &placement,
                [(*x1_mm, *y1_mm), (*x2_mm, *y2_mm)],
                *width_pt,
            ),
            PageItem::Text {
                x_mm,
                baseline_mm,
                size_pt,
                face,
                text,
                word_spacing_mm,
                width_mm,
            } => {
                let line = TextLine {
                    x_mm: *x_mm,
                    baseline_mm: *baseline_mm,
                    size_pt: *size_pt,
                    face: *face,
                    text,
                    word_spacing_mm: *word_spacing_mm,
                    width_mm: *width_mm,
                };
                paint_text(&painter, &placement, &line);
            }
        }
    }
}

/// A rule at least one pixel wide, its ends snapped to pixel centres so a table's grid stays
/// crisp instead of smearing over two grey pixels.
fn paint_line(painter: &Painter, placement: &Placement, ends: [(f32, f32); 2], width_pt: f32) {
    let pixel = 1.0 / painter.pixels_per_point();
    let width = (width_pt * MM_PER_PT * placement.points_per_mm).max(pixel);
    let [a, b] = ends.map(|(x, y)| {
        let point = placement.point(x, y);
        pos2(
            painter.round_to_pixel_center(point.x),
            painter.round_to_pixel_center(point.y),
        )
    });
    painter.line_segment([a, b], Stroke::new(width, INK));
}

/// The fields of a [`PageItem::Text`].
struct TextLine<'a> {
    x_mm: f32,
    baseline_mm: f32,
    size_pt: f32,
    face: Face,
    text: &'a str,
    word_spacing_mm: f32,
    width_mm: f32,
}

fn paint_text(painter: &Painter, placement: &Placement, line: &TextLine<'_>) {
    let size_mm = line.size_pt * MM_PER_PT;
    // Generous bounds: accents above capitals reach about one em above the baseline.
    let bounds = Rect::from_min_max(
        placement.point(line.x_mm, line.baseline_mm - size_mm),
        placement.point(line.x_mm + line.width_mm, line.baseline_mm + size_mm / 2.0),
    );
    if !painter.clip_rect().intersects(bounds) {
        return;
    }
    let font = FontId::new(size_mm * placement.points_per_mm, print_family(line.face));
    // Word by word, each word starting where the PDF puts it, measured with the metrics the
    // layout used: egui kerns (the PDF does not), which would leave a long line up to 1 %
    // short, and a justified line needs its extra spacing after every space anyway.
    let metrics = print_fonts().face(line.face);
    let space_mm = metrics.width_mm(" ", line.size_pt) + line.word_spacing_mm;
    let mut x_mm = line.x_mm;
    for word in line.text.split(' ') {
        if !word.is_empty() {
            paint_run(painter, placement, word, &font, x_mm, line.baseline_mm);
        }
        x_mm += metrics.width_mm(word, line.size_pt) + space_mm;
    }
}

/// Paints `text` starting at `x_mm` with its baseline on `baseline_mm`.
fn paint_run(
    painter: &Painter,
    placement: &Placement,
    text: &str,
    font: &FontId,
    x_mm: f32,
    baseline_mm: f32,
) {
    let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), INK);
    let Some(ascent) = baseline_below_top(&galley) else {
        return;
    };
    let start = placement.point(x_mm, baseline_mm);
    painter.galley(pos2(start.x, start.y - ascent), galley, INK);
}

/// How far below the galley's top its first row's baseline lies. egui lays text out from the
/// top of the row, the page model from the baseline.
fn baseline_below_top(galley: &Galley) -> Option<f32> {
    let row = galley.rows.first()?;
    let glyph = row.row.glyphs.first()?;
    Some(row.pos.y + glyph.pos.y)
}
