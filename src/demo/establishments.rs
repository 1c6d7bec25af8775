//! Synthetic establishments for one
//! province — Vietnamese names and addresses on real xã codes, plausible legal forms,
//! industries, workers and capital — deterministic for a seed, for trying the app and for
//! benchmarks at province scale.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::establishment::{Establishment, Gender, Recognition, RecognitionLevel};
use crate::domain::legal_form::LegalForm;
use crate::domain::tax_code::expected_check_digit;
use crate::domain::unit_settings::{UnitKind, UnitSettings};
use crate::store::{Store, StoreError, StoreResult};

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Trịnh", "Đinh", "Lương", "Mai", "Cao", "Hà", "Tạ", "Lò",
];
const MIDDLE_MALE: &[&str] = &[
    "Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Xuân", "Công", "Bá",
];
const MIDDLE_FEMALE: &[&str] = &["Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng"];
const GIVEN_MALE: &[&str] = &[
    "Hùng", "Dũng", "Tuấn", "Thắng", "Bình", "Cường", "Hải", "Long", "Nam", "Phúc", "Quý", "Sơn",
    "Toàn", "Việt", "Đạt", "Hiếu", "Khoa", "Lộc", "Trọng", "Thủy",
];
const GIVEN_FEMALE: &[&str] = &[
    "Hương",
    "Lan",
    "Hằng",
    "Nga",
    "Thảo",
    "Trang",
    "Yến",
    "Ánh",
    "Dung",
    "Hoa",
    "Linh",
    "Mai",
    "Nhung",
    "Oanh",
    "Phượng",
    "Thủy",
    "Thuỷ",
    "Uyên",
    "Vân",
    "Xuân",
];
const VILLAGES: &[&str] = &[
    "Đông",
    "Đoài",
    "Thượng",
    "Hạ",
    "Trung",
    "Nam",
    "Bắc",
    "Phú Cường",
    "Yên Lạc",
    "Tân Lập",
    "Hòa Bình",
    "Quang Trung",
    "Đồng Tâm",
    "An Thịnh",
    "Kim Sơn",
    "Xuân Hòa",
];
const BRANDS: &[&str] = &[
    "Minh Phát",
    "Hưng Thịnh",
    "Thành Đạt",
    "Phú Gia",
    "An Khang",
    "Trường Sơn",
    "Đại Việt",
    "Hoàng Long",
    "Sao Mai",
    "Việt Hưng",
    "Tân Tiến",
    "Bình Minh",
    "Hải Đăng",
    "Thiên Phú",
];
const BRAND_TAILS: &[&str] = &[
    "Xanh",
    "Vàng",
    "Một",
    "Phát Đạt",
    "Toàn Cầu",
    "Quê Hương",
    "Sông Mã",
    "Lam Sơn",
    "Hồng Hà",
    "Miền Trung",
    "Thăng Long",
    "Bắc Nam",
    "Tiến Phát",
    "Đông Á",
];
const ETHNIC_MINORITIES: &[&str] = &[
    "Mường", "Thái", "Dao", "Mông", "Thổ", "Tày", "Nùng", "Khơ Mú",
];

/// Products typical of each industry of the ND 45/2012 list (by industry code).
fn products(industry: &str) -> &'static [&'static str] {
    match industry {
        "45-a" => &[
            "nước mắm",
            "chế biến nem chua",
            "bánh gai",
            "mật ong",
            "chè búp khô",
            "gạo sạch",
            "miến dong",
        ],
        "45-b" => &["may mặc", "giày dép", "đồ gỗ dân dụng", "bao bì", "dệt may"],
        "45-c" => &[
            "gạch không nung",
            "phân bón hữu cơ",
            "vật liệu xây dựng",
            "đá ốp lát",
        ],
        "45-d" => &[
            "cơ khí nông nghiệp",
            "sửa chữa máy nông nghiệp",
            "gia công kim loại",
            "điện tử",
        ],
        "45-dd" => &[
            "mây tre đan",
            "chiếu cói",
            "thêu ren",
            "gốm",
            "sơn mài",
            "đúc đồng",
            "mộc mỹ nghệ",
        ],
        "45-e" => &["khai thác đá", "chế biến quặng"],
        _ => &["xử lý chất thải", "sản xuất sạch hơn"],
    }
}

const INDUSTRY_WEIGHTS: &[(&str, u32)] = &[
    ("45-a", 34),
    ("45-b", 14),
    ("45-c", 10),
    ("45-d", 12),
    ("45-dd", 26),
    ("45-e", 2),
    ("45-g", 2),
];

struct Generator {
    rng: fastrand::Rng,
    province_code: String,
    province_short: String,
    communes: Vec<(String, String)>,
    /// Old communes (code, district code) that became each new commune.
    legacy_by_commune: HashMap<String, Vec<(String, String)>>,
}

