//! Reference data: administrative units, industries, CNNT definitions, ethnic groups.
//! Shipped in assets/, loaded into the database on first start, read from there afterwards.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::audit::{AuditAction, record_change};
use super::error::{StoreError, StoreResult};
use super::{Store, date_from_sql};
use crate::assets;
use crate::domain::admin_unit::{Commune, CommuneKind, LegacyCommune, Province};
use crate::domain::cnnt_definition::CnntDefinition;
use crate::domain::industry::Industry;
use crate::domain::legal_form::LegalForm;
use crate::text::fold::fold;

/// Reads a shipped CSV file into records, naming the file and line on failure.
pub(crate) fn csv_records(
    file: &'static str,
    text: &str,
) -> StoreResult<Vec<(usize, csv::StringRecord)>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .enumerate()
        .map(|(i, r)| {
            r.map(|rec| (i + 2, rec))
                .map_err(|e| StoreError::ReferenceData {
                    file,
                    line: i + 2,
                    message: e.to_string(),
                })
        })
        .collect()
}

pub(crate) fn date_field(
    file: &'static str,
    line: usize,
    text: &str,
) -> StoreResult<Option<NaiveDate>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| StoreError::ReferenceData {
            file,
            line,
            message: format!("ngày \"{text}\" không đúng dạng yyyy-mm-dd"),
        })
}

/// The audit row of a reference table loaded from a shipped file.
pub(crate) fn audit_load(
    tx: &Transaction,
    table: &str,
    file: &str,
    rows: usize,
) -> StoreResult<()> {
    let summary = serde_json::json!({ "tep": file, "so_dong": rows });
    record_change(
        tx,
        table,
        file,
        AuditAction::LoadReference,
        None,
        Some(&summary),
    )
}

fn load_admin_units(tx: &Transaction) -> StoreResult<()> {
    const FILE_NEW: &str = "don_vi_hanh_chinh_2025.csv";
    const FILE_OLD: &str = "don_vi_hanh_chinh_truoc_2025.csv";
    const FILE_MAP: &str = "chuyen_doi_xa_2025.csv";
    let new_units = csv_records(FILE_NEW, assets::ADMIN_UNITS_2025)?;
    {
        let mut ins_p = tx.prepare("INSERT OR IGNORE INTO province(code, name) VALUES (?1, ?2)")?;
        let mut ins_c = tx.prepare(
            "INSERT INTO commune(code, province_code, name, kind, name_folded) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (line, r) in &new_units {
            let kind = CommuneKind::parse(&r[4]).ok_or_else(|| StoreError::ReferenceData {
                file: FILE_NEW,
                line: *line,
                message: format!("loại đơn vị \"{}\" không rõ", &r[4]),
            })?;
            ins_p.execute(params![&r[0], &r[1]])?;
            ins_c.execute(params![&r[2], &r[0], &r[3], kind.label(), fold(&r[3])])?;
        }
    }
    audit_load(tx, "commune", FILE_NEW, new_units.len())?;

    let old_units = csv_records(FILE_OLD, assets::ADMIN_UNITS_BEFORE_2025)?;
    {
        // The old list has a few island districts without communes (empty ma_xa): skip them.
        let mut ins = tx.prepare(
            "INSERT OR IGNORE INTO legacy_commune(code, name, kind, district_code, district_name,
                 province_code, province_name, name_folded)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (_, r) in old_units.iter().filter(|(_, r)| !r[4].is_empty()) {
            ins.execute(params![
                &r[4],
                &r[5],
                &r[6],
                &r[2],
                &r[3],
                &r[0],
                &r[1],
                fold(&r[5])
            ])?;
        }
    }
    audit_load(tx, "legacy_commune", FILE_OLD, old_units.len())?;

    let mapping = csv_records(FILE_MAP, assets::COMMUNE_MAPPING_2025)?;
    {
        let mut ins = tx.prepare(
            "INSERT OR IGNORE INTO commune_mapping(old_code, new_code, is_default) VALUES (?1, ?2, ?3)",
        )?;
        for (line, r) in &mapping {
            ins.execute(params![&r[0], &r[5], &r[8] == "1"])
                .map_err(|e| StoreError::ReferenceData {
                    file: FILE_MAP,
                    line: *line,
                    message: e.to_string(),
                })?;
        }
    }
    audit_load(tx, "commune_mapping", FILE_MAP, mapping.len())
}

