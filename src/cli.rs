//! The command line: the same code paths as the window, for scripts and checks. Messages are
//! Vietnamese; errors exit non-zero.

use std::path::{Path, PathBuf};

pub use crate::service::balance_report::BalanceReport;
pub use crate::service::check::CheckReport;
pub use crate::service::report_output::{DraftFill, ReportRequest};
use crate::service::{Service, ServiceResult, Session};
use crate::text::number::format_integer;

/// Usage text, printed by `khuyencong --help` and after a command-line mistake.
pub const USAGE: &str = "Sổ Khuyến công — cách dùng:
  khuyencong [--db TỆP] [--renderer wgpu|glow]
        mở cửa sổ làm việc (mặc định: tệp dữ liệu trong thư mục dữ liệu của người dùng)
  khuyencong demo --db TỆP [--establishments N] [--projects M] [--years 2021-2026]
                  [--seed S] [--province MÃ_TỈNH] [--bat-thuong]
        tạo tệp dữ liệu mẫu mới với N cơ sở (mặc định 2.000, tối đa 1.000.000; tỉnh 38 Thanh
        Hóa) và M đề án (mặc định N/10, tối đa 200.000) trải trên các năm kế hoạch (mặc định từ
        2021 đến năm sau, tối đa 30 năm: đề án năm sau là đề xuất đang đăng ký kế hoạch);
        --bat-thuong cài thêm vài lỗi vào đề án (hỗ trợ vượt mức) để thử phần kiểm tra
  khuyencong check --db TỆP [--json]
        kiểm tra tính toàn vẹn và dữ liệu của tệp; mã thoát 0 khi tệp tốt
  khuyencong balance --db TỆP --year NĂM [--json]
        cân đối kinh phí của năm theo nguồn: kế hoạch giao, đã phân bổ, chưa phân bổ, tạm ứng,
        giải ngân, quyết toán (cùng số liệu với màn hình Kế hoạch & cân đối)
  khuyencong backup --db TỆP --out TỆP_SAO_LƯU [--ghi-de]
        sao lưu tệp dữ liệu (kể cả khi phần mềm đang mở); không ghi đè TỆP_SAO_LƯU đã có,
        trừ khi thêm --ghi-de
  khuyencong report --db TỆP --kind quy|6thang|nam|dangky --year NĂM [--quarter Q]
                    [--so SỐ] [--ngay DD/MM/YYYY] [--nguoi-ky \"HỌ TÊN\"]
                    [--quyen-han kt|tm|q|tl|tuq|truc-tiep] [--chuc-vu \"CHỨC VỤ\"]
                    --out TỆP.pdf [--xlsx TỆP.xlsx]
        báo cáo gửi Bộ Công Thương theo Nghị định 30/2020 (PDF, kèm phụ lục XLSX): quý (cần
        --quarter), 6 tháng, năm, hoặc danh mục đề án đăng ký kế hoạch của năm NĂM. Không có
        --so, --ngay thì để trống số, ngày, tháng cho Văn thư điền. --quyen-han: kt (ký thay),
        tm (thay mặt), q (quyền), tl (thừa lệnh), tuq (thừa ủy quyền), truc-tiep (người đứng
        đầu ký), ví dụ --quyen-han kt --chuc-vu \"Phó Giám đốc\" in \"KT. GIÁM ĐỐC\" / \"PHÓ GIÁM
        ĐỐC\"; người ký, chức vụ mặc định lấy từ thông tin mặc định của đơn vị
  khuyencong report --db TỆP --bao-cao SỐ [--year NĂM] --out TỆP.pdf [--xlsx TỆP.xlsx]
        in báo cáo đã lưu trong tệp dữ liệu có số SỐ (báo cáo đã chốt in số liệu lúc chốt);
        --year chọn theo năm ban hành khi nhiều báo cáo cùng số
  khuyencong bang-chu SỐ_TIỀN
        viết số tiền (đồng) bằng chữ, ví dụ 1.005 → Một nghìn không trăm linh năm đồng
  khuyencong --help
        in hướng dẫn này

Khi có lỗi, chi tiết kỹ thuật được ghi vào tệp nhật ký (đặt nơi khác bằng biến môi trường
KHUYENCONG_NHAT_KY); gửi tệp đó cho người hỗ trợ kỹ thuật.";

/// The most establishments `demo` makes: a province's worth several times over. More would
/// only exhaust the memory (a billion asked for 592 GB) after the file was already created.
pub const DEMO_MAX_ESTABLISHMENTS: usize = 1_000_000;
/// The most projects `demo` makes.
pub const DEMO_MAX_PROJECTS: usize = 200_000;
/// The most plan years `demo` spreads them over.
pub const DEMO_MAX_YEARS: i32 = 30;

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Window {
        db: Option<PathBuf>,
        renderer: Option<String>,
    },
    Demo {
        db: PathBuf,
        establishments: usize,
        projects: Option<usize>,
        years: (i32, i32),
        seed: u64,
        province: String,
        /// `--bat-thuong`: plant mistakes in the projects for the checks to find.
        anomalies: bool,
    },
    Check {
        db: PathBuf,
        json: bool,
    },
    Backup {
        db: PathBuf,
        out: PathBuf,
        /// `--ghi-de`: replace `out` when it already exists.
        overwrite: bool,
    },
    Balance {
        db: PathBuf,
        year: i32,
        json: bool,
    },
    /// `report`: the official report — a completed draft of a kind and year, or a saved
    /// report by its number — as PDF (and XLSX).
    Report {
        db: PathBuf,
        request: ReportRequest,
        out: PathBuf,
        xlsx: Option<PathBuf>,
    },
    /// `bang-chu`: an amount in đồng to write in words.
    AmountInWords {
        amount: i64,
    },
    Help,
}

/// A command-line mistake, described in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

struct Args {
    rest: Vec<String>,
}

impl Args {
    fn value(&mut self, flag: &str) -> Result<Option<String>, UsageError> {
        let Some(pos) = self.rest.iter().position(|a| a == flag) else {
            return Ok(None);
        };
        if pos + 1 >= self.rest.len() || self.rest[pos + 1].starts_with("--") {
            return Err(UsageError(format!("Thiếu giá trị sau {flag}.")));
        }
        let value = self.rest.remove(pos + 1);
        self.rest.remove(pos);
        Ok(Some(value))
    }

    fn flag(&mut self, flag: &str) -> bool {
        match self.rest.iter().position(|a| a == flag) {
            Some(pos) => {
                self.rest.remove(pos);
                true
            }
            None => false,
        }
    }

    fn required(&mut self, flag: &str, command: &str) -> Result<String, UsageError> {
        self.value(flag)?
            .ok_or_else(|| UsageError(format!("Lệnh {command} cần {flag}.")))
    }

    fn number<T: std::str::FromStr>(&mut self, flag: &str, default: T) -> Result<T, UsageError> {
        match self.value(flag)? {
            None => Ok(default),
            Some(v) => v
                .replace('.', "")
                .parse()
                .map_err(|_| UsageError(format!("{flag}: \"{v}\" không phải là số hợp lệ."))),
        }
    }

    fn finish(self) -> Result<(), UsageError> {
        match self.rest.first() {
            None => Ok(()),
            Some(extra) => Err(UsageError(format!("Không hiểu tham số \"{extra}\"."))),
        }
    }
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let mut a = Args {
        rest: args.to_vec(),
    };
    if a.flag("--help") || a.flag("-h") || a.rest.first().is_some_and(|s| s == "help") {
        return Ok(Command::Help);
    }
    let sub = a.rest.first().filter(|s| !s.starts_with("--")).cloned();
    if sub.is_some() {
        a.rest.remove(0);
    }
    let command = match sub.as_deref() {
        None => Command::Window {
            db: a.value("--db")?.map(PathBuf::from),
            renderer: match a.value("--renderer")? {
                Some(r) if r == "wgpu" || r == "glow" => Some(r),
                Some(r) => {
                    return Err(UsageError(format!(
                        "--renderer: \"{r}\" không hợp lệ; chọn wgpu hoặc glow."
                    )));
                }
                None => None,
            },
        },
        Some("demo") => {
            let establishments = a.number("--establishments", 2_000)?;
            at_most("--establishments", establishments, DEMO_MAX_ESTABLISHMENTS)?;
            let projects = match a.value("--projects")? {
                None => None,
                Some(v) => Some(v.replace('.', "").parse().map_err(|_| {
                    UsageError(format!("--projects: \"{v}\" không phải là số hợp lệ."))
                })?),
            };
            if let Some(m) = projects {
                at_most("--projects", m, DEMO_MAX_PROJECTS)?;
            }
            let years = match a.value("--years")? {
                // Up to next year, so the plan registration has proposals to show.
                None => (2021, chrono::Datelike::year(&chrono::Local::now()) + 1),
                Some(v) => parse_years(&v)?,
            };
            if years.1 - years.0 >= DEMO_MAX_YEARS {
                return Err(UsageError(format!(
                    "--years: lệnh demo trải đề án trên tối đa {DEMO_MAX_YEARS} năm kế hoạch."
                )));
            }
            Command::Demo {
                db: a.required("--db", "demo")?.into(),
                establishments,
                projects,
                years,
                seed: a.number("--seed", 1)?,
                anomalies: a.flag("--bat-thuong"),
                province: a.value("--province")?.unwrap_or_else(|| "38".into()),
            }
        }
        Some("check") => Command::Check {
            db: a.required("--db", "check")?.into(),
            json: a.flag("--json"),
        },
        Some("balance") => Command::Balance {
            db: a.required("--db", "balance")?.into(),
            year: {
                let text = a.required("--year", "balance")?;
                parse_years(&text).map(|(y, _)| y)?
            },
            json: a.flag("--json"),
        },
        Some("backup") => Command::Backup {
            db: a.required("--db", "backup")?.into(),
            out: a.required("--out", "backup")?.into(),
            overwrite: a.flag("--ghi-de"),
        },
        Some("report") => {
            let db = a.required("--db", "report")?.into();
            let request = match a.value("--bao-cao")? {
                Some(number) => saved_report_request(&mut a, number)?,
                None => draft_request(&mut a)?,
            };
            Command::Report {
                db,
                request,
                out: a.required("--out", "report")?.into(),
                xlsx: a.value("--xlsx")?.map(PathBuf::from),
            }
        }
        Some("bang-chu") => Command::AmountInWords {
            amount: parse_amount(&mut a)?,
        },
        Some(other) => return Err(UsageError(format!("Không có lệnh \"{other}\"."))),
    };
    a.finish()?;
    Ok(command)
}

/// The flags that fill a draft in; `--bao-cao` prints a saved report as it was saved.
const DRAFT_FLAGS: [&str; 7] = [
    "--kind",
    "--quarter",
    "--so",
    "--ngay",
    "--nguoi-ky",
    "--quyen-han",
    "--chuc-vu",
];

/// `report --bao-cao SỐ [--year NĂM]`.
fn saved_report_request(a: &mut Args, number: String) -> Result<ReportRequest, UsageError> {
    let number = number.trim().to_owned();
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return Err(UsageError(format!(
            "--bao-cao: \"{number}\" không hợp lệ; ghi số của báo cáo đã lưu, ví dụ --bao-cao 15."
        )));
    }
    if let Some(flag) = DRAFT_FLAGS.iter().find(|f| a.rest.iter().any(|r| r == *f)) {
        return Err(UsageError(format!(
            "{flag} không dùng cùng --bao-cao: báo cáo đã lưu được in đúng như đã lưu; hãy sửa \
             nó trong màn hình Báo cáo."
        )));
    }
    let year = match a.value("--year")? {
        Some(text) => Some(parse_years(&text).map(|(y, _)| y)?),
        None => None,
    };
    Ok(ReportRequest::Saved { number, year })
}

