//! Establishments (cơ sở CNNT): insert, update, tombstone, read, and the registry listing.

use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::audit::{
    AuditAction, next_version, now_text, record_change, stale_save, tombstone, update_audited,
};
use super::error::{StoreError, StoreResult};
use super::{
    Store, date_from_sql, is_undecodable, optional_coded_column, readable_rows, to_json,
    uuid_from_sql,
};
use crate::domain::establishment::{Establishment, Gender, Recognition};
use crate::domain::establishment_summary::EstablishmentSummary;
use crate::domain::legal_form::LegalForm;
use crate::domain::probable_duplicate::DuplicateRow;
use crate::domain::row_version::FIRST_ROW_VERSION;
use crate::domain::stale_save::StoredVersion;
use crate::text::fold::fold;

const TABLE: &str = "establishment";
/// Human codes look like "CS-000123"; the counter lives in `setting` so codes are never reused,
/// even after a deletion.
const CODE_COUNTER_KEY: &str = "establishment.next_number";

const COLUMNS: &str = "id, code, name, legal_form, tax_code, registration_no, registration_date,
    representative, representative_title, owner_gender, ethnicity, phone, email, province_code,
    commune_code, legacy_district_code, legacy_commune_code, address_detail, craft_village_name,
    craft_village_decision, industry_code, main_products, workers_total, workers_female,
    workers_ethnic_minority, capital, revenue, founded_year, recognitions, notes";

fn gender_code(g: Option<Gender>) -> Option<&'static str> {
    g.map(|g| match g {
        Gender::Nam => "nam",
        Gender::Nu => "nu",
    })
}

fn gender_from_code(code: &str) -> Option<Gender> {
    match code {
        "nam" => Some(Gender::Nam),
        "nu" => Some(Gender::Nu),
        _ => None,
    }
}

fn empty_to_null(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn establishment_from_row(r: &Row) -> rusqlite::Result<Establishment> {
    let text = |i: usize| -> rusqlite::Result<String> {
        Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
    };
    let recognitions: String = r.get(28)?;
    Ok(Establishment {
        id: uuid_from_sql(&r.get::<_, String>(0)?)?,
        code: r.get(1)?,
        name: r.get(2)?,
        legal_form: optional_coded_column(r, 3, LegalForm::from_code, "loại hình")?,
        tax_code: r.get(4)?,
        registration_no: r.get(5)?,
        registration_date: r
            .get::<_, Option<String>>(6)?
            .map(|s| date_from_sql(&s))
            .transpose()?,
        representative: r.get(7)?,
        representative_title: r.get(8)?,
        owner_gender: optional_coded_column(r, 9, gender_from_code, "giới tính")?,
        ethnicity: r.get(10)?,
        phone: r.get(11)?,
        email: r.get(12)?,
        province_code: r.get(13)?,
        commune_code: text(14)?,
        legacy_district_code: text(15)?,
        legacy_commune_code: text(16)?,
        address_detail: r.get(17)?,
        craft_village_name: r.get(18)?,
        craft_village_decision: r.get(19)?,
        industry_code: text(20)?,
        main_products: r.get(21)?,
        workers_total: r.get(22)?,
        workers_female: r.get(23)?,
        workers_ethnic_minority: r.get(24)?,
        capital: r.get(25)?,
        revenue: r.get(26)?,
        founded_year: r.get(27)?,
        recognitions: serde_json::from_str::<Vec<Recognition>>(&recognitions).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(28, rusqlite::types::Type::Text, Box::new(e))
        })?,
        notes: r.get(29)?,
        row_version: r.get(30)?,
    })
}

fn read_one(tx: &rusqlite::Connection, id: Uuid) -> StoreResult<Option<Establishment>> {
    let row = tx
        .query_row(
            &format!(
                "SELECT {COLUMNS}, row_version FROM {TABLE} WHERE id = ?1 AND deleted_at IS NULL"
            ),
            [id.to_string()],
            establishment_from_row,
        )
        .optional();
    match row {
        // Named in Vietnamese, with where to look, instead of SQLite's conversion error.
        Err(e) if is_undecodable(&e) => Err(StoreError::Unreadable {
            what: format!("của cơ sở {id}"),
            reason: "có giá trị không đọc được; xem Dữ liệu cần sửa".to_owned(),
        }),
        row => Ok(row?),
    }
}

fn stale(stored: Establishment) -> StoredVersion {
    StoredVersion::Establishment(Box::new(stored))
}

fn next_code(tx: &Transaction) -> StoreResult<String> {
    let n: i64 = tx
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM setting WHERE key = ?1",
            [CODE_COUNTER_KEY],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(1);
    tx.execute(
        "INSERT INTO setting(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![CODE_COUNTER_KEY, (n + 1).to_string()],
    )?;
    Ok(format!("CS-{n:06}"))
}

