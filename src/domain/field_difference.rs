//! Where two versions of one record differ, field by field, in the words and formats the forms
//! use: what a refused stale save shows ("Bản của bạn" beside "Bản đã lưu").

use chrono::NaiveDate;

use super::establishment::{Establishment, Recognition};
use super::establishment_draft::EstablishmentDraft;
use super::project::Project;
use super::report::SavedReport;
use super::report::saved_report::SECTION_HEADINGS;
use crate::text::date::format_date;
use crate::text::number::format_integer;

/// One field whose two versions differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDifference {
    /// The field's label as the form shows it.
    pub field: String,
    pub mine: String,
    pub stored: String,
}

/// What an empty value reads as, so an emptied field is visible.
const EMPTY: &str = "(trống)";

/// Collects the fields whose texts differ.
#[derive(Default)]
struct Differences(Vec<FieldDifference>);

impl Differences {
    fn text(&mut self, field: impl Into<String>, mine: &str, stored: &str) {
        if mine != stored {
            let shown = |s: &str| {
                if s.trim().is_empty() {
                    EMPTY.to_owned()
                } else {
                    s.to_owned()
                }
            };
            self.0.push(FieldDifference {
                field: field.into(),
                mine: shown(mine),
                stored: shown(stored),
            });
        }
    }

    fn date(&mut self, field: &str, mine: Option<NaiveDate>, stored: Option<NaiveDate>) {
        let text = |d: Option<NaiveDate>| d.map(format_date).unwrap_or_default();
        self.text(field, &text(mine), &text(stored));
    }

    fn money(&mut self, field: &str, mine: i64, stored: i64) {
        self.text(field, &format_integer(mine), &format_integer(stored));
    }
}