/// `report --kind … --year …` with what the flags fill in.
fn draft_request(a: &mut Args) -> Result<ReportRequest, UsageError> {
    let kind_text = a.required("--kind", "report")?;
    let quarter = match a.value("--quarter")? {
        None => None,
        Some(q) => Some(q.parse::<u8>().map_err(|_| {
            UsageError(format!(
                "--quarter: \"{q}\" không hợp lệ; dùng 1, 2, 3 hoặc 4."
            ))
        })?),
    };
    let kind = crate::report::ReportKind::from_cli(&kind_text, quarter)
        .map_err(|e| UsageError(e.to_string()))?;
    let year = {
        let text = a.required("--year", "report")?;
        parse_years(&text).map(|(y, _)| y)?
    };
    let number = match a.value("--so")? {
        None => None,
        Some(number) => {
            let number = number.trim().to_owned();
            if number.is_empty() || number.len() > 6 || !number.chars().all(|c| c.is_ascii_digit())
            {
                return Err(UsageError(format!(
                    "--so: \"{number}\" không hợp lệ; số văn bản là số thứ tự Văn thư cấp, ví \
                     dụ --so 15 (ký hiệu lấy từ thông tin mặc định của đơn vị)."
                )));
            }
            Some(number)
        }
    };
    let date = match a.value("--ngay")? {
        None => None,
        Some(text) => Some(crate::text::parse_date(&text).map_err(|e| {
            UsageError(format!(
                "--ngay: \"{text}\" không hợp lệ ({e}); dùng DD/MM/YYYY, ví dụ 05/01/2027."
            ))
        })?),
    };
    let signer_name = match a.value("--nguoi-ky")? {
        Some(name) if name.trim().is_empty() => {
            return Err(UsageError(
                "--nguoi-ky: cần họ tên người ký, ví dụ --nguoi-ky \"Nguyễn Văn An\".".into(),
            ));
        }
        name => name.map(|n| crate::text::nfc(n.trim())),
    };
    let authority = match a.value("--quyen-han")? {
        None => None,
        Some(text) => Some(
            crate::domain::report::Authority::parse(&text.replace(['-', '_'], " ")).ok_or_else(
                || {
                    UsageError(format!(
                        "--quyen-han: \"{text}\" không hợp lệ; dùng kt (ký thay), tm (thay mặt), \
                         q (quyền), tl (thừa lệnh), tuq (thừa ủy quyền) hoặc truc-tiep (người \
                         đứng đầu ký)."
                    ))
                },
            )?,
        ),
    };
    let position = match a.value("--chuc-vu")? {
        Some(position) if position.trim().is_empty() => {
            return Err(UsageError(
                "--chuc-vu: cần chức vụ người ký, ví dụ --chuc-vu \"Phó Giám đốc\".".into(),
            ));
        }
        position => position.map(|p| crate::text::nfc(p.trim())),
    };
    Ok(ReportRequest::Draft {
        kind,
        year,
        fill: DraftFill {
            number,
            date,
            signer_name,
            authority,
            position,
        },
    })
}

