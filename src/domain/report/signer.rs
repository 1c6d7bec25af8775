//! Who signs an official document: the signature block of NĐ 30/2020 (ô 7a–7c). The authority
//! is a choice, not free text, so "KT." can never print alone: the first title line is always
//! composed here from the choice and the head's title ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC").

use serde::{Deserialize, Serialize};

/// How the signer holds the power to sign (Phụ lục I, Mục II, khoản 7a).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// The head signs in person: "GIÁM ĐỐC".
    #[default]
    InPerson,
    /// KT. (ký thay): a deputy signs for the head: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC".
    Deputy,
    /// TM. (thay mặt): for a collective body: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH".
    Collective,
    /// Q. (quyền): acting head: "Q. GIÁM ĐỐC", one line.
    Acting,
    /// TL. (thừa lệnh): by order of the head: "TL. GIÁM ĐỐC" / "CHÁNH VĂN PHÒNG".
    ByOrder,
    /// TUQ. (thừa ủy quyền): by the head's written delegation: "TUQ. GIÁM ĐỐC" / "…".
    Delegated,
}

impl Authority {
    /// Every choice, in the order the screen lists them.
    pub const ALL: [Authority; 6] = [
        Authority::InPerson,
        Authority::Deputy,
        Authority::Collective,
        Authority::Acting,
        Authority::ByOrder,
        Authority::Delegated,
    ];

    /// The prefix printed before the head's title; None when the head signs in person.
    pub fn prefix(self) -> Option<&'static str> {
        match self {
            Authority::InPerson => None,
            Authority::Deputy => Some("KT."),
            Authority::Collective => Some("TM."),
            Authority::Acting => Some("Q."),
            Authority::ByOrder => Some("TL."),
            Authority::Delegated => Some("TUQ."),
        }
    }

    /// What the choice list shows.
    pub fn label(self) -> &'static str {
        match self {
            Authority::InPerson => "Ký trực tiếp (người đứng đầu ký)",
            Authority::Deputy => "KT. — ký thay người đứng đầu",
            Authority::Collective => "TM. — thay mặt tập thể",
            Authority::Acting => "Q. — quyền người đứng đầu",
            Authority::ByOrder => "TL. — thừa lệnh",
            Authority::Delegated => "TUQ. — thừa ủy quyền",
        }
    }

    /// Reads the command line's `--quyen-han` or an old free-text authority: the code
    /// ("kt", "KT."), the Vietnamese words ("ký thay", "thay mặt", "quyền", "thừa lệnh",
    /// "thừa ủy quyền", "trực tiếp"), with or without diacritics. Returns the choice and what
    /// followed the prefix ("KT. GIÁM ĐỐC" → Deputy, "GIÁM ĐỐC").
    pub fn parse(text: &str) -> Option<(Authority, String)> {
        // One space between words, so the folded key keeps one character per character.
        let text = crate::text::nfc(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            return Some((Authority::InPerson, String::new()));
        }
        let folded = crate::text::fold::fold(&text);
        // Longest first: "thua uy quyen" before "quyen", "tuq" before "tl".
        const WORDS: [(&str, Authority); 13] = [
            ("thua uy quyen", Authority::Delegated),
            ("tuq", Authority::Delegated),
            ("thua lenh", Authority::ByOrder),
            ("tl", Authority::ByOrder),
            ("ky thay", Authority::Deputy),
            ("kt", Authority::Deputy),
            ("thay mat", Authority::Collective),
            ("tm", Authority::Collective),
            ("quyen", Authority::Acting),
            ("q", Authority::Acting),
            ("ky truc tiep", Authority::InPerson),
            ("truc tiep", Authority::InPerson),
            ("khong", Authority::InPerson),
        ];
        for (word, authority) in WORDS {
            let Some(rest) = folded.strip_prefix(word) else {
                continue;
            };
            // A whole word: "q" must not take "quản lý", "tl" not "tlx".
            let next = rest.chars().next();
            if next.is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            let consumed = word.chars().count();
            let rest: String = text.chars().skip(consumed).collect();
            let rest = rest.trim_start_matches(['.', ':']).trim().to_owned();
            return Some((authority, rest));
        }
        None
    }
}