impl Generator {
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.usize(..items.len())]
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.rng.u32(..100) < percent
    }

    fn person(&mut self, female: bool) -> String {
        let family = *self.pick(FAMILY);
        let (middle, given) = if female {
            (*self.pick(MIDDLE_FEMALE), *self.pick(GIVEN_FEMALE))
        } else {
            (*self.pick(MIDDLE_MALE), *self.pick(GIVEN_MALE))
        };
        format!("{family} {middle} {given}")
    }

    fn enterprise_tax_code(&mut self) -> String {
        loop {
            let mut digits = [0u8; 9];
            // Provincial tax-office prefixes are two digits; keep them plausible.
            digits[0] = 2;
            digits[1] = 8;
            for d in digits.iter_mut().skip(2) {
                *d = self.rng.u8(..10);
            }
            let Some(check) = expected_check_digit(&digits) else {
                continue;
            };
            // A few records carry a mistyped check digit, as real registers do.
            let check = if self.chance(2) {
                (check + 1) % 10
            } else {
                check
            };
            let mut code: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            code.push(char::from(b'0' + check));
            if self.chance(4) {
                code.push_str(&format!("-{:03}", self.rng.u16(1..20)));
            }
            return code;
        }
    }

    fn personal_id(&mut self) -> String {
        let province: u32 = self.province_code.parse().unwrap_or(38);
        format!(
            "0{province:02}{}{:08}",
            self.rng.u8(0..4),
            self.rng.u32(..100_000_000)
        )
    }

    fn industry(&mut self) -> &'static str {
        let total: u32 = INDUSTRY_WEIGHTS.iter().map(|(_, w)| w).sum();
        let mut x = self.rng.u32(..total);
        for (code, w) in INDUSTRY_WEIGHTS {
            if x < *w {
                return code;
            }
            x -= w;
        }
        "45-a"
    }

    fn legal_form(&mut self) -> LegalForm {
        match self.rng.u32(..100) {
            0..55 => LegalForm::HoKinhDoanh,
            55..75 => LegalForm::Dnnvv,
            75..87 => LegalForm::HopTacXa,
            87..97 => LegalForm::ToHopTac,
            _ => LegalForm::LienHiepHtx,
        }
    }

    fn establishment(&mut self) -> Establishment {
        let mut e = Establishment::new_in_province(&self.province_code);
        let mut bytes = [0u8; 16];
        for b in bytes.iter_mut() {
            *b = self.rng.u8(..);
        }
        e.id = uuid::Builder::from_random_bytes(bytes).into_uuid();
        let form = self.legal_form();
        let industry = self.industry();
        let product = *self.pick(products(industry));
        let (commune_code, commune_name) = self.pick(&self.communes.clone()).clone();
        let commune_short = commune_name
            .split_once(' ')
            .map_or(commune_name.as_str(), |(_, rest)| rest)
            .to_owned();
        let female_owner = self.chance(38);
        let owner = self.person(female_owner);
        let village = *self.pick(VILLAGES);
        let brand = format!("{} {}", self.pick(BRANDS), self.pick(BRAND_TAILS));
        e.name = match form {
            LegalForm::HoKinhDoanh if self.chance(50) => format!("Hộ kinh doanh {owner}"),
            LegalForm::HoKinhDoanh => format!("Cơ sở {product} {owner}"),
            LegalForm::Dnnvv => match self.rng.u8(..3) {
                0 => format!("Công ty TNHH {brand} {commune_short}"),
                1 => format!("Công ty Cổ phần {product} {brand}"),
                _ => format!("Doanh nghiệp tư nhân {brand}"),
            },
            LegalForm::HopTacXa => format!("Hợp tác xã {product} {commune_short}"),
            LegalForm::LienHiepHtx => {
                format!("Liên hiệp hợp tác xã {product} {}", self.province_short)
            }
            LegalForm::ToHopTac => format!("Tổ hợp tác {product} thôn {village}"),
        };
        e.legal_form = Some(form);
        e.tax_code = match form {
            LegalForm::Dnnvv | LegalForm::HopTacXa | LegalForm::LienHiepHtx => {
                self.enterprise_tax_code()
            }
            LegalForm::HoKinhDoanh if self.chance(60) => self.personal_id(),
            LegalForm::ToHopTac if self.chance(20) => self.personal_id(),
            _ => String::new(),
        };
        let founded = 1990 + self.rng.i32(0..36);
        e.founded_year = Some(founded);
        if self.chance(70) {
            e.registration_no = format!("{}{:06}", self.province_code, self.rng.u32(..1_000_000));
            e.registration_date =
                NaiveDate::from_ymd_opt(founded, self.rng.u32(1..13), self.rng.u32(1..29));
        }
        e.representative = owner;
        e.representative_title = match form {
            LegalForm::HoKinhDoanh => "Chủ hộ",
            LegalForm::Dnnvv => "Giám đốc",
            LegalForm::HopTacXa | LegalForm::LienHiepHtx => "Chủ tịch HĐQT kiêm Giám đốc",
            LegalForm::ToHopTac => "Tổ trưởng",
        }
        .to_owned();
        e.owner_gender = Some(if female_owner {
            Gender::Nu
        } else {
            Gender::Nam
        });
        e.ethnicity = if self.chance(86) {
            "Kinh".to_owned()
        } else {
            (*self.pick(ETHNIC_MINORITIES)).to_owned()
        };
        e.phone = format!(
            "09{} {:03} {:04}",
            self.rng.u8(..10),
            self.rng.u16(..1000),
            self.rng.u16(..10000)
        );
        if form != LegalForm::HoKinhDoanh && self.chance(50) {
            e.email = format!("lienhe{}@gmail.com", self.rng.u32(..100_000));
        }
        e.commune_code = commune_code.clone();
        if self.chance(15)
            && let Some(old) = self.legacy_by_commune.get(&commune_code).cloned()
            && !old.is_empty()
        {
            let (code, district) = self.pick(&old).clone();
            e.legacy_commune_code = code;
            e.legacy_district_code = district;
        }
        e.address_detail = if self.chance(50) {
            format!("Thôn {village}")
        } else {
            format!("Số {}, thôn {village}", self.rng.u16(1..300))
        };
        if self.chance(14) {
            e.craft_village_name = format!("Làng nghề {product} {village}");
            e.craft_village_decision = format!("{}/QĐ-UBND", self.rng.u16(100..5000));
        }
        e.industry_code = industry.to_owned();
        e.main_products = product.to_owned();
        let total: i64 = match form {
            LegalForm::HoKinhDoanh => self.rng.i64(2..16),
            LegalForm::ToHopTac => self.rng.i64(5..31),
            LegalForm::HopTacXa => self.rng.i64(10..81),
            LegalForm::LienHiepHtx => self.rng.i64(30..151),
            LegalForm::Dnnvv => self.rng.i64(10..201),
        };
        e.workers_total = Some(total);
        e.workers_female = Some(total * self.rng.i64(20..81) / 100);
        e.workers_ethnic_minority = Some(if e.ethnicity == "Kinh" {
            total * self.rng.i64(0..10) / 100
        } else {
            total * self.rng.i64(40..101) / 100
        });
        let million = 1_000_000;
        e.capital = Some(match form {
            LegalForm::HoKinhDoanh | LegalForm::ToHopTac => self.rng.i64(50..2_000) * million,
            _ => self.rng.i64(1_000..30_000) * million,
        });
        e.revenue = Some(e.capital.unwrap_or(0) / 10 * self.rng.i64(5..30));
        if self.chance(4) {
            e.recognitions.push(Recognition::Ocop {
                stars: self.rng.u8(3..5),
                year: self.rng.i32(2019..2026),
            });
        }
        if self.chance(3) {
            e.recognitions.push(Recognition::TypicalProduct {
                level: if self.chance(80) {
                    RecognitionLevel::Tinh
                } else {
                    RecognitionLevel::KhuVuc
                },
                year: self.rng.i32(2015..2026),
                decision_no: format!("{}/QĐ-UBND", self.rng.u16(100..4000)),
            });
        }
        e
    }
}

