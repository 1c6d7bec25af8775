//! The scan for stored values the app cannot use: every table of user data read row by row and
//! every value judged the way the readers decode it (same code lists, same JSON types, same date
//! and UUID forms, same money bounds), plus hidden characters in text a person reads. One query
//! per table, so it runs at every start on a province file.

use rusqlite::types::ValueRef;
use serde::de::DeserializeOwned;

use super::error::StoreResult;
use super::{Store, reports, settings};
use crate::domain::attachment::stored_name_problem;
use crate::domain::budget_plan::BudgetChangeKind;
use crate::domain::data_problem::{DataProblem, first_hidden_char, shown_value};
use crate::domain::establishment::Recognition;
use crate::domain::funding_source::FundingSource;
use crate::domain::legal_form::LegalForm;
use crate::domain::money::MAX_AMOUNT;
use crate::domain::plan_registration::Registration;
use crate::domain::project::{
    AcceptedWarning, Inspection, Output, PaymentKind, ProjectKind, Transition,
};
use crate::domain::project_status::ProjectStatus;
use crate::domain::registration_deadline::RegistrationDeadline;
use crate::domain::report::saved_report::{ReportDefaults, SavedReport};
use crate::domain::rule_term::RuleTerm;
use crate::domain::unit_settings::UnitSettings;
use crate::text::number::format_integer;

/// What a column must hold.
#[derive(Clone, Copy)]
enum Kind {
    /// A record identity (UUID text).
    Uuid,
    /// An ISO date; `optional` allows NULL.
    Date { optional: bool },
    /// A code of a list: `known` says whether the code is in it; `optional` allows NULL.
    Code {
        known: fn(&str) -> bool,
        list: &'static str,
        optional: bool,
    },
    /// JSON of the type `parses` tries.
    Json(JsonCheck),
    /// Text a person reads: present, without hidden characters (`multi_line` allows tab and
    /// line breaks); `optional` allows NULL.
    Text { multi_line: bool, optional: bool },
    /// Đồng between 0 and `MAX_AMOUNT`; `optional` allows NULL.
    Money { optional: bool },
    /// A count that cannot be negative.
    Count,
}

/// Whether a problem of this kind makes the reader leave the row out (rather than a value that
/// reads but should be fixed, such as a hidden character).
fn leaves_row_out(kind: Kind) -> bool {
    // Optional money (capital, revenue) is shown, never summed, so the reader keeps the row.
    !matches!(kind, Kind::Text { .. } | Kind::Money { optional: true })
}

struct Column {
    name: &'static str,
    field: &'static str,
    kind: Kind,
}

struct Table {
    table: &'static str,
    label: &'static str,
    /// The record as a person finds it (its code, or its owner's code and its id).
    record: &'static str,
    /// `FROM …` with the joins and the condition of the rows the app reads.
    from: &'static str,
    columns: &'static [Column],
}

const fn col(name: &'static str, field: &'static str, kind: Kind) -> Column {
    Column { name, field, kind }
}

fn json_of<T: DeserializeOwned>(text: &str) -> Result<(), String> {
    serde_json::from_str::<T>(text).map(|_| ()).map_err(|e| {
        format!(
            "dữ liệu JSON bị hỏng, không đọc được (dòng {}, cột {})",
            e.line(),
            e.column()
        )
    })
}

const NAME: Kind = Kind::Text {
    multi_line: false,
    optional: false,
};
const NOTE: Kind = Kind::Text {
    multi_line: true,
    optional: false,
};
const MONEY: Kind = Kind::Money { optional: false };
const DATE: Kind = Kind::Date { optional: false };
const OPTIONAL_DATE: Kind = Kind::Date { optional: true };
const SOURCE: Kind = Kind::Code {
    known: |c| FundingSource::from_code(c).is_some(),
    list: "nguồn vốn",
    optional: false,
};

