//! The narrative prefilled from the figures: sentences staff would otherwise type from the
//! spreadsheet, in the administrative style ("… triệu đồng, đạt 80,0 % kế hoạch"). Staff rewrite
//! any of it; what they write is kept.

use crate::domain::funding_source::FundingSource;
use crate::domain::money::basis_points;
use crate::domain::report::figures::{ReportFigures, SourceFigures};
use crate::domain::report::report_kind::ReportKind;
use crate::text::date::format_date_in_document;
use crate::text::lower_first;
use crate::text::number::{
    MillionsDecimals, format_integer, format_millions_to, format_percent_basis_points,
};

/// An amount in triệu đồng as a sentence writes it, with the report's one number of decimals
/// so the text and the tables agree: "1.234,500" (3), "262,5" (1), "1.235" (0).
pub fn millions_phrase(dong: i64, decimals: MillionsDecimals) -> String {
    // Rounded once, half away from zero, straight to the printed step.
    let step = i128::from(decimals.step_dong());
    let steps = (i128::from(dong).abs() + step / 2) / step * i128::from(dong.signum());
    let thousandths = steps * i128::from(decimals.step_thousandths());
    format_millions_to(i64::try_from(thousandths).unwrap_or(i64::MAX), decimals)
}

fn percent(part: i64, whole: i64) -> Option<String> {
    basis_points(part, whole).map(format_percent_basis_points)
}

