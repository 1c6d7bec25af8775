//! Letter case inside Vietnamese sentences.

/// The text with its first letter in lower case, as a name reads inside a sentence:
/// "Tỉnh Thanh Hóa" → "tỉnh Thanh Hóa" ("UBND tỉnh Thanh Hóa"), "Số lao động…" → "số lao động…".
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_letter_changes() {
        assert_eq!(lower_first("Xã Đồng Lương"), "xã Đồng Lương");
        assert_eq!(lower_first("Đào tạo nghề"), "đào tạo nghề");
        assert_eq!(lower_first(""), "");
    }
}