const TABLES: &[Table] = &[
    Table {
        table: "establishment",
        label: "Cơ sở CNNT",
        record: "code",
        from: "FROM establishment WHERE deleted_at IS NULL",
        columns: &[
            col("id", "mã định danh", Kind::Uuid),
            col("name", "tên cơ sở", NAME),
            col(
                "legal_form",
                "loại hình",
                Kind::Code {
                    known: |c| LegalForm::from_code(c).is_some(),
                    list: "loại hình",
                    optional: true,
                },
            ),
            col("registration_date", "ngày đăng ký", OPTIONAL_DATE),
            col(
                "owner_gender",
                "giới tính chủ cơ sở",
                Kind::Code {
                    known: |c| matches!(c, "nam" | "nu"),
                    list: "giới tính",
                    optional: true,
                },
            ),
            col("representative", "người đại diện", NAME),
            col("address_detail", "địa chỉ", NAME),
            col("craft_village_name", "tên làng nghề", NAME),
            col("main_products", "sản phẩm chính", NAME),
            col("capital", "vốn", Kind::Money { optional: true }),
            col("revenue", "doanh thu", Kind::Money { optional: true }),
            col(
                "recognitions",
                "danh hiệu",
                Kind::Json(json_of::<Vec<Recognition>>),
            ),
            col("notes", "ghi chú", NOTE),
        ],
    },
    Table {
        table: "project",
        label: "Đề án",
        record: "code",
        from: "FROM project WHERE deleted_at IS NULL",
        columns: &[
            col("id", "mã định danh", Kind::Uuid),
            col("name", "tên đề án", NAME),
            col("source", "nguồn vốn", SOURCE),
            col(
                "kind",
                "loại đề án",
                Kind::Code {
                    known: |c| ProjectKind::from_code(c).is_some(),
                    list: "loại đề án",
                    optional: false,
                },
            ),
            col("implementer", "đơn vị thực hiện", NAME),
            col("approval_date", "ngày phê duyệt", OPTIONAL_DATE),
            col("contract_date", "ngày hợp đồng", OPTIONAL_DATE),
            col("start_date", "ngày bắt đầu", OPTIONAL_DATE),
            col("end_date", "ngày kết thúc", OPTIONAL_DATE),
            col("acceptance_date", "ngày nghiệm thu", OPTIONAL_DATE),
            col("settlement_date", "ngày quyết toán", OPTIONAL_DATE),
            col("total_cost", "tổng kinh phí", MONEY),
            col("support", "kinh phí hỗ trợ", MONEY),
            col("counterpart", "vốn đối ứng", MONEY),
            col("other_funds", "nguồn khác", MONEY),
            col(
                "status",
                "trạng thái",
                Kind::Code {
                    known: |c| ProjectStatus::from_code(c).is_some(),
                    list: "trạng thái",
                    optional: false,
                },
            ),
            col(
                "transitions",
                "lịch sử trạng thái",
                Kind::Json(json_of::<Vec<Transition>>),
            ),
            col(
                "inspections",
                "kiểm tra",
                Kind::Json(json_of::<Vec<Inspection>>),
            ),
            col("outputs", "kết quả", Kind::Json(json_of::<Vec<Output>>)),
            col(
                "accepted_warnings",
                "cảnh báo đã chấp nhận",
                Kind::Json(json_of::<Vec<AcceptedWarning>>),
            ),
            col(
                "registration",
                "đăng ký kế hoạch",
                Kind::Json(json_of::<Registration>),
            ),
            col("notes", "ghi chú", NOTE),
        ],
    },
    Table {
        table: "payment",
        label: "Thanh toán của đề án",
        record: "p.code || ' / ' || c.id",
        from: "FROM payment c JOIN project p ON p.id = c.project_id WHERE p.deleted_at IS NULL",
        columns: &[
            col("c.id", "mã định danh", Kind::Uuid),
            col(
                "c.kind",
                "loại thanh toán",
                Kind::Code {
                    known: |c| PaymentKind::from_code(c).is_some(),
                    list: "loại thanh toán",
                    optional: false,
                },
            ),
            col("c.date", "ngày", DATE),
            col("c.amount", "số tiền", MONEY),
            col("c.source", "nguồn vốn", SOURCE),
            col("c.note", "ghi chú", NOTE),
        ],
    },
    Table {
        table: "project_beneficiary",
        label: "Cơ sở thụ hưởng của đề án",
        record: "p.code || ' / ' || c.establishment_id",
        from: "FROM project_beneficiary c JOIN project p ON p.id = c.project_id
               WHERE p.deleted_at IS NULL",
        columns: &[
            col("c.project_id", "mã đề án", Kind::Uuid),
            col("c.establishment_id", "mã cơ sở", Kind::Uuid),
            col("c.cost", "kinh phí", MONEY),
            col("c.support", "kinh phí hỗ trợ", MONEY),
            col("c.counterpart", "vốn đối ứng", MONEY),
        ],
    },
    Table {
        table: "attachment",
        label: "Hồ sơ đính kèm",
        record: "p.code || ' / ' || c.file_name",
        from: "FROM attachment c JOIN project p ON p.id = c.project_id
               WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL",
        columns: &[
            col("c.id", "mã định danh", Kind::Uuid),
            col("c.file_name", "tên tệp", NAME),
        ],
    },
    Table {
        table: "budget_line",
        label: "Dòng dự toán",
        record: "year || ' / ' || decision_no || ' / ' || id",
        from: "FROM budget_line WHERE deleted_at IS NULL",
        columns: &[
            col("id", "mã định danh", Kind::Uuid),
            col("source", "nguồn vốn", SOURCE),
            col("decision_date", "ngày quyết định", DATE),
            col("amount", "số tiền", MONEY),
            col("agency", "cơ quan", NAME),
        ],
    },
    Table {
        table: "budget_change",
        label: "Điều chỉnh dự toán",
        record: "decision_no || ' / ' || id",
        from: "FROM budget_change",
        columns: &[
            col("id", "mã định danh", Kind::Uuid),
            col("line_id", "dòng dự toán", Kind::Uuid),
            col(
                "kind",
                "loại điều chỉnh",
                Kind::Code {
                    known: |c| BudgetChangeKind::from_code(c).is_some(),
                    list: "loại điều chỉnh",
                    optional: false,
                },
            ),
            col("date", "ngày", DATE),
            col("amount", "số tiền", MONEY),
            col("reason", "lý do", NOTE),
        ],
    },
    Table {
        table: "reallocation",
        label: "Điều chuyển kinh phí",
        record: "decision_no || ' / ' || id",
        from: "FROM reallocation",
        columns: &[
            col("id", "mã định danh", Kind::Uuid),
            col("date", "ngày", DATE),
            col("from_project", "đề án chuyển đi", Kind::Uuid),
            col("to_project", "đề án nhận", Kind::Uuid),
            col("amount", "số tiền", MONEY),
            col("reason", "lý do", NOTE),
        ],
    },
    Table {
        table: "programme_target",
        label: "Chỉ tiêu chương trình",
        record: "programme_code || ' / ' || indicator_code",
        from: "FROM programme_target",
        columns: &[col("target", "chỉ tiêu", Kind::Count)],
    },
    Table {
        table: "report",
        label: "Báo cáo đã lưu",
        record: "year || ' / ' || id",
        from: "FROM report WHERE deleted_at IS NULL",
        columns: &[col(
            "body",
            "nội dung báo cáo",
            Kind::Json(json_of::<SavedReport>),
        )],
    },
];

