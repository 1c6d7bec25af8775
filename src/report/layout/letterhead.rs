//! The letterhead of page 1 (Nghị định 30/2020 Phụ lục I, ô 1–5a): parent agency, agency and
//! Số on the left; Quốc hiệu, Tiêu ngữ and the place and date on the right; then "BÁO CÁO" and
//! the trích yếu, each short rule in its place.

use super::agency_name::break_agency_name;
use super::sheet::{Band, Flow, Placed, Sheet};
use super::{SINGLE, Style};
use crate::report::document::{Align, OfficialDocument};
use crate::report::page::Face;

const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

const PARENT: Style = Style::new(Face::Regular, 13.0, SINGLE);
const AGENCY: Style = Style::new(Face::Bold, 13.0, SINGLE);
const NUMBER: Style = Style::new(Face::Regular, 13.0, SINGLE);
const NATION_STYLE: Style = Style::new(Face::Bold, 13.0, SINGLE);
const MOTTO_STYLE: Style = Style::new(Face::Bold, 14.0, SINGLE);
const PLACE_DATE: Style = Style::new(Face::Italic, 14.0, SINGLE);
/// "BÁO CÁO" and the trích yếu.
const TITLE: Style = Style::new(Face::Bold, 14.0, SINGLE);

/// Share of the printable width taken by the left header column (parent, agency, Số); the
/// right one must still hold the Quốc hiệu on one line.
const HEADER_LEFT_SHARE: f32 = 0.4;
/// The rules under the agency name and the trích yếu: 1/3 to 1/2 of the text (ô 2, ô 5a).
const SHORT_RULE_SHARE: f32 = 0.4;
/// Space between a text's lowest point and the rule under it.
const RULE_GAP_MM: f32 = 1.0;
/// Vertical room between the header's rows and blocks.
const HEADER_ROW_GAP_MM: f32 = 2.5;
/// Above "BÁO CÁO".
const TITLE_GAP_MM: f32 = 7.0;
/// The trích yếu wraps narrower than the page so its lines stay a centred block.
const SUMMARY_WIDTH_SHARE: f32 = 0.85;
/// Below the trích yếu's rule.
const GAP_AFTER_TITLE_MM: f32 = 5.0;

/// Lays the letterhead out from the top of the first page and leaves the flow below it.
pub(super) fn letterhead(flow: &mut Flow, doc: &OfficialDocument) {
    header(flow, doc);
    title(flow, doc);
}

/// A centred rule `share` of `text_width` long, under the line on `baseline`; returns the
/// rule's height on the page.
fn rule_under(
    sheet: &mut Sheet,
    band: Band,
    baseline: f32,
    style: Style,
    text_width: f32,
    share: f32,
) -> f32 {
    let y = sheet.descent_below(baseline, style) + RULE_GAP_MM;
    let length = text_width * share;
    let x = band.left + (band.width - length) / 2.0;
    sheet.rule(x, x + length, y);
    y
}

