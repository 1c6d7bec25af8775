//! One appendix: "Phụ lục I", its title, "(Kèm theo …)" and the unit of its figures on the
//! first page, then its table.

use super::sheet::{Band, Flow};
use super::{SINGLE, Style, table};
use crate::report::document::{Align, Appendix};
use crate::report::page::{Face, Page};

const LABEL: Style = Style::new(Face::Bold, 14.0, SINGLE);
const TITLE: Style = Style::new(Face::Bold, 14.0, SINGLE);
const ATTACHED_TO: Style = Style::new(Face::Italic, 14.0, SINGLE);
const UNIT_NOTE: Style = Style::new(Face::Italic, 12.0, SINGLE);
/// Appendix tables are set smaller than the body: 11 pt on a landscape page holds ~18
/// columns; a portrait page has fewer columns and keeps 12 pt.
const TABLE_LANDSCAPE_PT: f32 = 11.0;
const TABLE_PORTRAIT_PT: f32 = 12.0;
/// The title and "(Kèm theo …)" wrap narrower than the page, as a centred block.
const HEADING_WIDTH_SHARE: f32 = 0.85;
const GAP_AFTER_HEADING_MM: f32 = 3.0;
const GAP_BEFORE_TABLE_MM: f32 = 1.0;

pub(super) fn layout_appendix(appendix: &Appendix) -> Vec<Page> {
    let mut flow = Flow::new(appendix.landscape);
    heading(&mut flow, appendix);
    let size_pt = if appendix.landscape {
        TABLE_LANDSCAPE_PT
    } else {
        TABLE_PORTRAIT_PT
    };
    table::layout_table(&mut flow, &appendix.table, size_pt);
    flow.into_pages()
}

fn heading(flow: &mut Flow, appendix: &Appendix) {
    let sheet = &mut flow.sheet;
    let page = Band {
        left: sheet.left(),
        width: sheet.width(),
    };
    let narrow = Band {
        left: page.left + page.width * (1.0 - HEADING_WIDTH_SHARE) / 2.0,
        width: page.width * HEADING_WIDTH_SHARE,
    };
    let mut top = flow.y;
    for (text, style) in [
        (&appendix.label, LABEL),
        (&appendix.title, TITLE),
        (&appendix.attached_to, ATTACHED_TO),
    ] {
        let baseline = sheet.baseline(top, style);
        top = sheet
            .place_lines(narrow, Align::Center, baseline, style, text)
            .next_top;
    }
    top += GAP_AFTER_HEADING_MM;
    if let Some(note) = &appendix.unit_note {
        let baseline = sheet.baseline(top, UNIT_NOTE);
        top = sheet
            .place_lines(page, Align::Right, baseline, UNIT_NOTE, note)
            .next_top;
    }
    flow.y = top + GAP_BEFORE_TABLE_MM;
}
