//! The khuyến công catalogue: activity contents, programmes, support ceilings and output
//! indicators. Shipped defaults load on first start; users add and edit rows in Cài đặt.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::audit::{AuditAction, record_change};
use super::error::{StoreError, StoreResult};
use super::reference_data::{audit_load, csv_records, date_field};
use super::{Store, date_from_sql, optional_date_from_sql};
use crate::assets;
use crate::domain::activity_content::ActivityContent;
use crate::domain::funding_source::FundingSource;
use crate::domain::programme::Programme;
use crate::domain::programme_target::ProgrammeTarget;
use crate::domain::support_ceiling::{CapUnit, Indicator, SupportCeiling};

fn required_date(file: &'static str, line: usize, text: &str) -> StoreResult<NaiveDate> {
    date_field(file, line, text)?.ok_or_else(|| StoreError::ReferenceData {
        file,
        line,
        message: "thiếu ngày hiệu lực".into(),
    })
}

fn optional_number(file: &'static str, line: usize, text: &str) -> StoreResult<Option<i64>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    text.trim()
        .parse()
        .map(Some)
        .map_err(|_| StoreError::ReferenceData {
            file,
            line,
            message: format!("\"{text}\" không phải là số"),
        })
}

pub(crate) fn load_activity_contents(tx: &Transaction) -> StoreResult<()> {
    const FILE: &str = "noi_dung_khuyen_cong.csv";
    let rows = csv_records(FILE, assets::ACTIVITY_CONTENTS)?;
    for (line, r) in &rows {
        let content = ActivityContent {
            code: r[0].to_owned(),
            list_name: r[1].to_owned(),
            name: r[2].to_owned(),
            valid_from: required_date(FILE, *line, &r[3])?,
            valid_to: date_field(FILE, *line, &r[4])?,
            source: r[5].to_owned(),
            wording_unconfirmed: &r[6] == "1",
            kcqg_advance_cap_bp: optional_number(FILE, *line, &r[7])?.map(|p| p * 100),
        };
        write_activity_content(tx, &content)?;
    }
    audit_load(tx, "activity_content", FILE, rows.len())
}

pub(crate) fn load_programmes(tx: &Transaction) -> StoreResult<()> {
    const FILE: &str = "chuong_trinh.csv";
    let rows = csv_records(FILE, assets::PROGRAMMES)?;
    for (line, r) in &rows {
        let programme = Programme {
            code: r[0].to_owned(),
            name: r[1].to_owned(),
            decision: r[2].to_owned(),
            province_code: (!r[3].is_empty()).then(|| r[3].to_owned()),
            valid_from: required_date(FILE, *line, &r[4])?,
            valid_to: date_field(FILE, *line, &r[5])?,
        };
        write_programme(tx, &programme)?;
    }
    audit_load(tx, "programme", FILE, rows.len())
}

pub(crate) fn load_support_ceilings(tx: &Transaction) -> StoreResult<()> {
    const FILE: &str = "muc_ho_tro.csv";
    let rows = csv_records(FILE, assets::SUPPORT_CEILINGS)?;
    for (line, r) in &rows {
        let bad = |message: String| StoreError::ReferenceData {
            file: FILE,
            line: *line,
            message,
        };
        let ceiling = SupportCeiling {
            id: 0,
            item_code: r[0].to_owned(),
            item_name: r[1].to_owned(),
            province_code: (!r[2].is_empty()).then(|| r[2].to_owned()),
            source: match &r[3] {
                "" => None,
                code => Some(
                    FundingSource::from_code(code)
                        .ok_or_else(|| bad(format!("nguồn \"{code}\" không rõ")))?,
                ),
            },
            percent_bp: optional_number(FILE, *line, &r[4])?.map(|p| p * 100),
            cap: optional_number(FILE, *line, &r[5])?,
            cap_unit: CapUnit::from_code(&r[6])
                .ok_or_else(|| bad(format!("\"{}\" không phải de_an/co_so", &r[6])))?,
            valid_from: required_date(FILE, *line, &r[7])?,
            valid_to: date_field(FILE, *line, &r[8])?,
            source_document: r[9].to_owned(),
        };
        insert_support_ceiling(tx, &ceiling)?;
    }
    audit_load(tx, "support_ceiling", FILE, rows.len())
}

pub(crate) fn load_indicators(tx: &Transaction) -> StoreResult<()> {
    const FILE: &str = "chi_tieu.csv";
    let rows = csv_records(FILE, assets::INDICATORS)?;
    let mut ins =
        tx.prepare("INSERT INTO indicator(code, name, unit, position) VALUES (?1, ?2, ?3, ?4)")?;
    for (i, (_, r)) in rows.iter().enumerate() {
        ins.execute(params![&r[0], &r[1], &r[2], i as i64])?;
    }
    audit_load(tx, "indicator", FILE, rows.len())
}

