//! Files shipped inside the executable, so one .exe is the whole installation.

/// UI font covering every Vietnamese letter (egui's own font lacks half of them).
pub const FONT_UI_REGULAR: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
/// Bold face of the UI font, for headings.
pub const FONT_UI_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");

/// Print font with Times New Roman's metrics (Nghị định 30/2020 asks for Times New Roman), in
/// the four faces an official document uses: body, headings, địa danh, "Nơi nhận:".
pub const FONT_PRINT_REGULAR: &[u8] = include_bytes!("../assets/fonts/Tinos-Regular.ttf");
pub const FONT_PRINT_BOLD: &[u8] = include_bytes!("../assets/fonts/Tinos-Bold.ttf");
pub const FONT_PRINT_ITALIC: &[u8] = include_bytes!("../assets/fonts/Tinos-Italic.ttf");
pub const FONT_PRINT_BOLD_ITALIC: &[u8] = include_bytes!("../assets/fonts/Tinos-BoldItalic.ttf");

/// The app's icon for the window's title bar and task bar, 64×64 RGBA (the exe's own icon, in
/// every size Explorer asks for, is `assets/icon/khuyencong.ico`, linked in by build.rs).
pub const APP_ICON_RGBA: &[u8] = include_bytes!("../assets/icon/khuyencong-64.rgba");
pub const APP_ICON_SIZE: u32 = 64;

/// The crates inside the exe with their licences (name, version, licence; tab-separated), as
/// `scripts/licences.py list` writes them. "Giới thiệu" lists them.
pub const LICENCES: &str = include_str!("../assets/licences.tsv");

/// 34 tỉnh and 3.321 xã/phường/đặc khu (QĐ 19/2025/QĐ-TTg).
pub const ADMIN_UNITS_2025: &str = include_str!("../assets/danh_muc/don_vi_hanh_chinh_2025.csv");
/// tỉnh → huyện → xã as it was before 01/7/2025 (QĐ 124/2004/QĐ-TTg).
pub const ADMIN_UNITS_BEFORE_2025: &str =
    include_str!("../assets/danh_muc/don_vi_hanh_chinh_truoc_2025.csv");
/// Old commune → new commune.
pub const COMMUNE_MAPPING_2025: &str = include_str!("../assets/danh_muc/chuyen_doi_xa_2025.csv");
/// Eligible industries, dated (ND 45/2012 Điều 5).
pub const INDUSTRIES: &str = include_str!("../assets/danh_muc/nganh_nghe.csv");
/// Versions of the CNNT definition (ND 45/2012 Điều 1, as amended by ND 235/2025).
pub const CNNT_DEFINITIONS: &str = include_str!("../assets/danh_muc/dinh_nghia_cnnt.csv");
/// The 54 ethnic groups of Việt Nam.
pub const ETHNICITIES: &str = include_str!("../assets/danh_muc/dan_toc.csv");
/// Nội dung khuyến công: ND 45/2012 Điều 4, QĐ 1881/QĐ-TTg, ND 235/2025 (dated).
pub const ACTIVITY_CONTENTS: &str = include_str!("../assets/danh_muc/noi_dung_khuyen_cong.csv");
/// National programmes (the province adds its own).
pub const PROGRAMMES: &str = include_str!("../assets/danh_muc/chuong_trinh.csv");
/// National support ceilings (TT 28/2018/TT-BTC); provinces add their NQ HĐND rows.
pub const SUPPORT_CEILINGS: &str = include_str!("../assets/danh_muc/muc_ho_tro.csv");
/// Output indicators of projects.
pub const INDICATORS: &str = include_str!("../assets/danh_muc/chi_tieu.csv");
/// Dated terms the project rules count with: the settlement deadlines (TT 36/2013/TT-BCT Điều
/// 18) and the once-per-content rule (a provincial NQ HĐND).
pub const RULE_TERMS: &str = include_str!("../assets/danh_muc/tham_so_quy_dinh.csv");
