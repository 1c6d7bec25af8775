//! `khuyencong check`: is the file sound, and what do the rules find in it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::cnnt_definition::CnntDefinition;
use crate::domain::data_problem::DataProblem;
use crate::domain::establishment_validation::{ValidationContext, validate_establishment};
use crate::domain::issue::Severity;
use crate::domain::probable_duplicate::{DuplicateRow, duplicates_among};
use crate::service::project_check::check_project;
use crate::service::{Service, ServiceResult};
use crate::text::number::format_integer;

/// What `khuyencong check` found.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub file: String,
    pub schema_version: i64,
    pub integrity: Vec<String>,
    pub tables: BTreeMap<String, i64>,
    pub establishments_checked: usize,
    pub errors: BTreeMap<String, usize>,
    pub warnings: BTreeMap<String, usize>,
    pub projects_checked: usize,
    pub project_errors: BTreeMap<String, usize>,
    pub project_warnings: BTreeMap<String, usize>,
    /// One example message per kind, to say what the kind means.
    pub examples: BTreeMap<String, String>,
    /// Rows pointing at a record that is not in the parent table (`PRAGMA foreign_key_check`).
    pub foreign_key_violations: Vec<DataProblem>,
    /// Child rows whose parent is gone or deleted while they still count.
    pub orphans: Vec<DataProblem>,
    /// Stored values the app cannot use (unknown codes, bad JSON, UUIDs, dates, NULLs, money out
    /// of bounds, hidden characters, broken settings and saved reports), each with its record.
    pub data_problems: Vec<DataProblem>,
    pub sound: bool,
}

impl Service {
    /// Every stored value the app cannot use as it is ("Dữ liệu cần sửa"), each with its record.
    pub fn data_problems(&self) -> ServiceResult<Vec<DataProblem>> {
        Ok(self.store.data_problems()?)
    }

    /// How many rows of `tables` lists and figures are computed without (they cannot be read).
    pub fn left_out_rows(&self, tables: &[&str]) -> ServiceResult<usize> {
        Ok(self.store.left_out_rows(tables)?)
    }

    /// `khuyencong check`: SQLite's integrity check, then every establishment and every project
    /// judged by the same rules as the forms (probable duplicates included; project warnings
    /// already accepted with a reason are not counted).
    pub fn check(&self) -> ServiceResult<CheckReport> {
        let store = &self.store;
        let reference = &self.reference;
        let today = self.session.today;
        let integrity = store.integrity_check()?;
        let tables: BTreeMap<String, i64> = store.table_counts()?.into_iter().collect();
        let definition = CnntDefinition::in_force(&reference.definitions, today);
        let records = store.all_establishments()?;
        let rows: Vec<DuplicateRow> = records.iter().map(DuplicateRow::of).collect();
        let duplicates = duplicates_among(&rows);

        let mut errors = BTreeMap::new();
        let mut warnings = BTreeMap::new();
        let mut examples = BTreeMap::new();
        for (i, e) in records.iter().enumerate() {
            // Every old commune of every province: records may come from before the merger.
            let legacy_known = e.legacy_commune_code.is_empty()
                || store.legacy_commune(&e.legacy_commune_code)?.is_some();
            let ctx = ValidationContext {
                today,
                province: reference.province(&e.province_code),
                commune: reference.commune(&e.commune_code),
                legacy_commune_known: legacy_known,
                industry: reference.industry(&e.industry_code),
                definition,
                duplicates: duplicates.get(&i).map_or(&[], Vec::as_slice),
            };
            for issue in validate_establishment(e, &ctx) {
                let counts = match issue.severity {
                    Severity::Error => &mut errors,
                    Severity::Warning => &mut warnings,
                };
                *counts.entry(issue.kind.to_owned()).or_insert(0usize) += 1;
                examples
                    .entry(issue.kind.to_owned())
                    .or_insert_with(|| format!("{}: {}", e.code, issue.message));
            }
        }
        let projects = store.all_projects()?;
        let mut project_errors = BTreeMap::new();
        let mut project_warnings = BTreeMap::new();
        for p in &projects {
            for issue in check_project(store, reference, p, today)? {
                // A warning the user already accepted with a reason is not news.
                if p.acceptance_of(&issue).is_some() {
                    continue;
                }
                let counts = match issue.severity {
                    Severity::Error => &mut project_errors,
                    Severity::Warning => &mut project_warnings,
                };
                *counts.entry(issue.kind.to_owned()).or_insert(0usize) += 1;
                examples
                    .entry(issue.kind.to_owned())
                    .or_insert_with(|| format!("{}: {}", p.code, issue.message));
            }
        }
        let foreign_key_violations = store.foreign_key_violations()?;
        let orphans = store.orphan_rows()?;
        let data_problems = store.data_problems()?;
        let sound = integrity == ["ok"]
            && errors.is_empty()
            && project_errors.is_empty()
            && foreign_key_violations.is_empty()
            && orphans.is_empty()
            && data_problems.is_empty();
        Ok(CheckReport {
            file: store.path().display().to_string(),
            schema_version: store.schema_version()?,
            integrity,
            tables,
            establishments_checked: records.len(),
            errors,
            warnings,
            projects_checked: projects.len(),
            project_errors,
            project_warnings,
            examples,
            foreign_key_violations,
            orphans,
            data_problems,
            sound,
        })
    }
}