fn recognitions_text(list: &[Recognition]) -> String {
    list.iter()
        .map(|r| match r {
            Recognition::TypicalProduct {
                level,
                year,
                decision_no,
            } => format!(
                "SP CNNT tiêu biểu {} năm {year} (QĐ {decision_no})",
                level.label()
            ),
            Recognition::Ocop { stars, year } => format!("OCOP {stars} sao năm {year}"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The fields of the establishment form where `mine` (as typed) and `stored` differ.
pub fn establishment_differences(
    mine: &EstablishmentDraft,
    stored: &Establishment,
) -> Vec<FieldDifference> {
    let theirs = EstablishmentDraft::from_record(stored.clone());
    let (a, b) = (&mine.record, &theirs.record);
    let mut d = Differences::default();
    d.text("Tên cơ sở", &a.name, &b.name);
    d.text(
        "Loại hình",
        a.legal_form.map_or("", |f| f.label()),
        b.legal_form.map_or("", |f| f.label()),
    );
    d.text("Mã số thuế", &a.tax_code, &b.tax_code);
    d.text("Số GCN đăng ký", &a.registration_no, &b.registration_no);
    d.text(
        "Ngày đăng ký",
        &mine.registration_date,
        &theirs.registration_date,
    );
    d.text("Năm thành lập", &mine.founded_year, &theirs.founded_year);
    d.text("Người đại diện", &a.representative, &b.representative);
    d.text("Chức vụ", &a.representative_title, &b.representative_title);
    d.text(
        "Giới tính chủ cơ sở",
        a.owner_gender.map_or("", |g| g.label()),
        b.owner_gender.map_or("", |g| g.label()),
    );
    d.text("Dân tộc", &a.ethnicity, &b.ethnicity);
    d.text("Điện thoại", &a.phone, &b.phone);
    d.text("Email", &a.email, &b.email);
    d.text("Mã tỉnh", &a.province_code, &b.province_code);
    d.text("Mã xã/phường", &a.commune_code, &b.commune_code);
    d.text(
        "Mã huyện trước 01/7/2025",
        &a.legacy_district_code,
        &b.legacy_district_code,
    );
    d.text(
        "Mã xã trước 01/7/2025",
        &a.legacy_commune_code,
        &b.legacy_commune_code,
    );
    d.text("Thôn/ấp, số nhà", &a.address_detail, &b.address_detail);
    d.text("Làng nghề", &a.craft_village_name, &b.craft_village_name);
    d.text(
        "QĐ công nhận làng nghề",
        &a.craft_village_decision,
        &b.craft_village_decision,
    );
    d.text("Mã ngành nghề", &a.industry_code, &b.industry_code);
    d.text("Sản phẩm chính", &a.main_products, &b.main_products);
    d.text(
        "Tổng số lao động",
        &mine.workers_total,
        &theirs.workers_total,
    );
    d.text("Lao động nữ", &mine.workers_female, &theirs.workers_female);
    d.text(
        "Lao động dân tộc thiểu số",
        &mine.workers_ethnic_minority,
        &theirs.workers_ethnic_minority,
    );
    d.text("Vốn (đồng)", &mine.capital, &theirs.capital);
    d.text("Doanh thu năm (đồng)", &mine.revenue, &theirs.revenue);
    d.text(
        "Danh hiệu",
        &recognitions_text(&a.recognitions),
        &recognitions_text(&b.recognitions),
    );
    d.text("Ghi chú", &a.notes, &b.notes);
    d.0
}

/// The parts of a project where `mine` and `stored` differ; the lists (beneficiaries,
/// payments, …) are summed up, so a changed list shows as its count and total.
pub fn project_differences(mine: &Project, stored: &Project) -> Vec<FieldDifference> {
    let (a, b) = (mine, stored);
    let mut d = Differences::default();
    d.text("Tên đề án", &a.name, &b.name);
    d.text(
        "Năm kế hoạch",
        &a.plan_year.to_string(),
        &b.plan_year.to_string(),
    );
    d.text("Nguồn kinh phí", a.source.label(), b.source.label());
    d.text("Lồng ghép", &a.integrated_with, &b.integrated_with);
    d.text("Loại đề án", a.kind.label(), b.kind.label());
    d.text("Mã nội dung", &a.content_code, &b.content_code);
    d.text("Mã chương trình", &a.programme_code, &b.programme_code);
    d.text("Hạng mục hỗ trợ", &a.support_item, &b.support_item);
    d.text("Đơn vị thực hiện", &a.implementer, &b.implementer);
    d.text(
        "Địa bàn (mã xã)",
        &a.commune_codes.join(", "),
        &b.commune_codes.join(", "),
    );
    let beneficiaries = |p: &Project| {
        let support = p
            .beneficiaries
            .iter()
            .fold(0i64, |s, x| s.saturating_add(x.support));
        format!(
            "{} cơ sở, hỗ trợ {} đồng",
            p.beneficiaries.len(),
            format_integer(support)
        )
    };
    if a.beneficiaries != b.beneficiaries {
        d.0.push(FieldDifference {
            field: "Cơ sở thụ hưởng".into(),
            mine: beneficiaries(a),
            stored: beneficiaries(b),
        });
    }
    d.text("Số quyết định phê duyệt", &a.approval_no, &b.approval_no);
    d.date("Ngày phê duyệt", a.approval_date, b.approval_date);
    d.text("Cấp phê duyệt", &a.approval_level, &b.approval_level);
    d.text("Số hợp đồng", &a.contract_no, &b.contract_no);
    d.date("Ngày hợp đồng", a.contract_date, b.contract_date);
    d.date("Ngày bắt đầu", a.start_date, b.start_date);
    d.date("Ngày kết thúc", a.end_date, b.end_date);
    d.date("Ngày nghiệm thu", a.acceptance_date, b.acceptance_date);
    d.date("Ngày quyết toán", a.settlement_date, b.settlement_date);
    d.money("Tổng kinh phí (đồng)", a.total_cost, b.total_cost);
    d.money("Kinh phí khuyến công hỗ trợ (đồng)", a.support, b.support);
    d.money("Vốn đối ứng (đồng)", a.counterpart, b.counterpart);
    d.money("Nguồn khác (đồng)", a.other_funds, b.other_funds);
    d.text("Trạng thái", a.status.label(), b.status.label());
    let payments = |p: &Project| {
        let sum = p
            .payments
            .iter()
            .fold(0i64, |s, x| s.saturating_add(x.amount));
        format!(
            "{} khoản, cộng {} đồng",
            p.payments.len(),
            format_integer(sum)
        )
    };
    if a.payments != b.payments {
        d.0.push(FieldDifference {
            field: "Tạm ứng, thanh toán".into(),
            mine: payments(a),
            stored: payments(b),
        });
    }
    let count = |d: &mut Differences, field: &str, mine: usize, stored: usize, differ: bool| {
        if differ {
            d.0.push(FieldDifference {
                field: field.into(),
                mine: format!("{mine} mục"),
                stored: format!("{stored} mục"),
            });
        }
    };
    count(
        &mut d,
        "Chuyển trạng thái",
        a.transitions.len(),
        b.transitions.len(),
        a.transitions != b.transitions,
    );
    count(
        &mut d,
        "Kiểm tra",
        a.inspections.len(),
        b.inspections.len(),
        a.inspections != b.inspections,
    );
    count(
        &mut d,
        "Kết quả đầu ra",
        a.outputs.len(),
        b.outputs.len(),
        a.outputs != b.outputs,
    );
    count(
        &mut d,
        "Cảnh báo đã ghi lý do",
        a.accepted_warnings.len(),
        b.accepted_warnings.len(),
        a.accepted_warnings != b.accepted_warnings,
    );
    d.text("Ghi chú", &a.notes, &b.notes);
    d.text(
        "Đơn vị đăng ký",
        &a.registration.proposed_by,
        &b.registration.proposed_by,
    );
    d.date(
        "Ngày đăng ký",
        a.registration.registered_on,
        b.registration.registered_on,
    );
    let appraisal = |p: &Project| match &p.registration.appraisal {
        None => "chưa thẩm định".to_owned(),
        Some(x) => format!(
            "{} ngày {}",
            if x.passed { "đạt" } else { "không đạt" },
            format_date(x.date)
        ),
    };
    d.text("Thẩm định", &appraisal(a), &appraisal(b));
    d.0
}

/// The parts of a saved report where `mine` and `stored` differ.
pub fn report_differences(mine: &SavedReport, stored: &SavedReport) -> Vec<FieldDifference> {
    let (a, b) = (mine, stored);
    let mut d = Differences::default();
    let period = |r: &SavedReport| {
        format!(
            "{} – {}",
            format_date(r.period_from),
            format_date(r.period_to)
        )
    };
    d.text("Kỳ báo cáo", &period(a), &period(b));
    d.text("Số", &a.number, &b.number);
    d.text("Ký hiệu", &a.symbol, &b.symbol);
    d.date("Ngày", Some(a.date), Some(b.date));
    d.text("Địa danh", &a.place, &b.place);
    d.text("Cơ quan chủ quản", &a.parent_agency, &b.parent_agency);
    d.text("Cơ quan ban hành", &a.agency, &b.agency);
    d.text(
        "Nơi nhận",
        &a.recipients.join("; "),
        &b.recipients.join("; "),
    );
    d.text(
        "Lưu",
        &a.distribution_items().join("; "),
        &b.distribution_items().join("; "),
    );
    let signer = |r: &SavedReport| {
        let mut parts = r.signer.title_lines();
        parts.push(r.signer.name.clone());
        parts.retain(|s| !s.is_empty());
        parts.join(" — ")
    };
    d.text("Người ký", &signer(a), &signer(b));
    d.text("Mở đầu", &a.opening, &b.opening);
    d.text("Kết thúc", &a.closing, &b.closing);
    let sections = a.sections.len().max(b.sections.len());
    for i in 0..sections {
        let heading = SECTION_HEADINGS
            .get(i)
            .map_or_else(|| format!("Mục {}", i + 1), |h| (*h).to_owned());
        d.text(
            heading,
            a.sections.get(i).map_or("", String::as_str),
            b.sections.get(i).map_or("", String::as_str),
        );
    }
    let frozen = |r: &SavedReport| {
        if r.frozen.is_some() {
            "đã chốt"
        } else {
            "chưa chốt"
        }
    };
    d.text("Chốt", frozen(a), frozen(b));
    d.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_fields_that_differ_in_the_forms_words() {
        let mut stored = Establishment::new_in_province("38");
        stored.name = "Cơ sở mây tre Nga Sơn".into();
        stored.workers_total = Some(1200);
        let mut mine = EstablishmentDraft::from_record(stored.clone());
        mine.record.name = "Cơ sở mây tre cũ".into();
        mine.record.phone = "0912345678".into();
        let d = establishment_differences(&mine, &stored);
        assert_eq!(
            d,
            [
                FieldDifference {
                    field: "Tên cơ sở".into(),
                    mine: "Cơ sở mây tre cũ".into(),
                    stored: "Cơ sở mây tre Nga Sơn".into(),
                },
                FieldDifference {
                    field: "Điện thoại".into(),
                    mine: "0912345678".into(),
                    stored: EMPTY.into(),
                },
            ]
        );
    }

    #[test]
    fn a_project_list_shows_as_its_count_and_total() {
        let stored = Project::new("38", 2026);
        let mut mine = stored.clone();
        mine.support = 150_000_000;
        mine.notes = "Đã gọi điện".into();
        let d = project_differences(&mine, &stored);
        let fields: Vec<&str> = d.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["Kinh phí khuyến công hỗ trợ (đồng)", "Ghi chú"]);
        assert_eq!(d[0].mine, "150.000.000");
        assert_eq!(d[0].stored, "0");
        assert!(project_differences(&stored, &stored).is_empty());
    }
}
