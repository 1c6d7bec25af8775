//! Build script: the build date for "Giới thiệu", and on Windows the exe's icon, version
//! information and manifest. It needs no crate and, on Linux, no program: the Windows resources
//! are compiled with MinGW's `windres` only when the target is Windows (the cross-build already
//! needs MinGW for its linker), so `cargo test` on Linux still needs no system package.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rustc-env=KHUYENCONG_BUILD_DATE={}", build_date());

    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        windows_resources();
    }
}

/// The build date as dd/mm/yyyy. SOURCE_DATE_EPOCH (the release script sets it to the commit's
/// time) makes two builds of one commit say the same; otherwise the day this script last ran.
fn build_date() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    // Vietnam's time (UTC+7, no daylight saving): a build at 23:30 UTC is already the next day there.
    let (y, m, d) = civil_from_days((seconds + 7 * 3600).div_euclid(86_400));
    format!("{d:02}/{m:02}/{y}")
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar (Howard
/// Hinnant's algorithm), so the script needs no date crate.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Compiles the icon, the version information and the manifest into a COFF object and links it
/// into the exe. Without windres the exe still builds (with a warning), without an icon: the
/// release script checks for windres before it starts, so a shipped exe always has them.
fn windows_resources() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let icon = root.join("assets/icon/khuyencong.ico");
    let manifest = root.join("packaging/windows/khuyencong.exe.manifest");
    println!("cargo:rerun-if-changed={}", icon.display());
    println!("cargo:rerun-if-changed={}", manifest.display());
    println!("cargo:rerun-if-env-changed=WINDRES");

    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let rc = out.join("khuyencong.rc");
    let object = out.join("khuyencong-resources.o");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    if let Err(e) = std::fs::write(&rc, resource_script(&version, &icon, &manifest)) {
        println!("cargo:warning=cannot write {}: {e}", rc.display());
        return;
    }

    let windres = std::env::var("WINDRES").unwrap_or_else(|_| {
        if cfg!(windows) {
            "windres".to_owned()
        } else {
            "x86_64-w64-mingw32-windres".to_owned()
        }
    });
    let status = Command::new(&windres)
        .args([
            "--codepage=65001",
            "--input-format=rc",
            "--output-format=coff",
            "-i",
        ])
        .arg(&rc)
        .arg("-o")
        .arg(&object)
        .status();
    match status {
        // An object file on the link line is always linked (an archive member nobody refers
        // to would be dropped): the resources reach the exe, and only the exe.
        Ok(s) if s.success() => println!("cargo:rustc-link-arg-bins={}", object.display()),
        Ok(s) => panic!("{windres} failed ({s}) on {}", rc.display()),
        Err(e) => println!(
            "cargo:warning={windres} not found ({e}): the exe is built without its icon and \
             version information; install mingw-w64 (Debian) to get them"
        ),
    }
}

/// The .rc text. Strings are UTF-8 (windres --codepage=65001); the block is Vietnamese (042A)
/// in Unicode (04B0) so Explorer's Details tab shows "Sổ Khuyến công" with its marks.
fn resource_script(version: &str, icon: &Path, manifest: &Path) -> String {
    let mut parts = version
        .split(['.', '-', '+'])
        .map(|p| p.parse::<u16>().unwrap_or(0))
        .chain(std::iter::repeat(0));
    let numeric: Vec<u16> = (0..4).map(|_| parts.next().unwrap_or(0)).collect();
    let numeric = format!(
        "{},{},{},{}",
        numeric[0], numeric[1], numeric[2], numeric[3]
    );
    let path = |p: &Path| p.display().to_string().replace('\\', "/");
    format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 24 "{manifest}"
1 VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "042A04B0"
    BEGIN
      VALUE "CompanyName", "Dự án Sổ Khuyến công"
      VALUE "FileDescription", "Sổ Khuyến công"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "khuyencong"
      VALUE "LegalCopyright", "Giấy phép MIT hoặc Apache-2.0"
      VALUE "OriginalFilename", "khuyencong.exe"
      VALUE "ProductName", "Sổ Khuyến công"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x042A, 1200
  END
END
"#,
        icon = path(icon),
        manifest = path(manifest),
    )
}