/// The signature block (ô 7a–7c) as staff keep it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(from = "SignerRecord")]
pub struct Signer {
    pub authority: Authority,
    /// Chức vụ of the head the signer signs for, or the collective body for TM.: "Giám đốc",
    /// "Ủy ban nhân dân". Printed after the prefix; unused when the head signs in person.
    pub head: String,
    /// Chức vụ of the signer: "Phó Giám đốc", "Chánh Văn phòng"; for the head in person,
    /// "Giám đốc".
    pub position: String,
    /// Họ tên: "Nguyễn Văn An" (bold, no academic title).
    pub name: String,
}

impl Signer {
    /// The title lines as printed, upper case: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    /// ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], ["Q. GIÁM ĐỐC"], ["GIÁM ĐỐC"].
    pub fn title_lines(&self) -> Vec<String> {
        let upper = |s: &str| crate::text::nfc(s.trim()).to_uppercase();
        let position = upper(&self.position);
        let head = match upper(&self.head) {
            head if head.is_empty() => head_from_position(&position),
            head => head,
        };
        let mut lines = Vec::new();
        match self.authority.prefix() {
            None => lines.push(if position.is_empty() { head } else { position }),
            Some(prefix) => {
                lines.push(format!("{prefix} {head}").trim().to_owned());
                // The acting head signs under "Q. GIÁM ĐỐC" alone.
                if self.authority != Authority::Acting && position != head {
                    lines.push(position);
                }
            }
        }
        lines.retain(|line| !line.is_empty());
        lines
    }

    /// What is missing for the block to read as the decree writes it, in Vietnamese.
    pub fn problem(&self) -> Option<String> {
        if self.name.trim().is_empty() {
            return Some("Người ký: chưa nhập họ tên.".into());
        }
        if self.authority != Authority::InPerson
            && self.head.trim().is_empty()
            && head_from_position(&self.position.to_uppercase()).is_empty()
        {
            return Some(format!(
                "Người ký: ký \"{}\" cần chức vụ của người đứng đầu (ví dụ Giám đốc).",
                self.authority.prefix().unwrap_or_default()
            ));
        }
        if self.authority == Authority::InPerson && self.position.trim().is_empty() {
            return Some("Người ký: chưa nhập chức vụ.".into());
        }
        // "KT. GIÁM ĐỐC" over nothing: the one who signs for the head holds another title.
        let signs_for_head = !matches!(self.authority, Authority::InPerson | Authority::Acting);
        let lines = self.title_lines();
        if signs_for_head && lines.len() < 2 {
            return Some(format!(
                "Người ký: ký \"{}\" cần chức vụ của chính người ký (ví dụ Phó Giám đốc, Chánh \
                 Văn phòng), khác chức vụ người đứng đầu.",
                self.authority.prefix().unwrap_or_default()
            ));
        }
        None
    }
}

/// The head a deputy's title names: "PHÓ GIÁM ĐỐC" → "GIÁM ĐỐC"; empty when it names none.
fn head_from_position(position: &str) -> String {
    position
        .trim()
        .strip_prefix("PHÓ ")
        .map(str::trim)
        .unwrap_or_default()
        .to_owned()
}

/// A signer as stored now (`authority` a code and `head` present) or by earlier versions,
/// whose `authority` was free text ("KT.", "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN").
#[derive(Deserialize, Default)]
#[serde(default)]
struct SignerRecord {
    authority: String,
    head: Option<String>,
    position: String,
    name: String,
}

