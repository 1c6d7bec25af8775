//! The four print faces, parsed once per process, and the two questions layout asks of them:
//! how wide is this text, and where does it wrap. The system's Times New Roman when all four of
//! its faces are installed and cover Vietnamese (every Windows PC: what an office expects to
//! see in the PDF's fonts), else the bundled Tinos, which has Times New Roman's metrics, so
//! a page breaks at the same words either way.

use std::sync::OnceLock;

use printpdf::ParsedFont;
use unicode_normalization::char::canonical_combining_class;

use super::page::Face;
use crate::assets::{
    FONT_PRINT_BOLD, FONT_PRINT_BOLD_ITALIC, FONT_PRINT_ITALIC, FONT_PRINT_REGULAR,
};

pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// Code points below this have their advance looked up once, at load: Basic Latin, Latin-1,
/// Latin Extended (ơ, ư, đ), combining marks, Latin Extended Additional (ạ … ỹ) and general
/// punctuation all live there, so measuring Vietnamese never touches the font tables.
const CACHED_CHARS: u32 = 0x2070;

/// One face, ready to measure.
pub struct PrintFont {
    parsed: ParsedFont,
    /// Advance of every cached code point in thousandths of an em, truncated exactly as
    /// printpdf writes the PDF's /W widths: what we measure is where a viewer puts the glyphs.
    advances: Vec<u16>,
    units_per_em: f32,
    ascent_em: f32,
    descent_em: f32,
}

/// Regular, bold, italic and bold italic.
pub struct PrintFonts {
    faces: [PrintFont; 4],
}

/// The print fonts, parsed on first use (a few milliseconds) and shared afterwards.
pub fn print_fonts() -> &'static PrintFonts {
    static FONTS: OnceLock<PrintFonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        system_fonts_folder()
            .and_then(|folder| PrintFonts::times_new_roman_in(&folder))
            .unwrap_or_else(|| PrintFonts {
                faces: Face::ALL.map(|face| PrintFont::parse(face_bytes(face))),
            })
    })
}

/// Where the system keeps its fonts: `%WINDIR%\Fonts` on Windows; elsewhere there is no
/// Times New Roman to prefer.
fn system_fonts_folder() -> Option<std::path::PathBuf> {
    if !cfg!(windows) {
        return None;
    }
    std::env::var_os("WINDIR")
        .or_else(|| std::env::var_os("SystemRoot"))
        .map(|windows| std::path::PathBuf::from(windows).join("Fonts"))
}

/// Times New Roman's file for each face, as Windows installs it.
const TIMES_FILES: [&str; 4] = ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"];

/// Letters a face must have for a Vietnamese report.
const VIETNAMESE_SAMPLE: &str = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐƠƯ";

fn face_bytes(face: Face) -> &'static [u8] {
    match face {
        Face::Regular => FONT_PRINT_REGULAR,
        Face::Bold => FONT_PRINT_BOLD,
        Face::Italic => FONT_PRINT_ITALIC,
        Face::BoldItalic => FONT_PRINT_BOLD_ITALIC,
    }
}

impl PrintFonts {
    pub fn face(&self, face: Face) -> &PrintFont {
        &self.faces[face as usize]
    }

    /// Times New Roman from `folder`, when its four faces are there, parse and cover
    /// Vietnamese; None otherwise (a PC with only some faces prints every face in Tinos, so a
    /// page never mixes two families).
    fn times_new_roman_in(folder: &std::path::Path) -> Option<PrintFonts> {
        let mut faces = Vec::with_capacity(4);
        for name in TIMES_FILES {
            let bytes = std::fs::read(folder.join(name)).ok()?;
            let parsed = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())?;
            if VIETNAMESE_SAMPLE
                .chars()
                .any(|c| parsed.lookup_glyph_index(c as u32).is_none())
            {
                return None;
            }
            faces.push(PrintFont::from_parsed(parsed));
        }
        let faces: [PrintFont; 4] = faces.try_into().ok()?;
        Some(PrintFonts { faces })
    }
}

impl PrintFont {
    fn parse(bytes: &[u8]) -> PrintFont {
        // The fonts are compiled into the executable and a unit test parses all four, so a
        // failure here is a broken build, not something a user can cause.
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .expect("the bundled Tinos fonts parse");
        PrintFont::from_parsed(parsed)
    }

