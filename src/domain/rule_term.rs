//! Terms of the law the project rules count with — how many days after the acceptance the
//! settlement dossier is due, the day of the next year a KCQG project settles by, whether an
//! establishment is supported only once per content in a programme period — as dated data with
//! their source, like the support ceilings (DESIGN.md: law is data, a project is judged by the
//! terms in force on its approval date). Defaults ship in assets/danh_muc/tham_so_quy_dinh.csv.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a term governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RuleTermKey {
    /// Days after the acceptance by which the settlement dossier is due; a number of days.
    SettlementDaysAfterAcceptance,
    /// The day of the year after the plan year by which a KCQG project settles; a day and month.
    KcqgSettlementDeadline,
    /// An establishment is supported once per content in a programme period; on or off.
    OncePerContentPerProgramme,
}

impl RuleTermKey {
    pub const ALL: [RuleTermKey; 3] = [
        RuleTermKey::SettlementDaysAfterAcceptance,
        RuleTermKey::KcqgSettlementDeadline,
        RuleTermKey::OncePerContentPerProgramme,
    ];

    /// Stable stored code (the `ma` column).
    pub fn code(self) -> &'static str {
        match self {
            RuleTermKey::SettlementDaysAfterAcceptance => "so_ngay_quyet_toan_sau_nghiem_thu",
            RuleTermKey::KcqgSettlementDeadline => "han_quyet_toan_kcqg",
            RuleTermKey::OncePerContentPerProgramme => "mot_lan_ho_tro_moi_noi_dung",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<RuleTermKey> {
        RuleTermKey::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Vietnamese name, for messages that must say which term is missing.
    pub fn label(self) -> &'static str {
        match self {
            RuleTermKey::SettlementDaysAfterAcceptance => {
                "Số ngày hoàn thành hồ sơ quyết toán sau nghiệm thu"
            }
            RuleTermKey::KcqgSettlementDeadline => {
                "Hạn quyết toán đề án khuyến công quốc gia (ngày/tháng năm sau năm kế hoạch)"
            }
            RuleTermKey::OncePerContentPerProgramme => {
                "Mỗi cơ sở một lần hỗ trợ cho mỗi nội dung trong giai đoạn chương trình"
            }
        }
    }

    /// Reads a value as written in the `gia_tri` column; the key decides what it means. The error
    /// says, in Vietnamese, what was expected.
    pub fn parse_value(self, text: &str) -> Result<TermValue, String> {
        let text = text.trim();
        match self {
            RuleTermKey::SettlementDaysAfterAcceptance => text
                .parse()
                .map(TermValue::Days)
                .map_err(|_| format!("giá trị \"{text}\" phải là số ngày (số nguyên không âm)")),
            RuleTermKey::KcqgSettlementDeadline => parse_day_and_month(text),
            RuleTermKey::OncePerContentPerProgramme => match text {
                "1" => Ok(TermValue::OnOff(true)),
                "0" => Ok(TermValue::OnOff(false)),
                _ => Err(format!(
                    "giá trị \"{text}\" phải là 1 (áp dụng) hoặc 0 (không áp dụng)"
                )),
            },
        }
    }
}

/// "22/01" → 22 January. Refuses a day that some years lack (29/02), so a deadline computed from
/// the term exists in every year.
fn parse_day_and_month(text: &str) -> Result<TermValue, String> {
    let bad = || format!("giá trị \"{text}\" phải là ngày/tháng, ví dụ 22/01");
    let (day, month) = text.split_once('/').ok_or_else(bad)?;
    let day: u32 = day.trim().parse().map_err(|_| bad())?;
    let month: u32 = month.trim().parse().map_err(|_| bad())?;
    // 2001 is not a leap year: a day that exists in it exists in every year.
    if NaiveDate::from_ymd_opt(2001, month, day).is_none() {
        return Err(format!(
            "giá trị \"{text}\" không phải ngày/tháng có trong mọi năm"
        ));
    }
    Ok(TermValue::DayAndMonth { day, month })
}

/// What a term says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TermValue {
    /// A number of days.
    Days(u32),
    /// A day of the year.
    DayAndMonth { day: u32, month: u32 },
    /// A rule that applies (true) or not.
    OnOff(bool),
}

