//! Who signs an official document: the signature block of NĐ 30/2020 (ô 7a–7c).

/// The signature block (ô 7a–7c): "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC", space to sign, the name.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Signer {
    /// "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", … ; empty when the head signs in person.
    pub authority: String,
    /// Chức vụ: "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC".
    pub position: String,
    /// Họ tên: "Nguyễn Văn An" (bold, no academic title).
    pub name: String,
}
