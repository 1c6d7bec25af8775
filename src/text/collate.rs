//! Vietnamese alphabetical order for sorting names and titles.
//!
//! Byte order puts "Đức" after "Zô" and "Ánh" after "Yến"; this module implements the order
//! Vietnamese readers expect:
//!
//! * **Primary** — the base letters, in the alphabet
//!   `a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z`
//!   (ă â đ ê ô ơ ư are letters of their own). Whitespace (runs collapsed, ends trimmed) sorts
//!   before punctuation and symbols (by code point), which sort before digits, which sort before
//!   letters. Any other letter or number (Greek, CJK, …) sorts after z, by lowercase code point.
//! * **Secondary** — the tone of each word, left to right:
//!   ngang < huyền < hỏi < ngã < sắc < nặng. The tone belongs to the word, whichever vowel
//!   carries it, so "Thủy" and "Thuỷ" are equal.
//! * Then non-Vietnamese diacritics (ü, ç, …): a string without them first; the earlier mark wins.
//! * **Tertiary** — case, character by character: lowercase before uppercase.
//!
//! The key is a byte string, so it can also be stored as an SQLite BLOB and used in `ORDER BY`.

use std::cmp::Ordering;

use unicode_normalization::char::{
    canonical_combining_class, decompose_canonical, is_combining_mark,
};

use super::fold::is_ignorable;

/// Version of the key layout; persisted keys must be recomputed when it changes.
pub const SORT_KEY_VERSION: u32 = 1;

/// Precomputed collation key: comparing two keys (bytewise) gives the Vietnamese order of their strings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SortKey(Box<[u8]>);

impl SortKey {
    /// The raw key bytes, e.g. to store in an SQLite BLOB column (memcmp order is preserved).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Rebuilds a key from bytes previously obtained from [`SortKey::as_bytes`] (same [`SORT_KEY_VERSION`]).
    pub fn from_bytes(bytes: impl Into<Box<[u8]>>) -> Self {
        Self(bytes.into())
    }
}

