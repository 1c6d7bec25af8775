//! Rules an establishment record must (errors) or should (warnings) satisfy.
//! Pure: everything looked up from the database arrives in `ValidationContext`.

use chrono::{Datelike, NaiveDate};

use super::admin_unit::{Commune, CommuneKind, Province};
use super::cnnt_definition::CnntDefinition;
use super::establishment::{Establishment, Recognition};
use super::establishment_field as field;
use super::industry::Industry;
use super::issue::Issue;
use super::tax_code::{TaxCodeKind, parse_tax_code};

/// Another record that looks like the same establishment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateCandidate {
    pub code: String,
    pub name: String,
    /// True when found by tax code; false when found by name in the same xã.
    pub same_tax_code: bool,
}

/// What validation needs to know beyond the record itself.
#[derive(Debug, Clone, Copy)]
pub struct ValidationContext<'a> {
    pub today: NaiveDate,
    /// The record's province, None when its code is unknown.
    pub province: Option<&'a Province>,
    /// The record's current commune, None when empty or unknown.
    pub commune: Option<&'a Commune>,
    /// Whether the record's old (pre-2025) commune code exists in the old list.
    pub legacy_commune_known: bool,
    /// The record's industry, None when empty or unknown.
    pub industry: Option<&'a Industry>,
    /// The CNNT definition in force on `today`.
    pub definition: Option<&'a CnntDefinition>,
    pub duplicates: &'a [DuplicateCandidate],
}

/// The OCOP programme began in 2018 (QĐ 490/QĐ-TTg); earlier star years are likely typos.
const OCOP_FIRST_YEAR: i32 = 2018;

/// Validates one record. Errors block saving; warnings may be saved.
pub fn validate_establishment(e: &Establishment, ctx: &ValidationContext) -> Vec<Issue> {
    let mut out = Vec::new();
    check_identity(e, &mut out);
    check_tax_code(e, &mut out);
    check_contact(e, &mut out);
    check_place(e, ctx, &mut out);
    check_industry(e, ctx, &mut out);
    check_numbers(e, ctx, &mut out);
    check_recognitions(e, ctx, &mut out);
    check_cnnt_definition(e, ctx, &mut out);
    check_duplicates(ctx, &mut out);
    out
}

fn check_identity(e: &Establishment, out: &mut Vec<Issue>) {
    if e.name.trim().is_empty() {
        out.push(Issue::error(
            field::NAME,
            "thieu_ten",
            "Tên cơ sở: bắt buộc nhập.",
        ));
    }
    if e.legal_form.is_none() {
        out.push(Issue::error(
            field::LEGAL_FORM,
            "thieu_loai_hinh",
            "Loại hình: bắt buộc chọn.",
        ));
    }
}

fn check_tax_code(e: &Establishment, out: &mut Vec<Issue>) {
    let input = e.tax_code.trim();
    if input.is_empty() {
        if let Some(form) = e.legal_form
            && !form.tax_code_optional()
        {
            out.push(Issue::warning(
                field::TAX_CODE,
                "thieu_mst",
                format!(
                    "Mã số thuế: chưa nhập; {} luôn có mã số thuế (chỉ tổ hợp tác, hộ kinh doanh được để trống).",
                    form.label().to_lowercase()
                ),
            ));
        }
        return;
    }
    match parse_tax_code(input) {
        Err(err) => out.push(Issue::error(
            field::TAX_CODE,
            "mst_sai_dinh_dang",
            format!("Mã số thuế: {err}."),
        )),
        Ok(check) => {
            if check.kind == TaxCodeKind::PersonalId {
                if let Some(form) = e.legal_form
                    && !form.may_use_personal_id()
                {
                    out.push(Issue::error(
                        field::TAX_CODE,
                        "mst_ca_nhan_sai_loai_hinh",
                        format!(
                            "Mã số thuế: 12 chữ số là số định danh cá nhân, chỉ dùng cho hộ kinh doanh, tổ hợp tác (cá nhân); {} cần mã số thuế 10 chữ số.",
                            form.label().to_lowercase()
                        ),
                    ));
                }
            } else if !check.check_digit_ok {
                out.push(Issue::warning(
                    field::TAX_CODE,
                    "mst_sai_so_kiem_tra",
                    format!(
                        "Mã số thuế: chữ số kiểm tra (thứ 10) không khớp với 9 chữ số đầu; kiểm tra lại {}.",
                        check.normalized
                    ),
                ));
            }
        }
    }
}

