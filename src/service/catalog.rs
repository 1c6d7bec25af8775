//! Danh mục khuyến công as the unit edits it: programmes, support ceilings (added, or ended —
//! never deleted, since older projects are judged by them), and content names.

use chrono::NaiveDate;

use crate::domain::activity_content::ActivityContent;
use crate::domain::programme::Programme;
use crate::domain::rule_term::RuleTerm;
use crate::domain::support_ceiling::SupportCeiling;
use crate::service::{Service, ServiceError, ServiceResult};
use crate::text::date::format_date;

/// An edit of the catalogue asked for in Cài đặt.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogChange {
    SaveProgramme(Programme),
    AddCeiling(SupportCeiling),
    /// The ceiling (by id) is no longer in force after the date.
    EndCeiling(i64, NaiveDate),
    SaveContent(ActivityContent),
    /// A new value of a rule's term from a date on; the one in force until then ends the day
    /// before (terms are never overwritten: older projects are judged by the old value).
    AddRuleTerm(RuleTerm),
}

/// `terms` with `new` added: the value of the same key still open ends the day before `new`
/// starts. Refused when a value of that key already starts on or after that day, or when the
/// source is missing.
fn with_new_term(mut terms: Vec<RuleTerm>, new: &RuleTerm) -> ServiceResult<Vec<RuleTerm>> {
    if new.source_document.trim().is_empty() {
        return Err(ServiceError::Refused(
            "Tham số quy định: ghi căn cứ (số văn bản).".into(),
        ));
    }
    if let Some(later) = terms
        .iter()
        .filter(|t| t.key == new.key && t.valid_from >= new.valid_from)
        .map(|t| t.valid_from)
        .max()
    {
        return Err(ServiceError::Refused(format!(
            "Tham số quy định \"{}\": đã có giá trị áp dụng từ ngày {}; giá trị mới phải bắt đầu sau ngày đó.",
            new.key.label(),
            format_date(later)
        )));
    }
    let day_before = new.valid_from.pred_opt().unwrap_or(new.valid_from);
    for t in terms
        .iter_mut()
        .filter(|t| t.key == new.key && t.valid_to.is_none_or(|to| to >= new.valid_from))
    {
        t.valid_to = Some(day_before);
    }
    terms.push(new.clone());
    Ok(terms)
}

impl Service {
    /// Applies `change` and reads the catalogue again; returns what was done, in words.
    pub fn apply_catalog_change(&mut self, change: &CatalogChange) -> ServiceResult<String> {
        let done = match change {
            CatalogChange::SaveProgramme(p) => {
                self.store.save_programme(p)?;
                format!("Đã lưu chương trình \"{}\".", p.name)
            }
            CatalogChange::AddCeiling(c) => {
                self.store.add_support_ceiling(c)?;
                format!(
                    "Đã thêm mức hỗ trợ \"{}\" theo {}.",
                    c.item_name, c.source_document
                )
            }
            CatalogChange::EndCeiling(id, date) => {
                self.store.end_support_ceiling(*id, *date)?;
                format!("Mức hỗ trợ hết hiệu lực sau ngày {}.", format_date(*date))
            }
            CatalogChange::SaveContent(c) => {
                self.store.save_activity_content(c)?;
                format!("Đã lưu nội dung {}.", c.code)
            }
            CatalogChange::AddRuleTerm(term) => {
                let terms = with_new_term(self.store.rule_terms()?, term)?;
                self.store.set_rule_terms(&terms)?;
                format!(
                    "Đã thêm \"{}\" = {} từ ngày {} theo {}.",
                    term.key.label(),
                    term.value.text(),
                    format_date(term.valid_from),
                    term.source_document
                )
            }
        };
        self.reload_reference()?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rule_term::{RuleTermKey, TermValue};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn term(days: u32, from: NaiveDate, source: &str) -> RuleTerm {
        RuleTerm {
            key: RuleTermKey::SettlementDaysAfterAcceptance,
            value: TermValue::Days(days),
            valid_from: from,
            valid_to: None,
            source_document: source.into(),
            note: String::new(),
        }
    }

    #[test]
    fn a_new_value_ends_the_old_one_the_day_before() {
        let old = vec![term(15, day(2014, 2, 15), "TT 36/2013/TT-BCT")];
        let new = term(30, day(2027, 1, 1), "TT 99/2026/TT-BCT");
        let terms = with_new_term(old, &new).expect("added");
        assert_eq!(terms.len(), 2);
        assert_eq!(terms[0].valid_to, Some(day(2026, 12, 31)));
        let key = RuleTermKey::SettlementDaysAfterAcceptance;
        let then = RuleTerm::in_force(&terms, key, day(2026, 6, 1)).expect("old");
        let now = RuleTerm::in_force(&terms, key, day(2027, 6, 1)).expect("new");
        assert_eq!(
            (then.value, now.value),
            (TermValue::Days(15), TermValue::Days(30))
        );
    }

    #[test]
    fn a_value_older_than_one_in_force_or_without_source_is_refused() {
        let old = vec![term(15, day(2014, 2, 15), "TT 36/2013/TT-BCT")];
        let earlier = term(30, day(2010, 1, 1), "TT 1/2010");
        let refused = with_new_term(old.clone(), &earlier).expect_err("refused");
        assert!(refused.to_string().contains("15/02/2014"), "{refused}");
        let unsourced = term(30, day(2027, 1, 1), " ");
        assert!(with_new_term(old, &unsourced).is_err());
    }
}