/// Takes the amount of `bang-chu` from the positional arguments. They are joined with spaces,
/// so "1 005" typed without quotes (two arguments to the shell) still reads as 1.005.
fn parse_amount(a: &mut Args) -> Result<i64, UsageError> {
    let (parts, rest): (Vec<String>, Vec<String>) =
        a.rest.drain(..).partition(|s| !s.starts_with("--"));
    a.rest = rest;
    let text = parts.join(" ");
    if text.is_empty() {
        return Err(UsageError(
            "Lệnh bang-chu cần SỐ_TIỀN, ví dụ: khuyencong bang-chu 1.005".into(),
        ));
    }
    crate::text::number::parse_integer(&text)
        .map_err(|e| UsageError(format!("SỐ_TIỀN \"{text}\" không hợp lệ: {e}.")))
}

/// Refuses a count above `max`, before anything is created.
fn at_most(flag: &str, value: usize, max: usize) -> Result<(), UsageError> {
    if value > max {
        return Err(UsageError(format!(
            "{flag}: {} vượt quá giới hạn {} của lệnh demo; chưa tạo tệp nào.",
            format_count(value),
            format_count(max)
        )));
    }
    Ok(())
}

/// A count with Vietnamese digit grouping, even one beyond `i64`.
fn format_count(n: usize) -> String {
    i64::try_from(n).map_or_else(|_| n.to_string(), format_integer)
}

