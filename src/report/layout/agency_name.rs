//! Where an agency name breaks in the letterhead's left column. Offices break it between
//! phrases — "TRUNG TÂM KHUYẾN CÔNG / THANH HÓA", "ỦY BAN NHÂN DÂN / TỈNH THANH HÓA" — never
//! inside a word of two syllables ("KHUYẾN / CÔNG"), and into lines of even width. A width-only
//! balance gets the first wrong half the time, so the name is cut into phrases first.

/// Words of two or more syllables found in agency names, never broken. Upper case, NFC.
const COMPOUNDS: &[&str] = &[
    "ỦY BAN NHÂN DÂN",
    "TRUNG TÂM",
    "KHUYẾN CÔNG",
    "CÔNG THƯƠNG",
    "NHÂN DÂN",
    "ỦY BAN",
    "XÚC TIẾN",
    "THƯƠNG MẠI",
    "ĐẦU TƯ",
    "TƯ VẤN",
    "PHÁT TRIỂN",
    "CÔNG NGHIỆP",
    "NÔNG THÔN",
    "NÔNG NGHIỆP",
    "KHOA HỌC",
    "CÔNG NGHỆ",
    "DỊCH VỤ",
    "HỖ TRỢ",
    "DOANH NGHIỆP",
    "KINH TẾ",
    "QUẢN LÝ",
    "MÔI TRƯỜNG",
    "TÀI NGUYÊN",
    "KỸ THUẬT",
    "CHI CỤC",
    "VĂN PHÒNG",
    "HẠ TẦNG",
    "TIẾT KIỆM",
    "NĂNG LƯỢNG",
    "SẢN XUẤT",
    "SẠCH HƠN",
    "CHUYỂN ĐỔI",
    "ĐỔI MỚI",
    "SÁNG TẠO",
    "KHU VỰC",
    "TỔNG HỢP",
    "HÀNH CHÍNH",
    "THÔNG TIN",
    "KẾ HOẠCH",
    "TÀI CHÍNH",
    "LAO ĐỘNG",
    "THƯƠNG BINH",
    "XÃ HỘI",
    "TIỂU THỦ CÔNG NGHIỆP",
];

/// Words that start the name of a place: the place runs from them to the end of the name.
const PLACE_MARKERS: &[&str] = &[
    "THÀNH PHỐ",
    "THỊ XÃ",
    "THỊ TRẤN",
    "ĐẶC KHU",
    "TỈNH",
    "HUYỆN",
    "QUẬN",
    "PHƯỜNG",
    "XÃ",
];

/// What a break costs beyond the width of the widest line, in millimetres: a break between
/// two phrases of the same noun group reads worse than one before the place or after "VÀ".
const PHRASE_BREAK_MM: f32 = 3.0;
/// Before "VÀ" ("… KHUYẾN CÔNG / VÀ XÚC TIẾN …", seen in real letterheads) is a phrase
/// boundary, but after it reads better.
const BEFORE_AND_MM: f32 = PHRASE_BREAK_MM;
/// More lines than this and the name is left to the plain wrap.
const MOST_LINES: usize = 4;

#[derive(Debug, Clone, PartialEq)]
struct Phrase {
    text: String,
    /// The place the agency serves ("TỈNH THANH HÓA", "THANH HÓA"): a break before it is free.
    place: bool,
}

/// `name` with "\n" where it should break to fit `width` mm, given how wide a text is; a
/// name the user already broke, or one that fits, is returned as it is.
pub(super) fn break_agency_name(name: &str, width: f32, width_of: impl Fn(&str) -> f32) -> String {
    if name.contains('\n') || width_of(name) <= width {
        return name.to_owned();
    }
    let phrases = phrases(name);
    for line_count in 2..=MOST_LINES.min(phrases.len()) {
        if let Some(lines) = best_breaks(&phrases, line_count, width, &width_of) {
            return lines.join("\n");
        }
    }
    name.to_owned()
}

/// The name cut into phrases that are never broken.
fn phrases(name: &str) -> Vec<Phrase> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut phrases = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let bare = |n: usize| -> Option<String> {
            (at + n <= words.len()).then(|| {
                words[at..at + n]
                    .join(" ")
                    .trim_end_matches([',', ';'])
                    .to_owned()
            })
        };
        let marker_words = PLACE_MARKERS
            .iter()
            .map(|marker| marker.split(' ').count())
            .find(|&n| bare(n).is_some_and(|text| PLACE_MARKERS.contains(&text.as_str())));
        if let Some(n) = marker_words
            && at + n < words.len()
        {
            phrases.push(Phrase {
                text: words[at..].join(" "),
                place: true,
            });
            break;
        }
        let length = COMPOUNDS
            .iter()
            .map(|compound| compound.split(' ').count())
            .filter(|&n| {
                bare(n).is_some_and(|text| COMPOUNDS.contains(&text.as_str()))
                    // Only the last word of a compound may carry the comma.
                    && !words[at..at + n - 1].iter().any(|w| w.ends_with(','))
            })
            .max()
            .unwrap_or(1);
        phrases.push(Phrase {
            text: words[at..at + length].join(" "),
            place: false,
        });
        at += length;
    }
    // Words after the last known phrase are the place's name ("… KHUYẾN CÔNG THANH HÓA").
    let known =
        |p: &Phrase| p.place || p.text.contains(' ') || p.text == "VÀ" || p.text.ends_with(',');
    if let Some(last_known) = phrases.iter().rposition(known)
        && last_known + 1 < phrases.len()
        && !phrases[last_known].place
    {
        let place: Vec<String> = phrases
            .drain(last_known + 1..)
            .map(|phrase| phrase.text)
            .collect();
        phrases.push(Phrase {
            text: place.join(" "),
            place: true,
        });
    }
    phrases
}