fn write_activity_content(tx: &Transaction, c: &ActivityContent) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO activity_content(code, list_name, name, valid_from, valid_to, source,
             wording_unconfirmed, kcqg_advance_cap_bp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(code) DO UPDATE SET list_name = excluded.list_name, name = excluded.name,
             valid_from = excluded.valid_from, valid_to = excluded.valid_to,
             source = excluded.source, wording_unconfirmed = excluded.wording_unconfirmed,
             kcqg_advance_cap_bp = excluded.kcqg_advance_cap_bp",
        params![
            c.code,
            c.list_name,
            c.name,
            c.valid_from.to_string(),
            c.valid_to.map(|d| d.to_string()),
            c.source,
            c.wording_unconfirmed,
            c.kcqg_advance_cap_bp
        ],
    )?;
    Ok(())
}

fn write_programme(tx: &Transaction, p: &Programme) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO programme(code, name, decision, province_code, valid_from, valid_to)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name, decision = excluded.decision,
             province_code = excluded.province_code, valid_from = excluded.valid_from,
             valid_to = excluded.valid_to",
        params![
            p.code,
            p.name,
            p.decision,
            p.province_code,
            p.valid_from.to_string(),
            p.valid_to.map(|d| d.to_string())
        ],
    )?;
    Ok(())
}