    fn from_parsed(parsed: ParsedFont) -> PrintFont {
        let metrics = &parsed.pdf_font_metrics;
        let units_per_em = f32::from(metrics.units_per_em);
        let ascent_em = f32::from(metrics.ascender) / units_per_em;
        let descent_em = -f32::from(metrics.descender) / units_per_em;
        let mut font = PrintFont {
            parsed,
            advances: Vec::new(),
            units_per_em,
            ascent_em,
            descent_em,
        };
        font.advances = (0..CACHED_CHARS)
            .map(|code| font.advance_uncached(code))
            .collect();
        font
    }

    /// The parsed face, for embedding in the PDF.
    pub fn parsed(&self) -> &ParsedFont {
        &self.parsed
    }

    fn advance_uncached(&self, code: u32) -> u16 {
        // A character the font lacks is drawn as glyph 0 (.notdef) by printpdf; measure that.
        let glyph = self.parsed.lookup_glyph_index(code).unwrap_or(0);
        let units = f32::from(self.parsed.get_horizontal_advance(glyph));
        (units * 1000.0 / self.units_per_em) as u16
    }

    fn advance(&self, c: char) -> u16 {
        match self.advances.get(c as usize) {
            Some(&advance) => advance,
            None => self.advance_uncached(c as u32),
        }
    }

    /// Width of `text` set at `size_pt`, in millimetres.
    pub fn width_mm(&self, text: &str, size_pt: f32) -> f32 {
        let thousandths: u32 = text.chars().map(|c| u32::from(self.advance(c))).sum();
        thousandths as f32 / 1000.0 * size_pt * MM_PER_PT
    }

    /// Height above the baseline that the face reserves (hhea ascender), in millimetres.
    pub fn ascent_mm(&self, size_pt: f32) -> f32 {
        self.ascent_em * size_pt * MM_PER_PT
    }

    /// Depth below the baseline that the face reserves (hhea descender), in millimetres.
    pub fn descent_mm(&self, size_pt: f32) -> f32 {
        self.descent_em * size_pt * MM_PER_PT
    }

    /// Greedy word wrap: every line at most `width_mm` wide. "\n" forces a break.
    pub fn wrap(&self, text: &str, size_pt: f32, width_mm: f32) -> Vec<String> {
        self.wrap_indented(text, size_pt, width_mm, width_mm)
    }

    /// Wraps into as few lines as [`PrintFont::wrap`] but as narrow as possible, so a centred
    /// title breaks into even lines instead of a full line and a lone last word.
    pub fn wrap_balanced(&self, text: &str, size_pt: f32, width_mm: f32) -> Vec<String> {
        let greedy = self.wrap(text, size_pt, width_mm);
        let widest_word = text
            .split_whitespace()
            .map(|word| self.width_mm(word, size_pt))
            .fold(0.0, f32::max);
        if greedy.len() < 2 || widest_word > width_mm {
            return greedy;
        }
        // The narrowest width keeping the line count lies between the widest word and the
        // full width; a few halvings find it to a hundredth of a millimetre.
        let (mut too_narrow, mut enough) = (widest_word, width_mm);
        while enough - too_narrow > 0.01 {
            let middle = (too_narrow + enough) / 2.0;
            if self.wrap(text, size_pt, middle).len() <= greedy.len() {
                enough = middle;
            } else {
                too_narrow = middle;
            }
        }
        self.wrap(text, size_pt, enough)
    }

    /// Greedy word wrap where the first line has its own width (a first-line indent, or a
    /// "- " that the following lines hang under). Runs of spaces collapse to one. A word
    /// wider than its line is broken between characters, so no line is ever too wide unless
    /// a single character is.
    pub fn wrap_indented(
        &self,
        text: &str,
        size_pt: f32,
        first_width_mm: f32,
        rest_width_mm: f32,
    ) -> Vec<String> {
        let mut wrapper = Wrapper {
            font: self,
            size_pt,
            space_mm: self.width_mm(" ", size_pt),
            limit_mm: first_width_mm,
            rest_width_mm,
            lines: Vec::new(),
            line: String::new(),
            line_mm: 0.0,
        };
        if text.trim().is_empty() {
            return Vec::new();
        }
        for (index, piece) in text.split('\n').enumerate() {
            if index > 0 {
                wrapper.break_line();
            }
            for word in piece.split_whitespace() {
                wrapper.push_word(word);
            }
        }
        wrapper.break_line();
        wrapper.lines
    }
}

/// The state of one greedy wrap.
struct Wrapper<'f> {
    font: &'f PrintFont,
    size_pt: f32,
    space_mm: f32,
    /// Width available to the line being filled.
    limit_mm: f32,
    rest_width_mm: f32,
    lines: Vec<String>,
    line: String,
    line_mm: f32,
}