/// Fills the store (which must hold no establishment yet) with `count` synthetic records of
/// `province_code`, in one transaction, and sets the unit if it was not set. `progress` is
/// told how many records are ready, before the write.
pub fn fill(
    store: &mut Store,
    province_code: &str,
    count: usize,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> StoreResult<usize> {
    let province = store
        .province(province_code)?
        .ok_or_else(|| StoreError::RecordNotFound(format!("tỉnh mã {province_code}")))?;
    let mut communes: Vec<(String, String)> = store
        .communes_of(province_code)?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    communes.sort();
    let mut legacy_by_commune: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for old in store.legacy_communes_for(province_code)? {
        if let Some(successor) = old.successor_code {
            legacy_by_commune
                .entry(successor)
                .or_default()
                .push((old.code, old.district_code));
        }
    }
    let province_short = province
        .name
        .strip_prefix("Tỉnh ")
        .or_else(|| province.name.strip_prefix("Thành phố "))
        .unwrap_or(&province.name)
        .to_owned();
    let mut generator = Generator {
        rng: fastrand::Rng::with_seed(seed),
        province_code: province_code.to_owned(),
        province_short: province_short.clone(),
        communes,
        legacy_by_commune,
    };
    let mut records = Vec::with_capacity(count);
    for i in 0..count {
        records.push(generator.establishment());
        if (i + 1) % 10_000 == 0 {
            progress(i + 1);
        }
    }
    // A few probable duplicates, as real registers have: the same name re-entered in the
    // same xã without diacritics and in capitals.
    for i in (0..count).step_by(997).skip(1) {
        let mut copy = records[i - 1].clone();
        copy.id =
            uuid::Builder::from_random_bytes(generator.rng.u128(..).to_le_bytes()).into_uuid();
        copy.name = crate::text::fold::fold(&copy.name).to_uppercase();
        copy.code.clear();
        records[i] = copy;
    }
    if store.unit_settings()?.is_none() {
        store.set_unit_settings(&UnitSettings {
            province_code: province_code.to_owned(),
            kind: UnitKind::ProvinceCentre,
            unit_name: format!("Trung tâm Khuyến công {province_short}"),
            commune_code: String::new(),
        })?;
    }
    store.insert_establishments(&mut records)?;
    Ok(count)
}
