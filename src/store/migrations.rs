//! Versioned schema. Append new migrations; never edit a released one.

use rusqlite_migration::{M, Migrations};

const V1_FOUNDATION: &str = r#"
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    action     TEXT NOT NULL,
    old_json   TEXT,
    new_json   TEXT
) STRICT;
CREATE INDEX audit_log_record ON audit_log(table_name, record_id);

CREATE TABLE province (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE commune (
    code          TEXT PRIMARY KEY,
    province_code TEXT NOT NULL REFERENCES province(code),
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    name_folded   TEXT NOT NULL
) STRICT;
CREATE INDEX commune_province ON commune(province_code);

CREATE TABLE legacy_commune (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    district_code TEXT NOT NULL,
    district_name TEXT NOT NULL,
    province_code TEXT NOT NULL,
    province_name TEXT NOT NULL,
    name_folded   TEXT NOT NULL
) STRICT;

CREATE TABLE commune_mapping (
    old_code   TEXT NOT NULL REFERENCES legacy_commune(code),
    new_code   TEXT NOT NULL REFERENCES commune(code),
    is_default INTEGER NOT NULL,
    PRIMARY KEY (old_code, new_code)
) STRICT;
CREATE INDEX commune_mapping_new ON commune_mapping(new_code);

CREATE TABLE industry (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to   TEXT,
    source     TEXT NOT NULL
) STRICT;

CREATE TABLE cnnt_definition (
    id                                    INTEGER PRIMARY KEY,
    valid_from                            TEXT NOT NULL,
    valid_to                              TEXT,
    eligible_forms                        TEXT NOT NULL,
    central_city_ward_needs_craft_village INTEGER NOT NULL,
    source                                TEXT NOT NULL
) STRICT;

CREATE TABLE ethnicity (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE establishment (
    id                      TEXT PRIMARY KEY,
    code                    TEXT NOT NULL UNIQUE,
    name                    TEXT NOT NULL,
    name_folded             TEXT NOT NULL,
    legal_form              TEXT,
    tax_code                TEXT NOT NULL,
    registration_no         TEXT NOT NULL,
    registration_date       TEXT,
    representative          TEXT NOT NULL,
    representative_title    TEXT NOT NULL,
    owner_gender            TEXT,
    ethnicity               TEXT NOT NULL,
    phone                   TEXT NOT NULL,
    email                   TEXT NOT NULL,
    province_code           TEXT NOT NULL REFERENCES province(code),
    commune_code            TEXT REFERENCES commune(code),
    legacy_district_code    TEXT,
    legacy_commune_code     TEXT REFERENCES legacy_commune(code),
    address_detail          TEXT NOT NULL,
    craft_village_name      TEXT NOT NULL,
    craft_village_decision  TEXT NOT NULL,
    industry_code           TEXT REFERENCES industry(code),
    main_products           TEXT NOT NULL,
    workers_total           INTEGER CHECK (workers_total >= 0),
    workers_female          INTEGER CHECK (workers_female >= 0),
    workers_ethnic_minority INTEGER CHECK (workers_ethnic_minority >= 0),
    capital                 INTEGER CHECK (capital >= 0),
    revenue                 INTEGER CHECK (revenue >= 0),
    founded_year            INTEGER,
    recognitions            TEXT NOT NULL,
    notes                   TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    deleted_at              TEXT
) STRICT;
CREATE INDEX establishment_tax_code ON establishment(tax_code) WHERE tax_code <> '';
CREATE INDEX establishment_name_commune ON establishment(name_folded, commune_code);
"#;

const V2_PROJECTS: &str = r#"
CREATE TABLE activity_content (
    code                TEXT PRIMARY KEY,
    list_name           TEXT NOT NULL,
    name                TEXT NOT NULL,
    valid_from          TEXT NOT NULL,
    valid_to            TEXT,
    source              TEXT NOT NULL,
    wording_unconfirmed INTEGER NOT NULL,
    kcqg_advance_cap_bp INTEGER
) STRICT;

CREATE TABLE programme (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    decision      TEXT NOT NULL,
    province_code TEXT,
    valid_from    TEXT NOT NULL,
    valid_to      TEXT
) STRICT;

CREATE TABLE support_ceiling (
    id              INTEGER PRIMARY KEY,
    item_code       TEXT NOT NULL,
    item_name       TEXT NOT NULL,
    province_code   TEXT,
    source          TEXT,
    percent_bp      INTEGER CHECK (percent_bp BETWEEN 0 AND 10000),
    cap             INTEGER CHECK (cap >= 0),
    cap_unit        TEXT NOT NULL,
    valid_from      TEXT NOT NULL,
    valid_to        TEXT,
    source_document TEXT NOT NULL
) STRICT;

CREATE TABLE indicator (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    unit     TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE project (
    id                TEXT PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    name_folded       TEXT NOT NULL,
    plan_year         INTEGER NOT NULL,
    source            TEXT NOT NULL,
    integrated_with   TEXT NOT NULL,
    kind              TEXT NOT NULL,
    content_code      TEXT NOT NULL REFERENCES activity_content(code),
    programme_code    TEXT NOT NULL,
    support_item      TEXT NOT NULL,
    implementer       TEXT NOT NULL,
    province_code     TEXT NOT NULL REFERENCES province(code),
    approval_no       TEXT NOT NULL,
    approval_date     TEXT,
    approval_level    TEXT NOT NULL,
    contract_no       TEXT NOT NULL,
    contract_date     TEXT,
    start_date        TEXT,
    end_date          TEXT,
    acceptance_date   TEXT,
    settlement_date   TEXT,
    total_cost        INTEGER NOT NULL CHECK (total_cost >= 0),
    support           INTEGER NOT NULL CHECK (support >= 0),
    counterpart       INTEGER NOT NULL CHECK (counterpart >= 0),
    other_funds       INTEGER NOT NULL CHECK (other_funds >= 0),
    status            TEXT NOT NULL,
    transitions       TEXT NOT NULL,
    inspections       TEXT NOT NULL,
    outputs           TEXT NOT NULL,
    accepted_warnings TEXT NOT NULL,
    notes             TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT
) STRICT;
CREATE INDEX project_year ON project(plan_year);

CREATE TABLE project_commune (
    project_id   TEXT NOT NULL REFERENCES project(id),
    commune_code TEXT NOT NULL REFERENCES commune(code),
    position     INTEGER NOT NULL,
    PRIMARY KEY (project_id, commune_code)
) STRICT;
CREATE INDEX project_commune_code ON project_commune(commune_code);

CREATE TABLE project_beneficiary (
    project_id       TEXT NOT NULL REFERENCES project(id),
    establishment_id TEXT NOT NULL REFERENCES establishment(id),
    cost             INTEGER NOT NULL CHECK (cost >= 0),
    support          INTEGER NOT NULL CHECK (support >= 0),
    counterpart      INTEGER NOT NULL CHECK (counterpart >= 0),
    position         INTEGER NOT NULL,
    PRIMARY KEY (project_id, establishment_id)
) STRICT;
CREATE INDEX project_beneficiary_establishment ON project_beneficiary(establishment_id);

CREATE TABLE payment (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES project(id),
    kind        TEXT NOT NULL,
    date        TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    source      TEXT NOT NULL,
    document_no TEXT NOT NULL,
    note        TEXT NOT NULL,
    position    INTEGER NOT NULL
) STRICT;
CREATE INDEX payment_project ON payment(project_id);

CREATE TABLE attachment (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES project(id),
    file_name   TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX attachment_project ON attachment(project_id);
"#;

const V3_BUDGET: &str = r#"
CREATE TABLE budget_line (
    id            TEXT PRIMARY KEY,
    year          INTEGER NOT NULL,
    source        TEXT NOT NULL,
    decision_no   TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    agency        TEXT NOT NULL,
    amount        INTEGER NOT NULL CHECK (amount >= 0),
    content_code  TEXT NOT NULL,
    commune_code  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;
CREATE INDEX budget_line_year ON budget_line(year);

CREATE TABLE budget_change (
    id          TEXT PRIMARY KEY,
    line_id     TEXT NOT NULL REFERENCES budget_line(id),
    kind        TEXT NOT NULL,
    date        TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    decision_no TEXT NOT NULL,
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX budget_change_line ON budget_change(line_id);

CREATE TABLE reallocation (
    id           TEXT PRIMARY KEY,
    date         TEXT NOT NULL,
    from_project TEXT NOT NULL REFERENCES project(id),
    to_project   TEXT NOT NULL REFERENCES project(id),
    amount       INTEGER NOT NULL CHECK (amount > 0),
    decision_no  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
"#;

const V4_PROGRAMME_TARGETS: &str = r#"
CREATE TABLE programme_target (
    programme_code TEXT NOT NULL,
    indicator_code TEXT NOT NULL REFERENCES indicator(code),
    target         INTEGER NOT NULL CHECK (target >= 0),
    PRIMARY KEY (programme_code, indicator_code)
) STRICT;
"#;

/// All migrations, oldest first. `PRAGMA user_version` holds how many have run.
/// v5: đăng ký kế hoạch — who proposed a project, when, and the appraisal (JSON, see
/// domain::plan_registration::Registration).
const V5_REGISTRATION: &str = r#"
ALTER TABLE project ADD COLUMN registration TEXT NOT NULL DEFAULT '{}';
"#;

/// v6: saved reports. The report (number, addressees, signer, narrative and — once finalised —
/// its frozen figures) is one JSON document, see domain::report::SavedReport.
const V6_REPORTS: &str = r#"
CREATE TABLE report (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    year       INTEGER NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE INDEX report_year ON report(year);
"#;

/// The file says it is ours: `application_id` "SoKC" in the header, so another program's SQLite
/// file is told apart from ours without reading its tables. And every record a person edits gets
/// a version, raised by each save, so a save over a record someone else changed since it was
/// loaded is refused instead of silently putting the old values back.
const V7_IDENTITY_AND_VERSIONS: &str = r#"
PRAGMA application_id = 1399802691;
ALTER TABLE establishment ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE project ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE report ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE budget_line ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
"#;

/// The `application_id` every file of Sổ Khuyến công carries from schema version 7 on ("SoKC").
pub const APPLICATION_ID: i64 = 0x536F_4B43;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1_FOUNDATION),
        M::up(V2_PROJECTS),
        M::up(V3_BUDGET),
        M::up(V4_PROGRAMME_TARGETS),
        M::up(V5_REGISTRATION),
        M::up(V6_REPORTS),
        M::up(V7_IDENTITY_AND_VERSIONS),
    ])
}

/// The schema version this build writes; files with a higher `user_version` are refused.
pub const LATEST_VERSION: i64 = 7;