/// Reads "2021-2026" (or a single year).
fn parse_years(text: &str) -> Result<(i32, i32), UsageError> {
    let bad = || {
        UsageError(format!(
            "--years: \"{text}\" không hợp lệ; ví dụ 2021-2026."
        ))
    };
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let from: i32 = a.trim().parse().map_err(|_| bad())?;
    let to: i32 = b.trim().parse().map_err(|_| bad())?;
    if !(2000..=2100).contains(&from) || to < from || to > 2100 {
        return Err(bad());
    }
    Ok((from, to))
}

/// Where the database lives when `--db` is not given: the per-user local data folder
/// (Windows: %LOCALAPPDATA%\KhuyenCong\SoKhuyenCong\data; Linux: ~/.local/share/sokhuyencong).
pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("vn", "KhuyenCong", "SoKhuyenCong")
        .map(|d| d.data_local_dir().join("khuyencong.db"))
        .unwrap_or_else(|| PathBuf::from("khuyencong.db"))
}

/// The session of a command: the logged-in user, judged on `today`.
fn session(today: chrono::NaiveDate) -> Session {
    Session::for_logged_in_user(today)
}

/// `khuyencong demo`: refuses an existing file with data, so nothing is ever overwritten.
#[allow(clippy::too_many_arguments)] // one per option of the command
pub fn run_demo(
    db: &Path,
    count: usize,
    projects: Option<usize>,
    years: (i32, i32),
    seed: u64,
    province: &str,
    anomalies: bool,
    today: chrono::NaiveDate,
) -> ServiceResult<String> {
    let started = std::time::Instant::now();
    let progress = |done: usize| {
        eprintln!(
            "  đã tạo {} / {} cơ sở…",
            format_integer(done as i64),
            format_integer(count as i64)
        );
    };
    let project_count = projects.unwrap_or(count / 10);
    let (n, m) = crate::service::demo::fill_new_file(
        db,
        province,
        (count, project_count),
        years,
        seed,
        anomalies,
        today,
        progress,
    )?;
    Ok(format!(
        "Đã tạo {} cơ sở và {} đề án mẫu ({}–{}) của tỉnh mã {province} trong {} (hạt giống {seed}) sau {} giây.",
        format_integer(n as i64),
        format_integer(m as i64),
        years.0,
        years.1,
        db.display(),
        // Tenths of a second with the Vietnamese decimal comma: "1,2 giây".
        format!("{:.1}", started.elapsed().as_secs_f64()).replace('.', ",")
    ))
}