/// Writes every column of `e` inside `tx`: an insert when `loaded_version` is None, else an
/// update of the row still at `loaded_version` (moving it to the next). Returns the rows
/// changed: 0 means the stored row has moved on.
fn write_row(
    tx: &Transaction,
    e: &Establishment,
    loaded_version: Option<i64>,
) -> StoreResult<usize> {
    let recognitions = to_json(&e.recognitions, &format!("danh hiệu của cơ sở {}", e.code))?;
    let now = now_text();
    let values = params![
        e.id.to_string(),
        e.code,
        e.name,
        e.legal_form.map(LegalForm::code),
        e.tax_code,
        e.registration_no,
        e.registration_date.map(|d| d.to_string()),
        e.representative,
        e.representative_title,
        gender_code(e.owner_gender),
        e.ethnicity,
        e.phone,
        e.email,
        e.province_code,
        empty_to_null(&e.commune_code),
        empty_to_null(&e.legacy_district_code),
        empty_to_null(&e.legacy_commune_code),
        e.address_detail,
        e.craft_village_name,
        e.craft_village_decision,
        empty_to_null(&e.industry_code),
        e.main_products,
        e.workers_total,
        e.workers_female,
        e.workers_ethnic_minority,
        e.capital,
        e.revenue,
        e.founded_year,
        recognitions,
        e.notes,
        fold(&e.name),
        now,
    ];
    let Some(loaded_version) = loaded_version else {
        return Ok(tx.execute(
            &format!(
                "INSERT INTO {TABLE}({COLUMNS}, name_folded, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                         ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30,
                         ?31, ?32, ?32)"
            ),
            values,
        )?);
    };
    let mut values = values.to_vec();
    values.push(&loaded_version);
    Ok(tx.execute(
        &format!(
            "UPDATE {TABLE} SET code = ?2, name = ?3, legal_form = ?4, tax_code = ?5,
                    registration_no = ?6, registration_date = ?7, representative = ?8,
                    representative_title = ?9, owner_gender = ?10, ethnicity = ?11, phone = ?12,
                    email = ?13, province_code = ?14, commune_code = ?15,
                    legacy_district_code = ?16, legacy_commune_code = ?17, address_detail = ?18,
                    craft_village_name = ?19, craft_village_decision = ?20, industry_code = ?21,
                    main_products = ?22, workers_total = ?23, workers_female = ?24,
                    workers_ethnic_minority = ?25, capital = ?26, revenue = ?27,
                    founded_year = ?28, recognitions = ?29, notes = ?30, name_folded = ?31,
                    updated_at = ?32, row_version = row_version + 1
                 WHERE id = ?1 AND deleted_at IS NULL AND row_version = ?33"
        ),
        values.as_slice(),
    )?)
}

/// Inserts new records in one transaction, each with its audit row; assigns human codes to
/// records that have none. Used by the form (one record) and by bulk loads (demo, import).
pub(crate) fn insert_many(tx: &Transaction, records: &mut [Establishment]) -> StoreResult<()> {
    for e in records.iter_mut() {
        if e.code.is_empty() {
            e.code = next_code(tx)?;
        }
        e.row_version = FIRST_ROW_VERSION;
        write_row(tx, e, None)?;
        record_change(
            tx,
            TABLE,
            &e.id.to_string(),
            AuditAction::Insert,
            None,
            Some(&*e),
        )?;
    }
    Ok(())
}

const DUPLICATE_SELECT: &str = "SELECT id, code, name, COALESCE(tax_code, ''), name_folded,
        COALESCE(commune_code, ''), COALESCE(legacy_commune_code, '')
    FROM establishment WHERE deleted_at IS NULL";

fn duplicate_row_from_row(r: &Row) -> rusqlite::Result<DuplicateRow> {
    Ok(DuplicateRow {
        id: uuid_from_sql(&r.get::<_, String>(0)?)?,
        code: r.get(1)?,
        name: r.get(2)?,
        tax_code: r.get(3)?,
        name_folded: r.get(4)?,
        commune_code: r.get(5)?,
        legacy_commune_code: r.get(6)?,
    })
}

fn summary_from_row(r: &Row) -> rusqlite::Result<EstablishmentSummary> {
    Ok(EstablishmentSummary {
        id: uuid_from_sql(&r.get::<_, String>(0)?)?,
        code: r.get(1)?,
        name: r.get(2)?,
        legal_form: optional_coded_column(r, 3, LegalForm::from_code, "loại hình")?,
        commune_code: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        commune_name: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
        industry_code: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        workers_total: r.get(7)?,
        tax_code: r.get(8)?,
        representative: r.get(9)?,
    })
}

const SUMMARY_SELECT: &str = "SELECT e.id, e.code, e.name, e.legal_form,
        COALESCE(e.commune_code, m.new_code), COALESCE(c.name, c2.name),
        e.industry_code, e.workers_total, e.tax_code, e.representative
    FROM establishment e
    LEFT JOIN commune c ON c.code = e.commune_code
    LEFT JOIN commune_mapping m ON e.commune_code IS NULL AND m.old_code = e.legacy_commune_code
        AND m.is_default = 1
    LEFT JOIN commune c2 ON c2.code = m.new_code
    WHERE e.deleted_at IS NULL";

