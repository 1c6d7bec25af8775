//! Projects (đề án): the row, its xã, beneficiaries and payments, written together with one
//! audit row holding the whole project before and after.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::audit::{
    AuditAction, next_version, now_text, record_change, stale_save, tombstone, update_audited,
};
use super::error::{StoreError, StoreResult};
use super::{
    Store, coded_column, date_from_sql, money_column, optional_date_from_sql, readable,
    readable_rows, to_json, uuid_from_sql,
};
use crate::domain::funding_source::FundingSource;
use crate::domain::money::PaymentTotals;
use crate::domain::project::{Beneficiary, Payment, PaymentKind, Project, ProjectKind};
use crate::domain::project_rules::PriorSupport;
use crate::domain::project_status::ProjectStatus;
use crate::domain::project_summary::ProjectSummary;
use crate::domain::row_version::FIRST_ROW_VERSION;
use crate::domain::stale_save::StoredVersion;
use crate::domain::support_history::SupportHistoryLine;
use crate::text::fold::fold;

const TABLE: &str = "project";

const COLUMNS: &str = "id, code, name, plan_year, source, integrated_with, kind, content_code,
    programme_code, support_item, implementer, province_code, approval_no, approval_date,
    approval_level, contract_no, contract_date, start_date, end_date, acceptance_date,
    settlement_date, total_cost, support, counterpart, other_funds, status, transitions,
    inspections, outputs, accepted_warnings, notes, registration";

fn json_column<T: serde::de::DeserializeOwned>(r: &Row, i: usize) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn project_from_row(r: &Row) -> rusqlite::Result<Project> {
    Ok(Project {
        id: uuid_from_sql(&r.get::<_, String>(0)?)?,
        code: r.get(1)?,
        name: r.get(2)?,
        plan_year: r.get(3)?,
        source: coded_column(r, 4, FundingSource::from_code, "nguồn")?,
        integrated_with: r.get(5)?,
        kind: coded_column(r, 6, ProjectKind::from_code, "loại đề án")?,
        content_code: r.get(7)?,
        programme_code: r.get(8)?,
        support_item: r.get(9)?,
        implementer: r.get(10)?,
        province_code: r.get(11)?,
        commune_codes: Vec::new(),
        beneficiaries: Vec::new(),
        approval_no: r.get(12)?,
        approval_date: optional_date_from_sql(r, 13)?,
        approval_level: r.get(14)?,
        contract_no: r.get(15)?,
        contract_date: optional_date_from_sql(r, 16)?,
        start_date: optional_date_from_sql(r, 17)?,
        end_date: optional_date_from_sql(r, 18)?,
        acceptance_date: optional_date_from_sql(r, 19)?,
        settlement_date: optional_date_from_sql(r, 20)?,
        total_cost: money_column(r, 21)?,
        support: money_column(r, 22)?,
        counterpart: money_column(r, 23)?,
        other_funds: money_column(r, 24)?,
        status: coded_column(r, 25, ProjectStatus::from_code, "trạng thái")?,
        transitions: json_column(r, 26)?,
        payments: Vec::new(),
        inspections: json_column(r, 27)?,
        outputs: json_column(r, 28)?,
        accepted_warnings: json_column(r, 29)?,
        notes: r.get(30)?,
        registration: json_column(r, 31)?,
        row_version: r.get(32)?,
    })
}

fn read_one(conn: &Connection, id: Uuid) -> StoreResult<Option<Project>> {
    Ok(read_many(conn, "p.id = ?1", &[&id.to_string()])?.pop())
}

fn beneficiary_from_row(r: &Row) -> rusqlite::Result<Beneficiary> {
    Ok(Beneficiary {
        establishment_id: uuid_from_sql(&r.get::<_, String>(1)?)?,
        cost: money_column(r, 2)?,
        support: money_column(r, 3)?,
        counterpart: money_column(r, 4)?,
    })
}