/// The settings kept as JSON and the type each must read as.
/// Whether a JSON text reads as the type it must be; the error says where it breaks.
type JsonCheck = fn(&str) -> Result<(), String>;

const JSON_SETTINGS: &[(&str, &str, JsonCheck)] = &[
    (
        settings::UNIT_KEY,
        "thông tin đơn vị",
        json_of::<UnitSettings>,
    ),
    (
        settings::DEADLINES_KEY,
        "lịch đăng ký kế hoạch",
        json_of::<Vec<RegistrationDeadline>>,
    ),
    (
        settings::RULE_TERMS_KEY,
        "tham số quy định",
        json_of::<Vec<RuleTerm>>,
    ),
    (
        reports::DEFAULTS_KEY,
        "thông tin mặc định của báo cáo",
        json_of::<ReportDefaults>,
    ),
];

/// What is wrong with `value` as a column of `kind`; None when it reads.
fn judge(kind: Kind, value: ValueRef) -> Option<String> {
    let text = match value {
        ValueRef::Text(bytes) => Some(std::str::from_utf8(bytes).ok()?),
        _ => None,
    };
    let optional = match kind {
        Kind::Date { optional }
        | Kind::Code { optional, .. }
        | Kind::Text { optional, .. }
        | Kind::Money { optional } => optional,
        Kind::Uuid | Kind::Json(_) | Kind::Count => false,
    };
    if matches!(value, ValueRef::Null) {
        return (!optional).then(|| "bỏ trống ở trường bắt buộc".to_owned());
    }
    match kind {
        Kind::Money { .. } | Kind::Count => {
            let ValueRef::Integer(n) = value else {
                return Some("không phải là số".to_owned());
            };
            if n < 0 {
                Some(if matches!(kind, Kind::Count) {
                    "số âm, không thể có".to_owned()
                } else {
                    "số tiền âm, không thể có".to_owned()
                })
            } else if matches!(kind, Kind::Money { .. }) && n > MAX_AMOUNT {
                Some(format!(
                    "số tiền vượt giới hạn {} đồng của một khoản",
                    format_integer(MAX_AMOUNT)
                ))
            } else {
                None
            }
        }
        _ => {
            let Some(text) = text else {
                return Some("không phải là chữ".to_owned());
            };
            match kind {
                Kind::Uuid => uuid::Uuid::parse_str(text)
                    .is_err()
                    .then(|| "mã định danh không đúng dạng UUID".to_owned()),
                Kind::Date { .. } => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .is_err()
                    .then(|| "không phải là ngày (năm-tháng-ngày)".to_owned()),
                Kind::Code { known, list, .. } => (!known(text)).then(|| {
                    format!(
                        "mã {list} '{}' không có trong danh mục",
                        shown_value(Some(text))
                    )
                }),
                Kind::Json(parses) => parses(text).err(),
                Kind::Text { multi_line, .. } => first_hidden_char(text, multi_line).map(|c| {
                    format!(
                        "có ký tự ẩn U+{:04X} (ký tự điều khiển hoặc đổi chiều chữ)",
                        c as u32
                    )
                }),
                Kind::Money { .. } | Kind::Count => None,
            }
        }
    }
}

