//! The main text on portrait pages: the letterhead, Kính gửi (ô 9a), the body (ô 6)
//! ending with "./.", the signature (ô 7) beside Nơi nhận (ô 9b), and the fingerprint of a
//! frozen report at the foot of the last page.

use super::letterhead::letterhead;
use super::sheet::{Band, Flow};
use super::{SINGLE, Style};
use crate::report::document::{Align, Block, OfficialDocument};
use crate::report::page::{Face, Page, PageItem};
use crate::report::print_font::MM_PER_PT;

const TO: &str = "Kính gửi:";
const DISTRIBUTION_TITLE: &str = "Nơi nhận:";
const FINGERPRINT_LABEL: &str = "Mã đối chiếu:";
const END_MARK: &str = "./.";

/// Body line spacing: a little more than single, well inside the decree's single to 1,5.
const BODY_LEADING: f32 = 1.2;

const RECIPIENT: Style = Style::new(Face::Regular, 14.0, SINGLE);
const BODY: Style = Style::new(Face::Regular, 14.0, BODY_LEADING);
const HEADING: Style = Style::new(Face::Bold, 14.0, BODY_LEADING);
const SIGNER: Style = Style::new(Face::Bold, 14.0, SINGLE);
const DISTRIBUTION_HEAD: Style = Style::new(Face::BoldItalic, 12.0, SINGLE);
const DISTRIBUTION: Style = Style::new(Face::Regular, 11.0, SINGLE);
const FINGERPRINT: Style = Style::new(Face::Regular, 8.0, SINGLE);

const RECIPIENTS_GAP_MM: f32 = 5.0;
const FIRST_LINE_INDENT_MM: f32 = 12.7;
const PARAGRAPH_AFTER_MM: f32 = 6.0 * MM_PER_PT;
/// Added to a line between the signer's title and the name: room for the signature and the
/// seal (27 mm of white between the two texts, measured in tests/report_pdf.rs; offices
/// leave at least 20 mm).
/// Kept without a name too, so a draft can still be signed.
const SIGNATURE_SPACE_MM: f32 = 27.0;
const SIGNATURE_GAP_MM: f32 = 2.0;
/// Share of the printable width for Nơi nhận; the signature is centred in the rest.
const DISTRIBUTION_SHARE: f32 = 0.45;
const DISTRIBUTION_GUTTER_MM: f32 = 3.0;
/// Body lines taken along when the signature must move to a new page, so that page never
/// holds the signature alone.
const LINES_WITH_SIGNATURE: usize = 2;

pub(super) fn layout_main_text(doc: &OfficialDocument) -> Vec<Page> {
    let mut text = MainText {
        flow: Flow::new(false),
        body_lines: Vec::new(),
    };
    letterhead(&mut text.flow, doc);
    text.recipients(&doc.recipients);
    text.body(&doc.body);
    text.signature(doc);
    if let Some(fingerprint) = &doc.fingerprint {
        text.fingerprint(fingerprint);
    }
    text.flow.into_pages()
}

/// "Như trên" → "Như trên;" — the item's own closing punctuation is replaced.
fn with_end(item: &str, end: char) -> String {
    let bare = item.trim().trim_end_matches([';', '.', ',']);
    format!("{bare}{end}")
}

/// The body ends with "./." (Mẫu 1.4): a final "." becomes "./.", anything else gets it added.
fn with_end_mark(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(END_MARK) {
        text.to_owned()
    } else if let Some(bare) = text.strip_suffix('.') {
        format!("{bare}{END_MARK}")
    } else {
        format!("{text}{END_MARK}")
    }
}

/// A body line placed on the current page: where its items start, and its top.
struct BodyLine {
    first_item: usize,
    top: f32,
}

struct MainText {
    flow: Flow,
    /// Body lines on the current page, in order.
    body_lines: Vec<BodyLine>,
}

impl MainText {
    fn new_page(&mut self) {
        self.flow.new_page();
        self.body_lines.clear();
    }

    fn at_page_top(&self) -> bool {
        self.flow.y <= self.flow.sheet.top() + 0.01
    }