fn payment_from_row(r: &Row) -> rusqlite::Result<Payment> {
    Ok(Payment {
        id: uuid_from_sql(&r.get::<_, String>(1)?)?,
        kind: coded_column(r, 2, PaymentKind::from_code, "loại thanh toán")?,
        date: date_from_sql(&r.get::<_, String>(3)?)?,
        amount: money_column(r, 4)?,
        source: coded_column(r, 5, FundingSource::from_code, "nguồn")?,
        document_no: r.get(6)?,
        note: r.get(7)?,
    })
}

/// The live projects matching `filter` (a condition on `project p`), complete with their xã,
/// beneficiaries and payments, ordered by code: four queries however many projects match.
fn read_many(
    conn: &Connection,
    filter: &str,
    params: &[&dyn rusqlite::ToSql],
) -> StoreResult<Vec<Project>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, p.row_version FROM {TABLE} p
         WHERE p.deleted_at IS NULL AND ({filter}) ORDER BY p.code"
    ))?;
    let mut projects: Vec<Project> = readable_rows(st.query_map(params, project_from_row)?)?;
    let index: HashMap<Uuid, usize> = projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    // Each child query returns the project's id first, then the child's columns.
    let children = |table: &str, columns: &str| {
        format!(
            "SELECT c.project_id, {columns} FROM {table} c JOIN {TABLE} p ON p.id = c.project_id
             WHERE p.deleted_at IS NULL AND ({filter}) ORDER BY c.project_id, c.position"
        )
    };
    let owner = |r: &Row| -> rusqlite::Result<Option<usize>> {
        Ok(index.get(&uuid_from_sql(&r.get::<_, String>(0)?)?).copied())
    };
    let mut st = conn.prepare_cached(&children("project_commune", "c.commune_code"))?;
    let mut rows = st.query(params)?;
    while let Some(r) = rows.next()? {
        if let Some(Some(i)) = readable(owner(r))? {
            projects[i].commune_codes.push(r.get(1)?);
        }
    }
    let mut st = conn.prepare_cached(&children(
        "project_beneficiary",
        "c.establishment_id, c.cost, c.support, c.counterpart",
    ))?;
    let mut rows = st.query(params)?;
    while let Some(r) = rows.next()? {
        // A child that cannot be read is left out like a project that cannot.
        if let (Some(Some(i)), Some(b)) = (readable(owner(r))?, readable(beneficiary_from_row(r))?)
        {
            projects[i].beneficiaries.push(b);
        }
    }
    let mut st = conn.prepare_cached(&children(
        "payment",
        "c.id, c.kind, c.date, c.amount, c.source, c.document_no, c.note",
    ))?;
    let mut rows = st.query(params)?;
    while let Some(r) = rows.next()? {
        if let (Some(Some(i)), Some(p)) = (readable(owner(r))?, readable(payment_from_row(r))?) {
            projects[i].payments.push(p);
        }
    }
    Ok(projects)
}

fn next_code(tx: &Transaction, year: i32) -> StoreResult<String> {
    let key = format!("project.next_number.{year}");
    let n: i64 = tx
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM setting WHERE key = ?1",
            [&key],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(1);
    tx.execute(
        "INSERT INTO setting(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, (n + 1).to_string()],
    )?;
    Ok(format!("DA-{year}-{n:04}"))
}

fn stale(stored: Project) -> StoredVersion {
    StoredVersion::Project(Box::new(stored))
}