/// The stored value as it may be shown.
fn shown(value: ValueRef) -> String {
    match value {
        ValueRef::Null => shown_value(None),
        ValueRef::Integer(n) => format_integer(n),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Text(bytes) => shown_value(Some(&String::from_utf8_lossy(bytes))),
        ValueRef::Blob(bytes) => format!("({} byte nhị phân)", bytes.len()),
    }
}

impl Store {
    /// Every stored value the app cannot use as it is, with its record; empty when the data is
    /// clean. Problems with `left_out` set are rows the lists and figures are computed without.
    pub fn data_problems(&self) -> StoreResult<Vec<DataProblem>> {
        let mut problems = Vec::new();
        for t in TABLES {
            let columns: Vec<&str> = t.columns.iter().map(|c| c.name).collect();
            let sql = format!("SELECT {}, {} {}", t.record, columns.join(", "), t.from);
            let mut st = self.conn().prepare(&sql)?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                for (i, c) in t.columns.iter().enumerate() {
                    let value = r.get_ref(i + 1)?;
                    if let Some(problem) = judge(c.kind, value) {
                        let record = match r.get_ref(0)? {
                            ValueRef::Text(b) => String::from_utf8_lossy(b).into_owned(),
                            ValueRef::Integer(n) => n.to_string(),
                            _ => "(không rõ)".to_owned(),
                        };
                        problems.push(DataProblem {
                            table: t.table.to_owned(),
                            table_label: t.label.to_owned(),
                            record: shown_value(Some(&record)),
                            field: c.field.to_owned(),
                            value: shown(value),
                            problem,
                            // A NULL where the reader needs a value leaves the row out too.
                            left_out: leaves_row_out(c.kind) || matches!(value, ValueRef::Null),
                        });
                    }
                }
            }
        }
        for (key, field, parses) in JSON_SETTINGS {
            if let Some(value) = self.setting(key)?
                && let Err(problem) = parses(&value)
            {
                problems.push(DataProblem {
                    table: "setting".to_owned(),
                    table_label: "Cài đặt".to_owned(),
                    record: (*key).to_owned(),
                    field: (*field).to_owned(),
                    value: shown_value(Some(&value)),
                    problem,
                    // A broken setting is refused where it is read, not skipped.
                    left_out: false,
                });
            }
        }
        problems.extend(self.counter_problems()?);
        problems.extend(self.attachment_name_problems()?);
        Ok(problems)
    }

    /// The counters new codes are numbered from: a value that is not a positive whole number
    /// would stop the next "Thêm" with an error nobody could place.
    fn counter_problems(&self) -> StoreResult<Vec<DataProblem>> {
        let mut st = self.conn().prepare(
            "SELECT key, value FROM setting
             WHERE key = 'establishment.next_number' OR key LIKE 'project.next_number.%'
             ORDER BY key",
        )?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .filter(|(_, value)| !value.trim().parse::<i64>().is_ok_and(|n| n >= 1))
            .map(|(key, value)| DataProblem {
                table: "setting".to_owned(),
                table_label: "Cài đặt".to_owned(),
                record: key,
                field: "số thứ tự của mã tiếp theo".to_owned(),
                value: shown_value(Some(&value)),
                problem: "không phải số nguyên dương, nên chưa cấp được mã mới".to_owned(),
                left_out: false,
            })
            .collect())
    }

    /// Attachments whose stored name is not a plain file name inside `ho-so/` (`../x.sh`, an
    /// absolute path): "Mở" refuses them; here they are named so someone can fix the record.
    fn attachment_name_problems(&self) -> StoreResult<Vec<DataProblem>> {
        let mut st = self.conn().prepare(
            "SELECT p.code || ' / ' || a.file_name, a.stored_name
             FROM attachment a JOIN project p ON p.id = a.project_id
             WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY p.code",
        )?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(record, stored)| {
                stored_name_problem(&stored).map(|problem| DataProblem {
                    table: "attachment".to_owned(),
                    table_label: "Hồ sơ đính kèm".to_owned(),
                    record,
                    field: "tên tệp lưu trong ho-so".to_owned(),
                    value: shown_value(Some(&stored)),
                    problem,
                    left_out: false,
                })
            })
            .collect())
    }

    /// How many rows of `tables` the readers leave out because they cannot be decoded.
    pub fn left_out_rows(&self, tables: &[&str]) -> StoreResult<usize> {
        let problems = self.data_problems()?;
        let mut rows: Vec<(&str, &str)> = problems
            .iter()
            .filter(|p| p.left_out && tables.contains(&p.table.as_str()))
            .map(|p| (p.table.as_str(), p.record.as_str()))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        Ok(rows.len())
    }
}

