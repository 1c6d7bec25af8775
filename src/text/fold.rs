//! Normalisation and accent-insensitive search keys for Vietnamese text.
//!
//! [`fold`] turns a string into a search key ("Nguyễn Văn Đức" → "nguyen van duc") that is
//! computed once per row at load time; [`FoldedQuery`] folds the user's query once per
//! keystroke and then tests every row with plain substring searches, without allocating.

use std::sync::OnceLock;

use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Normalises text to Unicode NFC so that strings that look the same are stored the same.
pub fn nfc(s: &str) -> String {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_owned();
    }
    s.nfc().collect()
}

/// Builds the accent-, case- and whitespace-insensitive search key of `s`.
///
/// NFD, drop combining marks U+0300–U+036F, đ/Đ → d, lowercase, collapse whitespace runs to
/// one ASCII space and trim. Punctuation is kept, so "0101234567-001" still matches itself.
/// Invisible format characters (zero-width space/joiners, soft hyphen, BOM) are dropped, and
/// the look-alike Ð/ð (U+00D0/U+00F0, left behind by legacy Vietnamese encodings) fold to d.
pub fn fold(s: &str) -> String {
    if s.is_ascii() && ascii_needs_only_lowercase(s.as_bytes()) {
        return s.to_ascii_lowercase();
    }
    let mut folder = Folder::with_capacity(s.len());
    folder.push_str(s);
    if folder.kept_mark {
        // A combining mark outside U+0300–U+036F survived; its position after per-character
        // decomposition may differ from canonical order, so redo the work on the full NFD.
        let mut exact = Folder::with_capacity(s.len());
        for c in s.nfd() {
            exact.push_char(c);
        }
        return exact.out;
    }
    folder.out
}

/// Tells whether every whitespace-separated term of `query` occurs in an already folded haystack.
///
/// Convenience wrapper that folds the query on every call; in loops build a [`FoldedQuery`] once.
pub fn matches_terms(haystack_folded: &str, query: &str) -> bool {
    FoldedQuery::new(query).matches(haystack_folded)
}

/// A search query folded once, to be tested against many folded haystacks without allocating.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoldedQuery {
    terms: Vec<String>,
}

impl FoldedQuery {
    /// Folds `query` and splits it into terms (duplicates and terms implied by longer ones removed).
    pub fn new(query: &str) -> Self {
        let folded = fold(query);
        let mut candidates: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
        // Longest first: longer terms are usually the most selective, so rows fail fast.
        candidates.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        let mut terms: Vec<String> = Vec::with_capacity(candidates.len());
        for term in candidates {
            // A term contained in an already kept term is implied by it.
            if !terms.iter().any(|kept| kept.contains(term)) {
                terms.push(term.to_owned());
            }
        }
        Self { terms }
    }

    /// True when the query has no terms, i.e. it matches every row.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The folded terms that [`FoldedQuery::matches`] looks for (longest first).
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// True when every term occurs as a substring of `haystack_folded` (the output of [`fold`]).
    #[inline]
    pub fn matches(&self, haystack_folded: &str) -> bool {
        self.terms
            .iter()
            .all(|term| contains(haystack_folded, term))
    }
}

/// Substring test with a `memchr` fast path for one-byte terms.
#[inline]
fn contains(haystack: &str, term: &str) -> bool {
    match term.as_bytes() {
        [byte] => haystack.as_bytes().contains(byte),
        _ => haystack.contains(term),
    }
}

/// True for the combining marks that folding removes (Combining Diacritical Marks block).
#[inline]
const fn is_dropped_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// True for invisible characters that only get in the way of searching and sorting.
#[inline]
pub(crate) const fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// True when ASCII text has no whitespace to collapse or trim (single interior spaces only).
fn ascii_needs_only_lowercase(bytes: &[u8]) -> bool {
    let mut previous_was_space = true;
    for &b in bytes {
        if b == b' ' {
            if previous_was_space {
                return false;
            }
            previous_was_space = true;
        } else if is_ascii_whitespace_byte(b) {
            return false;
        } else {
            previous_was_space = false;
        }
    }
    !previous_was_space || bytes.is_empty()
}