/// Writes the project row and replaces its child rows: an insert when `loaded_version` is
/// None, else an update of the row still at `loaded_version` (moving it to the next; the
/// version covers the children). Returns false, writing nothing, when the row has moved on.
fn write_project(tx: &Transaction, p: &Project, loaded_version: Option<i64>) -> StoreResult<bool> {
    let now = now_text();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    let values = params![
        p.id.to_string(),
        p.code,
        p.name,
        p.plan_year,
        p.source.code(),
        p.integrated_with,
        p.kind.code(),
        p.content_code,
        p.programme_code,
        p.support_item,
        p.implementer,
        p.province_code,
        p.approval_no,
        date(p.approval_date),
        p.approval_level,
        p.contract_no,
        date(p.contract_date),
        date(p.start_date),
        date(p.end_date),
        date(p.acceptance_date),
        date(p.settlement_date),
        p.total_cost,
        p.support,
        p.counterpart,
        p.other_funds,
        p.status.code(),
        to_json(&p.transitions, &format!("đề án {}", p.code))?,
        to_json(&p.inspections, &format!("đề án {}", p.code))?,
        to_json(&p.outputs, &format!("đề án {}", p.code))?,
        to_json(&p.accepted_warnings, &format!("đề án {}", p.code))?,
        p.notes,
        to_json(&p.registration, &format!("đề án {}", p.code))?,
        fold(&p.name),
        now,
    ];
    if let Some(loaded_version) = loaded_version {
        let mut values = values.to_vec();
        values.push(&loaded_version);
        let changed = tx.execute(
            &format!(
                "UPDATE {TABLE} SET code = ?2, name = ?3, plan_year = ?4, source = ?5,
                    integrated_with = ?6, kind = ?7, content_code = ?8, programme_code = ?9,
                    support_item = ?10, implementer = ?11, province_code = ?12,
                    approval_no = ?13, approval_date = ?14, approval_level = ?15,
                    contract_no = ?16, contract_date = ?17, start_date = ?18, end_date = ?19,
                    acceptance_date = ?20, settlement_date = ?21, total_cost = ?22,
                    support = ?23, counterpart = ?24, other_funds = ?25, status = ?26,
                    transitions = ?27, inspections = ?28, outputs = ?29,
                    accepted_warnings = ?30, notes = ?31, registration = ?32, name_folded = ?33,
                    updated_at = ?34, row_version = row_version + 1
                 WHERE id = ?1 AND deleted_at IS NULL AND row_version = ?35"
            ),
            values.as_slice(),
        )?;
        if changed == 0 {
            return Ok(false);
        }
    } else {
        tx.execute(
            &format!(
                "INSERT INTO {TABLE}({COLUMNS}, name_folded, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31,
                     ?32, ?33, ?34, ?34)"
            ),
            values,
        )?;
    }
    let key = p.id.to_string();
    for table in ["project_commune", "project_beneficiary", "payment"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE project_id = ?1"),
            [&key],
        )?;
    }
    for (i, code) in p.commune_codes.iter().enumerate() {
        tx.execute(
            "INSERT INTO project_commune(project_id, commune_code, position) VALUES (?1, ?2, ?3)",
            params![key, code, i as i64],
        )?;
    }
    for (i, b) in p.beneficiaries.iter().enumerate() {
        tx.execute(
            "INSERT INTO project_beneficiary(project_id, establishment_id, cost, support,
                 counterpart, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                key,
                b.establishment_id.to_string(),
                b.cost,
                b.support,
                b.counterpart,
                i as i64
            ],
        )?;
    }
    for (i, pay) in p.payments.iter().enumerate() {
        tx.execute(
            "INSERT INTO payment(id, project_id, kind, date, amount, source, document_no, note,
                 position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                pay.id.to_string(),
                key,
                pay.kind.code(),
                pay.date.to_string(),
                pay.amount,
                pay.source.code(),
                pay.document_no,
                pay.note,
                i as i64
            ],
        )?;
    }
    Ok(true)
}

/// Inserts new projects (codes assigned per plan year) with their audit rows.
pub(crate) fn insert_projects(tx: &Transaction, projects: &mut [Project]) -> StoreResult<()> {
    for p in projects.iter_mut() {
        if p.code.is_empty() {
            p.code = next_code(tx, p.plan_year)?;
        }
        p.row_version = FIRST_ROW_VERSION;
        write_project(tx, p, None)?;
        record_change(
            tx,
            TABLE,
            &p.id.to_string(),
            AuditAction::Insert,
            None,
            Some(&*p),
        )?;
    }
    Ok(())
}