/// Rounding slack, so a text measured at exactly the width still fits.
const FIT_EPSILON_MM: f32 = 1e-3;

impl Wrapper<'_> {
    fn push_word(&mut self, word: &str) {
        let word_mm = self.font.width_mm(word, self.size_pt);
        if !self.line.is_empty() {
            if self.line_mm + self.space_mm + word_mm <= self.limit_mm + FIT_EPSILON_MM {
                self.line.push(' ');
                self.line.push_str(word);
                self.line_mm += self.space_mm + word_mm;
                return;
            }
            self.break_line();
        }
        if word_mm <= self.limit_mm + FIT_EPSILON_MM {
            self.line.push_str(word);
            self.line_mm = word_mm;
        } else {
            self.push_long_word(word);
        }
    }

    /// Breaks a word wider than a whole line (it starts on an empty one): after a "-" or "/"
    /// where that fits ("100/QĐ-" + "SCT"), else between characters, never before a
    /// combining mark. The last piece stays open for the next words.
    fn push_long_word(&mut self, word: &str) {
        let mut rest = word;
        loop {
            let rest_mm = self.font.width_mm(rest, self.size_pt);
            if rest_mm <= self.limit_mm + FIT_EPSILON_MM {
                self.line.push_str(rest);
                self.line_mm = rest_mm;
                return;
            }
            let cut = self.break_point(rest);
            self.line.push_str(&rest[..cut]);
            self.break_line();
            rest = &rest[cut..];
        }
    }

    /// Byte length of the longest head of `word` that fits the line: ending in "-" or "/" if
    /// there is such a head, else any; at least one character so the wrap moves on.
    fn break_point(&self, word: &str) -> usize {
        let mut width = 0.0;
        let mut fits = None;
        let mut fits_at_punctuation = None;
        for (index, c) in word.char_indices() {
            if index > 0 && canonical_combining_class(c) == 0 {
                fits = Some(index);
            }
            width += self.font.width_mm(c.encode_utf8(&mut [0; 4]), self.size_pt);
            if width > self.limit_mm + FIT_EPSILON_MM {
                break;
            }
            if matches!(c, '-' | '/') {
                fits_at_punctuation = Some(index + c.len_utf8());
            }
        }
        let first_char = word.chars().next().map_or(word.len(), char::len_utf8);
        fits_at_punctuation.or(fits).unwrap_or(first_char)
    }

    /// Ends the current line (an empty one too: a forced break may leave a blank line).
    fn break_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
        self.line_mm = 0.0;
        self.limit_mm = self.rest_width_mm;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regular() -> &'static PrintFont {
        print_fonts().face(Face::Regular)
    }

    /// A fonts folder holding the bundled faces under Times New Roman's file names.
    fn fonts_folder(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (face, name) in Face::ALL.into_iter().zip(TIMES_FILES) {
            if files.contains(&name) {
                std::fs::write(dir.path().join(name), face_bytes(face)).expect("font file");
            }
        }
        dir
    }

    #[test]
    fn the_systems_times_new_roman_is_taken_only_whole_and_vietnamese() {
        let whole = fonts_folder(&TIMES_FILES);
        let fonts = PrintFonts::times_new_roman_in(whole.path()).expect("all four faces");
        assert_eq!(
            fonts.face(Face::Bold).width_mm("Đề án", 14.0),
            print_fonts().face(Face::Bold).width_mm("Đề án", 14.0)
        );
        // A missing face: the bundled family for every face.
        let partial = fonts_folder(&TIMES_FILES[..3]);
        assert!(PrintFonts::times_new_roman_in(partial.path()).is_none());
        // A file that is not a font.
        let broken = fonts_folder(&TIMES_FILES);
        std::fs::write(broken.path().join("timesi.ttf"), b"not a font").expect("write");
        assert!(PrintFonts::times_new_roman_in(broken.path()).is_none());
        // Linux has no Windows fonts folder to prefer.
        assert_eq!(system_fonts_folder().is_some(), cfg!(windows));
    }

    #[test]
    fn all_faces_parse_and_cover_vietnamese() {
        for face in Face::ALL {
            let font = print_fonts().face(face);
            for c in "ĂÂĐÊÔƠƯăâđêôơưẠẢẤẦẨẪẬắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ".chars()
            {
                assert!(
                    font.parsed.lookup_glyph_index(c as u32).is_some(),
                    "{face:?} lacks {c}"
                );
            }
        }
    }

    #[test]
    fn cached_advances_are_the_widths_the_pdf_declares() {
        // printpdf's /W array uses the decoded glyph's advance; the cache uses hmtx directly.
        let font = regular();
        for c in "Nguyễn Thị Ngọc Ánh 0123456789,.;:- ".chars() {
            let glyph = font.parsed.lookup_glyph_index(c as u32).unwrap_or(0);
            let decoded = font
                .parsed
                .get_or_decode_glyph(glyph)
                .map(|g| g.horz_advance)
                .unwrap_or(0);
            let declared = (f32::from(decoded) * 1000.0 / font.units_per_em) as u16;
            assert_eq!(font.advance(c), declared, "{c:?}");
        }
    }

    #[test]
    fn times_metrics() {
        // Times New Roman: the space is 0,25 em and the digits 0,5 em.
        let font = regular();
        assert!((font.width_mm(" ", 72.0) - 0.25 * 25.4).abs() < 0.05);
        assert!((font.width_mm("0", 72.0) - 0.5 * 25.4).abs() < 0.05);
        assert!(font.width_mm("Độc lập", 14.0) > font.width_mm("Độc lập", 13.0));
    }

    #[test]
    fn wrap_fills_lines_greedily_and_never_overflows() {
        let font = regular();
        let text = "Hỗ trợ xây dựng mô hình trình diễn kỹ thuật để phổ biến công nghệ mới, \
                    sản xuất sản phẩm mới cho các cơ sở công nghiệp nông thôn";
        let lines = font.wrap(text, 14.0, 60.0);
        assert!(lines.len() > 2);
        for (index, line) in lines.iter().enumerate() {
            assert!(font.width_mm(line, 14.0) <= 60.0 + FIT_EPSILON_MM, "{line}");
            if let Some(next) = lines.get(index + 1) {
                let first_next = next.split(' ').next().unwrap_or_default();
                let longer = format!("{line} {first_next}");
                assert!(
                    font.width_mm(&longer, 14.0) > 60.0,
                    "{line} could take {first_next}"
                );
            }
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn wrap_breaks_a_word_longer_than_the_line() {
        let font = regular();
        let lines = font.wrap("Mã: ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 11.0, 15.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(font.width_mm(line, 11.0) <= 15.0 + FIT_EPSILON_MM, "{line}");
        }
        assert_eq!(
            lines.concat().replace(' ', ""),
            "Mã:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        );
    }

    #[test]
    fn wrap_breaks_a_long_word_after_a_hyphen_or_slash_first() {
        let font = regular();
        let width = font.width_mm("100/QĐ-SC", 11.0);
        assert_eq!(font.wrap("100/QĐ-SCT", 11.0, width), ["100/QĐ-", "SCT"]);
        let width = font.width_mm("100/QĐ", 11.0);
        assert_eq!(
            font.wrap("100/QĐ-SCT ngày", 11.0, width),
            ["100/", "QĐ-", "SCT", "ngày"]
        );
    }

    #[test]
    fn balanced_wrap_evens_out_a_centred_title() {
        let font = print_fonts().face(Face::Bold);
        let title = "KẾT QUẢ THỰC HIỆN CÁC ĐỀ ÁN KHUYẾN CÔNG NĂM 2026 TRÊN ĐỊA BÀN TỈNH THANH HÓA";
        let greedy = font.wrap(title, 14.0, 200.0);
        let balanced = font.wrap_balanced(title, 14.0, 200.0);
        assert_eq!(greedy.len(), 2);
        assert_eq!(balanced.len(), 2);
        assert_eq!(balanced.join(" "), title);
        let widths = |lines: &[String]| {
            lines
                .iter()
                .map(|l| font.width_mm(l, 14.0))
                .collect::<Vec<_>>()
        };
        let (g, b) = (widths(&greedy), widths(&balanced));
        assert!((b[0] - b[1]).abs() < (g[0] - g[1]).abs());
        assert!(b.iter().all(|w| *w <= 200.0));
    }

    #[test]
    fn wrap_honours_forced_breaks_and_the_first_line_width() {
        let font = regular();
        assert_eq!(
            font.wrap("SỞ CÔNG\nTHƯƠNG", 13.0, 100.0),
            ["SỞ CÔNG", "THƯƠNG"]
        );
        assert!(font.wrap("   ", 13.0, 100.0).is_empty());
        let words = "một hai ba bốn năm sáu bảy tám chín mười";
        let lines = font.wrap_indented(words, 14.0, 20.0, 200.0);
        assert_eq!(lines.len(), 2);
        assert!(font.width_mm(&lines[0], 14.0) <= 20.0);
    }
}