fn check_contact(e: &Establishment, out: &mut Vec<Issue>) {
    let email = e.email.trim();
    if !email.is_empty() {
        let well_formed = email.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
                && !domain.contains('@')
        });
        if !well_formed {
            out.push(Issue::error(
                field::EMAIL,
                "email_sai",
                "Email: không đúng dạng (ví dụ: coso@gmail.com).",
            ));
        }
    }
    let phone = e.phone.trim();
    if !phone.is_empty() {
        let allowed = phone
            .chars()
            .all(|c| c.is_ascii_digit() || " .-+()".contains(c));
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if !allowed {
            out.push(Issue::error(
                field::PHONE,
                "dien_thoai_sai",
                "Điện thoại: chỉ gồm chữ số (có thể có dấu cách, dấu chấm, dấu +).",
            ));
        } else if !(9..=12).contains(&digits) {
            out.push(Issue::warning(
                field::PHONE,
                "dien_thoai_do_dai",
                format!(
                    "Điện thoại: số điện thoại Việt Nam thường có 10 chữ số; đã nhập {digits} chữ số."
                ),
            ));
        }
    }
}

fn check_place(e: &Establishment, ctx: &ValidationContext, out: &mut Vec<Issue>) {
    if e.province_code.is_empty() {
        out.push(Issue::error(
            field::PROVINCE,
            "thieu_tinh",
            "Tỉnh/thành phố: bắt buộc chọn.",
        ));
    } else if ctx.province.is_none() {
        out.push(Issue::error(
            field::PROVINCE,
            "tinh_khong_ton_tai",
            format!(
                "Tỉnh/thành phố: mã {} không có trong danh mục 34 tỉnh, thành phố.",
                e.province_code
            ),
        ));
    }
    if !e.commune_code.is_empty() {
        match ctx.commune {
            None => out.push(Issue::error(
                field::COMMUNE,
                "xa_khong_ton_tai",
                format!(
                    "Xã/phường/đặc khu: mã {} không có trong danh mục (QĐ 19/2025/QĐ-TTg).",
                    e.commune_code
                ),
            )),
            Some(c) if c.province_code != e.province_code => out.push(Issue::error(
                field::COMMUNE,
                "xa_khac_tinh",
                format!("Xã/phường/đặc khu: {} không thuộc tỉnh đã chọn.", c.name),
            )),
            Some(_) => {}
        }
    }
    if !e.legacy_commune_code.is_empty() && !ctx.legacy_commune_known {
        out.push(Issue::error(
            field::LEGACY_COMMUNE,
            "xa_cu_khong_ton_tai",
            format!(
                "Xã cũ (trước 01/7/2025): mã {} không có trong danh mục cũ.",
                e.legacy_commune_code
            ),
        ));
    }
    if e.commune_code.is_empty() && e.legacy_commune_code.is_empty() {
        out.push(Issue::error(
            field::COMMUNE,
            "thieu_xa",
            "Xã/phường/đặc khu: bắt buộc chọn (hoặc chọn xã cũ trước 01/7/2025).",
        ));
    }
}

fn check_industry(e: &Establishment, ctx: &ValidationContext, out: &mut Vec<Issue>) {
    if e.industry_code.is_empty() {
        out.push(Issue::error(
            field::INDUSTRY,
            "thieu_nganh_nghe",
            "Ngành nghề: bắt buộc chọn.",
        ));
        return;
    }
    match ctx.industry {
        None => out.push(Issue::error(
            field::INDUSTRY,
            "nganh_nghe_khong_ton_tai",
            format!(
                "Ngành nghề: mã {} không có trong danh mục.",
                e.industry_code
            ),
        )),
        Some(ind) if !ind.in_force_on(ctx.today) => out.push(Issue::warning(
            field::INDUSTRY,
            "nganh_nghe_het_hieu_luc",
            format!(
                "Ngành nghề: \"{}\" ({}) không còn trong danh mục được hưởng chính sách khuyến công hiện hành.",
                ind.name, ind.source
            ),
        )),
        Some(_) => {}
    }
}

fn non_negative(value: Option<i64>, key: &'static str, label: &str, out: &mut Vec<Issue>) {
    if let Some(v) = value
        && v < 0
    {
        out.push(Issue::error(
            key,
            "so_am",
            format!("{label}: không được âm."),
        ));
    }
}

fn check_numbers(e: &Establishment, ctx: &ValidationContext, out: &mut Vec<Issue>) {
    non_negative(
        e.workers_total,
        field::WORKERS_TOTAL,
        "Tổng số lao động",
        out,
    );
    non_negative(e.workers_female, field::WORKERS_FEMALE, "Lao động nữ", out);
    non_negative(
        e.workers_ethnic_minority,
        field::WORKERS_ETHNIC_MINORITY,
        "Lao động người dân tộc thiểu số",
        out,
    );
    non_negative(e.capital, field::CAPITAL, "Vốn", out);
    non_negative(e.revenue, field::REVENUE, "Doanh thu", out);
    if let Some(total) = e.workers_total {
        let parts = [
            (e.workers_female, field::WORKERS_FEMALE, "Lao động nữ"),
            (
                e.workers_ethnic_minority,
                field::WORKERS_ETHNIC_MINORITY,
                "Lao động người dân tộc thiểu số",
            ),
        ];
        for (part, key, label) in parts {
            if let Some(p) = part
                && p > total
            {
                out.push(Issue::error(
                    key,
                    "vuot_tong_lao_dong",
                    format!("{label} ({p}) không được lớn hơn tổng số lao động ({total})."),
                ));
            }
        }
    } else if e.workers_female.is_some_and(|v| v > 0)
        || e.workers_ethnic_minority.is_some_and(|v| v > 0)
    {
        out.push(Issue::error(
            field::WORKERS_TOTAL,
            "thieu_tong_lao_dong",
            "Tổng số lao động: cần nhập khi đã nhập lao động nữ hoặc người dân tộc thiểu số.",
        ));
    }
    if let Some(year) = e.founded_year
        && !(1900..=ctx.today.year()).contains(&year)
    {
        out.push(Issue::error(
            field::FOUNDED_YEAR,
            "nam_thanh_lap_sai",
            format!(
                "Năm thành lập: {year} không hợp lý (từ 1900 đến {}).",
                ctx.today.year()
            ),
        ));
    }
    if let Some(d) = e.registration_date
        && d > ctx.today
    {
        out.push(Issue::error(
            field::REGISTRATION_DATE,
            "ngay_cap_tuong_lai",
            "Ngày cấp: không được sau ngày hôm nay.",
        ));
    }
}