const SUMMARY_SELECT: &str = "SELECT p.id, p.code, p.name, p.plan_year, p.source, p.content_code,
        p.status, p.implementer, p.total_cost, p.support, p.counterpart,
        (SELECT group_concat(pc.commune_code, ',') FROM project_commune pc WHERE pc.project_id = p.id),
        (SELECT group_concat(c.name, ', ') FROM project_commune pc JOIN commune c ON c.code = pc.commune_code
            WHERE pc.project_id = p.id),
        (SELECT group_concat(e.name, '; ') FROM project_beneficiary b JOIN establishment e ON e.id = b.establishment_id
            WHERE b.project_id = p.id),
        (SELECT COALESCE(SUM(CASE kind WHEN 'tam_ung' THEN amount ELSE 0 END), 0)
            FROM payment WHERE project_id = p.id),
        (SELECT COALESCE(SUM(CASE kind WHEN 'thu_hoi_tam_ung' THEN amount ELSE 0 END), 0)
            FROM payment WHERE project_id = p.id),
        (SELECT COALESCE(SUM(CASE kind WHEN 'thanh_toan' THEN amount ELSE 0 END), 0)
            FROM payment WHERE project_id = p.id),
        (SELECT COALESCE(SUM(CASE kind WHEN 'quyet_toan' THEN amount ELSE 0 END), 0)
            FROM payment WHERE project_id = p.id)
    FROM project p WHERE p.deleted_at IS NULL";