/// Child rows whose parent is gone, or deleted while the child still counts: each query returns
/// the record, the field and the parent's id.
const ORPHANS: &[(&str, &str, &str, &str)] = &[
    (
        "payment",
        "Thanh toán của đề án",
        "đề án",
        "SELECT c.id, c.project_id FROM payment c LEFT JOIN project p ON p.id = c.project_id
         WHERE p.id IS NULL",
    ),
    (
        "attachment",
        "Hồ sơ đính kèm",
        "đề án",
        "SELECT c.file_name, c.project_id FROM attachment c
         LEFT JOIN project p ON p.id = c.project_id WHERE p.id IS NULL",
    ),
    (
        "project_commune",
        "Xã của đề án",
        "đề án",
        "SELECT c.commune_code, c.project_id FROM project_commune c
         LEFT JOIN project p ON p.id = c.project_id WHERE p.id IS NULL",
    ),
    (
        "project_beneficiary",
        "Cơ sở thụ hưởng của đề án",
        "đề án",
        "SELECT c.establishment_id, c.project_id FROM project_beneficiary c
         LEFT JOIN project p ON p.id = c.project_id WHERE p.id IS NULL",
    ),
    (
        "project_beneficiary",
        "Cơ sở thụ hưởng của đề án",
        "cơ sở CNNT",
        "SELECT COALESCE(p.code, c.project_id), c.establishment_id FROM project_beneficiary c
         JOIN project p ON p.id = c.project_id AND p.deleted_at IS NULL
         LEFT JOIN establishment e ON e.id = c.establishment_id
         WHERE e.id IS NULL OR e.deleted_at IS NOT NULL",
    ),
    (
        "budget_change",
        "Điều chỉnh dự toán",
        "dòng dự toán",
        "SELECT c.id, c.line_id FROM budget_change c LEFT JOIN budget_line l ON l.id = c.line_id
         WHERE l.id IS NULL",
    ),
    (
        "reallocation",
        "Điều chuyển kinh phí",
        "đề án chuyển đi",
        "SELECT c.id, c.from_project FROM reallocation c
         LEFT JOIN project p ON p.id = c.from_project WHERE p.id IS NULL OR p.deleted_at IS NOT NULL",
    ),
    (
        "reallocation",
        "Điều chuyển kinh phí",
        "đề án nhận",
        "SELECT c.id, c.to_project FROM reallocation c
         LEFT JOIN project p ON p.id = c.to_project WHERE p.id IS NULL OR p.deleted_at IS NOT NULL",
    ),
];