/// A command's result as JSON for scripts (`--json`).
pub fn to_json<T: serde::Serialize>(value: &T) -> ServiceResult<String> {
    serde_json::to_string_pretty(value).map_err(|e| {
        crate::support_log::record("Viết kết quả JSON", &e);
        crate::service::ServiceError::Refused("Không viết được kết quả dạng JSON.".into())
    })
}

/// `khuyencong check`.
pub fn run_check(db: &Path, today: chrono::NaiveDate) -> ServiceResult<CheckReport> {
    Service::open_for_reading(db, session(today))?.check()
}

/// `khuyencong balance`: the balance of a year per source, as the screen shows it.
pub fn run_balance(db: &Path, year: i32, today: chrono::NaiveDate) -> ServiceResult<BalanceReport> {
    Service::open_for_reading(db, session(today))?.balance_report(year)
}

/// `khuyencong report`: the official report as PDF (and XLSX).
pub fn run_report(
    db: &Path,
    request: &ReportRequest,
    today: chrono::NaiveDate,
    out: &Path,
    xlsx: Option<&Path>,
) -> ServiceResult<String> {
    let service = Service::open_for_reading(db, session(today))?;
    let written = service.write_report_files(request, out, xlsx)?;
    // Figures computed without unreadable rows say so, where the person reads the result.
    Ok(
        match crate::domain::data_problem::left_out_warning(service.balance_left_out()?) {
            Some(warning) => format!("{written}\nCảnh báo: {warning}"),
            None => written,
        },
    )
}

