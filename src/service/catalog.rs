//! Danh mục khuyến công as the unit edits it: programmes, support ceilings (added, or ended —
//! never deleted, since older projects are judged by them), and content names.

use chrono::NaiveDate;

use crate::domain::activity_content::ActivityContent;
use crate::domain::programme::Programme;
use crate::domain::support_ceiling::SupportCeiling;
use crate::service::{Service, ServiceResult};
use crate::text::date::format_date;

/// An edit of the catalogue asked for in Cài đặt.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogChange {
    SaveProgramme(Programme),
    AddCeiling(SupportCeiling),
    /// The ceiling (by id) is no longer in force after the date.
    EndCeiling(i64, NaiveDate),
    SaveContent(ActivityContent),
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
        };
        self.reload_reference()?;
        Ok(done)
    }
}