fn summary_from_row(r: &Row) -> rusqlite::Result<ProjectSummary> {
    // The sums per kind only; what they add up to is the one rule in domain::money.
    let totals = PaymentTotals {
        advanced: r.get(14)?,
        recovered: r.get(15)?,
        paid: r.get(16)?,
        settled: r.get(17)?,
    };
    Ok(ProjectSummary {
        id: uuid_from_sql(&r.get::<_, String>(0)?)?,
        code: r.get(1)?,
        name: r.get(2)?,
        plan_year: r.get(3)?,
        source: coded_column(r, 4, FundingSource::from_code, "nguồn")?,
        content_code: r.get(5)?,
        status: coded_column(r, 6, ProjectStatus::from_code, "trạng thái")?,
        implementer: r.get(7)?,
        total_cost: money_column(r, 8)?,
        support: money_column(r, 9)?,
        counterpart: money_column(r, 10)?,
        commune_codes: r
            .get::<_, Option<String>>(11)?
            .map(|s| s.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
        communes: r.get::<_, Option<String>>(12)?.unwrap_or_default(),
        beneficiaries: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
        advanced: totals.outstanding_advance(),
        disbursed: totals.disbursed(),
    })
}

impl Store {
    /// Saves a new project and its children; returns it with its code.
    pub fn insert_project(&mut self, mut p: Project) -> StoreResult<Project> {
        self.write(|tx| insert_projects(tx, std::slice::from_mut(&mut p)))?;
        Ok(p)
    }

    /// Inserts many projects in one transaction (bulk loads).
    pub fn insert_projects(&mut self, projects: &mut [Project]) -> StoreResult<()> {
        self.write(|tx| insert_projects(tx, projects))
    }

    /// Saves changes to a project loaded at `p.row_version`, its xã, beneficiaries and
    /// payments with it; the audit row keeps the whole project before and after. Returns the
    /// version now stored. Refused with `StoreError::Conflict`, nothing written, when the
    /// stored project has moved on since.
    pub fn update_project(&mut self, p: &Project) -> StoreResult<i64> {
        self.write(|tx| {
            let key = p.id.to_string();
            let old =
                read_one(tx, p.id)?.ok_or_else(|| StoreError::RecordNotFound(p.code.clone()))?;
            if old.row_version != p.row_version {
                return Err(stale_save(tx, TABLE, &key, stale(old)));
            }
            if old == *p {
                return Ok(old.row_version);
            }
            let mut new = p.clone();
            new.row_version = next_version(old.row_version, &format!("đề án {}", p.code))?;
            update_audited(tx, TABLE, &key, &old, &new, |tx| {
                if write_project(tx, &new, Some(old.row_version))? {
                    Ok(())
                } else {
                    Err(stale_save(tx, TABLE, &key, stale(old.clone())))
                }
            })?;
            Ok(new.row_version)
        })
    }

    /// Deletes a project as a tombstone; refused with `StoreError::Conflict` when the stored
    /// project is no longer at `loaded_version`.
    pub fn delete_project(&mut self, id: Uuid, loaded_version: i64) -> StoreResult<()> {
        self.write(|tx| {
            let old =
                read_one(tx, id)?.ok_or_else(|| StoreError::RecordNotFound(id.to_string()))?;
            if old.row_version != loaded_version {
                return Err(stale_save(tx, TABLE, &id.to_string(), stale(old)));
            }
            tombstone(tx, TABLE, &id.to_string(), &old)
        })
    }

    /// One live project with its xã, beneficiaries and payments.
    pub fn project(&self, id: Uuid) -> StoreResult<Option<Project>> {
        read_one(self.conn(), id)
    }

    /// Every live project, complete (for checks and the budget).
    pub fn all_projects(&self) -> StoreResult<Vec<Project>> {
        read_many(self.conn(), "1 = 1", &[])
    }

    /// Every live project of a programme (chương trình), of every year.
    pub fn projects_of_programme(&self, programme_code: &str) -> StoreResult<Vec<Project>> {
        read_many(self.conn(), "p.programme_code = ?1", &[&programme_code])
    }

    /// Projects of a plan year, complete (for the balance and the report).
    pub fn projects_of_year(&self, year: i32) -> StoreResult<Vec<Project>> {
        read_many(self.conn(), "p.plan_year = ?1", &[&year])
    }

    /// The project list.
    pub fn project_summaries(&self) -> StoreResult<Vec<ProjectSummary>> {
        let mut st = self
            .conn()
            .prepare(&format!("{SUMMARY_SELECT} ORDER BY p.code"))?;
        let rows = st.query_map([], summary_from_row)?;
        readable_rows(rows)
    }

    /// One list row (after a save).
    pub fn project_summary(&self, id: Uuid) -> StoreResult<Option<ProjectSummary>> {
        Ok(self
            .conn()
            .query_row(
                &format!("{SUMMARY_SELECT} AND p.id = ?1"),
                [id.to_string()],
                summary_from_row,
            )
            .optional()?)
    }

    /// Every live project that supported an establishment, newest first ("Lịch sử hỗ trợ").
    pub fn support_history(&self, establishment_id: Uuid) -> StoreResult<Vec<SupportHistoryLine>> {
        let mut st = self.conn().prepare_cached(
            "SELECT p.id, p.code, p.name, p.plan_year, p.content_code, p.source, p.status, b.support
             FROM project_beneficiary b JOIN project p ON p.id = b.project_id
             WHERE b.establishment_id = ?1 AND p.deleted_at IS NULL
             ORDER BY p.plan_year DESC, p.code DESC",
        )?;
        let rows = st.query_map([establishment_id.to_string()], |r| {
            Ok(SupportHistoryLine {
                project_id: uuid_from_sql(&r.get::<_, String>(0)?)?,
                project_code: r.get(1)?,
                project_name: r.get(2)?,
                plan_year: r.get(3)?,
                content_code: r.get(4)?,
                source: coded_column(r, 5, FundingSource::from_code, "nguồn")?,
                status: coded_column(r, 6, ProjectStatus::from_code, "trạng thái")?,
                support: r.get(7)?,
            })
        })?;
        readable_rows(rows)
    }

    /// Other live projects that supported any of `p`'s beneficiaries (for the duplicate-support rule).
    pub fn prior_support_for(&self, p: &Project) -> StoreResult<Vec<PriorSupport>> {
        let mut out = Vec::new();
        let mut st = self.conn().prepare_cached(
            "SELECT p.code, p.name, p.content_code, p.programme_code, p.status
             FROM project_beneficiary b JOIN project p ON p.id = b.project_id
             WHERE b.establishment_id = ?1 AND p.id <> ?2 AND p.deleted_at IS NULL",
        )?;
        for b in &p.beneficiaries {
            let rows = st.query_map(
                params![b.establishment_id.to_string(), p.id.to_string()],
                |r| {
                    Ok(PriorSupport {
                        project_code: r.get(0)?,
                        project_name: r.get(1)?,
                        establishment_id: b.establishment_id,
                        content_code: r.get(2)?,
                        programme_code: r.get(3)?,
                        status: coded_column(r, 4, ProjectStatus::from_code, "trạng thái")?,
                    })
                },
            )?;
            out.extend(readable_rows(rows)?);
        }
        Ok(out)
    }
}