/// `khuyencong backup`: an online copy, safe while the app has the file open. An existing
/// `out` is replaced only with `overwrite` (`--ghi-de`): a mistyped name once replaced a
/// .docx. The database itself is never a destination.
pub fn run_backup(
    db: &Path,
    out: &Path,
    overwrite: bool,
    today: chrono::NaiveDate,
) -> ServiceResult<String> {
    let same_file = match (std::fs::canonicalize(db), std::fs::canonicalize(out)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same_file {
        return Err(crate::service::ServiceError::Refused(format!(
            "Tệp sao lưu {} chính là tệp dữ liệu; hãy chọn một tệp khác.",
            out.display()
        )));
    }
    if out.exists() && !overwrite {
        return Err(crate::service::ServiceError::Refused(format!(
            "Tệp {} đã có; lệnh backup không ghi đè tệp có sẵn. Hãy chọn tên khác, hoặc thêm \
             --ghi-de nếu muốn thay tệp đó.",
            out.display()
        )));
    }
    Service::open_existing(db, session(today))?.backup_to(out)?;
    Ok(format!(
        "Đã sao lưu {} vào {}.",
        db.display(),
        out.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn parses_subcommands() {
        assert_eq!(
            parse(&args(
                "demo --db a.db --establishments 200.000 --seed 7 --years 2021-2026"
            )),
            Ok(Command::Demo {
                db: "a.db".into(),
                establishments: 200_000,
                projects: None,
                years: (2021, 2026),
                seed: 7,
                province: "38".into(),
                anomalies: false
            })
        );
        assert_eq!(
            parse(&args("check --db a.db --json")),
            Ok(Command::Check {
                db: "a.db".into(),
                json: true
            })
        );
        assert_eq!(
            parse(&args("--db x.db --renderer glow")),
            Ok(Command::Window {
                db: Some("x.db".into()),
                renderer: Some("glow".into())
            })
        );
        assert_eq!(parse(&args("--help")), Ok(Command::Help));
        for amount in ["1005", "1.005", "1 005"] {
            assert_eq!(
                parse(&["bang-chu".to_owned(), amount.to_owned()]),
                Ok(Command::AmountInWords { amount: 1005 }),
                "{amount}"
            );
        }
        assert_eq!(
            parse(&args("bang-chu 1 005")),
            Ok(Command::AmountInWords { amount: 1005 })
        );
        assert_eq!(
            parse(&args("bang-chu -2.000")),
            Ok(Command::AmountInWords { amount: -2000 })
        );
    }

    #[test]
    fn report_flags_complete_the_draft() {
        let parsed = parse(
            &[
                "report",
                "--db",
                "a.db",
                "--kind",
                "quy",
                "--quarter",
                "1",
                "--year",
                "2026",
                "--so",
                "15",
                "--ngay",
                "05/02/2026",
                "--nguoi-ky",
                "Lê Văn Bình",
                "--quyen-han",
                "ký thay",
                "--chuc-vu",
                "Phó Giám đốc",
                "--out",
                "r.pdf",
            ]
            .map(str::to_owned),
        );
        let Ok(Command::Report {
            request: ReportRequest::Draft { kind, year, fill },
            ..
        }) = parsed
        else {
            panic!("{parsed:?}");
        };
        assert_eq!((kind, year), (crate::report::ReportKind::Quarter(1), 2026));
        assert_eq!(fill.number.as_deref(), Some("15"));
        assert_eq!(fill.date, chrono::NaiveDate::from_ymd_opt(2026, 2, 5));
        assert_eq!(fill.signer_name.as_deref(), Some("Lê Văn Bình"));
        assert_eq!(
            fill.authority,
            Some((crate::domain::report::Authority::Deputy, String::new()))
        );
        assert_eq!(fill.position.as_deref(), Some("Phó Giám đốc"));
        assert_eq!(
            parse(&args(
                "report --db a.db --bao-cao 15 --year 2026 --out r.pdf"
            )),
            Ok(Command::Report {
                db: "a.db".into(),
                request: ReportRequest::Saved {
                    number: "15".into(),
                    year: Some(2026)
                },
                out: "r.pdf".into(),
                xlsx: None
            })
        );
        for (line, flag) in [
            (
                "report --db a --kind nam --year 2026 --so 1a --out r.pdf",
                "--so",
            ),
            (
                "report --db a --kind nam --year 2026 --ngay 31/02/2026 --out r.pdf",
                "--ngay",
            ),
            (
                "report --db a --kind nam --year 2026 --ngay 5/1/26 --out r.pdf",
                "--ngay",
            ),
            (
                "report --db a --kind nam --year 2026 --quyen-han pho --out r.pdf",
                "--quyen-han",
            ),
            ("report --db a --bao-cao x --out r.pdf", "--bao-cao"),
            ("report --db a --bao-cao 15 --so 16 --out r.pdf", "--so"),
        ] {
            let message = parse(&args(line)).expect_err(line).0;
            assert!(message.starts_with(flag), "{line}: {message}");
        }
    }

    #[test]
    fn mistakes_are_explained_in_vietnamese() {
        assert_eq!(
            parse(&args("backup --db a.db")),
            Err(UsageError("Lệnh backup cần --out.".into()))
        );
        assert!(
            parse(&args("demo --db"))
                .unwrap_err()
                .0
                .contains("Thiếu giá trị")
        );
        assert!(
            parse(&args("xoa --db a"))
                .unwrap_err()
                .0
                .contains("Không có lệnh")
        );
        assert!(
            parse(&args("check --db a.db --nhanh"))
                .unwrap_err()
                .0
                .contains("Không hiểu")
        );
        assert!(parse(&args("--renderer vulkan")).is_err());
        assert!(
            parse(&args("demo --db a --years 2026-2021"))
                .unwrap_err()
                .0
                .contains("--years")
        );
        assert_eq!(
            parse(&args("bang-chu 1,5")),
            Err(UsageError(
                "SỐ_TIỀN \"1,5\" không hợp lệ: phải là số nguyên, không có phần thập phân.".into()
            ))
        );
        assert!(
            parse(&args("bang-chu"))
                .unwrap_err()
                .0
                .contains("cần SỐ_TIỀN")
        );
        assert!(
            parse(&args("bang-chu 5 --json"))
                .unwrap_err()
                .0
                .contains("Không hiểu tham số \"--json\"")
        );
        for too_many in [
            "demo --db a --establishments 18446744073709551615",
            "demo --db a --establishments 1000000000",
            "demo --db a --projects 1.000.000",
            "demo --db a --years 2000-2100",
        ] {
            let message = parse(&args(too_many)).expect_err(too_many).0;
            assert!(message.contains("lệnh demo"), "{message}");
        }
        assert_eq!(
            parse(&args("backup --db a.db --out b.db --ghi-de")),
            Ok(Command::Backup {
                db: "a.db".into(),
                out: "b.db".into(),
                overwrite: true
            })
        );
        assert!(matches!(
            parse(&args("demo --db a --projects 500 --years 2024")),
            Ok(Command::Demo {
                projects: Some(500),
                years: (2024, 2024),
                ..
            })
        ));
    }
}