    /// Ô 9a: "Kính gửi:" with one recipient on its line; several go down a line each
    /// ("xuống dòng"), "- …;" with the dashes under the label's colon and wrapped lines hung
    /// after the dash. The block is centred.
    fn recipients(&mut self, recipients: &[String]) {
        let (items, label_on_own_line): (Vec<String>, bool) = match recipients {
            [] => return,
            [only] => (vec![with_end(only, '.')], false),
            _ => (
                recipients
                    .iter()
                    .enumerate()
                    .map(|(index, item)| {
                        let end = if index + 1 == recipients.len() {
                            '.'
                        } else {
                            ';'
                        };
                        format!("- {}", with_end(item, end))
                    })
                    .collect(),
                true,
            ),
        };
        let sheet = &self.flow.sheet;
        let label_width = sheet.width_of(TO, RECIPIENT);
        // One recipient follows "Kính gửi: "; a list starts under the colon.
        let items_offset = if label_on_own_line {
            sheet.width_of(TO.trim_end_matches(':'), RECIPIENT)
        } else {
            sheet.width_of(&format!("{TO} "), RECIPIENT)
        };
        let hang = if label_on_own_line {
            sheet.width_of("- ", RECIPIENT)
        } else {
            0.0
        };
        let room = sheet.width() - items_offset;
        let font = sheet.font(RECIPIENT);
        let wrapped: Vec<Vec<String>> = items
            .iter()
            .map(|item| font.wrap_indented(item, RECIPIENT.size_pt, room, room - hang))
            .collect();
        let widest = wrapped
            .iter()
            .flat_map(|lines| lines.iter().enumerate())
            .map(|(index, line)| {
                let indent = if index == 0 { 0.0 } else { hang };
                indent + font.width_mm(line, RECIPIENT.size_pt)
            })
            .fold(0.0, f32::max);
        let block_width = (items_offset + widest).max(label_width);
        let block_left = sheet.left() + (sheet.width() - block_width) / 2.0;
        let items_left = block_left + items_offset;

        if label_on_own_line {
            self.make_room(2.0 * RECIPIENT.line_mm());
            let sheet = &mut self.flow.sheet;
            let baseline = sheet.baseline(self.flow.y, RECIPIENT);
            sheet.text(block_left, baseline, RECIPIENT, TO);
            self.flow.y += RECIPIENT.line_mm();
        }
        for (item_index, lines) in wrapped.into_iter().enumerate() {
            for (line_index, line) in lines.into_iter().enumerate() {
                self.make_room(RECIPIENT.line_mm());
                let sheet = &mut self.flow.sheet;
                let baseline = sheet.baseline(self.flow.y, RECIPIENT);
                if !label_on_own_line && item_index == 0 && line_index == 0 {
                    sheet.text(block_left, baseline, RECIPIENT, TO);
                }
                let indent = if line_index == 0 { 0.0 } else { hang };
                sheet.text(items_left + indent, baseline, RECIPIENT, line);
                self.flow.y += RECIPIENT.line_mm();
            }
        }
        self.flow.y += RECIPIENTS_GAP_MM;
    }