fn load_industries(tx: &Transaction) -> StoreResult<()> {
    const FILE: &str = "nganh_nghe.csv";
    let rows = csv_records(FILE, assets::INDUSTRIES)?;
    let mut ins = tx.prepare(
        "INSERT INTO industry(code, name, valid_from, valid_to, source) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (line, r) in &rows {
        let from = date_field(FILE, *line, &r[2])?.ok_or_else(|| StoreError::ReferenceData {
            file: FILE,
            line: *line,
            message: "thiếu ngày hiệu lực".into(),
        })?;
        let to = date_field(FILE, *line, &r[3])?;
        ins.execute(params![
            &r[0],
            &r[1],
            from.to_string(),
            to.map(|d| d.to_string()),
            &r[4]
        ])?;
    }
    audit_load(tx, "industry", FILE, rows.len())
}

fn load_cnnt_definitions(tx: &Transaction) -> StoreResult<()> {
    const FILE: &str = "dinh_nghia_cnnt.csv";
    let rows = csv_records(FILE, assets::CNNT_DEFINITIONS)?;
    let mut ins = tx.prepare(
        "INSERT INTO cnnt_definition(valid_from, valid_to, eligible_forms,
             central_city_ward_needs_craft_village, source) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (line, r) in &rows {
        let from = date_field(FILE, *line, &r[0])?;
        let to = date_field(FILE, *line, &r[1])?;
        for code in r[2].split(';') {
            if LegalForm::from_code(code).is_none() {
                return Err(StoreError::ReferenceData {
                    file: FILE,
                    line: *line,
                    message: format!("loại hình \"{code}\" không rõ"),
                });
            }
        }
        ins.execute(params![
            from.map(|d| d.to_string()),
            to.map(|d| d.to_string()),
            &r[2],
            &r[3] == "1",
            &r[4]
        ])?;
    }
    audit_load(tx, "cnnt_definition", FILE, rows.len())
}

fn load_ethnicities(tx: &Transaction) -> StoreResult<()> {
    const FILE: &str = "dan_toc.csv";
    let rows = csv_records(FILE, assets::ETHNICITIES)?;
    let mut ins = tx.prepare("INSERT INTO ethnicity(name, position) VALUES (?1, ?2)")?;
    for (i, (_, r)) in rows.iter().enumerate() {
        ins.execute(params![&r[0], i as i64])?;
    }
    audit_load(tx, "ethnicity", FILE, rows.len())
}

/// Loads each reference table that is still empty, all in one transaction.
pub(crate) fn load_if_empty(store: &mut Store) -> StoreResult<()> {
    let empty = |table: &str| -> StoreResult<bool> {
        let n: i64 = store
            .conn()
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
        Ok(n == 0)
    };
    let need_units = empty("commune")?;
    let need_industries = empty("industry")?;
    let need_definitions = empty("cnnt_definition")?;
    let need_ethnicities = empty("ethnicity")?;
    let need_contents = empty("activity_content")?;
    let need_programmes = empty("programme")?;
    let need_ceilings = empty("support_ceiling")?;
    let need_indicators = empty("indicator")?;
    if !(need_units
        || need_industries
        || need_definitions
        || need_ethnicities
        || need_contents
        || need_programmes
        || need_ceilings
        || need_indicators)
    {
        return Ok(());
    }
    store.write(|tx| {
        if need_units {
            load_admin_units(tx)?;
        }
        if need_industries {
            load_industries(tx)?;
        }
        if need_definitions {
            load_cnnt_definitions(tx)?;
        }
        if need_ethnicities {
            load_ethnicities(tx)?;
        }
        if need_contents {
            super::catalog::load_activity_contents(tx)?;
        }
        if need_programmes {
            super::catalog::load_programmes(tx)?;
        }
        if need_ceilings {
            super::catalog::load_support_ceilings(tx)?;
        }
        if need_indicators {
            super::catalog::load_indicators(tx)?;
        }
        Ok(())
    })
}

fn commune_from_row(r: &Row) -> rusqlite::Result<Commune> {
    let kind: String = r.get(3)?;
    Ok(Commune {
        code: r.get(0)?,
        province_code: r.get(1)?,
        name: r.get(2)?,
        kind: CommuneKind::parse(&kind).unwrap_or(CommuneKind::Xa),
    })
}