/// Same whitespace set as `char::is_whitespace`, restricted to ASCII.
#[inline]
const fn is_ascii_whitespace_byte(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// First and last code points of the two precomposed Latin blocks covered by [`latin_fold`].
const LATIN_1_START: u32 = 0x00C0;
const LATIN_1_END: u32 = 0x024F;
const LATIN_EXT_START: u32 = 0x1E00;
const LATIN_EXT_END: u32 = 0x1EFF;
const LATIN_TABLE_LEN: usize =
    (LATIN_1_END - LATIN_1_START + 1 + LATIN_EXT_END - LATIN_EXT_START + 1) as usize;

/// Folded ASCII letter of a precomposed Latin letter (all of Vietnamese), from a table built once.
///
/// Returns `None` when the character is outside the table or does not fold to one ASCII letter.
#[inline]
fn latin_fold(c: char) -> Option<u8> {
    static TABLE: OnceLock<[u8; LATIN_TABLE_LEN]> = OnceLock::new();
    let cp = u32::from(c);
    let index = match cp {
        LATIN_1_START..=LATIN_1_END => cp - LATIN_1_START,
        LATIN_EXT_START..=LATIN_EXT_END => cp - LATIN_EXT_START + (LATIN_1_END - LATIN_1_START + 1),
        _ => return None,
    };
    let table = TABLE.get_or_init(|| {
        let mut table = [0u8; LATIN_TABLE_LEN];
        let code_points = (LATIN_1_START..=LATIN_1_END).chain(LATIN_EXT_START..=LATIN_EXT_END);
        for (slot, cp) in table.iter_mut().zip(code_points) {
            let Some(ch) = char::from_u32(cp) else {
                continue;
            };
            let mut folder = Folder::with_capacity(4);
            folder.push_char_uncached(ch);
            if let [b] = folder.out.as_bytes()
                && !folder.kept_mark
                && b.is_ascii_alphanumeric()
            {
                *slot = *b;
            }
        }
        table
    });
    match table.get(usize::try_from(index).ok()?) {
        Some(&b) if b != 0 => Some(b),
        _ => None,
    }
}

/// Incremental builder of a folded string.
struct Folder {
    out: String,
    pending_space: bool,
    /// Set when a combining mark with a non-zero combining class was copied to the output.
    kept_mark: bool,
}

impl Folder {
    fn with_capacity(capacity: usize) -> Self {
        Self {
            out: String::with_capacity(capacity),
            pending_space: false,
            kept_mark: false,
        }
    }

    /// Folds `s`, copying runs of ASCII in bulk and decomposing the other characters one by one.
    fn push_str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut word_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if is_ascii_whitespace_byte(b) {
                    self.push_ascii_word(&s[word_start..i]);
                    self.space();
                    word_start = i + 1;
                }
                i += 1;
                continue;
            }
            self.push_ascii_word(&s[word_start..i]);
            // `i` is at the first byte of a non-ASCII character.
            let mut rest = s[i..].chars();
            if let Some(c) = rest.next() {
                self.push_char(c);
                i += c.len_utf8();
            } else {
                break;
            }
            word_start = i;
        }
        self.push_ascii_word(&s[word_start..]);
    }

    /// Appends a run of ASCII characters without whitespace, lowercased.
    #[inline]
    fn push_ascii_word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.pending_space {
            self.out.push(' ');
            self.pending_space = false;
        }
        let from = self.out.len();
        self.out.push_str(word);
        self.out[from..].make_ascii_lowercase();
    }

    #[inline]
    fn push_ascii(&mut self, b: u8) {
        if is_ascii_whitespace_byte(b) {
            self.space();
        } else {
            self.push_visible(char::from(b.to_ascii_lowercase()));
        }
    }

    #[inline]
    fn space(&mut self) {
        if !self.out.is_empty() {
            self.pending_space = true;
        }
    }

    #[inline]
    fn push_visible(&mut self, c: char) {
        if self.pending_space {
            self.out.push(' ');
            self.pending_space = false;
        }
        self.out.push(c);
    }

    fn push_char(&mut self, c: char) {
        if c.is_ascii() {
            self.push_ascii(c as u8);
        } else if let Some(b) = latin_fold(c) {
            self.push_visible(char::from(b));
        } else {
            self.push_char_uncached(c);
        }
    }

    /// [`Folder::push_char`] without the precomputed Latin table (used to build that table).
    fn push_char_uncached(&mut self, c: char) {
        if c.is_ascii() {
            self.push_ascii(c as u8);
        } else if c.is_whitespace() {
            self.space();
        } else if !is_ignorable(c) {
            decompose_canonical(c, |d| self.push_decomposed(d));
        }
    }

    fn push_decomposed(&mut self, d: char) {
        if d.is_ascii() {
            self.push_ascii(d as u8);
            return;
        }
        if is_dropped_mark(d) {
            return;
        }
        match d {
            'đ' | 'Đ' | 'ð' | 'Ð' => self.push_visible('d'),
            _ => {
                for lower in d.to_lowercase() {
                    if is_dropped_mark(lower) {
                        continue;
                    }
                    if canonical_combining_class(lower) != 0 {
                        self.kept_mark = true;
                    }
                    self.push_visible(lower);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn nfc_composes_decomposed_input() {
        let decomposed = "Nguye\u{0302}\u{0303}n";
        assert_eq!(nfc(decomposed), "Nguyễn");
        assert_eq!(nfc("Nguyễn"), "Nguyễn");
        assert_eq!(nfc(""), "");
        assert_eq!(nfc("abc 123"), "abc 123");
    }

    #[test]
    fn nfc_reorders_marks() {
        // Dot below (ccc 220) typed after the circumflex (ccc 230) still composes to "ệ".
        assert_eq!(nfc("e\u{0302}\u{0323}"), "ệ");
        assert_eq!(nfc("e\u{0323}\u{0302}"), "ệ");
    }

    #[test]
    fn fold_basic_vietnamese() {
        assert_eq!(fold("Nguyễn Văn"), "nguyen van");
        assert_eq!(fold("ĐẶNG"), "dang");
        assert_eq!(fold("đường"), "duong");
        assert_eq!(fold("Trần Thị Bích Ngọc"), "tran thi bich ngoc");
        assert_eq!(fold("Ưu Ơn Ân Ăn Êm Ôm"), "uu on an an em om");
    }

    #[test]
    fn fold_tone_position_does_not_matter() {
        assert_eq!(fold("Thủy"), "thuy");
        assert_eq!(fold("Thuỷ"), "thuy");
        assert_eq!(fold("Hòa"), fold("Hoà"));
    }

    #[test]
    fn fold_nfd_equals_nfc() {
        for s in [
            "Nguyễn Văn Đức",
            "Thủy",
            "Thuỷ",
            "ĐẶNG THỊ NGỌC ÁNH",
            "Trường Tiểu học Hùng Vương",
            "Ấp Mỹ Hưng, xã Tân Phước",
        ] {
            assert_eq!(fold(&nfd(s)), fold(s), "{s}");
        }
    }

    #[test]
    fn fold_collapses_and_trims_whitespace() {
        assert_eq!(fold("  Nguyễn \t\n Văn  "), "nguyen van");
        assert_eq!(fold("An\u{00A0}\u{202F}Bình"), "an binh");
        assert_eq!(fold("   "), "");
        assert_eq!(fold(""), "");
        assert_eq!(fold("\u{3000}Lê\u{2003}Lợi\u{3000}"), "le loi");
    }

    #[test]
    fn fold_ascii_whitespace_edges() {
        assert_eq!(fold("a"), "a");
        assert_eq!(fold(" a"), "a");
        assert_eq!(fold("a "), "a");
        assert_eq!(fold("a  b"), "a b");
        assert_eq!(fold("A B"), "a b");
        assert_eq!(fold("a\tb"), "a b");
        assert_eq!(fold("a\u{000B}b"), "a b");
        assert_eq!(fold(" "), "");
        assert_eq!(fold("\r\n"), "");
    }

    #[test]
    fn fold_keeps_punctuation_and_digits() {
        assert_eq!(fold("0101234567-001"), "0101234567-001");
        assert_eq!(fold("Số 12/3, Đường A.B (Q.1)"), "so 12/3, duong a.b (q.1)");
        assert_eq!(fold("CÔNG_TY"), "cong_ty");
    }

    #[test]
    fn fold_ascii_fast_path_matches_general_path() {
        let ascii = "  Hello   WORLD\t42 ";
        assert_eq!(fold(ascii), "hello world 42");
        // Adding one non-ASCII character forces the general path; the rest must be identical.
        assert_eq!(fold("  Hello   WORLD\t42 é"), "hello world 42 e");
    }

    #[test]
    fn fold_drops_invisible_characters() {
        assert_eq!(fold("Ng\u{200B}uyễn"), "nguyen");
        assert_eq!(fold("\u{FEFF}An"), "an");
        assert_eq!(fold("Khuyến\u{00AD}công"), "khuyencong");
    }

    #[test]
    fn fold_legacy_eth_as_d() {
        assert_eq!(fold("ÐẶNG"), "dang");
        assert_eq!(fold("ðặng"), "dang");
    }

    #[test]
    fn fold_other_scripts_and_marks() {
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("François"), "francois");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("ΑΒΓ"), "αβγ");
        assert_eq!(fold("北京"), "北京");
    }

    #[test]
    fn fold_marks_outside_block_are_canonical() {
        // U+1DC4 (ccc 230) is kept; U+0323 (ccc 220) is dropped; order must not matter.
        let a = "a\u{1DC4}\u{0323}";
        let b = "a\u{0323}\u{1DC4}";
        assert_eq!(fold(a), fold(b));
        assert_eq!(fold("ạ\u{1DC4}"), fold(b));
    }

    #[test]
    fn latin_table_agrees_with_decomposition() {
        let ranges = [(0x00C0u32, 0x024Fu32), (0x1E00, 0x1EFF)];
        for (start, end) in ranges {
            for cp in start..=end {
                let Some(c) = char::from_u32(cp) else {
                    continue;
                };
                let mut slow = Folder::with_capacity(4);
                slow.push_char_uncached(c);
                let mut fast = Folder::with_capacity(4);
                fast.push_char(c);
                assert_eq!(fast.out, slow.out, "U+{cp:04X}");
            }
        }
        assert_eq!(latin_fold('ữ'), Some(b'u'));
        assert_eq!(latin_fold('Đ'), Some(b'd'));
        assert_eq!(latin_fold('ß'), None);
        assert_eq!(latin_fold('a'), None);
    }

    #[test]
    fn fold_is_idempotent() {
        for s in ["Nguyễn  Văn", "ĐẶNG", "0101234567-001", " x ", "Müller"] {
            let once = fold(s);
            assert_eq!(fold(&once), once);
        }
    }

    #[test]
    fn matches_terms_basic() {
        let hay = fold("Nguyễn Văn Đức 0101234567-001 Hà Nội");
        assert!(matches_terms(&hay, "nguyen duc"));
        assert!(matches_terms(&hay, "ĐỨC nguyễn"));
        assert!(matches_terms(&hay, "0101234567-001"));
        assert!(matches_terms(&hay, "1234567-0"));
        assert!(matches_terms(&hay, "ha noi"));
        assert!(matches_terms(&hay, "Hà   Nội"));
        assert!(!matches_terms(&hay, "nguyen tuan"));
        assert!(!matches_terms(&hay, "hanoi"));
    }

    #[test]
    fn matches_terms_empty_query_matches_everything() {
        assert!(matches_terms("", ""));
        assert!(matches_terms("abc", "   "));
        assert!(matches_terms("abc", "\u{200B}"));
        assert!(FoldedQuery::new("").is_empty());
    }

    #[test]
    fn matches_terms_single_byte_terms() {
        assert!(matches_terms("abc", "b"));
        assert!(matches_terms("abc", "B"));
        assert!(matches_terms("abc", "Ḃ"));
        assert!(!matches_terms("abc", "d"));
        assert!(!matches_terms("", "d"));
        assert!(matches_terms("a-b", "-"));
    }

    #[test]
    fn matches_terms_non_ascii_terms() {
        let hay = fold("北京 Müller");
        assert!(matches_terms(&hay, "北"));
        assert!(matches_terms(&hay, "muller"));
        assert!(!matches_terms(&hay, "南"));
    }

    #[test]
    fn folded_query_dedups_and_drops_implied_terms() {
        let q = FoldedQuery::new("an  An nguyen Nguyễn ng");
        assert_eq!(q.terms(), ["nguyen", "an"]);
        let q = FoldedQuery::new("b a");
        assert_eq!(q.terms(), ["a", "b"]);
    }

    #[test]
    fn folded_query_same_semantics_as_naive() {
        let rows = [
            "nguyen van an",
            "tran thi binh",
            "le an",
            "cong ty tnhh an phat 0101234567-001",
            "",
        ];
        let queries = ["an", "an nguyen", "ng an", "0101", "-001 an", "x", "", "n"];
        for q in queries {
            let fq = FoldedQuery::new(q);
            let naive_terms: Vec<String> = fold(q).split_whitespace().map(str::to_owned).collect();
            for row in rows {
                let naive = naive_terms.iter().all(|t| row.contains(t.as_str()));
                assert_eq!(fq.matches(row), naive, "query {q:?} row {row:?}");
            }
        }
    }
}