impl TermValue {
    /// The number of days, when the term is one.
    pub fn days(self) -> Option<u32> {
        match self {
            TermValue::Days(days) => Some(days),
            _ => None,
        }
    }

    /// (day, month), when the term is a day of the year.
    pub fn day_and_month(self) -> Option<(u32, u32)> {
        match self {
            TermValue::DayAndMonth { day, month } => Some((day, month)),
            _ => None,
        }
    }

    /// Whether the rule applies, when the term is on-off.
    pub fn is_on(self) -> Option<bool> {
        match self {
            TermValue::OnOff(on) => Some(on),
            _ => None,
        }
    }

    /// The value as the `gia_tri` column writes it ("15", "22/01", "1"); `parse_value` reads it
    /// back.
    pub fn text(self) -> String {
        match self {
            TermValue::Days(days) => days.to_string(),
            TermValue::DayAndMonth { day, month } => format!("{day:02}/{month:02}"),
            TermValue::OnOff(on) => String::from(if on { "1" } else { "0" }),
        }
    }
}

/// One dated term with its legal source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTerm {
    pub key: RuleTermKey,
    pub value: TermValue,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// Legal source, e.g. "TT 36/2013/TT-BCT Điều 18"; rules quote it in their warnings.
    pub source_document: String,
    /// The term in words, for whoever edits the table.
    pub note: String,
}

/// A row of the terms table that cannot be read. Display: "dòng 3: …", in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("dòng {line}: {message}")]
pub struct RuleTermError {
    /// Line of the file, counting the header as line 1.
    pub line: usize,
    pub message: String,
}

const HEADER: [&str; 6] = [
    "ma",
    "gia_tri",
    "hieu_luc_tu",
    "hieu_luc_den",
    "can_cu",
    "ghi_chu",
];

impl RuleTerm {
    /// Name of the shipped file, for messages about it.
    pub const SHIPPED_FILE: &str = "tham_so_quy_dinh.csv";

    /// True when the term is in force on `date` (both ends included).
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date <= end)
    }

    /// The term for `key` in force on `date`; when periods overlap, the one in force since the
    /// latest date (the newer text replaces the older).
    pub fn in_force(terms: &[RuleTerm], key: RuleTermKey, date: NaiveDate) -> Option<&RuleTerm> {
        terms
            .iter()
            .filter(|t| t.key == key && t.in_force_on(date))
            .max_by_key(|t| t.valid_from)
    }

    /// The defaults compiled into the program (assets/danh_muc/tham_so_quy_dinh.csv).
    pub fn shipped() -> Result<Vec<RuleTerm>, RuleTermError> {
        RuleTerm::parse_csv(crate::assets::RULE_TERMS)
    }

    /// Reads a terms table: a header row `ma,gia_tri,hieu_luc_tu,hieu_luc_den,can_cu,ghi_chu`,
    /// dates as yyyy-mm-dd. Stops at the first bad row and names its line.
    pub fn parse_csv(text: &str) -> Result<Vec<RuleTerm>, RuleTermError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header_error = || RuleTermError {
            line: 1,
            message: format!("tiêu đề cột phải là {}", HEADER.join(",")),
        };
        let header = reader.headers().map_err(|_| header_error())?;
        if !header.iter().map(str::trim).eq(HEADER) {
            return Err(header_error());
        }
        let mut terms = Vec::new();
        for (index, record) in reader.records().enumerate() {
            // The header is line 1. The reader's own count wins: a quoted note may span lines.
            let line_of = |pos: Option<&csv::Position>| {
                pos.and_then(|p| usize::try_from(p.line()).ok())
                    .unwrap_or(index + 2)
            };
            let record = record.map_err(|e| RuleTermError {
                line: line_of(e.position()),
                message: "không đọc được dòng này (kiểm tra dấu ngoặc kép)".into(),
            })?;
            let line = line_of(record.position());
            let fields: Vec<&str> = record.iter().map(str::trim).collect();
            terms.push(term_of_row(&fields).map_err(|message| RuleTermError { line, message })?);
        }
        Ok(terms)
    }
}