impl From<SignerRecord> for Signer {
    fn from(record: SignerRecord) -> Signer {
        let stored: Option<Authority> =
            serde_json::from_value(serde_json::Value::String(record.authority.clone())).ok();
        let (authority, legacy_head) = match stored {
            Some(authority) => (authority, String::new()),
            // Old free text: its prefix is the choice, the rest the head's title. Text that
            // names no prefix stays readable as the first title line, printed as the head.
            None => Authority::parse(&record.authority)
                .unwrap_or((Authority::InPerson, record.authority.trim().to_owned())),
        };
        let head = match record.head {
            Some(head) => head,
            None if !legacy_head.is_empty() => legacy_head,
            None if authority == Authority::InPerson => record.position.clone(),
            None => head_from_position(&record.position.to_uppercase()),
        };
        Signer {
            authority,
            head,
            position: record.position,
            name: record.name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer(authority: Authority, head: &str, position: &str) -> Signer {
        Signer {
            authority,
            head: head.into(),
            position: position.into(),
            name: "Nguyễn Văn An".into(),
        }
    }

    #[test]
    fn each_authority_composes_its_lines_as_the_decree_shows() {
        let cases = [
            (
                signer(Authority::Deputy, "Giám đốc", "Phó Giám đốc"),
                vec!["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            ),
            (
                signer(Authority::Collective, "Ủy ban nhân dân", "Chủ tịch"),
                vec!["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            ),
            (
                signer(Authority::Acting, "Giám đốc", "Phó Giám đốc"),
                vec!["Q. GIÁM ĐỐC"],
            ),
            (
                signer(Authority::ByOrder, "Giám đốc", "Chánh Văn phòng"),
                vec!["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
            ),
            (
                signer(Authority::Delegated, "Giám đốc", "Trưởng phòng Kế hoạch"),
                vec!["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG KẾ HOẠCH"],
            ),
            (
                signer(Authority::InPerson, "Giám đốc", "Giám đốc"),
                vec!["GIÁM ĐỐC"],
            ),
            // No head typed: a deputy's title names it.
            (
                signer(Authority::Deputy, "", "Phó Giám đốc"),
                vec!["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            ),
        ];
        for (signer, expected) in cases {
            assert_eq!(signer.title_lines(), expected, "{signer:?}");
        }
    }

    #[test]
    fn old_free_text_authorities_are_read_as_choices() {
        let old = |authority: &str, position: &str| -> Signer {
            serde_json::from_value(serde_json::json!({
                "authority": authority, "position": position, "name": "Lê Văn Bình"
            }))
            .expect("old signer reads")
        };
        // What the old hint led people to type, and what printed "KT." alone.
        let typed = old("KT.", "Phó Giám đốc");
        assert_eq!(typed.authority, Authority::Deputy);
        assert_eq!(typed.title_lines(), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
        let full = old("TM. ỦY BAN NHÂN DÂN", "Chủ tịch");
        assert_eq!(full.authority, Authority::Collective);
        assert_eq!(full.head, "ỦY BAN NHÂN DÂN");
        let direct = old("", "Giám đốc");
        assert_eq!(direct.authority, Authority::InPerson);
        assert_eq!(direct.title_lines(), ["GIÁM ĐỐC"]);
        // A stored new signer reads back unchanged.
        let new = signer(Authority::ByOrder, "Giám đốc", "Chánh Văn phòng");
        let json = serde_json::to_string(&new).expect("writes");
        assert!(json.contains("\"by_order\""), "{json}");
        assert_eq!(serde_json::from_str::<Signer>(&json).expect("reads"), new);
    }

    #[test]
    fn codes_and_vietnamese_words_name_the_authority() {
        for (text, expected) in [
            ("kt", Authority::Deputy),
            ("KT.", Authority::Deputy),
            ("ký thay", Authority::Deputy),
            ("tm", Authority::Collective),
            ("thay mặt", Authority::Collective),
            ("q", Authority::Acting),
            ("Quyền", Authority::Acting),
            ("tl", Authority::ByOrder),
            ("thừa lệnh", Authority::ByOrder),
            ("tuq", Authority::Delegated),
            ("thừa ủy quyền", Authority::Delegated),
            ("thua uy quyen", Authority::Delegated),
            ("trực tiếp", Authority::InPerson),
        ] {
            assert_eq!(
                Authority::parse(text).map(|(a, _)| a),
                Some(expected),
                "{text}"
            );
        }
        assert_eq!(Authority::parse("phó"), None);
        assert_eq!(Authority::parse("quản lý"), None);
    }
}