    /// Starts a new page unless `height` still fits on this one.
    fn make_room(&mut self, height: f32) {
        if self.flow.room() < height && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Ô 6: headings and justified paragraphs; the last block ends with "./.".
    fn body(&mut self, blocks: &[Block]) {
        for (index, block) in blocks.iter().enumerate() {
            let (Block::Heading(text) | Block::SubHeading(text) | Block::Paragraph(text)) = block;
            let text = if index + 1 == blocks.len() {
                with_end_mark(text)
            } else {
                text.clone()
            };
            match block {
                Block::Heading(_) => self.paragraph(&text, HEADING, 0.0, true),
                Block::SubHeading(_) => self.paragraph(&text, HEADING, FIRST_LINE_INDENT_MM, true),
                Block::Paragraph(_) => {
                    for piece in text.split('\n') {
                        self.paragraph(piece, BODY, FIRST_LINE_INDENT_MM, false);
                    }
                }
            }
        }
    }

    /// One justified paragraph with a first-line indent, 6 pt after. It never leaves its
    /// first line alone at the foot of a page nor its last alone at the top of the next; a
    /// heading (`keep_with_next`) moves on rather than stand at the foot of a page.
    fn paragraph(&mut self, text: &str, style: Style, indent: f32, keep_with_next: bool) {
        let sheet = &self.flow.sheet;
        let (left, width) = (sheet.left(), sheet.width());
        let lines = sheet
            .font(style)
            .wrap_indented(text, style.size_pt, width - indent, width);
        if lines.is_empty() {
            return;
        }
        let line_height = style.line_mm();
        if keep_with_next {
            let with_next = lines.len() as f32 * line_height + PARAGRAPH_AFTER_MM + BODY.line_mm();
            self.make_room(with_next);
        }
        let mut next = 0;
        while next < lines.len() {
            let remaining = lines.len() - next;
            let fitting = ((self.flow.room() + 0.01) / line_height).floor().max(0.0) as usize;
            let mut take = fitting.min(remaining);
            if take < remaining {
                if remaining - take == 1 && take > 1 {
                    take -= 1;
                }
                if next == 0 && take == 1 {
                    take = 0;
                }
            }
            if take == 0 && self.at_page_top() {
                take = 1;
            }
            for index in next..next + take {
                self.body_line(
                    &lines[index],
                    index,
                    lines.len(),
                    style,
                    left,
                    width,
                    indent,
                );
            }
            next += take;
            if next < lines.len() {
                self.new_page();
            }
        }
        self.flow.y += PARAGRAPH_AFTER_MM;
    }

    #[allow(clippy::too_many_arguments)]
    fn body_line(
        &mut self,
        line: &str,
        index: usize,
        count: usize,
        style: Style,
        left: f32,
        width: f32,
        indent: f32,
    ) {
        let sheet = &mut self.flow.sheet;
        let top = self.flow.y;
        let baseline = sheet.baseline(top, style);
        let (x, line_width) = if index == 0 {
            (left + indent, width - indent)
        } else {
            (left, width)
        };
        self.body_lines.push(BodyLine {
            first_item: sheet.page.items.len(),
            top,
        });
        if index + 1 < count {
            sheet.justified(x, line_width, baseline, style, line);
        } else {
            sheet.text(x, baseline, style, line);
        }
        self.flow.y += style.line_mm();
    }

    /// Ô 7 on the right and ô 9b on the left, level with each other and kept on one page.
    fn signature(&mut self, doc: &OfficialDocument) {
        let sheet = &self.flow.sheet;
        let distribution_width = sheet.width() * DISTRIBUTION_SHARE;
        let signer_band = Band {
            left: sheet.left() + distribution_width,
            width: sheet.width() - distribution_width,
        };
        let titles: Vec<String> = [&doc.signer.authority, &doc.signer.position]
            .into_iter()
            .flat_map(|title| sheet.wrap(title, SIGNER, signer_band.width))
            .collect();
        let names = sheet.wrap(&doc.signer.name, SIGNER, signer_band.width);
        // The name's line is reserved even when none is typed, for a hand-written one.
        let signer_height =
            (titles.len() + names.len().max(1)) as f32 * SIGNER.line_mm() + SIGNATURE_SPACE_MM;

        let list_width = distribution_width - DISTRIBUTION_GUTTER_MM;
        let hang = sheet.width_of("- ", DISTRIBUTION);
        let font = sheet.font(DISTRIBUTION);
        let last = doc.distribution.len().saturating_sub(1);
        let list: Vec<Vec<String>> = doc
            .distribution
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let end = if index == last { '.' } else { ';' };
                let item = format!("- {}", with_end(item, end));
                font.wrap_indented(&item, DISTRIBUTION.size_pt, list_width, list_width - hang)
            })
            .collect();
        let list_lines = list.iter().map(Vec::len).sum::<usize>();
        let distribution_height = if list.is_empty() {
            0.0
        } else {
            DISTRIBUTION_HEAD.line_mm() + list_lines as f32 * DISTRIBUTION.line_mm()
        };