fn term_of_row(fields: &[&str]) -> Result<RuleTerm, String> {
    let [code, value, from, to, source, note] = fields else {
        return Err(format!(
            "cần {} cột ({}), có {}",
            HEADER.len(),
            HEADER.join(","),
            fields.len()
        ));
    };
    let key = RuleTermKey::from_code(code).ok_or_else(|| {
        let known: Vec<&str> = RuleTermKey::ALL.iter().map(|k| k.code()).collect();
        format!(
            "mã \"{code}\" không phải quy định nào đã biết ({})",
            known.join(", ")
        )
    })?;
    let value = key.parse_value(value)?;
    let valid_from = parse_date(from)?.ok_or("thiếu ngày hiệu lực (hieu_luc_tu)")?;
    let valid_to = parse_date(to)?;
    if valid_to.is_some_and(|end| end < valid_from) {
        return Err("ngày hết hiệu lực trước ngày hiệu lực".into());
    }
    if source.is_empty() {
        return Err("thiếu căn cứ (văn bản quy định, cột can_cu)".into());
    }
    Ok(RuleTerm {
        key,
        value,
        valid_from,
        valid_to,
        source_document: (*source).to_owned(),
        note: (*note).to_owned(),
    })
}

fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("ngày \"{text}\" phải viết dạng năm-tháng-ngày, ví dụ 2014-02-15"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn term(
        key: RuleTermKey,
        value: TermValue,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> RuleTerm {
        RuleTerm {
            key,
            value,
            valid_from: from,
            valid_to: to,
            source_document: "TT 36/2013/TT-BCT Điều 18".into(),
            note: String::new(),
        }
    }

    const HEAD: &str = "ma,gia_tri,hieu_luc_tu,hieu_luc_den,can_cu,ghi_chu\n";

    fn parse_error(rows: &str) -> RuleTermError {
        RuleTerm::parse_csv(&format!("{HEAD}{rows}")).expect_err("a bad row")
    }

    #[test]
    fn the_shipped_terms_parse_and_hold_the_known_law() {
        let terms = RuleTerm::shipped().expect("the shipped CSV parses");
        let on = date(2026, 3, 2);
        let days = RuleTerm::in_force(&terms, RuleTermKey::SettlementDaysAfterAcceptance, on)
            .expect("15-day rule");
        assert_eq!(days.value, TermValue::Days(15));
        assert_eq!(days.source_document, "TT 36/2013/TT-BCT Điều 18");
        let kcqg = RuleTerm::in_force(&terms, RuleTermKey::KcqgSettlementDeadline, on)
            .expect("22/01 rule");
        assert_eq!(kcqg.value, TermValue::DayAndMonth { day: 22, month: 1 });
        let once = RuleTerm::in_force(&terms, RuleTermKey::OncePerContentPerProgramme, on)
            .expect("once-per-content rule");
        assert_eq!(once.value, TermValue::OnOff(true));
        assert!(once.source_document.contains("NQ 08/2024/NQ-HĐND"));
        for key in RuleTermKey::ALL {
            assert!(terms.iter().any(|t| t.key == key), "{key:?} shipped");
        }
    }

    #[test]
    fn codes_round_trip_and_labels_are_vietnamese() {
        for key in RuleTermKey::ALL {
            assert_eq!(RuleTermKey::from_code(key.code()), Some(key));
            assert!(!key.label().is_ascii(), "{}", key.label());
        }
        assert_eq!(RuleTermKey::from_code("khong_co"), None);
    }

    #[test]
    fn values_are_read_by_what_the_key_means() {
        use RuleTermKey::*;
        assert_eq!(
            SettlementDaysAfterAcceptance.parse_value(" 30 "),
            Ok(TermValue::Days(30))
        );
        assert!(SettlementDaysAfterAcceptance.parse_value("-1").is_err());
        assert!(SettlementDaysAfterAcceptance.parse_value("22/01").is_err());
        assert_eq!(
            KcqgSettlementDeadline.parse_value("22/01"),
            Ok(TermValue::DayAndMonth { day: 22, month: 1 })
        );
        assert_eq!(
            KcqgSettlementDeadline.parse_value("31/12"),
            Ok(TermValue::DayAndMonth { day: 31, month: 12 })
        );
        for bad in ["29/02", "32/01", "22", "22/13", "a/b", ""] {
            assert!(KcqgSettlementDeadline.parse_value(bad).is_err(), "{bad}");
        }
        assert_eq!(
            OncePerContentPerProgramme.parse_value("0"),
            Ok(TermValue::OnOff(false))
        );
        assert!(OncePerContentPerProgramme.parse_value("có").is_err());
    }

    #[test]
    fn value_text_reads_back() {
        for (key, value) in [
            (
                RuleTermKey::SettlementDaysAfterAcceptance,
                TermValue::Days(15),
            ),
            (
                RuleTermKey::KcqgSettlementDeadline,
                TermValue::DayAndMonth { day: 2, month: 1 },
            ),
            (
                RuleTermKey::OncePerContentPerProgramme,
                TermValue::OnOff(false),
            ),
        ] {
            assert_eq!(key.parse_value(&value.text()), Ok(value), "{value:?}");
        }
        assert_eq!(TermValue::DayAndMonth { day: 2, month: 1 }.text(), "02/01");
    }

    #[test]
    fn a_value_answers_only_for_what_it_is() {
        assert_eq!(TermValue::Days(15).days(), Some(15));
        assert_eq!(TermValue::Days(15).day_and_month(), None);
        assert_eq!(TermValue::Days(15).is_on(), None);
        let deadline = TermValue::DayAndMonth { day: 22, month: 1 };
        assert_eq!(deadline.day_and_month(), Some((22, 1)));
        assert_eq!(deadline.days(), None);
        assert_eq!(TermValue::OnOff(false).is_on(), Some(false));
        assert_eq!(TermValue::OnOff(true).days(), None);
    }

    #[test]
    fn the_term_in_force_is_chosen_by_date_both_ends_included() {
        let key = RuleTermKey::SettlementDaysAfterAcceptance;
        let old = term(
            key,
            TermValue::Days(15),
            date(2014, 2, 15),
            Some(date(2026, 6, 30)),
        );
        let new = term(key, TermValue::Days(30), date(2026, 7, 1), None);
        let other = term(
            RuleTermKey::OncePerContentPerProgramme,
            TermValue::OnOff(true),
            date(2000, 1, 1),
            None,
        );
        let terms = [other, old.clone(), new.clone()];
        assert_eq!(RuleTerm::in_force(&terms, key, date(2014, 2, 14)), None);
        assert_eq!(
            RuleTerm::in_force(&terms, key, date(2014, 2, 15)),
            Some(&old)
        );
        assert_eq!(
            RuleTerm::in_force(&terms, key, date(2026, 6, 30)),
            Some(&old)
        );
        assert_eq!(
            RuleTerm::in_force(&terms, key, date(2026, 7, 1)),
            Some(&new)
        );
    }

    #[test]
    fn of_overlapping_terms_the_newer_one_governs() {
        let key = RuleTermKey::KcqgSettlementDeadline;
        let old = term(
            key,
            TermValue::DayAndMonth { day: 22, month: 1 },
            date(2014, 2, 15),
            None,
        );
        let new = term(
            key,
            TermValue::DayAndMonth { day: 31, month: 1 },
            date(2026, 1, 1),
            None,
        );
        let terms = [new.clone(), old.clone()];
        assert_eq!(
            RuleTerm::in_force(&terms, key, date(2025, 12, 31)),
            Some(&old)
        );
        assert_eq!(
            RuleTerm::in_force(&terms, key, date(2026, 1, 1)),
            Some(&new)
        );
    }

    #[test]
    fn a_good_table_parses_with_quotes_and_spaces() {
        let terms = RuleTerm::parse_csv(&format!(
            "{HEAD}so_ngay_quyet_toan_sau_nghiem_thu, 30 ,2027-01-01,2030-12-31,\"TT 99/2026/TT-BCT Điều 5, khoản 2\",\"Ghi chú, có dấu phẩy\"\n"
        ))
        .expect("parses");
        assert_eq!(
            terms,
            [RuleTerm {
                key: RuleTermKey::SettlementDaysAfterAcceptance,
                value: TermValue::Days(30),
                valid_from: date(2027, 1, 1),
                valid_to: Some(date(2030, 12, 31)),
                source_document: "TT 99/2026/TT-BCT Điều 5, khoản 2".into(),
                note: "Ghi chú, có dấu phẩy".into(),
            }]
        );
    }

    #[test]
    fn a_bad_row_is_named_by_its_line_in_vietnamese() {
        let good = "han_quyet_toan_kcqg,22/01,2014-02-15,,TT 36/2013/TT-BCT Điều 18,\n";
        let e = parse_error(&format!(
            "{good}so_ngay_quyet_toan_sau_nghiem_thu,mười lăm,2014-02-15,,TT 36/2013,\n"
        ));
        assert_eq!(e.line, 3);
        assert_eq!(
            e.to_string(),
            "dòng 3: giá trị \"mười lăm\" phải là số ngày (số nguyên không âm)"
        );
        for (row, part) in [
            ("khong_co,1,2014-02-15,,NQ 1,", "mã \"khong_co\" không phải"),
            (
                "han_quyet_toan_kcqg,29/02,2014-02-15,,NQ 1,",
                "có trong mọi năm",
            ),
            ("han_quyet_toan_kcqg,22/01,,,NQ 1,", "thiếu ngày hiệu lực"),
            (
                "han_quyet_toan_kcqg,22/01,15/02/2014,,NQ 1,",
                "năm-tháng-ngày",
            ),
            (
                "han_quyet_toan_kcqg,22/01,2014-02-15,2014-02-14,NQ 1,",
                "hết hiệu lực trước",
            ),
            ("han_quyet_toan_kcqg,22/01,2014-02-15,,,", "thiếu căn cứ"),
            ("han_quyet_toan_kcqg,22/01,2014-02-15,,NQ 1", "cần 6 cột"),
            (
                "mot_lan_ho_tro_moi_noi_dung,có,2014-02-15,,NQ 1,",
                "1 (áp dụng)",
            ),
        ] {
            let e = parse_error(&format!("{good}{row}\n"));
            assert_eq!(e.line, 3, "{row}");
            assert!(e.message.contains(part), "{row}: {}", e.message);
        }
    }

    #[test]
    fn a_wrong_header_is_line_1() {
        let e = RuleTerm::parse_csv("ma,gia_tri\nhan_quyet_toan_kcqg,22/01\n").expect_err("bad");
        assert_eq!(e.line, 1);
        assert!(e.message.starts_with("tiêu đề cột phải là ma,gia_tri,"));
    }

    #[test]
    fn a_line_after_a_multiline_note_keeps_its_file_line() {
        let e = parse_error(
            "han_quyet_toan_kcqg,22/01,2014-02-15,,NQ 1,\"hai\ndòng\"\nhan_quyet_toan_kcqg,x,2014-02-15,,NQ 1,\n",
        );
        assert_eq!(e.line, 4);
    }
}