/// "KCQG 2.100 triệu đồng, KCĐP 10.245 triệu đồng" for the sources with money in `pick`.
fn by_source(
    figures: &ReportFigures,
    pick: fn(&SourceFigures) -> i64,
    d: MillionsDecimals,
) -> String {
    FundingSource::ALL
        .into_iter()
        .map(|s| (s, pick(&figures.source(s))))
        .filter(|(_, v)| *v != 0)
        .map(|(s, v)| format!("{} {} triệu đồng", s.label(), millions_phrase(v, d)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A new draft of `kind` for `year`, dated `today`, with the unit's defaults and the narrative
/// prefilled from `figures`.
pub fn new_draft(
    kind: ReportKind,
    year: i32,
    today: chrono::NaiveDate,
    defaults: &crate::domain::report::ReportDefaults,
    figures: &ReportFigures,
) -> crate::domain::report::SavedReport {
    crate::domain::report::SavedReport::new(
        kind,
        year,
        today,
        defaults,
        default_sections(figures, defaults.millions_decimals),
    )
}

/// The five sections' prefilled text, one paragraph per line; amounts with `decimals`.
pub fn default_sections(figures: &ReportFigures, decimals: MillionsDecimals) -> Vec<String> {
    match figures.kind {
        ReportKind::Registration => registration_sections(figures, decimals),
        _ => implementation_sections(figures, decimals),
    }
}

/// How the year-to-date figures are introduced: the period itself when it starts with the
/// year, "Lũy kế từ đầu năm …" when the report also gives a quarter alone.
fn year_to_date(f: &ReportFigures) -> String {
    let to = format_date_in_document(f.period_to);
    match f.kind {
        ReportKind::Year => format!("Năm {}", f.year),
        _ if f.has_own_period() => format!("Lũy kế từ đầu năm đến ngày {to}"),
        _ => format!(
            "{} (số liệu đến ngày {to})",
            capitalised(&f.kind.period_phrase(f.year))
        ),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "… triệu đồng", or nothing when the amount is 0 (a "0 triệu đồng" clause says nothing).
fn clause(label: &str, dong: i64, dec: MillionsDecimals) -> Option<String> {
    (dong != 0).then(|| format!("{label} {} triệu đồng", millions_phrase(dong, dec)))
}

/// What is left of the plan once the approvals are counted, in words: never a bare negative
/// remainder.
fn remainder(planned: i64, allocated: i64, dec: MillionsDecimals) -> String {
    match planned - allocated {
        0 if planned == 0 => String::new(),
        0 => "; đã phân bổ hết kế hoạch".into(),
        left if left > 0 => format!(
            "; còn {} triệu đồng chưa phân bổ",
            millions_phrase(left, dec)
        ),
        over => format!(
            "; kinh phí đã phân bổ vượt kế hoạch được giao {} triệu đồng, cần bổ sung dự toán \
             hoặc điều chỉnh đề án",
            millions_phrase(-over, dec)
        ),
    }
}

/// The plan's changes in words, the net adjustment under `[up, down]` and the carry-over;
/// nothing for what did not change.
fn plan_changes(
    figures: &SourceFigures,
    [up, down]: [&str; 2],
    dec: MillionsDecimals,
) -> Vec<String> {
    let adjusted = match figures.adjusted {
        a if a > 0 => clause(up, a, dec),
        a => clause(down, -a, dec),
    };
    adjusted
        .into_iter()
        .chain(clause(
            "chuyển nguồn, hủy dự toán",
            figures.carried_over,
            dec,
        ))
        .collect()
}

/// The quarter alone: approvals, payments and plan changes made within the period.
fn period_alone(f: &ReportFigures, dec: MillionsDecimals) -> Option<String> {
    if !f.has_own_period() {
        return None;
    }
    let q = f.period_total();
    let mut parts = Vec::new();
    match (q.project_count, q.allocated) {
        (0, 0) => parts.push("không phê duyệt thêm đề án".to_owned()),
        (n, a) if a >= 0 => parts.push(format!(
            "phê duyệt mới {} đề án với kinh phí hỗ trợ {} triệu đồng",
            format_integer(n as i64),
            millions_phrase(a, dec)
        )),
        (n, a) => parts.push(format!(
            "phê duyệt mới {} đề án; kinh phí đã phân bổ giảm {} triệu đồng do hủy hoặc điều \
             chỉnh đề án",
            format_integer(n as i64),
            millions_phrase(-a, dec)
        )),
    }
    parts.push(match q.disbursed {
        0 => "không phát sinh giải ngân".to_owned(),
        d if d > 0 => format!("giải ngân {} triệu đồng", millions_phrase(d, dec)),
        d => format!(
            "số đã giải ngân giảm {} triệu đồng do thu hồi",
            millions_phrase(-d, dec)
        ),
    });
    parts.extend(plan_changes(
        &q,
        ["kế hoạch được bổ sung", "kế hoạch điều chỉnh giảm"],
        dec,
    ));
    Some(format!(
        "Trong {} (từ ngày {} đến ngày {}): {}.",
        f.kind.period_phrase(f.year),
        format_date_in_document(f.period_from),
        format_date_in_document(f.period_to),
        parts.join("; ")
    ))
}

fn implementation_sections(f: &ReportFigures, dec: MillionsDecimals) -> Vec<String> {
    let t = f.total();
    let mut first = Vec::new();
    first.extend(period_alone(f, dec));
    first.push(format!(
        "{}, tổng kinh phí khuyến công được giao là {} triệu đồng{}.",
        year_to_date(f),
        millions_phrase(t.planned, dec),
        match by_source(f, |s| s.planned, dec) {
            s if s.is_empty() => String::new(),
            s => format!(", trong đó {s}"),
        }
    ));
    if t.adjusted != 0 || t.carried_over != 0 {
        let mut parts = vec![format!(
            "Kế hoạch giao đầu năm {} triệu đồng",
            millions_phrase(t.initial, dec)
        )];
        parts.extend(plan_changes(
            &t,
            ["bổ sung", "điều chỉnh giảm, thu hồi"],
            dec,
        ));
        first.push(format!("{}.", parts.join("; ")));
    }
    first.push(if t.project_count == 0 && t.allocated == 0 {
        "Chưa có đề án nào được phê duyệt.".to_owned()
    } else {
        format!(
            "Đã phê duyệt {} đề án với tổng kinh phí hỗ trợ {} triệu đồng{}{}.",
            format_integer(t.project_count as i64),
            millions_phrase(t.allocated, dec),
            match by_source(f, |s| s.allocated, dec) {
                s if s.is_empty() => String::new(),
                s => format!(" ({s})"),
            },
            remainder(t.planned, t.allocated, dec)
        )
    });

    let mut second = Vec::new();
    let mut n = 0;
    for (code, name) in &f.contents {
        let lines: Vec<_> = f
            .projects
            .iter()
            .filter(|p| &p.content_code == code)
            .collect();
        if lines.is_empty() {
            continue;
        }
        n += 1;
        let support: i64 = lines.iter().map(|p| p.support).sum();
        let disbursed: i64 = lines.iter().map(|p| p.disbursed).sum();
        second.push(format!(
            "{n}. {name}: {} đề án, kinh phí hỗ trợ {} triệu đồng, {}.",
            lines.len(),
            millions_phrase(support, dec),
            match disbursed {
                0 => "chưa giải ngân".to_owned(),
                d => format!("đã giải ngân {} triệu đồng", millions_phrase(d, dec)),
            }
        ));
    }
    let rate_of_plan = percent(t.disbursed, t.planned);
    let rate_of_allocated = percent(t.disbursed, t.allocated);
    if t.disbursed == 0 {
        second.push("Về giải ngân: chưa giải ngân kinh phí khuyến công.".into());
    } else {
        let mut rates = Vec::new();
        if let Some(p) = &rate_of_plan {
            rates.push(format!("đạt {p} kế hoạch vốn được giao"));
        }
        if let Some(p) = &rate_of_allocated {
            rates.push(format!("bằng {p} kinh phí đã phân bổ cho các đề án"));
        }
        let mut sentence = format!(
            "Về giải ngân: đã giải ngân {} triệu đồng",
            millions_phrase(t.disbursed, dec)
        );
        if !rates.is_empty() {
            sentence.push_str(&format!(" ({})", rates.join(", ")));
        }
        if t.advanced != 0 {
            sentence.push_str(&format!(
                ", trong đó tạm ứng chưa thanh toán {} triệu đồng",
                millions_phrase(t.advanced, dec)
            ));
        }
        if t.settled != 0 {
            sentence.push_str(&format!(
                "; đã quyết toán {} triệu đồng",
                millions_phrase(t.settled, dec)
            ));
        }
        sentence.push('.');
        second.push(sentence);
    }
    if t.counterpart + t.other_funds > 0 {
        second.push(format!(
            "Vốn đối ứng của các cơ sở và nguồn huy động khác {} triệu đồng{}.",
            millions_phrase(t.counterpart + t.other_funds, dec),
            percent(t.counterpart + t.other_funds, t.allocated)
                .map(|p| format!(", bằng {p} kinh phí khuyến công hỗ trợ"))
                .unwrap_or_default()
        ));
    }
    let results: Vec<String> = f
        .indicators
        .iter()
        .filter(|i| i.total() > 0)
        .map(|i| {
            format!(
                "{}: {} {}",
                lower_first(&i.name),
                format_integer(i.total()),
                i.unit
            )
        })
        .collect();
    if !results.is_empty() {
        second.push(format!("Kết quả đạt được: {}.", results.join("; ")));
    }
    second.push("Chi tiết tại các phụ lục kèm theo.".into());

    let unfinished = f
        .projects
        .iter()
        .filter(|p| p.disbursed < p.support)
        .count();
    let finished = f.projects.len() - unfinished;
    let mut third = Vec::new();
    let mut achieved = Vec::new();
    if let Some(p) = &rate_of_plan {
        achieved.push(format!(
            "tỷ lệ giải ngân so với kế hoạch vốn được giao đạt {p}"
        ));
    }
    if finished > 0 {
        achieved.push(format!(
            "{} đề án đã giải ngân hết kinh phí hỗ trợ",
            format_integer(finished as i64)
        ));
    }
    if !achieved.is_empty() {
        third.push(format!("Kết quả: {}.", achieved.join("; ")));
    }
    let mut shortfalls = Vec::new();
    shortfalls.extend(clause(
        "còn kinh phí đã phân bổ chưa giải ngân",
        (t.allocated - t.disbursed).max(0),
        dec,
    ));
    if t.planned > t.allocated {
        shortfalls.extend(clause(
            "còn kế hoạch chưa phân bổ",
            t.planned - t.allocated,
            dec,
        ));
    } else if t.allocated > t.planned {
        shortfalls.extend(clause(
            "kinh phí đã phân bổ vượt kế hoạch được giao",
            t.allocated - t.planned,
            dec,
        ));
    }
    if !shortfalls.is_empty() {
        third.push(format!("Tồn tại, hạn chế: {}.", shortfalls.join("; ")));
    }
    if third.is_empty() {
        third.push("Các đề án được triển khai theo kế hoạch.".into());
    }
    let fourth = vec![if unfinished == 0 {
        "Hoàn thiện hồ sơ nghiệm thu, quyết toán các đề án đúng thời hạn.".to_owned()
    } else {
        format!(
            "Tiếp tục đôn đốc thực hiện, nghiệm thu và giải ngân {} đề án còn dở dang{}; hoàn \
             thiện hồ sơ quyết toán đúng thời hạn.",
            format_integer(unfinished as i64),
            clause(" với", (t.allocated - t.disbursed).max(0), dec).unwrap_or_default()
        )
    }];
    let fifth = vec![if t.planned > t.allocated && f.kind != ReportKind::Year {
        // Within the year the rest of the plan is still to be approved, not to be moved.
        format!(
            "Đề nghị các đơn vị đẩy nhanh tiến độ thẩm định, phê duyệt đề án để phân bổ {} \
             triệu đồng kế hoạch còn lại trong năm.",
            millions_phrase(t.planned - t.allocated, dec)
        )
    } else if t.planned > t.allocated {
        format!(
            "Đề nghị cho phép điều chỉnh {} triệu đồng chưa phân bổ sang các đề án đủ điều kiện.",
            millions_phrase(t.planned - t.allocated, dec)
        )
    } else if t.allocated > t.planned {
        format!(
            "Đề nghị bổ sung dự toán {} triệu đồng cho phần kinh phí đã phân bổ vượt kế hoạch \
             được giao.",
            millions_phrase(t.allocated - t.planned, dec)
        )
    } else {
        "Đề nghị tiếp tục bố trí kinh phí khuyến công để hỗ trợ các cơ sở công nghiệp nông thôn."
            .into()
    }];
    [first, second, third, fourth, fifth]
        .into_iter()
        .map(|lines| lines.join("\n"))
        .collect()
}

fn registration_sections(f: &ReportFigures, d: MillionsDecimals) -> Vec<String> {
    let t = f.total();
    let passed: Vec<_> = f.projects.iter().filter(|p| p.appraisal_passed).collect();
    let passed_support: i64 = passed.iter().map(|p| p.support).sum();
    vec![
        format!(
            "Thực hiện hướng dẫn đăng ký kế hoạch khuyến công năm {}, các đơn vị đã đăng ký {} đề \
             án với tổng kinh phí đề nghị hỗ trợ {} triệu đồng{}.",
            f.year,
            f.projects.len(),
            millions_phrase(t.allocated, d),
            match by_source(f, |s| s.allocated, d) {
                s if s.is_empty() => String::new(),
                s => format!(", trong đó {s}"),
            }
        ),
        format!(
            "Qua thẩm định cấp cơ sở, {} đề án đạt yêu cầu với kinh phí đề nghị hỗ trợ {} triệu \
             đồng; vốn đối ứng của các cơ sở {} triệu đồng.\nDanh mục chi tiết tại Phụ lục I kèm \
             theo.",
            passed.len(),
            millions_phrase(passed_support, d),
            millions_phrase(t.counterpart, d)
        ),
        "Các đề án đăng ký phù hợp với nội dung, đối tượng được hỗ trợ theo quy định.".into(),
        format!(
            "Tập trung hỗ trợ các nội dung đã đăng ký trong năm {}, ưu tiên các cơ sở có sản phẩm \
             công nghiệp nông thôn tiêu biểu.",
            f.year
        ),
        format!(
            "Đề nghị xem xét, phê duyệt kế hoạch khuyến công năm {} với {} đề án đạt thẩm định.",
            f.year,
            passed.len()
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::report::figures::SourceFigures;

    #[test]
    fn millions_are_written_with_the_reports_decimals() {
        let three = MillionsDecimals::default();
        let one = MillionsDecimals::new(1).expect("1");
        let none = MillionsDecimals::new(0).expect("0");
        assert_eq!(millions_phrase(12_345_000_000, three), "12.345,000");
        assert_eq!(millions_phrase(262_500_000, three), "262,500");
        assert_eq!(millions_phrase(75_000, three), "0,075");
        assert_eq!(millions_phrase(1_499, three), "0,001");
        assert_eq!(millions_phrase(0, three), "0,000");
        assert_eq!(millions_phrase(-500_000, three), "-0,500");
        assert_eq!(millions_phrase(262_500_000, one), "262,5");
        assert_eq!(millions_phrase(12_345_000_000, one), "12.345,0");
        assert_eq!(millions_phrase(262_500_000, none), "263");
        assert_eq!(millions_phrase(-400_000, none), "0");
        // Rounded once: 0,2496 triệu is 0,2, not 0,25 rounded again to 0,3.
        assert_eq!(millions_phrase(249_600, one), "0,2");
    }

    #[test]
    fn the_opening_sentence_states_plan_and_disbursement_by_source() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 14).expect("date");
        let source = |source, planned, disbursed| SourceFigures {
            initial: planned,
            planned,
            allocated: planned,
            disbursed,
            ..SourceFigures::empty(source)
        };
        let f = ReportFigures {
            kind: ReportKind::Year,
            year: 2026,
            period_from: day,
            period_to: day,
            sources: vec![
                source(FundingSource::Kcqg, 2_100_000_000, 2_000_000_000),
                source(FundingSource::Kcdp, 10_245_000_000, 7_876_000_000),
            ],
            before_period: None,
            projects: Vec::new(),
            contents: Vec::new(),
            indicators: Vec::new(),
            programme: None,
        };
        let s = default_sections(&f, MillionsDecimals::new(0).expect("0"));
        assert_eq!(s.len(), 5);
        assert!(s[0].starts_with(
            "Năm 2026, tổng kinh phí khuyến công được giao là 12.345 triệu đồng, trong đó KCQG \
             2.100 triệu đồng, KCĐP 10.245 triệu đồng."
        ));
        assert!(s[1].contains(
            "đã giải ngân 9.876 triệu đồng (đạt 80,0 % kế hoạch vốn được giao, bằng 80,0 % \
             kinh phí đã phân bổ cho các đề án)"
        ));
    }
}
