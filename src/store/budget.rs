//! The year's budget: dự toán lines by source, their dated changes, and reallocations between
//! projects. Rows are only added (a line is ended by a change, never edited), each with its
//! audit row.

use rusqlite::{Row, params};

use super::audit::{AuditAction, now_text, record_change};
use super::error::{StoreError, StoreResult};
use super::{Store, coded_column, date_from_sql, money_column, readable_rows, uuid_from_sql};
use crate::domain::budget_plan::{BudgetChange, BudgetChangeKind, BudgetLine, Reallocation};
use crate::domain::funding_source::FundingSource;

fn line_from_row(r: &Row) -> rusqlite::Result<BudgetLine> {
    Ok(BudgetLine {
        id: uuid_from_sql(&r.get::<_, String>(0)?)?,
        year: r.get(1)?,
        source: coded_column(r, 2, FundingSource::from_code, "nguồn")?,
        decision_no: r.get(3)?,
        decision_date: date_from_sql(&r.get::<_, String>(4)?)?,
        agency: r.get(5)?,
        amount: money_column(r, 6)?,
        content_code: r.get(7)?,
        commune_code: r.get(8)?,
    })
}

impl Store {
    /// Records a dự toán line (a decision giving a source money for a year).
    pub fn add_budget_line(&mut self, line: &BudgetLine) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO budget_line(id, year, source, decision_no, decision_date, agency,
                     amount, content_code, commune_code, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    line.id.to_string(),
                    line.year,
                    line.source.code(),
                    line.decision_no,
                    line.decision_date.to_string(),
                    line.agency,
                    line.amount,
                    line.content_code,
                    line.commune_code,
                    now_text()
                ],
            )?;
            record_change(
                tx,
                "budget_line",
                &line.id.to_string(),
                AuditAction::Insert,
                None,
                Some(line),
            )
        })
    }

    /// Records a change to a line (bổ sung, điều chỉnh giảm, thu hồi, chuyển nguồn).
    pub fn add_budget_change(&mut self, change: &BudgetChange) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO budget_change(id, line_id, kind, date, amount, decision_no, reason,
                     created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    change.id.to_string(),
                    change.line_id.to_string(),
                    change.kind.code(),
                    change.date.to_string(),
                    change.amount,
                    change.decision_no,
                    change.reason,
                    now_text()
                ],
            )?;
            record_change(
                tx,
                "budget_change",
                &change.id.to_string(),
                AuditAction::Insert,
                None,
                Some(change),
            )
        })
    }

    /// Records money moved from one project to another (same source; checked by the balance).
    pub fn add_reallocation(&mut self, r: &Reallocation) -> StoreResult<()> {
        if r.from_project == r.to_project {
            return Err(StoreError::Refused(
                "điều chỉnh kinh phí: đề án chuyển đi và đề án nhận phải khác nhau.".into(),
            ));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO reallocation(id, date, from_project, to_project, amount, decision_no,
                     reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    r.id.to_string(),
                    r.date.to_string(),
                    r.from_project.to_string(),
                    r.to_project.to_string(),
                    r.amount,
                    r.decision_no,
                    r.reason,
                    now_text()
                ],
            )?;
            record_change(
                tx,
                "reallocation",
                &r.id.to_string(),
                AuditAction::Insert,
                None,
                Some(r),
            )
        })
    }

    /// The dự toán lines of a year.
    pub fn budget_lines(&self, year: i32) -> StoreResult<Vec<BudgetLine>> {
        let mut st = self.conn().prepare(
            "SELECT id, year, source, decision_no, decision_date, agency, amount, content_code,
                 commune_code FROM budget_line WHERE year = ?1 AND deleted_at IS NULL
             ORDER BY decision_date, created_at",
        )?;
        let rows = st.query_map([year], line_from_row)?;
        readable_rows(rows)
    }

    /// The changes to the lines of a year.
    pub fn budget_changes(&self, year: i32) -> StoreResult<Vec<BudgetChange>> {
        let mut st = self.conn().prepare(
            "SELECT c.id, c.line_id, c.kind, c.date, c.amount, c.decision_no, c.reason
             FROM budget_change c JOIN budget_line l ON l.id = c.line_id
             WHERE l.year = ?1 ORDER BY c.date, c.created_at",
        )?;
        let rows = st.query_map([year], |r| {
            Ok(BudgetChange {
                id: uuid_from_sql(&r.get::<_, String>(0)?)?,
                line_id: uuid_from_sql(&r.get::<_, String>(1)?)?,
                kind: coded_column(r, 2, BudgetChangeKind::from_code, "loại thay đổi")?,
                date: date_from_sql(&r.get::<_, String>(3)?)?,
                amount: money_column(r, 4)?,
                decision_no: r.get(5)?,
                reason: r.get(6)?,
            })
        })?;
        readable_rows(rows)
    }

    /// Every reallocation between projects.
    pub fn reallocations(&self) -> StoreResult<Vec<Reallocation>> {
        let mut st = self.conn().prepare(
            "SELECT id, date, from_project, to_project, amount, decision_no, reason
             FROM reallocation ORDER BY date, created_at",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Reallocation {
                id: uuid_from_sql(&r.get::<_, String>(0)?)?,
                date: date_from_sql(&r.get::<_, String>(1)?)?,
                from_project: uuid_from_sql(&r.get::<_, String>(2)?)?,
                to_project: uuid_from_sql(&r.get::<_, String>(3)?)?,
                amount: money_column(r, 4)?,
                decision_no: r.get(5)?,
                reason: r.get(6)?,
            })
        })?;
        readable_rows(rows)
    }
}
