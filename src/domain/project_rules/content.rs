//! Warnings on the content and the programme: a content item not in force on the project's
//! date or whose wording is unconfirmed, and an approval outside the programme's period.

use super::{ProjectRuleContext, field, rule_date};
use crate::domain::issue::Issue;
use crate::domain::project::Project;
use crate::text::format_date;

pub(super) fn check_content(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    let Some(content) = ctx.content else {
        return;
    };
    let date = rule_date(p, ctx);
    if !content.in_force_on(date) {
        let period = match content.valid_to {
            _ if date < content.valid_from => {
                format!("hiệu lực từ {}", format_date(content.valid_from))
            }
            Some(end) => format!("hết hiệu lực sau ngày {}", format_date(end)),
            None => String::new(),
        };
        out.push(Issue::warning(
            field::CONTENT,
            "noi_dung_het_hieu_luc",
            format!(
                "Nội dung: \"{}\" ({}) thuộc danh mục {} không còn hiệu lực ngày {} ({period}; {}).",
                content.name,
                content.code,
                content.list_name,
                format_date(date),
                content.source
            ),
        ));
    }
    if content.wording_unconfirmed {
        out.push(Issue::warning(
            field::CONTENT,
            "noi_dung_chua_xac_nhan",
            format!(
                "Nội dung: tên nội dung theo {} chưa được đối chiếu với văn bản chính thức (\"{}\", {}); sửa được trong Cài đặt.",
                content.list_name, content.name, content.code
            ),
        ));
    }
}

pub(super) fn check_programme_period(p: &Project, ctx: &ProjectRuleContext, out: &mut Vec<Issue>) {
    let (Some(programme), Some(approved)) = (ctx.programme, p.approval_date) else {
        return;
    };
    if programme.covers(approved) {
        return;
    }
    let period = match programme.valid_to {
        Some(end) => format!(
            "{} – {}",
            format_date(programme.valid_from),
            format_date(end)
        ),
        None => format!("từ {}", format_date(programme.valid_from)),
    };
    out.push(Issue::warning(
        field::PROGRAMME,
        "ngoai_giai_doan_chuong_trinh",
        format!(
            "Chương trình: ngày phê duyệt {} nằm ngoài giai đoạn của {} ({period}; {}).",
            format_date(approved),
            programme.name,
            programme.decision
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::field;
    use super::super::fixtures::*;
    use crate::domain::project_status::ProjectStatus;

    #[test]
    fn the_content_must_be_in_force_on_the_approval_date() {
        let mut w = world();
        let p = project();
        if let Some(c) = w.content.as_mut() {
            c.valid_to = Some(day_before(approved()));
        }
        let issue = the(&p, &w, "noi_dung_het_hieu_luc");
        assert_eq!(issue.field, field::CONTENT);
        assert!(issue.message.contains("không còn hiệu lực ngày 02/03/2026"));
        assert!(issue.message.contains("NĐ 45/2012 Điều 4"));
        if let Some(c) = w.content.as_mut() {
            c.valid_to = Some(approved());
        }
        assert!(!has(&p, &w, "noi_dung_het_hieu_luc"));
        if let Some(c) = w.content.as_mut() {
            c.valid_from = day_after(approved());
            c.valid_to = None;
        }
        assert!(has(&p, &w, "noi_dung_het_hieu_luc"), "not yet in force");
    }

    #[test]
    fn unconfirmed_content_wording_is_flagged() {
        let mut w = world();
        if let Some(c) = w.content.as_mut() {
            c.wording_unconfirmed = true;
        }
        if let Some(c) = w.content.as_mut() {
            c.list_name = "NĐ 235/2025".into();
        }
        let issue = the(&project(), &w, "noi_dung_chua_xac_nhan");
        assert!(issue.message.contains(
            "Nội dung: tên nội dung theo NĐ 235/2025 chưa được đối chiếu với văn bản chính thức"
        ));
    }

    #[test]
    fn the_approval_must_fall_in_the_programme_period() {
        let mut w = world();
        let mut p = project();
        if let Some(prog) = w.programme.as_mut() {
            prog.valid_from = day_after(approved());
        }
        let issue = the(&p, &w, "ngoai_giai_doan_chuong_trinh");
        assert_eq!(issue.field, field::PROGRAMME);
        assert!(issue.message.contains("QĐ 100/QĐ-UBND"));
        if let Some(prog) = w.programme.as_mut() {
            prog.valid_from = approved();
        }
        assert!(!has(&p, &w, "ngoai_giai_doan_chuong_trinh"));
        if let Some(prog) = w.programme.as_mut() {
            prog.valid_from = day_after(approved());
        }
        p.status = ProjectStatus::DangKy;
        p.approval_no.clear();
        p.approval_date = None;
        assert!(
            !has(&p, &w, "ngoai_giai_doan_chuong_trinh"),
            "not approved yet"
        );
    }
}