        let block_height = signer_height.max(distribution_height);
        let fingerprint_room = if doc.fingerprint.is_some() {
            FINGERPRINT.line_mm() + SIGNATURE_GAP_MM
        } else {
            0.0
        };
        if self.flow.y + SIGNATURE_GAP_MM + block_height > sheet.bottom() - fingerprint_room {
            self.carry_last_body_lines();
        }

        let sheet = &mut self.flow.sheet;
        let top = self.flow.y + SIGNATURE_GAP_MM;
        let first_baseline = sheet.baseline(top, SIGNER);
        let mut baseline = first_baseline;
        for line in titles {
            sheet.aligned(
                signer_band.left,
                signer_band.width,
                Align::Center,
                baseline,
                SIGNER,
                line,
            );
            baseline += SIGNER.line_mm();
        }
        baseline += SIGNATURE_SPACE_MM;
        for line in names {
            sheet.aligned(
                signer_band.left,
                signer_band.width,
                Align::Center,
                baseline,
                SIGNER,
                line,
            );
            baseline += SIGNER.line_mm();
        }
        let signer_bottom = top + signer_height;

        if list.is_empty() {
            self.flow.y = signer_bottom;
            return;
        }
        let left = sheet.left();
        sheet.text(left, first_baseline, DISTRIBUTION_HEAD, DISTRIBUTION_TITLE);
        let mut baseline = first_baseline + DISTRIBUTION.line_mm();
        for (line_index, line) in list
            .into_iter()
            .flat_map(|lines| lines.into_iter().enumerate())
        {
            // Only a list longer than a page gets here without room; it goes on overleaf.
            if baseline
                + self
                    .flow
                    .sheet
                    .font(DISTRIBUTION)
                    .descent_mm(DISTRIBUTION.size_pt)
                > self.flow.sheet.bottom() - fingerprint_room
            {
                self.new_page();
                baseline = self.flow.sheet.baseline(self.flow.y, DISTRIBUTION);
            }
            let indent = if line_index == 0 { 0.0 } else { hang };
            self.flow
                .sheet
                .text(left + indent, baseline, DISTRIBUTION, line);
            baseline += DISTRIBUTION.line_mm();
        }
        let list_bottom = baseline - self.flow.sheet.baseline(0.0, DISTRIBUTION);
        self.flow.y = list_bottom.max(signer_bottom);
    }

    /// Moves the last body lines of this page to the top of a new one, for the signature to
    /// follow them there. A page holding nothing but those lines moves as a whole.
    fn carry_last_body_lines(&mut self) {
        let Some(first) = self
            .body_lines
            .len()
            .checked_sub(LINES_WITH_SIGNATURE)
            .filter(|&first| first > 0)
            .map(|first| &self.body_lines[first])
        else {
            self.new_page();
            return;
        };
        let (first_item, from_top) = (first.first_item, first.top);
        let moved = self.flow.sheet.page.items.split_off(first_item);
        let end = self.flow.y;
        self.new_page();
        let shift = self.flow.sheet.top() - from_top;
        for mut item in moved {
            match &mut item {
                PageItem::Text { baseline_mm, .. } => *baseline_mm += shift,
                PageItem::Line { y1_mm, y2_mm, .. } => {
                    *y1_mm += shift;
                    *y2_mm += shift;
                }
            }
            self.flow.sheet.page.items.push(item);
        }
        self.flow.y = end + shift;
    }

    /// "Mã đối chiếu: …" in small type at the foot of the last page of the main text.
    fn fingerprint(&mut self, fingerprint: &str) {
        let sheet = &mut self.flow.sheet;
        let baseline = sheet.bottom() - sheet.font(FINGERPRINT).descent_mm(FINGERPRINT.size_pt);
        let left = sheet.left();
        sheet.text(
            left,
            baseline,
            FINGERPRINT,
            format!("{FINGERPRINT_LABEL} {fingerprint}"),
        );
    }
}