impl Store {
    /// Saves a new establishment with its audit row; returns it with its assigned code.
    pub fn insert_establishment(&mut self, mut e: Establishment) -> StoreResult<Establishment> {
        self.write(|tx| insert_many(tx, std::slice::from_mut(&mut e)))?;
        Ok(e)
    }

    /// Inserts many establishments in one transaction (bulk loads).
    pub fn insert_establishments(&mut self, records: &mut [Establishment]) -> StoreResult<()> {
        self.write(|tx| insert_many(tx, records))
    }

    /// Saves changes to an existing establishment loaded at `e.row_version`; the audit row
    /// keeps old and new values. Returns the version now stored. Refused with
    /// `StoreError::Conflict`, nothing written, when the stored row has moved on since.
    pub fn update_establishment(&mut self, e: &Establishment) -> StoreResult<i64> {
        self.write(|tx| {
            let key = e.id.to_string();
            let old =
                read_one(tx, e.id)?.ok_or_else(|| StoreError::RecordNotFound(e.code.clone()))?;
            if old.row_version != e.row_version {
                return Err(stale_save(tx, TABLE, &key, stale(old)));
            }
            if old == *e {
                return Ok(old.row_version);
            }
            let mut new = e.clone();
            new.row_version = next_version(old.row_version, &format!("cơ sở {}", e.code))?;
            update_audited(tx, TABLE, &key, &old, &new, |tx| {
                match write_row(tx, &new, Some(old.row_version))? {
                    0 => Err(stale_save(tx, TABLE, &key, stale(old.clone()))),
                    _ => Ok(()),
                }
            })?;
            Ok(new.row_version)
        })
    }

    /// Deletes an establishment as a tombstone: the row stays, marked with when it was deleted.
    /// Refused with `StoreError::Conflict` when the stored row is no longer at
    /// `loaded_version` (someone saved it after it was shown).
    pub fn delete_establishment(&mut self, id: Uuid, loaded_version: i64) -> StoreResult<()> {
        self.write(|tx| {
            let key = id.to_string();
            let old = read_one(tx, id)?.ok_or_else(|| StoreError::RecordNotFound(key.clone()))?;
            if old.row_version != loaded_version {
                return Err(stale_save(tx, TABLE, &key, stale(old)));
            }
            tombstone(tx, TABLE, &key, &old)
        })
    }

    /// One live establishment.
    pub fn establishment(&self, id: Uuid) -> StoreResult<Option<Establishment>> {
        read_one(self.conn(), id)
    }

    /// Whether a record exists as a tombstone (deleted).
    pub fn is_establishment_deleted(&self, id: Uuid) -> StoreResult<bool> {
        let deleted: Option<Option<String>> = self
            .conn()
            .query_row(
                &format!("SELECT deleted_at FROM {TABLE} WHERE id = ?1"),
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(matches!(deleted, Some(Some(_))))
    }

    /// Every live establishment, for whole-file checks.
    pub fn all_establishments(&self) -> StoreResult<Vec<Establishment>> {
        let mut st = self.conn().prepare(&format!(
            "SELECT {COLUMNS}, row_version FROM {TABLE} WHERE deleted_at IS NULL ORDER BY code"
        ))?;
        let rows = st.query_map([], establishment_from_row)?;
        readable_rows(rows)
    }

    /// The registry listing: every live establishment with its display columns.
    pub fn establishment_summaries(&self) -> StoreResult<Vec<EstablishmentSummary>> {
        let mut st = self
            .conn()
            .prepare(&format!("{SUMMARY_SELECT} ORDER BY e.code"))?;
        let rows = st.query_map([], summary_from_row)?;
        readable_rows(rows)
    }

    /// One registry row (after a save, to refresh the list without reloading it).
    pub fn establishment_summary(&self, id: Uuid) -> StoreResult<Option<EstablishmentSummary>> {
        Ok(self
            .conn()
            .query_row(
                &format!("{SUMMARY_SELECT} AND e.id = ?1"),
                [id.to_string()],
                summary_from_row,
            )
            .optional()?)
    }

    /// Live records that may look like `e` (same tax code, or same folded name), for
    /// `domain::probable_duplicate` to judge; `e` itself may be among them.
    pub fn duplicate_candidates(&self, e: &Establishment) -> StoreResult<Vec<DuplicateRow>> {
        // Two indexed look-ups (the tax-code index is partial: its condition is repeated).
        let mut st = self.conn().prepare_cached(&format!(
            "{DUPLICATE_SELECT} AND tax_code = ?1 AND tax_code <> ''
             UNION {DUPLICATE_SELECT} AND name_folded = ?2"
        ))?;
        let rows = st.query_map(
            params![e.tax_code.trim(), fold(&e.name)],
            duplicate_row_from_row,
        )?;
        readable_rows(rows)
    }

    /// What the duplicate rule compares, for every live record (`khuyencong check`).
    pub fn duplicate_rows(&self) -> StoreResult<Vec<DuplicateRow>> {
        let mut st = self.conn().prepare(DUPLICATE_SELECT)?;
        let rows = st.query_map([], duplicate_row_from_row)?;
        readable_rows(rows)
    }
}
