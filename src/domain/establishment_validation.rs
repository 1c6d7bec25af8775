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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::issue::Severity;
    use crate::domain::legal_form::LegalForm;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    struct World {
        thanh_hoa: Province,
        ha_noi: Province,
        xa: Commune,
        phuong_ha_noi: Commune,
        industry: Industry,
        before_235: CnntDefinition,
        after_235: CnntDefinition,
    }

    fn world() -> World {
        World {
            thanh_hoa: Province {
                code: "38".into(),
                name: "Tỉnh Thanh Hóa".into(),
            },
            ha_noi: Province {
                code: "01".into(),
                name: "Thành phố Hà Nội".into(),
            },
            xa: Commune {
                code: "16093".into(),
                province_code: "38".into(),
                name: "Xã Nga Sơn".into(),
                kind: CommuneKind::Xa,
            },
            phuong_ha_noi: Commune {
                code: "00070".into(),
                province_code: "01".into(),
                name: "Phường Hoàn Kiếm".into(),
                kind: CommuneKind::Phuong,
            },
            industry: Industry {
                code: "45-dd".into(),
                name: "Sản xuất hàng tiểu thủ công nghiệp".into(),
                valid_from: date(2012, 7, 5),
                valid_to: None,
                source: "NĐ 45/2012/NĐ-CP Điều 5".into(),
            },
            before_235: CnntDefinition {
                valid_from: date(2012, 7, 5),
                valid_to: Some(date(2025, 10, 14)),
                source: "NĐ 45/2012/NĐ-CP Điều 1 khoản 2".into(),
                eligible_forms: vec![
                    LegalForm::Dnnvv,
                    LegalForm::HopTacXa,
                    LegalForm::ToHopTac,
                    LegalForm::HoKinhDoanh,
                ],
                central_city_ward_needs_craft_village: false,
            },
            after_235: CnntDefinition {
                valid_from: date(2025, 10, 15),
                valid_to: None,
                source: "NĐ 45/2012/NĐ-CP, sửa đổi bởi NĐ 235/2025/NĐ-CP".into(),
                eligible_forms: LegalForm::ALL.to_vec(),
                central_city_ward_needs_craft_village: true,
            },
        }
    }

    fn valid_record() -> Establishment {
        let mut e = Establishment::new_in_province("38");
        e.name = "Hợp tác xã cói Nga Sơn".into();
        e.legal_form = Some(LegalForm::HopTacXa);
        e.tax_code = "0100109106".into();
        e.commune_code = "16093".into();
        e.industry_code = "45-dd".into();
        e.workers_total = Some(25);
        e.workers_female = Some(18);
        e
    }

    fn check(e: &Establishment, w: &World, today: NaiveDate) -> Vec<Issue> {
        let (province, commune) = if e.province_code == "01" {
            (&w.ha_noi, &w.phuong_ha_noi)
        } else {
            (&w.thanh_hoa, &w.xa)
        };
        let definitions = [w.before_235.clone(), w.after_235.clone()];
        let ctx = ValidationContext {
            today,
            province: Some(province),
            commune: (!e.commune_code.is_empty()).then_some(commune),
            legacy_commune_known: true,
            industry: (e.industry_code == w.industry.code).then_some(&w.industry),
            definition: CnntDefinition::in_force(&definitions, today).map(|d| {
                if d.valid_to.is_some() {
                    &w.before_235
                } else {
                    &w.after_235
                }
            }),
            duplicates: &[],
        };
        validate_establishment(e, &ctx)
    }

    fn kinds(issues: &[Issue], severity: Severity) -> Vec<&'static str> {
        issues
            .iter()
            .filter(|i| i.severity == severity)
            .map(|i| i.kind)
            .collect()
    }

    #[test]
    fn a_complete_record_passes() {
        let w = world();
        assert!(check(&valid_record(), &w, date(2026, 11, 23)).is_empty());
    }

    #[test]
    fn required_fields_are_errors_named_by_field() {
        let w = world();
        let mut e = Establishment::new_in_province("38");
        e.name = "   ".into();
        let issues = check(&e, &w, date(2026, 11, 23));
        let errs = kinds(&issues, Severity::Error);
        for kind in [
            "thieu_ten",
            "thieu_loai_hinh",
            "thieu_xa",
            "thieu_nganh_nghe",
        ] {
            assert!(errs.contains(&kind), "{kind} missing from {errs:?}");
        }
        let name_issue = issues.iter().find(|i| i.kind == "thieu_ten").expect("name");
        assert_eq!(name_issue.field, field::NAME);
        assert!(name_issue.message.starts_with("Tên cơ sở"));
    }

    #[test]
    fn tax_code_rules_depend_on_the_legal_form() {
        let w = world();
        let today = date(2026, 11, 23);
        let mut e = valid_record();
        e.tax_code = "0100109107".into();
        assert_eq!(
            kinds(&check(&e, &w, today), Severity::Warning),
            ["mst_sai_so_kiem_tra"]
        );
        e.tax_code = "12345".into();
        assert_eq!(
            kinds(&check(&e, &w, today), Severity::Error),
            ["mst_sai_dinh_dang"]
        );
        e.tax_code = "038186012345".into();
        assert_eq!(
            kinds(&check(&e, &w, today), Severity::Error),
            ["mst_ca_nhan_sai_loai_hinh"],
            "a cooperative cannot use a personal ID"
        );
        e.legal_form = Some(LegalForm::HoKinhDoanh);
        assert!(check(&e, &w, today).is_empty(), "hộ kinh doanh may");
        e.tax_code.clear();
        assert!(
            check(&e, &w, today).is_empty(),
            "hộ kinh doanh may have none"
        );
        e.legal_form = Some(LegalForm::ToHopTac);
        assert!(check(&e, &w, today).is_empty(), "tổ hợp tác may have none");
        e.legal_form = Some(LegalForm::Dnnvv);
        assert_eq!(
            kinds(&check(&e, &w, today), Severity::Warning),
            ["thieu_mst"]
        );
    }

    #[test]
    fn counts_and_money_must_be_consistent() {
        let w = world();
        let today = date(2026, 11, 23);
        let mut e = valid_record();
        e.workers_female = Some(26);
        e.workers_ethnic_minority = Some(30);
        e.capital = Some(-1);
        let errs = kinds(&check(&e, &w, today), Severity::Error);
        assert_eq!(errs, ["so_am", "vuot_tong_lao_dong", "vuot_tong_lao_dong"]);
        let mut e = valid_record();
        e.workers_total = None;
        assert_eq!(
            kinds(&check(&e, &w, today), Severity::Error),
            ["thieu_tong_lao_dong"]
        );
        e.founded_year = Some(2031);
        assert!(kinds(&check(&e, &w, today), Severity::Error).contains(&"nam_thanh_lap_sai"));
    }

    #[test]
    fn central_city_ward_needs_a_recognised_craft_village_since_nd_235() {
        let w = world();
        let mut e = valid_record();
        e.province_code = "01".into();
        e.commune_code = "00070".into();
        let after = check(&e, &w, date(2026, 1, 5));
        assert_eq!(kinds(&after, Severity::Warning), ["ngoai_dinh_nghia_cnnt"]);
        assert!(after[0].message.contains("NĐ 235/2025"));
        assert!(
            check(&e, &w, date(2025, 6, 1)).is_empty(),
            "the old definition had no such rule"
        );
        e.craft_village_name = "Làng nghề bạc Định Công".into();
        e.craft_village_decision = "1234/QĐ-UBND".into();
        assert!(check(&e, &w, date(2026, 1, 5)).is_empty());
        e.craft_village_decision.clear();
        assert_eq!(
            kinds(&check(&e, &w, date(2026, 1, 5)), Severity::Warning),
            ["ngoai_dinh_nghia_cnnt", "thieu_qd_lang_nghe"]
        );
    }

    #[test]
    fn legal_form_outside_the_definition_in_force_is_a_warning() {
        let w = world();
        let mut e = valid_record();
        e.legal_form = Some(LegalForm::LienHiepHtx);
        assert_eq!(
            kinds(&check(&e, &w, date(2025, 3, 1)), Severity::Warning),
            ["ngoai_dinh_nghia_cnnt"],
            "liên hiệp HTX became eligible only on 15/10/2025"
        );
        assert!(check(&e, &w, date(2025, 10, 15)).is_empty());
    }

    #[test]
    fn duplicates_and_bad_contacts_are_reported() {
        let w = world();
        let e = {
            let mut e = valid_record();
            e.email = "coso@gmail".into();
            e.phone = "0912 345".into();
            e
        };
        let dup = [DuplicateCandidate {
            code: "CS-000007".into(),
            name: "HOP TAC XA COI NGA SON".into(),
            same_tax_code: false,
        }];
        let ctx = ValidationContext {
            today: date(2026, 11, 23),
            province: Some(&w.thanh_hoa),
            commune: Some(&w.xa),
            legacy_commune_known: true,
            industry: Some(&w.industry),
            definition: Some(&w.after_235),
            duplicates: &dup,
        };
        let issues = validate_establishment(&e, &ctx);
        assert_eq!(kinds(&issues, Severity::Error), ["email_sai"]);
        assert_eq!(
            kinds(&issues, Severity::Warning),
            ["dien_thoai_do_dai", "co_the_trung_lap"]
        );
        let dup_issue = issues
            .iter()
            .find(|i| i.kind == "co_the_trung_lap")
            .expect("dup");
        assert!(dup_issue.message.contains("CS-000007"));
        assert_eq!(dup_issue.field, field::NAME);
    }
}