impl CheckReport {
    /// The report as text for a person.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "Kiểm tra tệp: {}\nPhiên bản dữ liệu: {}\nTính toàn vẹn (SQLite): {}\n\nSố dòng theo bảng:\n",
            self.file,
            self.schema_version,
            if self.integrity == ["ok"] {
                "ổn".to_owned()
            } else {
                self.integrity.join("; ")
            }
        );
        for (table, n) in &self.tables {
            out.push_str(&format!("  {table:<20} {:>10}\n", format_integer(*n)));
        }
        let total = |m: &BTreeMap<String, usize>| m.values().sum::<usize>() as i64;
        out.push_str(&format!(
            "\nKiểm tra {} cơ sở CNNT: {} lỗi, {} cảnh báo\n",
            format_integer(self.establishments_checked as i64),
            format_integer(total(&self.errors)),
            format_integer(total(&self.warnings))
        ));
        self.push_counts(&mut out, &self.errors, &self.warnings);
        out.push_str(&format!(
            "\nKiểm tra {} đề án: {} lỗi, {} cảnh báo chưa được chấp nhận\n",
            format_integer(self.projects_checked as i64),
            format_integer(total(&self.project_errors)),
            format_integer(total(&self.project_warnings))
        ));
        self.push_counts(&mut out, &self.project_errors, &self.project_warnings);
        for (title, problems) in [
            (
                "Liên kết hỏng (foreign_key_check)",
                &self.foreign_key_violations,
            ),
            ("Bản ghi mồ côi", &self.orphans),
            ("Dữ liệu cần sửa", &self.data_problems),
        ] {
            out.push_str(&format!(
                "\n{title}: {}\n",
                if problems.is_empty() {
                    "không có".to_owned()
                } else {
                    format_integer(problems.len() as i64)
                }
            ));
            for p in problems {
                out.push_str(&format!("  {}\n", p.to_line()));
            }
        }
        out.push_str(if self.sound {
            "\nKết luận: tệp tốt.\n"
        } else {
            "\nKết luận: tệp có lỗi, cần xem lại.\n"
        });
        out
    }
}

impl CheckReport {
    fn push_counts(
        &self,
        out: &mut String,
        errors: &BTreeMap<String, usize>,
        warnings: &BTreeMap<String, usize>,
    ) {
        for (title, counts) in [("Lỗi", errors), ("Cảnh báo", warnings)] {
            if counts.is_empty() {
                continue;
            }
            out.push_str(&format!("  {title}:\n"));
            for (kind, n) in counts {
                out.push_str(&format!(
                    "    {kind:<28} {:>8}\n",
                    format_integer(*n as i64)
                ));
                if let Some(example) = self.examples.get(kind) {
                    out.push_str(&format!("      ví dụ: {example}\n"));
                }
            }
        }
    }
}