impl AsRef<[u8]> for SortKey {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Computes the collation key of `s` (NFC or NFD input); compare keys instead of strings when sorting many rows.
pub fn sort_key(s: &str) -> SortKey {
    let mut builder = KeyBuilder::with_capacity(s.len());
    if s.is_ascii() {
        // ASCII is its own NFD, and has no combining marks.
        builder.feed(s.chars());
    } else {
        let mut decomposed = Vec::with_capacity(s.len() + 8);
        nfd_into(s, &mut decomposed);
        builder.feed(decomposed.into_iter());
    }
    builder.finish()
}

/// Appends the NFD of `s` to `out` (faster than the streaming `nfd()` adaptor for short strings).
///
/// Full canonical decomposition of each character, then every run of non-starters is stably
/// sorted by canonical combining class, which is exactly the canonical ordering algorithm.
fn nfd_into(s: &str, out: &mut Vec<char>) {
    for c in s.chars() {
        if c < '\u{00C0}' {
            // Nothing below U+00C0 has a canonical decomposition.
            out.push(c);
        } else {
            decompose_canonical(c, |d| out.push(d));
        }
    }
    let class = |c: char| {
        if c < '\u{0300}' {
            0
        } else {
            canonical_combining_class(c)
        }
    };
    let mut i = 0;
    while i < out.len() {
        if class(out[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < out.len() && class(out[i]) != 0 {
            i += 1;
        }
        if i - start > 1 {
            out[start..i].sort_by_key(|&c| class(c));
        }
    }
}

/// Compares two strings in Vietnamese alphabetical order (computes both keys; prefer [`sort_key`] in bulk).
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

// ---- Key layout ------------------------------------------------------------------------------
//
// primary ++ [0] ++ secondary ++ [0] ++ marks ++ [0] ++ tertiary
//
// Every primary/secondary/marks token starts with a non-zero byte, so a string whose level is a
// prefix of another's sorts first, and tokens of two keys stay aligned while they are equal.
// Strings with equal primary levels have the same number of primary tokens and words, which the
// secondary and tertiary levels rely on.

/// Separates the levels; lower than every token's first byte.
const LEVEL_SEPARATOR: u8 = 0x00;
/// Primary weight of a (collapsed) run of whitespace.
const W_SPACE: u8 = 0x01;
/// Primary weight of the first ASCII punctuation character; the 32 of them use 0x02..=0x21.
const W_ASCII_PUNCT: u8 = 0x02;
/// Escape for non-ASCII punctuation/symbols, followed by the 3-byte code point.
const W_OTHER_PUNCT: u8 = 0x22;
/// Primary weight of '0'; digits use 0x23..=0x2C.
const W_DIGIT: u8 = 0x23;
/// Primary weight of 'a'; the 33 letters of the alphabet use 0x2D..=0x4D.
const W_LETTER: u8 = 0x2D;
/// Escape for any other letter or number, followed by the 3-byte code point of its lowercase.
const W_OTHER: u8 = 0x4E;

/// Letter indices in the Vietnamese alphabet (a ă â b c d đ e ê f … z).
const L_A: u8 = 0;
const L_A_BREVE: u8 = 1;
const L_A_CIRC: u8 = 2;
const L_D_STROKE: u8 = 6;
const L_E: u8 = 7;
const L_E_CIRC: u8 = 8;
const L_O: u8 = 18;
const L_O_CIRC: u8 = 19;
const L_O_HORN: u8 = 20;
const L_U: u8 = 26;
const L_U_HORN: u8 = 27;

/// Alphabet index of each ASCII letter a..=z.
const ASCII_LETTER_INDEX: [u8; 26] = [
    0,  // a
    3,  // b
    4,  // c
    5,  // d
    7,  // e
    9,  // f
    10, // g
    11, // h
    12, // i
    13, // j
    14, // k
    15, // l
    16, // m
    17, // n
    18, // o
    21, // p
    22, // q
    23, // r
    24, // s
    25, // t
    26, // u
    28, // v
    29, // w
    30, // x
    31, // y
    32, // z
];

/// Secondary weights of the six tones.
const TONE_NGANG: u8 = 1;
const TONE_HUYEN: u8 = 2;
const TONE_HOI: u8 = 3;
const TONE_NGA: u8 = 4;
const TONE_SAC: u8 = 5;
const TONE_NANG: u8 = 6;

/// Combining marks that turn a base letter into another Vietnamese letter.
const BREVE: char = '\u{0306}';
const CIRCUMFLEX: char = '\u{0302}';
const HORN: char = '\u{031B}';

/// Tone weight of a combining mark, if it is one of the five Vietnamese tone marks.
const fn tone_of(mark: char) -> Option<u8> {
    match mark {
        '\u{0300}' => Some(TONE_HUYEN),
        '\u{0309}' => Some(TONE_HOI),
        '\u{0303}' => Some(TONE_NGA),
        '\u{0301}' => Some(TONE_SAC),
        '\u{0323}' => Some(TONE_NANG),
        _ => None,
    }
}

/// The letter that `mark` turns `letter` into (a+breve → ă, o+horn → ơ, …), if any.
const fn modified_letter(letter: u8, mark: char) -> Option<u8> {
    match (letter, mark) {
        (L_A, BREVE) => Some(L_A_BREVE),
        (L_A, CIRCUMFLEX) => Some(L_A_CIRC),
        (L_E, CIRCUMFLEX) => Some(L_E_CIRC),
        (L_O, CIRCUMFLEX) => Some(L_O_CIRC),
        (L_O, HORN) => Some(L_O_HORN),
        (L_U, HORN) => Some(L_U_HORN),
        _ => None,
    }
}

/// Rank of an ASCII punctuation byte among the 32 ASCII punctuation characters, by code point.
const fn ascii_punct_rank(b: u8) -> u8 {
    match b {
        b'!'..=b'/' => b - b'!',
        b':'..=b'@' => 15 + (b - b':'),
        b'['..=b'`' => 22 + (b - b'['),
        b'{'..=b'~' => 28 + (b - b'{'),
        // Not reached: controls and whitespace are handled before classification.
        _ => 31,
    }
}

/// What a base (non-mark) character contributes at the primary level.
#[derive(Clone, Copy)]
enum Base {
    /// A letter of the Vietnamese alphabet, by index; marks may still modify it.
    Letter(u8),
    /// An ASCII digit.
    Digit(u8),
    /// Another letter or number, by the code point of its lowercase.
    Other(char),
    /// ASCII punctuation, by rank.
    AsciiPunct(u8),
    /// Non-ASCII punctuation or symbol, by code point.
    OtherPunct(char),
}

impl Base {
    /// Letters and numbers form words (which carry tones); punctuation separates them.
    const fn is_word(self) -> bool {
        matches!(self, Self::Letter(_) | Self::Digit(_) | Self::Other(_))
    }
}

/// Classifies a non-whitespace, non-mark character; returns the base and whether it is uppercase.
fn classify(c: char) -> (Base, bool) {
    if c.is_ascii() {
        let b = c as u8;
        return match b {
            b'a'..=b'z' => (
                Base::Letter(ASCII_LETTER_INDEX[usize::from(b - b'a')]),
                false,
            ),
            b'A'..=b'Z' => (
                Base::Letter(ASCII_LETTER_INDEX[usize::from(b - b'A')]),
                true,
            ),
            b'0'..=b'9' => (Base::Digit(b - b'0'), false),
            _ => (Base::AsciiPunct(ascii_punct_rank(b)), false),
        };
    }
    match c {
        // Ð/ð (U+00D0/U+00F0) are look-alikes of Đ/đ left behind by legacy encodings.
        'đ' | 'ð' => (Base::Letter(L_D_STROKE), false),
        'Đ' | 'Ð' => (Base::Letter(L_D_STROKE), true),
        _ if c.is_alphanumeric() => {
            let mut lower = c.to_lowercase();
            let single = match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            };
            (Base::Other(single), c.is_uppercase())
        }
        _ => (Base::OtherPunct(c), false),
    }
}

/// `is_combining_mark` with a fast exit for the common characters below U+0300.
#[inline]
fn is_mark(c: char) -> bool {
    c >= '\u{0300}' && is_combining_mark(c)
}

/// Appends the low 24 bits of a code point, big-endian (all code points fit in 21 bits).
fn push_code_point(out: &mut Vec<u8>, c: char) {
    let [_, b2, b1, b0] = u32::from(c).to_be_bytes();
    out.extend_from_slice(&[b2, b1, b0]);
}

/// Accumulates the levels of a key while walking the NFD characters of a string.
struct KeyBuilder {
    primary: Vec<u8>,
    secondary: Vec<u8>,
    marks: Vec<u8>,
    /// One bit per primary token (1 = uppercase), most significant bit first.
    tertiary: Vec<u8>,
    tokens: usize,
    pending_space: bool,
    in_word: bool,
    word_tone: Option<u8>,
}

impl KeyBuilder {
    fn with_capacity(len: usize) -> Self {
        Self {
            primary: Vec::with_capacity(len + 8),
            secondary: Vec::new(),
            marks: Vec::new(),
            tertiary: Vec::with_capacity(len / 8 + 1),
            tokens: 0,
            pending_space: false,
            in_word: false,
            word_tone: None,
        }
    }

    fn feed(&mut self, chars: impl Iterator<Item = char>) {
        let mut chars = chars.peekable();
        while let Some(c) = chars.next() {
            if is_ignorable(c) || (c.is_control() && !c.is_whitespace()) {
                continue;
            }
            if c.is_whitespace() {
                self.end_word();
                if self.tokens > 0 {
                    self.pending_space = true;
                }
                continue;
            }
            if is_mark(c) {
                // A mark with no base (at the start, after a space, …).
                self.push_mark(c);
                continue;
            }
            if self.pending_space {
                self.pending_space = false;
                self.push_token(&[W_SPACE], false);
            }

            let (mut base, upper) = classify(c);
            if base.is_word() {
                if !self.in_word {
                    self.in_word = true;
                    self.word_tone = None;
                }
            } else {
                self.end_word();
            }

            let mut modified = false;
            while let Some(&mark) = chars.peek() {
                if !is_mark(mark) {
                    break;
                }
                chars.next();
                if let Base::Letter(letter) = base
                    && !modified
                    && let Some(new_letter) = modified_letter(letter, mark)
                {
                    base = Base::Letter(new_letter);
                    modified = true;
                } else if let Some(tone) = tone_of(mark)
                    && self.in_word
                    && self.word_tone.is_none()
                {
                    self.word_tone = Some(tone);
                } else {
                    self.push_mark(mark);
                }
            }

            match base {
                Base::Letter(index) => self.push_token(&[W_LETTER + index], upper),
                Base::Digit(digit) => self.push_token(&[W_DIGIT + digit], false),
                Base::AsciiPunct(rank) => self.push_token(&[W_ASCII_PUNCT + rank], false),
                Base::Other(ch) => self.push_escaped(W_OTHER, ch, upper),
                Base::OtherPunct(ch) => self.push_escaped(W_OTHER_PUNCT, ch, false),
            }
        }
        self.end_word();
    }

    fn push_token(&mut self, weight: &[u8], upper: bool) {
        self.primary.extend_from_slice(weight);
        self.push_case_bit(upper);
    }

    fn push_escaped(&mut self, escape: u8, c: char, upper: bool) {
        self.primary.push(escape);
        push_code_point(&mut self.primary, c);
        self.push_case_bit(upper);
    }

    fn push_case_bit(&mut self, upper: bool) {
        let bit = self.tokens % 8;
        if bit == 0 {
            self.tertiary.push(0);
        }
        if upper && let Some(last) = self.tertiary.last_mut() {
            *last |= 0x80 >> bit;
        }
        self.tokens += 1;
    }

    /// Records a non-Vietnamese (or surplus) mark on the token being built: position, then code point.
    fn push_mark(&mut self, mark: char) {
        // Earlier marks must sort higher, so store the position reversed. Capping keeps the
        // first byte non-zero; strings longer than 65 279 characters share the last position.
        let position = u16::try_from(self.tokens).unwrap_or(u16::MAX).min(0xFEFF);
        let [hi, lo] = (0xFFFF - position).to_be_bytes();
        self.marks.extend_from_slice(&[hi, lo]);
        push_code_point(&mut self.marks, mark);
    }

    fn end_word(&mut self) {
        if self.in_word {
            self.in_word = false;
            self.secondary
                .push(self.word_tone.take().unwrap_or(TONE_NGANG));
        }
    }

    fn finish(mut self) -> SortKey {
        // Trailing ngang words are implied: keys compared at this level have the same word count
        // and ngang is the smallest tone, so dropping them keeps the order and saves bytes.
        while self.secondary.last() == Some(&TONE_NGANG) {
            self.secondary.pop();
        }
        let mut key = self.primary;
        key.reserve_exact(3 + self.secondary.len() + self.marks.len() + self.tertiary.len());
        key.push(LEVEL_SEPARATOR);
        key.extend_from_slice(&self.secondary);
        key.push(LEVEL_SEPARATOR);
        key.extend_from_slice(&self.marks);
        key.push(LEVEL_SEPARATOR);
        key.extend_from_slice(&self.tertiary);
        SortKey(key.into_boxed_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn assert_order(sorted: &[&str]) {
        for pair in sorted.windows(2) {
            assert_eq!(
                compare(pair[0], pair[1]),
                Ordering::Less,
                "{:?} should sort before {:?}",
                pair[0],
                pair[1]
            );
            assert_eq!(compare(pair[1], pair[0]), Ordering::Greater);
        }
    }

    fn sorted(input: &[&str]) -> Vec<String> {
        let mut v: Vec<&str> = input.to_vec();
        v.sort_by_cached_key(|s| sort_key(s));
        v.into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn alphabet_order() {
        assert_order(&[
            "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
            "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
        ]);
        assert_order(&[
            "A", "Ă", "Â", "B", "C", "D", "Đ", "E", "Ê", "F", "G", "H", "I", "J", "K", "L", "M",
            "N", "O", "Ô", "Ơ", "P", "Q", "R", "S", "T", "U", "Ư", "V", "W", "X", "Y", "Z",
        ]);
    }

    #[test]
    fn spec_examples() {
        assert_order(&["a", "ă", "â", "b"]);
        assert_order(&["Dương", "Đặng", "Em"]);
        assert_order(&["Anh", "Ánh"]);
        assert_order(&["o", "ô", "ơ"]);
        assert_order(&["U", "Ư", "V"]);
        assert_eq!(compare("Thủy", "Thuỷ"), Ordering::Equal);
        assert_eq!(sort_key("Thủy"), sort_key("Thuỷ"));
    }

    #[test]
    fn spec_name_list() {
        let input = [
            "Bình", "An", "Ân", "Ăn", "Đức", "Dũng", "Zô", "Ơn", "Ô", "Oanh", "Uyên", "Ưng", "Vân",
        ];
        let expected = [
            "An", "Ăn", "Ân", "Bình", "Dũng", "Đức", "Oanh", "Ô", "Ơn", "Uyên", "Ưng", "Vân", "Zô",
        ];
        assert_eq!(sorted(&input), expected);
    }

    #[test]
    fn tone_order() {
        assert_order(&["ma", "mà", "mả", "mã", "má", "mạ"]);
        assert_order(&["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]);
        // With marked base letters too.
        assert_order(&["bâng", "bầng", "bẩng", "bẫng", "bấng", "bậng"]);
    }

    #[test]
    fn primary_before_tone() {
        // Tones only matter when all base letters are equal.
        assert_order(&["Ánh", "Anha"]);
        assert_order(&["mạ", "mb"]);
        assert_order(&["bạn", "bàng"]);
    }

    #[test]
    fn tones_compared_word_by_word() {
        assert_order(&["Văn An", "Văn Án", "Vằn An", "Vằn Án"]);
        assert_order(&["Nguyen Van", "Nguyễn Van", "Nguyễn Văn"]);
    }

    #[test]
    fn tone_position_within_word_is_irrelevant() {
        for (a, b) in [
            ("Thủy", "Thuỷ"),
            ("Hòa", "Hoà"),
            ("Khỏe", "Khoẻ"),
            ("Thụy", "Thuỵ"),
        ] {
            assert_eq!(compare(a, b), Ordering::Equal, "{a} vs {b}");
        }
        assert_order(&["Thuy", "Thùy", "Thuỷ", "Thụy"]);
    }

    #[test]
    fn nfd_and_nfc_give_same_key() {
        for s in [
            "Nguyễn Văn Đức",
            "Thủy",
            "Ưng Hoàng Phúc",
            "ĐẶNG THỊ NGỌC ÁNH",
            "Ậu Ợ Ự Ữ",
        ] {
            assert_eq!(sort_key(&nfd(s)), sort_key(s), "{s}");
        }
        // Non-canonical mark order (tone typed before the circumflex) is normalised too.
        assert_eq!(sort_key("e\u{0301}\u{0302}"), sort_key("ế"));
        assert_eq!(sort_key("u\u{0323}\u{031B}"), sort_key("ự"));
    }

    #[test]
    fn nfd_into_matches_reference_nfd() {
        for s in [
            "Nguyễn Văn Đức",
            "e\u{0301}\u{0302}\u{0323}",
            "u\u{0323}\u{031B}x\u{0301}\u{0316}\u{0300}",
            "Ậu Ợ Ự Ữ ḗ ǖ",
            "한국어 Ω Å K",
            "\u{0301}\u{0323}a",
            "",
        ] {
            let mut fast = Vec::new();
            nfd_into(s, &mut fast);
            let reference: Vec<char> = s.nfd().collect();
            assert_eq!(fast, reference, "{s:?}");
        }
    }

    #[test]
    fn case_is_last_resort() {
        assert_order(&["an", "aN", "An", "AN"]);
        assert_order(&["an", "An", "ăn"]);
        assert_order(&["nguyễn", "Nguyễn", "nguyệt"]);
        // Tone beats case.
        assert_order(&["Nguyên", "nguyễn"]);
        assert_order(&["đ", "Đ", "e"]);
        assert_eq!(compare("Nguyễn", "Nguyễn"), Ordering::Equal);
    }

    #[test]
    fn digits_punctuation_spaces() {
        assert_order(&["9", "a"]);
        assert_order(&["0", "1", "9"]);
        assert_order(&["-", "0"]);
        assert_order(&["!", "-", "/", ":", "@", "[", "_", "~", "“", "0"]);
        assert_order(&["a b", "a-b", "a0", "ab"]);
        assert_order(&["An Bình", "Anh"]);
        assert_order(&["10", "9a"]);
    }

    #[test]
    fn whitespace_collapsed_and_trimmed() {
        assert_eq!(compare("  An   Bình ", "An Bình"), Ordering::Equal);
        assert_eq!(compare("An\u{00A0}Bình", "An Bình"), Ordering::Equal);
        assert_eq!(compare("An\tBình", "An Bình"), Ordering::Equal);
        assert_eq!(compare("", "   "), Ordering::Equal);
        assert_eq!(compare("Ng\u{200B}uyễn", "Nguyễn"), Ordering::Equal);
    }

    #[test]
    fn prefix_sorts_first() {
        assert_order(&["", "A", "An", "Anh", "Anh Ba"]);
        assert_order(&["Lê", "Lê Văn"]);
        assert_order(&["Lế", "Lê Văn"]);
    }

    #[test]
    fn other_characters_after_z() {
        assert_order(&["z", "zz", "ß", "α", "北"]);
        assert_order(&["Zô", "Ωmega"]);
        assert_order(&["α", "Α", "β"]);
    }

    #[test]
    fn foreign_diacritics() {
        assert_order(&["Muller", "Müller", "Mullers"]);
        assert_order(&["u a", "ü a"]);
        assert_order(&["u ä", "ü a"]);
        assert_order(&["Francois", "François", "Francoisa"]);
        // Circumflex on a letter that has no Vietnamese circumflex form stays a plain letter.
        assert_order(&["c", "ĉ", "d"]);
        // A tone mark is a tone even on a consonant (ñ = n + ngã).
        assert_order(&["Pena", "Peña", "Peñá"]);
    }

    #[test]
    fn orphan_marks_do_not_panic() {
        let odd = [
            "\u{0301}",
            " \u{0300}a",
            "a \u{0303}",
            "-\u{0301}",
            "\u{0301}\u{0301}\u{0301}",
        ];
        for s in odd {
            let _ = sort_key(s);
        }
        assert_order(&["a", "\u{0301}a"]);
    }

    #[test]
    fn legacy_eth_sorts_as_d_stroke() {
        assert_eq!(compare("ÐẶNG", "ĐẶNG"), Ordering::Equal);
        assert_order(&["Dương", "Ðặng", "Em"]);
    }

    #[test]
    fn control_characters_ignored() {
        assert_eq!(compare("An\u{0007}h", "Anh"), Ordering::Equal);
    }

    #[test]
    fn keys_are_compact() {
        let key = sort_key("Nguyễn Thị Minh Khai");
        // 20 primary bytes + 3 separators + 2 tone bytes + 3 case bytes.
        assert_eq!(key.as_bytes().len(), 28);
        assert_eq!(sort_key("").as_bytes(), &[0, 0, 0]);
    }

    #[test]
    fn key_bytes_roundtrip_and_memcmp() {
        let a = sort_key("Đặng");
        let b = sort_key("Hoàng");
        let a2 = SortKey::from_bytes(a.as_bytes().to_vec());
        assert_eq!(a, a2);
        assert!(a.as_bytes() < b.as_bytes());
        assert_eq!(a.as_ref(), a.as_bytes());
    }

    #[test]
    fn longer_realistic_list() {
        let input = [
            "Trần Văn Đạt",
            "trần văn đạt",
            "Trần Văn Dũng",
            "Trần Văn Đạt ",
            "Trần Vân Anh",
            "Trần Văn Anh",
            "Trần Ánh",
            "Trần Anh",
            "Trầm Anh",
            "Tran Anh",
        ];
        // Note: "Trầm"/"Trần" are spelled with â, so they come after every "Tra…".
        let expected = [
            "Tran Anh",
            "Trầm Anh",
            "Trần Anh",
            "Trần Ánh",
            "Trần Văn Anh",
            "Trần Văn Dũng",
            "trần văn đạt",
            "Trần Văn Đạt",
            "Trần Văn Đạt ",
            "Trần Vân Anh",
        ];
        assert_eq!(sorted(&input), expected);
    }

    #[test]
    fn ordering_is_consistent() {
        // Antisymmetry and transitivity on a mixed sample, checked against a full sort.
        let sample = [
            "An", "an", "Ân", "ăn", "Ánh", "Anh", "Đức", "Dũng", "du", "Thủy", "Thuỷ", "thuy",
            "Zô", "9", "-", "", " a", "Müller", "北京", "Ơn", "ơn", "Ưng", "U", "V",
        ];
        let keys: Vec<SortKey> = sample.iter().map(|s| sort_key(s)).collect();
        for (i, a) in sample.iter().enumerate() {
            for (j, b) in sample.iter().enumerate() {
                assert_eq!(compare(a, b), keys[i].cmp(&keys[j]));
                assert_eq!(compare(a, b), compare(b, a).reverse());
            }
        }
    }
}