/// The cost of breaking before `phrases[at]`.
fn break_cost(phrases: &[Phrase], at: usize) -> f32 {
    let before = &phrases[at - 1];
    let after = &phrases[at];
    if after.text == "VÀ" {
        BEFORE_AND_MM
    } else if after.place || before.text == "VÀ" || before.text.ends_with(',') {
        0.0
    } else {
        PHRASE_BREAK_MM
    }
}

/// The cheapest way to set `phrases` on `line_count` lines that all fit `width`.
fn best_breaks(
    phrases: &[Phrase],
    line_count: usize,
    width: f32,
    width_of: &impl Fn(&str) -> f32,
) -> Option<Vec<String>> {
    let mut best: Option<(f32, Vec<String>)> = None;
    let mut breaks = Vec::with_capacity(line_count - 1);
    search(phrases, 1, line_count - 1, &mut breaks, &mut |breaks| {
        let mut starts = vec![0];
        starts.extend_from_slice(breaks);
        starts.push(phrases.len());
        let lines: Vec<String> = starts
            .windows(2)
            .map(|pair| {
                phrases[pair[0]..pair[1]]
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let widest = lines.iter().map(|l| width_of(l)).fold(0.0, f32::max);
        if widest > width {
            return;
        }
        let cost = widest
            + breaks
                .iter()
                .map(|&at| break_cost(phrases, at))
                .sum::<f32>();
        if best.as_ref().is_none_or(|(cheapest, _)| cost < *cheapest) {
            best = Some((cost, lines));
        }
    });
    best.map(|(_, lines)| lines)
}

/// Calls `visit` with every increasing choice of `left` break positions from `from` on.
fn search(
    phrases: &[Phrase],
    from: usize,
    left: usize,
    breaks: &mut Vec<usize>,
    visit: &mut impl FnMut(&[usize]),
) {
    if left == 0 {
        visit(breaks);
        return;
    }
    for at in from..phrases.len() {
        breaks.push(at);
        search(phrases, at + 1, left - 1, breaks, visit);
        breaks.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::page::Face;
    use crate::report::print_font::print_fonts;

    /// The letterhead's agency style: 13 pt bold, in a column 66 mm wide.
    fn broken(name: &str) -> String {
        let font = print_fonts().face(Face::Bold);
        break_agency_name(name, 66.0, |text| font.width_mm(text, 13.0))
    }

    #[test]
    fn names_break_between_phrases_never_inside_a_compound() {
        assert_eq!(
            broken("TRUNG TÂM KHUYẾN CÔNG THANH HÓA"),
            "TRUNG TÂM KHUYẾN CÔNG\nTHANH HÓA"
        );
        assert_eq!(
            broken("ỦY BAN NHÂN DÂN TỈNH THANH HÓA"),
            "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA"
        );
        // Too long for two lines at 13 pt: three, each a run of whole phrases.
        assert_eq!(
            broken("TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP"),
            "TRUNG TÂM\nKHUYẾN CÔNG VÀ TƯ VẤN\nPHÁT TRIỂN CÔNG NGHIỆP"
        );
        for name in [
            "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI TỈNH VĨNH LONG",
            "SỞ CÔNG THƯƠNG TỈNH THANH HÓA",
            "TRUNG TÂM KHUYẾN CÔNG TỈNH THANH HÓA",
        ] {
            let lines = broken(name);
            for compound in [
                "KHUYẾN CÔNG",
                "CÔNG THƯƠNG",
                "NHÂN DÂN",
                "THƯƠNG MẠI",
                "XÚC TIẾN",
                "VĨNH LONG",
                "THANH HÓA",
            ] {
                if name.contains(compound) {
                    assert!(
                        lines.lines().any(|line| line.contains(compound)),
                        "{compound} broken in {lines:?}"
                    );
                }
            }
            let font = print_fonts().face(Face::Bold);
            assert!(
                lines.lines().all(|line| font.width_mm(line, 13.0) <= 66.0),
                "{lines:?}"
            );
            assert!(
                !lines.lines().any(|line| line.ends_with(" TỈNH")),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn a_name_that_fits_or_that_the_user_broke_is_kept() {
        assert_eq!(broken("SỞ CÔNG THƯƠNG"), "SỞ CÔNG THƯƠNG");
        assert_eq!(
            broken("TRUNG TÂM\nKHUYẾN CÔNG THANH HÓA"),
            "TRUNG TÂM\nKHUYẾN CÔNG THANH HÓA"
        );
    }
}