fn insert_support_ceiling(tx: &Transaction, c: &SupportCeiling) -> StoreResult<i64> {
    tx.execute(
        "INSERT INTO support_ceiling(item_code, item_name, province_code, source, percent_bp, cap,
             cap_unit, valid_from, valid_to, source_document)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            c.item_code,
            c.item_name,
            c.province_code,
            c.source.map(FundingSource::code),
            c.percent_bp,
            c.cap,
            c.cap_unit.code(),
            c.valid_from.to_string(),
            c.valid_to.map(|d| d.to_string()),
            c.source_document
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn ceiling_from_row(r: &Row) -> rusqlite::Result<SupportCeiling> {
    Ok(SupportCeiling {
        id: r.get(0)?,
        item_code: r.get(1)?,
        item_name: r.get(2)?,
        province_code: r.get(3)?,
        source: r
            .get::<_, Option<String>>(4)?
            .and_then(|s| FundingSource::from_code(&s)),
        percent_bp: r.get(5)?,
        cap: r.get(6)?,
        cap_unit: CapUnit::from_code(&r.get::<_, String>(7)?).unwrap_or(CapUnit::PerProject),
        valid_from: date_from_sql(&r.get::<_, String>(8)?)?,
        valid_to: optional_date_from_sql(r, 9)?,
        source_document: r.get(10)?,
    })
}

const CEILING_SELECT: &str = "SELECT id, item_code, item_name, province_code, source, percent_bp,
    cap, cap_unit, valid_from, valid_to, source_document FROM support_ceiling";

impl Store {
    /// Every activity content of every list, by list then code.
    pub fn activity_contents(&self) -> StoreResult<Vec<ActivityContent>> {
        let mut st = self.conn().prepare(
            "SELECT code, list_name, name, valid_from, valid_to, source, wording_unconfirmed,
                 kcqg_advance_cap_bp FROM activity_content ORDER BY valid_from, code",
        )?;
        let rows = st.query_map([], |r| {
            Ok(ActivityContent {
                code: r.get(0)?,
                list_name: r.get(1)?,
                name: r.get(2)?,
                valid_from: date_from_sql(&r.get::<_, String>(3)?)?,
                valid_to: optional_date_from_sql(r, 4)?,
                source: r.get(5)?,
                wording_unconfirmed: r.get(6)?,
                kcqg_advance_cap_bp: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every programme, national first.
    pub fn programmes(&self) -> StoreResult<Vec<Programme>> {
        let mut st = self.conn().prepare(
            "SELECT code, name, decision, province_code, valid_from, valid_to FROM programme
             ORDER BY province_code IS NOT NULL, valid_from",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Programme {
                code: r.get(0)?,
                name: r.get(1)?,
                decision: r.get(2)?,
                province_code: r.get(3)?,
                valid_from: date_from_sql(&r.get::<_, String>(4)?)?,
                valid_to: optional_date_from_sql(r, 5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every support-ceiling row, national and provincial.
    pub fn support_ceilings(&self) -> StoreResult<Vec<SupportCeiling>> {
        let mut st = self.conn().prepare(&format!(
            "{CEILING_SELECT} ORDER BY item_code, province_code, valid_from"
        ))?;
        let rows = st.query_map([], ceiling_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The output indicators, in display order.
    pub fn indicators(&self) -> StoreResult<Vec<Indicator>> {
        let mut st = self
            .conn()
            .prepare("SELECT code, name, unit FROM indicator ORDER BY position")?;
        let rows = st.query_map([], |r| {
            Ok(Indicator {
                code: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds or replaces a programme (e.g. the province's own local programme).
    pub fn save_programme(&mut self, p: &Programme) -> StoreResult<()> {
        let old = self.programmes()?.into_iter().find(|o| o.code == p.code);
        self.write(|tx| {
            write_programme(tx, p)?;
            let action = if old.is_some() {
                AuditAction::Update
            } else {
                AuditAction::Insert
            };
            record_change(tx, "programme", &p.code, action, old.as_ref(), Some(p))
        })
    }

    /// Edits an activity content (e.g. confirming the ND 235/2025 wording).
    pub fn save_activity_content(&mut self, c: &ActivityContent) -> StoreResult<()> {
        let old = self
            .activity_contents()?
            .into_iter()
            .find(|o| o.code == c.code);
        self.write(|tx| {
            write_activity_content(tx, c)?;
            let action = if old.is_some() {
                AuditAction::Update
            } else {
                AuditAction::Insert
            };
            record_change(
                tx,
                "activity_content",
                &c.code,
                action,
                old.as_ref(),
                Some(c),
            )
        })
    }

    /// Adds a support-ceiling row (a province's NQ HĐND level); returns its id.
    pub fn add_support_ceiling(&mut self, c: &SupportCeiling) -> StoreResult<i64> {
        self.write(|tx| {
            let id = insert_support_ceiling(tx, c)?;
            let mut saved = c.clone();
            saved.id = id;
            record_change(
                tx,
                "support_ceiling",
                &id.to_string(),
                AuditAction::Insert,
                None,
                Some(&saved),
            )?;
            Ok(id)
        })
    }

    /// Ends a support-ceiling row on `valid_to` (rows are never deleted: old projects are still
    /// judged by them).
    pub fn end_support_ceiling(&mut self, id: i64, valid_to: NaiveDate) -> StoreResult<()> {
        let old = self
            .conn()
            .query_row(
                &format!("{CEILING_SELECT} WHERE id = ?1"),
                [id],
                ceiling_from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::RecordNotFound(format!("mức hỗ trợ {id}")))?;
        self.write(|tx| {
            tx.execute(
                "UPDATE support_ceiling SET valid_to = ?2 WHERE id = ?1",
                params![id, valid_to.to_string()],
            )?;
            let mut new = old.clone();
            new.valid_to = Some(valid_to);
            record_change(
                tx,
                "support_ceiling",
                &id.to_string(),
                AuditAction::Update,
                Some(&old),
                Some(&new),
            )
        })
    }
}

impl Store {
    /// The targets set for a programme.
    pub fn programme_targets(&self, programme_code: &str) -> StoreResult<Vec<ProgrammeTarget>> {
        let mut st = self.conn().prepare(
            "SELECT t.programme_code, t.indicator_code, t.target FROM programme_target t
             JOIN indicator i ON i.code = t.indicator_code
             WHERE t.programme_code = ?1 ORDER BY i.position",
        )?;
        let rows = st.query_map([programme_code], |r| {
            Ok(ProgrammeTarget {
                programme_code: r.get(0)?,
                indicator_code: r.get(1)?,
                target: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sets (or changes) a programme's target for an indicator, with its audit row.
    pub fn save_programme_target(&mut self, t: &ProgrammeTarget) -> StoreResult<()> {
        let old = self
            .programme_targets(&t.programme_code)?
            .into_iter()
            .find(|o| o.indicator_code == t.indicator_code);
        let id = format!("{}/{}", t.programme_code, t.indicator_code);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO programme_target(programme_code, indicator_code, target)
                 VALUES (?1, ?2, ?3)
                 ON CONFLICT(programme_code, indicator_code) DO UPDATE SET target = excluded.target",
                params![t.programme_code, t.indicator_code, t.target],
            )?;
            let action = if old.is_some() { AuditAction::Update } else { AuditAction::Insert };
            record_change(tx, "programme_target", &id, action, old.as_ref(), Some(t))
        })
    }

    /// What the live, not cancelled projects of a programme achieved, per indicator.
    pub fn programme_achievements(&self, programme_code: &str) -> StoreResult<Vec<(String, i64)>> {
        let mut st = self.conn().prepare(
            "SELECT json_extract(o.value, '$.indicator_code'),
                    SUM(json_extract(o.value, '$.value'))
             FROM project p, json_each(p.outputs) o
             WHERE p.programme_code = ?1 AND p.deleted_at IS NULL AND p.status <> 'huy'
             GROUP BY 1",
        )?;
        let rows = st.query_map([programme_code], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