/// Ô 1–4: agency on the left, Quốc hiệu on the right, then Số level with the date.
fn header(flow: &mut Flow, doc: &OfficialDocument) {
    let sheet = &mut flow.sheet;
    let right_width = (sheet.width() * (1.0 - HEADER_LEFT_SHARE))
        .max(sheet.width_of(NATION, NATION_STYLE) + 2.0)
        .min(sheet.width());
    let left = Band {
        left: sheet.left(),
        width: sheet.width() - right_width,
    };
    let right = Band {
        left: sheet.left() + left.width,
        width: right_width,
    };
    let top = sheet.top();

    // Names too long for the column break between phrases, not wherever the width runs out.
    let parent_text = break_agency_name(&doc.parent_agency, left.width, |text| {
        sheet.width_of(text, PARENT)
    });
    let agency_text = break_agency_name(&doc.issuing_agency, left.width, |text| {
        sheet.width_of(text, AGENCY)
    });
    let parent_baseline = sheet.baseline(top, PARENT);
    let parent = sheet.place_lines(left, Align::Center, parent_baseline, PARENT, &parent_text);
    let agency_baseline = sheet.baseline(parent.next_top, AGENCY);
    let agency = sheet.place_lines(left, Align::Center, agency_baseline, AGENCY, &agency_text);
    let mut left_bottom = agency.next_top;
    if agency.widest > 0.0 {
        let rule = rule_under(
            sheet,
            left,
            agency.last_baseline,
            AGENCY,
            agency.widest,
            SHORT_RULE_SHARE,
        );
        left_bottom = left_bottom.max(rule);
    }

    // The right column goes on a scratch sheet first: Số must wait for its height, yet
    // the text should read column by column, as it would from a word processor's table.
    let mut right_column = Sheet::new(false);
    let nation_baseline = right_column.baseline(top, NATION_STYLE);
    let nation =
        right_column.place_lines(right, Align::Center, nation_baseline, NATION_STYLE, NATION);
    let motto_baseline = right_column.baseline(nation.next_top, MOTTO_STYLE);
    let motto = right_column.place_lines(right, Align::Center, motto_baseline, MOTTO_STYLE, MOTTO);
    // The Tiêu ngữ's rule is exactly as long as the text.
    let motto_rule = rule_under(
        &mut right_column,
        right,
        motto.last_baseline,
        MOTTO_STYLE,
        motto.widest,
        1.0,
    );
    let right_bottom = motto.next_top.max(motto_rule);

    let row_top = left_bottom.max(right_bottom) + HEADER_ROW_GAP_MM;
    let baseline = sheet
        .baseline(row_top, NUMBER)
        .max(sheet.baseline(row_top, PLACE_DATE));
    let number = one_line(sheet, left, baseline, NUMBER, &doc.number_line);
    sheet.page.items.append(&mut right_column.page.items);
    let date = one_line(sheet, right, baseline, PLACE_DATE, &doc.place_and_date);
    flow.y = number.next_top.max(date.next_top);
}

/// Số and the date on one centred line, as typed: the word wrap would fold the runs of spaces
/// a draft leaves for the Văn thư ("Số:      /BC-TTKC", "ngày     tháng") into one. Only a
/// line too long for its column is wrapped.
fn one_line(sheet: &mut Sheet, band: Band, baseline: f32, style: Style, text: &str) -> Placed {
    let width = sheet.width_of(text, style);
    if text.contains('\n') || width > band.width {
        return sheet.place_lines(band, Align::Center, baseline, style, text);
    }
    sheet.aligned(band.left, band.width, Align::Center, baseline, style, text);
    Placed {
        next_top: baseline - sheet.baseline(0.0, style) + style.line_mm(),
        last_baseline: baseline,
        widest: width,
    }
}

/// Ô 5a: "BÁO CÁO", the trích yếu and its short rule.
fn title(flow: &mut Flow, doc: &OfficialDocument) {
    let sheet = &mut flow.sheet;
    let page = Band {
        left: sheet.left(),
        width: sheet.width(),
    };
    let top = flow.y + TITLE_GAP_MM;
    let kind_baseline = sheet.baseline(top, TITLE);
    let kind = sheet.place_lines(page, Align::Center, kind_baseline, TITLE, &doc.kind_title);
    let summary_band = Band {
        left: page.left + page.width * (1.0 - SUMMARY_WIDTH_SHARE) / 2.0,
        width: page.width * SUMMARY_WIDTH_SHARE,
    };
    let summary_baseline = sheet.baseline(kind.next_top, TITLE);
    let summary = sheet.place_lines(
        summary_band,
        Align::Center,
        summary_baseline,
        TITLE,
        &doc.summary,
    );
    let mut bottom = summary.next_top;
    if summary.widest > 0.0 {
        let rule = rule_under(
            sheet,
            page,
            summary.last_baseline,
            TITLE,
            summary.widest,
            SHORT_RULE_SHARE,
        );
        bottom = bottom.max(rule);
    }
    flow.y = bottom + GAP_AFTER_TITLE_MM;
}