const LEGACY_SELECT: &str =
    "SELECT l.code, l.name, l.district_code, l.district_name, l.province_code,
        l.province_name, m.new_code, c.name
    FROM legacy_commune l
    LEFT JOIN commune_mapping m ON m.old_code = l.code AND m.is_default = 1
    LEFT JOIN commune c ON c.code = m.new_code";

fn legacy_from_row(r: &Row) -> rusqlite::Result<LegacyCommune> {
    Ok(LegacyCommune {
        code: r.get(0)?,
        name: r.get(1)?,
        district_code: r.get(2)?,
        district_name: r.get(3)?,
        province_code: r.get(4)?,
        province_name: r.get(5)?,
        successor_code: r.get(6)?,
        successor_name: r.get(7)?,
    })
}

impl Store {
    /// The 34 current provinces, by code.
    pub fn provinces(&self) -> StoreResult<Vec<Province>> {
        let mut st = self
            .conn()
            .prepare("SELECT code, name FROM province ORDER BY code")?;
        let rows = st.query_map([], |r| {
            Ok(Province {
                code: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One current province.
    pub fn province(&self, code: &str) -> StoreResult<Option<Province>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT code, name FROM province WHERE code = ?1",
                [code],
                |r| {
                    Ok(Province {
                        code: r.get(0)?,
                        name: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// The current communes of a province, by code.
    pub fn communes_of(&self, province_code: &str) -> StoreResult<Vec<Commune>> {
        let mut st = self.conn().prepare(
            "SELECT code, province_code, name, kind FROM commune WHERE province_code = ?1 ORDER BY code",
        )?;
        let rows = st.query_map([province_code], commune_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One current commune.
    pub fn commune(&self, code: &str) -> StoreResult<Option<Commune>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT code, province_code, name, kind FROM commune WHERE code = ?1",
                [code],
                commune_from_row,
            )
            .optional()?)
    }

    /// The pre-2025 communes whose territory now lies in `province_code` (through the mapping).
    pub fn legacy_communes_for(&self, province_code: &str) -> StoreResult<Vec<LegacyCommune>> {
        let sql = format!(
            "{LEGACY_SELECT} WHERE l.code IN (SELECT mm.old_code FROM commune_mapping mm
                 JOIN commune cc ON cc.code = mm.new_code WHERE cc.province_code = ?1)
             ORDER BY l.district_code, l.code"
        );
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map([province_code], legacy_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One pre-2025 commune with its default successor.
    pub fn legacy_commune(&self, code: &str) -> StoreResult<Option<LegacyCommune>> {
        Ok(self
            .conn()
            .query_row(
                &format!("{LEGACY_SELECT} WHERE l.code = ?1"),
                [code],
                legacy_from_row,
            )
            .optional()?)
    }

    /// The eligible-industry list, every version.
    pub fn industries(&self) -> StoreResult<Vec<Industry>> {
        let mut st = self.conn().prepare(
            "SELECT code, name, valid_from, valid_to, source FROM industry ORDER BY valid_from, code",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Industry {
                code: r.get(0)?,
                name: r.get(1)?,
                valid_from: date_from_sql(r.get::<_, String>(2)?.as_str())?,
                valid_to: r
                    .get::<_, Option<String>>(3)?
                    .map(|s| date_from_sql(&s))
                    .transpose()?,
                source: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every version of the CNNT definition.
    pub fn cnnt_definitions(&self) -> StoreResult<Vec<CnntDefinition>> {
        let mut st = self.conn().prepare(
            "SELECT valid_from, valid_to, eligible_forms, central_city_ward_needs_craft_village, source
             FROM cnnt_definition ORDER BY valid_from",
        )?;
        let rows = st.query_map([], |r| {
            let forms: String = r.get(2)?;
            Ok(CnntDefinition {
                valid_from: date_from_sql(r.get::<_, String>(0)?.as_str())?,
                valid_to: r
                    .get::<_, Option<String>>(1)?
                    .map(|s| date_from_sql(&s))
                    .transpose()?,
                eligible_forms: forms.split(';').filter_map(LegalForm::from_code).collect(),
                central_city_ward_needs_craft_village: r.get(3)?,
                source: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The 54 ethnic groups, in the official order.
    pub fn ethnicities(&self) -> StoreResult<Vec<String>> {
        let mut st = self
            .conn()
            .prepare("SELECT name FROM ethnicity ORDER BY position")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