/// A column of any type as text, for naming records.
fn as_text(value: ValueRef) -> String {
    match value {
        ValueRef::Text(b) => String::from_utf8_lossy(b).into_owned(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Null => "(trống)".to_owned(),
        other => shown(other),
    }
}

impl Store {
    /// Child rows whose parent record is missing, or deleted while the child still counts (a
    /// beneficiary that is a deleted establishment, a reallocation to a deleted project).
    pub fn orphan_rows(&self) -> StoreResult<Vec<DataProblem>> {
        let mut problems = Vec::new();
        for (table, label, parent, sql) in ORPHANS {
            let mut st = self.conn().prepare(sql)?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let parent_id = as_text(r.get_ref(1)?);
                problems.push(DataProblem {
                    table: (*table).to_owned(),
                    table_label: (*label).to_owned(),
                    record: shown_value(Some(&as_text(r.get_ref(0)?))),
                    field: (*parent).to_owned(),
                    value: shown_value(Some(&parent_id)),
                    problem: format!(
                        "{parent} mà bản ghi này thuộc về không còn (đã xóa hoặc mất)"
                    ),
                    left_out: false,
                });
            }
        }
        Ok(problems)
    }

    /// SQLite's `foreign_key_check`: rows pointing at a record that is not in the parent table.
    pub fn foreign_key_violations(&self) -> StoreResult<Vec<DataProblem>> {
        let mut st = self.conn().prepare("PRAGMA foreign_key_check")?;
        let mut rows = st.query([])?;
        let mut problems = Vec::new();
        while let Some(r) = rows.next()? {
            let table = as_text(r.get_ref(0)?);
            let parent = as_text(r.get_ref(2)?);
            problems.push(DataProblem {
                table_label: format!("Bảng {table}"),
                table,
                record: format!("dòng số {}", as_text(r.get_ref(1)?)),
                field: format!("liên kết tới bảng {parent}"),
                value: "—".to_owned(),
                problem: format!("trỏ tới bản ghi không có trong bảng {parent}"),
                left_out: false,
            });
        }
        Ok(problems)
    }
}