fn check_recognitions(e: &Establishment, ctx: &ValidationContext, out: &mut Vec<Issue>) {
    let this_year = ctx.today.year();
    for (i, r) in e.recognitions.iter().enumerate() {
        let n = i + 1;
        match r {
            Recognition::TypicalProduct {
                year, decision_no, ..
            } => {
                if !(2000..=this_year).contains(year) {
                    out.push(Issue::error(
                        field::RECOGNITIONS,
                        "nam_cong_nhan_sai",
                        format!("Công nhận dòng {n}: năm {year} không hợp lý."),
                    ));
                }
                if decision_no.trim().is_empty() {
                    out.push(Issue::warning(
                        field::RECOGNITIONS,
                        "thieu_so_qd_cong_nhan",
                        format!("Công nhận dòng {n}: chưa có số quyết định công nhận."),
                    ));
                }
            }
            Recognition::Ocop { stars, year } => {
                if !(1..=5).contains(stars) {
                    out.push(Issue::error(
                        field::RECOGNITIONS,
                        "ocop_sao_sai",
                        format!("OCOP dòng {n}: số sao phải từ 1 đến 5."),
                    ));
                }
                if !(OCOP_FIRST_YEAR..=this_year).contains(year) {
                    out.push(Issue::error(
                        field::RECOGNITIONS,
                        "nam_cong_nhan_sai",
                        format!(
                            "OCOP dòng {n}: năm {year} không hợp lý (chương trình OCOP bắt đầu từ {OCOP_FIRST_YEAR})."
                        ),
                    ));
                }
            }
        }
    }
}

fn check_cnnt_definition(e: &Establishment, ctx: &ValidationContext, out: &mut Vec<Issue>) {
    let Some(def) = ctx.definition else {
        return;
    };
    if let Some(form) = e.legal_form
        && !def.eligible_forms.contains(&form)
    {
        out.push(Issue::warning(
            field::LEGAL_FORM,
            "ngoai_dinh_nghia_cnnt",
            format!(
                "Loại hình: {} không thuộc đối tượng cơ sở CNNT theo {}.",
                form.label().to_lowercase(),
                def.source
            ),
        ));
    }
    let recognised_village =
        !e.craft_village_name.trim().is_empty() && !e.craft_village_decision.trim().is_empty();
    if def.central_city_ward_needs_craft_village
        && let (Some(province), Some(commune)) = (ctx.province, ctx.commune)
        && province.is_centrally_run_city()
        && commune.kind == CommuneKind::Phuong
        && !recognised_village
    {
        out.push(Issue::warning(
            field::COMMUNE,
            "ngoai_dinh_nghia_cnnt",
            format!(
                "Địa bàn: {} thuộc {} (thành phố trực thuộc trung ương); cơ sở ở phường chỉ là cơ sở CNNT khi nằm trong làng nghề được UBND cấp tỉnh công nhận ({}). Nhập tên làng nghề và số QĐ công nhận nếu có.",
                commune.name, province.name, def.source
            ),
        ));
    }
    if !e.craft_village_name.trim().is_empty() && e.craft_village_decision.trim().is_empty() {
        out.push(Issue::warning(
            field::CRAFT_VILLAGE,
            "thieu_qd_lang_nghe",
            "Làng nghề: chưa có số quyết định công nhận của UBND tỉnh.",
        ));
    }
}

fn check_duplicates(ctx: &ValidationContext, out: &mut Vec<Issue>) {
    for d in ctx.duplicates {
        let (key, why) = if d.same_tax_code {
            (field::TAX_CODE, "cùng mã số thuế")
        } else {
            (field::NAME, "tên gần giống, cùng xã")
        };
        out.push(Issue::warning(
            key,
            "co_the_trung_lap",
            format!("Có thể trùng với cơ sở {} \"{}\" ({why}).", d.code, d.name),
        ));
    }
}
